/* reviews_item.c: reviews as a kind the moderation program acts on (see
 * services/mod_item.h). Status changes and edits go through
 * reviews_store.c, which keeps the product's rating summary right. */
#include "reviews_item.h"
#include "reviews_store.h"
#include "base/err.h"

#include <stdio.h>

static const char SQL_REVIEW_ITEM[] =
	"SELECT r.id, 'review' AS type, r.status, r.user_id AS author_id, u.username AS author, "
	"r.title, r.html, r.body, r.rating, r.pros, r.cons, r.product_id, p.sku, "
	"p.name AS context, r.mod_note, UNIX_TIMESTAMP(r.created_at) AS created_at "
	"FROM reviews r JOIN products p ON p.id = r.product_id JOIN users u ON u.id = r.user_id "
	"WHERE r.id = ?";
static const char SQL_REVIEW_FIELDS[] =
	"SELECT product_id, user_id, rating, title, pros, cons FROM reviews WHERE id = ?";

static int review_load(db *d, HDF *h, const char *lang, long long id, const char *prefix)
{
	db_rows *rows = NULL;
	char url[64];
	int rc = DB_SELECT(d, SQL_REVIEW_ITEM, &rows, DBI(id));

	(void)lang; /* a review's context is its product's name, in one language */
	if (rc != 0)
		return rc;
	snprintf(url, sizeof(url), "/reviews/%lld", id);
	return mod_item_row(h, rows, prefix, url);
}

static int review_set_status(db *d, long long id, const char *from, const char *to, const char *note)
{
	return reviews_set_status(d, id, from, to, note, 1);
}

/* A moderator's edit changes the text; rating, title, pros and cons stay. */
static int review_edit(db *d, long long id, long long editor_id, const char *body)
{
	db_rows *rows = NULL;
	review_in in = { 0 };
	int rc = DB_SELECT(d, SQL_REVIEW_FIELDS, &rows, DBI(id));

	if (rc != 0)
		return rc;
	if (rows->nrows == 0) {
		db_rows_free(rows);
		return E_NOTFOUND;
	}
	in.product_id = row_int(rows, 0, "product_id");
	in.user_id = row_int(rows, 0, "user_id");
	in.rating = (int)row_int(rows, 0, "rating");
	in.title = row_str(rows, 0, "title");
	in.body = body;
	in.pros = row_str(rows, 0, "pros");
	in.cons = row_str(rows, 0, "cons");
	rc = reviews_edit(d, id, editor_id, &in);
	db_rows_free(rows);
	return rc;
}

const mod_item_kind reviews_item = { "review", review_load, review_set_status, review_edit };
