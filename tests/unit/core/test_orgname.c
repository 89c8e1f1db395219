/* test_orgname.c - the matching rule of organisation names (core/orgname.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdbool.h>
#include <string.h>

#include "core/orgname.h"

static void same_organisation(const char *a, const char *b, bool same)
{
	char ka[ORGNAME_KEY_MAX], kb[ORGNAME_KEY_MAX];
	orgname_key(a, ka);
	orgname_key(b, kb);
	if (same)
		assert_string_equal(ka, kb);
	else
		assert_string_not_equal(ka, kb);
}

static void names_match_by_the_documented_rule(void **state)
{
	(void)state;
	same_organisation("清远华星精密制造（集团）有限公司", "清远华星精密制造(集团)有限公司", true);
	same_organisation(" 清远 职业技术学院\xe3\x80\x80", "清远职业技术学院", true);
	same_organisation("清远职业技术学院（北校区）", "清远职业技术学院", false);
	same_organisation("清远华星精密制造有限公司", "清远华星精密制造股份有限公司", false);
	char k[ORGNAME_KEY_MAX];
	orgname_key("Qingyuan  Tech (Group)", k);
	assert_string_equal(k, "QingyuanTech(Group)");
}

static void long_names_are_truncated(void **state)
{
	(void)state;
	char name[1000], k[ORGNAME_KEY_MAX];
	memset(name, 'a', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	orgname_key(name, k);
	assert_true(strlen(k) < ORGNAME_KEY_MAX);
	assert_int_equal(strlen(k), ORGNAME_KEY_MAX - 4);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(names_match_by_the_documented_rule),
		cmocka_unit_test(long_names_are_truncated),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
