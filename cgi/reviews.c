/* reviews.c: the reviews program: products, their reviews, helpful votes,
 * staff responses, review invitations, the products admin page and the
 * orders API. Handlers live in cgi/reviews/. */
#include "base/policy.h"
#include "site/hooks.h"
#include "web/server.h"
#include "reviews/reviews.h"

static const route routes[] = {
	{ R_GET | R_VISITORS_KEPT, "/products", page_products, 0, NULL, NULL },
	{ R_GET, "/products/sitemap.xml", page_products_sitemap, 0, NULL, NULL },
	{ R_GET, "/p/:s/feed", page_product_feed, 0, NULL, NULL },
	{ R_GET | R_VISITORS_KEPT, "/p/:s", page_product, 0, NULL, NULL },
	{ R_GET | R_LOGIN, "/p/:s/review", page_review_form, 0, NULL, NULL },
	{ R_POST | R_LOGIN | R_WRITES | R_FORM_ERRORS, "/p/:s/review", do_review, 0, review_fields, NULL },
	{ R_GET, "/reviews/invite", page_invite, 0, NULL, NULL },
	{ R_GET | R_VISITORS_KEPT, "/reviews/:id", page_review, 0, NULL, NULL },
	{ R_POST | R_LOGIN, "/reviews/:id/delete", do_delete_review, 0, review_delete_fields, NULL },
	{ R_POST | R_LOGIN, "/reviews/:id/helpful", do_helpful, 0, helpful_fields, NULL },
	{ R_POST | R_LOGIN | R_WRITES | R_FORM_ERRORS, "/reviews/:id/respond", do_respond, 0, respond_fields, NULL },
	{ R_GET | R_LOGIN, "/admin/products", page_admin_products, POLICY_STAFF, NULL, NULL },
	{ R_POST | R_LOGIN | R_FORM_ERRORS, "/admin/products", do_create_product, POLICY_STAFF, product_fields, NULL },
	{ R_POST | R_LOGIN | R_FORM_ERRORS, "/admin/products/:s", do_update_product, POLICY_STAFF, product_fields, NULL },
	{ R_POST | R_NOSESSION | R_API, "/api/orders", do_api_order, 0, NULL, NULL },
	{ R_GET | R_NOSESSION, "/healthz", page_healthz, 0, NULL, NULL },
};

int main(int argc, char **argv)
{
	return server_main(argc, argv, "reviews", routes, sizeof(routes) / sizeof(routes[0]),
			   &site_hooks_scoring);
}
