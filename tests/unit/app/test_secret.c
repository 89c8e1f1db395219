/*
 * test_secret.c - a unit contact's mobile is sealed, not hashed, because
 * reminders must be sent to it: secret_seal() gives back a value that
 * secret_open() opens to the same number, that does not hold the number,
 * that differs at each sealing (a fresh nonce), and that does not open when
 * altered or read under another domain.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/secret.h"
#include "app/tx.h"

#define NUMBER "13800000001"

struct seal_args {
	char a[SECRET_SEALED_HEX(11) + 1], b[SECRET_SEALED_HEX(11) + 1];
	char back[32], other[32], altered[32];
	int rc_other, rc_altered;
};

static int seal_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct seal_args *s = arg;
	struct px_err e = { 0 };
	int rc = secret_seal(c, "mobile", NUMBER, s->a, sizeof(s->a), err);
	if (!rc)
		rc = secret_seal(c, "mobile", NUMBER, s->b, sizeof(s->b), err);
	if (!rc)
		rc = secret_open(c, "mobile", s->a, s->back, sizeof(s->back), err);
	if (rc)
		return rc;
	s->rc_other = secret_open(c, "resident", s->a, s->other, sizeof(s->other), &e);
	char altered[sizeof(s->a)];
	memcpy(altered, s->a, sizeof(altered));
	altered[60] = altered[60] == '0' ? '1' : '0'; /* a byte of the ciphertext */
	s->rc_altered = secret_open(c, "mobile", altered, s->altered, sizeof(s->altered), &e);
	return 0;
}

static void seal_opens_to_the_number_only(void **state)
{
	char path[] = "/tmp/px-test-secret-XXXXXX";
	int fd = mkstemp(path), from, to;
	struct app app = { 0 };
	struct px_err err = { 0 };
	struct seal_args s = { 0 };
	(void)state;

	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(store_open(path, 1, &app.st, &err), 0);
	assert_int_equal(store_migrate(app.st, &from, &to, &err), 0);
	assert_int_equal(app_tx(&app, STORE_TX_WRITE, seal_tx, &s, &err), 0);
	assert_string_equal(s.back, NUMBER);
	assert_int_equal(strlen(s.a), SECRET_SEALED_HEX(11));
	assert_null(strstr(s.a, NUMBER));
	assert_string_not_equal(s.a, s.b);
	assert_int_equal(s.rc_other, PX_EINTERNAL);
	assert_string_equal(s.other, "");
	assert_int_equal(s.rc_altered, PX_EINTERNAL);
	store_close(app.st);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(seal_opens_to_the_number_only),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
