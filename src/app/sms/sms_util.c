/*
 * sms_util.c - what the SMS drivers share (see sms_driver.h): reading and
 * checking config settings with errors that name the field, secret files,
 * masking numbers for messages, and one HTTP exchange with libcurl under
 * fixed timeouts and TLS verification.
 */
#include "app/sms/sms_driver.h"

#include <curl/curl.h>
#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/sms/sms_sign.h"
#include "core/ident.h"
#include "util/file.h"

int sms_cfg_known_keys(const json_t *cfg, const char *const *allowed, struct px_err *err)
{
	const char *key;
	json_t *v;
	json_object_foreach((json_t *)cfg, key, v) {
		bool known = false;
		for (const char *const *a = allowed; *a && !known; a++)
			known = !strcmp(*a, key);
		if (!known) {
			char field[96];
			snprintf(field, sizeof(field), "sms.%s", key);
			return px_err_set(err, PX_EINVAL, "bad_sms_config", field, "unknown setting '%s'", key);
		}
	}
	return 0;
}

int sms_cfg_string(const json_t *cfg, const char *key, const char *dflt, const char **out,
		   struct px_err *err)
{
	char field[96];
	json_t *v = json_object_get(cfg, key);
	snprintf(field, sizeof(field), "sms.%s", key);
	if (!v && dflt) {
		*out = dflt;
		return 0;
	}
	if (!v)
		return px_err_set(err, PX_EINVAL, "bad_sms_config", field, "'%s' is required", key);
	if (!json_is_string(v) || !json_string_length(v))
		return px_err_set(err, PX_EINVAL, "bad_sms_config", field, "'%s' must be a non-empty string", key);
	if (strlen(json_string_value(v)) != json_string_length(v))
		return px_err_set(err, PX_EINVAL, "bad_sms_config", field, "'%s' holds a NUL byte", key);
	*out = json_string_value(v);
	return 0;
}

int sms_cfg_templates(const json_t *cfg, json_t **out, struct px_err *err)
{
	json_t *t = json_object_get(cfg, "templates");
	if (!json_is_object(t) || !json_object_size(t))
		return px_err_set(err, PX_EINVAL, "bad_sms_config", "sms.templates",
				  "'templates' must be an object naming at least one template");
	*out = t;
	return 0;
}

int sms_cfg_url(const json_t *cfg, const char *key, const char *dflt, const char **out,
		struct px_err *err)
{
	char field[96];
	int rc = sms_cfg_string(cfg, key, dflt, out, err);
	if (rc)
		return rc;
	snprintf(field, sizeof(field), "sms.%s", key);
	char host[256];
	if ((strncmp(*out, "https://", 8) && strncmp(*out, "http://", 7)) || strpbrk(*out, " \t\r\n") ||
	    sms_url_host(*out, host, sizeof(host)))
		return px_err_set(err, PX_EINVAL, "bad_sms_config", field,
				  "'%s' must be an http:// or https:// URL, not '%s'", key, *out);
	return 0;
}

int sms_read_secret(const json_t *cfg, const char *key, char **out, struct px_err *err)
{
	const char *path;
	char field[96], *text = NULL;
	size_t len;
	struct px_err e = { 0 };
	int rc;

	*out = NULL;
	if ((rc = sms_cfg_string(cfg, key, NULL, &path, err)))
		return rc;
	snprintf(field, sizeof(field), "sms.%s", key);
	if ((rc = file_read(path, SMS_SECRET_MAX, &text, &len, &e)))
		return px_err_set(err, rc, "bad_sms_config", field, "cannot read the secret file: %s", e.msg);
	size_t a = 0, b = len;
	while (a < b && strchr(" \t\r\n", text[a]))
		a++;
	while (b > a && strchr(" \t\r\n", text[b - 1]))
		b--;
	if (a == b || memchr(text + a, '\0', b - a) || memchr(text + a, '\n', b - a)) {
		sodium_memzero(text, len);
		free(text);
		return px_err_set(err, PX_EINVAL, "bad_sms_config", field,
				  "the secret file '%s' must hold one line of secret", path);
	}
	memmove(text, text + a, b - a);
	sodium_memzero(text + (b - a), len - (b - a));
	text[b - a] = '\0';
	*out = text;
	return 0;
}

void sms_secret_free(char *s)
{
	if (!s)
		return;
	sodium_memzero(s, strlen(s));
	free(s);
}

void sms_mask_phone(const char *phone, char out[16])
{
	ident_mask_span(phone, strlen(phone), 3, 4, out, 16);
}

int sms_phone_digits(const char *phone, char out[IDENT_MOBILE_LEN + 1], struct px_err *err)
{
	struct px_err e = { 0 };
	if (!phone || !ident_mobile_check(phone, strlen(phone), out, &e))
		return px_err_set(err, PX_EINVAL, "invalid_mobile", "phone", "%s",
				  phone ? e.msg : "a mobile number is required");
	return 0;
}

int sms_template_known(const json_t *templates, const char *text, struct px_err *err)
{
	const char *key;
	json_t *v;
	json_object_foreach((json_t *)templates, key, v)
		if (json_is_string(v) && text && !strcmp(json_string_value(v), text))
			return 0;
	return px_err_set(err, PX_EINVAL, "sms_template_unknown", "template",
			  "no SMS template '%.64s' in the config", text ? text : "");
}

const char *sms_param_text(const json_t *params, const char *name, char scratch[32])
{
	json_t *v = json_object_get(params, name);
	if (json_is_string(v))
		return json_string_value(v);
	if (json_is_integer(v)) {
		snprintf(scratch, 32, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		return scratch;
	}
	return NULL;
}

void sms_nonce(char out[33])
{
	unsigned char r[16];
	randombytes_buf(r, sizeof(r));
	sodium_bin2hex(out, 33, r, sizeof(r));
}

int sms_url_host(const char *url, char *out, size_t cap)
{
	const char *p = strstr(url, "://");
	if (!p)
		return -1;
	p += 3;
	size_t n = strcspn(p, "/?#");
	if (!n || n >= cap)
		return -1;
	memcpy(out, p, n);
	out[n] = '\0';
	return 0;
}

static size_t collect(char *p, size_t sz, size_t n, void *ud)
{
	struct sms_buf *b = ud;
	sms_buf_add(b, p, sz * n);
	return b->failed ? 0 : sz * n;
}

/* The handle's options: timeouts, TLS, protocols, the method and the body. */
static struct curl_slist *prepare(CURL *h, const char *method, const char *url,
				  const char *const *headers, const char *body, size_t body_len,
				  struct sms_buf *sink)
{
	struct curl_slist *hl = NULL, *t;
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, 5L);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, 10L);
	curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(h, CURLOPT_USERAGENT, "pingxuan-sms");
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, collect);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, sink);
	if (strcmp(method, "GET")) {
		curl_easy_setopt(h, CURLOPT_POSTFIELDS, body ? body : "");
		curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)(body ? body_len : 0));
		if (strcmp(method, "POST"))
			curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, method);
	}
	/* no Expect: 100-continue; no Content-Type unless the driver gives one */
	if ((t = curl_slist_append(hl, "Expect:")))
		hl = t;
	bool has_ct = false;
	for (const char *const *p = headers; p && *p; p++) {
		has_ct |= !strncasecmp(*p, "content-type:", 13);
		if ((t = curl_slist_append(hl, *p)))
			hl = t;
	}
	if (!has_ct && (t = curl_slist_append(hl, "Content-Type:")))
		hl = t;
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, hl);
	return hl;
}

int sms_http_exchange(const char *driver, const char *method, const char *url,
		      const char *const *headers, const char *body, size_t body_len,
		      struct sms_answer *ans, struct px_err *err)
{
	struct sms_buf sink = SMS_BUF_INIT(SMS_ANSWER_MAX);
	struct curl_slist *hl = NULL;
	int rc = 0;
	CURL *h = curl_easy_init();

	memset(ans, 0, sizeof(*ans));
	if (!h)
		return px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
	hl = prepare(h, method, url, headers, body, body_len, &sink);
	CURLcode cc = curl_easy_perform(h);
	if (cc != CURLE_OK) {
		rc = px_err_set(err, PX_EBUSY, "sms_failed", NULL, "the %s SMS gateway did not answer: %s",
				driver, sink.failed ? "answer too large" : curl_easy_strerror(cc));
		goto out;
	}
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &ans->status);
	ans->body = sink.s ? sink.s : strdup("");
	ans->len = sink.len;
	sink.s = NULL;
	if (!ans->body)
		rc = px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
out:
	sms_buf_release(&sink);
	curl_slist_free_all(hl);
	curl_easy_cleanup(h);
	return rc;
}
