/*
 * session_cache.c - resolved sessions kept for a moment (see
 * session_cache.h): a fixed table indexed by the token hash's first bytes,
 * under one mutex; a new entry takes its slot from whatever was there.
 */
#include "app/people/session_cache.h"

#include <pthread.h>
#include <string.h>
#include <time.h>

#define SLOTS 1024

struct slot {
	bool used;
	uint64_t owner, gen;
	long long born_ms;
	char th[CHAIN_HEX_LEN + 1];
	struct session_cached v;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct slot slots[SLOTS];

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static struct slot *slot_of(const char *th)
{
	unsigned h = 0;
	for (int i = 0; i < 6; i++) /* hex digits of a SHA-256: uniformly spread */
		h = h * 16 + (unsigned)(th[i] <= '9' ? th[i] - '0' : (th[i] | 0x20) - 'a' + 10);
	return &slots[h % SLOTS];
}

bool session_cache_get(uint64_t owner, uint64_t gen, const char th[CHAIN_HEX_LEN + 1], struct session_cached *out)
{
	struct slot *s = slot_of(th);
	bool hit;

	pthread_mutex_lock(&lock);
	hit = s->used && s->owner == owner && s->gen == gen && !strcmp(s->th, th) &&
	      now_ms() - s->born_ms < SESSION_CACHE_MAX_AGE_MS;
	if (hit)
		*out = s->v;
	pthread_mutex_unlock(&lock);
	return hit;
}

void session_cache_put(uint64_t owner, uint64_t gen, const char th[CHAIN_HEX_LEN + 1],
		       const struct session_cached *in)
{
	struct slot *s = slot_of(th);

	pthread_mutex_lock(&lock);
	s->used = true;
	s->owner = owner;
	s->gen = gen;
	s->born_ms = now_ms();
	memcpy(s->th, th, sizeof(s->th));
	s->v = *in;
	pthread_mutex_unlock(&lock);
}

void session_cache_forget(const char th[CHAIN_HEX_LEN + 1])
{
	struct slot *s = slot_of(th);

	pthread_mutex_lock(&lock);
	if (s->used && !strcmp(s->th, th))
		s->used = false;
	pthread_mutex_unlock(&lock);
}
