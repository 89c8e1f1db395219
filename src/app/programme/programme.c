/*
 * programme.c - creating programmes from templates and moving them through
 * their stages (see programme.h).
 */
#include "app/programme/programme.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/audit.h"
#include "app/programme/family.h"
#include "core/stage.h"
#include "app/programme/template_cache.h"
#include "app/tx.h"

static struct store_sql Q_INSERT = STORE_SQL(
	"INSERT INTO programme (template, family, year, title, region, config, stage_seq, created_at) "
	"VALUES ($1, $2, $3, $4, $5, $6, 0, $7) RETURNING id");
static struct store_sql Q_STAGE = STORE_SQL(
	"INSERT INTO stage (programme_id, seq, code, kind, title, opens_on, closes_on, state) "
	"VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending')");
static struct store_sql Q_TRACK = STORE_SQL(
	"INSERT INTO track (programme_id, code, name, applicant_kind, cap) VALUES ($1, $2, $3, $4, $5)");
static struct store_sql Q_QUOTA = STORE_SQL(
	"INSERT INTO quota (programme_id, region, track_code, slots) VALUES ($1, $2, $3, $4)");
static struct store_sql Q_LOAD = STORE_SQL(
	"SELECT year, region, stage_seq, created_at, config_rev FROM programme WHERE id = $1");
static struct store_sql Q_CONFIG = STORE_SQL("SELECT config FROM programme WHERE id = $1");
static struct store_sql Q_LIST = STORE_SQL("SELECT id FROM programme ORDER BY year DESC, id DESC");
static struct store_sql Q_ADVANCE = STORE_SQL(
	"UPDATE programme SET stage_seq = $1 WHERE id = $2 AND stage_seq = $3 RETURNING id");
static struct store_sql Q_CLOSE = STORE_SQL(
	"UPDATE stage SET state = 'closed', closed_at = $1 WHERE programme_id = $2 AND seq = $3");
static struct store_sql Q_OPEN = STORE_SQL(
	"UPDATE stage SET state = 'open', opened_at = $1 WHERE programme_id = $2 AND seq = $3");
static struct store_sql Q_STAGES = STORE_SQL(
	"SELECT seq, state, extended_to, extension_reason FROM stage WHERE programme_id = $1 ORDER BY seq");

static json_t *date_or_null(px_date d)
{
	char b[11];
	if (!d)
		return json_null();
	date_format(d, b);
	return json_string(b);
}

bool programme_is_office(const struct programme *p, const struct app_actor *actor)
{
	return actor->kind == ACTOR_CLI ||
	       (actor->kind == ACTOR_ACCOUNT && actor->role == ROLE_OFFICE &&
		access_region_contains(actor->region, p->region));
}

const char *programme_county_scope(const struct programme *p, const struct app_actor *actor)
{
	if (actor->kind == ACTOR_ACCOUNT && actor->role == ROLE_COUNTY)
		return actor->region;
	if (programme_is_office(p, actor) ||
	    (app_actor_is(actor, ROLE_LEADER) && access_region_contains(actor->region, p->region)))
		return "";
	return NULL;
}

struct create_args {
	const struct app_actor *actor;
	const struct template *t;
	const char *tpl_json;
	size_t len;
	int64_t id, now; /* now: the instant recorded (rehearsal clock) */
};

static int create_stages(struct store_conn *c, const struct template *t, int64_t id, struct px_err *err)
{
	char d1[11], d2[11];
	int rc = 0;
	for (int i = 0; i < t->nstages && !rc; i++) {
		const struct tpl_stage *st = &t->stages[i];
		if (st->opens)
			date_format(st->opens, d1);
		if (st->closes)
			date_format(st->closes, d2);
		rc = store_run(c, &Q_STAGE, err, "iittttt", id, (int64_t)(i + 1), st->code, st->kind_name, st->title,
			       st->opens ? d1 : NULL, st->closes ? d2 : NULL);
	}
	for (int i = 0; i < t->ntracks && !rc; i++)
		rc = store_run(c, &Q_TRACK, err, "ittti", id, t->tracks[i].code, t->tracks[i].name,
			       template_applicant_name(t->tracks[i].applicant), (int64_t)t->tracks[i].cap);
	for (int q = 0; q < t->nquotas && !rc; q++)
		for (int i = 0; i < t->ntracks && !rc; i++)
			if ((rc = store_run(c, &Q_QUOTA, err, "itti", id, t->quotas[q].region, t->tracks[i].code,
					    (int64_t)t->quotas[q].slots[i])) &&
			    (rc == PX_ECONFLICT || !strcmp(err ? err->key : "", "constraint")))
				rc = px_err_set(err, PX_EINVAL, "bad_template", "quotas",
						"quota region '%s' is not a known division code", t->quotas[q].region);
	return rc;
}

static int create_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct create_args *a = arg;
	const struct template *t = a->t;
	struct store_stmt *s;
	int rc;

	if ((rc = store_prepare(c, &Q_INSERT, &s, err)))
		return rc;
	store_bind_text(s, 1, t->id);
	store_bind_text(s, 2, t->family);
	store_bind_int(s, 3, t->year);
	store_bind_text(s, 4, t->title);
	store_bind_text(s, 5, t->region);
	store_bind_textn(s, 6, a->tpl_json, a->len);
	store_bind_int(s, 7, a->now);
	rc = store_step(s, err);
	if (rc == STORE_ROW)
		a->id = store_col_int(s, 0);
	store_reset(s);
	if (rc == PX_ECONFLICT)
		return px_err_set(err, PX_ECONFLICT, "programme_exists", "template",
				  "a programme of '%s' for %d exists already", t->family, t->year);
	if (rc < 0 || (rc = create_stages(c, t, a->id, err)))
		return rc;
	json_t *payload = json_pack("{s:s, s:i, s:s}", "template", t->id, "year", t->year, "title", t->title);
	return audit_record(c, a->actor, "programme.create", "programme", a->id, payload, err);
}

int programme_create(struct app *app, const struct app_actor *actor, const char *tpl_json, size_t len,
		     int64_t *id, struct px_err *err)
{
	struct template *t = NULL;
	int rc = template_parse(tpl_json, len, &t, err);

	if (rc)
		return rc;
	if ((rc = family_check_template(t, tpl_json, len, err))) {
		free(t);
		return rc;
	}
	if (!(actor->kind == ACTOR_CLI || (app_actor_is(actor, ROLE_OFFICE) &&
					   access_region_contains(actor->region, t->region)))) {
		rc = px_err_set(err, PX_EFORBIDDEN, NULL, "region", "only the office of region %s may run this programme",
				t->region);
	} else {
		struct create_args a = { actor, t, tpl_json, len, 0, app_now_us(app) };
		rc = app_tx(app, STORE_TX_WRITE, create_tx, &a, err);
		*id = a.id;
	}
	free(t);
	return rc;
}

/* The programme's frozen template: from the cache by its row, else its text fetched and parsed (once). */
static int load_template(struct store_conn *c, const struct template_key *k, const struct template **out,
			 struct px_err *err)
{
	struct store_stmt *s;
	size_t len;
	int rc;

	if (template_cache_find(k, out))
		return 0;
	if ((rc = store_prepare(c, &Q_CONFIG, &s, err)))
		return rc;
	store_bind_int(s, 1, k->id);
	if ((rc = store_step(s, err)) == STORE_ROW) {
		const char *cfg = store_col_textn(s, 0, &len);
		rc = template_cache_get_keyed(k, cfg, len, out, err);
	} else if (rc == STORE_DONE) {
		rc = px_err_set(err, PX_ENOTFOUND, NULL, "programme", "no programme %lld", (long long)k->id);
	}
	store_reset(s);
	return rc;
}

int programme_load(struct store_conn *c, int64_t id, struct programme *out, struct px_err *err)
{
	struct store_stmt *s;
	int64_t created_at = 0, rev = 0;
	int rc = store_prepare(c, &Q_LOAD, &s, err);
	memset(out, 0, sizeof(*out));
	if (rc)
		return rc;
	store_bind_int(s, 1, id);
	rc = store_step(s, err);
	if (rc == STORE_ROW) {
		out->id = id;
		out->year = (int)store_col_int(s, 0);
		snprintf(out->region, sizeof(out->region), "%s", store_col_text(s, 1));
		out->stage_seq = (int)store_col_int(s, 2);
		created_at = store_col_int(s, 3);
		rev = store_col_int(s, 4);
		rc = 0;
	} else if (rc == STORE_DONE) {
		rc = px_err_set(err, PX_ENOTFOUND, NULL, "programme", "no programme %lld", (long long)id);
	}
	store_reset(s);
	if (!rc) {
		struct template_key k = { store_serial(c), id, created_at, rev };
		rc = load_template(c, &k, &out->tpl, err);
	}
	return rc;
}

void programme_release(struct programme *p)
{
	template_cache_put(p->tpl);
	p->tpl = NULL;
}

const struct tpl_stage *programme_stage(const struct programme *p)
{
	if (p->stage_seq < 1 || p->stage_seq > p->tpl->nstages)
		return NULL;
	return &p->tpl->stages[p->stage_seq - 1];
}

int programme_require_stage(const struct programme *p, const char *code, struct px_err *err)
{
	const struct tpl_stage *s = programme_stage(p);
	if (s && !strcmp(s->code, code))
		return 0;
	return px_err_set(err, PX_ECONFLICT, "wrong_stage", "stage",
			  "this needs stage '%s' but the programme is in '%s'", code, s ? s->code : "(not started)");
}

bool programme_reached(const struct programme *p, const char *code)
{
	return stage_reached(p->stage_seq, template_stage_index(p->tpl, code));
}

struct advance_args {
	struct app *app;
	const struct app_actor *actor;
	int64_t id, now;
	const char *to;
};

/* The move itself, once the programme is loaded: checks, the family's exit check, rows, audit. */
static int advance_loaded(struct store_conn *c, const struct advance_args *a, struct programme *p,
			  struct px_err *err)
{
	int rc, next = stage_next(p->stage_seq, p->tpl->nstages);
	if (!programme_is_office(p, a->actor))
		return px_err_set(err, PX_EFORBIDDEN, NULL, NULL, "only the programme's office moves its stages");
	switch (stage_move_check(p->stage_seq, p->tpl->nstages, a->to ? template_stage_index(p->tpl, a->to) + 1 : 0)) {
	case STAGE_MOVE_FINISHED:
		return px_err_set(err, PX_ECONFLICT, "programme_finished", "to", "the programme has passed its last stage");
	case STAGE_MOVE_NOT_NEXT:
		return px_err_set(err, PX_ECONFLICT, "not_next_stage", "to",
				  "the next stage is '%s', not '%s': stages move forward one at a time",
				  p->tpl->stages[next - 1].code, a->to ? a->to : "");
	case STAGE_MOVE_OK:
		break;
	}
	const struct tpl_stage *leaving = programme_stage(p);
	family_exit_fn exit_check = leaving ? family_exit(p->tpl, (enum stage_kind)leaving->kind) : NULL;
	if (exit_check && (rc = exit_check(a->app, c, p, leaving, err)))
		return rc;
	rc = store_get(c, &Q_ADVANCE, err, "iii:-", (int64_t)next, a->id, (int64_t)p->stage_seq);
	if (rc != STORE_ROW) /* another request moved it meanwhile */
		return rc < 0 ? rc : px_err_set(err, PX_ECONFLICT, "stage_moved", "to", "the stage changed meanwhile");
	if ((p->stage_seq >= 1 && (rc = store_run(c, &Q_CLOSE, err, "iii", a->now, a->id, (int64_t)p->stage_seq))) ||
	    (rc = store_run(c, &Q_OPEN, err, "iii", a->now, a->id, (int64_t)next)))
		return rc;
	json_t *payload = json_pack("{s:s, s:s}", "from", p->stage_seq ? p->tpl->stages[p->stage_seq - 1].code : "",
				    "to", a->to);
	return audit_record(c, a->actor, "programme.advance", "programme", a->id, payload, err);
}

static int advance_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct advance_args *a = arg;
	struct programme p = { 0 };
	int rc = programme_load(c, a->id, &p, err);
	if (!rc)
		rc = advance_loaded(c, a, &p, err);
	programme_release(&p);
	return rc;
}

int programme_advance(struct app *app, const struct app_actor *actor, int64_t id, const char *to,
		      struct px_err *err)
{
	struct advance_args a = { app, actor, id, app_now_us(app), to };
	return app_tx(app, STORE_TX_WRITE, advance_tx, &a, err);
}

static json_t *tracks_json(const struct template *t)
{
	json_t *a = json_array();
	for (int i = 0; i < t->ntracks; i++) {
		json_t *forms = json_array();
		for (int f = 0; f < t->tracks[i].nforms; f++)
			json_array_append_new(forms, json_string(t->tracks[i].forms[f]));
		json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:i, s:o}", "code", t->tracks[i].code, "name",
						   t->tracks[i].name, "applicant",
						   template_applicant_name(t->tracks[i].applicant), "cap",
						   t->tracks[i].cap, "forms", forms));
	}
	return a;
}

int programme_json(struct app *app, int64_t id, json_t **out, struct px_err *err)
{
	struct store_conn *c = store_acquire(app->st);
	struct programme p;
	struct store_stmt *s;
	int rc = programme_load(c, id, &p, err);
	if (rc)
		goto out;
	const struct template *t = p.tpl;
	json_t *stages = json_array();
	for (int i = 0; i < t->nstages; i++)
		json_array_append_new(stages, json_pack("{s:i, s:s, s:s, s:s, s:o, s:o, s:s}", "seq", i + 1, "code",
							t->stages[i].code, "kind", t->stages[i].kind_name, "title",
							t->stages[i].title, "opens", date_or_null(t->stages[i].opens),
							"closes", date_or_null(t->stages[i].closes), "state", "pending"));
	for (int i = 0; i < t->nstages; i++) { /* the departments a stage consults, for the forms of the UI */
		json_t *consult = json_array();
		for (int k = 0; k < t->stages[i].nconsult; k++)
			json_array_append_new(consult, json_string(t->stages[i].consult[k]));
		json_object_set_new(json_array_get(stages, (size_t)i), "consult", consult);
	}
	if (!(rc = store_prepare(c, &Q_STAGES, &s, err))) {
		store_bind_int(s, 1, id);
		while ((rc = store_step(s, err)) == STORE_ROW) {
			json_t *st = json_array_get(stages, (size_t)store_col_int(s, 0) - 1);
			json_object_set_new(st, "state", json_string(store_col_text(s, 1)));
			/* an extended window (stage_window.h): its last day and why */
			json_object_set_new(st, "extended_to", store_col_null(s, 2) ? json_null()
										 : json_string(store_col_text(s, 2)));
			json_object_set_new(st, "extension_reason",
					    store_col_null(s, 3) ? json_null() : json_string(store_col_text(s, 3)));
		}
		store_reset(s);
	}
	json_t *quotas = json_array();
	for (int q = 0; q < t->nquotas; q++) {
		json_t *slots = json_object();
		for (int i = 0; i < t->ntracks; i++)
			json_object_set_new(slots, t->tracks[i].code, json_integer(t->quotas[q].slots[i]));
		json_array_append_new(quotas, json_pack("{s:s, s:s, s:o}", "region", t->quotas[q].region, "name",
							t->quotas[q].name, "slots", slots));
	}
	const struct tpl_stage *cur = programme_stage(&p);
	*out = json_pack("{s:I, s:s, s:s, s:i, s:s, s:s, s:s, s:s?, s:o, s:o, s:o, s:{s:i, s:i}}", "id",
			 (json_int_t)id, "template", t->id, "family", t->family, "year", t->year, "title", t->title,
			 "organiser", t->organiser, "region", p.region, "stage", cur ? cur->code : NULL, "stages",
			 stages, "tracks", tracks_json(t), "quotas", quotas, "objections", "forward_workdays",
			 t->objection_forward_workdays, "reply_workdays", t->objection_reply_workdays);
	/* the family that runs it, so that a family's pages find their programmes */
	json_object_set_new(*out, "kind", json_string(t->kind));
	rc = rc < 0 ? rc : 0;
	programme_release(&p);
out:
	store_release(c);
	return rc;
}

int programme_list_json(struct app *app, json_t **out, struct px_err *err)
{
	struct store_conn *c = store_acquire(app->st);
	struct store_stmt *s;
	int64_t ids[256];
	int n = 0, rc = store_prepare(c, &Q_LIST, &s, err);
	if (!rc) {
		while (n < 256 && (rc = store_step(s, err)) == STORE_ROW)
			ids[n++] = store_col_int(s, 0);
		store_reset(s);
	}
	store_release(c);
	if (rc < 0)
		return rc;
	json_t *arr = json_array();
	for (int i = 0; i < n; i++) {
		json_t *p;
		if ((rc = programme_json(app, ids[i], &p, err))) {
			json_decref(arr);
			return rc;
		}
		json_array_append_new(arr, p);
	}
	*out = arr;
	return 0;
}
