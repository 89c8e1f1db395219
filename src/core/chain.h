/*
 * chain.h - the hash chain of the audit log, as a pure function.
 *
 * Each audit row links to the one before it:
 *   hash = SHA-256( "px-audit-v1" 0x00 seq 0x00 at 0x00 actor 0x00 action 0x00
 *                   object 0x00 payload_hash 0x00 prev )
 * where seq and at are decimal ASCII, the other fields UTF-8 text, hashes
 * lowercase hex, and prev of the first row is 64 '0'. The 0x00 separators
 * cannot occur inside the fields (text fields are checked to be NUL-free by
 * construction: C strings), so no two different rows encode alike.
 */
#ifndef PX_CORE_CHAIN_H
#define PX_CORE_CHAIN_H

#include <stddef.h>
#include <stdint.h>

#define CHAIN_HEX_LEN 64
#define CHAIN_GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

struct chain_link {
	int64_t seq;           /* 1, 2, 3 ... */
	int64_t at;            /* microseconds since the Unix epoch */
	const char *actor;     /* "user:12", "cli", "system" */
	const char *action;    /* "user.create", "programme.advance" ... */
	const char *object;    /* "user:34" */
	const char *payload_hash; /* chain_hex_sha256 of the canonical payload */
	const char *prev;      /* hash of row seq-1, CHAIN_GENESIS for seq 1 */
};

/* SHA-256 of len bytes as 64 lowercase hex digits and a NUL. */
void chain_hex_sha256(const void *data, size_t len, char out[CHAIN_HEX_LEN + 1]);

/* The hash of one link, as 64 lowercase hex digits and a NUL. */
void chain_link_hash(const struct chain_link *l, char out[CHAIN_HEX_LEN + 1]);

#endif
