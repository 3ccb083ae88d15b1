/* test_visitor_cache.c: the worker's copies of visitors' pages
 * (visitor_cache.h): for how long and under which state of the changes
 * file a page is served, each visitor's token put in its place, and the
 * changes file itself. */
#include "helpers.h"
#include "base/err.h"
#include "web/visitor_cache.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char HTML[] = "text/html; charset=utf-8";
static const visitor_stamp STAMP = { 7, 3, 1000, 5 };

/* Two tokens of VISITOR_TOKEN_LEN hex digits: a, then b. */
static char token_a[VISITOR_TOKEN_LEN + 1], token_b[VISITOR_TOKEN_LEN + 1];

static int make_tokens(void **state)
{
	(void)state;
	memset(token_a, 'a', VISITOR_TOKEN_LEN);
	memset(token_b, 'b', VISITOR_TOKEN_LEN);
	return 0;
}

/* The page as visitor_page_write gives it, with token in each place. */
static void put(void *ctx, const char *s, size_t n)
{
	strbuf *out = ctx;

	assert_int_equal(strbuf_append(out, s, n), 0);
}

static char *written(const visitor_page *p, const char *token)
{
	strbuf out = STRBUF_INIT;

	visitor_page_write(p, token, put, &out);
	return strbuf_detach(&out);
}

static void a_page_is_served_again_under_its_key_only(void **state)
{
	visitor_cache *c = visitor_cache_new(4, 5);
	const visitor_page *p;

	(void)state;
	assert_non_null(c);
	assert_null(visitor_cache_get(c, "en|00|/t/1?", 1000, &STAMP));
	assert_int_equal(visitor_cache_put(c, "en|00|/t/1?", "<p>hola</p>", 11, HTML, NULL, 1000,
					   &STAMP), 0);
	p = visitor_cache_get(c, "en|00|/t/1?", 1004, &STAMP);
	assert_non_null(p);
	assert_int_equal(p->len, 11);
	assert_memory_equal(p->body, "<p>hola</p>", 11);
	assert_string_equal(p->ctype, HTML);
	assert_null(visitor_cache_get(c, "es|00|/t/1?", 1000, &STAMP));
	assert_null(visitor_cache_get(c, "en|00|/t/1?page=2", 1000, &STAMP));
	visitor_cache_free(c);
}

static void a_page_lives_ttl_seconds(void **state)
{
	visitor_cache *c = visitor_cache_new(4, 5);

	(void)state;
	assert_int_equal(visitor_cache_put(c, "k", "x", 1, HTML, NULL, 1000, &STAMP), 0);
	assert_non_null(visitor_cache_get(c, "k", 1004, &STAMP));
	assert_null(visitor_cache_get(c, "k", 1005, &STAMP));
	/* gone for good, not only hidden */
	assert_null(visitor_cache_get(c, "k", 1001, &STAMP));
	assert_int_equal(visitor_cache_put(c, "k", "x", 1, HTML, NULL, 1000, &STAMP), 0);
	assert_null(visitor_cache_get(c, "k", 999, &STAMP)); /* a clock set back */
	visitor_cache_free(c);
}

static void a_change_since_the_page_was_drawn_is_a_miss(void **state)
{
	visitor_cache *c = visitor_cache_new(4, 60);
	visitor_stamp grown = STAMP, touched = STAMP, replaced = STAMP;

	(void)state;
	grown.size++;
	touched.nsec++;
	replaced.ino++;
	assert_int_equal(visitor_cache_put(c, "k", "x", 1, HTML, NULL, 1000, &STAMP), 0);
	assert_null(visitor_cache_get(c, "k", 1000, &grown));
	assert_int_equal(visitor_cache_put(c, "k", "x", 1, HTML, NULL, 1000, &STAMP), 0);
	assert_null(visitor_cache_get(c, "k", 1000, &touched));
	assert_int_equal(visitor_cache_put(c, "k", "x", 1, HTML, NULL, 1000, &STAMP), 0);
	assert_null(visitor_cache_get(c, "k", 1000, &replaced));
	visitor_cache_free(c);
}

static void each_visitor_gets_their_own_token(void **state)
{
	visitor_cache *c = visitor_cache_new(4, 60);
	strbuf page = STRBUF_INIT;
	const visitor_page *p;
	char *out;

	(void)state;
	assert_int_equal(strbuf_printf(&page, "<form><input value=\"%s\"></form>"
				       "<form><input value=\"%s\"></form>", token_a, token_a), 0);
	assert_int_equal(visitor_cache_put(c, "k", page.s, page.len, HTML, token_a, 1000, &STAMP), 0);
	p = visitor_cache_get(c, "k", 1000, &STAMP);
	assert_non_null(p);
	assert_int_equal(p->ntokens, 2);
	out = written(p, token_b);
	assert_int_equal(strlen(out), page.len);
	assert_null(strstr(out, token_a));
	assert_non_null(strstr(out, token_b));
	assert_non_null(strstr(strstr(out, token_b) + VISITOR_TOKEN_LEN, token_b));
	assert_memory_equal(out, "<form><input value=\"", 20);
	free(out);
	/* the same visitor again: the page as it was drawn */
	out = written(p, token_a);
	assert_string_equal(out, page.s);
	free(out);
	strbuf_free(&page);
	visitor_cache_free(c);
}

static void a_page_with_too_many_tokens_is_not_kept(void **state)
{
	visitor_cache *c = visitor_cache_new(4, 60);
	strbuf page = STRBUF_INIT;
	int i;

	(void)state;
	for (i = 0; i <= VISITOR_TOKENS_MAX; i++)
		assert_int_equal(strbuf_printf(&page, "<i>%s</i>", token_a), 0);
	assert_int_equal(visitor_cache_put(c, "k", page.s, page.len, HTML, token_a, 1000, &STAMP),
			 E_INVALID);
	assert_null(visitor_cache_get(c, "k", 1000, &STAMP));
	strbuf_free(&page);
	visitor_cache_free(c);
}

static void the_oldest_page_makes_room(void **state)
{
	visitor_cache *c = visitor_cache_new(2, 60);

	(void)state;
	assert_int_equal(visitor_cache_put(c, "old", "1", 1, HTML, NULL, 1000, &STAMP), 0);
	assert_int_equal(visitor_cache_put(c, "new", "2", 1, HTML, NULL, 1001, &STAMP), 0);
	assert_int_equal(visitor_cache_put(c, "newest", "3", 1, HTML, NULL, 1002, &STAMP), 0);
	assert_null(visitor_cache_get(c, "old", 1002, &STAMP));
	assert_non_null(visitor_cache_get(c, "new", 1002, &STAMP));
	assert_non_null(visitor_cache_get(c, "newest", 1002, &STAMP));
	/* the same key is replaced, not added */
	assert_int_equal(visitor_cache_put(c, "new", "4", 1, HTML, NULL, 1003, &STAMP), 0);
	assert_memory_equal(visitor_cache_get(c, "new", 1003, &STAMP)->body, "4", 1);
	assert_non_null(visitor_cache_get(c, "newest", 1003, &STAMP));
	visitor_cache_free(c);
	assert_null(visitor_cache_new(0, 60));
	visitor_cache_free(NULL);
}

static void every_write_changes_the_stamp(void **state)
{
	char dir[] = "/tmp/tertulia-changes-XXXXXX", path[64];
	visitor_stamp none, first, second;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/changes", dir);
	visitor_stamp_read(path, &none);
	assert_int_equal(none.size, 0);
	assert_int_equal(none.ino, 0);
	assert_int_equal(visitor_stamp_touch(path), 0);
	visitor_stamp_read(path, &first);
	assert_int_equal(first.size, 1);
	/* at once again: the time may not move, the size does */
	assert_int_equal(visitor_stamp_touch(path), 0);
	visitor_stamp_read(path, &second);
	assert_int_equal(second.size, 2);
	assert_int_equal(second.ino, first.ino);
	/* a folder that is not there: an error, not a crash */
	assert_int_equal(visitor_stamp_touch("/nonexistent-tertulia/changes"), E_IO);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(rmdir(dir), 0);
}

static void a_full_changes_file_is_replaced_by_a_new_one(void **state)
{
	char dir[] = "/tmp/tertulia-changes-XXXXXX", path[64];
	visitor_stamp before, after;
	FILE *f;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/changes", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	assert_int_equal(fseek(f, (1 << 20) - 1, SEEK_SET), 0);
	assert_int_equal(fputc('\n', f), '\n');
	assert_int_equal(fclose(f), 0);
	visitor_stamp_read(path, &before);
	assert_int_equal(visitor_stamp_touch(path), 0);
	visitor_stamp_read(path, &after);
	assert_int_equal(after.size, 1);
	assert_true(after.ino != before.ino);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(rmdir(dir), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_page_is_served_again_under_its_key_only),
		cmocka_unit_test(a_page_lives_ttl_seconds),
		cmocka_unit_test(a_change_since_the_page_was_drawn_is_a_miss),
		cmocka_unit_test(each_visitor_gets_their_own_token),
		cmocka_unit_test(a_page_with_too_many_tokens_is_not_kept),
		cmocka_unit_test(the_oldest_page_makes_room),
		cmocka_unit_test(every_write_changes_the_stamp),
		cmocka_unit_test(a_full_changes_file_is_replaced_by_a_new_one),
	};

	return cmocka_run_group_tests(tests, make_tokens, NULL);
}
