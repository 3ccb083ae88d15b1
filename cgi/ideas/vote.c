/* vote.c: voting for an idea and taking the vote back. Both are
 * idempotent: voting again, or taking back a vote one does not hold,
 * changes nothing and answers 303 like a change does, to the idea with
 * ?vote=already or ?vote=none so that the page tells the member. A
 * JSON client gets {"ok": true, "id": ..., "url": ...} with the same url.
 *
 * An idea's author supports it from the start (idea_create votes for
 * them), so voting for one's own idea is "already voted"; they may take
 * that vote back like any other. */
#include "ideas.h"
#include "base/err.h"

#include <stdio.h>

static int vote(request *r, int undo)
{
	long long id = req_arg_id(r, 0), budget = ideas_vote_budget(r), other = 0;
	idea_outcome out;
	const char *notice;
	char url[96];
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
		notice = undo ? "none" : "already";
		break;
	default:
		notice = undo ? "removed" : "added";
		break;
	}
	r->created_id = id;
	snprintf(url, sizeof(url), "/ideas/%lld?vote=%s#votes", id, notice);
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
