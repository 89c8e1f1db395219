/*
 * deadline.h - the header deadline against slowloris: libmicrohttpd's
 * connection timeout restarts at every byte received, so a client sending one
 * header byte every few seconds holds a connection for ever. Every connection
 * is recorded when it opens (MHD_OPTION_NOTIFY_CONNECTION) with the time its
 * current request began; a watcher thread shuts down the socket of any
 * connection whose request line and headers are not complete within the
 * deadline, and libmicrohttpd then closes it.
 */
#ifndef PX_HTTP_DEADLINE_H
#define PX_HTTP_DEADLINE_H

#include <microhttpd.h>

#define HTTP_HEADER_DEADLINE_DEFAULT 30 /* seconds */

struct http_deadline;

/* Start the watcher; seconds <= 0 disables it (NULL is returned, every call below accepts NULL). */
struct http_deadline *http_deadline_start(int seconds);
void http_deadline_stop(struct http_deadline *d);

/* MHD_OPTION_NOTIFY_CONNECTION callback; cls is the struct http_deadline. */
void http_deadline_notify(void *cls, struct MHD_Connection *conn, void **socket_context,
			  enum MHD_ConnectionNotificationCode code);

/* The headers of the connection's request are complete / its request is over (keep-alive: the next starts). */
void http_deadline_headers_done(struct http_deadline *d, struct MHD_Connection *conn);
void http_deadline_request_done(struct http_deadline *d, struct MHD_Connection *conn);

#endif
