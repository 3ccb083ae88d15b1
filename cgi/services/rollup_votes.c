/* rollup_votes.c: idea votes per day, category, product and voter's
 * segment (insight_votes, and insight_votes_all summed over category and
 * product; sql/0054), kept in the vote's transaction (see rollup.h).
 *
 * A vote counts while its idea counts: while the idea has a row in the
 * ledger (insight_items), whose category and product the vote is counted
 * under. So a vote moves one row, and an idea that stops or starts to
 * count (hidden, restored, approved) moves all of its votes, by day and
 * segment. The segment is the one the vote row keeps: the voter's when
 * they voted. Rows are touched in (day, segment) order, insight_votes then
 * insight_votes_all, so writers wait for each other rather than deadlock;
 * every caller holds the idea's row lock first. */
#include "services/rollup_internal.h"
#include "base/err.h"

#include <stdio.h>
#include <string.h>

static const char SQL_VOTE_ROW[] =
	"SELECT DATE_FORMAT(created_at, '%Y-%m-%d') AS day, segment, 1 AS votes FROM idea_votes "
	"WHERE idea_id = ? AND user_id = ?";
static const char SQL_IDEA_VOTE_DAYS[] =
	"SELECT DATE_FORMAT(created_at, '%Y-%m-%d') AS day, segment, COUNT(*) AS votes "
	"FROM idea_votes WHERE idea_id = ? GROUP BY day, segment ORDER BY day, segment";
/* where the idea's votes count, if they do: a locking read, the latest row */
static const char SQL_IDEA_BUCKET[] =
	"SELECT category_id, product_id FROM insight_items WHERE kind = 'idea' AND item_id = ? "
	"LOCK IN SHARE MODE";
static const char SQL_VOTES_ADD[] =
	"INSERT INTO insight_votes (day, category_id, product_id, segment, votes) "
	"VALUES (?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE votes = votes + VALUES(votes)";
static const char SQL_VOTES_ALL_ADD[] =
	"INSERT INTO insight_votes_all (day, segment, votes) VALUES (?, ?, ?) "
	"ON DUPLICATE KEY UPDATE votes = votes + VALUES(votes)";
static const char SQL_VOTES_PRUNE[] =
	"DELETE FROM insight_votes WHERE day = ? AND category_id = ? AND product_id = ? "
	"AND segment = ? AND votes = 0";
static const char SQL_VOTES_ALL_PRUNE[] =
	"DELETE FROM insight_votes_all WHERE day = ? AND segment = ? AND votes = 0";
/* the rebuild, a day at a time (its rows deleted first): from the day's
 * votes and the ledger */
static const char SQL_VOTES_REBUILD[] =
	"INSERT INTO insight_votes (day, category_id, product_id, segment, votes) "
	"SELECT DATE(v.created_at), it.category_id, it.product_id, v.segment, COUNT(*) "
	"FROM idea_votes v JOIN insight_items it ON it.kind = 'idea' AND it.item_id = v.idea_id "
	"WHERE v.created_at >= ? AND v.created_at < ? + INTERVAL 1 DAY "
	"GROUP BY DATE(v.created_at), it.category_id, it.product_id, v.segment";
static const char SQL_VOTES_ALL_REBUILD[] =
	"INSERT INTO insight_votes_all (day, segment, votes) "
	"SELECT day, segment, SUM(votes) FROM insight_votes WHERE day = ? GROUP BY day, segment";

/* Adds n (negative: takes out) votes of day and segment under a bucket,
 * deleting the rows left at 0. */
static int votes_add(db *d, const char *day, long long category_id, long long product_id,
		     const char *segment, long long n)
{
	int rc = DB_EXEC(d, SQL_VOTES_ADD, NULL, DBS(day), DBI(category_id), DBI(product_id),
			 DBS(segment), DBI(n));

	if (rc == 0)
		rc = DB_EXEC(d, SQL_VOTES_ALL_ADD, NULL, DBS(day), DBS(segment), DBI(n));
	if (rc == 0 && n < 0)
		rc = DB_EXEC(d, SQL_VOTES_PRUNE, NULL, DBS(day), DBI(category_id), DBI(product_id),
			     DBS(segment));
	if (rc == 0 && n < 0)
		rc = DB_EXEC(d, SQL_VOTES_ALL_PRUNE, NULL, DBS(day), DBS(segment));
	return rc;
}

/* Adds each row of rows (day, segment, votes) times sign under a bucket. */
static int votes_apply(db *d, const db_rows *rows, long long category_id, long long product_id,
		       int sign)
{
	size_t r;
	int rc = 0;

	for (r = 0; rc == 0 && r < rows->nrows; r++)
		if (row_str(rows, r, "day"))
			rc = votes_add(d, row_str(rows, r, "day"), category_id, product_id,
				       row_str(rows, r, "segment") ? row_str(rows, r, "segment") : "",
				       sign * row_int(rows, r, "votes"));
	return rc;
}

/* The ledger's bucket of idea_id: *counts 0 when the idea does not count. */
static int idea_bucket(db *d, long long idea_id, int *counts, long long *category_id,
		       long long *product_id)
{
	db_rows *rows = NULL;
	int rc = DB_SELECT(d, SQL_IDEA_BUCKET, &rows, DBI(idea_id));

	*counts = rc == 0 && rows->nrows == 1;
	if (*counts) {
		*category_id = row_int(rows, 0, "category_id");
		*product_id = row_int(rows, 0, "product_id");
	}
	db_rows_free(rows);
	return rc;
}

int rollup_vote(db *d, long long idea_id, long long user_id, int sign)
{
	db_rows *rows = NULL;
	long long category_id = 0, product_id = 0;
	int counts = 0, rc = idea_bucket(d, idea_id, &counts, &category_id, &product_id);

	if (rc != 0 || !counts)
		return rc;
	rc = DB_SELECT(d, SQL_VOTE_ROW, &rows, DBI(idea_id), DBI(user_id));
	if (rc == 0)
		rc = votes_apply(d, rows, category_id, product_id, sign < 0 ? -1 : 1);
	db_rows_free(rows);
	return rc;
}

int rollup_idea_votes(db *d, long long idea_id, int sign)
{
	db_rows *rows = NULL;
	long long category_id = 0, product_id = 0;
	int counts = 0, rc = idea_bucket(d, idea_id, &counts, &category_id, &product_id);

	if (rc != 0 || !counts)
		return rc;
	rc = DB_SELECT(d, SQL_IDEA_VOTE_DAYS, &rows, DBI(idea_id));
	if (rc == 0)
		rc = votes_apply(d, rows, category_id, product_id, sign < 0 ? -1 : 1);
	db_rows_free(rows);
	return rc;
}

int rollup_votes_follow(db *d, const rollup_item *old, const rollup_item *now)
{
	db_rows *rows = NULL;
	int rc;

	/* votes move when the idea starts or stops counting, or changes bucket */
	if (now->kind != RK_IDEA ||
	    (old->counted == now->counted &&
	     (!now->counted || (old->category_id == now->category_id &&
				old->product_id == now->product_id))))
		return 0;
	rc = DB_SELECT(d, SQL_IDEA_VOTE_DAYS, &rows, DBI(now->id));
	if (rc == 0 && old->counted)
		rc = votes_apply(d, rows, old->category_id, old->product_id, -1);
	if (rc == 0 && now->counted)
		rc = votes_apply(d, rows, now->category_id, now->product_id, 1);
	db_rows_free(rows);
	return rc;
}

int rollup_votes_rebuild_day(db *d, const char *day)
{
	int rc = DB_EXEC(d, SQL_VOTES_REBUILD, NULL, DBS(day), DBS(day));

	return rc ? rc : DB_EXEC(d, SQL_VOTES_ALL_REBUILD, NULL, DBS(day));
}
