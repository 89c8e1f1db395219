/*
 * test_application_form.c - the stored form as an answer shows it: the
 * writer's copy of the stored text (application_form_write) is the view that
 * parsing it shows (application_form_view, mobile numbers by their masked
 * copy), for texts as stored and for texts written otherwise.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/json.h"
#include "app/json_writer.h"
#include "app/programme/apply.h"

/* The view json_compact writes of the parsed text ({} when it does not parse). */
static char *by_tree(const char *text)
{
	json_error_t je;
	json_t *stored = json_loads(text, 0, &je), *view = application_form_view(stored);
	char *out = json_compact(view, NULL);
	json_decref(view);
	json_decref(stored);
	return out;
}

static void same_view(const char *text)
{
	struct jw w = { 0 };
	jw_object(&w);
	jw_key(&w, "fields");
	application_form_write(&w, text);
	jw_object_end(&w);
	char *mine = jw_finish(&w, NULL), *tree = by_tree(text), expected[4096];
	assert_non_null(mine);
	assert_non_null(tree);
	snprintf(expected, sizeof(expected), "{\"fields\":%s}", tree);
	if (strcmp(mine, expected))
		fail_msg("'%s' shown as '%s', parsed as '%s'", text, mine, expected);
	free(mine);
	free(tree);
}

static void views_alike(void **state)
{
	(void)state;
	static const char *const texts[] = {
		"{}",
		"{\"contact\":\"质量部 张经理\",\"contact_mobile\":{\"hash\":\"ab12\",\"masked\":\"138****8000\"},"
		"\"employees\":2789,\"revenue_10k\":52000.25,\"sampling_pass_rate\":99.5}",
		"{\"a\":{\"masked\":{\"x\":[1,\"}\"]},\"z\":1},\"b\":{\"nomask\":true},\"c\":[{\"masked\":1}],\"d\":null}",
		"{\"masked\":\"top\",\"x\":{\"amasked\":1,\"masked\":\"m\\\"q\"}}",
		/* not as stored: parsed, then shown */
		"{ \"contact_mobile\" : {\"masked\":\"138****8000\", \"hash\":\"h\"}, \"n\": 1.50 }",
		"{\"b\":1,\"a\":{\"masked\":\"\\u00e9\"}}",
		"{\"a\":1,\"a\":2}",
		"[1,2]",
		"not json",
		"",
	};
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		same_view(texts[i]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(views_alike),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
