/* test_username.c: what a member's name may be (base/username.h): letters
 * of one alphabet with their accents, digits, the separators, a space only
 * between words; no look-alike of another script, no invisible or control
 * character. */
#include "helpers.h"
#include "base/username.h"

#include <string.h>

static int ok(const char *s)
{
	return username_check(s, strlen(s)) == 0;
}

static void accepts_letters_of_one_alphabet(void **state)
{
	static const char *const good[] = {
		"ana", "john.smith", "a_b-c.d", "x123", "123",
		"María López", "José", "Ñandú", "Çağla", "Łukasz", "Ștefan", "Nguyễn Văn An",
		"Σωκράτης", "Дмитрий", "Мария Иванова", "שרה", "محمد", "さくら", "カタカナー",
		"李小龍", "김민준", "Ana 2", "Jean-Luc Picard", "o'", /* the last is refused below */
	};
	size_t i;

	(void)state;
	for (i = 0; i + 1 < sizeof(good) / sizeof(good[0]); i++)
		if (!ok(good[i]))
			fail_msg("refused %s", good[i]);
}

static void refuses_what_could_impersonate(void **state)
{
	static const char *const bad[] = {
		"ab",                        /* too short */
		"abcdefghijklmnopqrstuvwxyzabcde", /* 31 */
		"\xd0\xb0" "dmin",           /* Cyrillic а in a Latin name */
		"p\xce\xb1ypal",             /* Greek α in a Latin name */
		"ad\xe2\x80\x8bmin",         /* zero-width space */
		"ad\xe2\x80\x8dmin",         /* zero-width joiner */
		"ad\xc2\xadmin",             /* soft hyphen */
		"admin\xe2\x80\xae",         /* right-to-left override */
		"ana\xc2\xa0" "b",           /* no-break space */
		"ana\tb", "ana\nb",          /* control characters */
		"adm\xc4\xb1n",              /* dotless ı */
		"mari\xcc\x81" "a",          /* i + combining acute: one spelling only */
		" ana", "ana ", "ana  b", "ana _b", "ana. b",
		"ana@b", "ana/b", "ana#b", "ana+b", "a<b>c",
		"\xef\xbc\xa1" "dmin",       /* fullwidth Ａ */
		"\xd9\xa1\xd9\xa2\xd9\xa3",  /* Arabic-Indic digits */
		"\xf0\x9f\x98\x80" "ana",    /* an emoji */
		"ana\xff",                   /* not UTF-8 */
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (ok(bad[i]))
			fail_msg("accepted bad name %zu", i);
	assert_false(ok("o'"));
	assert_int_equal(username_check(NULL, 0), -1);
}

static void counts_characters_not_bytes(void **state)
{
	char name[USERNAME_BYTES + 8] = "";
	int i;

	(void)state;
	for (i = 0; i < USERNAME_MAX; i++)
		strcat(name, "\xc3\xb1"); /* ñ, two bytes */
	assert_true(ok(name));
	strcat(name, "\xc3\xb1");
	assert_false(ok(name));
	assert_true(ok("ñññ"));
	assert_false(ok("ññ"));
}

static void scripts(void **state)
{
	(void)state;
	assert_int_equal(username_script_of('a'), USERNAME_LATIN);
	assert_int_equal(username_script_of(0xE1), USERNAME_LATIN);       /* á */
	assert_int_equal(username_script_of(0x430), USERNAME_CYRILLIC);   /* а */
	assert_int_equal(username_script_of('7'), USERNAME_COMMON);
	assert_int_equal(username_script_of(' '), USERNAME_COMMON);
	assert_int_equal(username_script_of(0xD7), USERNAME_NONE);        /* × */
	assert_int_equal(username_script_of(0x200B), USERNAME_NONE);
	assert_true(username_word_char(0xF1));
	assert_false(username_word_char('_'));
	assert_false(username_word_char(' '));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(accepts_letters_of_one_alphabet),
		cmocka_unit_test(refuses_what_could_impersonate),
		cmocka_unit_test(counts_characters_not_bytes),
		cmocka_unit_test(scripts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
