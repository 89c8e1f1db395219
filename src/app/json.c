/*
 * json.c - JSON text the use cases store and answer (see json.h).
 */
#include "app/json.h"

#include "app/json_writer.h"

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/rubric.h"

json_t *json_hundredths(int64_t v)
{
	char b[32];
	snprintf(b, sizeof(b), "%s%" PRId64 ".%02" PRId64, v < 0 ? "-" : "", (v < 0 ? -v : v) / 100,
		 (v < 0 ? -v : v) % 100);
	return json_string(b);
}

bool json_hundredths_parse(const json_t *v, int64_t *out)
{
	const char *s = json_string_value(v);
	int64_t whole = 0, frac = 0;
	int nfrac = 0;
	bool neg = s && *s == '-';

	if (!s)
		return false;
	s += neg;
	if (*s < '0' || *s > '9')
		return false;
	for (; *s >= '0' && *s <= '9'; s++)
		if ((whole = whole * 10 + (*s - '0')) > INT64_MAX / 1000)
			return false;
	if (*s == '.')
		for (s++; *s >= '0' && *s <= '9' && nfrac < 2; s++, nfrac++)
			frac = frac * 10 + (*s - '0');
	if (*s || (nfrac == 0 && s[-1] == '.'))
		return false;
	frac *= nfrac == 1 ? 10 : 1;
	*out = (neg ? -1 : 1) * (whole * 100 + frac);
	return true;
}

json_t *json_tenths(int64_t v)
{
	char b[RUBRIC_POINTS_BUFSZ];
	if (v > RUBRIC_POINTS_MAX * 10LL || v < -RUBRIC_POINTS_MAX * 10LL)
		return json_null();
	return json_string(rubric_points_format((int32_t)v, b));
}

char *json_dump_sorted(const json_t *v)
{
	return json_dumps(v, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY);
}

json_t *json_parse_stored(const char *text)
{
	json_error_t je;
	json_t *v = text && *text ? json_loads(text, JSON_DECODE_ANY, &je) : NULL;
	return v ? v : json_object();
}

json_t *json_date(px_date d)
{
	char b[11];
	if (!d)
		return json_null();
	date_format(d, b);
	return json_string(b);
}

#define INSTANT_YEAR_10000 253402300800LL /* seconds: the first instant after 9999-12-31 */

static void two(char *b, int v)
{
	b[0] = (char)('0' + v / 10);
	b[1] = (char)('0' + v % 10);
}

/* "YYYY-MM-DDTHH:MM:SSZ" of an instant into b; false for 0 or one gmtime cannot tell. */
static bool instant_text(int64_t us, char b[32])
{
	time_t t = (time_t)(us / 1000000);
	struct tm tm;
	if (us > 0 && t < INSTANT_YEAR_10000) { /* the common case, without gmtime_r and strftime */
		int64_t secs = t % 86400;
		date_format((px_date)(t / 86400), b);
		b[10] = 'T';
		two(b + 11, (int)(secs / 3600));
		b[13] = ':';
		two(b + 14, (int)(secs / 60 % 60));
		b[16] = ':';
		two(b + 17, (int)(secs % 60));
		memcpy(b + 19, "Z", 2);
		return true;
	}
	if (!us || !gmtime_r(&t, &tm))
		return false;
	strftime(b, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return true;
}

json_t *json_instant(int64_t us)
{
	char b[32];
	return instant_text(us, b) ? json_string(b) : json_null();
}

void json_put_instant(struct jw *w, int64_t us)
{
	char b[32];
	if (instant_text(us, b))
		jw_stringn(w, b, strlen(b));
	else
		jw_null(w);
}
