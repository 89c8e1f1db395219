/*
 * test_tx.c - app_tx() knows when a transaction is open, so slow I/O that
 * must wait for the commit (a certificate's PDF) is refused inside one:
 * app_tx_refuse_io() answers io_in_transaction inside the callback, on the
 * first attempt and on a retry alike, and 0 once the transaction is over.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/tx.h"

struct probe {
	int calls;
	int refused;
	char key[48];
};

static int probe_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct probe *p = arg;
	struct px_err inner = { 0 };
	(void)c;
	(void)err;
	p->calls++;
	if (app_tx_open() && app_tx_refuse_io("rendering", &inner) == PX_EINTERNAL) {
		p->refused++;
		snprintf(p->key, sizeof(p->key), "%s", inner.key);
	}
	return 0;
}

static void io_is_refused_only_inside(void **state)
{
	char path[] = "/tmp/px-test-tx-XXXXXX";
	int fd = mkstemp(path);
	struct app app = { 0 };
	struct px_err err = { 0 };
	struct probe p = { 0 };
	(void)state;

	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(store_open(path, 1, &app.st, &err), 0);
	assert_false(app_tx_open());
	assert_int_equal(app_tx_refuse_io("rendering", &err), 0);
	assert_int_equal(app_tx(&app, STORE_TX_WRITE, probe_tx, &p, &err), 0);
	assert_int_equal(p.calls, 1);
	assert_int_equal(p.refused, 1);
	assert_string_equal(p.key, "io_in_transaction");
	assert_false(app_tx_open());
	assert_int_equal(app_tx(&app, STORE_TX_READ, probe_tx, &p, &err), 0);
	assert_int_equal(p.refused, 2);
	assert_false(app_tx_open());
	store_close(app.st);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(io_is_refused_only_inside),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
