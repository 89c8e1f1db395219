/* test_json_out.c - json_compact writes the bytes json_dumps(JSON_COMPACT) writes, faster. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "app/json.h"

/* json_compact and jansson agree on v, byte for byte. */
static void same_as_jansson(json_t *v)
{
	size_t len = 0;
	char *mine = json_compact(v, &len), *theirs = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
	assert_non_null(mine);
	assert_non_null(theirs);
	assert_string_equal(mine, theirs);
	assert_int_equal(len, strlen(theirs));
	free(mine);
	free(theirs);
	json_decref(v);
}

static void scalars_and_containers(void **state)
{
	(void)state;
	same_as_jansson(json_object());
	same_as_jansson(json_array());
	same_as_jansson(json_pack("{s:n, s:b, s:b, s:I, s:I, s:I, s:i}", "null", "t", 1, "f", 0, "big",
				  (json_int_t)INT64_MAX, "small", (json_int_t)INT64_MIN, "zero", (json_int_t)0, "neg", -42));
	same_as_jansson(json_pack("[f, f, f, f, f, f, f]", 99.5, 0.1, 1e300, -2.0, 1e-7, 123456789012.0, 0.0));
	same_as_jansson(json_pack("{s:[{s:{}}, [], [[i]]], s:{s:[]}}", "a", "b", 1, "c", "d"));
	same_as_jansson(json_pack("[s, s, s]", "", "x", "plain ascii"));
}

static void strings_escaped_alike(void **state)
{
	(void)state;
	char ctl[40];
	for (int i = 0; i < 32; i++)
		ctl[i] = (char)(i + 1 == 32 ? 0x7f : i + 1);
	ctl[32] = '\0';
	same_as_jansson(json_pack("[s, s, s, s, s]", "quote \" back \\ slash / tab\t nl\n cr\r", ctl,
				  "清远市质量强市工作领导小组办公室 — “引号” ©", "emoji \xf0\x9f\x98\x80 end",
				  "\xe2\x80\xa8 line separator"));
	json_t *k = json_object();
	json_object_set_new(k, "键\"名\n", json_string("值"));
	json_object_set_new(k, "", json_stringn("a\0b", 3)); /* an embedded NUL: \u0000 */
	same_as_jansson(k);
}

static void object_order_kept(void **state)
{
	(void)state;
	json_t *o = json_object();
	const char *keys[] = { "zeta", "alpha", "mid", "beta", "a1", "omega", "k0", "k9" };
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		json_object_set_new(o, keys[i], json_integer((json_int_t)i));
	json_object_del(o, "mid");
	json_object_set_new(o, "mid", json_true());
	same_as_jansson(o);
}

static void refused_like_jansson(void **state)
{
	(void)state;
	json_t *bad = json_stringn_nocheck("a\xff" "b", 3), *a = json_array(), *b = json_array();
	assert_null(json_compact(bad, NULL));
	assert_null(json_dumps(bad, JSON_COMPACT | JSON_ENCODE_ANY));
	static const char *const broken[] = { "\xe6\xb8", "a\xe6\xb8", "\xe6\x20\xb8", "\xed\xa0\x80", "\xc0\xaf", "\xf4\x90\x80\x80" };
	for (size_t i = 0; i < sizeof(broken) / sizeof(broken[0]); i++) { /* cut, surrogate, overlong, too high */
		json_t *v = json_stringn_nocheck(broken[i], strlen(broken[i]));
		assert_null(json_compact(v, NULL));
		assert_null(json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY));
		json_decref(v);
	}
	json_array_append(a, b); /* a loop: a holds b, b holds a */
	json_array_append(b, a);
	assert_null(json_compact(a, NULL));
	assert_null(json_dumps(a, JSON_COMPACT));
	json_array_clear(b);
	json_decref(a);
	json_decref(b);
	json_decref(bad);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(scalars_and_containers),
		cmocka_unit_test(strings_escaped_alike),
		cmocka_unit_test(object_order_kept),
		cmocka_unit_test(refused_like_jansson),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
