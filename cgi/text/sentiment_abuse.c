/* sentiment_abuse.c: sentiment_abuse, whether a text insults people (the
 * rule is in sentiment.h; the terms in cgi/text/lexicon/abuse_*.tsv).
 *
 * The score comes from sentiment_score; the text is then split and stemmed
 * again in its language to find the abuse terms, clause by clause. The
 * abuse tables are apart from the scoring tables, so an abuse term changes
 * a score only through the valence its list gives a word the lexicons lack.
 */
#include "text/sentiment_internal.h"
#include "base/err.h"

#include <libstemmer.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One word or phrase of the text, as the abuse rule sees it. */
typedef struct hit {
	unsigned flags;   /* AB_*: what the term is; 0 for any other word */
	int negator;      /* a negator of the language ("not", "no", "n't") */
	size_t clause;    /* which clause it is in */
	size_t pos;       /* its place among the words of the text */
	size_t tok, span; /* its tokens (for the term's text) */
} hit;

/* How far back a negator reaches an insult: one word further than the
 * scoring window, for "I don't think you're an idiot". */
#define NEGATION_REACH (SENTIMENT_AIM_WINDOW + 1)

static const sent_entry *abuse_get(const sent_lang *l, const char *key, size_t n)
{
	const sent_entry *e = sent_table_get(&l->abuse, key, n);

	return e && e->flags ? e : NULL;
}

/* The abuse phrase of the most words (2 or more) starting at token i, its
 * flags into *flags and its length in tokens returned; 0 when none. */
static size_t phrase_at(const sent_lang *l, const sent_tokens *tk, size_t i, strbuf *key,
			unsigned *flags, int *rc)
{
	size_t most = 0, n, k;

	while ((int)most < l->max_abuse_phrase && i + most < tk->n && tk->t[i + most].kind == TK_WORD)
		most++;
	for (n = most; n >= 2; n--) {
		const sent_entry *e;

		key->len = 0;
		for (k = 0; k < n && *rc == 0; k++) {
			if (k > 0)
				*rc = strbuf_append(key, " ", 1);
			if (*rc == 0)
				*rc = strbuf_append(key, sent_tok_stem(tk, i + k), tk->t[i + k].stem_len);
		}
		if (*rc != 0)
			return 0;
		e = abuse_get(l, key->s, key->len);
		if (e) {
			*flags = e->flags & ~(unsigned)AB_TARGET;
			return n;
		}
	}
	return 0;
}

/* What word i is: by its folded form, then (unless the entry is exact
 * only) by its stem, in the text's language; an insult of the other
 * language by its folded form ("you gilipollas"). Targets only by form. */
static unsigned word_flags(const sentiment_model *m, enum sent_lang_id lang, const sent_tokens *tk,
			   size_t i)
{
	const sent_token *t = &tk->t[i];
	const char *w = sent_tok_text(tk, i);
	const sent_entry *e = abuse_get(&m->lang[lang], w, t->len);
	unsigned f = e ? e->flags & ~(unsigned)AB_EXACT : 0;

	if (!(f & ~(unsigned)AB_TARGET) && t->stem_len > 0) {
		e = abuse_get(&m->lang[lang], sent_tok_stem(tk, i), t->stem_len);
		if (e && !(e->flags & AB_EXACT))
			f |= e->flags & ~(unsigned)AB_TARGET;
	}
	if (f == 0) {
		e = abuse_get(&m->lang[!lang], w, t->len);
		if (e)
			f = e->flags & (AB_INSULT | AB_ATTACK);
	}
	return f;
}

static int is_negator(const sent_lang *l, const sent_tokens *tk, size_t i)
{
	const sent_entry *e = sent_table_get(&l->words, sent_tok_text(tk, i), tk->t[i].len);
	const char *w = sent_tok_text(tk, i);
	size_t n = tk->t[i].len;

	return (e && (e->flags & SF_NEGATOR)) || (n > 3 && memcmp(w + n - 3, "n't", 3) == 0);
}

/* Splits the stemmed tokens into hits, one per word or abuse phrase.
 * Returns the number of hits, or -1 when out of memory. */
static long find_hits(const sentiment_model *m, enum sent_lang_id lang, const sent_tokens *tk,
		      hit *h)
{
	strbuf key = STRBUF_INIT;
	size_t i = 0, nh = 0, clause = 0, pos = 0;
	int rc = 0;

	while (i < tk->n) {
		const sent_token *t = &tk->t[i];
		unsigned flags = 0;
		size_t span;

		if (t->kind == TK_BREAK || t->kind == TK_STOP) {
			clause++;
			i++;
			continue;
		}
		if (t->kind != TK_WORD) {
			i++;
			continue;
		}
		span = phrase_at(&m->lang[lang], tk, i, &key, &flags, &rc);
		if (rc != 0)
			break;
		if (span == 0) {
			span = 1;
			flags = word_flags(m, lang, tk, i);
		}
		h[nh].flags = flags;
		h[nh].negator = span == 1 && is_negator(&m->lang[lang], tk, i);
		h[nh].clause = clause;
		h[nh].pos = pos++;
		h[nh].tok = i;
		h[nh].span = span;
		nh++;
		i += span;
	}
	strbuf_free(&key);
	return rc == 0 ? (long)nh : -1;
}

/* Whether an abuse term at hit k is negated: a negator before it within
 * reach, in its clause. */
static int negated(const hit *h, size_t k)
{
	size_t j;

	for (j = 1; j <= NEGATION_REACH && j <= k && h[k - j].clause == h[k].clause; j++)
		if (h[k - j].negator)
			return 1;
	return 0;
}

/* Whether the term at hit k is aimed at someone: a target within the
 * window in its clause, or the term alone in its clause. */
static int aimed_at(const hit *h, size_t nh, size_t k)
{
	size_t j, words = 0;

	for (j = 0; j < nh; j++) {
		if (h[j].clause != h[k].clause)
			continue;
		words++;
		if ((h[j].flags & AB_TARGET) &&
		    (h[j].pos > h[k].pos ? h[j].pos - h[k].pos : h[k].pos - h[j].pos) <=
		    SENTIMENT_AIM_WINDOW)
			return 1;
	}
	return words == 1 && (h[k].flags & AB_INSULT);
}

/* The folded words of the term at hit x, one space apart, into out. */
static void term_text(const sent_tokens *tk, const hit *x, char *out, size_t size)
{
	size_t i, used = 0;

	out[0] = '\0';
	for (i = x->tok; i < x->tok + x->span && used < size; i++) {
		int n = snprintf(out + used, size - used, "%s%s", i > x->tok ? " " : "",
				 sent_tok_text(tk, i));
		if (n < 0)
			break;
		used += (size_t)n;
	}
}

static void judge(const sent_tokens *tk, const hit *h, size_t nh, sentiment_abuse_result *out)
{
	size_t k;

	for (k = 0; k < nh; k++) {
		unsigned f = h[k].flags;
		int counts = 0;

		if (!(f & (AB_INSULT | AB_HARSH | AB_ATTACK)) || negated(h, k))
			continue;
		if ((f & AB_ATTACK) || aimed_at(h, nh, k)) {
			out->aimed = 1;
			counts = 1;
		}
		if (f & AB_INSULT) {
			out->insults++;
			counts = 1;
		}
		if (counts && out->term[0] == '\0')
			term_text(tk, &h[k], out->term, sizeof(out->term));
	}
	out->abusive = out->aimed || out->insults >= 2;
	if (!out->abusive)
		out->term[0] = '\0';
}

int sentiment_abuse(const sentiment_model *m, const char *text, size_t len,
		    sentiment_abuse_result *out)
{
	sentiment_result res;
	sent_tokens tk = SENT_TOKENS_INIT;
	struct sb_stemmer *st = NULL;
	enum sent_lang_id lang;
	hit *h = NULL;
	long nh = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	memcpy(out->lang, "en", 3);
	if (m == NULL || text == NULL || len == 0)
		return 0;
	rc = sentiment_score(m, text, len, &res);
	if (rc != 0)
		return rc;
	out->score = res.score;
	memcpy(out->lang, res.lang, sizeof(out->lang));
	/* a text that is not negative is never abusive: spare the work */
	if (res.score > -SENTIMENT_THRESHOLD)
		return 0;
	lang = strcmp(res.lang, "es") == 0 ? SL_ES : SL_EN;
	rc = sent_tokenize(text, len, &m->symbols, &tk);
	if (rc == 0 && tk.n > 0) {
		st = sb_stemmer_new(m->lang[lang].stemmer, NULL);
		h = calloc(tk.n, sizeof(*h));
		if (st == NULL || h == NULL)
			rc = E_NOMEM;
		if (rc == 0)
			rc = sent_stem_tokens(&tk, st, lang == SL_ES);
		if (rc == 0 && (nh = find_hits(m, lang, &tk, h)) < 0)
			rc = E_NOMEM;
		if (rc == 0)
			judge(&tk, h, (size_t)nh, out);
	}
	if (rc != 0) {
		memset(out, 0, sizeof(*out));
		memcpy(out->lang, "en", 3);
	}
	free(h);
	sb_stemmer_delete(st);
	sent_tokens_free(&tk);
	return rc;
}
