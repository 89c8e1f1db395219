/*
 * demo_http.c - the demo's HTTP client (see demo_http.h), on libcurl.
 */
#include "cli/demo_http.h"

#include <curl/curl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEMO_ANSWER_MAX (16 << 20)

struct sink {
	char *buf;
	size_t len;
	bool over;
};

static size_t collect(char *p, size_t sz, size_t n, void *ud)
{
	struct sink *s = ud;
	size_t k = sz * n;
	if (s->over || s->len + k > DEMO_ANSWER_MAX) {
		s->over = true;
		return k;
	}
	char *nb = realloc(s->buf, s->len + k + 1);
	if (!nb) {
		s->over = true;
		return k;
	}
	s->buf = nb;
	memcpy(s->buf + s->len, p, k);
	s->len += k;
	s->buf[s->len] = '\0';
	return k;
}

/* Perform the prepared request; check the status, parse the answer. */
static int perform(struct demo_client *c, struct curl_slist *hdr, const char *what, long expect,
		   json_t **out, struct px_err *err)
{
	struct sink s = { 0 };
	long status = 0;
	int rc = 0;
	CURL *h = c->curl;

	curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdr);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, collect);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, &s);
	CURLcode cc = curl_easy_perform(h);
	if (cc != CURLE_OK) {
		rc = px_err_set(err, PX_EIO, "demo_http", NULL, "%s: %s", what, curl_easy_strerror(cc));
		goto out;
	}
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
	json_t *j = s.buf ? json_loads(s.buf, 0, NULL) : NULL;
	if (status != expect) {
		json_t *e = json_object_get(j, "error");
		rc = px_err_set(err, PX_EINTERNAL, json_string_value(json_object_get(e, "code")) ?: "demo_step",
				json_string_value(json_object_get(e, "field")), "%s as %s answered %ld: %s", what,
				c->login, status, json_string_value(json_object_get(e, "message")) ?: "");
		json_decref(j);
		goto out;
	}
	if (out)
		*out = j;
	else
		json_decref(j);
out:
	free(s.buf);
	curl_slist_free_all(hdr);
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, NULL);
	return rc;
}

static struct curl_slist *headers(struct demo_client *c, bool json)
{
	char h[128];
	struct curl_slist *l = NULL;
	if (json)
		l = curl_slist_append(l, "Content-Type: application/json");
	if (c->csrf[0]) {
		snprintf(h, sizeof(h), "X-CSRF-Token: %s", c->csrf);
		l = curl_slist_append(l, h);
	}
	return curl_slist_append(l, "Expect:");
}

int demo_call(struct demo_client *c, const char *method, const char *path, json_t *body, long expect,
	      json_t **out, struct px_err *err)
{
	char url[512], what[300], *text = NULL;
	CURL *h = c->curl;
	int rc;

	snprintf(url, sizeof(url), "%s%s", c->base, path);
	snprintf(what, sizeof(what), "%s %s", method, path);
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, method);
	curl_easy_setopt(h, CURLOPT_MIMEPOST, NULL);
	if (body) {
		text = json_dumps(body, JSON_COMPACT);
		curl_easy_setopt(h, CURLOPT_POSTFIELDS, text);
	} else if (strcmp(method, "GET")) {
		curl_easy_setopt(h, CURLOPT_POSTFIELDS, "{}");
	} else {
		curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
		curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, NULL);
	}
	rc = perform(c, headers(c, true), what, expect, out, err);
	curl_easy_setopt(h, CURLOPT_POSTFIELDS, NULL);
	free(text);
	return rc;
}

int demo_callf(struct demo_client *c, const char *method, json_t *body, long expect, json_t **out,
	       struct px_err *err, const char *fmt, ...)
{
	char path[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(path, sizeof(path), fmt, ap);
	va_end(ap);
	return demo_call(c, method, path, body, expect, out, err);
}

int demo_upload(struct demo_client *c, const char *path, const char *filename, const void *data, size_t len,
		long expect, struct px_err *err)
{
	char url[512], what[300];
	CURL *h = c->curl;
	curl_mime *m = curl_mime_init(h);
	curl_mimepart *part = curl_mime_addpart(m);
	int rc;

	curl_mime_name(part, "file");
	curl_mime_filename(part, filename);
	curl_mime_type(part, "application/pdf");
	curl_mime_data(part, data, len);
	snprintf(url, sizeof(url), "%s%s", c->base, path);
	snprintf(what, sizeof(what), "POST %s", path);
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, NULL);
	curl_easy_setopt(h, CURLOPT_MIMEPOST, m);
	rc = perform(c, headers(c, false), what, expect, NULL, err);
	curl_easy_setopt(h, CURLOPT_MIMEPOST, NULL);
	curl_mime_free(m);
	return rc;
}

int demo_anonymous(struct demo_client *c, const char *base, struct px_err *err)
{
	memset(c, 0, sizeof(*c));
	snprintf(c->base, sizeof(c->base), "%s", base);
	snprintf(c->login, sizeof(c->login), "public");
	if (!(c->curl = curl_easy_init()))
		return px_err_set(err, PX_ENOMEM, NULL, NULL, "cannot start an HTTP client");
	curl_easy_setopt(c->curl, CURLOPT_COOKIEFILE, ""); /* an in-memory cookie jar */
	curl_easy_setopt(c->curl, CURLOPT_TIMEOUT, 60L);
	return 0;
}

int demo_login(struct demo_client *c, const char *base, const char *login, const char *password,
	       struct px_err *err)
{
	json_t *body, *out = NULL;
	int rc = demo_anonymous(c, base, err);

	if (rc)
		return rc;
	snprintf(c->login, sizeof(c->login), "%s", login);
	body = json_pack("{s:s, s:s}", "login", login, "password", password);
	rc = demo_call(c, "POST", "/api/v1/session", body, 201, &out, err);
	json_decref(body);
	if (!rc)
		snprintf(c->csrf, sizeof(c->csrf), "%s", json_string_value(json_object_get(out, "csrf_token")) ?: "");
	json_decref(out);
	return rc;
}

void demo_logout(struct demo_client *c)
{
	if (c->curl)
		curl_easy_cleanup(c->curl);
	c->curl = NULL;
}

/* A USCC (GB 32100-2015) of an enterprise in `region` with serial n: its check character computed. */
void demo_uscc(const char *region, int n, char out[19])
{
	static const char alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
	static const int weights[17] = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28 };
	int sum = 0;
	snprintf(out, 19, "91%s%08d1", region, n);
	for (int i = 0; i < 17; i++)
		sum += (int)(strchr(alphabet, out[i]) - alphabet) * weights[i];
	out[17] = alphabet[(31 - sum % 31) % 31];
	out[18] = '\0';
}

int demo_set_clock(struct demo_client *c, const char *today, struct px_err *err)
{
	json_t *b = json_pack("{s:s}", "today", today);
	int rc = demo_call(c, "POST", "/api/v1/clock", b, 200, NULL, err);
	json_decref(b);
	return rc;
}
