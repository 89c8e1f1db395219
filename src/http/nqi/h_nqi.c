/*
 * h_nqi.c - the NQI one-stop service records over HTTP (app/nqi/nqi.h):
 * imports with every faulty row named, one record at a time, the list of
 * services, the statistics board, institutions and enterprises by name, and
 * the catalogue of kinds and chains. Handlers parse, call one use case,
 * reply.
 */
#include "http/handlers.h"

#include <stdlib.h>
#include <string.h>

#include "app/nqi/nqi.h"
#include "core/date.h"
#include "http/json_extra.h"
#include "http/json_in.h"

void h_nqi_import(struct http_req *r)
{
	struct px_err err = { 0 };
	const char *csv, *kind;
	json_t *in = http_json_object(r), *out = NULL, *rows = NULL;
	struct nqi_import_opts opts = { .batch = 0, .max_rows = NQI_HTTP_ROWS_MAX };
	if (!in)
		return;
	if (!json_str_or_reply(r, in, "kind", true, 16, &kind) && !json_str_or_reply(r, in, "csv", true, NQI_CSV_MAX, &csv)) {
		int what = nqi_what_parse(kind);
		if (what < 0) {
			http_reply_errorf(r, PX_EINVAL, "unknown_kind", "kind", "say institutions, enterprises or services");
		} else {
			int rc = nqi_import(http_app(r), http_actor(r), (enum nqi_what)what, csv, strlen(csv), &opts, &out,
					    &rows, &err);
			http_answer_rows(r, rc, 201, out, rows, &err);
		}
	}
	json_decref(in);
}

static void record(struct http_req *r, enum nqi_what what)
{
	struct px_err err = { 0 };
	json_t *in = http_json_object(r), *out = NULL;
	if (!in)
		return;
	int rc = nqi_record(http_app(r), http_actor(r), what, in, &out, &err);
	http_answer(r, rc, 201, out, &err);
	json_decref(in);
}

void h_nqi_record_institution(struct http_req *r)
{
	record(r, NQI_INSTITUTIONS);
}

void h_nqi_record_enterprise(struct http_req *r)
{
	record(r, NQI_ENTERPRISES);
}

void h_nqi_record_service(struct http_req *r)
{
	record(r, NQI_SERVICES);
}

/* A day of the query (YYYY-MM-DD) into *out; 0 when absent, -1 after a 400. */
static int query_day(struct http_req *r, const char *key, px_date *out)
{
	const char *s;
	*out = 0;
	if (http_query_or_reply(r, key, 10, &s))
		return -1;
	if (s && date_parse(s, strlen(s), out)) {
		http_reply_errorf(r, PX_EINVAL, "invalid_date", key, "'%s' is not a date (YYYY-MM-DD)", s);
		return -1;
	}
	return 0;
}

/* The filters shared by the list and the board. */
static int filter_of(struct http_req *r, struct nqi_filter *f)
{
	const char *inst;
	if (http_query_or_reply(r, "kind", 32, &f->kind) || http_query_or_reply(r, "chain", 32, &f->chain) ||
	    http_query_or_reply(r, "region", 6, &f->region) || http_query_or_reply(r, "q", 100, &f->q) ||
	    http_query_or_reply(r, "institution", 18, &inst))
		return -1;
	f->institution = inst ? strtoll(inst, NULL, 10) : 0;
	if (inst && f->institution <= 0) {
		http_reply_errorf(r, PX_EINVAL, "out_of_range", "institution", "an institution's id");
		return -1;
	}
	return 0;
}

void h_nqi_services(struct http_req *r)
{
	struct px_err err = { 0 };
	struct nqi_filter f = { .limit = 20 };
	const char *sort, *limit;
	json_t *out = NULL;
	if (filter_of(r, &f) || query_day(r, "from", &f.from) || query_day(r, "to", &f.to) ||
	    http_query_or_reply(r, "sort", 8, &sort) || http_query_or_reply(r, "after", 40, &f.after) ||
	    http_query_or_reply(r, "limit", 3, &limit))
		return;
	if (sort && strcmp(sort, "date") && strcmp(sort, "-date"))
		return (void)http_reply_errorf(r, PX_EINVAL, "unknown_sort", "sort", "sort by date or -date");
	f.ascending = sort && !strcmp(sort, "date");
	if (limit)
		f.limit = strtol(limit, NULL, 10);
	int rc = nqi_services(http_app(r), http_actor(r), &f, &out, &err);
	http_answer(r, rc, 200, out, &err);
}

void h_nqi_board(struct http_req *r)
{
	struct px_err err = { 0 };
	struct nqi_filter f = { 0 };
	const char *period, *from, *to;
	json_t *out = NULL;
	if (filter_of(r, &f) || http_query_or_reply(r, "period", 8, &period) || http_query_or_reply(r, "from", 7, &from) ||
	    http_query_or_reply(r, "to", 7, &to))
		return;
	int rc = nqi_board(http_app(r), http_actor(r), &f, period, from, to, &out, &err);
	http_answer(r, rc, 200, out, &err);
}

static void parties(struct http_req *r, enum nqi_what what)
{
	struct px_err err = { 0 };
	const char *q, *page;
	json_t *out = NULL;
	if (http_query_or_reply(r, "q", 100, &q) || http_query_or_reply(r, "page", 4, &page))
		return;
	int rc = nqi_parties(http_app(r), http_actor(r), what, q, page ? strtol(page, NULL, 10) : 1, &out, &err);
	http_answer(r, rc, 200, out, &err);
}

void h_nqi_institutions(struct http_req *r)
{
	parties(r, NQI_INSTITUTIONS);
}

void h_nqi_enterprises(struct http_req *r)
{
	parties(r, NQI_ENTERPRISES);
}

void h_nqi_catalogue(struct http_req *r)
{
	http_reply_json(r, 200, nqi_catalogue());
}
