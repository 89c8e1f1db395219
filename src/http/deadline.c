/*
 * deadline.c - the header and body deadlines (see deadline.h): one watcher
 * thread looks at every open connection once a second and shuts down the
 * socket of one whose headers, or whose body, are late.
 */
#include "http/deadline.h"

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <time.h>

enum phase {
	PHASE_HEADERS, /* the request line and headers are being read */
	PHASE_BODY,    /* the body is being read */
	PHASE_HANDLED, /* the request is being handled or answered: not watched */
};

struct watch {
	int fd;
	long long start_us;   /* when the current phase began */
	long long body_bytes; /* body bytes received in PHASE_BODY */
	enum phase phase;
	bool cut;
	struct watch *prev, *next;
};

struct http_deadline {
	long long limit_us;      /* headers; 0: not limited */
	long long body_limit_us; /* the body's grace; 0: bodies not limited */
	long long body_rate;     /* bytes a second that each buy more time (0: none) */
	pthread_mutex_t lock; /* guards the list and every watch in it */
	pthread_cond_t wake;
	bool stop;
	struct watch *head;
	pthread_t thread;
};

static long long mono_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* Is the watched connection past its deadline at `now`? */
static bool late(const struct http_deadline *d, const struct watch *w, long long now)
{
	long long allowed;

	if (w->cut)
		return false;
	switch (w->phase) {
	case PHASE_HEADERS:
		return d->limit_us && now - w->start_us > d->limit_us;
	case PHASE_BODY:
		if (!d->body_limit_us)
			return false;
		/* each byte received buys 1/rate s more: a body must keep up the rate after the grace */
		allowed = d->body_limit_us + (d->body_rate ? w->body_bytes * 1000000 / d->body_rate : 0);
		return now - w->start_us > allowed;
	default:
		return false;
	}
}

static void *watcher(void *arg)
{
	struct http_deadline *d = arg;
	struct timespec until;

	pthread_mutex_lock(&d->lock);
	while (!d->stop) {
		long long now = mono_us();
		for (struct watch *w = d->head; w; w = w->next)
			if (late(d, w, now)) {
				/* libmicrohttpd sees the end of the stream and closes the connection */
				shutdown(w->fd, SHUT_RDWR);
				w->cut = true;
			}
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += 1;
		while (!d->stop && pthread_cond_timedwait(&d->wake, &d->lock, &until) != ETIMEDOUT)
			;
	}
	pthread_mutex_unlock(&d->lock);
	return NULL;
}

struct http_deadline *http_deadline_start(int header_s, int body_s, long body_rate)
{
	struct http_deadline *d;
	if ((header_s <= 0 && body_s <= 0) || !(d = calloc(1, sizeof(*d))))
		return NULL;
	d->limit_us = header_s > 0 ? (long long)header_s * 1000000 : 0;
	d->body_limit_us = body_s > 0 ? (long long)body_s * 1000000 : 0;
	d->body_rate = body_rate > 0 ? body_rate : 0;
	pthread_mutex_init(&d->lock, NULL);
	pthread_cond_init(&d->wake, NULL);
	if (pthread_create(&d->thread, NULL, watcher, d)) {
		pthread_mutex_destroy(&d->lock);
		pthread_cond_destroy(&d->wake);
		free(d);
		return NULL;
	}
	return d;
}

void http_deadline_stop(struct http_deadline *d)
{
	if (!d)
		return;
	pthread_mutex_lock(&d->lock);
	d->stop = true;
	pthread_cond_signal(&d->wake);
	pthread_mutex_unlock(&d->lock);
	pthread_join(d->thread, NULL);
	while (d->head) {
		struct watch *w = d->head;
		d->head = w->next;
		free(w);
	}
	pthread_mutex_destroy(&d->lock);
	pthread_cond_destroy(&d->wake);
	free(d);
}

void http_deadline_notify(void *cls, struct MHD_Connection *conn, void **socket_context,
			  enum MHD_ConnectionNotificationCode code)
{
	struct http_deadline *d = cls;
	struct watch *w = *socket_context;

	if (!d)
		return;
	if (code == MHD_CONNECTION_NOTIFY_STARTED) {
		const union MHD_ConnectionInfo *ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
		if (!ci || !(w = calloc(1, sizeof(*w))))
			return;
		w->fd = ci->connect_fd;
		w->start_us = mono_us();
		pthread_mutex_lock(&d->lock);
		w->next = d->head;
		if (d->head)
			d->head->prev = w;
		d->head = w;
		pthread_mutex_unlock(&d->lock);
		*socket_context = w;
	} else if (code == MHD_CONNECTION_NOTIFY_CLOSED && w) {
		/* called before libmicrohttpd closes the socket: the fd is never shut down after reuse */
		pthread_mutex_lock(&d->lock);
		if (w->prev)
			w->prev->next = w->next;
		else
			d->head = w->next;
		if (w->next)
			w->next->prev = w->prev;
		pthread_mutex_unlock(&d->lock);
		free(w);
		*socket_context = NULL;
	}
}

static struct watch *watch_of(struct MHD_Connection *conn)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	return ci ? ci->socket_context : NULL;
}

/* Move the connection's watch to `phase`; a new phase starts its clock, bytes add to the body's. */
static void watch_set(struct http_deadline *d, struct MHD_Connection *conn, enum phase phase, size_t bytes)
{
	struct watch *w;
	if (!d || !(w = watch_of(conn)))
		return;
	pthread_mutex_lock(&d->lock);
	if (w->phase != phase) {
		w->phase = phase;
		w->start_us = mono_us();
		w->body_bytes = 0;
	}
	w->body_bytes += (long long)bytes;
	pthread_mutex_unlock(&d->lock);
}

void http_deadline_headers_done(struct http_deadline *d, struct MHD_Connection *conn)
{
	watch_set(d, conn, PHASE_BODY, 0);
}

void http_deadline_body_bytes(struct http_deadline *d, struct MHD_Connection *conn, size_t n)
{
	watch_set(d, conn, PHASE_BODY, n);
}

void http_deadline_body_done(struct http_deadline *d, struct MHD_Connection *conn)
{
	watch_set(d, conn, PHASE_HANDLED, 0);
}

void http_deadline_request_done(struct http_deadline *d, struct MHD_Connection *conn)
{
	watch_set(d, conn, PHASE_HEADERS, 0);
}
