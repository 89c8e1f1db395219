/*
 * test_template_cache.c - a programme's template text is parsed once and
 * shared; changed text is parsed afresh (the old entry no longer answers);
 * bad text is refused as by template_parse and never cached.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/programme/template_cache.h"

static char *shipped(size_t *len)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/templates/qingyuan-quality-award-2025.json", getenv("PX_DATA_DIR"));
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	char *buf = malloc(1 << 20);
	*len = fread(buf, 1, (1 << 20) - 1, f);
	buf[*len] = '\0';
	fclose(f);
	return buf;
}

static void same_text_is_parsed_once(void **state)
{
	(void)state;
	size_t len;
	char *text = shipped(&len);
	const struct template *a = NULL, *b = NULL;
	struct template_cache_stats s0, s1;
	struct px_err err = { 0 };

	template_cache_clear();
	template_cache_stats(&s0);
	assert_int_equal(template_cache_get(text, len, &a, &err), 0);
	assert_int_equal(template_cache_get(text, len, &b, &err), 0);
	assert_ptr_equal(a, b);
	template_cache_stats(&s1);
	assert_int_equal(s1.parses - s0.parses, 1);
	assert_int_equal(s1.hits - s0.hits, 1);
	assert_int_equal(a->year, 2025);
	template_cache_put(a);
	template_cache_put(b);
	free(text);
}

static void changed_text_invalidates(void **state)
{
	(void)state;
	size_t len;
	char *text = shipped(&len);
	const struct template *before = NULL, *after = NULL, *again = NULL;
	struct template_cache_stats s0, s1;
	struct px_err err = { 0 };
	char *year = strstr(text, "\"year\": 2025");

	assert_non_null(year);
	template_cache_clear();
	assert_int_equal(template_cache_get(text, len, &before, &err), 0);
	assert_int_equal(before->year, 2025);
	template_cache_put(before);

	memcpy(year, "\"year\": 2026", 12); /* the programme's text changes */
	template_cache_stats(&s0);
	assert_int_equal(template_cache_get(text, len, &after, &err), 0);
	assert_int_equal(after->year, 2026);
	template_cache_stats(&s1);
	assert_int_equal(s1.parses - s0.parses, 1);
	assert_int_equal(s1.hits - s0.hits, 0);
	/* the changed text is now the cached one */
	assert_int_equal(template_cache_get(text, len, &again, &err), 0);
	assert_ptr_equal(after, again);
	template_cache_put(after);
	template_cache_put(again);
	template_cache_clear();
	template_cache_stats(&s1);
	assert_int_equal(s1.entries, 0);
	free(text);
}

static void bad_text_is_refused_and_not_cached(void **state)
{
	(void)state;
	const struct template *t = NULL;
	struct template_cache_stats s0, s1;
	struct px_err err = { 0 };

	template_cache_clear();
	template_cache_stats(&s0);
	assert_int_equal(template_cache_get("{\"id\": 1}", 9, &t, &err), PX_EINVAL);
	assert_string_equal(err.key, "bad_template");
	assert_null(t);
	template_cache_stats(&s1);
	assert_int_equal(s1.entries, 0);
}

static void found_by_row_until_its_revision_changes(void **state)
{
	(void)state;
	size_t len;
	char *text = shipped(&len);
	const struct template *a = NULL, *b = NULL, *c = NULL;
	struct px_err err = { 0 };
	const struct template_key k = { 1, 7, 1700000000000000LL, 0 }, edited = { 1, 7, 1700000000000000LL, 1 },
				  other_db = { 2, 7, 1700000000000000LL, 0 };

	template_cache_clear();
	assert_false(template_cache_find(&k, &a)); /* never loaded: the caller fetches the text */
	assert_int_equal(template_cache_get_keyed(&k, text, len, &a, &err), 0);
	assert_true(template_cache_find(&k, &b));
	assert_ptr_equal(a, b);
	assert_false(template_cache_find(&edited, &c)); /* config_rev moved on: fetched again */
	assert_false(template_cache_find(&other_db, &c)); /* the same id in another store */
	template_cache_put(a);
	template_cache_put(b);
	template_cache_clear(); /* the entry goes, and the key naming it with it */
	assert_false(template_cache_find(&k, &c));
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(same_text_is_parsed_once),
		cmocka_unit_test(changed_text_invalidates),
		cmocka_unit_test(bad_text_is_refused_and_not_cached),
		cmocka_unit_test(found_by_row_until_its_revision_changes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
