/* test_access.c - roles and region scope fail closed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "core/access.h"

static void roles_round_trip(void **state)
{
	(void)state;
	for (int r = ROLE_NONE; r < ROLE_COUNT; r++)
		assert_int_equal(access_role_parse(access_role_name((enum px_role)r)), r);
	assert_int_equal(access_role_parse("admin"), ROLE_NONE);
	assert_int_equal(access_role_parse(NULL), ROLE_NONE);
	assert_string_equal(access_role_name((enum px_role)99), "public");
	assert_string_equal(access_role_label(ROLE_COUNTY), "县(市、区)市场监管局");
	assert_string_equal(access_role_label((enum px_role)-1), "公众");
}

static void role_masks(void **state)
{
	(void)state;
	assert_true(access_role_admitted(ROLE_OFFICE, ROLES_STAFF));
	assert_false(access_role_admitted(ROLE_EXPERT, ROLES_STAFF));
	assert_true(access_role_admitted(ROLE_NONE, ROLES_ANY));
	assert_false(access_role_admitted(ROLE_NONE, ROLES_SIGNED_IN));
	assert_false(access_role_admitted((enum px_role)ROLE_COUNT, ~0u));
}

static void region_structure(void **state)
{
	(void)state;
	assert_true(access_region_contains("441800", "441802"));
	assert_true(access_region_contains("440000", "441802"));
	assert_true(access_region_contains("000000", "370202"));
	assert_true(access_region_contains("441802", "441802"));
	assert_false(access_region_contains("441802", "441800"));
	assert_false(access_region_contains("441800", "440100"));
	assert_false(access_region_contains("441800", "44180"));
	assert_false(access_region_contains("4418a0", "441802"));
	assert_false(access_region_contains(NULL, "441802"));
	assert_false(access_region_valid("1234567"));
}

static void region_scope_by_role(void **state)
{
	(void)state;
	assert_true(access_region_allows(ROLE_OFFICE, "441800", "441821"));
	assert_false(access_region_allows(ROLE_OFFICE, "441800", "440103"));
	assert_true(access_region_allows(ROLE_LEADER, "441800", "441800"));
	assert_true(access_region_allows(ROLE_COUNTY, "441802", "441802"));
	assert_false(access_region_allows(ROLE_COUNTY, "441802", "441803"));
	/* a county account bound to a city code still sees only that exact code */
	assert_false(access_region_allows(ROLE_COUNTY, "441800", "441802"));
	assert_false(access_region_allows(ROLE_EXPERT, "441800", "441802"));
	assert_false(access_region_allows(ROLE_APPLICANT, "441802", "441802"));
	assert_false(access_region_allows(ROLE_NONE, "000000", "441802"));
	assert_false(access_region_allows(ROLE_COUNTY, "bad", "bad"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(roles_round_trip),
		cmocka_unit_test(role_masks),
		cmocka_unit_test(region_structure),
		cmocka_unit_test(region_scope_by_role),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
