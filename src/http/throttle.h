/*
 * throttle.h - sign-in throttling in the memory of this node, built so that
 * nobody can lock an account out by guessing from elsewhere:
 *  - per (login, client address) pair: THROTTLE_PAIR_BURST attempts at once,
 *    then one every THROTTLE_PAIR_INTERVAL_S (a wrong guess from another
 *    address never touches the owner's pair);
 *  - per client address, over all logins: THROTTLE_ADDRESS_BURST, then one
 *    every THROTTLE_ADDRESS_INTERVAL_S (one address spraying many logins);
 *  - per login, over all addresses: a high ceiling, THROTTLE_LOGIN_BURST,
 *    then one every THROTTLE_LOGIN_INTERVAL_S (many addresses guessing one
 *    password only get a slowed pace, never a lock);
 *  - server-wide: THROTTLE_GLOBAL_BURST, then THROTTLE_GLOBAL_PER_S a second
 *    (bounds the argon2id work an unauthenticated crowd can cause).
 * Every limit is a GCRA bucket (core/ratelimit.h): the wait after a burst
 * grows with the attempts made (backoff) and is reported for Retry-After.
 * An attempt is reserved - counted - BEFORE its password is hashed, under
 * one lock, so concurrent guesses cannot all pass a check made before any
 * of them failed; a successful sign-in gives its reservation back. At most THROTTLE_HASHES_MAX password checks run at once
 * (argon2id takes 64 MiB each); others wait up to THROTTLE_HASH_WAIT_MS.
 */
#ifndef PX_HTTP_THROTTLE_H
#define PX_HTTP_THROTTLE_H

#include <stdint.h>

#include "util/err.h"

#define THROTTLE_PAIR_BURST 5
#define THROTTLE_PAIR_INTERVAL_S 180 /* 5 in the first quarter hour, then one every 3 min */
#define THROTTLE_ADDRESS_BURST 20
#define THROTTLE_ADDRESS_INTERVAL_S 45
#define THROTTLE_LOGIN_BURST 100
#define THROTTLE_LOGIN_INTERVAL_S 9
#define THROTTLE_GLOBAL_BURST 200
#define THROTTLE_GLOBAL_PER_S 20
#define THROTTLE_KEYS 16384
#define THROTTLE_HASHES_MAX 4
#define THROTTLE_HASH_WAIT_MS 10000

/*
 * Reserve one sign-in attempt for login from address: 0 (counted), or
 * PX_ELIMIT "too_many_attempts" (field "login") with *retry_after_s the
 * seconds to wait; nothing is counted then against the limits that passed
 * before the refusing one was met (they are checked pair, address, login,
 * global and taken only when all allow). PX_EBUSY "throttle_unavailable"
 * when the tables could not be made (fail closed).
 */
int throttle_login_reserve(const char *login, const char *address, int64_t *retry_after_s,
			   struct px_err *err);

/*
 * The reserved attempt had the right password: it is given back to every
 * limit but the server-wide one, so signing in often is never throttled.
 */
void throttle_login_succeeded(const char *login, const char *address);

/*
 * Enter the bounded section of password checks: 0, or PX_EBUSY
 * "server_busy" after THROTTLE_HASH_WAIT_MS (answer 503 with Retry-After).
 * Every 0 is paired with one throttle_hash_leave().
 */
int throttle_hash_enter(struct px_err *err);
void throttle_hash_leave(void);

#endif
