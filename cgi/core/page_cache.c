/* page_cache.c: a worker's cache of computed figures (see page_cache.h).
 * A handful of entries, found by a linear scan: the keys are short and the
 * insight pages have few filters in use at once. */
#include "page_cache.h"
#include "err.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
	char *key;    /* NULL: a free slot */
	HDF *tree;
	time_t at;    /* when it was put */
} entry;

struct page_cache {
	size_t max;
	int ttl;
	entry *e;
};

page_cache *page_cache_new(size_t max_entries, int ttl)
{
	page_cache *c = calloc(1, sizeof(*c));

	if (c == NULL || max_entries == 0)
		goto fail;
	c->e = calloc(max_entries, sizeof(*c->e));
	if (c->e == NULL)
		goto fail;
	c->max = max_entries;
	c->ttl = ttl;
	return c;
fail:
	free(c);
	return NULL;
}

static void entry_clear(entry *e)
{
	free(e->key);
	if (e->tree)
		hdf_destroy(&e->tree);
	memset(e, 0, sizeof(*e));
}

void page_cache_free(page_cache *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->max; i++)
		entry_clear(&c->e[i]);
	free(c->e);
	free(c);
}

HDF *page_cache_get(page_cache *c, const char *key, time_t now)
{
	size_t i;

	for (i = 0; i < c->max; i++) {
		entry *e = &c->e[i];

		if (e->key == NULL || strcmp(e->key, key) != 0)
			continue;
		/* a clock set back counts as stale too */
		if (now < e->at || now - e->at >= c->ttl) {
			entry_clear(e);
			return NULL;
		}
		return e->tree;
	}
	return NULL;
}

int page_cache_put(page_cache *c, const char *key, HDF *tree, time_t now)
{
	entry *slot = NULL;
	char *copy = strdup(key);
	size_t i;

	if (copy == NULL) {
		hdf_destroy(&tree);
		return E_NOMEM;
	}
	/* the same key's entry, else a free slot, else the oldest */
	for (i = 0; i < c->max; i++) {
		entry *e = &c->e[i];

		if (e->key && strcmp(e->key, key) == 0) {
			slot = e;
			break;
		}
		if (slot == NULL || (slot->key && (e->key == NULL || e->at < slot->at)))
			slot = e;
	}
	entry_clear(slot);
	slot->key = copy;
	slot->tree = tree;
	slot->at = now;
	return 0;
}

long long monotonic_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}
