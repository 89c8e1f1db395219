/*
 * draw_hash.c - what makes a draw verifiable: parsing a seed, its commitment
 * (SHA-256 of the 32 seed bytes), the seeds of replacement draws, and the
 * inputs hash, SHA-256 of a canonical serialization in which every string is
 * followed by a 0x00 byte, numbers are decimal ASCII, applications and experts
 * come in id order and sets in bytewise order without duplicates
 * (docs/draw.md, "Inputs hash").
 */
#include "core/draw_internal.h"
#include "core/chain.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

static int hex_digit(char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

int draw_seed_parse(const char *hex, unsigned char seed[DRAW_SEED_BYTES], struct px_err *err)
{
	size_t len = hex ? strnlen(hex, 2 * DRAW_SEED_BYTES + 1) : 0;
	if (len != 2 * DRAW_SEED_BYTES)
		return px_err_set(err, PX_EINVAL, "invalid_seed", "seed",
				  "a seed is %d hex digits, got %zu%s", 2 * DRAW_SEED_BYTES,
				  len, len > 2 * DRAW_SEED_BYTES ? " or more" : "");
	for (size_t i = 0; i < DRAW_SEED_BYTES; i++) {
		int hi = hex_digit(hex[2 * i]), lo = hex_digit(hex[2 * i + 1]);
		if (hi < 0 || lo < 0)
			return px_err_set(err, PX_EINVAL, "invalid_seed", "seed",
					  "not a hex digit at offset %zu", 2 * i + (hi >= 0));
		seed[i] = (unsigned char)(hi << 4 | lo);
	}
	return 0;
}

void draw_seed_commit(const unsigned char seed[DRAW_SEED_BYTES], char out[DRAW_HEX_LEN + 1])
{
	chain_hex_sha256(seed, DRAW_SEED_BYTES, out);
}

void draw_derive_seed(const unsigned char seed[DRAW_SEED_BYTES], uint32_t n,
		      unsigned char out[DRAW_SEED_BYTES])
{
	static const char domain[] = "px-draw-replace-v1"; /* hashed with its NUL */
	unsigned char be[4] = { (unsigned char)(n >> 24), (unsigned char)(n >> 16),
				(unsigned char)(n >> 8), (unsigned char)n };
	crypto_hash_sha256_state st;
	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, (const unsigned char *)domain, sizeof(domain));
	crypto_hash_sha256_update(&st, seed, DRAW_SEED_BYTES);
	crypto_hash_sha256_update(&st, be, sizeof(be));
	crypto_hash_sha256_final(&st, out);
}

/* ---- the inputs hash ---- */

static void item(crypto_hash_sha256_state *st, const char *s)
{
	crypto_hash_sha256_update(st, (const unsigned char *)s, strlen(s) + 1);
}

static void num(crypto_hash_sha256_state *st, unsigned long long n)
{
	char buf[24];
	snprintf(buf, sizeof(buf), "%llu", n);
	item(st, buf);
}

static void set(crypto_hash_sha256_state *st, const struct draw_canon *c, struct draw_set s)
{
	num(st, s.n);
	for (uint32_t i = 0; i < s.n; i++)
		item(st, c->str[c->codes[s.off + i]]);
}

void draw_canon_hash(const struct draw_canon *c, char out[DRAW_HEX_LEN + 1])
{
	static const char hexd[] = "0123456789abcdef";
	const struct draw_input *in = c->in;
	crypto_hash_sha256_state st;
	unsigned char h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256_init(&st);
	item(&st, "px-draw-input-v1");
	num(&st, in->max_load);
	num(&st, in->field_match);
	num(&st, in->other_region);
	num(&st, c->na);
	for (size_t p = 0; p < c->na; p++) {
		const struct draw_application *a = &in->apps[c->app[p]];
		item(&st, a->id);
		item(&st, a->applicant);
		item(&st, a->organisation);
		item(&st, a->region);
		num(&st, c->k[p]);
		set(&st, c, c->a_fields[p]);
	}
	num(&st, c->ne);
	for (size_t p = 0; p < c->ne; p++) {
		const struct draw_expert *e = &in->experts[c->exp[p]];
		item(&st, e->id);
		item(&st, e->employer);
		item(&st, e->region);
		set(&st, c, c->e_fields[p]);
		set(&st, c, c->e_conflicts[p]);
	}
	crypto_hash_sha256_final(&st, h);
	for (size_t i = 0; i < sizeof(h); i++) {
		out[2 * i] = hexd[h[i] >> 4];
		out[2 * i + 1] = hexd[h[i] & 15];
	}
	out[DRAW_HEX_LEN] = '\0';
}

int draw_inputs_hash(const struct draw_input *in, char out[DRAW_HEX_LEN + 1], struct px_err *err)
{
	struct draw_canon c;
	int rc = draw_canon_build(in, &c, err);
	if (rc)
		return rc;
	draw_canon_hash(&c, out);
	draw_canon_release(&c);
	return 0;
}
