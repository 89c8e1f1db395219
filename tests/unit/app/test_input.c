/* test_input.c - the one text check: control, invisible and direction-changing characters refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <string.h>

#include "app/input.h"

static void plain_text_passes(void **state)
{
	(void)state;
	struct px_err err = { 0 };
	assert_int_equal(input_line("清远某制造有限公司 Ltd.", 200, "name", &err), 0);
	assert_int_equal(input_textarea("第一行\n第二行\tend", 200, "summary", &err), 0);
	assert_int_equal(input_line("é ü ©", 200, "name", &err), 0); /* U+00E9 etc. are letters */
}

static void spoofing_is_refused(void **state)
{
	(void)state;
	static const char *bad[] = {
		"a\x01" "b",             /* C0 */
		"a\x7f" "b",             /* DEL */
		"a\xc2\x85" "b",         /* U+0085 NEL, C1 */
		"a\xc2\x9f" "b",         /* U+009F, C1 */
		"a\xe2\x80\x8b" "b",     /* U+200B zero-width space */
		"a\xe2\x80\x8d" "b",     /* U+200D zero-width joiner */
		"a\xe2\x80\x8f" "b",     /* U+200F RLM */
		"a\xe2\x80\xae" "b",     /* U+202E right-to-left override */
		"a\xe2\x81\xa0" "b",     /* U+2060 word joiner */
		"a\xe2\x81\xa7" "b",     /* U+2067 right-to-left isolate */
		"a\xef\xbb\xbf" "b",     /* U+FEFF */
		"a\xd8\x9c" "b",         /* U+061C Arabic letter mark */
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct px_err err = { 0 };
		assert_int_equal(input_line(bad[i], 200, "name", &err), PX_EINVAL);
		assert_string_equal(err.key, "invalid_text");
		assert_string_equal(err.field, "name");
		assert_int_equal(input_textarea(bad[i], 200, "summary", &err), PX_EINVAL);
		assert_string_equal(err.field, "summary");
	}
	struct px_err err = { 0 };
	assert_int_equal(input_line("a\nb", 200, "name", &err), PX_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(plain_text_passes),
		cmocka_unit_test(spoofing_is_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
