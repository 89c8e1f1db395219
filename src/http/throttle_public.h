/*
 * throttle_public.h - rate limits for the public's writes (objections),
 * per client address, in the memory of this node: a burst of
 * THROTTLE_PUBLIC_BURST, then one every THROTTLE_PUBLIC_INTERVAL_S seconds
 * (core/ratelimit.h's GCRA buckets in a bounded table).
 */
#ifndef PX_HTTP_THROTTLE_PUBLIC_H
#define PX_HTTP_THROTTLE_PUBLIC_H

#include <stdint.h>

#include "util/err.h"

#define THROTTLE_PUBLIC_BURST 10
#define THROTTLE_PUBLIC_INTERVAL_S 360
#define THROTTLE_PUBLIC_KEYS 8192

/*
 * Take one token for `address`: 0, or PX_ELIMIT "rate_limited" with
 * *retry_after_s the seconds to wait.
 */
int throttle_public_take(const char *address, int64_t *retry_after_s, struct px_err *err);

/*
 * Registrations by applicant accounts (organisations, persons): a refused
 * registration tells whether a USCC or resident ID number is registered, so
 * each account may try THROTTLE_REGISTER_BURST, then one every
 * THROTTLE_REGISTER_INTERVAL_S seconds. Same answers as above.
 */
#define THROTTLE_REGISTER_BURST 10
#define THROTTLE_REGISTER_INTERVAL_S 600
int throttle_register_take(int64_t account_id, int64_t *retry_after_s, struct px_err *err);

#endif
