/*
 * cmd_ident.c - `pingxuan ident check`: check unified social credit codes,
 * resident identity numbers, mobile numbers and division codes
 * (core/ident.h) given as arguments or as one column of a CSV file, one
 * line per value. Resident numbers and mobile numbers are personal data:
 * they are printed masked, whether valid or not.
 */
#include "cli/cli.h"

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/ident.h"
#include "core/region.h"
#include "util/csv.h"

#define REGIONS_FILE "regions.csv"
#define REGIONS_MAX_BYTES (4u << 20)
#define CHECK_CSV_MAX_BYTES (64u << 20)
#define VALUE_SHOW_MAX 64 /* bytes of a value echoed back */

struct id_opts {
	const char *data_dir;
	const char *csv;
	const char *column;
	enum ident_kind kind; /* IDENT_UNKNOWN: guess from the shape */
};

struct id_ctx {
	const struct id_opts *o;
	px_date today;
	struct region_table *regions; /* loaded on first use */
	bool only_bad;                /* print no line for valid values */
	unsigned long checked, bad;
};

static const char help_text[] =
	"usage: pingxuan ident check [--kind K] [--data-dir DIR] VALUE...\n"
	"       pingxuan ident check --csv FILE --column NAME [--kind K] [--data-dir DIR]\n"
	"\n"
	"Check identifiers and print one line per value: 'OK <kind> <value>' or\n"
	"'BAD <kind> <value>: <reason>'. Kinds:\n"
	"  uscc    统一社会信用代码, unified social credit code (GB 32100-2015)\n"
	"  id      居民身份证号码, resident identity number (GB 11643-1999)\n"
	"  mobile  mainland mobile number, 11 digits, optionally after '+86'\n"
	"  region  行政区划代码, division code known to DIR/" REGIONS_FILE "\n"
	"Without --kind the kind is guessed from the value's shape. Resident and\n"
	"mobile numbers are printed masked (440103********1236, 138****8000).\n"
	"\n"
	"options:\n"
	"  --kind K        check every value as kind K\n"
	"  --csv FILE      check the column NAME of the CSV file FILE (first line: header):\n"
	"                  print 'row N: BAD ...' for each invalid value (N is the line on\n"
	"                  which the row starts), then a count of values checked and bad\n"
	"  --column NAME   the column to check with --csv\n"
	"  --data-dir DIR  the data directory (default: $PX_DATA_DIR, else the\n"
	"                  directory compiled in)\n"
	"  -h, --help      show this help\n"
	"\n"
	"Exit status: 0 all valid, 1 some value invalid or a file unreadable, 2 usage.\n";

static void usage(FILE *out)
{
	fputs(help_text, out);
}

/* ---- one value -------------------------------------------------------------- */

static px_date today_local(void)
{
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	return date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

static int load_regions(struct id_ctx *c)
{
	char path[4096], *text = NULL;
	size_t len = 0;
	struct px_err err = { 0 };
	int rc = 0;

	if (c->regions)
		return 0;
	if (snprintf(path, sizeof(path), "%s/%s", c->o->data_dir, REGIONS_FILE) >= (int)sizeof(path)) {
		fprintf(stderr, "pingxuan ident: error: path too long in '%s'\n", c->o->data_dir);
		return CLI_FAIL;
	}
	if (file_read(path, REGIONS_MAX_BYTES, &text, &len, &err)) {
		rc = cli_fail("ident", &err);
		goto out;
	}
	if (region_load(&c->regions, text, len, &err)) {
		fprintf(stderr, "pingxuan ident: error: %s: %s [%s]\n", path, err.msg, err.key);
		rc = CLI_FAIL;
	}
out:
	free(text);
	return rc;
}

/* How a value is echoed: masked for personal data, cut when very long. */
static void show(enum ident_kind kind, const char *v, size_t len, char *buf, size_t cap)
{
	if (kind == IDENT_RESIDENT || kind == IDENT_UNKNOWN) {
		ident_mask(v, len, buf, cap);
	} else if (kind == IDENT_MOBILE) {
		/* mask the 4 digits before the last 4, with or without +86 */
		ident_mask_span(v, len, len > 8 ? len - 8 : 0, 4, buf, cap);
	} else {
		snprintf(buf, cap, "%.*s%s", (int)(len < VALUE_SHOW_MAX ? len : VALUE_SHOW_MAX), v,
			 len > VALUE_SHOW_MAX ? "..." : "");
	}
}

static void report(const char *prefix, bool ok, enum ident_kind kind, const char *v, size_t len,
		   const char *detail)
{
	char shown[VALUE_SHOW_MAX + 8];
	show(kind, v, len, shown, sizeof(shown));
	printf("%s%s %s %s%s\n", prefix, ok ? "OK" : "BAD", ident_kind_name(kind), shown, detail);
}

/*
 * Check one value (already trimmed) and print its line. Returns 0 valid, 1
 * invalid, or -1 when the region table cannot be loaded (printed): then
 * nothing more can be checked.
 */
static int check_value(struct id_ctx *c, const char *prefix, const char *v, size_t len)
{
	enum ident_kind kind = c->o->kind ? c->o->kind : ident_guess(v, len);
	struct px_err err = { 0 };
	char detail[sizeof(err.msg) + 64] = "";
	struct ident_resident id;
	bool ok = false;

	switch (kind) {
	case IDENT_RESIDENT:
		if ((ok = ident_resident_check(v, len, c->today, &id, &err))) {
			v = id.id; /* shown normalised: a final x as X */
			break;
		}
		/* many codes of GB 32100 start with 17 digits too */
		if (!c->o->kind && ident_uscc_check(v, len, NULL, NULL))
			kind = IDENT_USCC;
		else
			break;
		/* fall through */
	case IDENT_USCC: {
		struct ident_uscc u;
		if ((ok = ident_uscc_check(v, len, &u, &err)) && !u.org_code_ok)
			snprintf(detail, sizeof(detail),
				 " (note: the organisation code's own check character would be '%c')",
				 u.org_check_expected);
		break;
	}
	case IDENT_MOBILE:
		ok = ident_mobile_check(v, len, NULL, &err);
		break;
	case IDENT_REGION: {
		if (load_regions(c))
			return -1;
		if ((ok = ident_region_check(c->regions, v, len, &err))) {
			char code[REGION_CODE_LEN + 1];
			memcpy(code, v, REGION_CODE_LEN);
			code[REGION_CODE_LEN] = '\0';
			snprintf(detail, sizeof(detail), " %s", region_find(c->regions, code)->name);
		}
		break;
	}
	case IDENT_UNKNOWN:
		snprintf(err.msg, sizeof(err.msg), "not a unified social credit code, resident "
			 "identity number, mobile number or division code (use --kind)");
		break;
	}
	if (!ok)
		snprintf(detail, sizeof(detail), ": %s", err.msg);
	if (!ok || !c->only_bad)
		report(prefix, ok, kind, v, len, detail);
	c->checked++;
	c->bad += !ok;
	return !ok;
}

/* Trim ASCII spaces and tabs from both ends. */
static const char *trim(const char *s, size_t *len)
{
	size_t n = strlen(s);
	while (n && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	*len = n;
	return s;
}

/* ---- values from arguments or a CSV column ------------------------------------ */

static int check_args(struct id_ctx *c, char **args)
{
	int rc = CLI_OK;
	for (char **a = args; *a; a++) {
		size_t len;
		const char *v = trim(*a, &len);
		int r = check_value(c, "", v, len);
		if (r < 0)
			return CLI_FAIL;
		if (r)
			rc = CLI_FAIL;
	}
	return rc;
}

static int check_csv(struct id_ctx *c)
{
	const struct csv_opts opts = { .max_field = 4096, .max_fields = 1024,
				       .max_records = 1000000, .same_width = true };
	struct csv_reader r;
	struct px_err err = { 0 };
	char *text = NULL, prefix[40];
	size_t len = 0;
	int rc, col;

	if (file_read(c->o->csv, CHECK_CSV_MAX_BYTES, &text, &len, &err))
		return cli_fail("ident", &err);
	csv_reader_init(&r, text, len, &opts);
	if ((rc = csv_next(&r, &err)) <= 0) {
		if (!rc)
			px_err_set(&err, PX_EINVAL, "csv_empty", "", "line 1: no header");
		fprintf(stderr, "pingxuan ident: error: %s: %s [%s]\n", c->o->csv, err.msg, err.key);
		rc = CLI_FAIL;
		goto out;
	}
	if ((col = csv_find_column(&r, c->o->column)) < 0) {
		fprintf(stderr, "pingxuan ident: error: %s: no column '%s' in the header\n",
			c->o->csv, c->o->column);
		rc = CLI_FAIL;
		goto out;
	}
	while ((rc = csv_next(&r, &err)) > 0) {
		size_t vlen;
		const char *v = trim(csv_field(&r, (size_t)col), &vlen);
		snprintf(prefix, sizeof(prefix), "row %zu: ", r.line);
		if (!vlen) {
			printf("%sBAD (empty)\n", prefix);
			c->checked++;
			c->bad++;
			continue;
		}
		if (check_value(c, prefix, v, vlen) < 0) {
			rc = CLI_FAIL;
			goto out;
		}
	}
	if (rc < 0) {
		fprintf(stderr, "pingxuan ident: error: %s: %s [%s]\n", c->o->csv, err.msg, err.key);
		rc = CLI_FAIL;
		goto out;
	}
	printf("%lu checked, %lu bad\n", c->checked, c->bad);
	rc = c->bad ? CLI_FAIL : CLI_OK;
out:
	csv_reader_release(&r);
	free(text);
	return rc;
}

/* ---- dispatch --------------------------------------------------------------- */

enum { OPT_DATA_DIR = 1000, OPT_KIND, OPT_CSV, OPT_COLUMN };

static const struct option long_opts[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "data-dir", required_argument, NULL, OPT_DATA_DIR },
	{ "kind", required_argument, NULL, OPT_KIND },
	{ "csv", required_argument, NULL, OPT_CSV },
	{ "column", required_argument, NULL, OPT_COLUMN },
	{ NULL, 0, NULL, 0 },
};

/* Store one option of long_opts in the struct id_opts at ctx. */
static int take_opt(void *ctx, int opt, const char *arg)
{
	struct id_opts *o = ctx;
	switch (opt) {
	case OPT_DATA_DIR: o->data_dir = arg; break;
	case OPT_CSV: o->csv = arg; break;
	case OPT_COLUMN: o->column = arg; break;
	case OPT_KIND:
		if (!(o->kind = ident_kind_parse(arg)))
			return cli_usage_error("ident", "unknown kind '%s' (uscc, id, mobile, region)", arg);
		break;
	}
	return -1;
}

static const struct cli_optspec optspec = { "ident", long_opts, take_opt };

int cmd_ident(int argc, char **argv)
{
	struct id_opts o = { cli_data_dir(), NULL, NULL, IDENT_UNKNOWN };
	struct id_ctx c = { &o, 0, NULL, 0, 0 };
	bool help = false;
	int rc;

	if ((rc = cli_parse_opts(&optspec, argc, argv, "+:h", &o, &help)) >= 0)
		return rc;
	if (help || (optind < argc && !strcmp(argv[optind], "help"))) {
		usage(stdout);
		return CLI_OK;
	}
	if (optind >= argc)
		return cli_usage_error("ident", "a command is needed: check");
	if (strcmp(argv[optind], "check"))
		return cli_usage_error("ident", "unknown command '%s'", argv[optind]);
	int sargc = argc - optind;
	char **sargv = argv + optind;
	if ((rc = cli_parse_opts(&optspec, sargc, sargv, ":h", &o, &help)) >= 0)
		return rc;
	if (help) {
		usage(stdout);
		return CLI_OK;
	}
	char **args = sargv + optind;
	if (!o.csv != !o.column)
		return cli_usage_error("ident", "--csv and --column go together");
	if (o.csv && *args)
		return cli_usage_error("ident", "values and --csv exclude each other");
	if (!o.csv && !*args)
		return cli_usage_error("ident", "nothing to check: give values or --csv FILE --column NAME");

	c.today = today_local();
	c.only_bad = o.csv != NULL;
	rc = o.csv ? check_csv(&c) : check_args(&c, args);
	region_free(c.regions);
	return rc;
}
