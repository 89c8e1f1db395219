/* test_csv.c - the RFC 4180 reader: what it accepts, what it rejects and where. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <string.h>

#include "util/csv.h"

static const struct csv_opts loose = { .max_field = 64, .max_fields = 8, .max_records = 100 };

/* Read all of s into a "a|b;c|d;" rendering, or return the error code. */
static int render(const char *s, size_t len, const struct csv_opts *o, char *out, size_t cap,
		  struct px_err *err)
{
	struct csv_reader r;
	int rc;
	size_t n = 0;
	out[0] = '\0';
	csv_reader_init(&r, s, len, o);
	while ((rc = csv_next(&r, err)) > 0) {
		for (size_t i = 0; i < r.nfields; i++)
			n += (size_t)snprintf(out + n, cap - n, "%s%s", i ? "|" : "", csv_field(&r, i));
		n += (size_t)snprintf(out + n, cap - n, ";");
	}
	csv_reader_release(&r);
	return rc;
}

#define RENDER(s, o, out, err) render((s), sizeof(s) - 1, (o), (out), sizeof(out), (err))

static void plain_records(void **state)
{
	(void)state;
	char out[256];
	assert_int_equal(RENDER("a,b\n1,2\n", &loose, out, NULL), 0);
	assert_string_equal(out, "a|b;1|2;");
	assert_int_equal(RENDER("a,b\r\n1,2\r\n", &loose, out, NULL), 0);
	assert_string_equal(out, "a|b;1|2;");
	/* the last record needs no line end */
	assert_int_equal(RENDER("a,b\r\n1,2", &loose, out, NULL), 0);
	assert_string_equal(out, "a|b;1|2;");
	/* empty fields, including a trailing one at the very end */
	assert_int_equal(RENDER(",,\nx,", &loose, out, NULL), 0);
	assert_string_equal(out, "||;x|;");
	/* empty lines are skipped */
	assert_int_equal(RENDER("\n\r\na\n\n\nb\n", &loose, out, NULL), 0);
	assert_string_equal(out, "a;b;");
	/* nothing at all */
	assert_int_equal(RENDER("", &loose, out, NULL), 0);
	assert_string_equal(out, "");
	assert_int_equal(render(NULL, 5, &loose, out, sizeof(out), NULL), 0);
	/* UTF-8 text passes through */
	assert_int_equal(RENDER("2025-10-01,holiday,国庆节、中秋节\n", &loose, out, NULL), 0);
	assert_string_equal(out, "2025-10-01|holiday|国庆节、中秋节;");
}

static void quoted_fields(void **state)
{
	(void)state;
	char out[256];
	assert_int_equal(RENDER("\"a,b\",\"say \"\"hi\"\"\",\"\"\n", &loose, out, NULL), 0);
	assert_string_equal(out, "a,b|say \"hi\"|;");
	assert_int_equal(RENDER("\"two\nlines\",x\r\n\"crlf\r\nkept\"", &loose, out, NULL), 0);
	assert_string_equal(out, "two\nlines|x;crlf\r\nkept;");
	/* a quoted field followed directly by the end of the input */
	assert_int_equal(RENDER("x,\"y\"", &loose, out, NULL), 0);
	assert_string_equal(out, "x|y;");
}

static void byte_order_mark_skipped(void **state)
{
	(void)state;
	const char s[] = "\xEF\xBB\xBF" "code,name\n440000,广东省\n";
	struct csv_reader r;
	csv_reader_init(&r, s, sizeof(s) - 1, &loose);
	assert_int_equal(csv_next(&r, NULL), 1);
	assert_int_equal(csv_find_column(&r, "code"), 0);
	assert_int_equal(csv_find_column(&r, "name"), 1);
	assert_int_equal(csv_find_column(&r, "parent_code"), -1);
	assert_int_equal(csv_next(&r, NULL), 1);
	assert_string_equal(csv_field(&r, 0), "440000");
	assert_int_equal(csv_field_len(&r, 1), strlen("广东省"));
	assert_string_equal(csv_field(&r, 2), "");
	assert_int_equal(csv_field_len(&r, 2), 0);
	assert_int_equal(csv_next(&r, NULL), 0);
	assert_int_equal(csv_next(&r, NULL), 0);
	csv_reader_release(&r);

	char out[32];
	assert_int_equal(RENDER("\xEF\xBB\xBF", &loose, out, NULL), 0);
	assert_string_equal(out, "");
}

static void line_numbers(void **state)
{
	(void)state;
	const char s[] = "h1,h2\n\n\"multi\nline\",1\nlast,2\n";
	struct csv_reader r;
	csv_reader_init(&r, s, sizeof(s) - 1, &loose);
	assert_int_equal(csv_next(&r, NULL), 1);
	assert_int_equal(r.line, 1);
	assert_int_equal(r.record, 1);
	assert_int_equal(csv_next(&r, NULL), 1);
	assert_int_equal(r.line, 3);
	assert_int_equal(r.record, 2);
	assert_int_equal(csv_next(&r, NULL), 1);
	assert_int_equal(r.line, 5);
	assert_int_equal(r.record, 3);
	assert_string_equal(csv_field(&r, 0), "last");
	csv_reader_release(&r);
}

/* Each malformed input: the code, the key and the message naming the line. */
static void syntax_errors(void **state)
{
	(void)state;
	static const struct {
		const char *in;
		int code;
		const char *key, *msg;
	} cases[] = {
		{ "a,b\nc,d\"e\n", PX_EINVAL, "csv_syntax", "line 2: quote inside an unquoted field" },
		{ "a\n\"b\"c\n", PX_EINVAL, "csv_syntax", "line 2: text after a closing quote" },
		{ "a\nb\n\"c,\nd\n", PX_EINVAL, "csv_syntax", "line 3: unterminated quoted field" },
		{ "a\rb\n", PX_EINVAL, "csv_syntax", "line 1: carriage return not followed by a line feed" },
		{ "a\n\"b\"\r", PX_EINVAL, "csv_syntax", "line 2: text after a closing quote" },
	};
	char out[256];
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct px_err err = { 0 };
		assert_int_equal(render(cases[i].in, strlen(cases[i].in), &loose, out, sizeof(out), &err),
				 cases[i].code);
		assert_string_equal(err.key, cases[i].key);
		assert_string_equal(err.msg, cases[i].msg);
	}
	/* NUL bytes, quoted or not */
	struct px_err err = { 0 };
	assert_int_equal(render("a\nb\0c\n", 6, &loose, out, sizeof(out), &err), PX_EINVAL);
	assert_string_equal(err.msg, "line 2: NUL byte");
	assert_int_equal(render("\"a\0\"\n", 5, &loose, out, sizeof(out), &err), PX_EINVAL);
	assert_string_equal(err.msg, "line 1: NUL byte");
}

static void caps(void **state)
{
	(void)state;
	struct csv_opts o = { .max_field = 4, .max_fields = 3, .max_records = 2 };
	struct px_err err = { 0 };
	char out[256];

	/* exactly at each cap is fine */
	assert_int_equal(RENDER("abcd,\"wxyz\",c\n1,2,3\n", &o, out, &err), 0);
	assert_string_equal(out, "abcd|wxyz|c;1|2|3;");
	/* one byte over */
	assert_int_equal(RENDER("a\nabcde\n", &o, out, &err), PX_ETOOBIG);
	assert_string_equal(err.key, "csv_field_too_long");
	assert_string_equal(err.msg, "line 2: field longer than the limit");
	assert_int_equal(RENDER("\"ab\"\"cd\"\n", &o, out, &err), PX_ETOOBIG);
	assert_string_equal(err.key, "csv_field_too_long");
	assert_int_equal(RENDER("a,b,c,d\n", &o, out, &err), PX_ETOOBIG);
	assert_string_equal(err.key, "csv_too_many_fields");
	assert_int_equal(RENDER("a\nb\nc\n", &o, out, &err), PX_ETOOBIG);
	assert_string_equal(err.key, "csv_too_many_records");
	assert_string_equal(err.msg, "line 3: more records than the limit");
	/* records grow the buffer beyond its first size */
	struct csv_opts big = { .max_field = 1000, .max_fields = 2, .max_records = 2 };
	char s[2100];
	memset(s, 'x', sizeof(s));
	s[1000] = ',';
	s[2001] = '\n';
	struct csv_reader r;
	csv_reader_init(&r, s, 2002, &big);
	assert_int_equal(csv_next(&r, &err), 1);
	assert_int_equal(r.nfields, 2);
	assert_int_equal(csv_field_len(&r, 0), 1000);
	assert_int_equal(csv_field_len(&r, 1), 1000);
	csv_reader_release(&r);
	/* limits of zero are a caller's mistake */
	struct csv_opts zero = { 0 };
	assert_int_equal(RENDER("a\n", &zero, out, &err), PX_EINVAL);
	assert_string_equal(err.key, "invalid");
}

static void same_width(void **state)
{
	(void)state;
	struct csv_opts o = loose;
	struct px_err err = { 0 };
	char out[256];
	o.same_width = true;
	assert_int_equal(RENDER("a,b\n1,2\n3,4\n", &o, out, &err), 0);
	assert_int_equal(RENDER("a,b\n1,2\n\n3\n", &o, out, &err), PX_EINVAL);
	assert_string_equal(err.key, "csv_field_count");
	assert_string_equal(err.msg, "line 4: 1 fields, expected 2");
	assert_string_equal(out, "a|b;1|2;");
	/* without the option, ragged records are the caller's business */
	assert_int_equal(RENDER("a,b\n1\n", &loose, out, &err), 0);
	assert_string_equal(out, "a|b;1;");
}

static void errors_are_sticky(void **state)
{
	(void)state;
	const char s[] = "a\nb\"\nc\n";
	struct csv_reader r;
	struct px_err err = { 0 };
	csv_reader_init(&r, s, sizeof(s) - 1, &loose);
	assert_int_equal(csv_next(&r, &err), 1);
	assert_int_equal(csv_next(&r, &err), PX_EINVAL);
	assert_int_equal(csv_next(&r, &err), PX_EINVAL);
	assert_int_equal(r.nfields, 0);
	csv_reader_release(&r);
	csv_reader_release(&r); /* twice is harmless */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(plain_records),
		cmocka_unit_test(quoted_fields),
		cmocka_unit_test(byte_order_mark_skipped),
		cmocka_unit_test(line_numbers),
		cmocka_unit_test(syntax_errors),
		cmocka_unit_test(caps),
		cmocka_unit_test(same_width),
		cmocka_unit_test(errors_are_sticky),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
