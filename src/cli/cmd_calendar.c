/*
 * cmd_calendar.c - `pingxuan calendar`: working days by the official
 * calendar of DIR/cn_workdays.csv (core/calendar.h) from the command line:
 * the end of a period, a count, what a date is, and the import of a new
 * year's schedule, which replaces the file only after checking it.
 */
#include "cli/cli.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/calendar.h"

#define CAL_FILE "cn_workdays.csv"
#define CAL_MAX_BYTES (1u << 20)

struct cal_opts {
	const char *data_dir;
	bool force;
};

static int cal_end(const struct cal_opts *o, char **args);
static int cal_count(const struct cal_opts *o, char **args);
static int cal_check(const struct cal_opts *o, char **args);
static int cal_import(const struct cal_opts *o, char **args);

static const struct cal_sub {
	const char *name;
	int (*fn)(const struct cal_opts *o, char **args);
	int min_args, max_args;
	bool force;           /* takes --force */
	const char *synopsis; /* after "pingxuan calendar " */
	const char *help;
} subs[] = {
	{ "end", cal_end, 2, 2, false, "end START N",
	  "Print the last day of a period of N working days starting on START.\n"
	  "A period starting on a working day counts that day as day 1; one starting\n"
	  "on a rest day or a holiday begins on the next working day.\n" },
	{ "count", cal_count, 2, 2, false, "count FROM TO",
	  "Print the number of working days from FROM to TO, both included.\n" },
	{ "check", cal_check, 1, INT_MAX, false, "check DATE...",
	  "Print what each DATE is: 'workday', 'rest', 'holiday NAME', or\n"
	  "'workday (调休 NAME)' for a weekend day made a working day.\n" },
	{ "import", cal_import, 1, 1, true, "import FILE [--force]",
	  "Check FILE (format of data/cn_workdays.csv: date,kind,name) and, when it is\n"
	  "valid, make it the calendar: DIR/" CAL_FILE " is replaced atomically and\n"
	  "the previous file kept as DIR/" CAL_FILE ".bak. A FILE that drops years the\n"
	  "current calendar covers is refused unless --force is given.\n" },
};

#define N_SUBS (sizeof(subs) / sizeof(subs[0]))

static const char options_help[] =
	"options:\n"
	"  --data-dir DIR  the data directory (default: $PX_DATA_DIR, else the\n"
	"                  directory compiled in)\n"
	"  -h, --help      show this help\n";

static void usage(FILE *out)
{
	fprintf(out, "usage: pingxuan calendar [--data-dir DIR] <command> [arguments]\n\n"
		     "Working days by the official calendar (" CAL_FILE ").\n\ncommands:\n");
	for (size_t i = 0; i < N_SUBS; i++)
		fprintf(out, "  pingxuan calendar %s\n", subs[i].synopsis);
	fprintf(out, "\n%s\n'pingxuan calendar <command> --help' describes a command.\n"
		     "Exit status: 0 done, 1 failed (such as a date outside the calendar), 2 usage.\n",
		options_help);
}

static void sub_usage(const struct cal_sub *s)
{
	printf("usage: pingxuan calendar %s [--data-dir DIR]\n\n%s\n%s", s->synopsis, s->help,
	       options_help);
	if (s->force)
		printf("  --force         accept a file that covers fewer years\n");
}

/* ---- helpers -------------------------------------------------------------- */

static int parse_date_arg(const char *s, px_date *d)
{
	if (date_parse(s, strlen(s), d))
		return cli_usage_error("calendar", "invalid date '%s' (expected YYYY-MM-DD)", s);
	return 0;
}

static int path_in(const char *dir, const char *name, char *buf, size_t cap)
{
	if (snprintf(buf, cap, "%s/%s", dir, name) >= (int)cap) {
		fprintf(stderr, "pingxuan calendar: error: path too long in '%s'\n", dir);
		return CLI_FAIL;
	}
	return 0;
}

/* Print a failure to do with a file: "error: PATH: message [key]". */
static int file_fail(const char *path, const struct px_err *err)
{
	fprintf(stderr, "pingxuan calendar: error: %s: %s [%s]\n", path, err->msg, err->key);
	return CLI_FAIL;
}

static int query_fail(const struct px_err *err)
{
	cli_fail("calendar", err);
	if (!strcmp(err->key, "date_out_of_calendar"))
		fprintf(stderr, "(a new year's schedule is added with 'pingxuan calendar import FILE')\n");
	return CLI_FAIL;
}

/* Read and check a calendar file; *text and *len receive its content when wanted. */
static int load_file(const char *path, struct calendar **cal, char **text, size_t *len)
{
	struct px_err err = { 0 };
	char *buf = NULL;
	size_t n = 0;
	int rc = CLI_OK;

	if (file_read(path, CAL_MAX_BYTES, &buf, &n, &err)) {
		rc = cli_fail("calendar", &err);
		goto out;
	}
	if (calendar_load(cal, buf, n, &err)) {
		rc = file_fail(path, &err);
		goto out;
	}
	if (text) {
		*text = buf;
		*len = n;
		buf = NULL;
	}
out:
	free(buf);
	return rc;
}

static int load_calendar(const struct cal_opts *o, struct calendar **cal)
{
	char path[4096];
	return path_in(o->data_dir, CAL_FILE, path, sizeof(path)) ?
		       CLI_FAIL : load_file(path, cal, NULL, NULL);
}

/* ---- subcommands ---------------------------------------------------------- */

static int cal_end(const struct cal_opts *o, char **args)
{
	struct calendar *cal = NULL;
	struct px_err err = { 0 };
	px_date start, end;
	char *e, out[11];
	int rc;

	if ((rc = parse_date_arg(args[0], &start)))
		return rc;
	errno = 0;
	long n = strtol(args[1], &e, 10);
	if (errno || e == args[1] || *e || n > INT_MAX || n < INT_MIN)
		return cli_usage_error("calendar", "N must be a whole number, not '%s'", args[1]);
	if ((rc = load_calendar(o, &cal)))
		return rc;
	if (calendar_end_of_period(cal, start, (int)n, &end, &err)) {
		rc = query_fail(&err);
		goto out;
	}
	date_format(end, out);
	printf("%s\n", out);
out:
	calendar_free(cal);
	return rc;
}

static int cal_count(const struct cal_opts *o, char **args)
{
	struct calendar *cal = NULL;
	struct px_err err = { 0 };
	px_date from, to;
	int rc, n;

	if ((rc = parse_date_arg(args[0], &from)) || (rc = parse_date_arg(args[1], &to)))
		return rc;
	if ((rc = load_calendar(o, &cal)))
		return rc;
	if (calendar_count(cal, from, to, &n, &err)) {
		rc = query_fail(&err);
		goto out;
	}
	printf("%d\n", n);
out:
	calendar_free(cal);
	return rc;
}

static int cal_check(const struct cal_opts *o, char **args)
{
	struct calendar *cal = NULL;
	int rc;

	for (char **a = args; *a; a++) {
		px_date d;
		if ((rc = parse_date_arg(*a, &d)))
			return rc;
	}
	if ((rc = load_calendar(o, &cal)))
		return rc;
	for (char **a = args; *a; a++) {
		struct px_err err = { 0 };
		struct calendar_day day;
		px_date d = 0;
		date_parse(*a, strlen(*a), &d); /* checked above */
		if (calendar_day(cal, d, &day, &err)) {
			rc = query_fail(&err);
			continue;
		}
		switch (day.kind) {
		case CALENDAR_WORKDAY: printf("%s workday\n", *a); break;
		case CALENDAR_REST: printf("%s rest\n", *a); break;
		case CALENDAR_HOLIDAY: printf("%s holiday %s\n", *a, day.name); break;
		case CALENDAR_ADJUSTED: printf("%s workday (调休 %s)\n", *a, day.name); break;
		}
	}
	calendar_free(cal);
	return rc;
}

static int cal_import(const struct cal_opts *o, char **args)
{
	struct calendar *cal = NULL, *prev = NULL;
	struct px_err err = { 0 };
	char target[4096], bak[4096], *text = NULL, *old = NULL;
	size_t len = 0, old_len = 0;
	int rc, first, last, pfirst = 0, plast = 0;

	if (path_in(o->data_dir, CAL_FILE, target, sizeof(target)) ||
	    path_in(o->data_dir, CAL_FILE ".bak", bak, sizeof(bak)))
		return CLI_FAIL;
	if ((rc = load_file(args[0], &cal, &text, &len)))
		goto out;
	calendar_years(cal, &first, &last);
	if (!access(target, F_OK)) {
		/* an unreadable current file is kept as .bak; one that does not load is replaced */
		if (file_read(target, CAL_MAX_BYTES, &old, &old_len, &err)) {
			rc = cli_fail("calendar", &err);
			goto out;
		}
		if (!calendar_load(&prev, old, old_len, NULL))
			calendar_years(prev, &pfirst, &plast);
	}
	if (prev && (first > pfirst || last < plast) && !o->force) {
		fprintf(stderr, "pingxuan calendar: error: %s covers %d-%d but the current calendar "
				"covers %d-%d; a new file must include every year of the old one "
				"(or use --force)\n", args[0], first, last, pfirst, plast);
		rc = CLI_FAIL;
		goto out;
	}
	if (old && file_write_atomic(bak, old, old_len, &err)) {
		rc = file_fail(bak, &err);
		goto out;
	}
	if (file_write_atomic(target, text, len, &err)) {
		rc = file_fail(target, &err);
		goto out;
	}
	printf("covered years: %d-%d\n", first, last);
	if (old)
		printf("installed %s (previous kept as %s)\n", target, bak);
	else
		printf("installed %s\n", target);
out:
	calendar_free(cal);
	calendar_free(prev);
	free(text);
	free(old);
	return rc;
}

/* ---- dispatch ------------------------------------------------------------- */

enum { OPT_DATA_DIR = 1000, OPT_FORCE };

static const struct option long_opts[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "data-dir", required_argument, NULL, OPT_DATA_DIR },
	{ "force", no_argument, NULL, OPT_FORCE },
	{ NULL, 0, NULL, 0 },
};

/* Store one option of long_opts in the struct cal_opts at ctx. */
static int take_opt(void *ctx, int opt, const char *arg)
{
	struct cal_opts *o = ctx;
	switch (opt) {
	case OPT_DATA_DIR: o->data_dir = arg; break;
	case OPT_FORCE: o->force = true; break;
	}
	return -1;
}

static const struct cli_optspec optspec = { "calendar", long_opts, take_opt };

int cmd_calendar(int argc, char **argv)
{
	struct cal_opts o = { cli_data_dir(), false };
	bool help = false;
	int rc;

	if ((rc = cli_parse_opts(&optspec, argc, argv, "+:h", &o, &help)) >= 0)
		return rc;
	if (help) {
		usage(stdout);
		return CLI_OK;
	}
	if (optind >= argc)
		return cli_usage_error("calendar", "a command is needed: end, count, check or import");
	const char *name = argv[optind];
	const struct cal_sub *s = NULL;
	for (size_t i = 0; i < N_SUBS; i++)
		if (!strcmp(name, subs[i].name))
			s = &subs[i];
	if (!s)
		return cli_usage_error("calendar", "unknown command '%s'", name);

	int sargc = argc - optind;
	char **sargv = argv + optind;
	if ((rc = cli_parse_opts(&optspec, sargc, sargv, ":h", &o, &help)) >= 0)
		return rc;
	if (help) {
		sub_usage(s);
		return CLI_OK;
	}
	if (o.force && !s->force)
		return cli_usage_error("calendar", "'%s' takes no --force", s->name);
	int nargs = sargc - optind;
	if (nargs < s->min_args || nargs > s->max_args)
		return cli_usage_error("calendar", "usage: pingxuan calendar %s", s->synopsis);
	return s->fn(&o, sargv + optind);
}
