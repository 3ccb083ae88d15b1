/* ideas.h: the ideas program's handlers (one file per page or action) and
 * the helpers they share. Handlers follow app.h: they borrow the request,
 * fill r->hdf under "d." and return a status or an error code. */
#ifndef TERTULIA_IDEAS_H
#define TERTULIA_IDEAS_H

#include "web/app.h"
#include "base/policy.h"
#include "ideas/idea_store.h"

#define IDEAS_PER_PAGE 20

/* list.c */
int page_ideas(request *r);
/* sitemap.c: GET /ideas/sitemap.xml; a raw XML answer. */
int page_ideas_sitemap(request *r);
int page_roadmap(request *r);
/* idea.c */
int page_idea(request *r);
/* Refuses an action on idea id: adds the error (field and message key,
 * {n} replaced by n; none when field is NULL), shows the idea again (its
 * last page of comments, where the forms are) and returns status. */
int ideas_refuse(request *r, long long id, int status, const char *field, const char *key,
		 long long n);
/* compose.c */
extern const field_spec new_idea_fields[];
int page_new_idea(request *r);
int do_new_idea(request *r);
int page_similar(request *r);
/* vote.c */
extern const field_spec vote_fields[];
int do_vote(request *r);
int do_unvote(request *r);
/* manage.c: staff and moderator actions, and comments */
extern const field_spec status_fields[];
extern const field_spec merge_fields[];
extern const field_spec comment_fields[];
int do_status(request *r);
int do_merge(request *r);
int do_comment(request *r);

/* shared.c */

/* The configured vote budget: ideas.vote_budget, 0 = unlimited. */
long long ideas_vote_budget(const request *r);
/* Copies every row of sql, run with the n parameters p, into prefix. */
int ideas_select_rows(request *r, const char *prefix, const char *sql, const db_param *p,
		      size_t n);
#define IDEAS_ROWS(r, prefix, sql, ...) \
	ideas_select_rows((r), (prefix), (sql), (db_param[]){ __VA_ARGS__ }, \
			  DB_NPARAMS(__VA_ARGS__))
/* Loads every category into prefix (slug, name in the request's language). */
int ideas_load_categories(request *r, const char *prefix);
/* The id of the category with slug, or E_NOTFOUND. */
int ideas_category_id(request *r, const char *slug, long long *id);
/* Finds ideas whose title is like `text` (FULLTEXT, natural language) into
 * prefix, at most limit of them, best first; visible and unmerged only. */
int ideas_similar(request *r, const char *text, long long limit, const char *prefix);
/* Fills prefix.open_votes and prefix.budget for the logged-in member when
 * a budget is set. */
int ideas_budget_info(request *r, const char *prefix);

/* product.c: everything that reads the reviews area's products and orders */

/* Loads the active products (id, sku, name) into prefix, for the form. */
int ideas_load_products(request *r, const char *prefix);
/* Loads the products (id, sku, name) the list's filter offers into prefix:
 * those some idea is about, and chosen_id (0 for none). */
int ideas_load_filter_products(request *r, const char *prefix, long long chosen_id);
/* The id of the product with sku, or E_NOTFOUND. */
int ideas_product_id(request *r, const char *sku, long long *id);
/* Copies the product product_id (sku, name) into prefix; nothing when 0 or
 * unknown. */
int ideas_product_info(request *r, long long product_id, const char *prefix);
/* How many of idea_id's voters are verified buyers of product_id. */
int ideas_verified_voters(request *r, long long idea_id, long long product_id, long long *n);

#endif
