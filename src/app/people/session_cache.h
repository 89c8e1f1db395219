/*
 * session_cache.h - resolved sessions kept in memory for a moment.
 *
 * Resolving a session cookie costs a hash, two statements and, now and then,
 * a write (session_resolve); a signed-in page asks several times a second.
 * An entry is keyed by the token's hash and valid only while the store's
 * write generation is the one it was read under (any commit of this process:
 * a sign-out, a changed role or region, a disabled account, makes every entry
 * stale at once) and for at most SESSION_CACHE_MAX_AGE_MS, so that a
 * sign-out or account change on another node sharing the database takes
 * effect here within that bound, like the public answers of http/cache.h.
 * Thread-safe.
 */
#ifndef PX_APP_SESSION_CACHE_H
#define PX_APP_SESSION_CACHE_H

#include <stdbool.h>
#include <stdint.h>

#include "app/app.h"
#include "core/chain.h"

#define SESSION_CACHE_MAX_AGE_MS 1000
#define SESSION_CACHE_CSRF_HEX 64 /* SESSION_TOKEN_HEX of session.h (checked there) */

struct session_cached {
	struct app_actor actor;
	char csrf[SESSION_CACHE_CSRF_HEX + 1];
	int64_t created, seen; /* of the session row, microseconds */
};

/* The entry of this token hash, read from store `owner` under generation gen and still young (true). */
bool session_cache_get(uint64_t owner, uint64_t gen, const char th[CHAIN_HEX_LEN + 1], struct session_cached *out);
/* Keep what was read under generation gen (read before the statements ran). */
void session_cache_put(uint64_t owner, uint64_t gen, const char th[CHAIN_HEX_LEN + 1],
		       const struct session_cached *in);
/* Forget a token hash (its session ended). */
void session_cache_forget(const char th[CHAIN_HEX_LEN + 1]);

#endif
