/* test_region.c - division codes: the shipped table, containment, load errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <string.h>

#include "core/access.h"
#include "core/region.h"
#include "data_file.h"

static int setup(void **state)
{
	size_t len = 0;
	char *csv = data_file("regions.csv", &len);
	struct region_table *t = NULL;
	struct px_err err = { 0 };
	if (!csv)
		return -1;
	int rc = region_load(&t, csv, len, &err);
	free(csv);
	if (rc) {
		print_error("regions.csv: %s\n", err.msg);
		return -1;
	}
	*state = t;
	return 0;
}

static int teardown(void **state)
{
	region_free(*state);
	return 0;
}

static void shipped_table(void **state)
{
	const struct region_table *t = *state;
	/* the national set: 31 provinces, 333 prefecture-level, 2,975 county-level divisions */
	assert_int_equal(region_count(t), 3339);
	size_t levels[3] = { 0, 0, 0 };
	for (size_t i = 0; i < region_count(t); i++) {
		const struct region *x = region_at(t, i), *p = region_find(t, x->parent);
		size_t depth = !p ? 0 : !region_find(t, p->parent) ? 1 : 2;
		levels[depth]++;
		assert_int_equal(region_index(t, x->code), (long)i);
	}
	assert_int_equal(levels[0], 31);
	assert_int_equal(levels[0] + levels[1] + levels[2], 3339);
	const struct region *r = region_find(t, "441802");
	assert_non_null(r);
	assert_string_equal(r->name, "清城区");
	assert_string_equal(r->parent, "441800");
	r = region_find(t, "440000");
	assert_non_null(r);
	assert_string_equal(r->name, "广东省");
	assert_string_equal(r->parent, "");
	r = region_find(t, "433100");
	assert_non_null(r);
	assert_string_equal(r->name, "湘西土家族苗族自治州");
	/* unknown or malformed */
	/* a municipality's districts hang under it; a prefecture city without counties has no children */
	r = region_find(t, "110101");
	assert_non_null(r);
	assert_string_equal(r->parent, "110000");
	r = region_find(t, "441900");
	assert_non_null(r);
	assert_string_equal(r->name, "东莞市");
	for (size_t i = 0; i < region_count(t); i++)
		assert_string_not_equal(region_at(t, i)->parent, "441900");
	/* a county the province administers directly (省直辖县级行政区划) */
	r = region_find(t, "429004");
	assert_non_null(r);
	assert_string_equal(r->parent, "420000");
	static const char *missing[] = { "990000", "000000", "44180", "4418020", "44180x", "", "4418 2" };
	for (size_t i = 0; i < sizeof(missing) / sizeof(missing[0]); i++)
		assert_null(region_find(t, missing[i]));
	assert_null(region_find(t, NULL));
}

static void containment(void **state)
{
	const struct region_table *t = *state;
	static const struct {
		const char *a, *d;
		bool in;
	} cases[] = {
		{ "440000", "441800", true },
		{ "441800", "441802", true },
		{ "440000", "441802", true },   /* two levels down */
		{ "441802", "441802", true },   /* a code contains itself */
		{ "440000", "440000", true },
		{ "441802", "441800", false },  /* not upwards */
		{ "440100", "441802", false },  /* a sibling's child */
		{ "430000", "441802", false },  /* another province */
		{ "370200", "370285", true },
		{ "000000", "441802", true },   /* the whole country */
		{ "000000", "430000", true },
		{ "000000", "000000", true },
		{ "000000", "990000", false },  /* unknown codes are in nothing */
		{ "990000", "990000", false },
		{ "110000", "110101", true },   /* a municipality's district */
		{ "420000", "429004", true },   /* a county under the province */
		{ "430000", "433130", true },   /* 湘西州's 龙山县 */
		{ "440000", "110101", false },
		{ "110000", "441802", false },
		{ "441802", "000000", false },
		{ "44", "441802", false },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_int_equal(region_contains(t, cases[i].a, cases[i].d), cases[i].in);
	assert_false(region_contains(t, NULL, "441802"));
	assert_false(region_contains(t, "440000", NULL));
}

/*
 * Scope (core/access.h) reads containment from the structure of the codes;
 * over the whole national table it must agree with the parent links, for
 * every province and prefecture (a province office such as 430000 over its
 * cities and counties, 110000 over its districts, 420000 over 仙桃 429004).
 */
static void structure_matches_table(void **state)
{
	const struct region_table *t = *state;
	size_t n = region_count(t), outers = 0;
	for (size_t i = 0; i < n; i++) {
		const struct region *o = region_at(t, i);
		if (strcmp(o->code + 4, "00"))
			continue; /* counties contain only themselves: checked below */
		outers++;
		for (size_t j = 0; j < n; j++) {
			const struct region *x = region_at(t, j);
			if (access_region_contains(o->code, x->code) != region_contains(t, o->code, x->code))
				fail_msg("%s over %s: structure %d, table %d", o->code, x->code,
					 access_region_contains(o->code, x->code), region_contains(t, o->code, x->code));
		}
	}
	assert_int_equal(outers, 31 + 333);
	assert_true(access_region_allows(ROLE_OFFICE, "430000", "430100"));
	assert_true(access_region_allows(ROLE_OFFICE, "430000", "433130"));
	assert_false(access_region_allows(ROLE_OFFICE, "430000", "440103"));
}

static void load_errors(void **state)
{
	(void)state;
	static const struct {
		const char *csv;
		const char *key, *msg;
	} cases[] = {
		{ "", "region_bad_header", "line 1: header must name the columns 'code,name,parent_code'" },
		{ "code,name,parent_code\"\n", "csv_syntax", "line 1: quote inside an unquoted field" },
		{ "code,name\n440000,广东省\n", "region_bad_header",
		  "line 1: header must name the columns 'code,name,parent_code'" },
		{ "code,name,parent_code\n44000,广东省,\n", "region_bad_code",
		  "line 2: invalid division code '44000'" },
		{ "code,name,parent_code\n000000,全国,\n", "region_bad_code",
		  "line 2: invalid division code '000000'" },
		{ "code,name,parent_code\n440000,,\n", "region_bad_name", "line 2: empty name for '440000'" },
		{ "code,name,parent_code\n440000,广东省,4400\n", "region_bad_parent",
		  "line 2: invalid parent code '4400'" },
		{ "code,name,parent_code\n440000,广东省,440000\n", "region_bad_parent",
		  "line 2: invalid parent code '440000'" },
		{ "code,name,parent_code\n440100,广州市,440000\n", "region_bad_parent",
		  "line 2: unknown parent code '440000' of '440100'" },
		{ "code,name,parent_code\n440000,广东省,\n440100,广州市,440000\n440000,广东,\n",
		  "region_duplicate_code", "line 4: duplicate code '440000' (already on line 2)" },
		{ "code,name,parent_code\n440000,广东省,\n440100,广州市,440300\n440300,深圳市,440100\n",
		  "region_cycle", "line 3: the chain of parents of '440100' loops" },
		{ "code,name,parent_code\n440000,广东省\n", "csv_field_count", "line 2: 2 fields, expected 3" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct region_table *t = (struct region_table *)1;
		struct px_err err = { 0 };
		assert_int_not_equal(region_load(&t, cases[i].csv, strlen(cases[i].csv), &err), 0);
		assert_null(t);
		assert_string_equal(err.key, cases[i].key);
		assert_string_equal(err.msg, cases[i].msg);
	}
	/* a cycle reached from a row outside it */
	struct region_table *t = NULL;
	struct px_err err = { 0 };
	const char *tail = "code,name,parent_code\n110000,a,440100\n440100,b,440300\n440300,c,440100\n";
	assert_int_equal(region_load(&t, tail, strlen(tail), &err), PX_EINVAL);
	assert_string_equal(err.key, "region_cycle");
}

static void load_variants(void **state)
{
	(void)state;
	struct region_table *t = NULL;
	struct px_err err = { 0 };
	const char *csv = "parent_code,code,name\r\n,110000,北京市\r\n110000,110101,\"东城区\"\r\n";
	assert_int_equal(region_load(&t, csv, strlen(csv), &err), 0);
	assert_int_equal(region_count(t), 2);
	assert_true(region_contains(t, "110000", "110101"));
	region_free(t);
	/* a header alone is an empty table */
	assert_int_equal(region_load(&t, "code,name,parent_code\n", 22, &err), 0);
	assert_int_equal(region_count(t), 0);
	assert_null(region_find(t, "110000"));
	assert_false(region_contains(t, "000000", "110000"));
	region_free(t);
	region_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(shipped_table),
		cmocka_unit_test(containment),
		cmocka_unit_test(structure_matches_table),
		cmocka_unit_test(load_errors),
		cmocka_unit_test(load_variants),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
