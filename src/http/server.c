/*
 * server.c - libmicrohttpd glue: the listening socket, the access handler
 * that collects a request body under its cap, suspension and resumption of
 * parked requests, the access log, and graceful shutdown.
 *
 * libmicrohttpd calls the access handler several times per request: first
 * with the headers only (we only allocate the request record then - queuing a
 * response in that call makes 0.9.75 close the connection), then once per
 * body chunk, then once with no data, when we dispatch. A parked request is
 * suspended after dispatch; http_resume_json() stores its response and
 * resumes the connection, and the next call queues the response. Upload
 * routes (upload.c) are routed and authorised in the first call, and their
 * body goes to files instead of memory; every route is admitted (route, session,
 * roles, CSRF) in the first call, so a refused body is never read.
 */
#include "http/request.h"
#include "http/deadline.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static long long now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static struct http_req *req_new(struct http_server *srv, struct MHD_Connection *conn,
				const char *method, const char *url)
{
	struct http_req *r = calloc(1, sizeof(*r));
	if (!r)
		return NULL;
	r->srv = srv;
	r->conn = conn;
	r->method = method;
	r->path = url;
	r->t0_us = now_us();
	r->actor = app_actor_public;
	pthread_mutex_init(&r->lock, NULL);
	atomic_fetch_add(&srv->in_flight, 1);
	return r;
}

static void req_free(struct http_req *r)
{
	struct http_server *srv = r->srv;
	while (r->headers) {
		struct http_header_kv *h = r->headers;
		r->headers = h->next;
		free(h->name);
		free(h->value);
		free(h);
	}
	if (r->shared)
		http_cache_release(r->shared); /* a kept answer's response: the cache frees it */
	else if (r->response)
		MHD_destroy_response(r->response);
	http_upload_free(r);
	pthread_mutex_destroy(&r->lock);
	free(r->body);
	free(r);
	if (atomic_fetch_sub(&srv->in_flight, 1) == 1) { /* the last: wake http_server_stop */
		pthread_mutex_lock(&srv->lock);
		pthread_cond_broadcast(&srv->idle);
		pthread_mutex_unlock(&srv->lock);
	}
}

/* Append a body chunk; past the cap the request is marked too big and the rest dropped. */
static void body_append(struct http_req *r, const char *data, size_t len)
{
	size_t max = r->srv->cfg.body_max;
	if (r->too_big)
		return;
	if (len > max - r->body_len) {
		r->too_big = true;
		return;
	}
	if (r->body_len + len + 1 > r->body_cap) {
		size_t cap = r->body_cap ? r->body_cap : 1024;
		while (cap < r->body_len + len + 1)
			cap *= 2;
		char *nb = realloc(r->body, cap);
		if (!nb) {
			r->too_big = true;
			return;
		}
		r->body = nb;
		r->body_cap = cap;
	}
	memcpy(r->body + r->body_len, data, len);
	r->body_len += len;
	r->body[r->body_len] = '\0';
}

static enum MHD_Result queue(struct http_req *r)
{
	enum MHD_Result ok = MHD_queue_response(r->conn, (unsigned)r->status, r->response);
	r->state = REQ_ANSWERED;
	return ok;
}

static enum MHD_Result queue(struct http_req *r);

/*
 * The first call of a request, its headers complete: refuse what is framed
 * twice, admit (route, authenticate, roles, CSRF, scope) and refuse a
 * declared oversize body, all before a body byte is read.
 */
static enum MHD_Result on_headers(struct http_server *srv, struct MHD_Connection *conn, struct http_req *r)
{
	http_deadline_headers_done(srv->deadline, conn);
	if (MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_TRANSFER_ENCODING) &&
	    MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH)) {
		/* RFC 9112 section 6.3: a message framed twice is refused and the connection closed */
		http_add_header(r, MHD_HTTP_HEADER_CONNECTION, "close");
		http_reply_errorf(r, PX_EINVAL, "ambiguous_length", NULL, "both Content-Length and Transfer-Encoding given");
		return queue(r);
	}
	/* upload routes are admitted now, before any body byte is read */
	int up = http_upload_start(r);
	if (up)
		return up > 0 ? MHD_YES : queue(r);
	if (http_admit(r))
		return queue(r);
	const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
	if (cl) {
		char *end;
		errno = 0;
		unsigned long long n = strtoull(cl, &end, 10);
		if (errno || *end || n > srv->cfg.body_max) {
			/* refuse before reading: libmicrohttpd discards the body and closes */
			r->too_big = true;
			http_reply_errorf(r, PX_ETOOBIG, "body_too_large", NULL, "request body larger than %zu bytes",
					  srv->cfg.body_max);
			return queue(r);
		}
	}
	return MHD_YES;
}

/* The body is complete: dispatch to the handler (or answer 413), under the request's lock on return. */
static void on_body_done(struct http_server *srv, struct http_req *r)
{
	pthread_mutex_unlock(&r->lock);
	if (r->upload)
		http_upload_finish(r);
	if (r->too_big)
		http_reply_errorf(r, PX_ETOOBIG, "body_too_large", NULL, "request body larger than %zu bytes",
				  srv->cfg.body_max);
	else
		http_dispatch(r);
	http_upload_free(r); /* temporary files go before the answer does */
	pthread_mutex_lock(&r->lock);
	if (!r->response && r->state != REQ_PARKED) {
		/* a handler that neither replied nor parked is a bug: fail closed */
		pthread_mutex_unlock(&r->lock);
		http_reply_errorf(r, PX_EINTERNAL, NULL, NULL, "no response");
		pthread_mutex_lock(&r->lock);
	}
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
				  const char *method, const char *version, const char *upload_data,
				  size_t *upload_data_size, void **con_cls)
{
	struct http_server *srv = cls;
	struct http_req *r = *con_cls;
	enum MHD_Result ok;
	(void)version;

	if (!r) {
		if (!(r = req_new(srv, conn, method, url)))
			return MHD_NO;
		*con_cls = r;
		return on_headers(srv, conn, r);
	}
	if (*upload_data_size)
		http_deadline_body_bytes(srv->deadline, conn, *upload_data_size);
	if (r->state == REQ_READING && *upload_data_size && r->upload) {
		bool go_on = http_upload_feed(r, upload_data, *upload_data_size);
		*upload_data_size = 0;
		return go_on ? MHD_YES : MHD_NO;
	}
	if (r->state == REQ_READING && *upload_data_size) {
		/*
		 * A body streamed past the cap (no Content-Length) cannot be
		 * answered mid-upload: discard it and answer 413 at its end, but
		 * hang up on a client that keeps sending far beyond the cap.
		 */
		r->discarded += r->too_big ? *upload_data_size : 0;
		body_append(r, upload_data, *upload_data_size);
		*upload_data_size = 0;
		return r->discarded > 8 * srv->cfg.body_max ? MHD_NO : MHD_YES;
	}
	if (r->state == REQ_ANSWERED)
		return MHD_YES; /* already answered (oversize body) */
	http_deadline_body_done(srv->deadline, conn);

	pthread_mutex_lock(&r->lock);
	if (r->state == REQ_READING)
		on_body_done(srv, r);
	if (r->response) {
		r->suspended = false;
		ok = queue(r);
		pthread_mutex_unlock(&r->lock);
		return ok;
	}
	/* parked and not yet resumed: hold no thread while waiting */
	r->suspended = true;
	MHD_suspend_connection(conn);
	pthread_mutex_unlock(&r->lock);
	return MHD_YES;
}

void http_park(struct http_req *r)
{
	pthread_mutex_lock(&r->lock);
	r->state = REQ_PARKED;
	pthread_mutex_unlock(&r->lock);
}

void http_resume_json(struct http_req *r, int status, json_t *body)
{
	pthread_mutex_lock(&r->lock);
	http_prepare_response(r, status, body);
	if (r->suspended) {
		r->suspended = false;
		MHD_resume_connection(r->conn);
	}
	pthread_mutex_unlock(&r->lock);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	struct http_server *srv = cls;
	struct http_req *r = *con_cls;
	http_deadline_request_done(srv->deadline, conn);
	if (!r)
		return;
	if (srv->log) {
		/* method, path without query, status, microseconds: no personal data */
		fprintf(srv->log, "%s %s %d %lldus%s\n", r->method, r->path,
			r->status ? r->status : 499, now_us() - r->t0_us,
			toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " aborted");
	}
	req_free(r);
	*con_cls = NULL;
}

static int open_listener(const char *host, int port, int *fd_out, int *port_out, struct px_err *err)
{
	struct sockaddr_in6 a6 = { 0 };
	struct sockaddr_in a4 = { 0 };
	struct sockaddr *sa;
	socklen_t salen;
	int fd, one = 1;

	if (inet_pton(AF_INET, host, &a4.sin_addr) == 1) {
		a4.sin_family = AF_INET;
		a4.sin_port = htons((uint16_t)port);
		sa = (struct sockaddr *)&a4;
		salen = sizeof(a4);
	} else if (inet_pton(AF_INET6, host, &a6.sin6_addr) == 1) {
		a6.sin6_family = AF_INET6;
		a6.sin6_port = htons((uint16_t)port);
		sa = (struct sockaddr *)&a6;
		salen = sizeof(a6);
	} else {
		return px_err_set(err, PX_EINVAL, "bad_listen", "listen",
				  "listen address '%s' is not an IP address", host);
	}
	fd = socket(sa->sa_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return px_err_set(err, PX_EIO, "listen_failed", "listen", "socket: %s", strerror(errno));
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, sa, salen) || listen(fd, 1024)) {
		px_err_set(err, PX_EIO, "listen_failed", "listen", "cannot listen on %s:%d: %s", host,
			   port, strerror(errno));
		close(fd);
		return PX_EIO;
	}
	salen = sizeof(a6);
	getsockname(fd, (struct sockaddr *)&a6, &salen);
	*port_out = ntohs(a6.sin6_family == AF_INET6 ? a6.sin6_port : ((struct sockaddr_in *)&a6)->sin_port);
	*fd_out = fd;
	return 0;
}

int http_server_start(const struct http_server_config *cfg, struct http_server **out,
		      struct px_err *err)
{
	struct http_server *srv = calloc(1, sizeof(*srv));
	int rc;

	if (!srv)
		return px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
	srv->cfg = *cfg;
	srv->log = cfg->access_log;
	pthread_mutex_init(&srv->lock, NULL);
	pthread_cond_init(&srv->idle, NULL);
	if (!(srv->route_index = http_route_index_build(cfg->routes, cfg->nroutes))) {
		rc = px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
		goto out_free;
	}
	rc = open_listener(cfg->host, cfg->port, &srv->listen_fd, &srv->port, err);
	if (rc)
		goto out_free;
	srv->deadline = http_deadline_start(cfg->header_deadline, cfg->body_deadline, cfg->body_min_rate);
	srv->mhd = MHD_start_daemon(
		MHD_USE_EPOLL_INTERNAL_THREAD | MHD_ALLOW_SUSPEND_RESUME | MHD_USE_ERROR_LOG,
		0, NULL, NULL, on_request, srv,
		MHD_OPTION_LISTEN_SOCKET, srv->listen_fd,
		MHD_OPTION_THREAD_POOL_SIZE, (unsigned)(cfg->threads > 0 ? cfg->threads : 2),
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)cfg->header_max,
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30,
		MHD_OPTION_CONNECTION_LIMIT, (unsigned)4096,
		/* idle sockets from one address cannot starve the others */
		MHD_OPTION_PER_IP_CONNECTION_LIMIT,
		(unsigned)(cfg->trusted_proxy || cfg->per_address_max < 0 ? 0 : cfg->per_address_max),
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, srv,
		MHD_OPTION_NOTIFY_CONNECTION, http_deadline_notify, srv->deadline,
		MHD_OPTION_END);
	if (!srv->mhd) {
		close(srv->listen_fd);
		http_deadline_stop(srv->deadline);
		rc = px_err_set(err, PX_EIO, "server_start", "listen", "cannot start the HTTP server");
		goto out_free;
	}
	*out = srv;
	return 0;

out_free:
	http_route_index_free(srv->route_index);
	pthread_mutex_destroy(&srv->lock);
	pthread_cond_destroy(&srv->idle);
	free(srv);
	return rc;
}

int http_server_port(const struct http_server *srv)
{
	return srv->port;
}

void http_server_stop(struct http_server *srv, int grace_ms)
{
	struct timespec until;
	int fd;

	if (!srv)
		return;
	fd = MHD_quiesce_daemon(srv->mhd); /* no new connections from here on */
	if (fd >= 0)
		close(fd);
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += grace_ms / 1000;
	until.tv_nsec += (long)(grace_ms % 1000) * 1000000L;
	if (until.tv_nsec >= 1000000000L) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000L;
	}
	pthread_mutex_lock(&srv->lock);
	while (atomic_load(&srv->in_flight) > 0)
		if (pthread_cond_timedwait(&srv->idle, &srv->lock, &until) == ETIMEDOUT)
			break;
	pthread_mutex_unlock(&srv->lock);
	MHD_stop_daemon(srv->mhd);
	http_deadline_stop(srv->deadline);
	http_route_index_free(srv->route_index);
	pthread_mutex_destroy(&srv->lock);
	pthread_cond_destroy(&srv->idle);
	free(srv);
}
