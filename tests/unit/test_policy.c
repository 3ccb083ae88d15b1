/* test_policy.c: who may see and do what (base/policy.h), as tables of
 * readers by statuses by kinds of content, written out as the areas'
 * pages behaved before the rule had one place. */
#include "helpers.h"
#include "base/policy.h"

#define AUTHOR 5
#define OTHER 7

/* The readers of a table row. */
enum { VISITOR, MEMBER, OWN, OWN_MODERATOR, MODERATOR, ADMIN, STAFF, MARKETING, NREADERS };

static const struct {
	const char *name;
	long long id;
	unsigned roles;
} readers[NREADERS] = {
	[VISITOR] = { "visitor", 0, 0 },
	[MEMBER] = { "another member", OTHER, 0 },
	[OWN] = { "the author", AUTHOR, 0 },
	[OWN_MODERATOR] = { "the author, a moderator", AUTHOR, ROLE_MODERATOR },
	[MODERATOR] = { "a moderator", OTHER, ROLE_MODERATOR },
	[ADMIN] = { "an admin", OTHER, ROLE_ADMIN },
	[STAFF] = { "staff", OTHER, ROLE_STAFF },
	[MARKETING] = { "marketing", OTHER, ROLE_MARKETING },
};

static const char *const statuses[] = { "visible", "held", "hidden", "deleted" };
#define NSTATUSES 4

/* One kind: for each reader, whether they see an item in each status (in
 * the order of statuses), without and with a moderator's note. */
static const struct {
	policy_kind kind;
	const char *name;
	const char *sees[NREADERS];
	const char *sees_noted[NREADERS];
} kinds[] = {
	{ POLICY_POST, "post",
	  { "1000", "1000", "1110", "1111", "1111", "1111", "1000", "1000" },
	  /* removed with a reason: the author still reads it */
	  { "1000", "1000", "1111", "1111", "1111", "1111", "1000", "1000" } },
	{ POLICY_REVIEW, "review",
	  /* deleted: gone for everyone */
	  { "1000", "1000", "1110", "1110", "1110", "1110", "1000", "1000" },
	  { "1000", "1000", "1110", "1110", "1110", "1110", "1000", "1000" } },
	{ POLICY_IDEA, "idea",
	  /* hidden: the moderators' alone */
	  { "1000", "1000", "1100", "1111", "1111", "1111", "1000", "1000" },
	  { "1000", "1000", "1100", "1111", "1111", "1111", "1000", "1000" } },
	{ POLICY_IDEA_COMMENT, "idea comment",
	  { "1000", "1000", "1110", "1111", "1111", "1111", "1000", "1000" },
	  { "1000", "1000", "1110", "1111", "1111", "1111", "1000", "1000" } },
};

static void can_see_table(void **state)
{
	size_t k, who, s;
	int noted;

	(void)state;
	for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++)
		for (noted = 0; noted <= 1; noted++)
			for (who = 0; who < NREADERS; who++)
				for (s = 0; s < NSTATUSES; s++) {
					const char *row = noted ? kinds[k].sees_noted[who]
								: kinds[k].sees[who];
					int want = row[s] == '1';
					int got = policy_can_see(kinds[k].kind, readers[who].id,
								 readers[who].roles, statuses[s],
								 AUTHOR, noted);

					if (got != want)
						fail_msg("%s, %s%s, read by %s: %s, expected %s",
							 kinds[k].name, statuses[s],
							 noted ? " with a note" : "", readers[who].name,
							 got ? "seen" : "not seen",
							 want ? "seen" : "not seen");
				}
}

/* A visitor's id is 0: content whose author is unknown (0) is never
 * theirs. */
static void visitor_is_never_the_author(void **state)
{
	size_t k, s;

	(void)state;
	for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++)
		for (s = 1; s < NSTATUSES; s++)
			assert_false(policy_can_see(kinds[k].kind, 0, 0, statuses[s], 0, 1));
}

/* A status the rules do not know (or a missing cell) is the moderators'. */
static void unknown_status_is_for_moderators(void **state)
{
	(void)state;
	assert_false(policy_can_see(POLICY_IDEA, 0, 0, NULL, AUTHOR, 0));
	assert_false(policy_can_see(POLICY_IDEA, AUTHOR, 0, NULL, AUTHOR, 0));
	assert_true(policy_can_see(POLICY_IDEA, OTHER, ROLE_MODERATOR, NULL, AUTHOR, 0));
	assert_false(policy_can_see(POLICY_POST, AUTHOR, 0, "Visible", AUTHOR, 0));
	assert_false(policy_can_see(POLICY_POST, AUTHOR, 0, "", AUTHOR, 0));
	assert_true(policy_can_see(POLICY_POST, OTHER, ROLE_ADMIN, "archived", AUTHOR, 0));
}

static void an_unknown_kind_shows_nothing(void **state)
{
	(void)state;
	assert_false(policy_can_see((policy_kind)99, OTHER, ROLE_ADMIN, "visible", AUTHOR, 0));
}

/* Every combination of the four role bits against each rule. */
static void roles_table(void **state)
{
	unsigned roles;

	(void)state;
	for (roles = 0; roles < 16; roles++) {
		int mod = (roles & (ROLE_MODERATOR | ROLE_ADMIN)) != 0;
		int staff = (roles & (ROLE_STAFF | ROLE_ADMIN)) != 0;
		int trusted = (roles & (ROLE_MODERATOR | ROLE_STAFF | ROLE_ADMIN)) != 0;

		if (policy_is_moderator(roles) != mod)
			fail_msg("roles %u: moderator %d", roles, !mod);
		if (policy_is_staff(roles) != staff)
			fail_msg("roles %u: staff %d", roles, !staff);
		if (policy_is_trusted(roles) != trusted)
			fail_msg("roles %u: trusted %d", roles, !trusted);
	}
	/* marketing reads figures; it neither moderates nor speaks for the
	 * company */
	assert_false(policy_is_moderator(ROLE_MARKETING));
	assert_false(policy_is_staff(ROLE_MARKETING));
	assert_false(policy_is_trusted(ROLE_MARKETING));
	assert_int_equal(POLICY_MODERATORS, ROLE_MODERATOR | ROLE_ADMIN);
	assert_int_equal(POLICY_STAFF, ROLE_STAFF | ROLE_ADMIN);
	assert_int_equal(POLICY_TRUSTED, ROLE_MODERATOR | ROLE_STAFF | ROLE_ADMIN);
}

static void can_edit_table(void **state)
{
	(void)state;
	assert_true(policy_can_edit(AUTHOR, 0, AUTHOR));
	assert_false(policy_can_edit(OTHER, 0, AUTHOR));
	assert_false(policy_can_edit(OTHER, ROLE_STAFF, AUTHOR));
	assert_false(policy_can_edit(OTHER, ROLE_MARKETING, AUTHOR));
	assert_true(policy_can_edit(OTHER, ROLE_MODERATOR, AUTHOR));
	assert_true(policy_can_edit(OTHER, ROLE_ADMIN, AUTHOR));
	assert_false(policy_can_edit(0, 0, 0)); /* a visitor owns nothing */
	assert_false(policy_can_edit(0, 0, AUTHOR));
}

static void can_flag_table(void **state)
{
	size_t who, s;

	(void)state;
	for (who = 0; who < NREADERS; who++)
		for (s = 0; s < NSTATUSES; s++) {
			int want = s == 0 || (readers[who].roles & (ROLE_MODERATOR | ROLE_ADMIN));

			if (policy_can_flag(readers[who].roles, statuses[s]) != want)
				fail_msg("%s flags %s: expected %d", readers[who].name, statuses[s],
					 want);
		}
	assert_false(policy_can_flag(0, NULL));
}

/* A category's thread starters: every member, or the trusted only; a
 * setting the code does not know lets only the trusted. */
static void can_start_thread_table(void **state)
{
	size_t who;

	(void)state;
	for (who = 0; who < NREADERS; who++) {
		unsigned roles = readers[who].roles;
		int trusted = (roles & (ROLE_MODERATOR | ROLE_STAFF | ROLE_ADMIN)) != 0;

		if (!policy_can_start_thread(roles, "members"))
			fail_msg("%s may not start a thread where members may", readers[who].name);
		if (policy_can_start_thread(roles, "staff") != trusted)
			fail_msg("%s in a staff category: expected %d", readers[who].name, trusted);
		if (policy_can_start_thread(roles, NULL) != trusted ||
		    policy_can_start_thread(roles, "Members") != trusted)
			fail_msg("%s with an unknown setting: expected %d", readers[who].name, trusted);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(can_see_table),
		cmocka_unit_test(visitor_is_never_the_author),
		cmocka_unit_test(unknown_status_is_for_moderators),
		cmocka_unit_test(an_unknown_kind_shows_nothing),
		cmocka_unit_test(roles_table),
		cmocka_unit_test(can_edit_table),
		cmocka_unit_test(can_flag_table),
		cmocka_unit_test(can_start_thread_table),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
