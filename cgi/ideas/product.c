/* product.c: what the ideas program reads of the reviews area: products
 * (an idea may be about one) and verified buyers (members with an order of
 * the idea's product). Every statement that touches those tables is here,
 * so that a change of their shape is one file's change.
 *
 * Orders are matched to members by email, which only the account program
 * may read: the reviews area's definer's-rights view review_purchases
 * (sql/0011) gives (user_id, product_id) pairs, and is all this program is
 * granted of orders and users' emails (sql/0023). */
#include "ideas.h"
#include "base/err.h"

static const char SQL_PRODUCTS[] = "SELECT id, sku, name FROM products WHERE active = 1 ORDER BY name, id";
/* The list's filter offers the products some listed idea is about (a loose
 * scan of ideas_product gives the few candidates; each is kept if one of its
 * ideas is visible and not merged, the first such index entry answering),
 * and the one already chosen. Offering every active product was a sorted
 * list of 500 on every view of /ideas, most of the page's cost, and nearly
 * every choice in it led to no ideas; a product whose only ideas are hidden
 * led to none too. (A UNION, not "IN (...) OR id = ?": the OR made MariaDB
 * read every product; and a scalar subquery, not EXISTS, which MariaDB
 * answered by reading every idea.) */
static const char SQL_FILTER_PRODUCTS[] =
	"SELECT p.id, p.sku, p.name FROM products p JOIN (SELECT DISTINCT product_id AS id FROM ideas "
	"WHERE product_id IS NOT NULL UNION SELECT ?) x ON x.id = p.id "
	"WHERE p.id = ? OR (SELECT 1 FROM ideas i WHERE i.product_id = p.id "
	"AND i.status = 'visible' AND i.merged_into_id IS NULL LIMIT 1) IS NOT NULL "
	"ORDER BY p.name, p.id";
static const char SQL_PRODUCT_ID[] = "SELECT id FROM products WHERE sku = ?";
static const char SQL_PRODUCT[] = "SELECT sku, name FROM products WHERE id = ?";
static const char SQL_VERIFIED_VOTERS[] =
	"SELECT COUNT(DISTINCT v.user_id) FROM idea_votes v JOIN review_purchases b "
	"ON b.user_id = v.user_id AND b.product_id = ? WHERE v.idea_id = ?";

int ideas_load_products(request *r, const char *prefix)
{
	return ideas_select_rows(r, prefix, SQL_PRODUCTS, NULL, 0);
}

int ideas_load_filter_products(request *r, const char *prefix, long long chosen_id)
{
	return IDEAS_ROWS(r, prefix, SQL_FILTER_PRODUCTS, DBI(chosen_id), DBI(chosen_id));
}

int ideas_product_id(request *r, const char *sku, long long *id)
{
	return DB_SELECT_INT(r->app->db, SQL_PRODUCT_ID, id, DBS(sku));
}

int ideas_product_info(request *r, long long product_id, const char *prefix)
{
	db_rows *rows = NULL;
	int rc;

	if (product_id == 0)
		return 0;
	rc = DB_SELECT(r->app->db, SQL_PRODUCT, &rows, DBI(product_id));
	if (rc != 0)
		return rc;
	hdf_row(r->hdf, prefix, rows);
	db_rows_free(rows);
	return 0;
}

int ideas_verified_voters(request *r, long long idea_id, long long product_id, long long *n)
{
	return DB_SELECT_INT(r->app->db, SQL_VERIFIED_VOTERS, n, DBI(product_id), DBI(idea_id));
}
