/*
 * sms_http.c - the `http` SMS driver: any gateway reached by one HTTP
 * request, described by its settings: url, method (GET, POST or PUT),
 * headers {name: value}, content_type (application/json or
 * application/x-www-form-urlencoded), body, secret_file, templates {key:
 * text} and success {"pointer": JSON pointer, "equals": value}. The url,
 * header values and body are templates: {{phone}} (11 digits),
 * {{phone_e164}} (+86...), {{template}} (the template's text), {{secret}}
 * (the secret file's line) and {{<param>}} for each parameter of the
 * message, escaped for where they land: percent-encoding in the url and a
 * form body, JSON string escaping in a JSON body, verbatim in headers
 * (where a line break is refused). A 2xx answer is success, when
 * "success" is set only if the answer's JSON has that value at that
 * pointer (RFC 6901).
 */
#include "app/sms/sms_driver.h"

#include <curl/curl.h>
#include <ctype.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "app/sms/sms_sign.h"

enum esc { ESC_RAW, ESC_PCT, ESC_JSON };

struct http_state {
	json_t *cfg; /* the whole config, kept */
	const char *url, *method, *content_type, *body;
	enum esc body_esc;
	char *secret;
};

/* What the placeholders of one message stand for. */
struct http_vars {
	const char *phone, *template_text, *secret;
	const json_t *params;
};

static const char *var_value(const struct http_vars *v, const char *name, char e164[16], char scratch[32])
{
	if (!strcmp(name, "phone"))
		return v->phone;
	if (!strcmp(name, "phone_e164")) {
		snprintf(e164, 16, "+86%s", v->phone ? v->phone : "");
		return e164;
	}
	if (!strcmp(name, "template"))
		return v->template_text;
	if (!strcmp(name, "secret"))
		return v->secret;
	return sms_param_text(v->params, name, scratch);
}

/*
 * Expand the template t into b, each value escaped by esc. With vars NULL
 * only check the syntax (names of [a-z0-9_], every "{{" closed) and that
 * {{secret}} has a secret when has_secret is false. field names the setting.
 */
static int expand(const char *t, enum esc esc, const struct http_vars *vars, bool has_secret,
		  const char *field, struct sms_buf *b, struct px_err *err)
{
	char name[64], e164[16], scratch[32];
	const char *p = t, *open;
	while ((open = strstr(p, "{{"))) {
		const char *close = strstr(open + 2, "}}");
		size_t n = close ? (size_t)(close - open - 2) : 0;
		bool ok = close && n && n < sizeof(name);
		for (size_t i = 0; ok && i < n; i++)
			ok = islower((unsigned char)open[2 + i]) || isdigit((unsigned char)open[2 + i]) || open[2 + i] == '_';
		if (!ok)
			return px_err_set(err, PX_EINVAL, "bad_sms_config", field, "a placeholder must be {{name}} of a-z, 0-9 and _");
		memcpy(name, open + 2, n);
		name[n] = '\0';
		if (!vars && !has_secret && !strcmp(name, "secret"))
			return px_err_set(err, PX_EINVAL, "bad_sms_config", field, "{{secret}} needs the setting 'secret_file'");
		if (b)
			sms_buf_add(b, p, (size_t)(open - p));
		p = close + 2;
		if (!vars)
			continue;
		const char *val = var_value(vars, name, e164, scratch);
		if (!val)
			return px_err_set(err, PX_EINVAL, "sms_param_missing", "params",
					  "the gateway's %s needs the parameter '%s'", field, name);
		if (esc == ESC_PCT)
			sms_pct_encode(b, val);
		else if (esc == ESC_JSON)
			sms_json_escape(b, val);
		else
			sms_buf_adds(b, val);
	}
	if (b)
		sms_buf_adds(b, p);
	return 0;
}

/* Resolve an RFC 6901 pointer ("" is the whole document). Borrowed. */
static json_t *json_at(json_t *doc, const char *ptr)
{
	char tok[128];
	if (!*ptr)
		return doc;
	if (*ptr != '/')
		return NULL;
	while (doc && *ptr == '/') {
		size_t n = 0;
		for (ptr++; *ptr && *ptr != '/' && n + 1 < sizeof(tok); ptr++) {
			char c = *ptr;
			if (c == '~' && (ptr[1] == '0' || ptr[1] == '1'))
				c = *++ptr == '0' ? '~' : '/';
			tok[n++] = c;
		}
		tok[n] = '\0';
		if (json_is_object(doc)) {
			doc = json_object_get(doc, tok);
		} else if (json_is_array(doc)) {
			char *end;
			unsigned long i = strtoul(tok, &end, 10);
			doc = (n && !*end && isdigit((unsigned char)tok[0])) ? json_array_get(doc, i) : NULL;
		} else {
			doc = NULL;
		}
	}
	return *ptr ? NULL : doc;
}

void sms_http_close(void *state)
{
	struct http_state *s = state;
	sms_secret_free(s->secret);
	json_decref(s->cfg);
	free(s);
	curl_global_cleanup();
}

/* The headers, templates and success settings. */
static int check_parts(const json_t *cfg, bool has_secret, struct px_err *err)
{
	char field[160];
	const char *key;
	json_t *v, *headers = json_object_get(cfg, "headers"), *templates, *ok = json_object_get(cfg, "success");
	int rc;

	if (headers && !json_is_object(headers))
		return px_err_set(err, PX_EINVAL, "bad_sms_config", "sms.headers", "'headers' must be an object");
	json_object_foreach(headers, key, v) {
		snprintf(field, sizeof(field), "sms.headers.%s", key);
		if (!*key || strpbrk(key, ": \t\r\n") || !json_is_string(v))
			return px_err_set(err, PX_EINVAL, "bad_sms_config", field, "a header is a name and a string value");
		if (!strcasecmp(key, "content-type") || !strcasecmp(key, "content-length"))
			return px_err_set(err, PX_EINVAL, "bad_sms_config", field, "'%s' is set by 'content_type' and the body", key);
		if ((rc = expand(json_string_value(v), ESC_RAW, NULL, has_secret, field, NULL, err)))
			return rc;
	}
	if ((rc = sms_cfg_templates(cfg, &templates, err)))
		return rc;
	json_object_foreach(templates, key, v) {
		snprintf(field, sizeof(field), "sms.templates.%s", key);
		if (!json_is_string(v))
			return px_err_set(err, PX_EINVAL, "bad_sms_config", field, "template '%s' must be a string", key);
	}
	if (ok && (!json_is_object(ok) || !json_is_string(json_object_get(ok, "pointer")) ||
		   !json_object_get(ok, "equals") || json_object_size(ok) != 2))
		return px_err_set(err, PX_EINVAL, "bad_sms_config", "sms.success",
				  "'success' must be {\"pointer\": \"/json/pointer\", \"equals\": value}");
	const char *ptr = json_string_value(json_object_get(ok, "pointer"));
	if (ptr && *ptr && *ptr != '/')
		return px_err_set(err, PX_EINVAL, "bad_sms_config", "sms.success.pointer",
				  "a JSON pointer starts with '/', not '%s'", ptr);
	return 0;
}

static int check_body(struct http_state *s, struct px_err *err)
{
	if (strcmp(s->method, "GET") && strcmp(s->method, "POST") && strcmp(s->method, "PUT"))
		return px_err_set(err, PX_EINVAL, "bad_sms_config", "sms.method", "method must be GET, POST or PUT, not '%s'",
				  s->method);
	if (!strcmp(s->content_type, "application/json"))
		s->body_esc = ESC_JSON;
	else if (!strcmp(s->content_type, "application/x-www-form-urlencoded"))
		s->body_esc = ESC_PCT;
	else
		return px_err_set(err, PX_EINVAL, "bad_sms_config", "sms.content_type",
				  "content_type must be application/json or application/x-www-form-urlencoded");
	if (s->body && !strcmp(s->method, "GET"))
		return px_err_set(err, PX_EINVAL, "bad_sms_config", "sms.body", "a GET request has no body");
	if (!s->body && strcmp(s->method, "GET"))
		return px_err_set(err, PX_EINVAL, "bad_sms_config", "sms.body", "'body' is required for %s", s->method);
	return 0;
}

int sms_http_open(const json_t *cfg, void **state, struct px_err *err)
{
	static const char *const keys[] = { "driver", "url", "method", "headers", "content_type", "body",
					    "secret_file", "templates", "success", NULL };
	struct http_state *s;
	int rc;

	if ((rc = sms_cfg_known_keys(cfg, keys, err)))
		return rc;
	if (!(s = calloc(1, sizeof(*s))))
		return px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
	curl_global_init(CURL_GLOBAL_DEFAULT);
	s->cfg = json_incref((json_t *)cfg);
	if ((rc = sms_cfg_url(cfg, "url", NULL, &s->url, err)) ||
	    (rc = sms_cfg_string(cfg, "method", "POST", &s->method, err)) ||
	    (rc = sms_cfg_string(cfg, "content_type", "application/json", &s->content_type, err)) ||
	    (json_object_get(cfg, "body") && (rc = sms_cfg_string(cfg, "body", NULL, &s->body, err))) ||
	    (rc = check_body(s, err)) ||
	    (json_object_get(cfg, "secret_file") && (rc = sms_read_secret(cfg, "secret_file", &s->secret, err))) ||
	    (rc = expand(s->url, ESC_PCT, NULL, s->secret, "sms.url", NULL, err)) ||
	    (s->body && (rc = expand(s->body, s->body_esc, NULL, s->secret, "sms.body", NULL, err))) ||
	    (rc = check_parts(cfg, s->secret, err))) {
		sms_http_close(s);
		return rc;
	}
	*state = s;
	return 0;
}

/* The header lines of one message into lines[] (at most 32), their text in b. */
static int build_headers(const struct http_state *s, const struct http_vars *vars, struct sms_buf *b,
			 size_t offs[33], size_t *count, struct px_err *err)
{
	const char *key;
	json_t *v;
	int rc;
	*count = 0;
	if (s->body) {
		offs[(*count)++] = b->len;
		sms_buf_addf(b, "Content-Type: %s", s->content_type);
		sms_buf_add(b, "", 1);
	}
	json_object_foreach(json_object_get(s->cfg, "headers"), key, v) {
		if (*count == 32)
			return px_err_set(err, PX_EINVAL, "bad_sms_config", "sms.headers", "at most 31 headers");
		offs[(*count)++] = b->len;
		sms_buf_addf(b, "%s: ", key);
		size_t from = b->len;
		if ((rc = expand(json_string_value(v), ESC_RAW, vars, true, "header", b, err)))
			return rc;
		if (!b->failed && memchr(b->s + from, '\n', b->len - from))
			return px_err_set(err, PX_EINVAL, "sms_param_missing", "params", "a header value holds a line break");
		if (!b->failed && memchr(b->s + from, '\r', b->len - from))
			return px_err_set(err, PX_EINVAL, "sms_param_missing", "params", "a header value holds a line break");
		sms_buf_add(b, "", 1);
	}
	return b->failed ? px_err_set(err, PX_ETOOBIG, "sms_failed", NULL, "the headers are too large") : 0;
}

static int http_answer(const struct http_state *s, const struct sms_answer *a, const char *masked,
		       struct px_err *err)
{
	json_t *ok = json_object_get(s->cfg, "success"), *doc = NULL, *got;
	int rc = 0;
	if (a->status / 100 != 2)
		return px_err_set(err, a->status >= 500 ? PX_EBUSY : PX_EIO, "sms_failed", NULL,
				  "the http SMS gateway refused the message to %s: status %ld", masked, a->status);
	if (!ok)
		return 0;
	doc = json_loadb(a->body, a->len, 0, NULL);
	got = json_at(doc, json_string_value(json_object_get(ok, "pointer")));
	if (!got || !json_equal(got, json_object_get(ok, "equals"))) {
		char *text = got ? json_dumps(got, JSON_COMPACT | JSON_ENCODE_ANY) : NULL;
		rc = px_err_set(err, PX_EIO, "sms_failed", NULL,
				"the http SMS gateway refused the message to %s: %s is %.64s", masked,
				json_string_value(json_object_get(ok, "pointer")), text ? text : "absent");
		free(text);
	}
	json_decref(doc);
	return rc;
}

int sms_http_send(void *state, const char *phone, const char *template_text, const json_t *params,
		     struct px_err *err)
{
	struct http_state *s = state;
	struct sms_buf url = SMS_BUF_INIT(8192), body = SMS_BUF_INIT(32768), hb = SMS_BUF_INIT(16384);
	struct sms_answer a = { 0 };
	const char *lines[33];
	size_t offs[33], count = 0;
	char masked[16];
	char digits[IDENT_MOBILE_LEN + 1];
	int rc;

	if ((rc = sms_phone_digits(phone, digits, err)) ||
	    (rc = sms_template_known(json_object_get(s->cfg, "templates"), template_text, err)))
		goto out;
	sms_mask_phone(digits, masked);
	struct http_vars vars = { digits, template_text, s->secret, params };
	if ((rc = expand(s->url, ESC_PCT, &vars, true, "url", &url, err)) ||
	    (s->body && (rc = expand(s->body, s->body_esc, &vars, true, "body", &body, err))) ||
	    (rc = build_headers(s, &vars, &hb, offs, &count, err)))
		goto out;
	if (url.failed || body.failed) {
		rc = px_err_set(err, PX_ETOOBIG, "sms_failed", NULL, "the message to %s is too large", masked);
		goto out;
	}
	for (size_t i = 0; i < count; i++)
		lines[i] = hb.s + offs[i];
	lines[count] = NULL;
	if ((rc = sms_http_exchange("http", s->method, url.s, lines, s->body ? body.s : NULL, body.len, &a, err)))
		goto out;
	rc = http_answer(s, &a, masked, err);
out:
	free(a.body);
	if (s->secret) { /* the expanded texts may hold the secret */
		if (url.s)
			sodium_memzero(url.s, url.alloc);
		if (body.s)
			sodium_memzero(body.s, body.alloc);
		if (hb.s)
			sodium_memzero(hb.s, hb.alloc);
	}
	sms_buf_release(&url);
	sms_buf_release(&body);
	sms_buf_release(&hb);
	return rc;
}
