/* test_kept_reads.c: the key rows are kept under (kept_reads.h). Rows kept
 * and made old by a write are tested against the real stack
 * (tests/http/test_visitor_cache.py). */
#include "helpers.h"
#include "core/kept_reads.h"

#include <string.h>

static const char SQL_A[] = "SELECT a FROM t WHERE id = ?";
static const char SQL_B[] = "SELECT b FROM t WHERE id = ?";

static void key_of(const char *sql, const db_param *p, size_t n, char *out)
{
	assert_int_equal(kept_reads_key(sql, p, n, out, 512), 0);
}

static void statement_and_each_parameter_make_the_key(void **state)
{
	char k1[512], k2[512], k3[512], k4[512], k5[512];
	db_param one[] = { DBI(7) }, other[] = { DBI(8) };
	db_param text[] = { DBS("7") }, null[] = { DBNULL };

	(void)state;
	key_of(SQL_A, one, 1, k1);
	key_of(SQL_A, other, 1, k2);
	key_of(SQL_B, one, 1, k3);
	key_of(SQL_A, text, 1, k4);
	key_of(SQL_A, null, 1, k5);
	assert_string_not_equal(k1, k2);
	assert_string_not_equal(k1, k3); /* the same parameters, another statement */
	assert_string_not_equal(k1, k4); /* 7 the number and "7" the text */
	assert_string_not_equal(k1, k5);
	key_of(SQL_A, one, 1, k2);
	assert_string_equal(k1, k2);
}

static void a_separator_in_a_value_cannot_pass_for_two_values(void **state)
{
	char k1[512], k2[512];
	db_param joined[] = { DBS("es|s2:en") }, apart[] = { DBS("es"), DBS("en") };

	(void)state;
	key_of(SQL_A, joined, 1, k1);
	key_of(SQL_A, apart, 2, k2);
	assert_string_not_equal(k1, k2);
}

static void what_cannot_be_a_key_is_not_kept(void **state)
{
	char key[512], big[600];
	db_param nul[] = { DBB("a\0b", 3) }, fits[] = { DBS("abc") };

	(void)state;
	assert_int_equal(kept_reads_key(SQL_A, nul, 1, key, sizeof(key)), -1);
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	fits[0] = DBS(big);
	assert_int_equal(kept_reads_key(SQL_A, fits, 1, key, sizeof(key)), -1);
	/* a small buffer: never written past */
	fits[0] = DBS("abc");
	assert_int_equal(kept_reads_key(SQL_A, fits, 1, key, 8), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(statement_and_each_parameter_make_the_key),
		cmocka_unit_test(a_separator_in_a_value_cannot_pass_for_two_values),
		cmocka_unit_test(what_cannot_be_a_key_is_not_kept),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
