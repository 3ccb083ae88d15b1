/* visitor_cache.c: a worker's copies of visitors' pages (see
 * visitor_cache.h), kept in a page_cache: this file adds the changes
 * file's stamp and the places of the form token. */
#include "web/visitor_cache.h"
#include "base/err.h"
#include "base/page_cache.h"
#include "base/str.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A kept page, its stamp and its body in one allocation. */
typedef struct {
	visitor_page page;
	visitor_stamp stamp;
	char body[];
} kept;

/* The slots, their ages and which one makes room are page_cache's. */
struct visitor_cache {
	page_cache *pages;
};

visitor_cache *visitor_cache_new(size_t max_entries, int ttl)
{
	visitor_cache *c = calloc(1, sizeof(*c));

	if (c == NULL || (c->pages = page_cache_new(max_entries, ttl)) == NULL) {
		free(c);
		return NULL;
	}
	return c;
}

void visitor_cache_free(visitor_cache *c)
{
	if (c == NULL)
		return;
	page_cache_free(c->pages);
	free(c);
}

int visitor_stamp_equal(const visitor_stamp *a, const visitor_stamp *b)
{
	return a->ino == b->ino && a->size == b->size && a->sec == b->sec && a->nsec == b->nsec;
}

const visitor_page *visitor_cache_get(visitor_cache *c, const char *key, time_t now,
				      const visitor_stamp *now_stamp)
{
	kept *k = page_cache_get_value(c->pages, key, now);

	if (k == NULL)
		return NULL;
	if (!visitor_stamp_equal(&k->stamp, now_stamp)) { /* drawn before a write */
		page_cache_remove(c->pages, key);
		return NULL;
	}
	return &k->page;
}

int visitor_cache_put(visitor_cache *c, const char *key, const char *body, size_t len,
		      const char *ctype, const char *token, time_t now, const visitor_stamp *stamp)
{
	visitor_page page = { .len = len, .ctype = ctype };
	kept *k;

	/* where the token is: each visitor gets their own there */
	if (token && *token) {
		const char *from = body, *end = body + len, *at;
		while ((at = memmem(from, (size_t)(end - from), token, VISITOR_TOKEN_LEN)) != NULL) {
			if (page.ntokens == VISITOR_TOKENS_MAX)
				return E_INVALID;
			page.token_at[page.ntokens++] = (size_t)(at - body);
			from = at + VISITOR_TOKEN_LEN;
		}
	}
	k = malloc(sizeof(*k) + len + 1);
	if (k == NULL)
		return E_NOMEM;
	memcpy(k->body, body, len);
	k->body[len] = '\0';
	k->page = page;
	k->page.body = k->body;
	k->stamp = *stamp;
	return page_cache_put_value(c->pages, key, k, free, now);
}

char *visitor_changes_file(const config *cfg, const char *config_path)
{
	const char *set = config_get(cfg, "cache.changes_file", NULL);
	const char *conf = config_path && *config_path ? config_path : "var/tertulia.conf";
	const char *slash = strrchr(conf, '/');
	strbuf sb = STRBUF_INIT;

	if (set && *set)
		return strdup(set);
	if (strbuf_printf(&sb, "%.*s/run/changes", slash ? (int)(slash - conf) : 1,
			  slash ? conf : ".") != 0) {
		strbuf_free(&sb);
		return NULL;
	}
	return strbuf_detach(&sb);
}

void visitor_stamp_read(const char *path, visitor_stamp *out)
{
	struct stat st;

	memset(out, 0, sizeof(*out));
	if (path == NULL || stat(path, &st) != 0)
		return;
	out->ino = (unsigned long long)st.st_ino;
	out->size = (unsigned long long)st.st_size;
	out->sec = (long long)st.st_mtim.tv_sec;
	out->nsec = (long long)st.st_mtim.tv_nsec;
}

#define CHANGES_MAX (1 << 20)

int visitor_stamp_touch(const char *path)
{
	struct stat st;
	char fresh[600];
	int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
	int ok;

	if (fd < 0)
		return E_IO;
	ok = write(fd, "\n", 1) == 1 && fstat(fd, &st) == 0;
	close(fd);
	if (!ok)
		return E_IO;
	if (st.st_size < CHANGES_MAX)
		return 0;
	/* a new file (another inode) in its place: a stamp of the old one
	 * matches it no more */
	if (snprintf(fresh, sizeof(fresh), "%s.%ld", path, (long)getpid()) >= (int)sizeof(fresh))
		return E_IO;
	fd = open(fresh, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		return E_IO;
	ok = write(fd, "\n", 1) == 1;
	close(fd);
	if (!ok || rename(fresh, path) != 0) {
		unlink(fresh);
		return E_IO;
	}
	return 0;
}

void visitor_page_write(const visitor_page *p, const char *token,
			void (*put)(void *ctx, const char *s, size_t n), void *ctx)
{
	size_t at = 0, i;

	for (i = 0; i < p->ntokens; i++) {
		put(ctx, p->body + at, p->token_at[i] - at);
		put(ctx, token, VISITOR_TOKEN_LEN);
		at = p->token_at[i] + VISITOR_TOKEN_LEN;
	}
	put(ctx, p->body + at, p->len - at);
}
