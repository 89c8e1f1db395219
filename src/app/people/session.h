/*
 * session.h - signed-in sessions, kept in the database so that any node
 * behind a load balancer recognises them.
 *
 * The session token (32 random bytes, hex) goes to the browser in an HttpOnly
 * cookie; the database keeps only its SHA-256. Each session carries a CSRF
 * token that state-changing requests must echo in a header. A session
 * expires when unused for cfg.session_idle_us or older than
 * cfg.session_absolute_us, checked on the server at every use.
 */
#ifndef PX_APP_SESSION_H
#define PX_APP_SESSION_H

#include "app/app.h"

#define SESSION_TOKEN_HEX 64

/* Open a session for an authenticated account. Audited as "session.open". */
int session_open(struct app *app, const struct app_actor *account,
		 char token[SESSION_TOKEN_HEX + 1], char csrf[SESSION_TOKEN_HEX + 1],
		 struct px_err *err);

/*
 * Resolve a token to its account; fills *out and csrf. PX_EUNAUTH with key
 * "session_expired" (and the session deleted) when expired, "no_session" when
 * unknown.
 */
int session_resolve(struct app *app, const char *token, struct app_actor *out,
		    char csrf[SESSION_TOKEN_HEX + 1], struct px_err *err);

/* End a session. Audited as "session.close". */
int session_close(struct app *app, const struct app_actor *actor, const char *token,
		  struct px_err *err);

#endif
