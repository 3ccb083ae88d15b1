/* manage.c: what is done to an idea besides voting: staff change its
 * status with a public note, moderators and staff merge a duplicate into
 * another idea, members comment (staff may mark a comment as the official
 * answer; comments meet the moderation rules as forum replies do). A refused action shows the idea again with what was typed and
 * why, with the status code of the refusal. */
#include "ideas.h"
#include "base/err.h"
#include "services/moderation.h"

#include <stdio.h>
#include <string.h>

const field_spec status_fields[] = {
	{ "status", F_LINE, 1, 20, 1, NULL }, /* checked against the stages below, with its own message */
	{ "note", F_TEXT, 1, 2000, 1, NULL },
	FIELDS_END
};

const field_spec merge_fields[] = {
	{ "into", F_INT, 1, 1LL << 53, 1, NULL },
	{ "reason", F_LINE, 0, 500, 0, NULL },
	FIELDS_END
};

const field_spec comment_fields[] = {
	{ "body", F_TEXT, 1, 20000, 1, NULL },
	{ "official", F_ENUM, 0, 0, 0, "1" },
	{ "nonce", F_LINE, 0, 32, 0, NULL }, /* idea_comments.nonce is CHAR(32) */
	FIELDS_END
};

static int forbid(request *r, const char *key)
{
	hdf_str(r->hdf, "error.reason", req_text(r, key));
	return E_FORBIDDEN;
}

int do_status(request *r)
{
	long long id = req_arg_id(r, 0);
	const char *stage = form_get(&r->in, "status");
	idea_outcome out;
	char url[64];
	int rc;

	if (!policy_is_staff(r->user.roles))
		return forbid(r, "ideas.err.staff_only");
	if (stage && !idea_stage_valid(stage))
		req_field_error(r, "status", "ideas.err.status", 0);
	if (r->invalid)
		return ideas_refuse(r, id, 400, NULL, NULL, 0);
	rc = idea_set_stage(r->app->db, id, stage, form_get(&r->in, "note"), r->user.id, &out);
	if (rc != 0)
		return rc;
	if (out == IDEA_MISSING)
		return E_NOTFOUND;
	if (out == IDEA_MERGED)
		return ideas_refuse(r, id, 409, "status", "ideas.err.merged", 0);
	if (out == IDEA_UNCHANGED)
		return ideas_refuse(r, id, 400, "status", "ideas.err.same_status", 0);
	r->created_id = id;
	req_said(r, "idea_status");
	snprintf(url, sizeof(url), "/ideas/%lld#history", id);
	req_redirect(r, url);
	return 303;
}

int do_merge(request *r)
{
	long long id = req_arg_id(r, 0), into = form_int(&r->in, "into", 0);
	const char *reason = form_get(&r->in, "reason");
	idea_outcome out;
	char url[64];
	int rc;

	if (!policy_is_trusted(r->user.roles))
		return forbid(r, "ideas.err.merge_role");
	if (r->invalid)
		return ideas_refuse(r, id, 400, NULL, NULL, 0);
	rc = idea_merge(r->app->db, id, into, r->user.id, reason, &out);
	if (rc != 0)
		return rc;
	switch (out) {
	case IDEA_DONE:
		break;
	case IDEA_MISSING:
		return E_NOTFOUND;
	case IDEA_SELF:
		return ideas_refuse(r, id, 400, "into", "ideas.err.merge_self", 0);
	case IDEA_MERGED:
		return ideas_refuse(r, id, 400, "into", "ideas.err.merged", 0);
	case IDEA_TARGET_MERGED:
		return ideas_refuse(r, id, 400, "into", "ideas.err.merge_merged", into);
	default:
		return ideas_refuse(r, id, 400, "into", "ideas.err.merge_target", into);
	}
	r->created_id = into;
	req_said(r, "ideas_merged");
	snprintf(url, sizeof(url), "/ideas/%lld", into);
	req_redirect(r, url);
	return 303;
}

/* A comment meets the rules of forum replies (services/moderation.h): a
 * watched word refuses it (shown again with what was typed) or is
 * replaced, and what the watched words, the links or the text analysis
 * hold is written held and queued as an "idea_comment", in the comment's
 * transaction. The first-posts rule counts posts, reviews and ideas, not
 * comments (no count statement). m owns any replaced text. */
static int write_comment(request *r, mod_item *m)
{
	long long id = req_arg_id(r, 0), comment_id = 0, position = 0;
	new_idea_comment c = { .user_id = r->user.id, .body = form_get(&r->in, "body"),
			       .nonce = form_get(&r->in, "nonce"),
			       .official = form_get(&r->in, "official") != NULL, .status = "visible" };
	idea_outcome out;
	char url[96];
	int rc;

	if (c.official && !policy_is_staff(r->user.roles))
		return forbid(r, "ideas.err.staff_only");
	if (r->invalid)
		return ideas_refuse(r, id, 400, NULL, NULL, 0);
	m->text[MOD_BODY] = c.body;
	rc = mod_check_item(r->app->db, &r->app->cfg, r->app->sentiment, r->user.id, r->user.roles,
			    NULL, m);
	if (rc == E_INVALID)
		return ideas_refuse(r, id, 400, m->field, m->key, m->n);
	if (rc != 0)
		return rc;
	c.body = m->text[MOD_BODY];
	c.status = m->status;
	c.queue_cause = m->cause;
	c.queue_detail = m->detail;
	rc = idea_comment(r->app->db, id, &c, &out, &comment_id, &position);
	if (rc != 0 && rc != E_DUP) /* E_DUP: a resubmit; go to what the first made */
		return rc;
	if (out == IDEA_MISSING)
		return E_NOTFOUND;
	if (out == IDEA_MERGED)
		return ideas_refuse(r, id, 409, "body", "ideas.err.merged", 0);
	r->created_id = comment_id;
	req_said(r, rc == 0 && strcmp(c.status, "held") == 0 ? "comment_held" : "comment_posted");
	snprintf(url, sizeof(url), "/ideas/%lld?page=%lld#c%lld", id,
		 (position - 1) / IDEA_COMMENTS_PER_PAGE + 1, comment_id);
	req_redirect(r, url);
	return 303;
}

int do_comment(request *r)
{
	mod_item m = { .text = { 0 } };
	int rc = write_comment(r, &m);

	mod_item_free(&m);
	return rc;
}
