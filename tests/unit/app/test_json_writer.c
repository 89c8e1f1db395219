/*
 * test_json_writer.c - the JSON writer writes, value by value, the bytes
 * json_compact() and jansson's compact dump write for the same values:
 * strings with quotes, control characters, CJK, U+2028 and four-byte UTF-8,
 * integers at their limits, reals, and a raw splice of valid text.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/json.h"
#include "app/json_writer.h"

/* What the writer finished with equals json_compact(v) and json_dumps(v, JSON_COMPACT). */
static void same_as_tree(struct jw *w, json_t *v)
{
	size_t len = 0, clen = 0;
	char *mine = jw_finish(w, &len), *compact = json_compact(v, &clen),
	     *jansson = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
	assert_non_null(mine);
	assert_non_null(compact);
	assert_non_null(jansson);
	assert_string_equal(mine, compact);
	assert_string_equal(mine, jansson);
	assert_int_equal(len, strlen(jansson));
	assert_int_equal(clen, len);
	free(mine);
	free(compact);
	free(jansson);
	json_decref(v);
}

static const char *const strings[] = {
	"",
	"plain ascii",
	"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef~\x7f!#$%&'()*+,-./:;<=>?@[]^_`{|}",
	"eight ok\"then a quote after eight, \\ and a backslash, then\x1f a control, then\xc2\x80 past ascii",
	"quote \" back \\ slash / tab\t nl\n cr\r bs\b ff\f",
	"\x01\x02\x03\x04\x05\x06\x07\x0b\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f\x7f",
	"清远市质量强市工作领导小组办公室 — “引号” ©，。",
	"emoji \xf0\x9f\x98\x80 end",
	"\xe2\x80\xa8 line separator \xe2\x80\xa9 paragraph separator",
	"\xef\xbc\x8c full-width comma, \xe4\xb8\x80 U+4E00, \xed\x9f\xbf U+D7FF, \xee\x80\x80 U+E000",
	"\xc2\x80 U+0080 \xdf\xbf U+07FF \xf4\x8f\xbf\xbf U+10FFFF",
};

static void strings_alike(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(strings) / sizeof(strings[0]); i++) {
		struct jw w = { 0 };
		json_t *arr = json_array(), *obj = json_object();
		json_object_set_new(obj, strings[i], json_string(strings[i])); /* a key from data */
		jw_array(&w);
		jw_string(&w, strings[i]);
		jw_json(&w, obj);
		jw_array_end(&w);
		json_array_append_new(arr, json_string(strings[i]));
		json_array_append_new(arr, obj);
		same_as_tree(&w, arr);
	}
	struct jw w = { 0 };
	jw_stringn(&w, "a\0b", 3); /* an embedded NUL: \u0000 */
	same_as_tree(&w, json_stringn("a\0b", 3));
}

static void scalars_alike(void **state)
{
	(void)state;
	static const int64_t ints[] = { 0, 1, -1, 42, -42, 1000000007, INT64_MAX, INT64_MIN };
	static const double reals[] = { 0.0, -0.0, 0.1, 99.5, -2.0, 1e300, 1e-7, 123456789012.0, 52000.25,
					5e-324, 1.7976931348623157e308, 1e21, 1e22, 123456789012345678.0, 0.3 };
	struct jw w = { 0 };
	json_t *arr = json_array();

	jw_array(&w);
	for (size_t i = 0; i < sizeof(ints) / sizeof(ints[0]); i++) {
		jw_int(&w, ints[i]);
		json_array_append_new(arr, json_integer((json_int_t)ints[i]));
	}
	for (size_t i = 0; i < sizeof(reals) / sizeof(reals[0]); i++) {
		jw_real(&w, reals[i]);
		json_array_append_new(arr, json_real(reals[i]));
	}
	jw_bool(&w, true);
	jw_bool(&w, false);
	jw_null(&w);
	jw_string_or_null(&w, NULL);
	jw_string_or_null(&w, "x");
	jw_array_end(&w);
	json_array_append_new(arr, json_true());
	json_array_append_new(arr, json_false());
	json_array_append_new(arr, json_null());
	json_array_append_new(arr, json_null());
	json_array_append_new(arr, json_string("x"));
	same_as_tree(&w, arr);
}

/* Reals printed as jansson prints them, over many magnitudes and digits. */
static void reals_alike(void **state)
{
	(void)state;
	srand(7);
	for (int i = 0; i < 20000; i++) {
		double m = (double)rand() / RAND_MAX * (rand() % 2 ? 1 : -1);
		double v = ldexp(m, rand() % 2100 - 1050);
		if (i % 4 == 0)
			v = round(v * 100) / 100; /* two decimals, as the forms store */
		char b[32], *theirs;
		json_t *r = json_real(v);
		if (!r)
			continue;
		size_t n = jw_real_text(v, b);
		theirs = json_dumps(r, JSON_COMPACT | JSON_ENCODE_ANY);
		assert_string_equal(b, theirs);
		assert_int_equal(n, strlen(theirs));
		free(theirs);
		json_decref(r);
	}
}

static void nesting_and_raw(void **state)
{
	(void)state;
	struct jw w = { 0 };
	jw_object(&w);
	jw_key(&w, "a");
	jw_array(&w);
	jw_object(&w);
	jw_key(&w, "b");
	jw_object(&w);
	jw_object_end(&w);
	jw_object_end(&w);
	jw_array(&w);
	jw_array_end(&w);
	jw_array(&w);
	jw_array(&w);
	jw_int(&w, 1);
	jw_array_end(&w);
	jw_array_end(&w);
	jw_array_end(&w);
	jw_key(&w, "c");
	jw_raw(&w, "{\"d\":[1,\"x\"],\"e\":null}", 22);
	jw_key_raw(&w, "\"f\\n\"", 5);
	jw_raw(&w, "2", 1);
	jw_key(&w, "g");
	json_t *inner = json_pack("{s:[i, s], s:{}}", "h", 3, "清", "i");
	jw_json(&w, inner);
	jw_object_end(&w);
	same_as_tree(&w, json_pack("{s:[{s:{}}, [], [[i]]], s:{s:[i, s], s:n}, s:i, s:o}", "a", "b", 1, "c", "d", 1,
				   "x", "e", "f\n", 2, "g", inner));
}

static void refused(void **state)
{
	(void)state;
	struct jw w = { 0 };
	static const char *const broken[] = { "a\xff" "b", "\xe6\xb8", "a\xe6\xb8", "\xe6\x20\xb8", "\xed\xa0\x80",
					      "\xc0\xaf", "\xf4\x90\x80\x80" };
	for (size_t i = 0; i < sizeof(broken) / sizeof(broken[0]); i++) { /* cut, surrogate, overlong, too high */
		jw_string(&w, broken[i]);
		assert_null(jw_finish(&w, NULL));
	}
	jw_real(&w, NAN);
	assert_null(jw_finish(&w, NULL));
	jw_real(&w, INFINITY);
	assert_null(jw_finish(&w, NULL));
	jw_object(&w); /* never closed */
	assert_null(jw_finish(&w, NULL));
	jw_array_end(&w); /* closed, never opened */
	assert_null(jw_finish(&w, NULL));
	jw_object(&w);
	jw_key_name(&w, "quote\""); /* jw_key_name takes plain names only */
	jw_int(&w, 1);
	jw_object_end(&w);
	assert_null(jw_finish(&w, NULL));
	jw_object(&w);
	jw_key_name(&w, "键");
	jw_int(&w, 1);
	jw_object_end(&w);
	assert_null(jw_finish(&w, NULL));
	jw_object(&w);
	jw_key(&w, "k"); /* a key without its value */
	jw_object_end(&w);
	assert_null(jw_finish(&w, NULL));
	for (int i = 0; i <= JW_DEPTH_MAX; i++)
		jw_array(&w);
	for (int i = 0; i <= JW_DEPTH_MAX; i++)
		jw_array_end(&w);
	assert_null(jw_finish(&w, NULL));
	for (int i = 0; i < JW_DEPTH_MAX; i++) /* as deep as allowed */
		jw_array(&w);
	for (int i = 0; i < JW_DEPTH_MAX; i++)
		jw_array_end(&w);
	char *t = jw_finish(&w, NULL);
	assert_non_null(t);
	assert_int_equal(strlen(t), 2 * JW_DEPTH_MAX);
	free(t);
}

/* A writer reset for another attempt starts empty; its instants are json_instant's. */
static void reset_and_instants(void **state)
{
	(void)state;
	static const int64_t us[] = { 0, 1, 1000000, 1764979200000000LL, 1767225599999999LL, 951782400000000LL,
				      253402300799000000LL, 253402300800000000LL, -1000000 };
	struct jw w = { 0 };
	json_t *arr = json_array();
	jw_array(&w);
	jw_string(&w, "dropped");
	jw_reset(&w);
	jw_array(&w);
	for (size_t i = 0; i < sizeof(us) / sizeof(us[0]); i++) {
		char b[40];
		time_t t = (time_t)(us[i] / 1000000);
		struct tm tm;
		json_put_instant(&w, us[i]);
		assert_true(gmtime_r(&t, &tm) != NULL);
		strftime(b, sizeof(b), "%Y-%m-%dT%H:%M:%SZ", &tm);
		json_array_append_new(arr, us[i] ? json_string(b) : json_null()); /* as gmtime and strftime tell it */
	}
	jw_array_end(&w);
	same_as_tree(&w, arr);
	jw_free(&w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(strings_alike),    cmocka_unit_test(scalars_alike), cmocka_unit_test(reals_alike),
		cmocka_unit_test(nesting_and_raw),  cmocka_unit_test(refused),       cmocka_unit_test(reset_and_instants),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
