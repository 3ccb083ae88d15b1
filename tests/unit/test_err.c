/* test_err.c: the names of error codes (err.h). */
#include "helpers.h"

static const int CODES[] = {
	E_OK, E_NOMEM, E_DB, E_DBDOWN, E_NOTFOUND, E_INVALID, E_FORBIDDEN,
	E_DUP, E_TOOBIG, E_THROTTLED, E_CONFLICT, E_IO,
};
#define NCODES (sizeof(CODES) / sizeof(CODES[0]))

static void codes_are_zero_or_negative_and_distinct(void **state)
{
	size_t i, j;

	(void)state;
	assert_int_equal(E_OK, 0);
	for (i = 1; i < NCODES; i++) {
		assert_true(CODES[i] < 0);
		for (j = 0; j < i; j++)
			assert_int_not_equal(CODES[i], CODES[j]);
	}
}

static void every_code_has_its_own_name(void **state)
{
	size_t i, j;

	(void)state;
	for (i = 0; i < NCODES; i++) {
		const char *name = err_name(CODES[i]);
		assert_non_null(name);
		if (strcmp(name, "unknown error") == 0)
			fail_msg("code %d has no name", CODES[i]);
		for (j = 0; j < i; j++)
			assert_string_not_equal(name, err_name(CODES[j]));
	}
}

static void known_names(void **state)
{
	(void)state;
	assert_string_equal(err_name(E_OK), "ok");
	assert_string_equal(err_name(E_NOTFOUND), "not found");
	assert_string_equal(err_name(E_DBDOWN), "database unreachable");
}

static void unknown_codes(void **state)
{
	(void)state;
	assert_string_equal(err_name(-999), "unknown error");
	assert_string_equal(err_name(1), "unknown error");
	assert_string_equal(err_name(200), "unknown error");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(codes_are_zero_or_negative_and_distinct),
		cmocka_unit_test(every_code_has_its_own_name),
		cmocka_unit_test(known_names),
		cmocka_unit_test(unknown_codes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
