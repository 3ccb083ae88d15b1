/* product.c: a product's page: its rating summary (read from the summary
 * row, never recounted), the 1-5 distribution whose bars filter by star,
 * and its visible reviews, 10 a page, sorted by helpfulness (the Wilson
 * lower bound MariaDB keeps from the vote counters), date or rating,
 * optionally verified purchases only. schema.org Product, AggregateRating
 * and Review JSON-LD describe what the page shows. */
#include "reviews.h"
#include "base/err.h"
#include "base/paging.h"
#include "base/policy.h"
#include "services/follow.h"
#include "text/markdown.h"
#include "web/view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define REVIEW_COLUMNS \
	"SELECT r.id, r.user_id, u.username AS author, r.rating, r.title, r.html, r.body, r.pros, " \
	"r.cons, r.verified, r.status, r.helpful_yes, r.helpful_yes + r.helpful_no AS helpful_total, " \
	"UNIX_TIMESTAMP(r.created_at) AS created_at, UNIX_TIMESTAMP(r.edited_at) AS edited_at, " \
	"rr.html AS response_html, UNIX_TIMESTAMP(rr.created_at) AS response_at, " \
	"UNIX_TIMESTAMP(rr.edited_at) AS response_edited_at " \
	"FROM reviews r JOIN users u ON u.id = r.user_id " \
	"LEFT JOIN review_responses rr ON rr.review_id = r.id "
#define REVIEW_FILTER \
	"WHERE r.product_id = ? AND r.status = 'visible' AND (? = 0 OR r.rating = ?) " \
	"AND (? = 0 OR r.verified = 1) "

static const char SQL_HELPFUL[] = REVIEW_COLUMNS REVIEW_FILTER
	"ORDER BY r.helpful_rank DESC, r.created_at DESC, r.id DESC LIMIT ? OFFSET ?";
static const char SQL_NEWEST[] = REVIEW_COLUMNS REVIEW_FILTER
	"ORDER BY r.created_at DESC, r.id DESC LIMIT ? OFFSET ?";
static const char SQL_HIGHEST[] = REVIEW_COLUMNS REVIEW_FILTER
	"ORDER BY r.rating DESC, r.created_at DESC, r.id DESC LIMIT ? OFFSET ?";
static const char SQL_LOWEST[] = REVIEW_COLUMNS REVIEW_FILTER
	"ORDER BY r.rating ASC, r.created_at DESC, r.id DESC LIMIT ? OFFSET ?";
static const char SQL_MINE[] =
	"SELECT id, rating, status FROM reviews WHERE product_id = ? AND user_id = ? "
	"AND status <> 'deleted'";

static const struct {
	const char *name;
	const char *sql;
} sorts[] = {
	{ "helpful", SQL_HELPFUL }, { "newest", SQL_NEWEST },
	{ "highest", SQL_HIGHEST }, { "lowest", SQL_LOWEST },
};

/* ---- schema.org JSON-LD ---- */

static void ld_prop(strbuf *sb, const char *name, const char *value)
{
	strbuf_printf(sb, ",\"%s\":", name);
	json_string(sb, value ? value : "");
}

static void ld_date(strbuf *sb, const char *name, long long t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	char date[16];

	gmtime_r(&tt, &tm);
	strftime(date, sizeof(date), "%Y-%m-%d", &tm);
	ld_prop(sb, name, date);
}

/* Product with its AggregateRating (when it has reviews) and the Reviews
 * of this page. Goes inside <script type="application/ld+json">, which is
 * why json_string escapes <, > and &. */
static void product_jsonld(request *r, const db_rows *rows)
{
	HDF *h = r->hdf;
	strbuf sb = STRBUF_INIT;
	char origin[256], url[400];
	const char *image = hdf_get_value(h, "d.product.image_url", NULL);
	/* the company's name, the brand of every product (none when unset) */
	const char *brand = config_get(&r->app->cfg, "site.brand", "");
	long long count = hdf_get_int_value(h, "d.product.summary.count", 0);
	size_t i;

	reviews_origin(r, origin, sizeof(origin));
	snprintf(url, sizeof(url), "%s/p/%s", origin, hdf_get_value(h, "d.product.sku", ""));
	strbuf_puts(&sb, "{\"@context\":\"https://schema.org\",\"@type\":\"Product\"");
	ld_prop(&sb, "name", hdf_get_value(h, "d.product.name", ""));
	ld_prop(&sb, "sku", hdf_get_value(h, "d.product.sku", ""));
	ld_prop(&sb, "description", hdf_get_value(h, "d.product.description", ""));
	ld_prop(&sb, "category", hdf_get_value(h, "d.product.category", ""));
	ld_prop(&sb, "url", url);
	if (*brand) {
		strbuf_puts(&sb, ",\"brand\":{\"@type\":\"Brand\"");
		ld_prop(&sb, "name", brand);
		strbuf_puts(&sb, "}");
	}
	if (image && *image) {
		char img[800];
		snprintf(img, sizeof(img), "%s%s", image[0] == '/' ? origin : "", image);
		ld_prop(&sb, "image", img);
	}
	if (count > 0)
		strbuf_printf(&sb, ",\"aggregateRating\":{\"@type\":\"AggregateRating\","
			      "\"ratingValue\":%s,\"reviewCount\":%lld,\"bestRating\":5,"
			      "\"worstRating\":1}",
			      hdf_get_value(h, "d.product.summary.average", "0"), count);
	if (rows->nrows > 0)
		strbuf_puts(&sb, ",\"review\":[");
	for (i = 0; i < rows->nrows; i++) {
		char *text = NULL;

		markdown_plain(row_str(rows, i, "body"), row_len(rows, i, "body"), &text);
		strbuf_puts(&sb, i ? ",{\"@type\":\"Review\"" : "{\"@type\":\"Review\"");
		ld_prop(&sb, "name", row_str(rows, i, "title"));
		ld_prop(&sb, "reviewBody", text ? text : "");
		ld_date(&sb, "datePublished", row_int(rows, i, "created_at"));
		strbuf_printf(&sb, ",\"reviewRating\":{\"@type\":\"Rating\",\"ratingValue\":%lld,"
			      "\"bestRating\":5,\"worstRating\":1}", row_int(rows, i, "rating"));
		strbuf_puts(&sb, ",\"author\":{\"@type\":\"Person\"");
		ld_prop(&sb, "name", row_str(rows, i, "author"));
		strbuf_puts(&sb, "}}");
		free(text);
	}
	if (rows->nrows > 0)
		strbuf_puts(&sb, "]");
	strbuf_puts(&sb, "}");
	if (sb.s)
		hdf_str(h, "page.jsonld", sb.s);
	strbuf_free(&sb);
}

/* Reads the filters of the query string into the HDF; E_INVALID for one
 * that is not understood. */
static int read_filters(request *r, const char **sql, long long *star, int *verified)
{
	const char *sort = req_query(r, "sort"), *s = req_query(r, "star");
	const char *v = req_query(r, "verified");
	size_t i;

	if (sort == NULL || *sort == '\0')
		sort = "helpful";
	for (i = 0, *sql = NULL; i < sizeof(sorts) / sizeof(sorts[0]); i++)
		if (strcmp(sort, sorts[i].name) == 0)
			*sql = sorts[i].sql;
	*star = 0;
	if (*sql == NULL || (s && *s && parse_long(s, 1, 5, star) != 0))
		return E_INVALID;
	*verified = v && strcmp(v, "1") == 0;
	if (v && *v && !*verified && strcmp(v, "0") != 0)
		return E_INVALID;
	hdf_str(r->hdf, "d.sort", sort);
	if (*star)
		hdf_int(r->hdf, "d.star", *star);
	if (*verified)
		hdf_int(r->hdf, "d.verified", 1);
	return 0;
}

/* The requester's own review of the product (any status but deleted), and
 * whether the form will say that the purchase is verified. */
static int load_mine(request *r, long long product_id)
{
	db_rows *rows = NULL;
	int rc;

	if (r->user.id == 0)
		return 0;
	rc = DB_SELECT(r->app->db, SQL_MINE, &rows, DBI(product_id), DBI(r->user.id));
	if (rc != 0)
		return rc;
	hdf_row(r->hdf, "d.mine", rows);
	db_rows_free(rows);
	return 0;
}

/* The addresses of this view: pager_base (without the page) for the pager,
 * back (with it) for the forms that return here. */
static void links(request *r, long long page, long long star, int verified)
{
	char base[200], star_part[16] = "";

	if (star)
		snprintf(star_part, sizeof(star_part), "&star=%lld", star);
	snprintf(base, sizeof(base), "/p/%s?sort=%s%s%s", hdf_get_value(r->hdf, "d.product.sku", ""),
		 hdf_get_value(r->hdf, "d.sort", "helpful"), star_part, verified ? "&verified=1" : "");
	hdf_str(r->hdf, "pager_base", base);
	hdf_strf(r->hdf, "back", "%s&page=%lld", base, page);
}

/* The reviews a product's page reads: its filters' statement and values. */
struct review_list {
	const char *sql;
	long long product_id, star;
	int verified;
};

static int review_probe(request *r, const void *ctx, long long offset, int *found)
{
	const struct review_list *l = ctx;
	db_rows *rows = NULL;
	int rc = DB_SELECT(r->app->db, l->sql, &rows, DBI(l->product_id), DBI(l->star), DBI(l->star),
			   DBI(l->verified), DBI(1), DBI(offset));

	if (rc == 0)
		*found = rows->nrows > 0;
	db_rows_free(rows);
	return rc;
}

int page_product(request *r)
{
	long long page = req_page(r, 100000), star, product_id, total;
	const char *sql;
	db_rows *rows = NULL;
	char name[64];
	size_t i;
	int verified, rc;

	rc = read_filters(r, &sql, &star, &verified);
	if (rc == 0)
		rc = reviews_load_product(r, r->args[0], "d.product", 0);
	if (rc != 0)
		return rc;
	product_id = hdf_get_int_value(r->hdf, "d.product.id", 0);
	rc = DB_SELECT(r->app->db, sql, &rows, DBI(product_id), DBI(star), DBI(star), DBI(verified),
		       DBI(page_limit(REVIEWS_PER_PAGE)), DBI(page_offset(page, REVIEWS_PER_PAGE)));
	if (rc != 0)
		return rc;
	if (rows->nrows == 0 && page > 1) {
		struct review_list list = { sql, product_id, star, verified };

		db_rows_free(rows);
		return req_page_past_end(r, page, REVIEWS_PER_PAGE, review_probe, &list);
	}
	if (rows->nrows > REVIEWS_PER_PAGE) {
		rows->nrows = REVIEWS_PER_PAGE;
		hdf_int(r->hdf, "d.next_page", page + 1);
	}
	hdf_rows(r->hdf, "d.reviews", rows);
	product_jsonld(r, rows);
	for (i = 0; i < rows->nrows; i++) {
		snprintf(name, sizeof(name), "d.reviews.%zu.body", i);
		hdf_remove_tree(r->hdf, name); /* its HTML is shown; the text went to JSON-LD */
	}
	db_rows_free(rows);
	/* without the verified filter, the summary knows how many match */
	if (!verified) {
		snprintf(name, sizeof(name), "d.product.summary.stars.%lld.count", 5 - star);
		total = star ? hdf_get_int_value(r->hdf, name, 0)
			     : hdf_get_int_value(r->hdf, "d.product.summary.count", 0);
		hdf_int(r->hdf, "d.pages", page_count(total, REVIEWS_PER_PAGE));
	}
	hdf_int(r->hdf, "d.page", page);
	if (page > 1)
		hdf_int(r->hdf, "d.prev_page", page - 1);
	rc = reviews_decorate(r, "d.reviews");
	if (rc == 0)
		rc = load_mine(r, product_id);
	if (rc != 0)
		return rc;
	if (policy_is_staff(r->user.roles))
		hdf_int(r->hdf, "can_respond", 1);
	if (req_query(r, "deleted"))
		hdf_int(r->hdf, "notice_deleted", 1);
	links(r, page, star, verified);
	rc = follow_put(r->app->db, r->hdf, "d.follow", r->user.id, "product", product_id);
	if (rc != 0)
		return rc;
	r->template = "reviews/product";
	return 200;
}
