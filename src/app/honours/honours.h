/*
 * honours.h - the honours register (荣誉): every enterprise's honours across
 * years and levels in one place (core/honour.h lists the kinds), imported
 * by an office from CSV - the whole file or nothing, every faulty row named
 * - and read as a list, as one enterprise's page (with pingxuan's own
 * programmes' certificates added by themselves), as the city's totals by
 * kind, and as published lists (the launch's lists), each kept as published
 * with its SHA-256 in the audit chain. docs/honours.md.
 */
#ifndef PX_APP_HONOURS_H
#define PX_APP_HONOURS_H

#include <jansson.h>

#include "app/app.h"

#define HONOURS_CSV_MAX (8u << 20)
#define HONOURS_ROWS_MAX 50000

/*
 * Import CSV text with the header uscc,name,region,kind,level,year,title,source
 * (level may be empty: the kind's). On faults nothing is imported:
 * PX_EINVAL "invalid_rows" with *rows = [{line, column, code, message}].
 * *out: {imported}.
 */
int honours_import(struct app *app, const struct app_actor *actor, const char *csv, size_t len, json_t **out,
		   json_t **rows, struct px_err *err);

/*
 * The same import from an .xlsx workbook (len bytes at data, borrowed): its
 * first sheet is read as CSV (report/xlsx_read.h, faults PX_EINVAL "bad_xlsx"
 * field "file") and imported by honours_import(), so the per-row checks, the
 * line numbers (sheet rows) and the all-or-nothing write are the same.
 */
int honours_import_xlsx(struct app *app, const struct app_actor *actor, const void *data, size_t len,
			json_t **out, json_t **rows, struct px_err *err);

struct honours_filter {
	const char *kind, *q;
	int year;
	int64_t offset, limit;
};
/* The honours in the actor's region: {total, honours: [...]}. Staff. */
int honours_list(struct app *app, const struct app_actor *actor, const struct honours_filter *f, json_t **out,
		 struct px_err *err);

/* One enterprise's honours (public): {uscc, name, honours: [...], programmes: [...]}. */
int honours_enterprise(struct app *app, const char *uscc, json_t **out, struct px_err *err);

/* Totals by kind inside region (public; "000000" the whole country): {region, kinds: [{kind, name, level, count}]}. */
int honours_totals(struct app *app, const char *region, json_t **out, struct px_err *err);

/* Publish the honours of a kind and year as a list (office): {id, title, count, sha256}. */
int honours_publish(struct app *app, const struct app_actor *actor, const char *title, const char *kind, int year,
		    json_t **out, struct px_err *err);

/* A published list as published (public). */
int honours_list_get(struct app *app, int64_t id, json_t **out, struct px_err *err);

#endif
