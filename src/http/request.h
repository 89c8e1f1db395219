/*
 * request.h - the request record shared by the files of http/ (server.c,
 * dispatch.c, reply.c); handlers see it only through http.h.
 */
#ifndef PX_HTTP_REQUEST_H
#define PX_HTTP_REQUEST_H

#include <microhttpd.h>
#include <pthread.h>
#include <stdatomic.h>

#include "app/people/session.h"
#include "http/route_index.h"
#include "http/server.h"

struct http_cache_answer;

struct http_header_kv {
	char *name, *value;
	struct http_header_kv *next;
};

struct http_server {
	struct MHD_Daemon *mhd;
	struct http_server_config cfg;
	int listen_fd;
	int port;
	pthread_mutex_t lock;      /* with idle: the wait for requests in flight to end */
	pthread_cond_t idle;
	atomic_int in_flight;
	FILE *log;
	struct http_deadline *deadline; /* NULL: no header deadline */
	struct http_route_index *route_index; /* the routes a path may match */
};

enum req_state { REQ_READING, REQ_DISPATCHED, REQ_PARKED, REQ_ANSWERED };

struct http_req {
	struct http_server *srv;
	struct MHD_Connection *conn;
	const char *method, *path;
	long long t0_us;
	/* body, capped at cfg.body_max */
	char *body;
	size_t body_len, body_cap;
	bool too_big;
	size_t discarded;          /* bytes dropped past the cap */
	/* routing and auth */
	const struct http_route *route;
	const struct http_route *peeked; /* http_route_peek's answer, once asked (peek_done) */
	bool peek_done;
	char params[HTTP_MAX_PARAMS][128];
	struct app_actor actor;
	char token[SESSION_TOKEN_HEX + 1];
	char csrf[SESSION_TOKEN_HEX + 1];
	char client[48];
	/* the response */
	pthread_mutex_t lock;      /* guards state/response across park and resume */
	enum req_state state;
	bool suspended;
	struct MHD_Response *response;
	struct http_cache_answer *shared; /* non-NULL: response is a kept answer's (http/cache.h) */
	int status;
	struct http_header_kv *headers;
	/* a multipart body streamed to files (upload.c), NULL for other routes */
	struct http_upload *upload;
	uint64_t upload_file_max;  /* a lower cap per file set by the route's admit hook, 0: the spec's */
	bool admitted;             /* routed, authenticated, roles and CSRF checked */
	bool admit_only;           /* http_admit: check, do not run the handler */
	/* a public read kept in memory (cache.h) */
	bool cacheable;
	bool cache_private;        /* kept for its reader only (http/cache.h) */
	int64_t cache_reader;      /* that reader's account, 0: a public read */
	uint64_t cache_gen;        /* the store generation it is rendered under */
};

/* Route, authenticate and run the handler (dispatch.c). */
void http_dispatch(struct http_req *r);
/* The route of this method and path, without replying (NULL when none). */
const struct http_route *http_route_peek(struct http_req *r);
/* http_dispatch without running the handler: 0 (r->admitted), or -1 with a reply prepared. */
int http_admit(struct http_req *r);

/*
 * Upload routes (upload.c), called by server.c: in the first call, start
 * returns 0 for other routes, 1 when admitted (the body streams to files),
 * -1 when refused with a reply prepared; feed takes body chunks (false: hang
 * up); finish ends the body before dispatch; free removes temporary files.
 */
int http_upload_start(struct http_req *r);
bool http_upload_feed(struct http_req *r, const char *data, size_t len);
void http_upload_finish(struct http_req *r);
void http_upload_free(struct http_req *r);

/* A request is done with the kept answer it was given, r->shared (cache.c). */
void http_cache_release(struct http_cache_answer *a);

/* The headers of every API response (reply.c). */
void http_api_headers(struct MHD_Response *response);
/* The headers of every response, for a public read kept in memory: revalidate by ETag (reply.c). */
void http_public_headers(struct MHD_Response *response, const char *etag);
void http_add_public_headers(struct http_req *r, const char *etag);

/* Build r->response from a body (reply.c); used by replies and resumes. */
void http_prepare_response(struct http_req *r, int status, json_t *body);

#endif
