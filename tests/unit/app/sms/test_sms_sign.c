/*
 * test_sms_sign.c - the providers' signatures against the worked examples
 * of their docs: Alibaba Cloud's V3 example (RunInstances on
 * ecs.cn-shanghai, 2023-10-26T10:22:32Z) and Tencent Cloud's Signature v3
 * example (DescribeInstances on cvm, timestamp 1551113065); the escapers
 * and the bounded buffer.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <string.h>

#include "app/sms/sms_sign.h"

static const struct sms_acs3 acs3_example = {
	.method = "POST",
	.host = "ecs.cn-shanghai.aliyuncs.com",
	.path = "/",
	.query = "ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai",
	.action = "RunInstances",
	.version = "2014-05-26",
	.date = "2023-10-26T10:22:32Z",
	.nonce = "3156853299f313e23d1673dc12e1703d",
	.payload = "",
	.payload_len = 0,
	.access_key_id = "YourAccessKeyId",
};

static void aliyun_canonical_request_of_the_docs(void **state)
{
	(void)state;
	struct sms_buf b = SMS_BUF_INIT(4096);
	char sha[SMS_HEX256_LEN + 1], hashed[SMS_HEX256_LEN + 1];
	sms_acs3_canonical(&acs3_example, &b, sha);
	assert_string_equal(sha, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	assert_string_equal(sms_buf_str(&b),
			    "POST\n/\n"
			    "ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai\n"
			    "host:ecs.cn-shanghai.aliyuncs.com\n"
			    "x-acs-action:RunInstances\n"
			    "x-acs-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"
			    "x-acs-date:2023-10-26T10:22:32Z\n"
			    "x-acs-signature-nonce:3156853299f313e23d1673dc12e1703d\n"
			    "x-acs-version:2014-05-26\n"
			    "\n"
			    "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version\n"
			    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	sms_sha256_hex(b.s, b.len, hashed);
	assert_string_equal(hashed, "7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259");
	sms_buf_release(&b);
}

static void aliyun_authorization_of_the_docs(void **state)
{
	(void)state;
	struct sms_buf b = SMS_BUF_INIT(4096);
	char sha[SMS_HEX256_LEN + 1];
	sms_acs3_authorization(&acs3_example, "YourAccessKeySecret", &b, sha);
	assert_string_equal(sms_buf_str(&b),
			    "ACS3-HMAC-SHA256 Credential=YourAccessKeyId,"
			    "SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,"
			    "Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0");
	sms_buf_release(&b);
}

static void aliyun_content_type_is_signed_when_sent(void **state)
{
	(void)state;
	struct sms_acs3 r = acs3_example;
	struct sms_buf b = SMS_BUF_INIT(4096);
	char sha[SMS_HEX256_LEN + 1];
	r.content_type = "application/x-www-form-urlencoded";
	sms_acs3_canonical(&r, &b, sha);
	assert_non_null(strstr(sms_buf_str(&b), "\ncontent-type:application/x-www-form-urlencoded\nhost:"));
	assert_non_null(strstr(sms_buf_str(&b), "\ncontent-type;host;x-acs-action;"));
	sms_buf_release(&b);
}

#define TC3_PAYLOAD "{\"Limit\": 1, \"Filters\": [{\"Values\": [\"\\u672a\\u547d\\u540d\"], \"Name\": \"instance-name\"}]}"

static const struct sms_tc3 tc3_example = {
	.host = "cvm.tencentcloudapi.com",
	.service = "cvm",
	.content_type = "application/json; charset=utf-8",
	.action = NULL,
	.timestamp = 1551113065,
	.payload = TC3_PAYLOAD,
	.payload_len = sizeof(TC3_PAYLOAD) - 1,
	.secret_id = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE",
};

static void tencent_canonical_request_of_the_docs(void **state)
{
	(void)state;
	struct sms_buf b = SMS_BUF_INIT(4096);
	char hashed[SMS_HEX256_LEN + 1];
	sms_tc3_canonical(&tc3_example, &b);
	assert_string_equal(sms_buf_str(&b), "POST\n/\n\n"
					     "content-type:application/json; charset=utf-8\n"
					     "host:cvm.tencentcloudapi.com\n"
					     "\n"
					     "content-type;host\n"
					     "35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064");
	sms_sha256_hex(b.s, b.len, hashed);
	assert_string_equal(hashed, "5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031");
	sms_buf_release(&b);
}

static void tencent_string_to_sign_uses_the_utc_date(void **state)
{
	(void)state;
	struct sms_buf b = SMS_BUF_INIT(4096);
	/* 1551113065 is 2019-02-26 00:44:25 in China: the scope keeps the UTC date */
	sms_tc3_string_to_sign(&tc3_example, &b);
	assert_string_equal(sms_buf_str(&b), "TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n"
					     "5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031");
	sms_buf_release(&b);
}

static void tencent_authorization_of_the_docs(void **state)
{
	(void)state;
	struct sms_buf b = SMS_BUF_INIT(4096);
	sms_tc3_authorization(&tc3_example, "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE", &b);
	assert_string_equal(sms_buf_str(&b),
			    "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, "
			    "SignedHeaders=content-type;host, "
			    "Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168");
	sms_buf_release(&b);
}

static void tencent_action_header_is_signed_in_lower_case(void **state)
{
	(void)state;
	struct sms_tc3 r = tc3_example;
	struct sms_buf b = SMS_BUF_INIT(4096), a = SMS_BUF_INIT(4096);
	r.action = "SendSms";
	r.host = "SMS.tencentcloudapi.com";
	sms_tc3_canonical(&r, &b);
	assert_non_null(strstr(sms_buf_str(&b), "\nhost:sms.tencentcloudapi.com\nx-tc-action:sendsms\n\n"
						"content-type;host;x-tc-action\n"));
	sms_tc3_authorization(&r, "k", &a);
	assert_non_null(strstr(sms_buf_str(&a), ", SignedHeaders=content-type;host;x-tc-action, Signature="));
	sms_buf_release(&b);
	sms_buf_release(&a);
}

static void percent_encoding_is_rfc3986(void **state)
{
	(void)state;
	struct sms_buf b = SMS_BUF_INIT(256);
	sms_pct_encode(&b, "AZaz09-_.~ a!*'()+/=&中");
	assert_string_equal(sms_buf_str(&b), "AZaz09-_.~%20a%21%2A%27%28%29%2B%2F%3D%26%E4%B8%AD");
	sms_buf_release(&b);
}

static void json_escaping(void **state)
{
	(void)state;
	struct sms_buf b = SMS_BUF_INIT(256);
	sms_json_escape(&b, "a\"b\\c\nd\x01" "中");
	assert_string_equal(sms_buf_str(&b), "a\\\"b\\\\c\\nd\\u0001中");
	sms_buf_release(&b);
}

static void buffer_refuses_past_its_cap(void **state)
{
	(void)state;
	struct sms_buf b = SMS_BUF_INIT(8);
	sms_buf_adds(&b, "1234567");
	assert_string_equal(sms_buf_str(&b), "1234567");
	sms_buf_adds(&b, "8");
	assert_true(b.failed);
	assert_null(sms_buf_str(&b));
	sms_buf_addf(&b, "%d", 9); /* stays failed */
	assert_true(b.failed);
	sms_buf_release(&b);
	struct sms_buf big = SMS_BUF_INIT(4096);
	sms_buf_addf(&big, "%0300d|", 7); /* longer than the formatting scratch */
	assert_int_equal(big.len, 301);
	assert_int_equal(big.s[300], '|');
	sms_buf_release(&big);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(aliyun_canonical_request_of_the_docs),
		cmocka_unit_test(aliyun_authorization_of_the_docs),
		cmocka_unit_test(aliyun_content_type_is_signed_when_sent),
		cmocka_unit_test(tencent_canonical_request_of_the_docs),
		cmocka_unit_test(tencent_string_to_sign_uses_the_utc_date),
		cmocka_unit_test(tencent_authorization_of_the_docs),
		cmocka_unit_test(tencent_action_header_is_signed_in_lower_case),
		cmocka_unit_test(percent_encoding_is_rfc3986),
		cmocka_unit_test(json_escaping),
		cmocka_unit_test(buffer_refuses_past_its_cap),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
