/* respond.c: the company's one official response to a review, written by
 * staff (or an admin), editable, shown under the review. */
#include "reviews.h"
#include "base/err.h"
#include "services/users.h"

#include <stdio.h>

const field_spec respond_fields[] = {
	{ "body", F_TEXT, 1, RESPONSE_BODY_MAX, 1, NULL },
	{ "next", F_LINE, 0, 300, 0, NULL },
	FIELDS_END
};

int do_respond(request *r)
{
	long long id = req_arg_id(r, 0);
	char url[64];
	int created = 0, rc;

	if (!policy_is_staff(r->user.roles)) {
		reviews_reason(r, "reviews.err.staff_only");
		return E_FORBIDDEN;
	}
	if (r->invalid)
		return reviews_show_review(r, id, 400);
	rc = db_begin(r->app->db);
	if (rc == 0)
		rc = reviews_respond(r->app->db, id, r->user.id, form_get(&r->in, "body"), &created);
	if (rc == 0 && !created)
		rc = audit_add(r->app->db, r->user.id, "response_edit", "review", id, "", "");
	rc = db_end(r->app->db, rc);
	if (rc != 0)
		return rc;
	snprintf(url, sizeof(url), "/reviews/%lld#response", id);
	r->created_id = id;
	req_said(r, created ? "review_answered" : "review_answer_edited");
	req_redirect(r, reviews_next(r, url));
	return 303;
}
