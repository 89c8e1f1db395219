/*
 * calendar.h - the official working-day calendar of mainland China.
 *
 * Deadlines of award programmes are given in working days (工作日). Which days
 * are working days is decided each year by a State Council notice: official
 * holidays (`holiday`) and Saturdays or Sundays made working days to
 * compensate (调休, `workday`). Any other Saturday or Sunday is a rest day and
 * any other weekday a working day. The facts arrive as the text of
 * data/cn_workdays.csv:
 *
 *	date,kind,name
 *	2025-09-28,workday,国庆节、中秋节
 *	2025-10-01,holiday,国庆节、中秋节
 *
 * Covered years. Every notice makes 1 January a holiday, so a year counts as
 * covered exactly when the file lists `YYYY-01-01,holiday`. The covered years
 * must form one unbroken range [first, last]. A notice may reach into the
 * December before its year (the 2019 notice sets 2018-12-29..31); such
 * entries in the December just before the first covered year are checked but
 * have no effect (those days stay outside the calendar), while an entry
 * anywhere else outside the covered years is a load error. A date outside the covered years is never
 * guessed about: every query answers PX_ERANGE, key "date_out_of_calendar".
 *
 * Period rule (calendar_end_of_period; defined in one function of calendar.c,
 * period_day_one()): a period of N working days that starts on a working day
 * counts that day as day 1; one that starts on a rest day or a holiday begins
 * on the next working day. The period ends on its N-th working day.
 *
 * Lookups are O(1) (one byte per covered day) and counting is O(1) (a running
 * count of working days); finding the end of a period is O(log days).
 */
#ifndef PX_CORE_CALENDAR_H
#define PX_CORE_CALENDAR_H

#include <stdbool.h>
#include <stddef.h>

#include "core/date.h"
#include "util/err.h"

/* Caps on the loaded text: entries (lines) and the length of a name in bytes. */
#define CALENDAR_MAX_ENTRIES 20000
#define CALENDAR_MAX_NAME 128

struct calendar;

enum calendar_kind {
	CALENDAR_WORKDAY = 0, /* an ordinary weekday: working */
	CALENDAR_REST,        /* an ordinary Saturday or Sunday: not working */
	CALENDAR_HOLIDAY,     /* an official holiday (`holiday` in the file): not working */
	CALENDAR_ADJUSTED,    /* 调休, a weekend day made a working day (`workday`): working */
};

struct calendar_day {
	enum calendar_kind kind;
	bool working;
	const char *name;     /* the holiday's name for HOLIDAY and ADJUSTED, else "";
				 owned by the calendar */
};

/*
 * Parse len bytes of csv (the format above; header `date,kind,name` in any
 * column order) into a new calendar in *out, which the caller frees with
 * calendar_free(). Errors (PX_EINVAL unless said otherwise), each naming the
 * line: a CSV syntax error or cap (util/csv.h keys, PX_ETOOBIG for caps),
 * "calendar_bad_header" (a column missing), "calendar_bad_date",
 * "calendar_bad_kind" (not holiday|workday, or `workday` on a Monday to
 * Friday), "calendar_bad_name" (empty), "calendar_duplicate_date",
 * "calendar_outside_years" (an entry outside the covered years), and for the
 * whole file "calendar_no_years" (no 1 January holiday) and
 * "calendar_missing_year" (a gap in the covered years). PX_ENOMEM.
 */
int calendar_load(struct calendar **out, const char *csv, size_t len, struct px_err *err);

/* Free a calendar; NULL is a no-op. */
void calendar_free(struct calendar *cal);

/* The first and last covered year. */
void calendar_years(const struct calendar *cal, int *first, int *last);

/* What `day` is. PX_ERANGE "date_out_of_calendar" outside the covered years. */
int calendar_day(const struct calendar *cal, px_date day, struct calendar_day *out,
		 struct px_err *err);

/* Whether `day` is a working day. PX_ERANGE "date_out_of_calendar" outside the covered years. */
int calendar_is_workday(const struct calendar *cal, px_date day, bool *out, struct px_err *err);

/*
 * The first working day strictly after `day`. PX_ERANGE "date_out_of_calendar"
 * when `day` is outside the covered years or no working day follows it in them.
 */
int calendar_next_workday(const struct calendar *cal, px_date day, px_date *out,
			  struct px_err *err);

/*
 * The last day of a period of n working days starting on `start`, by the
 * period rule above: calendar_end_of_period(2025-09-26 (Friday), 5) counts
 * 09-26, 09-28 (调休), 09-29, 09-30, then skips the holidays 10-01..10-08, and
 * ends on 2025-10-09. PX_EINVAL "invalid_period" (field "n") when n < 1;
 * PX_ERANGE "date_out_of_calendar" when `start` is outside the covered years
 * or the period would end after them.
 */
int calendar_end_of_period(const struct calendar *cal, px_date start, int n, px_date *end,
			   struct px_err *err);

/*
 * The number of working days in [from, to], both included. PX_EINVAL
 * "invalid_range" when from > to (an empty range is a caller's mistake, not
 * zero); PX_ERANGE "date_out_of_calendar" when either end is outside the
 * covered years.
 */
int calendar_count(const struct calendar *cal, px_date from, px_date to, int *n,
		   struct px_err *err);

#endif
