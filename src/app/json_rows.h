/*
 * json_rows.h - rows of an answer written as they come and copied into it in
 * the order of their keys: a statement that reads rows through an index in
 * another order would otherwise sort them in a temporary B-tree, which costs
 * SQLite more than reading the rows (a third of a one-application answer).
 *
 *	struct json_rows r = { 0 };
 *	while (... a row ...) {
 *		json_rows_begin(&r, region, id);
 *		jw_object(&r.w); ... jw_object_end(&r.w);
 *	}
 *	json_rows_put(&r, w);        the values of w's open array, by (key, id)
 */
#ifndef PX_APP_JSON_ROWS_H
#define PX_APP_JSON_ROWS_H

#include <stddef.h>
#include <stdint.h>

#include "app/json_writer.h"

#define JSON_ROWS_KEY 16

struct json_row {
	char key[JSON_ROWS_KEY];
	int64_t id;
	size_t at, len;
};

struct json_rows {
	struct jw w; /* the rows' values, one after another; write each row here */
	struct json_row *rows;
	size_t n, cap;
	bool failed;
};

/* A row ordered by key (compared as bytes, cut to JSON_ROWS_KEY - 1) then id follows in r->w. */
void json_rows_begin(struct json_rows *r, const char *key, int64_t id);
/* Write every row into w (as values of its open array) by key then id, and free r; w fails when r did. */
void json_rows_put(struct json_rows *r, struct jw *w);
/* Free r without writing it (after an error). */
void json_rows_free(struct json_rows *r);

#endif
