/*
 * cmd_nqi.c - `pingxuan nqi import`: the NQI one-stop service records
 * (docs/nqi.md) imported from a CSV file of any size - institutions,
 * enterprises or services - every row checked before anything is written,
 * then written in batches, with progress on stderr.
 */
#include "cli/cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/app.h"
#include "app/nqi/nqi.h"

#define NQI_FILE_MAX (1ull << 30)

static const char usage[] =
	"usage: pingxuan nqi import --kind institutions|enterprises|services FILE\n"
	"                           [--db PATH|URL] [--batch ROWS] [--every ROWS]\n"
	"\n"
	"Import NQI records from a CSV file. Headers:\n"
	"  institutions  uscc,name,region,kinds   (kinds joined by ';')\n"
	"  enterprises   uscc,name,region,chain\n"
	"  services      date,kind,institution,enterprise[,chain]\n"
	"Every row is checked first; a file with a faulty row is refused whole and\n"
	"its faults listed. Rows are then written --batch rows per transaction\n"
	"(default 10000); progress goes to stderr every --every rows (default 100000).\n";

struct opts {
	const char *db, *kind;
	long batch, every;
};

struct progress {
	long every;
	size_t shown[2];
	struct timespec t0;
};

static double seconds_since(const struct timespec *t0)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

static void show(void *ctx, const char *phase, size_t done, size_t total)
{
	struct progress *p = ctx;
	int i = !strcmp(phase, "imported");
	if (done != total && done - p->shown[i] < (size_t)p->every)
		return;
	p->shown[i] = done;
	fprintf(stderr, "nqi import: %s %zu of %zu rows (%.1f s)\n", phase, done, total, seconds_since(&p->t0));
}

static int take(void *ctx, int opt, const char *arg)
{
	struct opts *o = ctx;
	char *end;
	switch (opt) {
	case 'd': o->db = arg; return -1;
	case 'k': o->kind = arg; return -1;
	case 'b':
	case 'e': {
		long v = strtol(arg, &end, 10);
		if (*end || v < 1 || v > 1000000)
			return cli_usage_error("nqi", "--batch and --every take 1 to 1000000 rows");
		*(opt == 'b' ? &o->batch : &o->every) = v;
		return -1;
	}
	default: return cli_usage_error("nqi", "unknown option");
	}
}

static void print_faults(json_t *rows)
{
	size_t i;
	json_t *f;
	json_array_foreach(rows, i, f)
		fprintf(stderr, "  line %lld, %s: %s: %s\n", (long long)json_integer_value(json_object_get(f, "line")),
			json_string_value(json_object_get(f, "column")), json_string_value(json_object_get(f, "code")),
			json_string_value(json_object_get(f, "message")));
}

static int run(const struct opts *o, int what, const char *path)
{
	struct px_err err = { 0 };
	struct app app;
	struct progress p = { .every = o->every };
	struct nqi_import_opts io = { .batch = (size_t)o->batch, .max_rows = NQI_FILE_ROWS_MAX, .progress = show,
				      .progress_ctx = &p };
	json_t *out = NULL, *rows = NULL;
	char *csv = NULL;
	size_t len;
	clock_gettime(CLOCK_MONOTONIC, &p.t0);
	if (file_read(path, NQI_FILE_MAX, &csv, &len, &err))
		return cli_fail("nqi", &err);
	int rc = cli_open_app(o->db, NULL, 1, 0, &app, &err);
	if (!rc) {
		rc = nqi_import(&app, &app_actor_cli, (enum nqi_what)what, csv, len, &io, &out, &rows, &err);
		cli_close_app(&app);
	}
	free(csv);
	if (rc) {
		print_faults(rows);
		json_decref(rows);
		return cli_fail("nqi", &err);
	}
	printf("imported %lld %s (import %lld) in %.1f s\n", (long long)json_integer_value(json_object_get(out, "imported")),
	       o->kind, (long long)json_integer_value(json_object_get(out, "import")), seconds_since(&p.t0));
	json_decref(out);
	return CLI_OK;
}

int cmd_nqi(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'd' },     { "kind", required_argument, NULL, 'k' },
		{ "batch", required_argument, NULL, 'b' },  { "every", required_argument, NULL, 'e' },
		{ "help", no_argument, NULL, 'h' },         { 0 },
	};
	static const struct cli_optspec spec = { "nqi", longopts, take };
	struct opts o = { .db = CLI_DEFAULT_DB, .batch = 10000, .every = 100000 };
	bool help = false;
	if (argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		fputs(usage, stdout);
		return CLI_OK;
	}
	if (argc < 2 || strcmp(argv[1], "import"))
		return cli_usage_error("nqi", "say 'import'");
	int rc = cli_parse_opts(&spec, argc - 1, argv + 1, ":h", &o, &help);
	if (rc >= 0)
		return rc;
	if (help) {
		fputs(usage, stdout);
		return CLI_OK;
	}
	int what = nqi_what_parse(o.kind);
	if (what < 0 || optind != argc - 2)
		return cli_usage_error("nqi", "give --kind institutions|enterprises|services and one FILE");
	return run(&o, what, argv[argc - 1]);
}
