/* sentiment_lang.c: tells Spanish from English. Each word that is a
 * stopword of one language only (rules_*.tsv, kind "stop") is a vote for
 * it; Spanish letters and marks (ñ, á, ¿, ¡ ...) are votes for Spanish.
 * On a tie (short texts: "Bueno", "Decepcionados") the language whose
 * lexicons know more of the words wins; a tie again, and an empty text or
 * emoji alone, is English for scoring; sentiment_detect says "" for it. */
#include "text/sentiment_internal.h"
#include "base/err.h"

#include <libstemmer.h>
#include <string.h>

static int is_stop(const sent_lang *l, const char *w, size_t n)
{
	const sent_entry *e = sent_table_get(&l->words, w, n);

	return e && (e->flags & SF_STOP);
}

int sent_lang_votes(const sentiment_model *m, const sent_tokens *tk)
{
	long es = tk->spanish_marks, en = 0;
	size_t i;

	for (i = 0; i < tk->n; i++) {
		const sent_token *t = &tk->t[i];
		const char *w;
		int in_es, in_en;

		if (t->kind != TK_WORD)
			continue;
		w = sent_tok_text(tk, i);
		in_es = is_stop(&m->lang[SL_ES], w, t->len);
		in_en = is_stop(&m->lang[SL_EN], w, t->len);
		if (in_es != in_en) {
			es += in_es;
			en += in_en;
		}
	}
	return es > en ? 1 : es < en ? -1 : 0;
}

/* How many words of the text lang's lexicons know, by form or by stem
 * (the tokens are stemmed for lang first). */
static long known_words(const sentiment_model *m, enum sent_lang_id lang, sent_tokens *tk,
			struct sb_stemmer *st, int *rc)
{
	const sent_lang *l = &m->lang[lang];
	long known = 0;
	size_t i;

	if ((*rc = sent_stem_tokens(tk, st, lang == SL_ES)) != 0)
		return 0;
	for (i = 0; i < tk->n; i++) {
		const sent_token *t = &tk->t[i];
		const sent_entry *e;

		if (t->kind != TK_WORD)
			continue;
		e = sent_table_get(&l->words, sent_tok_text(tk, i), t->len);
		if (e == NULL)
			e = sent_table_get(&l->stems, sent_tok_stem(tk, i), t->stem_len);
		known += e && (e->flags & (SF_VALENCE | SF_NEGATOR | SF_BOOSTER | SF_STOP));
	}
	return known;
}

int sent_guess_lang(const sentiment_model *m, sent_tokens *tk, struct sb_stemmer *st[SL_COUNT],
		    enum sent_lang_id *out, int *decided)
{
	int votes = sent_lang_votes(m, tk), rc = 0;
	long es, en = 0;

	*decided = 1;
	if (votes != 0) {
		*out = votes > 0 ? SL_ES : SL_EN;
		return 0;
	}
	es = known_words(m, SL_ES, tk, st[SL_ES], &rc);
	if (rc == 0)
		en = known_words(m, SL_EN, tk, st[SL_EN], &rc);
	*out = rc == 0 && es > en ? SL_ES : SL_EN;
	*decided = rc == 0 && es != en;
	return rc;
}

int sent_detect_lang(const sentiment_model *m, sent_tokens *tk, struct sb_stemmer *st[SL_COUNT],
		     enum sent_lang_id *out)
{
	int decided;

	return sent_guess_lang(m, tk, st, out, &decided);
}

int sentiment_detect(const sentiment_model *m, const char *text, size_t len, char out[3])
{
	sent_tokens tk = SENT_TOKENS_INIT;
	struct sb_stemmer *st[SL_COUNT] = { NULL, NULL };
	enum sent_lang_id lang = SL_EN;
	int rc, decided = 0;

	out[0] = '\0';
	if (m == NULL || text == NULL || len == 0)
		return 0;
	rc = sent_tokenize(text, len, &m->symbols, &tk);
	if (rc == 0 && tk.n > 0) {
		st[SL_EN] = sb_stemmer_new(m->lang[SL_EN].stemmer, NULL);
		st[SL_ES] = sb_stemmer_new(m->lang[SL_ES].stemmer, NULL);
		if (st[SL_EN] == NULL || st[SL_ES] == NULL)
			rc = E_NOMEM;
		else
			rc = sent_guess_lang(m, &tk, st, &lang, &decided);
	}
	if (rc == 0 && decided)
		memcpy(out, m->lang[lang].code, 3);
	sb_stemmer_delete(st[SL_EN]);
	sb_stemmer_delete(st[SL_ES]);
	sent_tokens_free(&tk);
	return rc;
}
