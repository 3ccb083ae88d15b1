/* insight_relationship.c: the "6 R" figures (see insight_read.h):
 * relationship, retention and reactivation from the members' activity
 * gaps, referral from accepted invitations, recovery from the unhappy
 * reviews staff answered and what their authors wrote afterwards, and
 * profitability from the series' verified reviews. */
#include "services/insight_internal.h"

#include <stdio.h>

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
		insight_put_int(h, p, "active", active);
		insight_put_int(h, p, "new_members", row_int(rows, 0, "new_members"));
		snprintf(p, sizeof(p), "%s.retention", prefix);
		insight_put_int(h, p, "returning", returning);
		insight_put_int(h, p, "active", active);
		if (active > 0)
			insight_put_num(h, p, "returning_pct", 100.0 * (double)returning / (double)active, 0, f);
		snprintf(p, sizeof(p), "%s.reactivation", prefix);
		insight_put_int(h, p, "reactivated", row_int(rows, 0, "reactivated"));
		insight_put_int(h, p, "dormant_days", f->dormant_days);
	}
	db_rows_free(rows);
	rows = NULL;
	/* referral: invitations accepted */
	snprintf(p, sizeof(p), "%s.referral", prefix);
	insight_put_int(h, p, "accepted", 0);
	if (rc == 0)
		rc = DB_SELECT_INT(d, SQL_REFERRALS, &n, DBS(f->from), DBS(f->to), DBS(f->segment),
				   DBS(f->segment));
	if (rc == 0)
		insight_put_int(h, p, "accepted", n);
	/* recovery */
	snprintf(p, sizeof(p), "%s.recovery", prefix);
	if (rc == 0)
		rc = DB_SELECT(d, SQL_RECOVERY, &rows, UNHAPPY_PARAMS(f));
	if (rc == 0 && rows->nrows == 1) {
		long long unhappy = row_int(rows, 0, "unhappy");
		long long answered = row_int(rows, 0, "answered");
		insight_put_int(h, p, "unhappy", unhappy);
		insight_put_int(h, p, "answered", answered);
		if (unhappy > 0)
			insight_put_num(h, p, "answered_pct", 100.0 * (double)answered / (double)unhappy, 0, f);
		if (!row_null(rows, 0, "before_score"))
			insight_put_num(h, p, "before_score", row_double(rows, 0, "before_score"), 2, f);
	}
	db_rows_free(rows);
	if (rc == 0)
		rc = later_content(d, f, &n, &sum);
	if (rc == 0) {
		insight_put_int(h, p, "later_items", n);
		if (n > 0)
			insight_put_num(h, p, "later_score", sum / (double)n, 2, f);
	}
	/* profitability: what verified buyers say in reviews */
	snprintf(p, sizeof(p), "%s.profitability", prefix);
	insight_put_int(h, p, "verified_reviews", s->total[IM_VERIFIED]);
	insight_put_int(h, p, "reviews", s->total[IM_RATED]);
	if (s->total[IM_RATED] > 0)
		insight_put_num(h, p, "verified_pct",
			100.0 * (double)s->total[IM_VERIFIED] / (double)s->total[IM_RATED], 0, f);
	if (s->total[IM_VERIFIED] > 0)
		insight_put_num(h, p, "verified_avg_rating",
			(double)s->total[IM_VERIFIED_RATING_SUM] / (double)s->total[IM_VERIFIED], 1, f);
	if (s->total[IM_RATED] - s->total[IM_VERIFIED] > 0)
		insight_put_num(h, p, "other_avg_rating",
			(double)(s->total[IM_RATING_SUM] - s->total[IM_VERIFIED_RATING_SUM]) /
			(double)(s->total[IM_RATED] - s->total[IM_VERIFIED]), 1, f);
	return rc;
}
