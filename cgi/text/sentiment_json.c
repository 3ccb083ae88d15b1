/* sentiment_json.c: reads the flat JSON objects {"key": number, ...} in
 * which the Spanish lexicon package ships its lists. Not a general JSON
 * parser: nested values are refused as malformed. */
#include "text/sentiment_internal.h"
#include "base/err.h"
#include "base/str.h"

#include <stdlib.h>

static size_t skip_ws(const char *s, size_t n, size_t i)
{
	while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
		i++;
	return i;
}

static int hex4(const char *s, size_t n, size_t i, long *out)
{
	long v = 0;
	size_t k;

	if (i + 4 > n)
		return E_INVALID;
	for (k = 0; k < 4; k++) {
		int d = hex_digit((unsigned char)s[i + k]);
		if (d < 0)
			return E_INVALID;
		v = v * 16 + d;
	}
	*out = v;
	return 0;
}

static int put_utf8(strbuf *sb, long cp)
{
	char b[4];
	size_t n;

	if (cp < 0x80) {
		b[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		b[0] = (char)(0xC0 | (cp >> 6));
		b[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		b[0] = (char)(0xE0 | (cp >> 12));
		b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		b[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		b[0] = (char)(0xF0 | (cp >> 18));
		b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		b[3] = (char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	return strbuf_append(sb, b, n);
}

/* Reads the string starting at the quote s[*i] into key (emptied first). */
static int read_string(const char *s, size_t n, size_t *i, strbuf *key)
{
	size_t p = *i + 1;

	key->len = 0;
	if (key->s)
		key->s[0] = '\0';
	while (p < n && s[p] != '"') {
		size_t start = p;
		int rc;

		while (p < n && s[p] != '"' && s[p] != '\\')
			p++;
		if (p > start && (rc = strbuf_append(key, s + start, p - start)) != 0)
			return rc;
		if (p < n && s[p] == '\\') {
			char c = p + 1 < n ? s[p + 1] : '\0';
			const char *plain = c == '"' ? "\"" : c == '\\' ? "\\" : c == '/' ? "/" :
				c == 'n' ? "\n" : c == 't' ? "\t" : c == 'r' ? "\r" :
				c == 'b' ? "\b" : c == 'f' ? "\f" : NULL;
			if (plain) {
				rc = strbuf_append(key, plain, 1);
				p += 2;
			} else if (c == 'u') {
				long cp, lo;
				if (hex4(s, n, p + 2, &cp) != 0)
					return E_INVALID;
				p += 6;
				if (cp >= 0xD800 && cp <= 0xDBFF) {
					if (p + 1 >= n || s[p] != '\\' || s[p + 1] != 'u' ||
					    hex4(s, n, p + 2, &lo) != 0 || lo < 0xDC00 || lo > 0xDFFF)
						return E_INVALID;
					cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
					p += 6;
				} else if (cp >= 0xDC00 && cp <= 0xDFFF) {
					return E_INVALID;
				}
				rc = put_utf8(key, cp);
			} else {
				return E_INVALID;
			}
			if (rc != 0)
				return rc;
		}
	}
	if (p >= n)
		return E_INVALID;
	*i = p + 1;
	return 0;
}

int sent_json_each(const char *text, size_t n,
		   int (*fn)(void *ctx, const char *key, size_t klen, double v),
		   void *ctx)
{
	strbuf key = STRBUF_INIT;
	size_t i = skip_ws(text, n, 0);
	int rc = 0;

	if (i >= n || text[i] != '{') {
		rc = E_INVALID;
		goto out;
	}
	i = skip_ws(text, n, i + 1);
	if (i < n && text[i] == '}')
		goto out;
	for (;;) {
		char num[64], *end;
		size_t k = 0;
		double v;

		if (i >= n || text[i] != '"' || (rc = read_string(text, n, &i, &key)) != 0) {
			rc = rc ? rc : E_INVALID;
			goto out;
		}
		i = skip_ws(text, n, i);
		if (i >= n || text[i] != ':') {
			rc = E_INVALID;
			goto out;
		}
		i = skip_ws(text, n, i + 1);
		while (i < n && k < sizeof(num) - 1 &&
		       ((text[i] >= '0' && text[i] <= '9') || text[i] == '-' || text[i] == '+' ||
			text[i] == '.' || text[i] == 'e' || text[i] == 'E'))
			num[k++] = text[i++];
		num[k] = '\0';
		v = strtod(num, &end);
		if (k == 0 || *end != '\0') {
			rc = E_INVALID;
			goto out;
		}
		rc = fn(ctx, key.s ? key.s : "", key.len, v);
		if (rc != 0)
			goto out;
		i = skip_ws(text, n, i);
		if (i < n && text[i] == ',') {
			i = skip_ws(text, n, i + 1);
			continue;
		}
		if (i < n && text[i] == '}')
			break;
		rc = E_INVALID;
		goto out;
	}
out:
	strbuf_free(&key);
	return rc;
}
