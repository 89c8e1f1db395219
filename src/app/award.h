/*
 * award.h - small helpers shared by the office stages of an award
 * (qualification, experts, draws, reviews, results, shortlist, ranking,
 * decisions, certificates): loading a programme for its office or its
 * leadership group, checking the current stage's kind, reading lists of
 * application ids from a request, the public reference of an application in
 * a draw ("A<id>"), loading a track's rubric, publishing a stage's list of
 * applications as a notice, running a use case's transaction, and exact
 * decimal text of the integer scores of core/score.h.
 */
#ifndef PX_APP_AWARD_H
#define PX_APP_AWARD_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "app/app.h"
#include "app/programme.h"
#include "app/tx.h"
#include "core/rubric.h"

#define AWARD_MAX_LIST 1000 /* application ids in one shortlist or decision */
#define AWARD_TEXT_MAX 20000 /* bytes of minutes, opinions, requests, answers */

/*
 * Load programme `id` (into *p, release with programme_release) and check the
 * actor is its office: PX_ENOTFOUND when absent, PX_EFORBIDDEN otherwise.
 */
int award_load_office(struct store_conn *c, const struct app_actor *actor, int64_t id,
		      struct programme *p, struct px_err *err);

/* Is the actor of the leadership group (领导小组) of the programme's region (or the CLI)? */
bool award_is_leader(const struct programme *p, const struct app_actor *actor);

/*
 * 0 when the current stage is of `kind` (its template entry in *stage when
 * stage is not NULL); else PX_ECONFLICT "wrong_stage" naming both.
 */
int award_require_kind(const struct programme *p, enum tpl_stage_kind kind, const struct tpl_stage **stage,
		       struct px_err *err);

/*
 * The state an application is in when a review stage draws for it:
 * "shortlisted" when a shortlist stage comes before the review stage in the
 * template, else "accepted".
 */
const char *award_review_pool_state(const struct template *t, const char *stage_code);

/* "A<id>": how an application appears in draws (no personal data). */
void award_app_ref(int64_t id, char out[24]);

/*
 * Read `key` of obj, an array of 0..AWARD_MAX_LIST distinct positive integer
 * ids, into *ids (malloc'd, the caller frees). Keys missing_field,
 * wrong_type, duplicate_application; field "key[i]".
 */
int award_ids_from_json(json_t *obj, const char *key, int64_t **ids, size_t *n, struct px_err *err);

/*
 * Text of 1..max bytes without control characters other than newline and
 * tab: PX_EINVAL "missing_field" or "invalid_text" naming `field`.
 */
int award_check_text(const char *s, size_t max, const char *field, struct px_err *err);

/*
 * The rubric of a track: data_dir/rubrics/<rubric>.csv, checked against the
 * track's declared total. *r is the caller's (rubric_release).
 */
int award_rubric_load(const struct app *app, const struct tpl_track *tr, struct rubric *r, struct px_err *err);

/* Hundredths as exact decimal text, "83.89" (a new JSON string). */
json_t *award_hundredths_json(int64_t v);
/* Tenths as exact decimal text, "812.5" (a new JSON string). */
json_t *award_tenths_json(int64_t v);

/* Compact JSON text with sorted keys (caller frees), NULL when out of memory. */
char *award_dump(const json_t *v);
/* Parse JSON text stored by this program; an empty object when it does not parse. */
json_t *award_parse(const char *text);

/*
 * What a use case hands back: v when rc is 0, else NULL after freeing v (a
 * commit that fails after the work built its answer).
 */
json_t *award_result(int rc, json_t *v);

/*
 * app_tx(app, mode, fn, arg) handing back through *out what fn left in
 * *result, as award_result() does: the caller's on 0, else NULL.
 */
int award_tx(struct app *app, enum store_tx mode, app_tx_fn fn, void *arg, json_t **result, json_t **out,
	     struct px_err *err);

/* A list of applications the office publishes as the notice of a stage, once. */
struct award_notice {
	enum tpl_stage_kind kind; /* of the stage the programme must be in */
	const char *what;         /* "acceptance list": "the <what> is published already" */
	const char *title_suffix; /* after the template's title: "受理名单" */
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
int award_publish_notice(struct app *app, const struct app_actor *actor, int64_t programme_id,
			 const struct award_notice *n, json_t **out, struct px_err *err);

/* The application's applicant kind for certificates and draws: "ORG" or "IND". */
const char *award_kind_tag(int64_t organisation_id);

#endif
