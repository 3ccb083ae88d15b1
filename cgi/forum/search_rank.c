/* search_rank.c: the best matches of a search, as ids, kept by the worker
 * when they were slow to rank (see forum.h).
 *
 * InnoDB ranks every match of a FULLTEXT query: for a word found in 10% of
 * 500,000 posts that is 50,000 matches and about 200 ms, the same for every
 * page of the results and every visitor who searches the word. Ranking
 * gives only ids; the posts, reviews and ideas themselves are read on each
 * view (search.c), with whether they may be shown, so a post hidden by a
 * moderator leaves the results at once. What a kept ranking misses is what
 * was written after it: for search.cache_seconds at most. */
#include "forum.h"
#include "base/err.h"
#include "base/page_cache.h"
#include "base/str.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#define CACHE_ENTRIES 64

/* This worker's rankings: ids of content and the words asked, no one's
 * session or identity. */
static page_cache *rankings;

/* The ids of rows (column id) as a JSON array into *out. */
static int ids_json(const db_rows *rows, char **out)
{
	strbuf sb = STRBUF_INIT;
	size_t i;
	int rc = strbuf_puts(&sb, "[");

	for (i = 0; rc == 0 && i < rows->nrows; i++)
		rc = strbuf_printf(&sb, i ? ",%lld" : "%lld", row_int(rows, i, "id"));
	if (rc == 0)
		rc = strbuf_puts(&sb, "]");
	if (rc != 0) {
		strbuf_free(&sb);
		return E_NOMEM;
	}
	*out = strbuf_detach(&sb);
	return *out ? 0 : E_NOMEM;
}

int search_rank(request *r, const char *name, const char *sql, const char *q, long long n,
		char **ids)
{
	long long ttl = config_int(&r->app->cfg, "search.cache_seconds", 60);
	db_rows *rows = NULL;
	strbuf key = STRBUF_INIT;
	time_t now = time(NULL);
	long long start;
	HDF *kept = NULL;
	int rc;

	*ids = NULL;
	if (strbuf_printf(&key, "%s|%lld|%s", name, n, q) != 0)
		return E_NOMEM;
	if (ttl > 0 && rankings == NULL)
		rankings = page_cache_new(CACHE_ENTRIES, (int)ttl);
	kept = rankings ? page_cache_get(rankings, key.s, now) : NULL;
	if (kept) {
		*ids = strdup(hdf_get_value(kept, "ids", "[]"));
		strbuf_free(&key);
		return *ids ? 0 : E_NOMEM;
	}
	start = monotonic_ms();
	rc = DB_SELECT(r->app->db, sql, &rows, DBS(q), DBS(q), DBI(n));
	if (rc == 0)
		rc = ids_json(rows, ids);
	db_rows_free(rows);
	/* keeping is best effort: out of memory, the ranking is just not kept */
	if (rc == 0 && rankings &&
	    monotonic_ms() - start >= config_int(&r->app->cfg, "search.cache_after_ms", 2)) {
		NEOERR *err = hdf_init(&kept);

		if (err == STATUS_OK)
			err = hdf_set_value(kept, "ids", *ids);
		if (err == STATUS_OK) {
			page_cache_put(rankings, key.s, kept, now);
		} else {
			nerr_ignore(&err);
			if (kept)
				hdf_destroy(&kept);
		}
	}
	strbuf_free(&key);
	return rc;
}
