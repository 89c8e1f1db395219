/*
 * deadline.h - the header deadline against slowloris: libmicrohttpd's
 * connection timeout restarts at every byte received, so a client sending one
 * header byte every few seconds holds a connection for ever. Every connection
 * is recorded when it opens (MHD_OPTION_NOTIFY_CONNECTION) with the time its
 * current request began; a watcher thread shuts down the socket of any
 * connection whose request line and headers are not complete within the
 * deadline, and libmicrohttpd then closes it.
 *
 * Bodies likewise: a client that sends its body a byte a second would hold
 * a connection (and its buffer) for as long as it likes. Once the headers
 * are in, the body gets a grace of `body_s` seconds, and every byte received
 * buys 1/`body_rate` second more: a body that falls below the minimum rate
 * after the grace is cut. A body of N bytes thus has at most
 * body_s + N/body_rate seconds. Handling and answering are not timed.
 */
#ifndef PX_HTTP_DEADLINE_H
#define PX_HTTP_DEADLINE_H

#include <microhttpd.h>

#define HTTP_HEADER_DEADLINE_DEFAULT 30  /* seconds */
#define HTTP_BODY_DEADLINE_DEFAULT 30    /* seconds of grace for a body */
#define HTTP_BODY_MIN_RATE_DEFAULT 4096  /* bytes a second a body keeps up after the grace */

struct http_deadline;

/*
 * Start the watcher: header_s for the request line and headers, body_s the
 * body's grace and body_rate its minimum rate (bytes a second; 0: the body
 * must be complete within body_s). A value <= 0 disables that deadline; with
 * both disabled NULL is returned (every call below accepts NULL).
 */
struct http_deadline *http_deadline_start(int header_s, int body_s, long body_rate);
void http_deadline_stop(struct http_deadline *d);

/* MHD_OPTION_NOTIFY_CONNECTION callback; cls is the struct http_deadline. */
void http_deadline_notify(void *cls, struct MHD_Connection *conn, void **socket_context,
			  enum MHD_ConnectionNotificationCode code);

/* The headers of the connection's request are complete / its request is over (keep-alive: the next starts). */
void http_deadline_headers_done(struct http_deadline *d, struct MHD_Connection *conn);
void http_deadline_request_done(struct http_deadline *d, struct MHD_Connection *conn);

/* n more body bytes received / the body is complete (the request is handled from now on). */
void http_deadline_body_bytes(struct http_deadline *d, struct MHD_Connection *conn, size_t n);
void http_deadline_body_done(struct http_deadline *d, struct MHD_Connection *conn);

#endif
