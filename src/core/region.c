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

/* The columns the header must name, and their order in region_columns[]. */
enum { COL_CODE, COL_NAME, COL_PARENT, NCOLS };
static const char *const region_columns[NCOLS] = { "code", "name", "parent_code" };

/* A file without a header, or one that lacks a column: the same fault. */
static int bad_header(const struct csv_reader *r, struct px_err *err)
{
	(void)r;
	return px_err_set(err, PX_EINVAL, "region_bad_header", "",
			  "line 1: header must name the columns 'code,name,parent_code'");
}

/* Check the current record and fill the struct region_row at out from it. */
static int parse_row(const struct csv_reader *r, const char *const *field, void *out,
		     struct px_err *err)
{
	const char *code = field[COL_CODE], *name = field[COL_NAME], *parent = field[COL_PARENT];
	struct region_row *row = out;

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

static const struct csv_table region_csv = {
	.opts = {
		.max_field = REGION_MAX_NAME,
		.max_fields = 16,
		.max_records = REGION_MAX + 1,
		.same_width = true,
	},
	.columns = region_columns,
	.ncolumns = NCOLS,
	.row_size = sizeof(struct region_row),
	.bad_header = bad_header,
	.parse_row = parse_row,
};

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
	void *rows;
	int rc;

	*out = NULL;
	if (!t)
		return px_err_set(err, PX_ENOMEM, NULL, "", "out of memory");
	rc = csv_read_table(&region_csv, csv, len, &rows, &t->n, err);
	t->rows = rows;
	if (rc || (rc = link_parents(t, err)) || (rc = check_cycles(t, err)))
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

long region_index(const struct region_table *t, const char *code)
{
	return find_index(t, code);
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
