/*
 * secret.c - server secrets and the keyed hash of personal numbers (see
 * secret.h).
 */
#include "app/secret.h"

#include <sodium.h>
#include <string.h>

#define IDENT_KEY_NAME "ident_hash_key"

static struct store_sql Q_GET = STORE_SQL("SELECT value FROM secret WHERE name = $1");
static struct store_sql Q_PUT = STORE_SQL(
	"INSERT INTO secret (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING");

/* Read the secret; 1 when found, 0 when absent, or an error. */
static int read_secret(struct store_conn *c, const char *name, unsigned char key[SECRET_KEY_BYTES],
		       struct px_err *err)
{
	struct store_stmt *s;
	size_t bin_len = 0;
	int rc = store_prepare(c, &Q_GET, &s, err);
	if (rc)
		return rc;
	store_bind_text(s, 1, name);
	rc = store_step(s, err);
	if (rc == STORE_ROW) {
		const char *hex = store_col_text(s, 0);
		if (sodium_hex2bin(key, SECRET_KEY_BYTES, hex, strlen(hex), NULL, &bin_len, NULL) ||
		    bin_len != SECRET_KEY_BYTES)
			rc = px_err_set(err, PX_EINTERNAL, "bad_secret", NULL, "secret '%s' is malformed", name);
		else
			rc = 1;
	}
	store_reset(s);
	return rc;
}

int secret_get(struct store_conn *c, const char *name, unsigned char key[SECRET_KEY_BYTES],
	       struct px_err *err)
{
	unsigned char fresh[SECRET_KEY_BYTES];
	char hex[SECRET_KEY_BYTES * 2 + 1];
	int rc = read_secret(c, name, key, err);

	if (rc)
		return rc < 0 ? rc : 0;
	randombytes_buf(fresh, sizeof(fresh));
	sodium_bin2hex(hex, sizeof(hex), fresh, sizeof(fresh));
	sodium_memzero(fresh, sizeof(fresh));
	rc = store_run(c, &Q_PUT, err, "tt", name, (const char *)hex);
	sodium_memzero(hex, sizeof(hex));
	if (rc)
		return rc;
	rc = read_secret(c, name, key, err); /* whichever insert won */
	if (rc == 0)
		rc = px_err_set(err, PX_EINTERNAL, "bad_secret", NULL, "secret '%s' vanished", name);
	return rc < 0 ? rc : 0;
}

int secret_ident_hash(struct store_conn *c, const char *domain, const char *value,
		      char out[SECRET_HASH_HEX + 1], struct px_err *err)
{
	unsigned char key[SECRET_KEY_BYTES], h[SECRET_HASH_HEX / 2];
	crypto_generichash_state st;
	int rc = secret_get(c, IDENT_KEY_NAME, key, err);

	if (rc)
		return rc;
	crypto_generichash_init(&st, key, sizeof(key), sizeof(h));
	crypto_generichash_update(&st, (const unsigned char *)domain, strlen(domain));
	crypto_generichash_update(&st, (const unsigned char *)":", 1);
	crypto_generichash_update(&st, (const unsigned char *)value, strlen(value));
	crypto_generichash_final(&st, h, sizeof(h));
	sodium_memzero(key, sizeof(key));
	sodium_bin2hex(out, SECRET_HASH_HEX + 1, h, sizeof(h));
	return 0;
}

#define SEAL_KEY_NAME "contact_seal_key"
#define SEAL_NONCE crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define SEAL_TAG crypto_aead_xchacha20poly1305_ietf_ABYTES
#define SEAL_PLAIN_MAX 256

int secret_seal(struct store_conn *c, const char *domain, const char *plain, char *out, size_t cap,
		struct px_err *err)
{
	unsigned char key[SECRET_KEY_BYTES], box[SEAL_NONCE + SEAL_PLAIN_MAX + SEAL_TAG];
	unsigned long long clen = 0;
	size_t len = strlen(plain);
	int rc;

	if (len > SEAL_PLAIN_MAX || cap < SECRET_SEALED_HEX(len) + 1)
		return px_err_set(err, PX_EINTERNAL, "bad_sealed", NULL, "value too long to seal");
	if ((rc = secret_get(c, SEAL_KEY_NAME, key, err)))
		return rc;
	randombytes_buf(box, SEAL_NONCE);
	crypto_aead_xchacha20poly1305_ietf_encrypt(box + SEAL_NONCE, &clen, (const unsigned char *)plain, len,
						   (const unsigned char *)domain, strlen(domain), NULL, box, key);
	sodium_memzero(key, sizeof(key));
	sodium_bin2hex(out, cap, box, SEAL_NONCE + (size_t)clen);
	return 0;
}

int secret_open(struct store_conn *c, const char *domain, const char *sealed, char *out, size_t cap,
		struct px_err *err)
{
	unsigned char key[SECRET_KEY_BYTES], box[SEAL_NONCE + SEAL_PLAIN_MAX + SEAL_TAG];
	unsigned long long plen = 0;
	size_t n = 0;
	int rc;

	if (sodium_hex2bin(box, sizeof(box), sealed, strlen(sealed), NULL, &n, NULL) || n < SEAL_NONCE + SEAL_TAG ||
	    n - SEAL_NONCE - SEAL_TAG >= cap)
		return px_err_set(err, PX_EINTERNAL, "bad_sealed", NULL, "a sealed value is malformed");
	if ((rc = secret_get(c, SEAL_KEY_NAME, key, err)))
		return rc;
	rc = crypto_aead_xchacha20poly1305_ietf_decrypt((unsigned char *)out, &plen, NULL, box + SEAL_NONCE,
							n - SEAL_NONCE, (const unsigned char *)domain,
							strlen(domain), box, key);
	sodium_memzero(key, sizeof(key));
	if (rc) {
		out[0] = '\0';
		return px_err_set(err, PX_EINTERNAL, "bad_sealed", NULL, "a sealed value does not open");
	}
	out[plen] = '\0';
	return 0;
}
