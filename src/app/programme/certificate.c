/*
 * certificate.c - issuing, verifying and serving certificates, and the
 * public list of winners (see certificate.h). Issuing records in one
 * transaction and renders the PDFs after its commit, so that cairo never
 * holds the database's writer.
 */
#include "app/programme/certificate.h"
#include "app/files.h"

#include <errno.h>
#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "app/programme/application.h"
#include "app/audit.h"
#include "app/programme/office.h"
#include "app/input.h"
#include "app/json.h"
#include "app/tx.h"
#include "app/programme/certificate_render.h"
#include "app/programme/decision.h"
#include "app/programme/family.h"
#include "app/programme/notice.h"
#include "app/programme/programme.h"
#include "app/review/ranking.h"
#include "core/validity.h"
#include "report/pdf.h"
#include "report/qr.h"
#include "util/file.h"

static const char base32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

static struct store_sql Q_WINNERS = STORE_SQL(
	"SELECT a.id, a.track_code, coalesce(a.organisation_id, 0), coalesce(o.name, p.name, '') FROM application a "
	"LEFT JOIN organisation o ON o.id = a.organisation_id LEFT JOIN person p ON p.id = a.person_id "
	"LEFT JOIN certificate c ON c.application_id = a.id "
	"WHERE a.programme_id = $1 AND a.state = 'winner' AND c.id IS NULL ORDER BY a.id");
static struct store_sql Q_COUNT_KIND = STORE_SQL(
	"SELECT count(*) FROM certificate WHERE programme_id = $1 AND no LIKE $2");
static struct store_sql Q_INSERT = STORE_SQL(
	"INSERT INTO certificate (no, code, application_id, programme_id, holder, track_code, issued_on, sha256, "
	"created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id");
static struct store_sql Q_OF_PROGRAMME = STORE_SQL(
	"SELECT id, no, code, application_id, holder, track_code, issued_on, sha256 FROM certificate "
	"WHERE programme_id = $1 ORDER BY no");
static struct store_sql Q_SET_SHA = STORE_SQL(
	"UPDATE certificate SET sha256 = $1 WHERE id = $2 AND coalesce(sha256, '') = '' RETURNING id");
static struct store_sql Q_BY_CODE = STORE_SQL(
	"SELECT no, holder, track_code, issued_on, sha256, programme_id, id, status, valid_to FROM certificate "
	"WHERE code = $1");
static struct store_sql Q_BY_ID = STORE_SQL(
	"SELECT no, application_id, programme_id, sha256 FROM certificate WHERE id = $1");
static struct store_sql Q_PUBLIC_WINNERS = STORE_SQL(
	"SELECT a.id, a.track_code, a.region, coalesce(o.name, p.name, ''), coalesce(c.id, 0), coalesce(c.no, '') "
	"FROM application a LEFT JOIN organisation o ON o.id = a.organisation_id "
	"LEFT JOIN person p ON p.id = a.person_id LEFT JOIN certificate c ON c.application_id = a.id "
	"WHERE a.programme_id = $1 AND a.state = 'winner' ORDER BY a.track_code, c.no, a.id");
static struct store_sql Q_APPROVAL = STORE_SQL(
	"SELECT coalesce(document_no, ''), coalesce(decided_on, '') FROM decision "
	"WHERE programme_id = $1 AND kind = 'approval' ORDER BY id");

void certificate_verify_url(const struct app *app, const char *code, char *out, size_t n)
{
	const char *base = app->public_url ? app->public_url : "";
	size_t len = strlen(base);
	while (len && base[len - 1] == '/')
		len--;
	snprintf(out, n, "%.*s/verify/%s", (int)len, base, code);
}

bool certificate_code_normalise(const char *in, char out[CERTIFICATE_CODE_LEN + 3])
{
	size_t n = 0, o = 0;
	for (; in && *in; in++) {
		char ch = *in >= 'a' && *in <= 'z' ? (char)(*in - 'a' + 'A') : *in;
		if (ch == '-' || ch == ' ')
			continue;
		if (!strchr(base32, ch) || !ch || n == CERTIFICATE_CODE_LEN)
			return false;
		if (n && n % 4 == 0)
			out[o++] = '-';
		out[o++] = ch;
		n++;
	}
	out[o] = '\0';
	return n == CERTIFICATE_CODE_LEN;
}

void certificate_code_new(char out[CERTIFICATE_CODE_LEN + 3])
{
	unsigned char r[CERTIFICATE_CODE_LEN];
	char raw[CERTIFICATE_CODE_LEN + 1];
	randombytes_buf(r, sizeof(r));
	for (size_t i = 0; i < CERTIFICATE_CODE_LEN; i++)
		raw[i] = base32[r[i] & 31]; /* 32 divides 256: uniform */
	raw[CERTIFICATE_CODE_LEN] = '\0';
	certificate_code_normalise(raw, out);
}

/*
 * The PDF of a certificate, stored by its SHA-256 in the file store. Never
 * inside a transaction (app_tx_refuse_io): rendering takes a while, and a
 * write transaction held meanwhile would stall every other writer (SQLite
 * has one).
 */
static int make_pdf(const struct app *app, const struct certificate_doc *doc, char sha[65], struct px_err *err)
{
	char *pdf = NULL;
	size_t len = 0;
	int rc;

	sha[0] = '\0';
	if ((rc = app_tx_refuse_io("rendering a certificate", err)))
		return rc;
	rc = certificate_render(doc, &pdf, &len, err);
	if (!rc)
		rc = files_put(app->files_dir, pdf, len, sha, err);
	free(pdf);
	return rc;
}

/* ---- issue ---- */

struct issue_arg {
	struct app *app;
	const struct app_actor *actor;
	int64_t programme_id;
};

/* Winners without a certificate, in the order of the ranking (track, rank), then by id. */
static int winners_in_order(struct store_conn *c, const struct programme *p, json_t **out, struct px_err *err)
{
	struct store_stmt *s;
	json_t *ranking = NULL, *pending = json_object(), *ordered = json_array(), *t, *e;
	char key[24];
	size_t i, j;
	int rc = store_prepare(c, &Q_WINNERS, &s, err);

	if (rc)
		goto out;
	store_bind_int(s, 1, p->id);
	while ((rc = store_step(s, err)) == STORE_ROW) {
		snprintf(key, sizeof(key), "%" PRId64, store_col_int(s, 0));
		json_object_set_new(pending, key, json_pack("{s:I, s:s, s:I, s:s}", "id", (json_int_t)store_col_int(s, 0),
							    "track", store_col_text(s, 1), "organisation",
							    (json_int_t)store_col_int(s, 2), "name", store_col_text(s, 3)));
	}
	store_reset(s);
	if (rc < 0 || (rc = ranking_build(c, p, &ranking, err)))
		goto out;
	json_array_foreach(json_object_get(ranking, "tracks"), i, t)
		json_array_foreach(json_object_get(t, "entries"), j, e) {
			snprintf(key, sizeof(key), "%" JSON_INTEGER_FORMAT, json_integer_value(json_object_get(e, "application")));
			json_t *w = json_object_get(pending, key);
			if (w) {
				json_array_append(ordered, w);
				json_object_del(pending, key);
			}
		}
	/* winners outside the ranking (no scores recorded): by id */
	const char *kv;
	json_t *w;
	json_object_foreach(pending, kv, w)
		json_array_append(ordered, w);
	*out = json_incref(ordered);
	rc = 0;
out:
	json_decref(ranking);
	json_decref(pending);
	json_decref(ordered);
	return rc;
}

static int issue_one(struct issue_arg *a, struct store_conn *c, const struct programme *p, json_t *w, const char *today,
		     struct px_err *err)
{
	struct store_stmt *s;
	const char *tag = programme_kind_tag(json_integer_value(json_object_get(w, "organisation")));
	const char *track = json_string_value(json_object_get(w, "track"));
	char like[64], no[64], code[CERTIFICATE_CODE_LEN + 3], object[40];
	int64_t count = 0, id = 0, app_id = json_integer_value(json_object_get(w, "id"));
	int rc;

	snprintf(like, sizeof(like), "%s-%d-%s-%%", p->tpl->certificate_prefix, p->year, tag);
	if ((rc = store_prepare(c, &Q_COUNT_KIND, &s, err)))
		return rc;
	store_bind_int(s, 1, p->id);
	store_bind_text(s, 2, like);
	if ((rc = store_step(s, err)) == STORE_ROW)
		count = store_col_int(s, 0);
	store_reset(s);
	if (rc < 0)
		return rc;
	snprintf(no, sizeof(no), "%s-%d-%s-%03" PRId64, p->tpl->certificate_prefix, p->year, tag, count + 1);
	certificate_code_new(code);
	const char *holder = json_string_value(json_object_get(w, "name"));
	if ((rc = store_prepare(c, &Q_INSERT, &s, err)))
		return rc;
	store_bind_text(s, 1, no);
	store_bind_text(s, 2, code);
	store_bind_int(s, 3, app_id);
	store_bind_int(s, 4, p->id);
	store_bind_text(s, 5, holder);
	store_bind_text(s, 6, track);
	store_bind_text(s, 7, today);
	store_bind_text(s, 8, ""); /* the PDF is rendered after the commit (render_missing) */
	store_bind_int(s, 9, store_now_us());
	if ((rc = store_step(s, err)) == STORE_ROW)
		id = store_col_int(s, 0);
	store_reset(s);
	if (rc < 0)
		return rc;
	snprintf(object, sizeof(object), "certificate:%" PRId64, id);
	json_t *payload = json_pack("{s:s, s:I, s:s}", "no", no, "application", (json_int_t)app_id, "issued_on",
				    today);
	rc = audit_append(c, a->actor, "certificate.issue", object, payload, err);
	json_decref(payload);
	return rc;
}

/* ---- rendering, after the commit ---- */

struct render_arg {
	const struct app *app;
	const struct app_actor *actor;
	int64_t programme_id;
	json_t *missing; /* [{id, no, code, holder, award, programme, issuer, issued_on, sha256?}] */
};

/*
 * What a certificate's PDF shows, its wording from the family's texts (certificate.body,
 * certificate.verify), and the public verification URL its QR code carries.
 */
static json_t *missing_doc(const struct app *app, const struct template *t, struct store_stmt *s)
{
	int ti = template_track_index(t, store_col_text(s, 5));
	const char *award = ti >= 0 ? t->tracks[ti].name : "";
	char body[1024], verify[REPORT_VERIFY_MAX + 1], url[QR_TEXT_MAX + 1];

	certificate_verify_url(app, store_col_text(s, 2), url, sizeof(url));
	const char *const vars[] = { "issuer", t->issuer, "holder", store_col_text(s, 4), "programme", t->title,
				     "award", award, "code", store_col_text(s, 2), "url", url, NULL };
	family_text_fill(t, "certificate.body", vars, body, sizeof(body));
	family_text_fill(t, "certificate.verify", vars, verify, sizeof(verify));
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)store_col_int(s, 0),
			 "no", store_col_text(s, 1), "code", store_col_text(s, 2), "holder", store_col_text(s, 4),
			 "award", award, "programme", t->title, "issuer", t->issuer, "issued_on", store_col_text(s, 6),
			 "body", body, "verify", verify, "url", url);
}

/* The certificates of the programme whose PDF is not made yet, with what their PDF shows. */
static int missing_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct render_arg *r = arg;
	struct programme p;
	struct store_stmt *s;
	int rc;

	json_array_clear(r->missing);
	if ((rc = programme_load(c, r->programme_id, &p, err)))
		return rc;
	if ((rc = store_prepare(c, &Q_OF_PROGRAMME, &s, err)))
		goto out;
	store_bind_int(s, 1, p.id);
	while ((rc = store_step(s, err)) == STORE_ROW) {
		if (!*store_col_text(s, 7))
			json_array_append_new(r->missing, missing_doc(r->app, p.tpl, s));
	}
	store_reset(s);
	rc = rc < 0 ? rc : 0;
out:
	programme_release(&p);
	return rc;
}

/* Record the rendered PDFs' hashes; a certificate another request completed meanwhile keeps its own. */
static int record_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct render_arg *r = arg;
	json_t *v;
	size_t i;
	int rc = 0;

	json_array_foreach(r->missing, i, v) {
		const char *sha = json_string_value(json_object_get(v, "sha256"));
		json_int_t id = json_integer_value(json_object_get(v, "id"));
		int64_t done = 0;
		if (!sha)
			continue;
		if ((rc = store_get(c, &Q_SET_SHA, err, "ti:i", sha, (int64_t)id, &done)) < 0)
			return rc;
		if (rc == STORE_ROW && (rc = audit_record(c, r->actor, "certificate.pdf", "certificate", id,
							  json_pack("{s:s, s:s}", "no",
								    json_string_value(json_object_get(v, "no")),
								    "sha256", sha),
							  err)))
			return rc;
	}
	return 0;
}

/*
 * Render the PDFs still missing for a programme: read what they show in one
 * short transaction, render with no transaction open, record the hashes in
 * another short one. The writer is never held by rendering.
 */
static int render_missing(struct app *app, const struct app_actor *actor, int64_t programme_id, struct px_err *err)
{
	struct render_arg r = { app, actor, programme_id, json_array() };
	json_t *v;
	size_t i;
	int rc = app_tx(app, STORE_TX_READ, missing_tx, &r, err);

	json_array_foreach(r.missing, i, v) {
		char sha[65];
		struct certificate_doc doc = {
			json_string_value(json_object_get(v, "no")),	    json_string_value(json_object_get(v, "code")),
			json_string_value(json_object_get(v, "holder")),    json_string_value(json_object_get(v, "award")),
			json_string_value(json_object_get(v, "programme")), json_string_value(json_object_get(v, "issuer")),
			json_string_value(json_object_get(v, "issued_on")), json_string_value(json_object_get(v, "body")),
			json_string_value(json_object_get(v, "verify")),    json_string_value(json_object_get(v, "url")),
		};
		if (rc || (rc = make_pdf(app, &doc, sha, err)))
			break;
		if (sha[0])
			json_object_set_new(v, "sha256", json_string(sha));
	}
	if (!rc && json_array_size(r.missing))
		rc = app_tx(app, STORE_TX_WRITE, record_tx, &r, err);
	json_decref(r.missing);
	return rc;
}

static int list_certificates(const struct app *app, struct store_conn *c, const struct programme *p, json_t **out,
			     struct px_err *err)
{
	char url[QR_TEXT_MAX + 1];
	struct store_stmt *s;
	json_t *list = json_array();
	int rc = store_prepare(c, &Q_OF_PROGRAMME, &s, err);
	if (rc) {
		json_decref(list);
		return rc;
	}
	store_bind_int(s, 1, p->id);
	while ((rc = store_step(s, err)) == STORE_ROW) {
		int t = template_track_index(p->tpl, store_col_text(s, 5));
		const char *sha = store_col_text(s, 7);
		certificate_verify_url(app, store_col_text(s, 2), url, sizeof(url));
		json_array_append_new(list, json_pack("{s:I, s:s, s:s, s:I, s:s, s:s, s:s, s:s, s:o, s:s, s:s}", "id",
						      (json_int_t)store_col_int(s, 0), "no", store_col_text(s, 1), "code",
						      store_col_text(s, 2), "application", (json_int_t)store_col_int(s, 3),
						      "holder", store_col_text(s, 4), "track", store_col_text(s, 5), "award",
						      t >= 0 ? p->tpl->tracks[t].name : "", "issued_on", store_col_text(s, 6),
						      "sha256", *sha ? json_string(sha) : json_null(), "pdf",
						      *sha ? "ready" : "unavailable", "verify_url", url));
	}
	store_reset(s);
	if (rc < 0) {
		json_decref(list);
		return rc;
	}
	*out = list;
	return 0;
}

static int issue_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct issue_arg *a = arg;
	struct programme p;
	json_t *winners = NULL, *w;
	char today[11];
	size_t i;
	int rc = programme_load_office(c, a->actor, a->programme_id, &p, err);

	if (rc)
		return rc;
	if ((rc = programme_require_kind(&p, TPL_STAGE_PUBLICATION, NULL, err)) ||
	    (rc = winners_in_order(c, &p, &winners, err)))
		goto out;
	date_format(app_today(a->app), today);
	json_array_foreach(winners, i, w)
		if ((rc = issue_one(a, c, &p, w, today, err)))
			goto out;
out:
	json_decref(winners);
	programme_release(&p);
	return rc;
}

struct list_arg {
	const struct app *app;
	const struct app_actor *actor; /* NULL: the caller checked who asks */
	int64_t programme_id;
	json_t *out;
};

static int list_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct list_arg *l = arg;
	struct programme p;
	json_t *list = NULL;
	int rc = l->actor ? programme_load_office(c, l->actor, l->programme_id, &p, err)
			  : programme_load(c, l->programme_id, &p, err);

	if (rc)
		return rc;
	if (!(rc = list_certificates(l->app, c, &p, &list, err)))
		l->out = json_pack("{s:I, s:o}", "programme", (json_int_t)p.id, "certificates", list);
	programme_release(&p);
	return rc;
}

/*
 * Three steps so that no transaction waits for cairo: the certificates are
 * recorded (numbers, codes, audit) in one write transaction, their PDFs are
 * rendered after its commit, and the list is read back.
 */
int certificate_issue(struct app *app, const struct app_actor *actor, int64_t programme_id, json_t **out,
		      struct px_err *err)
{
	struct issue_arg a = { app, actor, programme_id };
	struct list_arg l = { app, NULL, programme_id, NULL };
	int rc;

	*out = NULL;
	if ((rc = app_tx(app, STORE_TX_WRITE, issue_tx, &a, err)) || (rc = render_missing(app, actor, programme_id, err)))
		return rc;
	return app_tx_json(app, STORE_TX_READ, list_tx, &l, &l.out, out, err);
}

int certificate_list(struct app *app, const struct app_actor *actor, int64_t programme_id, json_t **out,
		     struct px_err *err)
{
	struct list_arg l = { app, actor, programme_id, NULL };

	*out = NULL;
	return app_tx_json(app, STORE_TX_READ, list_tx, &l, &l.out, out, err);
}

/* ---- verify ---- */

struct verify_arg {
	const char *code;
	px_date today;
	json_t *out;
};

static int verify_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct verify_arg *v = arg;
	struct store_stmt *s;
	struct programme p;
	char code[CERTIFICATE_CODE_LEN + 3];
	json_t *row = NULL;
	int rc;

	if (!certificate_code_normalise(v->code, code))
		return px_err_set(err, PX_ENOTFOUND, "certificate_not_found", "code", "no certificate has this code");
	if ((rc = store_prepare(c, &Q_BY_CODE, &s, err)))
		return rc;
	store_bind_text(s, 1, code);
	if ((rc = store_step(s, err)) == STORE_ROW)
		row = json_pack("{s:s, s:s, s:s, s:s, s:s, s:I, s:I, s:s, s:s?}", "no", store_col_text(s, 0), "holder",
				store_col_text(s, 1), "track", store_col_text(s, 2), "issued_on", store_col_text(s, 3),
				"sha256", store_col_text(s, 4), "programme", (json_int_t)store_col_int(s, 5), "id",
				(json_int_t)store_col_int(s, 6), "status",
				validity_status_on(store_col_text(s, 7), store_col_null(s, 8) ? NULL : store_col_text(s, 8),
						   v->today),
				"valid_to", store_col_null(s, 8) ? NULL : store_col_text(s, 8));
	store_reset(s);
	if (rc < 0)
		return rc;
	if (!row)
		return px_err_set(err, PX_ENOTFOUND, "certificate_not_found", "code", "no certificate has this code");
	if ((rc = programme_load(c, json_integer_value(json_object_get(row, "programme")), &p, err))) {
		json_decref(row);
		return rc;
	}
	int t = template_track_index(p.tpl, json_string_value(json_object_get(row, "track")));
	const char *sha = json_string_value(json_object_get(row, "sha256"));
	const char *status = json_string_value(json_object_get(row, "status"));
	/* a certificate of the register is valid only while its status is, on the day (register.h) */
	v->out = json_pack("{s:b, s:s, s:s, s:s, s:s, s:I, s:s, s:s, s:o, s:s, s:O}", "valid", !strcmp(status, "valid"), "no",
			   json_string_value(json_object_get(row, "no")), "holder",
			   json_string_value(json_object_get(row, "holder")), "award", t >= 0 ? p.tpl->tracks[t].name : "",
			   "programme", p.tpl->title, "programme_id", (json_int_t)p.id, "issuer", p.tpl->issuer,
			   "issued_on", json_string_value(json_object_get(row, "issued_on")), "sha256",
			   sha && *sha ? json_string(sha) : json_null(), "status", status, "valid_to",
			   json_object_get(row, "valid_to") ? json_object_get(row, "valid_to") : json_null());
	programme_release(&p);
	json_decref(row);
	return 0;
}

int certificate_verify(struct app *app, const char *code, json_t **out, struct px_err *err)
{
	struct verify_arg v = { code, app_today(app), NULL };
	return app_tx_json(app, STORE_TX_READ, verify_tx, &v, &v.out, out, err);
}

/* ---- the PDF ---- */

struct pdf_arg {
	const struct app_actor *actor;
	int64_t id, programme_id;
	char no[64];
	char sha[65];
};

static int pdf_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct pdf_arg *q = arg;
	struct store_stmt *s;
	struct application a;
	struct programme p;
	int64_t app_id = 0, programme_id = 0;
	int rc = store_prepare(c, &Q_BY_ID, &s, err);

	if (rc)
		return rc;
	store_bind_int(s, 1, q->id);
	if ((rc = store_step(s, err)) == STORE_ROW) {
		snprintf(q->no, sizeof(q->no), "%s", store_col_text(s, 0));
		app_id = store_col_int(s, 1);
		programme_id = store_col_int(s, 2);
		snprintf(q->sha, sizeof(q->sha), "%s", store_col_text(s, 3));
	}
	store_reset(s);
	if (rc < 0)
		return rc;
	if (!app_id)
		return px_err_set(err, PX_ENOTFOUND, NULL, "certificate", "no certificate %" PRId64, q->id);
	if ((rc = application_load(c, app_id, &a, err)) || (rc = programme_load(c, programme_id, &p, err)))
		return rc;
	bool allowed = application_owned_by(q->actor, &a) || programme_is_office(&p, q->actor);
	q->programme_id = p.id;
	programme_release(&p);
	if (!allowed)
		return px_err_set(err, PX_ENOTFOUND, NULL, "certificate", "no certificate %" PRId64, q->id);
	return 0;
}

int certificate_pdf(struct app *app, const struct app_actor *actor, int64_t certificate_id, char **pdf, size_t *len,
		    char name[64], struct px_err *err)
{
	struct pdf_arg q = { .actor = actor, .id = certificate_id };
	unsigned char digest[crypto_hash_sha256_BYTES];
	char path[4200], hex[65];
	int rc = app_tx(app, STORE_TX_READ, pdf_tx, &q, err);

	*pdf = NULL;
	*len = 0;
	if (rc)
		return rc;
	/* not rendered yet (the issuing request failed after its commit): render now, outside any transaction */
	if (!q.sha[0] && ((rc = render_missing(app, actor, q.programme_id, err)) ||
			  (rc = app_tx(app, STORE_TX_READ, pdf_tx, &q, err))))
		return rc;
	if (!q.sha[0])
		return px_err_set(err, PX_EINTERNAL, "pdf_unavailable", "pdf", "the PDF of certificate '%s' was not made",
				  q.no);
	if (strspn(q.sha, "0123456789abcdef") != 64)
		return px_err_set(err, PX_EIO, "file_corrupt", "sha256", "certificate '%s' names no valid file", q.no);
	files_path(app->files_dir, q.sha, false, path, sizeof(path));
	if ((rc = file_read(path, CERTIFICATE_PDF_MAX, pdf, len, err)))
		return px_err_set(err, PX_EIO, "file_missing", "pdf", "the PDF of certificate '%s' is missing", q.no);
	crypto_hash_sha256(digest, (const unsigned char *)*pdf, *len);
	sodium_bin2hex(hex, sizeof(hex), digest, sizeof(digest));
	if (strcmp(hex, q.sha)) {
		free(*pdf);
		*pdf = NULL;
		*len = 0;
		return px_err_set(err, PX_EIO, "file_corrupt", "pdf", "the PDF of certificate '%s' does not match its hash",
				  q.no);
	}
	snprintf(name, 64, "%.50s.pdf", q.no);
	return 0;
}

/* ---- winners ---- */

struct winners_arg {
	int64_t id;
	json_t *out;
};

static int winners_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct winners_arg *w = arg;
	struct programme p;
	struct store_stmt *s;
	const char *publication = NULL;
	json_t *tracks = json_array(), *by_code = json_object();
	char document_no[80] = "", approved_on[11] = "";
	int rc = programme_load(c, w->id, &p, err);

	if (rc)
		goto out_free;
	for (int i = 0; i < p.tpl->nstages; i++)
		if (p.tpl->stages[i].kind == TPL_STAGE_PUBLICATION)
			publication = p.tpl->stages[i].code;
	if (!publication || !programme_reached(&p, publication)) {
		rc = px_err_set(err, PX_ENOTFOUND, "not_published", "programme",
				"the winners of programme %" PRId64 " are not published yet", p.id);
		goto out;
	}
	for (int i = 0; i < p.tpl->ntracks; i++) {
		json_t *t = json_pack("{s:s, s:s, s:i, s:[], s:i}", "code", p.tpl->tracks[i].code, "name",
				      p.tpl->tracks[i].name, "cap", p.tpl->tracks[i].cap, "winners", "vacant",
				      p.tpl->tracks[i].cap);
		json_object_set(by_code, p.tpl->tracks[i].code, t);
		json_array_append_new(tracks, t);
	}
	if ((rc = store_prepare(c, &Q_PUBLIC_WINNERS, &s, err)))
		goto out;
	store_bind_int(s, 1, p.id);
	while ((rc = store_step(s, err)) == STORE_ROW) {
		json_t *t = json_object_get(by_code, store_col_text(s, 1));
		if (!t)
			continue;
		json_t *one = json_pack("{s:I, s:s, s:s}", "application", (json_int_t)store_col_int(s, 0), "name",
					store_col_text(s, 3), "region", store_col_text(s, 2));
		json_object_set_new(one, "certificate", store_col_int(s, 4)
								? json_pack("{s:I, s:s}", "id", (json_int_t)store_col_int(s, 4),
									    "no", store_col_text(s, 5))
								: json_null());
		json_array_append_new(json_object_get(t, "winners"), one);
		json_object_set_new(t, "vacant", json_integer(json_integer_value(json_object_get(t, "vacant")) - 1));
	}
	store_reset(s);
	if (rc < 0 || (rc = store_prepare(c, &Q_APPROVAL, &s, err)))
		goto out;
	store_bind_int(s, 1, p.id);
	if ((rc = store_step(s, err)) == STORE_ROW) {
		snprintf(document_no, sizeof(document_no), "%s", store_col_text(s, 0));
		snprintf(approved_on, sizeof(approved_on), "%s", store_col_text(s, 1));
	}
	store_reset(s);
	if (rc < 0)
		goto out;
	rc = 0;
	w->out = json_pack("{s:I, s:s, s:s, s:s?, s:s?, s:O}", "programme", (json_int_t)p.id, "title", p.tpl->title,
			   "issuer", p.tpl->issuer, "document_no", document_no[0] ? document_no : NULL, "approved_on",
			   approved_on[0] ? approved_on : NULL, "tracks", tracks);
out:
	programme_release(&p);
out_free:
	json_decref(tracks);
	json_decref(by_code);
	return rc;
}

int certificate_winners(struct app *app, int64_t programme_id, json_t **out, struct px_err *err)
{
	struct winners_arg w = { programme_id, NULL };
	return app_tx_json(app, STORE_TX_READ, winners_tx, &w, &w.out, out, err);
}

/* ---- the QR code ---- */

int certificate_qr(struct app *app, const char *code, char **svg, size_t *len, struct px_err *err)
{
	char norm[CERTIFICATE_CODE_LEN + 3], url[QR_TEXT_MAX + 1];
	json_t *v = NULL;
	int rc;

	*svg = NULL;
	*len = 0;
	if ((rc = certificate_verify(app, code, &v, err)))
		return rc;
	json_decref(v);
	certificate_code_normalise(code, norm);
	certificate_verify_url(app, norm, url, sizeof(url));
	return qr_svg(url, svg, len, err);
}
