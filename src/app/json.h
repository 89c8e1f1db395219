/*
 * json.h - JSON text the use cases store and answer: exact decimal text of
 * the integer scores of core/score.h, compact sorted dumps, and parsing what
 * this program stored.
 */
#ifndef PX_APP_JSON_H
#define PX_APP_JSON_H

#include <jansson.h>

#include "core/date.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Hundredths as exact decimal text, "83.89" (a new JSON string). */
json_t *json_hundredths(int64_t v);
/*
 * Read back what json_hundredths() wrote ("83.89", "-1.5", "7"): exact, no
 * floating point. False when v is not such text.
 */
bool json_hundredths_parse(const json_t *v, int64_t *out);
/* Tenths as exact decimal text, "812.5" (a new JSON string). */
json_t *json_tenths(int64_t v);

/* Compact JSON text with sorted keys (caller frees), NULL when out of memory. */
char *json_dump_sorted(const json_t *v);
/*
 * The text json_dumps(v, JSON_COMPACT) would write, byte for byte, written
 * without jansson's per-container loop check (json_out.c): the answers of the
 * HTTP API. Caller frees; NULL when out of memory or when v holds invalid
 * UTF-8 or nests deeper than 2048. len (may be NULL) receives the length.
 */
char *json_compact(const json_t *v, size_t *len);
/* Parse JSON text stored by this program; an empty object when it does not parse. */
json_t *json_parse_stored(const char *text);

/* "YYYY-MM-DD" of a day, or null for 0 (not yet). */
json_t *json_date(px_date d);

/* An instant (microseconds since the epoch) as "YYYY-MM-DDTHH:MM:SSZ" (UTC), or null for 0. */
json_t *json_instant(int64_t us);
struct jw;
/* The same, written by the JSON writer (json_writer.h). */
void json_put_instant(struct jw *w, int64_t us);

#endif
