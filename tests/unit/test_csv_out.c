/* test_csv_out.c: CSV cells for spreadsheets (csv_out.h). */
#include "helpers.h"
#include "base/csv_out.h"

static strbuf sb = STRBUF_INIT;

/* The cell csv_cell writes for v, alone. */
static char *cell(const char *v, int last)
{
	strbuf_free(&sb);
	assert_int_equal(csv_cell(&sb, v, last), 0);
	return sb.s;
}

static void cells_are_quoted_with_quotes_doubled(void **state)
{
	(void)state;
	assert_string_equal(cell("plain", 0), "\"plain\",");
	assert_string_equal(cell("say \"hi\"", 1), "\"say \"\"hi\"\"\"\r\n");
	assert_string_equal(cell(NULL, 0), "\"\",");
	assert_string_equal(cell("", 1), "\"\"\r\n");
	assert_string_equal(cell("two\r\nlines", 0), "\"two  lines\",");
}

static void every_formula_start_is_defused(void **state)
{
	(void)state;
	assert_string_equal(cell("=1+1", 0), "\"'=1+1\",");
	assert_string_equal(cell("+1", 0), "\"'+1\",");
	assert_string_equal(cell("-1+1", 0), "\"'-1+1\",");
	assert_string_equal(cell("@SUM(A1)", 0), "\"'@SUM(A1)\",");
	assert_string_equal(cell("\t=1+1", 0), "\"'\t=1+1\",");
	/* the CR is turned into a space, and the cell still starts with the quote */
	assert_string_equal(cell("\r=1+1", 0), "\"' =1+1\",");
	assert_string_equal(cell("-", 0), "\"'-\",");
	assert_string_equal(cell("-.5", 0), "\"'-.5\",");
	assert_string_equal(cell("-1.", 0), "\"'-1.\",");
	assert_string_equal(cell("-1e3", 0), "\"'-1e3\",");
}

static void figures_and_other_text_are_left_alone(void **state)
{
	(void)state;
	assert_string_equal(cell("-0.2500", 0), "\"-0.2500\",");
	assert_string_equal(cell("-12", 1), "\"-12\"\r\n");
	assert_string_equal(cell("3.5", 0), "\"3.5\",");
	assert_string_equal(cell(" =1+1", 0), "\" =1+1\",");
	assert_string_equal(cell("a=1", 0), "\"a=1\",");
	assert_false(csv_needs_defusing("2026-11-24"));
	assert_false(csv_needs_defusing(NULL));
	assert_false(csv_needs_defusing(""));
	assert_true(csv_needs_defusing("\r"));
	assert_true(csv_needs_defusing("\t"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(cells_are_quoted_with_quotes_doubled),
		cmocka_unit_test(every_formula_start_is_defused),
		cmocka_unit_test(figures_and_other_text_are_left_alone),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);

	strbuf_free(&sb);
	return rc;
}
