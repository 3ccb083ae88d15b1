/* kv.c: parsing of urlencoded text and cookies into kvlists (see kv.h). */
#include "base/kv.h"
#include "base/err.h"
#include "base/str.h"

#include <stdlib.h>
#include <string.h>

int kv_add(kvlist *l, const char *name, size_t name_len,
	   const char *value, size_t value_len)
{
	kv *item;

	if (l->n >= KV_MAX_PAIRS)
		return E_TOOBIG;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 8;
		kv *p = realloc(l->items, cap * sizeof(*p));
		if (p == NULL)
			return E_NOMEM;
		l->items = p;
		l->cap = cap;
	}
	item = &l->items[l->n];
	item->name = malloc(name_len + 1);
	item->value = malloc(value_len + 1);
	if (item->name == NULL || item->value == NULL) {
		free(item->name);
		free(item->value);
		return E_NOMEM;
	}
	memcpy(item->name, name, name_len);
	item->name[name_len] = '\0';
	memcpy(item->value, value, value_len);
	item->value[value_len] = '\0';
	item->value_len = value_len;
	l->n++;
	return 0;
}

const kv *kv_find(const kvlist *l, const char *name)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->items[i].name, name) == 0)
			return &l->items[i];
	return NULL;
}

const char *kv_get(const kvlist *l, const char *name)
{
	const kv *item = kv_find(l, name);

	return item ? item->value : NULL;
}

void kv_free(kvlist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		free(l->items[i].name);
		free(l->items[i].value);
	}
	free(l->items);
	l->items = NULL;
	l->n = l->cap = 0;
}

char *url_decode(const char *s, size_t n, int plus_is_space, size_t *out_len)
{
	char *out = malloc(n + 1);
	size_t i, j = 0;

	if (out == NULL)
		return NULL;
	for (i = 0; i < n; i++) {
		if (s[i] == '%') {
			int hi, lo;
			/* two hex digits must follow */
			if (i + 2 >= n || (hi = hex_digit((unsigned char)s[i + 1])) < 0 ||
			    (lo = hex_digit((unsigned char)s[i + 2])) < 0) {
				free(out);
				return NULL;
			}
			out[j++] = (char)(hi << 4 | lo);
			i += 2;
		} else if (s[i] == '+' && plus_is_space) {
			out[j++] = ' ';
		} else {
			out[j++] = s[i];
		}
	}
	out[j] = '\0';
	*out_len = j;
	return out;
}

int kv_parse_urlencoded(kvlist *l, const char *s, size_t n)
{
	size_t start = 0;

	while (start < n) {
		const char *pair = s + start;
		const char *amp = memchr(pair, '&', n - start);
		size_t plen = amp ? (size_t)(amp - pair) : n - start;
		const char *eq = memchr(pair, '=', plen);
		size_t nlen = eq ? (size_t)(eq - pair) : plen;
		char *name = NULL, *value = NULL;
		size_t name_len, value_len;
		int rc;

		start += plen + 1;
		if (plen == 0)
			continue; /* "a=1&&b=2" */
		name = url_decode(pair, nlen, 1, &name_len);
		value = eq ? url_decode(eq + 1, plen - nlen - 1, 1, &value_len)
			   : url_decode("", 0, 1, &value_len);
		if (name == NULL || value == NULL || memchr(name, '\0', name_len)) {
			free(name);
			free(value);
			return E_INVALID;
		}
		rc = kv_add(l, name, name_len, value, value_len);
		free(name);
		free(value);
		if (rc != 0)
			return rc;
	}
	return 0;
}

int kv_parse_cookies(kvlist *l, const char *header)
{
	const char *p = header;

	while (p && *p) {
		const char *end, *eq, *name, *value;
		size_t nlen, vlen;
		int rc;

		while (*p == ' ' || *p == ';')
			p++;
		if (*p == '\0')
			break;
		end = strchr(p, ';');
		if (end == NULL)
			end = p + strlen(p);
		eq = memchr(p, '=', (size_t)(end - p));
		if (eq != NULL) {
			name = p;
			nlen = (size_t)(eq - p);
			value = eq + 1;
			vlen = (size_t)(end - value);
			while (nlen > 0 && name[nlen - 1] == ' ')
				nlen--;
			while (vlen > 0 && value[vlen - 1] == ' ')
				vlen--;
			if (vlen >= 2 && value[0] == '"' && value[vlen - 1] == '"') {
				value++;
				vlen -= 2;
			}
			rc = kv_add(l, name, nlen, value, vlen);
			if (rc != 0)
				return rc;
		}
		p = end;
	}
	return 0;
}
