/*
 * import.c - importing honours from CSV or an .xlsx sheet (honours.h): every row checked (USCC
 * with its check character, division, kind, level, year, duplicates in the
 * file and in the register), all faults listed, and the rows written in one
 * transaction only when there is none.
 */
#include "app/honours/honours.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/audit.h"
#include "app/scope.h"
#include "app/tx.h"
#include "core/access.h"
#include "core/date.h"
#include "core/honour.h"
#include "core/ident.h"
#include "report/xlsx_read.h"
#include "util/csv.h"

#define MAX_FAULTS 200

enum col { C_USCC, C_NAME, C_REGION, C_KIND, C_LEVEL, C_YEAR, C_TITLE, C_SOURCE, C_COUNT };
static const char *const columns[C_COUNT] = { "uscc", "name", "region", "kind", "level", "year", "title", "source" };

static struct store_sql Q_REGION = STORE_SQL("SELECT code FROM region WHERE code = $1");
static struct store_sql Q_EXISTS = STORE_SQL(
	"SELECT id FROM honour WHERE uscc = $1 AND kind = $2 AND year = $3 AND title = $4");
static struct store_sql Q_INSERT = STORE_SQL(
	"INSERT INTO honour (owner_region, uscc, org_name, region, kind, level, year, title, source, created_at) "
	"VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)");

struct row {
	size_t line;
	char uscc[24], name[200], region[8], kind[48], level[16], title[200], source[200];
	int year;
};

struct import {
	struct app *app;
	const struct app_actor *actor;
	struct row *rows;
	size_t n;
	json_t *pre, *faults, *out; /* the faults found reading, and those with the register's (per attempt) */
};

static void fault(json_t *faults, size_t line, enum col c, const char *code, const char *fmt, ...)
{
	char msg[256];
	va_list ap;
	if (json_array_size(faults) >= MAX_FAULTS)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	json_array_append_new(faults, json_pack("{s:I, s:s, s:s, s:s}", "line", (json_int_t)line, "column", columns[c],
						"code", code, "message", msg));
}

/* The checks that need no database, into row. */
static void check_row(const struct csv_reader *r, const int *at, int this_year, struct row *w, json_t *faults)
{
	const char *f[C_COUNT];
	for (int c = 0; c < C_COUNT; c++)
		f[c] = at[c] >= 0 ? csv_field(r, (size_t)at[c]) : "";
	w->line = r->line;
	if (!ident_uscc_check(f[C_USCC], strlen(f[C_USCC]), NULL, NULL))
		fault(faults, r->line, C_USCC, "invalid_uscc", "'%s' is not a unified social credit code", f[C_USCC]);
	const struct honour_kind *k = honour_kind_find(f[C_KIND]);
	if (!k)
		fault(faults, r->line, C_KIND, "unknown_kind", "no honour kind '%s'", f[C_KIND]);
	else if (*f[C_LEVEL] && strcmp(f[C_LEVEL], k->level))
		fault(faults, r->line, C_LEVEL, "wrong_level", "%s is granted at %s level, not '%s'", k->code, k->level,
		      f[C_LEVEL]);
	char *end;
	long y = strtol(f[C_YEAR], &end, 10);
	if (!*f[C_YEAR] || *end || y < 1980 || y > this_year)
		fault(faults, r->line, C_YEAR, "out_of_range", "year '%s' is not 1980..%d", f[C_YEAR], this_year);
	if (!access_region_valid(f[C_REGION]))
		fault(faults, r->line, C_REGION, "unknown_region", "'%s' is not a division code", f[C_REGION]);
	static const enum col texts[] = { C_NAME, C_TITLE };
	for (size_t i = 0; i < 2; i++)
		if (!*f[texts[i]] || strlen(f[texts[i]]) >= sizeof(w->name))
			fault(faults, r->line, texts[i], "missing_field", "1 to 199 bytes");
	snprintf(w->uscc, sizeof(w->uscc), "%s", f[C_USCC]);
	snprintf(w->name, sizeof(w->name), "%s", f[C_NAME]);
	snprintf(w->region, sizeof(w->region), "%s", f[C_REGION]);
	snprintf(w->kind, sizeof(w->kind), "%s", f[C_KIND]);
	snprintf(w->level, sizeof(w->level), "%s", k ? k->level : "");
	snprintf(w->title, sizeof(w->title), "%s", f[C_TITLE]);
	snprintf(w->source, sizeof(w->source), "%s", f[C_SOURCE]);
	w->year = (int)y;
}

/* Read and check every row; faults collected, rows kept. */
static int read_rows(struct import *im, const char *csv, size_t len, struct px_err *err)
{
	struct csv_opts o = { .max_field = 400, .max_fields = 16, .max_records = HONOURS_ROWS_MAX + 1 };
	struct csv_reader r;
	char today[11];
	date_format(app_today(im->app), today);
	int at[C_COUNT], rc, year = (int)strtol(today, NULL, 10);
	csv_reader_init(&r, csv, len, &o);
	if ((rc = csv_next(&r, err)) <= 0) {
		csv_reader_release(&r);
		return rc < 0 ? rc : px_err_set(err, PX_EINVAL, "empty_csv", "csv", "the file has no header");
	}
	for (int c = 0; c < C_COUNT; c++)
		if ((at[c] = csv_find_column(&r, columns[c])) < 0 && c != C_LEVEL && c != C_SOURCE) {
			csv_reader_release(&r);
			return px_err_set(err, PX_EINVAL, "bad_header", "csv", "the header lacks '%s'", columns[c]);
		}
	while ((rc = csv_next(&r, err)) > 0) {
		struct row *grown = realloc(im->rows, (im->n + 1) * sizeof(*im->rows));
		if (!grown) {
			rc = px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
			break;
		}
		im->rows = grown;
		memset(&im->rows[im->n], 0, sizeof(*im->rows));
		check_row(&r, at, year, &im->rows[im->n++], im->pre);
	}
	csv_reader_release(&r);
	return rc < 0 ? rc : 0;
}

/* Duplicates within the file (the earlier line wins) and the register's checks. */
static int check_in_register(struct store_conn *c, struct import *im, struct px_err *err)
{
	char code[8];
	int64_t id;
	int rc;
	for (size_t i = 0; i < im->n; i++) {
		struct row *w = &im->rows[i];
		for (size_t j = 0; j < i; j++)
			if (!strcmp(w->uscc, im->rows[j].uscc) && !strcmp(w->kind, im->rows[j].kind) && w->year == im->rows[j].year &&
			    !strcmp(w->title, im->rows[j].title))
				fault(im->faults, w->line, C_TITLE, "duplicate_row", "the same honour as line %zu", im->rows[j].line);
		if ((rc = store_get(c, &Q_REGION, err, "t:b", w->region, code, sizeof(code))) < 0)
			return rc;
		if (rc != STORE_ROW || !app_actor_in_region(im->actor, w->region, NULL))
			fault(im->faults, w->line, C_REGION, "unknown_region", "'%s' is not a division of your region", w->region);
		if ((rc = store_get(c, &Q_EXISTS, err, "ttit:i", w->uscc, w->kind, (int64_t)w->year, w->title, &id)) < 0)
			return rc;
		if (rc == STORE_ROW)
			fault(im->faults, w->line, C_TITLE, "duplicate_row", "the register holds this honour already");
	}
	return 0;
}

static int import_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct import *im = arg;
	json_decref(im->faults);
	im->faults = json_deep_copy(im->pre);
	int rc = check_in_register(c, im, err);
	if (rc)
		return rc;
	if (json_array_size(im->faults))
		return px_err_set(err, PX_EINVAL, "invalid_rows", "csv", "%zu faults in the file; nothing was imported",
				  json_array_size(im->faults));
	for (size_t i = 0; i < im->n; i++) {
		struct row *w = &im->rows[i];
		if ((rc = store_run(c, &Q_INSERT, err, "ttttttitti", im->actor->region, w->uscc, w->name, w->region, w->kind,
				    w->level, (int64_t)w->year, w->title, w->source, app_now_us(im->app))))
			return rc;
	}
	im->out = json_pack("{s:I}", "imported", (json_int_t)im->n);
	json_t *payload = json_pack("{s:I}", "rows", (json_int_t)im->n);
	rc = audit_append(c, im->actor, "honour.import", "honour", payload, err); /* borrows payload */
	json_decref(payload);
	return rc;
}

int honours_import(struct app *app, const struct app_actor *actor, const char *csv, size_t len, json_t **out,
		   json_t **rows, struct px_err *err)
{
	struct import im = { app, actor, NULL, 0, json_array(), NULL, NULL };
	int rc;
	*out = NULL;
	*rows = NULL;
	if (!app_actor_is(actor, ROLE_OFFICE)) {
		json_decref(im.pre);
		return px_err_set(err, PX_EFORBIDDEN, NULL, NULL, "the office keeps the honours register");
	}
	rc = read_rows(&im, csv, len, err);
	if (!rc && !im.n)
		rc = px_err_set(err, PX_EINVAL, "empty_csv", "csv", "the file has no rows");
	if (!rc)
		rc = app_tx_json(app, STORE_TX_WRITE, import_tx, &im, &im.out, out, err);
	json_t *faults = im.faults ? im.faults : im.pre;
	if (rc && json_array_size(faults))
		*rows = json_incref(faults);
	json_decref(im.faults);
	json_decref(im.pre);
	free(im.rows);
	return rc;
}

int honours_import_xlsx(struct app *app, const struct app_actor *actor, const void *data, size_t len,
			json_t **out, json_t **rows, struct px_err *err)
{
	char *csv = NULL;
	size_t n = 0;
	*out = NULL;
	*rows = NULL;
	if (!app_actor_is(actor, ROLE_OFFICE))
		return px_err_set(err, PX_EFORBIDDEN, NULL, NULL, "the office keeps the honours register");
	int rc = xlsx_read_csv(data, len, HONOURS_CSV_MAX, &csv, &n, err);
	if (!rc)
		rc = honours_import(app, actor, csv, n, out, rows, err);
	free(csv);
	return rc;
}
