/* follow.c: POST /follow sets how closely a member follows a category, a
 * thread, a product, an idea or another member (level "none" stops
 * following); /notifications/following lists it all. */
#include "account.h"
#include "base/paging.h"
#include "base/err.h"
#include "services/follow.h"

#include <stdio.h>
#include <string.h>

const field_spec follow_fields[] = {
	{ "kind", F_ENUM, 0, 0, 1, FOLLOW_KINDS },
	{ "id", F_INT, 1, 1LL << 53, 1, NULL },
	{ "level", F_ENUM, 0, 0, 1, "none|" FOLLOW_LEVELS },
	{ "next", F_LINE, 0, 500, 0, NULL },
	FIELDS_END
};

/* Whether a target may be followed: it exists and everyone can see it
 * (the second parameter is the member, who may not follow themselves). */
static const char SQL_CATEGORY_OK[] = "SELECT COUNT(*) FROM categories WHERE id = ? AND ? > 0";
static const char SQL_THREAD_OK[] =
	"SELECT COUNT(*) FROM threads WHERE id = ? AND status = 'visible' AND ? > 0";
static const char SQL_PRODUCT_OK[] = "SELECT COUNT(*) FROM products WHERE id = ? AND ? > 0";
static const char SQL_IDEA_OK[] =
	"SELECT COUNT(*) FROM ideas WHERE id = ? AND status = 'visible' AND ? > 0";
static const char SQL_USER_OK[] = "SELECT COUNT(*) FROM users WHERE id = ? AND id <> ?";

static const struct {
	const char *kind;
	const char *sql;
} targets[] = {
	{ "category", SQL_CATEGORY_OK }, { "thread", SQL_THREAD_OK }, { "product", SQL_PRODUCT_OK },
	{ "idea", SQL_IDEA_OK }, { "user", SQL_USER_OK },
};

static const char SQL_FOLLOWING[] =
	"SELECT f.target_type AS kind, f.target_id AS id, f.level, f.auto, "
	"UNIX_TIMESTAMP(f.updated_at) AS updated_at, "
	"CASE f.target_type WHEN 'category' THEN IF(? = 'es', c.name_es, c.name_en) "
	"WHEN 'thread' THEN t.title WHEN 'product' THEN pr.name WHEN 'idea' THEN i.title "
	"WHEN 'user' THEN u.username END AS title, "
	"CASE f.target_type WHEN 'category' THEN c.slug WHEN 'product' THEN pr.sku "
	"WHEN 'user' THEN u.username ELSE '' END AS slug "
	"FROM follows f "
	"LEFT JOIN categories c ON f.target_type = 'category' AND c.id = f.target_id "
	"LEFT JOIN threads t ON f.target_type = 'thread' AND t.id = f.target_id AND t.status = 'visible' "
	"LEFT JOIN products pr ON f.target_type = 'product' AND pr.id = f.target_id "
	"LEFT JOIN ideas i ON f.target_type = 'idea' AND i.id = f.target_id AND i.status = 'visible' "
	"LEFT JOIN users u ON f.target_type = 'user' AND u.id = f.target_id "
	"WHERE f.user_id = ? ORDER BY f.updated_at DESC, f.target_type, f.target_id LIMIT ? OFFSET ?";

#define FOLLOWING_PAGE 200

int do_follow(request *r)
{
	const char *kind = form_get(&r->in, "kind"), *level = form_get(&r->in, "level");
	const char *next = form_get(&r->in, "next");
	long long id = form_int(&r->in, "id", 0), found = 0;
	char url[64];
	size_t i;
	int rc;

	if (strcmp(level, "none") != 0) {
		for (i = 0; i < sizeof(targets) / sizeof(targets[0]); i++)
			if (strcmp(kind, targets[i].kind) == 0)
				break;
		if (i == sizeof(targets) / sizeof(targets[0]))
			return E_INVALID;
		rc = DB_SELECT_INT(r->app->db, targets[i].sql, &found, DBI(id), DBI(r->user.id));
		if (rc != 0)
			return rc;
		if (!found)
			return E_NOTFOUND;
	}
	rc = follow_set(r->app->db, r->user.id, kind, id, strcmp(level, "none") == 0 ? NULL : level);
	if (rc != 0)
		return rc;
	r->created_id = id;
	req_said(r, strcmp(level, "none") == 0 ? "follow_none"
		    : strcmp(level, "mute") == 0 ? "follow_mute"
		    : strcmp(level, "watch") == 0 ? "follow_watch" : "follow_normal");
	snprintf(url, sizeof(url), "/notifications/following");
	req_redirect(r, next && *next ? safe_next(next) : url);
	return 303;
}

static int following_probe(request *r, const void *ctx, long long offset, int *found)
{
	db_rows *rows = NULL;
	int rc = DB_SELECT(r->app->db, SQL_FOLLOWING, &rows, DBS(r->lang), DBI(r->user.id), DBI(1),
			   DBI(offset));

	(void)ctx;
	if (rc == 0)
		*found = rows->nrows > 0;
	db_rows_free(rows);
	return rc;
}

int page_following(request *r)
{
	long long page = req_page(r, 1000);
	db_rows *rows = NULL;
	size_t i;
	int rc;

	rc = DB_SELECT(r->app->db, SQL_FOLLOWING, &rows, DBS(r->lang), DBI(r->user.id),
		       DBI(page_limit(FOLLOWING_PAGE)), DBI(page_offset(page, FOLLOWING_PAGE)));
	if (rc != 0)
		return rc;
	if (rows->nrows == 0 && page > 1) {
		db_rows_free(rows);
		return req_page_past_end(r, page, FOLLOWING_PAGE, following_probe, NULL);
	}
	if (rows->nrows > FOLLOWING_PAGE) {
		rows->nrows = FOLLOWING_PAGE;
		hdf_int(r->hdf, "d.next_page", page + 1);
	}
	if (page > 1)
		hdf_int(r->hdf, "d.prev_page", page - 1);
	hdf_int(r->hdf, "d.page", page);
	hdf_rows(r->hdf, "d.follows", rows);
	for (i = 0; i < rows->nrows; i++) {
		const char *kind = row_str(rows, i, "kind"), *slug = row_str(rows, i, "slug");
		char name[64];

		if (row_null(rows, i, "title"))
			continue; /* gone or hidden: it can still be unfollowed */
		snprintf(name, sizeof(name), "d.follows.%zu.url", i);
		if (strcmp(kind, "category") == 0)
			hdf_strf(r->hdf, name, "/c/%s", slug);
		else if (strcmp(kind, "thread") == 0)
			hdf_strf(r->hdf, name, "/t/%s", row_str(rows, i, "id"));
		else if (strcmp(kind, "product") == 0)
			hdf_strf(r->hdf, name, "/p/%s", slug);
		else if (strcmp(kind, "idea") == 0)
			hdf_strf(r->hdf, name, "/ideas/%s", row_str(rows, i, "id"));
		else
			hdf_strf(r->hdf, name, "/u/%s", slug);
	}
	db_rows_free(rows);
	r->template = "account/following";
	return 200;
}
