/* utf8.c: UTF-8 validation per RFC 3629 (see utf8.h). */
#include "base/utf8.h"
#include "base/str.h"

#include <stdlib.h>

long utf8_decode(const unsigned char *s, size_t n, size_t *len)
{
	unsigned char c = s[0];
	long cp;
	size_t need, i;

	if (c < 0x80) {
		*len = 1;
		return c;
	} else if (c >= 0xC2 && c <= 0xDF) {
		need = 2;
		cp = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		need = 3;
		cp = c & 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		need = 4;
		cp = c & 0x07;
	} else {
		return -1;
	}
	if (n < need)
		return -1;
	for (i = 1; i < need; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return -1;
		cp = cp << 6 | (s[i] & 0x3F);
	}
	/* overlong forms, surrogates and values past U+10FFFF */
	if ((need == 3 && cp < 0x800) || (need == 4 && cp < 0x10000) ||
	    (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
		return -1;
	*len = need;
	return cp;
}

static int is_control(long cp, int allow_newlines)
{
	if (cp == '\t')
		return 0;
	if (cp == '\n' || cp == '\r')
		return !allow_newlines;
	return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0);
}

enum utf8_problem utf8_check(const char *s, size_t n, int allow_newlines)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, len;

	while (i < n) {
		long cp = utf8_decode(p + i, n - i, &len);
		if (cp < 0)
			return UTF8_INVALID;
		if (is_control(cp, allow_newlines))
			return UTF8_CONTROL;
		i += len;
	}
	return UTF8_OK;
}

size_t utf8_length(const char *s, size_t n)
{
	size_t i, count = 0;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			count++;
	return count;
}

char *utf8_sanitize(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	strbuf sb = STRBUF_INIT;
	size_t i = 0, len;

	while (i < n) {
		long cp = utf8_decode(p + i, n - i, &len);
		if (cp < 0) {
			if (strbuf_append(&sb, "\xEF\xBF\xBD", 3) != 0)
				goto fail;
			i++;
			continue;
		}
		if (!is_control(cp, 1) && strbuf_append(&sb, s + i, len) != 0)
			goto fail;
		i += len;
	}
	return strbuf_detach(&sb);
fail:
	strbuf_free(&sb);
	return NULL;
}
