/*
 * rubric_points.c - points as text and as JSON numbers, to and from the
 * fixed-point tenths that rubrics and score sheets use (see rubric.h). Points
 * never travel as floating point inside pingxuan: a double from a JSON body is
 * converted here once, and refused when it is not a whole number of tenths.
 */
#include "core/rubric.h"

#include <math.h>
#include <stdio.h>

static int bad_points(struct px_err *err, const char *field, const char *s, size_t len)
{
	int shown = len > 24 ? 24 : (int)len;
	return px_err_set(err, PX_EINVAL, "bad_points", field,
			  "points must be a number with at most one decimal, got '%.*s'", shown, s);
}

int rubric_points_parse(const char *s, size_t len, int32_t *tenths, const char *field,
			struct px_err *err)
{
	int64_t v = 0;
	size_t i = 0, intdigits = 0;

	while (i < len && s[i] >= '0' && s[i] <= '9') {
		v = v * 10 + (s[i] - '0');
		if (++intdigits > 6)
			return bad_points(err, field, s, len);
		i++;
	}
	if (intdigits == 0)
		return bad_points(err, field, s, len);
	v *= RUBRIC_SCALE;
	if (i < len && s[i] == '.') {
		if (i + 2 != len || s[i + 1] < '0' || s[i + 1] > '9')
			return bad_points(err, field, s, len);
		v += s[i + 1] - '0';
		i += 2;
	}
	if (i != len || v > RUBRIC_POINTS_MAX)
		return bad_points(err, field, s, len);
	*tenths = (int32_t)v;
	return 0;
}

int rubric_points_from_double(double v, int32_t *tenths, const char *field, struct px_err *err)
{
	if (!isfinite(v) || v < 0 || v > RUBRIC_POINTS_MAX / RUBRIC_SCALE)
		return px_err_set(err, PX_EINVAL, "bad_points", field,
				  "points must be between 0 and %d, got '%g'",
				  RUBRIC_POINTS_MAX / RUBRIC_SCALE, v);
	double t = v * RUBRIC_SCALE;
	double r = round(t);
	if (fabs(t - r) > 1e-6)
		return px_err_set(err, PX_EINVAL, "bad_points", field,
				  "points may have at most one decimal, got '%g'", v);
	*tenths = (int32_t)r;
	return 0;
}

char *rubric_points_format(int32_t tenths, char buf[RUBRIC_POINTS_BUFSZ])
{
	int64_t v = tenths;
	const char *sign = v < 0 ? "-" : "";
	if (v < 0)
		v = -v;
	if (v % RUBRIC_SCALE)
		snprintf(buf, RUBRIC_POINTS_BUFSZ, "%s%d.%d", sign, (int)(v / RUBRIC_SCALE),
			 (int)(v % RUBRIC_SCALE));
	else
		snprintf(buf, RUBRIC_POINTS_BUFSZ, "%s%d", sign, (int)(v / RUBRIC_SCALE));
	return buf;
}
