/*
 * test_sms_file.c - the SMS gateway's `file` driver: opened from its JSON
 * config, it appends one JSON line a message with the template's text and
 * the parameters; bad configs are refused by key; no gateway is
 * "sms_unavailable".
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/sms/sms.h"
#include "util/file.h"

static char dir[64];

static void write_config(const char *name, const char *text, char *path, size_t cap)
{
	snprintf(path, cap, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void test_file_driver(void **state)
{
	char config[128], log[128], text[512];
	struct sms_gateway *g = NULL;
	struct px_err err = { 0 };
	(void)state;

	snprintf(log, sizeof(log), "%s/sms.log", dir);
	snprintf(text, sizeof(text),
		 "{\"driver\": \"file\", \"path\": \"%s\", \"templates\": {\"otp\": \"验证码${code}\"}}", log);
	write_config("file.json", text, config, sizeof(config));
	assert_int_equal(sms_open(config, &g, &err), 0);
	json_t *params = json_pack("{s:s}", "code", "123456");
	assert_int_equal(sms_send(g, "13800138000", "otp", params, &err), 0);
	assert_int_equal(sms_send(g, "13900139000", "reminder", params, &err), 0);
	json_decref(params);
	sms_close(g);

	char *out = NULL;
	size_t len = 0;
	assert_int_equal(file_read(log, 1 << 16, &out, &len, &err), 0);
	char *nl = strchr(out, '\n');
	assert_non_null(nl);
	json_t *first = json_loadb(out, (size_t)(nl - out), 0, NULL), *second = json_loads(nl + 1, 0, NULL);
	assert_string_equal(json_string_value(json_object_get(first, "phone")), "13800138000");
	assert_string_equal(json_string_value(json_object_get(first, "text")), "验证码${code}");
	assert_string_equal(json_string_value(json_object_get(json_object_get(first, "params"), "code")), "123456");
	/* a key the config does not map is sent as it is */
	assert_string_equal(json_string_value(json_object_get(second, "text")), "reminder");
	json_decref(first);
	json_decref(second);
	free(out);
}

static void test_bad_configs(void **state)
{
	char config[128];
	struct sms_gateway *g = NULL;
	struct px_err err = { 0 };
	(void)state;

	write_config("unknown.json", "{\"driver\": \"pigeon\"}", config, sizeof(config));
	assert_int_equal(sms_open(config, &g, &err), PX_EINVAL);
	assert_string_equal(err.key, "bad_sms_config");
	assert_string_equal(err.field, "driver");
	assert_null(g);

	write_config("nopath.json", "{\"driver\": \"file\"}", config, sizeof(config));
	assert_int_equal(sms_open(config, &g, &err), PX_EINVAL);
	assert_string_equal(err.field, "path");

	write_config("notjson.json", "driver=file", config, sizeof(config));
	assert_int_equal(sms_open(config, &g, &err), PX_EINVAL);

	/* no gateway configured */
	assert_int_equal(sms_send(NULL, "13800138000", "otp", NULL, &err), PX_EBUSY);
	assert_string_equal(err.key, "sms_unavailable");
	sms_close(NULL);
}

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/pxsms.XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[128];
	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_file_driver),
		cmocka_unit_test(test_bad_configs),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
