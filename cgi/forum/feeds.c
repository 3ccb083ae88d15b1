/* feeds.c: what other sites and readers take from the forum: a category's
 * newest threads as an Atom feed (GET /c/SLUG/feed), and the sitemaps
 * search engines read: /sitemap.xml, the index of every program's sitemap,
 * and /sitemap-forum.xml, the forum's own (its categories and the threads
 * most recently active). Only what a visitor may see is in them; their
 * addresses are absolute, from the site's origin. */
#include "forum.h"
#include "base/err.h"

#include <string.h>

#define FEED_ENTRIES 30
/* a sitemap file holds up to 50,000 addresses; the rest are left out, the
 * threads least recently active first */
#define SITEMAP_THREADS 49000

static const char SQL_CATEGORY[] =
	"SELECT id, slug, IF(? = 'es', name_es, name_en) AS name, "
	"IF(? = 'es', description_es, description_en) AS description FROM categories WHERE slug = ?";
static const char SQL_NEWEST[] =
	"SELECT t.id, t.title, t.slug, u.username AS author, UNIX_TIMESTAMP(t.created_at) AS created_at, "
	"UNIX_TIMESTAMP(t.last_post_at) AS last_post_at, LEFT(p.body, 300) AS summary "
	"FROM threads t JOIN users u ON u.id = t.user_id "
	"JOIN posts p ON p.thread_id = t.id AND p.position = 1 "
	"WHERE t.category_id = ? AND t.status = 'visible' ORDER BY t.created_at DESC, t.id DESC LIMIT ?";
static const char SQL_CATEGORIES[] =
	"SELECT slug, UNIX_TIMESTAMP(last_post_at) AS last_post_at FROM categories ORDER BY position, id";
static const char SQL_THREADS[] =
	"SELECT id, slug, UNIX_TIMESTAMP(last_post_at) AS last_post_at FROM threads "
	"WHERE status = 'visible' ORDER BY last_post_at DESC, id DESC LIMIT ?";

/* Renders template name into the raw answer as type. */
#define ATOM "application/atom+xml; charset=utf-8"
#define XML "application/xml; charset=utf-8"


int page_category_feed(request *r)
{
	db_rows *rows = NULL;
	long long id;
	int rc = DB_SELECT(r->app->db, SQL_CATEGORY, &rows, DBS(r->lang), DBS(r->lang),
			   DBS(r->args[0]));

	if (rc != 0)
		return rc;
	if (hdf_row(r->hdf, "d.category", rows) != 0) {
		db_rows_free(rows);
		return E_NOTFOUND;
	}
	id = row_int(rows, 0, "id");
	db_rows_free(rows);
	rc = DB_SELECT(r->app->db, SQL_NEWEST, &rows, DBI(id), DBI(FEED_ENTRIES));
	if (rc != 0)
		return rc;
	hdf_rows(r->hdf, "d.threads", rows);
	db_rows_free(rows);
	return req_raw_rendered(r, ATOM, req_render(r, "forum/feed", &r->raw));
}

int page_sitemap_index(request *r)
{
	return req_raw_rendered(r, XML, req_render(r, "forum/sitemap_index", &r->raw));
}

int page_sitemap(request *r)
{
	db_rows *rows = NULL;
	int rc = DB_SELECT(r->app->db, SQL_CATEGORIES, &rows);

	if (rc != 0)
		return rc;
	hdf_rows(r->hdf, "d.categories", rows);
	db_rows_free(rows);
	rc = DB_SELECT(r->app->db, SQL_THREADS, &rows, DBI(SITEMAP_THREADS));
	if (rc != 0)
		return rc;
	hdf_rows(r->hdf, "d.threads", rows);
	db_rows_free(rows);
	return req_raw_rendered(r, XML, req_render(r, "forum/sitemap", &r->raw));
}
