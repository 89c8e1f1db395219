/*
 * import.c - importing NQI records from CSV (nqi.h). Every row is read and
 * checked before anything is written: the fields alone, duplicates in the
 * file, then the register. A file with a faulty row is refused whole with
 * its faulty rows. A clean file is written in one transaction (through
 * HTTP) or, for files of any size (the CLI), in batches of one transaction
 * each with prepared statements; the rows carry their import's id, and a
 * batch that fails undoes the batches before it, so no file is left half
 * imported.
 */
#include "app/nqi/nqi.h"

#include <stdlib.h>
#include <string.h>

#include "app/audit.h"
#include "app/nqi/internal.h"
#include "app/scope.h"
#include "app/tx.h"
#include "util/csv.h"

static const char *const what_names[] = { "institutions", "enterprises", "services" };

static struct store_sql Q_IMPORT = STORE_SQL(
	"INSERT INTO nqi_import (owner_region, kind, rows, state, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id");
static struct store_sql Q_DONE = STORE_SQL("UPDATE nqi_import SET state = $2 WHERE id = $1");
static struct store_sql Q_UNDO_INST = STORE_SQL("DELETE FROM nqi_institution WHERE import_id = $1");
static struct store_sql Q_UNDO_ENT = STORE_SQL("DELETE FROM nqi_enterprise WHERE import_id = $1");
static struct store_sql Q_UNDO_SERVICE = STORE_SQL("DELETE FROM nqi_service WHERE import_id = $1");

int nqi_what_parse(const char *s)
{
	for (int i = 0; s && i < 3; i++)
		if (!strcmp(s, what_names[i]))
			return i;
	return -1;
}

struct import {
	struct app *app;
	const struct app_actor *actor;
	enum nqi_what what;
	const struct nqi_import_opts *opts;
	struct nqi_row *rows;
	size_t n, cap, from, to, written;
	json_t *faults, *chunk; /* all faults; those of the chunk being checked (per attempt) */
	int64_t import_id;
	json_t *out;
};

static int add_row(struct import *im, const struct csv_reader *r, const int *at, px_date today)
{
	const char *f[NQI_NCOLS];
	if (im->n == im->cap) {
		size_t cap = im->cap ? im->cap * 2 : 1024;
		struct nqi_row *grown = realloc(im->rows, cap * sizeof(*grown));
		if (!grown)
			return PX_ENOMEM;
		im->rows = grown;
		im->cap = cap;
	}
	for (int c = 0; c < NQI_NCOLS; c++)
		f[c] = at[c] >= 0 ? csv_field(r, (size_t)at[c]) : "";
	struct nqi_row *w = &im->rows[im->n++];
	memset(w, 0, sizeof(*w));
	w->bad = nqi_check_fields(im->what, f, r->line, today, w, im->faults) != 0;
	return 0;
}

/* Read every row (checked alone) into im->rows. */
static int read_rows(struct import *im, const char *csv, size_t len, struct px_err *err)
{
	struct csv_opts o = { .max_field = 400, .max_fields = 16, .max_records = im->opts->max_rows + 1 };
	struct csv_reader r;
	int at[NQI_NCOLS], rc;
	px_date today = app_today(im->app);
	csv_reader_init(&r, csv, len, &o);
	if ((rc = csv_next(&r, err)) <= 0) {
		csv_reader_release(&r);
		return rc < 0 ? rc : px_err_set(err, PX_EINVAL, "empty_csv", "csv", "the file has no header");
	}
	for (int c = 0; c < NQI_NCOLS; c++) {
		const char *name = nqi_columns[im->what][c];
		at[c] = name ? csv_find_column(&r, name) : -1;
		if (name && at[c] < 0 && !(im->what == NQI_SERVICES && c == 4)) {
			csv_reader_release(&r);
			return px_err_set(err, PX_EINVAL, "bad_header", "csv", "the header lacks '%s'", name);
		}
	}
	while ((rc = csv_next(&r, err)) > 0)
		if (add_row(im, &r, at, today)) {
			rc = px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
			break;
		}
	csv_reader_release(&r);
	if (!rc && !im->n)
		rc = px_err_set(err, PX_EINVAL, "empty_csv", "csv", "the file has no rows");
	return rc < 0 ? rc : 0;
}

static int by_line(const void *a, const void *b)
{
	json_int_t x = json_integer_value(json_object_get(*(json_t *const *)a, "line"));
	json_int_t y = json_integer_value(json_object_get(*(json_t *const *)b, "line"));
	return (x > y) - (x < y);
}

/* The faults in the order of their lines (a stable order for the reader). */
static json_t *sorted_faults(json_t *faults)
{
	size_t n = json_array_size(faults);
	json_t **v = malloc((n + 1) * sizeof(*v)), *out = json_array();
	for (size_t i = 0; v && i < n; i++)
		v[i] = json_array_get(faults, i);
	if (v)
		qsort(v, n, sizeof(*v), by_line);
	for (size_t i = 0; v && i < n; i++)
		json_array_append(out, v[i]);
	free(v);
	return v ? out : json_incref(faults);
}

static int check_chunk_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct import *im = arg;
	struct nqi_lookup *l = nqi_lookup_new();
	json_decref(im->chunk);
	im->chunk = json_array();
	if (!l)
		return px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
	int rc = nqi_check_register(c, im->actor, im->what, im->rows, im->from, im->to, l, im->chunk, err);
	nqi_lookup_free(l);
	return rc;
}

static void progress(const struct import *im, const char *phase, size_t done)
{
	if (im->opts->progress)
		im->opts->progress(im->opts->progress_ctx, phase, done, im->n);
}

/* The register's checks, a batch per read transaction. */
static int check_batches(struct import *im, struct px_err *err)
{
	for (im->from = 0; im->from < im->n; im->from = im->to) {
		im->to = im->from + im->opts->batch < im->n ? im->from + im->opts->batch : im->n;
		int rc = app_tx(im->app, STORE_TX_READ, check_chunk_tx, im, err);
		if (rc)
			return rc;
		json_array_extend(im->faults, im->chunk);
		progress(im, "checked", im->to);
	}
	return 0;
}

static int begin_import(struct store_conn *c, struct import *im, const char *state, struct px_err *err)
{
	const char *owner = im->actor->kind == ACTOR_CLI ? im->rows[0].region : im->actor->region;
	return store_get(c, &Q_IMPORT, err, "ttiti:i", owner, what_names[im->what], (int64_t)im->n, state,
			 app_now_us(im->app), &im->import_id) == STORE_ROW ? 0 : PX_EIO;
}

static int finish(struct store_conn *c, struct import *im, struct px_err *err)
{
	int rc = store_run(c, &Q_DONE, err, "it", im->import_id, "done");
	im->out = json_pack("{s:I, s:s, s:I}", "import", (json_int_t)im->import_id, "kind", what_names[im->what],
			    "imported", (json_int_t)im->n);
	return rc ? rc : audit_record(c, im->actor, "nqi.import", "nqi_import", im->import_id,
				      json_pack("{s:s, s:I}", "kind", what_names[im->what], "rows", (json_int_t)im->n),
				      err);
}

/* Through HTTP: check, write and record in one transaction. */
static int whole_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct import *im = arg;
	struct nqi_lookup *l = nqi_lookup_new();
	int64_t last;
	json_decref(im->chunk);
	im->chunk = json_array();
	if (!l)
		return px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
	int rc = nqi_check_register(c, im->actor, im->what, im->rows, 0, im->n, l, im->chunk, err);
	nqi_lookup_free(l);
	size_t faults = json_array_size(im->chunk) + json_array_size(im->faults);
	if (!rc && faults)
		return px_err_set(err, PX_EINVAL, "invalid_rows", "csv", "%zu faults in the file; nothing was imported",
				  faults);
	if (!rc && (rc = begin_import(c, im, "running", err)) == PX_EIO)
		rc = px_err_set(err, PX_EIO, NULL, NULL, "the import was not recorded");
	if (!rc)
		rc = nqi_write_rows(c, im->app, im->actor, im->what, im->rows, 0, im->n, im->import_id, &last, err);
	return rc ? rc : finish(c, im, err);
}

static int begin_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	int rc = begin_import(c, arg, "running", err);
	return rc == PX_EIO ? px_err_set(err, PX_EIO, NULL, NULL, "the import was not recorded") : rc;
}

static int batch_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct import *im = arg;
	int64_t last;
	return nqi_write_rows(c, im->app, im->actor, im->what, im->rows, im->from, im->to, im->import_id, &last, err);
}

static int finish_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct import *im = arg;
	json_decref(im->out);
	im->out = NULL;
	return finish(c, im, err);
}

/* A batch failed: take away what the batches before it wrote. */
static int undo_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct import *im = arg;
	struct store_sql *q = im->what == NQI_INSTITUTIONS ? &Q_UNDO_INST
			      : im->what == NQI_ENTERPRISES ? &Q_UNDO_ENT : &Q_UNDO_SERVICE;
	int rc = store_run(c, q, err, "i", im->import_id);
	if (!rc && im->what == NQI_SERVICES && im->written)
		rc = nqi_uncount_rows(c, im->rows, 0, im->written, err);
	return rc ? rc : store_run(c, &Q_DONE, err, "it", im->import_id, "undone");
}

static int write_batches(struct import *im, struct px_err *err)
{
	int rc = app_tx(im->app, STORE_TX_WRITE, begin_tx, im, err);
	for (im->from = 0; !rc && im->from < im->n; im->from = im->to) {
		im->to = im->from + im->opts->batch < im->n ? im->from + im->opts->batch : im->n;
		if (!(rc = app_tx(im->app, STORE_TX_WRITE, batch_tx, im, err))) {
			im->written = im->to;
			progress(im, "imported", im->to);
		}
	}
	if (!rc)
		return app_tx(im->app, STORE_TX_WRITE, finish_tx, im, err);
	if (im->import_id) {
		struct px_err undo_err = { 0 };
		app_tx(im->app, STORE_TX_WRITE, undo_tx, im, &undo_err);
	}
	return rc;
}

static bool may_import(const struct app_actor *actor)
{
	return actor->kind == ACTOR_CLI || app_actor_is(actor, ROLE_OFFICE) || app_actor_is(actor, ROLE_COUNTY);
}

int nqi_import(struct app *app, const struct app_actor *actor, enum nqi_what what, const char *csv, size_t len,
	       const struct nqi_import_opts *opts, json_t **out, json_t **rows, struct px_err *err)
{
	struct import im = { .app = app, .actor = actor, .what = what, .opts = opts, .faults = json_array() };
	int rc = 0;
	*out = *rows = NULL;
	if (!may_import(actor))
		rc = px_err_set(err, PX_EFORBIDDEN, NULL, NULL, "the office or a county keeps the NQI records");
	if (!rc)
		rc = read_rows(&im, csv, len, err);
	if (!rc && (rc = nqi_check_duplicates(what, im.rows, im.n, im.faults)))
		px_err_set(err, rc, NULL, NULL, "out of memory");
	if (!rc && opts->batch)
		rc = check_batches(&im, err);
	if (!rc && opts->batch && json_array_size(im.faults))
		rc = px_err_set(err, PX_EINVAL, "invalid_rows", "csv", "%zu faults in the file; nothing was imported",
				json_array_size(im.faults));
	else if (!rc && opts->batch)
		rc = write_batches(&im, err);
	else if (!rc) {
		rc = app_tx_json(app, STORE_TX_WRITE, whole_tx, &im, &im.out, out, err);
		im.out = NULL; /* handed to *out, or freed */
	}
	if (!rc && opts->batch)
		*out = json_incref(im.out);
	if (rc && !opts->batch && json_array_size(im.chunk))
		json_array_extend(im.faults, im.chunk);
	if (rc && json_array_size(im.faults))
		*rows = sorted_faults(im.faults);
	for (size_t i = 0; i < im.n; i++)
		free(im.rows[i].name);
	free(im.rows);
	json_decref(im.faults);
	json_decref(im.chunk);
	json_decref(im.out);
	return rc;
}
