/* test_training.c - expected sessions, completion at the edges of the share and the pass mark, check-in codes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <string.h>

#include "core/training.h"


static void marks(void **state)
{
	(void)state;
	assert_int_equal(training_mark_parse("late"), TRAINING_LATE);
	assert_int_equal(training_mark_parse("asleep"), TRAINING_NONE);
	assert_int_equal(training_mark_parse(NULL), TRAINING_NONE);
	assert_string_equal(training_mark_name(TRAINING_EXCUSED), "excused");
}

static void enrolled_late_is_never_absent(void **state)
{
	(void)state;
	/* four 3-hour sessions; enrolled before the third: the first two do not count */
	px_date day[4] = { 19250, 19251, 19257, 19258 };
	struct training_session s[4] = { { day[0], 30, TRAINING_NONE }, { day[1], 30, TRAINING_ABSENT },
					 { day[2], 30, TRAINING_PRESENT }, { day[3], 30, TRAINING_LATE } };
	struct training_result r;
	assert_false(training_expected(day[2], day[1]));
	assert_true(training_expected(day[2], day[2]));
	training_evaluate(s, 4, day[2], 75, 80, 60, &r);
	assert_int_equal(r.expected_tenths, 60);
	assert_int_equal(r.attended_tenths, 60);
	assert_true(r.complete);
	/* enrolled from the start, the same marks are 2 of 4 sessions: 50 % < 80 % */
	training_evaluate(s, 4, day[0], 75, 80, 60, &r);
	assert_int_equal(r.expected_tenths, 120);
	assert_false(r.attendance_ok);
	assert_false(r.complete);
}

static void share_and_pass_mark_edges(void **state)
{
	(void)state;
	struct training_session s[5];
	for (int i = 0; i < 5; i++)
		s[i] = (struct training_session){ 19250 + i, 20, i < 4 ? TRAINING_PRESENT : TRAINING_ABSENT };
	struct training_result r;
	training_evaluate(s, 5, 19250, 60, 80, 60, &r); /* exactly 80 %, exactly the pass mark */
	assert_true(r.complete);
	training_evaluate(s, 5, 19250, 59, 80, 60, &r);
	assert_true(r.attendance_ok);
	assert_false(r.score_ok);
	training_evaluate(s, 5, 19250, -1, 80, 60, &r); /* not assessed yet */
	assert_false(r.complete);
	s[3].mark = TRAINING_EXCUSED; /* 3 of 4 remaining = 75 % */
	training_evaluate(s, 5, 19250, 90, 80, 60, &r);
	assert_int_equal(r.expected_tenths, 80);
	assert_false(r.attendance_ok);
	training_evaluate(s, 0, 19250, 90, 80, 60, &r); /* nothing expected: not complete */
	assert_false(r.complete);
}

static void checkin_codes_rotate(void **state)
{
	(void)state;
	unsigned char secret[TRAINING_SECRET_BYTES];
	memset(secret, 7, sizeof(secret));
	char a[7], b[7], c[7];
	training_checkin_code(secret, 1000000020, a);
	training_checkin_code(secret, 1000000049, b);  /* the same 30-second window (1000000020 = 30 × 33333334) */
	training_checkin_code(secret, 1000000050, c);  /* the next */
	assert_int_equal(strlen(a), 6);
	assert_string_equal(a, b);
	assert_string_not_equal(a, c);
	assert_true(training_checkin_valid(secret, 1000000051, a));  /* the window before still counts */
	assert_false(training_checkin_valid(secret, 1000000081, a)); /* two windows on: refused */
	assert_false(training_checkin_valid(secret, 1000000051, "12345"));
	secret[0] ^= 1;
	assert_false(training_checkin_valid(secret, 1000000051, c));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(marks),
		cmocka_unit_test(enrolled_late_is_never_absent),
		cmocka_unit_test(share_and_pass_mark_edges),
		cmocka_unit_test(checkin_codes_rotate),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
