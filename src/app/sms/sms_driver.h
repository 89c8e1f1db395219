/*
 * sms_driver.h - the cloud drivers of the SMS gateway (private to
 * app/sms/): each is three functions in its own file sms_<name>.c, named in
 * the table of sms.c as a `struct sms_driver` row (sms.h). open() checks the
 * driver's part of the config (errors name the setting: "sms.access_key_id")
 * and reads its secret file; send() gets what sms.c resolved for the
 * template key (the config's string value, or the key itself when the value
 * is not a string) and may run on several threads at once; close() frees.
 * Also the helpers the drivers share: config settings, secret files, masked
 * numbers, one HTTP exchange.
 */
#ifndef PX_APP_SMS_DRIVER_H
#define PX_APP_SMS_DRIVER_H

#include <jansson.h>
#include <stdbool.h>

#include "core/ident.h"
#include "util/err.h"

int sms_aliyun_open(const json_t *cfg, void **state, struct px_err *err);
int sms_aliyun_send(void *state, const char *phone, const char *template_text, const json_t *params,
		    struct px_err *err);
void sms_aliyun_close(void *state);

int sms_tencent_open(const json_t *cfg, void **state, struct px_err *err);
int sms_tencent_send(void *state, const char *phone, const char *template_text, const json_t *params,
		     struct px_err *err);
void sms_tencent_close(void *state);

int sms_http_open(const json_t *cfg, void **state, struct px_err *err);
int sms_http_send(void *state, const char *phone, const char *template_text, const json_t *params,
		  struct px_err *err);
void sms_http_close(void *state);

/* The largest secret file and provider answer read. */
#define SMS_SECRET_MAX 4096
#define SMS_ANSWER_MAX (64 * 1024)

/* Fail unless every key of cfg is in allowed (NULL-terminated): "sms.<key>" "unknown setting". */
int sms_cfg_known_keys(const json_t *cfg, const char *const *allowed, struct px_err *err);
/*
 * The string setting `key` (field "sms.<key>"), or dflt when absent (an
 * error when dflt is NULL). Borrowed from cfg.
 */
int sms_cfg_string(const json_t *cfg, const char *key, const char *dflt, const char **out,
		   struct px_err *err);
/* The "templates" object, present and not empty (field "sms.templates"). Borrowed. */
int sms_cfg_templates(const json_t *cfg, json_t **out, struct px_err *err);
/* An endpoint URL setting: http:// or https://, no spaces. */
int sms_cfg_url(const json_t *cfg, const char *key, const char *dflt, const char **out,
		struct px_err *err);

/*
 * The secret in the file named by setting `key` (a *_file setting): its
 * text without surrounding white space, not empty. *out is the caller's, to
 * be freed with sms_secret_free() (which wipes it).
 */
int sms_read_secret(const json_t *cfg, const char *key, char **out, struct px_err *err);
void sms_secret_free(char *s);

/* 138****1234: how a number appears in messages and logs. */
void sms_mask_phone(const char *phone, char out[16]);

/*
 * The 11 digits of a mainland mobile number (optionally after "+86"), or
 * PX_EINVAL "invalid_mobile" on field "phone" (the number not quoted).
 */
int sms_phone_digits(const char *phone, char out[IDENT_MOBILE_LEN + 1], struct px_err *err);

/*
 * The template text sms.c resolved is one of the config's string templates
 * (an unknown key arrives as itself), or PX_EINVAL "sms_template_unknown".
 */
int sms_template_known(const json_t *templates, const char *text, struct px_err *err);

/* A parameter's value as text (a string or an integer); NULL when absent or of another type. */
const char *sms_param_text(const json_t *params, const char *name, char scratch[32]);

/* One provider answer. */
struct sms_answer {
	long status;
	char *body; /* NUL-terminated, the caller's to free */
	size_t len;
};

/*
 * One HTTP exchange through libcurl: connect timeout 5 s, total 10 s, TLS
 * peers and host names verified, http/https only, no redirects. headers
 * are "Name: value" lines, NULL-terminated. A transport failure is PX_EBUSY
 * "sms_failed" naming `driver` (the URL is never quoted: it may hold a
 * number). On success fill *ans (free ans->body).
 */
int sms_http_exchange(const char *driver, const char *method, const char *url,
		      const char *const *headers, const char *body, size_t body_len,
		      struct sms_answer *ans, struct px_err *err);

/* The host[:port] of an http(s) URL, for signing. */
int sms_url_host(const char *url, char *out, size_t cap);

/* 16 random bytes as 32 hex digits (a signature nonce). */
void sms_nonce(char out[33]);

#endif
