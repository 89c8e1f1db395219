/*
 * json_stored.h - JSON text this program stored (an application's form, its
 * internal notice), checked to be exactly what json_compact() would write of
 * what jansson reads from it, so that an answer may copy it as it is instead
 * of parsing and writing it again. What fails the check (whitespace, other
 * escapes, keys out of order or repeated, numbers jansson would print
 * otherwise, nesting deeper than JSON_STORED_DEPTH) is left to the caller to
 * parse: the check only decides when copying is safe.
 */
#ifndef PX_APP_JSON_STORED_H
#define PX_APP_JSON_STORED_H

#include <stdbool.h>
#include <stddef.h>

#define JSON_STORED_DEPTH 32

/*
 * text (n bytes) is one object or array as json_compact() writes it, its
 * members' keys in strictly increasing byte order (as a dump with
 * JSON_SORT_KEYS leaves them), nothing before or after it.
 */
bool json_stored_compact(const char *text, size_t n);

/* A member of a checked object: its key with the quotes, its value; both spans of the text. */
struct json_member {
	const char *key, *val;
	size_t key_len, val_len;
};

/*
 * The next member of an object that json_stored_compact() accepted: *p
 * starts just after its '{' and is moved past the member. False after the
 * last one.
 */
bool json_stored_next(const char **p, const char *end, struct json_member *m);

#endif
