/* test_insight_numbers.c: a figure's number and its text agree
 * (insight_put_num, insight_put_change). The JSON twin publishes 4
 * decimals and the page shows 2; a reader compares the two. */
#include "helpers.h"
#include "services/insight_internal.h"

static void put(double v, const char *lang, char *raw, char *text, size_t size)
{
	HDF *h = NULL;
	insight_filter f;

	memset(&f, 0, sizeof(f));
	f.lang = lang;
	assert_int_equal(hdf_init(&h), STATUS_OK);
	insight_put_num(h, "t", "avg", v, 2, &f);
	snprintf(raw, size, "%s", hdf_get_value(h, "t.avg", ""));
	snprintf(text, size, "%s", hdf_get_value(h, "t.avg_text", ""));
	hdf_destroy(&h);
}

static void text_is_rounded_from_the_published_number(void **state)
{
	char raw[48], text[48];

	(void)state;
	/* 0.084996 is published as 0.0850; its text must be what 0.0850
	 * rounds to, not 0.08 */
	put(0.084996, "en", raw, text, sizeof(raw));
	assert_string_equal(raw, "0.0850");
	assert_string_equal(text, "0.09");
	put(0.084996, "es", raw, text, sizeof(raw));
	assert_string_equal(text, "0,09");
	put(-0.425, "en", raw, text, sizeof(raw));
	assert_string_equal(raw, "-0.4250");
	assert_string_equal(text, "-0.42"); /* -0.425 is a little above it in binary */
	put(0.5, "es", raw, text, sizeof(raw));
	assert_string_equal(text, "0,50");
}

static void a_change_is_signed_from_the_published_number(void **state)
{
	HDF *h = NULL;
	insight_filter f;

	(void)state;
	memset(&f, 0, sizeof(f));
	f.lang = "en";
	assert_int_equal(hdf_init(&h), STATUS_OK);
	insight_put_change(h, "t", "d", 0.004996, 2, &f); /* published 0.0050 */
	assert_string_equal(hdf_get_value(h, "t.d", ""), "0.0050");
	assert_string_equal(hdf_get_value(h, "t.d_text", ""), "+0.01");
	assert_string_equal(hdf_get_value(h, "t.d_dir", ""), "up");
	insight_put_change(h, "t", "e", -0.001, 2, &f);
	assert_string_equal(hdf_get_value(h, "t.e_text", ""), "0.00");
	assert_string_equal(hdf_get_value(h, "t.e_dir", ""), "same");
	hdf_destroy(&h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(text_is_rounded_from_the_published_number),
		cmocka_unit_test(a_change_is_signed_from_the_published_number),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
