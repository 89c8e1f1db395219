/*
 * region.h - administrative division codes (行政区划代码, GB/T 2260).
 *
 * A region table is loaded from the text of data/regions.csv:
 *
 *	code,name,parent_code
 *	440000,广东省,
 *	441800,清远市,440000
 *	441802,清城区,441800
 *
 * Codes are exactly six ASCII digits. A region with an empty parent_code is a
 * top level (a province); every other parent must be a code of the table, and
 * parents may not form a cycle. Programmes restrict applicants and experts to
 * regions with region_contains(): a code contains itself and everything below
 * it. The pseudo-code "000000" (REGION_COUNTRY) stands for the whole country:
 * it is never in the table, and it contains every code of the table and
 * itself.
 */
#ifndef PX_CORE_REGION_H
#define PX_CORE_REGION_H

#include <stdbool.h>
#include <stddef.h>

#include "util/err.h"

#define REGION_CODE_LEN 6
#define REGION_COUNTRY "000000"
#define REGION_MAX 10000   /* rows in a table (the national set has 3,339) */
#define REGION_MAX_NAME 128 /* bytes in a name */

struct region {
	char code[REGION_CODE_LEN + 1];
	char parent[REGION_CODE_LEN + 1]; /* "" for a top level */
	char name[REGION_MAX_NAME + 1];
};

struct region_table;

/*
 * Parse len bytes of csv (header `code,name,parent_code`, any column order)
 * into a new table in *out, freed by the caller with region_free(). Errors
 * name the line: util/csv.h keys, "region_bad_header", "region_bad_code" (not
 * six digits, or 000000), "region_bad_name" (empty), "region_duplicate_code",
 * "region_bad_parent" (malformed, unknown or the code itself),
 * "region_cycle"; PX_EINVAL, PX_ETOOBIG for caps, PX_ENOMEM.
 */
int region_load(struct region_table **out, const char *csv, size_t len, struct px_err *err);

/* Free a table; NULL is a no-op. */
void region_free(struct region_table *t);

/* Number of regions in the table. */
size_t region_count(const struct region_table *t);

/* The i-th region in code order (0 <= i < region_count), or NULL. Owned by t. */
const struct region *region_at(const struct region_table *t, size_t i);

/* The index (code order, as region_at) of a code, or -1 (unknown or malformed). */
long region_index(const struct region_table *t, const char *code);

/* The region of a NUL-terminated code, or NULL (unknown or malformed). Owned by t. */
const struct region *region_find(const struct region_table *t, const char *code);

/*
 * Whether `ancestor` contains `descendant`: both known and ancestor is
 * descendant or one of its parents, grandparents ...; or ancestor is
 * REGION_COUNTRY and descendant is known or REGION_COUNTRY. False for any
 * unknown or malformed code.
 */
bool region_contains(const struct region_table *t, const char *ancestor, const char *descendant);

#endif
