/* charts.c: the insight page's four charts (volume, sentiment, rating,
 * stars), as HDF for the chart macro (see text/chart.h). Their numbers are
 * the series' and the totals' that the page's tables show. */
#include "insights.h"
#include "text/chart.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The x axis's name by the series' buckets. */
static const char *x_name(request *r, const insight_series *s)
{
	return req_text(r, s->granularity == IG_DAY ? "insights.chart.x_day"
			   : s->granularity == IG_WEEK ? "insights.chart.x_week"
						       : "insights.chart.x_month");
}

void insights_charts(request *r, HDF *h, const insight_filter *f, const insight_series *s)
{
	size_t n = s->n, i;
	const char **labels = calloc(n ? n : 1, sizeof(char *));
	double *v = calloc(n ? n * 4 : 1, sizeof(double));
	int *present = calloc(n ? n * 2 : 1, sizeof(int));
	const char *star_labels[5] = { "1", "2", "3", "4", "5" };
	double stars[5];

	if (labels == NULL || v == NULL || present == NULL || n == 0)
		goto out;
	for (i = 0; i < n; i++) {
		const long long *m = s->b[i].m;
		long long scored = m[IM_POSITIVE] + m[IM_NEUTRAL] + m[IM_NEGATIVE];

		labels[i] = s->b[i].label;
		v[i] = (double)m[IM_POSTS];
		v[n + i] = (double)m[IM_REVIEWS];
		v[2 * n + i] = (double)m[IM_IDEAS];
		present[i] = scored > 0;
		v[3 * n + i] = scored > 0 ? (double)m[IM_SCORE_SUM] / 1000.0 / (double)scored : NAN;
		present[n + i] = m[IM_RATED] > 0;
	}
	{
		chart_series vol[3] = {
			{ req_text(r, "insights.posts"), "s-posts", v, NULL },
			{ req_text(r, "insights.reviews"), "s-reviews", v + n, NULL },
			{ req_text(r, "insights.ideas"), "s-ideas", v + 2 * n, NULL },
		};
		chart_spec spec = { "chart-volume", req_text(r, "insights.chart.volume"),
				    req_text(r, "insights.chart.volume_desc"), x_name(r, s),
				    req_text(r, "insights.chart.items"), f->lang, 0, 0, 0, 0 };
		chart_lines(h, "d.charts.volume", &spec, labels, n, vol, 3);
	}
	{
		chart_series sent = { req_text(r, "insights.avg_score"), "s-score", v + 3 * n, present };
		chart_spec spec = { "chart-sentiment", req_text(r, "insights.chart.sentiment"),
				    req_text(r, "insights.chart.sentiment_desc"), x_name(r, s),
				    req_text(r, "insights.avg_score"), f->lang, 2, 1, -1, 1 };
		chart_lines(h, "d.charts.sentiment", &spec, labels, n, &sent, 1);
	}
	for (i = 0; i < n; i++) {
		const long long *m = s->b[i].m;
		v[i] = m[IM_RATED] > 0 ? (double)m[IM_RATING_SUM] / (double)m[IM_RATED] : NAN;
	}
	{
		chart_series rating = { req_text(r, "insights.avg_rating"), "s-rating", v, present + n };
		chart_spec spec = { "chart-rating", req_text(r, "insights.chart.rating"),
				    req_text(r, "insights.chart.rating_desc"), x_name(r, s),
				    req_text(r, "insights.avg_rating"), f->lang, 1, 1, 1, 5 };
		chart_lines(h, "d.charts.rating", &spec, labels, n, &rating, 1);
	}
	for (i = 0; i < 5; i++)
		stars[i] = (double)s->total[IM_STARS1 + i];
	{
		chart_series st = { req_text(r, "insights.reviews"), "s-stars", stars, NULL };
		chart_spec spec = { "chart-stars", req_text(r, "insights.chart.stars"),
				    req_text(r, "insights.chart.stars_desc"), req_text(r, "insights.stars"),
				    req_text(r, "insights.reviews"), f->lang, 0, 0, 0, 0 };
		chart_bars(h, "d.charts.stars", &spec, star_labels, 5, &st);
	}
out:
	free(labels);
	free(v);
	free(present);
}

void insights_vote_chart(request *r, HDF *h, const insight_filter *f)
{
	const char *labels[SEGMENTS_MAX * 2 + 1];
	double v[SEGMENTS_MAX * 2 + 1];
	size_t n = 0;
	HDF *row = hdf_get_obj(h, "d.votes.segments");

	for (row = row ? hdf_obj_child(row) : NULL; row && n < sizeof(v) / sizeof(v[0]);
	     row = hdf_obj_next(row), n++) {
		labels[n] = hdf_get_value(row, "name", "");
		v[n] = (double)hdf_get_int_value(row, "votes", 0);
	}
	if (n > 0) {
		chart_series votes = { req_text(r, "insights.votes"), "s-votes", v, NULL };
		chart_spec spec = { "chart-votes", req_text(r, "insights.chart.votes"),
				    req_text(r, "insights.chart.votes_desc"),
				    req_text(r, "insights.segment"), req_text(r, "insights.votes"),
				    f->lang, 0, 0, 0, 0 };
		chart_bars(h, "d.charts.votes", &spec, labels, n, &votes);
	}
}
