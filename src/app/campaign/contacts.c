/*
 * contacts.c - the campaign's units list with each unit's contact (联络员):
 * the office imports the contacts of the participating units from a CSV file
 * (columns unit, name, mobile), each unit matched by name to its member
 * account inside the campaign's region, for the reminders the reporting
 * engine sends by SMS (app/reporting/reporting.h, reporting_contact_put).
 * Every fault of the file is listed and nothing is written while there is
 * one.
 */
#include "app/campaign/internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "app/audit.h"
#include "app/reporting/reporting.h"
#include "app/tx.h"
#include "core/access.h"
#include "util/csv.h"

#define MAX_FAULTS 100

enum col { C_UNIT, C_NAME, C_MOBILE, C_COUNT };
static const char *const columns[C_COUNT] = { "unit", "name", "mobile" };
static const char *const columns_zh[C_COUNT] = { "单位", "联络员", "手机" };

static struct store_sql Q_ACCOUNT_OF_UNIT = STORE_SQL(
	"SELECT a.id, a.region FROM account a JOIN unit u ON u.id = a.unit_id "
	"WHERE u.name = $1 AND a.role = 'member' AND a.active = 1 ORDER BY a.id LIMIT 1");

struct import {
	struct app *app;
	const struct app_actor *actor;
	int64_t programme;
	const char *csv;
	size_t len;
	json_t *faults, *res;
	size_t rows;
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

static bool is_campaign_unit(const struct camp *k, const char *name)
{
	json_t *u;
	size_t i;
	json_array_foreach(json_object_get(k->section, "units"), i, u)
		if (!strcmp(name, json_string_value(json_object_get(u, "name"))))
			return true;
	return false;
}

/* One row: the unit's account, then its contact (checked by the engine). */
static int import_row(struct store_conn *c, struct import *im, const struct camp *k, const struct csv_reader *r,
		      const int *at, struct px_err *err)
{
	const char *unit = csv_field(r, (size_t)at[C_UNIT]);
	char region[8] = "";
	int64_t account = 0;
	struct px_err e = { 0 };
	int rc;

	if (!is_campaign_unit(k, unit))
		return fault(im->faults, r->line, C_UNIT, "unknown_unit", "'%s' is no unit of the campaign", unit), 0;
	if ((rc = store_get(c, &Q_ACCOUNT_OF_UNIT, err, "t:ib", unit, &account, region, sizeof(region))) < 0)
		return rc;
	if (rc != STORE_ROW || !access_region_contains(k->region, region))
		return fault(im->faults, r->line, C_UNIT, "no_unit_account", "'%s' has no member account yet", unit), 0;
	rc = reporting_contact_put(c, im->actor, account, csv_field(r, (size_t)at[C_NAME]),
				   csv_field(r, (size_t)at[C_MOBILE]), app_now_us(im->app), &e);
	if (rc == PX_EINVAL)
		fault(im->faults, r->line, strcmp(e.field, "mobile") ? C_NAME : C_MOBILE, e.key, "%s", e.msg);
	else if (rc)
		return px_err_set(err, rc, e.key, e.field, "%s", e.msg);
	im->rows++;
	return 0;
}

/* The header's columns (English or Chinese names), or "bad_header". */
static int header(const struct csv_reader *r, int *at, struct px_err *err)
{
	for (int c = 0; c < C_COUNT; c++)
		if ((at[c] = csv_find_column(r, columns[c])) < 0 && (at[c] = csv_find_column(r, columns_zh[c])) < 0)
			return px_err_set(err, PX_EINVAL, "bad_header", "csv", "the header lacks '%s' (%s)", columns[c],
					  columns_zh[c]);
	return 0;
}

static int read_rows(struct store_conn *c, struct import *im, const struct camp *k, struct px_err *err)
{
	struct csv_opts o = { .max_field = 200, .max_fields = 8, .max_records = REPORTING_MAX_UNITS + 1 };
	struct csv_reader r;
	int at[C_COUNT], rc;
	csv_reader_init(&r, im->csv, im->len, &o);
	if ((rc = csv_next(&r, err)) <= 0)
		rc = rc < 0 ? rc : px_err_set(err, PX_EINVAL, "empty_csv", "csv", "the file has no header");
	else if (!(rc = header(&r, at, err)))
		while ((rc = csv_next(&r, err)) > 0)
			if ((rc = import_row(c, im, k, &r, at, err)))
				break;
	csv_reader_release(&r);
	return rc < 0 ? rc : 0;
}

static int import_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct import *im = arg;
	struct camp k;
	int rc = camp_load(c, im->programme, &k, err);
	if (rc)
		return rc;
	json_array_clear(im->faults);
	im->rows = 0;
	if (!camp_is_office(&k, im->actor))
		rc = px_err_set(err, PX_EFORBIDDEN, NULL, NULL, "the campaign's office keeps its units' contacts");
	if (!rc)
		rc = read_rows(c, im, &k, err);
	camp_release(&k);
	if (!rc && json_array_size(im->faults))
		rc = px_err_set(err, PX_EINVAL, "invalid_rows", "csv", "%zu faults in the file; nothing was imported",
				json_array_size(im->faults));
	else if (!rc && !im->rows)
		rc = px_err_set(err, PX_EINVAL, "empty_csv", "csv", "the file has no rows");
	if (rc)
		return rc;
	im->res = json_pack("{s:I}", "imported", (json_int_t)im->rows);
	return audit_record(c, im->actor, "campaign.contacts", "programme", im->programme,
			    json_pack("{s:I}", "rows", (json_int_t)im->rows), err);
}

int campaign_contacts_import(struct app *app, const struct app_actor *actor, int64_t programme_id, const char *csv,
			     size_t len, json_t **out, json_t **rows, struct px_err *err)
{
	struct import im = { app, actor, programme_id, csv, len, json_array(), NULL, 0 };
	int rc = app_tx_json(app, STORE_TX_WRITE, import_tx, &im, &im.res, out, err);
	*rows = rc && json_array_size(im.faults) ? json_incref(im.faults) : NULL;
	json_decref(im.faults);
	return rc;
}
