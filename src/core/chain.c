/*
 * chain.c - hashing of audit-log links (see chain.h for the encoding, which
 * docs/audit.md repeats for third parties who verify an exported log).
 */
#include "core/chain.h"

#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

static void to_hex(const unsigned char *h, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		out[2 * i] = digits[h[i] >> 4];
		out[2 * i + 1] = digits[h[i] & 15];
	}
	out[2 * n] = '\0';
}

void chain_hex_sha256(const void *data, size_t len, char out[CHAIN_HEX_LEN + 1])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, data, len);
	to_hex(h, sizeof(h), out);
}

static void feed(crypto_hash_sha256_state *st, const char *s)
{
	static const unsigned char sep = 0;
	if (s)
		crypto_hash_sha256_update(st, (const unsigned char *)s, strlen(s));
	crypto_hash_sha256_update(st, &sep, 1);
}

void chain_link_hash(const struct chain_link *l, char out[CHAIN_HEX_LEN + 1])
{
	crypto_hash_sha256_state st;
	char num[24];
	unsigned char h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256_init(&st);
	feed(&st, "px-audit-v1");
	snprintf(num, sizeof(num), "%" PRId64, l->seq);
	feed(&st, num);
	snprintf(num, sizeof(num), "%" PRId64, l->at);
	feed(&st, num);
	feed(&st, l->actor);
	feed(&st, l->action);
	feed(&st, l->object);
	feed(&st, l->payload_hash);
	if (l->prev)
		crypto_hash_sha256_update(&st, (const unsigned char *)l->prev, strlen(l->prev));
	crypto_hash_sha256_final(&st, h);
	to_hex(h, sizeof(h), out);
}
