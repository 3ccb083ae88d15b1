/* visitor_cache.c: a worker's copies of visitors' pages (see
 * visitor_cache.h). Up to a few hundred entries found by a linear scan over
 * their keys' hashes: a lookup costs far less than the stat() beside it. */
#include "visitor_cache.h"
#include "err.h"
#include "str.h"

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct {
	char *key;          /* NULL: a free slot */
	uint64_t hash;
	time_t at;          /* when it was drawn */
	visitor_stamp stamp;
	visitor_page page;  /* page.body owned */
} entry;

struct visitor_cache {
	size_t max;
	int ttl;
	entry *e;
};

/* 64-bit FNV-1a */
static uint64_t key_hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

visitor_cache *visitor_cache_new(size_t max_entries, int ttl)
{
	visitor_cache *c;

	if (max_entries == 0)
		return NULL;
	c = calloc(1, sizeof(*c));
	if (c == NULL)
		return NULL;
	c->e = calloc(max_entries, sizeof(*c->e));
	if (c->e == NULL) {
		free(c);
		return NULL;
	}
	c->max = max_entries;
	c->ttl = ttl;
	return c;
}

static void entry_clear(entry *e)
{
	free(e->key);
	free((char *)e->page.body);
	memset(e, 0, sizeof(*e));
}

void visitor_cache_free(visitor_cache *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->max; i++)
		entry_clear(&c->e[i]);
	free(c->e);
	free(c);
}

static int same_stamp(const visitor_stamp *a, const visitor_stamp *b)
{
	return a->ino == b->ino && a->size == b->size && a->sec == b->sec && a->nsec == b->nsec;
}

const visitor_page *visitor_cache_get(visitor_cache *c, const char *key, time_t now,
				      const visitor_stamp *now_stamp)
{
	uint64_t h = key_hash(key);
	size_t i;

	for (i = 0; i < c->max; i++) {
		entry *e = &c->e[i];

		if (e->key == NULL || e->hash != h || strcmp(e->key, key) != 0)
			continue;
		/* a clock set back counts as stale too */
		if (now < e->at || now - e->at >= c->ttl || !same_stamp(&e->stamp, now_stamp)) {
			entry_clear(e);
			return NULL;
		}
		return &e->page;
	}
	return NULL;
}

int visitor_cache_put(visitor_cache *c, const char *key, const char *body, size_t len,
		      const char *ctype, const char *token, time_t now, const visitor_stamp *stamp)
{
	visitor_page page = { .len = len, .ctype = ctype };
	uint64_t h = key_hash(key);
	entry *slot = NULL;
	char *copy, *kcopy;
	size_t i;

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
	copy = malloc(len + 1);
	kcopy = strdup(key);
	if (copy == NULL || kcopy == NULL) {
		free(copy);
		free(kcopy);
		return E_NOMEM;
	}
	memcpy(copy, body, len);
	copy[len] = '\0';
	page.body = copy;
	/* the same key's entry, else a free slot, else the oldest */
	for (i = 0; i < c->max; i++) {
		entry *e = &c->e[i];

		if (e->key && e->hash == h && strcmp(e->key, key) == 0) {
			slot = e;
			break;
		}
		if (slot == NULL || (slot->key && (e->key == NULL || e->at < slot->at)))
			slot = e;
	}
	entry_clear(slot);
	slot->key = kcopy;
	slot->hash = h;
	slot->at = now;
	slot->stamp = *stamp;
	slot->page = page;
	return 0;
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
