/*
 * input.h - checks of input shared by the use cases of the award: bounded
 * one-line and multi-line text, dates, region codes known to the database.
 * Each returns 0 or PX_EINVAL with a stable key and the field at fault.
 */
#ifndef PX_APP_INPUT_H
#define PX_APP_INPUT_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "core/date.h"
#include "store/store.h"

/* 1..max bytes (min 0 when optional and NULL), no control characters; "invalid_text". */
int input_line(const char *s, size_t max, const char *field, struct px_err *err);
/* Like input_line, allowing line breaks and tabs. */
int input_textarea(const char *s, size_t max, const char *field, struct px_err *err);
/* "YYYY-MM-DD" into *out; "bad_date". */
int input_date(const char *s, const char *field, px_date *out, struct px_err *err);
/* A date not after `today`; "date_in_future". */
int input_past_date(const char *s, const char *field, px_date today, px_date *out, struct px_err *err);
/*
 * A county-level division code known to the region table ("unknown_region"),
 * not a city or province with divisions under it ("region_not_county"),
 * because a county bureau checks every applicant. A prefecture-level city
 * without counties (东莞 441900) is its own lowest level and is accepted.
 */
int input_county_region(struct store_conn *c, const char *code, const char *field, struct px_err *err);
/* The name of a region from the region table, or the code itself when unknown. */
int input_region_name(struct store_conn *c, const char *code, char *out, size_t cap, struct px_err *err);

#define INPUT_MAX_IDS 1000 /* application ids in one shortlist or decision */
#define INPUT_TEXT_MAX 20000 /* bytes of minutes, opinions, requests, answers */

/*
 * Read `key` of obj, an array of 0..INPUT_MAX_IDS distinct positive integer
 * ids, into *ids (malloc'd, the caller frees). Keys missing_field,
 * wrong_type, duplicate_application; field "key[i]".
 */
int input_ids(json_t *obj, const char *key, int64_t **ids, size_t *n, struct px_err *err);

/*
 * Text of 1..max bytes without control characters other than newline and
 * tab: PX_EINVAL "missing_field" or "invalid_text" naming `field`.
 */
int input_text(const char *s, size_t max, const char *field, struct px_err *err);

#endif
