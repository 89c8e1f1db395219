/*
 * ratelimit_daycap.c - daily vote caps (ratelimit.h): counters per key for the
 * current day only, taken all-or-none so that a vote refused by its
 * per-candidate cap does not use up the voter's daily cap. The table is a
 * fast path in front of the database's unique (voter, candidate, day); when it
 * is full it refuses (fails closed) rather than forget a count.
 */
#include "core/ratelimit.h"

#include <stdlib.h>
#include <string.h>

int rl_daycap_init(struct rl_daycap *d, uint32_t max_keys,
		   const unsigned char secret[KEYTAB_SECRET_BYTES], struct px_err *err)
{
	int rc;

	memset(d, 0, sizeof(*d));
	if ((rc = keytab_init(&d->keys, max_keys, secret, err)))
		return rc;
	d->count = calloc(max_keys, sizeof(*d->count));
	if (!d->count) {
		rl_daycap_release(d);
		return px_err_set(err, PX_ENOMEM, NULL, "", "out of memory for daily caps");
	}
	d->day = INT32_MIN; /* before any real day */
	return 0;
}

void rl_daycap_release(struct rl_daycap *d)
{
	if (!d)
		return;
	keytab_release(&d->keys);
	free(d->count);
	memset(d, 0, sizeof(*d));
}

static int check_caps(const struct rl_cap *caps, size_t n, struct px_err *err)
{
	if (n < 1 || n > RL_MAX_CAPS)
		return px_err_set(err, PX_EINVAL, "rl_bad_caps", "caps",
				  "take 1 to %d caps at once, got %zu", RL_MAX_CAPS, n);
	for (size_t i = 0; i < n; i++) {
		if (!keytab_key_ok(caps[i].key))
			return px_err_set(err, PX_EINVAL, "rl_bad_key",
					  caps[i].name ? caps[i].name : "",
					  "a cap key has 1 to %d bytes", KEYTAB_KEY_MAX - 1);
		for (size_t j = 0; j < i; j++)
			if (strcmp(caps[i].key, caps[j].key) == 0)
				return px_err_set(err, PX_EINVAL, "rl_bad_caps", "caps",
						  "cap key '%s' given twice", caps[i].key);
	}
	return 0;
}

int rl_daycap_take(struct rl_daycap *d, px_date day, const struct rl_cap *caps, size_t n,
		   struct px_err *err)
{
	int64_t ent[RL_MAX_CAPS];
	uint32_t fresh = 0;
	int rc;

	if ((rc = check_caps(caps, n, err)))
		return rc;
	if (day > d->day) {
		keytab_clear(&d->keys);
		d->day = day;
	}
	for (size_t i = 0; i < n; i++) {
		ent[i] = keytab_find(&d->keys, caps[i].key);
		uint32_t c = ent[i] < 0 ? 0 : d->count[ent[i]];
		if (c >= caps[i].cap)
			return px_err_set(err, PX_ELIMIT, "daily_cap_reached",
					  caps[i].name ? caps[i].name : "",
					  "daily cap of %u reached", caps[i].cap);
		fresh += ent[i] < 0;
	}
	if (fresh > d->keys.max - d->keys.n)
		return px_err_set(err, PX_EBUSY, "cap_table_full", "",
				  "the daily cap table is full (%u keys)", d->keys.max);
	for (size_t i = 0; i < n; i++) {
		if (ent[i] < 0) {
			ent[i] = keytab_add(&d->keys, caps[i].key);
			d->count[ent[i]] = 0;
		}
		d->count[ent[i]]++;
	}
	return 0;
}

void rl_daycap_give_back(struct rl_daycap *d, px_date day, const struct rl_cap *caps, size_t n)
{
	if (day != d->day || n > RL_MAX_CAPS)
		return;
	for (size_t i = 0; i < n; i++) {
		if (!keytab_key_ok(caps[i].key))
			continue;
		int64_t e = keytab_find(&d->keys, caps[i].key);
		if (e >= 0 && d->count[e] > 0)
			d->count[e]--;
	}
}

uint32_t rl_daycap_count(const struct rl_daycap *d, px_date day, const char *key)
{
	if (day != d->day || !keytab_key_ok(key))
		return 0;
	int64_t e = keytab_find(&d->keys, key);
	return e < 0 ? 0 : d->count[e];
}
