/*
 * test_odoc.c - official documents (report/odoc.h) checked from the outside:
 * the PDF read back with poppler (pdfinfo: A4 and pages; pdffonts: Noto CJK
 * embedded; pdftotext: the text, 28 characters a line and 22 lines a page;
 * pdftotext -bbox: where the page numbers, the body and the signature sit on
 * the page, as GB/T 9704-2012 places them), the .docx unpacked with unzip
 * (page, margins, grid, styles, footers, escaping, media), a 26 units x 10
 * activities bulletin timed; then bad input refused by both writers alike,
 * leaving no file behind. python-docx reads the .docx in tests/cli/t1310-odoc.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <cairo.h>
#include <dirent.h>
#include <fcntl.h>
#include <glib.h>
#include <math.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "report/odoc.h"
#include "report/odoc_int.h"
#include "report/pdf.h"
#include "report/text.h"

/* cairo 1.16 loses a few hundred bytes per PDF while subsetting CJK fonts (test_report.c). */
const char *__lsan_default_suppressions(void);
const char *__asan_default_options(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:cairo_surface_finish\nleak:libfontconfig.so\n";
}
const char *__asan_default_options(void)
{
	return "fast_unwind_on_malloc=0";
}

#define MM (72.0 / 25.4)

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
	const char *argv[] = { "pdftotext", "-enc", "UTF-8", "-f", p, "-l", p, file, "-", NULL };

	snprintf(p, sizeof(p), "%d", page);
	return run_ok(argv);
}

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
	snprintf(dir, sizeof(dir), "/tmp/px-odoc-XXXXXX");
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

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* A w x h PNG drawn with cairo (a gradient and a frame). */
static void make_png(const char *path, int w, int h)
{
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
	cairo_t *cr = cairo_create(s);
	cairo_pattern_t *g = cairo_pattern_create_linear(0, 0, w, h);

	cairo_pattern_add_color_stop_rgb(g, 0, 0.8, 0.1, 0.1);
	cairo_pattern_add_color_stop_rgb(g, 1, 0.1, 0.3, 0.8);
	cairo_set_source(cr, g);
	cairo_paint(cr);
	cairo_pattern_destroy(g);
	cairo_destroy(cr);
	assert_int_equal(cairo_surface_write_to_png(s, path), CAIRO_STATUS_SUCCESS);
	cairo_surface_destroy(s);
}

/* Pure Chinese text of n characters (a paragraph that fills whole lines). */
static char *chinese(int n)
{
	static const char *const words[] = { "质", "量", "强", "市", "标", "准", "品", "牌" };
	char *s = malloc((size_t)n * 3 + 1), *w = s;

	assert_non_null(s);
	for (int i = 0; i < n; i++) {
		memcpy(w, words[i % 8], 3);
		w += 3;
	}
	*w = '\0';
	return s;
}

/* The sample: issuer, number, title, recipients, headings, paragraphs, images, a 26-row table. */
struct sample {
	char png[512], jpeg[512];
	char *long_text;
	const char *cells[26 * 4];
	char cell_text[26][2][32];
	struct odoc_table table;
	struct odoc_block blocks[12];
	struct odoc d;
};

static const char *const head[4] = { "序号", "单位", "报送情况", "备注" };

static void sample_init(struct sample *s, bool with_jpeg)
{
	int n = 0;

	path_of(s->png, sizeof(s->png), "photo.png");
	make_png(s->png, 400, 200);
	s->long_text = chinese(28 * 60);
	for (int r = 0; r < 26; r++) {
		snprintf(s->cell_text[r][0], sizeof(s->cell_text[r][0]), "%d", r + 1);
		snprintf(s->cell_text[r][1], sizeof(s->cell_text[r][1]), "第%d单位", r + 1);
		s->cells[r * 4] = s->cell_text[r][0];
		s->cells[r * 4 + 1] = s->cell_text[r][1];
		s->cells[r * 4 + 2] = r % 5 ? "按时" : "迟报";
		s->cells[r * 4 + 3] = r == 3 ? "零报告" : NULL;
	}
	s->table = (struct odoc_table){ 4, 26, head, s->cells };
	s->blocks[n++] = (struct odoc_block){ ODOC_PARA, "现将2015年质量月活动情况通报如下。", NULL, NULL };
	s->blocks[n++] = (struct odoc_block){ ODOC_HEADING1, "一、总体情况", NULL, NULL };
	s->blocks[n++] = (struct odoc_block){ ODOC_HEADING2, "（一）质量宣传", NULL, NULL };
	s->blocks[n++] = (struct odoc_block){ ODOC_PARA, s->long_text, NULL, NULL };
	s->blocks[n++] = (struct odoc_block){ ODOC_IMAGE, NULL, NULL, s->png };
	s->blocks[n++] = (struct odoc_block){ ODOC_PARA, "A<B & \"C\" 'D'\n第二行\t制表", NULL, NULL };
	s->blocks[n++] = (struct odoc_block){ ODOC_HEADING1, "二、迟报和未报单位", NULL, NULL };
	s->blocks[n++] = (struct odoc_block){ ODOC_TABLE, NULL, &s->table, NULL };
	if (with_jpeg)
		s->blocks[n++] = (struct odoc_block){ ODOC_IMAGE, NULL, NULL, s->jpeg };
	s->d = (struct odoc){ .issuer = "深圳市质量强市工作领导小组办公室",
			      .number = "深质强办〔2015〕21号",
			      .title = "关于2015年深圳市“质量月”活动开展情况的通报",
			      .recipients = "各成员单位，各区政府（新区管委会）",
			      .blocks = s->blocks, .nblocks = n,
			      .signer = "深圳市质量强市工作领导小组办公室", .date = "2015-10-30",
			      .cc = "市委办公厅，市政府办公厅", .printer = "深圳市质量强市办",
			      .printed = "2015-10-30" };
}

static void sample_free(struct sample *s)
{
	free(s->long_text);
}

/* The box (xMin, yMin, xMax, yMax) of the nth word that is exactly `word` in -bbox output. */
static bool word_box(const char *bbox, const char *word, int nth, double box[4])
{
	char want[256];

	snprintf(want, sizeof(want), ">%s</word>", word);
	for (const char *hit = strstr(bbox, want); hit; hit = strstr(hit + 1, want)) {
		const char *open = hit;
		while (open > bbox && strncmp(open, "<word ", 6))
			open--;
		if (nth-- > 0)
			continue;
		return sscanf(open, "<word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\" yMax=\"%lf\"",
			      &box[0], &box[1], &box[2], &box[3]) == 4;
	}
	return false;
}

static char *pdf_bbox(const char *file, int page)
{
	char p[16];
	const char *argv[] = { "pdftotext", "-bbox", "-f", p, "-l", p, file, "-", NULL };

	snprintf(p, sizeof(p), "%d", page);
	return run_ok(argv);
}

static void assert_near(double got, double want, double tol)
{
	if (fabs(got - want) > tol)
		fail_msg("%.2f is not within %.2f of %.2f", got, tol, want);
}

/* pdffonts lists both Noto CJK families embedded ("yes" in the emb column). */
static void assert_fonts_embedded(const char *file)
{
	const char *argv[] = { "pdffonts", file, NULL };
	char *out = run_ok(argv);
	int serif = 0, sans = 0;

	for (char *line = out, *nl; line; line = nl ? nl + 1 : NULL) {
		if ((nl = strchr(line, '\n')))
			*nl = '\0';
		if (!strstr(line, " yes yes "))
			continue;
		serif += !!strstr(line, "NotoSerifCJK");
		sans += !!strstr(line, "NotoSansCJK");
	}
	free(out);
	assert_true(serif > 0 && sans > 0);
}

/* Lines of a page's text without spaces, page number line excluded: each must have n chars. */
static int full_lines(const char *text, long chars)
{
	int lines = 0;
	char *copy = strdup(text), *save = NULL;

	assert_non_null(copy);
	for (char *l = strtok_r(copy, "\n\f", &save); l; l = strtok_r(NULL, "\n\f", &save)) {
		if (strstr(l, "—"))
			continue;
		char *w = l;
		for (const char *r = l; *r; r++)
			if (*r != ' ')
				*w++ = *r;
		*w = '\0';
		if (!*l)
			continue;
		assert_int_equal(g_utf8_strlen(l, -1), chars);
		lines++;
	}
	free(copy);
	return lines;
}

static void pdf_follows_gbt9704(void **state)
{
	(void)state;
	char p[512];
	struct sample s;
	struct px_err e = { 0 };
	int pages = 0;
	double box[4], sig[4], date[4];

	sample_init(&s, false);
	path_of(p, sizeof(p), "doc.pdf");
	assert_int_equal(odoc_write_pdf(&s.d, p, &pages, &e), 0);
	assert_true(pages > 2);
	const char *info[] = { "pdfinfo", p, NULL };
	char *out = run_ok(info), *pg = strstr(out, "Pages:");
	assert_non_null(strstr(out, "595.276 x 841.89 pts (A4)"));
	assert_non_null(pg);
	assert_int_equal(strtol(pg + 6, NULL, 10), pages);
	free(out);
	assert_fonts_embedded(p);

	/* 版头, title, recipients with their colon on page 1 */
	char *text = pdf_text(p, 1);
	assert_non_null(strstr(text, "深圳市质量强市工作领导小组办公室"));
	assert_non_null(strstr(text, "深质强办〔2015〕21号"));
	assert_non_null(strstr(text, "各成员单位，各区政府（新区管委会）："));
	free(text);
	char *bbox = pdf_bbox(p, 1);
	assert_true(word_box(bbox, "深圳市质量强市工作领导小组办公室", 0, box));
	assert_near(box[3] - (box[3] - box[1]) / 1.448 * 1.168, 72 * MM, 4); /* mark 35 mm under */
	assert_near((box[0] + box[2]) / 2, 106 * MM, 1);     /* centred on the type area */
	assert_true(word_box(bbox, "—", 1, box));            /* odd page: right, one 4号 character in */
	assert_near(box[2], 184 * MM - 14, 1);
	assert_true(box[1] > 262 * MM);                      /* under the type area */
	free(bbox);

	/* page 2 is all body text: 22 lines of 28 characters, from 28 mm, number on the left */
	text = pdf_text(p, 2);
	assert_int_equal(full_lines(text, 28), 22);
	free(text);
	bbox = pdf_bbox(p, 2);
	assert_true(word_box(bbox, "—", 0, box));
	assert_near(box[0], 28 * MM + 14, 1);
	const char *first = strstr(bbox, "<word ");                /* the first line of the page */
	assert_non_null(first);
	assert_int_equal(sscanf(first, "<word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\" yMax=\"%lf\"",
				&box[0], &box[1], &box[2], &box[3]), 4);
	assert_near(box[0], 28 * MM, 0.5);                          /* flush with the type area */
	assert_near(box[3] - 1.168 * 16, 37 * MM + (225 * MM / 22 - 16) / 2, 1); /* first grid line */
	free(bbox);

	/* the signer two characters in from the right, the date two characters right of it */
	bbox = pdf_bbox(p, pages);
	assert_true(word_box(bbox, "深圳市质量强市工作领导小组办公室", 0, sig));
	assert_true(word_box(bbox, "2015年10月30日", 0, date));
	assert_near(sig[2], 184 * MM - 2 * 156 * MM / 28, 1.5);
	assert_near(date[0], sig[0] + 2 * 156 * MM / 28, 1.5);
	/* 版记: the printer one character in, "…印发" one character from the right, on the last line */
	assert_true(word_box(bbox, "深圳市质量强市办", 0, box));
	assert_near(box[0], 28 * MM + 14, 0.5);
	assert_near(box[3] - 0.288 * 14, 37 * MM + 21.5 * 225 * MM / 22 - 7 + 0.88 * 14, 1);
	assert_true(word_box(bbox, "2015年10月30日印发", 0, box));
	assert_near(box[2], 184 * MM - 14, 0.5);
	free(bbox);
	const char *all[] = { "pdftotext", "-enc", "UTF-8", p, "-", NULL };
	text = run_ok(all);
	assert_non_null(strstr(text, "A<B & \"C\" 'D'")); /* text, never markup */
	assert_non_null(strstr(text, "二、迟报和未报单位"));
	assert_non_null(strstr(text, "第26单位"));
	assert_non_null(strstr(text, "零报告"));
	assert_non_null(strstr(text, "抄送：市委办公厅，市政府办公厅。"));
	free(text);
	sample_free(&s);
	assert_int_equal(dir_entries(), 2); /* the image and the PDF */
}

static void pdf_passes_jpeg_through(void **state)
{
	(void)state;
	char p[512], prefix[256];
	struct sample s;
	struct px_err e = { 0 };

	sample_init(&s, false);
	path_of(p, sizeof(p), "doc.pdf");
	assert_int_equal(odoc_write_pdf(&s.d, p, NULL, &e), 0);
	path_of(prefix, sizeof(prefix), "page");
	const char *jpg[] = { "pdftoppm", "-r", "20", "-jpeg", "-singlefile", "-f", "1", p, prefix, NULL };
	free(run_ok(jpg));
	sample_free(&s);
	sample_init(&s, true);
	snprintf(s.jpeg, sizeof(s.jpeg), "%s.jpg", prefix);
	assert_int_equal(odoc_write_pdf(&s.d, p, NULL, &e), 0);
	const char *list[] = { "pdfimages", "-list", p, NULL };
	char *out = run_ok(list);
	assert_non_null(strstr(out, " jpeg "));  /* embedded as it is */
	assert_non_null(strstr(out, " image "));
	free(out);
	path_of(p, sizeof(p), "doc.docx");
	assert_int_equal(odoc_write_docx(&s.d, p, &e), 0);
	char *rels = zip_part(p, "word/_rels/document.xml.rels");
	assert_non_null(strstr(rels, "Target=\"media/image9.jpeg\""));
	assert_non_null(strstr(rels, "Target=\"media/image5.png\""));
	free(rels);
	sample_free(&s);
}

static int count(const char *s, const char *what);

/* Files dated by the document, not by the clock: the same document gives the same bytes. */
static void same_document_same_bytes(void **state)
{
	(void)state;
	char p[2][512], x[2][512];
	struct sample s;
	struct px_err e = { 0 };

	sample_init(&s, false);
	for (int i = 0; i < 2; i++) {
		snprintf(p[i], sizeof(p[i]), "%s/%d.pdf", dir, i);
		snprintf(x[i], sizeof(x[i]), "%s/%d.docx", dir, i);
		assert_int_equal(odoc_write_pdf(&s.d, p[i], NULL, &e), 0);
		assert_int_equal(odoc_write_docx(&s.d, x[i], &e), 0);
	}
	const char *info[] = { "pdfinfo", "-isodates", p[0], NULL };
	char *out = run_ok(info);
	assert_non_null(strstr(out, "CreationDate:    2015-10-30T00:00:00"));
	free(out);
	const char *list[] = { "unzip", "-l", x[0], NULL };
	out = run_ok(list);
	assert_int_equal(count(out, "2015-10-30 00:00"), 12);
	free(out);
	const char *cmp_pdf[] = { "cmp", p[0], p[1], NULL }, *cmp_docx[] = { "cmp", x[0], x[1], NULL };
	free(run_ok(cmp_pdf));
	free(run_ok(cmp_docx));
	sample_free(&s);
}

static int count(const char *s, const char *what)
{
	int n = 0;

	for (const char *p = strstr(s, what); p; p = strstr(p + 1, what))
		n++;
	return n;
}

static void docx_package(void **state)
{
	(void)state;
	char p[512];
	struct sample s;
	struct px_err e = { 0 };

	sample_init(&s, false);
	path_of(p, sizeof(p), "doc.docx");
	assert_int_equal(odoc_write_docx(&s.d, p, &e), 0);
	const char *test[] = { "unzip", "-tq", p, NULL };
	free(run_ok(test));
	const char *list[] = { "unzip", "-Z1", p, NULL };
	char *names = run_ok(list);
	static const char *const parts[] = {
		"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml",
		"word/settings.xml", "word/fontTable.xml", "word/footer1.xml", "word/footer2.xml",
		"word/_rels/document.xml.rels", "docProps/core.xml", "docProps/app.xml",
		"word/media/image5.png",
	};
	for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++)
		assert_non_null(strstr(names, parts[i]));
	assert_true(!strncmp(names, "[Content_Types].xml", 19)); /* first, as readers expect */
	free(names);

	char *doc = zip_part(p, "word/document.xml");
	assert_non_null(strstr(doc, "<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"));      /* A4 */
	assert_non_null(strstr(doc, "w:top=\"2098\" w:right=\"1474\" w:bottom=\"1984\" w:left=\"1587\""));
	assert_non_null(strstr(doc, "w:linePitch=\"579\""));                       /* 22 lines */
	assert_non_null(strstr(doc, "A&lt;B &amp; &quot;C&quot; &apos;D&apos;<"));
	assert_non_null(strstr(doc, "<w:br/><w:t xml:space=\"preserve\">第二行</w:t><w:tab/>"));
	assert_int_equal(count(doc, "<w:tr>"), 27);
	assert_int_equal(count(doc, "<w:tblHeader/>"), 1);
	assert_non_null(strstr(doc, "r:embed=\"rIdImage5\""));
	assert_non_null(strstr(doc, "各成员单位，各区政府（新区管委会）：</w:t>"));
	assert_non_null(strstr(doc, ">2015年10月30日</w:t>"));
	assert_non_null(strstr(doc, "w:color=\"FF0000\"")); /* the red rule */
	assert_non_null(strstr(doc, ">抄送：市委办公厅，市政府办公厅。</w:t>"));
	assert_non_null(strstr(doc, ">深圳市质量强市办</w:t></w:r><w:r><w:tab/></w:r>"
				    "<w:r><w:t xml:space=\"preserve\">2015年10月30日印发</w:t>"));
	free(doc);
	char *styles = zip_part(p, "word/styles.xml");
	assert_non_null(strstr(styles, "w:eastAsia=\"仿宋_GB2312\""));
	assert_non_null(strstr(styles, "w:eastAsia=\"黑体\""));
	assert_non_null(strstr(styles, "w:eastAsia=\"楷体_GB2312\""));
	assert_non_null(strstr(styles, "w:eastAsia=\"方正小标宋简体\""));
	free(styles);
	char *odd = zip_part(p, "word/footer1.xml"), *even = zip_part(p, "word/footer2.xml");
	assert_non_null(strstr(odd, "w:instr=\" PAGE \""));
	assert_non_null(strstr(odd, "<w:jc w:val=\"right\"/>"));
	assert_non_null(strstr(even, "<w:jc w:val=\"left\"/>"));
	free(odd);
	free(even);
	char *settings = zip_part(p, "word/settings.xml");
	assert_non_null(strstr(settings, "<w:evenAndOddHeaders/>"));
	free(settings);
	sample_free(&s);
	assert_int_equal(dir_entries(), 2);
}

/*
 * Whatever the length of the last paragraph, the signature never stands on a
 * page of its own: the paragraph's last lines go over with it.
 */
static void signature_never_alone(void **state)
{
	(void)state;
	char p[512];
	struct px_err e = { 0 };
	int pages, two_pages = 0;

	path_of(p, sizeof(p), "sig.pdf");
	for (int n = 1; n <= 24; n++) {
		char *text = chinese(28 * n);
		struct odoc_block b[] = { { ODOC_PARA, text, NULL, NULL } };
		struct odoc d = { .issuer = "某某办公室", .title = "通知", .blocks = b, .nblocks = 1,
				  .signer = "某某办公室", .date = "2015-10-30" };
		assert_int_equal(odoc_write_pdf(&d, p, &pages, &e), 0);
		char *last = pdf_text(p, pages);
		assert_non_null(strstr(last, "2015年10月30日"));
		bool body = false; /* body text on the signature's page: a character of chinese() */
		for (const char *c = "质量强市标准品牌"; *c; c += 3)
			body |= memmem(last, strlen(last), c, 3) != NULL;
		assert_true(body);
		two_pages += pages == 2;
		free(last);
		free(text);
	}
	assert_true(two_pages > 3); /* the lengths did cross the page */
}

/*
 * The bulletin of 26 units x 10 activities renders in well under 2 s (the
 * sanitizer build, several times slower, is only held to 10 s).
 */
#if defined(__SANITIZE_ADDRESS__)
#define QUICK_MS 10000
#else
#define QUICK_MS 2000
#endif

static void bulletin_26_units_is_quick(void **state)
{
	(void)state;
	enum { UNITS = 26, ACTS = 10 };
	static char heads[UNITS][48], acts[UNITS * ACTS][512];
	static struct odoc_block blocks[UNITS * (ACTS + 1) + 1];
	struct sample s;
	struct px_err e = { 0 };
	char p[512];
	int n = 0, pages = 0;
	double t0, pdf_ms, docx_ms;

	sample_init(&s, false);
	for (int u = 0; u < UNITS; u++) {
		snprintf(heads[u], sizeof(heads[u]), "（%d）第%d单位", u + 1, u + 1);
		blocks[n++] = (struct odoc_block){ ODOC_HEADING2, heads[u], NULL, NULL };
		for (int a = 0; a < ACTS; a++) {
			char *t = acts[u * ACTS + a];
			snprintf(t, sizeof(acts[0]), "%d．2015年9月%d日在市民中心广场举办“质量成就未来”"
				 "主题宣传活动，参与群众%d人次，深圳特区报进行了报道。", a + 1, a + 1,
				 (a + 2) * 37);
			blocks[n++] = (struct odoc_block){ ODOC_PARA, t, NULL, NULL };
		}
	}
	blocks[n++] = (struct odoc_block){ ODOC_TABLE, NULL, &s.table, NULL };
	s.d.blocks = blocks;
	s.d.nblocks = n;
	path_of(p, sizeof(p), "bulletin.pdf");
	t0 = now_ms();
	assert_int_equal(odoc_write_pdf(&s.d, p, &pages, &e), 0);
	pdf_ms = now_ms() - t0;
	path_of(p, sizeof(p), "bulletin.docx");
	t0 = now_ms();
	assert_int_equal(odoc_write_docx(&s.d, p, &e), 0);
	docx_ms = now_ms() - t0;
	print_message("26 units x 10 activities: %d pages, pdf %.0f ms, docx %.0f ms\n", pages,
		      pdf_ms, docx_ms);
	assert_true(pages >= 20);
	assert_true(pdf_ms < QUICK_MS && docx_ms < QUICK_MS);
	sample_free(&s);
}

/* Both writers refuse d with code, key and field, and leave no file. */
static void refused(const struct odoc *d, int code, const char *key, const char *field)
{
	char pdf[512], docx[512];
	struct px_err e = { 0 };
	int before = dir_entries();

	path_of(pdf, sizeof(pdf), "bad.pdf");
	path_of(docx, sizeof(docx), "bad.docx");
	assert_int_equal(odoc_write_pdf(d, pdf, NULL, &e), code);
	assert_string_equal(e.key, key);
	assert_string_equal(e.field, field);
	memset(&e, 0, sizeof(e));
	assert_int_equal(odoc_write_docx(d, docx, &e), code);
	assert_string_equal(e.key, key);
	assert_string_equal(e.field, field);
	assert_int_equal(dir_entries(), before);
}

static void bad_documents_are_refused(void **state)
{
	(void)state;
	char txt[512];
	struct sample s;
	struct odoc d;
	struct odoc_block b[60];
	const char *no_head[2] = { "序号", NULL };
	struct odoc_table t0 = { 0, 1, head, head }, t1 = { 2, 0, no_head, NULL };
	char *big = chinese(6600); /* 19800 bytes */

	sample_init(&s, false);
	path_of(txt, sizeof(txt), "not-an-image.png");
	FILE *fp = fopen(txt, "w");
	assert_non_null(fp);
	fputs("GIF89a, not a PNG", fp);
	fclose(fp);

	d = s.d, d.issuer = NULL;
	refused(&d, PX_EINVAL, "report_missing_field", "issuer");
	d = s.d, d.title = "\xff\xfe";
	refused(&d, PX_EINVAL, "report_bad_utf8", "title");
	d = s.d, d.nblocks = -1;
	refused(&d, PX_EINVAL, "report_bad_block", "blocks");
	d = s.d, d.blocks = b, d.nblocks = 1;
	b[0] = (struct odoc_block){ ODOC_PARA, "一\x01二", NULL, NULL };
	refused(&d, PX_EINVAL, "report_control_char", "blocks[0].text");
	b[0] = (struct odoc_block){ ODOC_HEADING1, "一、\n总体", NULL, NULL };
	refused(&d, PX_EINVAL, "report_control_char", "blocks[0].text");
	b[0] = (struct odoc_block){ 99, "x", NULL, NULL };
	refused(&d, PX_EINVAL, "report_bad_block", "blocks[0].kind");
	b[0] = (struct odoc_block){ ODOC_TABLE, NULL, &t0, NULL };
	refused(&d, PX_EINVAL, "report_bad_table", "blocks[0].table");
	b[0] = (struct odoc_block){ ODOC_TABLE, NULL, &t1, NULL };
	refused(&d, PX_EINVAL, "report_missing_field", "blocks[0].table.head[1]");
	b[0] = (struct odoc_block){ ODOC_IMAGE, NULL, NULL, "/nonexistent/photo.png" };
	refused(&d, PX_EINVAL, "report_bad_image", "blocks[0].image_path");
	b[0] = (struct odoc_block){ ODOC_IMAGE, NULL, NULL, txt };
	refused(&d, PX_EINVAL, "report_bad_image", "blocks[0].image_path");
	for (int i = 0; i < 60; i++)
		b[i] = (struct odoc_block){ ODOC_PARA, big, NULL, NULL };
	d.nblocks = 60;
	refused(&d, PX_ETOOBIG, "report_document_too_large", "blocks");

	free(big);
	sample_free(&s);
}

/* Images over their bound in all, unwritable paths, rows taller than a page, broken PNGs. */
static void limits_are_refused(void **state)
{
	(void)state;
	struct sample s;
	struct odoc d;
	struct odoc_block b[5];
	char *big = chinese(6600);
	FILE *fp;

	sample_init(&s, false);
	d = s.d, d.blocks = b;

	/* images are bounded in all: five of 15 MiB are more than a document may hold */
	static const unsigned char png_head[24] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n',
						    0, 0, 0, 13, 'I', 'H', 'D', 'R',
						    0, 0, 1, 0, 0, 0, 1, 0 };
	char heavy[512];
	path_of(heavy, sizeof(heavy), "heavy.png");
	fp = fopen(heavy, "wb");
	assert_true(fp && fwrite(png_head, 1, sizeof(png_head), fp) == sizeof(png_head));
	assert_int_equal(ftruncate(fileno(fp), 15 << 20), 0);
	fclose(fp);
	for (int i = 0; i < 5; i++)
		b[i] = (struct odoc_block){ ODOC_IMAGE, NULL, NULL, heavy };
	d.nblocks = 5;
	refused(&d, PX_ETOOBIG, "report_document_too_large", "blocks[4].image_path");
	unlink(heavy);

	struct px_err e = { 0 };
	assert_int_equal(odoc_write_pdf(&s.d, "/nonexistent/dir/a.pdf", NULL, &e), PX_EIO);
	assert_string_equal(e.key, "report_write_failed");
	assert_int_equal(odoc_write_docx(&s.d, "/nonexistent/dir/a.docx", &e), PX_EIO);
	assert_string_equal(e.key, "report_write_failed");

	/* a row taller than a page is refused by the PDF, not clipped */
	const char *heads[16], *cells[16];
	for (int c = 0; c < 16; c++)
		heads[c] = "序号", cells[c] = c ? "1" : big + 3 * 5400;
	struct odoc_table tall = { 16, 1, heads, cells };
	char p[512];
	d.nblocks = 1;
	b[0] = (struct odoc_block){ ODOC_TABLE, NULL, &tall, NULL };
	path_of(p, sizeof(p), "tall.pdf");
	assert_int_equal(odoc_write_pdf(&d, p, NULL, &e), PX_ETOOBIG);
	assert_string_equal(e.key, "report_row_too_tall");
	assert_int_equal(dir_entries(), 1); /* the sample's photo, nothing more */

	/* a PNG whose header is sound but whose data is cut short */
	char cut[512];
	path_of(cut, sizeof(cut), "cut.png");
	FILE *in = fopen(s.png, "rb"), *o = fopen(cut, "wb");
	unsigned char head40[40];
	assert_true(in && o && fread(head40, 1, 40, in) == 40 && fwrite(head40, 1, 40, o) == 40);
	fclose(in);
	fclose(o);
	b[0] = (struct odoc_block){ ODOC_IMAGE, NULL, NULL, cut };
	assert_int_equal(odoc_write_pdf(&d, p, NULL, &e), PX_EINVAL);
	assert_string_equal(e.key, "report_bad_image");
	assert_string_equal(e.field, "blocks[0].image_path");
	assert_int_equal(dir_entries(), 2);
	free(big);
	sample_free(&s);
}

static void helpers(void **state)
{
	(void)state;
	char buf[ODOC_TEXT_LEN];
	unsigned char jpeg[] = { 0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x4A, 0x46, 0xFF, 0xC0,
				 0x00, 0x11, 0x08, 0x00, 0x64, 0x00, 0xC8, 0x03, 0x01, 0x22 };
	unsigned char png[24] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13,
				  'I', 'H', 'D', 'R', 0, 0, 1, 0x90, 0, 0, 0, 0xC8 };
	struct odoc_image img = { jpeg, sizeof(jpeg), 0, 0, false };

	odoc_date_text("2015-10-30", buf);
	assert_string_equal(buf, "2015年10月30日");
	odoc_date_text("2015-02-30", buf);     /* not a date: printed as given */
	assert_string_equal(buf, "2015-02-30");
	odoc_date_text("二〇一五年十月三十日", buf);
	assert_string_equal(buf, "二〇一五年十月三十日");
	odoc_recipients_text("各区政府", buf);
	assert_string_equal(buf, "各区政府：");
	odoc_recipients_text("各区政府：", buf);
	assert_string_equal(buf, "各区政府：");
	char cc[ODOC_TEXT_LEN];
	struct odoc d = { .cc = "市委办公厅。", .printed = "2015-10-30" };
	odoc_imprint_text(&d, cc, buf);
	assert_string_equal(cc, "抄送：市委办公厅。");   /* the full stop not doubled */
	assert_string_equal(buf, "2015年10月30日印发");
	d = (struct odoc){ .cc = "市委办公厅" };
	odoc_imprint_text(&d, cc, buf);
	assert_string_equal(cc, "抄送：市委办公厅。");
	assert_string_equal(buf, "");
	assert_true(odoc_image_probe(&img));
	assert_true(img.jpeg && img.w == 200 && img.h == 100);
	img = (struct odoc_image){ png, sizeof(png), 0, 0, true };
	assert_true(odoc_image_probe(&img));
	assert_true(!img.jpeg && img.w == 400 && img.h == 200);
	png[17] = 0x7F; /* 2 billion pixels wide */
	assert_false(odoc_image_probe(&img));
	img.len = 10;
	assert_false(odoc_image_probe(&img));
	assert_true(fabs(odoc_text_chars("2015年10月30日") - 7) < 1e-9);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(helpers, before_each),
		cmocka_unit_test_setup(pdf_follows_gbt9704, before_each),
		cmocka_unit_test_setup(pdf_passes_jpeg_through, before_each),
		cmocka_unit_test_setup(docx_package, before_each),
		cmocka_unit_test_setup(same_document_same_bytes, before_each),
		cmocka_unit_test_setup(signature_never_alone, before_each),
		cmocka_unit_test_setup(bulletin_26_units_is_quick, before_each),
		cmocka_unit_test_setup(bad_documents_are_refused, before_each),
		cmocka_unit_test_setup(limits_are_refused, before_each),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
