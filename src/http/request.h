/*
 * request.h - the request record shared by the files of http/ (server.c,
 * dispatch.c, reply.c); handlers see it only through http.h.
 */
#ifndef PX_HTTP_REQUEST_H
#define PX_HTTP_REQUEST_H

#include <microhttpd.h>
#include <pthread.h>

#include "app/session.h"
#include "http/server.h"

struct http_header_kv {
	char *name, *value;
	struct http_header_kv *next;
};

struct http_server {
	struct MHD_Daemon *mhd;
	struct http_server_config cfg;
	int listen_fd;
	int port;
	pthread_mutex_t lock;      /* guards in_flight */
	pthread_cond_t idle;
	int in_flight;
	FILE *log;
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
	int status;
	struct http_header_kv *headers;
};

/* Route, authenticate and run the handler (dispatch.c). */
void http_dispatch(struct http_req *r);

/* Build r->response from a body (reply.c); used by replies and resumes. */
void http_prepare_response(struct http_req *r, int status, json_t *body);

#endif
