/* test_notify_view.c: the words of notifications (notify_view.h):
 * placeholders filled, unknown ones kept, and texts cut short without
 * breaking a UTF-8 character. */
#include "helpers.h"
#include "services/notify_view.h"
#include "base/utf8.h"

static void fills_placeholders(void **state)
{
	const char *vars[] = { "actor", "maria", "title", "Café <b>", "n", "3", NULL };
	char out[200];

	(void)state;
	notify_fill(out, sizeof(out), "{actor} replied in “{title}” ({n})", vars);
	assert_string_equal(out, "maria replied in “Café <b>” (3)");
	notify_fill(out, sizeof(out), "{n}{n}{unknown}{actor", vars);
	assert_string_equal(out, "33{unknown}{actor");
	notify_fill(out, sizeof(out), "", vars);
	assert_string_equal(out, "");
	notify_fill(out, sizeof(out), "no vars", NULL);
	assert_string_equal(out, "no vars");
}

static void a_value_may_hold_braces(void **state)
{
	const char *vars[] = { "title", "{actor}", "actor", "x", NULL };
	char out[64];

	(void)state;
	/* values are not filled in again */
	notify_fill(out, sizeof(out), "{title} by {actor}", vars);
	assert_string_equal(out, "{actor} by x");
}

static void cut_short_stays_valid_utf8(void **state)
{
	const char *vars[] = { "title", "ñañañañañañañañañañañaña", NULL };
	char out[16];
	size_t size;

	(void)state;
	for (size = 1; size <= sizeof(out); size++) {
		notify_fill(out, size, "«{title}»", vars);
		assert_true(strlen(out) < size);
		assert_int_equal(utf8_check(out, strlen(out), 0), UTF8_OK);
	}
	notify_fill(out, 0, "{title}", vars); /* no room at all: nothing written, no crash */
}

static void text_falls_back_to_its_key(void **state)
{
	HDF *lang = NULL;

	(void)state;
	assert_int_equal(hdf_init(&lang), STATUS_OK);
	assert_int_equal(hdf_set_value(lang, "L.notify.one.post", "{actor} posted"), STATUS_OK);
	assert_string_equal(notify_text(lang, "notify.one.post"), "{actor} posted");
	assert_string_equal(notify_text(lang, "notify.one.nothing"), "notify.one.nothing");
	hdf_destroy(&lang);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fills_placeholders),
		cmocka_unit_test(a_value_may_hold_braces),
		cmocka_unit_test(cut_short_stays_valid_utf8),
		cmocka_unit_test(text_falls_back_to_its_key),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
