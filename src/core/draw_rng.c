/*
 * draw_rng.c - the random stream of a draw: the RFC 8439 ChaCha20 keystream
 * keyed by the 32-byte seed (nonce DRAW_NONCE, block counter from 0), read
 * byte after byte, turned into unbiased integers by rejection and into
 * permutations by Fisher-Yates. Nothing here depends on the machine: no
 * floating point, integers read little-endian. docs/draw.md, "Random stream".
 */
#include "core/draw_internal.h"

#include <sodium.h>
#include <string.h>

void draw_rng_init(struct draw_rng *r, const unsigned char seed[DRAW_SEED_BYTES])
{
	memset(r, 0, sizeof(*r));
	memcpy(r->key, seed, DRAW_SEED_BYTES);
	r->pos = sizeof(r->buf); /* empty: the first read generates block 0 */
}

static unsigned char next_byte(struct draw_rng *r)
{
	static const unsigned char zeros[64];
	if (r->pos == sizeof(r->buf)) {
		crypto_stream_chacha20_ietf_xor_ic(r->buf, zeros, sizeof(r->buf),
						   (const unsigned char *)DRAW_NONCE, r->block, r->key);
		r->block++;
		r->pos = 0;
	}
	r->used++;
	return r->buf[r->pos++];
}

uint32_t draw_rng_u32(struct draw_rng *r)
{
	uint32_t x = 0;
	for (unsigned i = 0; i < 4; i++)
		x |= (uint32_t)next_byte(r) << (8 * i);
	return x;
}

uint32_t draw_rng_below(struct draw_rng *r, uint32_t n)
{
	uint64_t accept;
	if (n <= 1)
		return 0;
	/* accept x < 2^32 - (2^32 mod n): a whole number of copies of [0, n) */
	accept = (1ull << 32) - ((1ull << 32) % n);
	for (;;) {
		uint32_t x = draw_rng_u32(r);
		if (x < accept)
			return x % n;
	}
}

void draw_rng_shuffle(struct draw_rng *r, uint32_t *v, size_t n)
{
	for (size_t i = n; i > 1; i--) {
		uint32_t j = draw_rng_below(r, (uint32_t)i);
		uint32_t t = v[i - 1];
		v[i - 1] = v[j];
		v[j] = t;
	}
}
