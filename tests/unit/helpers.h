/* helpers.h: what several unit tests share.
 *
 * Include after <cmocka.h>'s prerequisites; this header includes cmocka
 * itself so that a test file starts with one line. Everything here is
 * static inline so that a test that uses only part of it compiles cleanly
 * under -Werror.
 */
#ifndef TERTULIA_TEST_HELPERS_H
#define TERTULIA_TEST_HELPERS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/err.h"
#include "base/kv.h"
#include "base/str.h"

/* A string of `count` copies of `unit` (for length limits). Caller frees. */
static inline char *repeat(const char *unit, size_t count)
{
	size_t n = strlen(unit), i;
	char *s = malloc(n * count + 1);

	assert_non_null(s);
	for (i = 0; i < count; i++)
		memcpy(s + i * n, unit, n);
	s[n * count] = '\0';
	return s;
}

/* Parses urlencoded text that a test knows to be well formed. */
static inline void parse_form(kvlist *l, const char *body)
{
	assert_int_equal(kv_parse_urlencoded(l, body, strlen(body)), 0);
}

/* Adds one pair whose value is a C string (may hold any bytes but NUL). */
static inline void add_pair(kvlist *l, const char *name, const char *value)
{
	assert_int_equal(kv_add(l, name, strlen(name), value, strlen(value)), 0);
}

/* A fresh temporary directory (caller removes it with remove_tree). */
static inline char *make_temp_dir(void)
{
	char *dir = strdup("/tmp/tertulia-unit-XXXXXX");

	assert_non_null(dir);
	assert_non_null(mkdtemp(dir));
	return dir;
}

/* Writes text to dir/name. */
static inline void write_file(const char *dir, const char *name, const char *text)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
}

/* Removes the files named in `names` (NULL-terminated) and then dir. */
static inline void remove_tree(char *dir, const char *const *names)
{
	char path[512];

	for (; names && *names; names++) {
		snprintf(path, sizeof(path), "%s/%s", dir, *names);
		unlink(path);
	}
	rmdir(dir);
	free(dir);
}

/* Reads a whole file into an allocated string (caller frees). */
static inline char *read_whole_file(const char *path)
{
	strbuf sb = STRBUF_INIT;
	char buf[4096];
	size_t n;
	FILE *f = fopen(path, "r");

	assert_non_null(f);
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		assert_int_equal(strbuf_append(&sb, buf, n), 0);
	fclose(f);
	return strbuf_detach(&sb);
}

/* Standard error sent to a temporary file between capture_start and
 * capture_stop, so that a test can check what the library logged (and a
 * passing run shows no expected error lines). */
typedef struct captured {
	int saved;
	char path[64];
} captured;

static inline void capture_start(captured *c)
{
	int fd;

	snprintf(c->path, sizeof(c->path), "/tmp/tertulia-unit-log-XXXXXX");
	fd = mkstemp(c->path);
	assert_true(fd >= 0);
	fflush(stderr);
	c->saved = dup(2);
	assert_true(c->saved >= 0);
	assert_int_equal(dup2(fd, 2), 2);
	close(fd);
}

/* Restores standard error and returns what was written (caller frees). */
static inline char *capture_stop(captured *c)
{
	char *text;

	fflush(stderr);
	dup2(c->saved, 2);
	close(c->saved);
	text = read_whole_file(c->path);
	unlink(c->path);
	return text;
}

/* Number of lines in s. */
static inline int count_lines(const char *s)
{
	int n = 0;

	for (; *s; s++)
		n += *s == '\n';
	return n;
}

/* Whether haystack contains needle; on failure the message names both. */
#define assert_contains(haystack, needle) do { \
	const char *h_ = (haystack), *n_ = (needle); \
	if (h_ == NULL || strstr(h_, n_) == NULL) \
		fail_msg("\"%s\" does not contain \"%s\"", h_ ? h_ : "(null)", n_); \
} while (0)

#define assert_not_contains(haystack, needle) do { \
	const char *h_ = (haystack), *n_ = (needle); \
	if (h_ != NULL && strstr(h_, n_) != NULL) \
		fail_msg("\"%s\" contains \"%s\"", h_, n_); \
} while (0)

#endif
