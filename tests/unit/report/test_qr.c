/* test_qr.c - QR codes as SVG: the image's frame, a module per dark cell, and the text limits. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "report/qr.h"

static void svg_of_a_link(void **state)
{
	(void)state;
	struct px_err err = { 0 };
	char *svg = NULL;
	size_t len = 0;
	assert_int_equal(qr_svg("https://zlpp.example.cn/register/ABCD-EFGH-JKLM", &svg, &len, &err), 0);
	assert_non_null(svg);
	assert_int_equal(strlen(svg), len);
	/* a version-4 code (33 modules: 49 bytes at level M) with a quiet zone of 4 on each side */
	assert_non_null(strstr(svg, "viewBox=\"0 0 41 41\""));
	assert_true(!strncmp(svg, "<svg xmlns=\"http://www.w3.org/2000/svg\"", 39));
	assert_non_null(strstr(svg, "M4 4h1v1h-1z")); /* the finder pattern's corner */
	assert_string_equal(svg + len - 10, "\"/></svg>\n");
	free(svg);
}

static void text_limits(void **state)
{
	(void)state;
	struct px_err err = { 0 };
	char *svg = (char *)1, big[QR_TEXT_MAX + 2];
	size_t len = 1;
	assert_int_equal(qr_svg("", &svg, &len, &err), PX_EINVAL);
	assert_string_equal(err.key, "qr_text");
	assert_null(svg);
	assert_int_equal(len, 0);
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_int_equal(qr_svg(big, &svg, &len, &err), PX_EINVAL);
	assert_string_equal(err.msg, "a QR code carries 1 to 512 bytes, not 513");
	big[QR_TEXT_MAX] = '\0';
	assert_int_equal(qr_svg(big, &svg, &len, &err), 0);
	free(svg);
}

/* The matrix is the SVG's: a dark module at (x, y) is the SVG's unit square at (x + 4, y + 4). */
static void modules_match_the_svg(void **state)
{
	(void)state;
	struct px_err err = { 0 };
	const char *url = "https://zlj.example.gov.cn/verify/ABCD-EFGH-JKLM";
	unsigned char *m = NULL;
	char *svg = NULL, cell[48];
	size_t len = 0;
	int width = 0, dark = 0;

	assert_int_equal(qr_modules(url, &m, &width, &err), 0);
	assert_int_equal(qr_svg(url, &svg, &len, &err), 0);
	assert_int_equal(width, 33);
	for (int y = 0; y < width; y++)
		for (int x = 0; x < width; x++) {
			snprintf(cell, sizeof(cell), "M%d %dh1v1h-1z", x + 4, y + 4);
			assert_int_equal(m[y * width + x] != 0, strstr(svg, cell) != NULL);
			dark += m[y * width + x];
		}
	assert_true(dark > width * width / 4);
	free(m);
	free(svg);
	m = (unsigned char *)1;
	assert_int_equal(qr_modules("", &m, &width, &err), PX_EINVAL);
	assert_string_equal(err.key, "qr_text");
	assert_null(m);
	assert_int_equal(width, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(svg_of_a_link),
		cmocka_unit_test(text_limits),
		cmocka_unit_test(modules_match_the_svg),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
