/*
 * recusal.c - withdrawals from panels and their recorded replacement draws
 * (see recusal.h).
 */
#include "app/review/recusal.h"

#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/audit.h"
#include "app/programme/office.h"
#include "app/input.h"
#include "app/json.h"
#include "app/tx.h"
#include "app/review/draw_doc.h"
#include "app/review/draw_stage.h"
#include "app/programme/programme.h"
#include "core/draw.h"

static struct store_sql Q_WITHDRAW = STORE_SQL(
	"UPDATE assignment SET state = $1, reason = $2 WHERE id = $3 AND state = 'active' RETURNING id");
static struct store_sql Q_CONFLICT = STORE_SQL(
	"INSERT INTO expert_conflict (expert_id, organisation_id, person_id, reason, source, target, created_at) "
	"VALUES ($1, $2, $3, $4, 'declared', NULL, $5)");
static struct store_sql Q_LATEST = STORE_SQL(
	"SELECT id, input, result FROM draw WHERE (id = $1 OR replaces = $1) AND drawn_at IS NOT NULL "
	"ORDER BY id DESC");
static struct store_sql Q_COUNT = STORE_SQL("SELECT count(*) FROM draw WHERE replaces = $1");
static struct store_sql Q_ROOT = STORE_SQL("SELECT coalesce(seed, ''), programme_id, stage_code FROM draw WHERE id = $1");
static struct store_sql Q_EXPERT = STORE_SQL("SELECT id, active FROM expert WHERE code = $1");
static struct store_sql Q_INSERT_DRAW = STORE_SQL(
	"INSERT INTO draw (programme_id, stage_code, seed_commit, seed, inputs_hash, input, result, replaces, "
	"committed_at, drawn_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id");
static struct store_sql Q_INSERT_ASSIGNMENT = STORE_SQL(
	"INSERT INTO assignment (draw_id, stage_code, application_id, expert_id, state, replaces, created_at) "
	"VALUES ($1, $2, $3, $4, 'active', $5, $6) RETURNING id");
static struct store_sql Q_REPLACED = STORE_SQL("SELECT id FROM assignment WHERE replaces = $1");

/* The expert's id and whether they are active; *id 0 when the code is unknown. */
static int expert_by_code(struct store_conn *c, const char *code, int64_t *id, bool *active, struct px_err *err)
{
	struct store_stmt *s;
	int rc = store_prepare(c, &Q_EXPERT, &s, err);
	*id = 0;
	*active = false;
	if (rc)
		return rc;
	store_bind_text(s, 1, code);
	if ((rc = store_step(s, err)) == STORE_ROW) {
		*id = store_col_int(s, 0);
		*active = store_col_int(s, 1) != 0;
	}
	store_reset(s);
	return rc < 0 ? rc : 0;
}

static json_t *find_by_id(json_t *arr, const char *id)
{
	size_t i;
	json_t *v;
	json_array_foreach(arr, i, v)
		if (!strcmp(json_string_value(json_object_get(v, "id")) ? json_string_value(json_object_get(v, "id")) : "", id))
			return v;
	return NULL;
}

static void add_unique(json_t *arr, const char *s)
{
	size_t i;
	json_t *v;
	if (!s)
		return;
	json_array_foreach(arr, i, v)
		if (!strcmp(json_string_value(v), s))
			return;
	json_array_append_new(arr, json_string(s));
}

/*
 * The input of the next replacement: the latest input, the recusing expert's
 * conflict with the application added, experts that left the pool and sit on
 * no panel taken out, meta.replacement filled in. A new reference.
 */
static int next_input(struct store_conn *c, json_t *latest_input, json_t *latest_result, const char *ref,
		      const char *code, bool recused, json_t *replacement, json_t **out, struct px_err *err)
{
	json_t *input = json_deep_copy(latest_input), *kept = json_array(), *on_panel = json_object(), *v;
	json_t *assignments = json_object_get(latest_result, "assignments"), *a, *e;
	size_t i, j;
	int rc = 0;

	*out = NULL;
	if (!input || !kept || !on_panel) {
		rc = px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
		goto out;
	}
	json_array_foreach(assignments, i, a)
		json_array_foreach(json_object_get(a, "experts"), j, e)
			json_object_set_new(on_panel, json_string_value(e), json_true());
	json_array_foreach(json_object_get(input, "experts"), i, v) {
		const char *id = json_string_value(json_object_get(v, "id"));
		int64_t eid;
		bool active;
		if ((rc = expert_by_code(c, id, &eid, &active, err)))
			goto out;
		if (active || json_object_get(on_panel, id))
			json_array_append(kept, v);
	}
	json_object_set(input, "experts", kept);
	if (recused) {
		json_t *app = find_by_id(json_object_get(input, "applications"), ref);
		json_t *expert = find_by_id(kept, code);
		if (app && expert) {
			json_t *conflicts = json_object_get(expert, "conflicts");
			if (!json_is_array(conflicts)) {
				json_object_set_new(expert, "conflicts", json_array());
				conflicts = json_object_get(expert, "conflicts");
			}
			add_unique(conflicts, json_string_value(json_object_get(app, "applicant")));
			add_unique(conflicts, json_string_value(json_object_get(app, "organisation")));
		}
	}
	json_t *meta = json_object_get(input, "meta");
	if (!json_is_object(meta)) {
		json_object_set_new(input, "meta", json_object());
		meta = json_object_get(input, "meta");
	}
	json_object_set(meta, "replacement", replacement);
	*out = json_incref(input);
out:
	json_decref(input);
	json_decref(kept);
	json_decref(on_panel);
	return rc;
}

/*
 * Draw the replacement of withdrawn assignment x. On draw_no_replacement (or
 * an expert no longer on the panel) *problem receives {code, message} and 0
 * is returned; *replacement otherwise.
 */
static int replace(struct store_conn *c, const struct app_actor *actor, const struct draw_assignment *x,
		   json_t **replacement, json_t **problem, struct px_err *err)
{
	struct store_stmt *s;
	struct draw_doc doc = { 0 };
	struct draw_result res = { 0 };
	struct px_err derr = { 0 };
	json_t *latest_input = NULL, *latest_result = NULL, *input = NULL, *result = NULL, *meta = NULL;
	char root_seed_hex[DRAW_HEX_LEN + 1] = "", seed_hex[DRAW_HEX_LEN + 1], commit[DRAW_HEX_LEN + 1];
	char hash[DRAW_HEX_LEN + 1], ref[24], object[40], programme_stage[32] = "";
	char *input_text = NULL, *result_text = NULL;
	unsigned char root_seed[DRAW_SEED_BYTES], seed[DRAW_SEED_BYTES];
	int64_t latest = 0, count = 0, programme_id = 0, draw_id = 0, assignment_id = 0, chosen_id;
	int64_t now = store_now_us();
	size_t chosen;
	bool active;
	int rc;

	*replacement = *problem = NULL;
	programme_app_ref(x->application_id, ref);
	if ((rc = store_prepare(c, &Q_ROOT, &s, err)))
		return rc;
	store_bind_int(s, 1, x->root_draw);
	if ((rc = store_step(s, err)) == STORE_ROW) {
		snprintf(root_seed_hex, sizeof(root_seed_hex), "%s", store_col_text(s, 0));
		programme_id = store_col_int(s, 1);
		snprintf(programme_stage, sizeof(programme_stage), "%s", store_col_text(s, 2));
	}
	store_reset(s);
	if (rc < 0)
		return rc;
	if ((rc = draw_seed_parse(root_seed_hex, root_seed, err)))
		return rc;
	if ((rc = store_prepare(c, &Q_LATEST, &s, err)))
		goto out;
	store_bind_int(s, 1, x->root_draw);
	if ((rc = store_step(s, err)) == STORE_ROW) {
		latest = store_col_int(s, 0);
		latest_input = json_parse_stored(store_col_text(s, 1));
		latest_result = json_parse_stored(store_col_text(s, 2));
	}
	store_reset(s);
	if (rc < 0 || (rc = store_prepare(c, &Q_COUNT, &s, err)))
		goto out;
	store_bind_int(s, 1, x->root_draw);
	if ((rc = store_step(s, err)) == STORE_ROW)
		count = store_col_int(s, 0);
	store_reset(s);
	if (rc < 0)
		goto out;
	uint32_t n = (uint32_t)count + 1;
	meta = json_pack("{s:I, s:I, s:i, s:s, s:s, s:s}", "of", (json_int_t)x->root_draw, "previous", (json_int_t)latest,
			 "n", (int)n, "application", ref, "withdrawn", x->expert_code, "reason", x->state);
	if ((rc = next_input(c, latest_input, latest_result, ref, x->expert_code, !strcmp(x->state, "recused"), meta,
			     &input, err)))
		goto out;
	if ((rc = draw_doc_load(input, &doc, err)) || (rc = draw_doc_result_load(&doc.in, latest_result, &res, err)))
		goto out;
	draw_derive_seed(root_seed, n, seed);
	rc = draw_replace(&doc.in, &res, ref, x->expert_code, seed, &chosen, &derr);
	if (rc == PX_ECONFLICT || rc == PX_ENOTFOUND) {
		*problem = json_pack("{s:s, s:s}", "code", derr.key[0] ? derr.key : "draw_no_replacement", "message",
				     derr.msg);
		rc = 0;
		goto out;
	}
	if (rc) {
		if (err)
			*err = derr;
		goto out;
	}
	if ((rc = draw_inputs_hash(&doc.in, hash, err)))
		goto out;
	sodium_bin2hex(seed_hex, sizeof(seed_hex), seed, sizeof(seed));
	draw_seed_commit(seed, commit);
	snprintf(res.seed_commit, sizeof(res.seed_commit), "%s", commit);
	snprintf(res.inputs_hash, sizeof(res.inputs_hash), "%s", hash);
	result = draw_doc_result_json(&doc.in, &res);
	input_text = json_dump_sorted(input);
	result_text = result ? json_dump_sorted(result) : NULL;
	if (!input_text || !result_text) {
		rc = px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
		goto out;
	}
	const char *chosen_code = doc.in.experts[chosen].id;
	if ((rc = expert_by_code(c, chosen_code, &chosen_id, &active, err)))
		goto out;
	if ((rc = store_prepare(c, &Q_INSERT_DRAW, &s, err)))
		goto out;
	store_bind_int(s, 1, programme_id);
	store_bind_text(s, 2, programme_stage);
	store_bind_text(s, 3, commit);
	store_bind_text(s, 4, seed_hex);
	store_bind_text(s, 5, hash);
	store_bind_text(s, 6, input_text);
	store_bind_text(s, 7, result_text);
	store_bind_int(s, 8, x->root_draw);
	store_bind_int(s, 9, now);
	if ((rc = store_step(s, err)) == STORE_ROW)
		draw_id = store_col_int(s, 0);
	store_reset(s);
	if (rc < 0 || (rc = store_prepare(c, &Q_INSERT_ASSIGNMENT, &s, err)))
		goto out;
	store_bind_int(s, 1, draw_id);
	store_bind_text(s, 2, x->stage);
	store_bind_int(s, 3, x->application_id);
	store_bind_int(s, 4, chosen_id);
	store_bind_int(s, 5, x->id);
	store_bind_int(s, 6, now);
	if ((rc = store_step(s, err)) == STORE_ROW)
		assignment_id = store_col_int(s, 0);
	store_reset(s);
	if (rc < 0)
		goto out;
	snprintf(object, sizeof(object), "draw:%" PRId64, draw_id);
	json_t *payload = json_pack("{s:I, s:I, s:i, s:s, s:s, s:s, s:s, s:s, s:I}", "replaces", (json_int_t)x->root_draw,
				    "previous", (json_int_t)latest, "n", (int)n, "application", ref, "withdrawn",
				    x->expert_code, "chosen", chosen_code, "seed", seed_hex, "inputs_hash", hash,
				    "assignment", (json_int_t)assignment_id);
	rc = audit_append(c, actor, "draw.replace", object, payload, err);
	json_decref(payload);
	if (rc)
		goto out;
	*replacement = json_pack("{s:I, s:s, s:I, s:i}", "assignment", (json_int_t)assignment_id, "expert", chosen_code,
				 "draw", (json_int_t)draw_id, "n", (int)n);
out:
	sodium_memzero(root_seed, sizeof(root_seed));
	sodium_memzero(seed, sizeof(seed));
	draw_result_release(&res);
	draw_doc_release(&doc);
	free(input_text);
	free(result_text);
	json_decref(latest_input);
	json_decref(latest_result);
	json_decref(input);
	json_decref(result);
	json_decref(meta);
	return rc;
}

static json_t *withdrawal_json(const struct draw_assignment *x, const char *reason, json_t *replacement,
			       json_t *problem)
{
	return json_pack("{s:I, s:s, s:s?, s:s, s:I, s:o, s:o}", "assignment", (json_int_t)x->id, "state", x->state,
			 "reason", reason, "expert", x->expert_code, "application", (json_int_t)x->application_id,
			 "replacement", replacement ? replacement : json_null(), "replacement_error",
			 problem ? problem : json_null());
}

int recusal_withdraw(struct app *app, struct store_conn *c, const struct app_actor *actor, int64_t id,
		     const char *state, const char *reason, json_t **out, struct px_err *err)
{
	struct draw_assignment x;
	struct store_stmt *s;
	json_t *replacement = NULL, *problem = NULL;
	char object[40], action[40], ref[24];
	int rc;

	(void)app;
	*out = NULL;
	if ((rc = input_text(reason, 2000, "reason", err)) || (rc = draw_assignment_load(c, id, &x, err)))
		return rc;
	if ((rc = store_prepare(c, &Q_WITHDRAW, &s, err)))
		return rc;
	store_bind_text(s, 1, state);
	store_bind_text(s, 2, reason);
	store_bind_int(s, 3, id);
	rc = store_step(s, err);
	store_reset(s);
	if (rc == STORE_DONE)
		return px_err_set(err, PX_ECONFLICT, "assignment_inactive", "assignment",
				  "assignment %" PRId64 " is '%s', not active", id, x.state);
	if (rc < 0)
		return rc;
	snprintf(x.state, sizeof(x.state), "%s", state);
	if (!strcmp(state, "recused")) {
		rc = x.organisation_id
			     ? store_run(c, &Q_CONFLICT, err, "iinti", x.expert_id, x.organisation_id, reason, store_now_us())
			     : store_run(c, &Q_CONFLICT, err, "initi", x.expert_id, x.person_id, reason, store_now_us());
		if (rc)
			return rc;
	}
	programme_app_ref(x.application_id, ref);
	snprintf(object, sizeof(object), "assignment:%" PRId64, id);
	snprintf(action, sizeof(action), "assignment.%s", state);
	json_t *payload = json_pack("{s:s, s:s, s:s, s:s}", "expert", x.expert_code, "application", ref, "stage", x.stage,
				    "reason", reason);
	rc = audit_append(c, actor, action, object, payload, err);
	json_decref(payload);
	if (rc || (rc = replace(c, actor, &x, &replacement, &problem, err))) {
		json_decref(replacement);
		json_decref(problem);
		return rc;
	}
	*out = withdrawal_json(&x, reason, replacement, problem);
	return 0;
}

/* ---- use cases ---- */

struct recuse_arg {
	struct app *app;
	const struct app_actor *actor;
	int64_t id;
	const char *reason;
	json_t *out;
};

/* Load the assignment and its programme; the office or (when experts_too) the assigned expert may act. */
static int load_for(struct store_conn *c, const struct app_actor *actor, int64_t id, bool experts_too,
		    struct draw_assignment *x, struct px_err *err)
{
	struct programme p;
	int rc = draw_assignment_load(c, id, x, err);
	if (rc || (rc = programme_load(c, x->programme_id, &p, err)))
		return rc;
	if (!programme_is_office(&p, actor) && !(experts_too && draw_assignment_mine(actor, x)))
		rc = px_err_set(err, PX_ENOTFOUND, NULL, "assignment", "no assignment %" PRId64, id);
	else
		rc = programme_require_stage(&p, x->stage, err);
	programme_release(&p);
	return rc;
}

static int recuse_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct recuse_arg *r = arg;
	struct draw_assignment x;
	int rc = load_for(c, r->actor, r->id, true, &x, err);
	if (rc)
		return rc;
	return recusal_withdraw(r->app, c, r->actor, r->id, "recused", r->reason, &r->out, err);
}

int recusal_recuse(struct app *app, const struct app_actor *actor, int64_t assignment_id, const char *reason,
		   json_t **out, struct px_err *err)
{
	struct recuse_arg r = { app, actor, assignment_id, reason, NULL };
	return app_tx_json(app, STORE_TX_WRITE, recuse_tx, &r, &r.out, out, err);
}

static int replace_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct recuse_arg *r = arg;
	struct draw_assignment x;
	struct store_stmt *s;
	json_t *replacement = NULL, *problem = NULL;
	int rc = load_for(c, r->actor, r->id, false, &x, err);
	if (rc)
		return rc;
	if (!strcmp(x.state, "active"))
		return px_err_set(err, PX_ECONFLICT, "assignment_active", "assignment",
				  "assignment %" PRId64 " is active: withdraw it first", x.id);
	if ((rc = store_prepare(c, &Q_REPLACED, &s, err)))
		return rc;
	store_bind_int(s, 1, x.id);
	rc = store_step(s, err);
	store_reset(s);
	if (rc == STORE_ROW)
		return px_err_set(err, PX_ECONFLICT, "already_replaced", "assignment",
				  "assignment %" PRId64 " was replaced already", x.id);
	if (rc < 0 || (rc = replace(c, r->actor, &x, &replacement, &problem, err)))
		return rc;
	if (problem) {
		rc = px_err_set(err, PX_ECONFLICT, "draw_no_replacement", "assignment", "%s",
				json_string_value(json_object_get(problem, "message")));
		json_decref(problem);
		return rc;
	}
	r->out = withdrawal_json(&x, NULL, replacement, NULL);
	return 0;
}

int recusal_replace(struct app *app, const struct app_actor *actor, int64_t assignment_id, json_t **out,
		    struct px_err *err)
{
	struct recuse_arg r = { app, actor, assignment_id, NULL, NULL };
	return app_tx_json(app, STORE_TX_WRITE, replace_tx, &r, &r.out, out, err);
}
