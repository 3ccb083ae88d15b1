/* reviews.h: the reviews program's handlers (one file per page or action)
 * and the helpers they share. Handlers follow app.h: they borrow the
 * request, fill r->hdf under "d." and return a status or an error code.
 * Writes go through cgi/reviews/reviews_store.h. */
#ifndef TERTULIA_REVIEWS_H
#define TERTULIA_REVIEWS_H

#include "web/app.h"
#include "base/policy.h"
#include "reviews/reviews_store.h"

#define REVIEWS_PER_PAGE 10

/* products.c: GET /products */
int page_products(request *r);
/* product.c: GET /p/:s */
int page_product(request *r);
/* feeds.c: GET /p/SKU/feed (the product's newest reviews, Atom) and GET
 * /products/sitemap.xml; raw XML answers. */
int page_product_feed(request *r);
int page_products_sitemap(request *r);
/* write.c: GET and POST /p/:s/review, POST /reviews/:id/delete */
extern const field_spec review_fields[];
int page_review_form(request *r);
int do_review(request *r);
extern const field_spec review_delete_fields[];
int do_delete_review(request *r);
/* review.c: GET /reviews/:id (one review, its response, the staff form) */
int page_review(request *r);
/* Shows review id as page_review does, with status (a refused response
 * form is shown again with what was typed). */
int reviews_show_review(request *r, long long id, int status);
/* helpful.c: POST /reviews/:id/helpful */
extern const field_spec helpful_fields[];
int do_helpful(request *r);
/* respond.c: POST /reviews/:id/respond */
extern const field_spec respond_fields[];
int do_respond(request *r);
/* invite.c: GET /reviews/invite */
int page_invite(request *r);
/* admin.c: /admin/products */
extern const field_spec product_fields[];
int page_admin_products(request *r);
int do_create_product(request *r);
int do_update_product(request *r);
/* api.c: POST /api/orders */
int do_api_order(request *r);
/* json_in.c: parses n bytes of JSON, one object of string or number values,
 * into out (names and values copied). 0, E_INVALID or E_NOMEM. */
int reviews_json_object(const char *s, size_t n, kvlist *out);

/* shared.c */

/* Loads the product with sku into prefix (id, sku, name, description,
 * category, image_url, active, created_at) with its rating summary (see
 * reviews_put_product). E_NOTFOUND when there is none, or when it is
 * inactive and include_inactive is 0. */
int reviews_load_product(request *r, const char *sku, const char *prefix, int include_inactive);
/* Copies row i of rows into prefix: the columns named in columns (a list
 * ending with NULL; a NULL value leaves no node), then prefix.summary made
 * of the columns review_count, rating_sum, stars1 .. stars5: count,
 * average (one decimal, a number), average_text (in the request's
 * language), stars_class (half stars 0-10, for CSS) and
 * stars.N.{star,count,percent} for N = 0..4 (5 stars first). */
void reviews_put_product(request *r, const char *prefix, const db_rows *rows, size_t i,
			 const char *const *columns);
/* The origin for absolute URLs: configured public_origin, else the Host. */
void reviews_origin(request *r, char *out, size_t size);
/* Sets error.reason to the text of key (for 403/404/409 pages and JSON). */
void reviews_reason(request *r, const char *key);
/* A local return address from the form's "next" field when it is a page of
 * this program (/p/... or /reviews/...), else fallback. */
const char *reviews_next(const request *r, const char *fallback);
/* Marks the reviews at prefix.N (of the product at d.product) that the
 * requester voted on: prefix.N.my_vote = yes or no. */
int reviews_decorate(request *r, const char *prefix);

#endif
