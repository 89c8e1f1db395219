/*
 * sms_sign.h - the request signatures of the SMS providers, as pure
 * functions of the request's parts (no clock, no network), so the canonical
 * strings can be tested against the worked examples of the providers' docs:
 *
 *   Alibaba Cloud: ACS3-HMAC-SHA256, "V3版本请求体&签名机制" (the V3 request
 *   and signature scheme of Alibaba Cloud OpenAPI);
 *   Tencent Cloud: TC3-HMAC-SHA256, "签名方法 v3" (Signature v3 of
 *   TencentCloud API 3.0).
 *
 * Also the bounded text buffer and the RFC 3986 percent-encoding the
 * drivers share. Nothing here owns a secret beyond the call.
 */
#ifndef PX_APP_SMS_SIGN_H
#define PX_APP_SMS_SIGN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SMS_HEX256_LEN 64

/*
 * A growing NUL-terminated text with a cap given at creation: an append
 * past the cap (or a failed allocation) sets `failed` and frees nothing
 * until sms_buf_release(). Start from `struct sms_buf b = SMS_BUF_INIT(cap);`.
 */
struct sms_buf {
	char *s;
	size_t len, alloc, max;
	bool failed;
};
#define SMS_BUF_INIT(cap) { NULL, 0, 0, (cap), false }

void sms_buf_add(struct sms_buf *b, const char *s, size_t len);
void sms_buf_adds(struct sms_buf *b, const char *s);
void sms_buf_addf(struct sms_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The text so far ("" when empty; NULL after a failure). Owned by b. */
const char *sms_buf_str(const struct sms_buf *b);
void sms_buf_release(struct sms_buf *b);

/* Percent-encode s per RFC 3986: A-Z a-z 0-9 - _ . ~ kept, every other byte %XX (upper case). */
void sms_pct_encode(struct sms_buf *b, const char *s);
/* Append s escaped for the inside of a JSON string (no quotes added). */
void sms_json_escape(struct sms_buf *b, const char *s);

/* Lowercase hex SHA-256 of data. */
void sms_sha256_hex(const void *data, size_t len, char out[SMS_HEX256_LEN + 1]);
/* HMAC-SHA256 with a key of any length. */
void sms_hmac_sha256(const void *key, size_t keylen, const void *msg, size_t len, unsigned char out[32]);

/*
 * An Alibaba Cloud OpenAPI request to sign (ACS3-HMAC-SHA256). RPC-style
 * APIs use path "/" and carry their parameters in `query`, already
 * canonical: names sorted, names and values sms_pct_encode()d, joined by
 * '&'. content_type is NULL when the request has none (then it is not
 * signed). The signed headers are host, content-type when present, and
 * x-acs-action, x-acs-content-sha256, x-acs-date, x-acs-signature-nonce,
 * x-acs-version.
 */
struct sms_acs3 {
	const char *method, *host, *path, *query;
	const char *content_type;
	const char *action, *version, *date, *nonce;
	const char *payload;
	size_t payload_len;
	const char *access_key_id;
};

/* The canonical request (step 1 of the docs) into b; content_sha is the payload's hash. */
void sms_acs3_canonical(const struct sms_acs3 *r, struct sms_buf *b, char content_sha[SMS_HEX256_LEN + 1]);
/*
 * The Authorization header's value, "ACS3-HMAC-SHA256 Credential=...,
 * SignedHeaders=...,Signature=<hex>", into b; content_sha gets the
 * x-acs-content-sha256 value to send.
 */
void sms_acs3_authorization(const struct sms_acs3 *r, const char *secret, struct sms_buf *b,
			    char content_sha[SMS_HEX256_LEN + 1]);

/*
 * A TencentCloud API 3.0 request to sign (TC3-HMAC-SHA256): POST to "/"
 * with a JSON body. Signed headers: content-type, host, and x-tc-action
 * when action is not NULL (header values are signed in lower case).
 */
struct sms_tc3 {
	const char *host, *service, *content_type, *action;
	int64_t timestamp; /* seconds since the epoch: X-TC-Timestamp; its UTC date is in the scope */
	const char *payload;
	size_t payload_len;
	const char *secret_id;
};

/* The canonical request into b. */
void sms_tc3_canonical(const struct sms_tc3 *r, struct sms_buf *b);
/* The string to sign (algorithm, timestamp, scope, hashed canonical request) into b. */
void sms_tc3_string_to_sign(const struct sms_tc3 *r, struct sms_buf *b);
/* The Authorization header's value into b. */
void sms_tc3_authorization(const struct sms_tc3 *r, const char *secret_key, struct sms_buf *b);

#endif
