/* test_chart.c: the geometry of the server-drawn SVG charts (chart.h). */
#include "helpers.h"
#include "text/chart.h"

#include <math.h>

static void nice_scale_of_counts(void **state)
{
	chart_scale s;

	(void)state;
	assert_int_equal(chart_nice_scale(0, 37, 5, &s), 0);
	assert_true(s.lo == 0);
	assert_true(s.hi >= 37);
	assert_true(s.step == 10);
	assert_int_equal(s.nticks, 5);
}

static void nice_scale_of_small_and_negative(void **state)
{
	chart_scale s;

	(void)state;
	assert_int_equal(chart_nice_scale(-1, 1, 4, &s), 0);
	assert_true(s.lo == -1 && s.hi == 1 && s.step == 0.5);
	assert_int_equal(s.nticks, 5);
	assert_int_equal(chart_nice_scale(-0.23, 0.61, 5, &s), 0);
	assert_true(s.lo <= -0.23 && s.hi >= 0.61);
	assert_true(s.nticks <= 6);
}

static void nice_scale_of_one_value(void **state)
{
	chart_scale s;

	(void)state;
	assert_int_equal(chart_nice_scale(0, 0, 5, &s), 0); /* nothing yet: 0..1 */
	assert_true(s.lo == 0 && s.hi >= 1);
	assert_int_equal(chart_nice_scale(7, 7, 5, &s), 0);
	assert_true(s.lo == 0 && s.hi >= 7);
	assert_int_equal(chart_nice_scale(5, 1, 5, &s), 0); /* swapped */
	assert_true(s.lo <= 1 && s.hi >= 5);
}

static void nice_scale_refuses_nonsense(void **state)
{
	chart_scale s;

	(void)state;
	assert_int_equal(chart_nice_scale(NAN, 1, 5, &s), E_INVALID);
	assert_int_equal(chart_nice_scale(0, INFINITY, 5, &s), E_INVALID);
	assert_int_equal(chart_nice_scale(0, 1, 0, &s), E_INVALID);
}

static void nice_scale_never_has_too_many_ticks(void **state)
{
	chart_scale s;
	double his[] = { 1, 3, 9, 11, 99, 101, 999, 12345, 0.07 };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(his) / sizeof(his[0]); i++) {
		assert_int_equal(chart_nice_scale(0, his[i], 5, &s), 0);
		assert_true(s.nticks <= 6);
		assert_true(s.hi >= his[i]);
	}
}

static void map_is_linear_and_flips(void **state)
{
	(void)state;
	assert_true(chart_map(0, 0, 10, 100, 0) == 100);
	assert_true(chart_map(10, 0, 10, 100, 0) == 0);
	assert_true(chart_map(2.5, 0, 10, 100, 0) == 75);
	assert_true(chart_map(3, 3, 3, 100, 0) == 50);
}

#define assert_format(v, d, lang, want) do { \
	char out_[48]; \
	chart_format(out_, sizeof(out_), v, d, lang); \
	assert_string_equal(out_, want); \
} while (0)

static void format_follows_the_language(void **state)
{
	(void)state;
	assert_format(4.5, 1, "en", "4.5");
	assert_format(4.5, 1, "es", "4,5");
	assert_format(1234.5, 1, "en", "1,234.5");
	assert_format(1234.5, 1, "es", "1234,5");     /* Spanish groups from five digits */
	assert_format(12345.25, 2, "es", "12.345,25");
	assert_format(1234567, 0, "en", "1,234,567");
	assert_format(-1234, 0, "en", "-1,234");
	assert_format(-0.3, 2, "es", "-0,30");
	assert_format(-0.0001, 1, "en", "0.0");
	assert_format(7, 0, "es", "7");
	assert_format(NAN, 1, "en", "–");
}

static const char *get(HDF *h, const char *name)
{
	return hdf_get_value(h, name, NULL);
}

static void lines_put_points_and_split_at_gaps(void **state)
{
	HDF *h = NULL;
	const char *labels[] = { "1 Nov", "2 Nov", "3 Nov", "4 Nov" };
	double v[] = { 0.5, -0.5, 0, 1 };
	int present[] = { 1, 1, 0, 1 };
	chart_series s = { "Average", "s-score", v, present };
	chart_spec spec = { "c1", "Sentiment <trend>", "Average score per day", "Day", "Score", "en",
			    2, 1, -1, 1 };

	(void)state;
	assert_int_equal(hdf_init(&h), STATUS_OK);
	assert_int_equal(chart_lines(h, "c", &spec, labels, 4, &s, 1), 0);
	/* the texts are stored as they are: the template escapes them */
	assert_string_equal(get(h, "c.title"), "Sentiment <trend>");
	assert_string_equal(get(h, "c.desc"), "Average score per day");
	assert_string_equal(get(h, "c.xlabel"), "Day");
	/* two segments: before and after the missing day */
	assert_non_null(get(h, "c.lines.0.segs.0.points"));
	assert_non_null(get(h, "c.lines.0.segs.1.points"));
	assert_null(get(h, "c.lines.0.segs.2.points"));
	assert_int_equal((int)strlen(get(h, "c.lines.0.segs.1.points")) > 0, 1);
	assert_null(strchr(get(h, "c.lines.0.segs.1.points"), ' ')); /* one point */
	/* y: +1 at the top of the plot, -1 at its bottom, 0 in the middle */
	assert_string_equal(get(h, "c.lines.0.dots.2.y"), get(h, "c.plot.y"));
	assert_string_equal(get(h, "c.lines.0.dots.2.label"), "1.00");
	assert_non_null(get(h, "c.zero.y"));
	assert_string_equal(get(h, "c.yticks.0.label"), "-1.00");
	assert_string_equal(get(h, "c.yticks.4.label"), "1.00");
	assert_string_equal(get(h, "c.xticks.3.label"), "4 Nov");
	hdf_destroy(&h);
}

static void many_days_get_few_x_labels(void **state)
{
	HDF *h = NULL;
	const char *labels[90];
	double v[90];
	chart_series s = { "Posts", "s-posts", v, NULL };
	chart_spec spec = { "c2", "Volume", "", "Day", "Items", "es", 0, 0, 0, 0 };
	size_t i, n = 0;
	HDF *t;

	(void)state;
	for (i = 0; i < 90; i++) {
		labels[i] = "x";
		v[i] = (double)i;
	}
	assert_int_equal(hdf_init(&h), STATUS_OK);
	assert_int_equal(chart_lines(h, "c", &spec, labels, 90, &s, 1), 0);
	for (t = hdf_get_child(h, "c.xticks"); t; t = hdf_obj_next(t))
		n++;
	assert_true(n <= CHART_MAX_XTICKS);
	assert_true(n >= 2);
	/* the y scale covers the largest value */
	assert_true(atof(get(h, "c.lines.0.dots.89.y")) >= atof(get(h, "c.plot.y")));
	hdf_destroy(&h);
}

static void bars_stand_on_zero(void **state)
{
	HDF *h = NULL;
	const char *labels[] = { "1", "2", "3", "4", "5" };
	double v[] = { 2, 0, 1, 5, 12 };
	chart_series s = { "Reviews", "s-stars", v, NULL };
	chart_spec spec = { "c3", "Stars", "Reviews by star", "Stars", "Reviews", "en", 0, 0, 0, 0 };
	double bottom, y, hh;

	(void)state;
	assert_int_equal(hdf_init(&h), STATUS_OK);
	assert_int_equal(chart_bars(h, "c", &spec, labels, 5, &s), 0);
	bottom = atof(get(h, "c.plot.bottom"));
	y = atof(get(h, "c.bars.4.y"));
	hh = atof(get(h, "c.bars.4.h"));
	assert_true(fabs(y + hh - bottom) < 0.11);
	assert_true(atof(get(h, "c.bars.1.h")) == 0);
	assert_string_equal(get(h, "c.bars.4.label"), "12");
	assert_true(atof(get(h, "c.bars.4.h")) > atof(get(h, "c.bars.3.h")));
	hdf_destroy(&h);
}

static void empty_charts_are_refused(void **state)
{
	HDF *h = NULL;
	chart_series s = { "x", "y", NULL, NULL };
	chart_spec spec = { "c", "t", "d", "x", "y", "en", 0, 0, 0, 0 };

	(void)state;
	assert_int_equal(hdf_init(&h), STATUS_OK);
	assert_int_equal(chart_lines(h, "c", &spec, NULL, 0, &s, 1), E_INVALID);
	assert_int_equal(chart_bars(h, "c", &spec, NULL, 0, &s), E_INVALID);
	hdf_destroy(&h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(nice_scale_of_counts),
		cmocka_unit_test(nice_scale_of_small_and_negative),
		cmocka_unit_test(nice_scale_of_one_value),
		cmocka_unit_test(nice_scale_refuses_nonsense),
		cmocka_unit_test(nice_scale_never_has_too_many_ticks),
		cmocka_unit_test(map_is_linear_and_flips),
		cmocka_unit_test(format_follows_the_language),
		cmocka_unit_test(lines_put_points_and_split_at_gaps),
		cmocka_unit_test(many_days_get_few_x_labels),
		cmocka_unit_test(bars_stand_on_zero),
		cmocka_unit_test(empty_charts_are_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
