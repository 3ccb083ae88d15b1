/* shared.c: helpers the forum's handlers share (see forum.h). */
#include "forum.h"
#include "web/kept_reads.h"
#include "base/err.h"
#include "base/policy.h"

#include <stdio.h>

static const char SQL_THREAD_GET[] =
	"SELECT t.id, t.title, t.slug, t.status, t.pinned, t.locked, t.reply_count, "
	"t.post_count, t.like_count, t.views, t.solved_post_id, t.user_id, u.username AS author, "
	"UNIX_TIMESTAMP(t.created_at) AS created_at, UNIX_TIMESTAMP(t.last_post_at) AS last_post_at, "
	"c.slug AS category_slug, IF(? = 'es', c.name_es, c.name_en) AS category_name, "
	"c.id AS category_id, t.mod_note "
	"FROM threads t JOIN users u ON u.id = t.user_id JOIN categories c ON c.id = t.category_id "
	"WHERE t.id = ?";
static const char SQL_CATEGORIES[] =
	"SELECT id, slug, IF(? = 'es', name_es, name_en) AS name, "
	"IF(? = 'es', description_es, description_en) AS description, thread_count, post_count, "
	"thread_starters, UNIX_TIMESTAMP(last_post_at) AS last_post_at "
	"FROM categories ORDER BY position, id";
static const char SQL_CATEGORY_STARTERS[] =
	"SELECT id, thread_starters FROM categories WHERE slug = ?";
static const char SQL_CATEGORY_ID[] = "SELECT id FROM categories WHERE slug = ?";
static const char SQL_MEMBER_AGE_HOURS[] =
	"SELECT TIMESTAMPDIFF(HOUR, created_at, UTC_TIMESTAMP()) FROM users WHERE id = ?";
static const char SQL_THREADS_TODAY[] =
	"SELECT COUNT(*) FROM threads WHERE user_id = ? AND created_at > UTC_TIMESTAMP() - INTERVAL 1 DAY";
static const char SQL_REPLIES_TODAY[] =
	"SELECT COUNT(*) FROM posts WHERE user_id = ? AND position > 1 "
	"AND created_at > UTC_TIMESTAMP() - INTERVAL 1 DAY";

int forum_load_thread(request *r, long long id)
{
	db_rows *rows = NULL;
	int rc = KEPT_SELECT(r, SQL_THREAD_GET, &rows, DBS(r->lang), DBI(id));

	if (rc != 0)
		return rc;
	if (rows->nrows == 0 ||
	    !policy_can_see(POLICY_POST, r->user.id, r->user.roles, row_str(rows, 0, "status"),
			    row_int(rows, 0, "user_id"), !row_null(rows, 0, "mod_note")))
		rc = E_NOTFOUND;
	else
		hdf_row(r->hdf, "d.thread", rows);
	db_rows_free(rows);
	return rc;
}

static int reader_starts_in(const db_rows *rows, size_t row, void *reader)
{
	const user *u = reader;

	return policy_can_start_thread(u->roles, row_str(rows, row, "thread_starters"));
}

/* Every category into prefix, or (startable) those the requester may
 * start a thread in. */
static int load_categories(request *r, const char *prefix, int startable)
{
	db_rows *rows = NULL;
	int rc = KEPT_SELECT(r, SQL_CATEGORIES, &rows, DBS(r->lang), DBS(r->lang));

	if (rc != 0)
		return rc;
	if (startable)
		db_rows_filter(rows, reader_starts_in, &r->user);
	hdf_rows(r->hdf, prefix, rows);
	db_rows_free(rows);
	return 0;
}

int forum_load_categories(request *r, const char *prefix)
{
	return load_categories(r, prefix, 0);
}

int forum_load_start_categories(request *r, const char *prefix)
{
	return load_categories(r, prefix, 1);
}

int forum_category_to_start(request *r, const char *slug, long long *id)
{
	db_rows *rows = NULL;
	int rc = DB_SELECT(r->app->db, SQL_CATEGORY_STARTERS, &rows, DBS(slug));

	if (rc != 0)
		return rc;
	if (rows->nrows == 0)
		rc = E_NOTFOUND;
	else if (!policy_can_start_thread(r->user.roles, row_str(rows, 0, "thread_starters")))
		rc = E_FORBIDDEN;
	else
		*id = row_int(rows, 0, "id");
	db_rows_free(rows);
	return rc;
}

int forum_category_id(request *r, const char *slug, long long *id)
{
	return DB_SELECT_INT(r->app->db, SQL_CATEGORY_ID, id, DBS(slug));
}

int forum_check_limits(request *r, int is_thread, const char *field)
{
	long long hours = 0, count = 0;
	long long window = config_int(&r->app->cfg, "limits.new_member_hours", 24);
	long long limit = is_thread ? config_int(&r->app->cfg, "limits.new_member_threads", 3)
				    : config_int(&r->app->cfg, "limits.new_member_replies", 10);
	int rc;

	if (policy_is_trusted(r->user.roles))
		return 0;
	rc = DB_SELECT_INT(r->app->db, SQL_MEMBER_AGE_HOURS, &hours, DBI(r->user.id));
	if (rc != 0 || hours >= window)
		return rc;
	rc = DB_SELECT_INT(r->app->db, is_thread ? SQL_THREADS_TODAY : SQL_REPLIES_TODAY,
			   &count, DBI(r->user.id));
	if (rc != 0)
		return rc;
	if (count >= limit) {
		req_field_error(r, field, is_thread ? "err.limit_threads" : "err.limit_replies", limit);
		return E_THROTTLED;
	}
	return 0;
}
