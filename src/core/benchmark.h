/*
 * benchmark.h - the pure rules of the benchmark comparison (标准比对、产品指标
 * 比对, 湘市监办发〔2022〕71号 三(四)): an enterprise's level of a key
 * indicator against a benchmark's, with the indicator's direction (higher or
 * lower is better); the benchmark value of an indicator as the best of the
 * recorded benchmarks; and the common weaknesses of an industry (行业通病),
 * the indicators where at least a stated share of the enterprises fall short.
 *
 * Pure: no I/O, no allocation. docs/survey.md tells the procedure.
 */
#ifndef PX_CORE_BENCHMARK_H
#define PX_CORE_BENCHMARK_H

#include <stdbool.h>
#include <stddef.h>

/* Which way an indicator improves. */
enum benchmark_dir {
	BENCHMARK_HIGHER = 1, /* 越高越好: yield, efficiency, satisfaction */
	BENCHMARK_LOWER = -1, /* 越低越好: defect rate, energy use, noise */
};

/* "higher" / "lower" into *dir: 0, or -1 for anything else (NULL included). */
int benchmark_dir_parse(const char *s, enum benchmark_dir *dir);

/* The name of a direction: "higher" or "lower". */
const char *benchmark_dir_name(enum benchmark_dir dir);

/*
 * Values are compared at BENCHMARK_PLACES decimal places: 0.1 + 0.2 equals
 * 0.3, and a gap smaller than half a unit of the last place is no gap.
 */
#define BENCHMARK_PLACES 4

/* x rounded half away from zero to BENCHMARK_PLACES places. */
double benchmark_round(double x);

struct benchmark_gap {
	double gap;      /* the shortfall against the benchmark in the indicator's unit: > 0 falls short, < 0 ahead */
	double gap_pct;  /* the shortfall as a percentage of the benchmark value, one decimal; 0 when the benchmark is 0 */
	bool short_of;   /* the enterprise falls short of the benchmark */
};

/*
 * The gap of `value` against `target` for an indicator of direction `dir`:
 * higher is better: target - value; lower is better: value - target. Both
 * rounded first; equal values are no shortfall.
 */
struct benchmark_gap benchmark_gap(enum benchmark_dir dir, double value, double target);

/* Is a strictly better than b for an indicator of direction dir (after rounding)? */
bool benchmark_better(enum benchmark_dir dir, double a, double b);

/*
 * The benchmark value of an indicator: the index of the best of the n
 * values whose has[i] is true (the first of equal ones), -1 when none has it.
 */
int benchmark_best(enum benchmark_dir dir, const double *values, const bool *has, size_t n);

/*
 * A common weakness of the industry (行业通病): of `answered` enterprises
 * that gave the indicator, `short_n` fall short, and that is at least
 * `share_pct` per cent of them (short_n * 100 >= share_pct * answered).
 * Never with no answers; share_pct outside 1..100 is never met.
 */
bool benchmark_common_weakness(size_t short_n, size_t answered, int share_pct);

#endif
