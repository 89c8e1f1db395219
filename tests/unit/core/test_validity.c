/* test_validity.c - the status a date gives a certificate: expired the day after valid_to, final states kept. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "core/validity.h"

static void status_on_a_date(void **state)
{
	(void)state;
	px_date end = date_from_ymd(2025, 10, 19);
	assert_string_equal(validity_status_on("valid", "2025-10-19", end), "valid");
	assert_string_equal(validity_status_on("valid", "2025-10-19", end + 1), "expired");
	assert_string_equal(validity_status_on("suspended", "2025-10-19", end + 1), "expired");
	assert_string_equal(validity_status_on("suspended", "2025-10-19", end), "suspended");
	assert_string_equal(validity_status_on("revoked", "2025-10-19", end + 100), "revoked");
	assert_string_equal(validity_status_on("cancelled", "2025-10-19", end + 100), "cancelled");
	assert_string_equal(validity_status_on("valid", NULL, end + 100), "valid"); /* an award's, without an end */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(status_on_a_date),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
