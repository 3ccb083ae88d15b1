/* test_themes.c: RAKE-style phrases, G² keyness and example quotes
 * (themes.h). */
#include "helpers.h"
#include "text/themes.h"

#include <math.h>

/* A small stoplist of both languages, as the forum's search stopwords. */
static const char *const stops[] = {
	"the", "a", "is", "and", "it", "of", "to", "was", "my", "i", "but", "very", "this", "out",
	"el", "la", "de", "que", "y", "es", "me", "muy", "pero", "lo", "se", "con", "por", "está",
};

static int is_stop(void *ctx, const char *w, size_t n)
{
	size_t i;

	(void)ctx;
	for (i = 0; i < sizeof(stops) / sizeof(stops[0]); i++)
		if (strlen(stops[i]) == n && memcmp(stops[i], w, n) == 0)
			return 1;
	return 0;
}

/* The phrases of text joined by "|". Caller frees. */
static char *phrases_of(const char *text)
{
	theme_phrase p[THEME_PHRASES_MAX];
	size_t n = themes_extract(text, strlen(text), is_stop, NULL, p, THEME_PHRASES_MAX), i;
	strbuf sb = STRBUF_INIT;

	for (i = 0; i < n; i++) {
		if (i > 0)
			strbuf_puts(&sb, "|");
		strbuf_puts(&sb, p[i].text);
		assert_true(p[i].hash == themes_hash(p[i].text, strlen(p[i].text)));
	}
	return strbuf_detach(&sb);
}

#define assert_phrases(text, want) do { \
	char *got_ = phrases_of(text); \
	assert_string_equal(got_, want); \
	free(got_); \
} while (0)

static void splits_at_stopwords(void **state)
{
	(void)state;
	assert_phrases("The water comes out cold and the display is broken",
		       "water comes|cold|display|broken");
	assert_phrases("La cafetera no calienta el agua", "cafetera no calienta|agua");
}

static void splits_at_punctuation(void **state)
{
	(void)state;
	assert_phrases("Great coffee, fast delivery. Loud pump!", "great coffee|fast delivery|loud pump");
	assert_phrases("Jarra grande; temporizador fácil", "jarra grande|temporizador fácil");
}

static void lowercases_with_accents(void **state)
{
	(void)state;
	assert_phrases("DECEPCIÓN TOTAL", "decepción total");
	assert_phrases("Ñandú Über", "ñandú über");
}

static void counts_each_phrase_once(void **state)
{
	(void)state;
	assert_phrases("loud pump. Loud pump! LOUD PUMP", "loud pump");
}

static void long_runs_are_not_themes(void **state)
{
	(void)state;
	/* four content words in a row: not a phrase; the next run is */
	assert_phrases("cafetera programable acero inoxidable, gran sabor", "gran sabor");
	/* three is the most */
	assert_phrases("burr grinder settings", "burr grinder settings");
}

static void negations_join_but_never_end_a_phrase(void **state)
{
	(void)state;
	assert_phrases("no funciona", "no funciona");
	assert_phrases("not worth the money", "not worth|money");
	/* a negation alone, or at the end, is no theme */
	assert_phrases("funciona? no", "funciona");
	assert_phrases("no. nunca.", "");
}

static void numbers_symbols_and_emoji_cut(void **state)
{
	(void)state;
	assert_phrases("500 g de harina", "harina");
	assert_phrases("KX-200 works 👍 great", "kx-200 works|great");
	assert_phrases("😀😀😀", "");
	assert_phrases("", "");
}

static void apostrophes_and_hyphens_stay_in_words(void **state)
{
	(void)state;
	assert_phrases("doesn't heat", "doesn't heat");
	assert_phrases("doesn’t heat", "doesn't heat");
	assert_phrases("wi-fi pairing - easy", "wi-fi pairing|easy");
}

static void invalid_utf8_cuts(void **state)
{
	(void)state;
	assert_phrases("loud\xff pump", "loud|pump");
	assert_phrases("agua\xc3", "agua");
}

static void one_letter_words_cut(void **state)
{
	(void)state;
	assert_phrases("x y z", "");
}

static void no_stoplist(void **state)
{
	theme_phrase p[4];
	size_t n = themes_extract("the pump", 8, NULL, NULL, p, 4);

	(void)state;
	assert_int_equal(n, 1);
	assert_string_equal(p[0].text, "the pump");
}

static void stops_at_max(void **state)
{
	theme_phrase p[2];
	size_t n = themes_extract("one, two, three, four", 21, is_stop, NULL, p, 2);

	(void)state;
	assert_int_equal(n, 2);
	assert_string_equal(p[1].text, "two");
}

static void huge_text_is_linear_and_bounded(void **state)
{
	char *text = repeat("palabra distinta, ", 1200); /* about 20,000 characters */
	theme_phrase p[THEME_PHRASES_MAX];
	size_t n = themes_extract(text, strlen(text), is_stop, NULL, p, THEME_PHRASES_MAX);

	(void)state;
	assert_int_equal(n, 1);
	free(text);
}

static void hash_fits_a_signed_bigint(void **state)
{
	(void)state;
	assert_true(themes_hash("loud pump", 9) >= 0);
	assert_true(themes_hash("loud pump", 9) != themes_hash("loud pumps", 10));
	assert_true(themes_hash("", 0) >= 0);
}

/* ---- G² ---- */

static void g2_zero_when_shares_match(void **state)
{
	(void)state;
	assert_true(fabs(themes_g2(10, 100, 20, 200)) < 1e-9);
}

static void g2_grows_with_overrepresentation(void **state)
{
	double low = themes_g2(20, 100, 20, 200), high = themes_g2(40, 100, 20, 200);

	(void)state;
	assert_true(low > 0);
	assert_true(high > low);
}

static void g2_known_value(void **state)
{
	/* a = 10 of 100 target items, b = 0 of 100 others:
	 * G² = 2 [10 ln(10/5) + 90 ln(90/95) + 100 ln(100/95)] */
	double want = 2 * (10 * log(2.0) + 90 * log(90.0 / 95.0) + 100 * log(100.0 / 95.0));

	(void)state;
	assert_true(fabs(themes_g2(10, 100, 0, 100) - want) < 1e-9);
}

static void g2_negative_when_underrepresented(void **state)
{
	(void)state;
	assert_true(themes_g2(1, 100, 50, 100) < 0);
}

static void g2_bad_counts_are_zero(void **state)
{
	(void)state;
	assert_true(themes_g2(5, 0, 1, 10) == 0);
	assert_true(themes_g2(5, 4, 1, 10) == 0);
	assert_true(themes_g2(-1, 4, 1, 10) == 0);
	assert_true(themes_g2(1, 4, 1, 0) == 0);
}

/* ---- quotes ---- */

static char *quote_of(const char *text, const char *phrase, size_t max, int *rc)
{
	strbuf sb = STRBUF_INIT;

	*rc = themes_quote(text, strlen(text), phrase, max, &sb);
	return strbuf_detach(&sb);
}

static void quote_is_the_sentence(void **state)
{
	int rc;
	char *q = quote_of("Nice design. But the water comes out COLD every morning! Sad.",
			   "water comes", 200, &rc);

	(void)state;
	assert_int_equal(rc, 0);
	assert_string_equal(q, "But the water comes out COLD every morning!");
	free(q);
}

static void quote_across_lines_and_accents(void **state)
{
	int rc;
	char *q = quote_of("Primera línea\nLa cafetera no calienta el agua\nOtra", "cafetera no calienta",
			   200, &rc);

	(void)state;
	assert_int_equal(rc, 0);
	assert_string_equal(q, "La cafetera no calienta el agua");
	free(q);
}

static void quote_of_a_long_sentence_is_cut_around_the_mention(void **state)
{
	char *before = repeat("palabra ", 60), *after = repeat("otra ", 60);
	strbuf text = STRBUF_INIT;
	int rc;
	char *q;

	(void)state;
	strbuf_printf(&text, "%sbomba ruidosa %s", before, after);
	q = quote_of(text.s, "bomba ruidosa", 80, &rc);
	assert_int_equal(rc, 0);
	assert_non_null(strstr(q, "bomba ruidosa"));
	assert_true(strncmp(q, "…", strlen("…")) == 0);
	assert_true(strlen(q) <= 80 + 2 * strlen("…"));
	assert_true(strcmp(q + strlen(q) - strlen("…"), "…") == 0);
	/* no word cut in half */
	assert_non_null(strstr(q, "… palabra") ? strstr(q, "… palabra") : strstr(q, "…palabra"));
	free(q);
	free(before);
	free(after);
	strbuf_free(&text);
}

static void quote_not_found(void **state)
{
	int rc;
	char *q = quote_of("Nothing here", "loud pump", 100, &rc);

	(void)state;
	assert_int_equal(rc, E_NOTFOUND);
	assert_string_equal(q, "");
	free(q);
	q = quote_of("loud, pump", "loud pump", 100, &rc); /* a cut between the words */
	assert_int_equal(rc, E_NOTFOUND);
	free(q);
	q = quote_of("anything", "", 100, &rc);
	assert_int_equal(rc, E_NOTFOUND);
	free(q);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(splits_at_stopwords),
		cmocka_unit_test(splits_at_punctuation),
		cmocka_unit_test(lowercases_with_accents),
		cmocka_unit_test(counts_each_phrase_once),
		cmocka_unit_test(long_runs_are_not_themes),
		cmocka_unit_test(negations_join_but_never_end_a_phrase),
		cmocka_unit_test(numbers_symbols_and_emoji_cut),
		cmocka_unit_test(apostrophes_and_hyphens_stay_in_words),
		cmocka_unit_test(invalid_utf8_cuts),
		cmocka_unit_test(one_letter_words_cut),
		cmocka_unit_test(no_stoplist),
		cmocka_unit_test(stops_at_max),
		cmocka_unit_test(huge_text_is_linear_and_bounded),
		cmocka_unit_test(hash_fits_a_signed_bigint),
		cmocka_unit_test(g2_zero_when_shares_match),
		cmocka_unit_test(g2_grows_with_overrepresentation),
		cmocka_unit_test(g2_known_value),
		cmocka_unit_test(g2_negative_when_underrepresented),
		cmocka_unit_test(g2_bad_counts_are_zero),
		cmocka_unit_test(quote_is_the_sentence),
		cmocka_unit_test(quote_across_lines_and_accents),
		cmocka_unit_test(quote_of_a_long_sentence_is_cut_around_the_mention),
		cmocka_unit_test(quote_not_found),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
