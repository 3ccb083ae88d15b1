/* test_sentiment_abuse.c: whether a text is abusive (sentiment_abuse in
 * sentiment.h): insults aimed at people in English and Spanish are, harsh
 * but fair reviews are not, nor negated insults, nor positive texts; the
 * abuse lists load, and a malformed one is refused. The lexicons are the
 * real ones, found from TERTULIA_ROOT as in test_sentiment.c. */
#include "sentiment_fixture.h"

static sentiment_abuse_result check(const char *text)
{
	sentiment_abuse_result a;

	assert_int_equal(sentiment_abuse(model, text, strlen(text), &a), 0);
	return a;
}

#define assert_abusive(text, want_term) do { \
	sentiment_abuse_result a_ = check(text); \
	if (!a_.abusive) \
		fail_msg("\"%s\" should be abusive (score %.3f, %s, aimed %d, insults %d)", \
			 (text), a_.score, a_.lang, a_.aimed, a_.insults); \
	if (strcmp(a_.term, (want_term)) != 0) \
		fail_msg("\"%s\": term \"%s\", want \"%s\"", (text), a_.term, (want_term)); \
} while (0)

#define assert_not_abusive(text) do { \
	sentiment_abuse_result a_ = check(text); \
	if (a_.abusive) \
		fail_msg("\"%s\" should not be abusive (score %.3f, term %s)", (text), \
			 a_.score, a_.term); \
	assert_string_equal(a_.term, ""); \
} while (0)

/* ---- English ---- */

static void insult_aimed_at_the_reader_english(void **state)
{
	(void)state;
	assert_abusive("You are an idiot and nobody wants your opinion.", "idiot");
	assert_abusive("you're a moron", "moron");
	assert_abusive("YOU ARE AN IDIOT", "idiot");
	/* a harsh word counts when it is aimed */
	assert_abusive("You're so stupid it hurts.", "stupid");
	/* inflections match by their stem */
	assert_abusive("You idiots broke it again.", "idiots");
}

static void attack_and_vocative_english(void **state)
{
	(void)state;
	assert_abusive("Shut up, moron.", "shut up");
	assert_abusive("Nobody asked. Go to hell.", "go to hell");
	assert_abusive("Idiot. That is not what the manual says.", "idiot");
}

static void several_insults_english(void **state)
{
	(void)state;
	assert_abusive("What a bunch of morons and idiots run this place.", "morons");
}

static void harsh_review_english_is_not_abusive(void **state)
{
	sentiment_abuse_result a;
	const char *review = "This kettle is awful: it leaks, the lid broke after a week and "
			     "support never answered. Stupid design, pathetic build. Avoid.";

	(void)state;
	/* negative, with harsh words, but about a thing and addressed to no one */
	a = check(review);
	assert_true(a.score <= -SENTIMENT_THRESHOLD);
	assert_int_equal(a.abusive, 0);
	assert_int_equal(a.aimed, 0);
	assert_not_abusive("Your stupid kettle broke in a week.");
	assert_not_abusive("Don't let them fool you, this kettle is junk.");
	assert_not_abusive("This is crap. Total garbage, what a waste of money.");
}

static void negated_or_positive_english_is_not_abusive(void **state)
{
	(void)state;
	assert_not_abusive("You are not an idiot, you are brilliant.");
	assert_not_abusive("I don't think you're an idiot, but this kettle is awful.");
	/* one insult, spoken of and aimed at no one */
	assert_not_abusive("Calling people idiots is not okay.");
	/* positive: banter is not abuse */
	assert_not_abusive("You crazy genius, this is the best kettle ever!");
}

/* ---- Spanish ---- */

static void insult_aimed_at_the_reader_spanish(void **state)
{
	(void)state;
	assert_abusive("Eres un idiota y no tienes ni idea.", "idiota");
	assert_abusive("Sois unos gilipollas, todos.", "gilipollas");
	assert_abusive("Usted es un incompetente.", "incompetente");
	assert_abusive("ERES UN IMBÉCIL", "imbecil");
}

static void attack_and_vocative_spanish(void **state)
{
	(void)state;
	assert_abusive("Cállate, imbécil.", "callate");
	assert_abusive("Vete a la mierda.", "vete a la mierda");
	assert_abusive("Idiota, eso no es así.", "idiota");
}

static void several_insults_spanish(void **state)
{
	(void)state;
	assert_abusive("Los de soporte son unos idiotas y unos cretinos.", "idiotas");
}

static void harsh_review_spanish_is_not_abusive(void **state)
{
	sentiment_abuse_result a;
	const char *review = "Esta cafetera es horrible: gotea, la tapa se rompió a la semana y "
			     "el servicio técnico no contesta. Diseño patético. No la recomiendo.";

	(void)state;
	a = check(review);
	assert_true(a.score <= -SENTIMENT_THRESHOLD);
	assert_string_equal(a.lang, "es");
	assert_int_equal(a.abusive, 0);
	/* "tu" (your) is "tú" without its accent: no one is addressed */
	assert_not_abusive("Tu cafetera es inútil y el diseño es patético.");
	/* "retrasado" (late) and "desgracia" (misfortune) are no insults */
	assert_not_abusive("El pedido llegó retrasado y por desgracia la jarra es una mierda.");
}

static void negated_or_positive_spanish_is_not_abusive(void **state)
{
	(void)state;
	assert_not_abusive("No eres tonto, eres genial.");
	assert_not_abusive("Me encanta, funciona de maravilla.");
}

/* ---- edges ---- */

static void empty_and_no_model(void **state)
{
	sentiment_abuse_result a;

	(void)state;
	assert_not_abusive("");
	assert_int_equal(sentiment_abuse(NULL, "You idiot", 9, &a), 0);
	assert_int_equal(a.abusive, 0);
	assert_int_equal(sentiment_abuse(model, NULL, 0, &a), 0);
	assert_int_equal(a.abusive, 0);
	/* invalid bytes around the words do not hide them */
	assert_abusive("\xff You are an \xc3 idiot \xfe", "idiot");
}

static void long_text(void **state)
{
	char *text = repeat("You idiot, shut up. ", 1000);
	sentiment_abuse_result a;

	(void)state;
	assert_int_equal(sentiment_abuse(model, text, strlen(text), &a), 0);
	assert_int_equal(a.abusive, 1);
	assert_true(a.insults >= 1000);
	free(text);
}

/* ---- loading ---- */

static void abuse_list_malformed(void **state)
{
	static const char *const files[] = {
		"rules_en.tsv", "rules_es.tsv", "domain_en.tsv", "domain_es.tsv", "emoji.tsv",
		"abuse_en.tsv", "abuse_es.tsv", NULL
	};
	char *dir = make_temp_dir();
	sentiment_model *m = NULL;
	sentiment_abuse_result a;
	char nm[1024];

	(void)state;
	snprintf(nm, sizeof(nm), "%s/node_modules", root());
	write_file(dir, "rules_en.tsv", "negator\tnot\n");
	write_file(dir, "rules_es.tsv", "negator\tno\n");
	write_file(dir, "domain_en.tsv", "works great\t3\n");
	write_file(dir, "domain_es.tsv", "genial\t3.0\n");
	write_file(dir, "emoji.tsv", "\xf0\x9f\x98\x80\t2.5\n");
	/* a word the lexicons do not score gets the list's valence */
	write_file(dir, "abuse_en.tsv", "# comment\ninsult\tnumpty\t-2.5\ntarget\tyou\n"
		   "attack\tbuzz off\t-2\tignored-for-a-phrase\n");
	write_file(dir, "abuse_es.tsv", "insult\tzoquete\t-2.2\texact\n");
	assert_int_equal(sentiment_load(&m, nm, dir), E_INVALID); /* the bad option */
	assert_null(m);
	write_file(dir, "abuse_en.tsv", "# comment\ninsult\tnumpty\t-2.5\ntarget\tyou\n"
		   "attack\tbuzz off\t-2\n");
	assert_int_equal(sentiment_load(&m, nm, dir), 0);
	assert_int_equal(sentiment_abuse(m, "you numpty", 10, &a), 0);
	assert_int_equal(a.abusive, 1);
	assert_string_equal(a.term, "numpty");
	assert_int_equal(sentiment_abuse(m, "numpties, buzz off", 18, &a), 0);
	assert_int_equal(a.abusive, 1);
	sentiment_free(m);
	m = NULL;
	/* an unknown kind, a valence that is not a number, a kind alone */
	write_file(dir, "abuse_en.tsv", "rude\tnumpty\n");
	assert_int_equal(sentiment_load(&m, nm, dir), E_INVALID);
	write_file(dir, "abuse_en.tsv", "insult\tnumpty\tvery\n");
	assert_int_equal(sentiment_load(&m, nm, dir), E_INVALID);
	write_file(dir, "abuse_en.tsv", "insult\n");
	assert_int_equal(sentiment_load(&m, nm, dir), E_INVALID);
	assert_null(m);
	remove_tree(dir, files);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(insult_aimed_at_the_reader_english),
		cmocka_unit_test(attack_and_vocative_english),
		cmocka_unit_test(several_insults_english),
		cmocka_unit_test(harsh_review_english_is_not_abusive),
		cmocka_unit_test(negated_or_positive_english_is_not_abusive),
		cmocka_unit_test(insult_aimed_at_the_reader_spanish),
		cmocka_unit_test(attack_and_vocative_spanish),
		cmocka_unit_test(several_insults_spanish),
		cmocka_unit_test(harsh_review_spanish_is_not_abusive),
		cmocka_unit_test(negated_or_positive_spanish_is_not_abusive),
		cmocka_unit_test(empty_and_no_model),
		cmocka_unit_test(long_text),
		cmocka_unit_test(abuse_list_malformed),
	};

	return cmocka_run_group_tests(tests, load_model, free_model);
}
