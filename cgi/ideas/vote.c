/* vote.c: voting for an idea and taking the vote back, from the idea's
 * page, from the list of ideas or from the similar ideas the new-idea
 * form shows. Both are idempotent: voting again, or taking back a vote
 * one does not hold, changes nothing and answers 303 like a change does,
 * with a message that says so (req_said). The answer leads back where the
 * button was: the form's `next`, a page of the ideas (the list with its
 * sort, filters and page, or an idea), else the idea's votes. A JSON
 * client gets {"ok": true, "id": ..., "url": ..., "message": ...}.
 *
 * An idea's author supports it from the start (idea_create votes for
 * them), so voting for one's own idea is "already voted"; they may take
 * that vote back like any other. */
#include "ideas.h"
#include "base/err.h"

#include <stdio.h>
#include <string.h>

const field_spec vote_fields[] = {
	{ "next", F_LINE, 0, HERE_MAX, 0, NULL }, /* the page the button was on */
	FIELDS_END
};

/* Whether next is an address of this site's ideas pages ("/ideas",
 * "/ideas?sort=new&page=2", "/ideas/12"): nothing else is followed, so a
 * form cannot send a member to another site or another program's page. */
static int ideas_page(const char *next)
{
	size_t n = strlen("/ideas");

	if (next == NULL || strncmp(next, "/ideas", n) != 0)
		return 0;
	if (next[n] != '\0' && next[n] != '?' && next[n] != '/')
		return 0;
	return strcspn(next, "\\#\r\n") == strlen(next) && strstr(next, "//") == NULL;
}

static int vote(request *r, int undo)
{
	long long id = req_arg_id(r, 0), budget = ideas_vote_budget(r), other = 0;
	const char *next = form_get(&r->in, "next");
	idea_outcome out;
	char url[HERE_MAX + 32];
	int rc = idea_vote(r->app->db, id, r->user.id, undo, budget, &out, &other);

	if (rc != 0)
		return rc;
	switch (out) {
	case IDEA_MISSING:
		return E_NOTFOUND;
	case IDEA_MERGED:
		return ideas_refuse(r, id, 409, "vote", "ideas.err.merged_vote", other);
	case IDEA_CLOSED:
		return ideas_refuse(r, id, 409, "vote", "ideas.err.closed", 0);
	case IDEA_NO_BUDGET:
		return ideas_refuse(r, id, 409, "vote", "ideas.err.budget", budget);
	case IDEA_UNCHANGED:
		req_said(r, undo ? "vote_none" : "vote_already");
		break;
	default:
		req_said(r, undo ? "vote_removed" : "vote_added");
		break;
	}
	r->created_id = id;
	/* back to the row of the idea on the list it was voted from */
	if (ideas_page(next) && strncmp(next, "/ideas/", 7) != 0)
		snprintf(url, sizeof(url), "%s#idea-%lld", next, id);
	else if (ideas_page(next))
		snprintf(url, sizeof(url), "%s", next);
	else
		snprintf(url, sizeof(url), "/ideas/%lld#votes", id);
	req_redirect(r, url);
	return 303;
}

int do_vote(request *r)
{
	return vote(r, 0);
}

int do_unvote(request *r)
{
	return vote(r, 1);
}
