/*
 * test_ident.c - identifier checks: every vector of data/id_check_vectors.csv,
 * then each reason a value is refused.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <string.h>

#include "core/ident.h"
#include "util/csv.h"
#include "data_file.h"

#define S(x) (x), strlen(x)

static px_date D(const char *s)
{
	px_date d = 0;
	assert_int_equal(date_parse(s, strlen(s), &d), 0);
	return d;
}

/* ---- the shipped vectors ------------------------------------------------ */

static void check_vector(const char *kind, const char *value, const char *expected,
			 const char *note, size_t line)
{
	const px_date today = D("2025-06-01");
	struct px_err err = { 0 };
	bool ok;

	if (!strcmp(kind, "uscc")) {
		struct ident_uscc u;
		ok = ident_uscc_check(S(value), &u, &err);
		if (ok) {
			assert_string_equal(u.code, value);
			/* every valid vector also passes the inner GB 11714 check */
			assert_true(u.org_code_ok);
		}
	} else if (!strcmp(kind, "resident_id")) {
		struct ident_resident r;
		ok = ident_resident_check(S(value), today, &r, &err);
		if (!strncmp(note, "CHECKSUM ONLY", 13)) {
			/*
			 * A textbook example of the check character whose "birth
			 * date" 9012-34-56 is not a date: its checksum is right, and
			 * as the vector's own note says a full check rejects it.
			 */
			assert_true(ident_resident_checksum(S(value)) == !strcmp(expected, "true"));
			assert_false(ok);
			assert_string_equal(err.msg, "birth date (characters 7-14) is not a real date");
			return;
		}
		if (!strcmp(expected, "unspecified")) {
			/* the lower-case x vector: accepted, and normalised to X */
			assert_true(ok);
			assert_int_equal(value[17], 'x');
			assert_int_equal(r.id[17], 'X');
			assert_memory_equal(r.id, value, 17);
			return;
		}
	} else {
		fail_msg("line %zu: unknown kind '%s'", line, kind);
		return;
	}
	if (ok != !strcmp(expected, "true"))
		fail_msg("line %zu: %s '%s' expected_valid=%s but got %s (%s)", line, kind, value,
			 expected, ok ? "valid" : "invalid", err.msg);
	if (!ok) {
		assert_string_equal(err.key, !strcmp(kind, "uscc") ? "invalid_uscc" : "invalid_resident_id");
		assert_true(err.msg[0] != '\0');
	}
}

static void shipped_vectors(void **state)
{
	(void)state;
	const struct csv_opts opts = { .max_field = 512, .max_fields = 8, .max_records = 1000,
				       .same_width = true };
	size_t len = 0, n = 0;
	char *csv = data_file("id_check_vectors.csv", &len);
	struct csv_reader r;
	struct px_err err = { 0 };
	int rc;

	assert_non_null(csv);
	csv_reader_init(&r, csv, len, &opts);
	assert_int_equal(csv_next(&r, &err), 1);
	int kind = csv_find_column(&r, "kind"), value = csv_find_column(&r, "value"),
	    expected = csv_find_column(&r, "expected_valid"), note = csv_find_column(&r, "detail");
	assert_true(kind >= 0 && value >= 0 && expected >= 0 && note >= 0);
	while ((rc = csv_next(&r, &err)) > 0) {
		check_vector(csv_field(&r, (size_t)kind), csv_field(&r, (size_t)value),
			     csv_field(&r, (size_t)expected), csv_field(&r, (size_t)note), r.line);
		n++;
	}
	assert_int_equal(rc, 0);
	assert_int_equal(n, 21);
	csv_reader_release(&r);
	free(csv);
}

/* ---- USCC --------------------------------------------------------------- */

static void uscc_reasons(void **state)
{
	(void)state;
	static const struct {
		const char *value, *msg;
	} cases[] = {
		{ "91110000600037341N", "check character should be 'L'" },
		{ "12345", "has 5 characters, not 18" },
		{ "", "has 0 characters, not 18" },
		{ "91110000600037341LL", "has 19 characters, not 18" },
		{ "9111000060003IOZSV", "character 14 'I' is not allowed (0-9 and A-Y except I, O, S, V, Z)" },
		{ "91110000600037341l", "character 18 'l' is not allowed (0-9 and A-Y except I, O, S, V, Z)" },
		{ "9111000060003734 L", "character 17 0x20 is not allowed (0-9 and A-Y except I, O, S, V, Z)" },
		{ "91A10000600037341L", "character 3 'A' is not a digit (characters 3-8 are a division code)" },
		{ "A1110000600037341L", "check character should be 'K'" },
		{ "91350203M0001QAY9B", "check character should be '9'" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct px_err err = { 0 };
		assert_false(ident_uscc_check(S(cases[i].value), NULL, &err));
		assert_int_equal(err.code, PX_EINVAL);
		assert_string_equal(err.key, "invalid_uscc");
		assert_string_equal(err.field, "uscc");
		assert_string_equal(err.msg, cases[i].msg);
	}
	/* a NUL inside the length given */
	struct px_err err = { 0 };
	assert_false(ident_uscc_check("91110000600037\0" "41L", 18, NULL, &err));
	assert_string_equal(err.msg, "character 15 0x00 is not allowed (0-9 and A-Y except I, O, S, V, Z)");
	/* valid without an info or an err */
	assert_true(ident_uscc_check(S("91110000600037341L"), NULL, NULL));
	assert_false(ident_uscc_check(S("91110000600037341N"), NULL, NULL));
}

static void uscc_organisation_code(void **state)
{
	(void)state;
	struct ident_uscc u;
	/* X as the organisation code's own check character */
	assert_true(ident_uscc_check(S("9144030071526726XG"), &u, NULL));
	assert_true(u.org_code_ok);
	assert_int_equal(u.org_check_expected, 'X');
	/* a letter in the body (L = 21), check 8 */
	assert_true(ident_uscc_check(S("91620105L015101280"), &u, NULL));
	assert_true(u.org_code_ok);
	assert_int_equal(u.org_check_expected, '8');
	/* a right USCC check over a wrong organisation check: accepted, flagged */
	assert_true(ident_uscc_check(S("91110000600037340H"), &u, NULL));
	assert_false(u.org_code_ok);
	assert_int_equal(u.org_check_expected, '1');
	/* an MA-prefixed organisation code of after 2015 */
	assert_true(ident_uscc_check(S("91310115MA1K3BTP2B"), &u, NULL));
	assert_true(u.org_code_ok);
	assert_int_equal(u.org_check_expected, '2');
	/* 11 - (sum mod 11) = 11 gives '0' */
	assert_true(ident_uscc_check(S("91110000000000000E"), &u, NULL));
	assert_true(u.org_code_ok);
	assert_int_equal(u.org_check_expected, '0');
}

/* ---- resident numbers ---------------------------------------------------- */

static void resident_details(void **state)
{
	(void)state;
	struct ident_resident r;
	const px_date today = D("2025-06-01");
	assert_true(ident_resident_check(S("440103199001011236"), today, &r, NULL));
	assert_string_equal(r.id, "440103199001011236");
	assert_string_equal(r.region, "440103");
	assert_int_equal(r.birth, D("1990-01-01"));
	assert_true(r.male);
	assert_true(ident_resident_check(S("430102200002290027"), today, &r, NULL));
	assert_int_equal(r.birth, D("2000-02-29"));
	assert_false(r.male);
	/* born today is not in the future */
	assert_true(ident_resident_check(S("440103199001011236"), D("1990-01-01"), &r, NULL));
	assert_true(ident_resident_check(S("440103199001011236"), today, NULL, NULL));
}

static void resident_reasons(void **state)
{
	(void)state;
	static const struct {
		const char *value, *msg;
	} cases[] = {
		{ "440103199001011230", "check character should be '6'" },
		{ "44180219950615004X1", "has 19 characters, not 18" },
		{ "44010319900101123", "has 17 characters, not 18" },
		{ "440103199001011X36", "character 16 is not a digit" },
		{ "44010319900101123Y", "character 18 is neither a digit nor X" },
		{ "440103199002301235", "birth date (characters 7-14) is not a real date" },
		{ "123456789012345677", "birth date (characters 7-14) is not a real date" },
		{ "440103203001011235", "birth date (characters 7-14) is after today" },
		{ "430102190002290020", "birth date (characters 7-14) is not a real date" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct px_err err = { 0 };
		assert_false(ident_resident_check(S(cases[i].value), D("2025-06-01"), NULL, &err));
		assert_string_equal(err.key, "invalid_resident_id");
		assert_string_equal(err.field, "resident_id");
		assert_string_equal(err.msg, cases[i].msg);
		/* messages never carry the number or its birth date */
		assert_null(strstr(err.msg, "4401"));
		assert_null(strstr(err.msg, "1990"));
	}
}

static void resident_checksum(void **state)
{
	(void)state;
	assert_true(ident_resident_checksum(S("440103199001011236")));
	assert_true(ident_resident_checksum(S("44180219950615004x")));
	assert_true(ident_resident_checksum(S("123456789012345677")));
	assert_false(ident_resident_checksum(S("440103199001011230")));
	assert_false(ident_resident_checksum(S("44010319900101123")));
	assert_false(ident_resident_checksum(S("4401031990010112a6")));
}

static void resident_normalise(void **state)
{
	(void)state;
	char buf[19];
	assert_true(ident_resident_normalise(S("44180219950615004x"), buf, sizeof(buf)));
	assert_string_equal(buf, "44180219950615004X");
	assert_true(ident_resident_normalise(S("440103199001011236"), buf, sizeof(buf)));
	assert_string_equal(buf, "440103199001011236");
	memset(buf, '#', sizeof(buf));
	assert_false(ident_resident_normalise(S("44180219950615004x"), buf, 18));
	assert_false(ident_resident_normalise(S("4418021995061500x"), buf, sizeof(buf)));
	assert_int_equal(buf[0], '#');
}

/* ---- mobile numbers, regions, masking, kinds ------------------------------ */

static void mobile(void **state)
{
	(void)state;
	static const struct {
		const char *in, *out;
	} good[] = {
		{ "13800138000", "13800138000" },
		{ "19912345678", "19912345678" },
		{ "+8613800138000", "13800138000" },
		{ "+86 13800138000", "13800138000" },
	};
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		char out[IDENT_MOBILE_LEN + 1];
		assert_true(ident_mobile_check(S(good[i].in), out, NULL));
		assert_string_equal(out, good[i].out);
	}
	assert_true(ident_mobile_check(S("13800138000"), NULL, NULL));
	static const struct {
		const char *in, *msg;
	} bad[] = {
		{ "12800138000", "must start with 13 to 19, not '12'" },
		{ "23800138000", "must start with 13 to 19, not '23'" },
		{ "1380013800", "must be 11 digits, optionally after '+86'" },
		{ "138001380000", "must be 11 digits, optionally after '+86'" },
		{ "138-0013-8000", "must be 11 digits, optionally after '+86'" },
		{ "8613800138000", "must be 11 digits, optionally after '+86'" },
		{ "+86  13800138000", "must be 11 digits, optionally after '+86'" },
		{ "+86", "must be 11 digits, optionally after '+86'" },
		{ "+86 ", "must be 11 digits, optionally after '+86'" },
		{ "", "must be 11 digits, optionally after '+86'" },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct px_err err = { 0 };
		assert_false(ident_mobile_check(S(bad[i].in), NULL, &err));
		assert_string_equal(err.key, "invalid_mobile");
		assert_string_equal(err.msg, bad[i].msg);
	}
}

static void region(void **state)
{
	(void)state;
	size_t len = 0;
	char *csv = data_file("regions.csv", &len);
	struct region_table *t = NULL;
	struct px_err err = { 0 };
	assert_non_null(csv);
	assert_int_equal(region_load(&t, csv, len, &err), 0);
	free(csv);

	assert_true(ident_region_check(t, S("441802"), NULL));
	assert_true(ident_region_check(t, "4418029", 6, NULL));
	assert_false(ident_region_check(t, S("990101"), &err));
	assert_string_equal(err.key, "invalid_region");
	assert_string_equal(err.msg, "'990101' is not a known division code");
	assert_false(ident_region_check(t, S("000000"), &err));
	assert_false(ident_region_check(t, S("44180"), &err));
	assert_string_equal(err.msg, "'44180' is not 6 digits");
	assert_false(ident_region_check(t, S("44180a"), &err));
	assert_false(ident_region_check(t, S("4418020000000000000000000000000000000000000000"), &err));
	assert_string_equal(err.msg, "'4418020000000000000000000000000000000000' is not 6 digits");
	region_free(t);
}

static void mask(void **state)
{
	(void)state;
	char buf[32];
	ident_mask(S("440103199001011236"), buf, sizeof(buf));
	assert_string_equal(buf, "440103********1236");
	ident_mask(S("44180219950615004X"), buf, sizeof(buf));
	assert_string_equal(buf, "441802********004X");
	ident_mask(S("44010319900"), buf, sizeof(buf));
	assert_string_equal(buf, "440103*9900");
	ident_mask(S("4401031990"), buf, sizeof(buf));
	assert_string_equal(buf, "**********");
	ident_mask(S(""), buf, sizeof(buf));
	assert_string_equal(buf, "");
	ident_mask(S("440103199001011236"), buf, 8); /* cut to fit */
	assert_string_equal(buf, "440103*");
	buf[0] = '#';
	ident_mask(S("440103199001011236"), buf, 0); /* nothing written */
	assert_int_equal(buf[0], '#');
	/* mobile numbers as commonly shown */
	ident_mask_span(S("13800138000"), 3, 4, buf, sizeof(buf));
	assert_string_equal(buf, "138****8000");
	ident_mask_span(S("1380138"), 3, 4, buf, sizeof(buf));
	assert_string_equal(buf, "*******");
	ident_mask_span(S("12"), 3, 4, buf, sizeof(buf));
	assert_string_equal(buf, "**");
}

static void kinds(void **state)
{
	(void)state;
	static const struct {
		const char *value;
		enum ident_kind kind;
	} cases[] = {
		{ "13800138000", IDENT_MOBILE },
		{ "+86 13800138000", IDENT_MOBILE },
		{ "440103199001011236", IDENT_RESIDENT },
		{ "44180219950615004x", IDENT_RESIDENT },
		{ "121200004013590816", IDENT_USCC },    /* all digits, but no date at 7-14 */
		{ "91110000600037341L", IDENT_USCC },    /* 17 digits and a letter */
		{ "911100201901010000", IDENT_RESIDENT }, /* a USCC shape can pass for an ID */
		{ "44180219950615004A", IDENT_USCC },
		{ "91310115MA1K3BTP2B", IDENT_USCC },
		{ "441802", IDENT_REGION },
		{ "44180", IDENT_UNKNOWN },
		{ "4418a2", IDENT_UNKNOWN },
		{ "1380013800", IDENT_UNKNOWN },
		{ "+86", IDENT_UNKNOWN },
		{ "", IDENT_UNKNOWN },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_int_equal(ident_guess(S(cases[i].value)), cases[i].kind);
	static const char *names[] = { "unknown", "uscc", "id", "mobile", "region" };
	for (int k = IDENT_UNKNOWN; k <= IDENT_REGION; k++) {
		assert_string_equal(ident_kind_name((enum ident_kind)k), names[k]);
		assert_int_equal(ident_kind_parse(names[k]), k == IDENT_UNKNOWN ? IDENT_UNKNOWN : k);
	}
	assert_string_equal(ident_kind_name((enum ident_kind)99), "unknown");
	assert_int_equal(ident_kind_parse("USCC"), IDENT_UNKNOWN);
	assert_int_equal(ident_kind_parse(""), IDENT_UNKNOWN);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(shipped_vectors),
		cmocka_unit_test(uscc_reasons),
		cmocka_unit_test(uscc_organisation_code),
		cmocka_unit_test(resident_details),
		cmocka_unit_test(resident_reasons),
		cmocka_unit_test(resident_checksum),
		cmocka_unit_test(resident_normalise),
		cmocka_unit_test(mobile),
		cmocka_unit_test(region),
		cmocka_unit_test(mask),
		cmocka_unit_test(kinds),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
