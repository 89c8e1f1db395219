/*
 * h_honours.c - the honours register over HTTP (app/honours/honours.h):
 * import with every faulty row named, the office's list, an enterprise's
 * page, totals by kind, and published lists. Handlers parse, call one use
 * case, reply.
 */
#include "http/handlers.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "app/honours/honours.h"
#include "http/json_extra.h"
#include "http/json_in.h"
#include "report/xlsx_read.h"

/* {xlsx: base64}: decoded here, read and imported by the use case. */
static void import_xlsx(struct http_req *r, json_t *in)
{
	struct px_err err = { 0 };
	const char *b64;
	json_t *out = NULL, *rows = NULL;
	size_t max = (XLSX_READ_FILE_MAX / 3 + 1) * 4, n = 0;
	if (json_str_or_reply(r, in, "xlsx", true, max, &b64))
		return;
	unsigned char *bin = malloc(strlen(b64) / 4 * 3 + 3);
	if (!bin)
		return (void)http_reply_errorf(r, PX_ENOMEM, "out_of_memory", NULL, "out of memory");
	if (sodium_base642bin(bin, strlen(b64) / 4 * 3 + 3, b64, strlen(b64), " \r\n", &n, NULL,
			      sodium_base64_VARIANT_ORIGINAL)) {
		free(bin);
		return (void)http_reply_errorf(r, PX_EINVAL, "invalid_content", "xlsx", "'xlsx' is not base64");
	}
	int rc = honours_import_xlsx(http_app(r), http_actor(r), bin, n, &out, &rows, &err);
	free(bin);
	http_answer_rows(r, rc, 201, out, rows, &err);
}

void h_honours_import(struct http_req *r)
{
	struct px_err err = { 0 };
	const char *csv;
	json_t *in = http_json_object(r), *out = NULL, *rows = NULL;
	if (!in)
		return;
	if (json_object_get(in, "csv") && json_object_get(in, "xlsx"))
		http_reply_errorf(r, PX_EINVAL, "invalid_content", "xlsx", "send either 'csv' or 'xlsx', not both");
	else if (json_object_get(in, "xlsx"))
		import_xlsx(r, in);
	else if (!json_str_or_reply(r, in, "csv", true, HONOURS_CSV_MAX, &csv)) {
		int rc = honours_import(http_app(r), http_actor(r), csv, strlen(csv), &out, &rows, &err);
		http_answer_rows(r, rc, 201, out, rows, &err);
	}
	json_decref(in);
}

void h_honours_list(struct http_req *r)
{
	struct px_err err = { 0 };
	struct honours_filter f = { .limit = 20 };
	const char *year, *page;
	json_t *out = NULL;
	if (http_query_or_reply(r, "kind", 48, &f.kind) || http_query_or_reply(r, "q", 100, &f.q) ||
	    http_query_or_reply(r, "year", 4, &year) || http_query_or_reply(r, "page", 6, &page))
		return;
	f.year = year ? (int)strtol(year, NULL, 10) : 0;
	long p = page ? strtol(page, NULL, 10) : 1;
	if (p < 1)
		return (void)http_reply_errorf(r, PX_EINVAL, "out_of_range", "page", "pages start at 1");
	f.offset = (p - 1) * f.limit;
	int rc = honours_list(http_app(r), http_actor(r), &f, &out, &err);
	http_answer(r, rc, 200, out, &err);
}

void h_honours_enterprise(struct http_req *r)
{
	struct px_err err = { 0 };
	json_t *out = NULL;
	int rc = honours_enterprise(http_app(r), http_param(r, 0), &out, &err);
	http_answer(r, rc, 200, out, &err);
}

void h_honours_totals(struct http_req *r)
{
	struct px_err err = { 0 };
	const char *region;
	json_t *out = NULL;
	if (http_query_or_reply(r, "region", 6, &region))
		return;
	int rc = honours_totals(http_app(r), region, &out, &err);
	http_answer(r, rc, 200, out, &err);
}

void h_honours_publish(struct http_req *r)
{
	struct px_err err = { 0 };
	const char *title, *kind;
	int64_t year = 0;
	json_t *in = http_json_object(r), *out = NULL;
	if (!in)
		return;
	if (!json_str_or_reply(r, in, "title", true, 200, &title) && !json_str_or_reply(r, in, "kind", true, 48, &kind) &&
	    !json_int_or_reply(r, in, "year", true, 1980, 2100, &year)) {
		int rc = honours_publish(http_app(r), http_actor(r), title, kind, (int)year, &out, &err);
		http_answer(r, rc, 201, out, &err);
	}
	json_decref(in);
}

void h_honour_lists_get(struct http_req *r)
{
	struct px_err err = { 0 };
	json_t *out = NULL;
	int64_t id;
	if (http_param_id_or_reply(r, 0, &id))
		return;
	int rc = honours_list_get(http_app(r), id, &out, &err);
	http_answer(r, rc, 200, out, &err);
}
