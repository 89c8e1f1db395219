/*
 * decision.c - deliberation, the proposed winners' notice and the approval
 * (see decision.h).
 */
#include "app/programme/decision.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/programme/application.h"
#include "app/audit.h"
#include "app/programme/office.h"
#include "app/input.h"
#include "app/json.h"
#include "app/tx.h"
#include "app/programme/notice.h"
#include "app/review/ranking.h"

static struct store_sql Q_INSERT = STORE_SQL(
	"INSERT INTO decision (programme_id, stage_code, kind, list, minutes, account_id, decided_at, document_no, "
	"decided_on) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id");
static struct store_sql Q_FIND = STORE_SQL(
	"SELECT id FROM decision WHERE programme_id = $1 AND kind = $2 ORDER BY id");
static struct store_sql Q_IN_STATE = STORE_SQL(
	"SELECT a.id, a.track_code, a.region, coalesce(o.name, p.name, '') FROM application a "
	"LEFT JOIN organisation o ON o.id = a.organisation_id LEFT JOIN person p ON p.id = a.person_id "
	"WHERE a.programme_id = $1 AND a.state = $2 ORDER BY a.track_code, a.id");
static struct store_sql Q_PENDING_OBJECTION = STORE_SQL(
	"SELECT j.application_id FROM objection j JOIN application a ON a.id = j.application_id "
	"WHERE a.programme_id = $1 AND a.state = 'proposed' AND j.outcome = 'pending' ORDER BY j.application_id");

int decision_insert(struct store_conn *c, const struct app_actor *actor, int64_t programme_id, const char *stage,
		    const char *kind, json_t *list, const char *minutes, const char *document_no,
		    const char *decided_on, int64_t *id, struct px_err *err)
{
	struct store_stmt *s;
	char *text = json_dump_sorted(list), action[40], object[40];
	int rc;

	*id = 0;
	if (!text)
		return px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
	if ((rc = store_prepare(c, &Q_INSERT, &s, err)))
		goto out;
	store_bind_int(s, 1, programme_id);
	store_bind_text(s, 2, stage);
	store_bind_text(s, 3, kind);
	store_bind_text(s, 4, text);
	store_bind_text(s, 5, minutes ? minutes : "");
	if (actor->kind == ACTOR_ACCOUNT)
		store_bind_int(s, 6, actor->id);
	else
		store_bind_null(s, 6);
	store_bind_int(s, 7, store_now_us());
	store_bind_text(s, 8, document_no);
	store_bind_text(s, 9, decided_on);
	if ((rc = store_step(s, err)) == STORE_ROW)
		*id = store_col_int(s, 0);
	store_reset(s);
	if (rc < 0)
		goto out;
	snprintf(action, sizeof(action), "decision.%s", kind);
	snprintf(object, sizeof(object), "decision:%" PRId64, *id);
	json_t *payload = json_pack("{s:I, s:s, s:O, s:s?, s:s?}", "programme", (json_int_t)programme_id, "stage", stage,
				    "list", list, "document_no", document_no, "decided_on", decided_on);
	rc = audit_append(c, actor, action, object, payload, err);
	json_decref(payload);
out:
	free(text);
	return rc < 0 ? rc : 0;
}

int decision_find(struct store_conn *c, int64_t programme_id, const char *kind, int64_t *id, struct px_err *err)
{
	struct store_stmt *s;
	int rc = store_prepare(c, &Q_FIND, &s, err);
	*id = 0;
	if (rc)
		return rc;
	store_bind_int(s, 1, programme_id);
	store_bind_text(s, 2, kind);
	if ((rc = store_step(s, err)) == STORE_ROW)
		*id = store_col_int(s, 0);
	store_reset(s);
	return rc < 0 ? rc : 0;
}

int decision_require_none(struct store_conn *c, int64_t programme_id, const char *kind, const char *done,
			  struct px_err *err)
{
	int64_t existing;
	int rc = decision_find(c, programme_id, kind, &existing, err);
	if (!rc && existing)
		rc = px_err_set(err, PX_ECONFLICT, "already_decided", "stage", "%s in decision %" PRId64, done,
				existing);
	return rc;
}

/* The decision each stage kind needs before it closes. */
static const char *const decision_of_kind[] = {
	[TPL_STAGE_SHORTLIST] = "shortlist",
	[TPL_STAGE_DELIBERATION] = "deliberation",
	[TPL_STAGE_APPROVAL] = "approval",
};

int decision_exit_check(struct app *app, struct store_conn *c, const struct programme *p,
			const struct tpl_stage *s, struct px_err *err)
{
	const char *kind = (size_t)s->kind < sizeof(decision_of_kind) / sizeof(decision_of_kind[0])
				   ? decision_of_kind[s->kind] : NULL;
	int64_t id;
	int rc;

	(void)app;
	if (!kind)
		return 0;
	if ((rc = decision_find(c, p->id, kind, &id, err)))
		return rc;
	if (!id)
		return px_err_set(err, PX_ECONFLICT, "decision_missing", "stage",
				  "stage '%s' closes after its %s decision is recorded", s->code, kind);
	return 0;
}

/* Move every application of the programme in state `from` to `to`; their ids are added to moved. */
static int move_all(struct store_conn *c, const struct app_actor *actor, int64_t programme_id, const char *from,
		    const char *to, const char *reason, json_t *moved, struct px_err *err)
{
	struct store_stmt *s;
	int64_t ids[INPUT_MAX_IDS];
	size_t n = 0;
	int rc = store_prepare(c, &Q_IN_STATE, &s, err);
	if (rc)
		return rc;
	store_bind_int(s, 1, programme_id);
	store_bind_text(s, 2, from);
	while ((rc = store_step(s, err)) == STORE_ROW && n < INPUT_MAX_IDS)
		ids[n++] = store_col_int(s, 0);
	store_reset(s);
	if (rc < 0)
		return rc;
	return application_move_ids(c, actor, ids, n, from, to, reason, moved, err);
}

/* ---- deliberation ---- */

struct deliberate_arg {
	const struct app_actor *actor;
	int64_t programme_id;
	const int64_t *ids;
	size_t n;
	const char *minutes;
	json_t *out;
};

static json_t *find_entry(json_t *ranking, int64_t id, const char **track, int *cap)
{
	size_t i, j;
	json_t *t, *e;
	json_array_foreach(json_object_get(ranking, "tracks"), i, t)
		json_array_foreach(json_object_get(t, "entries"), j, e)
			if (json_integer_value(json_object_get(e, "application")) == id) {
				*track = json_string_value(json_object_get(t, "code"));
				*cap = (int)json_integer_value(json_object_get(t, "cap"));
				return e;
			}
	return NULL;
}

static int deliberate_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct deliberate_arg *d = arg;
	struct programme p;
	const struct tpl_stage *st;
	json_t *ranking = NULL, *counts = json_object(), *list = json_array(), *proposed = json_array();
	json_t *not_proposed = json_array();
	int64_t decision;
	char field[48];
	int rc = programme_load(c, d->programme_id, &p, err);

	if (rc)
		goto out_free;
	if (!programme_is_leader(&p, d->actor)) {
		rc = px_err_set(err, PX_EFORBIDDEN, NULL, "programme",
				"the proposed list is fixed by the leadership group of the programme's region");
		goto out;
	}
	if ((rc = programme_require_kind(&p, TPL_STAGE_DELIBERATION, &st, err)) ||
	    (rc = input_text(d->minutes, INPUT_TEXT_MAX, "minutes", err)) ||
	    (rc = decision_require_none(c, p.id, "deliberation", "the proposed list was fixed", err)))
		goto out;
	if ((rc = ranking_build(c, &p, &ranking, err)))
		goto out;
	for (size_t i = 0; i < d->n; i++) {
		const char *track = NULL;
		int cap = 0;
		json_t *e = find_entry(ranking, d->ids[i], &track, &cap);
		snprintf(field, sizeof(field), "applications[%zu]", i);
		if (!e) {
			rc = px_err_set(err, PX_ECONFLICT, "not_ranked", field,
					"application %" PRId64 " is not a candidate of the ranking", d->ids[i]);
			goto out;
		}
		if (!json_is_true(json_object_get(e, "placed")) && !json_is_true(json_object_get(e, "tie_unbroken"))) {
			rc = px_err_set(err, PX_ECONFLICT, "not_placed", field,
					"application %" PRId64 " is not placed in the ranking (%s, rank %" JSON_INTEGER_FORMAT ")",
					d->ids[i], json_string_value(json_object_get(e, "reason")),
					json_integer_value(json_object_get(e, "rank")));
			goto out;
		}
		json_int_t used = json_integer_value(json_object_get(counts, track)) + 1;
		if (used > cap) {
			rc = px_err_set(err, PX_ECONFLICT, "over_cap", field, "track '%s' has at most %d places", track, cap);
			goto out;
		}
		json_object_set_new(counts, track, json_integer(used));
		json_array_append_new(list, json_integer(d->ids[i]));
	}
	if ((rc = application_move_ids(c, d->actor, d->ids, d->n, "shortlisted", "proposed",
					"leadership group deliberation", proposed, err)) ||
	    (rc = move_all(c, d->actor, p.id, "shortlisted", "not_proposed", "leadership group deliberation",
			   not_proposed, err)) ||
	    (rc = decision_insert(c, d->actor, p.id, st->code, "deliberation", list, d->minutes, NULL, NULL, &decision,
				  err)))
		goto out;
	json_t *vacant = json_object();
	size_t i;
	json_t *t;
	json_array_foreach(json_object_get(ranking, "tracks"), i, t) {
		const char *code = json_string_value(json_object_get(t, "code"));
		json_object_set_new(vacant, code, json_integer(json_integer_value(json_object_get(t, "cap")) -
							      json_integer_value(json_object_get(counts, code))));
	}
	d->out = json_pack("{s:I, s:I, s:O, s:O, s:o}", "decision", (json_int_t)decision, "programme", (json_int_t)p.id,
			   "proposed", proposed, "not_proposed", not_proposed, "vacant", vacant);
out:
	programme_release(&p);
out_free:
	json_decref(ranking);
	json_decref(counts);
	json_decref(list);
	json_decref(proposed);
	json_decref(not_proposed);
	return rc;
}

int decision_deliberate(struct app *app, const struct app_actor *actor, int64_t programme_id, const int64_t *ids,
			size_t n, const char *minutes, json_t **out, struct px_err *err)
{
	struct deliberate_arg d = { actor, programme_id, ids, n, minutes, NULL };
	return app_tx_json(app, STORE_TX_WRITE, deliberate_tx, &d, &d.out, out, err);
}

/* ---- the proposed winners' notice ---- */

static const struct list_notice proposed_notice = {
	.kind = TPL_STAGE_NOTICE,
	.what = "proposed list",
	.title_key = "notice.proposed",
	.list = &Q_IN_STATE,
	.state = "proposed",
};

int decision_proposed_notice(struct app *app, const struct app_actor *actor, int64_t programme_id, json_t **out,
			     struct px_err *err)
{
	return notice_publish_list(app, actor, programme_id, &proposed_notice, out, err);
}

/* ---- approval ---- */

struct approve_arg {
	const struct app_actor *actor;
	int64_t programme_id;
	const char *document_no, *approved_on, *minutes;
	json_t *out;
};

static int approve_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct approve_arg *a = arg;
	struct programme p;
	const struct tpl_stage *st;
	struct store_stmt *s;
	json_t *winners = json_array();
	int64_t decision, pending = 0;
	px_date day;
	int rc = programme_load_office(c, a->actor, a->programme_id, &p, err);

	if (rc)
		goto out_free;
	if ((rc = programme_require_kind(&p, TPL_STAGE_APPROVAL, &st, err)) ||
	    (rc = input_text(a->document_no, 64, "document_no", err)) ||
	    (a->minutes && (rc = input_text(a->minutes, INPUT_TEXT_MAX, "minutes", err))))
		goto out;
	if (!a->approved_on || date_parse(a->approved_on, strlen(a->approved_on), &day)) {
		rc = px_err_set(err, PX_EINVAL, "bad_date", "approved_on", "'%s' is not a date YYYY-MM-DD",
				a->approved_on ? a->approved_on : "");
		goto out;
	}
	if ((rc = decision_require_none(c, p.id, "approval", "the approval was recorded", err)))
		goto out;
	if ((rc = store_prepare(c, &Q_PENDING_OBJECTION, &s, err)))
		goto out;
	store_bind_int(s, 1, p.id);
	if ((rc = store_step(s, err)) == STORE_ROW)
		pending = store_col_int(s, 0);
	store_reset(s);
	if (rc < 0)
		goto out;
	if (pending) {
		rc = px_err_set(err, PX_ECONFLICT, "objection_pending", "applications",
				"an objection against proposed application %" PRId64 " is not decided yet", pending);
		goto out;
	}
	if ((rc = move_all(c, a->actor, p.id, "proposed", "winner", "approved by the city government", winners, err)) ||
	    (rc = decision_insert(c, a->actor, p.id, st->code, "approval", winners, a->minutes, a->document_no,
				  a->approved_on, &decision, err)))
		goto out;
	a->out = json_pack("{s:I, s:I, s:s, s:s, s:O}", "decision", (json_int_t)decision, "programme", (json_int_t)p.id,
			   "document_no", a->document_no, "approved_on", a->approved_on, "winners", winners);
out:
	programme_release(&p);
out_free:
	json_decref(winners);
	return rc;
}

int decision_approve(struct app *app, const struct app_actor *actor, int64_t programme_id, const char *document_no,
		     const char *approved_on, const char *minutes, json_t **out, struct px_err *err)
{
	struct approve_arg a = { actor, programme_id, document_no, approved_on, minutes, NULL };
	return app_tx_json(app, STORE_TX_WRITE, approve_tx, &a, &a.out, out, err);
}
