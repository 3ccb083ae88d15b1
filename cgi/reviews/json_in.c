/* json_in.c: reads the one JSON shape the orders API takes: an object whose
 * values are strings or numbers ({"email": "a@b.c", "order_id": 1042}),
 * into a kvlist, as if it had been a form. Anything else (nesting, arrays,
 * trailing data, bad escapes, lone surrogates) is refused. The strings' UTF-8
 * is checked later by the form validators, like a form's. */
#include "reviews.h"
#include "base/err.h"

#include <stdlib.h>
#include <string.h>

typedef struct parser {
	const char *s;
	size_t n, i;
	strbuf buf;
} parser;

static void skip_space(parser *p)
{
	while (p->i < p->n && strchr(" \t\r\n", p->s[p->i]) && p->s[p->i])
		p->i++;
}

static int hex4(parser *p, unsigned *out)
{
	size_t k;

	*out = 0;
	if (p->i + 4 > p->n)
		return E_INVALID;
	for (k = 0; k < 4; k++) {
		int v = hex_digit((unsigned char)p->s[p->i++]);
		if (v < 0)
			return E_INVALID;
		*out = *out * 16 + (unsigned)v;
	}
	return 0;
}

static int put_utf8(strbuf *b, unsigned long c)
{
	char u[4];
	size_t n;

	if (c < 0x80) {
		u[0] = (char)c;
		n = 1;
	} else if (c < 0x800) {
		u[0] = (char)(0xC0 | (c >> 6));
		u[1] = (char)(0x80 | (c & 0x3F));
		n = 2;
	} else if (c < 0x10000) {
		u[0] = (char)(0xE0 | (c >> 12));
		u[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		u[2] = (char)(0x80 | (c & 0x3F));
		n = 3;
	} else {
		u[0] = (char)(0xF0 | (c >> 18));
		u[1] = (char)(0x80 | ((c >> 12) & 0x3F));
		u[2] = (char)(0x80 | ((c >> 6) & 0x3F));
		u[3] = (char)(0x80 | (c & 0x3F));
		n = 4;
	}
	return strbuf_append(b, u, n);
}

/* A string literal at p->i into p->buf (emptied first). */
static int string(parser *p)
{
	int rc = 0;

	p->buf.len = 0;
	if (p->buf.s)
		p->buf.s[0] = '\0';
	if (p->i >= p->n || p->s[p->i] != '"')
		return E_INVALID;
	for (p->i++; rc == 0; ) {
		unsigned char c;

		if (p->i >= p->n)
			return E_INVALID;
		c = (unsigned char)p->s[p->i++];
		if (c == '"')
			return 0;
		if (c < 0x20)
			return E_INVALID;
		if (c != '\\') {
			rc = strbuf_append(&p->buf, (const char *)&c, 1);
			continue;
		}
		if (p->i >= p->n)
			return E_INVALID;
		c = (unsigned char)p->s[p->i++];
		switch (c) {
		case '"': case '\\': case '/':
			rc = strbuf_append(&p->buf, (const char *)&c, 1);
			break;
		case 'b': rc = strbuf_append(&p->buf, "\b", 1); break;
		case 'f': rc = strbuf_append(&p->buf, "\f", 1); break;
		case 'n': rc = strbuf_append(&p->buf, "\n", 1); break;
		case 'r': rc = strbuf_append(&p->buf, "\r", 1); break;
		case 't': rc = strbuf_append(&p->buf, "\t", 1); break;
		case 'u': {
			unsigned hi, lo;
			if (hex4(p, &hi) != 0 || (hi >= 0xDC00 && hi <= 0xDFFF))
				return E_INVALID;
			if (hi >= 0xD800 && hi <= 0xDBFF) {
				if (p->i + 2 > p->n || p->s[p->i] != '\\' || p->s[p->i + 1] != 'u')
					return E_INVALID;
				p->i += 2;
				if (hex4(p, &lo) != 0 || lo < 0xDC00 || lo > 0xDFFF)
					return E_INVALID;
				rc = put_utf8(&p->buf, 0x10000 + ((unsigned long)(hi - 0xD800) << 10) +
							       (lo - 0xDC00));
			} else {
				rc = put_utf8(&p->buf, hi);
			}
			break;
		}
		default:
			return E_INVALID;
		}
	}
	return rc;
}

/* A number at p->i, kept as its text: -?digits(.digits)?([eE][+-]?digits)? */
static int number(parser *p)
{
	size_t start = p->i;

	if (p->i < p->n && p->s[p->i] == '-')
		p->i++;
	if (p->i >= p->n || p->s[p->i] < '0' || p->s[p->i] > '9')
		return E_INVALID;
	while (p->i < p->n && strchr("0123456789.eE+-", p->s[p->i]) && p->s[p->i])
		p->i++;
	p->buf.len = 0;
	return strbuf_append(&p->buf, p->s + start, p->i - start);
}

int reviews_json_object(const char *s, size_t n, kvlist *out)
{
	parser p = { s, n, 0, STRBUF_INIT };
	char *name = NULL;
	size_t nlen;
	int rc;

	skip_space(&p);
	if (p.i >= n || s[p.i++] != '{')
		return E_INVALID;
	skip_space(&p);
	rc = p.i < n && s[p.i] == '}' ? 1 : 0;
	if (rc == 1)
		p.i++;
	while (rc == 0) {
		skip_space(&p);
		rc = string(&p);
		if (rc != 0)
			break;
		nlen = p.buf.len;
		name = strbuf_detach(&p.buf);
		if (name == NULL || strlen(name) != nlen) { /* no NUL in a name */
			rc = name ? E_INVALID : E_NOMEM;
			break;
		}
		skip_space(&p);
		if (p.i >= n || s[p.i++] != ':') {
			rc = E_INVALID;
			break;
		}
		skip_space(&p);
		if (p.i < n && s[p.i] == '"')
			rc = string(&p);
		else
			rc = number(&p);
		if (rc == 0)
			rc = kv_add(out, name, strlen(name), p.buf.s ? p.buf.s : "", p.buf.len);
		free(name);
		name = NULL;
		skip_space(&p);
		if (rc == 0 && p.i < n && s[p.i] == ',')
			p.i++;
		else if (rc == 0 && p.i < n && s[p.i] == '}')
			rc = (p.i++, 1);
		else if (rc == 0)
			rc = E_INVALID;
	}
	free(name);
	strbuf_free(&p.buf);
	if (rc != 1)
		return rc;
	skip_space(&p);
	return p.i == n ? 0 : E_INVALID;
}
