/* insight_backlog.c: what waits on someone (see insight_read.h): the
 * threads of the period no one answered, the ideas at each stage, and the
 * moderation queue's flags, actions and time to resolve. Short indexed
 * reads of the content's own tables, not of the rollups. */
#include "services/insight_internal.h"
#include "db/rows_hdf.h"

#include <stdio.h>

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
		insight_put_int(h, p, "resolved", row_int(rows, 0, "resolved"));
		insight_put_num(h, p, "median_hours", row_double(rows, 0, "median_minutes") / 60.0, 1, f);
		insight_put_num(h, p, "p90_hours", row_double(rows, 0, "p90_minutes") / 60.0, 1, f);
	}
	db_rows_free(rows);
	return rc;
}
