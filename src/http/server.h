/*
 * server.h - the HTTP server: libmicrohttpd with an epoll thread pool.
 */
#ifndef PX_HTTP_SERVER_H
#define PX_HTTP_SERVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "http/http.h"

struct http_server;
struct static_site;

struct http_server_config {
	const char *host;          /* "127.0.0.1" */
	int port;                  /* 0: any free port (see http_server_port) */
	int threads;               /* thread pool size */
	size_t body_max;           /* largest request body accepted, bytes */
	/*
	 * Connections at once from one peer address (0: no cap). Not applied to
	 * a trusted proxy's connections, which carry every client (the proxy
	 * caps per client: deploy/nginx).
	 */
	int per_address_max;
	size_t header_max;         /* per-connection memory for the request line and headers */
	int header_deadline;       /* seconds for the request line and headers (0: none; http/deadline.h) */
	int body_deadline;         /* seconds of grace for a request body (0: none; http/deadline.h) */
	long body_min_rate;        /* bytes a second a body keeps up after its grace (0: none) */
	FILE *access_log;          /* one line per request, or NULL */
	bool cookie_secure;        /* add Secure to the session cookie (behind TLS) */
	const char *trusted_proxy; /* peer address whose X-Forwarded-For is believed, or NULL */
	const struct http_route *routes;
	size_t nroutes;
	struct app *app;
	/* the browser UI at `/` (http/static.h): served when web_enabled; web NULL = not built */
	bool web_enabled;
	const struct static_site *web;
};

#define HTTP_BODY_MAX_DEFAULT (1024 * 1024)
#define HTTP_HEADER_MAX_DEFAULT (16 * 1024)
#define HTTP_PER_ADDRESS_DEFAULT 32

int http_server_start(const struct http_server_config *cfg, struct http_server **out,
		      struct px_err *err);
int http_server_port(const struct http_server *srv);

/*
 * Stop accepting, let requests in flight finish (at most `grace_ms`), then
 * stop and free the server.
 */
void http_server_stop(struct http_server *srv, int grace_ms);

#endif
