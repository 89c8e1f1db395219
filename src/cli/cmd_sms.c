/*
 * cmd_sms.c - `pingxuan sms-test`: send one message through the SMS gateway
 * a config describes (app/sms/sms.h), so an office sees that its contract
 * with the provider, its signature name and its templates work before a
 * vote opens. The number is printed masked; secrets stay in their files.
 */
#include "cli/cli.h"

#include <getopt.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "app/sms/sms.h"
#include "core/ident.h"

static const char help_text[] =
	"usage: pingxuan sms-test --sms CONFIG --phone NUMBER [--template KEY] [--param NAME=VALUE]...\n"
	"\n"
	"Send one message through the SMS gateway described by CONFIG (a JSON file,\n"
	"see docs/sms.md) and say whether the provider accepted it.\n"
	"\n"
	"  --sms CONFIG        the gateway's config (driver file, aliyun, tencent or http)\n"
	"  --phone NUMBER      a mainland mobile number (11 digits, optionally after +86)\n"
	"  --template KEY      a key of the config's \"templates\" (default otp)\n"
	"  --param NAME=VALUE  a parameter of the template (repeatable); without any,\n"
	"                      a random 6-digit \"code\" is sent\n";

struct sms_opts {
	const char *config, *phone, *template_key;
	json_t *params;
	int bad;
};

static int take(void *ctx, int opt, const char *arg)
{
	struct sms_opts *o = ctx;
	const char *eq;
	switch (opt) {
	case 's': o->config = arg; return -1;
	case 'p': o->phone = arg; return -1;
	case 't': o->template_key = arg; return -1;
	case 'P':
		eq = strchr(arg, '=');
		if (!eq || eq == arg)
			return cli_usage_error("sms-test", "--param takes NAME=VALUE, not '%s'", arg);
		char name[64];
		snprintf(name, sizeof(name), "%.*s", (int)(eq - arg), arg);
		json_object_set_new(o->params, name, json_string(eq + 1));
		return -1;
	}
	return CLI_USAGE;
}

int cmd_sms_test(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "sms", required_argument, NULL, 's' },
		{ "phone", required_argument, NULL, 'p' },
		{ "template", required_argument, NULL, 't' },
		{ "param", required_argument, NULL, 'P' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	static const struct cli_optspec spec = { "sms-test", longopts, take };
	struct sms_opts o = { .template_key = "otp", .params = json_object() };
	struct sms_gateway *g = NULL;
	struct px_err err = { 0 };
	bool help = false;
	char masked[32], digits[IDENT_MOBILE_LEN + 1];
	int rc = cli_parse_opts(&spec, argc, argv, ":h", &o, &help);

	if (rc >= 0)
		goto out;
	if (help) {
		fputs(help_text, stdout);
		rc = CLI_OK;
		goto out;
	}
	if (optind < argc || !o.config || !o.phone) {
		rc = optind < argc ? cli_usage_error("sms-test", "unexpected argument '%s'", argv[optind])
				   : cli_usage_error("sms-test", "--sms and --phone are required");
		goto out;
	}
	if (sodium_init() < 0) {
		rc = CLI_FAIL;
		goto out;
	}
	if (!json_object_size(o.params)) {
		char code[8];
		snprintf(code, sizeof(code), "%06u", (unsigned)randombytes_uniform(1000000));
		json_object_set_new(o.params, "code", json_string(code));
	}
	if (!ident_mobile_check(o.phone, strlen(o.phone), digits, &err)) {
		snprintf(err.field, sizeof(err.field), "phone");
		rc = cli_fail("sms-test", &err);
		goto out;
	}
	if (sms_open(o.config, &g, &err) || sms_send(g, digits, o.template_key, o.params, &err)) {
		rc = cli_fail("sms-test", &err);
		goto out;
	}
	ident_mask_span(digits, strlen(digits), 3, 4, masked, sizeof(masked));
	printf("sent '%s' to %s\n", o.template_key, masked);
	rc = CLI_OK;
out:
	sms_close(g);
	json_decref(o.params);
	return rc;
}
