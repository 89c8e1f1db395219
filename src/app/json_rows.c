/*
 * json_rows.c - rows written apart and copied in key order (see
 * json_rows.h): each row's span of r->w is recorded when the next row begins
 * or when they are put; the spans are sorted, the bytes copied.
 */
#include "app/json_rows.h"

#include <stdlib.h>
#include <string.h>

/* The row open since the last begin ends where the writer is. */
static void close_last(struct json_rows *r)
{
	if (r->n)
		r->rows[r->n - 1].len = r->w.len - r->rows[r->n - 1].at;
}

void json_rows_begin(struct json_rows *r, const char *key, int64_t id)
{
	struct json_row *row;
	size_t n = strnlen(key, JSON_ROWS_KEY - 1);

	close_last(r);
	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 64;
		struct json_row *rows = realloc(r->rows, cap * sizeof(*rows));
		if (!rows) {
			r->failed = true;
			return;
		}
		r->rows = rows;
		r->cap = cap;
	}
	row = &r->rows[r->n++];
	memcpy(row->key, key, n);
	row->key[n] = '\0';
	row->id = id;
	row->at = r->w.len;
	row->len = 0;
}

static int by_key(const void *x, const void *y)
{
	const struct json_row *a = x, *b = y;
	int c = strcmp(a->key, b->key);
	return c ? c : (a->id > b->id) - (a->id < b->id);
}

void json_rows_put(struct json_rows *r, struct jw *w)
{
	bool sorted = true;
	close_last(r);
	if (r->failed || r->w.failed || r->w.depth) {
		w->failed = true;
	} else {
		for (size_t i = 1; i < r->n && sorted; i++)
			sorted = by_key(&r->rows[i - 1], &r->rows[i]) < 0;
		if (!sorted)
			qsort(r->rows, r->n, sizeof(*r->rows), by_key);
		for (size_t i = 0; i < r->n; i++)
			jw_raw(w, r->w.p + r->rows[i].at, r->rows[i].len);
	}
	json_rows_free(r);
}

void json_rows_free(struct json_rows *r)
{
	jw_free(&r->w);
	free(r->rows);
	r->rows = NULL;
	r->n = r->cap = 0;
	r->failed = false;
}
