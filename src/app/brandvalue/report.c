/*
 * report.c - the report PDF of one enterprise's brand value (brandvalue.h):
 * the method and its standard, the round's published parameters, the data
 * year by year with each period's excess earnings and discounting, the
 * terminal value and the value with its rank, drawn by report/pdf.h (A4
 * landscape, Noto CJK fonts embedded). Rendered outside any transaction
 * (app_tx_refuse_io) after the values are committed, stored by SHA-256 in
 * the file store, its hash recorded; served from there.
 */
#include "app/brandvalue/internal.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/files.h"
#include "app/input.h"
#include "app/json.h"
#include "app/tx.h"
#include "report/pdf.h"
#include "report/text.h"
#include "util/file.h"
#include "util/fill.h"

#define NCOLS 10

static struct store_sql Q_SUB = STORE_SQL(
	"SELECT s.round_id, o.uscc, o.name, coalesce(s.result, ''), coalesce(s.rank, 0), coalesce(s.report_sha, ''), "
	"s.data FROM bv_submission s JOIN organisation o ON o.id = s.organisation_id WHERE s.id = $1");
static struct store_sql Q_ISSUER = STORE_SQL(
	"SELECT coalesce(u.name, '') FROM bv_round r LEFT JOIN account a ON a.id = r.created_by "
	"LEFT JOIN unit u ON u.id = a.unit_id WHERE r.id = $1");
static struct store_sql Q_PENDING = STORE_SQL(
	"SELECT id FROM bv_submission WHERE round_id = $1 AND value IS NOT NULL AND report_sha IS NULL ORDER BY id");
static struct store_sql Q_KEEP = STORE_SQL("UPDATE bv_submission SET report_sha = $1 WHERE id = $2 AND result IS NOT NULL");

/* What a report is drawn from, read in one transaction. */
struct src {
	int64_t id, round_id, rank;
	char uscc[24], name[200], sha[FILES_SHA_HEX + 1], issuer[200];
	json_t *result, *data;
	struct bv_round r;
};

static void src_release(struct src *s)
{
	json_decref(s->result);
	json_decref(s->data);
	brandvalue_round_release(&s->r);
	s->result = s->data = NULL;
}

static int src_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct src *s = arg;
	char *result = NULL, *data = NULL;
	src_release(s);
	int rc = store_get(c, &Q_SUB, err, "i:ibbsibs", s->id, &s->round_id, s->uscc, sizeof(s->uscc), s->name,
			   sizeof(s->name), &result, &s->rank, s->sha, sizeof(s->sha), &data);
	if (rc == STORE_DONE)
		rc = px_err_set(err, PX_ENOTFOUND, NULL, "submission", "no brand value submission %lld", (long long)s->id);
	if (rc >= 0 && (!result || !*result))
		rc = px_err_set(err, PX_ECONFLICT, "not_computed", "submission", "submission %lld is not computed yet",
				(long long)s->id);
	if (rc >= 0) {
		s->result = json_parse_stored(result);
		s->data = json_parse_stored(data);
		rc = brandvalue_round_load(c, s->round_id, &s->r, err);
	}
	if (rc >= 0)
		rc = store_get(c, &Q_ISSUER, err, "i:b", s->round_id, s->issuer, sizeof(s->issuer));
	if (rc >= 0 && !s->issuer[0])
		rc = input_region_name(c, s->r.owner_region, s->issuer, sizeof(s->issuer), err);
	free(result);
	free(data);
	return rc < 0 ? rc : 0;
}

/* 38648769 as "38,648,769". */
static void yuan(int64_t v, char *out, size_t cap)
{
	char digits[24];
	size_t n = (size_t)snprintf(digits, sizeof(digits), "%lld", (long long)(v < 0 ? -v : v)), k = 0;
	if (v < 0 && k + 1 < cap)
		out[k++] = '-';
	for (size_t i = 0; i < n && k + 2 < cap; i++) {
		if (i && (n - i) % 3 == 0)
			out[k++] = ',';
		out[k++] = digits[i];
	}
	out[k] = '\0';
}

static int64_t num(const json_t *o, const char *key)
{
	return json_integer_value(json_object_get(o, key));
}

/* The table's cells: one row per forecast year. */
static void year_cells(const struct src *s, char (*buf)[32], const char **cells)
{
	static const char *const money[] = { "revenue", "profit", "nopat", "charges", "excess", "brand" };
	json_t *y;
	size_t t;
	json_array_foreach(json_object_get(s->result, "years"), t, y) {
		char (*row)[32] = buf + t * NCOLS;
		snprintf(row[0], 32, "%d", s->r.first_year + (int)t);
		yuan(num(y, "revenue"), row[1], 32);
		brandvalue_pct(num(y, "margin_bp"), row[2], 32);
		for (size_t k = 1; k < sizeof(money) / sizeof(money[0]); k++)
			yuan(num(y, money[k]), row[2 + k], 32);
		snprintf(row[8], 32, "%s", json_string_value(json_object_get(y, "factor")));
		yuan(num(y, "present"), row[9], 32);
		for (int k = 0; k < NCOLS; k++)
			cells[t * NCOLS + (size_t)k] = row[k];
	}
}

/* "营运资金 20.00% × 5.00%；固定资产 …" */
static void assets_line(const struct src *s, char *out, size_t cap)
{
	json_t *a, *shares = json_object_get(s->data, "assets");
	size_t i, n = 0;
	char key[48], share[16], ret[16];
	out[0] = '\0';
	json_array_foreach(json_object_get(s->r.params, "assets"), i, a) {
		const char *code = json_string_value(json_object_get(a, "code"));
		snprintf(key, sizeof(key), "asset.%s", code);
		brandvalue_pct(num(shares, code), share, sizeof(share));
		brandvalue_pct(num(a, "return_bp"), ret, sizeof(ret));
		n += (size_t)snprintf(out + n, n < cap ? cap - n : 0, "%s%s %s × %s", i ? "；" : "", brandvalue_text(key),
				      share, ret);
		if (n >= cap)
			break;
	}
}

#define NPARAS 7

/* The paragraphs above the table: the enterprise, the round, the value, the method, the parameters, the assets, the terminal value. */
static void head_paras(const struct src *s, char paras[NPARAS][REPORT_LINE_MAX])
{
	char key[48], tax[16], disc[16], base[16], prem[16], growth[16], role[16], charge[16], assets[600];
	char value[32], rank[16], terminal[32], terminal_present[32];
	snprintf(key, sizeof(key), "method.%s", s->r.method);
	brandvalue_pct(num(s->r.params, "tax_bp"), tax, sizeof(tax));
	brandvalue_pct(num(s->result, "discount_bp"), disc, sizeof(disc));
	brandvalue_pct(num(s->r.params, "discount_base_bp"), base, sizeof(base));
	brandvalue_pct(num(s->data, "risk_premium_bp"), prem, sizeof(prem));
	brandvalue_pct(num(s->result, "growth_bp"), growth, sizeof(growth));
	brandvalue_pct(num(s->result, "brand_role_bp"), role, sizeof(role));
	brandvalue_pct(num(s->result, "charge_bp"), charge, sizeof(charge));
	assets_line(s, assets, sizeof(assets));
	yuan(num(s->result, "value"), value, sizeof(value));
	snprintf(rank, sizeof(rank), "%lld", (long long)s->rank);
	yuan(num(s->result, "terminal"), terminal, sizeof(terminal));
	yuan(num(s->result, "terminal_present"), terminal_present, sizeof(terminal_present));
	const char *v0[] = { "name", s->name, "uscc", s->uscc, NULL };
	const char *v1[] = { "round", s->r.title, NULL };
	const char *v2[] = { "value", value, "rank", rank, NULL };
	const char *v3[] = { "method", brandvalue_text(key), "standard", brandvalue_text("standard"), NULL };
	const char *v4[] = { "tax", tax, "discount", disc, "base", base, "premium", prem, "growth", growth, "role", role, NULL };
	const char *v5[] = { "assets", assets, "charge", charge, NULL };
	const char *v6[] = { "terminal", terminal, "terminal_present", terminal_present, NULL };
	static const char *const keys[NPARAS] = { "report.enterprise", "report.round", "report.value", "report.method",
						  "report.params", "report.assets", "report.terminal" };
	const char *const *vars[NPARAS] = { v0, v1, v2, v3, v4, v5, v6 };
	for (int k = 0; k < NPARAS; k++)
		fill_text(brandvalue_text(keys[k]), vars[k], paras[k], REPORT_LINE_MAX);
}

/* Draw the report into a private temporary file and read it back. */
static int draw(const struct src *s, char **pdf, size_t *len, struct px_err *err)
{
	static const char *const headers[NCOLS] = { "col.year",   "col.revenue", "col.margin", "col.profit", "col.nopat",
						    "col.charges", "col.excess", "col.brand", "col.factor", "col.present" };
	char paras[NPARAS][REPORT_LINE_MAX], signer[REPORT_LINE_MAX], today[11];
	char buf[BV_MAX_YEARS * NCOLS][32], path[64] = "/tmp/px-brandvalue-XXXXXX";
	const char *cells[BV_MAX_YEARS * NCOLS], *p[NPARAS], *cl[2] = { signer, today };
	struct report_column cols[NCOLS];
	for (int k = 0; k < NCOLS; k++)
		cols[k] = (struct report_column){ brandvalue_text(headers[k]), k ? 14 : 8, REPORT_COL_TEXT, 0 };
	size_t nrows = json_array_size(json_object_get(s->result, "years"));
	head_paras(s, paras);
	for (int k = 0; k < NPARAS; k++)
		p[k] = paras[k];
	year_cells(s, buf, cells);
	const char *vs[] = { "issuer", s->issuer, NULL };
	fill_text(brandvalue_text("report.signer"), vs, signer, sizeof(signer));
	date_format((px_date)s->r.computed_on, today);
	struct report_table table = { .title = brandvalue_text("report.table"), .cols = cols, .ncols = NCOLS,
				      .cells = cells, .nrows = nrows, .landscape = true };
	struct report_doc doc = { .title = brandvalue_text("report.title"), .subtitle = s->name, .paras = p,
				  .nparas = NPARAS, .table = &table, .closing = cl, .nclosing = 2, .landscape = true };
	int fd = mkstemp(path), rc;
	if (fd < 0)
		return px_err_set(err, PX_EIO, "tmp_failed", NULL, "cannot create a temporary file");
	close(fd);
	if (!(rc = report_pdf_document(path, &doc, err)))
		rc = file_read(path, BRANDVALUE_PDF_MAX, pdf, len, err);
	unlink(path);
	return rc;
}

struct keep_tx {
	int64_t id;
	const char *sha;
};

static int keep_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct keep_tx *k = arg;
	return store_run(c, &Q_KEEP, err, "ti", k->sha, k->id);
}

/* Render submission id's report, store it and record its hash. Never inside a transaction. */
static int render_one(struct app *app, int64_t id, struct px_err *err)
{
	struct src s = { .id = id };
	char *pdf = NULL, sha[FILES_SHA_HEX + 1];
	size_t len = 0;
	int rc = app_tx_refuse_io("rendering a brand value report", err);
	if (!rc && !(rc = app_tx(app, STORE_TX_READ, src_tx, &s, err)) && !(rc = draw(&s, &pdf, &len, err)) &&
	    !(rc = files_put(app->files_dir, pdf, len, sha, err))) {
		struct keep_tx k = { id, sha };
		rc = app_tx(app, STORE_TX_WRITE, keep_tx, &k, err);
	}
	free(pdf);
	src_release(&s);
	return rc;
}

static int pending_row(struct store_stmt *s, void *arg, struct px_err *err)
{
	(void)err;
	json_array_append_new(arg, json_integer(store_col_int(s, 0)));
	return 0;
}

struct pending_tx {
	int64_t round_id;
	json_t *ids;
};

static int pending_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct pending_tx *p = arg;
	json_array_clear(p->ids);
	int rc = store_each(c, &Q_PENDING, pending_row, p->ids, err, "i", p->round_id);
	return rc < 0 ? rc : 0;
}

void brandvalue_render_round(struct app *app, int64_t round_id)
{
	struct pending_tx p = { round_id, json_array() };
	struct px_err err = { 0 };
	json_t *v;
	size_t i;
	if (!app_tx(app, STORE_TX_READ, pending_tx, &p, &err))
		json_array_foreach(p.ids, i, v)
			if (render_one(app, json_integer_value(v), &err))
				break; /* drawn on download instead */
	json_decref(p.ids);
}

/* The stored PDF, checked against its hash. */
static int read_kept(const struct app *app, const struct src *s, char **pdf, size_t *len, struct px_err *err)
{
	unsigned char digest[crypto_hash_sha256_BYTES];
	char path[4200], hex[FILES_SHA_HEX + 1];
	if (!files_sha_ok(s->sha))
		return px_err_set(err, PX_EIO, "file_corrupt", "report", "submission %lld names no valid file", (long long)s->id);
	files_path(app->files_dir, s->sha, false, path, sizeof(path));
	if (file_read(path, BRANDVALUE_PDF_MAX, pdf, len, err))
		return px_err_set(err, PX_EIO, "file_missing", "report", "the report of submission %lld is missing",
				  (long long)s->id);
	crypto_hash_sha256(digest, (const unsigned char *)*pdf, *len);
	sodium_bin2hex(hex, sizeof(hex), digest, sizeof(digest));
	if (!strcmp(hex, s->sha))
		return 0;
	free(*pdf);
	*pdf = NULL;
	*len = 0;
	return px_err_set(err, PX_EIO, "file_corrupt", "report", "the report of submission %lld does not match its hash",
			  (long long)s->id);
}

int brandvalue_report_pdf(struct app *app, const struct app_actor *actor, int64_t id, char **pdf, size_t *len,
			  char name[64], struct px_err *err)
{
	struct src s = { .id = id };
	json_t *seen = NULL;
	*pdf = NULL;
	*len = 0;
	/* the same readers as the submission itself: its enterprise and the staff of the round's region */
	int rc = brandvalue_submission_get(app, actor, id, &seen, err);
	json_decref(seen);
	if (!rc && !(rc = app_tx(app, STORE_TX_READ, src_tx, &s, err)) && !s.sha[0] && !(rc = render_one(app, id, err)))
		rc = app_tx(app, STORE_TX_READ, src_tx, &s, err);
	if (!rc)
		rc = read_kept(app, &s, pdf, len, err);
	if (!rc)
		snprintf(name, 64, "brand-value-%lld.pdf", (long long)id);
	src_release(&s);
	return rc;
}
