/*
 * office.h - what the office stages of every programme family share: loading
 * a programme for its office or its leadership group, checking the current
 * stage's kind, the public reference of an application in a draw ("A<id>"),
 * loading a track's rubric, and publishing a stage's list of applications as
 * a notice.
 */
#ifndef PX_APP_PROGRAMME_OFFICE_H
#define PX_APP_PROGRAMME_OFFICE_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "app/app.h"
#include "app/programme/programme.h"
#include "core/rubric.h"

/*
 * Load programme `id` (into *p, release with programme_release) and check the
 * actor is its office: PX_ENOTFOUND when absent, PX_EFORBIDDEN otherwise.
 */
int programme_load_office(struct store_conn *c, const struct app_actor *actor, int64_t id,
		      struct programme *p, struct px_err *err);

/* Is the actor of the leadership group (领导小组) of the programme's region (or the CLI)? */
bool programme_is_leader(const struct programme *p, const struct app_actor *actor);

/*
 * 0 when the current stage is of `kind` (its template entry in *stage when
 * stage is not NULL); else PX_ECONFLICT "wrong_stage" naming both.
 */
int programme_require_kind(const struct programme *p, enum tpl_stage_kind kind, const struct tpl_stage **stage,
		       struct px_err *err);

/*
 * The state an application is in when a review stage draws for it:
 * "shortlisted" when a shortlist stage comes before the review stage in the
 * template, else "accepted".
 */
const char *programme_review_pool_state(const struct template *t, const char *stage_code);

/* "A<id>": how an application appears in draws (no personal data). */
void programme_app_ref(int64_t id, char out[24]);

/*
 * The rubric of a track: data_dir/rubrics/<rubric>.csv, checked against the
 * track's declared total. *r is the caller's (rubric_release).
 */
int programme_rubric_load(const struct app *app, const struct tpl_track *tr, struct rubric *r, struct px_err *err);

/* A list of applications the office publishes as the notice of a stage, once. */
struct list_notice {
	enum tpl_stage_kind kind; /* of the stage the programme must be in */
	const char *what;         /* "acceptance list": "the <what> is published already" */
	const char *title_key;    /* the text after the template's title (family.h): "notice.qualification" */
	struct store_sql *list;   /* (id, track_code, region, name) with $1 the programme ... */
	const char *state;        /* ... and $2 this state when not NULL */
	/* run before listing when not NULL; an error stops the publication */
	int (*check)(struct store_conn *c, const struct programme *p, struct px_err *err);
};

/*
 * The office of the programme publishes the notice n in a write transaction:
 * "wrong_stage", "notice_published" (409) when it is out already, or check's
 * error. *out is the caller's: the notice, its dates and its list.
 */
int notice_publish_list(struct app *app, const struct app_actor *actor, int64_t programme_id,
			 const struct list_notice *n, json_t **out, struct px_err *err);

/* The application's applicant kind for certificates and draws: "ORG" or "IND". */
const char *programme_kind_tag(int64_t organisation_id);

#endif
