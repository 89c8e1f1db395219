/*
 * settings.c - the vote's settings, published with the vote: the caps, the
 * rate limits that ask for a fresh code, the thresholds of the quarantine
 * rules and the publication policy, read from the template's
 * "section": {"vote": {...}} as a table of keys with their ranges.
 */
#include "app/vote/vote.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

struct setting {
	const char *key;
	size_t offset;
	int min, max;
};

#define S(k, lo, hi) { #k, offsetof(struct vote_settings, k), lo, hi }
static const struct setting settings[] = {
	S(per_candidate_per_day, 1, 1),
	S(per_track_per_day, 1, 1000),
	S(codes_per_day, 1, 100),
	S(address_burst, 1, 1000000),
	S(address_interval_s, 1, 86400),
	S(net_burst, 1, 1000000),
	S(net_interval_s, 1, 86400),
	S(quarantine_address_per_hour, 1, 1000000),
	S(quarantine_net_per_hour, 1, 1000000),
	S(device_voters_max, 1, 1000),
	S(sequential_run, 2, 1000),
	S(velocity_factor, 2, 1000),
	S(velocity_floor, 1, 1000000),
	S(publish_hour, 0, 23),
};
#undef S

void vote_settings_default(struct vote_settings *s)
{
	*s = (struct vote_settings){
		.per_candidate_per_day = 1,
		.per_track_per_day = 10,
		.codes_per_day = 5,
		.address_burst = 30,
		.address_interval_s = 2,
		.net_burst = 200,
		.net_interval_s = 1,
		.quarantine_address_per_hour = 300,
		.quarantine_net_per_hour = 2000,
		.device_voters_max = 3,
		.sequential_run = 5,
		.velocity_factor = 10,
		.velocity_floor = 30,
		.live = true,
		.publish_hour = 18,
	};
}

static int parse_one(const char *key, json_t *v, struct vote_settings *s, struct px_err *err)
{
	char field[96];
	snprintf(field, sizeof(field), "section.vote.%s", key);
	if (!strcmp(key, "publication")) {
		const char *p = json_string_value(v);
		if (!p || (strcmp(p, "live") && strcmp(p, "daily")))
			return px_err_set(err, PX_EINVAL, "bad_template", "section.vote.publication",
					  "publication is 'live' or 'daily'");
		s->live = !strcmp(p, "live");
		return 0;
	}
	for (size_t i = 0; i < sizeof(settings) / sizeof(settings[0]); i++) {
		const struct setting *d = &settings[i];
		if (strcmp(d->key, key))
			continue;
		if (!json_is_integer(v) || json_integer_value(v) < d->min || json_integer_value(v) > d->max)
			return px_err_set(err, PX_EINVAL, "bad_template", field, "section.vote.%s must be %d..%d",
					  key, d->min, d->max);
		*(int *)((char *)s + d->offset) = (int)json_integer_value(v);
		return 0;
	}
	return px_err_set(err, PX_EINVAL, "bad_template", field, "section.vote: unknown key '%s'", key);
}

int vote_settings_parse(const json_t *vote, struct vote_settings *s, struct px_err *err)
{
	const char *key;
	json_t *v;
	int rc;

	vote_settings_default(s);
	if (!vote)
		return 0;
	if (!json_is_object(vote))
		return px_err_set(err, PX_EINVAL, "bad_template", "section.vote", "section.vote must be an object");
	json_object_foreach((json_t *)vote, key, v)
		if ((rc = parse_one(key, v, s, err)))
			return rc;
	return 0;
}
