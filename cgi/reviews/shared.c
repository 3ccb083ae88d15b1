/* shared.c: what several pages of the reviews program need: a product with
 * its rating summary, the requester's votes, return addresses. */
#include "reviews.h"
#include "base/err.h"

#include <stdio.h>
#include <string.h>

static const char SQL_PRODUCT[] =
	"SELECT p.id, p.sku, p.name, p.description, p.category, p.image_url, p.active, "
	"UNIX_TIMESTAMP(p.created_at) AS created_at, s.review_count, s.rating_sum, s.stars1, "
	"s.stars2, s.stars3, s.stars4, s.stars5 "
	"FROM products p JOIN product_ratings s ON s.product_id = p.id WHERE p.sku = ?";
static const char SQL_MY_VOTES[] =
	"SELECT v.review_id, v.helpful FROM review_votes v JOIN reviews r ON r.id = v.review_id "
	"WHERE v.user_id = ? AND r.product_id = ?";

/* The product's own columns of SQL_PRODUCT, copied before its summary. */
static const char *const PRODUCT_COLUMNS[] = {
	"id", "sku", "name", "description", "category", "image_url", "active", "created_at", NULL
};

/* Puts a summary into prefix.summary: count, average (one decimal, a
 * number), average_text (in the request's language), stars_class (half
 * stars 0-10, for CSS) and stars.N.{star,count,percent} for N = 0..4
 * (5 stars first), from the columns review_count, rating_sum, stars1 ..
 * stars5 of row i. */
static void put_summary(request *r, const char *prefix, const db_rows *rows, size_t i)
{
	long long count = row_int(rows, i, "review_count"), sum = row_int(rows, i, "rating_sum");
	long long tenths = count ? (sum * 10 + count / 2) / count : 0;
	char name[160], text[32], stars[16];
	NEOERR *err;
	int k;

	snprintf(name, sizeof(name), "%s.summary.count", prefix);
	hdf_int(r->hdf, name, count);
	snprintf(text, sizeof(text), "%lld.%lld", tenths / 10, tenths % 10);
	snprintf(name, sizeof(name), "%s.summary.average", prefix);
	hdf_str(r->hdf, name, text);
	err = hdf_set_attr(r->hdf, name, "t", "n"); /* a number in the JSON twin */
	nerr_ignore(&err);
	if (strcmp(r->lang, "es") == 0)
		text[strcspn(text, ".")] = ',';
	snprintf(name, sizeof(name), "%s.summary.average_text", prefix);
	hdf_str(r->hdf, name, text);
	snprintf(name, sizeof(name), "%s.summary.stars_class", prefix);
	hdf_int(r->hdf, name, count ? (sum * 2 + count / 2) / count : 0);
	for (k = 0; k < 5; k++) {
		long long n;

		snprintf(stars, sizeof(stars), "stars%d", 5 - k);
		n = row_int(rows, i, stars);
		snprintf(name, sizeof(name), "%s.summary.stars.%d.star", prefix, k);
		hdf_int(r->hdf, name, 5 - k);
		snprintf(name, sizeof(name), "%s.summary.stars.%d.count", prefix, k);
		hdf_int(r->hdf, name, n);
		snprintf(name, sizeof(name), "%s.summary.stars.%d.percent", prefix, k);
		hdf_int(r->hdf, name, count ? (n * 100 + count / 2) / count : 0);
	}
}

void reviews_put_product(request *r, const char *prefix, const db_rows *rows, size_t i,
			 const char *const *columns)
{
	char name[160];
	size_t k;

	for (k = 0; columns[k]; k++) {
		const char *v = row_str(rows, i, columns[k]);
		size_t col = db_col(rows, columns[k]);

		if (v == NULL)
			continue;
		snprintf(name, sizeof(name), "%s.%s", prefix, columns[k]);
		if (col < rows->ncols && rows->numeric[col])
			hdf_int(r->hdf, name, row_int(rows, i, columns[k]));
		else
			hdf_str(r->hdf, name, v);
	}
	put_summary(r, prefix, rows, i);
}

int reviews_load_product(request *r, const char *sku, const char *prefix, int include_inactive)
{
	db_rows *rows = NULL;
	int rc = DB_SELECT(r->app->db, SQL_PRODUCT, &rows, DBS(sku));

	if (rc != 0)
		return rc;
	if (rows->nrows == 0 || (!include_inactive && row_int(rows, 0, "active") == 0)) {
		db_rows_free(rows);
		reviews_reason(r, "reviews.err.no_product");
		return E_NOTFOUND;
	}
	reviews_put_product(r, prefix, rows, 0, PRODUCT_COLUMNS);
	db_rows_free(rows);
	return 0;
}

void reviews_origin(request *r, char *out, size_t size)
{
	const char *host = req_env(r, "HTTP_HOST");

	if (r->app->origin)
		snprintf(out, size, "%s", r->app->origin);
	else
		snprintf(out, size, "%s://%s", r->app->https ? "https" : "http",
			 host ? host : "localhost");
}

void reviews_reason(request *r, const char *key)
{
	hdf_str(r->hdf, "error.reason", req_text(r, key));
}

const char *reviews_next(const request *r, const char *fallback)
{
	const char *next = form_get(&r->in, "next");
	const char *p;

	if (next == NULL || (strncmp(next, "/p/", 3) != 0 && strncmp(next, "/reviews/", 9) != 0) ||
	    strlen(next) > 300)
		return fallback;
	for (p = next; *p; p++)
		if ((unsigned char)*p <= ' ' || (unsigned char)*p >= 0x7F || *p == '\\')
			return fallback;
	return next;
}

int reviews_decorate(request *r, const char *prefix)
{
	HDF *list = hdf_get_obj(r->hdf, prefix), *item;
	db_rows *rows = NULL;
	size_t i;
	int rc;

	if (r->user.id == 0 || list == NULL)
		return 0;
	rc = DB_SELECT(r->app->db, SQL_MY_VOTES, &rows, DBI(r->user.id),
		       DBI(hdf_get_int_value(r->hdf, "d.product.id", 0)));
	if (rc != 0)
		return rc;
	for (item = hdf_obj_child(list); item; item = hdf_obj_next(item))
		for (i = 0; i < rows->nrows; i++)
			if (strcmp(hdf_get_value(item, "id", ""), row_str(rows, i, "review_id")) == 0)
				hdf_str(item, "my_vote", row_int(rows, i, "helpful") ? "yes" : "no");
	db_rows_free(rows);
	return 0;
}
