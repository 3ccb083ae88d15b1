/* idea.c: one idea: its text and vote count (and how many voters bought
 * its product), the voters (staff only), the company's official answers,
 * the status history with staff notes, and its comments, 20 a page, read
 * by position like forum replies. A merged idea sends its visitors to the
 * idea it was merged into. */
#include "ideas.h"
#include "base/err.h"
#include "base/paging.h"
#include "base/policy.h"
#include "base/log.h"
#include "services/follow.h"
#include "services/notify_view.h"

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
/* every comment of the page: visible_comment drops what the reader may
 * not see */
static const char SQL_COMMENTS[] = COMMENT_COLUMNS
	"WHERE m.idea_id = ? AND m.position BETWEEN ? AND ? ORDER BY m.position";
static const char SQL_OFFICIAL[] = COMMENT_COLUMNS
	"WHERE m.idea_id = ? AND m.official = 1 AND m.status = 'visible' ORDER BY m.position";
/* what was merged here is listed on the terms of its own page (load_idea):
 * visible_rows keeps those (base/policy.h) */
static const char SQL_MERGED_HERE[] =
	"SELECT id, title, status, user_id FROM ideas WHERE merged_into_id = ? ORDER BY id";

/* The reader of a page and the kind of what a list holds. */
struct reader {
	const user *u;
	policy_kind kind;
};

static int reader_sees(const db_rows *rows, size_t row, void *ctx)
{
	const struct reader *rd = ctx;

	return policy_can_see(rd->kind, rd->u->id, rd->u->roles, row_str(rows, row, "status"),
			      row_int(rows, row, "user_id"), 0);
}

/* what SQL_MERGED_HERE reads only to decide */
static const char *const merged_drop[] = { "status", "user_id", NULL };

/* Reads the rows of sql, run with the n parameters p, into prefix, those
 * the reader may see (their status and user_id columns, of kind), then
 * leaves out the columns named in drop (a list ending with NULL, or NULL)
 * that were read only to decide. */
static int visible_rows(request *r, const char *prefix, const char *sql, policy_kind kind,
			const char *const *drop, const db_param *p, size_t n)
{
	struct reader rd = { &r->user, kind };
	db_rows *rows = NULL;
	char name[96];
	size_t i, k;
	int rc = db_select(r->app->db, sql, p, n, &rows);

	if (rc != 0)
		return rc;
	db_rows_filter(rows, reader_sees, &rd);
	hdf_rows(r->hdf, prefix, rows);
	for (i = 0; drop && i < rows->nrows; i++)
		for (k = 0; drop[k]; k++) {
			snprintf(name, sizeof(name), "%s.%zu.%s", prefix, i, drop[k]);
			hdf_remove_tree(r->hdf, name);
		}
	db_rows_free(rows);
	return 0;
}

/* Loads idea id into d.idea. E_NOTFOUND when missing, deleted, or not
 * visible to the requester (held: its author and moderators; hidden:
 * moderators). */
static int load_idea(request *r, long long id)
{
	db_rows *rows = NULL;
	int rc = DB_SELECT(r->app->db, SQL_IDEA, &rows, DBS(r->lang), DBI(id));

	if (rc != 0)
		return rc;
	if (rows->nrows == 0) {
		db_rows_free(rows);
		return E_NOTFOUND;
	}
	/* by name: a column added to SQL_IDEA once moved user_id, and a held
	 * idea showed to visitors (whose user id is 0, as a missing cell is) */
	if (!policy_can_see(POLICY_IDEA, r->user.id, r->user.roles,
			    row_str(rows, 0, "visibility"), row_int(rows, 0, "user_id"), 0))
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
	int rc;

	if (r->user.id == 0)
		return 0;
	rc = DB_SELECT_INT(r->app->db, SQL_VOTED, &voted, DBI(id), DBI(r->user.id));
	if (rc != 0)
		return rc;
	hdf_int(r->hdf, "d.me.voted", voted ? 1 : 0);
	if (policy_is_staff(r->user.roles))
		hdf_int(r->hdf, "can.status", 1);
	if (policy_is_trusted(r->user.roles))
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
	long long product_id, verified = 0, merged;
	page_span span;
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
	rc = page_span_of(hdf_get_int_value(r->hdf, "d.idea.comment_positions", 0),
			  IDEA_COMMENTS_PER_PAGE, page, &span);
	if (rc == 0)
		rc = visible_rows(r, "d.comments", SQL_COMMENTS, POLICY_IDEA_COMMENT, NULL,
				  (db_param[]){ DBI(id), DBI(span.first), DBI(span.last) }, 3);
	if (rc != 0)
		return rc;
	page_links(r->hdf, &span);
	rc = IDEAS_ROWS(r, "d.official", SQL_OFFICIAL, DBI(id));
	if (rc == 0)
		rc = IDEAS_ROWS(r, "d.history", SQL_HISTORY, DBI(id));
	if (rc == 0)
		rc = visible_rows(r, "d.merged", SQL_MERGED_HERE, POLICY_IDEA, merged_drop,
				  (db_param[]){ DBI(id) }, 1);
	/* who voted is for staff's eyes only; everyone sees how many */
	if (rc == 0 && policy_is_staff(r->user.roles))
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
	/* the member has read the idea and its comments (a failure leaves
	 * their notifications unread, the page is still shown) */
	if (r->user.id && notify_mark_seen(r->app->db, r->user.id, NOTIFY_ABOUT_IDEA, id) != 0)
		log_error("idea %lld: notifications of member %lld left unread", id, r->user.id);
	r->template = "ideas/idea";
	return 200;
}

int page_idea(request *r)
{
	long long page = req_page(r, 1000000);

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
