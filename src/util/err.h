/*
 * err.h - the one error convention of pingxuan.
 *
 * Actions return int: 0 on success or a negative PX_E* code. Predicates return
 * bool. Detail goes into an optional `struct px_err *` out-parameter carrying
 * the stable code string that clients see (e.g. "quota_exceeded"), the field
 * at fault and a lowercase message. The HTTP layer maps PX_E* to a status in
 * one place (http/reply.c); nothing else decides statuses.
 */
#ifndef PX_ERR_H
#define PX_ERR_H

#include <stdarg.h>
#include <stdbool.h>

enum px_code {
	PX_OK = 0,
	PX_EINVAL = -1,    /* bad input: 400 / 422 */
	PX_ENOTFOUND = -2, /* no such thing (or not visible to the caller): 404 */
	PX_ECONFLICT = -3, /* state forbids it, duplicate, over quota: 409 */
	PX_EFORBIDDEN = -4, /* authenticated but not allowed: 403 */
	PX_EUNAUTH = -5,   /* not authenticated / session expired: 401 */
	PX_ENOMEM = -6,    /* allocation failed: 500 */
	PX_EIO = -7,       /* file or database failure: 500 */
	PX_ELIMIT = -8,    /* rate limited: 429 */
	PX_ETOOBIG = -9,   /* body or field over its cap: 413 */
	PX_ERANGE = -10,   /* outside known data (e.g. a year the calendar lacks): 422 */
	PX_EBUSY = -11,    /* transient: retry (serialization failure, pool exhausted): 503 */
	PX_EINTERNAL = -12, /* a bug: 500 */
};

struct px_err {
	int code;          /* enum px_code, 0 when unset */
	char key[48];      /* stable machine code, e.g. "invalid_uscc" */
	char field[128];   /* field at fault, "" when none */
	char msg[256];     /* lowercase, no trailing full stop */
};

/*
 * Fill *err (which may be NULL) and return `code`, so callers write
 * `return px_err_set(err, PX_EINVAL, "bad_date", "opens", "invalid date '%s'", s);`.
 * A NULL key means the default key of the code (see px_code_key()).
 */
int px_err_set(struct px_err *err, int code, const char *key, const char *field,
	       const char *fmt, ...) __attribute__((format(printf, 5, 6)));
int px_err_vset(struct px_err *err, int code, const char *key, const char *field,
		const char *fmt, va_list ap) __attribute__((format(printf, 5, 0)));

/* Reset to "no error". */
void px_err_clear(struct px_err *err);

/* Default stable key of a code ("invalid", "not_found", ...). */
const char *px_code_key(int code);

#endif
