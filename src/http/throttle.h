/*
 * throttle.h - sign-in throttling, per login and per client address, in the
 * memory of this node. After THROTTLE_LOGIN_FAILURES failed attempts for one
 * login (or THROTTLE_ADDRESS_FAILURES from one address) further attempts are
 * refused with 429 until the window has passed, whether the password would
 * be right or not.
 */
#ifndef PX_HTTP_THROTTLE_H
#define PX_HTTP_THROTTLE_H

#include "util/err.h"

#define THROTTLE_LOGIN_FAILURES 5
#define THROTTLE_ADDRESS_FAILURES 20
#define THROTTLE_WINDOW_S 900

/* 0, or PX_ELIMIT ("too_many_attempts") when the login or address is throttled. */
int throttle_login_check(const char *login, const char *address, struct px_err *err);
/* Count one failed attempt against both keys. */
void throttle_login_failed(const char *login, const char *address);
/* Forget everything (tests). */
void throttle_reset(void);

#endif
