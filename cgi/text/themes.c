/* themes.c: RAKE-style candidate phrases, their keyness and example quotes
 * (see themes.h). */
#include "text/themes.h"
#include "base/err.h"

#include <math.h>
#include <string.h>

/* Negations join a phrase instead of cutting it ("no funciona", "not
 * worth"): in a review they carry the meaning. Lowercased, as written. */
static const char *const negations[] = {
	"no", "not", "never", "nunca", "jamás", "jamas", "ni", "nor", "tampoco", "nada",
	"nadie", "ningún", "ninguna", "ninguno", "without", "sin", "nothing", "none",
};

/* ------------------------------------------------------------ characters */

/* Decodes one UTF-8 character at s (n bytes left). *adv gets its length.
 * Returns the code point, or -1 for an invalid sequence (*adv = 1). */
static long decode(const unsigned char *s, size_t n, size_t *adv)
{
	long cp;
	size_t len, i;

	*adv = 1;
	if (s[0] < 0x80)
		return s[0];
	if (s[0] >= 0xC2 && s[0] <= 0xDF)
		len = 2, cp = s[0] & 0x1F;
	else if (s[0] >= 0xE0 && s[0] <= 0xEF)
		len = 3, cp = s[0] & 0x0F;
	else if (s[0] >= 0xF0 && s[0] <= 0xF4)
		len = 4, cp = s[0] & 0x07;
	else
		return -1;
	if (len > n)
		return -1;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return -1;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
	    (cp >= 0xD800 && cp <= 0xDFFF))
		return -1;
	*adv = len;
	return cp;
}

static size_t encode(long cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* Letters and digits of the scripts people write reviews in; everything
 * else (punctuation, symbols, emoji) cuts a phrase. */
static int is_letter(long cp)
{
	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
	return (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) ||
	       (cp >= 0x370 && cp <= 0x52F && cp != 0x37E && cp != 0x387) ||
	       (cp >= 0x1E00 && cp <= 0x1EFF) || (cp >= 0x3040 && cp <= 0x9FFF) ||
	       (cp >= 0xAC00 && cp <= 0xD7A3);
}

static long lower(long cp)
{
	if ((cp >= 'A' && cp <= 'Z') || (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) ||
	    (cp >= 0x391 && cp <= 0x3AB) || (cp >= 0x410 && cp <= 0x42F))
		return cp + 32;
	if (cp >= 0x400 && cp <= 0x40F)
		return cp + 80;
	if ((cp >= 0x100 && cp <= 0x137 && cp % 2 == 0) || (cp >= 0x14A && cp <= 0x177 && cp % 2 == 0) ||
	    (cp >= 0x139 && cp <= 0x148 && cp % 2 == 1) || (cp >= 0x179 && cp <= 0x17E && cp % 2 == 1))
		return cp + 1;
	return cp;
}

/* Apostrophes and hyphens inside a word keep it one word ("don't",
 * "KX-200", "wi-fi"). */
static int is_joiner(long cp)
{
	return cp == '\'' || cp == 0x2019 || cp == '-';
}

/* ---------------------------------------------------------------- words */

enum { T_END, T_CUT, T_WORD };

typedef struct token {
	size_t start, end;               /* bytes of the text */
	char low[THEME_PHRASE_MAX + 1];  /* lowercased; apostrophes as ' */
	size_t lowlen;
	int too_long, digits_only, chars;
} token;

/* Reads the next token from text at *pos: a word, a cut (anything that is
 * neither a word nor a space or tab), or the end. */
static int next_token(const char *text, size_t len, size_t *pos, token *t)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t adv;
	long cp;

	while (*pos < len) {
		cp = decode(s + *pos, len - *pos, &adv);
		if (cp != ' ' && cp != '\t' && cp != 0xA0)
			break;
		*pos += adv;
	}
	if (*pos >= len)
		return T_END;
	cp = decode(s + *pos, len - *pos, &adv);
	if (!is_letter(cp)) {
		*pos += adv;
		return T_CUT;
	}
	memset(t, 0, sizeof(*t));
	t->start = *pos;
	t->digits_only = 1;
	while (*pos < len) {
		cp = decode(s + *pos, len - *pos, &adv);
		if (is_joiner(cp) && t->chars > 0 && *pos + adv < len) {
			size_t adv2;
			long next = decode(s + *pos + adv, len - *pos - adv, &adv2);
			if (!is_letter(next))
				break;
			cp = cp == 0x2019 ? '\'' : cp;
		} else if (!is_letter(cp)) {
			break;
		}
		if (!(cp >= '0' && cp <= '9'))
			t->digits_only = 0;
		if (t->lowlen + 4 <= THEME_PHRASE_MAX)
			t->lowlen += encode(lower(cp), t->low + t->lowlen);
		else
			t->too_long = 1;
		t->chars++;
		*pos += adv;
	}
	t->low[t->lowlen] = '\0';
	t->end = *pos;
	return T_WORD;
}

static int is_negation(const token *t)
{
	size_t i;

	for (i = 0; i < sizeof(negations) / sizeof(negations[0]); i++)
		if (strcmp(t->low, negations[i]) == 0)
			return 1;
	return 0;
}

/* ------------------------------------------------------------- phrases */

long long themes_hash(const char *s, size_t n)
{
	unsigned long long h = 14695981039346656037ULL;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return (long long)(h & 0x7FFFFFFFFFFFFFFFULL);
}

typedef struct run {
	token w[THEME_WORDS_MAX];
	int neg[THEME_WORDS_MAX];
	size_t n;       /* words in w */
	int overflow;   /* more than THEME_WORDS_MAX content words */
} run;

/* Ends the current run: keeps it as a phrase when it is one. */
static void flush(run *r, theme_phrase *out, size_t max, size_t *found)
{
	char text[THEME_PHRASE_MAX + 1];
	size_t n = r->n, i, tl = 0, content = 0;
	long long h;

	while (n > 0 && r->neg[n - 1]) /* a phrase does not end in a negation */
		n--;
	for (i = 0; i < n; i++)
		content += !r->neg[i];
	if (!r->overflow && n > 0 && content > 0 && *found < max) {
		for (i = 0; i < n; i++) {
			size_t wl = r->w[i].lowlen;
			if (tl + wl + (i > 0) > THEME_PHRASE_MAX)
				goto done;
			if (i > 0)
				text[tl++] = ' ';
			memcpy(text + tl, r->w[i].low, wl);
			tl += wl;
		}
		text[tl] = '\0';
		h = themes_hash(text, tl);
		for (i = 0; i < *found; i++)
			if (out[i].hash == h && strcmp(out[i].text, text) == 0)
				goto done;
		memcpy(out[*found].text, text, tl + 1);
		out[*found].hash = h;
		(*found)++;
	}
done:
	r->n = 0;
	r->overflow = 0;
}

size_t themes_extract(const char *text, size_t len, theme_stop_fn is_stop, void *ctx,
		      theme_phrase *out, size_t max)
{
	size_t pos = 0, found = 0;
	run r;
	token t;
	int kind;

	memset(&r, 0, sizeof(r));
	if (text == NULL)
		return 0;
	while ((kind = next_token(text, len, &pos, &t)) != T_END && found < max) {
		int neg = kind == T_WORD && !t.too_long && is_negation(&t);

		if (kind == T_CUT || t.too_long || t.digits_only || t.chars < 2 ||
		    (!neg && is_stop && is_stop(ctx, t.low, t.lowlen))) {
			flush(&r, out, max, &found);
			continue;
		}
		if (r.n == THEME_WORDS_MAX) {
			r.overflow = 1;
			continue;
		}
		if (r.overflow)
			continue;
		r.w[r.n] = t;
		r.neg[r.n] = neg;
		r.n++;
	}
	flush(&r, out, max, &found);
	return found;
}

/* -------------------------------------------------------------- keyness */

double themes_g2(long long a, long long n1, long long b, long long n2)
{
	double o[4], e[4], total, k, g = 0;
	int i;

	if (n1 <= 0 || n2 <= 0 || a < 0 || b < 0 || a > n1 || b > n2)
		return 0;
	total = (double)n1 + (double)n2;
	k = (double)a + (double)b;
	o[0] = (double)a;
	o[1] = (double)(n1 - a);
	o[2] = (double)b;
	o[3] = (double)(n2 - b);
	e[0] = (double)n1 * k / total;
	e[1] = (double)n1 * (total - k) / total;
	e[2] = (double)n2 * k / total;
	e[3] = (double)n2 * (total - k) / total;
	for (i = 0; i < 4; i++)
		if (o[i] > 0 && e[i] > 0)
			g += o[i] * log(o[i] / e[i]);
	g *= 2;
	if (g < 0) /* rounding of an exact fit */
		g = 0;
	return (double)a * (double)n2 >= (double)b * (double)n1 ? g : -g;
}

/* --------------------------------------------------------------- quotes */

static int sentence_end(char c)
{
	return c == '.' || c == '!' || c == '?' || c == '\n';
}

/* Moves i back to the start of a UTF-8 character. */
static size_t char_start(const char *s, size_t i)
{
	while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
		i--;
	return i;
}

int themes_quote(const char *text, size_t len, const char *phrase, size_t max_bytes, strbuf *out)
{
	char words[THEME_WORDS_MAX][THEME_PHRASE_MAX + 1];
	size_t nwords = 0, matched = 0, pos = 0, ms = 0, me = 0, s, e;
	const char *p = phrase;
	token t;
	int kind, rc;

	while (p && *p && nwords < THEME_WORDS_MAX) {
		const char *sp = strchr(p, ' ');
		size_t n = sp ? (size_t)(sp - p) : strlen(p);
		if (n > THEME_PHRASE_MAX)
			return E_NOTFOUND;
		memcpy(words[nwords], p, n);
		words[nwords++][n] = '\0';
		p = sp ? sp + 1 : NULL;
	}
	if (nwords == 0 || text == NULL)
		return E_NOTFOUND;
	/* a window of consecutive words that match the phrase's so far */
	while ((kind = next_token(text, len, &pos, &t)) != T_END) {
		if (kind != T_WORD) {
			matched = 0;
			continue;
		}
		if (strcmp(t.low, words[matched]) != 0)
			matched = strcmp(t.low, words[0]) == 0 ? 1 : 0;
		else
			matched++;
		if (matched == 1)
			ms = t.start;
		if (matched == nwords) {
			me = t.end;
			break;
		}
	}
	if (me == 0)
		return E_NOTFOUND;
	for (s = ms; s > 0 && !sentence_end(text[s - 1]); s--)
		;
	for (e = me; e < len && !sentence_end(text[e]); e++)
		;
	if (e < len && text[e] != '\n')
		e++; /* keep the sentence's own full stop */
	while (s < e && (text[s] == ' ' || text[s] == '\t'))
		s++;
	if (max_bytes < me - ms + 8)
		max_bytes = me - ms + 8;
	if (e - s > max_bytes) {
		size_t room = max_bytes - (me - ms), ns = s, ne = e;
		if (ms - s > room / 2)
			ns = ms - room / 2;
		if (ns < s)
			ns = s;
		ne = ns + max_bytes < e ? ns + max_bytes : e;
		if (ne < me)
			ne = me;
		ns = char_start(text, ns);
		if (ne < len)
			ne = char_start(text, ne);
		/* cut at spaces, so that no word is shown in half */
		if (ns > s) {
			const char *sp = memchr(text + ns, ' ', ms - ns);
			ns = sp ? (size_t)(sp - text) + 1 : ms;
		}
		if (ne < e) {
			size_t k = ne;
			while (k > me && text[k - 1] != ' ')
				k--;
			ne = k > me ? k - 1 : me;
		}
		rc = ns > s ? strbuf_puts(out, "…") : 0;
		if (rc == 0)
			rc = strbuf_append(out, text + ns, ne - ns);
		if (rc == 0 && ne < e)
			rc = strbuf_puts(out, "…");
		return rc;
	}
	return strbuf_append(out, text + s, e - s);
}
