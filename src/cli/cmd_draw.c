/*
 * cmd_draw.c - `pingxuan draw`: run the verifiable reviewer draw on an input
 * file and a seed, print the commitment of a seed, make a new seed, or print
 * the inputs hash to publish before the draw (docs/draw.md, "Publication").
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
	"usage: pingxuan draw --input FILE --seed HEX     run the draw, print the result as JSON\n"
	"       pingxuan draw --commit --seed HEX         print the commitment SHA-256(seed)\n"
	"       pingxuan draw commit HEX                  the same\n"
	"       pingxuan draw --new-seed                  make a random seed, print it and its commitment\n"
	"       pingxuan draw --inputs-hash --input FILE  print the hash that pins the input\n"
	"\n"
	"A seed is 32 bytes written as 64 hex digits. Publish its commitment and the\n"
	"inputs hash before the draw, the seed after it; anyone can then check the\n"
	"result with 'pingxuan verify-draw'. The input format is in docs/draw.md.\n";

struct opts {
	const char *input, *seed;
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

static int do_new_seed(const struct opts *o)
{
	unsigned char seed[DRAW_SEED_BYTES];
	char hex[2 * DRAW_SEED_BYTES + 1], commit[DRAW_HEX_LEN + 1];
	json_t *out;
	int rc;
	(void)o;
	if (sodium_init() < 0) {
		fprintf(stderr, "pingxuan draw: error: cannot initialise libsodium\n");
		return CLI_FAIL;
	}
	randombytes_buf(seed, sizeof(seed));
	sodium_bin2hex(hex, sizeof(hex), seed, sizeof(seed));
	draw_seed_commit(seed, commit);
	sodium_memzero(seed, sizeof(seed));
	out = json_pack("{s:s, s:s}", "seed", hex, "seed_commit", commit);
	rc = out ? cli_json_print(out) : CLI_FAIL;
	json_decref(out);
	return rc;
}

static int do_inputs_hash(const struct opts *o)
{
	struct cli_draw_doc doc;
	struct px_err err = { 0 };
	char hex[DRAW_HEX_LEN + 1];
	if (!o->input)
		return cli_usage_error("draw", "--input is required");
	if (cli_draw_load(o->input, &doc, &err))
		return cli_fail("draw", &err);
	if (draw_inputs_hash(&doc.in, hex, &err)) {
		cli_draw_doc_release(&doc);
		return cli_fail("draw", &err);
	}
	printf("%s\n", hex);
	cli_draw_doc_release(&doc);
	return CLI_OK;
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
