/*
 * secret.h - server secrets kept in the database (table secret), and the
 * keyed hash under which personal numbers are stored.
 *
 * Resident ID numbers and mobile numbers are never stored in clear: a row
 * keeps a masked copy for display and a keyed hash for finding duplicates
 * and matching (BLAKE2b-256, libsodium crypto_generichash, keyed with the
 * secret 'ident_hash_key'). Without the key a leaked database does not give
 * the numbers back by trying all 10^11 mobile numbers or all birth dates.
 * The key is 32 random bytes made on first use; every node of a deployment
 * reads the same row, so hashes agree across nodes.
 */
#ifndef PX_APP_SECRET_H
#define PX_APP_SECRET_H

#include "store/store.h"

#define SECRET_KEY_BYTES 32
#define SECRET_HASH_HEX 64

/*
 * The secret `name`, made (random) and stored if absent. Call inside a write
 * transaction: the first call inserts (INSERT ... ON CONFLICT DO NOTHING,
 * then reads back whichever row won).
 */
int secret_get(struct store_conn *c, const char *name, unsigned char key[SECRET_KEY_BYTES],
	       struct px_err *err);

/*
 * The keyed hash of "<domain>:<value>" as lowercase hex; `domain` separates
 * kinds of numbers ("resident", "mobile"). Normalise the value first
 * (ident_resident_normalise, ident_mobile_check). Inside a write transaction.
 */
int secret_ident_hash(struct store_conn *c, const char *domain, const char *value,
		      char out[SECRET_HASH_HEX + 1], struct px_err *err);

/*
 * Numbers that must be read back (a unit contact's mobile, to which reminders
 * are sent) are sealed instead: XChaCha20-Poly1305 (libsodium's IETF AEAD)
 * under the secret 'contact_seal_key', the `domain` ("mobile") as associated
 * data, a random nonce per value. The sealed form is lowercase hex of nonce,
 * ciphertext and tag: SECRET_SEALED_HEX(len) characters for `len` bytes of
 * plain text. Seal inside a write transaction (the key is made on first use).
 */
#define SECRET_SEALED_HEX(len) (2 * (24 + (len) + 16))
int secret_seal(struct store_conn *c, const char *domain, const char *plain, char *out, size_t cap,
		struct px_err *err);

/*
 * Open a sealed value into out (NUL-terminated; cap bytes at most, text
 * included). PX_EINTERNAL "bad_sealed" when it does not open (wrong key,
 * altered, another domain).
 */
int secret_open(struct store_conn *c, const char *domain, const char *sealed, char *out, size_t cap,
		struct px_err *err);

#endif
