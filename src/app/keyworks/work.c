/*
 * work.c - recording key works (keyworks.h): a work with its lead unit,
 * co-units and milestones, a milestone added later, a milestone marked done.
 * Each milestone of a work led by an account opens a reporting request to
 * that account, due on the milestone's deadline, in the same transaction.
 */
#include "app/keyworks/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/audit.h"
#include "app/input.h"
#include "app/json.h"
#include "app/reporting/reporting.h"
#include "app/scope.h"
#include "app/tx.h"
#include "util/file.h"

static struct store_sql Q_LEAD = STORE_SQL(
	"SELECT a.region, u.name FROM account a JOIN unit u ON u.id = a.unit_id "
	"WHERE a.id = $1 AND a.role = 'member' AND a.active = 1");
static struct store_sql Q_PROGRAMME = STORE_SQL("SELECT region FROM programme WHERE id = $1");
static struct store_sql Q_NEXT_SEQ = STORE_SQL(
	"SELECT coalesce(max(seq), 0) + 1 FROM kw_work WHERE owner_region = $1");
static struct store_sql Q_INSERT = STORE_SQL(
	"INSERT INTO kw_work (owner_region, programme_id, seq, title, summary, lead_account_id, lead_name, co_units, "
	"created_at) VALUES ($1, NULLIF($2, 0), $3, $4, $5, NULLIF($6, 0), $7, $8, $9) RETURNING id");
static struct store_sql Q_MS_NEXT = STORE_SQL(
	"SELECT coalesce(max(seq), 0) + 1, count(*) FROM kw_milestone WHERE work_id = $1");
static struct store_sql Q_MS_INSERT = STORE_SQL(
	"INSERT INTO kw_milestone (work_id, seq, title, due_on, state, request_id, created_at) "
	"VALUES ($1, $2, $3, $4, 'open', NULLIF($5, 0), $6)");
static struct store_sql Q_WORK = STORE_SQL(
	"SELECT owner_region, coalesce(lead_account_id, 0), title, coalesce(programme_id, 0) FROM kw_work WHERE id = $1");
static struct store_sql Q_MS_STATE = STORE_SQL("SELECT state FROM kw_milestone WHERE work_id = $1 AND seq = $2");
static struct store_sql Q_MS_DONE = STORE_SQL(
	"UPDATE kw_milestone SET state = 'done', done_on = $3 WHERE work_id = $1 AND seq = $2 AND state = 'open'");

int kw_texts(const struct app *app, json_t **out, struct px_err *err)
{
	char path[4096];
	char *text = NULL;
	size_t len = 0;
	json_error_t je;
	int rc;

	*out = NULL;
	snprintf(path, sizeof(path), "%s/keyworks/texts.json", app->data_dir ? app->data_dir : "data");
	if ((rc = file_read(path, 1u << 16, &text, &len, err)))
		return rc;
	*out = json_loadb(text, len, 0, &je);
	free(text);
	if (!*out || !json_is_object(*out))
		return px_err_set(err, PX_EINTERNAL, "bad_texts", NULL, "keyworks/texts.json is not a JSON object");
	return 0;
}

const char *kw_text(const json_t *texts, const char *key)
{
	const char *s = json_string_value(json_object_get(texts, key));
	return s ? s : "";
}

int kw_work_load(struct store_conn *c, const struct app_actor *actor, int64_t id, struct kw_work *w,
		 struct px_err *err)
{
	int rc = store_get(c, &Q_WORK, err, "i:bibi", id, w->owner_region, sizeof(w->owner_region), &w->lead_account,
			   w->title, sizeof(w->title), &w->programme);
	if (rc < 0)
		return rc;
	if (rc != STORE_ROW || !app_actor_in_region(actor, w->owner_region, NULL))
		return px_err_set(err, PX_ENOTFOUND, NULL, "id", "no key work %lld", (long long)id);
	w->id = id;
	return 0;
}

/* A milestone's input: {title, due_on}; `field` names it ("milestones[2]"). */
static int milestone_check(const json_t *m, const char *field, struct px_err *err)
{
	char f[64];
	px_date d;
	int rc;
	if (!json_is_object(m))
		return px_err_set(err, PX_EINVAL, "wrong_type", field, "a milestone is an object");
	snprintf(f, sizeof(f), "%s.title", field);
	if ((rc = input_line(json_string_value(json_object_get(m, "title")), 200, f, err)))
		return rc;
	snprintf(f, sizeof(f), "%s.due_on", field);
	return input_date(json_string_value(json_object_get(m, "due_on")), f, &d, err);
}

struct new_work {
	struct app *app;
	const struct app_actor *actor;
	const json_t *in;
	json_t *texts;
	const char *title, *summary, *lead_name;
	int64_t lead, programme, id;
	json_t *out;
};

static int check_names(const json_t *co, struct px_err *err)
{
	size_t i;
	json_t *v;
	char f[48];
	int rc;
	if (co && !json_is_array(co))
		return px_err_set(err, PX_EINVAL, "wrong_type", "co_units", "co_units is a list of names");
	if (json_array_size(co) > KEYWORKS_CO_UNITS_MAX)
		return px_err_set(err, PX_EINVAL, "too_many", "co_units", "at most %d co-units", KEYWORKS_CO_UNITS_MAX);
	json_array_foreach(co, i, v) {
		snprintf(f, sizeof(f), "co_units[%zu]", i);
		if ((rc = input_line(json_string_value(v), 100, f, err)))
			return rc;
	}
	return 0;
}

static int check_milestones(const json_t *ms, struct px_err *err)
{
	size_t i;
	json_t *m;
	char f[48];
	int rc;
	if (ms && !json_is_array(ms))
		return px_err_set(err, PX_EINVAL, "wrong_type", "milestones", "milestones is a list");
	if (json_array_size(ms) > KEYWORKS_MILESTONES_MAX)
		return px_err_set(err, PX_EINVAL, "too_many", "milestones", "at most %d milestones",
				  KEYWORKS_MILESTONES_MAX);
	json_array_foreach(ms, i, m) {
		snprintf(f, sizeof(f), "milestones[%zu]", i);
		if ((rc = milestone_check(m, f, err)))
			return rc;
	}
	return 0;
}

/* The input of a new work, checked before the transaction. */
static int check_work(struct new_work *n, struct px_err *err)
{
	const json_t *in = n->in, *lead = json_object_get(in, "lead"), *prog = json_object_get(in, "programme");
	int rc;
	n->title = json_string_value(json_object_get(in, "title"));
	n->summary = json_string_value(json_object_get(in, "summary"));
	n->lead_name = json_string_value(json_object_get(in, "lead_name"));
	if ((rc = input_line(n->title, 200, "title", err)) ||
	    (n->summary && (rc = input_textarea(n->summary, 4000, "summary", err))))
		return rc;
	if (lead && (!json_is_integer(lead) || json_integer_value(lead) <= 0))
		return px_err_set(err, PX_EINVAL, "wrong_type", "lead", "lead is the id of a member unit's account");
	if (prog && (!json_is_integer(prog) || json_integer_value(prog) <= 0))
		return px_err_set(err, PX_EINVAL, "wrong_type", "programme", "programme is a programme id");
	n->lead = lead ? json_integer_value(lead) : 0;
	n->programme = prog ? json_integer_value(prog) : 0;
	if (!n->lead && (rc = input_line(n->lead_name, 100, "lead_name", err)))
		return rc;
	if ((rc = check_names(json_object_get(in, "co_units"), err)))
		return rc;
	return check_milestones(json_object_get(in, "milestones"), err);
}

/* The lead unit's account: a member inside the office's region; its unit's name becomes the lead's name. */
static int lead_resolve(struct store_conn *c, const struct app_actor *actor, int64_t lead, char *name, size_t cap,
			struct px_err *err)
{
	char region[8] = "";
	int rc = store_get(c, &Q_LEAD, err, "i:bb", lead, region, sizeof(region), name, cap);
	if (rc < 0)
		return rc;
	if (rc != STORE_ROW || !app_actor_in_region(actor, region, NULL))
		return px_err_set(err, PX_EINVAL, "unknown_unit", "lead", "account %lld is no member unit of this region",
				  (long long)lead);
	return 0;
}

static int programme_check(struct store_conn *c, const struct app_actor *actor, int64_t id, struct px_err *err)
{
	char region[8] = "";
	int rc = id ? store_get(c, &Q_PROGRAMME, err, "i:b", id, region, sizeof(region)) : STORE_ROW;
	if (rc < 0)
		return rc;
	if (id && (rc != STORE_ROW || !app_actor_in_region(actor, region, NULL)))
		return px_err_set(err, PX_EINVAL, "unknown_programme", "programme", "no programme %lld", (long long)id);
	return 0;
}

/*
 * Insert a milestone of work w (its next number); a work led by an account
 * asks it for its progress: a reporting request due on the deadline.
 */
static int milestone_insert(struct store_conn *c, struct app *app, const struct app_actor *actor,
			    const struct kw_work *w, int64_t programme, const json_t *m, const json_t *texts,
			    struct px_err *err)
{
	const char *title = json_string_value(json_object_get(m, "title"));
	const char *due = json_string_value(json_object_get(m, "due_on"));
	int64_t seq = 0, count = 0, request = 0;
	char code[48], rtitle[600];
	int rc = store_get(c, &Q_MS_NEXT, err, "i:ii", w->id, &seq, &count);
	if (rc < 0)
		return rc;
	if (count >= KEYWORKS_MILESTONES_MAX)
		return px_err_set(err, PX_ECONFLICT, "too_many", "milestones", "at most %d milestones",
				  KEYWORKS_MILESTONES_MAX);
	if (w->lead_account) {
		snprintf(code, sizeof(code), "keywork-%lld-%lld", (long long)w->id, (long long)seq);
		snprintf(rtitle, sizeof(rtitle), "%s：%s（%s）", kw_text(texts, "request_title"), w->title, title);
		struct reporting_new n = { .programme_id = programme, .region = w->owner_region, .code = code,
					   .title = rtitle, .due_on = due,
					   .form = json_object_get(texts, "progress_form"), .units = &w->lead_account,
					   .nunits = 1 };
		if ((rc = reporting_request_insert(c, actor, &n, app_now_us(app), &request, err)))
			return rc;
	}
	if ((rc = store_run(c, &Q_MS_INSERT, err, "iittii", w->id, seq, title, due, request, app_now_us(app))))
		return rc;
	return audit_record(c, actor, "keywork.milestone", "kw_work", w->id,
			    json_pack("{s:I, s:s, s:I}", "seq", (json_int_t)seq, "due_on", due, "request",
				      (json_int_t)request), err);
}

static int work_insert(struct store_conn *c, struct new_work *n, struct kw_work *w, struct px_err *err)
{
	char lead_name[256] = "", *co = NULL;
	int64_t seq = 0;
	int rc;
	if ((rc = programme_check(c, n->actor, n->programme, err)) ||
	    (n->lead && (rc = lead_resolve(c, n->actor, n->lead, lead_name, sizeof(lead_name), err))))
		return rc;
	if (!n->lead)
		snprintf(lead_name, sizeof(lead_name), "%s", n->lead_name);
	json_t *cos = json_object_get(n->in, "co_units"), *none = json_array();
	co = json_dumps(cos ? cos : none, JSON_COMPACT);
	json_decref(none);
	if ((rc = store_get(c, &Q_NEXT_SEQ, err, "t:i", n->actor->region, &seq)) >= 0)
		rc = store_get(c, &Q_INSERT, err, "tiittitti:i", n->actor->region, n->programme, seq, n->title,
			       n->summary ? n->summary : "", n->lead, (const char *)lead_name, co, app_now_us(n->app),
			       &n->id);
	free(co);
	if (rc == PX_ECONFLICT)
		return px_err_set(err, PX_ECONFLICT, "duplicate_work", "title", "a key work '%s' is already recorded",
				  n->title);
	if (rc < 0)
		return rc;
	*w = (struct kw_work){ .id = n->id, .lead_account = n->lead, .programme = n->programme };
	snprintf(w->owner_region, sizeof(w->owner_region), "%s", n->actor->region);
	snprintf(w->title, sizeof(w->title), "%s", n->title);
	return audit_record(c, n->actor, "keywork.create", "kw_work", n->id,
			    json_pack("{s:s, s:s, s:I}", "title", n->title, "lead", lead_name, "seq", (json_int_t)seq), err);
}

static int create_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct new_work *n = arg;
	struct kw_work w;
	size_t i;
	json_t *m;
	int rc = work_insert(c, n, &w, err);
	json_array_foreach(json_object_get(n->in, "milestones"), i, m) {
		if (rc)
			break;
		rc = milestone_insert(c, n->app, n->actor, &w, n->programme, m, n->texts, err);
	}
	return rc ? rc : kw_work_json(c, n->app, n->id, app_today(n->app), &n->out, err);
}

static bool is_office(const struct app_actor *actor)
{
	return app_actor_is(actor, ROLE_OFFICE);
}

int keyworks_create(struct app *app, const struct app_actor *actor, const json_t *in, json_t **out,
		    struct px_err *err)
{
	struct new_work n = { .app = app, .actor = actor, .in = in };
	int rc;
	*out = NULL;
	if (!is_office(actor))
		return px_err_set(err, PX_EFORBIDDEN, NULL, NULL, "the office records key works");
	if ((rc = check_work(&n, err)) || (rc = kw_texts(app, &n.texts, err)))
		return rc;
	rc = app_tx_json(app, STORE_TX_WRITE, create_tx, &n, &n.out, out, err);
	json_decref(n.texts);
	return rc;
}

struct add_ms {
	struct app *app;
	const struct app_actor *actor;
	int64_t id;
	const json_t *in;
	json_t *texts, *out;
};

static int add_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct add_ms *a = arg;
	struct kw_work w;
	int rc = kw_work_load(c, a->actor, a->id, &w, err);
	if (!rc)
		rc = milestone_insert(c, a->app, a->actor, &w, w.programme, a->in, a->texts, err);
	return rc ? rc : kw_work_json(c, a->app, a->id, app_today(a->app), &a->out, err);
}

int keyworks_milestone_add(struct app *app, const struct app_actor *actor, int64_t id, const json_t *in,
			   json_t **out, struct px_err *err)
{
	struct add_ms a = { app, actor, id, in, NULL, NULL };
	int rc;
	*out = NULL;
	if (!is_office(actor))
		return px_err_set(err, PX_EFORBIDDEN, NULL, NULL, "the office sets milestones");
	if ((rc = milestone_check(in, "milestone", err)) || (rc = kw_texts(app, &a.texts, err)))
		return rc;
	rc = app_tx_json(app, STORE_TX_WRITE, add_tx, &a, &a.out, out, err);
	json_decref(a.texts);
	return rc;
}

struct done_ms {
	struct app *app;
	const struct app_actor *actor;
	int64_t id, seq;
	char done_on[11];
	json_t *out;
};

static int done_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct done_ms *d = arg;
	struct kw_work w;
	char state[8] = "";
	int rc = kw_work_load(c, d->actor, d->id, &w, err);
	if (rc)
		return rc;
	if (!is_office(d->actor) && !(d->actor->kind == ACTOR_ACCOUNT && d->actor->id == w.lead_account))
		return px_err_set(err, PX_EFORBIDDEN, "not_lead_unit", NULL, "the office or the lead unit marks progress");
	if ((rc = store_get(c, &Q_MS_STATE, err, "ii:b", d->id, d->seq, state, sizeof(state))) < 0)
		return rc;
	if (rc != STORE_ROW)
		return px_err_set(err, PX_ENOTFOUND, "unknown_milestone", "seq", "no milestone %lld", (long long)d->seq);
	if (!strcmp(state, "done"))
		return px_err_set(err, PX_ECONFLICT, "already_done", "seq", "milestone %lld is done", (long long)d->seq);
	if ((rc = store_run(c, &Q_MS_DONE, err, "iit", d->id, d->seq, (const char *)d->done_on)) ||
	    (rc = audit_record(c, d->actor, "keywork.done", "kw_work", d->id,
			       json_pack("{s:I, s:s}", "seq", (json_int_t)d->seq, "done_on", d->done_on), err)))
		return rc;
	return kw_work_json(c, d->app, d->id, app_today(d->app), &d->out, err);
}

int keyworks_milestone_done(struct app *app, const struct app_actor *actor, int64_t id, int64_t seq,
			    const char *done_on, json_t **out, struct px_err *err)
{
	struct done_ms d = { app, actor, id, seq, "", NULL };
	px_date on;
	int rc;
	*out = NULL;
	if (!(is_office(actor) || app_actor_is(actor, ROLE_MEMBER)))
		return px_err_set(err, PX_EFORBIDDEN, NULL, NULL, "the office or the lead unit marks progress");
	if ((rc = input_past_date(done_on, "done_on", app_today(app), &on, err)))
		return rc;
	date_format(on, d.done_on);
	return app_tx_json(app, STORE_TX_WRITE, done_tx, &d, &d.out, out, err);
}
