/*
 * office.c - what the office stages of every programme family share (see
 * office.h): the programme loaded for its office or leadership group, the
 * current stage's kind, a track's rubric, the public reference of an
 * application, and a stage's list of applications published as a notice.
 */
#include "app/programme/office.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/programme/family.h"
#include "app/programme/notice.h"
#include "app/tx.h"
#include "util/file.h"

#define RUBRIC_FILE_MAX (256 * 1024)

int programme_load_office(struct store_conn *c, const struct app_actor *actor, int64_t id,
		      struct programme *p, struct px_err *err)
{
	int rc = programme_load(c, id, p, err);
	if (rc)
		return rc;
	if (!programme_is_office(p, actor)) {
		programme_release(p);
		/* an office of another region meets the programme's records as absent (app/scope.h) */
		if (app_actor_is(actor, ROLE_OFFICE))
			return px_err_set(err, PX_ENOTFOUND, NULL, "programme", "no programme %" PRId64, id);
		return px_err_set(err, PX_EFORBIDDEN, NULL, "programme",
				  "only the office of programme %" PRId64 " may do this", id);
	}
	return 0;
}

bool programme_is_leader(const struct programme *p, const struct app_actor *actor)
{
	return actor->kind == ACTOR_CLI ||
	       (actor->kind == ACTOR_ACCOUNT && actor->role == ROLE_LEADER &&
		access_region_contains(actor->region, p->region));
}

int programme_require_kind(const struct programme *p, enum tpl_stage_kind kind, const struct tpl_stage **stage,
		       struct px_err *err)
{
	const struct tpl_stage *s = programme_stage(p);
	if (s && s->kind == kind) {
		if (stage)
			*stage = s;
		return 0;
	}
	return px_err_set(err, PX_ECONFLICT, "wrong_stage", "stage",
			  "this needs a stage of kind '%s' but the programme is in '%s'",
			  template_stage_kind_name(kind), s ? s->code : "(not started)");
}

const char *programme_review_pool_state(const struct template *t, const char *stage_code)
{
	int at = template_stage_index(t, stage_code);
	for (int i = 0; i < at; i++)
		if (t->stages[i].kind == TPL_STAGE_SHORTLIST)
			return "shortlisted";
	return "accepted";
}

void programme_app_ref(int64_t id, char out[24])
{
	snprintf(out, 24, "A%" PRId64, id);
}

int programme_rubric_load(const struct app *app, const struct tpl_track *tr, struct rubric *r, struct px_err *err)
{
	char path[4200], *text = NULL;
	size_t len;
	int rc;

	memset(r, 0, sizeof(*r));
	if (strspn(tr->rubric, "abcdefghijklmnopqrstuvwxyz0123456789-") != strlen(tr->rubric) || !tr->rubric[0])
		return px_err_set(err, PX_EINTERNAL, "bad_rubric", "rubric", "rubric id '%s' is not a file name",
				  tr->rubric);
	snprintf(path, sizeof(path), "%s/rubrics/%s.csv", app->data_dir, tr->rubric);
	if ((rc = file_read(path, RUBRIC_FILE_MAX, &text, &len, err)))
		return px_err_set(err, PX_EIO, "rubric_missing", "rubric", "cannot read rubric '%s'", tr->rubric);
	rc = rubric_parse_csv(r, text, len, (int32_t)tr->rubric_total * RUBRIC_SCALE, err);
	free(text);
	return rc;
}

const char *programme_kind_tag(int64_t organisation_id)
{
	return organisation_id ? "ORG" : "IND";
}

/* 0 when the programme is in a stage of `kind` (*st) whose notice is not out yet. */
static int notice_unpublished(struct store_conn *c, const struct programme *p, enum tpl_stage_kind kind,
			      const struct tpl_stage **st, const char *what, struct px_err *err)
{
	bool published;
	int rc;

	if ((rc = programme_require_kind(p, kind, st, err)) || (rc = notice_exists(c, p->id, (*st)->code, &published, err)))
		return rc;
	if (published)
		return px_err_set(err, PX_ECONFLICT, "notice_published", "stage", "the %s is published already", what);
	return 0;
}

/* Publish the notice of stage st listing the rows of s (prepared and bound); resets s. */
static int list_notice(struct app *app, struct store_conn *c, const struct app_actor *actor,
		       const struct programme *p, const struct tpl_stage *st, struct store_stmt *s,
		       const char *title_key, json_t **out, struct px_err *err)
{
	json_t *list = json_array();
	int rc;

	while ((rc = store_step(s, err)) == STORE_ROW) {
		int t = template_track_index(p->tpl, store_col_text(s, 1));
		json_t *row = json_pack("{s:I, s:s, s:s, s:s, s:s}", "application", (json_int_t)store_col_int(s, 0),
					"name", store_col_text(s, 3), "track", store_col_text(s, 1), "award",
					t >= 0 ? p->tpl->tracks[t].name : "", "region", store_col_text(s, 2));
		json_array_append_new(list, row);
	}
	store_reset(s);
	if (rc >= 0) {
		struct notice_spec ns = { .p = p, .st = st, .title_key = title_key, .list = list };
		rc = notice_issue(app, c, actor, &ns, out, err);
	}
	json_decref(list);
	return rc < 0 ? rc : 0;
}

struct notice_arg {
	struct app *app;
	const struct app_actor *actor;
	int64_t programme_id;
	const struct list_notice *n;
	json_t *out;
};

static int notice_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct notice_arg *a = arg;
	const struct list_notice *n = a->n;
	struct programme p;
	const struct tpl_stage *st;
	struct store_stmt *s;
	int rc = programme_load_office(c, a->actor, a->programme_id, &p, err);

	if (rc)
		return rc;
	if ((rc = notice_unpublished(c, &p, n->kind, &st, n->what, err)) || (n->check && (rc = n->check(c, &p, err))) ||
	    (rc = store_prepare(c, n->list, &s, err)))
		goto out;
	store_bind_int(s, 1, p.id);
	if (n->state)
		store_bind_text(s, 2, n->state);
	rc = list_notice(a->app, c, a->actor, &p, st, s, n->title_key, &a->out, err);
out:
	programme_release(&p);
	return rc;
}

int notice_publish_list(struct app *app, const struct app_actor *actor, int64_t programme_id,
			 const struct list_notice *n, json_t **out, struct px_err *err)
{
	struct notice_arg a = { app, actor, programme_id, n, NULL };
	return app_tx_json(app, STORE_TX_WRITE, notice_tx, &a, &a.out, out, err);
}
