/* filter.c: the filters every insight page takes (see insights.h):
 * from and to (YYYY-MM-DD), category (a forum category's slug), product (a
 * SKU) and segment (a configured member segment). */
#include "insights.h"
#include "base/err.h"
#include "web/kept_reads.h"
#include "services/segments.h"
#include "site/segments_view.h"

#include <stdio.h>
#include <string.h>

static const char SQL_CATEGORY[] =
	"SELECT id, slug, IF(? = 'es', name_es, name_en) AS name FROM categories WHERE slug = ?";
static const char SQL_PRODUCT[] = "SELECT id, sku, name FROM products WHERE sku = ?";
static const char SQL_CATEGORIES[] =
	"SELECT slug, IF(? = 'es', name_es, name_en) AS name FROM categories ORDER BY position, id";
static const char SQL_PRODUCTS[] =
	"SELECT sku, name FROM products ORDER BY name, id LIMIT 500";

static HDF *texts_of(const request *r)
{
	return r->app->lang[strcmp(r->lang, "es") == 0 ? 1 : 0];
}

/* A category or product named by slug or SKU: its id, and its name in
 * d.<what>. E_NOTFOUND when there is none. */
static int look_up(request *r, const char *sql, int category, const char *key, long long *id)
{
	db_rows *rows = NULL;
	int rc = category ? DB_SELECT(r->app->db, sql, &rows, DBS(r->lang), DBS(key))
			  : DB_SELECT(r->app->db, sql, &rows, DBS(key));

	if (rc == 0 && rows->nrows == 0)
		rc = E_NOTFOUND;
	if (rc == 0) {
		*id = row_int(rows, 0, "id");
		hdf_row(r->hdf, category ? "d.category" : "d.product", rows);
	}
	db_rows_free(rows);
	return rc;
}

int insights_options(request *r)
{
	db_rows *rows = NULL;
	int rc = KEPT_SELECT(r, SQL_CATEGORIES, &rows, DBS(r->lang));

	if (rc == 0)
		hdf_rows(r->hdf, "d.options.categories", rows);
	db_rows_free(rows);
	rows = NULL;
	if (rc == 0)
		rc = kept_select(r, SQL_PRODUCTS, NULL, 0, &rows);
	if (rc == 0)
		hdf_rows(r->hdf, "d.options.products", rows);
	db_rows_free(rows);
	return rc;
}

/* The query string of the filters ("from=...&to=..."), for links. */
static void insights_query(const insight_filter *f, const request *r, char *out, size_t size)
{
	/* every value is checked already: a day, a slug, a SKU, a segment key,
	 * all of [A-Za-z0-9._-], which need no escaping in a URL */
	const char *category = f->category_id ? hdf_get_value(r->hdf, "d.category.slug", "") : "";
	const char *product = f->product_id ? hdf_get_value(r->hdf, "d.product.sku", "") : "";

	snprintf(out, size, "from=%s&to=%s%s%s%s%s%s%s", f->from, f->to,
		 *category ? "&category=" : "", category, *product ? "&product=" : "", product,
		 *f->segment ? "&segment=" : "", f->segment);
}

int insights_filter(request *r, insight_filter *f, const char *fixed_category,
		    const char *fixed_product)
{
	const char *from = req_query(r, "from"), *to = req_query(r, "to");
	const char *category = fixed_category ? fixed_category : req_query(r, "category");
	const char *product = fixed_product ? fixed_product : req_query(r, "product");
	const char *segment = req_query(r, "segment");
	segment_list segs;
	int rc, bad = 0;

	memset(f, 0, sizeof(*f));
	f->lang = r->lang;
	f->texts = texts_of(r);
	f->min_sample = config_int(&r->app->cfg, "insights.min_sample", 30);
	f->dormant_days = config_int(&r->app->cfg, "insights.dormant_days", 90);
	r->template = "insights/overview";
	hdf_str(r->hdf, "d.filter.from", from ? from : "");
	hdf_str(r->hdf, "d.filter.to", to ? to : "");
	hdf_str(r->hdf, "d.filter.category", category ? category : "");
	hdf_str(r->hdf, "d.filter.product", product ? product : "");
	hdf_str(r->hdf, "d.filter.segment", segment ? segment : "");
	if (fixed_category)
		hdf_int(r->hdf, "d.filter.fixed_category", 1);
	if (fixed_product)
		hdf_int(r->hdf, "d.filter.fixed_product", 1);
	segments_hdf(r, "d.options.segments");
	if (insight_set_period(f, from, to) != 0) {
		req_field_error(r, "from", "insights.err.dates", INSIGHT_MAX_DAYS);
		bad = 1;
	}
	if (category && *category) {
		rc = look_up(r, SQL_CATEGORY, 1, category, &f->category_id);
		if (rc == E_NOTFOUND && fixed_category)
			return E_NOTFOUND;
		if (rc == E_NOTFOUND) {
			req_field_error(r, "category", "insights.err.category", 0);
			bad = 1;
		} else if (rc != 0) {
			return rc;
		}
	}
	if (product && *product) {
		rc = look_up(r, SQL_PRODUCT, 0, product, &f->product_id);
		if (rc == E_NOTFOUND && fixed_product)
			return E_NOTFOUND;
		if (rc == E_NOTFOUND) {
			req_field_error(r, "product", "insights.err.product", 0);
			bad = 1;
		} else if (rc != 0) {
			return rc;
		}
	}
	segments_load(&r->app->cfg, &segs);
	if (segment && *segment) {
		if (!segments_has(&segs, segment)) {
			req_field_error(r, "segment", "insights.err.segment", 0);
			bad = 1;
		} else {
			snprintf(f->segment, sizeof(f->segment), "%s", segment);
		}
	}
	if (bad) {
		hdf_str(r->hdf, "error.reason", req_text(r, "insights.err.filters"));
		return E_INVALID;
	}
	/* what was asked, as understood */
	hdf_str(r->hdf, "d.filter.from", f->from);
	hdf_str(r->hdf, "d.filter.to", f->to);
	hdf_int(r->hdf, "d.filter.days", f->days);
	req_day_text(r, "d.filter.from_text", f->from);
	req_day_text(r, "d.filter.to_text", f->to);
	req_day_text(r, "d.filter.prev_from_text", f->prev_from);
	req_day_text(r, "d.filter.prev_to_text", f->prev_to);
	{
		char q[400], url[500];
		insights_query(f, r, q, sizeof(q));
		snprintf(url, sizeof(url), "/insights/export.csv?%s", q);
		hdf_str(r->hdf, "d.export_url", url);
	}
	return 0;
}
