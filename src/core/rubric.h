/*
 * rubric.h - scoring rubrics as data, and the check of one expert's score sheet.
 *
 * A rubric is a tree of items: a code ("4.1", "4.1.2", "quality_culture"), a
 * UTF-8 name and the maximum points of the item. It is built from the text of
 * a CSV file with the header `item,name,points,parent` (data/rubrics/), where
 * `parent` is empty for a top-level item and otherwise names an earlier item.
 *
 * Points are fixed-point integers in tenths of a point (RUBRIC_SCALE): 110
 * points is 1100, 12.5 points is 125. Experts may award one decimal; nothing
 * finer exists, so sums and comparisons of points are exact.
 *
 * An expert's score sheet gives points for every leaf item (an item without
 * children) and nothing else; the sheet's total is the sum of its leaves.
 *
 * Pure: no I/O. Errors fill struct px_err with a stable key and, where an item
 * is at fault, its code as `field`.
 */
#ifndef PX_CORE_RUBRIC_H
#define PX_CORE_RUBRIC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/err.h"

#define RUBRIC_SCALE 10             /* points are stored in tenths */
#define RUBRIC_POINTS_MAX 100000    /* 10000 points: the largest value anywhere */
#define RUBRIC_POINTS_BUFSZ 16      /* rubric_points_format(): "10000.0" and a NUL fit */
#define RUBRIC_MAX_ITEMS 256        /* items in one rubric */
#define RUBRIC_CODE_MAX 32          /* bytes of a code, NUL included */
#define RUBRIC_NAME_MAX 192         /* bytes of a UTF-8 name, NUL included (63 CJK) */
#define RUBRIC_CSV_MAX (256 * 1024) /* bytes of CSV text accepted */

struct rubric_item {
	char code[RUBRIC_CODE_MAX]; /* [A-Za-z0-9._-]{1,31} */
	char name[RUBRIC_NAME_MAX]; /* valid UTF-8, no control characters */
	int32_t points;             /* maximum points, tenths, > 0 */
	int32_t parent;             /* index in rubric.items, -1 at top level */
	uint32_t nchildren;         /* 0 for a leaf */
	uint32_t depth;             /* 0 at top level */
};

struct rubric {
	struct rubric_item *items; /* n items in file order: a parent precedes its children */
	size_t n;
	size_t nleaves;
	int32_t total; /* sum of the top-level items, tenths */
};

/*
 * Build *r from len bytes of CSV text (UTF-8, optional BOM, LF or CRLF, RFC 4180
 * quotes). Checks: the header, 4 fields per row, code syntax, unique codes, a
 * parent that is an earlier row, points > 0 with at most one decimal, children
 * summing to their parent, and top-level items summing to `declared_total`
 * (tenths, > 0). On success *r owns its items: release with rubric_release().
 * On failure *r is left empty (safe to release). Keys: rubric_too_large,
 * rubric_bad_csv, rubric_bad_header, rubric_bad_code, rubric_bad_name,
 * rubric_bad_points, rubric_duplicate_item, rubric_unknown_parent,
 * rubric_too_many_items, rubric_points_mismatch, rubric_total_mismatch,
 * rubric_empty, rubric_bad_total.
 */
int rubric_parse_csv(struct rubric *r, const char *buf, size_t len, int32_t declared_total,
		     struct px_err *err);

/* Free the items of *r and leave it empty. NULL-safe, idempotent. */
void rubric_release(struct rubric *r);

/* The item with this code, or NULL. The pointer lives as long as *r. */
const struct rubric_item *rubric_find(const struct rubric *r, const char *code);

/* true when the item has no children (experts score leaves only). */
bool rubric_item_is_leaf(const struct rubric_item *it);

/*
 * Points as text: "110", "12.5" (len bytes of s, no sign, no spaces, at most
 * one decimal, at most RUBRIC_POINTS_MAX tenths) into tenths. PX_EINVAL with
 * key "bad_points" otherwise; `field` names the caller's field.
 */
int rubric_points_parse(const char *s, size_t len, int32_t *tenths, const char *field,
			struct px_err *err);

/*
 * Points as a JSON number (a double) into tenths: finite, 0 <= v <=
 * RUBRIC_POINTS_MAX / 10, and a multiple of 0.1 within 1e-6. PX_EINVAL with key
 * "bad_points" otherwise.
 */
int rubric_points_from_double(double v, int32_t *tenths, const char *field, struct px_err *err);

/* Tenths as text: 1100 -> "110", 125 -> "12.5", -5 -> "-0.5". Returns buf. */
char *rubric_points_format(int32_t tenths, char buf[RUBRIC_POINTS_BUFSZ]);

/* Points one expert awards to one leaf item. */
struct rubric_mark {
	const char *code; /* item code */
	int32_t points;   /* tenths */
};

/*
 * Check a score sheet of n marks against *r and put its total (tenths) in
 * *total: every leaf exactly once, 0 <= points <= the item's maximum, no
 * unknown or non-leaf item. Marks are checked in order, then missing leaves in
 * rubric order; the first fault is reported with the item code as `field`.
 * Keys: sheet_unknown_item, sheet_not_leaf, sheet_duplicate_item,
 * sheet_points_out_of_range, sheet_missing_item, sheet_too_many_marks.
 */
int rubric_sheet_check(const struct rubric *r, const struct rubric_mark *marks, size_t n,
		       int32_t *total, struct px_err *err);

#endif
