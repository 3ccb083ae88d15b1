/* invite.c: a review invitation link, as the orders API and `tertuliactl
 * orders invite` make them: /reviews/invite?sku=S&email=E&exp=T&sig=MAC,
 * signed with libsodium's crypto_auth under the configuration's secret.
 *
 * Opened by a visitor, it says who it is for and leads through login or
 * registration (their "next" is this link) back here; opened by the member
 * with that email, it goes straight to the review form. The address check
 * compares hashes in the database (the view review_member_emails, sql/0060),
 * so this program never reads anyone's email. */
#include "reviews.h"
#include "base/err.h"

#include <time.h>

static const char SQL_EMAIL_IS[] =
	"SELECT COUNT(*) FROM review_member_emails WHERE user_id = ? "
	"AND email_hash = SHA2(CONCAT(?, ':', LOWER(?)), 256)";

/* Refuses the link with a message on the invitation page. */
static int refuse(request *r, const char *key, int status)
{
	reviews_reason(r, key);
	hdf_str(r->hdf, "d.problem", req_text(r, key));
	r->template = "reviews/invite";
	return status;
}

int page_invite(request *r)
{
	const char *sku = req_query(r, "sku"), *email = req_query(r, "email");
	const char *exp = req_query(r, "exp"), *sig = req_query(r, "sig");
	long long expires = 0, owns = 0;
	strbuf next = STRBUF_INIT;
	char url[128];
	int rc;

	if (!sku || !email || !exp || parse_long(exp, 0, 1LL << 40, &expires) != 0 ||
	    reviews_invite_check(r->app->secret, sku, email, expires, sig) != 0)
		return refuse(r, "reviews.err.invite_bad", 400);
	rc = reviews_load_product(r, sku, "d.product", 0);
	if (rc != 0)
		return rc;
	if (expires < (long long)time(NULL))
		return refuse(r, "reviews.err.invite_expired", 400);
	snprintf(url, sizeof(url), "/p/%s/review", hdf_get_value(r->hdf, "d.product.sku", ""));
	if (r->user.id) {
		rc = DB_SELECT_INT(r->app->db, SQL_EMAIL_IS, &owns, DBI(r->user.id),
				   DBI(r->user.id), DBS(email));
		if (rc != 0)
			return rc;
		if (!owns)
			return refuse(r, "reviews.err.invite_other", 403);
		req_redirect(r, url);
		return 303;
	}
	/* this very link, for the login and registration forms' "next" */
	rc = reviews_invite_url(&next, "", r->app->secret, sku, email, expires);
	if (rc == 0) {
		hdf_str(r->hdf, "d.email", email);
		hdf_str(r->hdf, "d.next", next.s);
	}
	strbuf_free(&next);
	r->template = "reviews/invite";
	return rc ? rc : 200;
}
