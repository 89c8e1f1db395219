/* test_stage.c - the pure stage machine (core/stage.h): kinds, order, moves. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "core/stage.h"

static void kinds_have_their_template_names(void **state)
{
	(void)state;
	enum stage_kind k;
	for (int i = 0; i < STAGE_NKINDS; i++) {
		assert_true(stage_kind_parse(stage_kind_name((enum stage_kind)i), &k));
		assert_int_equal(k, i);
	}
	assert_true(stage_kind_parse("deliberation", &k));
	assert_int_equal(k, STAGE_DELIBERATION);
	assert_false(stage_kind_parse("Review", &k));
	assert_false(stage_kind_parse("", &k));
	assert_string_equal(stage_kind_name(STAGE_NKINDS), "unknown");
}

static void the_award_order_holds(void **state)
{
	(void)state;
	/* the Qingyuan 2025 award: material review, shortlist, on-site review, ... */
	static const enum stage_kind award[] = {
		STAGE_APPLICATION, STAGE_RECOMMENDATION, STAGE_QUALIFICATION, STAGE_REVIEW, STAGE_SHORTLIST,
		STAGE_REVIEW, STAGE_DELIBERATION, STAGE_NOTICE, STAGE_APPROVAL, STAGE_PUBLICATION,
	};
	assert_int_equal(stage_order_fault(award, 10), -1);
	static const enum stage_kind ranking[] = { STAGE_APPLICATION, STAGE_REVIEW, STAGE_VOTE, STAGE_REVIEW,
						   STAGE_NOTICE, STAGE_PUBLICATION };
	assert_int_equal(stage_order_fault(ranking, 6), -1);
	static const enum stage_kind one[] = { STAGE_APPLICATION };
	assert_int_equal(stage_order_fault(one, 1), -1);
}

static void out_of_order_stages_are_named(void **state)
{
	(void)state;
	static const enum stage_kind no_application[] = { STAGE_REVIEW, STAGE_PUBLICATION };
	assert_int_equal(stage_order_fault(no_application, 2), 0);
	static const enum stage_kind two_applications[] = { STAGE_APPLICATION, STAGE_APPLICATION };
	assert_int_equal(stage_order_fault(two_applications, 2), 1);
	static const enum stage_kind backwards[] = { STAGE_APPLICATION, STAGE_REVIEW, STAGE_QUALIFICATION };
	assert_int_equal(stage_order_fault(backwards, 3), 2);
	static const enum stage_kind approval_first[] = { STAGE_APPLICATION, STAGE_APPROVAL, STAGE_DELIBERATION };
	assert_int_equal(stage_order_fault(approval_first, 3), 2);
	static const enum stage_kind early_publication[] = { STAGE_APPLICATION, STAGE_PUBLICATION, STAGE_NOTICE };
	assert_int_equal(stage_order_fault(early_publication, 3), 1);
	static const enum stage_kind bad_kind[] = { STAGE_APPLICATION, STAGE_NKINDS };
	assert_int_equal(stage_order_fault(bad_kind, 2), 1);
}

static void moves_go_forward_one_at_a_time(void **state)
{
	(void)state;
	assert_int_equal(stage_move_check(0, 3, 1), STAGE_MOVE_OK);
	assert_int_equal(stage_move_check(1, 3, 2), STAGE_MOVE_OK);
	assert_int_equal(stage_move_check(2, 3, 3), STAGE_MOVE_OK);
	assert_int_equal(stage_move_check(3, 3, 4), STAGE_MOVE_FINISHED);
	assert_int_equal(stage_move_check(3, 3, 1), STAGE_MOVE_FINISHED);
	assert_int_equal(stage_move_check(1, 3, 3), STAGE_MOVE_NOT_NEXT); /* skipping */
	assert_int_equal(stage_move_check(2, 3, 1), STAGE_MOVE_NOT_NEXT); /* back */
	assert_int_equal(stage_move_check(1, 3, 1), STAGE_MOVE_NOT_NEXT); /* staying */
	assert_int_equal(stage_move_check(1, 3, 0), STAGE_MOVE_NOT_NEXT); /* unknown stage */
	assert_int_equal(stage_next(0, 3), 1);
	assert_int_equal(stage_next(2, 3), 3);
	assert_int_equal(stage_next(3, 3), 0);
}

static void reached_counts_the_current_stage(void **state)
{
	(void)state;
	assert_false(stage_reached(0, 0));
	assert_true(stage_reached(1, 0));
	assert_false(stage_reached(1, 1));
	assert_true(stage_reached(4, 2));
	assert_false(stage_reached(4, -1)); /* a stage the template does not have */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(kinds_have_their_template_names),
		cmocka_unit_test(the_award_order_holds),
		cmocka_unit_test(out_of_order_stages_are_named),
		cmocka_unit_test(moves_go_forward_one_at_a_time),
		cmocka_unit_test(reached_counts_the_current_stage),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
