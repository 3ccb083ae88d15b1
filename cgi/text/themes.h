/* themes.h: what customers talk about, the themes of the insight pages.
 *
 * Candidate phrases come from RAKE-style splitting (Rose et al., 2010): the
 * text is cut at stopwords, punctuation, numbers and symbols, and every run
 * of one to THEME_WORDS_MAX content words left between cuts is a candidate,
 * lowercased. A negation ("no", "not", "nunca") is not a cut: "no funciona"
 * stays one phrase; a phrase cannot end in one. Each distinct phrase counts
 * once per text (the rollups count the items that mention it).
 *
 * Themes are ranked by keyness: the log-likelihood G² (Dunning, 1993;
 * Rayson and Garside, 2000) of the 2x2 table of items that mention the
 * phrase or not, in the selected content (negative, or positive) against
 * the rest of the content of the same period and filters.
 *
 * Everything here is pure: no database, no allocation except themes_quote's
 * output buffer. Which words are stopwords is the caller's (a callback), so
 * that the programs use the forum's search stopwords and tests their own.
 */
#ifndef TERTULIA_THEMES_H
#define TERTULIA_THEMES_H

#include <stddef.h>
#include "base/str.h"

#define THEME_WORDS_MAX 3     /* longer runs are not themes */
#define THEME_PHRASE_MAX 80   /* bytes of a phrase's text */
#define THEME_PHRASES_MAX 64  /* candidates kept per text (the first ones) */

/* Whether the lowercased word of len bytes (UTF-8) is a stopword. */
typedef int (*theme_stop_fn)(void *ctx, const char *word, size_t len);

typedef struct theme_phrase {
	char text[THEME_PHRASE_MAX + 1]; /* lowercased words joined by one space */
	long long hash;                  /* themes_hash(text) */
} theme_phrase;

/* Splits len bytes of UTF-8 text (invalid bytes cut like punctuation) into
 * its distinct candidate phrases, in order of first appearance, at most max
 * of them, into out. is_stop may be NULL (no stopwords). Returns how many. */
size_t themes_extract(const char *text, size_t len, theme_stop_fn is_stop, void *ctx,
		      theme_phrase *out, size_t max);

/* A phrase's key: 64-bit FNV-1a of its bytes with the top bit cleared (it
 * fits a signed BIGINT). */
long long themes_hash(const char *s, size_t n);

/* Signed G² of a phrase that a of n1 target items and b of n2 reference
 * items mention: >= 0 when the target mentions it at least as often (by
 * share), negative when less. 0 for impossible counts (a > n1, n1 <= 0...). */
double themes_g2(long long a, long long n1, long long b, long long n2);

/* The sentence of text that mentions phrase (words compared lowercased, as
 * themes_extract makes them), cut to about max_bytes around the mention with
 * "…" where it was cut, appended to out. Returns 0, E_NOTFOUND when the
 * text does not mention it (out unchanged) or E_NOMEM. */
int themes_quote(const char *text, size_t len, const char *phrase, size_t max_bytes, strbuf *out);

#endif
