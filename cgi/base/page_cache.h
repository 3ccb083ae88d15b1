/* page_cache.h: a worker's cache of computed figures, as HDF trees (or any
 * value: visitor_cache.h keeps drawn pages in one) under a key, each kept
 * for a fixed number of seconds.
 *
 * For pages whose figures cost far more to compute than to show and may be
 * a little old: the insight pages on a large community (hundreds of
 * thousands of posts) read for tens of milliseconds, and marketing reads the
 * same period many times a minute. Discourse keeps its admin reports the
 * same way. A cache belongs to one process and holds no request's data: the
 * caller keys it by everything the figures depend on (the filter and the
 * language), never by who asked, and checks permissions before reading it.
 *
 * The oldest entry makes room when the cache is full; an entry past its age
 * is never returned. Time is the caller's (now), so tests need no clock.
 */
#ifndef TERTULIA_PAGE_CACHE_H
#define TERTULIA_PAGE_CACHE_H

#include <ClearSilver.h>
#include <stddef.h>
#include <time.h>

typedef struct page_cache page_cache;

/* A cache of up to max_entries trees, each returned for ttl seconds after
 * it was put. NULL when out of memory. The caller owns it (page_cache_free). */
page_cache *page_cache_new(size_t max_entries, int ttl);
/* Frees the cache and every tree in it; NULL is fine. */
void page_cache_free(page_cache *c);

/* The tree put under key, if it was put less than ttl seconds before now;
 * otherwise NULL. The tree stays the cache's: read it (hdf_copy) before the
 * next page_cache_put. */
HDF *page_cache_get(page_cache *c, const char *key, time_t now);

/* Keeps tree under key from now on, replacing what key had; the oldest
 * entry goes when the cache is full. The cache takes tree in every case (on
 * failure it is destroyed). Returns 0, or E_NOMEM. */
int page_cache_put(page_cache *c, const char *key, HDF *tree, time_t now);

/* The same for any value: what was put under key less than ttl seconds
 * before now, or NULL; it stays the cache's. */
void *page_cache_get_value(page_cache *c, const char *key, time_t now);
/* Keeps value under key; drop(value) frees it when it is replaced, made
 * room for, expired or the cache freed (and at once on failure). Returns 0,
 * or E_NOMEM. */
int page_cache_put_value(page_cache *c, const char *key, void *value, void (*drop)(void *),
			 time_t now);
/* Forgets key's entry, if any (a value the caller found out of date). */
void page_cache_remove(page_cache *c, const char *key);

/* Milliseconds on a clock that never goes back (CLOCK_MONOTONIC): what a
 * caller measures to decide whether figures were slow enough to keep. */
long long monotonic_ms(void);

#endif
