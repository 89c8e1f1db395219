/* test_chain.c - audit-chain hashing: known vectors and field sensitivity. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "core/chain.h"

static void sha256_known_vector(void **state)
{
	(void)state;
	char h[CHAIN_HEX_LEN + 1];
	chain_hex_sha256("abc", 3, h);
	assert_string_equal(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	chain_hex_sha256("", 0, h);
	assert_string_equal(h, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

static void every_field_changes_the_hash(void **state)
{
	(void)state;
	struct chain_link base = { 1, 1700000000000000, "user:1", "user.create", "user:2",
				   "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
				   CHAIN_GENESIS };
	char h0[CHAIN_HEX_LEN + 1], h[CHAIN_HEX_LEN + 1];
	chain_link_hash(&base, h0);
	assert_int_equal(strlen(h0), 64);

	struct chain_link l = base;
	l.seq = 2;
	chain_link_hash(&l, h);
	assert_string_not_equal(h, h0);
	l = base; l.at++;
	chain_link_hash(&l, h);
	assert_string_not_equal(h, h0);
	l = base; l.actor = "user:11";
	chain_link_hash(&l, h);
	assert_string_not_equal(h, h0);
	l = base; l.action = "user.created";
	chain_link_hash(&l, h);
	assert_string_not_equal(h, h0);
	l = base; l.object = "user:3";
	chain_link_hash(&l, h);
	assert_string_not_equal(h, h0);
	l = base; l.prev = h0;
	chain_link_hash(&l, h);
	assert_string_not_equal(h, h0);

	/* moving a character across a field boundary changes the hash */
	l = base; l.actor = "user:1u"; l.action = "ser.create";
	chain_link_hash(&l, h);
	assert_string_not_equal(h, h0);

	/* and it is a pure function */
	chain_link_hash(&base, h);
	assert_string_equal(h, h0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sha256_known_vector),
		cmocka_unit_test(every_field_changes_the_hash),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
