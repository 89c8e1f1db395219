/*
 * progress.c - the review progress of a stage for its office (see
 * progress.h): one read of the stage's assignments with their experts,
 * reviews and replacements.
 */
#include "app/review/progress.h"

#include <stdio.h>
#include <string.h>

#include "app/json.h"
#include "app/programme/office.h"
#include "app/programme/programme.h"
#include "app/tx.h"

static struct store_sql Q_ASSIGNMENTS = STORE_SQL(
	"SELECT a.id, a.application_id, coalesce(o.name, p.name, ''), e.code, e.name, a.state, coalesce(a.reason, ''), "
	"coalesce(a.replaces, 0), coalesce(x.id, 0), coalesce(r.submitted_at, 0) FROM assignment a "
	"JOIN application ap ON ap.id = a.application_id LEFT JOIN organisation o ON o.id = ap.organisation_id "
	"LEFT JOIN person p ON p.id = ap.person_id JOIN expert e ON e.id = a.expert_id "
	"LEFT JOIN review r ON r.assignment_id = a.id LEFT JOIN assignment x ON x.replaces = a.id "
	"WHERE ap.programme_id = $1 AND a.stage_code = $2 ORDER BY a.application_id, a.id");

struct progress_arg {
	const struct app_actor *actor;
	int64_t programme_id;
	const char *stage;
	json_t *list, *out;
};

static json_t *id_or_null(int64_t id)
{
	return id ? json_integer(id) : json_null();
}

static int row(struct store_stmt *s, void *arg, struct px_err *err)
{
	struct progress_arg *a = arg;
	int64_t submitted = store_col_int(s, 9);
	(void)err;
	json_array_append_new(a->list,
			      json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:b, s:o}", "assignment",
					(json_int_t)store_col_int(s, 0), "application", (json_int_t)store_col_int(s, 1),
					"name", store_col_text(s, 2), "expert", store_col_text(s, 3), "expert_name",
					store_col_text(s, 4), "state", store_col_text(s, 5), "reason", store_col_text(s, 6),
					"replaces", id_or_null(store_col_int(s, 7)), "replaced_by",
					id_or_null(store_col_int(s, 8)), "reviewed", submitted != 0, "submitted_at",
					json_instant(submitted)));
	return 0;
}

static int progress_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct progress_arg *a = arg;
	struct programme p;
	const struct tpl_stage *st;
	int rc = programme_load_office(c, a->actor, a->programme_id, &p, err);

	if (rc)
		return rc;
	const char *code = a->stage ? a->stage : (programme_stage(&p) ? programme_stage(&p)->code : "");
	st = template_stage(p.tpl, code);
	if (!st || st->kind != TPL_STAGE_REVIEW) {
		rc = px_err_set(err, PX_EINVAL, "not_review_stage", "stage", "'%s' is not a review stage", code);
		goto out;
	}
	a->list = json_array();
	if ((rc = store_each(c, &Q_ASSIGNMENTS, row, a, err, "it", p.id, st->code)))
		goto out;
	a->out = json_pack("{s:I, s:s, s:O}", "programme", (json_int_t)p.id, "stage", st->code, "assignments", a->list);
out:
	json_decref(a->list);
	a->list = NULL;
	programme_release(&p);
	return rc;
}

int review_progress(struct app *app, const struct app_actor *actor, int64_t programme_id, const char *stage,
		    json_t **out, struct px_err *err)
{
	struct progress_arg a = { actor, programme_id, stage && *stage ? stage : NULL, NULL, NULL };
	return app_tx_json(app, STORE_TX_READ, progress_tx, &a, &a.out, out, err);
}
