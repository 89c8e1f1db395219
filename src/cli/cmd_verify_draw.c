/*
 * cmd_verify_draw.c - `pingxuan verify-draw`: what anyone holding a published
 * draw can run. Checks that the revealed seed matches the commitment
 * published before the draw, re-runs the draw on the input and the seed, and
 * compares the outcome with the published result member by member, printing
 * each difference; with --inputs-hash, also checks that the input file is the
 * one the published commitment bound (docs/draw.md, "Commitment"). Exit 0
 * when everything matches, 1 otherwise.
 */
#include "app/review/draw_doc.h"
#include "cli/cli.h"
#include "cli/draw_json.h"
#include "core/draw.h"

#include <ctype.h>
#include <stdarg.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage_text[] =
	"usage: pingxuan verify-draw --input FILE --seed HEX --commit HEX [--inputs-hash HEX] --result FILE\n"
	"\n"
	"Check a published draw: SHA-256(seed) must equal the commitment, the input's\n"
	"hash must equal the inputs hash published with the commitment (when given),\n"
	"and running the draw on the input with the seed must give the published\n"
	"result. Prints OK or each difference; exits 0 when the draw is verified, 1\n"
	"when it is not.\n";

#define MAX_REPORTED 20

struct diff {
	unsigned count;
};

static void differs(struct diff *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void differs(struct diff *d, const char *fmt, ...)
{
	va_list ap;
	if (d->count++ >= MAX_REPORTED)
		return;
	fputs("differs: ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	fputc('\n', stdout);
}

/* A JSON value in one line, for messages (owned by the caller). */
static char *show(const json_t *v)
{
	return v ? json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY) : NULL;
}

static void compare_value(struct diff *d, const char *what, const json_t *pub, const json_t *own)
{
	char *p, *o;
	if (json_equal(pub, own))
		return;
	p = show(pub);
	o = show(own);
	differs(d, "%s: published %s, recomputed %s", what, p ? p : "nothing", o ? o : "nothing");
	free(p);
	free(o);
}

static void compare_scalar(struct diff *d, const char *key, const json_t *pub, const json_t *own)
{
	compare_value(d, key, json_object_get(pub, key), json_object_get(own, key));
}

static void compare_assignments(struct diff *d, const char *key, const json_t *pub, const json_t *own)
{
	const json_t *p = json_object_get(pub, key), *o = json_object_get(own, key);
	size_t i;
	json_t *mine;
	if (!json_is_array(p) || json_array_size(p) != json_array_size(o)) {
		differs(d, "assignments: published %zu, recomputed %zu", json_array_size(p),
			json_array_size(o));
		return;
	}
	json_array_foreach(o, i, mine) {
		char what[128];
		snprintf(what, sizeof(what), "assignments[%zu] (%.60s)", i,
			 json_string_value(json_object_get(mine, "application")));
		compare_value(d, what, json_array_get(p, i), mine);
	}
}

static void compare_loads(struct diff *d, const char *key, const json_t *pub, const json_t *own)
{
	const json_t *p = json_object_get(pub, key), *o = json_object_get(own, key);
	const char *id;
	json_t *mine;
	if (!json_is_object(p) || json_object_size(p) != json_object_size(o)) {
		differs(d, "loads: published %zu experts, recomputed %zu", json_object_size(p),
			json_object_size(o));
		return;
	}
	json_object_foreach((json_t *)o, id, mine) {
		char what[96];
		snprintf(what, sizeof(what), "loads.%.80s", id);
		compare_value(d, what, json_object_get(p, id), mine);
	}
}

/* The members of a published result and how each is compared. */
static const struct {
	const char *key;
	void (*compare)(struct diff *d, const char *key, const json_t *pub, const json_t *own);
} members[] = {
	{ "algorithm", compare_scalar },
	{ "seed_commit", compare_scalar },
	{ "inputs_hash", compare_scalar },
	{ "max_load", compare_scalar },
	{ "assignments", compare_assignments },
	{ "loads", compare_loads },
};

static void compare(struct diff *d, const json_t *pub, const json_t *own)
{
	const char *key;
	json_t *v;
	for (size_t i = 0; i < sizeof(members) / sizeof(members[0]); i++)
		members[i].compare(d, members[i].key, pub, own);
	json_object_foreach((json_t *)pub, key, v)
		if (!json_object_get(own, key))
			differs(d, "%.80s: published, but not part of a draw result", key);
}

struct opts {
	const char *input, *seed, *commit, *result;
	const char *inputs_hash; /* published with the commitment; NULL when not given */
};

static int parse_opts(int argc, char **argv, struct opts *o)
{
	static const struct option longopts[] = {
		{ "input", required_argument, NULL, 'i' },
		{ "seed", required_argument, NULL, 's' },
		{ "commit", required_argument, NULL, 'c' },
		{ "result", required_argument, NULL, 'r' },
		{ "inputs-hash", required_argument, NULL, 'H' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "i:s:c:r:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'i': o->input = optarg; break;
		case 's': o->seed = optarg; break;
		case 'c': o->commit = optarg; break;
		case 'r': o->result = optarg; break;
		case 'H': o->inputs_hash = optarg; break;
		case 'h': fputs(usage_text, stdout); return -1;
		default: return cli_usage_error("verify-draw", "unknown option");
		}
	}
	if (optind < argc)
		return cli_usage_error("verify-draw", "unexpected argument '%s'", argv[optind]);
	if (!o->input || !o->seed || !o->commit || !o->result)
		return cli_usage_error("verify-draw", "--input, --seed, --commit and --result are required");
	return CLI_OK;
}

/* Does the seed open the commitment? Prints why not. */
static bool commitment_holds(const unsigned char seed[DRAW_SEED_BYTES], const char *commit)
{
	char own[DRAW_HEX_LEN + 1];
	size_t n = strlen(commit), i = 0;
	draw_seed_commit(seed, own);
	while (i < n && i < DRAW_HEX_LEN && tolower((unsigned char)commit[i]) == own[i])
		i++;
	if (n == DRAW_HEX_LEN && i == n)
		return true;
	printf("differs: the seed does not open the commitment: SHA-256(seed) is %s, the "
	       "commitment is '%.80s'\n", own, commit);
	return false;
}

int cmd_verify_draw(int argc, char **argv)
{
	struct opts o = { 0 };
	struct px_err err = { 0 };
	unsigned char seed[DRAW_SEED_BYTES];
	struct cli_draw_doc doc = { 0 };
	struct draw_result r = { 0 };
	json_t *pub = NULL, *own = NULL;
	struct diff d = { 0 };
	int rc = parse_opts(argc, argv, &o);

	if (rc)
		return rc < 0 ? CLI_OK : rc;
	if (draw_seed_parse(o.seed, seed, &err))
		return cli_usage_error("verify-draw", "--seed: %s", err.msg);
	if (!commitment_holds(seed, o.commit)) {
		printf("FAILED\n");
		return CLI_FAIL;
	}
	if (cli_json_read_file(o.result, CLI_DRAW_MAX_FILE, &pub, &err) ||
	    cli_draw_load(o.input, &doc, &err) || draw_run(&doc.in, seed, &r, &err)) {
		rc = cli_fail("verify-draw", &err);
		goto out;
	}
	own = draw_doc_result_json(&doc.in, &r);
	if (!own) {
		rc = cli_fail("verify-draw", NULL);
		goto out;
	}
	if (!json_is_object(pub))
		differs(&d, "result: not a JSON object");
	else
		compare(&d, pub, own);
	if (o.inputs_hash && strcmp(o.inputs_hash, r.inputs_hash))
		differs(&d, "inputs_hash: committed '%.80s', the input's is %s", o.inputs_hash, r.inputs_hash);
	if (d.count > MAX_REPORTED)
		printf("... and %u more differences\n", d.count - MAX_REPORTED);
	if (d.count) {
		printf("FAILED\n");
		rc = CLI_FAIL;
	} else {
		printf("OK: the seed opens the commitment and the draw reproduces the result "
		       "(%zu applications, inputs hash %s)\n", r.n_panels, r.inputs_hash);
		rc = CLI_OK;
	}
out:
	json_decref(pub);
	json_decref(own);
	draw_result_release(&r);
	cli_draw_doc_release(&doc);
	return rc;
}
