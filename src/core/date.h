/*
 * date.h - civil dates as day numbers.
 *
 * A px_date is the number of days since 1970-01-01 in the proleptic Gregorian
 * calendar (negative before). Programme deadlines, birth dates in resident ID
 * numbers and the working-day calendar all use it; times of day never enter.
 */
#ifndef PX_CORE_DATE_H
#define PX_CORE_DATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef int32_t px_date;

/* Day number of y-m-d; the caller has checked date_valid_ymd(). */
px_date date_from_ymd(int y, int m, int d);
void date_to_ymd(px_date day, int *y, int *m, int *d);

/* true when y-m-d names a real day (1 <= y <= 9999). */
bool date_valid_ymd(int y, int m, int d);

/* ISO weekday: 1 = Monday ... 7 = Sunday. */
int date_weekday(px_date day);

/*
 * Parse exactly "YYYY-MM-DD" (len bytes of s; no trailing characters).
 * Returns 0 or PX_EINVAL.
 */
int date_parse(const char *s, size_t len, px_date *out);

/* Write "YYYY-MM-DD" and a NUL into buf (at least 11 bytes). */
void date_format(px_date day, char buf[11]);

#endif
