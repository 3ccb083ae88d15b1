/* test_users.c: role names and bits (users.h). Account functions need the
 * database and are covered by the HTTP tests. */
#include "helpers.h"
#include "services/users.h"

static const unsigned ALL = ROLE_MODERATOR | ROLE_STAFF | ROLE_MARKETING | ROLE_ADMIN;

static void role_bit_of_each_name(void **state)
{
	(void)state;
	assert_int_equal(role_bit("moderator", 9), ROLE_MODERATOR);
	assert_int_equal(role_bit("staff", 5), ROLE_STAFF);
	assert_int_equal(role_bit("marketing", 9), ROLE_MARKETING);
	assert_int_equal(role_bit("admin", 5), ROLE_ADMIN);
}

static void role_bits_are_distinct(void **state)
{
	(void)state;
	assert_int_equal(ROLE_MODERATOR & ROLE_STAFF, 0);
	assert_int_equal((ROLE_MODERATOR | ROLE_STAFF) & (ROLE_MARKETING | ROLE_ADMIN), 0);
	assert_int_equal(ROLE_MARKETING & ROLE_ADMIN, 0);
}

static void role_bit_uses_length(void **state)
{
	(void)state;
	assert_int_equal(role_bit("staff,admin", 5), ROLE_STAFF);
	assert_int_equal(role_bit("adminx", 5), ROLE_ADMIN);
	assert_int_equal(role_bit("admin", 3), 0);  /* "adm" */
	assert_int_equal(role_bit("admin", 0), 0);
}

static void role_bit_unknown_names(void **state)
{
	static const char *const bad[] = {
		"", "root", "Admin", "ADMIN", " admin", "admin ", "member", "moderators", "mod",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (role_bit(bad[i], strlen(bad[i])) != 0)
			fail_msg("\"%s\" is not a role", bad[i]);
}

static void parse_set_values(void **state)
{
	(void)state;
	assert_int_equal(roles_parse(""), 0);
	assert_int_equal(roles_parse(NULL), 0);
	assert_int_equal(roles_parse("staff"), ROLE_STAFF);
	assert_int_equal(roles_parse("staff,admin"), ROLE_STAFF | ROLE_ADMIN);
	assert_int_equal(roles_parse("moderator,staff,marketing,admin"), ALL);
	assert_int_equal(roles_parse("admin,moderator"), ROLE_ADMIN | ROLE_MODERATOR);
}

static void parse_ignores_unknown_names(void **state)
{
	(void)state;
	assert_int_equal(roles_parse("root"), 0);
	assert_int_equal(roles_parse("root,staff,wizard"), ROLE_STAFF);
	assert_int_equal(roles_parse("staff,,admin,"), ROLE_STAFF | ROLE_ADMIN);
	assert_int_equal(roles_parse(",,,"), 0);
	assert_int_equal(roles_parse("Staff,ADMIN"), 0);
	assert_int_equal(roles_parse("staffadmin"), 0);
}

static void parse_repeated_names(void **state)
{
	(void)state;
	assert_int_equal(roles_parse("staff,staff"), ROLE_STAFF);
}

static void format_each(void **state)
{
	char out[48];

	(void)state;
	roles_format(0, out, sizeof(out));
	assert_string_equal(out, "");
	roles_format(ROLE_STAFF, out, sizeof(out));
	assert_string_equal(out, "staff");
	roles_format(ROLE_ADMIN | ROLE_STAFF, out, sizeof(out));
	assert_string_equal(out, "staff,admin");
	roles_format(ALL, out, sizeof(out));
	assert_string_equal(out, "moderator,staff,marketing,admin");
}

static void format_ignores_unknown_bits(void **state)
{
	char out[48];

	(void)state;
	roles_format(1u << 20 | ROLE_MARKETING, out, sizeof(out));
	assert_string_equal(out, "marketing");
}

static void format_size_zero_writes_nothing(void **state)
{
	char out[4] = "xyz";

	(void)state;
	roles_format(ALL, out, 0);
	assert_string_equal(out, "xyz");
}

static void round_trip_every_combination(void **state)
{
	char out[48];
	unsigned bits;

	(void)state;
	for (bits = 0; bits <= ALL; bits++) {
		roles_format(bits, out, sizeof(out));
		if (roles_parse(out) != bits)
			fail_msg("bits %u -> \"%s\" -> %u", bits, out, roles_parse(out));
	}
}

static void round_trip_from_text(void **state)
{
	static const char *const sets[] = {
		"", "moderator", "staff", "marketing", "admin", "moderator,admin",
		"staff,marketing", "moderator,staff,marketing,admin",
	};
	char out[48];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(sets) / sizeof(sets[0]); i++) {
		roles_format(roles_parse(sets[i]), out, sizeof(out));
		assert_string_equal(out, sets[i]);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(role_bit_of_each_name),
		cmocka_unit_test(role_bits_are_distinct),
		cmocka_unit_test(role_bit_uses_length),
		cmocka_unit_test(role_bit_unknown_names),
		cmocka_unit_test(parse_set_values),
		cmocka_unit_test(parse_ignores_unknown_names),
		cmocka_unit_test(parse_repeated_names),
		cmocka_unit_test(format_each),
		cmocka_unit_test(format_ignores_unknown_bits),
		cmocka_unit_test(format_size_zero_writes_nothing),
		cmocka_unit_test(round_trip_every_combination),
		cmocka_unit_test(round_trip_from_text),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
