/*
 * draw_stage.c - commit, run, abandon and publish the double-random draw of
 * a review stage (see draw_stage.h). The input is built here from the
 * database, once at the commitment (its hash is published with the seed's
 * commitment) and again at the run (which is refused if the hash differs);
 * the seed is never stored before the run. The draw itself is core/draw.h;
 * stored documents go through draw_doc.h.
 */
#include "app/review/draw_stage.h"

#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/audit.h"
#include "app/scope.h"
#include "app/programme/office.h"
#include "app/input.h"
#include "app/json.h"
#include "app/tx.h"
#include "app/review/draw_change.h"
#include "app/review/draw_doc.h"
#include "app/programme/programme.h"
#include "core/draw.h"
#include "core/orgname.h"

static struct store_sql Q_LAST = STORE_SQL(
	"SELECT id, CASE WHEN drawn_at IS NULL THEN 0 ELSE 1 END FROM draw "
	"WHERE programme_id = $1 AND stage_code = $2 AND replaces IS NULL AND abandoned_at IS NULL ORDER BY id DESC");
static struct store_sql Q_COMMIT = STORE_SQL(
	"INSERT INTO draw (programme_id, stage_code, seed_commit, inputs_hash, committed_at) "
	"VALUES ($1, $2, $3, $4, $5) RETURNING id");
static struct store_sql Q_COMMIT_INPUT = STORE_SQL("UPDATE draw SET input = $1 WHERE id = $2");
static struct store_sql Q_DRAW = STORE_SQL(
	"SELECT id, programme_id, stage_code, seed_commit, coalesce(seed, ''), coalesce(inputs_hash, ''), "
	"coalesce(input, ''), coalesce(result, ''), coalesce(replaces, 0), committed_at, coalesce(drawn_at, 0), "
	"coalesce(abandoned_at, 0), coalesce(abandon_reason, '') FROM draw WHERE id = $1");
static struct store_sql Q_DRAWS = STORE_SQL(
	"SELECT id, stage_code, seed_commit, coalesce(replaces, 0), committed_at, coalesce(drawn_at, 0), "
	"coalesce(abandoned_at, 0), coalesce(inputs_hash, '') FROM draw WHERE programme_id = $1 ORDER BY id");
static struct store_sql Q_POOL_APPS = STORE_SQL(
	"SELECT a.id, coalesce(a.organisation_id, 0), coalesce(a.person_id, 0), a.region, "
	"coalesce(o.industry, ''), coalesce(p.employer, '') FROM application a "
	"LEFT JOIN organisation o ON o.id = a.organisation_id LEFT JOIN person p ON p.id = a.person_id "
	"WHERE a.programme_id = $1 AND a.state = $2 ORDER BY a.id");
static struct store_sql Q_EXPERTS = STORE_SQL(
	"SELECT id, code, employer, region, fields, owner_region FROM expert WHERE active = 1 ORDER BY code");
static struct store_sql Q_CONFLICTS = STORE_SQL(
	"SELECT k.expert_id, coalesce(k.organisation_id, 0), coalesce(k.person_id, 0), coalesce(k.target, '') "
	"FROM expert_conflict k JOIN expert e ON e.id = k.expert_id WHERE e.active = 1 ORDER BY k.id");
static struct store_sql Q_ORGS = STORE_SQL("SELECT id, uscc, name, industry FROM organisation ORDER BY id");
static struct store_sql Q_RUN = STORE_SQL(
	"UPDATE draw SET seed = $1, input = $2, result = $3, drawn_at = $4 "
	"WHERE id = $5 AND drawn_at IS NULL AND abandoned_at IS NULL AND inputs_hash = $6 RETURNING id");
static struct store_sql Q_ABANDON = STORE_SQL(
	"UPDATE draw SET abandoned_at = $1, abandon_reason = $2, seed = $3 "
	"WHERE id = $4 AND drawn_at IS NULL AND abandoned_at IS NULL RETURNING id");
static struct store_sql Q_ASSIGN = STORE_SQL(
	"INSERT INTO assignment (draw_id, stage_code, application_id, expert_id, state, created_at) "
	"VALUES ($1, $2, $3, $4, 'active', $5)");
static struct store_sql Q_DETECTED_EXISTS = STORE_SQL(
	"SELECT 1 FROM expert_conflict WHERE expert_id = $1 AND organisation_id = $2 AND source = 'detected'");
static struct store_sql Q_DETECTED = STORE_SQL(
	"INSERT INTO expert_conflict (expert_id, organisation_id, person_id, reason, source, target, created_at) "
	"VALUES ($1, $2, NULL, 'employer is the applicant organisation', 'detected', NULL, $3)");
static struct store_sql Q_ASSIGNMENT = STORE_SQL(
	"SELECT x.id, x.draw_id, coalesce(d.replaces, d.id), d.programme_id, x.stage_code, x.application_id, "
	"coalesce(a.organisation_id, 0), coalesce(a.person_id, 0), x.expert_id, e.code, coalesce(e.account_id, 0), "
	"x.state FROM assignment x JOIN draw d ON d.id = x.draw_id JOIN expert e ON e.id = x.expert_id "
	"JOIN application a ON a.id = x.application_id WHERE x.id = $1");

/* ---- assignments ---- */

int draw_assignment_load(struct store_conn *c, int64_t id, struct draw_assignment *x, struct px_err *err)
{
	struct store_stmt *s;
	int rc = store_prepare(c, &Q_ASSIGNMENT, &s, err);
	memset(x, 0, sizeof(*x));
	if (rc)
		return rc;
	store_bind_int(s, 1, id);
	if ((rc = store_step(s, err)) == STORE_ROW) {
		x->id = store_col_int(s, 0);
		x->draw_id = store_col_int(s, 1);
		x->root_draw = store_col_int(s, 2);
		x->programme_id = store_col_int(s, 3);
		snprintf(x->stage, sizeof(x->stage), "%s", store_col_text(s, 4));
		x->application_id = store_col_int(s, 5);
		x->organisation_id = store_col_int(s, 6);
		x->person_id = store_col_int(s, 7);
		x->expert_id = store_col_int(s, 8);
		snprintf(x->expert_code, sizeof(x->expert_code), "%s", store_col_text(s, 9));
		x->expert_account = store_col_int(s, 10);
		snprintf(x->state, sizeof(x->state), "%s", store_col_text(s, 11));
		rc = 0;
	} else if (rc == STORE_DONE) {
		rc = px_err_set(err, PX_ENOTFOUND, NULL, "assignment", "no assignment %" PRId64, id);
	}
	store_reset(s);
	return rc;
}

bool draw_assignment_mine(const struct app_actor *actor, const struct draw_assignment *x)
{
	return actor->kind == ACTOR_ACCOUNT && actor->role == ROLE_EXPERT && x->expert_account &&
	       actor->id == x->expert_account;
}

/* ---- commit ---- */

struct commit_arg {
	const struct app_actor *actor;
	int64_t programme_id;
	const char *stage;
	json_t *out;
};

/* The latest original draw of a stage: *id 0 when none, *drawn whether it ran. */
static int last_draw(struct store_conn *c, int64_t programme_id, const char *stage, int64_t *id, bool *drawn,
		     struct px_err *err)
{
	struct store_stmt *s;
	int rc = store_prepare(c, &Q_LAST, &s, err);
	*id = 0;
	*drawn = false;
	if (rc)
		return rc;
	store_bind_int(s, 1, programme_id);
	store_bind_text(s, 2, stage);
	if ((rc = store_step(s, err)) == STORE_ROW) {
		*id = store_col_int(s, 0);
		*drawn = store_col_int(s, 1) != 0;
	}
	store_reset(s);
	return rc < 0 ? rc : 0;
}

/* ---- the input ---- */

/* What the input is built from, keyed for lookups. */
struct builder {
	json_t *names;    /* normalised name -> "O<id>" or "X<n>" */
	json_t *uscc;     /* USCC -> "O<id>" */
	json_t *industry; /* "O<id>" -> GB/T 4754 section */
	json_t *codes;    /* expert code -> expert id */
	json_t *experts;  /* the input's experts, by code */
	json_t *own;      /* "O<id>" of the applicant organisations of the draw -> true */
};

static void builder_release(struct builder *b)
{
	json_decref(b->names);
	json_decref(b->uscc);
	json_decref(b->industry);
	json_decref(b->codes);
	json_decref(b->experts);
	json_decref(b->own);
}

static const char *name_id(struct builder *b, const char *name)
{
	char key[ORGNAME_KEY_MAX];
	orgname_key(name, key);
	return json_string_value(json_object_get(b->names, key));
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Number the employer names that are no registered organisation: X1, X2 ... in byte order. */
static int number_unmatched(struct builder *b, json_t *unmatched, struct px_err *err)
{
	size_t n = json_object_size(unmatched), i = 0;
	const char **keys = calloc(n + 1, sizeof(*keys)), *k;
	json_t *v;
	char id[24];
	if (!keys)
		return px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
	json_object_foreach(unmatched, k, v)
		keys[i++] = k;
	qsort(keys, n, sizeof(*keys), cmp_str);
	for (i = 0; i < n; i++) {
		snprintf(id, sizeof(id), "X%zu", i + 1);
		json_object_set_new(b->names, keys[i], json_string(id));
	}
	free(keys);
	return 0;
}

static void note_unmatched(struct builder *b, json_t *unmatched, const char *name)
{
	char key[ORGNAME_KEY_MAX];
	orgname_key(name, key);
	if (key[0] && !json_object_get(b->names, key))
		json_object_set_new(unmatched, key, json_true());
}

static void add_unique(json_t *arr, const char *s)
{
	size_t i;
	json_t *v;
	json_array_foreach(arr, i, v)
		if (!strcmp(json_string_value(v), s))
			return;
	json_array_append_new(arr, json_string(s));
}

static int load_orgs(struct store_conn *c, struct builder *b, struct px_err *err)
{
	struct store_stmt *s;
	char id[24], key[ORGNAME_KEY_MAX];
	int rc = store_prepare(c, &Q_ORGS, &s, err);
	if (rc)
		return rc;
	while ((rc = store_step(s, err)) == STORE_ROW) {
		snprintf(id, sizeof(id), "O%" PRId64, store_col_int(s, 0));
		orgname_key(store_col_text(s, 2), key);
		if (key[0] && !json_object_get(b->names, key))
			json_object_set_new(b->names, key, json_string(id));
		json_object_set_new(b->uscc, store_col_text(s, 1), json_string(id));
		json_object_set_new(b->industry, id, json_string(store_col_text(s, 3)));
	}
	store_reset(s);
	return rc < 0 ? rc : 0;
}

/* The applications in the pool state of the stage, as rows; persons' employers noted for matching. */
static int load_app_rows(struct store_conn *c, const struct programme *p, const char *pool_state, struct builder *b,
			 json_t *rows, json_t *unmatched, struct px_err *err)
{
	struct store_stmt *s;
	int rc = store_prepare(c, &Q_POOL_APPS, &s, err);

	if (rc)
		return rc;
	store_bind_int(s, 1, p->id);
	store_bind_text(s, 2, pool_state);
	while ((rc = store_step(s, err)) == STORE_ROW) {
		json_array_append_new(rows, json_pack("{s:I, s:I, s:I, s:s, s:s, s:s}", "id",
						      (json_int_t)store_col_int(s, 0), "org",
						      (json_int_t)store_col_int(s, 1), "person",
						      (json_int_t)store_col_int(s, 2), "region", store_col_text(s, 3),
						      "industry", store_col_text(s, 4), "employer", store_col_text(s, 5)));
		if (store_col_int(s, 2))
			note_unmatched(b, unmatched, store_col_text(s, 5));
	}
	store_reset(s);
	return rc < 0 ? rc : 0;
}

/* The candidates: the active experts of the programme's office's pool (app/scope.h). */
static int load_experts(struct store_conn *c, const struct programme *p, struct builder *b, json_t *by_id,
			json_t *unmatched, struct px_err *err)
{
	struct store_stmt *s;
	struct app_actor pool_of = app_actor_office_of(p->region);
	char key[24];
	int rc = store_prepare(c, &Q_EXPERTS, &s, err);

	if (rc)
		return rc;
	while ((rc = store_step(s, err)) == STORE_ROW) {
		if (!app_actor_in_region(&pool_of, store_col_text(s, 5), NULL))
			continue;
		json_t *fields = json_parse_stored(store_col_text(s, 4));
		if (!json_is_array(fields)) {
			json_decref(fields);
			fields = json_array();
		}
		json_t *e = json_pack("{s:s, s:s, s:s, s:o, s:[]}", "id", store_col_text(s, 1), "employer",
				      store_col_text(s, 2), "region", store_col_text(s, 3), "fields", fields, "conflicts");
		json_object_set_new(b->codes, store_col_text(s, 1), json_integer(store_col_int(s, 0)));
		snprintf(key, sizeof(key), "%" PRId64, store_col_int(s, 0));
		json_object_set(by_id, key, e);
		json_array_append_new(b->experts, e);
		note_unmatched(b, unmatched, store_col_text(s, 2));
	}
	store_reset(s);
	return rc < 0 ? rc : 0;
}

/* One application of the draw's input: its reference, organisation (or employer), region and field. */
static json_t *app_entry(struct builder *b, json_t *v)
{
	char ref[24], org[24], applicant[24];
	int64_t o = json_integer_value(json_object_get(v, "org")), pe = json_integer_value(json_object_get(v, "person"));
	json_t *fields = json_array();

	programme_app_ref(json_integer_value(json_object_get(v, "id")), ref);
	if (o) {
		snprintf(org, sizeof(org), "O%" PRId64, o);
		applicant[0] = '\0';
		json_object_set_new(b->own, org, json_true());
	} else {
		const char *emp = name_id(b, json_string_value(json_object_get(v, "employer")));
		snprintf(applicant, sizeof(applicant), "P%" PRId64, pe);
		snprintf(org, sizeof(org), "%s", emp ? emp : applicant);
		if (emp && emp[0] == 'O')
			json_object_set_new(b->own, org, json_true());
	}
	const char *industry = o ? json_string_value(json_object_get(v, "industry"))
				 : json_string_value(json_object_get(b->industry, org));
	if (industry && *industry)
		json_array_append_new(fields, json_string(industry));
	json_t *a = json_pack("{s:s, s:s, s:s, s:o}", "id", ref, "organisation", org, "region",
			      json_string_value(json_object_get(v, "region")), "fields", fields);
	if (applicant[0])
		json_object_set_new(a, "applicant", json_string(applicant));
	return a;
}

/* Experts' employers mapped to ids; an expert employed by an applicant is recorded in detected. */
static void map_employers(struct builder *b, json_t *detected)
{
	size_t i;
	json_t *v;
	json_array_foreach(b->experts, i, v) {
		const char *emp = name_id(b, json_string_value(json_object_get(v, "employer")));
		json_object_set_new(v, "employer", json_string(emp ? emp : "X0"));
		if (emp && json_object_get(b->own, emp))
			json_array_append_new(detected, json_pack("{s:I, s:I, s:s}", "expert",
								  json_integer_value(json_object_get(b->codes,
									json_string_value(json_object_get(v, "id")))),
								  "organisation", (json_int_t)strtoll(emp + 1, NULL, 10),
								  "code", json_string_value(json_object_get(v, "id"))));
	}
}

/* The declared conflicts, resolved to organisation or person ids, added to each expert. */
static int load_conflicts(struct store_conn *c, struct builder *b, json_t *by_id, struct px_err *err)
{
	struct store_stmt *s;
	char key[24], id[24];
	int rc = store_prepare(c, &Q_CONFLICTS, &s, err);

	if (rc)
		return rc;
	while ((rc = store_step(s, err)) == STORE_ROW) {
		const char *target = store_col_text(s, 3), *resolved = NULL;
		snprintf(key, sizeof(key), "%" PRId64, store_col_int(s, 0));
		json_t *e = json_object_get(by_id, key);
		if (!e)
			continue;
		if (store_col_int(s, 1)) {
			snprintf(id, sizeof(id), "O%" PRId64, store_col_int(s, 1));
			resolved = id;
		} else if (store_col_int(s, 2)) {
			snprintf(id, sizeof(id), "P%" PRId64, store_col_int(s, 2));
			resolved = id;
		} else if (*target) {
			resolved = json_string_value(json_object_get(b->uscc, target));
			if (!resolved)
				resolved = name_id(b, target);
		}
		if (resolved)
			add_unique(json_object_get(e, "conflicts"), resolved);
	}
	store_reset(s);
	return rc < 0 ? rc : 0;
}

/*
 * Build the input of a draw of stage st. *input is a new JSON object;
 * *detected lists [expert id, organisation id] pairs found by the employer
 * rule (to record).
 */
static int build_input(struct store_conn *c, const struct programme *p, const struct tpl_stage *st, int64_t draw_id,
		       json_t **input, json_t **detected, struct px_err *err)
{
	struct builder b = { json_object(), json_object(), json_object(), json_object(), json_array(), json_object() };
	json_t *apps_rows = json_array(), *unmatched = json_object(), *apps = json_array(), *experts_by_id = json_object();
	const char *pool_state = programme_review_pool_state(p->tpl, st->code);
	size_t i;
	json_t *v;
	int rc;

	*input = NULL;
	*detected = json_array();
	if ((rc = load_orgs(c, &b, err)) || (rc = load_app_rows(c, p, pool_state, &b, apps_rows, unmatched, err)) ||
	    (rc = load_experts(c, p, &b, experts_by_id, unmatched, err)) ||
	    (rc = number_unmatched(&b, unmatched, err)))
		goto out;
	if (!json_array_size(apps_rows)) {
		rc = px_err_set(err, PX_ECONFLICT, "draw_no_applications", "stage",
				"no application is %s for stage '%s'", pool_state, st->code);
		goto out;
	}
	if (!json_array_size(b.experts)) {
		rc = px_err_set(err, PX_ECONFLICT, "draw_no_experts", "stage", "the expert pool has no active expert");
		goto out;
	}
	json_array_foreach(apps_rows, i, v)
		json_array_append_new(apps, app_entry(&b, v));
	map_employers(&b, *detected);
	if ((rc = load_conflicts(c, &b, experts_by_id, err)))
		goto out;
	*input = json_pack("{s:{s:s, s:I, s:s, s:s, s:I}, s:i, s:i, s:{s:b, s:b}, s:O, s:O}", "meta", "programme",
			   p->tpl->title, "programme_id", (json_int_t)p->id, "stage", st->code, "stage_title", st->title,
			   "draw", (json_int_t)draw_id, "panel", st->panel_size, "max_load", st->max_load, "constraints",
			   "field_match", st->field_match, "other_region", st->different_region, "applications", apps,
			   "experts", b.experts);
	json_object_set(*input, "_codes", b.codes); /* taken off again by the caller */
out:
	json_decref(apps_rows);
	json_decref(unmatched);
	json_decref(apps);
	json_decref(experts_by_id);
	builder_release(&b);
	if (rc) {
		json_decref(*detected);
		*detected = NULL;
	}
	return rc;
}

/*
 * The input of a draw as frozen from the database, loaded for the draw and
 * hashed (docs/draw.md, "Inputs hash").
 */
struct frozen {
	json_t *input;    /* the published input */
	json_t *detected; /* employer matches to record at the run */
	json_t *codes;    /* expert code -> expert id */
	struct draw_doc doc;
	char hash[DRAW_HEX_LEN + 1];
};

static void frozen_release(struct frozen *f)
{
	draw_doc_release(&f->doc);
	json_decref(f->input);
	json_decref(f->detected);
	json_decref(f->codes);
	memset(f, 0, sizeof(*f));
}

static int frozen_build(struct store_conn *c, const struct programme *p, const struct tpl_stage *st, int64_t draw_id,
			struct frozen *f, struct px_err *err)
{
	int rc;
	memset(f, 0, sizeof(*f));
	if ((rc = build_input(c, p, st, draw_id, &f->input, &f->detected, err)))
		return rc;
	f->codes = json_incref(json_object_get(f->input, "_codes"));
	json_object_del(f->input, "_codes");
	if ((rc = draw_doc_load(f->input, &f->doc, err)) || (rc = draw_inputs_hash(&f->doc.in, f->hash, err)))
		frozen_release(f);
	return rc;
}

/* ---- commit ---- */

/*
 * Refuse to commit to a draw that cannot be covered: feasibility does not
 * depend on the seed, so any seed answers it, and the office widens the pool
 * before it commits rather than abandon a commitment.
 */
static int check_feasible(const struct draw_input *in, struct px_err *err)
{
	static const unsigned char any_seed[DRAW_SEED_BYTES];
	struct draw_result res = { 0 };
	int rc = draw_run(in, any_seed, &res, err);
	draw_result_release(&res);
	return rc;
}

static int commit_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct commit_arg *a = arg;
	struct programme p;
	const struct tpl_stage *st;
	struct store_stmt *s;
	struct frozen f = { 0 };
	unsigned char seed[DRAW_SEED_BYTES];
	char hex[DRAW_HEX_LEN + 1] = "", commit[DRAW_HEX_LEN + 1], object[40], *input_json = NULL;
	int64_t id = 0, last, now = store_now_us();
	bool drawn;
	int rc = programme_load_office(c, a->actor, a->programme_id, &p, err);

	if (rc)
		return rc;
	if (!a->stage || !(st = template_stage(p.tpl, a->stage)) || st->kind != TPL_STAGE_REVIEW) {
		rc = px_err_set(err, PX_EINVAL, "not_review_stage", "stage", "'%s' is not a review stage of this programme",
				a->stage ? a->stage : "");
		goto out;
	}
	if ((rc = programme_require_stage(&p, st->code, err)) || (rc = last_draw(c, p.id, st->code, &last, &drawn, err)))
		goto out;
	if (last) {
		if (drawn)
			rc = px_err_set(err, PX_ECONFLICT, "draw_done", "stage", "stage '%s' was drawn in draw %" PRId64,
					st->code, last);
		else
			rc = px_err_set(err, PX_ECONFLICT, "draw_pending", "stage",
					"draw %" PRId64 " of stage '%s' is committed and waits to run", last, st->code);
		goto out;
	}
	if ((rc = frozen_build(c, &p, st, 0, &f, err)) || (rc = check_feasible(&f.doc.in, err)))
		goto out;
	/* the seed leaves the server once, in the answer; only its commitment is kept */
	randombytes_buf(seed, sizeof(seed));
	sodium_bin2hex(hex, sizeof(hex), seed, sizeof(seed));
	draw_seed_commit(seed, commit);
	sodium_memzero(seed, sizeof(seed));
	if ((rc = store_prepare(c, &Q_COMMIT, &s, err)))
		goto out;
	store_bind_int(s, 1, p.id);
	store_bind_text(s, 2, st->code);
	store_bind_text(s, 3, commit);
	store_bind_text(s, 4, f.hash);
	store_bind_int(s, 5, now);
	if ((rc = store_step(s, err)) == STORE_ROW)
		id = store_col_int(s, 0);
	store_reset(s);
	if (rc < 0)
		goto out;
	json_object_set_new(json_object_get(f.input, "meta"), "draw", json_integer(id));
	if (!(input_json = json_dump_sorted(f.input))) {
		rc = px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
		goto out;
	}
	if ((rc = store_run(c, &Q_COMMIT_INPUT, err, "ti", input_json, id)))
		goto out;
	snprintf(object, sizeof(object), "draw:%" PRId64, id);
	json_t *payload = json_pack("{s:I, s:s, s:s, s:s, s:s}", "programme", (json_int_t)p.id, "stage", st->code,
				    "algorithm", DRAW_ALGORITHM, "seed_commit", commit, "inputs_hash", f.hash);
	rc = audit_append(c, a->actor, "draw.commit", object, payload, err);
	json_decref(payload);
	if (rc)
		goto out;
	json_decref(a->out);
	a->out = json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:I, s:s, s:s, s:O}", "id", (json_int_t)id, "programme",
			   (json_int_t)p.id, "stage", st->code, "algorithm", DRAW_ALGORITHM, "seed_commit", commit,
			   "inputs_hash", f.hash, "committed_at", (json_int_t)now, "state", "committed", "seed", hex,
			   "input", f.input);
out:
	sodium_memzero(hex, sizeof(hex));
	free(input_json);
	frozen_release(&f);
	programme_release(&p);
	return rc;
}

int draw_stage_commit(struct app *app, const struct app_actor *actor, int64_t programme_id, const char *stage,
		      json_t **out, struct px_err *err)
{
	struct commit_arg a = { actor, programme_id, stage, NULL };
	return app_tx_json(app, STORE_TX_WRITE, commit_tx, &a, &a.out, out, err);
}

/* ---- run ---- */

struct draw_row {
	int64_t id, programme_id, replaces, committed_at, drawn_at, abandoned_at;
	char stage[32];
	char abandon_reason[2048];
	char seed_commit[DRAW_HEX_LEN + 1];
	char seed[DRAW_HEX_LEN + 1];
	char inputs_hash[DRAW_HEX_LEN + 1];
	json_t *input, *result; /* owned; NULL before the run */
};

static void draw_row_release(struct draw_row *d)
{
	json_decref(d->input);
	json_decref(d->result);
	d->input = d->result = NULL;
}

static int draw_row_load(struct store_conn *c, int64_t id, struct draw_row *d, struct px_err *err)
{
	struct store_stmt *s;
	int rc = store_prepare(c, &Q_DRAW, &s, err);
	memset(d, 0, sizeof(*d));
	if (rc)
		return rc;
	store_bind_int(s, 1, id);
	if ((rc = store_step(s, err)) == STORE_ROW) {
		d->id = store_col_int(s, 0);
		d->programme_id = store_col_int(s, 1);
		snprintf(d->stage, sizeof(d->stage), "%s", store_col_text(s, 2));
		snprintf(d->seed_commit, sizeof(d->seed_commit), "%s", store_col_text(s, 3));
		snprintf(d->seed, sizeof(d->seed), "%s", store_col_text(s, 4));
		snprintf(d->inputs_hash, sizeof(d->inputs_hash), "%s", store_col_text(s, 5));
		if (*store_col_text(s, 6))
			d->input = json_parse_stored(store_col_text(s, 6));
		if (*store_col_text(s, 7))
			d->result = json_parse_stored(store_col_text(s, 7));
		d->replaces = store_col_int(s, 8);
		d->committed_at = store_col_int(s, 9);
		d->drawn_at = store_col_int(s, 10);
		d->abandoned_at = store_col_int(s, 11);
		snprintf(d->abandon_reason, sizeof(d->abandon_reason), "%s", store_col_text(s, 12));
		rc = 0;
	} else if (rc == STORE_DONE) {
		rc = px_err_set(err, PX_ENOTFOUND, NULL, "draw", "no draw %" PRId64, id);
	}
	store_reset(s);
	return rc;
}

static const char *draw_state(int64_t drawn_at, int64_t abandoned_at)
{
	return drawn_at ? "drawn" : abandoned_at ? "abandoned" : "committed";
}

/* A text column as JSON: null when empty. */
static json_t *text_or_null(const char *s)
{
	return *s ? json_string(s) : json_null();
}

/*
 * The public form. The seed is in the database only once the draw has run
 * (or was abandoned with its seed revealed); the inputs hash and the input
 * are published from the commitment on.
 */
static json_t *draw_row_json(const struct draw_row *d)
{
	bool drawn = d->drawn_at != 0;
	json_t *o = json_pack("{s:I, s:I, s:s, s:s, s:s, s:I, s:s, s:b}", "id", (json_int_t)d->id, "programme",
			      (json_int_t)d->programme_id, "stage", d->stage, "algorithm", DRAW_ALGORITHM, "seed_commit",
			      d->seed_commit, "committed_at", (json_int_t)d->committed_at, "state",
			      draw_state(d->drawn_at, d->abandoned_at), "drawn", drawn);
	json_object_set_new(o, "replaces", d->replaces ? json_integer(d->replaces) : json_null());
	json_object_set_new(o, "drawn_at", drawn ? json_integer(d->drawn_at) : json_null());
	json_object_set_new(o, "abandoned_at", d->abandoned_at ? json_integer(d->abandoned_at) : json_null());
	json_object_set_new(o, "abandon_reason", text_or_null(d->abandon_reason));
	json_object_set_new(o, "seed", text_or_null(d->seed));
	json_object_set_new(o, "inputs_hash", text_or_null(d->inputs_hash));
	json_object_set_new(o, "input", d->input ? json_incref(d->input) : json_null());
	json_object_set_new(o, "result", drawn && d->result ? json_incref(d->result) : json_null());
	json_t *meta = d->input ? json_object_get(json_object_get(d->input, "meta"), "replacement") : NULL;
	if (d->replaces && meta)
		json_object_set(o, "replacement", meta);
	return o;
}

struct run_arg {
	const struct app_actor *actor;
	int64_t id;
	const char *seed;   /* hex, as the office supplies it */
	const char *reason; /* of an abandonment */
	json_t *out;
};

/* A committed draw that may still run or be abandoned: neither drawn nor abandoned. */
static int require_pending(const struct draw_row *d, struct px_err *err)
{
	if (d->drawn_at)
		return px_err_set(err, PX_ECONFLICT, "draw_done", "draw", "draw %" PRId64 " has run", d->id);
	if (d->abandoned_at)
		return px_err_set(err, PX_ECONFLICT, "draw_abandoned", "draw", "draw %" PRId64 " was abandoned", d->id);
	return 0;
}

/* The seed the office supplies must open the commitment published before. */
static int open_commitment(const struct draw_row *d, const char *hex, unsigned char seed[DRAW_SEED_BYTES],
			   struct px_err *err)
{
	char commit[DRAW_HEX_LEN + 1];
	int rc = draw_seed_parse(hex ? hex : "", seed, err);
	if (rc)
		return rc;
	draw_seed_commit(seed, commit);
	if (strcmp(commit, d->seed_commit))
		return px_err_set(err, PX_EINVAL, "seed_mismatch", "seed",
				  "the seed does not open the commitment of draw %" PRId64, d->id);
	return 0;
}

/* Record the employer matches as detected conflicts (once each). */
static int record_detected(struct store_conn *c, json_t *detected, int64_t now, struct px_err *err)
{
	size_t i;
	json_t *v;
	json_array_foreach(detected, i, v) {
		struct store_stmt *s;
		int64_t e = json_integer_value(json_object_get(v, "expert"));
		int64_t o = json_integer_value(json_object_get(v, "organisation"));
		int rc = store_prepare(c, &Q_DETECTED_EXISTS, &s, err);
		if (rc)
			return rc;
		store_bind_int(s, 1, e);
		store_bind_int(s, 2, o);
		rc = store_step(s, err);
		store_reset(s);
		if (rc < 0)
			return rc;
		if (rc == STORE_DONE && (rc = store_run(c, &Q_DETECTED, err, "iii", e, o, now)))
			return rc;
	}
	return 0;
}

/* The inputs as frozen now must hash to what was committed to. */
static int inputs_unchanged(const struct draw_row *d, const struct frozen *f, struct px_err *err)
{
	char change[160];
	if (!strcmp(f->hash, d->inputs_hash))
		return 0;
	draw_change_describe(d->input, f->input, change, sizeof(change));
	return px_err_set(err, PX_ECONFLICT, "draw_inputs_changed", "draw",
			  "the inputs of draw %" PRId64 " changed since its commitment (%s); abandon it and commit again",
			  d->id, change);
}

/* Store the seed, the inputs and the result on the draw; draw_done when it ran or was abandoned meanwhile. */
static int store_result(struct store_conn *c, const struct draw_row *d, const struct frozen *f, const char *seed_hex,
			json_t *result, int64_t now, struct px_err *err)
{
	char *input_json = json_dump_sorted(f->input), *result_text = result ? json_dump_sorted(result) : NULL;
	int rc;

	if (!input_json || !result_text)
		rc = px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
	else if ((rc = store_get(c, &Q_RUN, err, "tttiit:-", seed_hex, (const char *)input_json,
				 (const char *)result_text, now, d->id, (const char *)f->hash)) == STORE_DONE)
		rc = px_err_set(err, PX_ECONFLICT, "draw_done", "draw", "draw %" PRId64 " has run or was abandoned", d->id);
	free(input_json);
	free(result_text);
	return rc < 0 ? rc : 0;
}

/* One assignment per panel seat. */
static int insert_assignments(struct store_conn *c, const struct draw_row *d, const struct frozen *f,
			      const struct draw_result *res, int64_t now, struct px_err *err)
{
	for (size_t i = 0; i < res->n_panels; i++) {
		const struct draw_panel *pn = &res->panels[i];
		int64_t application = strtoll(f->doc.in.apps[pn->app].id + 1, NULL, 10);
		for (unsigned j = 0; j < pn->n; j++) {
			int64_t expert = json_integer_value(json_object_get(f->codes, f->doc.in.experts[pn->expert[j]].id));
			int rc = store_run(c, &Q_ASSIGN, err, "itiii", d->id, d->stage, application, expert, now);
			if (rc)
				return rc;
		}
	}
	return 0;
}

static int audit_run(struct store_conn *c, const struct app_actor *actor, const struct programme *p,
		     const struct draw_row *d, const struct frozen *f, const struct draw_result *res, const char *seed_hex,
		     struct px_err *err)
{
	return audit_record(c, actor, "draw.run", "draw", d->id,
			    json_pack("{s:I, s:s, s:s, s:s, s:s, s:I, s:I, s:i}", "programme", (json_int_t)p->id, "stage",
				      d->stage, "seed", seed_hex, "seed_commit", d->seed_commit, "inputs_hash", f->hash,
				      "applications", (json_int_t)f->doc.in.n_apps, "experts",
				      (json_int_t)f->doc.in.n_experts, "max_load", (int)res->max_load),
			    err);
}

static int run_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct run_arg *a = arg;
	struct draw_row d;
	struct programme p = { 0 };
	struct frozen f = { 0 };
	struct draw_result res = { 0 };
	json_t *result = NULL;
	char seed_hex[DRAW_HEX_LEN + 1] = "";
	unsigned char seed[DRAW_SEED_BYTES];
	int64_t now = store_now_us();
	int rc;

	if ((rc = draw_row_load(c, a->id, &d, err)))
		return rc;
	if ((rc = programme_load_office(c, a->actor, d.programme_id, &p, err)) || (rc = require_pending(&d, err)) ||
	    (rc = programme_require_stage(&p, d.stage, err)) || (rc = open_commitment(&d, a->seed, seed, err)) ||
	    (rc = frozen_build(c, &p, template_stage(p.tpl, d.stage), d.id, &f, err)) ||
	    (rc = inputs_unchanged(&d, &f, err)) || (rc = draw_run(&f.doc.in, seed, &res, err)))
		goto out;
	sodium_bin2hex(seed_hex, sizeof(seed_hex), seed, sizeof(seed));
	result = draw_doc_result_json(&f.doc.in, &res);
	if ((rc = store_result(c, &d, &f, seed_hex, result, now, err)) ||
	    (rc = insert_assignments(c, &d, &f, &res, now, err)) || (rc = record_detected(c, f.detected, now, err)) ||
	    (rc = audit_run(c, a->actor, &p, &d, &f, &res, seed_hex, err)))
		goto out;
	d.drawn_at = now;
	snprintf(d.seed, sizeof(d.seed), "%s", seed_hex);
	json_decref(d.input);
	d.input = json_incref(f.input);
	d.result = json_incref(result);
	json_decref(a->out);
	a->out = draw_row_json(&d);
	json_object_set_new(a->out, "detected_conflicts", json_incref(f.detected));
out:
	sodium_memzero(seed, sizeof(seed));
	draw_result_release(&res);
	json_decref(result);
	frozen_release(&f);
	draw_row_release(&d);
	programme_release(&p);
	return rc;
}

int draw_stage_run(struct app *app, const struct app_actor *actor, int64_t draw_id, const char *seed, json_t **out,
		   struct px_err *err)
{
	struct run_arg a = { actor, draw_id, seed, NULL, NULL };
	return app_tx_json(app, STORE_TX_WRITE, run_tx, &a, &a.out, out, err);
}

/* ---- abandon ---- */

static int abandon_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct run_arg *a = arg;
	struct draw_row d;
	struct programme p = { 0 };
	struct store_stmt *s;
	unsigned char seed[DRAW_SEED_BYTES];
	char object[40];
	int64_t now = store_now_us();
	int rc;

	if ((rc = draw_row_load(c, a->id, &d, err)))
		return rc;
	if ((rc = programme_load_office(c, a->actor, d.programme_id, &p, err)) || (rc = require_pending(&d, err)) ||
	    (rc = input_text(a->reason, 2000, "reason", err)))
		goto out;
	if (a->seed && (rc = open_commitment(&d, a->seed, seed, err)))
		goto out;
	if (a->seed)
		sodium_bin2hex(d.seed, sizeof(d.seed), seed, sizeof(seed));
	if ((rc = store_prepare(c, &Q_ABANDON, &s, err)))
		goto out;
	store_bind_int(s, 1, now);
	store_bind_text(s, 2, a->reason);
	if (a->seed)
		store_bind_text(s, 3, d.seed);
	else
		store_bind_null(s, 3);
	store_bind_int(s, 4, d.id);
	rc = store_step(s, err);
	store_reset(s);
	if (rc == STORE_DONE)
		rc = px_err_set(err, PX_ECONFLICT, "draw_done", "draw", "draw %" PRId64 " has run or was abandoned", d.id);
	if (rc < 0)
		goto out;
	snprintf(object, sizeof(object), "draw:%" PRId64, d.id);
	json_t *payload = json_pack("{s:I, s:s, s:s, s:s, s:b}", "programme", (json_int_t)p.id, "stage", d.stage,
				    "seed_commit", d.seed_commit, "reason", a->reason, "seed_revealed", a->seed != NULL);
	rc = audit_append(c, a->actor, "draw.abandon", object, payload, err);
	json_decref(payload);
	if (rc)
		goto out;
	d.abandoned_at = now;
	snprintf(d.abandon_reason, sizeof(d.abandon_reason), "%s", a->reason);
	json_decref(a->out);
	a->out = draw_row_json(&d);
out:
	sodium_memzero(seed, sizeof(seed));
	draw_row_release(&d);
	programme_release(&p);
	return rc;
}

int draw_stage_abandon(struct app *app, const struct app_actor *actor, int64_t draw_id, const char *reason,
		       const char *seed, json_t **out, struct px_err *err)
{
	struct run_arg a = { actor, draw_id, seed, reason, NULL };
	return app_tx_json(app, STORE_TX_WRITE, abandon_tx, &a, &a.out, out, err);
}

/* ---- public views ---- */

static int one_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct run_arg *a = arg;
	struct draw_row d;
	int rc = draw_row_load(c, a->id, &d, err);
	if (rc)
		return rc;
	a->out = draw_row_json(&d);
	draw_row_release(&d);
	return 0;
}

int draw_stage_json(struct app *app, int64_t draw_id, json_t **out, struct px_err *err)
{
	struct run_arg a = { &app_actor_public, draw_id, NULL, NULL, NULL };
	return app_tx_json(app, STORE_TX_READ, one_tx, &a, &a.out, out, err);
}

static int list_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct run_arg *a = arg;
	struct programme p;
	struct store_stmt *s;
	int rc = programme_load(c, a->id, &p, err);
	if (rc)
		return rc;
	programme_release(&p);
	if ((rc = store_prepare(c, &Q_DRAWS, &s, err)))
		return rc;
	store_bind_int(s, 1, a->id);
	json_t *list = json_array();
	while ((rc = store_step(s, err)) == STORE_ROW) {
		json_t *o = json_pack("{s:I, s:s, s:s, s:I, s:s}", "id", (json_int_t)store_col_int(s, 0), "stage",
				      store_col_text(s, 1), "seed_commit", store_col_text(s, 2), "committed_at",
				      (json_int_t)store_col_int(s, 4), "state",
				      draw_state(store_col_int(s, 5), store_col_int(s, 6)));
		json_object_set_new(o, "inputs_hash", text_or_null(store_col_text(s, 7)));
		json_object_set_new(o, "replaces", store_col_int(s, 3) ? json_integer(store_col_int(s, 3)) : json_null());
		json_array_append_new(list, o);
	}
	store_reset(s);
	if (rc < 0) {
		json_decref(list);
		return rc;
	}
	a->out = json_pack("{s:I, s:o}", "programme", (json_int_t)a->id, "draws", list);
	return 0;
}

int draw_stage_list(struct app *app, int64_t programme_id, json_t **out, struct px_err *err)
{
	struct run_arg a = { &app_actor_public, programme_id, NULL, NULL, NULL };
	return app_tx_json(app, STORE_TX_READ, list_tx, &a, &a.out, out, err);
}
