/*
 * date.c - conversions between civil dates and day numbers, after Howard
 * Hinnant's days_from_civil / civil_from_days (public domain algorithms):
 * exact for every Gregorian date, no tables, no time zones.
 */
#include "core/date.h"

#include "util/err.h"

px_date date_from_ymd(int y, int m, int d)
{
	y -= m <= 2;
	const int era = (y >= 0 ? y : y - 399) / 400;
	const unsigned yoe = (unsigned)(y - era * 400);
	const unsigned doy = (153u * (unsigned)(m + (m > 2 ? -3 : 9)) + 2u) / 5u + (unsigned)d - 1u;
	const unsigned doe = yoe * 365u + yoe / 4u - yoe / 100u + doy;
	return (px_date)(era * 146097 + (int)doe - 719468);
}

void date_to_ymd(px_date day, int *y, int *m, int *d)
{
	const int z = day + 719468;
	const int era = (z >= 0 ? z : z - 146096) / 146097;
	const unsigned doe = (unsigned)(z - era * 146097);
	const unsigned yoe = (doe - doe / 1460u + doe / 36524u - doe / 146096u) / 365u;
	const unsigned doy = doe - (365u * yoe + yoe / 4u - yoe / 100u);
	const unsigned mp = (5u * doy + 2u) / 153u;
	const unsigned dd = doy - (153u * mp + 2u) / 5u + 1u;
	const unsigned mm = mp < 10 ? mp + 3 : mp - 9;
	*y = (int)yoe + era * 400 + (mm <= 2);
	*m = (int)mm;
	*d = (int)dd;
}

static bool is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

bool date_valid_ymd(int y, int m, int d)
{
	static const int mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1)
		return false;
	return d <= mdays[m - 1] + (m == 2 && is_leap(y));
}

int date_weekday(px_date day)
{
	/* 1970-01-01 was a Thursday (4). */
	int w = (int)((day % 7 + 7 + 3) % 7);
	return w + 1;
}

static int digits(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int date_parse(const char *s, size_t len, px_date *out)
{
	if (!s || len != 10 || s[4] != '-' || s[7] != '-')
		return PX_EINVAL;
	int y = digits(s, 4), m = digits(s + 5, 2), d = digits(s + 8, 2);
	if (y < 0 || m < 0 || d < 0 || !date_valid_ymd(y, m, d))
		return PX_EINVAL;
	*out = date_from_ymd(y, m, d);
	return 0;
}

void date_format(px_date day, char buf[11])
{
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	if (y < 0 || y > 9999)
		y = 0; /* outside date_valid_ymd(): print 0000 rather than overflow */
	const int v[3] = { y, m, d }, w[3] = { 4, 2, 2 };
	char *p = buf;
	for (int i = 0; i < 3; i++) {
		for (int k = w[i] - 1, x = v[i]; k >= 0; k--, x /= 10)
			p[k] = (char)('0' + x % 10);
		p += w[i];
		*p++ = i < 2 ? '-' : '\0';
	}
}
