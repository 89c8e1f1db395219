/*
 * test_xlsx_read.c - an .xlsx's first sheet read back as CSV: workbooks
 * written by libxlsxwriter with shared and with inline strings (numbers, a
 * boolean, gaps, CJK, a comma and a quote), and the refusals: garbage bytes,
 * a part declared larger than the cap, a document type declaration.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include <zip.h>

#include "report/xlsx_read.h"

static const char expected[] = "uscc,\"name, with comma\",\"say \"\"hi\"\"\"\r\n"
			       "2023,,中文名称\r\n"
			       "\r\n"
			       "TRUE,,,1.5\r\n";

static char *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	char *p = malloc(XLSX_READ_FILE_MAX);
	assert_non_null(p);
	*n = fread(p, 1, XLSX_READ_FILE_MAX, f);
	fclose(f);
	return p;
}

static char *temp_path(void)
{
	static char path[64];
	snprintf(path, sizeof(path), "/tmp/px-xlsx-read-XXXXXX");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	return path;
}

/* A workbook of two sheets (the second must be ignored) written by libxlsxwriter. */
static char *workbook(bool inline_strings, size_t *n)
{
	char *path = temp_path();
	lxw_workbook_options o = { .constant_memory = inline_strings ? LXW_TRUE : LXW_FALSE };
	lxw_workbook *wb = workbook_new_opt(path, &o);
	assert_non_null(wb);
	lxw_worksheet *ws = workbook_add_worksheet(wb, "荣誉");
	workbook_add_worksheet(wb, "other");
	worksheet_write_string(ws, 0, 0, "uscc", NULL);
	worksheet_write_string(ws, 0, 1, "name, with comma", NULL);
	worksheet_write_string(ws, 0, 2, "say \"hi\"", NULL);
	worksheet_write_number(ws, 1, 0, 2023, NULL);
	worksheet_write_string(ws, 1, 2, "中文名称", NULL);
	worksheet_write_boolean(ws, 3, 0, 1, NULL);
	worksheet_write_number(ws, 3, 3, 1.5, NULL);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
	char *data = slurp(path, n);
	unlink(path);
	return data;
}

static void read_back(bool inline_strings)
{
	struct px_err err = { 0 };
	size_t n = 0, len = 0;
	char *data = workbook(inline_strings, &n), *csv = NULL;
	assert_int_equal(xlsx_read_csv(data, n, 1 << 20, &csv, &len, &err), 0);
	assert_string_equal(csv, expected);
	assert_int_equal(len, strlen(expected));
	free(csv);
	/* the CSV cap holds */
	assert_int_equal(xlsx_read_csv(data, n, 20, &csv, &len, &err), PX_ETOOBIG);
	assert_string_equal(err.key, "bad_xlsx");
	assert_null(csv);
	free(data);
}

static void shared_strings(void **state)
{
	(void)state;
	read_back(false);
}

static void inline_strings(void **state)
{
	(void)state;
	read_back(true);
}

/* A package of one part name holding n bytes of body, written by libzip. */
static char *package(const char *name, const char *body, size_t nbody, size_t *n)
{
	char *path = temp_path();
	int zerr = 0;
	zip_t *za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
	assert_non_null(za);
	zip_source_t *s = zip_source_buffer(za, body, nbody, 0);
	assert_non_null(s);
	assert_true(zip_file_add(za, name, s, ZIP_FL_ENC_UTF_8) >= 0);
	assert_int_equal(zip_close(za), 0);
	char *data = slurp(path, n);
	unlink(path);
	return data;
}

static void refusals(void **state)
{
	(void)state;
	struct px_err err = { 0 };
	char *csv = NULL;
	size_t n = 0, len = 0;
	static const char garbage[] = "uscc,name\r\nnot a zip at all\r\n";
	assert_int_equal(xlsx_read_csv(garbage, sizeof(garbage) - 1, 1 << 20, &csv, &len, &err), PX_EINVAL);
	assert_string_equal(err.key, "bad_xlsx");
	assert_string_equal(err.field, "file");
	assert_null(csv);

	/* a sheet that inflates past the cap: a few KiB packed, refused before inflating */
	size_t big = XLSX_READ_ENTRY_MAX + 1;
	char *zeros = calloc(1, big);
	assert_non_null(zeros);
	char *bomb = package("xl/worksheets/sheet1.xml", zeros, big, &n);
	free(zeros);
	assert_true(n < 200000);
	assert_int_equal(xlsx_read_csv(bomb, n, 1 << 20, &csv, &len, &err), PX_ETOOBIG);
	assert_string_equal(err.key, "bad_xlsx");
	assert_null(csv);
	free(bomb);

	static const char dtd[] = "<?xml version=\"1.0\"?><!DOCTYPE w [<!ENTITY a \"aaaa\">]>"
				  "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&a;</t></is>"
				  "</c></row></sheetData></worksheet>";
	char *x = package("xl/worksheets/sheet1.xml", dtd, sizeof(dtd) - 1, &n);
	assert_int_equal(xlsx_read_csv(x, n, 1 << 20, &csv, &len, &err), PX_EINVAL);
	assert_string_equal(err.key, "bad_xlsx");
	assert_non_null(strstr(err.msg, "document type"));
	free(x);

	assert_int_equal(xlsx_read_csv(garbage, XLSX_READ_FILE_MAX + 1, 1 << 20, &csv, &len, &err), PX_ETOOBIG);
}

/* Cells placed by reference past the column cap, and a row beyond the row cap. */
static void caps(void **state)
{
	(void)state;
	struct px_err err = { 0 };
	char *csv = NULL;
	size_t n = 0, len = 0;
	static const char wide[] = "<worksheet><sheetData><row r=\"1\"><c r=\"BM1\"><v>1</v></c></row>"
				   "</sheetData></worksheet>";
	char *x = package("xl/worksheets/sheet1.xml", wide, sizeof(wide) - 1, &n);
	assert_int_equal(xlsx_read_csv(x, n, 1 << 20, &csv, &len, &err), PX_ETOOBIG);
	assert_non_null(strstr(err.msg, "columns"));
	free(x);
	static const char tall[] = "<worksheet><sheetData><row r=\"50001\"><c r=\"A50001\"><v>1</v></c></row>"
				   "</sheetData></worksheet>";
	x = package("xl/worksheets/sheet1.xml", tall, sizeof(tall) - 1, &n);
	assert_int_equal(xlsx_read_csv(x, n, 1 << 20, &csv, &len, &err), PX_ETOOBIG);
	assert_non_null(strstr(err.msg, "rows"));
	free(x);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(shared_strings),
		cmocka_unit_test(inline_strings),
		cmocka_unit_test(refusals),
		cmocka_unit_test(caps),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
