/*
 * sms_tencent.c - the `tencent` SMS driver: Tencent Cloud SMS (短信), action
 * SendSms, API version 2021-01-11, a JSON POST to sms.tencentcloudapi.com
 * signed with TC3-HMAC-SHA256 as Tencent Cloud's "签名方法 v3" documents
 * (sms_sign.c). Settings: endpoint (default
 * https://sms.tencentcloudapi.com), secret_id, secret_key_file (the key
 * lives in that file only), sdk_app_id, sign_name, region (default
 * ap-guangzhou), templates {key: {"id": TemplateId, "params": [names in
 * the template's order]}}. Success is Response.SendStatusSet[0].Code "Ok";
 * Response.Error.Code or another status code is a refusal naming it.
 */
#include "app/sms/sms_driver.h"

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/sms/sms_sign.h"

#define TENCENT_DEFAULT_ENDPOINT "https://sms.tencentcloudapi.com"
#define TENCENT_CT "application/json; charset=utf-8"

struct tencent_state {
	char *endpoint, *secret_id, *secret, *app_id, *sign_name, *region;
	json_t *templates;
};

void sms_tencent_close(void *state)
{
	struct tencent_state *s = state;
	free(s->endpoint);
	free(s->secret_id);
	free(s->app_id);
	free(s->sign_name);
	free(s->region);
	sms_secret_free(s->secret);
	json_decref(s->templates);
	free(s);
	curl_global_cleanup();
}

/* Every template is {"id": "<TemplateId>", "params": ["name", ...]}. */
static int check_templates(json_t *t, struct px_err *err)
{
	const char *key;
	json_t *v, *p;
	size_t i;
	json_object_foreach(t, key, v) {
		char field[128];
		json_t *id = json_object_get(v, "id"), *names = json_object_get(v, "params");
		bool ok = json_is_object(v) && json_is_string(id) && json_string_length(id) &&
			  (!names || json_is_array(names)) && json_object_size(v) == 1 + (names != NULL);
		json_array_foreach(names, i, p)
			ok = ok && json_is_string(p) && json_string_length(p);
		if (!ok) {
			snprintf(field, sizeof(field), "sms.templates.%s", key);
			return px_err_set(err, PX_EINVAL, "bad_sms_config", field,
					  "template '%s' must be {\"id\": TemplateId, \"params\": [names]}", key);
		}
	}
	return 0;
}

static int copy_settings(struct tencent_state *s, const char *const v[5], struct px_err *err)
{
	s->endpoint = strdup(v[0]);
	s->secret_id = strdup(v[1]);
	s->app_id = strdup(v[2]);
	s->sign_name = strdup(v[3]);
	s->region = strdup(v[4]);
	if (!s->endpoint || !s->secret_id || !s->app_id || !s->sign_name || !s->region)
		return px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
	size_t n = strlen(s->endpoint);
	while (n && s->endpoint[n - 1] == '/')
		s->endpoint[--n] = '\0';
	return 0;
}

int sms_tencent_open(const json_t *cfg, void **state, struct px_err *err)
{
	static const char *const keys[] = { "driver", "endpoint", "secret_id", "secret_key_file", "sdk_app_id",
					    "sign_name", "region", "templates", NULL };
	const char *v[5];
	json_t *templates;
	struct tencent_state *s;
	int rc;

	if ((rc = sms_cfg_known_keys(cfg, keys, err)) ||
	    (rc = sms_cfg_url(cfg, "endpoint", TENCENT_DEFAULT_ENDPOINT, &v[0], err)) ||
	    (rc = sms_cfg_string(cfg, "secret_id", NULL, &v[1], err)) ||
	    (rc = sms_cfg_string(cfg, "sdk_app_id", NULL, &v[2], err)) ||
	    (rc = sms_cfg_string(cfg, "sign_name", NULL, &v[3], err)) ||
	    (rc = sms_cfg_string(cfg, "region", "ap-guangzhou", &v[4], err)) ||
	    (rc = sms_cfg_templates(cfg, &templates, err)) || (rc = check_templates(templates, err)))
		return rc;
	if (!(s = calloc(1, sizeof(*s))))
		return px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
	curl_global_init(CURL_GLOBAL_DEFAULT);
	s->templates = json_incref(templates);
	if ((rc = sms_read_secret(cfg, "secret_key_file", &s->secret, err)) || (rc = copy_settings(s, v, err))) {
		sms_tencent_close(s);
		return rc;
	}
	*state = s;
	return 0;
}

/* The SendSms body: the template's parameters in its declared order. */
static int send_body(const struct tencent_state *s, const char *phone, const json_t *tpl,
		     const json_t *params, char **out, struct px_err *err)
{
	char e164[16], scratch[32];
	json_t *names = json_object_get(tpl, "params"), *name, *set = json_array();
	size_t i;

	snprintf(e164, sizeof(e164), "+86%s", phone);
	json_array_foreach(names, i, name) {
		const char *val = sms_param_text(params, json_string_value(name), scratch);
		if (!val) {
			json_decref(set);
			return px_err_set(err, PX_EINVAL, "sms_param_missing", "params",
					  "the template needs the parameter '%s'", json_string_value(name));
		}
		json_array_append_new(set, json_string(val));
	}
	json_t *body = json_pack("{s:[s], s:s, s:s, s:O, s:o}", "PhoneNumberSet", e164, "SmsSdkAppId",
				 s->app_id, "SignName", s->sign_name, "TemplateId", json_object_get(tpl, "id"),
				 "TemplateParamSet", set);
	*out = body ? json_dumps(body, JSON_COMPACT) : NULL;
	json_decref(body);
	return *out ? 0 : px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
}

static int tencent_answer(const struct sms_answer *a, const char *masked, struct px_err *err)
{
	json_t *j = json_loadb(a->body, a->len, 0, NULL), *resp = json_object_get(j, "Response");
	const char *req = json_string_value(json_object_get(resp, "RequestId"));
	const char *code = json_string_value(json_object_get(json_object_get(resp, "Error"), "Code"));
	int rc = 0;

	if (!code)
		code = json_string_value(json_object_get(json_array_get(json_object_get(resp, "SendStatusSet"), 0), "Code"));
	if (a->status / 100 == 2 && code && !strcmp(code, "Ok"))
		goto out;
	if (!code)
		rc = px_err_set(err, a->status >= 500 ? PX_EBUSY : PX_EIO, "sms_failed", NULL,
				"the tencent SMS gateway answered %ld without a code for %s", a->status, masked);
	else
		rc = px_err_set(err, PX_EIO, "sms_failed", NULL,
				"the tencent SMS gateway refused the message to %s: %ld %.64s (request %.64s)",
				masked, a->status, code, req ? req : "-");
out:
	json_decref(j);
	return rc;
}

int sms_tencent_send(void *state, const char *phone, const char *template_text, const json_t *params,
			struct px_err *err)
{
	struct tencent_state *s = state;
	struct sms_buf auth = SMS_BUF_INIT(1024);
	char host[256], masked[16], h_ts[48], h_region[96], *h_auth = NULL, *body = NULL;
	struct sms_answer a = { 0 };
	char digits[IDENT_MOBILE_LEN + 1];
	json_t *tpl = json_object_get(s->templates, template_text ? template_text : "");
	int rc;

	if ((rc = sms_phone_digits(phone, digits, err)))
		goto out;
	sms_mask_phone(digits, masked);
	if (!tpl) {
		rc = px_err_set(err, PX_EINVAL, "sms_template_unknown", "template", "no SMS template '%.64s' in the config",
				template_text ? template_text : "");
		goto out;
	}
	if ((rc = send_body(s, digits, tpl, params, &body, err)))
		goto out;
	if (sms_url_host(s->endpoint, host, sizeof(host))) {
		rc = px_err_set(err, PX_EINVAL, "bad_sms_config", "sms.endpoint", "no host in the endpoint");
		goto out;
	}
	struct sms_tc3 r = { .host = host, .service = "sms", .content_type = TENCENT_CT, .action = "SendSms",
			     .timestamp = (int64_t)time(NULL), .payload = body, .payload_len = strlen(body),
			     .secret_id = s->secret_id };
	sms_tc3_authorization(&r, s->secret, &auth);
	if (auth.failed || !(h_auth = malloc(auth.len + 32))) {
		rc = px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
		goto out;
	}
	snprintf(h_auth, auth.len + 32, "Authorization: %s", auth.s);
	snprintf(h_ts, sizeof(h_ts), "X-TC-Timestamp: %lld", (long long)r.timestamp);
	snprintf(h_region, sizeof(h_region), "X-TC-Region: %s", s->region);
	const char *headers[] = { "Content-Type: " TENCENT_CT, "X-TC-Action: SendSms", "X-TC-Version: 2021-01-11",
				  h_ts, h_region, h_auth, NULL };
	if ((rc = sms_http_exchange("tencent", "POST", s->endpoint, headers, body, strlen(body), &a, err)))
		goto out;
	rc = tencent_answer(&a, masked, err);
out:
	free(a.body);
	free(h_auth);
	free(body);
	sms_buf_release(&auth);
	return rc;
}
