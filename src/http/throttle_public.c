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

#include <stdio.h>

struct throttle {
	struct rl_limiter limiter;
	bool ready;
	pthread_mutex_t lock;
	pthread_once_t once;
};

static struct throttle objections = { .lock = PTHREAD_MUTEX_INITIALIZER, .once = PTHREAD_ONCE_INIT };
static struct throttle registrations = { .lock = PTHREAD_MUTEX_INITIALIZER, .once = PTHREAD_ONCE_INIT };

static void init_one(struct throttle *t, int64_t interval_s, int burst)
{
	unsigned char secret[KEYTAB_SECRET_BYTES];
	const struct rl_rate rate = { interval_s * 1000000, burst };
	randombytes_buf(secret, sizeof(secret));
	t->ready = rl_limiter_init(&t->limiter, &rate, THROTTLE_PUBLIC_KEYS, secret, NULL) == 0;
}

static void init_objections(void)
{
	init_one(&objections, THROTTLE_PUBLIC_INTERVAL_S, THROTTLE_PUBLIC_BURST);
}

static void init_registrations(void)
{
	init_one(&registrations, THROTTLE_REGISTER_INTERVAL_S, THROTTLE_REGISTER_BURST);
}

static int64_t now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* Take one token of t for key: 0, or PX_ELIMIT "rate_limited" saying what is throttled. */
static int take(struct throttle *t, void (*init)(void), const char *key, const char *what, int64_t *retry_after_s,
		struct px_err *err)
{
	int64_t wait = 0;
	int rc;

	*retry_after_s = 0;
	pthread_once(&t->once, init);
	if (!t->ready)
		return px_err_set(err, PX_EBUSY, "throttle_unavailable", NULL, "try again later");
	pthread_mutex_lock(&t->lock);
	rc = rl_limiter_take(&t->limiter, key, now_us(), &wait, err);
	pthread_mutex_unlock(&t->lock);
	if (rc == PX_ELIMIT) {
		*retry_after_s = (wait + 999999) / 1000000;
		return px_err_set(err, PX_ELIMIT, "rate_limited", NULL, "too many %s: try again in %lld seconds",
				  what, (long long)*retry_after_s);
	}
	return rc;
}

int throttle_public_take(const char *address, int64_t *retry_after_s, struct px_err *err)
{
	return take(&objections, init_objections, address && *address ? address : "unknown",
		    "objections from this address", retry_after_s, err);
}

int throttle_register_take(int64_t account_id, int64_t *retry_after_s, struct px_err *err)
{
	char key[32];
	snprintf(key, sizeof(key), "account:%lld", (long long)account_id);
	return take(&registrations, init_registrations, key, "registrations from this account", retry_after_s, err);
}
