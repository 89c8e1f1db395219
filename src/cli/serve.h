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
	int per_address_max;    /* connections at once from one address (--per-address) */
	int header_deadline;    /* seconds for request line and headers (--header-deadline) */
	int body_deadline;      /* seconds of grace for a body (--body-deadline) */
	long body_min_rate;     /* bytes a second a body keeps up after its grace (--body-min-rate) */
	bool cookie_secure;
	const char *trusted_proxy; /* --trust-proxy ADDR */
	const char *web_dir;    /* the built UI; NULL: web/ beside the binary (build/web) */
	/* called once listening (a banner, the demo's script); non-zero stops the server */
	int (*on_ready)(const char *url, void *ctx, struct px_err *err);
	bool stop_when_ready;   /* return after on_ready instead of waiting for a signal */
	void *ctx;
};

void serve_opts_default(struct serve_opts *o);
/* Parse "HOST:PORT", ":PORT" or "PORT" into o. */
int serve_parse_listen(struct serve_opts *o, const char *s, struct px_err *err);
/* The UI directory serve_run uses for o (into buf). */
const char *serve_web_dir(const struct serve_opts *o, char *buf, size_t cap);
/* Serve until a signal; finishes requests in flight, returns 0 or an error. */
int serve_run(struct app *app, const struct serve_opts *o, struct px_err *err);

#endif
