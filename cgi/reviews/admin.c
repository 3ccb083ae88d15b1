/* admin.c: staff and admins add and edit products (name, description,
 * category, image, listed or not). The SKU is fixed once made: reviews,
 * orders and links refer to it. Every change is in the audit log. */
#include "reviews.h"
#include "base/err.h"
#include "services/users.h"

#include <stdio.h>
#include <string.h>

const field_spec product_fields[] = {
	{ "sku", F_LINE, 0, SKU_MAX, 0, NULL },
	{ "name", F_LINE, 1, PRODUCT_NAME_MAX, 1, NULL },
	{ "description", F_TEXT, 0, PRODUCT_DESCRIPTION_MAX, 0, NULL },
	{ "category", F_LINE, 0, PRODUCT_CATEGORY_MAX, 0, NULL },
	{ "image_url", F_LINE, 0, IMAGE_URL_MAX, 0, NULL },
	{ "active", F_ENUM, 0, 0, 0, "1" },
	FIELDS_END
};

static const char SQL_ALL[] =
	"SELECT p.id, p.sku, p.name, p.description, p.category, p.image_url, p.active, "
	"s.review_count FROM products p JOIN product_ratings s ON s.product_id = p.id "
	"ORDER BY p.active DESC, p.name, p.id";

static int show(request *r, int status)
{
	db_rows *rows = NULL;
	int rc = db_select(r->app->db, SQL_ALL, NULL, 0, &rows);

	if (rc != 0)
		return rc;
	hdf_rows(r->hdf, "d.products", rows);
	db_rows_free(rows);
	if (req_query(r, "saved"))
		hdf_str(r->hdf, "saved", req_query(r, "saved"));
	r->template = "reviews/admin_products";
	return status;
}

int page_admin_products(request *r)
{
	return show(r, 200);
}

static const char *field(request *r, const char *name)
{
	const char *v = form_get(&r->in, name);

	return v ? v : "";
}

/* Checks what the form validators cannot, then saves. sku is the product's
 * (from the address for an edit). 0 with *id, or a status to show. */
static int save(request *r, const char *sku, int create, long long *id)
{
	product_in p = { sku, field(r, "name"), field(r, "description"), field(r, "category"),
			 field(r, "image_url"), form_get(&r->in, "active") != NULL };
	long long existing = 0;
	int created = 0, rc;

	if (create && reviews_valid_sku(sku) != 0)
		req_field_error(r, "sku", "reviews.err.sku", 0);
	if (reviews_valid_image_url(p.image_url) != 0)
		req_field_error(r, "image_url", "reviews.err.image_url", 0);
	if (r->invalid)
		return 400;
	rc = reviews_product_find(r->app->db, sku, &existing, NULL);
	if (rc == 0 && create) {
		req_field_error(r, "sku", "reviews.err.sku_taken", 0);
		return 409;
	}
	if (rc == E_NOTFOUND && !create)
		return E_NOTFOUND;
	if (rc != 0 && rc != E_NOTFOUND)
		return rc;
	rc = db_begin(r->app->db);
	if (rc == 0)
		rc = reviews_product_save(r->app->db, &p, id, &created);
	if (rc == 0)
		rc = audit_add(r->app->db, r->user.id, created ? "product_create" : "product_update",
			       "product", *id, "", sku);
	return db_end(r->app->db, rc);
}

static int saved(request *r, const char *sku, long long id)
{
	char url[128];

	snprintf(url, sizeof(url), "/admin/products?saved=%s", sku);
	r->created_id = id;
	req_redirect(r, url);
	return 303;
}

int do_create_product(request *r)
{
	const char *sku = field(r, "sku");
	long long id = 0;
	int rc;

	if (*sku == '\0' && !hdf_get_obj(r->hdf, "errors.sku"))
		req_field_error(r, "sku", "err.required", 0);
	rc = save(r, sku, 1, &id);
	if (rc >= 400)
		return show(r, rc);
	return rc ? rc : saved(r, sku, id);
}

int do_update_product(request *r)
{
	long long id = 0;
	int rc = save(r, r->args[0], 0, &id);

	if (rc >= 400) {
		hdf_str(r->hdf, "failed", r->args[0]);
		return show(r, rc);
	}
	return rc ? rc : saved(r, r->args[0], id);
}
