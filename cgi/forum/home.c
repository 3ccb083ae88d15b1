/* home.c: the home page: categories with their counts and the latest
 * threads. The reviews and ideas programs' sections are read from their
 * tables as those areas land. */
#include "forum.h"
#include "../core/err.h"

static const char SQL_LATEST[] =
	"SELECT t.id, t.title, t.slug, t.reply_count, t.solved_post_id IS NOT NULL AS solved, "
	"UNIX_TIMESTAMP(t.last_post_at) AS last_post_at, c.slug AS category_slug, "
	"IF(? = 'es', c.name_es, c.name_en) AS category_name, u.username AS author "
	"FROM threads t JOIN categories c ON c.id = t.category_id JOIN users u ON u.id = t.user_id "
	"WHERE t.status = 'visible' ORDER BY t.last_post_at DESC LIMIT 10";

int page_home(request *r)
{
	db_rows *rows = NULL;
	int rc = forum_load_categories(r, "d.categories");

	if (rc == 0)
		rc = DB_SELECT(r->app->db, SQL_LATEST, &rows, DBS(r->lang));
	if (rc != 0)
		return rc;
	hdf_rows(r->hdf, "d.latest", rows);
	db_rows_free(rows);
	r->template = "home";
	return 200;
}
