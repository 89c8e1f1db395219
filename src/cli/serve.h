/*
 * serve.h - running the HTTP server until SIGTERM/SIGINT (shared by
 * `pingxuan serve` and `pingxuan demo`).
 */
#ifndef PX_CLI_SERVE_H
#define PX_CLI_SERVE_H

#include "app/app.h"
#include "http/server.h"

struct serve_opts {
	char host[64];
	int port;
	int threads;
	const char *access_log; /* "stderr" (default), "off", or a file path */
	const char *port_file;  /* write the bound port here (tests), or NULL */
	size_t body_max;
	bool cookie_secure;
	const char *trusted_proxy; /* --trust-proxy ADDR */
	void (*on_ready)(const char *url, void *ctx); /* printed banner, or NULL */
	void *ctx;
};

void serve_opts_default(struct serve_opts *o);
/* Parse "HOST:PORT", ":PORT" or "PORT" into o. */
int serve_parse_listen(struct serve_opts *o, const char *s, struct px_err *err);
/* Serve until a signal; finishes requests in flight, returns 0 or an error. */
int serve_run(struct app *app, const struct serve_opts *o, struct px_err *err);

#endif
