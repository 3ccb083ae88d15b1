/* home.c: the home page: categories with their counts and the latest
 * threads. The reviews and ideas programs' sections are read from their
 * tables as those areas land. */
#include "forum.h"
#include "../core/err.h"

static const char SQL_LATEST[] =
	"SELECT STRAIGHT_JOIN t.id, t.title, t.slug, t.reply_count, t.solved_post_id IS NOT NULL AS solved, "
	"UNIX_TIMESTAMP(t.last_post_at) AS last_post_at, c.slug AS category_slug, "
	"IF(? = 'es', c.name_es, c.name_en) AS category_name, u.username AS author "
	"FROM threads t JOIN categories c ON c.id = t.category_id JOIN users u ON u.id = t.user_id "
	"WHERE t.status = 'visible' ORDER BY t.last_post_at DESC, t.id DESC LIMIT 10";
/* Trending ideas (the ideas area's tables): votes of the last 14 days, each
 * weighing 1 / (hours since the vote + 2)^1.5, as on /ideas?sort=trending. */
static const char SQL_TRENDING_IDEAS[] =
	"SELECT i.id, i.title, i.stage AS status, i.vote_count "
	"FROM ideas i JOIN (SELECT idea_id, "
	"SUM(POW(TIMESTAMPDIFF(SECOND, created_at, UTC_TIMESTAMP()) / 3600 + 2, -1.5)) AS score "
	"FROM idea_votes WHERE created_at > UTC_TIMESTAMP() - INTERVAL 14 DAY GROUP BY idea_id) t "
	"ON t.idea_id = i.id WHERE i.status = 'visible' AND i.merged_into_id IS NULL "
	"AND i.stage NOT IN ('done', 'declined') ORDER BY t.score DESC, i.id DESC LIMIT 5";
/* Top-rated products (the reviews area's summary rows), ranked by an average
 * damped as if each also had two 3-star reviews: one 5-star review does not
 * outrank forty that average 4.8. */
static const char SQL_TOP_PRODUCTS[] =
	"SELECT p.sku, p.name, s.review_count, "
	"FORMAT(s.rating_sum / s.review_count, 1, IF(? = 'es', 'es_ES', 'en_US')) AS average_text, "
	"ROUND(2 * s.rating_sum / s.review_count) AS stars_class "
	"FROM product_ratings s JOIN products p ON p.id = s.product_id "
	"WHERE p.active = 1 AND s.review_count > 0 "
	"ORDER BY (s.rating_sum + 6) / (s.review_count + 2) DESC, s.review_count DESC, p.name LIMIT 5";

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
	rc = DB_SELECT(r->app->db, SQL_TOP_PRODUCTS, &rows, DBS(r->lang));
	if (rc != 0)
		return rc;
	hdf_rows(r->hdf, "d.top_products", rows);
	db_rows_free(rows);
	rc = DB_SELECT(r->app->db, SQL_TRENDING_IDEAS, &rows);
	if (rc != 0)
		return rc;
	hdf_rows(r->hdf, "d.trending_ideas", rows);
	db_rows_free(rows);
	r->template = "home";
	return 200;
}
