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

/* Beside each line, what its page names the item by: a member's name, a
 * category's or a product's address and name in the reader's language, and
 * for a thread moved, the name of the category it went to. */
static const char SQL_LOG[] =
	"SELECT a.id, UNIX_TIMESTAMP(a.created_at) AS created_at, COALESCE(u.username, '') AS actor, "
	"a.action, a.target_type, a.target_id, a.reason, a.detail, "
	"COALESCE(tu.username, tc.slug, tp.sku, '') AS target_key, "
	"COALESCE(IF(? = 'es', tc.name_es, tc.name_en), tp.name, '') AS target_name, "
	"COALESCE(IF(? = 'es', mc.name_es, mc.name_en), '') AS moved_to "
	"FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id "
	"LEFT JOIN users tu ON a.target_type = 'user' AND tu.id = a.target_id "
	"LEFT JOIN categories tc ON a.target_type = 'category' AND tc.id = a.target_id "
	"LEFT JOIN products tp ON a.target_type = 'product' AND tp.id = a.target_id "
	"LEFT JOIN categories mc ON a.action = 'move' AND mc.slug = a.detail "
	"WHERE (? = '' OR a.action = ?) AND (? = '' OR a.target_type = ?) "
	"AND (? = '' OR u.username = ?) "
	"AND (? = '' OR a.created_at >= ?) AND (? = '' OR a.created_at < ? + INTERVAL 1 DAY) "
	"ORDER BY a.id DESC LIMIT ? OFFSET ?";
/* A month as its code (for the JSON twin) and as year and number, which
 * the page writes with the month's name in the reader's language. */
#define MONTH_COLS "DATE_FORMAT(created_at, '%Y-%m') AS month, YEAR(created_at) AS year, " \
	"MONTH(created_at) AS month_num"
static const char SQL_ACTIONS_BY_MONTH[] =
	"SELECT " MONTH_COLS ", action, COUNT(*) AS n FROM audit_log "
	"WHERE action IN ('approve','hide','delete','restore','edit','warn','silence','suspend','merge') "
	"GROUP BY month, year, month_num, action ORDER BY month DESC, action";
static const char SQL_FLAGS_BY_MONTH[] =
	"SELECT " MONTH_COLS ", reason, COUNT(*) AS n FROM flags "
	"GROUP BY month, year, month_num, reason ORDER BY month DESC, reason";
static const char SQL_FLAGS_BY_REASON[] =
	"SELECT reason, COUNT(*) AS n FROM flags WHERE created_at >= UTC_TIMESTAMP() - INTERVAL ? DAY "
	"GROUP BY reason ORDER BY n DESC";
static const char SQL_RESOLVE_TIMES[] =
	"SELECT COUNT(*) AS resolved, "
	"COALESCE(MAX(p50), 0) AS median_minutes, COALESCE(MAX(p90), 0) AS p90_minutes, "
	/* the page's: whole minutes, what a reader takes in at a glance */
	"CAST(ROUND(COALESCE(MAX(p50), 0)) AS SIGNED) AS median_shown, "
	"CAST(ROUND(COALESCE(MAX(p90), 0)) AS SIGNED) AS p90_shown FROM ("
	" SELECT PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY TIMESTAMPDIFF(MINUTE, created_at, resolved_at)) OVER () AS p50,"
	" PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY TIMESTAMPDIFF(MINUTE, created_at, resolved_at)) OVER () AS p90"
	" FROM mod_queue WHERE resolved_at IS NOT NULL AND resolved_at >= UTC_TIMESTAMP() - INTERVAL ? DAY) t";
static const char SQL_HELD_NOW[] =
	"SELECT COUNT(*) FROM mod_queue WHERE resolved_at IS NULL";
static const char SQL_ACTIONS_BY_CATEGORY[] =
	"SELECT COALESCE(c.slug, '') AS category, "
	"COALESCE(IF(? = 'es', c.name_es, c.name_en), '') AS category_name, q.action, COUNT(*) AS n "
	"FROM mod_queue q LEFT JOIN categories c ON c.id = q.category_id "
	"WHERE q.resolved_at >= UTC_TIMESTAMP() - INTERVAL ? DAY "
	"GROUP BY category, category_name, q.action ORDER BY category_name, q.action";
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

/* Every action the audit log holds, as the programs write it: the log's
 * filter offers these, each named by L.mod.act in the reader's language. */
static const char *const LOG_ACTIONS[] = {
	"approve", "hide", "delete", "restore", "edit", "warn", "silence", "suspend", "lift",
	"merge", "lock", "unlock", "pin", "unpin", "move", "split", "word_add", "word_delete",
	"roles", "response_edit", "category_create", "category_update", "product_create",
	"product_update", "apikey_create", "apikey_revoke", NULL
};

static int known_action(const char *action)
{
	size_t i;

	if (*action == '\0')
		return 1;
	for (i = 0; LOG_ACTIONS[i]; i++)
		if (strcmp(LOG_ACTIONS[i], action) == 0)
			return 1;
	return 0;
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
	for (size_t i = 0; LOG_ACTIONS[i]; i++) {
		char name[32];
		snprintf(name, sizeof(name), "d.action_codes.%zu", i);
		hdf_str(r->hdf, name, LOG_ACTIONS[i]);
	}
	if (!known_action(action)) {
		req_field_error(r, "action", "mod.err.log_action", 0);
		hdf_str(r->hdf, "error.reason", req_text(r, "mod.err.log_action"));
		return E_INVALID;
	}
	if (!valid_date(from) || !valid_date(to)) {
		req_field_error(r, valid_date(from) ? "to" : "from", "mod.err.date", 0);
		hdf_str(r->hdf, "error.reason", req_text(r, "mod.err.date"));
		return E_INVALID;
	}
	return DB_SELECT(r->app->db, SQL_LOG, rows, DBS(r->lang), DBS(r->lang), DBS(action), DBS(action), DBS(type), DBS(type),
			 DBS(actor), DBS(actor), DBS(from), DBS(from), DBS(to), DBS(to),
			 DBI(limit ? limit : 1000000), DBI(offset));
}

/* A role set as roles_format writes it ("moderator,staff"; "" for none)
 * into prefix.name.0, .1...: the page names each role. */
static void role_list(request *r, const char *prefix, const char *name, const char *set,
		      size_t len)
{
	char key[96], role[32];
	size_t start = 0, i, n = 0;

	for (i = 0; i <= len; i++) {
		if (i < len && set[i] != ',')
			continue;
		if (i > start && i - start < sizeof(role)) {
			snprintf(role, sizeof(role), "%.*s", (int)(i - start), set + start);
			snprintf(key, sizeof(key), "%s.%s.%zu", prefix, name, n++);
			hdf_str(r->hdf, key, role);
		}
		start = i + 1;
	}
}

/* A time the audit wrote as "YYYY-MM-DD HH:MM UTC" (a lifted restriction's
 * end), as the unix time prefix.name, which the page writes as a date. */
static void until_at(request *r, const char *prefix, const char *name, const char *s)
{
	struct tm tm;

	memset(&tm, 0, sizeof(tm));
	if (sscanf(s, "%d-%d-%d %d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
		   &tm.tm_min) != 5)
		return;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	hdf_int_at(r->hdf, prefix, name, (long long)timegm(&tm));
}

/* The detail of a log line as its parts, so that the page writes it in the
 * reader's language rather than as the program wrote it in English: the
 * statuses of a status change, the roles before and after, the item a
 * member was warned, silenced or suspended for, the idea merged into, the
 * thread split to, the ends of the restrictions lifted. prefix.shape says
 * which; a detail of none of these shapes is shown as it is (a watched
 * word, a category's address, a product's SKU, a key's name). */
static void log_detail(request *r, const char *prefix, const char *action, const char *detail)
{
	char a[24], b[24];
	long long x = 0, y = 0;
	int end = 0;
	const char *arrow = strstr(detail, " -> ");

	if (strcmp(action, "roles") == 0 && arrow) {
		role_list(r, prefix, "roles_from", detail, (size_t)(arrow - detail));
		role_list(r, prefix, "roles_to", arrow + 4, strlen(arrow + 4));
		hdf_str_at(r->hdf, prefix, "shape", "roles");
	} else if (strcmp(action, "lift") == 0 && arrow) {
		const char *su = strstr(detail, "suspended until "), *si = strstr(detail, "silenced until ");

		if (su)
			until_at(r, prefix, "suspended_at", su + strlen("suspended until "));
		if (si)
			until_at(r, prefix, "silenced_at", si + strlen("silenced until "));
		hdf_str_at(r->hdf, prefix, "shape", "lift");
	} else if (sscanf(detail, "%23[a-z] -> %23[a-z]%n", a, b, &end) == 2 && detail[end] == '\0') {
		hdf_str_at(r->hdf, prefix, "status_from", a);
		hdf_str_at(r->hdf, prefix, "status_to", b);
		hdf_str_at(r->hdf, prefix, "shape", "status");
	} else if (sscanf(detail, "into idea %lld%n", &x, &end) == 1 && detail[end] == '\0') {
		hdf_int_at(r->hdf, prefix, "into_idea", x);
		hdf_str_at(r->hdf, prefix, "shape", "merge");
	} else if (sscanf(detail, "%lld posts to thread %lld%n", &x, &y, &end) == 2 &&
		   detail[end] == '\0') {
		hdf_int_at(r->hdf, prefix, "posts", x);
		hdf_int_at(r->hdf, prefix, "thread", y);
		hdf_str_at(r->hdf, prefix, "shape", "split");
	} else if (sscanf(detail, "%23[a-z_] %lld, %lld days%n", a, &x, &y, &end) == 3 &&
		   detail[end] == '\0') {
		hdf_str_at(r->hdf, prefix, "for_type", a);
		hdf_int_at(r->hdf, prefix, "for_id", x);
		hdf_int_at(r->hdf, prefix, "days", y);
		hdf_str_at(r->hdf, prefix, "shape", "restrict");
	} else if (sscanf(detail, "%23[a-z_] %lld%n", a, &x, &end) == 2 && detail[end] == '\0') {
		hdf_str_at(r->hdf, prefix, "for_type", a);
		hdf_int_at(r->hdf, prefix, "for_id", x);
		hdf_str_at(r->hdf, prefix, "shape", "restrict");
	} else if (strcmp(action, "move") == 0) {
		hdf_str_at(r->hdf, prefix, "shape", "move");
	} else {
		hdf_str_at(r->hdf, prefix, "shape", "text");
	}
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
	for (size_t i = 0; i < rows->nrows; i++) {
		char prefix[32];
		const char *detail = row_str(rows, i, "detail");

		snprintf(prefix, sizeof(prefix), "d.log.%zu", i);
		log_detail(r, prefix, row_str(rows, i, "action"), detail ? detail : "");
	}
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
	rc = DB_SELECT(r->app->db, SQL_ACTIONS_BY_CATEGORY, &rows, DBS(r->lang), DBI(days));
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
