/*
 * throttle_public.h - a rate limit for the public's writes (objections),
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

#endif
