/*
 * cmd_draw.c - `pingxuan draw`: run the verifiable reviewer draw on an input
 * file and a seed, print the commitment of a seed, make a new seed (with an
 * input: the whole commitment to publish, seed commitment and inputs hash),
 * or print the inputs hash. A run given the published commitment refuses a
 * seed that does not open it or an input whose hash is not the committed one
 * (docs/draw.md, "Commitment").
 */
#include "app/review/draw_doc.h"
#include "cli/cli.h"
#include "cli/draw_json.h"
#include "core/draw.h"

#include <getopt.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

static const char usage_text[] =
	"usage: pingxuan draw --input FILE --seed HEX [--seed-commit HEX] [--committed-inputs HEX]\n"
	"                                                 run the draw, print the result as JSON\n"
	"       pingxuan draw --commit --seed HEX         print the commitment SHA-256(seed)\n"
	"       pingxuan draw commit HEX                  the same\n"
	"       pingxuan draw --new-seed [--input FILE]   make a random seed, print it and its commitment\n"
	"                                                 (and the inputs hash of FILE)\n"
	"       pingxuan draw --inputs-hash --input FILE  print the hash that pins the input\n"
	"\n"
	"A seed is 32 bytes written as 64 hex digits. Publish its commitment and the\n"
	"inputs hash before the draw and keep the seed sealed; run with --seed-commit and\n"
	"--committed-inputs to refuse a seed or an input other than those committed to;\n"
	"publish the seed after the run. Anyone can then check the result with\n"
	"'pingxuan verify-draw'. The input format is in docs/draw.md.\n";

struct opts {
	const char *input, *seed;
	const char *seed_commit, *committed_inputs; /* the published commitment, checked when given */
	int (*mode)(const struct opts *o); /* what to do; NULL: run the draw */
};

static int need_seed(const struct opts *o, unsigned char seed[DRAW_SEED_BYTES])
{
	struct px_err err = { 0 };
	if (!o->seed)
		return cli_usage_error("draw", "--seed is required");
	if (draw_seed_parse(o->seed, seed, &err))
		return cli_usage_error("draw", "--seed: %s", err.msg);
	return CLI_OK;
}

static int do_commit(const struct opts *o)
{
	unsigned char seed[DRAW_SEED_BYTES];
	char hex[DRAW_HEX_LEN + 1];
	int rc = need_seed(o, seed);
	if (rc)
		return rc;
	draw_seed_commit(seed, hex);
	printf("%s\n", hex);
	return CLI_OK;
}

/* The inputs hash of the file of --input (which must be given). */
static int input_hash(const struct opts *o, char hex[DRAW_HEX_LEN + 1])
{
	struct cli_draw_doc doc;
	struct px_err err = { 0 };
	int rc = CLI_OK;
	if (!o->input)
		return cli_usage_error("draw", "--input is required");
	if (cli_draw_load(o->input, &doc, &err))
		return cli_fail("draw", &err);
	if (draw_inputs_hash(&doc.in, hex, &err))
		rc = cli_fail("draw", &err);
	cli_draw_doc_release(&doc);
	return rc;
}

static int do_new_seed(const struct opts *o)
{
	unsigned char seed[DRAW_SEED_BYTES];
	char hex[2 * DRAW_SEED_BYTES + 1], commit[DRAW_HEX_LEN + 1], hash[DRAW_HEX_LEN + 1];
	json_t *out;
	int rc;
	if (o->input && (rc = input_hash(o, hash)))
		return rc;
	if (sodium_init() < 0) {
		fprintf(stderr, "pingxuan draw: error: cannot initialise libsodium\n");
		return CLI_FAIL;
	}
	randombytes_buf(seed, sizeof(seed));
	sodium_bin2hex(hex, sizeof(hex), seed, sizeof(seed));
	draw_seed_commit(seed, commit);
	sodium_memzero(seed, sizeof(seed));
	out = json_pack("{s:s, s:s}", "seed", hex, "seed_commit", commit);
	if (out && o->input) {
		json_object_set_new(out, "algorithm", json_string(DRAW_ALGORITHM));
		json_object_set_new(out, "inputs_hash", json_string(hash));
	}
	sodium_memzero(hex, sizeof(hex));
	rc = out ? cli_json_print(out) : CLI_FAIL;
	json_decref(out);
	return rc;
}

/* A run given the published commitment: the seed must open it, the input must be the one committed. */
static int check_committed(const struct opts *o, const unsigned char seed[DRAW_SEED_BYTES], const struct draw_input *in)
{
	struct px_err err = { 0 };
	char hex[DRAW_HEX_LEN + 1];
	if (o->seed_commit) {
		draw_seed_commit(seed, hex);
		if (strcmp(hex, o->seed_commit)) {
			px_err_set(&err, PX_EINVAL, "seed_mismatch", "seed", "the seed does not open the commitment '%.64s'",
				   o->seed_commit);
			return cli_fail("draw", &err);
		}
	}
	if (o->committed_inputs) {
		if (draw_inputs_hash(in, hex, &err))
			return cli_fail("draw", &err);
		if (strcmp(hex, o->committed_inputs)) {
			px_err_set(&err, PX_ECONFLICT, "draw_inputs_changed", "input",
				   "the input's hash %s is not the committed '%.64s'", hex, o->committed_inputs);
			return cli_fail("draw", &err);
		}
	}
	return CLI_OK;
}

static int do_inputs_hash(const struct opts *o)
{
	char hex[DRAW_HEX_LEN + 1];
	int rc = input_hash(o, hex);
	if (!rc)
		printf("%s\n", hex);
	return rc;
}

static int do_run(const struct opts *o)
{
	unsigned char seed[DRAW_SEED_BYTES];
	struct cli_draw_doc doc;
	struct draw_result r;
	struct px_err err = { 0 };
	json_t *out = NULL;
	int rc;

	if (!o->input)
		return cli_usage_error("draw", "--input is required");
	if ((rc = need_seed(o, seed)))
		return rc;
	if (cli_draw_load(o->input, &doc, &err))
		return cli_fail("draw", &err);
	if ((rc = check_committed(o, seed, &doc.in)))
		goto out_doc;
	if (draw_run(&doc.in, seed, &r, &err)) {
		rc = cli_fail("draw", &err);
		goto out_doc;
	}
	out = draw_doc_result_json(&doc.in, &r);
	rc = out ? cli_json_print(out) : CLI_FAIL;
	json_decref(out);
	draw_result_release(&r);
out_doc:
	cli_draw_doc_release(&doc);
	return rc;
}

int cmd_draw(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "input", required_argument, NULL, 'i' },
		{ "seed", required_argument, NULL, 's' },
		{ "commit", no_argument, NULL, 'c' },
		{ "new-seed", no_argument, NULL, 'n' },
		{ "inputs-hash", no_argument, NULL, 'H' },
		{ "seed-commit", required_argument, NULL, 'C' },
		{ "committed-inputs", required_argument, NULL, 'I' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	/* the options that choose what to do, and what they do */
	static const struct {
		int opt;
		int (*mode)(const struct opts *o);
	} modes[] = {
		{ 'c', do_commit },
		{ 'n', do_new_seed },
		{ 'H', do_inputs_hash },
	};
	struct opts o = { 0 };
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "i:s:h", longopts, NULL)) != -1) {
		size_t m = 0;
		while (m < sizeof(modes) / sizeof(modes[0]) && modes[m].opt != c)
			m++;
		if (m < sizeof(modes) / sizeof(modes[0])) {
			if (o.mode && o.mode != modes[m].mode)
				return cli_usage_error("draw", "--commit, --new-seed and --inputs-hash "
						       "exclude each other");
			o.mode = modes[m].mode;
			continue;
		}
		switch (c) {
		case 'i': o.input = optarg; break;
		case 's': o.seed = optarg; break;
		case 'C': o.seed_commit = optarg; break;
		case 'I': o.committed_inputs = optarg; break;
		case 'h': fputs(usage_text, stdout); return CLI_OK;
		default: return cli_usage_error("draw", "unknown option");
		}
	}
	if (optind < argc && !strcmp(argv[optind], "commit")) { /* draw commit HEX */
		if (optind + 2 != argc || o.seed || (o.mode && o.mode != do_commit))
			return cli_usage_error("draw", "usage: pingxuan draw commit HEX");
		o.seed = argv[optind + 1];
		o.mode = do_commit;
		optind = argc;
	}
	if (optind < argc)
		return cli_usage_error("draw", "unexpected argument '%s'", argv[optind]);
	return o.mode ? o.mode(&o) : do_run(&o);
}
