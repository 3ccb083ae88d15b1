/* visitor_cache.h: a worker's copies of the pages it drew for visitors
 * (no session), served again for a few seconds without a database read.
 *
 * A visitor's page of a thread, a category, the home page or a product is
 * the same for every visitor in one language, apart from the form token,
 * and most of a forum's readers are visitors. Discourse keeps such pages
 * for anonymous readers too (its "anonymous cache"); FluxBB on Varnish the
 * same. Members never get a kept page: theirs shows who they are.
 *
 * What keeps a page true:
 * - it is kept for ttl seconds at most (cache.visitor_seconds, 1 by
 *   default: with several hosts, each has its own changes file, and a page
 *   kept on one lags a write on another as a replica's read may);
 * - every write (a POST that succeeds, in app.c; a tertuliactl command
 *   that writes) adds a byte to one file, the changes file; a page drawn
 *   before the last change is never served. A stat() a request: the programs are separate
 *   processes and share nothing else. Its size, not its time, is what
 *   counts: a file's time moves in steps of a few milliseconds, so two
 *   writes could leave the same time;
 * - the form token of the visitor who caused the page is cut out of it and
 *   each visitor's own is put back when the page is served.
 *
 * A cache belongs to one process (a worker) and holds no request's data:
 * the key is everything the page depends on for a visitor (language, path,
 * query, JSON or HTML). The caller owns it (visitor_cache_free). */
#ifndef TERTULIA_VISITOR_CACHE_H
#define TERTULIA_VISITOR_CACHE_H

#include "base/config.h"

#include <stddef.h>
#include <time.h>

/* Where a kept page's form tokens were (each VISITOR_TOKEN_LEN bytes). */
#define VISITOR_TOKEN_LEN 64
#define VISITOR_TOKENS_MAX 8

typedef struct visitor_cache visitor_cache;

/* A kept page, borrowed from the cache until the next put. */
typedef struct visitor_page {
	const char *body;        /* with each token's place still holding a token */
	size_t len;
	const char *ctype;       /* a static string: "text/html; charset=utf-8" */
	size_t token_at[VISITOR_TOKENS_MAX];
	size_t ntokens;
} visitor_page;

/* A changes file's state: pages drawn under one state are served only
 * while the file still has it. */
typedef struct visitor_stamp {
	unsigned long long ino, size;
	long long sec, nsec;
} visitor_stamp;

/* A cache of up to max_entries pages, each served for ttl seconds after it
 * was drawn. NULL when out of memory or max_entries is 0. */
visitor_cache *visitor_cache_new(size_t max_entries, int ttl);
/* Frees the cache and its pages; NULL is fine. */
void visitor_cache_free(visitor_cache *c);

/* The page kept under key, if it was drawn less than ttl seconds before
 * now and under the changes file state now_stamp; otherwise NULL. */
const visitor_page *visitor_cache_get(visitor_cache *c, const char *key, time_t now,
				      const visitor_stamp *now_stamp);

/* Keeps a copy of body (len bytes, of type ctype, a static string) under
 * key, drawn at now under stamp (read before the page was drawn). Each
 * occurrence of token (VISITOR_TOKEN_LEN bytes; NULL or "" for none) is
 * remembered so that visitor_page_write can put another one there; a page
 * with more than VISITOR_TOKENS_MAX is not kept. The oldest page makes
 * room when full. Returns 0, or E_NOMEM / E_INVALID (not kept). */
int visitor_cache_put(visitor_cache *c, const char *key, const char *body, size_t len,
		      const char *ctype, const char *token, time_t now, const visitor_stamp *stamp);

/* The changes file of a configuration: cache.changes_file, or run/changes
 * in the configuration's folder (where the stack keeps its sockets; NULL
 * config_path: var/tertulia.conf's). Allocated (the caller frees it); NULL
 * when out of memory. */
char *visitor_changes_file(const config *cfg, const char *config_path);

/* The state of the changes file at path (zeros when it does not exist). */
void visitor_stamp_read(const char *path, visitor_stamp *out);
/* 1 when a and b are the same state of the file: nothing written between. */
int visitor_stamp_equal(const visitor_stamp *a, const visitor_stamp *b);
/* Marks a change: adds a byte to path (made when missing); past 1 MB a new
 * empty file takes its place. Returns 0 or E_IO. */
int visitor_stamp_touch(const char *path);

/* Calls put(ctx, bytes, n) for the page with token (VISITOR_TOKEN_LEN bytes)
 * in each token place, in order. */
void visitor_page_write(const visitor_page *p, const char *token,
			void (*put)(void *ctx, const char *s, size_t n), void *ctx);

#endif
