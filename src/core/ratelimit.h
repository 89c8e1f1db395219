/*
 * ratelimit.h - throttles for logins and public votes, with time passed in.
 *
 * Two primitives, each a table bounded at creation that never grows:
 *  - rl_limiter: a token bucket per key (an address, a login name), kept in
 *    its virtual-scheduling form (GCRA): one "theoretical arrival time" (TAT)
 *    per key instead of a token count. A key may make `burst` requests at
 *    once after a quiet period and one more every `interval_us` after that.
 *    When the table is full, the bucket closest to full is evicted (smallest
 *    TAT; a bucket already full is the same as no bucket, so that loses
 *    nothing), which keeps the throttled keys under an attack with random keys.
 *  - rl_daycap: counters per (day, key) with a cap, for "at most N votes per
 *    voter per day" and "at most M per voter per candidate per day". The table
 *    holds one day: a later day empties it.
 * The clock is the caller's: microseconds (int64) and px_date day numbers; no
 * function here reads a clock or sleeps. Not thread-safe: the caller holds its
 * own mutex around every call on one table (core stays free of pthreads).
 */
#ifndef PX_CORE_RATELIMIT_H
#define PX_CORE_RATELIMIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/keytab.h"
#include "util/err.h"

#define RL_INTERVAL_MAX 86400000000LL /* one token a day is the slowest rate */
#define RL_BURST_MAX 1000000u
#define RL_TIME_MAX (1LL << 62)       /* now_us must be in [0, RL_TIME_MAX] */
#define RL_MAX_CAPS 8                 /* caps taken together in one rl_daycap_take */

/* A rate: a token every interval_us (so 1e6 / interval_us per second), burst at most. */
struct rl_rate {
	int64_t interval_us; /* 1 .. RL_INTERVAL_MAX */
	uint32_t burst;      /* 1 .. RL_BURST_MAX */
};

struct rl_limiter {
	struct rl_rate rate;
	struct keytab keys;
	int64_t *tat;            /* per entry: the bucket is full again at this time */
	uint32_t *heap;          /* entries in a min-heap on (tat, entry) */
	uint32_t *heap_pos;      /* per entry: its index in heap */
	uint64_t evicted_live;   /* evictions of buckets that were not yet full */
};

/*
 * A limiter for at most max_keys keys (see keytab_init for the secret).
 * Release with rl_limiter_release(). Keys: rl_bad_rate, keytab_bad_size.
 */
int rl_limiter_init(struct rl_limiter *l, const struct rl_rate *rate, uint32_t max_keys,
		    const unsigned char secret[KEYTAB_SECRET_BYTES], struct px_err *err);
void rl_limiter_release(struct rl_limiter *l);

/*
 * One request of key at now_us: 0 when allowed (a token is taken), PX_ELIMIT
 * "rate_limited" when not, with *retry_after_us (may be NULL) the wait until
 * a token is there; 0 is stored on success. A denied request takes nothing.
 * Keys: rl_bad_key (empty or >= KEYTAB_KEY_MAX bytes), rl_bad_time.
 */
int rl_limiter_take(struct rl_limiter *l, const char *key, int64_t now_us,
		    int64_t *retry_after_us, struct px_err *err);

/*
 * What rl_limiter_take would answer for key at now_us, taking nothing: 0
 * when a token is there, else the microseconds to wait (> 0). An invalid key
 * or time answers RL_INTERVAL_MAX (never allowed). Lets a caller check
 * several limiters first and take from all of them or none.
 */
int64_t rl_limiter_wait(const struct rl_limiter *l, const char *key, int64_t now_us);
/*
 * Give back one token of key taken earlier (a sign-in that succeeded counts
 * as no attempt): its TAT moves back one interval, never before now_us; the
 * heap is rebuilt around it. A key not held is already full: nothing to do.
 */
void rl_limiter_give_back(struct rl_limiter *l, const char *key, int64_t now_us);
/* Drop every bucket that is full at now_us (no information lost); returns how many. */
size_t rl_limiter_sweep(struct rl_limiter *l, int64_t now_us);

/* Keys held. */
uint32_t rl_limiter_count(const struct rl_limiter *l);

struct rl_daycap {
	struct keytab keys;
	uint32_t *count; /* per entry */
	px_date day;     /* the day the counts are for */
};

/* One cap to check: key (e.g. "v:123" or "v:123|c:45"), its cap, and a name for errors. */
struct rl_cap {
	const char *key;
	uint32_t cap;
	const char *name; /* e.g. "per_voter", "per_candidate": the px_err field */
};

/* Counters for at most max_keys keys a day. Release with rl_daycap_release(). */
int rl_daycap_init(struct rl_daycap *d, uint32_t max_keys,
		   const unsigned char secret[KEYTAB_SECRET_BYTES], struct px_err *err);
void rl_daycap_release(struct rl_daycap *d);

/*
 * Count one use of every key of caps[0 .. n) on `day`, all or none: PX_ELIMIT
 * "daily_cap_reached" (field = that cap's name) when any count is already at
 * its cap. A day later than the table's empties it first; an earlier day (a
 * request straddling midnight) counts against the table's current day, which
 * can only refuse more, never less. Keys: rl_bad_key, rl_bad_caps (n of 1 ..
 * RL_MAX_CAPS, distinct keys), and PX_EBUSY "cap_table_full" when the day has
 * more distinct keys than max_keys: fail closed, size the table for the
 * voters of a day.
 */
int rl_daycap_take(struct rl_daycap *d, px_date day, const struct rl_cap *caps, size_t n,
		   struct px_err *err);

/*
 * Undo one rl_daycap_take of the same caps on the same day (e.g. the vote
 * could not be stored). Counts for another day, or absent keys, are left alone.
 */
void rl_daycap_give_back(struct rl_daycap *d, px_date day, const struct rl_cap *caps, size_t n);

/* The count of key on day (0 when the table holds another day or not the key). */
uint32_t rl_daycap_count(const struct rl_daycap *d, px_date day, const char *key);

#endif
