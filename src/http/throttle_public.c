/*
 * throttle_public.c - one GCRA limiter per node for the public's writes, by
 * client address (see throttle_public.h). Made on first use; a limiter that
 * cannot be made refuses (fail closed).
 */
#include "http/throttle_public.h"

#include <pthread.h>
#include <sodium.h>
#include <time.h>

#include "core/ratelimit.h"

static struct rl_limiter limiter;
static bool ready;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void init_limiter(void)
{
	unsigned char secret[KEYTAB_SECRET_BYTES];
	const struct rl_rate rate = { (int64_t)THROTTLE_PUBLIC_INTERVAL_S * 1000000, THROTTLE_PUBLIC_BURST };
	randombytes_buf(secret, sizeof(secret));
	ready = rl_limiter_init(&limiter, &rate, THROTTLE_PUBLIC_KEYS, secret, NULL) == 0;
}

static int64_t now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

int throttle_public_take(const char *address, int64_t *retry_after_s, struct px_err *err)
{
	int64_t wait = 0;
	int rc;

	*retry_after_s = 0;
	pthread_once(&once, init_limiter);
	if (!ready)
		return px_err_set(err, PX_EBUSY, "throttle_unavailable", NULL, "try again later");
	pthread_mutex_lock(&lock);
	rc = rl_limiter_take(&limiter, address && *address ? address : "unknown", now_us(), &wait, err);
	pthread_mutex_unlock(&lock);
	if (rc == PX_ELIMIT) {
		*retry_after_s = (wait + 999999) / 1000000;
		return px_err_set(err, PX_ELIMIT, "rate_limited", NULL,
				  "too many objections from this address: try again in %lld seconds",
				  (long long)*retry_after_s);
	}
	return rc;
}
