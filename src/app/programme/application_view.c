/*
 * application_view.c - what callers see of applications: one application
 * in full, and the list of a programme filtered by what the caller may see
 * (see apply.h). Personal numbers appear only masked. The opinions of the
 * consulted departments and the objections are internal to the
 * administration (the seed tells the outcome of an objection to the objector
 * and the recommending unit, not to the applicant): applicants do not see
 * them.
 *
 * These are the most read answers of a programme, so they are written as
 * they are read, by the JSON writer (json_writer.h), without a jansson tree:
 * the stored form and internal notice are copied as stored when they are as
 * this program writes them (json_stored.h). The application, its applicant,
 * recommendation, certificate and number of objections come in one
 * statement; documents, eligibility and opinions are one statement each (the
 * objections by outcome a fifth, only when there are some). Rows an index
 * gives in another order are put in order here (json_rows.h).
 */
#include "app/programme/apply.h"

#include <string.h>

#include "app/json.h"
#include "app/json_rows.h"
#include "app/json_stored.h"
#include "app/json_writer.h"
#include "app/people/applicant.h"
#include "app/programme/certificate.h"
#include "app/tx.h"

#define C APPLICATION_NCOLUMNS /* the first column after the application's own */

static struct store_sql Q_VIEW = STORE_SQL(
	"SELECT " APPLICATION_COLUMNS ", a.form, coalesce(a.internal_notice, ''), a.attest_no_record, "
	"coalesce(a.county_note, ''), coalesce(o.id, 0), coalesce(o.uscc, ''), coalesce(o.industry, ''), "
	"coalesce(o.founded_on, ''), coalesce(p.id, 0), coalesce(p.id_masked, ''), coalesce(p.employer, ''), "
	"coalesce(p.quality_since, ''), coalesce(p.mobile_masked, ''), coalesce(r.application_id, 0), "
	"coalesce(r.rank, 0), coalesce(r.note, ''), coalesce(c.id, 0), coalesce(c.no, ''), coalesce(c.code, ''), "
	"coalesce(c.issued_on, ''), "
	"CASE WHEN $2 = 1 THEN (SELECT count(*) FROM objection x WHERE x.application_id = a.id) ELSE 0 END "
	"FROM " APPLICATION_TABLES " LEFT JOIN recommendation r ON r.application_id = a.id "
	"LEFT JOIN certificate c ON c.application_id = a.id WHERE a.id = $1");
static struct store_sql Q_DOCS = STORE_SQL(
	"SELECT id, purpose, sha256, name, size, uploaded_at FROM document WHERE application_id = $1 ORDER BY id");
static struct store_sql Q_ELIG = STORE_SQL(
	"SELECT rule, result, reason FROM eligibility WHERE application_id = $1 ORDER BY rule");
/* In an index's order: put in id order here (json_rows.h). */
static struct store_sql Q_OPINIONS = STORE_SQL(
	"SELECT id, stage_code, department, verdict, text, created_at FROM opinion WHERE application_id = $1");
static struct store_sql Q_OBJECTIONS = STORE_SQL(
	"SELECT outcome, count(*) FROM objection WHERE application_id = $1 GROUP BY outcome");
static struct store_sql Q_LIST = STORE_SQL(
	"SELECT " APPLICATION_COLUMNS ", coalesce(o.uscc, ''), coalesce(p.id_masked, '') FROM " APPLICATION_TABLES
	" WHERE a.programme_id = $1 AND ($2 = '' OR a.state = $2) AND ($3 = '' OR a.region = $3)");
	/* in an index's order: put in the order of region and id here (json_rows.h) */

static bool is_staff(const struct app_actor *actor)
{
	return actor->kind == ACTOR_CLI ||
	       (actor->kind == ACTOR_ACCOUNT && (actor->role == ROLE_OFFICE || actor->role == ROLE_LEADER ||
						 actor->role == ROLE_COUNTY || actor->role == ROLE_MEMBER));
}

/* A member: its key (a literal) and its value. */
#define key_string(w, key, value) (jw_key(w, key), jw_string(w, value))
#define key_int(w, key, value) (jw_key(w, key), jw_int(w, value))

/*
 * Under `key`, an array of one object per row of q for the application,
 * written by `row`; in the order of the first column (an id) when by_id, else
 * in q's order.
 */
static int rows(struct store_conn *c, struct store_sql *q, int64_t id, struct jw *w, const char *key,
		void (*row)(struct jw *w, struct store_stmt *s), bool by_id, struct px_err *err)
{
	struct json_rows sorted = { 0 };
	struct jw *to = by_id ? &sorted.w : w;
	struct store_stmt *s;
	int rc = store_prepare(c, q, &s, err);
	if (rc)
		return rc;
	store_bind_int(s, 1, id);
	jw_key_name(w, key);
	jw_array(w);
	while ((rc = store_step(s, err)) == STORE_ROW) {
		if (by_id)
			json_rows_begin(&sorted, "", store_col_int(s, 0));
		jw_object(to);
		row(to, s);
		jw_object_end(to);
	}
	if (by_id)
		json_rows_put(&sorted, w);
	jw_array_end(w);
	store_reset(s);
	return rc < 0 ? rc : 0;
}

static void doc_row(struct jw *w, struct store_stmt *s)
{
	key_int(w, "id", store_col_int(s, 0));
	key_string(w, "purpose", store_col_text(s, 1));
	key_string(w, "sha256", store_col_text(s, 2));
	key_string(w, "name", store_col_text(s, 3));
	key_int(w, "size", store_col_int(s, 4));
	jw_key(w, "uploaded_at");
	json_put_instant(w, store_col_int(s, 5));
}

static void elig_row(struct jw *w, struct store_stmt *s)
{
	key_string(w, "rule", store_col_text(s, 0));
	key_string(w, "result", store_col_text(s, 1));
	key_string(w, "reason", store_col_text(s, 2));
}

static void opinion_row(struct jw *w, struct store_stmt *s)
{
	key_int(w, "id", store_col_int(s, 0));
	key_string(w, "stage", store_col_text(s, 1));
	key_string(w, "department", store_col_text(s, 2));
	key_string(w, "verdict", store_col_text(s, 3));
	key_string(w, "text", store_col_text(s, 4));
	jw_key(w, "created_at");
	json_put_instant(w, store_col_int(s, 5));
}

/* The stored internal notice: copied when stored as this program writes it, else read; null without one. */
static void internal_notice(struct jw *w, const char *text)
{
	size_t n = strlen(text);
	json_error_t je;
	json_t *v;

	jw_key(w, "internal_notice");
	if (json_stored_compact(text, n)) {
		jw_raw(w, text, n);
	} else if (n && (v = json_loads(text, 0, &je))) {
		jw_json(w, v);
		json_decref(v);
	} else {
		jw_null(w);
	}
}

/* The organisation or the person applying (from Q_VIEW's row). */
static void applicant(struct jw *w, struct store_stmt *s, const struct application *a)
{
	const char *mobile = store_col_text(s, C + 12);
	if (store_col_int(s, C + 4)) {
		jw_key(w, "organisation");
		jw_object(w);
		key_int(w, "id", store_col_int(s, C + 4));
		key_string(w, "uscc", store_col_text(s, C + 5));
		key_string(w, "name", a->name);
		key_string(w, "industry", store_col_text(s, C + 6));
		key_string(w, "industry_name", applicant_industry_name(store_col_text(s, C + 6)));
		key_string(w, "founded_on", store_col_text(s, C + 7));
	} else {
		jw_key(w, "person");
		jw_object(w);
		key_int(w, "id", store_col_int(s, C + 8));
		key_string(w, "id_masked", store_col_text(s, C + 9));
		key_string(w, "name", a->name);
		key_string(w, "employer", store_col_text(s, C + 10));
		key_string(w, "quality_since", store_col_text(s, C + 11));
		jw_key(w, "mobile_masked");
		jw_string_or_null(w, mobile[0] ? mobile : NULL);
	}
	jw_object_end(w);
}

/* The winner's certificate, with the public verification URL its QR code carries; null before one is issued. */
static void certificate(const struct app *app, struct jw *w, struct store_stmt *s)
{
	char url[600];
	jw_key(w, "certificate");
	if (!store_col_int(s, C + 16)) {
		jw_null(w);
		return;
	}
	certificate_verify_url(app, store_col_text(s, C + 18), url, sizeof(url));
	jw_object(w);
	key_int(w, "id", store_col_int(s, C + 16));
	key_string(w, "no", store_col_text(s, C + 17));
	key_string(w, "code", store_col_text(s, C + 18));
	key_string(w, "issued_on", store_col_text(s, C + 19));
	key_string(w, "verify_url", url);
	jw_object_end(w);
}

/* The applicant-side record of the application, its applicant and certificate (Q_VIEW's row). */
static void detail(const struct app *app, struct jw *w, struct store_stmt *s, const struct application *a)
{
	const char *note = store_col_text(s, C + 3);
	jw_key(w, "fields");
	application_form_write(w, store_col_text(s, C));
	internal_notice(w, store_col_text(s, C + 1));
	jw_key(w, "attested_no_record");
	jw_bool(w, store_col_int(s, C + 2) != 0);
	jw_key(w, "county_note");
	jw_string_or_null(w, note[0] ? note : NULL);
	jw_key(w, "submitted_at");
	json_put_instant(w, a->submitted_at);
	applicant(w, s, a);
	certificate(app, w, s);
}

static void recommendation(struct jw *w, struct store_stmt *s)
{
	jw_key(w, "recommendation");
	if (!store_col_int(s, C + 13)) {
		jw_null(w);
		return;
	}
	jw_object(w);
	key_int(w, "rank", store_col_int(s, C + 14));
	key_string(w, "note", store_col_text(s, C + 15));
	jw_object_end(w);
}

/* The objections' counts by outcome (pending, verified, unfounded: the schema's three), and their total. */
static int objection_sums(struct store_conn *c, struct jw *w, int64_t id, int64_t total, struct px_err *err)
{
	static const char *const outcomes[] = { "pending", "verified", "unfounded" };
	int64_t n[3] = { 0, 0, 0 };
	struct store_stmt *s;
	int rc = 0;

	if (total) { /* most have none: counted by outcome only when there are some */
		if ((rc = store_prepare(c, &Q_OBJECTIONS, &s, err)))
			return rc;
		store_bind_int(s, 1, id);
		while ((rc = store_step(s, err)) == STORE_ROW)
			for (int i = 0; i < 3; i++)
				if (!strcmp(store_col_text(s, 0), outcomes[i]))
					n[i] += store_col_int(s, 1);
		store_reset(s);
	}
	jw_key(w, "objections");
	jw_object(w);
	key_int(w, "total", n[0] + n[1] + n[2]);
	for (int i = 0; i < 3; i++) {
		jw_key_name(w, outcomes[i]);
		jw_int(w, n[i]);
	}
	jw_object_end(w);
	return rc < 0 ? rc : 0;
}

struct view_args {
	const struct app *app;
	const struct app_actor *actor;
	int64_t id;
	const char *state, *region;
	struct jw w;
	struct store_conn *c;   /* the list's connection, for its rows */
	struct json_rows *list; /* the list's rows, put in order of region and id */
};

/* The whole answer, from Q_VIEW's current row s and the lists. */
static int write_view(struct store_conn *c, struct view_args *v, struct store_stmt *s, const struct application *a,
		      bool staff, struct px_err *err)
{
	struct jw *w = &v->w;
	int rc;

	jw_object(w);
	application_write(w, a);
	detail(v->app, w, s, a);
	if ((rc = rows(c, &Q_DOCS, a->id, w, "documents", doc_row, false, err)) ||
	    (rc = rows(c, &Q_ELIG, a->id, w, "eligibility", elig_row, false, err)))
		return rc;
	recommendation(w, s);
	if (staff) {
		if ((rc = rows(c, &Q_OPINIONS, a->id, w, "opinions", opinion_row, true, err)) ||
		    (rc = objection_sums(c, w, a->id, store_col_int(s, C + 20), err)))
			return rc;
	}
	jw_object_end(w);
	return 0;
}

static int get_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct view_args *v = arg;
	struct store_stmt *s;
	struct application a = { 0 };
	bool staff = is_staff(v->actor);
	int rc;

	jw_reset(&v->w); /* a retried attempt starts over */
	if ((rc = store_prepare(c, &Q_VIEW, &s, err)))
		return rc;
	store_bind_int(s, 1, v->id);
	store_bind_int(s, 2, staff);
	if ((rc = store_step(s, err)) == STORE_ROW)
		application_row(s, &a);
	if (rc == STORE_DONE || (rc == STORE_ROW && !application_readable(c, v->actor, &a)))
		rc = px_err_set(err, PX_ENOTFOUND, NULL, "application", "no application %lld", (long long)v->id);
	if (rc == STORE_ROW)
		rc = write_view(c, v, s, &a, staff, err);
	store_reset(s);
	return rc;
}

/* The text the writer holds after app_tx() returned rc. */
static int finish(struct view_args *v, int rc, char **text, size_t *len, struct px_err *err)
{
	*text = NULL;
	if (rc) {
		jw_free(&v->w);
		return rc;
	}
	if (!(*text = jw_finish(&v->w, len)))
		return px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
	return 0;
}

int application_get_text(struct app *app, const struct app_actor *actor, int64_t id, char **text, size_t *len,
			 struct px_err *err)
{
	struct view_args v = { app, actor, id, NULL, NULL, { 0 }, NULL, NULL };
	return finish(&v, app_tx(app, STORE_TX_READ, get_tx, &v, err), text, len, err);
}

/* One row of the list, when the actor may see the application. */
static int list_row(struct store_stmt *s, void *arg, struct px_err *err)
{
	struct view_args *v = arg;
	struct application a = { 0 };
	char masked[32];
	(void)err;
	application_row(s, &a);
	if (!application_readable(v->c, v->actor, &a))
		return 0;
	if (a.organisation_id) {
		applicant_mask_uscc(store_col_text(s, C), masked, sizeof(masked));
	} else { /* as stored, cut to the buffer */
		size_t n = strnlen(store_col_text(s, C + 1), sizeof(masked) - 1);
		memcpy(masked, store_col_text(s, C + 1), n);
		masked[n] = '\0';
	}
	struct jw *w = &v->list->w;
	json_rows_begin(v->list, a.region, a.id);
	jw_object(w);
	application_write(w, &a);
	key_string(w, "identifier_masked", masked);
	jw_key(w, "submitted_at");
	json_put_instant(w, a.submitted_at);
	jw_object_end(w);
	return 0;
}

static int list_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct view_args *v = arg;
	struct programme p = { 0 };
	struct json_rows list = { 0 };
	int rc = programme_load(c, v->id, &p, err);
	programme_release(&p);
	v->c = c;
	v->list = &list;
	jw_reset(&v->w);
	jw_object(&v->w);
	jw_key(&v->w, "applications");
	jw_array(&v->w);
	if (!rc)
		rc = store_each(c, &Q_LIST, list_row, v, err, "itt", v->id, v->state ? v->state : "",
				v->region ? v->region : "");
	json_rows_put(&list, &v->w);
	jw_array_end(&v->w);
	jw_object_end(&v->w);
	return rc;
}

int application_list_text(struct app *app, const struct app_actor *actor, int64_t programme_id, const char *state,
			  const char *region, char **text, size_t *len, struct px_err *err)
{
	struct view_args v = { app, actor, programme_id, state, region, { 0 }, NULL, NULL };
	*text = NULL;
	if (state && *state && !application_state_known(state))
		return px_err_set(err, PX_EINVAL, "unknown_state", "state", "no application state '%s'", state);
	return finish(&v, app_tx(app, STORE_TX_READ, list_tx, &v, err), text, len, err);
}
