/*
 * region.c - the division-code table of region.h: rows sorted by code for
 * binary search, each with the index of its parent, so that containment is
 * a walk up a chain of at most a few links (province, prefecture, county).
 * Loading checks that the parent links form a forest.
 */
#include "core/region.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/csv.h"

struct region_row {
	struct region r;
	size_t line;
	long parent; /* index of the parent row, -1 for a top level */
};

struct region_table {
	struct region_row *rows; /* sorted by code */
	size_t n;
};

static bool six_digits(const char *s)
{
	size_t i;
	for (i = 0; i < REGION_CODE_LEN; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return s[i] == '\0';
}

static long find_index(const struct region_table *t, const char *code)
{
	size_t lo = 0, hi = t->n;
	if (!code || !six_digits(code))
		return -1;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(t->rows[mid].r.code, code);
		if (!c)
			return (long)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/* ---- loading ---------------------------------------------------------- */

struct region_columns {
	int code, name, parent;
};

static int read_header(struct csv_reader *r, struct region_columns *c, struct px_err *err)
{
	int rc = csv_next(r, err);
	if (rc < 0)
		return rc;
	c->code = csv_find_column(r, "code");
	c->name = csv_find_column(r, "name");
	c->parent = csv_find_column(r, "parent_code");
	if (rc == 0 || c->code < 0 || c->name < 0 || c->parent < 0)
		return px_err_set(err, PX_EINVAL, "region_bad_header", "",
				  "line 1: header must name the columns 'code,name,parent_code'");
	return 0;
}

static int parse_row(const struct csv_reader *r, const struct region_columns *c,
		     struct region_row *row, struct px_err *err)
{
	const char *code = csv_field(r, (size_t)c->code);
	const char *name = csv_field(r, (size_t)c->name);
	const char *parent = csv_field(r, (size_t)c->parent);

	row->line = r->line;
	if (!six_digits(code) || !strcmp(code, REGION_COUNTRY))
		return px_err_set(err, PX_EINVAL, "region_bad_code", "code",
				  "line %zu: invalid division code '%s'", r->line, code);
	if (parent[0] && (!six_digits(parent) || !strcmp(parent, code)))
		return px_err_set(err, PX_EINVAL, "region_bad_parent", "parent_code",
				  "line %zu: invalid parent code '%s'", r->line, parent);
	if (!name[0])
		return px_err_set(err, PX_EINVAL, "region_bad_name", "name",
				  "line %zu: empty name for '%s'", r->line, code);
	memcpy(row->r.code, code, REGION_CODE_LEN + 1);
	memcpy(row->r.parent, parent, strlen(parent) + 1);
	memcpy(row->r.name, name, strlen(name) + 1); /* the reader caps it */
	return 0;
}

static int read_rows(struct region_table *t, const char *csv, size_t len, struct px_err *err)
{
	const struct csv_opts opts = {
		.max_field = REGION_MAX_NAME,
		.max_fields = 16,
		.max_records = REGION_MAX + 1,
		.same_width = true,
	};
	struct csv_reader r;
	struct region_columns cols = { -1, -1, -1 };
	size_t cap = 0;
	int rc;

	csv_reader_init(&r, csv, len, &opts);
	if ((rc = read_header(&r, &cols, err)))
		goto out;
	while ((rc = csv_next(&r, err)) > 0) {
		if (t->n == cap) {
			size_t ncap = cap ? cap * 2 : 64;
			struct region_row *p = realloc(t->rows, ncap * sizeof(*p));
			if (!p) {
				rc = px_err_set(err, PX_ENOMEM, NULL, "", "out of memory");
				goto out;
			}
			t->rows = p;
			cap = ncap;
		}
		if ((rc = parse_row(&r, &cols, &t->rows[t->n], err)))
			goto out;
		t->n++;
	}
out:
	csv_reader_release(&r);
	return rc;
}

static int cmp_row(const void *a, const void *b)
{
	const struct region_row *x = a, *y = b;
	int c = strcmp(x->r.code, y->r.code);
	return c ? c : (x->line > y->line) - (x->line < y->line);
}

/* Sort, reject duplicates and resolve every parent code to an index. */
static int link_parents(struct region_table *t, struct px_err *err)
{
	if (t->n)
		qsort(t->rows, t->n, sizeof(*t->rows), cmp_row);
	for (size_t i = 1; i < t->n; i++)
		if (!strcmp(t->rows[i - 1].r.code, t->rows[i].r.code))
			return px_err_set(err, PX_EINVAL, "region_duplicate_code", "code",
					  "line %zu: duplicate code '%s' (already on line %zu)",
					  t->rows[i].line, t->rows[i].r.code, t->rows[i - 1].line);
	for (size_t i = 0; i < t->n; i++) {
		struct region_row *row = &t->rows[i];
		row->parent = -1;
		if (!row->r.parent[0])
			continue;
		row->parent = find_index(t, row->r.parent);
		if (row->parent < 0)
			return px_err_set(err, PX_EINVAL, "region_bad_parent", "parent_code",
					  "line %zu: unknown parent code '%s' of '%s'", row->line,
					  row->r.parent, row->r.code);
	}
	return 0;
}

/*
 * Reject cycles in the parent links: walk up from each row, marking the rows
 * of the walk; meeting a row marked by the same walk is a cycle, meeting one
 * finished by an earlier walk ends the walk. Linear in the number of rows.
 */
static int check_cycles(const struct region_table *t, struct px_err *err)
{
	size_t *mark = calloc(t->n + 1, sizeof(*mark)); /* 0, or 1 + the walk that reached it */
	int rc = 0;
	if (!mark)
		return px_err_set(err, PX_ENOMEM, NULL, "", "out of memory");
	for (size_t i = 0; i < t->n; i++) {
		for (long k = (long)i; k >= 0 && !mark[k]; k = t->rows[k].parent) {
			mark[k] = i + 1;
			long p = t->rows[k].parent;
			if (p >= 0 && mark[p] == i + 1) {
				rc = px_err_set(err, PX_EINVAL, "region_cycle", "parent_code",
						"line %zu: the chain of parents of '%s' loops",
						t->rows[i].line, t->rows[i].r.code);
				goto out;
			}
		}
	}
out:
	free(mark);
	return rc;
}

int region_load(struct region_table **out, const char *csv, size_t len, struct px_err *err)
{
	struct region_table *t = calloc(1, sizeof(*t));
	int rc;

	*out = NULL;
	if (!t)
		return px_err_set(err, PX_ENOMEM, NULL, "", "out of memory");
	if ((rc = read_rows(t, csv, len, err)) || (rc = link_parents(t, err)) ||
	    (rc = check_cycles(t, err)))
		goto fail;
	*out = t;
	return 0;
fail:
	region_free(t);
	return rc;
}

void region_free(struct region_table *t)
{
	if (!t)
		return;
	free(t->rows);
	free(t);
}

size_t region_count(const struct region_table *t)
{
	return t->n;
}

/* ---- queries ---------------------------------------------------------- */

const struct region *region_at(const struct region_table *t, size_t i)
{
	return i < t->n ? &t->rows[i].r : NULL;
}

const struct region *region_find(const struct region_table *t, const char *code)
{
	long i = find_index(t, code);
	return i < 0 ? NULL : &t->rows[i].r;
}

bool region_contains(const struct region_table *t, const char *ancestor, const char *descendant)
{
	bool country = ancestor && !strcmp(ancestor, REGION_COUNTRY);
	if (country && descendant && !strcmp(descendant, REGION_COUNTRY))
		return true;
	long d = find_index(t, descendant);
	if (d < 0)
		return false;
	if (country)
		return true;
	long a = find_index(t, ancestor);
	if (a < 0)
		return false;
	for (long k = d; k >= 0; k = t->rows[k].parent)
		if (k == a)
			return true;
	return false;
}
