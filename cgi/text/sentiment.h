/* sentiment.h: the sentiment of a text in Spanish or English.
 *
 * A lexicon method with the rules of VADER (Hutto and Gilbert, 2014):
 * booster and dampener words, a negation window, contrast words ("but",
 * "pero", "sin embargo"), ALL CAPS and "!" for emphasis, and a score
 * normalised into [-1, 1]. Spanish negative concord ("no me gustó nada")
 * negates once. The language of each text is detected from stopwords.
 *
 * Ownership: a sentiment_model is owned by the process. A program calls
 * sentiment_load once at start-up and sentiment_free once at exit. The model
 * is read-only afterwards: sentiment_score never changes it, keeps nothing
 * between calls and may be called from any number of threads at once. Every
 * buffer sentiment_score needs is its own, freed before it returns.
 *
 * The lexicons are published packages installed by `make deps` under
 * node_modules (see sentiment_load.c for which files); the project's own
 * rules, review-domain words, emoji table and abuse lists are
 * cgi/text/lexicon/.
 */
#ifndef TERTULIA_SENTIMENT_H
#define TERTULIA_SENTIMENT_H

#include <stddef.h>

typedef struct sentiment_model sentiment_model;

enum sentiment_label {
	SENTIMENT_NEGATIVE = -1,
	SENTIMENT_NEUTRAL = 0,
	SENTIMENT_POSITIVE = 1
};

/* A score at or above this is positive, at or below its negative is
 * negative, in between neutral (VADER's compound thresholds). */
#define SENTIMENT_THRESHOLD 0.05

typedef struct sentiment_result {
	enum sentiment_label label;
	double score;   /* in [-1, 1]; 0 for a text with nothing to score */
	char lang[3];   /* "es" or "en" */
} sentiment_result;

/* Reads the lexicons: the packages under node_modules_dir (the config key
 * sentiment.lexicon_dir, "node_modules" by default) and our lists in
 * domain_dir (sentiment.domain_dir, "cgi/text/lexicon" by default). On
 * success *out is a model the caller owns (free it with sentiment_free).
 * Returns 0, E_IO (a file is missing or unreadable: logged, naming it),
 * E_INVALID (a file is malformed: logged with its line) or E_NOMEM. */
int sentiment_load(sentiment_model **out, const char *node_modules_dir,
		   const char *domain_dir);

/* Frees everything the model holds. NULL is fine. */
void sentiment_free(sentiment_model *m);

/* Scores len bytes of UTF-8 text (invalid bytes are skipped, NULs are
 * spaces; an empty text is neutral 0 in English). Work is linear in len.
 * Returns 0 or E_NOMEM; on E_NOMEM *out is neutral 0. */
int sentiment_score(const sentiment_model *m, const char *text, size_t len,
		    sentiment_result *out);

/* "negative", "neutral" or "positive". Constant. */
const char *sentiment_label_name(enum sentiment_label label);

/* The language of len bytes of text for rules that depend on it (watched
 * words): "es" or "en" into out when its stopwords, Spanish marks or
 * lexicon words lean that way; "" when they do not (an empty text, a
 * name, a link, emoji alone, as many words of each). m may be NULL (then
 * ""). Returns 0 or E_NOMEM (out is then ""). */
int sentiment_detect(const sentiment_model *m, const char *text, size_t len, char out[3]);

/* Abuse: insults aimed at people, not harsh opinions of things. A text is
 * abusive when its sentiment score is negative (at or below
 * -SENTIMENT_THRESHOLD) and either
 *   - abuse is aimed at someone: an attack ("shut up", "cállate", "vete a
 *     la mierda"); or an insult or harsh word ("idiot", "imbécil",
 *     "stupid", "inútil") within AIM_WINDOW words of a word addressing the
 *     reader ("you", "eres", "usted", "te") in the same clause; or an
 *     insult that is a clause by itself ("Idiota, ..."); or
 *   - it holds two or more insults (harsh words, which also describe
 *     things, do not count here).
 * A negated insult ("you're not an idiot", "I don't think you're an
 * idiot": a negator up to SENTIMENT_AIM_WINDOW + 1 words before it in its
 * clause) counts for nothing. Terms come from abuse_en.tsv and
 * abuse_es.tsv, matched by Snowball stem unless marked exact, in the
 * text's language (insults of the other language by their exact form, for
 * mixed texts). "This kettle is awful, stupid design" is a harsh review
 * and not abusive: no one is addressed and "stupid" is a harsh word, not
 * an insult. */
#define SENTIMENT_AIM_WINDOW 3

typedef struct sentiment_abuse_result {
	int abusive;        /* 1: the rule above holds */
	int aimed;          /* abuse aimed at someone was found */
	int insults;        /* insults found (not negated) */
	double score;       /* the text's sentiment score */
	char lang[3];       /* the text's language, as sentiment_score says */
	char term[48];      /* the first abuse term that counted, folded ("" none) */
} sentiment_abuse_result;

/* Says whether len bytes of text are abusive (the rule above), filling
 * *out. Linear in len, like sentiment_score; the model is only read.
 * Returns 0 or E_NOMEM (then *out says not abusive). */
int sentiment_abuse(const sentiment_model *m, const char *text, size_t len,
		    sentiment_abuse_result *out);

#endif
