/* category.c: a category's threads, pinned first, then in the chosen
 * order: latest activity, top (likes), new, or unanswered. */
#include "forum.h"
#include "base/err.h"
#include "base/paging.h"
#include "base/policy.h"
#include "services/follow.h"
#include "web/kept_reads.h"

#include <string.h>

#define THREADS_PER_PAGE 30

/* Each sort reads a page and one thread more (page_limit), which says that
 * there is a next page. */
#define THREAD_COLUMNS \
	"SELECT t.id, t.title, t.slug, t.pinned, t.locked, t.reply_count, t.like_count, t.views, " \
	"t.solved_post_id IS NOT NULL AS solved, u.username AS author, lu.username AS last_author, " \
	"UNIX_TIMESTAMP(t.created_at) AS created_at, UNIX_TIMESTAMP(t.last_post_at) AS last_post_at " \
	"FROM threads t JOIN users u ON u.id = t.user_id LEFT JOIN users lu ON lu.id = t.last_user_id " \
	"WHERE t.category_id = ? AND t.status = 'visible' "

static const char SQL_LATEST[] = THREAD_COLUMNS
	"ORDER BY t.pinned DESC, t.last_post_at DESC, t.id DESC LIMIT ? OFFSET ?";
static const char SQL_TOP[] = THREAD_COLUMNS
	"ORDER BY t.pinned DESC, t.like_count DESC, t.reply_count DESC, t.id DESC LIMIT ? OFFSET ?";
static const char SQL_NEW[] = THREAD_COLUMNS
	"ORDER BY t.pinned DESC, t.created_at DESC, t.id DESC LIMIT ? OFFSET ?";
static const char SQL_UNANSWERED[] = THREAD_COLUMNS
	"AND t.reply_count = 0 ORDER BY t.pinned DESC, t.created_at DESC, t.id DESC LIMIT ? OFFSET ?";
static const char SQL_CATEGORY[] =
	"SELECT id, slug, IF(? = 'es', name_es, name_en) AS name, "
	"IF(? = 'es', description_es, description_en) AS description, thread_count, post_count, "
	"thread_starters FROM categories WHERE slug = ?";

static const struct {
	const char *name;
	const char *sql;
} sorts[] = {
	{ "latest", SQL_LATEST }, { "top", SQL_TOP }, { "new", SQL_NEW },
	{ "unanswered", SQL_UNANSWERED },
};

/* The list a page of a category reads: its sort's statement, its id. */
struct category_list {
	const char *sql;
	long long id;
};

static int category_probe(request *r, const void *ctx, long long offset, int *found)
{
	const struct category_list *l = ctx;
	db_rows *rows = NULL;
	int rc = DB_SELECT(r->app->db, l->sql, &rows, DBI(l->id), DBI(1), DBI(offset));

	if (rc == 0)
		*found = rows->nrows > 0;
	db_rows_free(rows);
	return rc;
}

int page_category(request *r)
{
	const char *sort = req_query(r, "sort");
	const char *sql = NULL;
	long long page = req_page(r, 100000), category_id;
	db_rows *rows = NULL;
	size_t i;
	int rc;

	if (sort == NULL || *sort == '\0')
		sort = "latest";
	for (i = 0; i < sizeof(sorts) / sizeof(sorts[0]); i++)
		if (strcmp(sort, sorts[i].name) == 0)
			sql = sorts[i].sql;
	if (sql == NULL)
		return E_INVALID;
	rc = KEPT_SELECT(r, SQL_CATEGORY, &rows, DBS(r->lang), DBS(r->lang), DBS(r->args[0]));
	if (rc != 0)
		return rc;
	if (hdf_row(r->hdf, "d.category", rows) != 0) {
		db_rows_free(rows);
		return E_NOTFOUND;
	}
	category_id = row_int(rows, 0, "id");
	if (policy_can_start_thread(r->user.roles, row_str(rows, 0, "thread_starters")))
		hdf_int(r->hdf, "can_start", 1);
	db_rows_free(rows);
	rc = KEPT_SELECT(r, sql, &rows, DBI(category_id), DBI(page_limit(THREADS_PER_PAGE)),
			 DBI(page_offset(page, THREADS_PER_PAGE)));
	if (rc != 0)
		return rc;
	if (rows->nrows == 0 && page > 1) {
		struct category_list list = { sql, category_id };

		db_rows_free(rows);
		return req_page_past_end(r, page, THREADS_PER_PAGE, category_probe, &list);
	}
	if (rows->nrows > THREADS_PER_PAGE) {
		rows->nrows = THREADS_PER_PAGE;
		hdf_int(r->hdf, "d.next_page", page + 1);
	}
	hdf_rows(r->hdf, "d.threads", rows);
	db_rows_free(rows);
	rc = forum_put_unread(r, "d.threads");
	if (rc != 0)
		return rc;
	hdf_int(r->hdf, "d.page", page);
	if (page > 1)
		hdf_int(r->hdf, "d.prev_page", page - 1);
	hdf_str(r->hdf, "d.sort", sort);
	rc = follow_put(r->app->db, r->hdf, "d.follow", r->user.id, "category", category_id);
	if (rc != 0)
		return rc;
	r->template = "forum/category";
	return 200;
}
