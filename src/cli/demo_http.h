/*
 * demo_http.h - a small JSON client of pingxuan's own API, for `pingxuan
 * demo`: the demo plays every role through the HTTP API, so it runs exactly
 * the use cases, checks and audit records a real programme runs.
 */
#ifndef PX_CLI_DEMO_HTTP_H
#define PX_CLI_DEMO_HTTP_H

#include <jansson.h>
#include <stddef.h>

#include "util/err.h"

struct demo_client {
	void *curl;            /* CURL *, with its own cookie jar */
	char base[128];        /* http://127.0.0.1:PORT */
	char csrf[80];
	char login[72];
};

/* Sign in as login; the client keeps the session cookie and CSRF token. */
int demo_login(struct demo_client *c, const char *base, const char *login, const char *password,
	       struct px_err *err);
void demo_logout(struct demo_client *c);

/* A client of the public: no session. */
int demo_anonymous(struct demo_client *c, const char *base, struct px_err *err);

/*
 * Send a JSON request (body borrowed, may be NULL) and expect `expect`;
 * *out (may be NULL) receives the parsed answer, owned by the caller. An
 * unexpected status is an error carrying the answer's error code and message.
 */
int demo_call(struct demo_client *c, const char *method, const char *path, json_t *body, long expect,
	      json_t **out, struct px_err *err);

/* The same with a printf-formatted path. */
int demo_callf(struct demo_client *c, const char *method, json_t *body, long expect, json_t **out,
	       struct px_err *err, const char *fmt, ...) __attribute__((format(printf, 7, 8)));

/* Upload one PDF as multipart form data to path. */
int demo_upload(struct demo_client *c, const char *path, const char *filename, const void *data, size_t len,
		long expect, struct px_err *err);

/* Move the rehearsal date of the server c talks to (an office whose region holds every programme). */
int demo_set_clock(struct demo_client *c, const char *today, struct px_err *err);

/* A USCC (GB 32100-2015) of a demo enterprise in `region` with serial n, its check character computed. */
void demo_uscc(const char *region, int n, char out[19]);

#endif
