/* export.c: GET /insights/export.csv: the numbers of the charts, one row
 * per day (week, month) of the period, for the same filters as the page.
 * Machine-readable: ISO dates and '.' decimals whatever the language. */
#include "insights.h"
#include "base/csv_out.h"
#include "base/err.h"

#include <stdio.h>

static const char *const HEADER[] = {
	"period_start", "posts", "reviews", "ideas", "items", "positive", "neutral", "negative",
	"unscored", "avg_sentiment", "rated_reviews", "avg_rating", "stars_1", "stars_2",
	"stars_3", "stars_4", "stars_5", "verified_reviews", "flags", "threads",
	"answered_threads", "solved_threads"
};
#define COLUMNS (sizeof(HEADER) / sizeof(HEADER[0]))

int page_insights_csv(request *r)
{
	insight_filter f;
	insight_series s;
	char name[120], cell[COLUMNS][32];
	size_t i, c;
	int rc = insights_filter(r, &f, NULL, NULL);

	if (rc != 0)
		return rc;
	rc = insight_series_load(r->app->db, &f, &s);
	if (rc != 0)
		return rc;
	for (c = 0; rc == 0 && c < COLUMNS; c++)
		rc = csv_cell(&r->raw, HEADER[c], c + 1 == COLUMNS);
	/* every cell goes through csv_cell, figures too: one rule for every
	 * CSV the site answers */
	for (i = 0; rc == 0 && i < s.n; i++) {
		const long long *m = s.b[i].m;
		long long scored = m[IM_POSITIVE] + m[IM_NEUTRAL] + m[IM_NEGATIVE];
		const long long counts[] = {
			m[IM_POSTS], m[IM_REVIEWS], m[IM_IDEAS], m[IM_ITEMS], m[IM_POSITIVE],
			m[IM_NEUTRAL], m[IM_NEGATIVE], m[IM_UNSCORED]
		};
		const long long tail[] = {
			m[IM_STARS1], m[IM_STARS2], m[IM_STARS3], m[IM_STARS4], m[IM_STARS5],
			m[IM_VERIFIED], m[IM_FLAGS], m[IM_THREADS], m[IM_ANSWERED], m[IM_SOLVED]
		};
		size_t k, n = 0;

		snprintf(cell[n++], sizeof(cell[0]), "%s", s.b[i].start);
		for (k = 0; k < sizeof(counts) / sizeof(counts[0]); k++)
			snprintf(cell[n++], sizeof(cell[0]), "%lld", counts[k]);
		cell[n][0] = '\0';
		if (scored > 0)
			snprintf(cell[n], sizeof(cell[0]), "%.4f",
				 (double)m[IM_SCORE_SUM] / 1000.0 / (double)scored);
		n++;
		snprintf(cell[n++], sizeof(cell[0]), "%lld", m[IM_RATED]);
		cell[n][0] = '\0';
		if (m[IM_RATED] > 0)
			snprintf(cell[n], sizeof(cell[0]), "%.3f",
				 (double)m[IM_RATING_SUM] / (double)m[IM_RATED]);
		n++;
		for (k = 0; k < sizeof(tail) / sizeof(tail[0]); k++)
			snprintf(cell[n++], sizeof(cell[0]), "%lld", tail[k]);
		for (c = 0; rc == 0 && c < n; c++)
			rc = csv_cell(&r->raw, cell[c], c + 1 == n);
	}
	insight_series_free(&s);
	if (rc != 0)
		return rc;
	r->raw_type = "text/csv; charset=utf-8";
	snprintf(name, sizeof(name), "insights-%s-%s.csv", f.from, f.to);
	strbuf_printf(&r->headers, "Content-Disposition: attachment; filename=\"%s\"\r\n", name);
	return 200;
}
