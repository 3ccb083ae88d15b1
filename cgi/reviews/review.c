/* review.c: one review on its own page (the address that search results,
 * notifications and the "edited" redirect lead to), with the company's
 * response and, for staff, the form to write or edit it. A held or hidden
 * review is shown to its author and to moderators only. */
#include "reviews.h"
#include "base/err.h"
#include "base/log.h"
#include "base/policy.h"
#include "services/notify_view.h"


static const char SQL_REVIEW[] =
	"SELECT r.id, r.user_id, u.username AS author, r.rating, r.title, r.html, r.pros, r.cons, "
	"r.verified, r.status, r.mod_note, r.helpful_yes, r.helpful_yes + r.helpful_no AS helpful_total, "
	"UNIX_TIMESTAMP(r.created_at) AS created_at, UNIX_TIMESTAMP(r.edited_at) AS edited_at, "
	"rr.html AS response_html, rr.body AS response_body, "
	"UNIX_TIMESTAMP(rr.created_at) AS response_at, "
	"UNIX_TIMESTAMP(rr.edited_at) AS response_edited_at, p.sku "
	"FROM reviews r JOIN users u ON u.id = r.user_id JOIN products p ON p.id = r.product_id "
	"LEFT JOIN review_responses rr ON rr.review_id = r.id WHERE r.id = ?";

int page_review(request *r)
{
	return reviews_show_review(r, req_arg_id(r, 0), 200);
}

int reviews_show_review(request *r, long long id, int status)
{
	db_rows *rows = NULL;
	char sku[64];
	int rc = DB_SELECT(r->app->db, SQL_REVIEW, &rows, DBI(id));

	if (rc != 0)
		return rc;
	if (rows->nrows == 0 ||
	    !policy_can_see(POLICY_REVIEW, r->user.id, r->user.roles, row_str(rows, 0, "status"),
			    row_int(rows, 0, "user_id"), 0)) {
		db_rows_free(rows);
		return E_NOTFOUND;
	}
	hdf_row(r->hdf, "d.reviews.0", rows);
	snprintf(sku, sizeof(sku), "%s", row_str(rows, 0, "sku"));
	db_rows_free(rows);
	hdf_remove_tree(r->hdf, "d.reviews.0.sku");
	if (policy_is_staff(r->user.roles)) {
		hdf_int(r->hdf, "can_respond", 1);
		if (!hdf_get_obj(r->hdf, "form.body"))
			hdf_str(r->hdf, "form.body", hdf_get_value(r->hdf, "d.reviews.0.response_body", ""));
	}
	hdf_remove_tree(r->hdf, "d.reviews.0.response_body");
	rc = reviews_load_product(r, sku, "d.product", 1);
	if (rc == 0)
		rc = reviews_decorate(r, "d.reviews");
	if (rc != 0)
		return rc;
	hdf_strf(r->hdf, "back", "/reviews/%lld", id);
	hdf_int(r->hdf, "single", 1);
	/* the member has read the review and its response (a failure leaves
	 * their notifications unread, the page is still shown) */
	if (r->user.id && notify_mark_seen(r->app->db, r->user.id, NOTIFY_ABOUT_REVIEW, id) != 0)
		log_error("review %lld: notifications of member %lld left unread", id, r->user.id);
	r->template = "reviews/review";
	return status;
}
