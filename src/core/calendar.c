/*
 * calendar.c - the working-day calendar of calendar.h. Loading turns the
 * exceptions listed in cn_workdays.csv into one byte per covered day (its
 * kind) plus a running count of working days, so that "is this a working
 * day" and "how many working days between" are array reads and "which day
 * ends a period" is a binary search. All the file's checks happen at load
 * time; queries only check that their dates are covered.
 */
#include "core/calendar.h"

#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/csv.h"

/* One line of the file. */
struct cal_entry {
	px_date day;
	unsigned char kind;              /* CALENDAR_HOLIDAY or CALENDAR_ADJUSTED */
	size_t line;
	char name[CALENDAR_MAX_NAME + 1];
};

/* a day's entry index is stored in 16 bits */
_Static_assert(CALENDAR_MAX_ENTRIES < UINT16_MAX, "entry indexes must fit uint16_t");

struct calendar {
	int first_year, last_year;
	px_date first;                   /* first_year-01-01 */
	size_t ndays;                    /* days from first to last_year-12-31 */
	unsigned char *kind;             /* enum calendar_kind of each day */
	uint16_t *entry;                 /* 1 + index into entries of each day, 0 for none */
	int32_t *cum;                    /* cum[i]: working days among days [0, i); ndays + 1 */
	struct cal_entry *entries;       /* sorted by day */
	size_t nentries;
};

/* The `kind` column: the word in the file and what it makes of the day. */
static const struct {
	const char *word;
	enum calendar_kind kind;
} kinds[] = {
	{ "holiday", CALENDAR_HOLIDAY },
	{ "workday", CALENDAR_ADJUSTED },
};

static bool kind_is_working(enum calendar_kind k)
{
	return k == CALENDAR_WORKDAY || k == CALENDAR_ADJUSTED;
}

static bool is_weekend(px_date day)
{
	return date_weekday(day) >= 6;
}

/* ---- loading ---------------------------------------------------------- */

/* The columns the header must name, and their order in cal_columns[]. */
enum { COL_DATE, COL_KIND, COL_NAME, NCOLS };
static const char *const cal_columns[NCOLS] = { "date", "kind", "name" };

/* A file without a header (no record at all), or one that lacks a column. */
static int bad_header(const struct csv_reader *r, struct px_err *err)
{
	if (!r->record)
		return px_err_set(err, PX_EINVAL, "calendar_bad_header", "",
				  "line 1: empty file, expected the header 'date,kind,name'");
	return px_err_set(err, PX_EINVAL, "calendar_bad_header", "",
			  "line %zu: header must name the columns 'date,kind,name'", r->line);
}

/* Check the current record and fill the struct cal_entry at row from it. */
static int parse_entry(const struct csv_reader *r, const char *const *field, void *row,
		       struct px_err *err)
{
	const char *date = field[COL_DATE], *kind = field[COL_KIND], *name = field[COL_NAME];
	struct cal_entry *e = row;
	size_t i = 0;

	e->line = r->line;
	if (date_parse(date, strlen(date), &e->day))
		return px_err_set(err, PX_EINVAL, "calendar_bad_date", "date",
				  "line %zu: invalid date '%s'", r->line, date);
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (!strcmp(kind, kinds[i].word))
			break;
	if (i == sizeof(kinds) / sizeof(kinds[0]))
		return px_err_set(err, PX_EINVAL, "calendar_bad_kind", "kind",
				  "line %zu: kind '%s' is neither 'holiday' nor 'workday'", r->line, kind);
	e->kind = (unsigned char)kinds[i].kind;
	if (e->kind == CALENDAR_ADJUSTED && !is_weekend(e->day))
		return px_err_set(err, PX_EINVAL, "calendar_bad_kind", "kind",
				  "line %zu: '%s' is a weekday, only a saturday or sunday can be "
				  "made a working day", r->line, date);
	if (!name[0])
		return px_err_set(err, PX_EINVAL, "calendar_bad_name", "name",
				  "line %zu: empty holiday name for '%s'", r->line, date);
	/* the reader's cap (CALENDAR_MAX_NAME) guarantees the name fits */
	memcpy(e->name, name, strlen(name) + 1);
	return 0;
}

static const struct csv_table cal_csv = {
	.opts = {
		.max_field = CALENDAR_MAX_NAME,
		.max_fields = 16,
		.max_records = CALENDAR_MAX_ENTRIES + 1,
		.same_width = true,
	},
	.columns = cal_columns,
	.ncolumns = NCOLS,
	.row_size = sizeof(struct cal_entry),
	.bad_header = bad_header,
	.parse_row = parse_entry,
};

static int cmp_entry(const void *a, const void *b)
{
	const struct cal_entry *x = a, *y = b;
	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	return x->line < y->line ? -1 : x->line > y->line;
}

static int check_duplicates(const struct calendar *cal, struct px_err *err)
{
	for (size_t i = 1; i < cal->nentries; i++) {
		const struct cal_entry *a = &cal->entries[i - 1], *b = &cal->entries[i];
		if (a->day == b->day) {
			char d[11];
			date_format(b->day, d);
			return px_err_set(err, PX_EINVAL, "calendar_duplicate_date", "date",
					  "line %zu: duplicate date '%s' (already on line %zu)",
					  b->line, d, a->line);
		}
	}
	return 0;
}

static bool is_new_year_holiday(const struct cal_entry *e, int *year)
{
	int m, d;
	date_to_ymd(e->day, year, &m, &d);
	return m == 1 && d == 1 && e->kind == CALENDAR_HOLIDAY;
}

/* The covered years: those with a 1 January holiday, which must be unbroken. */
static int find_years(struct calendar *cal, struct px_err *err)
{
	int y, prev = 0, count = 0;
	for (size_t i = 0; i < cal->nentries; i++) {
		if (!is_new_year_holiday(&cal->entries[i], &y))
			continue;
		if (count && y != prev + 1)
			return px_err_set(err, PX_EINVAL, "calendar_missing_year", "",
					  "no schedule for %d (no '%d-01-01' holiday) between %d and %d",
					  prev + 1, prev + 1, cal->first_year, y);
		if (!count)
			cal->first_year = y;
		cal->last_year = prev = y;
		count++;
	}
	if (!count)
		return px_err_set(err, PX_EINVAL, "calendar_no_years", "",
				  "no year covered: the file lists no 1 january holiday");
	cal->first = date_from_ymd(cal->first_year, 1, 1);
	cal->ndays = (size_t)(date_from_ymd(cal->last_year, 12, 31) - cal->first + 1);
	return 0;
}

/* Every entry must fall in the covered years or the December just before them. */
static int check_outside(const struct calendar *cal, struct px_err *err)
{
	const px_date lead = date_from_ymd(cal->first_year - 1, 12, 1);
	for (size_t i = 0; i < cal->nentries; i++) {
		const struct cal_entry *e = &cal->entries[i];
		if (e->day >= lead && e->day <= cal->first + (px_date)cal->ndays - 1)
			continue;
		char d[11];
		date_format(e->day, d);
		return px_err_set(err, PX_EINVAL, "calendar_outside_years", "date",
				  "line %zu: '%s' is outside the covered years %d-%d", e->line,
				  d, cal->first_year, cal->last_year);
	}
	return 0;
}

/* Fill the per-day arrays: the weekly pattern, then the file's exceptions. */
static int build_days(struct calendar *cal, struct px_err *err)
{
	cal->kind = malloc(cal->ndays);
	cal->entry = calloc(cal->ndays, sizeof(*cal->entry));
	cal->cum = malloc((cal->ndays + 1) * sizeof(*cal->cum));
	if (!cal->kind || !cal->entry || !cal->cum)
		return px_err_set(err, PX_ENOMEM, NULL, "", "out of memory");
	for (size_t i = 0; i < cal->ndays; i++)
		cal->kind[i] = is_weekend(cal->first + (px_date)i) ? CALENDAR_REST : CALENDAR_WORKDAY;
	for (size_t i = 0; i < cal->nentries; i++) {
		const struct cal_entry *e = &cal->entries[i];
		if (e->day < cal->first)
			continue; /* the December before the first year */
		size_t k = (size_t)(e->day - cal->first);
		cal->kind[k] = e->kind;
		cal->entry[k] = (uint16_t)(i + 1);
	}
	cal->cum[0] = 0;
	for (size_t i = 0; i < cal->ndays; i++)
		cal->cum[i + 1] = cal->cum[i] + kind_is_working(cal->kind[i]);
	return 0;
}

int calendar_load(struct calendar **out, const char *csv, size_t len, struct px_err *err)
{
	struct calendar *cal = calloc(1, sizeof(*cal));
	void *entries;
	int rc;

	*out = NULL;
	if (!cal)
		return px_err_set(err, PX_ENOMEM, NULL, "", "out of memory");
	rc = csv_read_table(&cal_csv, csv, len, &entries, &cal->nentries, err);
	cal->entries = entries;
	if (rc)
		goto fail;
	if (cal->nentries)
		qsort(cal->entries, cal->nentries, sizeof(*cal->entries), cmp_entry);
	if ((rc = check_duplicates(cal, err)) || (rc = find_years(cal, err)) ||
	    (rc = check_outside(cal, err)) || (rc = build_days(cal, err)))
		goto fail;
	*out = cal;
	return 0;
fail:
	calendar_free(cal);
	return rc;
}

void calendar_free(struct calendar *cal)
{
	if (!cal)
		return;
	free(cal->kind);
	free(cal->entry);
	free(cal->cum);
	free(cal->entries);
	free(cal);
}

void calendar_years(const struct calendar *cal, int *first, int *last)
{
	*first = cal->first_year;
	*last = cal->last_year;
}

/* ---- queries ---------------------------------------------------------- */

/* The index of `day` in the per-day arrays, or PX_ERANGE. */
static int day_index(const struct calendar *cal, px_date day, size_t *i, struct px_err *err)
{
	if (day >= cal->first && (size_t)((int64_t)day - cal->first) < cal->ndays) {
		*i = (size_t)(day - cal->first);
		return 0;
	}
	char d[11];
	date_format(day, d);
	return px_err_set(err, PX_ERANGE, "date_out_of_calendar", "date",
			  "date '%s' is outside the working-day calendar (%d-%d)", d,
			  cal->first_year, cal->last_year);
}

/*
 * The day holding working day number `target` of the running count, searching
 * from index lo: the smallest i >= lo with cum[i + 1] >= target. PX_ERANGE
 * when the covered years end first (after names what was being looked for).
 */
static int find_nth(const struct calendar *cal, size_t lo, int32_t target, const char *after,
		    px_date *out, struct px_err *err)
{
	size_t hi = cal->ndays;
	if (cal->cum[cal->ndays] < target) {
		char d[11];
		date_format(cal->first + (px_date)cal->ndays - 1, d);
		return px_err_set(err, PX_ERANGE, "date_out_of_calendar", "date",
				  "%s falls after the last day of the working-day calendar '%s'",
				  after, d);
	}
	while (lo < hi) { /* invariant: the answer is in [lo, hi] */
		size_t mid = lo + (hi - lo) / 2;
		if (cal->cum[mid + 1] >= target)
			hi = mid;
		else
			lo = mid + 1;
	}
	*out = cal->first + (px_date)lo;
	return 0;
}

int calendar_day(const struct calendar *cal, px_date day, struct calendar_day *out,
		 struct px_err *err)
{
	size_t i = 0;
	int rc = day_index(cal, day, &i, err);
	if (rc)
		return rc;
	out->kind = (enum calendar_kind)cal->kind[i];
	out->working = kind_is_working(out->kind);
	out->name = cal->entry[i] ? cal->entries[cal->entry[i] - 1].name : "";
	return 0;
}

int calendar_is_workday(const struct calendar *cal, px_date day, bool *out, struct px_err *err)
{
	size_t i = 0;
	int rc = day_index(cal, day, &i, err);
	if (rc)
		return rc;
	*out = kind_is_working(cal->kind[i]);
	return 0;
}

int calendar_next_workday(const struct calendar *cal, px_date day, px_date *out,
			  struct px_err *err)
{
	size_t i = 0;
	int rc = day_index(cal, day, &i, err);
	if (rc)
		return rc;
	char d[11], what[48];
	date_format(day, d);
	snprintf(what, sizeof(what), "the working day after '%s'", d);
	return find_nth(cal, i + 1, cal->cum[i + 1] + 1, what, out, err);
}

/*
 * THE PERIOD RULE, in this one place: the day that counts as day 1 of a
 * period starting on `start`. A period starting on a working day counts that
 * day; one starting on a rest day or a holiday begins on the next working
 * day. Change this function, and nothing else, if the rule ever changes (for
 * instance to "day 1 is the working day after the notice": return
 * calendar_next_workday() unconditionally).
 */
static int period_day_one(const struct calendar *cal, px_date start, px_date *one,
			  struct px_err *err)
{
	bool working;
	int rc = calendar_is_workday(cal, start, &working, err);
	if (rc)
		return rc;
	if (working) {
		*one = start;
		return 0;
	}
	return calendar_next_workday(cal, start, one, err);
}

int calendar_end_of_period(const struct calendar *cal, px_date start, int n, px_date *end,
			   struct px_err *err)
{
	px_date one;
	int rc;

	if (n < 1)
		return px_err_set(err, PX_EINVAL, "invalid_period", "n",
				  "a period must have at least 1 working day, not %d", n);
	if ((rc = period_day_one(cal, start, &one, err)))
		return rc;
	/* day one was found in the calendar, so it is covered */
	assert(one >= cal->first && (size_t)(one - cal->first) < cal->ndays);
	size_t i = (size_t)(one - cal->first);
	char d[11], what[80];
	date_format(start, d);
	snprintf(what, sizeof(what), "the end of %d working days from '%s'", n, d);
	if (n > cal->cum[cal->ndays]) /* keeps cum[i] + n below from overflowing */
		n = cal->cum[cal->ndays] + 1;
	/* day one is working day number cum[i] + 1; the period ends n - 1 later */
	return find_nth(cal, i, cal->cum[i] + n, what, end, err);
}

int calendar_count(const struct calendar *cal, px_date from, px_date to, int *n,
		   struct px_err *err)
{
	size_t i = 0, j = 0;
	int rc;
	if ((rc = day_index(cal, from, &i, err)) || (rc = day_index(cal, to, &j, err)))
		return rc;
	if (i > j) {
		char a[11], b[11];
		date_format(from, a);
		date_format(to, b);
		return px_err_set(err, PX_EINVAL, "invalid_range", "to",
				  "'%s' is before '%s'", b, a);
	}
	*n = cal->cum[j + 1] - cal->cum[i];
	return 0;
}
