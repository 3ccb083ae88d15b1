/* sentiment_internal.h: what the sentiment_*.c files share. Not for callers
 * of the sentiment API (include sentiment.h), but for its unit test.
 *
 *   sentiment_table.c  the string -> entry hash table
 *   sentiment_json.c   reads the flat JSON objects of the Spanish lexicon
 *   sentiment_load.c   sentiment_load / sentiment_free: fills the tables
 *   sentiment_token.c  splits UTF-8 text into folded words and marks
 *   sentiment_lang.c   tells Spanish from English by stopwords
 *   sentiment.c        the VADER rules and sentiment_score
 *   sentiment_abuse.c  sentiment_abuse: insults aimed at people
 *
 * Valences are on VADER's scale, about -4 (worst) to +4 (best).
 */
#ifndef TERTULIA_SENTIMENT_INTERNAL_H
#define TERTULIA_SENTIMENT_INTERNAL_H

#include "text/sentiment.h"
#include "base/str.h"

#include <stddef.h>

struct sb_stemmer;

enum sent_lang_id { SL_EN = 0, SL_ES = 1, SL_COUNT = 2 };

/* What an entry of a table is. One entry may be several things at once
 * (English "no" has a valence and negates). */
enum {
	SF_VALENCE = 1 << 0,    /* valence holds a sentiment */
	SF_NEGATOR = 1 << 1,    /* negates what follows in its window */
	SF_BOOSTER = 1 << 2,    /* boost: + intensifies, - dampens what follows */
	SF_CONTRAST = 1 << 3,   /* "but": what follows outweighs what came before */
	SF_CONCESSIVE = 1 << 4, /* "although": its own clause weighs less */
	SF_STOP = 1 << 5,       /* a stopword of its language (detection) */
	SF_SUBJECT = 1 << 6,    /* a subject or auxiliary: "like" after it is a verb */
	SF_VERB_ONLY = 1 << 7   /* a valence only as a verb (English "like") */
};

/* What an entry of a language's abuse table is (abuse_*.tsv). */
enum {
	AB_INSULT = 1 << 0,     /* names a person with contempt */
	AB_HARSH = 1 << 1,      /* an insult only when aimed at someone */
	AB_ATTACK = 1 << 2,     /* aimed by itself ("shut up") */
	AB_TARGET = 1 << 3,     /* addresses the reader ("you", "eres") */
	AB_EXACT = 1 << 4       /* keyed by its folded form only, never a stem */
};

typedef struct sent_entry {
	char *key;      /* owned; NULL for an empty slot */
	float valence;
	float boost;
	unsigned flags;
} sent_entry;

/* Open addressing, linear probing; cap is a power of two or 0. */
typedef struct sent_table {
	sent_entry *slots;
	size_t cap, n;
} sent_table;

/* Finds key, inserting a zeroed entry when absent. Returns 0 or E_NOMEM. */
int sent_table_put(sent_table *t, const char *key, size_t len, sent_entry **out);
/* The entry for key, or NULL. Borrowed from the table. */
const sent_entry *sent_table_get(const sent_table *t, const char *key, size_t len);
void sent_table_free(sent_table *t);

typedef struct sent_lang {
	const char *code;      /* "en", "es" */
	const char *stemmer;   /* libstemmer algorithm name */
	sent_table words;      /* folded word -> entry (exact forms) */
	sent_table stems;      /* stem -> valence (inflected forms) */
	sent_table phrases;    /* stems joined by one space -> entry */
	int max_phrase;        /* most words in a phrase */
	/* abuse terms: folded form, stem, or stems joined by one space ->
	 * entry whose flags are AB_* (kept apart so that they never change a
	 * score) */
	sent_table abuse;
	int max_abuse_phrase;
} sent_lang;

struct sentiment_model {
	sent_lang lang[SL_COUNT];
	sent_table symbols;    /* emoji (UTF-8, no U+FE0F) and ASCII emoticons */
};

/* Reads a flat JSON object of string keys and number values, calling fn for
 * each pair (key unescaped, not NUL-terminated). Stops at fn's first
 * non-zero return and returns it; E_INVALID for malformed text. */
int sent_json_each(const char *text, size_t n,
		   int (*fn)(void *ctx, const char *key, size_t klen, double v),
		   void *ctx);

/* ---- tokens ---- */

enum sent_tok_kind {
	TK_WORD,    /* letters and digits, folded */
	TK_SYMBOL,  /* an emoji or emoticon, as written */
	TK_BREAK,   /* a clause mark: , ; : ( ) and dashes */
	TK_STOP     /* a sentence end: . ! ? ... and line breaks */
};

typedef struct sent_token {
	enum sent_tok_kind kind;
	unsigned char upper;   /* a word of 2+ letters in capitals */
	unsigned char intense; /* a Spanish superlative, stemmed from its base */
	size_t off, len;       /* the folded text, in sent_tokens.buf */
	size_t stem_off, stem_len; /* its stem, once sent_stem_tokens ran */
} sent_token;

typedef struct sent_tokens {
	sent_token *t;
	size_t n, cap;
	strbuf buf;            /* folded words and stems, each NUL-terminated */
	int exclaims;          /* '!' in the text */
	int questions;         /* '?' in the text */
	int spanish_marks;     /* ñ, accented vowels, ¿ and ¡ */
	int upper_words;       /* words in capitals */
	int words;
} sent_tokens;

#define SENT_TOKENS_INIT { NULL, 0, 0, STRBUF_INIT, 0, 0, 0, 0, 0 }

/* Splits text into tokens. symbols (may be NULL) names the emoticons to
 * recognise. Returns 0 or E_NOMEM. */
int sent_tokenize(const char *text, size_t len, const sent_table *symbols,
		  sent_tokens *out);
void sent_tokens_free(sent_tokens *tk);
/* The folded text and the stem of token i (NUL-terminated, borrowed). */
const char *sent_tok_text(const sent_tokens *tk, size_t i);
const char *sent_tok_stem(const sent_tokens *tk, size_t i);

/* Lowercases and removes accents: "Decepción" -> "decepcion". Appends the
 * folded form of n bytes of UTF-8 to out. Returns 0 or E_NOMEM. */
int sent_fold(const char *s, size_t n, strbuf *out);

/* Stems every word token with st (made for the text's language). With
 * spanish set, an absolute superlative is stemmed from its base form
 * ("buenísimos" as "bueno") and marked intense. */
int sent_stem_tokens(sent_tokens *tk, struct sb_stemmer *st, int spanish);
/* The stem of one folded word into out (replacing its contents). */
int sent_stem_word(struct sb_stemmer *st, const char *w, size_t n, strbuf *out);

/* ---- language ---- */

/* The stopword and mark votes: 1 for Spanish, -1 for English, 0 a tie. */
int sent_lang_votes(const sentiment_model *m, const sent_tokens *tk);
/* The language of the tokens into *out: by the votes, and on a tie by the
 * words each language's lexicons know (stemming the tokens with st[lang]).
 * Returns 0 or E_NOMEM. */
int sent_detect_lang(const sentiment_model *m, sent_tokens *tk,
		     struct sb_stemmer *st[SL_COUNT], enum sent_lang_id *out);
/* As sent_detect_lang, and *decided says whether the text leaned either
 * way (0: a tie of votes and of known words, *out then SL_EN). */
int sent_guess_lang(const sentiment_model *m, sent_tokens *tk,
		    struct sb_stemmer *st[SL_COUNT], enum sent_lang_id *out, int *decided);

#endif
