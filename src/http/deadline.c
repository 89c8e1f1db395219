/*
 * deadline.c - the header deadline (see deadline.h).
 */
#include "http/deadline.h"

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <time.h>

struct watch {
	int fd;
	long long start_us; /* when the current request began */
	bool headers_done, cut;
	struct watch *prev, *next;
};

struct http_deadline {
	long long limit_us;
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

static void *watcher(void *arg)
{
	struct http_deadline *d = arg;
	struct timespec until;

	pthread_mutex_lock(&d->lock);
	while (!d->stop) {
		long long now = mono_us();
		for (struct watch *w = d->head; w; w = w->next)
			if (!w->headers_done && !w->cut && now - w->start_us > d->limit_us) {
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

struct http_deadline *http_deadline_start(int seconds)
{
	struct http_deadline *d;
	if (seconds <= 0 || !(d = calloc(1, sizeof(*d))))
		return NULL;
	d->limit_us = (long long)seconds * 1000000;
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

void http_deadline_headers_done(struct http_deadline *d, struct MHD_Connection *conn)
{
	struct watch *w;
	if (!d || !(w = watch_of(conn)))
		return;
	pthread_mutex_lock(&d->lock);
	w->headers_done = true;
	pthread_mutex_unlock(&d->lock);
}

void http_deadline_request_done(struct http_deadline *d, struct MHD_Connection *conn)
{
	struct watch *w;
	if (!d || !(w = watch_of(conn)))
		return;
	pthread_mutex_lock(&d->lock);
	w->headers_done = false;
	w->start_us = mono_us();
	pthread_mutex_unlock(&d->lock);
}
