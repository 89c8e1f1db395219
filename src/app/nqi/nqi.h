/*
 * nqi.h - the NQI one-stop service records (一站式NQI服务, docs/nqi.md): the
 * service institutions of the platform, the enterprises they serve (by USCC,
 * each in one of the 24 industry chains of core/nqi.h) and the services by
 * kind, date, institution, enterprise and chain. An office (or a county, in
 * its division) records them one by one or imports CSV files of any size:
 * every row is checked first and a file with a faulty row is refused whole,
 * its faulty rows named; a clean file is written in batches of one
 * transaction each (undone whole if a batch fails). The list of services is
 * filtered, sorted and paged by key; the statistics board counts by kind,
 * chain and period from counts kept with the rows. Everything read is
 * scoped to the reader's region through app_scope_prefix().
 */
#ifndef PX_APP_NQI_H
#define PX_APP_NQI_H

#include <jansson.h>
#include <stddef.h>

#include "app/app.h"
#include "core/date.h"

#define NQI_CSV_MAX (8u << 20)   /* an import through HTTP */
#define NQI_HTTP_ROWS_MAX 50000  /* rows of an import through HTTP (one transaction) */
#define NQI_FILE_ROWS_MAX 5000000 /* rows of a file imported by the CLI */

enum nqi_what { NQI_INSTITUTIONS, NQI_ENTERPRISES, NQI_SERVICES };

/* Parse "institutions", "enterprises" or "services"; -1 otherwise. */
int nqi_what_parse(const char *s);

/* Progress of a batched import: phase "checked" or "imported", rows done of total. */
typedef void (*nqi_progress_fn)(void *ctx, const char *phase, size_t done, size_t total);

struct nqi_import_opts {
	size_t batch;             /* rows per write transaction; 0: the whole file in one (HTTP) */
	size_t max_rows;          /* NQI_HTTP_ROWS_MAX or NQI_FILE_ROWS_MAX */
	nqi_progress_fn progress; /* may be NULL */
	void *progress_ctx;
};

/*
 * Import CSV text of one kind. Headers:
 *   institutions  uscc,name,region,kinds     (kinds: service kinds joined by ';')
 *   enterprises   uscc,name,region,chain
 *   services      date,kind,institution,enterprise[,chain]   (USCCs; chain empty: the enterprise's)
 * Office or county (regions inside the actor's), or the CLI. On faults
 * nothing is imported: PX_EINVAL "invalid_rows" with *rows = [{line,
 * column, code, message}] (at most 200). *out: {import, kind, imported}.
 */
int nqi_import(struct app *app, const struct app_actor *actor, enum nqi_what what, const char *csv, size_t len,
	       const struct nqi_import_opts *opts, json_t **out, json_t **rows, struct px_err *err);

/*
 * Record one row given as a JSON object with the import's columns as keys
 * (values strings). A fault answers as PX_EINVAL with its code and the
 * column as field. *out: the row as the lists show it.
 */
int nqi_record(struct app *app, const struct app_actor *actor, enum nqi_what what, json_t *in, json_t **out,
	       struct px_err *err);

struct nqi_filter {
	const char *kind, *chain, *region, *q; /* q: enterprise name prefix */
	int64_t institution;
	px_date from, to;                      /* served_on within, 0: open */
	int ascending;                         /* by date ascending (else newest first) */
	const char *after;                     /* the cursor of the previous page, or NULL */
	int64_t limit;                         /* 1..100 */
};

/* A page of services: {services: [...], next: cursor or null}. Staff, scoped. */
int nqi_services(struct app *app, const struct app_actor *actor, const struct nqi_filter *f, json_t **out,
		 struct px_err *err);

/*
 * The statistics board: {region, period, from, to, total, kinds: [{kind, name,
 * count}], chains: [...], periods: [{period, count, kinds: {kind: n}}]}.
 * from/to: "YYYY-MM" or NULL; period "month" | "quarter" | "year". Staff, scoped.
 */
int nqi_board(struct app *app, const struct app_actor *actor, const struct nqi_filter *f, const char *period,
	      const char *from, const char *to, json_t **out, struct px_err *err);

/* Institutions or enterprises by name prefix q, 20 a page: {total, items: [...]}. Staff, scoped. */
int nqi_parties(struct app *app, const struct app_actor *actor, enum nqi_what what, const char *q, int64_t page,
		json_t **out, struct px_err *err);

/* The catalogue: {kinds: [{code, name}], chains: [{code, name}]} (public). */
json_t *nqi_catalogue(void);

#endif
