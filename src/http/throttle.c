/*
 * throttle.c - failed sign-in counters in a fixed-size table (see
 * throttle.h). The table never grows: a key lives in one of THROTTLE_PROBE
 * slots after the one it hashes to; a new key takes a free or expired slot
 * there, or else shares the first one's counter (so an attacker flooding keys
 * can only make throttling stricter, never lift it).
 */
#include "http/throttle.h"

#include <pthread.h>
#include <sodium.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

#define THROTTLE_SLOTS 4096
#define THROTTLE_PROBE 8

struct slot {
	unsigned char key[16]; /* keyed hash of "l:" login or "a:" address */
	int64_t window_start;  /* seconds */
	int failures;
};

static struct slot slots[THROTTLE_SLOTS];
static unsigned char hash_key[crypto_shorthash_KEYBYTES];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void init_key(void)
{
	randombytes_buf(hash_key, sizeof(hash_key));
}

static int64_t now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec;
}

/*
 * The slot of a key: its own among THROTTLE_PROBE neighbours, else a free or
 * expired one; when all are live with other keys (a flood of keys), the
 * first is shared, which only makes throttling stricter.
 */
static struct slot *find(char kind, const char *value, int64_t now)
{
	unsigned char h[16];
	crypto_generichash_state st;
	struct slot *take = NULL;
	crypto_generichash_init(&st, hash_key, sizeof(hash_key), sizeof(h));
	crypto_generichash_update(&st, (const unsigned char *)&kind, 1);
	crypto_generichash_update(&st, (const unsigned char *)value, strlen(value));
	crypto_generichash_final(&st, h, sizeof(h));
	size_t home = (size_t)(h[0] | h[1] << 8) % THROTTLE_SLOTS;
	for (size_t i = 0; i < THROTTLE_PROBE; i++) {
		struct slot *s = &slots[(home + i) % THROTTLE_SLOTS];
		bool expired = now - s->window_start >= THROTTLE_WINDOW_S || !s->failures;
		if (!memcmp(s->key, h, sizeof(h))) {
			take = s;
			break;
		}
		if (expired && !take)
			take = s;
	}
	if (!take)
		take = &slots[home];
	if (memcmp(take->key, h, sizeof(h)) && (now - take->window_start >= THROTTLE_WINDOW_S || !take->failures)) {
		memcpy(take->key, h, sizeof(h));
		take->failures = 0;
		take->window_start = now;
	}
	if (now - take->window_start >= THROTTLE_WINDOW_S) {
		take->failures = 0;
		take->window_start = now;
	}
	return take;
}

int throttle_login_check(const char *login, const char *address, struct px_err *err)
{
	int64_t now = now_s();
	bool limited;
	pthread_once(&once, init_key);
	pthread_mutex_lock(&lock);
	limited = find('l', login, now)->failures >= THROTTLE_LOGIN_FAILURES ||
		  find('a', address, now)->failures >= THROTTLE_ADDRESS_FAILURES;
	pthread_mutex_unlock(&lock);
	return limited ? px_err_set(err, PX_ELIMIT, "too_many_attempts", "login",
				    "too many failed sign-ins: wait %d minutes", THROTTLE_WINDOW_S / 60)
		       : 0;
}

void throttle_login_failed(const char *login, const char *address)
{
	int64_t now = now_s();
	pthread_once(&once, init_key);
	pthread_mutex_lock(&lock);
	find('l', login, now)->failures++;
	find('a', address, now)->failures++;
	pthread_mutex_unlock(&lock);
}

void throttle_reset(void)
{
	pthread_mutex_lock(&lock);
	memset(slots, 0, sizeof(slots));
	pthread_mutex_unlock(&lock);
}
