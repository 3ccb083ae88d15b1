/* helpful.c: "was this review helpful?" Yes or no, once per member and
 * review, changeable, never on one's own review. The counters move under
 * the review's row lock (reviews_vote). */
#include "reviews.h"
#include "base/err.h"

#include <stdio.h>
#include <string.h>

const field_spec helpful_fields[] = {
	{ "helpful", F_ENUM, 0, 0, 1, "yes|no" },
	{ "next", F_LINE, 0, 300, 0, NULL },
	FIELDS_END
};

int do_helpful(request *r)
{
	long long id = req_arg_id(r, 0);
	char fallback[64];
	int rc = reviews_vote(r->app->db, id, r->user.id,
			      strcmp(form_get(&r->in, "helpful"), "yes") == 0);

	if (rc == E_FORBIDDEN)
		reviews_reason(r, "reviews.err.own_vote");
	if (rc != 0)
		return rc;
	snprintf(fallback, sizeof(fallback), "/reviews/%lld", id);
	r->created_id = id;
	req_said(r, "helpful_counted");
	req_redirect(r, reviews_next(r, fallback));
	return 303;
}
