/* insight_changes.c: products and categories against the previous
 * period (see insight_read.h): each one's sentiment and rating in both,
 * and their changes. The figures pages rank products by them; the digest
 * picks the biggest moves of both. */
#include "services/insight_internal.h"
#include "base/err.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* products and categories against the previous period: each one's sums
 * of the period (cur = 1) and of the one before (cur = 0), a row for each;
 * two groups a product cost less than nine conditional sums over every
 * row of both periods */
#define CHANGE_COLS "day >= ? AS cur, SUM(items) AS items, " \
	"SUM(positive + neutral + negative) AS scored, SUM(score_sum) AS score_sum, " \
	"SUM(rated) AS rated, SUM(rating_sum) AS rating_sum"
#define CHANGE_PARAMS(f) DBS((f)->from), DBS((f)->prev_from), DBS((f)->to), \
	DBI((f)->category_id), DBI((f)->category_id), DBI((f)->product_id), DBI((f)->product_id), \
	DBS((f)->segment), DBS((f)->segment)
static const char SQL_PRODUCT_CHANGES[] =
	"SELECT product_id, " CHANGE_COLS " FROM insight_daily WHERE" FILTER " AND product_id <> 0 "
	"GROUP BY product_id, cur ORDER BY product_id, cur";
static const char SQL_CATEGORY_CHANGES[] =
	"SELECT category_id, " CHANGE_COLS " FROM insight_daily WHERE" FILTER " AND category_id <> 0 "
	"GROUP BY category_id, cur ORDER BY category_id, cur";
static const char SQL_PRODUCT_NAMES[] =
	"SELECT id, sku, name FROM products WHERE id IN " IN20;
static const char SQL_CATEGORY_NAMES[] =
	"SELECT id, slug, IF(? = 'es', name_es, name_en) AS name FROM categories WHERE id IN " IN20;

static int by_score_change(const void *x, const void *y)
{
	const insight_change *a = x, *b = y;
	/* with a change first, the biggest drop first; then by volume */
	int ca = a->has_score && a->has_prev_score, cb = b->has_score && b->has_prev_score;

	if (ca != cb)
		return cb - ca;
	if (ca && a->dscore != b->dscore)
		return a->dscore < b->dscore ? -1 : 1;
	if (a->items != b->items)
		return a->items < b->items ? 1 : -1;
	return a->id < b->id ? -1 : a->id > b->id;
}

/* Each one's id is in the column product_id or category_id. */
int insight_load_changes(db *d, const insight_filter *f, int products, insight_change **out,
			 size_t *n)
{
	const char *id_name = products ? "product_id" : "category_id";
	db_rows *rows = NULL;
	size_t r;
	int rc = DB_SELECT(d, products ? SQL_PRODUCT_CHANGES : SQL_CATEGORY_CHANGES, &rows,
			   CHANGE_PARAMS(f));

	*out = NULL;
	*n = 0;
	if (rc == 0 && rows->nrows > 0 && (*out = calloc(rows->nrows, sizeof(**out))) == NULL)
		rc = E_NOMEM;
	for (r = 0; rc == 0 && r < rows->nrows; r++) {
		long long id = row_int(rows, r, id_name);
		insight_change *c = &(*out)[*n ? *n - 1 : 0];

		if (*n == 0 || c->id != id) { /* rows come by id, the period before first */
			c = &(*out)[(*n)++];
			c->id = id;
		}
		if (row_int(rows, r, "cur")) {
			c->items = row_int(rows, r, "items");
			c->scored = row_int(rows, r, "scored");
			c->score_sum = row_int(rows, r, "score_sum");
			c->rated = row_int(rows, r, "rated");
			c->rating_sum = row_int(rows, r, "rating_sum");
		} else {
			c->p_scored = row_int(rows, r, "scored");
			c->p_score_sum = row_int(rows, r, "score_sum");
			c->p_rated = row_int(rows, r, "rated");
			c->p_rating_sum = row_int(rows, r, "rating_sum");
		}
	}
	for (r = 0; rc == 0 && r < *n; r++) {
		insight_change *c = &(*out)[r];
		if ((c->has_score = c->scored > 0))
			c->score = (double)c->score_sum / 1000.0 / (double)c->scored;
		if ((c->has_prev_score = c->p_scored > 0))
			c->p_score = (double)c->p_score_sum / 1000.0 / (double)c->p_scored;
		if ((c->has_rating = c->rated > 0))
			c->rating = (double)c->rating_sum / (double)c->rated;
		if ((c->has_prev_rating = c->p_rated > 0))
			c->p_rating = (double)c->p_rating_sum / (double)c->p_rated;
		c->dscore = c->has_score && c->has_prev_score ? c->score - c->p_score : 0;
		c->drating = c->has_rating && c->has_prev_rating ? c->rating - c->p_rating : 0;
	}
	db_rows_free(rows);
	return rc;
}

static void change_hdf(const insight_change *c, const insight_filter *f, HDF *h, const char *p)
{
	insight_put_int(h, p, "items", c->items);
	insight_put_int(h, p, "scored", c->scored);
	insight_put_int(h, p, "prev_scored", c->p_scored);
	if (c->has_score)
		insight_put_num(h, p, "avg_score", c->score, 2, f);
	if (c->has_prev_score)
		insight_put_num(h, p, "prev_avg_score", c->p_score, 2, f);
	if (c->has_score && c->has_prev_score)
		insight_put_change(h, p, "score_change", c->dscore, 2, f);
	if (c->has_rating)
		insight_put_num(h, p, "avg_rating", c->rating, 1, f);
	if (c->has_prev_rating)
		insight_put_num(h, p, "prev_avg_rating", c->p_rating, 1, f);
	if (c->has_rating && c->has_prev_rating)
		insight_put_change(h, p, "rating_change", c->drating, 1, f);
	insight_put_int(h, p, "small", c->scored < f->min_sample);
}

int insight_name_changes(db *d, const insight_filter *f, const insight_change *c, size_t n,
			 int products, HDF *h, const char *prefix)
{
	db_param p[21];
	db_rows *rows = NULL;
	size_t i, r, off = products ? 0 : 1;
	int rc;

	if (n == 0)
		return 0;
	if (!products)
		p[0] = DBS(f->lang);
	for (i = 0; i < 20; i++)
		p[off + i] = DBI(i < n ? c[i].id : 0);
	rc = db_select(d, products ? SQL_PRODUCT_NAMES : SQL_CATEGORY_NAMES, p, 20 + off, &rows);
	for (i = 0; rc == 0 && i < n; i++) {
		char key[160];
		snprintf(key, sizeof(key), "%s.%zu", prefix, i);
		for (r = 0; r < rows->nrows; r++)
			if (row_int(rows, r, "id") == c[i].id) {
				insight_put_str(h, key, products ? "sku" : "slug",
					row_str(rows, r, products ? "sku" : "slug"));
				insight_put_str(h, key, "name", row_str(rows, r, "name"));
			}
		change_hdf(&c[i], f, h, key);
	}
	db_rows_free(rows);
	return rc;
}

int insight_products(db *d, const insight_filter *f, size_t max, HDF *h, const char *prefix)
{
	insight_change *c = NULL;
	size_t n = 0;
	int rc = insight_load_changes(d, f, 1, &c, &n);

	if (max > 20)
		max = 20;
	if (rc == 0) {
		if (n > 1) /* c is NULL for a category without products */
			qsort(c, n, sizeof(*c), by_score_change);
		rc = insight_name_changes(d, f, c, n < max ? n : max, 1, h, prefix);
	}
	free(c);
	return rc;
}

void insight_products_ahead(db *d, const insight_filter *f)
{
	DB_SELECT_AHEAD(d, SQL_PRODUCT_CHANGES, CHANGE_PARAMS(f));
}
