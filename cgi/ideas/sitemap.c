/* sitemap.c: GET /ideas/sitemap.xml, the ideas' sitemap (listed by the
 * forum's /sitemap.xml): the list, the roadmap and every idea a visitor
 * sees (visible, not merged into another), with when it last changed. */
#include "ideas.h"
#include "base/err.h"

static const char SQL_IDEAS[] =
	"SELECT id, UNIX_TIMESTAMP(updated_at) AS changed_at FROM ideas "
	"WHERE status = 'visible' AND merged_into_id IS NULL ORDER BY id";

int page_ideas_sitemap(request *r)
{
	db_rows *rows = NULL;
	int rc = DB_SELECT(r->app->db, SQL_IDEAS, &rows);

	if (rc != 0)
		return rc;
	hdf_rows(r->hdf, "d.ideas", rows);
	db_rows_free(rows);
	return req_raw_rendered(r, "application/xml; charset=utf-8",
				req_render(r, "ideas/sitemap", &r->raw));
}
