/* page_cache.c: a worker's cache of computed figures (see page_cache.h).
 * A handful of entries, found by a linear scan: the keys are short and the
 * insight pages have few filters in use at once. */
#include "base/page_cache.h"
#include "base/err.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
	char *key;    /* NULL: a free slot */
	void *value;
	void (*drop)(void *value);
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
	if (e->value && e->drop)
		e->drop(e->value);
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

static entry *find(page_cache *c, const char *key)
{
	size_t i;

	for (i = 0; i < c->max; i++)
		if (c->e[i].key && strcmp(c->e[i].key, key) == 0)
			return &c->e[i];
	return NULL;
}

void *page_cache_get_value(page_cache *c, const char *key, time_t now)
{
	entry *e = find(c, key);

	if (e == NULL)
		return NULL;
	/* a clock set back counts as stale too */
	if (now < e->at || now - e->at >= c->ttl) {
		entry_clear(e);
		return NULL;
	}
	return e->value;
}

int page_cache_put_value(page_cache *c, const char *key, void *value, void (*drop)(void *),
			 time_t now)
{
	entry *slot = find(c, key);
	char *copy = strdup(key);
	size_t i;

	if (copy == NULL) {
		drop(value);
		return E_NOMEM;
	}
	if (slot == NULL) /* not there yet: a free slot, else the oldest */
		for (i = 0; i < c->max; i++)
			if (slot == NULL ||
			    (slot->key && (c->e[i].key == NULL || c->e[i].at < slot->at)))
				slot = &c->e[i];
	entry_clear(slot);
	slot->key = copy;
	slot->value = value;
	slot->drop = drop;
	slot->at = now;
	return 0;
}

void page_cache_remove(page_cache *c, const char *key)
{
	entry *e = find(c, key);

	if (e)
		entry_clear(e);
}

static void drop_tree(void *tree)
{
	HDF *h = tree;

	hdf_destroy(&h);
}

HDF *page_cache_get(page_cache *c, const char *key, time_t now)
{
	return page_cache_get_value(c, key, now);
}

int page_cache_put(page_cache *c, const char *key, HDF *tree, time_t now)
{
	return page_cache_put_value(c, key, tree, drop_tree, now);
}

long long monotonic_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}
