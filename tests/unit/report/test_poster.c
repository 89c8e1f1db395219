/* test_poster.c - the list poster: a 1080 x 1920 PNG appears at its path; bad input leaves no file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report/pdf.h"
#include "report/poster.h"

static void draws_a_phone_sized_png(void **state)
{
	(void)state;
	char path[] = "/tmp/px-poster-test-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	const struct report_poster_entry e[] = {
		{ 1, "羊城味道", "广州羊城味道食品有限公司" },
		{ 2, "珠江云帆", "广州珠江云帆科技有限公司（名称很长很长很长很长很长很长很长很长很长很长）" },
	};
	struct report_poster p = { "2022年广州百强质量品牌推介", "行业领引品牌榜 TOP20", "广州市质量强市工作领导小组办公室 · 2022-09-01",
				   e, 2 };
	struct px_err err = { 0 };
	assert_int_equal(report_poster_png(path, &p, &err), 0);
	unsigned char head[24];
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	assert_int_equal(fread(head, 1, sizeof(head), f), sizeof(head));
	fclose(f);
	assert_memory_equal(head, "\x89PNG\r\n\x1a\n", 8);
	assert_int_equal((head[16] << 24) | (head[17] << 16) | (head[18] << 8) | head[19], 1080);
	assert_int_equal((head[20] << 24) | (head[21] << 16) | (head[22] << 8) | head[23], 1920);
	unlink(path);
}

static void refuses_what_it_cannot_draw(void **state)
{
	(void)state;
	struct report_poster_entry many[REPORT_POSTER_MAX + 1];
	for (size_t i = 0; i <= REPORT_POSTER_MAX; i++)
		many[i] = (struct report_poster_entry){ (int)i + 1, "品牌", "企业" };
	struct report_poster p = { "标题", "赛道", "页脚", many, REPORT_POSTER_MAX + 1 };
	struct px_err err = { 0 };
	const char *path = "/tmp/px-poster-never.png";
	assert_int_equal(report_poster_png(path, &p, &err), PX_EINVAL);
	assert_string_equal(err.key, "report_bad_poster");
	p.n = 1;
	many[0].brand = NULL;
	assert_int_equal(report_poster_png(path, &p, &err), PX_EINVAL);
	p.title = NULL;
	assert_int_equal(report_poster_png(path, &p, &err), PX_EINVAL);
	assert_int_equal(access(path, F_OK), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(draws_a_phone_sized_png),
		cmocka_unit_test(refuses_what_it_cannot_draw),
	};
	int failed = cmocka_run_group_tests(tests, NULL, NULL);
	report_pdf_shutdown(); /* fontconfig's caches, for the leak check */
	return failed;
}
