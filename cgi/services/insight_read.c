/* insight_read.c: the marketing figures, read from the rollups (see
 * insight_read.h). */
#include "services/insight_read.h"
#include "db/rows_hdf.h"
#include "text/chart.h"
#include "base/err.h"
#include "services/content_url.h"
#include "text/markdown.h"
#include "text/themes.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The filter of every rollup read: a period, and "0 or this", "'' or
 * this" for the category, the product and the segment. */
#define FILTER " day BETWEEN ? AND ? AND (? = 0 OR category_id = ?) AND (? = 0 OR product_id = ?) " \
	"AND (? = '' OR segment = ?)"
#define FILTER_PARAMS(f) DBS((f)->from), DBS((f)->to), DBI((f)->category_id), \
	DBI((f)->category_id), DBI((f)->product_id), DBI((f)->product_id), DBS((f)->segment), \
	DBS((f)->segment)
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
/* themes: the sample sizes, negative, positive and all (no segment:
 * themes are not kept by segment) */
static const char SQL_THEME_SAMPLE[] =
	"SELECT COALESCE(SUM(negative), 0) AS negative, COALESCE(SUM(positive), 0) AS positive, "
	"COALESCE(SUM(positive + neutral + negative), 0) AS scored FROM insight_daily "
	"WHERE day BETWEEN ? AND ? AND (? = 0 OR category_id = ?) AND (? = 0 OR product_id = ?)";
static const char SQL_THEME_SAMPLE_ALL[] =
	"SELECT COALESCE(SUM(negative), 0) AS negative, COALESCE(SUM(positive), 0) AS positive, "
	"COALESCE(SUM(positive + neutral + negative), 0) AS scored FROM insight_daily_all "
	"WHERE day BETWEEN ? AND ?";
#define IN10 "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
#define IN20 "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
/* Candidates: the phrases of the period with their counts in negative and
 * in positive content and in all, those said often enough in either label:
 * both labels' themes from one scan. The whole community's from the sums
 * of insight_themes_all; a category's or a product's from insight_themes
 * by its index. */
#define CANDIDATES(from, where) "SELECT phrase_hash, MIN(phrase) AS phrase, " \
	"SUM(IF(label = -1, n, 0)) AS neg, SUM(IF(label = 1, n, 0)) AS pos, SUM(n) AS t " \
	"FROM " from " WHERE " where " GROUP BY phrase_hash HAVING neg >= ? OR pos >= ?"
static const char SQL_THEME_CANDIDATES_ALL[] =
	CANDIDATES("insight_themes_all", "day BETWEEN ? AND ?");
static const char SQL_THEME_CANDIDATES_CATEGORY[] =
	CANDIDATES("insight_themes", "category_id = ? AND day BETWEEN ? AND ? AND (? = 0 OR product_id = ?)");
static const char SQL_THEME_CANDIDATES_PRODUCT[] =
	CANDIDATES("insight_themes", "product_id = ? AND day BETWEEN ? AND ?");
/* a phrase's two most recent examples (index insight_themes_examples) */
static const char SQL_THEME_EXAMPLES[] =
	"SELECT kind, ex1, ex2 FROM insight_themes WHERE phrase_hash = ? AND label = ? "
	"AND day BETWEEN ? AND ? AND (? = 0 OR category_id = ?) AND (? = 0 OR product_id = ?) "
	"ORDER BY day DESC LIMIT 2";
static const char SQL_QUOTE_POSTS[] =
	"SELECT p.id, IF(p.position = 1, t.title, NULL) AS title, p.body, p.thread_id, p.position "
	"FROM posts p JOIN threads t ON t.id = p.thread_id "
	"WHERE p.id IN " IN20 " AND p.status = 'visible' AND t.status = 'visible'";
static const char SQL_QUOTE_REVIEWS[] =
	"SELECT id, title, body FROM reviews WHERE id IN " IN20 " AND status = 'visible'";
static const char SQL_QUOTE_IDEAS[] =
	"SELECT id, title, body FROM ideas WHERE id IN " IN20 " AND status = 'visible'";
/* products and categories against the previous period: each one's sums
 * of the period (cur = 1) and of the one before (cur = 0), a row for each;
 * two groups a product cost less than nine conditional sums over every
 * row of both periods */
#define CHANGE_COLS "day >= ? AS cur, SUM(items) AS items, " \
	"SUM(positive + neutral + negative) AS scored, SUM(score_sum) AS score_sum, " \
	"SUM(rated) AS rated, SUM(rating_sum) AS rating_sum"
#define CHANGE_PARAMS(f) DBS((f)->from), DBS((f)->prev_from), DBS((f)->to), \
	DBI((f)->category_id), DBI((f)->category_id), DBI((f)->product_id), DBI((f)->product_id), \
	DBS((f)->segment), DBS((f)->segment)
static const char SQL_PRODUCT_CHANGES[] =
	"SELECT product_id, " CHANGE_COLS " FROM insight_daily WHERE" FILTER " AND product_id <> 0 "
	"GROUP BY product_id, cur ORDER BY product_id, cur";
static const char SQL_CATEGORY_CHANGES[] =
	"SELECT category_id, " CHANGE_COLS " FROM insight_daily WHERE" FILTER " AND category_id <> 0 "
	"GROUP BY category_id, cur ORDER BY category_id, cur";
static const char SQL_PRODUCT_NAMES[] =
	"SELECT id, sku, name FROM products WHERE id IN " IN20;
static const char SQL_CATEGORY_NAMES[] =
	"SELECT id, slug, IF(? = 'es', name_es, name_en) AS name FROM categories WHERE id IN " IN20;
static const char SQL_UNANSWERED[] =
	"SELECT t.id, t.title, t.slug, UNIX_TIMESTAMP(t.created_at) AS created_at, c.slug AS category_slug, "
	"IF(? = 'es', c.name_es, c.name_en) AS category_name FROM threads t "
	"JOIN categories c ON c.id = t.category_id "
	"WHERE t.status = 'visible' AND t.reply_count = 0 AND t.first_reply_at IS NULL "
	"AND t.last_post_at >= ? AND t.last_post_at < ? + INTERVAL 1 DAY "
	"AND t.created_at >= ? AND t.created_at < ? + INTERVAL 1 DAY "
	"AND (? = 0 OR t.category_id = ?) ORDER BY t.last_post_at, t.id LIMIT ?";
#define PIPELINE(where) "SELECT stage, COUNT(*) AS n FROM ideas WHERE status = 'visible' " \
	"AND merged_into_id IS NULL" where " GROUP BY stage"
static const char SQL_PIPELINE_ALL[] = PIPELINE("");
static const char SQL_PIPELINE_CATEGORY[] =
	PIPELINE(" AND category_id = ? AND (? = 0 OR product_id = ?)");
static const char SQL_PIPELINE_PRODUCT[] = PIPELINE(" AND product_id = ?");
static const char SQL_FLAG_REASONS[] =
	"SELECT reason, COUNT(*) AS n FROM flags WHERE created_at >= ? "
	"AND created_at < ? + INTERVAL 1 DAY GROUP BY reason ORDER BY n DESC, reason";
static const char SQL_ACTIONS[] =
	"SELECT action, COUNT(*) AS n FROM audit_log WHERE created_at >= ? "
	"AND created_at < ? + INTERVAL 1 DAY AND action IN ('approve', 'hide', 'delete', 'restore', "
	"'edit', 'warn', 'silence', 'suspend', 'merge') GROUP BY action ORDER BY n DESC, action";
static const char SQL_RESOLVE[] =
	"SELECT COUNT(*) AS resolved, COALESCE(MAX(p50), 0) AS median_minutes, "
	"COALESCE(MAX(p90), 0) AS p90_minutes FROM ("
	" SELECT PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY TIMESTAMPDIFF(MINUTE, created_at, "
	"resolved_at)) OVER () AS p50, PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY "
	"TIMESTAMPDIFF(MINUTE, created_at, resolved_at)) OVER () AS p90 FROM mod_queue "
	"WHERE resolved_at >= ? AND resolved_at < ? + INTERVAL 1 DAY "
	"AND (? = 0 OR category_id = ?) AND (? = 0 OR product_id = ?)) t";
/* A member active in the period has one day in it whose gap reaches back
 * before the period (or is their first ever): sums, not distinct counts. */
static const char SQL_ACTIVITY[] =
	"SELECT COALESCE(SUM(IF(gap = 0 OR gap > DATEDIFF(day, ?), n, 0)), 0) AS active, "
	"COALESCE(SUM(IF(gap = 0, n, 0)), 0) AS new_members, "
	"COALESCE(SUM(IF(gap > DATEDIFF(day, ?), n, 0)), 0) AS returning_members, "
	"COALESCE(SUM(IF(gap >= ?, n, 0)), 0) AS reactivated "
	"FROM insight_gaps WHERE day BETWEEN ? AND ? AND (? = '' OR segment = ?)";
static const char SQL_REFERRALS[] =
	"SELECT COUNT(*) FROM invitations i JOIN users u ON u.id = i.invitee_id "
	"WHERE i.accepted_at >= ? AND i.accepted_at < ? + INTERVAL 1 DAY AND (? = '' OR u.segment = ?)";
/* recovery: the unhappy reviews of the period, whether staff answered, and
 * what their authors wrote after the answer */
#define UNHAPPY "FROM reviews r LEFT JOIN review_responses rr ON rr.review_id = r.id " \
	"WHERE r.created_at >= ? AND r.created_at < ? + INTERVAL 1 DAY AND r.rating IN (1, 2) " \
	"AND r.status = 'visible' AND ? = 0 AND (? = 0 OR r.product_id = ?) AND (? = '' OR r.segment = ?)"
#define UNHAPPY_PARAMS(f) DBS((f)->from), DBS((f)->to), DBI((f)->category_id), \
	DBI((f)->product_id), DBI((f)->product_id), DBS((f)->segment), DBS((f)->segment)
static const char SQL_RECOVERY[] =
	"SELECT COUNT(*) AS unhappy, COUNT(rr.review_id) AS answered, "
	"AVG(r.sentiment_score) AS avg_score, "
	"AVG(IF(rr.review_id IS NULL, NULL, r.sentiment_score)) AS before_score " UNHAPPY;
static const char SQL_LATER_POSTS[] =
	"SELECT COUNT(p.id) AS items, COALESCE(SUM(p.sentiment_score), 0) AS score_sum "
	"FROM reviews r "
	"JOIN review_responses rr ON rr.review_id = r.id "
	"JOIN posts p ON p.user_id = r.user_id AND p.created_at > rr.created_at "
	"AND p.status = 'visible' AND p.sentiment_score IS NOT NULL "
	"WHERE r.created_at >= ? AND r.created_at < ? + INTERVAL 1 DAY AND r.rating IN (1, 2) "
	"AND r.status = 'visible' AND ? = 0 AND (? = 0 OR r.product_id = ?) AND (? = '' OR r.segment = ?)";
static const char SQL_LATER_REVIEWS[] =
	"SELECT COUNT(x.id) AS items, COALESCE(SUM(x.sentiment_score), 0) AS score_sum "
	"FROM reviews r "
	"JOIN review_responses rr ON rr.review_id = r.id "
	"JOIN reviews x ON x.user_id = r.user_id AND x.created_at > rr.created_at "
	"AND x.status = 'visible' AND x.sentiment_score IS NOT NULL "
	"WHERE r.created_at >= ? AND r.created_at < ? + INTERVAL 1 DAY AND r.rating IN (1, 2) "
	"AND r.status = 'visible' AND ? = 0 AND (? = 0 OR r.product_id = ?) AND (? = '' OR r.segment = ?)";
static const char SQL_LATER_IDEAS[] =
	"SELECT COUNT(x.id) AS items, COALESCE(SUM(x.sentiment_score), 0) AS score_sum "
	"FROM reviews r "
	"JOIN review_responses rr ON rr.review_id = r.id "
	"JOIN ideas x ON x.user_id = r.user_id AND x.created_at > rr.created_at "
	"AND x.status = 'visible' AND x.sentiment_score IS NOT NULL "
	"WHERE r.created_at >= ? AND r.created_at < ? + INTERVAL 1 DAY AND r.rating IN (1, 2) "
	"AND r.status = 'visible' AND ? = 0 AND (? = 0 OR r.product_id = ?) AND (? = '' OR r.segment = ?)";
/* the week's votes first (index idea_votes_recent), then their ideas */
static const char SQL_TOP_IDEAS[] =
	"SELECT i.id, i.title, i.stage, i.vote_count, v.votes FROM (SELECT idea_id, COUNT(*) AS votes "
	"FROM idea_votes WHERE created_at >= ? AND created_at < ? + INTERVAL 1 DAY GROUP BY idea_id) v "
	"JOIN ideas i ON i.id = v.idea_id WHERE i.status = 'visible' AND i.merged_into_id IS NULL "
	"AND (? = 0 OR i.category_id = ?) AND (? = 0 OR i.product_id = ?) "
	"ORDER BY v.votes DESC, i.vote_count DESC, i.id LIMIT ?";
/* (the digest is the whole community's: index insight_themes_all_phrase) */
static const char SQL_THEME_BEFORE[] =
	"SELECT phrase_hash, SUM(n) AS n FROM insight_themes_all WHERE phrase_hash IN " IN10
	" AND label = ? AND day BETWEEN ? AND ? GROUP BY phrase_hash";

/* ------------------------------------------------------------- helpers */

static void set_text(HDF *h, const char *prefix, const char *name, double v, int decimals,
		     const insight_filter *f)
{
	char key[320], text[48];

	chart_format(text, sizeof(text), v, decimals, f->lang);
	snprintf(key, sizeof(key), "%s.%s", prefix, name);
	hdf_str(h, key, text);
}

static void set_int(HDF *h, const char *prefix, const char *name, long long v)
{
	char key[320];

	snprintf(key, sizeof(key), "%s.%s", prefix, name);
	hdf_int(h, key, v);
}

static void set_str(HDF *h, const char *prefix, const char *name, const char *v)
{
	char key[320];

	snprintf(key, sizeof(key), "%s.%s", prefix, name);
	hdf_str(h, key, v);
}

/* A number and its text: name (raw, 4 decimals) and name_text. */
static void set_num(HDF *h, const char *prefix, const char *name, double v, int decimals,
		    const insight_filter *f)
{
	char key[320], raw[48], tname[80];

	snprintf(raw, sizeof(raw), "%.4f", v);
	snprintf(key, sizeof(key), "%s.%s", prefix, name);
	hdf_str(h, key, raw);
	{
		NEOERR *err = hdf_set_attr(h, key, "t", "n"); /* a number in the JSON twin */
		nerr_ignore(&err);
	}
	snprintf(tname, sizeof(tname), "%s_text", name);
	set_text(h, prefix, tname, v, decimals, f);
}

/* A change: its number, its text with a sign ("+0.12", "-0.30") and its
 * direction (name_dir: up, down or same, as rounded for the text). */
static void set_change(HDF *h, const char *prefix, const char *name, double v, int decimals,
		       const insight_filter *f)
{
	char key[320], text[48], signed_text[52];
	double unit = pow(10, -decimals) / 2;

	set_num(h, prefix, name, v, decimals, f);
	chart_format(text, sizeof(text), v, decimals, f->lang);
	snprintf(signed_text, sizeof(signed_text), "%s%s", v >= unit ? "+" : "", text);
	snprintf(key, sizeof(key), "%s.%s_text", prefix, name);
	hdf_str(h, key, signed_text);
	snprintf(key, sizeof(key), "%s.%s_dir", prefix, name);
	hdf_str(h, key, v >= unit ? "up" : v <= -unit ? "down" : "same");
}

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

/* ---------------------------------------------------------------- days */

static int days_in_month(int y, int m)
{
	static const int n[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	return m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0) ? 29 : n[m - 1];
}

int insight_valid_day(const char *s)
{
	int y, m, d, i;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	return y >= 1970 && y <= 2999 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

static time_t day_time(const char *day)
{
	struct tm tm;

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = atoi(day) - 1900;
	tm.tm_mon = atoi(day + 5) - 1;
	tm.tm_mday = atoi(day + 8);
	tm.tm_hour = 12;
	return timegm(&tm);
}

static void day_of(time_t t, char out[11])
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

void insight_add_days(const char *day, long long n, char out[11])
{
	day_of(day_time(day) + (time_t)n * 86400, out);
}

void insight_today(char out[11])
{
	day_of(time(NULL), out);
}

static long long days_between(const char *a, const char *b)
{
	return (long long)llround(difftime(day_time(b), day_time(a)) / 86400.0);
}

int insight_set_period(insight_filter *f, const char *from, const char *to)
{
	char today[11];

	insight_today(today);
	if (to && *to) {
		if (!insight_valid_day(to))
			return E_INVALID;
		snprintf(f->to, sizeof(f->to), "%s", to);
	} else {
		snprintf(f->to, sizeof(f->to), "%s", today);
	}
	if (from && *from) {
		if (!insight_valid_day(from))
			return E_INVALID;
		snprintf(f->from, sizeof(f->from), "%s", from);
	} else {
		insight_add_days(f->to, -(INSIGHT_DEFAULT_DAYS - 1), f->from);
	}
	f->days = days_between(f->from, f->to) + 1;
	if (f->days < 1 || f->days > INSIGHT_MAX_DAYS)
		return E_INVALID;
	insight_add_days(f->from, -1, f->prev_to);
	insight_add_days(f->from, -f->days, f->prev_from);
	return 0;
}

/* -------------------------------------------------------------- series */

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
	long long off = days_between(f->from, day);
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
		time_t t = day_time(day);
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
static void measures_hdf(const long long *m, const insight_filter *f, HDF *h, const char *prefix,
			 int totals)
{
	long long scored = m[IM_POSITIVE] + m[IM_NEUTRAL] + m[IM_NEGATIVE];
	int j;

	for (j = 0; j < IM_COUNT; j++)
		if (totals || j <= IM_RATING_SUM)
			set_int(h, prefix, measure_names[j], m[j]);
	set_int(h, prefix, "scored", scored);
	if (scored > 0) {
		set_num(h, prefix, "avg_score", (double)m[IM_SCORE_SUM] / 1000.0 / (double)scored, 2, f);
		set_num(h, prefix, "positive_pct", 100.0 * (double)m[IM_POSITIVE] / (double)scored, 0, f);
		set_num(h, prefix, "negative_pct", 100.0 * (double)m[IM_NEGATIVE] / (double)scored, 0, f);
	}
	if (m[IM_RATED] > 0)
		set_num(h, prefix, "avg_rating", (double)m[IM_RATING_SUM] / (double)m[IM_RATED], 1, f);
	if (!totals)
		return;
	set_int(h, prefix, "unanswered", m[IM_THREADS] - m[IM_ANSWERED]);
	if (m[IM_THREADS] > 0) {
		set_num(h, prefix, "solved_pct", 100.0 * (double)m[IM_SOLVED] / (double)m[IM_THREADS], 0, f);
		set_num(h, prefix, "answered_pct", 100.0 * (double)m[IM_ANSWERED] / (double)m[IM_THREADS],
			0, f);
	}
	if (m[IM_ANSWERED] > 0)
		set_num(h, prefix, "first_reply_hours",
			(double)m[IM_REPLY_SECONDS] / 3600.0 / (double)m[IM_ANSWERED], 1, f);
	if (m[IM_RATED] > 0) {
		int s;
		for (s = 1; s <= 5; s++) {
			char name[24];
			snprintf(name, sizeof(name), "stars%d_pct", s);
			set_num(h, prefix, name, 100.0 * (double)m[IM_STARS1 + s - 1] / (double)m[IM_RATED],
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
		set_str(h, p, "start", s->b[i].start);
		set_str(h, p, "label", s->b[i].label);
		measures_hdf(s->b[i].m, f, h, p, 0);
	}
	snprintf(p, sizeof(p), "%s.totals", prefix);
	measures_hdf(s->total, f, h, p, 1);
	set_int(h, p, "small", s->total[IM_ITEMS] < f->min_sample);
}

/* -------------------------------------------------------------- themes */

typedef struct theme_cand {
	long long hash, a, t;
	double g2;
	char phrase[THEME_PHRASE_MAX + 1];
	char kind[2][8];
	long long ex[2];
	int nex;
} theme_cand;

static int by_keyness(const void *x, const void *y)
{
	const theme_cand *a = x, *b = y;

	if (a->g2 != b->g2)
		return a->g2 < b->g2 ? 1 : -1;
	if (a->a != b->a)
		return a->a < b->a ? 1 : -1;
	return strcmp(a->phrase, b->phrase);
}

/* The text a quote is cut from: the title (an opening post's thread title,
 * a review's or idea's title) and the plain text of the body. */
static char *quote_source(const char *title, const char *body)
{
	strbuf sb = STRBUF_INIT;
	char *plain = NULL;

	if (markdown_plain(body ? body : "", body ? strlen(body) : 0, &plain) != 0)
		return NULL;
	if (title && *title)
		strbuf_printf(&sb, "%s.\n", title);
	strbuf_puts(&sb, plain);
	free(plain);
	return strbuf_detach(&sb);
}

/* The start of text, about max bytes cut at a space, for an item whose
 * text no longer mentions the phrase (edited since). */
static void text_start(const char *text, size_t max, strbuf *out)
{
	size_t n = strlen(text), k;

	if (n <= max) {
		strbuf_puts(out, text);
		return;
	}
	for (k = max; k > 0 && text[k] != ' '; k--)
		;
	if (k == 0)
		for (k = max; k > 0 && ((unsigned char)text[k] & 0xC0) == 0x80; k--)
			;
	strbuf_append(out, text, k);
	strbuf_puts(out, "…");
}

/* Puts the example quotes of the chosen themes: one query per kind. */
static int theme_quotes(db *d, theme_cand *c, size_t n, HDF *h, const char *prefix)
{
	static const char *const kinds[] = { "post", "review", "idea" };
	static const char *const sqls[] = { SQL_QUOTE_POSTS, SQL_QUOTE_REVIEWS, SQL_QUOTE_IDEAS };
	int k, rc = 0;

	for (k = 0; rc == 0 && k < 3; k++) {
		db_param p[20];
		db_rows *rows = NULL;
		size_t i, e, np = 0, r;

		for (i = 0; i < 20; i++)
			p[i] = DBI(0);
		for (i = 0; i < n; i++)
			for (e = 0; e < (size_t)c[i].nex && np < 20; e++)
				if (strcmp(c[i].kind[e], kinds[k]) == 0)
					p[np++] = DBI(c[i].ex[e]);
		if (np == 0)
			continue;
		rc = db_select(d, sqls[k], p, 20, &rows);
		for (r = 0; rc == 0 && r < rows->nrows; r++) {
			long long id = row_int(rows, r, "id");
			char *src = quote_source(row_str(rows, r, "title"), row_str(rows, r, "body"));
			char url[128], key[200];

			if (k == 0)
				forum_post_url(url, sizeof(url), row_int(rows, r, "thread_id"),
					       row_int(rows, r, "position"), id);
			else
				snprintf(url, sizeof(url), "/%s/%lld", k == 1 ? "reviews" : "ideas", id);
			for (i = 0; src && i < n; i++)
				for (e = 0; e < (size_t)c[i].nex; e++) {
					strbuf q = STRBUF_INIT;
					if (c[i].ex[e] != id || strcmp(c[i].kind[e], kinds[k]) != 0)
						continue;
					if (themes_quote(src, strlen(src), c[i].phrase, 160, &q) != 0)
						text_start(src, 160, &q);
					snprintf(key, sizeof(key), "%s.list.%zu.quotes.%zu", prefix, i, e);
					set_str(h, key, "text", q.s ? q.s : "");
					set_str(h, key, "url", url);
					set_str(h, key, "kind", kinds[k]);
					strbuf_free(&q);
				}
			free(src);
		}
		db_rows_free(rows);
	}
	return rc;
}

/* The most said phrases of a label are its candidates: at most this many */
#define MAX_CANDIDATES 300

/* By count, then by hash: which candidates a label keeps. */
static int by_count(const void *x, const void *y)
{
	const theme_cand *a = x, *b = y;

	if (a->a != b->a)
		return a->a < b->a ? 1 : -1;
	return (a->hash > b->hash) - (a->hash < b->hash);
}

/* One label's themes from the candidates' rows (theme_candidates: the
 * label's counts are the column neg or pos): the phrases said at least
 * min_count times, the MAX_CANDIDATES most said of them, ranked by
 * keyness against the rest (n1 items of the label, all in all), the first
 * max with their examples, at prefix. */
static int label_themes(db *d, const insight_filter *f, const db_rows *rows, int label,
			long long n1, long long all, long long min_count, size_t max, HDF *h,
			const char *prefix)
{
	theme_cand *c = NULL;
	db_rows *ex = NULL;
	size_t nc = 0, kept = 0, r, i;
	int rc = 0;
	/* thousands of candidates: their columns looked up once */
	size_t col = db_col(rows, label < 0 ? "neg" : "pos"), hash_col = db_col(rows, "phrase_hash"),
	       phrase_col = db_col(rows, "phrase"), t_col = db_col(rows, "t");

	if (rows->nrows > 0 && (c = calloc(rows->nrows, sizeof(*c))) == NULL)
		return E_NOMEM;
	for (r = 0; r < rows->nrows; r++) {
		theme_cand *t = &c[nc];
		const char *phrase = db_cell(rows, r, phrase_col);
		t->a = db_cell_int(rows, r, col);
		if (t->a < min_count)
			continue;
		t->hash = db_cell_int(rows, r, hash_col);
		snprintf(t->phrase, sizeof(t->phrase), "%s", phrase ? phrase : "");
		t->t = db_cell_int(rows, r, t_col);
		nc++;
	}
	if (nc > 1) /* c is NULL when there was nothing: qsort must not see it */
		qsort(c, nc, sizeof(*c), by_count);
	if (nc > MAX_CANDIDATES)
		nc = MAX_CANDIDATES;
	for (i = 0; i < nc; i++) {
		theme_cand *t = &c[i];
		t->g2 = themes_g2(t->a, n1, t->t - t->a, all - n1);
		/* only what the selected content says more than the rest */
		if (t->g2 > 0 || (all - n1 == 0 && t->a > 0)) {
			if (kept != i)
				c[kept] = *t;
			kept++;
		}
	}
	nc = kept;
	if (nc > 1)
		qsort(c, nc, sizeof(*c), by_keyness);
	if (nc > max)
		nc = max;
	for (i = 0; rc == 0 && i < nc; i++) {
		rc = DB_SELECT(d, SQL_THEME_EXAMPLES, &ex, DBI(c[i].hash), DBI(label), DBS(f->from),
			       DBS(f->to), DBI(f->category_id), DBI(f->category_id), DBI(f->product_id),
			       DBI(f->product_id));
		for (r = 0; rc == 0 && r < ex->nrows; r++) {
			static const char *const ex_names[] = { "ex1", "ex2" };
			const char *kind = row_str(ex, r, "kind");
			size_t e;
			for (e = 0; e < 2 && c[i].nex < 2; e++) {
				long long id = row_int(ex, r, ex_names[e]);
				if (id == 0 || (c[i].nex == 1 && c[i].ex[0] == id &&
						strcmp(c[i].kind[0], kind) == 0))
					continue;
				c[i].ex[c[i].nex] = id;
				snprintf(c[i].kind[c[i].nex], sizeof(c[i].kind[0]), "%s", kind);
				c[i].nex++;
			}
		}
		db_rows_free(ex);
		ex = NULL;
	}
	for (i = 0; rc == 0 && i < nc; i++) {
		char p[200];
		snprintf(p, sizeof(p), "%s.list.%zu", prefix, i);
		set_str(h, p, "phrase", c[i].phrase);
		set_int(h, p, "count", c[i].a);
		set_num(h, p, "share", 100.0 * (double)c[i].a / (double)n1, 0, f);
		set_num(h, p, "keyness", c[i].g2, 1, f);
	}
	if (rc == 0 && nc > 0)
		rc = theme_quotes(d, c, nc, h, prefix);
	free(c);
	return rc;
}

/* The theme samples of f: negative, positive and all items. */
static int theme_sample(db *d, const insight_filter *f, long long n[3])
{
	db_rows *rows = NULL;
	int rc;

	n[0] = n[1] = n[2] = 0;
	if (f->category_id || f->product_id)
		rc = DB_SELECT(d, SQL_THEME_SAMPLE, &rows, DBS(f->from), DBS(f->to),
			       DBI(f->category_id), DBI(f->category_id), DBI(f->product_id),
			       DBI(f->product_id));
	else
		rc = DB_SELECT(d, SQL_THEME_SAMPLE_ALL, &rows, DBS(f->from), DBS(f->to));
	if (rc == 0 && rows->nrows == 1) {
		n[0] = row_int(rows, 0, "negative");
		n[1] = row_int(rows, 0, "positive");
		n[2] = row_int(rows, 0, "scored");
	}
	db_rows_free(rows);
	return rc;
}

/* The least count that makes a phrase a candidate, for a label with
 * sample n (LLONG_MAX: none; a phrase one item mentions is a theme only in
 * a small sample). */
static long long theme_min_count(const insight_filter *f, long long n)
{
	return n == 0 ? LLONG_MAX : n < f->min_sample ? 1 : 2;
}

/* The candidates' rows for f with the least counts min (negative,
 * positive) into *rows; with rows NULL, the read is started ahead. */
static int theme_candidates(db *d, const insight_filter *f, const long long min[2], db_rows **rows)
{
	db_param p[7];
	const char *sql;
	size_t n = 0;

	if (f->category_id) {
		sql = SQL_THEME_CANDIDATES_CATEGORY;
		p[n++] = DBI(f->category_id);
	} else if (f->product_id) {
		sql = SQL_THEME_CANDIDATES_PRODUCT;
		p[n++] = DBI(f->product_id);
	} else {
		sql = SQL_THEME_CANDIDATES_ALL;
	}
	p[n++] = DBS(f->from);
	p[n++] = DBS(f->to);
	if (f->category_id) {
		p[n++] = DBI(f->product_id);
		p[n++] = DBI(f->product_id);
	}
	p[n++] = DBI(min[0]);
	p[n++] = DBI(min[1]);
	if (rows == NULL) {
		db_select_ahead(d, sql, p, n);
		return 0;
	}
	return db_select(d, sql, p, n, rows);
}

int insight_themes(db *d, const insight_filter *f, size_t max, HDF *h, const char *negative,
		   const char *positive)
{
	const char *prefix[2] = { negative, positive };
	const int label[2] = { -1, 1 };
	long long n[3], min_count[2];
	db_rows *rows = NULL;
	int rc, k, any = 0;

	if (max > 10)
		max = 10;
	rc = theme_sample(d, f, n);
	if (rc != 0)
		return rc;
	for (k = 0; k < 2; k++) {
		/* a label not asked for has no candidate */
		min_count[k] = prefix[k] ? theme_min_count(f, n[k]) : LLONG_MAX;
		if (prefix[k] == NULL)
			continue;
		set_int(h, prefix[k], "sample", n[k]);
		set_int(h, prefix[k], "reference", n[2] - n[k]);
		set_int(h, prefix[k], "min_sample", f->min_sample);
		set_int(h, prefix[k], "small", n[k] < f->min_sample);
		if (f->segment[0])
			set_int(h, prefix[k], "all_segments", 1);
		any |= min_count[k] != LLONG_MAX;
	}
	if (!any)
		return 0;
	rc = theme_candidates(d, f, min_count, &rows);
	for (k = 0; rc == 0 && k < 2; k++)
		if (min_count[k] != LLONG_MAX)
			rc = label_themes(d, f, rows, label[k], n[k], n[2], min_count[k], max, h,
					  prefix[k]);
	db_rows_free(rows);
	return rc;
}

/* ------------------------------------------------- products and changes */

typedef struct change {
	long long id, items, scored, score_sum, rated, rating_sum;
	long long p_scored, p_score_sum, p_rated, p_rating_sum;
	double score, p_score, rating, p_rating, dscore, drating;
	int has_score, has_prev_score, has_rating, has_prev_rating;
} change;

static int by_score_change(const void *x, const void *y)
{
	const change *a = x, *b = y;
	/* with a change first, the biggest drop first; then by volume */
	int ca = a->has_score && a->has_prev_score, cb = b->has_score && b->has_prev_score;

	if (ca != cb)
		return cb - ca;
	if (ca && a->dscore != b->dscore)
		return a->dscore < b->dscore ? -1 : 1;
	if (a->items != b->items)
		return a->items < b->items ? 1 : -1;
	return a->id < b->id ? -1 : a->id > b->id;
}

static int by_abs_change(const void *x, const void *y)
{
	const change *a = x, *b = y;
	double da = fabs(a->dscore), db = fabs(b->dscore);

	if (da != db)
		return da < db ? 1 : -1;
	return a->id < b->id ? -1 : a->id > b->id;
}

/* The changes of sql (SQL_PRODUCT_CHANGES or SQL_CATEGORY_CHANGES), each
 * one's id in the column id_name (product_id or category_id). */
static int load_changes(db *d, const insight_filter *f, const char *sql, const char *id_name,
			change **out, size_t *n)
{
	db_rows *rows = NULL;
	size_t r;
	int rc = DB_SELECT(d, sql, &rows, CHANGE_PARAMS(f));

	*out = NULL;
	*n = 0;
	if (rc == 0 && rows->nrows > 0 && (*out = calloc(rows->nrows, sizeof(change))) == NULL)
		rc = E_NOMEM;
	for (r = 0; rc == 0 && r < rows->nrows; r++) {
		long long id = row_int(rows, r, id_name);
		change *c = &(*out)[*n ? *n - 1 : 0];

		if (*n == 0 || c->id != id) { /* rows come by id, the period before first */
			c = &(*out)[(*n)++];
			c->id = id;
		}
		if (row_int(rows, r, "cur")) {
			c->items = row_int(rows, r, "items");
			c->scored = row_int(rows, r, "scored");
			c->score_sum = row_int(rows, r, "score_sum");
			c->rated = row_int(rows, r, "rated");
			c->rating_sum = row_int(rows, r, "rating_sum");
		} else {
			c->p_scored = row_int(rows, r, "scored");
			c->p_score_sum = row_int(rows, r, "score_sum");
			c->p_rated = row_int(rows, r, "rated");
			c->p_rating_sum = row_int(rows, r, "rating_sum");
		}
	}
	for (r = 0; rc == 0 && r < *n; r++) {
		change *c = &(*out)[r];
		if ((c->has_score = c->scored > 0))
			c->score = (double)c->score_sum / 1000.0 / (double)c->scored;
		if ((c->has_prev_score = c->p_scored > 0))
			c->p_score = (double)c->p_score_sum / 1000.0 / (double)c->p_scored;
		if ((c->has_rating = c->rated > 0))
			c->rating = (double)c->rating_sum / (double)c->rated;
		if ((c->has_prev_rating = c->p_rated > 0))
			c->p_rating = (double)c->p_rating_sum / (double)c->p_rated;
		c->dscore = c->has_score && c->has_prev_score ? c->score - c->p_score : 0;
		c->drating = c->has_rating && c->has_prev_rating ? c->rating - c->p_rating : 0;
	}
	db_rows_free(rows);
	return rc;
}

static void change_hdf(const change *c, const insight_filter *f, HDF *h, const char *p)
{
	set_int(h, p, "items", c->items);
	set_int(h, p, "scored", c->scored);
	set_int(h, p, "prev_scored", c->p_scored);
	if (c->has_score)
		set_num(h, p, "avg_score", c->score, 2, f);
	if (c->has_prev_score)
		set_num(h, p, "prev_avg_score", c->p_score, 2, f);
	if (c->has_score && c->has_prev_score)
		set_change(h, p, "score_change", c->dscore, 2, f);
	if (c->has_rating)
		set_num(h, p, "avg_rating", c->rating, 1, f);
	if (c->has_prev_rating)
		set_num(h, p, "prev_avg_rating", c->p_rating, 1, f);
	if (c->has_rating && c->has_prev_rating)
		set_change(h, p, "rating_change", c->drating, 1, f);
	set_int(h, p, "small", c->scored < f->min_sample);
}

/* Names the first n changes (products: sku and name; categories: slug and
 * name) into prefix.N. */
static int name_changes(db *d, const insight_filter *f, const change *c, size_t n, int products,
			HDF *h, const char *prefix)
{
	db_param p[21];
	db_rows *rows = NULL;
	size_t i, r, off = products ? 0 : 1;
	int rc;

	if (n == 0)
		return 0;
	if (!products)
		p[0] = DBS(f->lang);
	for (i = 0; i < 20; i++)
		p[off + i] = DBI(i < n ? c[i].id : 0);
	rc = db_select(d, products ? SQL_PRODUCT_NAMES : SQL_CATEGORY_NAMES, p, 20 + off, &rows);
	for (i = 0; rc == 0 && i < n; i++) {
		char key[160];
		snprintf(key, sizeof(key), "%s.%zu", prefix, i);
		for (r = 0; r < rows->nrows; r++)
			if (row_int(rows, r, "id") == c[i].id) {
				set_str(h, key, products ? "sku" : "slug",
					row_str(rows, r, products ? "sku" : "slug"));
				set_str(h, key, "name", row_str(rows, r, "name"));
			}
		change_hdf(&c[i], f, h, key);
	}
	db_rows_free(rows);
	return rc;
}

void insight_read_ahead(db *d, const insight_filter *f, int products)
{
	long long n[3], min_count[2];

	/* both labels' theme candidates, as insight_themes will ask for them;
	 * their sample is read first, before the server is busy (insight_themes
	 * reads it again: one row of the daily sums) */
	if (theme_sample(d, f, n) == 0 && (n[0] > 0 || n[1] > 0)) {
		min_count[0] = theme_min_count(f, n[0]);
		min_count[1] = theme_min_count(f, n[1]);
		theme_candidates(d, f, min_count, NULL);
	}
	if (products)
		DB_SELECT_AHEAD(d, SQL_PRODUCT_CHANGES, CHANGE_PARAMS(f));
	insight_votes_ahead(d, f);
}

int insight_products(db *d, const insight_filter *f, size_t max, HDF *h, const char *prefix)
{
	change *c = NULL;
	size_t n = 0;
	int rc = load_changes(d, f, SQL_PRODUCT_CHANGES, "product_id", &c, &n);

	if (max > 20)
		max = 20;
	if (rc == 0) {
		if (n > 1) /* c is NULL for a category without products */
			qsort(c, n, sizeof(*c), by_score_change);
		rc = name_changes(d, f, c, n < max ? n : max, 1, h, prefix);
	}
	free(c);
	return rc;
}

/* ------------------------------------------------------ threads, ideas */

int insight_unanswered(db *d, const insight_filter *f, size_t max, HDF *h, const char *prefix)
{
	db_rows *rows = NULL;
	int rc;

	/* with a product but no category, threads have nothing to say */
	if (f->product_id && !f->category_id)
		return 0;
	rc = DB_SELECT(d, SQL_UNANSWERED, &rows, DBS(f->lang), DBS(f->from), DBS(f->to),
		       DBS(f->from), DBS(f->to), DBI(f->category_id), DBI(f->category_id),
		       DBI((long long)max));
	if (rc == 0)
		hdf_rows(h, prefix, rows);
	db_rows_free(rows);
	return rc;
}

int insight_pipeline(db *d, const insight_filter *f, HDF *h, const char *prefix)
{
	db_rows *rows = NULL;
	int rc = f->category_id ? DB_SELECT(d, SQL_PIPELINE_CATEGORY, &rows, DBI(f->category_id),
					    DBI(f->product_id), DBI(f->product_id))
		 : f->product_id ? DB_SELECT(d, SQL_PIPELINE_PRODUCT, &rows, DBI(f->product_id))
				 : db_select(d, SQL_PIPELINE_ALL, NULL, 0, &rows);

	if (rc == 0)
		hdf_rows(h, prefix, rows);
	db_rows_free(rows);
	return rc;
}

int insight_moderation(db *d, const insight_filter *f, HDF *h, const char *prefix)
{
	db_rows *rows = NULL;
	char p[160];
	int rc = DB_SELECT(d, SQL_FLAG_REASONS, &rows, DBS(f->from), DBS(f->to));

	snprintf(p, sizeof(p), "%s.flags", prefix);
	if (rc == 0)
		hdf_rows(h, p, rows);
	db_rows_free(rows);
	rows = NULL;
	if (rc == 0)
		rc = DB_SELECT(d, SQL_ACTIONS, &rows, DBS(f->from), DBS(f->to));
	snprintf(p, sizeof(p), "%s.actions", prefix);
	if (rc == 0)
		hdf_rows(h, p, rows);
	db_rows_free(rows);
	rows = NULL;
	if (rc == 0)
		rc = DB_SELECT(d, SQL_RESOLVE, &rows, DBS(f->from), DBS(f->to), DBI(f->category_id),
			       DBI(f->category_id), DBI(f->product_id), DBI(f->product_id));
	snprintf(p, sizeof(p), "%s.resolve", prefix);
	if (rc == 0 && rows->nrows == 1) {
		set_int(h, p, "resolved", row_int(rows, 0, "resolved"));
		set_num(h, p, "median_hours", row_double(rows, 0, "median_minutes") / 60.0, 1, f);
		set_num(h, p, "p90_hours", row_double(rows, 0, "p90_minutes") / 60.0, 1, f);
	}
	db_rows_free(rows);
	return rc;
}

/* --------------------------------------------------------------- 6 R */

static int later_content(db *d, const insight_filter *f, long long *n, double *sum)
{
	static const char *const sqls[] = { SQL_LATER_POSTS, SQL_LATER_REVIEWS, SQL_LATER_IDEAS };
	size_t i;
	int rc = 0;

	*n = 0;
	*sum = 0;
	for (i = 0; rc == 0 && i < 3; i++) {
		db_rows *rows = NULL;
		rc = DB_SELECT(d, sqls[i], &rows, UNHAPPY_PARAMS(f));
		if (rc == 0 && rows->nrows == 1) {
			*n += row_int(rows, 0, "items");
			*sum += row_double(rows, 0, "score_sum");
		}
		db_rows_free(rows);
	}
	return rc;
}

int insight_six_r(db *d, const insight_filter *f, const insight_series *s, HDF *h,
		  const char *prefix)
{
	db_rows *rows = NULL;
	long long n = 0;
	double sum = 0;
	char p[160];
	int rc = DB_SELECT(d, SQL_ACTIVITY, &rows, DBS(f->from), DBS(f->from), DBI(f->dormant_days),
			   DBS(f->from), DBS(f->to), DBS(f->segment), DBS(f->segment));

	if (rc == 0 && rows->nrows == 1) {
		snprintf(p, sizeof(p), "%s.relationship", prefix);
		long long active = row_int(rows, 0, "active");
		long long returning = row_int(rows, 0, "returning_members");
		set_int(h, p, "active", active);
		set_int(h, p, "new_members", row_int(rows, 0, "new_members"));
		snprintf(p, sizeof(p), "%s.retention", prefix);
		set_int(h, p, "returning", returning);
		set_int(h, p, "active", active);
		if (active > 0)
			set_num(h, p, "returning_pct", 100.0 * (double)returning / (double)active, 0, f);
		snprintf(p, sizeof(p), "%s.reactivation", prefix);
		set_int(h, p, "reactivated", row_int(rows, 0, "reactivated"));
		set_int(h, p, "dormant_days", f->dormant_days);
	}
	db_rows_free(rows);
	rows = NULL;
	/* referral: invitations accepted */
	snprintf(p, sizeof(p), "%s.referral", prefix);
	set_int(h, p, "accepted", 0);
	if (rc == 0)
		rc = DB_SELECT_INT(d, SQL_REFERRALS, &n, DBS(f->from), DBS(f->to), DBS(f->segment),
				   DBS(f->segment));
	if (rc == 0)
		set_int(h, p, "accepted", n);
	/* recovery */
	snprintf(p, sizeof(p), "%s.recovery", prefix);
	if (rc == 0)
		rc = DB_SELECT(d, SQL_RECOVERY, &rows, UNHAPPY_PARAMS(f));
	if (rc == 0 && rows->nrows == 1) {
		long long unhappy = row_int(rows, 0, "unhappy");
		long long answered = row_int(rows, 0, "answered");
		set_int(h, p, "unhappy", unhappy);
		set_int(h, p, "answered", answered);
		if (unhappy > 0)
			set_num(h, p, "answered_pct", 100.0 * (double)answered / (double)unhappy, 0, f);
		if (!row_null(rows, 0, "before_score"))
			set_num(h, p, "before_score", row_double(rows, 0, "before_score"), 2, f);
	}
	db_rows_free(rows);
	if (rc == 0)
		rc = later_content(d, f, &n, &sum);
	if (rc == 0) {
		set_int(h, p, "later_items", n);
		if (n > 0)
			set_num(h, p, "later_score", sum / (double)n, 2, f);
	}
	/* profitability: what verified buyers say in reviews */
	snprintf(p, sizeof(p), "%s.profitability", prefix);
	set_int(h, p, "verified_reviews", s->total[IM_VERIFIED]);
	set_int(h, p, "reviews", s->total[IM_RATED]);
	if (s->total[IM_RATED] > 0)
		set_num(h, p, "verified_pct",
			100.0 * (double)s->total[IM_VERIFIED] / (double)s->total[IM_RATED], 0, f);
	if (s->total[IM_VERIFIED] > 0)
		set_num(h, p, "verified_avg_rating",
			(double)s->total[IM_VERIFIED_RATING_SUM] / (double)s->total[IM_VERIFIED], 1, f);
	if (s->total[IM_RATED] - s->total[IM_VERIFIED] > 0)
		set_num(h, p, "other_avg_rating",
			(double)(s->total[IM_RATING_SUM] - s->total[IM_VERIFIED_RATING_SUM]) /
			(double)(s->total[IM_RATED] - s->total[IM_VERIFIED]), 1, f);
	return rc;
}

/* -------------------------------------------------------------- digest */

/* Products and categories whose sentiment moved most (both weeks with at
 * least min_sample/10, and 3, scored items). */
static int digest_moves(db *d, const insight_filter *f, HDF *h, const char *prefix)
{
	change *c = NULL;
	size_t n = 0, i, kept;
	long long need = f->min_sample / 10 > 3 ? f->min_sample / 10 : 3;
	char p[160];
	int k, rc = 0;

	for (k = 0; rc == 0 && k < 2; k++) {
		rc = load_changes(d, f, k == 0 ? SQL_PRODUCT_CHANGES : SQL_CATEGORY_CHANGES,
				  k == 0 ? "product_id" : "category_id", &c, &n);
		for (i = 0, kept = 0; rc == 0 && i < n; i++)
			if (c[i].scored >= need && c[i].p_scored >= need)
				c[kept++] = c[i];
		if (rc == 0) {
			if (kept > 1) /* c may be NULL when nothing moved */
				qsort(c, kept, sizeof(*c), by_abs_change);
			snprintf(p, sizeof(p), "%s.%s", prefix, k == 0 ? "products" : "categories");
			rc = name_changes(d, f, c, kept < 5 ? kept : 5, k == 0, h, p);
		}
		free(c);
		c = NULL;
	}
	return rc;
}

/* Negative themes of the week that were not said in the four weeks before. */
static int digest_new_themes(db *d, const insight_filter *f, HDF *h, const char *prefix)
{
	char tmp[160], before_from[11], before_to[11];
	db_param p[13];
	db_rows *rows = NULL;
	HDF *list;
	size_t i = 0, r, kept = 0;
	int rc;

	snprintf(tmp, sizeof(tmp), "%s.tmp", prefix);
	rc = insight_themes(d, f, 10, h, tmp, NULL);
	if (rc != 0)
		return rc;
	insight_add_days(f->from, -28, before_from);
	insight_add_days(f->from, -1, before_to);
	list = hdf_get_obj(h, tmp);
	for (i = 0; i < 10; i++)
		p[i] = DBI(-1);
	i = 0;
	if (list && (list = hdf_get_obj(list, "list")) != NULL) {
		HDF *t;
		for (t = hdf_obj_child(list); t && i < 10; t = hdf_obj_next(t))
			p[i++] = DBI(themes_hash(hdf_get_value(t, "phrase", ""),
						 strlen(hdf_get_value(t, "phrase", ""))));
	}
	p[10] = DBI(-1);
	p[11] = DBS(before_from);
	p[12] = DBS(before_to);
	if (i > 0)
		rc = db_select(d, SQL_THEME_BEFORE, p, 13, &rows);
	if (rc == 0 && list) {
		HDF *t;
		size_t j = 0;
		for (t = hdf_obj_child(list); t; t = hdf_obj_next(t), j++) {
			int seen = 0;
			char key[200];
			for (r = 0; rows && r < rows->nrows; r++)
				if (row_int(rows, r, "phrase_hash") == p[j].i && row_int(rows, r, "n") > 0)
					seen = 1;
			if (seen)
				continue;
			snprintf(key, sizeof(key), "%s.new_themes.%zu", prefix, kept++);
			hdf_copy(h, key, t);
		}
	}
	db_rows_free(rows);
	snprintf(tmp, sizeof(tmp), "%s.tmp", prefix);
	hdf_remove_tree(h, tmp);
	return rc;
}

int insight_digest(db *d, const insight_filter *base, const char *end_day, HDF *h,
		   const char *prefix)
{
	insight_filter f = *base, prev;
	insight_series s, ps;
	db_rows *rows = NULL;
	char p[160], from[11], to[11];
	int rc;

	if (end_day && *end_day) {
		if (!insight_valid_day(end_day))
			return E_INVALID;
		snprintf(to, sizeof(to), "%s", end_day);
	} else {
		insight_today(to);
	}
	insight_add_days(to, -6, from);
	f.category_id = f.product_id = 0; /* the whole community's week */
	f.segment[0] = '\0';
	rc = insight_set_period(&f, from, to);
	if (rc != 0)
		return rc;
	prev = f;
	snprintf(prev.from, sizeof(prev.from), "%s", f.prev_from);
	snprintf(prev.to, sizeof(prev.to), "%s", f.prev_to);
	set_str(h, prefix, "from", f.from);
	set_str(h, prefix, "to", f.to);
	rc = insight_series_load(d, &f, &s);
	if (rc != 0)
		return rc;
	rc = insight_series_load(d, &prev, &ps);
	if (rc == 0) {
		snprintf(p, sizeof(p), "%s.week", prefix);
		measures_hdf(s.total, &f, h, p, 1);
		snprintf(p, sizeof(p), "%s.week_before", prefix);
		measures_hdf(ps.total, &f, h, p, 1);
		insight_series_free(&ps);
	}
	insight_series_free(&s);
	if (rc == 0)
		rc = digest_moves(d, &f, h, prefix);
	if (rc == 0)
		rc = digest_new_themes(d, &f, h, prefix);
	if (rc == 0)
		rc = DB_SELECT(d, SQL_TOP_IDEAS, &rows, DBS(f.from), DBS(f.to), DBI(f.category_id),
			       DBI(f.category_id), DBI(f.product_id), DBI(f.product_id), DBI(5));
	snprintf(p, sizeof(p), "%s.ideas", prefix);
	if (rc == 0)
		hdf_rows(h, p, rows);
	db_rows_free(rows);
	snprintf(p, sizeof(p), "%s.unanswered", prefix);
	if (rc == 0)
		rc = insight_unanswered(d, &f, 10, h, p);
	return rc;
}
