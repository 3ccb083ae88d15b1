/* log.c: the audit log (filterable, exportable as CSV), the public
 * transparency summary, and the moderation figures marketing charts. */
#include "mod.h"
#include "base/csv_out.h"
#include "base/err.h"
#include "base/paging.h"
#include "base/str.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define LOG_PAGE 50

static const char SQL_LOG[] =
	"SELECT a.id, UNIX_TIMESTAMP(a.created_at) AS created_at, COALESCE(u.username, '') AS actor, "
	"a.action, a.target_type, a.target_id, a.reason, a.detail "
	"FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id "
	"WHERE (? = '' OR a.action = ?) AND (? = '' OR a.target_type = ?) "
	"AND (? = '' OR u.username = ?) "
	"AND (? = '' OR a.created_at >= ?) AND (? = '' OR a.created_at < ? + INTERVAL 1 DAY) "
	"ORDER BY a.id DESC LIMIT ? OFFSET ?";
static const char SQL_ACTIONS_BY_MONTH[] =
	"SELECT DATE_FORMAT(created_at, '%Y-%m') AS month, action, COUNT(*) AS n FROM audit_log "
	"WHERE action IN ('approve','hide','delete','restore','edit','warn','silence','suspend','merge') "
	"GROUP BY month, action ORDER BY month DESC, action";
static const char SQL_FLAGS_BY_MONTH[] =
	"SELECT DATE_FORMAT(created_at, '%Y-%m') AS month, reason, COUNT(*) AS n FROM flags "
	"GROUP BY month, reason ORDER BY month DESC, reason";
static const char SQL_FLAGS_BY_REASON[] =
	"SELECT reason, COUNT(*) AS n FROM flags WHERE created_at >= UTC_TIMESTAMP() - INTERVAL ? DAY "
	"GROUP BY reason ORDER BY n DESC";
static const char SQL_RESOLVE_TIMES[] =
	"SELECT COUNT(*) AS resolved, "
	"COALESCE(MAX(p50), 0) AS median_minutes, COALESCE(MAX(p90), 0) AS p90_minutes FROM ("
	" SELECT PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY TIMESTAMPDIFF(MINUTE, created_at, resolved_at)) OVER () AS p50,"
	" PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY TIMESTAMPDIFF(MINUTE, created_at, resolved_at)) OVER () AS p90"
	" FROM mod_queue WHERE resolved_at IS NOT NULL AND resolved_at >= UTC_TIMESTAMP() - INTERVAL ? DAY) t";
static const char SQL_HELD_NOW[] =
	"SELECT COUNT(*) FROM mod_queue WHERE resolved_at IS NULL";
static const char SQL_ACTIONS_BY_CATEGORY[] =
	"SELECT COALESCE(c.slug, '') AS category, q.action, COUNT(*) AS n FROM mod_queue q "
	"LEFT JOIN categories c ON c.id = q.category_id "
	"WHERE q.resolved_at >= UTC_TIMESTAMP() - INTERVAL ? DAY "
	"GROUP BY category, q.action ORDER BY category, q.action";
static const char SQL_ACTIONS_BY_PRODUCT[] =
	"SELECT p.sku AS product, p.name AS product_name, q.action, COUNT(*) AS n FROM mod_queue q "
	"JOIN products p ON p.id = q.product_id "
	"WHERE q.resolved_at >= UTC_TIMESTAMP() - INTERVAL ? DAY "
	"GROUP BY p.id, q.action ORDER BY p.sku, q.action";

/* Whether day d exists in month m of year y (1-12; leap years known). */
static int valid_day(int y, int m, int d)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	if (y < 1 || m < 1 || m > 12 || d < 1)
		return 0;
	return d <= days[m - 1] + (m == 2 && leap);
}

/* A date filter: empty, or YYYY-MM-DD (a real day). */
static int valid_date(const char *s)
{
	int i;

	if (s == NULL || *s == '\0')
		return 1;
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	return valid_day(atoi(s), (s[5] - '0') * 10 + (s[6] - '0'), (s[8] - '0') * 10 + (s[9] - '0'));
}

static const char *q_or_empty(request *r, const char *name)
{
	const char *v = req_query(r, name);

	return v ? v : "";
}

/* Reads the log with the query's filters; limit 0 means every row. */
static int load_log(request *r, long long limit, long long offset, db_rows **rows)
{
	const char *action = q_or_empty(r, "action"), *type = q_or_empty(r, "type");
	const char *actor = q_or_empty(r, "actor"), *from = q_or_empty(r, "from");
	const char *to = q_or_empty(r, "to");

	hdf_str(r->hdf, "d.filter.action", action);
	hdf_str(r->hdf, "d.filter.type", type);
	hdf_str(r->hdf, "d.filter.actor", actor);
	hdf_str(r->hdf, "d.filter.from", from);
	hdf_str(r->hdf, "d.filter.to", to);
	if (!valid_date(from) || !valid_date(to)) {
		req_field_error(r, valid_date(from) ? "to" : "from", "mod.err.date", 0);
		hdf_str(r->hdf, "error.reason", req_text(r, "mod.err.date"));
		return E_INVALID;
	}
	return DB_SELECT(r->app->db, SQL_LOG, rows, DBS(action), DBS(action), DBS(type), DBS(type),
			 DBS(actor), DBS(actor), DBS(from), DBS(from), DBS(to), DBS(to),
			 DBI(limit ? limit : 1000000), DBI(offset));
}

static int log_probe(request *r, const void *ctx, long long offset, int *found)
{
	db_rows *rows = NULL;
	int rc = load_log(r, 1, offset, &rows);

	(void)ctx;
	if (rc == 0)
		*found = rows->nrows > 0;
	db_rows_free(rows);
	return rc;
}

int page_log(request *r)
{
	long long page = req_page(r, 100000);
	db_rows *rows = NULL;
	int rc;

	r->template = "moderation/log"; /* a refused filter is shown in its form */
	rc = load_log(r, page_limit(LOG_PAGE), page_offset(page, LOG_PAGE), &rows);
	if (rc != 0)
		return rc;
	if (rows->nrows == 0 && page > 1) {
		db_rows_free(rows);
		return req_page_past_end(r, page, LOG_PAGE, log_probe, NULL);
	}
	if (rows->nrows > LOG_PAGE) {
		rows->nrows = LOG_PAGE;
		hdf_int(r->hdf, "d.next_page", page + 1);
	}
	hdf_rows(r->hdf, "d.log", rows);
	db_rows_free(rows);
	hdf_int(r->hdf, "d.page", page);
	if (page > 1)
		hdf_int(r->hdf, "d.prev_page", page - 1);
	r->template = "moderation/log";
	return 200;
}

/* A time column (a unix time, named *_at) as ISO 8601 in UTC, which
 * spreadsheets read as a date. */
static int csv_time(strbuf *sb, const char *v, int last)
{
	char iso[32] = "";
	long long t;
	time_t tt;
	struct tm tm;

	if (v && parse_long(v, 0, 1LL << 40, &t) == 0) {
		tt = (time_t)t;
		gmtime_r(&tt, &tm);
		strftime(iso, sizeof(iso), "%Y-%m-%dT%H:%M:%SZ", &tm);
	}
	return csv_cell(sb, iso, last);
}

/* The columns of the CSV export, in SQL_LOG's order: the header line names
 * them, and a *_at column is written as a date. */
static const char *const LOG_COLUMNS[] = {
	"id", "created_at", "actor", "action", "target_type", "target_id", "reason", "detail", NULL
};

int page_log_csv(request *r)
{
	db_rows *rows = NULL;
	size_t i, c, len;
	int rc = load_log(r, 0, 0, &rows);

	if (rc != 0)
		return rc;
	for (c = 0; rc == 0 && LOG_COLUMNS[c]; c++)
		rc = csv_cell(&r->raw, LOG_COLUMNS[c], LOG_COLUMNS[c + 1] == NULL);
	for (i = 0; rc == 0 && i < rows->nrows; i++)
		for (c = 0; rc == 0 && LOG_COLUMNS[c]; c++) {
			const char *v = row_str(rows, i, LOG_COLUMNS[c]);
			int last = LOG_COLUMNS[c + 1] == NULL;

			len = strlen(LOG_COLUMNS[c]);
			if (len > 3 && strcmp(LOG_COLUMNS[c] + len - 3, "_at") == 0)
				rc = csv_time(&r->raw, v, last);
			else
				rc = csv_cell(&r->raw, v, last);
		}
	db_rows_free(rows);
	if (rc != 0)
		return rc;
	r->raw_type = "text/csv; charset=utf-8";
	strbuf_puts(&r->headers, "Content-Disposition: attachment; filename=\"audit-log.csv\"\r\n");
	return 200;
}

int page_transparency(request *r)
{
	db_rows *rows = NULL;
	int rc = db_select(r->app->db, SQL_ACTIONS_BY_MONTH, NULL, 0, &rows);

	if (rc != 0)
		return rc;
	hdf_rows(r->hdf, "d.actions", rows);
	db_rows_free(rows);
	rc = db_select(r->app->db, SQL_FLAGS_BY_MONTH, NULL, 0, &rows);
	if (rc != 0)
		return rc;
	hdf_rows(r->hdf, "d.flags", rows);
	db_rows_free(rows);
	r->template = "moderation/transparency";
	return 200;
}

int page_stats(request *r)
{
	long long days = 30, held = 0;
	const char *p = req_query(r, "days");
	db_rows *rows = NULL;
	int rc;

	if (p && parse_long(p, 1, 3650, &days) != 0)
		return E_INVALID;
	hdf_int(r->hdf, "d.days", days);
	rc = DB_SELECT(r->app->db, SQL_FLAGS_BY_REASON, &rows, DBI(days));
	if (rc != 0)
		return rc;
	hdf_rows(r->hdf, "d.flags_by_reason", rows);
	db_rows_free(rows);
	rc = DB_SELECT(r->app->db, SQL_RESOLVE_TIMES, &rows, DBI(days));
	if (rc != 0)
		return rc;
	hdf_row(r->hdf, "d.resolve", rows);
	db_rows_free(rows);
	rc = db_select_int(r->app->db, SQL_HELD_NOW, NULL, 0, &held);
	if (rc != 0)
		return rc;
	hdf_int(r->hdf, "d.open_items", held);
	rc = DB_SELECT(r->app->db, SQL_ACTIONS_BY_CATEGORY, &rows, DBI(days));
	if (rc != 0)
		return rc;
	hdf_rows(r->hdf, "d.by_category", rows);
	db_rows_free(rows);
	rc = DB_SELECT(r->app->db, SQL_ACTIONS_BY_PRODUCT, &rows, DBI(days));
	if (rc != 0)
		return rc;
	hdf_rows(r->hdf, "d.by_product", rows);
	db_rows_free(rows);
	r->template = "moderation/stats";
	return 200;
}
