/*
 * test_json_stored.c - stored JSON is copied into an answer only when
 * copying writes what parsing and writing again would: whatever
 * json_stored_compact() accepts, jansson reads and json_compact() writes back
 * byte for byte, over the texts this program stores and over many altered
 * ones; members are walked in order with their exact spans.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "app/json.h"
#include "app/json_stored.h"

/* If accepted, then jansson reads it and json_compact writes the same bytes. Returns the verdict. */
static bool safe(const char *text)
{
	size_t n = strlen(text), len = 0;
	bool ok = json_stored_compact(text, n);
	if (ok) {
		json_error_t je;
		json_t *v = json_loads(text, 0, &je);
		assert_non_null(v);
		char *again = json_compact(v, &len);
		assert_non_null(again);
		if (strcmp(again, text))
			fail_msg("accepted '%s' but it writes back as '%s'", text, again);
		free(again);
		json_decref(v);
	}
	return ok;
}

static const char *const stored[] = {
	"{}",
	"[]",
	"{\"contact\":\"质量部 张经理\",\"contact_mobile\":{\"hash\":\"ab12\",\"masked\":\"138****8000\"},"
	"\"employees\":2789,\"revenue_10k\":52000.25,\"sampling_pass_rate\":99.5,\"self_score\":579}",
	"{\"from\":\"2025-09-08\",\"note\":\"单位内部公告栏公示\",\"to\":\"2025-09-12\",\"workdays\":5}",
	"{\"a\":\"quote \\\" back \\\\ tab \\t nl \\n cr \\r bs \\b ff \\f ctl \\u0001\\u001F del \x7f\"}",
	"{\"a\":[1,-2,0,true,false,null,0.10000000000000001,-0.0,1.0000000000000001e300,9.9999999999999995e-8,2.0,1e22,{\"b\":[]}],\"b\":\"\xe2\x80\xa8\xf0\x9f\x98\x80\"}",
	"{\"\":1,\"a\":2,\"ab\":3,\"b\":4}",
};

/* What this program stores (jansson's compact dump with sorted keys) is accepted. */
static void stored_texts_accepted(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(stored) / sizeof(stored[0]); i++)
		if (!safe(stored[i]))
			fail_msg("refused '%s'", stored[i]);
	json_t *v = json_pack("{s:s, s:f, s:I, s:{s:s, s:s}}", "z", "键\"名\n", "r", 0.30000000000000004, "i",
			      (json_int_t)123456789012345678LL, "m", "masked", "1****", "hash", "x");
	char *text = json_dumps(v, JSON_COMPACT | JSON_SORT_KEYS);
	assert_true(safe(text));
	free(text);
	json_decref(v);
}

static const char *const refused_texts[] = {
	"", "1", "\"s\"", "null",                                           /* not an object or array */
	"{ }", "{\"a\": 1}", "[1, 2]", "{\"a\":1}\n", " {}",               /* whitespace */
	"{\"a\":\"\\/\"}", "{\"a\":\"\\u00e9\"}", "{\"a\":\"\\u001f\"}",  /* escapes jansson writes otherwise */
	"{\"a\":\"\\u0000\"}", "{\"a\":\"\\u000A\"}", "{\"a\":\"\\u0041\"}", "{\"a\":\"\\x\"}",
	"{\"a\":\"\x01\"}", "{\"a\":\"\xff\"}", "{\"a\":\"\xed\xa0\x80\"}", "{\"a\":\"\xe6\xb8\"}",
	"{\"b\":1,\"a\":2}", "{\"a\":1,\"a\":2}",                          /* keys out of order, repeated */
	"[01]", "[-0]", "[1.]", "[.5]", "[1e]", "[+1]", "[1.50]", "[1E5]", "[1e+5]", "[0.10]", "[1e05]",
	"[12345678901234567890]", "[1e400]", "[0x10]", "[NaN]", "[Infinity]",
	"[tru]", "[nul]", "[true", "{\"a\":1", "{\"a\"}", "{\"a\":}", "[1,]", "{,}", "[,1]", "{\"a\":1,}",
	"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]", /* deeper than 32 */
};

static void other_texts_refused(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(refused_texts) / sizeof(refused_texts[0]); i++)
		if (safe(refused_texts[i]))
			fail_msg("accepted '%s'", refused_texts[i]);
}

/* Every altered copy of the stored texts: accepted only when safe. */
static void altered_texts_safe(void **state)
{
	(void)state;
	static const char bytes[] = " \"\\{}[],:0123456789.eE+-tfnulu\x01\x7f\xe4\xb8\x80\xff";
	char buf[512];
	srand(11);
	for (int round = 0; round < 200000; round++) {
		const char *src = stored[(size_t)rand() % (sizeof(stored) / sizeof(stored[0]))];
		size_t n = strlen(src), at = n ? (size_t)rand() % n : 0;
		int how = rand() % 3;
		char c = bytes[(size_t)rand() % (sizeof(bytes) - 1)];
		if (n + 2 > sizeof(buf))
			continue;
		memcpy(buf, src, n + 1);
		if (how == 0) { /* replace a byte */
			buf[at] = c;
		} else if (how == 1) { /* insert one */
			memmove(buf + at + 1, buf + at, n - at + 1);
			buf[at] = c;
		} else { /* delete one */
			memmove(buf + at, buf + at + 1, n - at);
		}
		if (!buf[0])
			continue;
		safe(buf);
	}
}

static void members_walked(void **state)
{
	(void)state;
	const char *t = "{\"a\":\"x,}\\\"]\",\"b\":{\"c\":[1,{\"d\":\"}\"}],\"e\":null},\"c\":-1.5,\"d\":[]}";
	static const char *const keys[] = { "\"a\"", "\"b\"", "\"c\"", "\"d\"" };
	static const char *const vals[] = { "\"x,}\\\"]\"", "{\"c\":[1,{\"d\":\"}\"}],\"e\":null}", "-1.5", "[]" };
	const char *p = t + 1, *end = t + strlen(t);
	struct json_member m;
	size_t i = 0;
	assert_true(json_stored_compact(t, strlen(t)));
	while (json_stored_next(&p, end, &m)) {
		assert_true(i < 4);
		assert_int_equal(m.key_len, strlen(keys[i]));
		assert_memory_equal(m.key, keys[i], m.key_len);
		assert_int_equal(m.val_len, strlen(vals[i]));
		assert_memory_equal(m.val, vals[i], m.val_len);
		i++;
	}
	assert_int_equal(i, 4);
	p = "}";
	assert_false(json_stored_next(&p, p + 1, &m)); /* {} has no member */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(stored_texts_accepted),
		cmocka_unit_test(other_texts_refused),
		cmocka_unit_test(altered_texts_safe),
		cmocka_unit_test(members_walked),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
