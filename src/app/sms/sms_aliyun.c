/*
 * sms_aliyun.c - the `aliyun` SMS driver: Alibaba Cloud SMS (短信服务),
 * action SendSms of dysmsapi, API version 2017-05-25, RPC style, its
 * parameters (PhoneNumbers, SignName, TemplateCode, TemplateParam) in the
 * query string of a POST without body, signed with ACS3-HMAC-SHA256 as
 * Alibaba Cloud's "V3版本请求体&签名机制" documents (sms_sign.c). Settings:
 * endpoint (default https://dysmsapi.aliyuncs.com), access_key_id,
 * access_key_secret_file (the secret lives in that file only), sign_name,
 * templates {key: TemplateCode}. The answer {"Code":"OK",...} is success;
 * any other Code is refused with that code (and the RequestId) in the
 * message, the number masked.
 */
#include "app/sms/sms_driver.h"

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/sms/sms_sign.h"

#define ALIYUN_DEFAULT_ENDPOINT "https://dysmsapi.aliyuncs.com"

struct aliyun_state {
	char *endpoint, *key_id, *secret, *sign_name;
	json_t *templates;
};

void sms_aliyun_close(void *state)
{
	struct aliyun_state *s = state;
	free(s->endpoint);
	free(s->key_id);
	free(s->sign_name);
	sms_secret_free(s->secret);
	json_decref(s->templates);
	free(s);
	curl_global_cleanup();
}

/* Every template is a TemplateCode string ("SMS_123456789"). */
static int check_templates(json_t *t, struct px_err *err)
{
	const char *key;
	json_t *v;
	json_object_foreach(t, key, v) {
		if (!json_is_string(v) || !json_string_length(v)) {
			char field[128];
			snprintf(field, sizeof(field), "sms.templates.%s", key);
			return px_err_set(err, PX_EINVAL, "bad_sms_config", field,
					  "template '%s' must be a TemplateCode string", key);
		}
	}
	return 0;
}

int sms_aliyun_open(const json_t *cfg, void **state, struct px_err *err)
{
	static const char *const keys[] = { "driver", "endpoint", "access_key_id", "access_key_secret_file",
					    "sign_name", "templates", NULL };
	const char *endpoint, *key_id, *sign_name;
	json_t *templates;
	struct aliyun_state *s;
	int rc;

	if ((rc = sms_cfg_known_keys(cfg, keys, err)) ||
	    (rc = sms_cfg_url(cfg, "endpoint", ALIYUN_DEFAULT_ENDPOINT, &endpoint, err)) ||
	    (rc = sms_cfg_string(cfg, "access_key_id", NULL, &key_id, err)) ||
	    (rc = sms_cfg_string(cfg, "sign_name", NULL, &sign_name, err)) ||
	    (rc = sms_cfg_templates(cfg, &templates, err)) || (rc = check_templates(templates, err)))
		return rc;
	if (!(s = calloc(1, sizeof(*s))))
		return px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
	curl_global_init(CURL_GLOBAL_DEFAULT);
	if ((rc = sms_read_secret(cfg, "access_key_secret_file", &s->secret, err)))
		goto fail;
	s->endpoint = strdup(endpoint);
	s->key_id = strdup(key_id);
	s->sign_name = strdup(sign_name);
	s->templates = json_incref(templates);
	if (!s->endpoint || !s->key_id || !s->sign_name) {
		rc = px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
		goto fail;
	}
	size_t n = strlen(s->endpoint);
	while (n && s->endpoint[n - 1] == '/')
		s->endpoint[--n] = '\0';
	*state = s;
	return 0;
fail:
	sms_aliyun_close(s);
	return rc;
}

/* The canonical query of SendSms: its four parameters, already in name order. */
static void send_query(struct sms_buf *q, const char *phone, const char *sign_name, const char *code,
		       const char *tparam)
{
	sms_buf_adds(q, "PhoneNumbers=");
	sms_pct_encode(q, phone);
	sms_buf_adds(q, "&SignName=");
	sms_pct_encode(q, sign_name);
	sms_buf_adds(q, "&TemplateCode=");
	sms_pct_encode(q, code);
	sms_buf_adds(q, "&TemplateParam=");
	sms_pct_encode(q, tparam);
}

/* Read the provider's answer: Code "OK" is success. */
static int aliyun_answer(const struct sms_answer *a, const char *masked, struct px_err *err)
{
	json_t *j = json_loadb(a->body, a->len, 0, NULL);
	const char *code = json_string_value(json_object_get(j, "Code"));
	const char *req = json_string_value(json_object_get(j, "RequestId"));
	int rc = 0;

	if (a->status / 100 == 2 && code && !strcmp(code, "OK"))
		goto out;
	if (!code)
		rc = px_err_set(err, a->status >= 500 ? PX_EBUSY : PX_EIO, "sms_failed", NULL,
				"the aliyun SMS gateway answered %ld without a Code for %s", a->status, masked);
	else
		rc = px_err_set(err, PX_EIO, "sms_failed", NULL,
				"the aliyun SMS gateway refused the message to %s: %ld %.64s (request %.64s)",
				masked, a->status, code, req ? req : "-");
out:
	json_decref(j);
	return rc;
}

int sms_aliyun_send(void *state, const char *phone, const char *template_text, const json_t *params,
		       struct px_err *err)
{
	struct aliyun_state *s = state;
	struct sms_buf q = SMS_BUF_INIT(8192), url = SMS_BUF_INIT(12288), auth = SMS_BUF_INIT(1024);
	char host[256], date[32], nonce[33], sha[SMS_HEX256_LEN + 1], masked[16];
	char h_action[64], h_version[64], h_date[64], h_nonce[64], h_sha[96], *h_auth = NULL;
	struct sms_answer a = { 0 };
	char digits[IDENT_MOBILE_LEN + 1];
	json_t *empty = json_object();
	char *tparam = NULL;
	time_t now = time(NULL);
	struct tm tm;
	int rc;

	if ((rc = sms_phone_digits(phone, digits, err)) || (rc = sms_template_known(s->templates, template_text, err)))
		goto out;
	sms_mask_phone(digits, masked);
	tparam = json_dumps(params ? params : empty, JSON_COMPACT | JSON_SORT_KEYS);
	if (!tparam || sms_url_host(s->endpoint, host, sizeof(host))) {
		rc = px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
		goto out;
	}
	gmtime_r(&now, &tm);
	strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%SZ", &tm);
	sms_nonce(nonce);
	send_query(&q, digits, s->sign_name, template_text, tparam);
	struct sms_acs3 r = { .method = "POST", .host = host, .path = "/", .query = sms_buf_str(&q),
			      .action = "SendSms", .version = "2017-05-25", .date = date, .nonce = nonce,
			      .payload = "", .payload_len = 0, .access_key_id = s->key_id };
	sms_acs3_authorization(&r, s->secret, &auth, sha);
	sms_buf_addf(&url, "%s/?%s", s->endpoint, sms_buf_str(&q) ? sms_buf_str(&q) : "");
	if (q.failed || url.failed || auth.failed || !(h_auth = malloc(auth.len + 32))) {
		rc = px_err_set(err, PX_ETOOBIG, "sms_failed", NULL, "the message to %s is too large", masked);
		goto out;
	}
	snprintf(h_auth, auth.len + 32, "Authorization: %s", auth.s);
	snprintf(h_action, sizeof(h_action), "x-acs-action: %s", r.action);
	snprintf(h_version, sizeof(h_version), "x-acs-version: %s", r.version);
	snprintf(h_date, sizeof(h_date), "x-acs-date: %s", date);
	snprintf(h_nonce, sizeof(h_nonce), "x-acs-signature-nonce: %s", nonce);
	snprintf(h_sha, sizeof(h_sha), "x-acs-content-sha256: %s", sha);
	const char *headers[] = { "Accept: application/json", h_action, h_version, h_date, h_nonce, h_sha,
				  h_auth, NULL };
	if ((rc = sms_http_exchange("aliyun", "POST", url.s, headers, "", 0, &a, err)))
		goto out;
	rc = aliyun_answer(&a, masked, err);
out:
	free(a.body);
	free(h_auth);
	free(tparam);
	json_decref(empty);
	sms_buf_release(&q);
	sms_buf_release(&url);
	sms_buf_release(&auth);
	return rc;
}
