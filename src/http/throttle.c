/*
 * throttle.c - sign-in limits and the bound on concurrent password checks
 * (see throttle.h). Four GCRA tables (core/ratelimit.h) under one lock:
 * a reservation first asks every table how long it would wait, and takes a
 * token from all of them only when none would, so a refusal by one limit
 * spends nothing of the others. The tables are made on first use; when they
 * cannot be, sign-in is refused (fail closed).
 */
#include "http/throttle.h"

#include <errno.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/ratelimit.h"

enum { T_PAIR, T_ADDRESS, T_LOGIN, T_GLOBAL, T_COUNT };

/* One limit: its rate, and how its key is made from login and address. */
static const struct {
	struct rl_rate rate;
	uint32_t keys;
} limits[T_COUNT] = {
	[T_PAIR] = { { THROTTLE_PAIR_INTERVAL_S * 1000000LL, THROTTLE_PAIR_BURST }, THROTTLE_KEYS },
	[T_ADDRESS] = { { THROTTLE_ADDRESS_INTERVAL_S * 1000000LL, THROTTLE_ADDRESS_BURST }, THROTTLE_KEYS },
	[T_LOGIN] = { { THROTTLE_LOGIN_INTERVAL_S * 1000000LL, THROTTLE_LOGIN_BURST }, THROTTLE_KEYS },
	[T_GLOBAL] = { { 1000000LL / THROTTLE_GLOBAL_PER_S, THROTTLE_GLOBAL_BURST }, 1 },
};

static struct rl_limiter tables[T_COUNT];
static bool ready;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t once = PTHREAD_ONCE_INIT;

/* The bounded section of password checks. */
static pthread_mutex_t hash_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t hash_free = PTHREAD_COND_INITIALIZER;
static int hashing;

static void init_tables(void)
{
	unsigned char secret[KEYTAB_SECRET_BYTES];
	randombytes_buf(secret, sizeof(secret));
	ready = true;
	for (int i = 0; i < T_COUNT; i++)
		ready = rl_limiter_init(&tables[i], &limits[i].rate, limits[i].keys, secret, NULL) == 0 && ready;
	sodium_memzero(secret, sizeof(secret));
}

static int64_t now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/*
 * The key of each table. Logins are at most 64 bytes and keys at most 63, so
 * login keys are a short keyed hash of the login (no login text in memory
 * dumps either); an address is at most 47 bytes.
 */
static void make_keys(const char *login, const char *address, char keys[T_COUNT][KEYTAB_KEY_MAX])
{
	unsigned char h[16];
	char hex[33];
	crypto_generichash(h, sizeof(h), (const unsigned char *)login, strlen(login), NULL, 0);
	sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
	address = address && *address ? address : "unknown";
	snprintf(keys[T_PAIR], KEYTAB_KEY_MAX, "p:%.16s|%.44s", hex, address);
	snprintf(keys[T_ADDRESS], KEYTAB_KEY_MAX, "a:%s", address);
	snprintf(keys[T_LOGIN], KEYTAB_KEY_MAX, "l:%s", hex);
	snprintf(keys[T_GLOBAL], KEYTAB_KEY_MAX, "all");
}

int throttle_login_reserve(const char *login, const char *address, int64_t *retry_after_s,
			   struct px_err *err)
{
	char keys[T_COUNT][KEYTAB_KEY_MAX];
	int64_t now = now_us(), wait = 0;

	*retry_after_s = 0;
	pthread_once(&once, init_tables);
	if (!ready)
		return px_err_set(err, PX_EBUSY, "throttle_unavailable", NULL, "try again later");
	make_keys(login ? login : "", address, keys);
	pthread_mutex_lock(&lock);
	for (int i = 0; i < T_COUNT; i++) {
		int64_t w = rl_limiter_wait(&tables[i], keys[i], now);
		wait = w > wait ? w : wait;
	}
	for (int i = 0; i < T_COUNT && !wait; i++)
		rl_limiter_take(&tables[i], keys[i], now, NULL, NULL);
	pthread_mutex_unlock(&lock);
	if (!wait)
		return 0;
	*retry_after_s = (wait + 999999) / 1000000;
	return px_err_set(err, PX_ELIMIT, "too_many_attempts", "login",
			  "too many sign-in attempts: try again in %lld seconds", (long long)*retry_after_s);
}

void throttle_login_succeeded(const char *login, const char *address)
{
	char keys[T_COUNT][KEYTAB_KEY_MAX];
	int64_t now = now_us();

	pthread_once(&once, init_tables);
	if (!ready)
		return;
	make_keys(login ? login : "", address, keys);
	pthread_mutex_lock(&lock);
	for (int i = 0; i < T_COUNT; i++)
		if (i != T_GLOBAL) /* the server-wide ceiling bounds work, right or wrong */
			rl_limiter_give_back(&tables[i], keys[i], now);
	pthread_mutex_unlock(&lock);
}

int throttle_hash_enter(struct px_err *err)
{
	struct timespec until;
	int rc = 0;

	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += THROTTLE_HASH_WAIT_MS / 1000;
	until.tv_nsec += (long)(THROTTLE_HASH_WAIT_MS % 1000) * 1000000L;
	if (until.tv_nsec >= 1000000000L) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000L;
	}
	pthread_mutex_lock(&hash_lock);
	while (hashing >= THROTTLE_HASHES_MAX && rc != ETIMEDOUT)
		rc = pthread_cond_timedwait(&hash_free, &hash_lock, &until);
	if (hashing < THROTTLE_HASHES_MAX) {
		hashing++;
		rc = 0;
	}
	pthread_mutex_unlock(&hash_lock);
	return rc ? px_err_set(err, PX_EBUSY, "server_busy", NULL, "too many sign-ins at once: try again")
		  : 0;
}

void throttle_hash_leave(void)
{
	pthread_mutex_lock(&hash_lock);
	hashing--;
	pthread_cond_signal(&hash_free);
	pthread_mutex_unlock(&hash_lock);
}
