/* home.c: the home page: categories with their counts, the latest threads,
 * the top-rated products and the trending ideas. Every read is the same
 * for every reader, so a worker keeps the rows until the next write
 * (web/kept_reads.h). */
#include "forum.h"
#include "base/err.h"
#include "web/kept_reads.h"
#include "base/page_cache.h"

#include <time.h>

static const char SQL_LATEST[] =
	"SELECT STRAIGHT_JOIN t.id, t.title, t.slug, t.reply_count, t.solved_post_id IS NOT NULL AS solved, "
	"UNIX_TIMESTAMP(t.last_post_at) AS last_post_at, c.slug AS category_slug, "
	"IF(? = 'es', c.name_es, c.name_en) AS category_name, u.username AS author "
	"FROM threads t JOIN categories c ON c.id = t.category_id JOIN users u ON u.id = t.user_id "
	"WHERE t.status = 'visible' ORDER BY t.last_post_at DESC, t.id DESC LIMIT 10";
/* Trending ideas (the ideas area's tables): votes of the last 14 days, each
 * weighing 1 / (hours since the vote + 2)^1.5, as on /ideas?sort=trending.
 * Summing those weights reads every recent vote (tens of thousands on a
 * large community: a few hundred milliseconds), so when it took longer than
 * TRENDING_SLOW_MS the ranking alone is kept for TRENDING_TTL seconds by
 * each worker (trending_ids); on a small community it is read on every
 * view. The ideas' titles and whether they may still be shown are always
 * read on the view, so a hidden, merged or closed idea leaves at once. */
static const char SQL_TRENDING_RANK[] =
	"SELECT i.id FROM ideas i JOIN (SELECT idea_id, "
	"SUM(POW(TIMESTAMPDIFF(SECOND, created_at, UTC_TIMESTAMP()) / 3600 + 2, -1.5)) AS score "
	"FROM idea_votes WHERE created_at > UTC_TIMESTAMP() - INTERVAL 14 DAY GROUP BY idea_id) t "
	"ON t.idea_id = i.id WHERE i.status = 'visible' AND i.merged_into_id IS NULL "
	"AND i.stage NOT IN ('done', 'declined') ORDER BY t.score DESC, i.id DESC LIMIT 10";
#define TRENDING_RANKED 10
#define TRENDING_TTL 60
#define TRENDING_SLOW_MS 20
/* The ranked ids (0 past the end), in rank order; FIELD() keeps it. Ten
 * primary-key lookups: left to itself the optimizer chose the index on
 * merged_into_id and read every unmerged idea (0.5 ms a view). */
static const char SQL_TRENDING_SHOW[] =
	"SELECT id, title, stage AS status, vote_count FROM ideas FORCE INDEX (PRIMARY) "
	"WHERE id IN (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) AND status = 'visible' "
	"AND merged_into_id IS NULL AND stage NOT IN ('done', 'declined') "
	"ORDER BY FIELD(id, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) LIMIT 5";

/* This worker's last ranking: shared by its requests, holds no request's
 * data (ids of public ideas), refreshed when older than TRENDING_TTL. */
static struct {
	time_t at; /* 0: read the ranking on the next view */
	long long id[TRENDING_RANKED];
} trending_ids;

/* Puts the trending ideas at d.trending_ideas: the cached ranking, read
 * again when stale, then the ideas themselves. */
static int load_trending(request *r)
{
	db_param p[2 * TRENDING_RANKED];
	db_rows *rows = NULL;
	time_t now = time(NULL);
	size_t i;
	int rc;

	if (trending_ids.at == 0 || now - trending_ids.at >= TRENDING_TTL) {
		long long start = monotonic_ms();

		rc = db_select(r->app->db, SQL_TRENDING_RANK, NULL, 0, &rows);
		if (rc != 0)
			return rc;
		for (i = 0; i < TRENDING_RANKED; i++)
			trending_ids.id[i] = i < rows->nrows ? row_int(rows, i, "id") : 0;
		trending_ids.at = monotonic_ms() - start >= TRENDING_SLOW_MS ? now : 0;
		db_rows_free(rows);
		rows = NULL;
	}
	for (i = 0; i < TRENDING_RANKED; i++)
		p[i] = p[TRENDING_RANKED + i] = DBI(trending_ids.id[i]);
	rc = kept_select(r, SQL_TRENDING_SHOW, p, 2 * TRENDING_RANKED, &rows);
	if (rc == 0)
		hdf_rows(r->hdf, "d.trending_ideas", rows);
	db_rows_free(rows);
	return rc;
}

/* Top-rated products (the reviews area's summary rows), ranked by an average
 * damped as if each also had two 3-star reviews: one 5-star review does not
 * outrank forty that average 4.8. The damped average is a kept, indexed
 * column (sql/0057, 0058), so this reads the index from the top and stops
 * at the fifth active product instead of sorting every product on every
 * view. */
static const char SQL_TOP_PRODUCTS[] =
	"SELECT STRAIGHT_JOIN p.sku, p.name, s.review_count, "
	"FORMAT(s.rating_sum / s.review_count, 1, IF(? = 'es', 'es_ES', 'en_US')) AS average_text, "
	"ROUND(2 * s.rating_sum / s.review_count) AS stars_class "
	"FROM product_ratings s FORCE INDEX (product_ratings_damped) JOIN products p ON p.id = s.product_id "
	"WHERE p.active = 1 AND s.review_count > 0 "
	"ORDER BY s.damped_rating DESC, s.review_count DESC LIMIT 5";

int page_home(request *r)
{
	db_rows *rows = NULL;
	int rc = forum_load_categories(r, "d.categories");

	if (rc == 0)
		rc = KEPT_SELECT(r, SQL_LATEST, &rows, DBS(r->lang));
	if (rc != 0)
		return rc;
	hdf_rows(r->hdf, "d.latest", rows);
	db_rows_free(rows);
	rc = forum_put_unread(r, "d.latest");
	if (rc != 0)
		return rc;
	rc = KEPT_SELECT(r, SQL_TOP_PRODUCTS, &rows, DBS(r->lang));
	if (rc != 0)
		return rc;
	hdf_rows(r->hdf, "d.top_products", rows);
	db_rows_free(rows);
	rc = load_trending(r);
	if (rc != 0)
		return rc;
	r->template = "forum/home";
	return 200;
}
