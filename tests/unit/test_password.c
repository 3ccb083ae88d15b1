/* test_password.c: new-password rules and Argon2id hashing (password.h). */
#include "helpers.h"
#include "services/password.h"

#include <sodium.h>

/* password_problem as a string ("" when fine), for readable failures. */
static const char *problem(const char *pw, const char *user, const char *email)
{
	const char *p = password_problem(pw, user, email);

	return p ? p : "";
}

/* ---- password_problem ---- */

static void good_passwords_pass(void **state)
{
	(void)state;
	assert_string_equal(problem("correct horse battery", "ana", "ana@example.com"), "");
	assert_string_equal(problem("Tr0ub4dor&3x", NULL, NULL), "");
	assert_string_equal(problem("cafetera roja 2024", "ana", NULL), "");
}

static void too_short(void **state)
{
	(void)state;
	assert_string_equal(problem("", NULL, NULL), "err.pw_short");
	assert_string_equal(problem("abc", NULL, NULL), "err.pw_short");
	assert_string_equal(problem("nine char", NULL, NULL), "err.pw_short");
	assert_string_equal(problem("ten chars!", NULL, NULL), "");
}

static void length_counted_in_characters(void **state)
{
	(void)state;
	/* 9 characters in 13 bytes is still short */
	assert_string_equal(problem("ñandú€xyz", NULL, NULL), "err.pw_short");
	/* 10 characters of which some are multibyte is enough */
	assert_string_equal(problem("ñandú€xyzw", NULL, NULL), "");
	/* five emoji: 20 bytes, 5 characters */
	assert_string_equal(problem("\xf0\x9f\x90\xb1\xf0\x9f\x90\xb6\xf0\x9f\x90\xad"
				    "\xf0\x9f\x90\xb9\xf0\x9f\x90\xb0", NULL, NULL), "err.pw_short");
}

static void too_long(void **state)
{
	char *ok = repeat("abcd", 50);   /* 200 */
	char *over = repeat("abcd", 51); /* 204 */

	(void)state;
	assert_string_equal(problem(ok, NULL, NULL), "");
	assert_string_equal(problem(over, NULL, NULL), "err.too_long");
	free(ok);
	free(over);
}

static void common_passwords_refused(void **state)
{
	static const char *const common[] = {
		"1234567890", "qwertyuiop", "password123", "iloveyou12", "contrasena",
		"contraseña", "administrator", "1q2w3e4r5t",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(common) / sizeof(common[0]); i++)
		if (strcmp(problem(common[i], NULL, NULL), "err.pw_common") != 0)
			fail_msg("common password \"%s\" accepted", common[i]);
}

static void common_passwords_case_insensitive(void **state)
{
	(void)state;
	assert_string_equal(problem("PASSWORD123", NULL, NULL), "err.pw_common");
	assert_string_equal(problem("QwErTyUiOp", NULL, NULL), "err.pw_common");
	assert_string_equal(problem("Contraseña", NULL, NULL), "err.pw_common");
	assert_string_equal(problem("CONTRASEÑA", NULL, NULL), "err.pw_common");
}

static void near_common_passwords_pass(void **state)
{
	/* only the whole password is compared */
	(void)state;
	assert_string_equal(problem("password123 but longer", NULL, NULL), "");
	assert_string_equal(problem("x1234567890", NULL, NULL), "");
}

static void all_one_character_refused(void **state)
{
	char *n = repeat("ñ", 12);
	char *e = repeat("\xf0\x9f\x98\x80", 10);

	(void)state;
	assert_string_equal(problem("aaaaaaaaaaaa", NULL, NULL), "err.pw_common");
	assert_string_equal(problem("            ", NULL, NULL), "err.pw_common");
	assert_string_equal(problem("..........", NULL, NULL), "err.pw_common");
	assert_string_equal(problem(n, NULL, NULL), "err.pw_common");
	assert_string_equal(problem(e, NULL, NULL), "err.pw_common");
	/* two different characters are not "all one" */
	assert_string_equal(problem("aaaaaaaaaab", NULL, NULL), "");
	assert_string_equal(problem("baaaaaaaaaa", NULL, NULL), "");
	free(n);
	free(e);
}

static void two_byte_pairs_are_not_one_character(void **state)
{
	/* "ñé" repeated: every other character differs */
	char *s = repeat("ñé", 6);

	(void)state;
	assert_string_equal(problem(s, NULL, NULL), "");
	free(s);
}

static void equal_to_username_refused(void **state)
{
	(void)state;
	assert_string_equal(problem("ana.perez.1990", "ana.perez.1990", "a@b.co"), "err.pw_is_name");
	assert_string_equal(problem("Ana.Perez.1990", "ana.perez.1990", NULL), "err.pw_is_name");
	assert_string_equal(problem("ana.perez.1990x", "ana.perez.1990", NULL), "");
}

static void equal_to_email_refused(void **state)
{
	(void)state;
	assert_string_equal(problem("ana@example.com", "ana", "ana@example.com"), "err.pw_is_name");
	assert_string_equal(problem("ANA@Example.COM", "ana", "ana@example.com"), "err.pw_is_name");
	assert_string_equal(problem("ana@example.org", "ana", "ana@example.com"), "");
}

/* ---- hashing ---- */

static int fast_cost(void **state)
{
	(void)state;
	if (sodium_init() < 0)
		return -1;
	password_set_cost(crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN);
	return 0;
}

static void hash_and_verify(void **state)
{
	char hash[PASSWORD_HASH_MAX];

	(void)state;
	assert_int_equal(password_hash("correct horse battery", hash), 0);
	assert_true(strncmp(hash, "$argon2id$", 10) == 0);
	assert_true(strlen(hash) < PASSWORD_HASH_MAX);
	assert_int_equal(password_verify(hash, "correct horse battery"), 0);
}

static void verify_wrong_password(void **state)
{
	char hash[PASSWORD_HASH_MAX];

	(void)state;
	assert_int_equal(password_hash("correct horse battery", hash), 0);
	assert_int_equal(password_verify(hash, "correct horse batterY"), E_FORBIDDEN);
	assert_int_equal(password_verify(hash, "correct horse battery "), E_FORBIDDEN);
	assert_int_equal(password_verify(hash, "correct horse"), E_FORBIDDEN);
	assert_int_equal(password_verify(hash, ""), E_FORBIDDEN);
}

static void hash_is_salted(void **state)
{
	char a[PASSWORD_HASH_MAX], b[PASSWORD_HASH_MAX];

	(void)state;
	assert_int_equal(password_hash("same password here", a), 0);
	assert_int_equal(password_hash("same password here", b), 0);
	assert_string_not_equal(a, b);
	assert_int_equal(password_verify(a, "same password here"), 0);
	assert_int_equal(password_verify(b, "same password here"), 0);
}

static void hash_does_not_contain_password(void **state)
{
	char hash[PASSWORD_HASH_MAX];

	(void)state;
	assert_int_equal(password_hash("findme-plaintext", hash), 0);
	assert_not_contains(hash, "findme");
}

static void multibyte_password_round_trip(void **state)
{
	char hash[PASSWORD_HASH_MAX];

	(void)state;
	assert_int_equal(password_hash("contraseña segura \xf0\x9f\x94\x92", hash), 0);
	assert_int_equal(password_verify(hash, "contraseña segura \xf0\x9f\x94\x92"), 0);
	/* the same letters in another normalization are other bytes */
	assert_int_equal(password_verify(hash, "contrasen\xcc\x83" "a segura \xf0\x9f\x94\x92"),
			 E_FORBIDDEN);
}

static void verify_bad_hashes(void **state)
{
	(void)state;
	assert_int_equal(password_verify(NULL, "anything at all"), E_FORBIDDEN);
	assert_int_equal(password_verify("", "anything at all"), E_FORBIDDEN);
	assert_int_equal(password_verify("not a hash", "not a hash"), E_FORBIDDEN);
	assert_int_equal(password_verify("$argon2id$v=19$m=8,t=1,p=1$", "x"), E_FORBIDDEN);
}

static void dummy_always_refuses(void **state)
{
	(void)state;
	assert_int_equal(password_verify_dummy("anything at all"), E_FORBIDDEN);
	assert_int_equal(password_verify_dummy(""), E_FORBIDDEN);
	/* not even the dummy hash's own password opens it */
	assert_int_equal(password_verify_dummy("no account has this password"), E_FORBIDDEN);
}

static void rehash_after_cost_change(void **state)
{
	char hash[PASSWORD_HASH_MAX];

	(void)state;
	assert_int_equal(password_hash("rehash me please", hash), 0);
	assert_int_equal(password_needs_rehash(hash), 0);
	password_set_cost(crypto_pwhash_OPSLIMIT_MIN + 1, crypto_pwhash_MEMLIMIT_MIN);
	assert_int_equal(password_needs_rehash(hash), 1);
	password_set_cost(crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN * 2);
	assert_int_equal(password_needs_rehash(hash), 1);
	password_set_cost(crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN);
	assert_int_equal(password_needs_rehash(hash), 0);
	/* a hash made under old costs still verifies */
	assert_int_equal(password_verify(hash, "rehash me please"), 0);
}

static void rehash_of_garbage(void **state)
{
	(void)state;
	assert_int_equal(password_needs_rehash("not a hash"), 1);
}

static void cost_below_minimum_ignored(void **state)
{
	/* 0 from a configuration without password.ops keeps the current cost */
	char hash[PASSWORD_HASH_MAX];

	(void)state;
	assert_int_equal(password_hash("cost stays put", hash), 0);
	password_set_cost(0, 0);
	assert_int_equal(password_needs_rehash(hash), 0);
	password_set_cost(crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(good_passwords_pass),
		cmocka_unit_test(too_short),
		cmocka_unit_test(length_counted_in_characters),
		cmocka_unit_test(too_long),
		cmocka_unit_test(common_passwords_refused),
		cmocka_unit_test(common_passwords_case_insensitive),
		cmocka_unit_test(near_common_passwords_pass),
		cmocka_unit_test(all_one_character_refused),
		cmocka_unit_test(two_byte_pairs_are_not_one_character),
		cmocka_unit_test(equal_to_username_refused),
		cmocka_unit_test(equal_to_email_refused),
		cmocka_unit_test(hash_and_verify),
		cmocka_unit_test(verify_wrong_password),
		cmocka_unit_test(hash_is_salted),
		cmocka_unit_test(hash_does_not_contain_password),
		cmocka_unit_test(multibyte_password_round_trip),
		cmocka_unit_test(verify_bad_hashes),
		cmocka_unit_test(dummy_always_refuses),
		cmocka_unit_test(rehash_after_cost_change),
		cmocka_unit_test(rehash_of_garbage),
		cmocka_unit_test(cost_below_minimum_ignored),
	};

	return cmocka_run_group_tests(tests, fast_cost, NULL);
}
