/*
 * benchmark.c - gaps against benchmarks with direction, the best benchmark
 * value of an indicator and the rule of an industry's common weaknesses
 * (benchmark.h).
 */
#include "core/benchmark.h"

#include <math.h>
#include <string.h>

int benchmark_dir_parse(const char *s, enum benchmark_dir *dir)
{
	if (s && !strcmp(s, "higher"))
		*dir = BENCHMARK_HIGHER;
	else if (s && !strcmp(s, "lower"))
		*dir = BENCHMARK_LOWER;
	else
		return -1;
	return 0;
}

const char *benchmark_dir_name(enum benchmark_dir dir)
{
	return dir == BENCHMARK_LOWER ? "lower" : "higher";
}

double benchmark_round(double x)
{
	double scale = 1e4; /* 10^BENCHMARK_PLACES */
	double r = round(x * scale) / scale;
	return r == 0 ? 0 : r; /* no negative zero */
}

struct benchmark_gap benchmark_gap(enum benchmark_dir dir, double value, double target)
{
	struct benchmark_gap g = { 0 };
	double v = benchmark_round(value), t = benchmark_round(target);
	g.gap = benchmark_round(dir == BENCHMARK_LOWER ? v - t : t - v);
	g.short_of = g.gap > 0;
	if (t != 0) {
		double pct = round(g.gap / fabs(t) * 1000.0) / 10.0;
		g.gap_pct = pct == 0 ? 0 : pct;
	}
	return g;
}

bool benchmark_better(enum benchmark_dir dir, double a, double b)
{
	double x = benchmark_round(a), y = benchmark_round(b);
	return dir == BENCHMARK_LOWER ? x < y : x > y;
}

int benchmark_best(enum benchmark_dir dir, const double *values, const bool *has, size_t n)
{
	int best = -1;
	for (size_t i = 0; i < n; i++)
		if (has[i] && (best < 0 || benchmark_better(dir, values[i], values[best])))
			best = (int)i;
	return best;
}

bool benchmark_common_weakness(size_t short_n, size_t answered, int share_pct)
{
	if (!answered || share_pct < 1 || share_pct > 100 || short_n > answered)
		return false;
	return short_n * 100 >= (size_t)share_pct * answered;
}
