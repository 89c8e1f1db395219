/*
 * ratelimit.c - token buckets per key in GCRA form (ratelimit.h). A bucket is
 * one int64: the time at which it would be full again (TAT). A request at t
 * is allowed when max(TAT, t) + interval - t <= burst * interval, and then
 * moves TAT to max(TAT, t) + interval; integers only, so the same requests at
 * the same times give the same answers anywhere. A min-heap on TAT finds the
 * bucket to evict when the table is full, in O(log n).
 */
#include "core/ratelimit.h"

#include <stdlib.h>
#include <string.h>

static bool before(const struct rl_limiter *l, uint32_t a, uint32_t b)
{
	return l->tat[a] < l->tat[b] || (l->tat[a] == l->tat[b] && a < b);
}

static void heap_put(struct rl_limiter *l, uint32_t pos, uint32_t e)
{
	l->heap[pos] = e;
	l->heap_pos[e] = pos;
}

static void sift_up(struct rl_limiter *l, uint32_t pos)
{
	uint32_t e = l->heap[pos];
	while (pos > 0) {
		uint32_t parent = (pos - 1) / 2;
		if (!before(l, e, l->heap[parent]))
			break;
		heap_put(l, pos, l->heap[parent]);
		pos = parent;
	}
	heap_put(l, pos, e);
}

static void sift_down(struct rl_limiter *l, uint32_t pos)
{
	uint32_t n = l->keys.n, e = l->heap[pos];
	for (;;) {
		uint32_t c = 2 * pos + 1;
		if (c >= n)
			break;
		if (c + 1 < n && before(l, l->heap[c + 1], l->heap[c]))
			c++;
		if (!before(l, l->heap[c], e))
			break;
		heap_put(l, pos, l->heap[c]);
		pos = c;
	}
	heap_put(l, pos, e);
}

/* Remove the bucket with the smallest TAT (the stalest, closest to full). */
static void pop_min(struct rl_limiter *l)
{
	uint32_t e = l->heap[0];
	uint32_t last = l->heap[l->keys.n - 1];
	keytab_remove(&l->keys, e);
	if (l->keys.n > 0) {
		heap_put(l, 0, last);
		sift_down(l, 0);
	}
}

int rl_limiter_init(struct rl_limiter *l, const struct rl_rate *rate, uint32_t max_keys,
		    const unsigned char secret[KEYTAB_SECRET_BYTES], struct px_err *err)
{
	int rc;

	memset(l, 0, sizeof(*l));
	if (!rate || rate->interval_us < 1 || rate->interval_us > RL_INTERVAL_MAX ||
	    rate->burst < 1 || rate->burst > RL_BURST_MAX)
		return px_err_set(err, PX_EINVAL, "rl_bad_rate", "rate",
				  "a rate needs an interval of 1 us to 1 day and a burst of 1 to %u",
				  RL_BURST_MAX);
	if ((rc = keytab_init(&l->keys, max_keys, secret, err)))
		return rc;
	l->rate = *rate;
	l->tat = malloc(max_keys * sizeof(*l->tat));
	l->heap = malloc(max_keys * sizeof(*l->heap));
	l->heap_pos = malloc(max_keys * sizeof(*l->heap_pos));
	if (!l->tat || !l->heap || !l->heap_pos) {
		rl_limiter_release(l);
		return px_err_set(err, PX_ENOMEM, NULL, "", "out of memory for a rate limiter");
	}
	return 0;
}

void rl_limiter_release(struct rl_limiter *l)
{
	if (!l)
		return;
	keytab_release(&l->keys);
	free(l->tat);
	free(l->heap);
	free(l->heap_pos);
	memset(l, 0, sizeof(*l));
}

int rl_limiter_take(struct rl_limiter *l, const char *key, int64_t now_us,
		    int64_t *retry_after_us, struct px_err *err)
{
	if (retry_after_us)
		*retry_after_us = 0;
	if (!keytab_key_ok(key))
		return px_err_set(err, PX_EINVAL, "rl_bad_key", "key",
				  "a rate-limit key has 1 to %d bytes", KEYTAB_KEY_MAX - 1);
	if (now_us < 0 || now_us > RL_TIME_MAX)
		return px_err_set(err, PX_EINVAL, "rl_bad_time", "now",
				  "time out of range '%lld'", (long long)now_us);

	int64_t interval = l->rate.interval_us;
	int64_t span = (int64_t)l->rate.burst * interval;
	int64_t found = keytab_find(&l->keys, key);
	int64_t tat = found < 0 || l->tat[found] < now_us ? now_us : l->tat[found];
	int64_t next = tat + interval;

	if (next - now_us > span) {
		if (retry_after_us)
			*retry_after_us = next - now_us - span;
		return px_err_set(err, PX_ELIMIT, "rate_limited", "",
				  "too many requests, retry in %lld us",
				  (long long)(next - now_us - span));
	}
	if (found >= 0) {
		l->tat[found] = next;
		sift_down(l, l->heap_pos[found]); /* TAT only grows */
		return 0;
	}
	if (l->keys.n == l->keys.max) {
		l->evicted_live += l->tat[l->heap[0]] > now_us;
		pop_min(l);
	}
	uint32_t e = keytab_add(&l->keys, key);
	l->tat[e] = next;
	heap_put(l, l->keys.n - 1, e);
	sift_up(l, l->keys.n - 1);
	return 0;
}

int64_t rl_limiter_wait(const struct rl_limiter *l, const char *key, int64_t now_us)
{
	if (!keytab_key_ok(key) || now_us < 0 || now_us > RL_TIME_MAX)
		return RL_INTERVAL_MAX;
	int64_t found = keytab_find(&l->keys, key);
	int64_t tat = found < 0 || l->tat[found] < now_us ? now_us : l->tat[found];
	int64_t over = tat + l->rate.interval_us - now_us - (int64_t)l->rate.burst * l->rate.interval_us;
	return over > 0 ? over : 0;
}

void rl_limiter_give_back(struct rl_limiter *l, const char *key, int64_t now_us)
{
	if (!keytab_key_ok(key))
		return;
	int64_t found = keytab_find(&l->keys, key);
	if (found < 0)
		return;
	int64_t back = l->tat[found] - l->rate.interval_us;
	l->tat[found] = back > now_us ? back : now_us;
	sift_up(l, l->heap_pos[found]); /* TAT only shrinks */
}

size_t rl_limiter_sweep(struct rl_limiter *l, int64_t now_us)
{
	size_t dropped = 0;
	while (l->keys.n > 0 && l->tat[l->heap[0]] <= now_us) {
		pop_min(l);
		dropped++;
	}
	return dropped;
}

uint32_t rl_limiter_count(const struct rl_limiter *l)
{
	return l->keys.n;
}
