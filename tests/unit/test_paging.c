/* test_paging.c: the arithmetic of pages (base/paging.h) and the prefixed
 * HDF setters (base/hdf.h). */
#include "helpers.h"
#include "base/hdf.h"
#include "base/paging.h"

static void limit_and_offset(void **state)
{
	(void)state;
	/* one row more than a page says that a next page exists */
	assert_int_equal(page_limit(30), 31);
	assert_int_equal(page_limit(20), 21);
	assert_int_equal(page_offset(1, 30), 0);
	assert_int_equal(page_offset(2, 30), 30);
	assert_int_equal(page_offset(5, 20), 80);
}

static void counts(void **state)
{
	(void)state;
	assert_int_equal(page_count(0, 20), 1);
	assert_int_equal(page_count(1, 20), 1);
	assert_int_equal(page_count(20, 20), 1);
	assert_int_equal(page_count(21, 20), 2);
	assert_int_equal(page_count(40, 20), 2);
	assert_int_equal(page_count(41, 20), 3);
	assert_int_equal(page_of_position(1, 20), 1);
	assert_int_equal(page_of_position(20, 20), 1);
	assert_int_equal(page_of_position(21, 20), 2);
	assert_int_equal(page_of_position(41, 20), 3);
}

static void spans(void **state)
{
	page_span s;

	(void)state;
	assert_int_equal(page_span_of(45, 20, 1, &s), 0);
	assert_int_equal(s.page, 1);
	assert_int_equal(s.pages, 3);
	assert_int_equal(s.first, 1);
	assert_int_equal(s.last, 20);
	assert_int_equal(page_span_of(45, 20, 2, &s), 0);
	assert_int_equal(s.first, 21);
	assert_int_equal(s.last, 40);
	/* 0 is the last page */
	assert_int_equal(page_span_of(45, 20, 0, &s), 0);
	assert_int_equal(s.page, 3);
	assert_int_equal(s.first, 41);
	assert_int_equal(s.last, 60);
	/* an empty list still has its page 1 */
	assert_int_equal(page_span_of(0, 20, 0, &s), 0);
	assert_int_equal(s.page, 1);
	assert_int_equal(s.pages, 1);
	/* past the end is the last page */
	assert_int_equal(page_span_of(45, 20, 4, &s), 0);
	assert_int_equal(s.page, 3);
	assert_int_equal(s.first, 41);
	assert_int_equal(page_span_of(45, 20, 99, &s), 0);
	assert_int_equal(s.page, 3);
	assert_int_equal(page_span_of(0, 20, 2, &s), 0);
	assert_int_equal(s.page, 1);
	assert_int_equal(page_span_of(45, 20, -1, &s), E_NOTFOUND);
}

static void links(void **state)
{
	HDF *h = NULL;
	page_span s;

	(void)state;
	assert_null(hdf_init(&h));
	assert_int_equal(page_span_of(45, 20, 2, &s), 0);
	page_links(h, &s);
	assert_int_equal(hdf_get_int_value(h, "d.page", 0), 2);
	assert_int_equal(hdf_get_int_value(h, "d.pages", 0), 3);
	assert_int_equal(hdf_get_int_value(h, "d.prev_page", 0), 1);
	assert_int_equal(hdf_get_int_value(h, "d.next_page", 0), 3);
	hdf_destroy(&h);

	assert_null(hdf_init(&h));
	assert_int_equal(page_span_of(5, 20, 1, &s), 0);
	page_links(h, &s);
	assert_int_equal(hdf_get_int_value(h, "d.page", 0), 1);
	assert_null(hdf_get_obj(h, "d.prev_page"));
	assert_null(hdf_get_obj(h, "d.next_page"));
	hdf_destroy(&h);
}

static void prefixed_setters(void **state)
{
	HDF *h = NULL;
	HDF_ATTR *a;

	(void)state;
	assert_null(hdf_init(&h));
	hdf_str_at(h, "d.votes.0", "title", "Dark mode");
	hdf_int_at(h, "d.votes.0", "votes", 12);
	assert_string_equal(hdf_get_value(h, "d.votes.0.title", ""), "Dark mode");
	assert_int_equal(hdf_get_int_value(h, "d.votes.0.votes", 0), 12);
	/* a number in the JSON twin */
	a = hdf_get_attr(h, "d.votes.0.votes");
	assert_non_null(a);
	assert_string_equal(a->key, "t");
	assert_string_equal(a->value, "n");
	hdf_destroy(&h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(limit_and_offset),
		cmocka_unit_test(counts),
		cmocka_unit_test(spans),
		cmocka_unit_test(links),
		cmocka_unit_test(prefixed_setters),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
