/* insight_series.c: the period's figures over time (see insight_read.h):
 * the rollups' daily sums read into buckets of days, weeks or months,
 * their totals, and the counts, averages and rates of each. */
#include "services/insight_internal.h"
#include "base/hdf.h"
#include "base/err.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SUMS "SUM(items) AS items, SUM(positive) AS positive, SUM(neutral) AS neutral, " \
	"SUM(negative) AS negative, SUM(unscored) AS unscored, SUM(score_sum) AS score_sum, " \
	"SUM(rated) AS rated, SUM(rating_sum) AS rating_sum, SUM(stars1) AS stars1, " \
	"SUM(stars2) AS stars2, SUM(stars3) AS stars3, SUM(stars4) AS stars4, " \
	"SUM(stars5) AS stars5, SUM(verified) AS verified, " \
	"SUM(verified_rating_sum) AS verified_rating_sum, SUM(flags) AS flags, " \
	"SUM(threads) AS threads, SUM(answered) AS answered, SUM(solved) AS solved, " \
	"SUM(reply_seconds) AS reply_seconds"
/* the labels of SUMS, in its order */
static const char *const sum_names[] = {
	"items", "positive", "neutral", "negative", "unscored", "score_sum", "rated", "rating_sum",
	"stars1", "stars2", "stars3", "stars4", "stars5", "verified", "verified_rating_sum", "flags",
	"threads", "answered", "solved", "reply_seconds"
};
#define NSUMS (sizeof(sum_names) / sizeof(sum_names[0]))

static const char SQL_SERIES[] =
	"SELECT DATE_FORMAT(day, '%Y-%m-%d') AS day_text, kind, " SUMS " FROM insight_daily WHERE"
	FILTER " GROUP BY day, kind";
/* without a category or product: the sums over them (sql/0053) */
static const char SQL_SERIES_ALL[] =
	"SELECT DATE_FORMAT(day, '%Y-%m-%d') AS day_text, kind, " SUMS " FROM insight_daily_all "
	"WHERE day BETWEEN ? AND ? AND (? = '' OR segment = ?) GROUP BY day, kind";

static const char *month_name(const insight_filter *f, int month)
{
	static const char *const en[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug",
					  "Sep", "Oct", "Nov", "Dec" };
	char key[32];

	snprintf(key, sizeof(key), "L.month.%d", month);
	if (f->texts && hdf_get_value(f->texts, key, NULL))
		return hdf_get_value(f->texts, key, NULL);
	return en[(month - 1) % 12];
}

static void bucket_label(const insight_filter *f, int granularity, const char *day, char *out,
			 size_t size)
{
	int m = atoi(day + 5);

	if (granularity == IG_MONTH)
		snprintf(out, size, "%s %d", month_name(f, m), atoi(day));
	else
		snprintf(out, size, "%d %s", atoi(day + 8), month_name(f, m));
}

/* The bucket of day (in the period). */
static size_t bucket_of(const insight_series *s, const insight_filter *f, const char *day)
{
	long long off = insight_days_between(f->from, day);
	size_t i;

	if (s->granularity == IG_DAY)
		return (size_t)off;
	for (i = s->n; i-- > 0;) /* weeks and months: the last bucket that starts by day */
		if (strcmp(s->b[i].start, day) <= 0)
			return i;
	return 0;
}

int insight_series_load(db *d, const insight_filter *f, insight_series *out)
{
	db_rows *rows = NULL;
	char day[11];
	size_t i, r, col[NSUMS] = { 0 }, day_col = 0, kind_col = 0;
	int rc, j;

	memset(out, 0, sizeof(*out));
	out->granularity = f->days <= 62 ? IG_DAY : f->days <= 731 ? IG_WEEK : IG_MONTH;
	out->b = calloc((size_t)f->days, sizeof(insight_bucket));
	if (out->b == NULL)
		return E_NOMEM;
	/* the buckets: every day, each Monday, or each first of a month (the
	 * first bucket starts on the period's first day) */
	snprintf(day, sizeof(day), "%s", f->from);
	for (i = 0; strcmp(day, f->to) <= 0; i++) {
		struct tm tm;
		time_t t = insight_day_time(day);
		int starts;

		gmtime_r(&t, &tm);
		starts = i == 0 || out->granularity == IG_DAY ||
			 (out->granularity == IG_WEEK && tm.tm_wday == 1) ||
			 (out->granularity == IG_MONTH && tm.tm_mday == 1);
		if (starts) {
			insight_bucket *b = &out->b[out->n++];
			memcpy(b->start, day, sizeof(b->start));
			bucket_label(f, out->granularity, day, b->label, sizeof(b->label));
		}
		insight_add_days(day, 1, day);
	}
	if (f->category_id || f->product_id)
		rc = DB_SELECT(d, SQL_SERIES, &rows, FILTER_PARAMS(f));
	else
		rc = DB_SELECT(d, SQL_SERIES_ALL, &rows, DBS(f->from), DBS(f->to), DBS(f->segment),
			       DBS(f->segment));
	/* up to a few thousand rows of 22 columns: each looked up once */
	if (rc == 0) {
		day_col = db_col(rows, "day_text");
		kind_col = db_col(rows, "kind");
		for (j = 0; j < (int)NSUMS; j++)
			col[j] = db_col(rows, sum_names[j]);
	}
	for (r = 0; rc == 0 && r < rows->nrows; r++) {
		insight_bucket *b = &out->b[bucket_of(out, f, db_cell(rows, r, day_col))];
		const char *kind = db_cell(rows, r, kind_col);
		long long v[NSUMS];

		for (j = 0; j < (int)NSUMS; j++)
			v[j] = db_cell_int(rows, r, col[j]);
		/* the columns of SUMS, then the kind's item count */
		b->m[IM_ITEMS] += v[0];
		b->m[strcmp(kind, "post") == 0 ? IM_POSTS : strcmp(kind, "review") == 0 ? IM_REVIEWS
										    : IM_IDEAS] += v[0];
		for (j = 1; j < (int)NSUMS; j++)
			b->m[IM_POSITIVE + j - 1] += v[j];
	}
	db_rows_free(rows);
	for (i = 0; i < out->n; i++)
		for (j = 0; j < IM_COUNT; j++)
			out->total[j] += out->b[i].m[j];
	if (rc != 0)
		insight_series_free(out);
	return rc;
}

void insight_series_free(insight_series *s)
{
	free(s->b);
	s->b = NULL;
	s->n = 0;
}

static const char *const measure_names[IM_COUNT] = {
	"items", "posts", "reviews", "ideas", "positive", "neutral", "negative", "unscored",
	"score_sum", "rated", "rating_sum", "stars1", "stars2", "stars3", "stars4", "stars5",
	"verified", "verified_rating_sum", "flags", "threads", "answered", "solved", "reply_seconds"
};

/* Counts and averages of one bucket or of the totals. */
void insight_measures_hdf(const long long *m, const insight_filter *f, HDF *h, const char *prefix,
			 int totals)
{
	long long scored = m[IM_POSITIVE] + m[IM_NEUTRAL] + m[IM_NEGATIVE];
	int j;

	for (j = 0; j < IM_COUNT; j++)
		if (totals || j <= IM_RATING_SUM)
			insight_put_int(h, prefix, measure_names[j], m[j]);
	insight_put_int(h, prefix, "scored", scored);
	if (scored > 0) {
		insight_put_num(h, prefix, "avg_score", (double)m[IM_SCORE_SUM] / 1000.0 / (double)scored, 2, f);
		insight_put_num(h, prefix, "positive_pct", 100.0 * (double)m[IM_POSITIVE] / (double)scored, 0, f);
		insight_put_num(h, prefix, "negative_pct", 100.0 * (double)m[IM_NEGATIVE] / (double)scored, 0, f);
	}
	if (m[IM_RATED] > 0)
		insight_put_num(h, prefix, "avg_rating", (double)m[IM_RATING_SUM] / (double)m[IM_RATED], 1, f);
	if (!totals)
		return;
	insight_put_int(h, prefix, "unanswered", m[IM_THREADS] - m[IM_ANSWERED]);
	if (m[IM_THREADS] > 0) {
		insight_put_num(h, prefix, "solved_pct", 100.0 * (double)m[IM_SOLVED] / (double)m[IM_THREADS], 0, f);
		insight_put_num(h, prefix, "answered_pct", 100.0 * (double)m[IM_ANSWERED] / (double)m[IM_THREADS],
			0, f);
	}
	if (m[IM_ANSWERED] > 0)
		insight_put_num(h, prefix, "first_reply_hours",
			(double)m[IM_REPLY_SECONDS] / 3600.0 / (double)m[IM_ANSWERED], 1, f);
	if (m[IM_RATED] > 0) {
		int s;
		for (s = 1; s <= 5; s++) {
			char name[24];
			snprintf(name, sizeof(name), "stars%d_pct", s);
			insight_put_num(h, prefix, name, 100.0 * (double)m[IM_STARS1 + s - 1] / (double)m[IM_RATED],
				0, f);
		}
	}
}

void insight_series_hdf(const insight_series *s, const insight_filter *f, HDF *h,
			const char *prefix)
{
	char p[160];
	size_t i;

	snprintf(p, sizeof(p), "%s.granularity", prefix);
	hdf_str(h, p, s->granularity == IG_DAY ? "day" : s->granularity == IG_WEEK ? "week" : "month");
	for (i = 0; i < s->n; i++) {
		snprintf(p, sizeof(p), "%s.series.%zu", prefix, i);
		insight_put_str(h, p, "start", s->b[i].start);
		insight_put_str(h, p, "label", s->b[i].label);
		insight_measures_hdf(s->b[i].m, f, h, p, 0);
	}
	snprintf(p, sizeof(p), "%s.totals", prefix);
	insight_measures_hdf(s->total, f, h, p, 1);
	insight_put_int(h, p, "small", s->total[IM_ITEMS] < f->min_sample);
}
