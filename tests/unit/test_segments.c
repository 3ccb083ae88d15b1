/* test_segments.c: the configured member segments (segments.h). */
#include "helpers.h"
#include "services/segments.h"

static void parses_the_keys(void **state)
{
	segment_list l;

	(void)state;
	segments_parse("first_time_buyer|professional|home_cook", &l);
	assert_int_equal(l.n, 3);
	assert_string_equal(l.key[0], "first_time_buyer");
	assert_string_equal(l.key[2], "home_cook");
	assert_true(segments_has(&l, "professional"));
	assert_false(segments_has(&l, "Professional"));
	assert_false(segments_has(&l, ""));
	assert_false(segments_has(&l, NULL));
}

static void skips_bad_keys_and_duplicates(void **state)
{
	segment_list l;

	(void)state;
	segments_parse(" a | B |c-d||e e|a|f_1 ", &l);
	assert_int_equal(l.n, 2); /* "a" (once) and "f_1" */
	assert_string_equal(l.key[0], "a");
	assert_string_equal(l.key[1], "f_1");
	segments_parse("", &l);
	assert_int_equal(l.n, 0);
	segments_parse(NULL, &l);
	assert_int_equal(l.n, 0);
}

static void keys_are_at_most_40_characters(void **state)
{
	segment_list l;
	char *long_key = repeat("x", SEGMENT_KEY_MAX + 1);
	strbuf sb = STRBUF_INIT;

	(void)state;
	strbuf_printf(&sb, "%s|ok", long_key);
	segments_parse(sb.s, &l);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.key[0], "ok");
	long_key[SEGMENT_KEY_MAX] = '\0';
	segments_parse(long_key, &l);
	assert_int_equal(l.n, 1);
	free(long_key);
	strbuf_free(&sb);
}

static void at_most_segments_max(void **state)
{
	segment_list l;
	strbuf sb = STRBUF_INIT;
	int i;

	(void)state;
	for (i = 0; i < SEGMENTS_MAX + 5; i++)
		strbuf_printf(&sb, "%ss%d", i ? "|" : "", i);
	segments_parse(sb.s, &l);
	assert_int_equal(l.n, SEGMENTS_MAX);
	strbuf_free(&sb);
}

static void the_default_list(void **state)
{
	config cfg;
	segment_list l;

	(void)state;
	memset(&cfg, 0, sizeof(cfg));
	assert_int_equal(config_parse(&cfg, "other = 1\n"), 0);
	segments_load(&cfg, &l);
	assert_true(segments_has(&l, "professional"));
	config_free(&cfg);
	memset(&cfg, 0, sizeof(cfg));
	assert_int_equal(config_parse(&cfg, "insights.segments = chef|baker\n"), 0);
	segments_load(&cfg, &l);
	assert_int_equal(l.n, 2);
	assert_false(segments_has(&l, "professional"));
	config_free(&cfg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parses_the_keys),
		cmocka_unit_test(skips_bad_keys_and_duplicates),
		cmocka_unit_test(keys_are_at_most_40_characters),
		cmocka_unit_test(at_most_segments_max),
		cmocka_unit_test(the_default_list),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
