/* test_page_cache.c: a worker's cache of computed figures (page_cache.h):
 * what is returned, for how long, and which entry makes room. */
#include "helpers.h"
#include "base/page_cache.h"

/* A tree with one value, figure = v. */
static HDF *tree(const char *v)
{
	HDF *h = NULL;

	assert_int_equal(hdf_init(&h), STATUS_OK);
	assert_int_equal(hdf_set_value(h, "figure", v), STATUS_OK);
	return h;
}

static const char *figure(HDF *h)
{
	return h ? hdf_get_value(h, "figure", "(none)") : "(missed)";
}

static void miss_on_an_empty_cache(void **state)
{
	page_cache *c = page_cache_new(4, 60);

	(void)state;
	assert_non_null(c);
	assert_null(page_cache_get(c, "from=2026-11-01", 1000));
	page_cache_free(c);
}

static void returns_what_was_put_under_that_key_only(void **state)
{
	page_cache *c = page_cache_new(4, 60);

	(void)state;
	assert_int_equal(page_cache_put(c, "en|from=2026-11-01", tree("42"), 1000), 0);
	assert_string_equal(figure(page_cache_get(c, "en|from=2026-11-01", 1000)), "42");
	assert_null(page_cache_get(c, "es|from=2026-11-01", 1000));
	assert_null(page_cache_get(c, "en|from=2026-11-0", 1000));
	page_cache_free(c);
}

static void an_entry_lives_ttl_seconds(void **state)
{
	page_cache *c = page_cache_new(4, 60);

	(void)state;
	page_cache_put(c, "k", tree("1"), 1000);
	assert_string_equal(figure(page_cache_get(c, "k", 1059)), "1");
	assert_null(page_cache_get(c, "k", 1060));
	/* and once stale it is gone, not returned again */
	assert_null(page_cache_get(c, "k", 1000));
	page_cache_free(c);
}

static void a_clock_set_back_is_a_miss(void **state)
{
	page_cache *c = page_cache_new(4, 60);

	(void)state;
	page_cache_put(c, "k", tree("1"), 1000);
	assert_null(page_cache_get(c, "k", 999));
	page_cache_free(c);
}

static void putting_a_key_again_replaces_it(void **state)
{
	page_cache *c = page_cache_new(2, 60);

	(void)state;
	page_cache_put(c, "k", tree("old"), 1000);
	page_cache_put(c, "other", tree("o"), 1001);
	page_cache_put(c, "k", tree("new"), 1002);
	assert_string_equal(figure(page_cache_get(c, "k", 1003)), "new");
	/* the replaced entry took its own slot: the other key is still there */
	assert_string_equal(figure(page_cache_get(c, "other", 1003)), "o");
	page_cache_free(c);
}

static void the_oldest_entry_makes_room(void **state)
{
	page_cache *c = page_cache_new(3, 60);

	(void)state;
	page_cache_put(c, "b", tree("b"), 1001);
	page_cache_put(c, "a", tree("a"), 1000);
	page_cache_put(c, "c", tree("c"), 1002);
	page_cache_put(c, "d", tree("d"), 1003);
	assert_null(page_cache_get(c, "a", 1004));
	assert_string_equal(figure(page_cache_get(c, "b", 1004)), "b");
	assert_string_equal(figure(page_cache_get(c, "c", 1004)), "c");
	assert_string_equal(figure(page_cache_get(c, "d", 1004)), "d");
	page_cache_free(c);
}

static void no_entries_is_refused(void **state)
{
	(void)state;
	assert_null(page_cache_new(0, 60));
	page_cache_free(NULL);
}

/* Any value: dropped once, whatever ends its stay. */
static int dropped;

static void drop_count(void *value)
{
	dropped++;
	free(value);
}

static void any_value_is_dropped_once_whatever_ends_it(void **state)
{
	page_cache *c = page_cache_new(2, 60);

	(void)state;
	dropped = 0;
	assert_int_equal(page_cache_put_value(c, "a", strdup("1"), drop_count, 1000), 0);
	assert_string_equal(page_cache_get_value(c, "a", 1000), "1");
	assert_int_equal(page_cache_put_value(c, "a", strdup("2"), drop_count, 1001), 0);
	assert_int_equal(dropped, 1);                         /* replaced */
	assert_string_equal(page_cache_get_value(c, "a", 1001), "2");
	page_cache_remove(c, "a");
	assert_int_equal(dropped, 2);                         /* removed */
	assert_null(page_cache_get_value(c, "a", 1001));
	page_cache_remove(c, "a");                           /* nothing left */
	assert_int_equal(dropped, 2);
	assert_int_equal(page_cache_put_value(c, "b", strdup("3"), drop_count, 1000), 0);
	assert_null(page_cache_get_value(c, "b", 1060));
	assert_int_equal(dropped, 3);                         /* expired */
	assert_int_equal(page_cache_put_value(c, "c", strdup("4"), drop_count, 1000), 0);
	page_cache_free(c);
	assert_int_equal(dropped, 4);                         /* the cache freed */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(miss_on_an_empty_cache),
		cmocka_unit_test(returns_what_was_put_under_that_key_only),
		cmocka_unit_test(an_entry_lives_ttl_seconds),
		cmocka_unit_test(a_clock_set_back_is_a_miss),
		cmocka_unit_test(putting_a_key_again_replaces_it),
		cmocka_unit_test(the_oldest_entry_makes_room),
		cmocka_unit_test(no_entries_is_refused),
		cmocka_unit_test(any_value_is_dropped_once_whatever_ends_it),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
