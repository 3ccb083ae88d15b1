/* products.c: the product list, with each product's average rating and
 * count read from its summary row; ?category= narrows it. */
#include "reviews.h"
#include "base/err.h"
#include "base/paging.h"

#include <stdio.h>

#define PRODUCTS_PER_PAGE 50

/* The product's own columns of SQL_PRODUCTS, copied before its summary. */
static const char *const PRODUCT_COLUMNS[] = { "sku", "name", "category", "image_url", NULL };

static const char SQL_PRODUCTS[] =
	"SELECT p.sku, p.name, p.category, p.image_url, s.review_count, s.rating_sum, s.stars1, "
	"s.stars2, s.stars3, s.stars4, s.stars5 "
	"FROM products p JOIN product_ratings s ON s.product_id = p.id "
	"WHERE p.active = 1 AND (? = '' OR p.category = ?) ORDER BY p.name, p.id LIMIT ? OFFSET ?";
static const char SQL_CATEGORIES[] =
	"SELECT category AS name, COUNT(*) AS products FROM products WHERE active = 1 AND category <> '' "
	"GROUP BY category ORDER BY category";

static int products_probe(request *r, const void *ctx, long long offset, int *found)
{
	const char *category = ctx;
	db_rows *rows = NULL;
	int rc = DB_SELECT(r->app->db, SQL_PRODUCTS, &rows, DBS(category), DBS(category), DBI(1),
			   DBI(offset));

	if (rc == 0)
		*found = rows->nrows > 0;
	db_rows_free(rows);
	return rc;
}

int page_products(request *r)
{
	const char *category = req_query(r, "category");
	long long page = req_page(r, 10000);
	db_rows *rows = NULL;
	char prefix[64];
	size_t i;
	int rc;

	if (category == NULL)
		category = "";
	rc = db_select(r->app->db, SQL_CATEGORIES, NULL, 0, &rows);
	if (rc != 0)
		return rc;
	hdf_rows(r->hdf, "d.categories", rows);
	db_rows_free(rows);
	rc = DB_SELECT(r->app->db, SQL_PRODUCTS, &rows, DBS(category), DBS(category),
		       DBI(page_limit(PRODUCTS_PER_PAGE)),
		       DBI(page_offset(page, PRODUCTS_PER_PAGE)));
	if (rc != 0)
		return rc;
	if (rows->nrows > PRODUCTS_PER_PAGE) {
		rows->nrows = PRODUCTS_PER_PAGE;
		hdf_int(r->hdf, "d.next_page", page + 1);
	}
	if (rows->nrows == 0 && page > 1) {
		db_rows_free(rows);
		return req_page_past_end(r, page, PRODUCTS_PER_PAGE, products_probe, category);
	}
	for (i = 0; i < rows->nrows; i++) {
		snprintf(prefix, sizeof(prefix), "d.products.%zu", i);
		reviews_put_product(r, prefix, rows, i, PRODUCT_COLUMNS);
	}
	db_rows_free(rows);
	if (*category)
		hdf_str(r->hdf, "d.category", category);
	hdf_int(r->hdf, "d.page", page);
	if (page > 1)
		hdf_int(r->hdf, "d.prev_page", page - 1);
	r->template = "reviews/products";
	return 200;
}
