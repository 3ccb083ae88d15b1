/* sentiment_table.c: the string -> entry hash table of the sentiment
 * lexicons (see sentiment_internal.h). Keys are copied; the table owns them. */
#include "text/sentiment_internal.h"
#include "base/err.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static uint64_t hash_bytes(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ULL;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

/* The slot holding key, or the empty slot where it would go. */
static sent_entry *probe(const sent_table *t, const char *key, size_t len)
{
	size_t mask = t->cap - 1, i = (size_t)hash_bytes(key, len) & mask;

	for (;;) {
		sent_entry *e = &t->slots[i];
		if (e->key == NULL || (strncmp(e->key, key, len) == 0 && e->key[len] == '\0'))
			return e;
		i = (i + 1) & mask;
	}
}

static int grow(sent_table *t)
{
	size_t cap = t->cap ? t->cap * 2 : 256, i;
	sent_table bigger = { NULL, cap, t->n };

	bigger.slots = calloc(cap, sizeof(*bigger.slots));
	if (bigger.slots == NULL)
		return E_NOMEM;
	for (i = 0; i < t->cap; i++)
		if (t->slots[i].key)
			*probe(&bigger, t->slots[i].key, strlen(t->slots[i].key)) = t->slots[i];
	free(t->slots);
	*t = bigger;
	return 0;
}

int sent_table_put(sent_table *t, const char *key, size_t len, sent_entry **out)
{
	sent_entry *e;

	if ((t->n + 1) * 2 > t->cap && grow(t) != 0)
		return E_NOMEM;
	e = probe(t, key, len);
	if (e->key == NULL) {
		e->key = malloc(len + 1);
		if (e->key == NULL)
			return E_NOMEM;
		memcpy(e->key, key, len);
		e->key[len] = '\0';
		e->valence = 0;
		e->boost = 0;
		e->flags = 0;
		t->n++;
	}
	*out = e;
	return 0;
}

const sent_entry *sent_table_get(const sent_table *t, const char *key, size_t len)
{
	const sent_entry *e;

	if (t->cap == 0)
		return NULL;
	e = probe(t, key, len);
	return e->key ? e : NULL;
}

void sent_table_free(sent_table *t)
{
	size_t i;

	for (i = 0; i < t->cap; i++)
		free(t->slots[i].key);
	free(t->slots);
	t->slots = NULL;
	t->cap = t->n = 0;
}
