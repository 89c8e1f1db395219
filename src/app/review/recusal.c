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

/* What a replacement draw starts from: the root draw's seed, the latest draw of the chain, its number. */
struct replace_ctx {
	char root_seed_hex[DRAW_HEX_LEN + 1], programme_stage[32], ref[24];
	int64_t programme_id, latest, count;
	json_t *latest_input, *latest_result; /* NULL when the chain has no draw yet */
};

static int replace_history(struct store_conn *c, const struct draw_assignment *x, struct replace_ctx *r,
			   struct px_err *err)
{
	char *input = NULL, *result = NULL;
	int rc = store_get(c, &Q_ROOT, err, "i:bib", x->root_draw, r->root_seed_hex, sizeof(r->root_seed_hex),
			   &r->programme_id, r->programme_stage, sizeof(r->programme_stage));

	if (rc < 0 || (rc = store_get(c, &Q_LATEST, err, "i:iss", x->root_draw, &r->latest, &input, &result)) < 0)
		goto out;
	if (rc == STORE_ROW) {
		r->latest_input = json_parse_stored(input);
		r->latest_result = json_parse_stored(result);
	}
	rc = store_get(c, &Q_COUNT, err, "i:i", x->root_draw, &r->count);
out:
	free(input);
	free(result);
	return rc < 0 ? rc : 0;
}

/* The replacement draw and its assignment, stored and audited; *replacement describes them. */
static int record_replacement(struct store_conn *c, const struct app_actor *actor, const struct draw_assignment *x,
			      const struct replace_ctx *r, uint32_t n, const struct draw_doc *doc,
			      struct draw_result *res, const unsigned char seed[DRAW_SEED_BYTES], size_t chosen,
			      json_t *input, json_t **replacement, struct px_err *err)
{
	char seed_hex[DRAW_HEX_LEN + 1], commit[DRAW_HEX_LEN + 1], hash[DRAW_HEX_LEN + 1];
	char *input_text = NULL, *result_text = NULL;
	const char *chosen_code = doc->in.experts[chosen].id;
	int64_t chosen_id = 0, draw_id = 0, assignment_id = 0, now = store_now_us();
	json_t *result = NULL;
	bool active;
	int rc;

	if ((rc = draw_inputs_hash(&doc->in, hash, err)))
		return rc;
	sodium_bin2hex(seed_hex, sizeof(seed_hex), seed, DRAW_SEED_BYTES);
	draw_seed_commit(seed, commit);
	snprintf(res->seed_commit, sizeof(res->seed_commit), "%s", commit);
	snprintf(res->inputs_hash, sizeof(res->inputs_hash), "%s", hash);
	result = draw_doc_result_json(&doc->in, res);
	input_text = json_dump_sorted(input);
	result_text = result ? json_dump_sorted(result) : NULL;
	if (!input_text || !result_text) {
		rc = px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
		goto out;
	}
	if ((rc = expert_by_code(c, chosen_code, &chosen_id, &active, err)) ||
	    (rc = store_get(c, &Q_INSERT_DRAW, err, "ittttttii:i", r->programme_id, (const char *)r->programme_stage,
			    (const char *)commit, (const char *)seed_hex, (const char *)hash, (const char *)input_text,
			    (const char *)result_text, x->root_draw, now, &draw_id)) < 0 ||
	    (rc = store_get(c, &Q_INSERT_ASSIGNMENT, err, "itiiii:i", draw_id, x->stage, x->application_id, chosen_id,
			    x->id, now, &assignment_id)) < 0)
		goto out;
	rc = audit_record(c, actor, "draw.replace", "draw", draw_id,
			  json_pack("{s:I, s:I, s:i, s:s, s:s, s:s, s:s, s:s, s:I}", "replaces", (json_int_t)x->root_draw,
				    "previous", (json_int_t)r->latest, "n", (int)n, "application", r->ref, "withdrawn",
				    x->expert_code, "chosen", chosen_code, "seed", seed_hex, "inputs_hash", hash,
				    "assignment", (json_int_t)assignment_id),
			  err);
	if (!rc)
		*replacement = json_pack("{s:I, s:s, s:I, s:i}", "assignment", (json_int_t)assignment_id, "expert",
					 chosen_code, "draw", (json_int_t)draw_id, "n", (int)n);
out:
	free(input_text);
	free(result_text);
	json_decref(result);
	return rc < 0 ? rc : 0;
}

/*
 * Draw the replacement of withdrawn assignment x. On draw_no_replacement (or
 * an expert no longer on the panel) *problem receives {code, message} and 0
 * is returned; *replacement otherwise.
 */
static int replace(struct store_conn *c, const struct app_actor *actor, const struct draw_assignment *x,
		   json_t **replacement, json_t **problem, struct px_err *err)
{
	struct replace_ctx r = { 0 };
	struct draw_doc doc = { 0 };
	struct draw_result res = { 0 };
	struct px_err derr = { 0 };
	json_t *input = NULL, *meta = NULL;
	unsigned char root_seed[DRAW_SEED_BYTES], seed[DRAW_SEED_BYTES];
	size_t chosen;
	int rc;

	*replacement = *problem = NULL;
	programme_app_ref(x->application_id, r.ref);
	if ((rc = replace_history(c, x, &r, err)) || (rc = draw_seed_parse(r.root_seed_hex, root_seed, err)))
		goto out;
	uint32_t n = (uint32_t)r.count + 1;
	meta = json_pack("{s:I, s:I, s:i, s:s, s:s, s:s}", "of", (json_int_t)x->root_draw, "previous", (json_int_t)r.latest,
			 "n", (int)n, "application", r.ref, "withdrawn", x->expert_code, "reason", x->state);
	if ((rc = next_input(c, r.latest_input, r.latest_result, r.ref, x->expert_code, !strcmp(x->state, "recused"),
			     meta, &input, err)) ||
	    (rc = draw_doc_load(input, &doc, err)) || (rc = draw_doc_result_load(&doc.in, r.latest_result, &res, err)))
		goto out;
	draw_derive_seed(root_seed, n, seed);
	rc = draw_replace(&doc.in, &res, r.ref, x->expert_code, seed, &chosen, &derr);
	if (rc == PX_ECONFLICT || rc == PX_ENOTFOUND) {
		*problem = json_pack("{s:s, s:s}", "code", derr.key[0] ? derr.key : "draw_no_replacement", "message",
				     derr.msg);
		rc = 0;
	} else if (rc) {
		if (err)
			*err = derr;
	} else {
		rc = record_replacement(c, actor, x, &r, n, &doc, &res, seed, chosen, input, replacement, err);
	}
out:
	sodium_memzero(root_seed, sizeof(root_seed));
	sodium_memzero(seed, sizeof(seed));
	draw_result_release(&res);
	draw_doc_release(&doc);
	json_decref(r.latest_input);
	json_decref(r.latest_result);
	json_decref(input);
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
	if (!strcmp(x.state, "withdrawn"))
		return px_err_set(err, PX_ECONFLICT, "assignment_withdrawn", "assignment",
				  "assignment %" PRId64 " went with its application's disqualification: nobody replaces it",
				  x.id);
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
