/* sentiment_load.c: sentiment_load and sentiment_free (see sentiment.h).
 *
 * Published lexicons, installed by `make deps` under node_modules:
 *   vader-sentiment/vader_lexicon.txt        English, VADER's own ratings
 *   @nlpjs/lang-es/src/sentiment/senticon_es.json   Spanish stems, [-1, 1]
 *   @nlpjs/lang-es/src/sentiment/afinn_es.json      Spanish stems, [-5, 5]
 * Ours, in domain_dir (cgi/text/lexicon):
 *   rules_en.tsv rules_es.tsv    kind <TAB> word or phrase [<TAB> value]
 *   domain_en.tsv domain_es.tsv  word or phrase <TAB> valence [<TAB> exact]
 *   emoji.tsv                    emoji <TAB> valence
 *   abuse_en.tsv abuse_es.tsv    kind <TAB> word or phrase [<TAB> valence]
 *                                [<TAB> exact]  (into the abuse tables)
 * Later files override earlier ones: ours correct the packages. The abuse
 * lists only fill in a valence the others lack.
 */
#include "text/sentiment_internal.h"
#include "base/err.h"
#include "base/log.h"
#include "base/str.h"

#include <errno.h>
#include <libstemmer.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define VADER_FILE "vader-sentiment/vader_lexicon.txt"
#define SENTICON_FILE "@nlpjs/lang-es/src/sentiment/senticon_es.json"
#define AFINN_ES_FILE "@nlpjs/lang-es/src/sentiment/afinn_es.json"

/* SentiCon's [-1, 1] and AFINN's [-5, 5] onto VADER's [-4, 4]: "buen"
 * (good) is 0.5 in SentiCon and 3 in AFINN; "good" is 1.9 in VADER.
 * AFINN comes first; SentiCon fills in the stems it lacks, but only its
 * stronger entries: its weak ones are mostly noise ("plastic" 0.75 is
 * strong and noise too, corrected in domain_es.tsv). */
#define SENTICON_SCALE 4.0
#define SENTICON_LEAST 0.5
#define AFINN_SCALE 0.65

/* What a loader works with: the model, the file being read (for messages)
 * and scratch buffers. */
typedef struct loader {
	sentiment_model *m;
	const char *path;
	int line;
	struct sb_stemmer *st;
	int spanish;          /* st is the Spanish stemmer */
	sent_table counts;   /* stem -> how many lexicon words were averaged */
	strbuf key, word;
	sent_tokens tk;
} loader;

static int read_all(const char *path, strbuf *out)
{
	char buf[8192];
	size_t n;
	FILE *f = fopen(path, "r");

	if (f == NULL) {
		log_error("sentiment: cannot open %s: %s (run make deps)", path, strerror(errno));
		return E_IO;
	}
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		if (strbuf_append(out, buf, n) != 0) {
			fclose(f);
			return E_NOMEM;
		}
	fclose(f);
	return 0;
}

static int malformed(loader *ld)
{
	log_error("sentiment: %s:%d: malformed line", ld->path, ld->line);
	return E_INVALID;
}

/* Folds text into ld->key; then, when it holds more than one word, replaces
 * it with the words' stems joined by one space. Stores the word count. */
static int make_key(loader *ld, const char *text, size_t n, int *words)
{
	size_t i;
	int rc;

	sent_tokens_free(&ld->tk);
	rc = sent_tokenize(text, n, NULL, &ld->tk);
	if (rc == 0)
		rc = sent_stem_tokens(&ld->tk, ld->st, ld->spanish);
	ld->key.len = 0;
	*words = 0;
	for (i = 0; rc == 0 && i < ld->tk.n; i++) {
		if (ld->tk.t[i].kind != TK_WORD)
			continue;
		if (*words > 0)
			rc = strbuf_append(&ld->key, " ", 1);
		if (rc == 0)
			rc = strbuf_puts(&ld->key, sent_tok_stem(&ld->tk, i));
		(*words)++;
	}
	if (rc == 0 && *words == 1) {
		ld->key.len = 0;
		rc = strbuf_puts(&ld->key, sent_tok_text(&ld->tk, 0));
	}
	if (rc == 0 && ld->key.s == NULL)
		rc = strbuf_append(&ld->key, "", 0);
	return rc;
}

/* The entry of text in lang: words for one word, phrases for more. */
static int entry_for(loader *ld, sent_lang *l, const char *text, size_t n,
		     sent_entry **out, int *words)
{
	int rc = make_key(ld, text, n, words);

	if (rc != 0)
		return rc;
	if (*words == 0)
		return malformed(ld);
	if (*words > l->max_phrase)
		l->max_phrase = *words;
	return sent_table_put(*words > 1 ? &l->phrases : &l->words, ld->key.s, ld->key.len, out);
}

/* Adds v to the running mean of stem's valence (lexicon words only). */
static int add_stem_mean(loader *ld, sent_lang *l, const char *stem, size_t n, double v)
{
	sent_entry *e, *c;
	int rc = sent_table_put(&l->stems, stem, n, &e);

	if (rc == 0)
		rc = sent_table_put(&ld->counts, stem, n, &c);
	if (rc != 0)
		return rc;
	c->valence += 1;
	e->valence += (float)((v - e->valence) / c->valence);
	e->flags |= SF_VALENCE;
	return 0;
}

/* Splits line [s, e) at tabs into at most max fields. Returns the count. */
static int split_tabs(const char *s, const char *e, const char **f, size_t *len, int max)
{
	int k = 0;

	while (k < max) {
		const char *t = memchr(s, '\t', (size_t)(e - s));
		if (t == NULL)
			t = e;
		f[k] = s;
		len[k] = (size_t)(t - s);
		k++;
		if (t == e)
			break;
		s = t + 1;
	}
	return k;
}

static int parse_number(const char *s, size_t n, double *out)
{
	char num[32], *end;

	if (n == 0 || n >= sizeof(num))
		return E_INVALID;
	memcpy(num, s, n);
	num[n] = '\0';
	*out = strtod(num, &end);
	return *end == '\0' ? 0 : E_INVALID;
}

/* Calls fn for each line of the file that is not blank or a # comment,
 * with its tab-separated fields. */
static int each_line(loader *ld, const char *path,
		     int (*fn)(loader *ld, const char **f, size_t *len, int nf, void *ctx),
		     void *ctx)
{
	strbuf text = STRBUF_INIT;
	const char *p, *end;
	int rc = read_all(path, &text);

	ld->path = path;
	ld->line = 0;
	p = text.s ? text.s : "";
	end = p + text.len;
	while (rc == 0 && p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p)), *le;
		const char *f[4];
		size_t len[4];
		int nf;

		le = nl ? nl : end;
		ld->line++;
		if (le > p && le[-1] == '\r')
			le--;
		if (le > p && *p != '#') {
			nf = split_tabs(p, le, f, len, 4);
			rc = fn(ld, f, len, nf, ctx);
		}
		p = nl ? nl + 1 : end;
	}
	strbuf_free(&text);
	return rc;
}

/* ---- the packages ---- */

/* An ASCII emoticon worth recognising: has : ; or =, or is a heart. */
static int is_emoticon(const char *s, size_t n)
{
	size_t i;
	int mark = 0;

	if (n == 2 && memcmp(s, "<3", 2) == 0)
		return 1;
	if (n == 3 && memcmp(s, "</3", 3) == 0)
		return 1;
	for (i = 0; i < n; i++) {
		if ((unsigned char)s[i] >= 0x80 || s[i] == ' ')
			return 0;
		mark |= s[i] == ':' || s[i] == ';' || s[i] == '=';
	}
	return mark;
}

static int is_plain_word(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || s[i] == '\''))
			return 0;
	return n > 0;
}

/* Whether word w is its stem plus an inflection ("loved" of "love",
 * "disappointing" of "disappoint", "happy" of "happi"), not a derivation
 * ("wonderful" of "wonder"): only those stand for the stem's other forms. */
static int inflection_of(const char *w, size_t n, const char *stem, size_t sn)
{
	static const char *const endings[] = {
		"", "s", "es", "ed", "d", "ing", "e", "y", "ly", "ies", "ied"
	};
	size_t k = 0, i;

	while (k < sn && k < n && w[k] == stem[k])
		k++;
	if (k + 1 == sn && k < n && stem[k] == 'i' && w[k] == 'y')
		k = sn - 1;   /* Snowball writes a final y as i: compare from the y */
	else if (k < sn)
		return 0;
	for (i = 0; i < sizeof(endings) / sizeof(endings[0]); i++)
		if (strlen(endings[i]) == n - k && memcmp(w + k, endings[i], n - k) == 0)
			return 1;
	return 0;
}

static int vader_line(loader *ld, const char **f, size_t *len, int nf, void *ctx)
{
	sent_lang *l = ctx;
	sent_entry *e;
	double v;
	int rc, words;

	if (nf < 2 || parse_number(f[1], len[1], &v) != 0)
		return malformed(ld);
	if (is_emoticon(f[0], len[0])) {
		rc = sent_table_put(&ld->m->symbols, f[0], len[0], &e);
	} else {
		/* other marks ("%)") are neither words nor emoticons we know */
		if ((rc = make_key(ld, f[0], len[0], &words)) != 0 || words == 0)
			return rc;
		rc = entry_for(ld, l, f[0], len[0], &e, &words);
	}
	if (rc != 0)
		return rc;
	e->valence = (float)v;
	e->flags |= SF_VALENCE;
	if (!is_emoticon(f[0], len[0]) && is_plain_word(f[0], len[0]) &&
	    (rc = sent_stem_word(ld->st, f[0], len[0], &ld->word)) == 0 &&
	    inflection_of(f[0], len[0], ld->word.s, ld->word.len))
		rc = add_stem_mean(ld, l, ld->word.s, ld->word.len, v);
	return rc;
}

typedef struct json_ctx {
	loader *ld;
	sent_lang *l;
	double scale, least;
} json_ctx;

/* One stem of a JSON list: kept when it is strong enough and no earlier
 * list named it. */
static int json_stem(void *ctx, const char *key, size_t klen, double v)
{
	json_ctx *j = ctx;
	sent_entry *e;
	int rc;

	if (v < j->least && v > -j->least)
		return 0;
	j->ld->word.len = 0;
	rc = sent_fold(key, klen, &j->ld->word);
	if (rc != 0 || j->ld->word.len == 0 || strchr(j->ld->word.s, ' ') != NULL)
		return rc;
	if ((rc = sent_table_put(&j->l->stems, j->ld->word.s, j->ld->word.len, &e)) != 0)
		return rc;
	if (!(e->flags & SF_VALENCE)) {
		e->valence = (float)(v * j->scale);
		e->flags |= SF_VALENCE;
	}
	return 0;
}

static int load_json_stems(loader *ld, sent_lang *l, const char *path, double scale,
			   double least)
{
	strbuf text = STRBUF_INIT;
	json_ctx j = { ld, l, scale, least };
	int rc = read_all(path, &text);

	if (rc == 0) {
		rc = sent_json_each(text.s ? text.s : "", text.len, json_stem, &j);
		if (rc == E_INVALID)
			log_error("sentiment: %s: not a flat JSON object of numbers", path);
	}
	strbuf_free(&text);
	return rc;
}

/* ---- our lists ---- */

static const struct {
	const char *kind;
	unsigned flag;
} rule_kinds[] = {
	{ "negator", SF_NEGATOR }, { "booster", SF_BOOSTER },
	{ "contrast", SF_CONTRAST }, { "concessive", SF_CONCESSIVE },
	{ "stop", SF_STOP }, { "subject", SF_SUBJECT }, { "verbonly", SF_VERB_ONLY },
	{ "phrase", 0 }
};

static int rules_line(loader *ld, const char **f, size_t *len, int nf, void *ctx)
{
	sent_lang *l = ctx;
	sent_entry *e;
	size_t k;
	double v = 0;
	int rc, words;

	if (nf < 2)
		return malformed(ld);
	for (k = 0; k < sizeof(rule_kinds) / sizeof(rule_kinds[0]); k++)
		if (strlen(rule_kinds[k].kind) == len[0] &&
		    memcmp(rule_kinds[k].kind, f[0], len[0]) == 0)
			break;
	if (k == sizeof(rule_kinds) / sizeof(rule_kinds[0]))
		return malformed(ld);
	if (rule_kinds[k].flag == SF_BOOSTER && (nf < 3 || parse_number(f[2], len[2], &v) != 0))
		return malformed(ld);
	if ((rc = entry_for(ld, l, f[1], len[1], &e, &words)) != 0)
		return rc;
	e->flags |= rule_kinds[k].flag;
	if (rule_kinds[k].flag == SF_BOOSTER)
		e->boost = (float)v;
	return 0;
}

static int domain_line(loader *ld, const char **f, size_t *len, int nf, void *ctx)
{
	sent_lang *l = ctx;
	sent_entry *e, *s;
	const char *stem;
	size_t i;
	double v;
	int rc, words;

	if (nf < 2 || parse_number(f[1], len[1], &v) != 0)
		return malformed(ld);
	if (nf >= 3 && !(len[2] == 5 && memcmp(f[2], "exact", 5) == 0))
		return malformed(ld);
	if ((rc = entry_for(ld, l, f[0], len[0], &e, &words)) != 0)
		return rc;
	e->valence = (float)v;
	e->flags |= SF_VALENCE;
	/* a single word also stands for its inflected forms (ld->tk holds it) */
	if (words != 1 || nf >= 3)
		return 0;
	for (i = 0; ld->tk.t[i].kind != TK_WORD; i++)
		;
	stem = sent_tok_stem(&ld->tk, i);
	if ((rc = sent_table_put(&l->stems, stem, strlen(stem), &s)) != 0)
		return rc;
	s->valence = (float)v;
	s->flags |= SF_VALENCE;
	return 0;
}

static const struct {
	const char *kind;
	unsigned flag;
} abuse_kinds[] = {
	{ "insult", AB_INSULT }, { "harsh", AB_HARSH }, { "attack", AB_ATTACK },
	{ "target", AB_TARGET }
};

/* Gives entry e of table t the valence v when it has none. An abuse term
 * the lexicons do not know ("gilipollas") then makes its text negative;
 * a valence they give is never overridden. */
static int fill_valence(sent_table *t, const char *key, size_t n, double v)
{
	sent_entry *e;
	int rc = sent_table_put(t, key, n, &e);

	if (rc == 0 && !(e->flags & SF_VALENCE)) {
		e->valence = (float)v;
		e->flags |= SF_VALENCE;
	}
	return rc;
}

static int abuse_put(sent_lang *l, const char *key, size_t n, unsigned flags)
{
	sent_entry *e;
	int rc = sent_table_put(&l->abuse, key, n, &e);

	if (rc == 0)
		e->flags |= flags;
	return rc;
}

/* kind <TAB> word or phrase [<TAB> valence] [<TAB> exact] (abuse_*.tsv):
 * a word is keyed by its folded form, and by its stem unless exact; a
 * phrase by its stems. */
static int abuse_line(loader *ld, const char **f, size_t *len, int nf, void *ctx)
{
	sent_lang *l = ctx;
	const sent_entry *known;
	const char *folded, *stem;
	size_t k;
	double v = 0;
	int rc, words, exact = 0, has_v = 0, i;

	if (nf < 2)
		return malformed(ld);
	for (k = 0; k < sizeof(abuse_kinds) / sizeof(abuse_kinds[0]); k++)
		if (strlen(abuse_kinds[k].kind) == len[0] &&
		    memcmp(abuse_kinds[k].kind, f[0], len[0]) == 0)
			break;
	if (k == sizeof(abuse_kinds) / sizeof(abuse_kinds[0]))
		return malformed(ld);
	for (i = 2; i < nf; i++) {
		if (len[i] == 5 && memcmp(f[i], "exact", 5) == 0)
			exact = 1;
		else if (parse_number(f[i], len[i], &v) == 0)
			has_v = 1;
		else
			return malformed(ld);
	}
	if ((rc = make_key(ld, f[1], len[1], &words)) != 0)
		return rc;
	if (words == 0)
		return malformed(ld);
	if (words > 1) {
		if (words > l->max_abuse_phrase)
			l->max_abuse_phrase = words;
		rc = abuse_put(l, ld->key.s, ld->key.len, abuse_kinds[k].flag);
		if (rc == 0 && has_v) {
			if (words > l->max_phrase)
				l->max_phrase = words;
			rc = fill_valence(&l->phrases, ld->key.s, ld->key.len, v);
		}
		return rc;
	}
	/* one word: ld->tk holds it, folded and stemmed */
	for (i = 0; ld->tk.t[i].kind != TK_WORD; i++)
		;
	folded = sent_tok_text(&ld->tk, (size_t)i);
	stem = sent_tok_stem(&ld->tk, (size_t)i);
	rc = abuse_put(l, folded, strlen(folded), abuse_kinds[k].flag | (exact ? AB_EXACT : 0));
	if (rc == 0 && !exact && abuse_kinds[k].flag != AB_TARGET)
		rc = abuse_put(l, stem, strlen(stem), abuse_kinds[k].flag);
	if (rc != 0 || !has_v)
		return rc;
	/* the valence where scoring looks: the exact form when the lexicons
	 * have it (sentiment.c reads it before the stem), else the stem */
	known = sent_table_get(&l->words, folded, strlen(folded));
	if (exact || known)
		return fill_valence(&l->words, folded, strlen(folded), v);
	known = sent_table_get(&l->stems, stem, strlen(stem));
	if (known && (known->flags & SF_VALENCE))
		return 0;
	return fill_valence(&l->stems, stem, strlen(stem), v);
}

static int emoji_line(loader *ld, const char **f, size_t *len, int nf, void *ctx)
{
	char key[32];
	size_t i, n = 0;
	sent_entry *e;
	double v;
	int rc;

	(void)ctx;
	if (nf < 2 || len[0] == 0 || len[0] >= sizeof(key) || parse_number(f[1], len[1], &v) != 0)
		return malformed(ld);
	/* drop U+FE0F (EF B8 8F), the emoji presentation selector */
	for (i = 0; i < len[0]; i++) {
		if (i + 2 < len[0] && memcmp(f[0] + i, "\xEF\xB8\x8F", 3) == 0) {
			i += 2;
			continue;
		}
		key[n++] = f[0][i];
	}
	if ((rc = sent_table_put(&ld->m->symbols, key, n, &e)) != 0)
		return rc;
	e->valence = (float)v;
	e->flags |= SF_VALENCE;
	return 0;
}

static int path_join(char *out, size_t size, const char *dir, const char *name)
{
	int n = snprintf(out, size, "%s/%s", dir, name);

	if (n < 0 || (size_t)n >= size) {
		log_error("sentiment: path too long: %s/%s", dir, name);
		return E_INVALID;
	}
	return 0;
}

/* Loads one language: the packages, then our rules, domain words and
 * abuse terms. */
static int load_lang(loader *ld, enum sent_lang_id id, const char *nm, const char *dd)
{
	sent_lang *l = &ld->m->lang[id];
	char path[4096];
	int rc;

	ld->st = sb_stemmer_new(l->stemmer, NULL);
	ld->spanish = id == SL_ES;
	if (ld->st == NULL)
		return E_NOMEM;
	sent_table_free(&ld->counts);
	if (id == SL_EN) {
		rc = path_join(path, sizeof(path), nm, VADER_FILE);
		if (rc == 0)
			rc = each_line(ld, path, vader_line, l);
	} else {
		rc = path_join(path, sizeof(path), nm, AFINN_ES_FILE);
		if (rc == 0)
			rc = load_json_stems(ld, l, path, AFINN_SCALE, 0);
		if (rc == 0)
			rc = path_join(path, sizeof(path), nm, SENTICON_FILE);
		if (rc == 0)
			rc = load_json_stems(ld, l, path, SENTICON_SCALE, SENTICON_LEAST);
	}
	if (rc == 0)
		rc = path_join(path, sizeof(path), dd, id == SL_EN ? "rules_en.tsv" : "rules_es.tsv");
	if (rc == 0)
		rc = each_line(ld, path, rules_line, l);
	if (rc == 0)
		rc = path_join(path, sizeof(path), dd, id == SL_EN ? "domain_en.tsv" : "domain_es.tsv");
	if (rc == 0)
		rc = each_line(ld, path, domain_line, l);
	if (rc == 0)
		rc = path_join(path, sizeof(path), dd, id == SL_EN ? "abuse_en.tsv" : "abuse_es.tsv");
	if (rc == 0)
		rc = each_line(ld, path, abuse_line, l);
	sb_stemmer_delete(ld->st);
	ld->st = NULL;
	return rc;
}

int sentiment_load(sentiment_model **out, const char *node_modules_dir, const char *domain_dir)
{
	loader ld;
	char path[4096];
	int rc;

	memset(&ld, 0, sizeof(ld));
	*out = NULL;
	ld.m = calloc(1, sizeof(*ld.m));
	if (ld.m == NULL)
		return E_NOMEM;
	ld.m->lang[SL_EN].code = "en";
	ld.m->lang[SL_EN].stemmer = "english";
	ld.m->lang[SL_ES].code = "es";
	ld.m->lang[SL_ES].stemmer = "spanish";
	rc = load_lang(&ld, SL_EN, node_modules_dir, domain_dir);
	if (rc == 0)
		rc = load_lang(&ld, SL_ES, node_modules_dir, domain_dir);
	if (rc == 0)
		rc = path_join(path, sizeof(path), domain_dir, "emoji.tsv");
	if (rc == 0)
		rc = each_line(&ld, path, emoji_line, NULL);
	sent_table_free(&ld.counts);
	strbuf_free(&ld.key);
	strbuf_free(&ld.word);
	sent_tokens_free(&ld.tk);
	if (rc != 0) {
		sentiment_free(ld.m);
		return rc;
	}
	*out = ld.m;
	return 0;
}

void sentiment_free(sentiment_model *m)
{
	int i;

	if (m == NULL)
		return;
	for (i = 0; i < SL_COUNT; i++) {
		sent_table_free(&m->lang[i].words);
		sent_table_free(&m->lang[i].stems);
		sent_table_free(&m->lang[i].phrases);
		sent_table_free(&m->lang[i].abuse);
	}
	sent_table_free(&m->symbols);
	free(m);
}
