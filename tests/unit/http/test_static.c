/*
 * test_static.c - serving the built UI: which paths name files, which fall
 * back to index.html (routes of the single-page app), which are refused
 * (traversal, encoded separators, control bytes); the loader's pairing of
 * `.gz` siblings, skipped hidden files and symbolic links; Accept-Encoding
 * and If-None-Match.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "http/static.h"

static char dir[] = "/tmp/pxstaticXXXXXX";

static void put(const char *rel, const char *text)
{
	char path[256];
	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static int setup(void **state)
{
	char p[256];
	(void)state;
	if (!mkdtemp(dir))
		return -1;
	snprintf(p, sizeof(p), "%s/assets", dir);
	mkdir(p, 0700);
	put("index.html", "<!doctype html>");
	put("favicon.svg", "<svg/>");
	put("assets/index-abc.js", "console.log(1)");
	put("assets/index-abc.js.gz", "GZ");
	put("assets/lonely.css.gz", "GZ");
	put(".secret", "no");
	snprintf(p, sizeof(p), "%s/link.html", dir);
	if (symlink("/etc/passwd", p))
		return -1;
	return 0;
}

static int teardown(void **state)
{
	char cmd[300];
	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static void resolve_rules(void **state)
{
	struct static_site *s;
	struct px_err err = { 0 };
	const struct static_file *f;
	(void)state;

	assert_int_equal(static_site_load(dir, &s, &err), 0);
	static const struct {
		const char *path;
		enum static_target want;
		const char *file;
	} cases[] = {
		{ "/", STATIC_FALLBACK, "/index.html" },
		{ "/index.html", STATIC_FILE, "/index.html" },
		{ "/assets/index-abc.js", STATIC_FILE, "/assets/index-abc.js" },
		{ "/office/programmes/1", STATIC_FALLBACK, "/index.html" },
		{ "/verify/ABCD-1234", STATIC_FALLBACK, "/index.html" },
		{ "/assets/gone-123.js", STATIC_MISSING, NULL },
		{ "/assets/newroute", STATIC_MISSING, NULL },
		{ "/logo.png", STATIC_MISSING, NULL },
		{ "/.secret", STATIC_MISSING, NULL },
		{ "/link.html", STATIC_MISSING, NULL },
		{ "/assets/lonely.css.gz", STATIC_FILE, "/assets/lonely.css.gz" },
		{ "/assets/index-abc.js.gz", STATIC_MISSING, NULL },
		{ "/api/v1/nothing", STATIC_NOT_OURS, NULL },
		{ "/api", STATIC_NOT_OURS, NULL },
		{ "/apiary", STATIC_FALLBACK, "/index.html" },
		{ "/../etc/passwd", STATIC_BAD_PATH, NULL },
		{ "/assets/../index.html", STATIC_BAD_PATH, NULL },
		{ "/a/./b", STATIC_BAD_PATH, NULL },
		{ "//etc/passwd", STATIC_BAD_PATH, NULL },
		{ "/a\\b", STATIC_BAD_PATH, NULL },
		{ "/a%2e%2e/b", STATIC_BAD_PATH, NULL },
		{ "/a\nb", STATIC_BAD_PATH, NULL },
		{ "relative", STATIC_BAD_PATH, NULL },
		{ "", STATIC_BAD_PATH, NULL },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		enum static_target t = static_resolve(s, cases[i].path, &f);
		if (t != cases[i].want)
			fail_msg("%s: got %d, want %d", cases[i].path, t, cases[i].want);
		if (cases[i].file)
			assert_string_equal(f->path, cases[i].file);
		else
			assert_null(f);
	}
	assert_true(static_resolve(s, "/assets/index-abc.js", &f) == STATIC_FILE);
	assert_non_null(f->gz);
	assert_int_equal(f->gz_len, 2);
	assert_true(f->immutable);
	assert_string_equal(f->type, "text/javascript; charset=utf-8");
	assert_string_not_equal(f->etag, f->etag_gz);
	assert_true(static_resolve(s, "/index.html", &f) == STATIC_FILE);
	assert_false(f->immutable);
	assert_null(f->gz);
	static_site_free(s);

	/* nothing built: app routes fall back to the how-to-build page, files are missing */
	assert_int_equal(static_resolve(NULL, "/", &f), STATIC_FALLBACK);
	assert_null(f);
	assert_int_equal(static_resolve(NULL, "/assets/x.js", &f), STATIC_MISSING);
}

static void load_refuses_no_index(void **state)
{
	struct static_site *s = (void *)1;
	struct px_err err = { 0 };
	char sub[300];
	(void)state;
	snprintf(sub, sizeof(sub), "%s/assets", dir);
	assert_int_equal(static_site_load(sub, &s, &err), PX_ENOTFOUND);
	assert_string_equal(err.key, "web_not_built");
	assert_null(s);
	assert_int_equal(static_site_load("/nonexistent/pingxuan-web", &s, &err), PX_EIO);
	assert_string_equal(err.key, "web_unreadable");
}

static void headers(void **state)
{
	(void)state;
	assert_true(static_accepts_gzip("gzip, deflate, br"));
	assert_true(static_accepts_gzip("br;q=1.0, gzip;q=0.8"));
	assert_true(static_accepts_gzip("*"));
	assert_false(static_accepts_gzip("gzip;q=0"));
	assert_false(static_accepts_gzip("br, deflate"));
	assert_false(static_accepts_gzip("xgzip"));
	assert_false(static_accepts_gzip(""));
	assert_false(static_accepts_gzip(NULL));
	assert_true(static_etag_matches("\"abc\"", "\"abc\""));
	assert_true(static_etag_matches("\"x\", W/\"abc\"", "\"abc\""));
	assert_true(static_etag_matches("*", "\"abc\""));
	assert_false(static_etag_matches("\"abcd\"", "\"abc\""));
	assert_false(static_etag_matches(NULL, "\"abc\""));
	assert_string_equal(static_content_type("/a/B.WOFF2"), "font/woff2");
	assert_string_equal(static_content_type("/a/b.bin"), "application/octet-stream");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(resolve_rules),
		cmocka_unit_test(load_refuses_no_index),
		cmocka_unit_test(headers),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
