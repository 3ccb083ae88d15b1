/* test_utf8.c: UTF-8 checks, counting and sanitizing (utf8.h). */
#include "helpers.h"
#include "base/utf8.h"

/* utf8_check over the whole C string. */
static enum utf8_problem check(const char *s, int allow_newlines)
{
	return utf8_check(s, strlen(s), allow_newlines);
}

/* Fails naming the bytes when s does not give `want` in both modes. */
static void expect_both(const char *s, size_t n, enum utf8_problem want)
{
	int nl;

	for (nl = 0; nl <= 1; nl++) {
		enum utf8_problem got = utf8_check(s, n, nl);
		if (got != want) {
			char hex[64];
			hex_encode((const unsigned char *)s, n < 31 ? n : 31, hex);
			fail_msg("bytes %s (allow_newlines %d): got %d, want %d", hex, nl,
				 (int)got, (int)want);
		}
	}
}

/* ---- valid text ---- */

static void ascii_is_ok(void **state)
{
	(void)state;
	assert_int_equal(check("Hello, world! 123 ~", 0), UTF8_OK);
	assert_int_equal(utf8_check("", 0, 0), UTF8_OK);
}

static void spanish_accents_are_ok(void **state)
{
	(void)state;
	assert_int_equal(check("¿Dónde está el niño? ¡Añádelo! Ü", 0), UTF8_OK);
}

static void emoji_and_other_scripts_are_ok(void **state)
{
	(void)state;
	assert_int_equal(check("\xf0\x9f\x98\x80 \xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd", 0), UTF8_OK);
	assert_int_equal(check("日本語 русский ελληνικά العربية", 0), UTF8_OK);
}

static void boundary_code_points_are_ok(void **state)
{
	(void)state;
	expect_both("\xc2\xa0", 2, UTF8_OK);          /* U+00A0, first after C1 */
	expect_both("\xdf\xbf", 2, UTF8_OK);          /* U+07FF */
	expect_both("\xe0\xa0\x80", 3, UTF8_OK);      /* U+0800 */
	expect_both("\xed\x9f\xbf", 3, UTF8_OK);      /* U+D7FF, before surrogates */
	expect_both("\xee\x80\x80", 3, UTF8_OK);      /* U+E000, after surrogates */
	expect_both("\xef\xbf\xbf", 3, UTF8_OK);      /* U+FFFF */
	expect_both("\xf0\x90\x80\x80", 4, UTF8_OK);  /* U+10000 */
	expect_both("\xf4\x8f\xbf\xbf", 4, UTF8_OK);  /* U+10FFFF */
}

/* ---- invalid sequences ---- */

static void overlong_encodings_refused(void **state)
{
	(void)state;
	expect_both("\xc0\x80", 2, UTF8_INVALID);          /* NUL in two bytes */
	expect_both("\xc1\xbf", 2, UTF8_INVALID);          /* 0x7F in two bytes */
	expect_both("\xe0\x80\x80", 3, UTF8_INVALID);      /* NUL in three */
	expect_both("\xe0\x9f\xbf", 3, UTF8_INVALID);      /* U+07FF in three */
	expect_both("\xf0\x80\x80\x80", 4, UTF8_INVALID);  /* NUL in four */
	expect_both("\xf0\x8f\xbf\xbf", 4, UTF8_INVALID);  /* U+FFFF in four */
	expect_both("\xc0\xbc", 2, UTF8_INVALID);          /* '<' in two bytes */
}

static void surrogates_refused(void **state)
{
	(void)state;
	expect_both("\xed\xa0\x80", 3, UTF8_INVALID); /* U+D800 */
	expect_both("\xed\xbf\xbf", 3, UTF8_INVALID); /* U+DFFF */
	expect_both("\xed\xa0\xbd\xed\xb8\x80", 6, UTF8_INVALID); /* CESU-8 pair */
}

static void beyond_unicode_refused(void **state)
{
	(void)state;
	expect_both("\xf4\x90\x80\x80", 4, UTF8_INVALID); /* U+110000 */
	expect_both("\xf5\x80\x80\x80", 4, UTF8_INVALID);
	expect_both("\xf7\xbf\xbf\xbf", 4, UTF8_INVALID);
	expect_both("\xf8\x88\x80\x80\x80", 5, UTF8_INVALID); /* old 5-byte form */
	expect_both("\xfc\x84\x80\x80\x80\x80", 6, UTF8_INVALID);
	expect_both("\xfe", 1, UTF8_INVALID);
	expect_both("\xff", 1, UTF8_INVALID);
}

static void truncated_sequences_refused(void **state)
{
	(void)state;
	expect_both("\xc3", 1, UTF8_INVALID);
	expect_both("\xe2\x82", 2, UTF8_INVALID);
	expect_both("\xf0\x9f\x98", 3, UTF8_INVALID);
	expect_both("abc\xf0\x9f", 5, UTF8_INVALID);
	/* a truncated sequence followed by ASCII */
	expect_both("\xc3" "a", 2, UTF8_INVALID);
	expect_both("\xe2\x82" "a", 3, UTF8_INVALID);
}

static void truncation_by_length_refused(void **state)
{
	/* the bytes are complete in memory, but n cuts the emoji */
	(void)state;
	expect_both("\xf0\x9f\x98\x80", 3, UTF8_INVALID);
	expect_both("\xc3\xb1", 1, UTF8_INVALID);
}

static void lone_continuation_bytes_refused(void **state)
{
	(void)state;
	expect_both("\x80", 1, UTF8_INVALID);
	expect_both("\xbf", 1, UTF8_INVALID);
	expect_both("a\x80" "b", 3, UTF8_INVALID);
	expect_both("\xc3\xb1\xb1", 3, UTF8_INVALID); /* one too many */
}

static void latin1_text_refused(void **state)
{
	/* "niño" in ISO-8859-1 is not UTF-8 */
	(void)state;
	expect_both("ni\xf1o", 4, UTF8_INVALID);
}

/* ---- control characters ---- */

static void nul_is_control(void **state)
{
	(void)state;
	expect_both("a\0b", 3, UTF8_CONTROL);
	expect_both("\0", 1, UTF8_CONTROL);
}

static void esc_del_and_c0_are_control(void **state)
{
	char c[2] = { 0, 0 };
	int i;

	(void)state;
	expect_both("\x1b[31mred", 8, UTF8_CONTROL);
	expect_both("\x7f", 1, UTF8_CONTROL);
	for (i = 1; i < 0x20; i++) {
		if (i == '\t' || i == '\n' || i == '\r')
			continue;
		c[0] = (char)i;
		expect_both(c, 1, UTF8_CONTROL);
	}
}

static void c1_controls_are_control(void **state)
{
	(void)state;
	expect_both("\xc2\x80", 2, UTF8_CONTROL); /* U+0080 */
	expect_both("\xc2\x85", 2, UTF8_CONTROL); /* NEL */
	expect_both("\xc2\x9b", 2, UTF8_CONTROL); /* CSI */
	expect_both("\xc2\x9f", 2, UTF8_CONTROL); /* U+009F */
}

static void tab_allowed_in_both_modes(void **state)
{
	(void)state;
	expect_both("a\tb", 3, UTF8_OK);
}

static void newlines_depend_on_mode(void **state)
{
	(void)state;
	assert_int_equal(check("line one\nline two", 0), UTF8_CONTROL);
	assert_int_equal(check("line one\nline two", 1), UTF8_OK);
	assert_int_equal(check("line one\r\nline two", 0), UTF8_CONTROL);
	assert_int_equal(check("line one\r\nline two", 1), UTF8_OK);
	assert_int_equal(check("\r", 0), UTF8_CONTROL);
	assert_int_equal(check("\r", 1), UTF8_OK);
}

static void control_after_newline_still_refused(void **state)
{
	(void)state;
	assert_int_equal(check("ok\n\x1b", 1), UTF8_CONTROL);
	assert_int_equal(check("ok\n\xc2\x85", 1), UTF8_CONTROL);
}

static void invalid_reported_before_later_control(void **state)
{
	/* the first problem met is the one reported */
	(void)state;
	expect_both("\xff\x1b", 2, UTF8_INVALID);
	expect_both("\x1b\xff", 2, UTF8_CONTROL);
}

/* ---- utf8_decode ---- */

static void decode_returns_code_point_and_length(void **state)
{
	size_t len = 0;

	(void)state;
	assert_int_equal(utf8_decode((const unsigned char *)"A", 1, &len), 'A');
	assert_int_equal(len, 1);
	assert_int_equal(utf8_decode((const unsigned char *)"\xc3\xb1", 2, &len), 0xF1);
	assert_int_equal(len, 2);
	assert_int_equal(utf8_decode((const unsigned char *)"\xe2\x82\xac", 3, &len), 0x20AC);
	assert_int_equal(len, 3);
	assert_int_equal(utf8_decode((const unsigned char *)"\xf0\x9f\x98\x80", 4, &len), 0x1F600);
	assert_int_equal(len, 4);
	assert_int_equal(utf8_decode((const unsigned char *)"\xf4\x8f\xbf\xbf", 4, &len), 0x10FFFF);
}

static void decode_reads_only_first_character(void **state)
{
	size_t len = 0;

	(void)state;
	assert_int_equal(utf8_decode((const unsigned char *)"\xc3\xa9xyz", 5, &len), 0xE9);
	assert_int_equal(len, 2);
}

static void decode_refuses_bad_sequences(void **state)
{
	size_t len;

	(void)state;
	assert_true(utf8_decode((const unsigned char *)"\xc0\x80", 2, &len) < 0);
	assert_true(utf8_decode((const unsigned char *)"\xed\xa0\x80", 3, &len) < 0);
	assert_true(utf8_decode((const unsigned char *)"\xf4\x90\x80\x80", 4, &len) < 0);
	assert_true(utf8_decode((const unsigned char *)"\x80", 1, &len) < 0);
	assert_true(utf8_decode((const unsigned char *)"\xe2\x82\xac", 2, &len) < 0);
	assert_true(utf8_decode((const unsigned char *)"\xe2\x28\xa1", 3, &len) < 0);
}

/* ---- utf8_length ---- */

static void length_counts_code_points(void **state)
{
	(void)state;
	assert_int_equal(utf8_length("", 0), 0);
	assert_int_equal(utf8_length("abc", 3), 3);
	assert_int_equal(utf8_length("ñ", 2), 1);
	assert_int_equal(utf8_length("año", 4), 3);
	assert_int_equal(utf8_length("€", 3), 1);
	assert_int_equal(utf8_length("\xf0\x9f\x98\x80", 4), 1);
	assert_int_equal(utf8_length("a\xf0\x9f\x98\x80" "b€ñ", 11), 5);
}

static void length_of_long_text(void **state)
{
	char *s = repeat("ñ", 150);

	(void)state;
	assert_int_equal(strlen(s), 300);
	assert_int_equal(utf8_length(s, strlen(s)), 150);
	free(s);
}

/* ---- utf8_sanitize ---- */

static void sanitize_keeps_valid_text(void **state)
{
	const char *text = "Hola, ¿qué tal? \xf0\x9f\x98\x80\n\tfin";
	char *s = utf8_sanitize(text, strlen(text));

	(void)state;
	assert_non_null(s);
	assert_string_equal(s, text);
	free(s);
}

static void sanitize_replaces_bad_bytes(void **state)
{
	char *s = utf8_sanitize("a\xff" "b", 3);

	(void)state;
	assert_non_null(s);
	assert_string_equal(s, "a\xef\xbf\xbd" "b");
	free(s);
}

static void sanitize_replaces_each_bad_byte(void **state)
{
	/* an overlong NUL is two bad bytes, never a NUL */
	char *s = utf8_sanitize("x\xc0\x80y", 4);

	(void)state;
	assert_non_null(s);
	assert_string_equal(s, "x\xef\xbf\xbd\xef\xbf\xbdy");
	free(s);
}

static void sanitize_replaces_truncated_tail(void **state)
{
	char *s = utf8_sanitize("ok\xe2\x82", 4);

	(void)state;
	assert_non_null(s);
	assert_int_equal(utf8_check(s, strlen(s), 0), UTF8_OK);
	assert_string_equal(s, "ok\xef\xbf\xbd\xef\xbf\xbd");
	free(s);
}

static void sanitize_replaces_surrogate(void **state)
{
	char *s = utf8_sanitize("\xed\xa0\x80", 3);

	(void)state;
	assert_non_null(s);
	assert_int_equal(utf8_check(s, strlen(s), 0), UTF8_OK);
	assert_int_equal(utf8_length(s, strlen(s)), 3);
	free(s);
}

static void sanitize_drops_controls(void **state)
{
	char *s = utf8_sanitize("a\x1b[0mb\x7f" "c\xc2\x85" "d\0e", 13);

	(void)state;
	assert_non_null(s);
	assert_string_equal(s, "a[0mbcde");
	free(s);
}

static void sanitize_keeps_newlines_and_tabs(void **state)
{
	char *s = utf8_sanitize("a\r\nb\tc\n", 7);

	(void)state;
	assert_non_null(s);
	assert_string_equal(s, "a\r\nb\tc\n");
	free(s);
}

static void sanitize_empty(void **state)
{
	char *s = utf8_sanitize("", 0);

	(void)state;
	assert_non_null(s);
	assert_string_equal(s, "");
	free(s);
}

static void sanitize_result_always_valid(void **state)
{
	unsigned char bytes[256];
	char *s;
	int i;

	(void)state;
	for (i = 0; i < 256; i++)
		bytes[i] = (unsigned char)(255 - i);
	s = utf8_sanitize((const char *)bytes, sizeof(bytes));
	assert_non_null(s);
	assert_int_equal(utf8_check(s, strlen(s), 1), UTF8_OK);
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ascii_is_ok),
		cmocka_unit_test(spanish_accents_are_ok),
		cmocka_unit_test(emoji_and_other_scripts_are_ok),
		cmocka_unit_test(boundary_code_points_are_ok),
		cmocka_unit_test(overlong_encodings_refused),
		cmocka_unit_test(surrogates_refused),
		cmocka_unit_test(beyond_unicode_refused),
		cmocka_unit_test(truncated_sequences_refused),
		cmocka_unit_test(truncation_by_length_refused),
		cmocka_unit_test(lone_continuation_bytes_refused),
		cmocka_unit_test(latin1_text_refused),
		cmocka_unit_test(nul_is_control),
		cmocka_unit_test(esc_del_and_c0_are_control),
		cmocka_unit_test(c1_controls_are_control),
		cmocka_unit_test(tab_allowed_in_both_modes),
		cmocka_unit_test(newlines_depend_on_mode),
		cmocka_unit_test(control_after_newline_still_refused),
		cmocka_unit_test(invalid_reported_before_later_control),
		cmocka_unit_test(decode_returns_code_point_and_length),
		cmocka_unit_test(decode_reads_only_first_character),
		cmocka_unit_test(decode_refuses_bad_sequences),
		cmocka_unit_test(length_counts_code_points),
		cmocka_unit_test(length_of_long_text),
		cmocka_unit_test(sanitize_keeps_valid_text),
		cmocka_unit_test(sanitize_replaces_bad_bytes),
		cmocka_unit_test(sanitize_replaces_each_bad_byte),
		cmocka_unit_test(sanitize_replaces_truncated_tail),
		cmocka_unit_test(sanitize_replaces_surrogate),
		cmocka_unit_test(sanitize_drops_controls),
		cmocka_unit_test(sanitize_keeps_newlines_and_tabs),
		cmocka_unit_test(sanitize_empty),
		cmocka_unit_test(sanitize_result_always_valid),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
