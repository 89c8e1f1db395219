/*
 * sms_sign.c - the providers' request signatures (see sms_sign.h): the
 * canonical request, the string to sign and the Authorization header of
 * Alibaba Cloud's ACS3-HMAC-SHA256 (V3版本请求体&签名机制) and Tencent
 * Cloud's TC3-HMAC-SHA256 (签名方法 v3), built with libsodium's SHA-256 and
 * HMAC-SHA256; and the bounded buffer and escapers the drivers share.
 */
#include "app/sms/sms_sign.h"

#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static bool buf_grow(struct sms_buf *b, size_t more)
{
	if (b->failed)
		return false;
	if (b->len + more + 1 > b->max) {
		b->failed = true;
		return false;
	}
	if (b->len + more + 1 <= b->alloc)
		return true;
	size_t n = b->alloc ? b->alloc : 256;
	while (n < b->len + more + 1)
		n *= 2;
	if (n > b->max)
		n = b->max;
	char *s = realloc(b->s, n);
	if (!s) {
		b->failed = true;
		return false;
	}
	b->s = s;
	b->alloc = n;
	return true;
}

void sms_buf_add(struct sms_buf *b, const char *s, size_t len)
{
	if (!buf_grow(b, len))
		return;
	if (len)
		memcpy(b->s + b->len, s, len);
	b->len += len;
	b->s[b->len] = '\0';
}

void sms_buf_adds(struct sms_buf *b, const char *s)
{
	sms_buf_add(b, s, strlen(s));
}

void sms_buf_addf(struct sms_buf *b, const char *fmt, ...)
{
	char small[256];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->failed = true;
		return;
	}
	if ((size_t)n < sizeof(small)) {
		sms_buf_add(b, small, (size_t)n);
		return;
	}
	if (!buf_grow(b, (size_t)n))
		return;
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

const char *sms_buf_str(const struct sms_buf *b)
{
	if (b->failed)
		return NULL;
	return b->s ? b->s : "";
}

void sms_buf_release(struct sms_buf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->alloc = 0;
	b->failed = false;
}

void sms_pct_encode(struct sms_buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		unsigned char c = *p;
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '_' || c == '.' || c == '~') {
			sms_buf_add(b, (const char *)p, 1);
		} else {
			char e[3] = { '%', hex[c >> 4], hex[c & 15] };
			sms_buf_add(b, e, 3);
		}
	}
}

void sms_json_escape(struct sms_buf *b, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"': sms_buf_add(b, "\\\"", 2); break;
		case '\\': sms_buf_add(b, "\\\\", 2); break;
		case '\n': sms_buf_add(b, "\\n", 2); break;
		case '\r': sms_buf_add(b, "\\r", 2); break;
		case '\t': sms_buf_add(b, "\\t", 2); break;
		default:
			if (*p < 0x20)
				sms_buf_addf(b, "\\u%04x", *p);
			else
				sms_buf_add(b, (const char *)p, 1);
		}
	}
}

static void to_hex(const unsigned char *d, size_t n, char *out)
{
	static const char hex[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		out[2 * i] = hex[d[i] >> 4];
		out[2 * i + 1] = hex[d[i] & 15];
	}
	out[2 * n] = '\0';
}

void sms_sha256_hex(const void *data, size_t len, char out[SMS_HEX256_LEN + 1])
{
	unsigned char d[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(d, data, len);
	to_hex(d, sizeof(d), out);
}

void sms_hmac_sha256(const void *key, size_t keylen, const void *msg, size_t len, unsigned char out[32])
{
	crypto_auth_hmacsha256_state st;
	crypto_auth_hmacsha256_init(&st, key, keylen);
	crypto_auth_hmacsha256_update(&st, msg, len);
	crypto_auth_hmacsha256_final(&st, out);
	sodium_memzero(&st, sizeof(st));
}

/* ---- Alibaba Cloud: ACS3-HMAC-SHA256 ------------------------------------ */

static const char *acs3_signed_headers(const struct sms_acs3 *r)
{
	return r->content_type
		? "content-type;host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version"
		: "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version";
}

void sms_acs3_canonical(const struct sms_acs3 *r, struct sms_buf *b, char content_sha[SMS_HEX256_LEN + 1])
{
	sms_sha256_hex(r->payload ? r->payload : "", r->payload ? r->payload_len : 0, content_sha);
	sms_buf_addf(b, "%s\n%s\n%s\n", r->method, r->path, r->query ? r->query : "");
	if (r->content_type)
		sms_buf_addf(b, "content-type:%s\n", r->content_type);
	sms_buf_addf(b, "host:%s\nx-acs-action:%s\nx-acs-content-sha256:%s\nx-acs-date:%s\n"
		     "x-acs-signature-nonce:%s\nx-acs-version:%s\n\n%s\n%s",
		     r->host, r->action, content_sha, r->date, r->nonce, r->version,
		     acs3_signed_headers(r), content_sha);
}

void sms_acs3_authorization(const struct sms_acs3 *r, const char *secret, struct sms_buf *b,
			    char content_sha[SMS_HEX256_LEN + 1])
{
	struct sms_buf canon = SMS_BUF_INIT(1 << 16);
	char hashed[SMS_HEX256_LEN + 1], sig[SMS_HEX256_LEN + 1], sts[32 + SMS_HEX256_LEN];
	unsigned char mac[32];

	sms_acs3_canonical(r, &canon, content_sha);
	if (canon.failed) {
		b->failed = true;
		goto out;
	}
	sms_sha256_hex(canon.s, canon.len, hashed);
	int n = snprintf(sts, sizeof(sts), "ACS3-HMAC-SHA256\n%s", hashed);
	sms_hmac_sha256(secret, strlen(secret), sts, (size_t)n, mac);
	to_hex(mac, sizeof(mac), sig);
	sms_buf_addf(b, "ACS3-HMAC-SHA256 Credential=%s,SignedHeaders=%s,Signature=%s",
		     r->access_key_id, acs3_signed_headers(r), sig);
out:
	sms_buf_release(&canon);
}

/* ---- Tencent Cloud: TC3-HMAC-SHA256 -------------------------------------- */

static void add_lower(struct sms_buf *b, const char *s)
{
	for (; *s; s++) {
		char c = (*s >= 'A' && *s <= 'Z') ? (char)(*s - 'A' + 'a') : *s;
		sms_buf_add(b, &c, 1);
	}
}

static const char *tc3_signed_headers(const struct sms_tc3 *r)
{
	return r->action ? "content-type;host;x-tc-action" : "content-type;host";
}

void sms_tc3_canonical(const struct sms_tc3 *r, struct sms_buf *b)
{
	char payload_sha[SMS_HEX256_LEN + 1];
	sms_sha256_hex(r->payload ? r->payload : "", r->payload ? r->payload_len : 0, payload_sha);
	sms_buf_adds(b, "POST\n/\n\ncontent-type:");
	add_lower(b, r->content_type);
	sms_buf_adds(b, "\nhost:");
	add_lower(b, r->host);
	sms_buf_adds(b, "\n");
	if (r->action) {
		sms_buf_adds(b, "x-tc-action:");
		add_lower(b, r->action);
		sms_buf_adds(b, "\n");
	}
	sms_buf_addf(b, "\n%s\n%s", tc3_signed_headers(r), payload_sha);
}

/* The UTC date of the timestamp, YYYY-MM-DD: the scope's date (never local time). */
static void utc_date(int64_t ts, char out[11])
{
	time_t t = (time_t)ts;
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

void sms_tc3_string_to_sign(const struct sms_tc3 *r, struct sms_buf *b)
{
	struct sms_buf canon = SMS_BUF_INIT(1 << 16);
	char hashed[SMS_HEX256_LEN + 1], date[11];

	sms_tc3_canonical(r, &canon);
	if (canon.failed) {
		b->failed = true;
		goto out;
	}
	sms_sha256_hex(canon.s, canon.len, hashed);
	utc_date(r->timestamp, date);
	sms_buf_addf(b, "TC3-HMAC-SHA256\n%lld\n%s/%s/tc3_request\n%s", (long long)r->timestamp, date,
		     r->service, hashed);
out:
	sms_buf_release(&canon);
}

void sms_tc3_authorization(const struct sms_tc3 *r, const char *secret_key, struct sms_buf *b)
{
	struct sms_buf sts = SMS_BUF_INIT(1024), key = SMS_BUF_INIT(1024);
	unsigned char k_date[32], k_service[32], k_signing[32], mac[32];
	char date[11], sig[SMS_HEX256_LEN + 1];

	sms_tc3_string_to_sign(r, &sts);
	sms_buf_adds(&key, "TC3");
	sms_buf_adds(&key, secret_key);
	if (sts.failed || key.failed) {
		b->failed = true;
		goto out;
	}
	utc_date(r->timestamp, date);
	sms_hmac_sha256(key.s, key.len, date, strlen(date), k_date);
	sms_hmac_sha256(k_date, 32, r->service, strlen(r->service), k_service);
	sms_hmac_sha256(k_service, 32, "tc3_request", 11, k_signing);
	sms_hmac_sha256(k_signing, 32, sts.s, sts.len, mac);
	to_hex(mac, sizeof(mac), sig);
	sms_buf_addf(b, "TC3-HMAC-SHA256 Credential=%s/%s/%s/tc3_request, SignedHeaders=%s, Signature=%s",
		     r->secret_id, date, r->service, tc3_signed_headers(r), sig);
	sodium_memzero(k_date, 32);
	sodium_memzero(k_service, 32);
	sodium_memzero(k_signing, 32);
out:
	if (key.s)
		sodium_memzero(key.s, key.len);
	sms_buf_release(&key);
	sms_buf_release(&sts);
}
