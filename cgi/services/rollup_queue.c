/* rollup_queue.c: the jobs a write leaves for the rows every writer shares
 * (see rollup.h and sql/0063).
 *
 * A job is applied in a transaction of its own that also deletes its row:
 * done once, whoever applies it, and a job whose row is gone (applied by
 * another process, or queued in a transaction that rolled back) is
 * skipped. The jobs of the rollups are made from the rows as they are when
 * they run, so their order does not matter; a category's counts are added,
 * and count once because the row goes with them. */
#include "services/rollup_internal.h"
#include "base/err.h"
#include "base/log.h"

#include <string.h>

static const char SQL_QUEUE[] =
	"INSERT INTO rollup_queue (job, kind, target, n1, n2, created_at) "
	"VALUES (?, ?, ?, ?, ?, UTC_TIMESTAMP())";
static const char SQL_JOB[] =
	"SELECT job, kind, target, n1, n2, created_at FROM rollup_queue WHERE id = ? FOR UPDATE";
static const char SQL_DONE[] = "DELETE FROM rollup_queue WHERE id = ?";
static const char SQL_LEFT[] =
	"SELECT id FROM rollup_queue WHERE id > ? AND created_at <= UTC_TIMESTAMP() - INTERVAL ? SECOND "
	"ORDER BY id LIMIT 100";
static const char SQL_CATEGORY[] =
	"UPDATE categories SET thread_count = GREATEST(CAST(thread_count AS SIGNED) + ?, 0), "
	"post_count = GREATEST(CAST(post_count AS SIGNED) + ?, 0) WHERE id = ?";
/* a new visible post is the category's latest */
static const char SQL_CATEGORY_POSTED[] =
	"UPDATE categories SET thread_count = thread_count + ?, post_count = post_count + ?, "
	"last_post_at = GREATEST(COALESCE(last_post_at, ?), ?) WHERE id = ?";

/* The jobs this process queued since it last drained them; past MINE_MAX
 * the rest are left to `tertuliactl drain`. */
#define MINE_MAX 64
static long long mine[MINE_MAX];
static size_t nmine;

int rollup_queue_job(db *d, const char *job, const char *kind, long long target, long long n1,
		     long long n2)
{
	db_result res;
	int rc = DB_EXEC(d, SQL_QUEUE, &res, DBS(job), kind ? DBS(kind) : DBNULL, DBI(target),
			 DBI(n1), DBI(n2));

	if (rc == 0 && nmine < MINE_MAX)
		mine[nmine++] = (long long)res.insert_id;
	return rc;
}

int rollup_category(db *d, long long category_id, long long threads, long long posts)
{
	if (threads == 0 && posts == 0)
		return 0;
	return rollup_queue_job(d, "category", NULL, category_id, threads, posts);
}

int rollup_category_posted(db *d, long long category_id, int new_thread)
{
	return rollup_queue_job(d, "posted", NULL, category_id, new_thread ? 1 : 0, 1);
}

/* Applies job row 0 of rows (SQL_JOB's columns). */
static int apply(db *d, const db_rows *rows)
{
	const char *job = row_str(rows, 0, "job");
	int kind = rollup_kind_of(row_str(rows, 0, "kind"));
	long long target = row_int(rows, 0, "target");
	long long n1 = row_int(rows, 0, "n1"), n2 = row_int(rows, 0, "n2");
	const char *at = row_str(rows, 0, "created_at");

	if (job == NULL)
		return E_INVALID;
	if (strcmp(job, "category") == 0)
		return DB_EXEC(d, SQL_CATEGORY, NULL, DBI(n1), DBI(n2), DBI(target));
	if (strcmp(job, "posted") == 0)
		return DB_EXEC(d, SQL_CATEGORY_POSTED, NULL, DBI(n1), DBI(n2), DBS(at), DBS(at),
			       DBI(target));
	if (strcmp(job, "thread") == 0)
		return rollup_apply_thread(d, target);
	if (strcmp(job, "answered") == 0)
		return rollup_apply_answered(d, target);
	if (strcmp(job, "verified") == 0)
		return rollup_apply_verified(d, target, n1);
	if (kind < 0)
		return E_INVALID;
	if (strcmp(job, "written") == 0)
		return rollup_apply_written(d, kind, target);
	if (strcmp(job, "changed") == 0)
		return rollup_apply_changed(d, kind, target);
	if (strcmp(job, "flagged") == 0)
		return rollup_apply_flagged(d, kind, target);
	return E_INVALID;
}

/* Applies job id and deletes it, in one transaction, tried up to tries
 * times while it collides with another writer. Returns 0 (applied, or
 * gone) or the error that left it queued. */
static int apply_one(db *d, long long id, int tries)
{
	int rc = 0;

	while (tries-- > 0) {
		db_rows *rows = NULL;
		rc = db_begin(d);
		if (rc == 0)
			rc = DB_SELECT(d, SQL_JOB, &rows, DBI(id));
		if (rc == 0 && rows->nrows == 1)
			rc = apply(d, rows);
		if (rc == 0 && rows->nrows == 1)
			rc = DB_EXEC(d, SQL_DONE, NULL, DBI(id));
		db_rows_free(rows);
		if (rc == 0)
			rc = db_commit(d);
		else
			db_rollback(d);
		if (rc != E_RETRY)
			break;
	}
	if (rc != 0)
		log_info("rollup: job %lld stays queued: %s", id, err_name(rc));
	return rc;
}

/* Once each, and without waiting for a row another transaction holds:
 * the member is waiting for the answer, and a job that collides is the
 * drain's to apply. */
int rollup_drain_mine(db *d)
{
	size_t i, n = nmine;
	int rc = 0;

	nmine = 0;
	if (n == 0)
		return 0;
	if (db_lock_wait(d, 0) != 0)
		return E_RETRY;
	for (i = 0; i < n; i++)
		if (apply_one(d, mine[i], 1) != 0)
			rc = E_RETRY;
	db_lock_wait(d, -1);
	return rc;
}

int rollup_drain(db *d, long long older_than, long long *applied)
{
	long long after = 0;
	int rc = 0;

	*applied = 0;
	for (;;) {
		db_rows *rows = NULL;
		size_t i;
		rc = DB_SELECT(d, SQL_LEFT, &rows, DBI(after), DBI(older_than));
		if (rc != 0 || rows->nrows == 0) {
			db_rows_free(rows);
			break;
		}
		for (i = 0; i < rows->nrows; i++) {
			after = row_int(rows, i, "id");
			if (apply_one(d, after, 3) == 0)
				(*applied)++;
		}
		db_rows_free(rows);
	}
	return rc;
}
