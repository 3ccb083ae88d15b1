/* str.c: growable buffers and small string helpers (see str.h). */
#include "base/str.h"
#include "base/err.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int strbuf_grow(strbuf *sb, size_t extra)
{
	size_t need, cap;
	char *p;

	if (extra > (size_t)-1 / 2 - sb->len)
		return E_NOMEM;
	need = sb->len + extra + 1;
	if (need <= sb->cap)
		return 0;
	cap = sb->cap ? sb->cap : 64;
	while (cap < need)
		cap *= 2;
	p = realloc(sb->s, cap);
	if (p == NULL)
		return E_NOMEM;
	sb->s = p;
	sb->cap = cap;
	return 0;
}

int strbuf_append(strbuf *sb, const char *p, size_t n)
{
	if (strbuf_grow(sb, n) != 0)
		return E_NOMEM;
	if (n > 0)
		memcpy(sb->s + sb->len, p, n);
	sb->len += n;
	sb->s[sb->len] = '\0';
	return 0;
}

int strbuf_puts(strbuf *sb, const char *s)
{
	return strbuf_append(sb, s, strlen(s));
}

int strbuf_printf(strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || strbuf_grow(sb, (size_t)n) != 0)
		return E_NOMEM;
	va_start(ap, fmt);
	vsnprintf(sb->s + sb->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	sb->len += (size_t)n;
	return 0;
}

char *strbuf_detach(strbuf *sb)
{
	char *s = sb->s;

	if (s == NULL)
		s = calloc(1, 1);
	sb->s = NULL;
	sb->len = sb->cap = 0;
	return s;
}

void strbuf_free(strbuf *sb)
{
	free(sb->s);
	sb->s = NULL;
	sb->len = sb->cap = 0;
}

void hex_encode(const unsigned char *in, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < n; i++) {
		out[2 * i] = digits[in[i] >> 4];
		out[2 * i + 1] = digits[in[i] & 15];
	}
	out[2 * n] = '\0';
}

int hex_digit(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int hex_decode(const char *hex, unsigned char *out, size_t n)
{
	size_t i;

	if (hex == NULL || strlen(hex) != 2 * n)
		return E_INVALID;
	for (i = 0; i < n; i++) {
		int hi = hex_digit((unsigned char)hex[2 * i]);
		int lo = hex_digit((unsigned char)hex[2 * i + 1]);
		if (hi < 0 || lo < 0)
			return E_INVALID;
		out[i] = (unsigned char)(hi << 4 | lo);
	}
	return 0;
}

int parse_long(const char *s, long long min, long long max, long long *out)
{
	char *end;
	long long v;

	if (s == NULL || *s == '\0' || isspace((unsigned char)*s))
		return E_INVALID;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < min || v > max)
		return E_INVALID;
	*out = v;
	return 0;
}

char *xstrdup(const char *s)
{
	return s ? strdup(s) : NULL;
}

int ascii_ncasecmp(const char *a, const char *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		int ca = tolower((unsigned char)a[i]);
		int cb = tolower((unsigned char)b[i]);
		if (ca != cb || ca == 0)
			return ca - cb;
	}
	return 0;
}

/* Folds the Latin-1 supplement letters that Spanish and English use. */
static char fold_latin(unsigned cp)
{
	static const struct { unsigned cp; char c; } folds[] = {
		{ 0xE0, 'a' }, { 0xE1, 'a' }, { 0xE2, 'a' }, { 0xE4, 'a' }, { 0xE7, 'c' },
		{ 0xE8, 'e' }, { 0xE9, 'e' }, { 0xEA, 'e' }, { 0xEB, 'e' }, { 0xEC, 'i' },
		{ 0xED, 'i' }, { 0xEE, 'i' }, { 0xEF, 'i' }, { 0xF1, 'n' }, { 0xF2, 'o' },
		{ 0xF3, 'o' }, { 0xF4, 'o' }, { 0xF6, 'o' }, { 0xF9, 'u' }, { 0xFA, 'u' },
		{ 0xFB, 'u' }, { 0xFC, 'u' },
	};
	size_t i;

	if (cp >= 0xC0 && cp <= 0xDE)
		cp += 0x20; /* upper to lower case in Latin-1 */
	for (i = 0; i < sizeof(folds) / sizeof(folds[0]); i++)
		if (folds[i].cp == cp)
			return folds[i].c;
	return 0;
}

void slugify(const char *text, char *out, size_t size)
{
	const unsigned char *p = (const unsigned char *)text;
	size_t n = 0;
	int dash = 0;

	if (size < 2) {
		if (size == 1)
			out[0] = '\0';
		return;
	}
	while (*p && n + 1 < size) {
		char c = 0;
		if (*p < 0x80) {
			c = (char)tolower(*p);
			p++;
		} else if ((*p & 0xE0) == 0xC0 && (p[1] & 0xC0) == 0x80) {
			c = fold_latin((unsigned)((p[0] & 0x1F) << 6 | (p[1] & 0x3F)));
			p += 2;
		} else {
			p++;
			while ((*p & 0xC0) == 0x80)
				p++;
		}
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			if (dash && n > 0) {
				if (n + 2 >= size)
					break; /* no room for "-c": never glue two words */
				out[n++] = '-';
			}
			out[n++] = c;
			dash = 0;
		} else {
			dash = 1;
		}
	}
	if (n == 0)
		out[n++] = '-';
	out[n] = '\0';
}

int strbuf_read_file(strbuf *sb, const char *path)
{
	char buf[8192];
	size_t n;
	FILE *f = fopen(path, "r");

	if (f == NULL)
		return E_IO;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		if (strbuf_append(sb, buf, n) != 0) {
			fclose(f);
			return E_NOMEM;
		}
	fclose(f);
	return 0;
}
