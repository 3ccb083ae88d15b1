/* sentiment.c: sentiment_score, the rules of VADER (Hutto and Gilbert, 2014)
 * over the tokens of a text (see sentiment.h and sentiment_internal.h).
 *
 * Each word, phrase or emoji found in the lexicons of the text's language
 * brings its valence, changed by what comes before it in its clause: up to
 * three boosters or dampeners ("very", "muy", "somewhat"), a negation in the
 * same window (flipping once however many negators there are, for Spanish
 * negative concord: "no me gustó nada"), and ALL CAPS. Contrast words weigh
 * what follows them more than what came before ("good but expensive"); a
 * concessive clause weighs less ("aunque tardó, funciona"). The sum, with
 * "!" and "?" emphasis, is normalised by x / sqrt(x² + 15).
 */
#include "text/sentiment_internal.h"
#include "base/err.h"

#include <libstemmer.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* VADER's empirically derived constants. */
#define C_INCR 0.733      /* a word in capitals among others that are not */
#define B_INCR 0.293      /* a booster; also a Spanish superlative ("-ísimo") */
#define N_SCALAR -0.74    /* a negated valence */
#define EXCLAIM 0.292     /* each '!', up to 4 */
#define ALPHA 15.0        /* normalisation */
#define WINDOW 3          /* words before a valence that boost or negate it */
#define BEFORE_CONTRAST 0.5
#define AFTER_CONTRAST 1.5
#define CONCESSIVE 0.5
/* Ours: a negation with nothing to negate in its window is a mild complaint
 * in a review ("doesn't hold a charge", "no calienta"). */
#define UNMET -0.8

/* A word, phrase, symbol or mark of the text, with its valence. */
typedef struct unit {
	enum sent_tok_kind kind;
	const sent_entry *e;  /* what the lexicons say; NULL when nothing */
	unsigned char upper;  /* written in capitals */
	unsigned char intense; /* a superlative found by its base's stem */
	double valence;
} unit;

/* English contractions with n't negate ("didn't", "isn't"). */
static const sent_entry NT_NEGATOR = { NULL, 0, 0, SF_NEGATOR };

const char *sentiment_label_name(enum sentiment_label label)
{
	return label == SENTIMENT_POSITIVE ? "positive" :
	       label == SENTIMENT_NEGATIVE ? "negative" : "neutral";
}

static int is_word_like(const unit *u)
{
	return u->kind == TK_WORD || u->kind == TK_SYMBOL;
}

static int has_valence(const unit *u)
{
	return u->e && (u->e->flags & SF_VALENCE) && !(u->e->flags & SF_BOOSTER) &&
	       u->e->valence != 0;
}

/* The phrase of n words starting at token i in language l, into *out
 * (NULL when none). Returns 0 or E_NOMEM. */
static int phrase_at(const sent_lang *l, const sent_tokens *tk, size_t i, size_t n,
		     strbuf *key, const sent_entry **out)
{
	size_t k;

	key->len = 0;
	for (k = 0; k < n; k++) {
		if ((k > 0 && strbuf_append(key, " ", 1) != 0) ||
		    strbuf_append(key, sent_tok_stem(tk, i + k), tk->t[i + k].stem_len) != 0)
			return E_NOMEM;
	}
	*out = sent_table_get(&l->phrases, key->s, key->len);
	return 0;
}

/* What the lexicons say of word i alone: the exact form, else its stem
 * (*by_stem set), else the exact form in the other language (mixed texts). */
static const sent_entry *word_at(const sentiment_model *m, enum sent_lang_id lang,
				 const sent_tokens *tk, size_t i, int *by_stem)
{
	const sent_token *t = &tk->t[i];
	const char *w = sent_tok_text(tk, i);
	const sent_entry *e = sent_table_get(&m->lang[lang].words, w, t->len);

	if (t->len > 3 && memcmp(w + t->len - 3, "n't", 3) == 0 &&
	    !(e && (e->flags & (SF_NEGATOR | SF_VALENCE))))
		return &NT_NEGATOR;
	if (e)
		return e;
	e = sent_table_get(&m->lang[lang].stems, sent_tok_stem(tk, i), t->stem_len);
	if (e) {
		*by_stem = 1;
		return e;
	}
	e = sent_table_get(&m->lang[!lang].words, w, t->len);
	if (e && (e->flags & (SF_VALENCE | SF_NEGATOR | SF_BOOSTER | SF_CONTRAST | SF_CONCESSIVE)))
		return e;
	return NULL;
}

/* Turns tokens into units, joining the words of known phrases (longest
 * first; the other language's phrases too, which match when the stems
 * agree). Returns the number of units, or -1 when out of memory. */
static long build_units(const sentiment_model *m, enum sent_lang_id lang,
			const sent_tokens *tk, unit *u)
{
	strbuf key = STRBUF_INIT;
	size_t i = 0, nu = 0;
	size_t longest = (size_t)(m->lang[0].max_phrase > m->lang[1].max_phrase ?
				  m->lang[0].max_phrase : m->lang[1].max_phrase);

	while (i < tk->n) {
		const sent_token *t = &tk->t[i];
		unit *x = &u[nu++];
		size_t span = 1;

		memset(x, 0, sizeof(*x));
		x->kind = t->kind;
		x->upper = t->upper;
		if (t->kind == TK_SYMBOL) {
			x->e = sent_table_get(&m->symbols, sent_tok_text(tk, i), t->len);
		} else if (t->kind == TK_WORD) {
			size_t n, most = 0, l;

			while (most < longest && i + most < tk->n && tk->t[i + most].kind == TK_WORD)
				most++;
			for (l = 0; l < 2 && x->e == NULL; l++) {
				const sent_lang *lg = &m->lang[l == 0 ? lang : !lang];
				size_t top = most < (size_t)lg->max_phrase ? most : (size_t)lg->max_phrase;
				for (n = top; n >= 2 && x->e == NULL; n--) {
					if (phrase_at(lg, tk, i, n, &key, &x->e) != 0) {
						strbuf_free(&key);
						return -1;
					}
					if (x->e)
						span = n;
				}
			}
			if (x->e == NULL) {
				int by_stem = 0;
				x->e = word_at(m, lang, tk, i, &by_stem);
				x->intense = t->intense && by_stem;
			}
		}
		i += span;
	}
	strbuf_free(&key);
	return (long)nu;
}

/* English "like" is a verb, with a valence, after a subject, an auxiliary,
 * a negator or a booster ("I like", "didn't like", "really like"); else a
 * preposition ("looks like"). */
static int verb_context(const unit *u, size_t k)
{
	size_t j;

	for (j = 1; j <= 2 && j <= k; j++) {
		const unit *p = &u[k - j];
		if (!is_word_like(p))
			return 0;
		if (p->e && (p->e->flags & (SF_SUBJECT | SF_NEGATOR | SF_BOOSTER)))
			return 1;
	}
	return 0;
}

/* VADER's sentiment_valence for unit k: its lexicon valence changed by
 * capitals and by the boosters and negators of its window. */
static double valence_of(const unit *u, size_t k, size_t nu, int cap_diff)
{
	const sent_entry *e = u[k].e;
	double v = e->valence;
	int negated = 0;
	size_t j;

	/* a negator with a valence of its own ("no") spends it on what follows */
	if ((e->flags & SF_NEGATOR) && k + 1 < nu && has_valence(&u[k + 1]))
		return 0;
	if ((e->flags & SF_VERB_ONLY) && !verb_context(u, k))
		return 0;
	if (u[k].upper && cap_diff)
		v += v > 0 ? C_INCR : -C_INCR;
	if (u[k].intense)
		v += v > 0 ? B_INCR : -B_INCR;
	for (j = 1; j <= WINDOW && j <= k; j++) {
		const unit *p = &u[k - j];
		const sent_entry *pe = p->e;

		if (!is_word_like(p))
			break;
		if (pe == NULL)
			continue;
		if (pe->flags & (SF_CONTRAST | SF_CONCESSIVE))
			break;
		if ((pe->flags & SF_BOOSTER) && !has_valence(p)) {
			double s = v < 0 ? -pe->boost : pe->boost;
			if (p->upper && cap_diff)
				s += v > 0 ? C_INCR : -C_INCR;
			v += s * (j == 1 ? 1.0 : j == 2 ? 0.95 : 0.9);
		}
		if (pe->flags & SF_NEGATOR)
			negated = 1;
	}
	return negated ? v * N_SCALAR : v;
}

/* Whether a valence follows negator k within its window and clause. */
static int negates_anything(const unit *u, size_t k, size_t nu)
{
	size_t j;

	for (j = k + 1; j < nu && j <= k + WINDOW; j++) {
		if (!is_word_like(&u[j]) || (u[j].e && (u[j].e->flags & (SF_CONTRAST | SF_CONCESSIVE))))
			return 0;
		if (has_valence(&u[j]))
			return 1;
	}
	return 0;
}

static void scale(unit *u, size_t from, size_t to, double by)
{
	for (; from < to; from++)
		u[from].valence *= by;
}

/* Contrast and concession within the sentence [a, b); [pa, pb) is the
 * sentence before it, which a contrast word starting a sentence answers. */
static void weigh_sentence(unit *u, size_t a, size_t b, size_t pa, size_t pb)
{
	size_t k, c = b, q;
	int seen = 0, seen_before = 0;

	for (k = a; k < b; k++) {
		if (u[k].e && (u[k].e->flags & SF_CONTRAST) && c == b) {
			c = k;
			seen_before = seen;
		}
		seen |= is_word_like(&u[k]) && !(u[k].e && (u[k].e->flags & SF_CONTRAST));
	}
	if (c < b) {
		if (seen_before)
			scale(u, a, c, BEFORE_CONTRAST);
		else
			scale(u, pa, pb, BEFORE_CONTRAST);
		scale(u, c + 1, b, AFTER_CONTRAST);
	}
	for (k = a; k < b; k++) {
		if (!(u[k].e && (u[k].e->flags & SF_CONCESSIVE)))
			continue;
		for (q = k + 1; q < b && u[q].kind != TK_BREAK; q++)
			u[q].valence *= CONCESSIVE;
		k = q;
	}
}

static double normalise(double x)
{
	double s = x / sqrt(x * x + ALPHA);

	return s < -1 ? -1 : s > 1 ? 1 : s;
}

static double emphasis(const sent_tokens *tk)
{
	double e = (tk->exclaims < 4 ? tk->exclaims : 4) * EXCLAIM;

	if (tk->questions > 1)
		e += tk->questions <= 3 ? tk->questions * 0.18 : 0.96;
	return e;
}

int sentiment_score(const sentiment_model *m, const char *text, size_t len,
		    sentiment_result *out)
{
	sent_tokens tk = SENT_TOKENS_INIT;
	struct sb_stemmer *st[SL_COUNT] = { NULL, NULL };
	enum sent_lang_id lang = SL_EN;
	unit *u = NULL;
	long nu = 0;
	size_t k, s0 = 0, pa = 0, pb = 0;
	double sum = 0;
	int rc = 0, cap_diff;

	out->label = SENTIMENT_NEUTRAL;
	out->score = 0;
	memcpy(out->lang, "en", 3);
	if (text == NULL || len == 0)
		return 0;
	rc = sent_tokenize(text, len, &m->symbols, &tk);
	if (rc != 0 || tk.n == 0)
		goto out;
	st[SL_EN] = sb_stemmer_new(m->lang[SL_EN].stemmer, NULL);
	st[SL_ES] = sb_stemmer_new(m->lang[SL_ES].stemmer, NULL);
	u = calloc(tk.n, sizeof(*u));
	if (st[SL_EN] == NULL || st[SL_ES] == NULL || u == NULL) {
		rc = E_NOMEM;
		goto out;
	}
	if ((rc = sent_detect_lang(m, &tk, st, &lang)) != 0)
		goto out;
	memcpy(out->lang, m->lang[lang].code, 3);
	if ((rc = sent_stem_tokens(&tk, st[lang], lang == SL_ES)) != 0)
		goto out;
	if ((nu = build_units(m, lang, &tk, u)) < 0) {
		rc = E_NOMEM;
		goto out;
	}
	cap_diff = tk.upper_words > 0 && tk.upper_words < tk.words;
	for (k = 0; k < (size_t)nu; k++)
		if (has_valence(&u[k]))
			u[k].valence = valence_of(u, k, (size_t)nu, cap_diff);
		else if (u[k].e && (u[k].e->flags & SF_NEGATOR) && !negates_anything(u, k, (size_t)nu))
			u[k].valence = UNMET;
	for (k = 0; k <= (size_t)nu; k++) {
		if (k < (size_t)nu && u[k].kind != TK_STOP)
			continue;
		weigh_sentence(u, s0, k, pa, pb);
		pa = s0;
		pb = k;
		s0 = k + 1;
	}
	for (k = 0; k < (size_t)nu; k++)
		sum += u[k].valence;
	if (sum > 0)
		sum += emphasis(&tk);
	else if (sum < 0)
		sum -= emphasis(&tk);
	out->score = normalise(sum);
	out->label = out->score >= SENTIMENT_THRESHOLD ? SENTIMENT_POSITIVE :
		     out->score <= -SENTIMENT_THRESHOLD ? SENTIMENT_NEGATIVE :
		     SENTIMENT_NEUTRAL;
out:
	if (rc != 0) {
		out->label = SENTIMENT_NEUTRAL;
		out->score = 0;
	}
	free(u);
	sb_stemmer_delete(st[SL_EN]);
	sb_stemmer_delete(st[SL_ES]);
	sent_tokens_free(&tk);
	return rc;
}
