/*
 * err.c - filling struct px_err. Keys are stable API: clients (the web UI,
 * scripts of offices) branch on them, so a key once shipped is never renamed.
 */
#include "util/err.h"

#include <stdio.h>
#include <string.h>

static const struct {
	int code;
	const char *key;
} default_keys[] = {
	{ PX_OK, "ok" },
	{ PX_EINVAL, "invalid" },
	{ PX_ENOTFOUND, "not_found" },
	{ PX_ECONFLICT, "conflict" },
	{ PX_EFORBIDDEN, "forbidden" },
	{ PX_EUNAUTH, "unauthenticated" },
	{ PX_ENOMEM, "out_of_memory" },
	{ PX_EIO, "io_error" },
	{ PX_ELIMIT, "rate_limited" },
	{ PX_ETOOBIG, "too_large" },
	{ PX_ERANGE, "out_of_range" },
	{ PX_EBUSY, "busy" },
	{ PX_EINTERNAL, "internal" },
};

const char *px_code_key(int code)
{
	for (size_t i = 0; i < sizeof(default_keys) / sizeof(default_keys[0]); i++)
		if (default_keys[i].code == code)
			return default_keys[i].key;
	return "internal";
}

static void copy_bounded(char *dst, size_t cap, const char *src)
{
	size_t n = src ? strlen(src) : 0;
	if (n >= cap)
		n = cap - 1;
	if (n)
		memcpy(dst, src, n);
	dst[n] = '\0';
}

int px_err_vset(struct px_err *err, int code, const char *key, const char *field,
		const char *fmt, va_list ap)
{
	if (!err)
		return code;
	err->code = code;
	copy_bounded(err->key, sizeof(err->key), key ? key : px_code_key(code));
	copy_bounded(err->field, sizeof(err->field), field);
	if (fmt)
		vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	else
		err->msg[0] = '\0';
	return code;
}

int px_err_set(struct px_err *err, int code, const char *key, const char *field,
	       const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	px_err_vset(err, code, key, field, fmt, ap);
	va_end(ap);
	return code;
}

void px_err_clear(struct px_err *err)
{
	if (err)
		memset(err, 0, sizeof(*err));
}
