/* test_sentiment.c: the sentiment of a text (sentiment.h): each VADER rule
 * in English and Spanish, language detection, UTF-8 tokenising and
 * stemming, and bad input. The lexicons are the real ones: the packages
 * that `make deps` installs under node_modules and cgi/text/lexicon, found
 * from TERTULIA_ROOT (the repository). Accuracy is measured by
 * `make bench-sentiment`, not here. */
#include "sentiment_fixture.h"

/* Scores a C string; fails the test when scoring fails. */
static sentiment_result judge(const char *text)
{
	sentiment_result r;

	assert_int_equal(sentiment_score(model, text, strlen(text), &r), 0);
	assert_true(r.score >= -1.0 && r.score <= 1.0);
	return r;
}

static double score(const char *text)
{
	return judge(text).score;
}

#define assert_label(text, want) do { \
	sentiment_result r_ = judge(text); \
	if (r_.label != (want)) \
		fail_msg("\"%s\": %s (%.3f, %s), want %s", (text), \
			 sentiment_label_name(r_.label), r_.score, r_.lang, \
			 sentiment_label_name(want)); \
} while (0)

#define assert_lang(text, want) do { \
	sentiment_result r_ = judge(text); \
	if (strcmp(r_.lang, (want)) != 0) \
		fail_msg("\"%s\": language %s, want %s", (text), r_.lang, (want)); \
} while (0)

/* a scores strictly more than b */
#define assert_more(a, b) do { \
	double sa_ = score(a), sb_ = score(b); \
	if (!(sa_ > sb_)) \
		fail_msg("\"%s\" (%.3f) should score more than \"%s\" (%.3f)", (a), sa_, (b), sb_); \
} while (0)

/* ---- basics ---- */

static void positive_and_negative_english(void **state)
{
	(void)state;
	assert_label("The blender is good.", SENTIMENT_POSITIVE);
	assert_label("The blender is terrible.", SENTIMENT_NEGATIVE);
	assert_label("The box is on the table.", SENTIMENT_NEUTRAL);
	assert_true(score("The blender is good.") > 0);
	assert_true(score("The blender is terrible.") < 0);
}

static void positive_and_negative_spanish(void **state)
{
	(void)state;
	assert_label("La batidora es buena.", SENTIMENT_POSITIVE);
	assert_label("La batidora es horrible.", SENTIMENT_NEGATIVE);
	assert_label("La caja está en la mesa.", SENTIMENT_NEUTRAL);
}

static void label_names(void **state)
{
	(void)state;
	assert_string_equal(sentiment_label_name(SENTIMENT_POSITIVE), "positive");
	assert_string_equal(sentiment_label_name(SENTIMENT_NEUTRAL), "neutral");
	assert_string_equal(sentiment_label_name(SENTIMENT_NEGATIVE), "negative");
}

/* ---- boosters and dampeners ---- */

static void booster_english(void **state)
{
	(void)state;
	assert_more("The kettle is very good.", "The kettle is good.");
	assert_more("The kettle is bad.", "The kettle is extremely bad.");
}

static void booster_spanish(void **state)
{
	(void)state;
	assert_more("El hervidor es muy bueno.", "El hervidor es bueno.");
	assert_more("El hervidor es malo.", "El hervidor es muy malo.");
}

static void dampener_english(void **state)
{
	(void)state;
	assert_more("The kettle is good.", "The kettle is somewhat good.");
	assert_true(score("The kettle is somewhat good.") > 0);
}

static void dampener_spanish(void **state)
{
	(void)state;
	assert_more("La tostadora es un poco cara.", "La tostadora es cara.");
	assert_true(score("La tostadora es un poco cara.") < 0);
	assert_more("El café es bueno.", "El café es algo bueno.");
}

/* ---- negation ---- */

static void negation_english(void **state)
{
	(void)state;
	assert_label("The coffee is not good.", SENTIMENT_NEGATIVE);
	assert_label("The coffee is not bad at all.", SENTIMENT_POSITIVE);
	assert_label("It isn't good.", SENTIMENT_NEGATIVE);
	assert_label("I didn't like it.", SENTIMENT_NEGATIVE);
	assert_label("No problems so far.", SENTIMENT_POSITIVE);
}

static void negation_spanish(void **state)
{
	(void)state;
	assert_label("No es bueno.", SENTIMENT_NEGATIVE);
	assert_label("No es malo.", SENTIMENT_POSITIVE);
	assert_label("Sin problemas.", SENTIMENT_POSITIVE);
	assert_label("Nunca me ha gustado.", SENTIMENT_NEGATIVE);
}

/* a negation reaches three words and stops at a comma */
static void negation_window(void **state)
{
	(void)state;
	assert_label("No, the coffee is good.", SENTIMENT_POSITIVE);
	assert_label("No, el café es bueno.", SENTIMENT_POSITIVE);
}

/* Spanish negative concord negates once, however many negators */
static void negative_concord(void **state)
{
	(void)state;
	assert_label("No me gustó nada.", SENTIMENT_NEGATIVE);
	assert_label("No funciona nunca.", SENTIMENT_NEGATIVE);
	assert_label("Nunca funciona.", SENTIMENT_NEGATIVE);
	assert_label("No es nada bueno.", SENTIMENT_NEGATIVE);
	assert_label("No me gusta nada, nunca.", SENTIMENT_NEGATIVE);
	assert_label("No tengo ninguna queja.", SENTIMENT_POSITIVE);
	/* two negators flip as one: the same sign as with one */
	assert_true(score("No es nada bueno.") < 0);
	assert_true(score("No es bueno.") < 0);
}

/* ---- contrast ---- */

static void contrast_english(void **state)
{
	(void)state;
	assert_label("It is good but expensive.", SENTIMENT_NEGATIVE);
	assert_label("It is expensive but good.", SENTIMENT_POSITIVE);
	assert_label("The design is nice; however, it broke in a week.", SENTIMENT_NEGATIVE);
	/* what follows "but" weighs more than the same words alone */
	assert_more("It is ugly but great.", "It is great.");
}

static void contrast_spanish(void **state)
{
	(void)state;
	assert_label("Es bonita, pero se estropeó al mes.", SENTIMENT_NEGATIVE);
	assert_label("Es cara, pero funciona de maravilla.", SENTIMENT_POSITIVE);
	assert_label("Es bonita; sin embargo, el café sale horrible.", SENTIMENT_NEGATIVE);
	assert_label("Es ruidosa, sin embargo tritura de maravilla.", SENTIMENT_POSITIVE);
	assert_more("Es cara, pero genial.", "Es genial.");
	assert_more("Es genial.", "Es genial, pero cara.");
}

/* a contrast word starting a sentence answers the sentence before */
static void contrast_across_sentences(void **state)
{
	(void)state;
	assert_label("The kettle looks nice. But it leaks badly.", SENTIMENT_NEGATIVE);
	assert_label("El hervidor es bonito. Pero gotea.", SENTIMENT_NEGATIVE);
}

static void concessive_clause(void **state)
{
	(void)state;
	assert_label("Aunque tardó en llegar, la freidora es fantástica.", SENTIMENT_POSITIVE);
	assert_label("Although it looks great, it is useless.", SENTIMENT_NEGATIVE);
}

/* ---- emphasis ---- */

static void all_caps_english(void **state)
{
	(void)state;
	assert_more("The service was GREAT.", "The service was great.");
	assert_more("The service was terrible.", "The service was TERRIBLE.");
	/* a text all in capitals emphasises nothing */
	assert_true(score("GREAT SERVICE") == score("great service"));
}

static void all_caps_spanish(void **state)
{
	(void)state;
	assert_more("El servicio fue pésimo.", "El servicio fue PÉSIMO.");
	assert_more("La cafetera es GENIAL.", "La cafetera es genial.");
}

static void exclamation(void **state)
{
	(void)state;
	assert_more("The toaster is great!!!", "The toaster is great.");
	assert_more("The toaster is awful.", "The toaster is awful!!");
	assert_more("¡La tostadora es genial!", "La tostadora es genial.");
	/* emphasis of nothing is nothing */
	assert_true(score("The box arrived on Tuesday!!!") == 0);
}

/* ---- language ---- */

static void language_detection(void **state)
{
	(void)state;
	assert_lang("The coffee maker works well and the service was friendly.", "en");
	assert_lang("La cafetera funciona bien y el servicio fue amable.", "es");
	assert_lang("¿Qué tal?", "es");
	assert_lang("Decepción total", "es");
	assert_lang("Awesome", "en");
	assert_lang("Estupendo", "es");
	assert_lang("Decepcionados", "es");
	assert_lang("", "en");
}

static void mixed_languages(void **state)
{
	(void)state;
	/* Spanish words dominate; the English one still counts */
	assert_label("The blender is great pero el servicio fue pésimo.", SENTIMENT_NEGATIVE);
	assert_label("El servicio fue excellent, muy amable.", SENTIMENT_POSITIVE);
}

/* ---- words ---- */

static void utf8_accents(void **state)
{
	(void)state;
	assert_label("Una decepción.", SENTIMENT_NEGATIVE);
	assert_label("Pésimo.", SENTIMENT_NEGATIVE);
	assert_label("UNA DECEPCIÓN", SENTIMENT_NEGATIVE);
	/* the same word typed without its accent, or decomposed (o + U+0301) */
	assert_label("Una decepcion.", SENTIMENT_NEGATIVE);
	assert_label("Una decepcio\xcc\x81n.", SENTIMENT_NEGATIVE);
	assert_true(score("Una decepción.") == score("Una decepcion."));
}

static void stemming(void **state)
{
	(void)state;
	/* inflected forms of listed words */
	assert_label("Estamos decepcionados.", SENTIMENT_NEGATIVE);
	assert_label("Quedamos encantadísimos.", SENTIMENT_POSITIVE);
	assert_label("Las tapas se rompieron.", SENTIMENT_NEGATIVE);
	/* a phrase matches in any of its inflections */
	assert_label("It stops working after a week.", SENTIMENT_NEGATIVE);
	assert_label("Dejaron de funcionar a la semana.", SENTIMENT_NEGATIVE);
}

/* English "like" is a sentiment only as a verb */
static void like_as_verb(void **state)
{
	(void)state;
	assert_label("I like it.", SENTIMENT_POSITIVE);
	assert_label("It looks like plastic.", SENTIMENT_NEUTRAL);
}

/* ---- edge cases ---- */

static void empty_text(void **state)
{
	sentiment_result r;

	(void)state;
	assert_int_equal(sentiment_score(model, "", 0, &r), 0);
	assert_int_equal(r.label, SENTIMENT_NEUTRAL);
	assert_true(r.score == 0);
	assert_string_equal(r.lang, "en");
	assert_int_equal(sentiment_score(model, NULL, 0, &r), 0);
	assert_int_equal(r.label, SENTIMENT_NEUTRAL);
	assert_label("   ...  ,;  ", SENTIMENT_NEUTRAL);
	assert_true(score("   ...  ,;  ") == 0);
}

static void emoji_only(void **state)
{
	(void)state;
	assert_label("\xf0\x9f\x98\x80", SENTIMENT_POSITIVE);           /* 😀 */
	assert_label("\xf0\x9f\x91\x8d", SENTIMENT_POSITIVE);           /* 👍 */
	assert_label("\xe2\x9d\xa4\xef\xb8\x8f", SENTIMENT_POSITIVE);   /* ❤️ */
	assert_label("\xe2\x9d\xa4", SENTIMENT_POSITIVE);               /* ❤ */
	assert_label("\xf0\x9f\x98\xa1", SENTIMENT_NEGATIVE);           /* 😡 */
	assert_label("\xf0\x9f\x91\x8e", SENTIMENT_NEGATIVE);           /* 👎 */
	assert_label("\xf0\x9f\x98\x80\xf0\x9f\x91\x8d", SENTIMENT_POSITIVE);
	assert_label("\xf0\x9f\x91\x8e\xf0\x9f\x98\xa1", SENTIMENT_NEGATIVE);
	assert_label("\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd", SENTIMENT_POSITIVE); /* 👍🏽 */
	assert_label(":)", SENTIMENT_POSITIVE);
	assert_label(":(", SENTIMENT_NEGATIVE);
	assert_label("\xf0\x9f\xa7\xb2", SENTIMENT_NEUTRAL);            /* 🧲: unknown */
}

/* 20,000 characters: scored whole, score in range, label follows the text */
static void long_text(void **state)
{
	char *pos = repeat("The kettle is great and boils fast. ", 20000 / 36 + 1);
	char *neg = repeat("La tostadora es horrible y se rompió. ", 20000 / 38 + 1);
	char *word = repeat("a", 20000);
	char *nots = repeat("not ", 5000);
	sentiment_result r;

	(void)state;
	assert_true(strlen(pos) >= 20000);
	assert_int_equal(sentiment_score(model, pos, strlen(pos), &r), 0);
	assert_int_equal(r.label, SENTIMENT_POSITIVE);
	assert_true(r.score > 0.9 && r.score <= 1.0);
	assert_int_equal(sentiment_score(model, neg, strlen(neg), &r), 0);
	assert_int_equal(r.label, SENTIMENT_NEGATIVE);
	assert_string_equal(r.lang, "es");
	assert_true(r.score < -0.9 && r.score >= -1.0);
	assert_int_equal(sentiment_score(model, word, strlen(word), &r), 0);
	assert_int_equal(r.label, SENTIMENT_NEUTRAL);
	assert_int_equal(sentiment_score(model, nots, strlen(nots), &r), 0);
	assert_true(r.score >= -1.0 && r.score <= 1.0);
	free(pos);
	free(neg);
	free(word);
	free(nots);
}

static void invalid_utf8(void **state)
{
	static const char *const bad[] = {
		"\xff\xfe bueno \xc3",            /* stray bytes, a cut sequence */
		"\xc0\xaf good",                  /* overlong */
		"\xed\xa0\x80 malo",              /* a surrogate */
		"\xf4\x90\x80\x80",               /* past U+10FFFF */
		"\xe2\x82",                       /* truncated */
		":",                              /* half an emoticon */
	};
	sentiment_result r;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(sentiment_score(model, bad[i], strlen(bad[i]), &r), 0);
		assert_true(r.score >= -1.0 && r.score <= 1.0);
	}
	/* the valid words around invalid bytes still count */
	assert_label("\xff\xfe buenísimo \xc3", SENTIMENT_POSITIVE);
	/* NUL bytes inside the length are spaces */
	assert_int_equal(sentiment_score(model, "good\0\0bad!", 10, &r), 0);
	assert_true(r.score >= -1.0 && r.score <= 1.0);
	assert_int_equal(sentiment_score(model, "great\0", 6, &r), 0);
	assert_int_equal(r.label, SENTIMENT_POSITIVE);
}

/* sentiment_detect: the language when the text tells it, "" when not */
static void language_for_rules(void **state)
{
	static const struct {
		const char *text, *lang;
	} cases[] = {
		{ "No me gusta nada esta cafetera.", "es" },
		{ "I do not like this kettle at all.", "en" },
		{ "Decepcionados", "es" },          /* by the words the lexicons know */
		{ "wzzabc!!", "" },                 /* a name: nothing to tell */
		{ "https://shop.example/a", "" },
		{ "\xf0\x9f\x98\x80", "" },         /* emoji alone */
		{ "", "" },
	};
	char lang[3];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(sentiment_detect(model, cases[i].text, strlen(cases[i].text), lang), 0);
		if (strcmp(lang, cases[i].lang) != 0)
			fail_msg("\"%s\": \"%s\", want \"%s\"", cases[i].text, lang, cases[i].lang);
	}
	assert_int_equal(sentiment_detect(NULL, "Hola, buenas", 12, lang), 0);
	assert_string_equal(lang, "");
}

/* ---- loading ---- */

static void load_missing_files(void **state)
{
	sentiment_model *m = (sentiment_model *)1;
	char dd[1024];

	(void)state;
	snprintf(dd, sizeof(dd), "%s/cgi/text/lexicon", root());
	assert_int_equal(sentiment_load(&m, "/nonexistent/node_modules", dd), E_IO);
	assert_null(m);
}

static void load_malformed_list(void **state)
{
	static const char *const files[] = {
		"rules_en.tsv", "rules_es.tsv", "domain_en.tsv", "domain_es.tsv", "emoji.tsv",
		"abuse_en.tsv", "abuse_es.tsv", NULL
	};
	char *dir = make_temp_dir();
	sentiment_model *m = NULL;
	char nm[1024];

	(void)state;
	snprintf(nm, sizeof(nm), "%s/node_modules", root());
	write_file(dir, "rules_en.tsv", "# comment\nnegator\tnot\nbooster\tvery\t0.3\n");
	write_file(dir, "rules_es.tsv", "negator\tno\n");
	write_file(dir, "domain_en.tsv", "works great\t3\n");
	write_file(dir, "domain_es.tsv", "genial\t3.0\n");
	write_file(dir, "emoji.tsv", "\xf0\x9f\x98\x80\t2.5\n");
	write_file(dir, "abuse_en.tsv", "insult\tidiot\n");
	write_file(dir, "abuse_es.tsv", "insult\tidiota\n");
	assert_int_equal(sentiment_load(&m, nm, dir), 0);
	assert_int_equal(sentiment_score(m, "not great", 9, &(sentiment_result){0}), 0);
	sentiment_free(m);
	m = NULL;
	/* a booster without its value, a valence that is not a number, an
	 * unknown kind: each refused with E_INVALID */
	write_file(dir, "rules_en.tsv", "booster\tvery\n");
	assert_int_equal(sentiment_load(&m, nm, dir), E_INVALID);
	assert_null(m);
	write_file(dir, "rules_en.tsv", "sometimes\tvery\n");
	assert_int_equal(sentiment_load(&m, nm, dir), E_INVALID);
	write_file(dir, "rules_en.tsv", "negator\tnot\n");
	write_file(dir, "domain_es.tsv", "genial\tmucho\n");
	assert_int_equal(sentiment_load(&m, nm, dir), E_INVALID);
	assert_null(m);
	remove_tree(dir, files);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(positive_and_negative_english),
		cmocka_unit_test(positive_and_negative_spanish),
		cmocka_unit_test(label_names),
		cmocka_unit_test(booster_english),
		cmocka_unit_test(booster_spanish),
		cmocka_unit_test(dampener_english),
		cmocka_unit_test(dampener_spanish),
		cmocka_unit_test(negation_english),
		cmocka_unit_test(negation_spanish),
		cmocka_unit_test(negation_window),
		cmocka_unit_test(negative_concord),
		cmocka_unit_test(contrast_english),
		cmocka_unit_test(contrast_spanish),
		cmocka_unit_test(contrast_across_sentences),
		cmocka_unit_test(concessive_clause),
		cmocka_unit_test(all_caps_english),
		cmocka_unit_test(all_caps_spanish),
		cmocka_unit_test(exclamation),
		cmocka_unit_test(language_detection),
		cmocka_unit_test(mixed_languages),
		cmocka_unit_test(language_for_rules),
		cmocka_unit_test(utf8_accents),
		cmocka_unit_test(stemming),
		cmocka_unit_test(like_as_verb),
		cmocka_unit_test(empty_text),
		cmocka_unit_test(emoji_only),
		cmocka_unit_test(long_text),
		cmocka_unit_test(invalid_utf8),
		cmocka_unit_test(load_missing_files),
		cmocka_unit_test(load_malformed_list),
	};

	return cmocka_run_group_tests(tests, load_model, free_model);
}
