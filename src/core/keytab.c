/*
 * keytab.c - the bounded, flood-resistant key index of keytab.h. Buckets hold
 * entry numbers (+1, 0 = empty); keys and their hashes live in per-entry
 * arrays, so entries never move and their owners' arrays stay valid. Removal
 * shifts the following run of the probe sequence back (Knuth 6.4 algorithm R)
 * instead of leaving tombstones, so a table churned by random keys never
 * degrades.
 */
#include "core/keytab.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

static uint64_t hash_key(const struct keytab *t, const char *key)
{
	unsigned char out[crypto_shorthash_BYTES];
	uint64_t h;
	crypto_shorthash(out, (const unsigned char *)key, strlen(key), t->secret);
	memcpy(&h, out, sizeof(h));
	return h;
}

static void reset_free(struct keytab *t)
{
	/* pop order 0, 1, 2 ...: deterministic entry numbers */
	for (uint32_t i = 0; i < t->max; i++)
		t->free[i] = t->max - 1 - i;
	t->nfree = t->max;
	t->n = 0;
}

int keytab_init(struct keytab *t, uint32_t max, const unsigned char secret[KEYTAB_SECRET_BYTES],
		struct px_err *err)
{
	int rc = 0;
	uint32_t nb = 2;

	memset(t, 0, sizeof(*t));
	if (max < 1 || max > KEYTAB_MAX_ENTRIES)
		return px_err_set(err, PX_EINVAL, "keytab_bad_size", "max_keys",
				  "a key table holds 1 to %u keys, got '%u'", KEYTAB_MAX_ENTRIES,
				  max);
	while (nb < 2 * max)
		nb *= 2;
	t->bucket = calloc(nb, sizeof(*t->bucket));
	t->hash = malloc(max * sizeof(*t->hash));
	t->key = malloc(max * sizeof(*t->key));
	t->free = malloc(max * sizeof(*t->free));
	if (!t->bucket || !t->hash || !t->key || !t->free) {
		rc = px_err_set(err, PX_ENOMEM, NULL, "", "out of memory for a key table");
		goto out;
	}
	t->max = max;
	t->mask = nb - 1;
	memcpy(t->secret, secret, KEYTAB_SECRET_BYTES);
	reset_free(t);
out:
	if (rc)
		keytab_release(t);
	return rc;
}

void keytab_release(struct keytab *t)
{
	if (!t)
		return;
	free(t->bucket);
	free(t->hash);
	free(t->key);
	free(t->free);
	sodium_memzero(t, sizeof(*t));
}

bool keytab_key_ok(const char *key)
{
	if (!key)
		return false;
	size_t len = strnlen(key, KEYTAB_KEY_MAX);
	return len > 0 && len < KEYTAB_KEY_MAX;
}

int64_t keytab_find(const struct keytab *t, const char *key)
{
	uint64_t h = hash_key(t, key);
	for (uint32_t i = (uint32_t)h & t->mask; t->bucket[i]; i = (i + 1) & t->mask) {
		uint32_t e = t->bucket[i] - 1;
		if (t->hash[e] == h && strcmp(t->key[e], key) == 0)
			return e;
	}
	return -1;
}

uint32_t keytab_add(struct keytab *t, const char *key)
{
	uint32_t e = t->free[--t->nfree];
	uint64_t h = hash_key(t, key);
	uint32_t i = (uint32_t)h & t->mask;

	memcpy(t->key[e], key, strlen(key) + 1);
	t->hash[e] = h;
	while (t->bucket[i])
		i = (i + 1) & t->mask;
	t->bucket[i] = e + 1;
	t->n++;
	return e;
}

/* true when home lies cyclically in (hole, j]: the entry at j may not move to hole. */
static bool stays(uint32_t hole, uint32_t j, uint32_t home)
{
	return hole <= j ? hole < home && home <= j : hole < home || home <= j;
}

void keytab_remove(struct keytab *t, uint32_t e)
{
	uint32_t hole = (uint32_t)t->hash[e] & t->mask;
	while (t->bucket[hole] != e + 1)
		hole = (hole + 1) & t->mask;
	t->bucket[hole] = 0;
	for (uint32_t j = (hole + 1) & t->mask; t->bucket[j]; j = (j + 1) & t->mask) {
		uint32_t home = (uint32_t)t->hash[t->bucket[j] - 1] & t->mask;
		if (stays(hole, j, home))
			continue;
		t->bucket[hole] = t->bucket[j];
		t->bucket[j] = 0;
		hole = j;
	}
	t->free[t->nfree++] = e;
	t->n--;
}

void keytab_clear(struct keytab *t)
{
	memset(t->bucket, 0, ((size_t)t->mask + 1) * sizeof(*t->bucket));
	reset_free(t);
}
