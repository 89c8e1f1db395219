/*
 * test_award.c - the pure helpers of the award's office stages: the employer
 * matching rule, certificate codes, decimal text of scores, id lists, and a
 * draw stored as JSON and read back (draw_doc) giving the same result and the
 * same replacement as the draw in memory.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/programme/office.h"
#include "app/input.h"
#include "app/json.h"
#include "app/tx.h"
#include "app/programme/certificate.h"
#include "app/review/draw_doc.h"
#include "app/people/expert.h"
#include "data_file.h"

static void certificate_codes_normalise(void **state)
{
	(void)state;
	char out[CERTIFICATE_CODE_LEN + 3];
	assert_true(certificate_code_normalise("abcd-efgh-jk23", out));
	assert_string_equal(out, "ABCD-EFGH-JK23");
	assert_true(certificate_code_normalise("ABCD EFGH JK23", out));
	assert_string_equal(out, "ABCD-EFGH-JK23");
	assert_false(certificate_code_normalise("ABCD-EFGH-JK10", out)); /* 0 and 1 are not base32 */
	assert_false(certificate_code_normalise("ABCD-EFGH-JK2", out));
	assert_false(certificate_code_normalise("ABCD-EFGH-JK234", out));
	assert_false(certificate_code_normalise("", out));
	assert_false(certificate_code_normalise(NULL, out));
}

static void scores_are_exact_decimal_text(void **state)
{
	(void)state;
	json_t *v = json_hundredths(8389);
	assert_string_equal(json_string_value(v), "83.89");
	json_decref(v);
	v = json_hundredths(7);
	assert_string_equal(json_string_value(v), "0.07");
	json_decref(v);
	v = json_tenths(8125);
	assert_string_equal(json_string_value(v), "812.5");
	json_decref(v);
	v = json_tenths(8200);
	assert_string_equal(json_string_value(v), "820");
	json_decref(v);
}

static void id_lists_are_checked(void **state)
{
	(void)state;
	struct px_err err = { 0 };
	int64_t *ids = NULL;
	size_t n = 0;
	json_t *in = json_pack("{s:[i, i, i]}", "applications", 3, 1, 2);
	assert_int_equal(input_ids(in, "applications", &ids, &n, &err), 0);
	assert_int_equal(n, 3);
	assert_int_equal(ids[0], 3);
	free(ids);
	json_decref(in);
	in = json_pack("{s:[i, i]}", "applications", 3, 3);
	assert_int_equal(input_ids(in, "applications", &ids, &n, &err), PX_EINVAL);
	assert_string_equal(err.key, "duplicate_application");
	assert_string_equal(err.field, "applications[1]");
	assert_null(ids);
	json_decref(in);
	in = json_pack("{s:[i, s]}", "applications", 3, "4");
	assert_int_equal(input_ids(in, "applications", &ids, &n, &err), PX_EINVAL);
	assert_string_equal(err.field, "applications[1]");
	json_decref(in);
	in = json_object();
	assert_int_equal(input_ids(in, "applications", &ids, &n, &err), PX_EINVAL);
	assert_string_equal(err.key, "missing_field");
	json_decref(in);
}

static json_t *example_input(void)
{
	size_t len = 0;
	char *text = data_file("examples/draw-input.json", &len);
	json_error_t je;
	assert_non_null(text);
	json_t *root = json_loadb(text, len, 0, &je);
	free(text);
	assert_non_null(root);
	return root;
}

/* The seed of docs/draw.md's test vectors: bytes 0 to 31. */
static void vector_seed(unsigned char seed[DRAW_SEED_BYTES])
{
	for (int i = 0; i < DRAW_SEED_BYTES; i++)
		seed[i] = (unsigned char)i;
}

static void stored_draws_read_back_to_the_same_result(void **state)
{
	(void)state;
	struct draw_doc doc;
	struct draw_result res = { 0 }, back = { 0 };
	struct px_err err = { 0 };
	unsigned char seed[DRAW_SEED_BYTES], rseed[DRAW_SEED_BYTES];
	size_t chosen_a, chosen_b;
	json_t *root = example_input();

	vector_seed(seed);
	assert_int_equal(draw_doc_load(root, &doc, &err), 0);
	assert_int_equal(draw_run(&doc.in, seed, &res, &err), 0);
	json_t *published = draw_doc_result_json(&doc.in, &res);
	assert_non_null(published);
	assert_string_equal(json_string_value(json_object_get(published, "inputs_hash")),
			    "255f43cc122536c5c27e8cd8c3ac64d3d5959b7e3a6b1f54dd87ef80edc41d3a");
	json_t *first = json_array_get(json_object_get(published, "assignments"), 0);
	assert_string_equal(json_string_value(json_object_get(first, "application")), "QY2025-001");
	assert_string_equal(json_string_value(json_array_get(json_object_get(first, "experts"), 0)), "E06");

	/* read back: the same published form */
	assert_int_equal(draw_doc_result_load(&doc.in, published, &back, &err), 0);
	json_t *again = draw_doc_result_json(&doc.in, &back);
	assert_true(json_equal(published, again));
	assert_int_equal(back.max_load, res.max_load);

	/* a replacement on the read-back result is the replacement on the original */
	draw_derive_seed(seed, 1, rseed);
	assert_int_equal(draw_replace(&doc.in, &res, "QY2025-001", "E05", rseed, &chosen_a, &err), 0);
	assert_int_equal(draw_replace(&doc.in, &back, "QY2025-001", "E05", rseed, &chosen_b, &err), 0);
	assert_int_equal(chosen_a, chosen_b);

	/* a result that names an unknown expert is refused */
	json_t *bad = json_deep_copy(published);
	json_array_set_new(json_object_get(json_array_get(json_object_get(bad, "assignments"), 0), "experts"), 0,
			   json_string("E99"));
	draw_result_release(&back);
	assert_int_equal(draw_doc_result_load(&doc.in, bad, &back, &err), PX_EINVAL);
	assert_string_equal(err.key, "draw_invalid");

	json_decref(bad);
	json_decref(again);
	json_decref(published);
	draw_result_release(&back);
	draw_result_release(&res);
	draw_doc_release(&doc);
	json_decref(root);
}

static void malformed_inputs_are_refused(void **state)
{
	(void)state;
	struct draw_doc doc;
	struct px_err err = { 0 };
	json_t *root = json_pack("{s:i, s:i, s:{s:b, s:b}, s:[{s:s}], s:[]}", "panel", 3, "max_load", 2, "constraints",
				 "field_match", 0, "other_region", 0, "applications", "id", "A1", "experts");
	assert_int_equal(draw_doc_load(root, &doc, &err), PX_EINVAL);
	assert_string_equal(err.key, "invalid_draw_input");
	assert_null(doc.root);
	json_decref(root);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(certificate_codes_normalise),
		cmocka_unit_test(scores_are_exact_decimal_text),
		cmocka_unit_test(id_lists_are_checked),
		cmocka_unit_test(stored_draws_read_back_to_the_same_result),
		cmocka_unit_test(malformed_inputs_are_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
