/*
 * test_report.c - the documents of src/report checked from the outside, as an
 * office would see them: .xlsx files unpacked with unzip (shared strings,
 * typed cells, frozen and merged cells), PDFs read back with poppler's
 * pdffonts, pdftotext and pdfinfo (embedded CJK fonts, text, page counts and
 * footers); then bad input: missing, over-long and malformed fields, paths
 * that cannot be written, and no file left behind by a refused request.
 * External tools run through posix_spawnp, here only.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <dirent.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/date.h"
#include "report/pdf.h"
#include "report/recommend.h"
#include "report/text.h"
#include "report/xlsx.h"

/*
 * cairo 1.16 loses a few hundred bytes per PDF while subsetting CFF (CID)
 * fonts in cairo_surface_finish(); it is not ours to fix, so the leak checker
 * skips allocations made under that call and unwinds slowly enough to see it.
 */
const char *__lsan_default_suppressions(void);
const char *__asan_default_options(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:cairo_surface_finish\n";
}
const char *__asan_default_options(void)
{
	return "fast_unwind_on_malloc=0";
}

static char dir[64];

static void path_of(char *buf, size_t cap, const char *name)
{
	snprintf(buf, cap, "%s/%s", dir, name);
}

/* Run argv, return its standard output (NUL-terminated, caller frees). */
static char *run(const char *const argv[], int *status)
{
	posix_spawn_file_actions_t fa;
	int fds[2];
	pid_t pid;
	size_t len = 0, cap = 1 << 16;
	char *out = malloc(cap);
	ssize_t n;

	assert_non_null(out);
	assert_int_equal(pipe(fds), 0);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
	posix_spawn_file_actions_addclose(&fa, fds[0]);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	assert_int_equal(posix_spawnp(&pid, argv[0], &fa, NULL, (char *const *)argv, NULL), 0);
	posix_spawn_file_actions_destroy(&fa);
	close(fds[1]);
	while ((n = read(fds[0], out + len, cap - len - 1)) > 0) {
		len += (size_t)n;
		if (cap - len < 2) {
			cap *= 2;
			out = realloc(out, cap);
			assert_non_null(out);
		}
	}
	close(fds[0]);
	out[len] = '\0';
	assert_int_equal(waitpid(pid, status, 0), pid);
	return out;
}

/* Standard output of argv, which must exit 0. */
static char *run_ok(const char *const argv[])
{
	int status;
	char *out = run(argv, &status);

	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	return out;
}

static char *zip_part(const char *file, const char *part)
{
	const char *argv[] = { "unzip", "-p", file, part, NULL };
	return run_ok(argv);
}

static char *pdf_text(const char *file, int page)
{
	char p[16];
	const char *all[] = { "pdftotext", "-enc", "UTF-8", file, "-", NULL };
	const char *one[] = { "pdftotext", "-enc", "UTF-8", "-f", p, "-l", p, file, "-", NULL };

	snprintf(p, sizeof(p), "%d", page);
	return run_ok(page ? one : all);
}

/* Remove ASCII spaces in place: pdftotext keeps or drops those between CJK glyphs. */
static char *squeeze(char *s)
{
	char *w = s;

	for (const char *r = s; *r; r++)
		if (*r != ' ')
			*w++ = *r;
	*w = '\0';
	return s;
}

static int pdf_pages(const char *file)
{
	const char *argv[] = { "pdfinfo", file, NULL };
	char *out = run_ok(argv), *p = strstr(out, "Pages:");
	int n;

	assert_non_null(p);
	n = (int)strtol(p + 6, NULL, 10);
	free(out);
	return n;
}

/* true when some cell holding <v>value</v> in sheet XML is a number, not a shared string. */
static bool numeric_cell(const char *xml, const char *value)
{
	char v[64];

	snprintf(v, sizeof(v), "<v>%s</v>", value);
	for (const char *hit = strstr(xml, v); hit; hit = strstr(hit + 1, v)) {
		const char *open = hit;
		bool typed = false;

		while (open > xml && strncmp(open, "<c ", 3))
			open--;
		for (const char *p = open; p < hit; p++)
			typed |= !strncmp(p, "t=\"", 3);
		if (!typed)
			return true;
	}
	return false;
}

/* Number of entries in the temporary directory (no leftovers after failures). */
static int dir_entries(void)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	assert_non_null(d);
	while ((e = readdir(d)))
		n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
	closedir(d);
	return n;
}

static void clear_dir(void)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char p[512];

	assert_non_null(d);
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
			path_of(p, sizeof(p), e->d_name);
			unlink(p);
		}
	closedir(d);
}

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/px-report-XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	clear_dir();
	rmdir(dir);
	report_pdf_shutdown();
	return 0;
}

static int before_each(void **state)
{
	(void)state;
	clear_dir();
	return 0;
}

/* ------------------------------------------------------------------ text */

static void text_checks_and_formats(void **state)
{
	(void)state;
	char buf[REPORT_POINTS_LEN], day[REPORT_DATE_ZH_LEN], big[REPORT_NAME_MAX + 2];
	struct px_err e = { 0 };

	report_date_zh(date_from_ymd(2025, 12, 30), day);
	assert_string_equal(day, "2025年12月30日");
	report_date_zh(date_from_ymd(2026, 1, 5), day);
	assert_string_equal(day, "2026年1月5日");
	report_points(8525, buf);
	assert_string_equal(buf, "85.25");
	report_points(-50, buf);
	assert_string_equal(buf, "-0.50");
	report_points(10000, buf);
	assert_string_equal(buf, "100.00");
	report_points(INT64_MIN, buf);
	assert_string_equal(buf, "-92233720368547758.08");

	assert_int_equal(report_check_text("name", "清远", 10, 0, &e), 0);
	assert_int_equal(report_check_text("name", NULL, 10, 0, &e), PX_EINVAL);
	assert_string_equal(e.key, "report_missing_field");
	assert_string_equal(e.field, "name");
	assert_int_equal(report_check_text("name", "", 10, REPORT_TEXT_OPTIONAL, &e), 0);
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_int_equal(report_check_text("name", big, REPORT_NAME_MAX, 0, &e), PX_ETOOBIG);
	assert_string_equal(e.key, "report_field_too_long");
	big[REPORT_NAME_MAX] = '\0';
	assert_int_equal(report_check_text("name", big, REPORT_NAME_MAX, 0, &e), 0);
	assert_int_equal(report_check_text("name", "a\xff", 10, 0, &e), PX_EINVAL);
	assert_string_equal(e.key, "report_bad_utf8");
	assert_int_equal(report_check_text("name", "\xe6\xb8", 10, 0, &e), PX_EINVAL);
	assert_int_equal(report_check_text("name", "a\x01", 10, 0, &e), PX_EINVAL);
	assert_string_equal(e.key, "report_control_char");
	assert_int_equal(report_check_text("name", "a\xc2\x85", 10, 0, &e), PX_EINVAL);
	assert_int_equal(report_check_text("name", "a\nb", 10, 0, &e), PX_EINVAL);
	assert_int_equal(report_check_text("name", "a\nb\tc", 10, REPORT_TEXT_MULTILINE, &e), 0);
	assert_int_equal(report_check_date("d", date_from_ymd(1899, 12, 31), &e), PX_EINVAL);
	assert_string_equal(e.key, "report_bad_date");
	assert_int_equal(report_check_date("d", date_from_ymd(1900, 1, 1), &e), 0);
}

/* ------------------------------------------------------------------ xlsx */

static const struct report_column score_cols[] = {
	{ "序号", 6, REPORT_COL_INTEGER, 0 },
	{ "单位名称", 30, REPORT_COL_TEXT, 0 },
	{ "得分", 10, REPORT_COL_DECIMAL, 2 },
	{ "受理日期", 12, REPORT_COL_DATE, 0 },
};

static const char *const score_cells[] = {
	"42", "清远市某某制造有限公司", "85.5", "2025-10-25",
	"—", "=SUM(A1:A2)", "", NULL,
	"7", "英德市<某>&公司", "abc", "2025-13-01",
};

static const char *const footer_lines[] = {
	"填报单位（盖章）：        填报人：       联系电话：       日期：",
};

static const struct report_table score_table = {
	.sheet = "评审得分",
	.title = "清远市政府质量奖材料评审得分表",
	.subtitle = "评审阶段：材料评审",
	.cols = score_cols,
	.ncols = 4,
	.cells = score_cells,
	.nrows = 3,
	.footer = footer_lines,
	.nfooter = 1,
};

static void xlsx_table_is_a_workbook(void **state)
{
	(void)state;
	char p[512];
	struct px_err e = { 0 };
	const char *argv[] = { "unzip", "-l", p, NULL };

	path_of(p, sizeof(p), "scores.xlsx");
	assert_int_equal(report_xlsx_table(p, &score_table, &e), 0);
	assert_int_equal(dir_entries(), 1);

	char *list = run_ok(argv);
	assert_non_null(strstr(list, "xl/worksheets/sheet1.xml"));
	assert_non_null(strstr(list, "xl/sharedStrings.xml"));
	free(list);

	char *ss = zip_part(p, "xl/sharedStrings.xml");
	assert_non_null(strstr(ss, "清远市政府质量奖材料评审得分表"));
	assert_non_null(strstr(ss, "清远市某某制造有限公司"));
	assert_non_null(strstr(ss, "填报单位（盖章）："));
	assert_non_null(strstr(ss, "英德市&lt;某&gt;&amp;公司")); /* escaped, as XML must */
	assert_non_null(strstr(ss, "=SUM(A1:A2)"));                /* a string, not a formula */
	assert_non_null(strstr(ss, "<t>—</t>"));                   /* non-numbers stay text */
	assert_non_null(strstr(ss, "<t>2025-13-01</t>"));
	assert_non_null(strstr(ss, "<t>abc</t>"));
	assert_null(strstr(ss, "<t>42</t>"));
	free(ss);

	char *sheet = zip_part(p, "xl/worksheets/sheet1.xml");
	assert_true(numeric_cell(sheet, "42"));
	assert_true(numeric_cell(sheet, "7"));
	assert_true(numeric_cell(sheet, "85.5"));
	assert_true(numeric_cell(sheet, "45955")); /* 2025-10-25 as an Excel date serial */
	assert_null(strstr(sheet, "<f>"));
	assert_non_null(strstr(sheet, "<mergeCell ref=\"A1:D1\"/>"));
	assert_non_null(strstr(sheet, "state=\"frozen\""));
	assert_non_null(strstr(sheet, "topLeftCell=\"A4\""));
	free(sheet);

	char *wb = zip_part(p, "xl/workbook.xml");
	assert_non_null(strstr(wb, "name=\"评审得分\""));
	free(wb);
}

static void xlsx_workbook_of_two_sheets(void **state)
{
	(void)state;
	char p[512];
	struct px_err e = { 0 };
	struct report_table t[2] = { score_table, score_table };
	const char *argv[] = { "unzip", "-l", p, NULL };

	t[1].sheet = "第二页";
	t[1].title = NULL;
	t[1].subtitle = NULL;
	t[1].nfooter = 0;
	path_of(p, sizeof(p), "two.xlsx");
	assert_int_equal(report_xlsx_workbook(p, t, 2, &e), 0);
	char *list = run_ok(argv);
	assert_non_null(strstr(list, "xl/worksheets/sheet2.xml"));
	free(list);
	char *sheet = zip_part(p, "xl/worksheets/sheet2.xml");
	assert_non_null(strstr(sheet, "topLeftCell=\"A2\"")); /* header is row 1 */
	free(sheet);

	t[1].sheet = "评审得分";
	assert_int_equal(report_xlsx_workbook(p, t, 2, &e), PX_EINVAL);
	assert_string_equal(e.key, "report_duplicate_sheet");
	t[1].sheet = "a/b";
	assert_int_equal(report_xlsx_workbook(p, t, 2, &e), PX_EINVAL);
	assert_string_equal(e.key, "report_bad_sheet_name");
	t[1].sheet = "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二";
	assert_int_equal(report_xlsx_workbook(p, t, 2, &e), PX_EINVAL);
	assert_string_equal(e.key, "report_bad_sheet_name");
	assert_int_equal(report_xlsx_workbook(p, t, 0, &e), PX_EINVAL);
	assert_int_equal(dir_entries(), 1); /* the first workbook, nothing more */
}

static const struct report_recommendation recs[] = {
	{ "清城区", REPORT_TRACK_ORG, "清远市某某制造有限公司", "91441802MA4W******", "制造业",
	  "张三", "138****5678", 1, NULL },
	{ "清城区", REPORT_TRACK_PERSON, "李四", "440103********1236", "服务业", "王五",
	  "139****0000", 2, "首席质量官" },
};

static struct report_recommend_list rec_list(void)
{
	return (struct report_recommend_list){
		.programme = "清远市政府质量奖",
		.recommender = "清城区市场监督管理局",
		.date = date_from_ymd(2025, 10, 20),
		.items = recs,
		.n = 2,
	};
}

static void xlsx_recommendation_summary(void **state)
{
	(void)state;
	char p[512];
	struct px_err e = { 0 };
	struct report_recommend_list l = rec_list();

	path_of(p, sizeof(p), "附件8.xlsx");
	assert_int_equal(report_xlsx_recommendations(p, &l, &e), 0);
	char *ss = zip_part(p, "xl/sharedStrings.xml");
	static const char *const want[] = {
		"清远市政府质量奖推荐名单汇总表",
		"推荐单位（盖章）：清城区市场监督管理局        日期：2025-10-20",
		"序号", "县（市、区）", "申报类别", "申报单位/个人名称",
		"统一社会信用代码/身份证号（脱敏）", "所属行业", "联系人", "联系电话（脱敏）",
		"推荐排序", "备注", "组织奖", "个人奖", "440103********1236", "138****5678",
		"首席质量官", "填报人：",
	};
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		if (!strstr(ss, want[i]))
			fail_msg("shared strings lack '%s'", want[i]);
	}
	free(ss);
	/* what it was given is what it prints: never the number behind a mask */
	const char *argv[] = { "unzip", "-p", p, NULL };
	char *all = run_ok(argv);
	assert_null(strstr(all, "440103199003071236"));
	free(all);
	char *sheet = zip_part(p, "xl/worksheets/sheet1.xml");
	assert_true(numeric_cell(sheet, "2")); /* 序号 and 推荐排序 are numbers */
	assert_non_null(strstr(sheet, "<mergeCell ref=\"A1:J1\"/>"));
	assert_non_null(strstr(sheet, "orientation=\"landscape\""));
	free(sheet);

	/* the table alone, for a workbook of several counties */
	struct report_recommend_table t;
	assert_int_equal(report_recommend_build(&l, &t, &e), 0);
	assert_int_equal(t.table.nrows, 2);
	assert_int_equal(t.table.ncols, 10);
	assert_string_equal(report_table_cell(&t.table, 1, 0), "2");
	assert_string_equal(report_table_cell(&t.table, 1, 2), "个人奖");
	assert_string_equal(report_table_cell(&t.table, 1, 4), "440103********1236");
	assert_null(report_table_cell(&t.table, 0, 9));
	report_recommend_release(&t);
	report_recommend_release(&t);

	l.n = 0; /* an empty summary is still a form */
	assert_int_equal(report_xlsx_recommendations(p, &l, &e), 0);
}

static void xlsx_recommendation_errors(void **state)
{
	(void)state;
	char p[512];
	struct px_err e = { 0 };
	struct report_recommend_list l = rec_list();
	struct report_recommendation bad[2] = { recs[0], recs[1] };

	path_of(p, sizeof(p), "bad.xlsx");
	l.items = bad;
	bad[1].name = NULL;
	assert_int_equal(report_xlsx_recommendations(p, &l, &e), PX_EINVAL);
	assert_string_equal(e.field, "items[1].name");
	bad[1] = recs[1];
	bad[1].track = 3;
	assert_int_equal(report_xlsx_recommendations(p, &l, &e), PX_EINVAL);
	assert_string_equal(e.key, "report_bad_track");
	bad[1] = recs[1];
	bad[1].rank = 0;
	assert_int_equal(report_xlsx_recommendations(p, &l, &e), PX_EINVAL);
	assert_string_equal(e.key, "report_bad_rank");
	assert_string_equal(e.field, "items[1].rank");
	bad[1] = recs[1];
	l.recommender = "";
	assert_int_equal(report_xlsx_recommendations(p, &l, &e), PX_EINVAL);
	assert_string_equal(e.field, "recommender");
	l = rec_list();
	l.date = date_from_ymd(1800, 1, 1);
	assert_int_equal(report_xlsx_recommendations(p, &l, &e), PX_EINVAL);
	assert_string_equal(e.field, "date");
	assert_int_equal(dir_entries(), 0);
}

static void xlsx_errors(void **state)
{
	(void)state;
	char p[512], big[REPORT_CELL_MAX + 2];
	struct px_err e = { 0 };
	struct report_table t = score_table;
	struct report_column cols[4];
	const char *cells[12];

	path_of(p, sizeof(p), "missing-dir/x.xlsx");
	assert_int_equal(report_xlsx_table(p, &t, &e), PX_EIO);
	assert_string_equal(e.key, "report_write_failed");
	assert_non_null(strstr(e.msg, p));
	assert_int_equal(report_xlsx_table(NULL, &t, &e), PX_EINVAL);
	assert_string_equal(e.field, "path");
	assert_int_equal(report_xlsx_table("", &t, &e), PX_EINVAL);

	path_of(p, sizeof(p), "x.xlsx");
	assert_int_equal(report_xlsx_table(p, NULL, &e), PX_EINVAL);
	memcpy(cols, score_cols, sizeof(cols));
	t.cols = cols;
	cols[1].header = NULL;
	assert_int_equal(report_xlsx_table(p, &t, &e), PX_EINVAL);
	assert_string_equal(e.field, "cols[1].header");
	cols[1] = score_cols[1];
	cols[2].decimals = REPORT_DECIMALS_MAX + 1;
	assert_int_equal(report_xlsx_table(p, &t, &e), PX_EINVAL);
	assert_string_equal(e.key, "report_bad_table");
	cols[2] = score_cols[2];
	cols[2].width = 1000;
	assert_int_equal(report_xlsx_table(p, &t, &e), PX_EINVAL);
	cols[2] = score_cols[2];

	memcpy(cells, score_cells, sizeof(cells));
	t.cells = cells;
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	cells[5] = big;
	assert_int_equal(report_xlsx_table(p, &t, &e), PX_ETOOBIG);
	assert_string_equal(e.field, "cells[1][1]");
	cells[5] = "bad \xc3";
	assert_int_equal(report_xlsx_table(p, &t, &e), PX_EINVAL);
	assert_string_equal(e.key, "report_bad_utf8");
	cells[5] = "bell \a";
	assert_int_equal(report_xlsx_table(p, &t, &e), PX_EINVAL);
	assert_string_equal(e.key, "report_control_char");
	cells[5] = "two\nlines"; /* fine inside a cell */
	assert_int_equal(report_xlsx_table(p, &t, &e), 0);
	unlink(p);

	t = score_table;
	t.ncols = 0;
	assert_int_equal(report_xlsx_table(p, &t, &e), PX_EINVAL);
	t = score_table;
	t.nrows = REPORT_ROWS_MAX + 1;
	assert_int_equal(report_xlsx_table(p, &t, &e), PX_EINVAL);
	t = score_table;
	t.title = big;
	assert_int_equal(report_xlsx_table(p, &t, &e), PX_ETOOBIG);
	assert_string_equal(e.field, "title");
	assert_int_equal(dir_entries(), 0);
}

/* ------------------------------------------------------------------- pdf */

static const struct report_certificate cert = {
	.title = "清远市政府质量奖",
	.award = "组织奖",
	.holder = "清远市某某制造有限公司",
	.body = "经清远市人民政府批准，授予清远市某某制造有限公司2025年度清远市政府质量奖（组织奖）。"
		"特发此证。",
	.issuer = "清远市人民政府",
	.number = "QYZLJ-2025-ORG-001",
	.verify_line = "验证码 / Verification: K7QM-4TXZ-9BWD  查验: https://zlj.example.gov.cn/verify/K7QM4TXZ9BWD",
};

static struct report_certificate cert_on(void)
{
	struct report_certificate c = cert;
	c.issued_on = date_from_ymd(2025, 12, 30);
	return c;
}

/* pdffonts lists a Noto CJK font embedded ("yes" in the emb column). */
static void assert_cjk_embedded(const char *file)
{
	const char *argv[] = { "pdffonts", file, NULL };
	char *out = run_ok(argv), *emb = strstr(out, " emb ");
	size_t col;
	int found = 0;

	assert_non_null(emb);
	col = (size_t)(emb - out) + 1; /* the column's offset in every line */
	for (char *line = out, *nl; line; line = nl ? nl + 1 : NULL) {
		if ((nl = strchr(line, '\n')))
			*nl = '\0';
		if (strstr(line, "NotoS") && strstr(line, "CJK") && strlen(line) > col + 3 &&
		    !strncmp(line + col, "yes", 3))
			found++;
	}
	free(out);
	assert_true(found > 0);
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void pdf_certificate(void **state)
{
	(void)state;
	char p[512];
	struct px_err e = { 0 };
	struct report_certificate c = cert_on();
	double t0, t1;

	path_of(p, sizeof(p), "cert.pdf");
	t0 = now_ms();
	assert_int_equal(report_pdf_certificate(p, &c, &e), 0);
	t1 = now_ms();
	assert_int_equal(report_pdf_certificate(p, &c, &e), 0);
	print_message("certificate: first %.0f ms, next %.0f ms\n", t1 - t0, now_ms() - t1);
	assert_int_equal(dir_entries(), 1);

	assert_cjk_embedded(p);
	assert_int_equal(pdf_pages(p), 1);
	const char *info[] = { "pdfinfo", p, NULL };
	char *out = run_ok(info);
	assert_non_null(strstr(out, "841.89 x 595.276 pts (A4)"));
	free(out);
	char *text = pdf_text(p, 0);
	static const char *const want[] = {
		"清远市政府质量奖", "组织奖", "清远市某某制造有限公司", "特发此证。", "清远市人民政府",
		"2025年12月30日", "QYZLJ-2025-ORG-001", "K7QM-4TXZ-9BWD",
		"https://zlj.example.gov.cn/verify/K7QM4TXZ9BWD",
	};
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		if (!strstr(text, want[i]))
			fail_msg("certificate text lacks '%s':\n%s", want[i], text);
	free(text);
}

static void pdf_text_is_never_markup(void **state)
{
	(void)state;
	char p[512];
	struct px_err e = { 0 };
	struct report_certificate c = cert_on();

	c.holder = "<b>&amp;</b> 公司";
	c.award = "<span size=\"1\">x</span>";
	path_of(p, sizeof(p), "markup.pdf");
	assert_int_equal(report_pdf_certificate(p, &c, &e), 0);
	char *text = pdf_text(p, 0);
	assert_non_null(strstr(text, "<b>&amp;</b> 公司"));
	assert_non_null(strstr(text, "<span size=\"1\">x</span>"));
	free(text);
}

/*
 * Dark pixels of the box where the QR code goes (the lower right, inside the
 * border), on the page rendered in grey at 36 dpi (half a pixel per point).
 */
static int qr_box_dark(const char *pdf)
{
	char prefix[512], pgm[600];
	int w = 0, h = 0, max = 0, dark = 0;

	snprintf(prefix, sizeof(prefix), "%s.page", pdf);
	snprintf(pgm, sizeof(pgm), "%s.pgm", prefix);
	const char *argv[] = { "pdftoppm", "-gray", "-r", "36", "-singlefile", pdf, prefix, NULL };
	free(run_ok(argv));
	FILE *f = fopen(pgm, "rb");
	assert_non_null(f);
	assert_int_equal(fscanf(f, "P5 %d %d %d", &w, &h, &max), 3);
	fgetc(f);
	unsigned char *px = malloc((size_t)w * (size_t)h);
	assert_non_null(px);
	assert_int_equal(fread(px, 1, (size_t)w * (size_t)h, f), (size_t)w * (size_t)h);
	fclose(f);
	unlink(pgm);
	/* the code's 76 pt square 44 pt in from the lower right corner, less a pixel each side */
	for (int y = h - 22 - 38 + 1; y < h - 22 - 1; y++)
		for (int x = w - 22 - 38 + 1; x < w - 22 - 1; x++)
			dark += px[y * w + x] < 128;
	free(px);
	return dark;
}

static void pdf_certificate_carries_a_qr_code(void **state)
{
	(void)state;
	char p[512];
	struct px_err e = { 0 };
	struct report_certificate c = cert_on();

	path_of(p, sizeof(p), "plain.pdf");
	assert_int_equal(report_pdf_certificate(p, &c, &e), 0);
	assert_int_equal(qr_box_dark(p), 0);
	c.qr_text = "https://zlj.example.gov.cn/verify/K7QM-4TXZ-9BWD";
	path_of(p, sizeof(p), "qr.pdf");
	assert_int_equal(report_pdf_certificate(p, &c, &e), 0);
	int dark = qr_box_dark(p);
	print_message("QR box: %d dark pixels of %d\n", dark, 36 * 36);
	assert_true(dark > 36 * 36 / 4 && dark < 36 * 36 * 3 / 4); /* about half the modules are dark */
	char *text = pdf_text(p, 0);
	assert_non_null(strstr(text, "K7QM4TXZ9BWD")); /* the verification line stays beside it */
	free(text);
}

static void pdf_certificate_fits_long_names(void **state)
{
	(void)state;
	char p[512], name[REPORT_NAME_MAX + 1] = "";
	struct px_err e = { 0 };
	struct report_certificate c = cert_on();

	while (strlen(name) + 3 <= REPORT_NAME_MAX) /* 66 characters */
		memcpy(name + strlen(name), "质\0", 4);
	c.holder = name;
	path_of(p, sizeof(p), "long.pdf");
	assert_int_equal(report_pdf_certificate(p, &c, &e), 0);
	char *text = pdf_text(p, 0);
	assert_non_null(strstr(text, name)); /* on one line */
	free(text);
	assert_int_equal(pdf_pages(p), 1);
}

static const struct report_review_item items[] = {
	{ "1", "领导", 10000, 8550 },
	{ "2", "质量", 20000, 17025 },
	{ "3", "创新", 15000, 12000 },
	{ "4", "品牌", 15000, 11000 },
	{ "5", "效益", 40000, 33000 },
};

/* n characters of Chinese suggestions in one paragraph (caller frees). */
static char *long_text(size_t n)
{
	static const char sentence[] = "建议进一步完善质量管理体系，加强过程控制与数据分析。";
	size_t slen = sizeof(sentence) - 1, chars = slen / 3, len = 0;
	char *s = malloc(n / chars * slen + slen + 1);

	assert_non_null(s);
	for (size_t c = 0; c < n; c += chars, len += slen)
		memcpy(s + len, sentence, slen);
	s[len] = '\0';
	return s;
}

static struct report_review review_of(const char *const *sugg, size_t n)
{
	return (struct report_review){
		.heading = "材料评审报告",
		.programme = "2025年清远市政府质量奖",
		.applicant = "清远市某某制造有限公司",
		.track = "组织奖（制造业）",
		.items = items,
		.nitems = 5,
		.score = 8152,
		.method = "去掉一个最高分和一个最低分后取平均",
		.reviewers = 5,
		.sd = 310,
		.sd_note = "评分分歧在正常范围内",
		.suggestions = sugg,
		.nsuggestions = n,
		.signer = "清远市质量强市工作领导小组办公室",
		.date = date_from_ymd(2025, 11, 20),
	};
}

static void pdf_review_report_paginates(void **state)
{
	(void)state;
	char p[512], footer[32];
	struct px_err e = { 0 };
	char *big = long_text(5000);
	const char *sugg[] = { "一、领导作用突出，建议继续保持。", big, "三、结束语。" };
	struct report_review r = review_of(sugg, 3);
	int pages;

	path_of(p, sizeof(p), "review.pdf");
	assert_int_equal(report_pdf_review_report(p, &r, &e), 0);
	assert_cjk_embedded(p);
	pages = pdf_pages(p);
	assert_true(pages >= 2);
	for (int i = 1; i <= pages; i++) {
		char *text = squeeze(pdf_text(p, i));
		snprintf(footer, sizeof(footer), "第%d页", i);
		if (!strstr(text, footer))
			fail_msg("page %d lacks its footer", i);
		free(text);
	}
	char *text = pdf_text(p, 0);
	static const char *const want[] = {
		"材料评审报告", "2025年清远市政府质量奖", "清远市某某制造有限公司", "组织奖（制造业）",
		"领导", "85.50", "100.00", "合计",
	};
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		if (!strstr(text, want[i]))
			fail_msg("review text lacks '%s'", want[i]);
	assert_non_null(strstr(text, "1000.00"));  /* total of the maxima */
	assert_non_null(strstr(text, "815.75"));   /* total of the means */
	assert_non_null(strstr(text, "81.52"));    /* the aggregated score */
	assert_non_null(strstr(text, "3.10"));     /* the spread */
	assert_non_null(strstr(text, "2025年11月20日"));
	assert_non_null(strstr(text, "三、结束语。"));
	free(text);
	free(big);
}

static void pdf_review_errors(void **state)
{
	(void)state;
	char p[512], name[REPORT_NAME_MAX + 2];
	struct px_err e = { 0 };
	const char *sugg[] = { "ok" };
	struct report_review r = review_of(sugg, 1);
	struct report_review_item bad[5];

	path_of(p, sizeof(p), "no/such/dir/review.pdf");
	assert_int_equal(report_pdf_review_report(p, &r, &e), PX_EIO);
	assert_string_equal(e.key, "report_write_failed");
	assert_non_null(strstr(e.msg, p));

	path_of(p, sizeof(p), "review.pdf");
	assert_int_equal(report_pdf_review_report(p, NULL, &e), PX_EINVAL);
	r.applicant = NULL;
	assert_int_equal(report_pdf_review_report(p, &r, &e), PX_EINVAL);
	assert_string_equal(e.field, "applicant");
	r = review_of(sugg, 1);
	memset(name, 'n', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	r.applicant = name;
	assert_int_equal(report_pdf_review_report(p, &r, &e), PX_ETOOBIG);
	assert_string_equal(e.field, "applicant");
	r = review_of(sugg, 1);
	memcpy(bad, items, sizeof(bad));
	r.items = bad;
	bad[3].name = "";
	assert_int_equal(report_pdf_review_report(p, &r, &e), PX_EINVAL);
	assert_string_equal(e.field, "items[3].name");
	bad[3] = items[3];
	bad[2].mean_points = bad[2].max_points + 1;
	assert_int_equal(report_pdf_review_report(p, &r, &e), PX_EINVAL);
	assert_string_equal(e.key, "report_bad_points");
	bad[2] = items[2];
	r.nitems = 0;
	assert_int_equal(report_pdf_review_report(p, &r, &e), PX_EINVAL);
	r = review_of(sugg, 1);
	r.reviewers = 0;
	assert_int_equal(report_pdf_review_report(p, &r, &e), PX_EINVAL);
	assert_string_equal(e.field, "reviewers");
	r = review_of(sugg, 1);
	sugg[0] = "bad \xff";
	assert_int_equal(report_pdf_review_report(p, &r, &e), PX_EINVAL);
	assert_string_equal(e.field, "suggestions[0]");
	sugg[0] = "ok";
	r.nsuggestions = REPORT_PARAS_MAX + 1;
	assert_int_equal(report_pdf_review_report(p, &r, &e), PX_EINVAL);
	/* each paragraph within its cap, all of them over the document's */
	char *para = long_text(REPORT_PARA_MAX / 3 - 30);
	const char *many[60];
	for (size_t i = 0; i < 60; i++)
		many[i] = para;
	r = review_of(many, 60);
	assert_int_equal(report_pdf_review_report(p, &r, &e), PX_ETOOBIG);
	assert_string_equal(e.key, "report_document_too_large");
	free(para);
	r = review_of(NULL, 0); /* no suggestions is a report too */
	assert_int_equal(report_pdf_review_report(p, &r, &e), 0);
	char *text = pdf_text(p, 0);
	assert_non_null(strstr(text, "无。"));
	free(text);
	unlink(p);
	assert_int_equal(dir_entries(), 0);
}

static void pdf_certificate_errors(void **state)
{
	(void)state;
	char p[512], name[REPORT_NAME_MAX + 2];
	struct px_err e = { 0 };
	struct report_certificate c = cert_on();

	path_of(p, sizeof(p), "missing/cert.pdf");
	assert_int_equal(report_pdf_certificate(p, &c, &e), PX_EIO);
	assert_non_null(strstr(e.msg, p));
	path_of(p, sizeof(p), "cert.pdf");
	assert_int_equal(report_pdf_certificate(p, NULL, &e), PX_EINVAL);
	c.holder = NULL;
	assert_int_equal(report_pdf_certificate(p, &c, &e), PX_EINVAL);
	assert_string_equal(e.key, "report_missing_field");
	assert_string_equal(e.field, "holder");
	c = cert_on();
	c.number = "";
	assert_int_equal(report_pdf_certificate(p, &c, &e), PX_EINVAL);
	assert_string_equal(e.field, "number");
	c = cert_on();
	memset(name, 'n', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	c.holder = name; /* 201 bytes */
	assert_int_equal(report_pdf_certificate(p, &c, &e), PX_ETOOBIG);
	assert_string_equal(e.field, "holder");
	c = cert_on();
	c.verify_line = "a\nb";
	assert_int_equal(report_pdf_certificate(p, &c, &e), PX_EINVAL);
	assert_string_equal(e.field, "verify_line");
	c = cert_on();
	c.issued_on = 0; /* 1970 is fine */
	assert_int_equal(report_pdf_certificate(p, &c, &e), 0);
	c.issued_on = date_from_ymd(1800, 1, 1);
	assert_int_equal(report_pdf_certificate(p, &c, &e), PX_EINVAL);
	assert_string_equal(e.field, "issued_on");
	unlink(p);
	assert_int_equal(dir_entries(), 0);
}

static void pdf_document_with_table(void **state)
{
	(void)state;
	enum { ROWS = 80 };
	char p[512], nums[ROWS][16], footer[32];
	const char *cells[ROWS * 4];
	struct px_err e = { 0 };
	struct report_table t = score_table;
	const char *paras[] = { "根据《清远市政府质量奖管理办法》，现将获奖名单公布如下。" };
	const char *closing[] = { "清远市质量强市工作领导小组办公室", "2025年12月30日" };
	struct report_doc doc = { .title = "关于2025年清远市政府质量奖获奖名单的通报",
				  .subtitle = "清质强办〔2025〕1号", .paras = paras, .nparas = 1,
				  .table = &t, .closing = closing, .nclosing = 2 };
	int pages;

	for (int i = 0; i < ROWS; i++) {
		snprintf(nums[i], sizeof(nums[i]), "%d", i + 1);
		cells[i * 4] = nums[i];
		cells[i * 4 + 1] = "清远市某某制造有限公司";
		cells[i * 4 + 2] = "90.25";
		cells[i * 4 + 3] = "2025-10-25";
	}
	t.cells = cells;
	t.nrows = ROWS;
	path_of(p, sizeof(p), "bulletin.pdf");
	assert_int_equal(report_pdf_document(p, &doc, &e), 0);
	pages = pdf_pages(p);
	assert_true(pages >= 2);
	for (int i = 1; i <= pages; i++) {
		char *text = squeeze(pdf_text(p, i));
		snprintf(footer, sizeof(footer), "第%d页", i);
		assert_non_null(strstr(text, footer));
		assert_non_null(strstr(text, "单位名称")); /* the header on every page */
		free(text);
	}
	char *text = pdf_text(p, 0);
	assert_non_null(strstr(text, "清质强办〔2025〕1号"));
	assert_non_null(strstr(text, "80"));
	assert_non_null(strstr(text, "填报单位（盖章）："));
	free(text);

	doc.landscape = true;
	assert_int_equal(report_pdf_document(p, &doc, &e), 0);
	const char *info[] = { "pdfinfo", p, NULL };
	char *out = run_ok(info);
	assert_non_null(strstr(out, "841.89 x 595.276 pts (A4)"));
	free(out);

	/* a cell too tall for any page is refused, not clipped */
	char *big = long_text(1300);
	struct report_column narrow[4];
	memcpy(narrow, score_cols, sizeof(narrow));
	narrow[1].width = 2;
	t.cols = narrow;
	cells[5] = big;
	assert_int_equal(report_pdf_document(p, &doc, &e), PX_ETOOBIG);
	assert_string_equal(e.key, "report_row_too_tall");
	free(big);
	doc.table = NULL;
	doc.title = NULL;
	assert_int_equal(report_pdf_document(p, &doc, &e), PX_EINVAL);
	assert_string_equal(e.field, "title");
	unlink(p);
	assert_int_equal(dir_entries(), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(text_checks_and_formats, before_each),
		cmocka_unit_test_setup(xlsx_table_is_a_workbook, before_each),
		cmocka_unit_test_setup(xlsx_workbook_of_two_sheets, before_each),
		cmocka_unit_test_setup(xlsx_recommendation_summary, before_each),
		cmocka_unit_test_setup(xlsx_recommendation_errors, before_each),
		cmocka_unit_test_setup(xlsx_errors, before_each),
		cmocka_unit_test_setup(pdf_certificate, before_each),
		cmocka_unit_test_setup(pdf_text_is_never_markup, before_each),
		cmocka_unit_test_setup(pdf_certificate_fits_long_names, before_each),
		cmocka_unit_test_setup(pdf_certificate_carries_a_qr_code, before_each),
		cmocka_unit_test_setup(pdf_certificate_errors, before_each),
		cmocka_unit_test_setup(pdf_review_report_paginates, before_each),
		cmocka_unit_test_setup(pdf_review_errors, before_each),
		cmocka_unit_test_setup(pdf_document_with_table, before_each),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
