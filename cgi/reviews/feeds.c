/* feeds.c: a product's newest reviews as an Atom feed (GET /p/SKU/feed)
 * and the products' sitemap (GET /products/sitemap.xml, listed by the
 * forum's /sitemap.xml), for visitors: visible reviews of active products
 * only; addresses are absolute, from the site's origin. */
#include "reviews.h"
#include "base/err.h"

#define FEED_ENTRIES 30

static const char SQL_NEWEST[] =
	"SELECT r.id, r.rating, r.title, u.username AS author, UNIX_TIMESTAMP(r.created_at) AS created_at, "
	"UNIX_TIMESTAMP(COALESCE(r.edited_at, r.created_at)) AS updated_at, LEFT(r.body, 300) AS summary "
	"FROM reviews r JOIN users u ON u.id = r.user_id "
	"WHERE r.product_id = ? AND r.status = 'visible' ORDER BY r.created_at DESC, r.id DESC LIMIT ?";
static const char SQL_PRODUCTS[] =
	"SELECT sku, UNIX_TIMESTAMP(created_at) AS created_at FROM products WHERE active = 1 ORDER BY sku";

#define ATOM "application/atom+xml; charset=utf-8"
#define XML "application/xml; charset=utf-8"

int page_product_feed(request *r)
{
	db_rows *rows = NULL;
	int rc = reviews_load_product(r, r->args[0], "d.product", 0);

	if (rc != 0)
		return rc;
	rc = DB_SELECT(r->app->db, SQL_NEWEST, &rows, DBI(hdf_get_int_value(r->hdf, "d.product.id", 0)),
		       DBI(FEED_ENTRIES));
	if (rc != 0)
		return rc;
	hdf_rows(r->hdf, "d.reviews", rows);
	db_rows_free(rows);
	return req_raw_rendered(r, ATOM, req_render(r, "reviews/feed", &r->raw));
}

int page_products_sitemap(request *r)
{
	db_rows *rows = NULL;
	int rc = DB_SELECT(r->app->db, SQL_PRODUCTS, &rows);

	if (rc != 0)
		return rc;
	hdf_rows(r->hdf, "d.products", rows);
	db_rows_free(rows);
	return req_raw_rendered(r, XML, req_render(r, "reviews/sitemap", &r->raw));
}
