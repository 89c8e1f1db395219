/*
 * test_brandvalue_params.c - the pure parts of the brand value register
 * (app/brandvalue/params.c): a round's published parameters checked field by
 * field, an enterprise's data checked against its round, and the core input
 * built from both giving the worked example of docs/brand-value.md.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <string.h>

#include "app/brandvalue/internal.h"

static const char ROUND[] =
	"{\"title\": \"测评\", \"first_year\": 2023, \"years\": 5, \"method\": \"mpeem\", \"tax_bp\": 2500,"
	" \"discount_base_bp\": 1000, \"premium_max_bp\": 500, \"growth_bp\": 300, \"assets\": ["
	"{\"code\": \"working_capital\", \"return_bp\": 500}, {\"code\": \"fixed_assets\", \"return_bp\": 700},"
	"{\"code\": \"workforce\", \"return_bp\": 1000}, {\"code\": \"other_intangibles\", \"return_bp\": 1200}]}";
static const char DATA[] =
	"{\"years\": [{\"year\": 2023, \"revenue\": 100000000, \"margin_bp\": 1500},"
	"{\"year\": 2024, \"revenue\": 108000000, \"margin_bp\": 1500}, {\"year\": 2025, \"revenue\": 116640000, \"margin_bp\": 1500},"
	"{\"year\": 2026, \"revenue\": 124800000, \"margin_bp\": 1500}, {\"year\": 2027, \"revenue\": 131040000, \"margin_bp\": 1500}],"
	" \"assets\": {\"working_capital\": 2000, \"fixed_assets\": 3000, \"workforce\": 500},"
	" \"brand_role_bp\": 4000, \"risk_premium_bp\": 200}";

static json_t *parse(const char *text)
{
	json_t *j = json_loads(text, JSON_DECODE_ANY, NULL);
	assert_non_null(j);
	return j;
}

/* The round of ROUND as the register keeps it. */
static void round_of(struct bv_round *r)
{
	json_t *req = parse(ROUND);
	struct bv_round_req rq;
	assert_int_equal(brandvalue_round_check(req, &rq, NULL), 0);
	memset(r, 0, sizeof(*r));
	snprintf(r->method, sizeof(r->method), "%s", rq.method);
	r->first_year = rq.first_year;
	r->years = rq.years;
	r->params = rq.params;
	json_decref(req);
}

static void worked_example(void **state)
{
	(void)state;
	struct bv_round r;
	struct bv_input in;
	struct bv_result res;
	json_t *data = NULL, *req = parse(DATA);
	round_of(&r);
	assert_int_equal(brandvalue_data_check(&r, req, &data, NULL), 0);
	brandvalue_input(&r, data, &in);
	assert_int_equal(in.discount_bp, 1200);
	assert_int_equal(in.nassets, 4);
	assert_int_equal(bv_compute(&in, &res, NULL), 0);
	assert_int_equal(res.value, 38648769);
	snprintf(r.method, sizeof(r.method), "mpeem_mid_year");
	brandvalue_input(&r, data, &in);
	assert_int_equal(bv_compute(&in, &res, NULL), 0);
	assert_int_equal(res.value, 40902013);
	json_decref(data);
	json_decref(req);
	brandvalue_round_release(&r);
}

/* One change to the round's request: the key and field refused. */
static const struct {
	const char *key, *value, *code, *field;
} round_faults[] = {
	{ "method", "\"royalty_relief\"", "unknown_method", "method" },
	{ "years", "0", "out_of_range", "years" },
	{ "tax_bp", "10001", "out_of_range", "tax_bp" },
	{ "discount_base_bp", "0", "out_of_range", "discount_base_bp" },
	{ "premium_max_bp", "9001", "out_of_range", "premium_max_bp" },
	{ "growth_bp", "1000", "bv_growth", "growth_bp" },
	{ "title", "\"\"", "invalid_text", "title" },
	{ "assets", "[{\"code\": \"goodwill\", \"return_bp\": 1}]", "unknown_asset", "assets[0].code" },
	{ "assets", "[{\"code\": \"workforce\", \"return_bp\": 1}, {\"code\": \"workforce\", \"return_bp\": 1}]",
	  "duplicate_asset", "assets[1].code" },
};

static void round_refusals(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(round_faults) / sizeof(round_faults[0]); i++) {
		json_t *req = parse(ROUND);
		struct bv_round_req rq;
		struct px_err err = { 0 };
		json_object_set_new(req, round_faults[i].key, parse(round_faults[i].value));
		assert_int_equal(brandvalue_round_check(req, &rq, &err), PX_EINVAL);
		assert_string_equal(err.key, round_faults[i].code);
		assert_string_equal(err.field, round_faults[i].field);
		assert_null(rq.params);
		json_decref(req);
	}
}

/* One change to the enterprise's data (a JSON path set to a value): the key and field refused. */
static const struct {
	int year; /* -1: a top-level key */
	const char *key, *value, *code, *field;
} data_faults[] = {
	{ 1, "year", "2025", "wrong_year", "years[1].year" },
	{ 2, "revenue", "-1", "out_of_range", "years[2].revenue" },
	{ 3, "revenue", "1000000000000001", "out_of_range", "years[3].revenue" },
	{ 4, "margin_bp", "-10001", "out_of_range", "years[4].margin_bp" },
	{ 0, "margin_bp", "null", "missing_field", "years[0].margin_bp" },
	{ -1, "brand_role_bp", "10001", "out_of_range", "brand_role_bp" },
	{ -1, "risk_premium_bp", "501", "out_of_range", "risk_premium_bp" },
	{ -1, "assets", "{\"goodwill\": 1}", "unknown_asset", "assets.goodwill" },
	{ -1, "assets", "{\"workforce\": 100001}", "out_of_range", "assets.workforce" },
	{ -1, "years", "[]", "years_mismatch", "years" },
};

static void data_refusals(void **state)
{
	(void)state;
	struct bv_round r;
	round_of(&r);
	for (size_t i = 0; i < sizeof(data_faults) / sizeof(data_faults[0]); i++) {
		json_t *req = parse(DATA), *data = NULL;
		struct px_err err = { 0 };
		json_t *at = data_faults[i].year < 0 ? req : json_array_get(json_object_get(req, "years"), (size_t)data_faults[i].year);
		json_object_set_new(at, data_faults[i].key, parse(data_faults[i].value));
		assert_int_equal(brandvalue_data_check(&r, req, &data, &err), PX_EINVAL);
		assert_string_equal(err.key, data_faults[i].code);
		assert_string_equal(err.field, data_faults[i].field);
		assert_null(data);
		json_decref(req);
	}
	brandvalue_round_release(&r);
}

static void percentages(void **state)
{
	(void)state;
	char out[16];
	brandvalue_pct(1200, out, sizeof(out));
	assert_string_equal(out, "12.00%");
	brandvalue_pct(-5, out, sizeof(out));
	assert_string_equal(out, "-0.05%");
	assert_string_equal(brandvalue_text("asset.workforce"), "人力资源");
	assert_string_equal(brandvalue_text("no.such.key"), "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(worked_example),
		cmocka_unit_test(round_refusals),
		cmocka_unit_test(data_refusals),
		cmocka_unit_test(percentages),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
