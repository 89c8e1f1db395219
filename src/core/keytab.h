/*
 * keytab.h - a bounded index from short string keys to entry numbers, for
 * tables that must not grow under attack (rate limits, daily vote caps).
 *
 * The table holds at most `max` keys, each mapped to an entry number in
 * [0, max) that the owner uses to index its own per-entry arrays. Memory is
 * allocated once by keytab_init and never grows. Hashing is SipHash-2-4
 * (libsodium crypto_shorthash) keyed with a caller-supplied secret, so a
 * client choosing keys cannot force collisions; open addressing with linear
 * probing at a load of at most one half, deletion by backward shift (no
 * tombstones). Not thread-safe: the owner serialises access.
 */
#ifndef PX_CORE_KEYTAB_H
#define PX_CORE_KEYTAB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/err.h"

#define KEYTAB_KEY_MAX 64        /* bytes of a key, NUL included */
#define KEYTAB_SECRET_BYTES 16   /* = crypto_shorthash_KEYBYTES */
#define KEYTAB_MAX_ENTRIES (1u << 24)

struct keytab {
	uint32_t max, n;
	uint32_t mask;                  /* buckets - 1 */
	uint32_t *bucket;               /* entry + 1, 0 when empty */
	uint64_t *hash;                 /* per entry */
	char (*key)[KEYTAB_KEY_MAX];    /* per entry, NUL-terminated */
	uint32_t *free;                 /* stack of unused entry numbers */
	uint32_t nfree;
	unsigned char secret[KEYTAB_SECRET_BYTES];
};

/*
 * Allocate room for max keys (1 .. KEYTAB_MAX_ENTRIES). The secret should be
 * random per process (randombytes_buf). Release with keytab_release().
 * Keys: keytab_bad_size, out_of_memory.
 */
int keytab_init(struct keytab *t, uint32_t max, const unsigned char secret[KEYTAB_SECRET_BYTES],
		struct px_err *err);

/* Free the arrays; NULL-safe and idempotent. */
void keytab_release(struct keytab *t);

/* true when key (a C string) fits: 1 .. KEYTAB_KEY_MAX - 1 bytes. */
bool keytab_key_ok(const char *key);

/* The entry of key, or -1. key must satisfy keytab_key_ok(). */
int64_t keytab_find(const struct keytab *t, const char *key);

/*
 * Add key, which is not present, and return its entry number. The caller has
 * checked keytab_key_ok() and that t->n < t->max.
 */
uint32_t keytab_add(struct keytab *t, const char *key);

/* Remove the key of entry e (which is in use); its number becomes free. */
void keytab_remove(struct keytab *t, uint32_t e);

/* Remove every key. */
void keytab_clear(struct keytab *t);

#endif
