/* test_kv.c: urlencoded bodies, query strings and cookies (kv.h). */
#include "helpers.h"

/* Parses s (its strlen) into a fresh list and returns the result code. */
static int parse(kvlist *l, const char *s)
{
	return kv_parse_urlencoded(l, s, strlen(s));
}

/* ---- kv_add, kv_get, kv_find ---- */

static void add_and_get(void **state)
{
	kvlist l = KVLIST_INIT;

	(void)state;
	assert_int_equal(kv_add(&l, "name", 4, "value", 5), 0);
	assert_int_equal(kv_add(&l, "other", 5, "x", 1), 0);
	assert_int_equal(l.n, 2);
	assert_string_equal(kv_get(&l, "name"), "value");
	assert_string_equal(kv_get(&l, "other"), "x");
	assert_null(kv_get(&l, "missing"));
	assert_null(kv_get(&l, "nam"));   /* no prefix match */
	assert_null(kv_get(&l, "names"));
	kv_free(&l);
	assert_int_equal(l.n, 0);
	assert_null(l.items);
}

static void add_copies_its_arguments(void **state)
{
	kvlist l = KVLIST_INIT;
	char name[] = "k", value[] = "v";

	(void)state;
	assert_int_equal(kv_add(&l, name, 1, value, 1), 0);
	name[0] = 'X';
	value[0] = 'Y';
	assert_string_equal(kv_get(&l, "k"), "v");
	kv_free(&l);
}

static void first_of_duplicates_wins(void **state)
{
	kvlist l = KVLIST_INIT;

	(void)state;
	assert_int_equal(parse(&l, "a=1&a=2"), 0);
	assert_int_equal(l.n, 2);
	assert_string_equal(kv_get(&l, "a"), "1");
	assert_ptr_equal(kv_find(&l, "a"), &l.items[0]);
	kv_free(&l);
}

static void list_keeps_order_past_growth(void **state)
{
	kvlist l = KVLIST_INIT;
	char name[16];
	int i;

	(void)state;
	for (i = 0; i < 100; i++) {
		snprintf(name, sizeof(name), "k%d", i);
		assert_int_equal(kv_add(&l, name, strlen(name), name + 1, strlen(name + 1)), 0);
	}
	assert_int_equal(l.n, 100);
	for (i = 0; i < 100; i++) {
		snprintf(name, sizeof(name), "k%d", i);
		assert_string_equal(l.items[i].name, name);
		assert_string_equal(kv_get(&l, name), name + 1);
	}
	kv_free(&l);
}

static void add_refuses_past_max_pairs(void **state)
{
	kvlist l = KVLIST_INIT;
	int i;

	(void)state;
	for (i = 0; i < KV_MAX_PAIRS; i++)
		assert_int_equal(kv_add(&l, "a", 1, "b", 1), 0);
	assert_int_equal(kv_add(&l, "a", 1, "b", 1), E_TOOBIG);
	assert_int_equal(l.n, KV_MAX_PAIRS);
	kv_free(&l);
}

/* ---- kv_parse_urlencoded ---- */

static void urlencoded_simple_pairs(void **state)
{
	kvlist l = KVLIST_INIT;

	(void)state;
	assert_int_equal(parse(&l, "title=Hello&body=World"), 0);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.items[0].name, "title");
	assert_string_equal(l.items[0].value, "Hello");
	assert_int_equal(l.items[0].value_len, 5);
	assert_string_equal(l.items[1].name, "body");
	assert_string_equal(l.items[1].value, "World");
	kv_free(&l);
}

static void urlencoded_plus_is_space(void **state)
{
	kvlist l = KVLIST_INIT;

	(void)state;
	assert_int_equal(parse(&l, "q=hello+big+world&my+name=x"), 0);
	assert_string_equal(kv_get(&l, "q"), "hello big world");
	assert_string_equal(kv_get(&l, "my name"), "x");
	kv_free(&l);
}

static void urlencoded_percent_escapes(void **state)
{
	kvlist l = KVLIST_INIT;

	(void)state;
	assert_int_equal(parse(&l, "a=%41%62%2b%2B%26%3D%25&e=%C3%B1%e2%82%ac"), 0);
	assert_string_equal(kv_get(&l, "a"), "Ab++&=%");
	assert_string_equal(kv_get(&l, "e"), "\xc3\xb1\xe2\x82\xac"); /* ñ€ */
	assert_int_equal(kv_find(&l, "e")->value_len, 5);
	kv_free(&l);
}

static void urlencoded_escaped_separators_stay_in_value(void **state)
{
	kvlist l = KVLIST_INIT;

	(void)state;
	assert_int_equal(parse(&l, "a=1%262&b=x%3Dy"), 0);
	assert_int_equal(l.n, 2);
	assert_string_equal(kv_get(&l, "a"), "1&2");
	assert_string_equal(kv_get(&l, "b"), "x=y");
	kv_free(&l);
}

static void urlencoded_value_with_raw_equals(void **state)
{
	kvlist l = KVLIST_INIT;

	(void)state;
	assert_int_equal(parse(&l, "a=b=c"), 0);
	assert_string_equal(kv_get(&l, "a"), "b=c");
	kv_free(&l);
}

static void urlencoded_malformed_escapes_refused(void **state)
{
	static const char *const bad[] = {
		"a=%", "a=%4", "a=%zz", "a=%4g", "a=%g4", "a=%0", "a=1%", "%=1",
		"a=%%41", "a=% 41", "a=%-1", "a=%+1", "x%zz=1", "a=1&b=%2",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		kvlist l = KVLIST_INIT;
		int rc = parse(&l, bad[i]);
		kv_free(&l);
		if (rc != E_INVALID)
			fail_msg("\"%s\" gave %d, not E_INVALID", bad[i], rc);
	}
}

static void urlencoded_truncated_escape_at_length(void **state)
{
	/* "a=%41" cut to 4 bytes ends in "%4": the length counts, not the NUL */
	kvlist l = KVLIST_INIT;

	(void)state;
	assert_int_equal(kv_parse_urlencoded(&l, "a=%41", 4), E_INVALID);
	kv_free(&l);
}

static void urlencoded_empty_pairs_skipped(void **state)
{
	kvlist l = KVLIST_INIT;

	(void)state;
	assert_int_equal(parse(&l, "&a=1&&b=2&&&"), 0);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.items[0].name, "a");
	assert_string_equal(l.items[1].name, "b");
	assert_string_equal(kv_get(&l, "b"), "2");
	kv_free(&l);
}

static void urlencoded_empty_input(void **state)
{
	kvlist l = KVLIST_INIT;

	(void)state;
	assert_int_equal(parse(&l, ""), 0);
	assert_int_equal(l.n, 0);
	assert_int_equal(parse(&l, "&&&"), 0);
	assert_int_equal(l.n, 0);
	kv_free(&l);
}

static void urlencoded_name_without_equals(void **state)
{
	kvlist l = KVLIST_INIT;
	const kv *item;

	(void)state;
	assert_int_equal(parse(&l, "flag&b=2"), 0);
	assert_int_equal(l.n, 2);
	item = kv_find(&l, "flag");
	assert_non_null(item);
	assert_string_equal(item->value, "");
	assert_int_equal(item->value_len, 0);
	kv_free(&l);
}

static void urlencoded_empty_value(void **state)
{
	kvlist l = KVLIST_INIT;

	(void)state;
	assert_int_equal(parse(&l, "a=&b="), 0);
	assert_int_equal(l.n, 2);
	assert_string_equal(kv_get(&l, "a"), "");
	assert_int_equal(kv_find(&l, "b")->value_len, 0);
	kv_free(&l);
}

static void urlencoded_nul_in_value_keeps_length(void **state)
{
	kvlist l = KVLIST_INIT;
	const kv *item;

	(void)state;
	assert_int_equal(parse(&l, "a=x%00y&b=2"), 0);
	item = kv_find(&l, "a");
	assert_non_null(item);
	assert_int_equal(item->value_len, 3);
	assert_memory_equal(item->value, "x\0y", 4);
	/* the pair after it is intact */
	assert_string_equal(kv_get(&l, "b"), "2");
	kv_free(&l);
}

static void urlencoded_nul_in_name_refused(void **state)
{
	kvlist l = KVLIST_INIT;

	(void)state;
	assert_int_equal(parse(&l, "a%00b=1"), E_INVALID);
	kv_free(&l);
	assert_int_equal(parse(&l, "ok=1&%00=1"), E_INVALID);
	kv_free(&l);
}

static void urlencoded_only_n_bytes_read(void **state)
{
	kvlist l = KVLIST_INIT;

	(void)state;
	assert_int_equal(kv_parse_urlencoded(&l, "a=1&b=2", 3), 0);
	assert_int_equal(l.n, 1);
	assert_string_equal(kv_get(&l, "a"), "1");
	assert_null(kv_get(&l, "b"));
	kv_free(&l);
}

static void urlencoded_raw_nul_byte_in_body(void **state)
{
	/* a body is counted bytes: a raw NUL inside a value keeps its length
	 * (form validation refuses it later) */
	kvlist l = KVLIST_INIT;
	const kv *item;

	(void)state;
	assert_int_equal(kv_parse_urlencoded(&l, "a=x\0y&b=1", 9), 0);
	item = kv_find(&l, "a");
	assert_non_null(item);
	assert_int_equal(item->value_len, 3);
	assert_string_equal(kv_get(&l, "b"), "1");
	kv_free(&l);
}

static void urlencoded_max_pairs_accepted(void **state)
{
	kvlist l = KVLIST_INIT;
	char *body = repeat("a=1&", KV_MAX_PAIRS);

	(void)state;
	assert_int_equal(parse(&l, body), 0);
	assert_int_equal(l.n, KV_MAX_PAIRS);
	kv_free(&l);
	free(body);
}

static void urlencoded_too_many_pairs(void **state)
{
	kvlist l = KVLIST_INIT;
	char *body = repeat("a=1&", KV_MAX_PAIRS + 1);

	(void)state;
	assert_int_equal(parse(&l, body), E_TOOBIG);
	kv_free(&l);
	free(body);
}

static void urlencoded_many_empty_pairs_are_free(void **state)
{
	/* separators alone do not count against the limit */
	kvlist l = KVLIST_INIT;
	char *body = repeat("&", 10000);

	(void)state;
	assert_int_equal(parse(&l, body), 0);
	assert_int_equal(l.n, 0);
	kv_free(&l);
	free(body);
}

/* ---- kv_parse_cookies ---- */

static void cookies_simple(void **state)
{
	kvlist l = KVLIST_INIT;

	(void)state;
	assert_int_equal(kv_parse_cookies(&l, "a=1; b=2"), 0);
	assert_int_equal(l.n, 2);
	assert_string_equal(kv_get(&l, "a"), "1");
	assert_string_equal(kv_get(&l, "b"), "2");
	kv_free(&l);
}

static void cookies_spaces_and_empty_parts(void **state)
{
	kvlist l = KVLIST_INIT;

	(void)state;
	assert_int_equal(kv_parse_cookies(&l, "   a=1 ;b=2;;;  c=3  ;  "), 0);
	assert_int_equal(l.n, 3);
	assert_string_equal(kv_get(&l, "a"), "1");
	assert_string_equal(kv_get(&l, "b"), "2");
	assert_string_equal(kv_get(&l, "c"), "3");
	kv_free(&l);
}

static void cookies_quotes_removed(void **state)
{
	kvlist l = KVLIST_INIT;

	(void)state;
	assert_int_equal(kv_parse_cookies(&l, "a=\"quoted value\"; b=\"\"; c=\"; d=\"x"), 0);
	assert_string_equal(kv_get(&l, "a"), "quoted value");
	assert_string_equal(kv_get(&l, "b"), "");
	assert_string_equal(kv_get(&l, "c"), "\""); /* one quote is not a pair */
	assert_string_equal(kv_get(&l, "d"), "\"x");
	kv_free(&l);
}

static void cookies_without_equals_ignored(void **state)
{
	kvlist l = KVLIST_INIT;

	(void)state;
	assert_int_equal(kv_parse_cookies(&l, "junk; a=1; morejunk"), 0);
	assert_int_equal(l.n, 1);
	assert_string_equal(kv_get(&l, "a"), "1");
	assert_null(kv_get(&l, "junk"));
	kv_free(&l);
}

static void cookies_empty_and_null(void **state)
{
	kvlist l = KVLIST_INIT;

	(void)state;
	assert_int_equal(kv_parse_cookies(&l, ""), 0);
	assert_int_equal(kv_parse_cookies(&l, NULL), 0);
	assert_int_equal(kv_parse_cookies(&l, " ; ;"), 0);
	assert_int_equal(l.n, 0);
	kv_free(&l);
}

static void cookies_empty_value(void **state)
{
	kvlist l = KVLIST_INIT;

	(void)state;
	assert_int_equal(kv_parse_cookies(&l, "a=; b=2"), 0);
	assert_non_null(kv_get(&l, "a"));
	assert_string_equal(kv_get(&l, "a"), "");
	assert_string_equal(kv_get(&l, "b"), "2");
	kv_free(&l);
}

static void cookies_not_percent_decoded(void **state)
{
	kvlist l = KVLIST_INIT;

	(void)state;
	assert_int_equal(kv_parse_cookies(&l, "a=%41+b; c=x=y"), 0);
	assert_string_equal(kv_get(&l, "a"), "%41+b");
	assert_string_equal(kv_get(&l, "c"), "x=y");
	kv_free(&l);
}

static void cookies_too_many(void **state)
{
	kvlist l = KVLIST_INIT;
	char *header = repeat("a=1; ", KV_MAX_PAIRS + 1);

	(void)state;
	assert_int_equal(kv_parse_cookies(&l, header), E_TOOBIG);
	kv_free(&l);
	free(header);
}

/* ---- url_decode ---- */

static void url_decode_escapes(void **state)
{
	size_t n = 99;
	char *s = url_decode("%41b%63%2F", 10, 0, &n);

	(void)state;
	assert_non_null(s);
	assert_string_equal(s, "Abc/");
	assert_int_equal(n, 4);
	free(s);
}

static void url_decode_plus_flag(void **state)
{
	size_t n;
	char *with = url_decode("a+b", 3, 1, &n);
	char *without = url_decode("a+b", 3, 0, &n);

	(void)state;
	assert_string_equal(with, "a b");
	assert_string_equal(without, "a+b");
	free(with);
	free(without);
}

static void url_decode_empty(void **state)
{
	size_t n = 99;
	char *s = url_decode("", 0, 1, &n);

	(void)state;
	assert_non_null(s);
	assert_string_equal(s, "");
	assert_int_equal(n, 0);
	free(s);
}

static void url_decode_nul_counted(void **state)
{
	size_t n = 0;
	char *s = url_decode("a%00b", 5, 0, &n);

	(void)state;
	assert_non_null(s);
	assert_int_equal(n, 3);
	assert_memory_equal(s, "a\0b", 3);
	free(s);
}

static void url_decode_malformed(void **state)
{
	static const char *const bad[] = { "%", "%4", "%zz", "%4z", "a%", "%%", "%\xc3\xb1" };
	size_t i, n;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char *s = url_decode(bad[i], strlen(bad[i]), 1, &n);
		if (s != NULL) {
			free(s);
			fail_msg("url_decode accepted \"%s\"", bad[i]);
		}
	}
}

static void url_decode_respects_length(void **state)
{
	size_t n;
	char *s = url_decode("%41%42", 2, 0, &n); /* "%4" */

	(void)state;
	assert_null(s);
	s = url_decode("ab%41", 2, 0, &n);
	assert_non_null(s);
	assert_string_equal(s, "ab");
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(add_and_get),
		cmocka_unit_test(add_copies_its_arguments),
		cmocka_unit_test(first_of_duplicates_wins),
		cmocka_unit_test(list_keeps_order_past_growth),
		cmocka_unit_test(add_refuses_past_max_pairs),
		cmocka_unit_test(urlencoded_simple_pairs),
		cmocka_unit_test(urlencoded_plus_is_space),
		cmocka_unit_test(urlencoded_percent_escapes),
		cmocka_unit_test(urlencoded_escaped_separators_stay_in_value),
		cmocka_unit_test(urlencoded_value_with_raw_equals),
		cmocka_unit_test(urlencoded_malformed_escapes_refused),
		cmocka_unit_test(urlencoded_truncated_escape_at_length),
		cmocka_unit_test(urlencoded_empty_pairs_skipped),
		cmocka_unit_test(urlencoded_empty_input),
		cmocka_unit_test(urlencoded_name_without_equals),
		cmocka_unit_test(urlencoded_empty_value),
		cmocka_unit_test(urlencoded_nul_in_value_keeps_length),
		cmocka_unit_test(urlencoded_nul_in_name_refused),
		cmocka_unit_test(urlencoded_only_n_bytes_read),
		cmocka_unit_test(urlencoded_raw_nul_byte_in_body),
		cmocka_unit_test(urlencoded_max_pairs_accepted),
		cmocka_unit_test(urlencoded_too_many_pairs),
		cmocka_unit_test(urlencoded_many_empty_pairs_are_free),
		cmocka_unit_test(cookies_simple),
		cmocka_unit_test(cookies_spaces_and_empty_parts),
		cmocka_unit_test(cookies_quotes_removed),
		cmocka_unit_test(cookies_without_equals_ignored),
		cmocka_unit_test(cookies_empty_and_null),
		cmocka_unit_test(cookies_empty_value),
		cmocka_unit_test(cookies_not_percent_decoded),
		cmocka_unit_test(cookies_too_many),
		cmocka_unit_test(url_decode_escapes),
		cmocka_unit_test(url_decode_plus_flag),
		cmocka_unit_test(url_decode_empty),
		cmocka_unit_test(url_decode_nul_counted),
		cmocka_unit_test(url_decode_malformed),
		cmocka_unit_test(url_decode_respects_length),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
