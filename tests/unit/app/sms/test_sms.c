/*
 * test_sms.c - the cloud SMS drivers' config checks (each error names the
 * setting at fault), the checks before any driver sends, and a gateway that does not answer: sms_failed with the
 * number masked and no secret in the message. The providers' stubs, which
 * recompute the signatures, are in tests/api/t1090-sms-gateways.
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

#include "util/err.h"

#include "app/sms/sms.h"

static char dir[] = "/tmp/px-sms-XXXXXX";
static char path[512];

static const char *write_file(const char *name, const char *text)
{
	static char p[512];
	snprintf(p, sizeof(p), "%s/%s", dir, name);
	FILE *f = fopen(p, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	return p;
}

/* Write the config text (with @ standing for the test directory) and open it. */
static int open_config(const char *text, struct sms_gateway **g, struct px_err *err)
{
	char buf[4096];
	size_t n = 0;
	for (const char *p = text; *p && n + 64 < sizeof(buf); p++) {
		if (*p == '@')
			n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s", dir);
		else
			buf[n++] = *p;
	}
	buf[n] = '\0';
	snprintf(path, sizeof(path), "%s", write_file("sms.json", buf));
	return sms_open(path, g, err);
}

static void expect_config_error(const char *text, const char *field)
{
	struct sms_gateway *g = (struct sms_gateway *)1;
	struct px_err err = { 0 };
	assert_int_equal(open_config(text, &g, &err), PX_EINVAL);
	assert_null(g);
	assert_string_equal(err.key, "bad_sms_config");
	if (strcmp(err.field, field))
		fail_msg("config %s: field '%s' (%s), expected '%s'", text, err.field, err.msg, field);
}

static int setup(void **state)
{
	(void)state;
	assert_non_null(mkdtemp(dir));
	write_file("secret", "s3cr3t-value\n");
	write_file("empty", " \n");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[600];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static void config_file_errors(void **state)
{
	(void)state;
	struct sms_gateway *g;
	struct px_err err = { 0 };
	assert_int_equal(sms_open("/nonexistent/sms.json", &g, &err), PX_EIO);
	assert_int_equal(open_config("{\"driver\": ", &g, &err), PX_EINVAL);
	assert_string_equal(err.key, "bad_sms_config");
	assert_int_equal(open_config("[1]", &g, &err), PX_EINVAL);
	assert_string_equal(err.key, "bad_sms_config");
	assert_int_equal(open_config("{\"driver\": \"carrier-pigeon\"}", &g, &err), PX_EINVAL);
	assert_string_equal(err.key, "bad_sms_config");
	assert_string_equal(err.field, "driver");
}

#define ALIYUN_OK "\"access_key_id\":\"id\",\"access_key_secret_file\":\"@/secret\",\"sign_name\":\"质量\",\"templates\":{\"otp\":\"SMS_1\"}"

static void aliyun_config_errors(void **state)
{
	(void)state;
	expect_config_error("{\"driver\":\"aliyun\",\"access_key_secret_file\":\"@/secret\",\"sign_name\":\"s\","
			    "\"templates\":{\"otp\":\"SMS_1\"}}", "sms.access_key_id");
	expect_config_error("{\"driver\":\"aliyun\"," ALIYUN_OK ",\"acces_key_id\":\"x\"}", "sms.acces_key_id");
	expect_config_error("{\"driver\":\"aliyun\",\"access_key_id\":\"id\",\"sign_name\":\"s\","
			    "\"templates\":{\"otp\":\"SMS_1\"}}", "sms.access_key_secret_file");
	expect_config_error("{\"driver\":\"aliyun\",\"access_key_id\":\"id\",\"access_key_secret_file\":\"@/empty\","
			    "\"sign_name\":\"s\",\"templates\":{\"otp\":\"SMS_1\"}}", "sms.access_key_secret_file");
	expect_config_error("{\"driver\":\"aliyun\"," ALIYUN_OK ",\"endpoint\":\"ftp://x\"}", "sms.endpoint");
	expect_config_error("{\"driver\":\"aliyun\"," ALIYUN_OK ",\"endpoint\":\"https:///\"}", "sms.endpoint");
	expect_config_error("{\"driver\":\"aliyun\",\"access_key_id\":\"id\",\"access_key_secret_file\":\"@/secret\","
			    "\"sign_name\":\"s\",\"templates\":{}}", "sms.templates");
	expect_config_error("{\"driver\":\"aliyun\",\"access_key_id\":\"id\",\"access_key_secret_file\":\"@/secret\","
			    "\"sign_name\":\"s\",\"templates\":{\"otp\":7}}", "sms.templates.otp");
}

static void aliyun_config_error_for_a_missing_secret_file(void **state)
{
	(void)state;
	struct sms_gateway *g;
	struct px_err err = { 0 };
	assert_int_equal(open_config("{\"driver\":\"aliyun\",\"access_key_id\":\"id\",\"access_key_secret_file\":"
				     "\"@/nope\",\"sign_name\":\"s\",\"templates\":{\"otp\":\"SMS_1\"}}", &g, &err),
			 PX_EIO);
	assert_string_equal(err.field, "sms.access_key_secret_file");
}

static void tencent_config_errors(void **state)
{
	(void)state;
	expect_config_error("{\"driver\":\"tencent\",\"secret_key_file\":\"@/secret\",\"sdk_app_id\":\"1400\","
			    "\"sign_name\":\"s\",\"templates\":{\"otp\":{\"id\":\"1\"}}}", "sms.secret_id");
	expect_config_error("{\"driver\":\"tencent\",\"secret_id\":\"AKID\",\"secret_key_file\":\"@/secret\","
			    "\"sign_name\":\"s\",\"templates\":{\"otp\":{\"id\":\"1\"}}}", "sms.sdk_app_id");
	expect_config_error("{\"driver\":\"tencent\",\"secret_id\":\"AKID\",\"secret_key_file\":\"@/secret\","
			    "\"sdk_app_id\":\"1400\",\"sign_name\":\"s\",\"templates\":{\"otp\":\"1\"}}",
			    "sms.templates.otp");
	expect_config_error("{\"driver\":\"tencent\",\"secret_id\":\"AKID\",\"secret_key_file\":\"@/secret\","
			    "\"sdk_app_id\":\"1400\",\"sign_name\":\"s\",\"templates\":{\"otp\":{\"id\":\"1\","
			    "\"params\":[\"code\",3]}}}", "sms.templates.otp");
	expect_config_error("{\"driver\":\"tencent\",\"secret_id\":\"AKID\",\"sdk_app_id\":\"1400\",\"sign_name\":\"s\","
			    "\"templates\":{\"otp\":{\"id\":\"1\"}}}", "sms.secret_key_file");
}

#define HTTP_OK "\"driver\":\"http\",\"url\":\"http://127.0.0.1:1/send\",\"templates\":{\"otp\":\"t\"}"

static void http_config_errors(void **state)
{
	(void)state;
	expect_config_error("{\"driver\":\"http\",\"templates\":{\"otp\":\"t\"},\"body\":\"x\"}", "sms.url");
	expect_config_error("{" HTTP_OK ",\"body\":\"x\",\"method\":\"DELETE\"}", "sms.method");
	expect_config_error("{" HTTP_OK ",\"body\":\"x\",\"content_type\":\"text/xml\"}", "sms.content_type");
	expect_config_error("{" HTTP_OK "}", "sms.body");
	expect_config_error("{" HTTP_OK ",\"method\":\"GET\",\"body\":\"x\"}", "sms.body");
	expect_config_error("{" HTTP_OK ",\"body\":\"{{secret}}\"}", "sms.body");
	expect_config_error("{" HTTP_OK ",\"body\":\"{{Phone}}\"}", "sms.body");
	expect_config_error("{" HTTP_OK ",\"body\":\"{{phone\"}", "sms.body");
	expect_config_error("{" HTTP_OK ",\"body\":\"x\",\"headers\":{\"X-Key\":\"{{secret}}\"}}", "sms.headers.X-Key");
	expect_config_error("{" HTTP_OK ",\"body\":\"x\",\"headers\":{\"X Key\":\"v\"}}", "sms.headers.X Key");
	expect_config_error("{" HTTP_OK ",\"body\":\"x\",\"headers\":{\"Content-type\":\"text/plain\"}}",
			    "sms.headers.Content-type");
	expect_config_error("{" HTTP_OK ",\"body\":\"x\",\"success\":{\"pointer\":\"code\",\"equals\":0}}",
			    "sms.success.pointer");
	expect_config_error("{" HTTP_OK ",\"body\":\"x\",\"success\":{\"pointer\":\"/code\"}}", "sms.success");
	expect_config_error("{\"driver\":\"http\",\"url\":\"http://127.0.0.1:1/send?k={{secret}}\",\"method\":\"GET\","
			    "\"templates\":{\"otp\":\"t\"}}", "sms.url");
}

/* The file driver (sms.c) is the vote's; the cloud drivers check the number themselves. */
static void numbers_are_checked_by_the_drivers(void **state)
{
	(void)state;
	struct sms_gateway *g;
	struct px_err err = { 0 };
	assert_int_equal(open_config("{\"driver\":\"aliyun\",\"endpoint\":\"http://127.0.0.1:1\"," ALIYUN_OK "}", &g, &err), 0);
	json_t *p = json_pack("{s:s}", "code", "123456");
	assert_int_equal(sms_send(g, "12800138000", "otp", p, &err), PX_EINVAL);
	assert_string_equal(err.key, "invalid_mobile");
	assert_string_equal(err.field, "phone");
	assert_null(strstr(err.msg, "12800138000"));
	assert_int_equal(sms_send(g, NULL, "otp", p, &err), PX_EINVAL);
	assert_string_equal(err.key, "invalid_mobile");
	json_decref(p);
	sms_close(g);
}

static void unknown_template_is_refused_before_sending(void **state)
{
	(void)state;
	struct sms_gateway *g;
	struct px_err err = { 0 };
	static const char *configs[] = {
		"{\"driver\":\"aliyun\",\"endpoint\":\"http://127.0.0.1:1\"," ALIYUN_OK "}",
		"{\"driver\":\"tencent\",\"endpoint\":\"http://127.0.0.1:1\",\"secret_id\":\"AKID\",\"secret_key_file\":"
		"\"@/secret\",\"sdk_app_id\":\"1400\",\"sign_name\":\"s\",\"templates\":{\"otp\":{\"id\":\"1\"}}}",
		"{" HTTP_OK ",\"body\":\"x\"}",
	};
	for (size_t i = 0; i < sizeof(configs) / sizeof(configs[0]); i++) {
		assert_int_equal(open_config(configs[i], &g, &err), 0);
		json_t *p = json_object();
		assert_int_equal(sms_send(g, "13800138000", "reminder", p, &err), PX_EINVAL);
		assert_string_equal(err.key, "sms_template_unknown");
		assert_string_equal(err.field, "template");
		json_decref(p);
		sms_close(g);
	}
}

/* Port 1 on the loopback refuses at once: a transient failure, the number masked, no secret. */
static void unreachable_gateways_fail_masked(void **state)
{
	(void)state;
	static const char *configs[] = {
		"{\"driver\":\"aliyun\",\"endpoint\":\"http://127.0.0.1:1\"," ALIYUN_OK "}",
		"{\"driver\":\"tencent\",\"endpoint\":\"http://127.0.0.1:1\",\"secret_id\":\"AKID\",\"secret_key_file\":"
		"\"@/secret\",\"sdk_app_id\":\"1400\",\"sign_name\":\"s\",\"templates\":{\"otp\":{\"id\":\"1\",\"params\":[\"code\"]}}}",
		"{" HTTP_OK ",\"secret_file\":\"@/secret\",\"body\":\"{\\\"to\\\":\\\"{{phone}}\\\",\\\"k\\\":\\\"{{secret}}\\\"}\"}",
	};
	for (size_t i = 0; i < sizeof(configs) / sizeof(configs[0]); i++) {
		struct sms_gateway *g;
		struct px_err err = { 0 };
		assert_int_equal(open_config(configs[i], &g, &err), 0);
		json_t *p = json_pack("{s:s}", "code", "123456");
		assert_int_equal(sms_send(g, "13800138000", "otp", p, &err), PX_EBUSY);
		assert_string_equal(err.key, "sms_failed");
		assert_null(strstr(err.msg, "13800138000"));
		assert_null(strstr(err.msg, "s3cr3t"));
		json_decref(p);
		sms_close(g);
	}
}

static void tencent_missing_parameter(void **state)
{
	(void)state;
	struct sms_gateway *g;
	struct px_err err = { 0 };
	assert_int_equal(open_config("{\"driver\":\"tencent\",\"endpoint\":\"http://127.0.0.1:1\",\"secret_id\":\"AKID\","
				     "\"secret_key_file\":\"@/secret\",\"sdk_app_id\":\"1400\",\"sign_name\":\"s\","
				     "\"templates\":{\"otp\":{\"id\":\"1\",\"params\":[\"code\",\"minutes\"]}}}", &g, &err), 0);
	json_t *p = json_pack("{s:s}", "code", "123456");
	assert_int_equal(sms_send(g, "13800138000", "otp", p, &err), PX_EINVAL);
	assert_string_equal(err.key, "sms_param_missing");
	assert_non_null(strstr(err.msg, "'minutes'"));
	json_decref(p);
	sms_close(g);
}

static void no_gateway_is_a_failure_to_send(void **state)
{
	(void)state;
	struct px_err err = { 0 };
	assert_int_equal(sms_send(NULL, "13800138000", "otp", NULL, &err), PX_EBUSY);
	assert_string_equal(err.key, "sms_unavailable");
	sms_close(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(config_file_errors),
		cmocka_unit_test(aliyun_config_errors),
		cmocka_unit_test(aliyun_config_error_for_a_missing_secret_file),
		cmocka_unit_test(tencent_config_errors),
		cmocka_unit_test(http_config_errors),
		cmocka_unit_test(numbers_are_checked_by_the_drivers),
		cmocka_unit_test(unknown_template_is_refused_before_sending),
		cmocka_unit_test(unreachable_gateways_fail_masked),
		cmocka_unit_test(tencent_missing_parameter),
		cmocka_unit_test(no_gateway_is_a_failure_to_send),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
