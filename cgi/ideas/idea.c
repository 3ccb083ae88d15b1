/* idea.c: one idea: its text and vote count (and how many voters bought
 * its product), the voters (staff only), the company's official answers,
 * the status history with staff notes, and its comments, 20 a page, read
 * by position like forum replies. A merged idea sends its visitors to the
 * idea it was merged into. */
#include "ideas.h"
#include "base/err.h"
#include "services/follow.h"

#include <stdio.h>
#include <string.h>

static const char SQL_IDEA[] =
	"SELECT i.id, i.title, i.body, i.html, i.stage AS status, i.status AS visibility, "
	"i.vote_count, i.visible_comment_count AS comment_count, i.product_id, i.user_id, "
	"u.username AS author, "
	"FIND_IN_SET('staff', u.roles) > 0 AS author_staff, i.merged_into_id, "
	"c.slug AS category_slug, IF(? = 'es', c.name_es, c.name_en) AS category_name, "
	"UNIX_TIMESTAMP(i.created_at) AS created_at, UNIX_TIMESTAMP(i.updated_at) AS updated_at, "
	"UNIX_TIMESTAMP(i.stage_changed_at) AS status_changed_at, "
	"i.comment_count AS comment_positions "
	"FROM ideas i JOIN users u ON u.id = i.user_id LEFT JOIN categories c ON c.id = i.category_id "
	"WHERE i.id = ?";
static const char SQL_VOTED[] = "SELECT COUNT(*) FROM idea_votes WHERE idea_id = ? AND user_id = ?";
static const char SQL_VOTERS[] =
	"SELECT u.username, UNIX_TIMESTAMP(v.created_at) AS voted_at FROM idea_votes v "
	"JOIN users u ON u.id = v.user_id WHERE v.idea_id = ? ORDER BY v.created_at, v.user_id LIMIT 500";
static const char SQL_HISTORY[] =
	"SELECT s.from_stage AS from_status, s.to_stage AS to_status, s.note, u.username AS by_user, "
	"UNIX_TIMESTAMP(s.created_at) AS created_at FROM idea_status_changes s "
	"JOIN users u ON u.id = s.user_id WHERE s.idea_id = ? ORDER BY s.id";
#define COMMENT_COLUMNS \
	"SELECT m.id, m.position, m.user_id, u.username AS author, " \
	"FIND_IN_SET('staff', u.roles) > 0 AS staff, m.html, m.official, m.status, " \
	"UNIX_TIMESTAMP(m.created_at) AS created_at " \
	"FROM idea_comments m JOIN users u ON u.id = m.user_id "
static const char SQL_COMMENTS[] = COMMENT_COLUMNS
	"WHERE m.idea_id = ? AND m.position BETWEEN ? AND ? "
	"AND (m.status = 'visible' OR (m.user_id = ? AND m.status IN ('held', 'hidden')) OR ? = 1) "
	"ORDER BY m.position";
static const char SQL_OFFICIAL[] = COMMENT_COLUMNS
	"WHERE m.idea_id = ? AND m.official = 1 AND m.status = 'visible' ORDER BY m.position";
/* what was merged here is listed on the terms of its own page (load_idea):
 * visible to all, held to its author, hidden or deleted to moderators */
static const char SQL_MERGED_HERE[] =
	"SELECT id, title FROM ideas WHERE merged_into_id = ? "
	"AND (status = 'visible' OR (status = 'held' AND user_id = ?) OR ? = 1) ORDER BY id";

/* The notices a redirect after a vote may ask for (?vote=...). */
static const char *const vote_notices[] = { "added", "already", "removed", "none" };

/* Loads idea id into d.idea. E_NOTFOUND when missing, deleted, or not
 * visible to the requester (held: its author and moderators; hidden:
 * moderators). */
static int load_idea(request *r, long long id)
{
	db_rows *rows = NULL;
	const char *vis;
	int rc = DB_SELECT(r->app->db, SQL_IDEA, &rows, DBS(r->lang), DBI(id));

	if (rc != 0)
		return rc;
	if (rows->nrows == 0) {
		db_rows_free(rows);
		return E_NOTFOUND;
	}
	/* by name: a column added to SQL_IDEA once moved user_id, and a held
	 * idea showed to visitors (whose user id is 0, as a missing cell is) */
	vis = row_str(rows, 0, "visibility");
	if ((vis == NULL || strcmp(vis, "visible") != 0) && !ideas_is_moderator(r) &&
	    !(vis != NULL && strcmp(vis, "held") == 0 && r->user.id != 0 &&
	      row_int(rows, 0, "user_id") == r->user.id))
		rc = E_NOTFOUND;
	else
		hdf_row(r->hdf, "d.idea", rows);
	db_rows_free(rows);
	return rc;
}

/* What the requester may do here, and whether they voted. */
static int load_mine(request *r, long long id)
{
	long long voted = 0;
	const char *v = req_query(r, "vote");
	size_t i;
	int rc;

	for (i = 0; v && i < sizeof(vote_notices) / sizeof(vote_notices[0]); i++)
		if (strcmp(v, vote_notices[i]) == 0)
			hdf_str(r->hdf, "notice", v);
	if (r->user.id == 0)
		return 0;
	rc = DB_SELECT_INT(r->app->db, SQL_VOTED, &voted, DBI(id), DBI(r->user.id));
	if (rc != 0)
		return rc;
	hdf_int(r->hdf, "d.me.voted", voted ? 1 : 0);
	if (ideas_is_staff(r))
		hdf_int(r->hdf, "can.status", 1);
	if (ideas_can_merge(r))
		hdf_int(r->hdf, "can.merge", 1);
	req_nonce(r);
	return ideas_budget_info(r, "d.me");
}

/* Shows idea id, page `page` of its comments (0: the last page): used by
 * page_idea and by a refused comment, status change or merge
 * (ideas_refuse), which show the idea again with what was typed. Returns
 * 200, a redirect (303) for a merged idea, or an error code. */
static int ideas_show(request *r, long long id, long long page)
{
	long long pages, first, last, product_id, verified = 0, merged;
	char url[64];
	int rc = load_idea(r, id);

	if (rc != 0)
		return rc;
	merged = hdf_get_int_value(r->hdf, "d.idea.merged_into_id", 0);
	if (merged) {
		snprintf(url, sizeof(url), "/ideas/%lld", merged);
		req_redirect(r, url);
		return 303;
	}
	/* pages are cut by position: held and hidden comments hold theirs */
	pages = (hdf_get_int_value(r->hdf, "d.idea.comment_positions", 0) +
		 IDEA_COMMENTS_PER_PAGE - 1) / IDEA_COMMENTS_PER_PAGE;
	if (pages < 1)
		pages = 1;
	if (page == 0)
		page = pages;
	if (page > pages)
		return E_NOTFOUND;
	first = (page - 1) * IDEA_COMMENTS_PER_PAGE + 1;
	last = page * IDEA_COMMENTS_PER_PAGE;
	rc = IDEAS_ROWS(r, "d.comments", SQL_COMMENTS, DBI(id), DBI(first), DBI(last),
			DBI(r->user.id), DBI(ideas_is_moderator(r)));
	if (rc != 0)
		return rc;
	hdf_int(r->hdf, "d.page", page);
	hdf_int(r->hdf, "d.pages", pages);
	if (page > 1)
		hdf_int(r->hdf, "d.prev_page", page - 1);
	if (page < pages)
		hdf_int(r->hdf, "d.next_page", page + 1);
	rc = IDEAS_ROWS(r, "d.official", SQL_OFFICIAL, DBI(id));
	if (rc == 0)
		rc = IDEAS_ROWS(r, "d.history", SQL_HISTORY, DBI(id));
	if (rc == 0)
		rc = IDEAS_ROWS(r, "d.merged", SQL_MERGED_HERE, DBI(id), DBI(r->user.id),
				DBI(ideas_is_moderator(r)));
	/* who voted is for staff's eyes only; everyone sees how many */
	if (rc == 0 && ideas_is_staff(r))
		rc = IDEAS_ROWS(r, "d.voters", SQL_VOTERS, DBI(id));
	product_id = hdf_get_int_value(r->hdf, "d.idea.product_id", 0);
	if (rc == 0 && product_id) {
		rc = ideas_product_info(r, product_id, "d.idea.product");
		if (rc == 0)
			rc = ideas_verified_voters(r, id, product_id, &verified);
		if (rc == 0)
			hdf_int(r->hdf, "d.idea.verified_votes", verified);
	}
	if (rc == 0)
		rc = load_mine(r, id);
	if (rc != 0)
		return rc;
	hdf_remove_tree(r->hdf, "d.idea.merged_into_id");
	rc = follow_put(r->app->db, r->hdf, "d.follow", r->user.id, "idea", id);
	if (rc != 0)
		return rc;
	r->template = "idea";
	return 200;
}

int page_idea(request *r)
{
	long long page = req_page(r, 1000000);

	if (page < 0)
		return (int)page;
	return ideas_show(r, req_arg_id(r, 0), page);
}

int ideas_refuse(request *r, long long id, int status, const char *field, const char *key,
		 long long n)
{
	char name[64];
	int rc;

	if (field)
		req_field_error(r, field, key, n);
	rc = ideas_show(r, id, 0);
	if (rc == 303 && field) {
		/* a merged idea has no page of its own: the error page says why */
		snprintf(name, sizeof(name), "errors.%s", field);
		hdf_str(r->hdf, "error.reason", hdf_get_value(r->hdf, name, ""));
		r->template = NULL;
	}
	return rc < 0 ? rc : status;
}
