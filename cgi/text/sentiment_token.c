/* sentiment_token.c: splits UTF-8 text into the tokens the sentiment rules
 * read (see sentiment_internal.h): words folded to lowercase without
 * accents ("Decepción" -> "decepcion"), emoji and emoticons, clause marks
 * and sentence ends. One pass over the text; invalid bytes are skipped. */
#include "text/sentiment_internal.h"
#include "base/err.h"
#include "base/utf8.h"

#include <libstemmer.h>
#include <stdlib.h>
#include <string.h>

/* Longest word that is stemmed; longer ones are looked up as written. */
#define STEM_MAX 64
/* Longest emoticon tried, in bytes. */
#define EMOTICON_MAX 8

/* Latin-1 letters folded: index cp - 0xC0; 0 marks a non-letter. */
static const char latin1_fold[64] = {
	'a', 'a', 'a', 'a', 'a', 'a', 0, 'c', 'e', 'e', 'e', 'e', 'i', 'i', 'i', 'i',
	0, 'n', 'o', 'o', 'o', 'o', 'o', 0, 'o', 'u', 'u', 'u', 'u', 'y', 0, 0,
	'a', 'a', 'a', 'a', 'a', 'a', 0, 'c', 'e', 'e', 'e', 'e', 'i', 'i', 'i', 'i',
	0, 'n', 'o', 'o', 'o', 'o', 'o', 0, 'o', 'u', 'u', 'u', 'u', 'y', 0, 'y'
};

static int is_upper_cp(long cp)
{
	return (cp >= 'A' && cp <= 'Z') || (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7);
}

static int is_lower_cp(long cp)
{
	return (cp >= 'a' && cp <= 'z') || (cp >= 0xDF && cp <= 0xFF && cp != 0xF7);
}

static int is_spanish_mark(long cp)
{
	switch (cp) {
	case 0xE1: case 0xE9: case 0xED: case 0xF3: case 0xFA: case 0xF1:
	case 0xC1: case 0xC9: case 0xCD: case 0xD3: case 0xDA: case 0xD1:
	case 0xBF: case 0xA1:
		return 1;
	}
	return 0;
}

/* Combining accents (text in decomposed form): dropped inside words. */
static int is_combining(long cp)
{
	return cp >= 0x300 && cp <= 0x36F;
}

static int is_word_cp(long cp)
{
	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
		       (cp >= '0' && cp <= '9');
	if (cp == 0xAA || cp == 0xBA)
		return 1;
	if (cp >= 0xC0 && cp <= 0x24F)
		return cp != 0xD7 && cp != 0xF7;
	return (cp >= 0x370 && cp < 0x2000) || (cp >= 0x3040 && cp <= 0x9FFF) ||
	       (cp >= 0xAC00 && cp <= 0xD7AF);
}

/* Emoji that make a symbol token of their own. */
static int is_emoji(long cp)
{
	return (cp >= 0x1F000 && cp <= 0x1FAFF && !(cp >= 0x1F3FB && cp <= 0x1F3FF)) ||
	       (cp >= 0x2600 && cp <= 0x27BF) || (cp >= 0x2300 && cp <= 0x23FF) ||
	       cp == 0x2B50 || cp == 0x2B55 || cp == 0x2B06 || cp == 0x2B07;
}

/* Appends the folded form of one word code point. */
static int put_folded(strbuf *sb, const unsigned char *p, size_t len, long cp)
{
	char c;

	if (cp < 0x80) {
		c = (char)(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
		return strbuf_append(sb, &c, 1);
	}
	if (cp >= 0xC0 && cp <= 0xFF && latin1_fold[cp - 0xC0]) {
		c = latin1_fold[cp - 0xC0];
		return strbuf_append(sb, &c, 1);
	}
	if (cp >= 0xC0 && cp <= 0xDE) {   /* Æ Ð Þ: lowercase, two bytes */
		char b[2] = { (char)0xC3, (char)(0x80 | ((cp + 0x20) & 0x3F)) };
		return strbuf_append(sb, b, 2);
	}
	if (cp == 0x2019 || cp == 0x2018 || cp == 0x60 || cp == 0xB4)
		return strbuf_append(sb, "'", 1);
	if (is_combining(cp))
		return 0;
	return strbuf_append(sb, (const char *)p, len);
}

int sent_fold(const char *s, size_t n, strbuf *out)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, len;
	int rc = 0;

	while (i < n && rc == 0) {
		long cp = utf8_decode(p + i, n - i, &len);
		if (cp < 0) {
			i++;
			continue;
		}
		rc = put_folded(out, p + i, len, cp);
		i += len;
	}
	return rc;
}

static int push(sent_tokens *tk, enum sent_tok_kind kind, size_t off, size_t len)
{
	sent_token *t;

	if (kind == TK_BREAK || kind == TK_STOP) {
		sent_token *last = tk->n ? &tk->t[tk->n - 1] : NULL;
		if (last == NULL || last->kind == TK_STOP)
			return 0;
		if (last->kind == TK_BREAK) {
			last->kind = kind == TK_STOP ? TK_STOP : TK_BREAK;
			return 0;
		}
	}
	if (tk->n == tk->cap) {
		size_t cap = tk->cap ? tk->cap * 2 : 32;
		sent_token *bigger = realloc(tk->t, cap * sizeof(*bigger));
		if (bigger == NULL)
			return E_NOMEM;
		tk->t = bigger;
		tk->cap = cap;
	}
	t = &tk->t[tk->n++];
	memset(t, 0, sizeof(*t));
	t->kind = kind;
	t->off = t->stem_off = off;
	t->len = t->stem_len = len;
	return 0;
}

/* Adds text as a token's folded text, NUL-terminated; *off is where. */
static int put_text(sent_tokens *tk, const char *s, size_t n, size_t *off)
{
	*off = tk->buf.len;
	if (strbuf_append(&tk->buf, s, n) != 0 || strbuf_append(&tk->buf, "", 1) != 0)
		return E_NOMEM;
	return 0;
}

/* An emoticon at a chunk's start: the longest one the table knows that
 * the chunk holds whole (trailing . , ! ? aside). Returns its length or 0. */
static size_t emoticon_at(const unsigned char *p, size_t n, const sent_table *symbols)
{
	size_t chunk = 0, k;

	if (symbols == NULL || n < 2 || p[0] >= 0x80 || is_word_cp(p[0]) || p[0] <= ' ')
		return 0;
	while (chunk < n && p[chunk] > ' ' && p[chunk] < 0x80)
		chunk++;
	if (chunk < n && p[chunk] > ' ')
		return 0;   /* followed by non-ASCII: not a chunk of its own */
	for (k = chunk < EMOTICON_MAX ? chunk : EMOTICON_MAX; k >= 2; k--) {
		size_t r = k;
		while (r < chunk && (p[r] == '.' || p[r] == ',' || p[r] == '!' || p[r] == '?'))
			r++;
		if (r == chunk && sent_table_get(symbols, (const char *)p, k))
			return k;
	}
	return 0;
}

/* Closes the word being built (if any) at byte wstart of the buffer. */
static int end_word(sent_tokens *tk, size_t *wstart, int *in_word, int uppers, int lowers)
{
	sent_token *t;
	int rc;

	if (!*in_word)
		return 0;
	*in_word = 0;
	if ((rc = strbuf_append(&tk->buf, "", 1)) != 0)
		return rc;
	if ((rc = push(tk, TK_WORD, *wstart, tk->buf.len - 1 - *wstart)) != 0)
		return rc;
	t = &tk->t[tk->n - 1];
	if (uppers + lowers > 0)
		tk->words++;
	if (uppers >= 2 && lowers == 0) {
		t->upper = 1;
		tk->upper_words++;
	}
	return 0;
}

int sent_tokenize(const char *text, size_t len, const sent_table *symbols, sent_tokens *out)
{
	const unsigned char *p = (const unsigned char *)text;
	size_t i = 0, clen, wstart = 0, off, k;
	int in_word = 0, uppers = 0, lowers = 0, rc = 0;
	long prev = ' ';

	while (i < len && rc == 0) {
		long cp = utf8_decode(p + i, len - i, &clen), next;
		size_t nlen = 0;

		if (cp < 0) {   /* an invalid byte: a space */
			rc = end_word(out, &wstart, &in_word, uppers, lowers);
			prev = ' ';
			i++;
			continue;
		}
		next = i + clen < len ? utf8_decode(p + i + clen, len - i - clen, &nlen) : -1;
		if (is_spanish_mark(cp))
			out->spanish_marks++;
		if (is_word_cp(cp) || (in_word && is_combining(cp))) {
			if (!in_word) {
				in_word = 1;
				uppers = lowers = 0;
				wstart = out->buf.len;
			}
			uppers += is_upper_cp(cp);
			lowers += is_lower_cp(cp);
			rc = put_folded(&out->buf, p + i, clen, cp);
		} else if (in_word && (cp == '\'' || cp == 0x2019) && next >= 0 && is_word_cp(next)) {
			rc = strbuf_append(&out->buf, "'", 1);
		} else if (in_word && (cp == '.' || cp == ',') && prev >= '0' && prev <= '9' &&
			   next >= '0' && next <= '9') {
			rc = strbuf_append(&out->buf, (const char *)&p[i], 1);
		} else {
			rc = end_word(out, &wstart, &in_word, uppers, lowers);
			if (rc != 0)
				break;
			if ((prev == ' ' || prev == '\t' || prev == '\n' || prev == '\r' || i == 0) &&
			    (k = emoticon_at(p + i, len - i, symbols)) > 0) {
				rc = put_text(out, text + i, k, &off);
				if (rc == 0)
					rc = push(out, TK_SYMBOL, off, k);
				prev = p[i + k - 1];
				i += k;
				continue;
			}
			if (is_emoji(cp)) {
				rc = put_text(out, text + i, clen, &off);
				if (rc == 0)
					rc = push(out, TK_SYMBOL, off, clen);
			} else if (cp == '!' || cp == '?' || cp == '.' || cp == 0x2026 || cp == '\n') {
				out->exclaims += cp == '!';
				out->questions += cp == '?';
				rc = push(out, TK_STOP, 0, 0);
			} else if (cp == ',' || cp == ';' || cp == ':' || cp == '(' || cp == ')' ||
				   cp == '[' || cp == ']' || cp == 0xBF || cp == 0xA1 ||
				   cp == 0x2013 || cp == 0x2014 ||
				   (cp == '-' && !(is_word_cp(prev) && next >= 0 && is_word_cp(next)))) {
				rc = push(out, TK_BREAK, 0, 0);
			}
		}
		prev = cp;
		i += clen;
	}
	if (rc == 0)
		rc = end_word(out, &wstart, &in_word, uppers, lowers);
	return rc;
}

int sent_stem_word(struct sb_stemmer *st, const char *w, size_t n, strbuf *out)
{
	const sb_symbol *s = NULL;

	out->len = 0;
	if (out->s)
		out->s[0] = '\0';
	if (st && n > 0 && n <= STEM_MAX)
		s = sb_stemmer_stem(st, (const sb_symbol *)w, (int)n);
	if (s)
		return strbuf_append(out, (const char *)s, (size_t)sb_stemmer_length(st));
	return strbuf_append(out, w, n);
}

/* The base of a Spanish absolute superlative, folded ("buenisimos" ->
 * "bueno", "riquisima" -> "rico", "amabilisimo" -> "amable") into out.
 * Returns its length, or 0 when w is not one. */
static size_t superlative_base(const char *w, size_t n, char out[STEM_MAX + 4])
{
	static const char *const endings[] = { "isimos", "isimas", "isimo", "isima" };
	size_t i, e, b;

	for (i = 0; i < sizeof(endings) / sizeof(endings[0]); i++) {
		e = strlen(endings[i]);
		if (n >= e + 3 && n <= STEM_MAX && memcmp(w + n - e, endings[i], e) == 0)
			break;
	}
	if (i == sizeof(endings) / sizeof(endings[0]))
		return 0;
	b = n - e;
	memcpy(out, w, b);
	if (b >= 3 && memcmp(out + b - 3, "bil", 3) == 0) {
		memcpy(out + b - 3, "ble", 3);   /* amabil- -> amable */
		return b;
	}
	if (b >= 2 && memcmp(out + b - 2, "qu", 2) == 0)
		out[--b - 1] = 'c';              /* riqu- -> rico */
	else if (b >= 2 && memcmp(out + b - 2, "gu", 2) == 0)
		b--;                             /* largu- -> largo */
	out[b++] = 'o';
	return b;
}

int sent_stem_tokens(sent_tokens *tk, struct sb_stemmer *st, int spanish)
{
	size_t i;

	for (i = 0; i < tk->n; i++) {
		sent_token *t = &tk->t[i];
		const sb_symbol *s;
		char base[STEM_MAX + 4];
		size_t off, blen = 0;

		if (t->kind != TK_WORD || st == NULL || t->len == 0 || t->len > STEM_MAX)
			continue;
		if (spanish)
			blen = superlative_base(tk->buf.s + t->off, t->len, base);
		t->intense = blen > 0;
		if (blen > 0)
			s = sb_stemmer_stem(st, (const sb_symbol *)base, (int)blen);
		else
			s = sb_stemmer_stem(st, (const sb_symbol *)tk->buf.s + t->off, (int)t->len);
		if (s == NULL)
			return E_NOMEM;
		if (put_text(tk, (const char *)s, (size_t)sb_stemmer_length(st), &off) != 0)
			return E_NOMEM;
		t->stem_off = off;
		t->stem_len = (size_t)sb_stemmer_length(st);
	}
	return 0;
}

const char *sent_tok_text(const sent_tokens *tk, size_t i)
{
	return tk->buf.s ? tk->buf.s + tk->t[i].off : "";
}

const char *sent_tok_stem(const sent_tokens *tk, size_t i)
{
	return tk->buf.s ? tk->buf.s + tk->t[i].stem_off : "";
}

void sent_tokens_free(sent_tokens *tk)
{
	free(tk->t);
	strbuf_free(&tk->buf);
	memset(tk, 0, sizeof(*tk));
}
