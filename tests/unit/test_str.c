/* test_str.c: strbuf, hex, parse_long and the small string helpers (str.h). */
#include "helpers.h"

#include <limits.h>

/* ---- strbuf ---- */

static void strbuf_starts_empty(void **state)
{
	strbuf sb = STRBUF_INIT;

	(void)state;
	assert_null(sb.s);
	assert_int_equal(sb.len, 0);
	strbuf_free(&sb); /* freeing an untouched buffer is fine */
	assert_null(sb.s);
}

static void strbuf_append_keeps_bytes_and_nul(void **state)
{
	strbuf sb = STRBUF_INIT;

	(void)state;
	assert_int_equal(strbuf_append(&sb, "hello", 5), 0);
	assert_int_equal(strbuf_puts(&sb, ", world"), 0);
	assert_int_equal(sb.len, 12);
	assert_string_equal(sb.s, "hello, world");
	assert_true(sb.cap > sb.len);
	strbuf_free(&sb);
}

static void strbuf_append_part_of_string(void **state)
{
	strbuf sb = STRBUF_INIT;

	(void)state;
	assert_int_equal(strbuf_append(&sb, "abcdef", 3), 0);
	assert_string_equal(sb.s, "abc");
	assert_int_equal(sb.len, 3);
	strbuf_free(&sb);
}

static void strbuf_append_nothing_gives_empty_string(void **state)
{
	strbuf sb = STRBUF_INIT;

	(void)state;
	assert_int_equal(strbuf_append(&sb, "", 0), 0);
	assert_non_null(sb.s);
	assert_string_equal(sb.s, "");
	assert_int_equal(sb.len, 0);
	strbuf_free(&sb);
}

static void strbuf_grows_past_many_doublings(void **state)
{
	strbuf sb = STRBUF_INIT;
	size_t i;

	(void)state;
	for (i = 0; i < 10000; i++)
		assert_int_equal(strbuf_append(&sb, (i % 2) ? "b" : "a", 1), 0);
	assert_int_equal(sb.len, 10000);
	assert_true(sb.cap >= 10001);
	assert_int_equal(strlen(sb.s), 10000);
	for (i = 0; i < 10000; i++)
		assert_int_equal(sb.s[i], (i % 2) ? 'b' : 'a');
	strbuf_free(&sb);
}

static void strbuf_one_large_append(void **state)
{
	strbuf sb = STRBUF_INIT;
	char *big = repeat("xyz", 100000);

	(void)state;
	assert_int_equal(strbuf_puts(&sb, "<"), 0);
	assert_int_equal(strbuf_puts(&sb, big), 0);
	assert_int_equal(strbuf_puts(&sb, ">"), 0);
	assert_int_equal(sb.len, 300002);
	assert_int_equal(sb.s[0], '<');
	assert_memory_equal(sb.s + 1, big, 300000);
	assert_string_equal(sb.s + 300001, ">");
	free(big);
	strbuf_free(&sb);
}

static void strbuf_holds_nul_bytes(void **state)
{
	strbuf sb = STRBUF_INIT;

	(void)state;
	assert_int_equal(strbuf_append(&sb, "a\0b", 3), 0);
	assert_int_equal(strbuf_append(&sb, "\0", 1), 0);
	assert_int_equal(sb.len, 4);
	assert_memory_equal(sb.s, "a\0b\0", 5); /* and the terminating NUL */
	strbuf_free(&sb);
}

static void strbuf_refuses_absurd_size(void **state)
{
	strbuf sb = STRBUF_INIT;

	(void)state;
	assert_int_equal(strbuf_puts(&sb, "keep"), 0);
	assert_int_equal(strbuf_append(&sb, "x", (size_t)-1 - 2), E_NOMEM);
	/* the buffer is unchanged */
	assert_int_equal(sb.len, 4);
	assert_string_equal(sb.s, "keep");
	strbuf_free(&sb);
}

static void strbuf_printf_formats_and_appends(void **state)
{
	strbuf sb = STRBUF_INIT;

	(void)state;
	assert_int_equal(strbuf_puts(&sb, "n="), 0);
	assert_int_equal(strbuf_printf(&sb, "%d, s=%s, x=%04x", -42, "ok", 255), 0);
	assert_string_equal(sb.s, "n=-42, s=ok, x=00ff");
	assert_int_equal(sb.len, strlen("n=-42, s=ok, x=00ff"));
	strbuf_free(&sb);
}

static void strbuf_printf_longer_than_first_allocation(void **state)
{
	strbuf sb = STRBUF_INIT;
	char *long_text = repeat("0123456789", 500);
	char *expect;

	(void)state;
	assert_int_equal(strbuf_puts(&sb, "["), 0);
	assert_int_equal(strbuf_printf(&sb, "%s]", long_text), 0);
	assert_int_equal(sb.len, 5002);
	expect = malloc(5003);
	assert_non_null(expect);
	snprintf(expect, 5003, "[%s]", long_text);
	assert_string_equal(sb.s, expect);
	free(expect);
	free(long_text);
	strbuf_free(&sb);
}

static void strbuf_printf_empty_result(void **state)
{
	strbuf sb = STRBUF_INIT;

	(void)state;
	assert_int_equal(strbuf_printf(&sb, "%s", ""), 0);
	assert_int_equal(sb.len, 0);
	assert_non_null(sb.s);
	assert_string_equal(sb.s, "");
	strbuf_free(&sb);
}

static void strbuf_detach_hands_over_and_empties(void **state)
{
	strbuf sb = STRBUF_INIT;
	char *s;

	(void)state;
	assert_int_equal(strbuf_puts(&sb, "mine now"), 0);
	s = strbuf_detach(&sb);
	assert_string_equal(s, "mine now");
	assert_null(sb.s);
	assert_int_equal(sb.len, 0);
	assert_int_equal(sb.cap, 0);
	/* the buffer can be used again, independent of the detached bytes */
	assert_int_equal(strbuf_puts(&sb, "again"), 0);
	assert_string_equal(sb.s, "again");
	assert_string_equal(s, "mine now");
	free(s);
	strbuf_free(&sb);
}

static void strbuf_detach_of_nothing_is_empty_string(void **state)
{
	strbuf sb = STRBUF_INIT;
	char *s = strbuf_detach(&sb);

	(void)state;
	assert_non_null(s);
	assert_string_equal(s, "");
	free(s);
}

static void strbuf_free_allows_reuse(void **state)
{
	strbuf sb = STRBUF_INIT;

	(void)state;
	assert_int_equal(strbuf_puts(&sb, "first"), 0);
	strbuf_free(&sb);
	assert_null(sb.s);
	assert_int_equal(sb.len, 0);
	assert_int_equal(strbuf_puts(&sb, "second"), 0);
	assert_string_equal(sb.s, "second");
	strbuf_free(&sb);
}

/* ---- hex ---- */

static void hex_encode_lowercase(void **state)
{
	const unsigned char in[] = { 0x00, 0xff, 0x10, 0xab, 0x7f, 0x09 };
	char out[13];

	(void)state;
	hex_encode(in, sizeof(in), out);
	assert_string_equal(out, "00ff10ab7f09");
}

static void hex_encode_nothing(void **state)
{
	char out[1] = { 'x' };

	(void)state;
	hex_encode((const unsigned char *)"", 0, out);
	assert_string_equal(out, "");
}

static void hex_digit_every_byte(void **state)
{
	int c;

	(void)state;
	for (c = 0; c < 256; c++) {
		int want = -1;
		if (c >= '0' && c <= '9')
			want = c - '0';
		else if (c >= 'a' && c <= 'f')
			want = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			want = c - 'A' + 10;
		assert_int_equal(hex_digit(c), want);
	}
}

static void hex_decode_round_trip(void **state)
{
	unsigned char in[32], back[32];
	char hex[65];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(in); i++)
		in[i] = (unsigned char)(i * 37 + 11);
	hex_encode(in, sizeof(in), hex);
	assert_int_equal(strlen(hex), 64);
	assert_int_equal(hex_decode(hex, back, sizeof(back)), 0);
	assert_memory_equal(in, back, sizeof(in));
}

static void hex_decode_accepts_uppercase(void **state)
{
	unsigned char out[3];

	(void)state;
	assert_int_equal(hex_decode("ABcdEF", out, 3), 0);
	assert_int_equal(out[0], 0xab);
	assert_int_equal(out[1], 0xcd);
	assert_int_equal(out[2], 0xef);
}

static void hex_decode_zero_bytes(void **state)
{
	unsigned char out[1] = { 0x55 };

	(void)state;
	assert_int_equal(hex_decode("", out, 0), 0);
	assert_int_equal(out[0], 0x55);
	assert_int_equal(hex_decode("00", out, 0), E_INVALID);
}

static void hex_decode_refuses_bad_lengths(void **state)
{
	unsigned char out[4];

	(void)state;
	assert_int_equal(hex_decode("0011223", out, 4), E_INVALID);   /* odd, short */
	assert_int_equal(hex_decode("001122", out, 4), E_INVALID);    /* short */
	assert_int_equal(hex_decode("0011223344", out, 4), E_INVALID);/* long */
	assert_int_equal(hex_decode("001122334", out, 4), E_INVALID); /* odd, long */
	assert_int_equal(hex_decode("", out, 4), E_INVALID);
}

static void hex_decode_refuses_bad_digits(void **state)
{
	static const char *const bad[] = {
		"0g", "g0", "0x", " 1", "1 ", "-1", "+1", "\xc3\xa9", "0\t", "ZZ",
	};
	unsigned char out[1];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (hex_decode(bad[i], out, 1) != E_INVALID)
			fail_msg("hex_decode accepted \"%s\"", bad[i]);
	}
}

static void hex_decode_refuses_nul_inside(void **state)
{
	/* "00" then a NUL: strlen sees 2 digits but 4 are wanted */
	unsigned char out[2];

	(void)state;
	assert_int_equal(hex_decode("00\0" "00", out, 2), E_INVALID);
}

static void hex_decode_refuses_null(void **state)
{
	unsigned char out[32];

	(void)state;
	assert_int_equal(hex_decode(NULL, out, 32), E_INVALID);
}

/* ---- parse_long ---- */

static void parse_long_plain_numbers(void **state)
{
	long long v = 0;

	(void)state;
	assert_int_equal(parse_long("42", 0, 100, &v), 0);
	assert_int_equal(v, 42);
	assert_int_equal(parse_long("-17", -100, 100, &v), 0);
	assert_int_equal(v, -17);
	assert_int_equal(parse_long("0", 0, 0, &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(parse_long("007", 0, 10, &v), 0);
	assert_int_equal(v, 7);
}

static void parse_long_range_bounds_inclusive(void **state)
{
	long long v = 0;

	(void)state;
	assert_int_equal(parse_long("1", 1, 10, &v), 0);
	assert_int_equal(v, 1);
	assert_int_equal(parse_long("10", 1, 10, &v), 0);
	assert_int_equal(v, 10);
	assert_int_equal(parse_long("0", 1, 10, &v), E_INVALID);
	assert_int_equal(parse_long("11", 1, 10, &v), E_INVALID);
	assert_int_equal(parse_long("-1", 0, 10, &v), E_INVALID);
}

static void parse_long_extremes(void **state)
{
	long long v = 0;

	(void)state;
	assert_int_equal(parse_long("9223372036854775807", LLONG_MIN, LLONG_MAX, &v), 0);
	assert_true(v == LLONG_MAX);
	assert_int_equal(parse_long("-9223372036854775808", LLONG_MIN, LLONG_MAX, &v), 0);
	assert_true(v == LLONG_MIN);
}

static void parse_long_refuses_overflow(void **state)
{
	long long v = 5;

	(void)state;
	assert_int_equal(parse_long("9223372036854775808", LLONG_MIN, LLONG_MAX, &v), E_INVALID);
	assert_int_equal(parse_long("-9223372036854775809", LLONG_MIN, LLONG_MAX, &v), E_INVALID);
	assert_int_equal(parse_long("99999999999999999999999", LLONG_MIN, LLONG_MAX, &v), E_INVALID);
	assert_int_equal(v, 5);
}

static void parse_long_refuses_empty_and_null(void **state)
{
	long long v = 5;

	(void)state;
	assert_int_equal(parse_long("", 0, 100, &v), E_INVALID);
	assert_int_equal(parse_long(NULL, 0, 100, &v), E_INVALID);
	assert_int_equal(v, 5);
}

static void parse_long_refuses_spaces(void **state)
{
	static const char *const bad[] = { " 1", "1 ", "\t1", "1\n", "\n1", "1 2", " ", "- 1" };
	long long v = 5;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (parse_long(bad[i], -100, 100, &v) != E_INVALID)
			fail_msg("parse_long accepted \"%s\"", bad[i]);
	}
	assert_int_equal(v, 5);
}

static void parse_long_refuses_trailing_junk(void **state)
{
	static const char *const bad[] = {
		"12abc", "12.5", "1e3", "0x10", "12,000", "12-", "abc", "-", "--1", "1\xc2\xa0",
	};
	long long v = 5;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (parse_long(bad[i], -100000, 100000, &v) != E_INVALID)
			fail_msg("parse_long accepted \"%s\"", bad[i]);
	}
	assert_int_equal(v, 5);
}

/* ---- xstrdup, ascii_ncasecmp ---- */

static void xstrdup_copies_and_passes_null(void **state)
{
	const char *orig = "copy me";
	char *c = xstrdup(orig);

	(void)state;
	assert_non_null(c);
	assert_ptr_not_equal(c, orig);
	assert_string_equal(c, orig);
	free(c);
	assert_null(xstrdup(NULL));
}

static void ascii_ncasecmp_folds_ascii_only(void **state)
{
	(void)state;
	assert_int_equal(ascii_ncasecmp("HeLLo", "hello", 5), 0);
	assert_int_equal(ascii_ncasecmp("abcX", "ABCy", 3), 0); /* only n bytes */
	assert_true(ascii_ncasecmp("abc", "abd", 3) < 0);
	assert_true(ascii_ncasecmp("abd", "ABC", 3) > 0);
	/* a shorter string differs at its end */
	assert_true(ascii_ncasecmp("ab", "abc", 3) != 0);
	assert_true(ascii_ncasecmp("abc", "ab", 3) != 0);
	/* non-ASCII bytes are compared as they are: É is not é */
	assert_true(ascii_ncasecmp("\xc3\x89", "\xc3\xa9", 2) != 0);
	assert_int_equal(ascii_ncasecmp("", "", 0), 0);
	assert_int_equal(ascii_ncasecmp("a", "a", 10), 0); /* stops at the end */
}

/* ---- slugify ---- */

/* slugify into a buffer of `size` bytes; returns it (static). */
static const char *slug(const char *text, size_t size)
{
	static char out[256];

	assert_true(size <= sizeof(out));
	memset(out, '#', sizeof(out));
	slugify(text, out, size);
	return out;
}

static void slugify_words(void **state)
{
	(void)state;
	assert_string_equal(slug("Hello, World!", 100), "hello-world");
	assert_string_equal(slug("How to clean the filter", 100), "how-to-clean-the-filter");
	assert_string_equal(slug("Model X200 v2", 100), "model-x200-v2");
}

static void slugify_folds_spanish(void **state)
{
	(void)state;
	assert_string_equal(slug("¿Cómo limpio el filtro?", 100), "como-limpio-el-filtro");
	assert_string_equal(slug("Ñandú ÁÉÍÓÚ pingüino Ç", 100), "nandu-aeiou-pinguino-c");
}

static void slugify_joins_separators(void **state)
{
	(void)state;
	assert_string_equal(slug("  a --- b__c  ", 100), "a-b-c");
	assert_string_equal(slug("-a-", 100), "a");
}

static void slugify_drops_other_scripts_and_emoji(void **state)
{
	(void)state;
	assert_string_equal(slug("a \xf0\x9f\x98\x80 b", 100), "a-b");
	assert_string_equal(slug("caf\xc3\xa9 \xe2\x82\xac 5", 100), "cafe-5");
	assert_string_equal(slug("x\xff\xfey", 100), "x-y");
}

static void slugify_never_empty(void **state)
{
	(void)state;
	assert_string_equal(slug("", 100), "-");
	assert_string_equal(slug("!!!", 100), "-");
	assert_string_equal(slug("\xe6\x97\xa5\xe6\x9c\xac", 100), "-");
	assert_string_equal(slug("\xf0\x9f\x98\x80", 100), "-");
}

static void slugify_cuts_at_size(void **state)
{
	(void)state;
	assert_string_equal(slug("hello world", 6), "hello");
	assert_string_equal(slug("hello world", 8), "hello-w");
	assert_string_equal(slug("hello world", 3), "he");
	assert_string_equal(slug("hello world", 2), "h");
}

static void slugify_cut_never_glues_words(void **state)
{
	/* no room for "-w": the slug ends with the word, not "hellow" */
	(void)state;
	assert_string_equal(slug("hello world", 7), "hello");
}

static void slugify_tiny_buffers(void **state)
{
	(void)state;
	assert_string_equal(slug("hello", 1), "");
	assert_int_equal(slug("hello", 0)[0], '#'); /* nothing written */
}

static void slugify_output_alphabet(void **state)
{
	static const char *const texts[] = {
		"Hello, World!", "¿Qué?", " a b ", "--", "Año 2024: ¡ÑU!", "a\tb\nc", "x/y\\z",
	};
	size_t i, size;

	(void)state;
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		for (size = 2; size < 20; size++) {
			const char *s = slug(texts[i], size);
			size_t n = strlen(s);
			if (n >= size || strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-") != n ||
			    (n > 1 && (s[0] == '-' || s[n - 1] == '-')))
				fail_msg("slugify(\"%s\", %zu) = \"%s\"", texts[i], size, s);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(strbuf_starts_empty),
		cmocka_unit_test(strbuf_append_keeps_bytes_and_nul),
		cmocka_unit_test(strbuf_append_part_of_string),
		cmocka_unit_test(strbuf_append_nothing_gives_empty_string),
		cmocka_unit_test(strbuf_grows_past_many_doublings),
		cmocka_unit_test(strbuf_one_large_append),
		cmocka_unit_test(strbuf_holds_nul_bytes),
		cmocka_unit_test(strbuf_refuses_absurd_size),
		cmocka_unit_test(strbuf_printf_formats_and_appends),
		cmocka_unit_test(strbuf_printf_longer_than_first_allocation),
		cmocka_unit_test(strbuf_printf_empty_result),
		cmocka_unit_test(strbuf_detach_hands_over_and_empties),
		cmocka_unit_test(strbuf_detach_of_nothing_is_empty_string),
		cmocka_unit_test(strbuf_free_allows_reuse),
		cmocka_unit_test(hex_encode_lowercase),
		cmocka_unit_test(hex_encode_nothing),
		cmocka_unit_test(hex_digit_every_byte),
		cmocka_unit_test(hex_decode_round_trip),
		cmocka_unit_test(hex_decode_accepts_uppercase),
		cmocka_unit_test(hex_decode_zero_bytes),
		cmocka_unit_test(hex_decode_refuses_bad_lengths),
		cmocka_unit_test(hex_decode_refuses_bad_digits),
		cmocka_unit_test(hex_decode_refuses_nul_inside),
		cmocka_unit_test(hex_decode_refuses_null),
		cmocka_unit_test(parse_long_plain_numbers),
		cmocka_unit_test(parse_long_range_bounds_inclusive),
		cmocka_unit_test(parse_long_extremes),
		cmocka_unit_test(parse_long_refuses_overflow),
		cmocka_unit_test(parse_long_refuses_empty_and_null),
		cmocka_unit_test(parse_long_refuses_spaces),
		cmocka_unit_test(parse_long_refuses_trailing_junk),
		cmocka_unit_test(xstrdup_copies_and_passes_null),
		cmocka_unit_test(ascii_ncasecmp_folds_ascii_only),
		cmocka_unit_test(slugify_words),
		cmocka_unit_test(slugify_folds_spanish),
		cmocka_unit_test(slugify_joins_separators),
		cmocka_unit_test(slugify_drops_other_scripts_and_emoji),
		cmocka_unit_test(slugify_never_empty),
		cmocka_unit_test(slugify_cuts_at_size),
		cmocka_unit_test(slugify_cut_never_glues_words),
		cmocka_unit_test(slugify_tiny_buffers),
		cmocka_unit_test(slugify_output_alphabet),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
