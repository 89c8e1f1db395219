/* test_rubric.c - rubric CSV loading (shipped files and every fault), points text, score sheets. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/rubric.h"

/* Read $PX_DATA_DIR/rel into a malloc'd buffer (tests may do I/O; core may not). */
static char *slurp(const char *rel, size_t *len)
{
	const char *dir = getenv("PX_DATA_DIR");
	char path[1024];
	snprintf(path, sizeof(path), "%s/%s", dir ? dir : PX_DATA_DIR, rel);
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	char *buf = malloc(RUBRIC_CSV_MAX + 1);
	assert_non_null(buf);
	*len = fread(buf, 1, RUBRIC_CSV_MAX + 1, f);
	fclose(f);
	return buf;
}

static void load_gbt19580_shipped(void **state)
{
	(void)state;
	size_t len;
	char *buf = slurp("rubrics/gbt19580-2012.csv", &len);
	struct rubric r;
	struct px_err err = { 0 };

	assert_int_equal(rubric_parse_csv(&r, buf, len, 1000 * RUBRIC_SCALE, &err), 0);
	assert_int_equal(r.total, 10000);
	assert_int_equal(r.n, 30);
	assert_int_equal(r.nleaves, 23);

	size_t top = 0;
	for (size_t i = 0; i < r.n; i++)
		top += r.items[i].parent < 0;
	assert_int_equal(top, 7);

	const struct rubric_item *it = rubric_find(&r, "4.7");
	assert_non_null(it);
	assert_string_equal(it->name, "结果");
	assert_int_equal(it->points, 4000);
	assert_int_equal(it->nchildren, 6);
	assert_false(rubric_item_is_leaf(it));
	it = rubric_find(&r, "4.4.3");
	assert_non_null(it);
	assert_string_equal(it->name, "财务资源");
	assert_int_equal(it->points, 150);
	assert_int_equal(it->depth, 1);
	assert_string_equal(r.items[it->parent].code, "4.4");
	assert_true(rubric_item_is_leaf(it));
	it = rubric_find(&r, "4.6");
	assert_string_equal(it->name, "测量、分析与改进");

	/* a sheet at every leaf's maximum scores the full 1000 */
	struct rubric_mark marks[RUBRIC_MAX_ITEMS];
	size_t n = 0;
	for (size_t i = 0; i < r.n; i++)
		if (rubric_item_is_leaf(&r.items[i]))
			marks[n++] = (struct rubric_mark){ r.items[i].code, r.items[i].points };
	int32_t total = -1;
	assert_int_equal(rubric_sheet_check(&r, marks, n, &total, &err), 0);
	assert_int_equal(total, 10000);

	/* a wrong declared total is refused */
	rubric_release(&r);
	assert_int_equal(rubric_parse_csv(&r, buf, len, 900 * RUBRIC_SCALE, &err), PX_EINVAL);
	assert_string_equal(err.key, "rubric_total_mismatch");
	assert_string_equal(err.msg, "top-level items sum to 1000, the declared total is 900");
	assert_null(r.items);
	free(buf);
}

static void load_guangzhou_shipped(void **state)
{
	(void)state;
	static const char *codes[] = { "brand_strategy", "social_responsibility",
				       "economic_results", "performance_excellence",
				       "quality_culture" };
	size_t len;
	char *buf = slurp("rubrics/guangzhou-brand-2022.csv", &len);
	struct rubric r;
	assert_int_equal(rubric_parse_csv(&r, buf, len, 100 * RUBRIC_SCALE, NULL), 0);
	assert_int_equal(r.n, 5);
	assert_int_equal(r.nleaves, 5);
	assert_int_equal(r.total, 1000);
	for (size_t i = 0; i < 5; i++) {
		assert_string_equal(r.items[i].code, codes[i]);
		assert_int_equal(r.items[i].points, 200);
	}
	assert_string_equal(r.items[0].name, "质量品牌战略");
	assert_string_equal(r.items[4].name, "质量文化");
	rubric_release(&r);
	free(buf);
}

static void csv_dialect(void **state)
{
	(void)state;
	/* BOM, CRLF, blank lines, quoted fields with a comma and a doubled quote, a
	 * quoted newline, one decimal, no final line end */
	static const char csv[] = "\xEF\xBB\xBFitem,name,points,parent\r\n"
				  "\r\n"
				  "A,\"Leadership, \"\"top\"\"\",12.5,\n"
				  "\n"
				  "A.1,\"two\nlines? no\",2.5,A\r\n"
				  "\"A.2\",x,10,\"A\"\n"
				  "B,b,7.5,";
	struct rubric r;
	struct px_err err = { 0 };
	int rc = rubric_parse_csv(&r, csv, sizeof(csv) - 1, 200, &err);
	/* the quoted newline makes a control character in a name: refused */
	assert_int_equal(rc, PX_EINVAL);
	assert_string_equal(err.key, "rubric_bad_name");
	assert_string_equal(err.field, "A.1");
	assert_string_equal(err.msg, "line 5: name of 'A.1' must be 1-191 bytes of printable utf-8");

	static const char ok[] = "\xEF\xBB\xBFitem,name,points,parent\r\n"
				 "\r\n"
				 "A,\"Leadership, \"\"top\"\"\",12.5,\n"
				 "\n"
				 "A.1,\"one\",2.5,A\r\n"
				 "\"A.2\",x,10,\"A\"\n"
				 "B,b,7.5,";
	assert_int_equal(rubric_parse_csv(&r, ok, sizeof(ok) - 1, 200, &err), 0);
	assert_int_equal(r.n, 4);
	assert_string_equal(r.items[0].name, "Leadership, \"top\"");
	assert_int_equal(r.items[0].points, 125);
	assert_int_equal(r.items[0].nchildren, 2);
	assert_string_equal(r.items[2].code, "A.2");
	assert_int_equal(r.items[2].parent, 0);
	assert_int_equal(r.items[3].points, 75);
	assert_int_equal(r.nleaves, 3);
	assert_null(rubric_find(&r, "C"));
	assert_null(rubric_find(&r, NULL));
	rubric_release(&r);
	rubric_release(&r); /* idempotent */
	rubric_release(NULL);
}

struct bad_case {
	const char *csv;
	int32_t total;
	int code;
	const char *key;
	const char *field;
	const char *msg; /* NULL: not checked */
};

#define H "item,name,points,parent\n"

static const struct bad_case bad_cases[] = {
	{ "", 10, PX_EINVAL, "rubric_empty", "", "rubric text is empty" },
	{ "\n\r\n\n", 10, PX_EINVAL, "rubric_empty", "", NULL },
	{ H, 10, PX_EINVAL, "rubric_empty", "", "rubric has no items" },
	{ H "\n\n", 10, PX_EINVAL, "rubric_empty", "", NULL },
	{ "code,name,points,parent\nA,a,1,\n", 10, PX_EINVAL, "rubric_bad_header", "",
	  "the first line must be 'item,name,points,parent'" },
	{ "item,name,points\nA,a,1\n", 10, PX_EINVAL, "rubric_bad_header", "", NULL },
	{ H "A,a,1,\n", 0, PX_EINVAL, "rubric_bad_total", "", NULL },
	{ H "A,a,1,\n", 100001, PX_EINVAL, "rubric_bad_total", "", NULL },
	{ H "A,\"a,1,\n", 10, PX_EINVAL, "rubric_bad_csv", "", "line 2: unterminated quote" },
	{ H "A,\"a\"b,1,\n", 10, PX_EINVAL, "rubric_bad_csv", "",
	  "line 2: text after a closing quote" },
	{ H "A,a\"b,1,\n", 10, PX_EINVAL, "rubric_bad_csv", "",
	  "line 2: quote inside an unquoted field" },
	{ H "A,a,1,,\n", 10, PX_EINVAL, "rubric_bad_csv", "", "line 2: more than 4 fields" },
	{ H "A,a,1\n", 10, PX_EINVAL, "rubric_bad_csv", "", "line 2: expected 4 fields, got 3" },
	{ H "A,a,1,\rB,b,1,\n", 10, PX_EINVAL, "rubric_bad_csv", "",
	  "line 2: carriage return without line feed" },
	{ H "A,a,1,\r", 10, PX_EINVAL, "rubric_bad_csv", "", NULL },
	{ H "4 .1,a,1,\n", 10, PX_EINVAL, "rubric_bad_code", "",
	  "line 2: item code must be 1-31 of [A-Za-z0-9._-], got '4 .1'" },
	{ H ",a,1,\n", 10, PX_EINVAL, "rubric_bad_code", "", NULL },
	{ H "领导,a,1,\n", 10, PX_EINVAL, "rubric_bad_code", "", NULL },
	{ H "abcdefghijabcdefghijabcdefghij12,a,1,\n", 10, PX_EINVAL, "rubric_bad_code", "", NULL },
	{ H "A,a,1,\nA,b,1,\n", 20, PX_EINVAL, "rubric_duplicate_item", "A",
	  "line 3: item 'A' appears twice" },
	{ H "A,,1,\n", 10, PX_EINVAL, "rubric_bad_name", "A", NULL },
	{ H "A,a\tb,1,\n", 10, PX_EINVAL, "rubric_bad_name", "A", NULL },
	{ H "A,a\x7f,1,\n", 10, PX_EINVAL, "rubric_bad_name", "A", NULL },
	{ H "A,\xC0\x80,1,\n", 10, PX_EINVAL, "rubric_bad_name", "A", NULL },     /* overlong */
	{ H "A,\xED\xA0\x80,1,\n", 10, PX_EINVAL, "rubric_bad_name", "A", NULL }, /* surrogate */
	{ H "A,\xF4\x90\x80\x80,1,\n", 10, PX_EINVAL, "rubric_bad_name", "A", NULL }, /* > 10FFFF */
	{ H "A,\xE4\xB8,1,\n", 10, PX_EINVAL, "rubric_bad_name", "A", NULL },  /* cut short */
	{ H "A,\xE4" "ab,1,\n", 10, PX_EINVAL, "rubric_bad_name", "A", NULL }, /* no continuation */
	{ H "A,\xFF,1,\n", 10, PX_EINVAL, "rubric_bad_name", "A", NULL },
	{ H "A,\x80,1,\n", 10, PX_EINVAL, "rubric_bad_name", "A", NULL },
	{ H "A,a,abc,\n", 10, PX_EINVAL, "rubric_bad_points", "A",
	  "line 2: points must be a number with at most one decimal, got 'abc'" },
	{ H "A,a,0,\n", 10, PX_EINVAL, "rubric_bad_points", "A", "line 2: points must be positive" },
	{ H "A,a,0.0,\n", 10, PX_EINVAL, "rubric_bad_points", "A", NULL },
	{ H "A,a,-1,\n", 10, PX_EINVAL, "rubric_bad_points", "A", NULL },
	{ H "A,a,1.25,\n", 10, PX_EINVAL, "rubric_bad_points", "A", NULL },
	{ H "A,a,,\n", 10, PX_EINVAL, "rubric_bad_points", "A", NULL },
	{ H "A,a,1.,\n", 10, PX_EINVAL, "rubric_bad_points", "A", NULL },
	{ H "A,a,.5,\n", 10, PX_EINVAL, "rubric_bad_points", "A", NULL },
	{ H "A,a,1.x,\n", 10, PX_EINVAL, "rubric_bad_points", "A", NULL },
	{ H "A,a, 1,\n", 10, PX_EINVAL, "rubric_bad_points", "A", NULL },
	{ H "A,a,1234567,\n", 10, PX_EINVAL, "rubric_bad_points", "A", NULL },
	{ H "A,a,10000.1,\n", 10, PX_EINVAL, "rubric_bad_points", "A", NULL },
	{ H "A.1,a,1,A\nA,b,1,\n", 10, PX_EINVAL, "rubric_unknown_parent", "A.1",
	  "line 2: parent 'A' of 'A.1' is not an earlier item" },
	{ H "A,a,1,\nA.1,a,1,B\n", 10, PX_EINVAL, "rubric_unknown_parent", "A.1", NULL },
	{ H "A,a,1,\nA.1,a,1,A A\n", 10, PX_EINVAL, "rubric_unknown_parent", "A.1", NULL },
	{ H "A,a,1,\nA.1,a,1,A.1\n", 10, PX_EINVAL, "rubric_unknown_parent", "A.1", NULL },
	{ H "A,a,11,\nA.1,a,5,A\nA.2,a,5,A\n", 110, PX_EINVAL, "rubric_points_mismatch", "A",
	  "children of 'A' sum to 10, its points are 11" },
	{ H "A,a,10,\nA.1,a,10,A\nA.1.1,a,9.9,A.1\n", 100, PX_EINVAL, "rubric_points_mismatch",
	  "A.1", "children of 'A.1' sum to 9.9, its points are 10" },
	{ H "A,a,10,\nB,b,5,\n", 160, PX_EINVAL, "rubric_total_mismatch", "",
	  "top-level items sum to 15, the declared total is 16" },
};

static void every_csv_fault(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]); i++) {
		const struct bad_case *c = &bad_cases[i];
		struct rubric r;
		struct px_err err = { 0 };
		int rc = rubric_parse_csv(&r, c->csv, strlen(c->csv), c->total, &err);
		if (rc != c->code || strcmp(err.key, c->key) || strcmp(err.field, c->field) ||
		    (c->msg && strcmp(err.msg, c->msg)))
			fail_msg("case %zu '%s': got %d %s [%s] %s", i, c->csv, rc, err.key,
				 err.field, err.msg);
		assert_null(r.items);
		assert_int_equal(r.n, 0);
		/* and without an error out-parameter */
		assert_int_equal(rubric_parse_csv(&r, c->csv, strlen(c->csv), c->total, NULL),
				 c->code);
	}
}

static void nul_byte_and_long_fields(void **state)
{
	(void)state;
	struct rubric r;
	struct px_err err;
	static const char nul[] = H "A,a\0b,1,\n";
	assert_int_equal(rubric_parse_csv(&r, nul, sizeof(nul) - 1, 10, &err), PX_EINVAL);
	assert_string_equal(err.msg, "line 2: nul byte");
	static const char qnul[] = H "A,\"a\0b\",1,\n";
	assert_int_equal(rubric_parse_csv(&r, qnul, sizeof(qnul) - 1, 10, &err), PX_EINVAL);
	assert_string_equal(err.msg, "line 2: nul byte");

	char buf[1024];
	char name[300];
	memset(name, 'n', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	snprintf(buf, sizeof(buf), H "A,%s,1,\n", name);
	assert_int_equal(rubric_parse_csv(&r, buf, strlen(buf), 10, &err), PX_EINVAL);
	assert_string_equal(err.msg, "line 2: field too long");
	snprintf(buf, sizeof(buf), H "A,\"%s\",1,\n", name);
	assert_int_equal(rubric_parse_csv(&r, buf, strlen(buf), 10, &err), PX_EINVAL);
	assert_string_equal(err.msg, "line 2: field too long");

	/* 192 bytes of name: one past RUBRIC_NAME_MAX - 1 */
	name[RUBRIC_NAME_MAX] = '\0';
	snprintf(buf, sizeof(buf), H "A,%s,1,\n", name);
	assert_int_equal(rubric_parse_csv(&r, buf, strlen(buf), 10, &err), PX_EINVAL);
	assert_string_equal(err.key, "rubric_bad_name");
	name[RUBRIC_NAME_MAX - 1] = '\0';
	snprintf(buf, sizeof(buf), H "A,%s,1,\n", name);
	assert_int_equal(rubric_parse_csv(&r, buf, strlen(buf), 10, &err), 0);
	assert_int_equal(strlen(r.items[0].name), RUBRIC_NAME_MAX - 1);
	rubric_release(&r);

	/* a 4-byte UTF-8 character (U+20000) is fine */
	static const char cjk_ext[] = H "A,\xF0\xA0\x80\x80,1,\n";
	assert_int_equal(rubric_parse_csv(&r, cjk_ext, sizeof(cjk_ext) - 1, 10, &err), 0);
	rubric_release(&r);
}

static void size_bounds(void **state)
{
	(void)state;
	struct rubric r;
	struct px_err err;
	char *big = calloc(1, RUBRIC_CSV_MAX + 1);
	assert_non_null(big);
	assert_int_equal(rubric_parse_csv(&r, big, RUBRIC_CSV_MAX + 1, 10, &err), PX_ETOOBIG);
	assert_string_equal(err.key, "rubric_too_large");

	/* RUBRIC_MAX_ITEMS items load; one more does not */
	size_t len = (size_t)snprintf(big, RUBRIC_CSV_MAX, H);
	for (int i = 0; i < RUBRIC_MAX_ITEMS; i++)
		len += (size_t)snprintf(big + len, RUBRIC_CSV_MAX - len, "I%d,n,1,\n", i);
	assert_int_equal(rubric_parse_csv(&r, big, len, RUBRIC_MAX_ITEMS * 10, &err), 0);
	assert_int_equal(r.n, RUBRIC_MAX_ITEMS);
	rubric_release(&r);
	len += (size_t)snprintf(big + len, RUBRIC_CSV_MAX - len, "X,n,1,\n");
	assert_int_equal(rubric_parse_csv(&r, big, len, RUBRIC_MAX_ITEMS * 10 + 10, &err),
			 PX_ETOOBIG);
	assert_string_equal(err.key, "rubric_too_many_items");
	assert_string_equal(err.field, "X");
	free(big);
}

static void points_text(void **state)
{
	(void)state;
	int32_t t;
	struct px_err err;
	char buf[RUBRIC_POINTS_BUFSZ];

	assert_int_equal(rubric_points_parse("0", 1, &t, "p", &err), 0);
	assert_int_equal(t, 0);
	assert_int_equal(rubric_points_parse("110", 3, &t, "p", &err), 0);
	assert_int_equal(t, 1100);
	assert_int_equal(rubric_points_parse("12.5", 4, &t, "p", &err), 0);
	assert_int_equal(t, 125);
	assert_int_equal(rubric_points_parse("10000.0", 7, &t, "p", &err), 0);
	assert_int_equal(t, RUBRIC_POINTS_MAX);
	assert_int_equal(rubric_points_parse("12.5x", 4, &t, "p", &err), 0); /* len bounds it */
	assert_int_equal(rubric_points_parse("+1", 2, &t, "p", &err), PX_EINVAL);
	assert_string_equal(err.key, "bad_points");
	assert_string_equal(err.field, "p");
	assert_int_equal(rubric_points_parse("1e2", 3, &t, "p", &err), PX_EINVAL);
	assert_int_equal(rubric_points_parse("123456789012345678901234567890", 30, &t, "p", &err),
			 PX_EINVAL);
	assert_string_equal(err.msg, "points must be a number with at most one decimal, got "
				     "'123456789012345678901234'");

	assert_int_equal(rubric_points_from_double(12.5, &t, "p", &err), 0);
	assert_int_equal(t, 125);
	assert_int_equal(rubric_points_from_double(0.3, &t, "p", &err), 0); /* 2.9999999... */
	assert_int_equal(t, 3);
	assert_int_equal(rubric_points_from_double(10000, &t, "p", &err), 0);
	assert_int_equal(t, RUBRIC_POINTS_MAX);
	assert_int_equal(rubric_points_from_double(0.25, &t, "p", &err), PX_EINVAL);
	assert_string_equal(err.msg, "points may have at most one decimal, got '0.25'");
	assert_int_equal(rubric_points_from_double(-0.1, &t, "p", &err), PX_EINVAL);
	assert_string_equal(err.msg, "points must be between 0 and 10000, got '-0.1'");
	assert_int_equal(rubric_points_from_double(10000.1, &t, "p", &err), PX_EINVAL);
	assert_int_equal(rubric_points_from_double(NAN, &t, "p", &err), PX_EINVAL);
	assert_int_equal(rubric_points_from_double(INFINITY, &t, "p", &err), PX_EINVAL);

	assert_string_equal(rubric_points_format(1100, buf), "110");
	assert_string_equal(rubric_points_format(125, buf), "12.5");
	assert_string_equal(rubric_points_format(0, buf), "0");
	assert_string_equal(rubric_points_format(5, buf), "0.5");
	assert_string_equal(rubric_points_format(-5, buf), "-0.5");
	assert_string_equal(rubric_points_format(INT32_MIN, buf), "-214748364.8");
}

/* A small two-level rubric for the sheet tests: A(10) = A.1(4) + A.2(6); B(5). */
static void small_rubric(struct rubric *r)
{
	static const char csv[] = H "A,a,10,\nA.1,a1,4,A\nA.2,a2,6,A\nB,b,5,\n";
	assert_int_equal(rubric_parse_csv(r, csv, sizeof(csv) - 1, 150, NULL), 0);
}

static void sheet_ok(void **state)
{
	(void)state;
	struct rubric r;
	small_rubric(&r);
	struct rubric_mark m[] = { { "B", 0 }, { "A.2", 55 }, { "A.1", 35 } };
	int32_t total = -1;
	assert_int_equal(rubric_sheet_check(&r, m, 3, &total, NULL), 0);
	assert_int_equal(total, 90); /* 0 + 5.5 + 3.5 = 9 points */
	m[0].points = 50;
	m[1].points = 60;
	m[2].points = 40;
	assert_int_equal(rubric_sheet_check(&r, m, 3, &total, NULL), 0);
	assert_int_equal(total, r.total);
	rubric_release(&r);
}

struct sheet_case {
	struct rubric_mark m[5];
	size_t n;
	const char *key;
	const char *field;
	const char *msg;
};

static const struct sheet_case sheet_cases[] = {
	{ { { "A.1", 1 }, { "A.2", 1 }, { "C", 1 } }, 3, "sheet_unknown_item", "C",
	  "no item 'C' in the rubric" },
	{ { { NULL, 1 } }, 1, "sheet_unknown_item", "", "no item '' in the rubric" },
	{ { { "A", 100 }, { "B", 1 } }, 2, "sheet_not_leaf", "A",
	  "item 'A' is scored through its sub-items" },
	{ { { "A.1", 1 }, { "A.1", 1 }, { "B", 1 } }, 3, "sheet_duplicate_item", "A.1",
	  "item 'A.1' is scored twice" },
	{ { { "A.1", 41 }, { "A.2", 1 }, { "B", 1 } }, 3, "sheet_points_out_of_range", "A.1",
	  "points of 'A.1' must be between 0 and 4, got '4.1'" },
	{ { { "A.1", -1 }, { "A.2", 1 }, { "B", 1 } }, 3, "sheet_points_out_of_range", "A.1",
	  "points of 'A.1' must be between 0 and 4, got '-0.1'" },
	{ { { "A.1", 1 }, { "B", 1 } }, 2, "sheet_missing_item", "A.2", "item 'A.2' has no points" },
	{ { { "A.1", 1 }, { "B", 1 } }, 0, "sheet_missing_item", "A.1", NULL },
	{ { { "A.1", 1 }, { "A.2", 1 }, { "B", 1 }, { "B", 1 } }, 4, "sheet_too_many_marks", "",
	  "the rubric has 3 leaf items, the sheet scores 4" },
};

static void sheet_faults(void **state)
{
	(void)state;
	struct rubric r;
	small_rubric(&r);
	for (size_t i = 0; i < sizeof(sheet_cases) / sizeof(sheet_cases[0]); i++) {
		const struct sheet_case *c = &sheet_cases[i];
		struct px_err err = { 0 };
		int32_t total = -7;
		int rc = rubric_sheet_check(&r, c->m, c->n, &total, &err);
		if (rc != PX_EINVAL || strcmp(err.key, c->key) || strcmp(err.field, c->field) ||
		    (c->msg && strcmp(err.msg, c->msg)))
			fail_msg("case %zu: got %d %s [%s] %s", i, rc, err.key, err.field, err.msg);
		assert_int_equal(total, -7);
	}
	rubric_release(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(load_gbt19580_shipped),
		cmocka_unit_test(load_guangzhou_shipped),
		cmocka_unit_test(csv_dialect),
		cmocka_unit_test(every_csv_fault),
		cmocka_unit_test(nul_byte_and_long_fields),
		cmocka_unit_test(size_bounds),
		cmocka_unit_test(points_text),
		cmocka_unit_test(sheet_ok),
		cmocka_unit_test(sheet_faults),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
