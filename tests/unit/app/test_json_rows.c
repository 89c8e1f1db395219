/*
 * test_json_rows.c - rows written as they come are copied into the answer in
 * the order of their key and id, whatever order they came in, with the
 * writer's commas; a failed row fails the answer.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "app/json_rows.h"

static char *put_array(struct json_rows *r)
{
	struct jw w = { 0 };
	jw_array(&w);
	json_rows_put(r, &w);
	jw_array_end(&w);
	return jw_finish(&w, NULL);
}

static void row(struct json_rows *r, const char *key, int64_t id)
{
	json_rows_begin(r, key, id);
	jw_object(&r->w);
	jw_key(&r->w, "region");
	jw_string(&r->w, key);
	jw_key(&r->w, "id");
	jw_int(&r->w, id);
	jw_object_end(&r->w);
}

static void ordered_by_key_then_id(void **state)
{
	(void)state;
	struct json_rows r = { 0 };
	row(&r, "441803", 7);
	row(&r, "441802", 9);
	row(&r, "441803", 2);
	row(&r, "441802", 1);
	row(&r, "", 100);
	char *t = put_array(&r);
	assert_string_equal(t, "[{\"region\":\"\",\"id\":100},{\"region\":\"441802\",\"id\":1},{\"region\":\"441802\",\"id\":9},"
			       "{\"region\":\"441803\",\"id\":2},{\"region\":\"441803\",\"id\":7}]");
	free(t);
	assert_null(r.rows);
}

static void many_and_none(void **state)
{
	(void)state;
	struct json_rows r = { 0 };
	char *t = put_array(&r);
	assert_string_equal(t, "[]");
	free(t);
	for (int i = 500; i > 0; i--) /* past the first allocation, in reverse */
		row(&r, "k", i);
	t = put_array(&r);
	const char *first = "[{\"region\":\"k\",\"id\":1},{\"region\":\"k\",\"id\":2},";
	assert_int_equal(strncmp(t, first, strlen(first)), 0);
	assert_non_null(strstr(t, ",{\"region\":\"k\",\"id\":500}]"));
	free(t);
}

static void failure_carried(void **state)
{
	(void)state;
	struct json_rows r = { 0 };
	struct jw w = { 0 };
	row(&r, "a", 1);
	json_rows_begin(&r, "b", 2);
	jw_string(&r.w, "\xff"); /* invalid UTF-8 */
	jw_array(&w);
	json_rows_put(&r, &w);
	jw_array_end(&w);
	assert_null(jw_finish(&w, NULL));
	row(&r, "a", 1);
	json_rows_free(&r); /* dropped after an error */
	assert_null(r.rows);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ordered_by_key_then_id),
		cmocka_unit_test(many_and_none),
		cmocka_unit_test(failure_carried),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
