/* profile.c: a member's public profile, /u/NAME: when they joined and
 * were last seen, their bio, their badges (roles, verified buyer, the
 * solutions they gave), what they wrote lately and whether the reader
 * follows them. */
#include "account.h"
#include "base/err.h"
#include "base/policy.h"
#include "services/content_url.h"
#include "services/follow.h"

#include <stdio.h>

/* Items shown per kind of activity. */
#define PROFILE_RECENT 5
/* Rows read per kind, newest first, before the reader's view filters
 * them: a member whose latest items were all taken down still shows
 * older ones. */
#define PROFILE_READ 50

static const char SQL_PROFILE[] =
	"SELECT id, username, roles, bio, DATE_FORMAT(created_at, '%Y-%m-%d') AS joined, "
	"DATE_FORMAT(last_seen_at, '%Y-%m-%d') AS last_seen FROM users "
	"WHERE username_key = REPLACE(?, '_', ' ')";
static const char SQL_THREADS[] =
	"SELECT id, title, status, user_id, mod_note, UNIX_TIMESTAMP(created_at) AS created_at "
	"FROM threads WHERE user_id = ? ORDER BY created_at DESC, id DESC LIMIT ?";
static const char SQL_REPLIES[] =
	"SELECT p.id, p.thread_id, p.position, t.title, p.status, p.user_id, p.mod_note, "
	"t.status AS thread_status, t.user_id AS thread_user_id, t.mod_note AS thread_mod_note, "
	"UNIX_TIMESTAMP(p.created_at) AS created_at "
	"FROM posts p JOIN threads t ON t.id = p.thread_id "
	"WHERE p.user_id = ? AND p.position > 1 ORDER BY p.created_at DESC, p.id DESC LIMIT ?";
static const char SQL_REVIEWS[] =
	"SELECT r.id, r.title, pr.name AS product, r.rating, r.status, r.user_id, "
	"UNIX_TIMESTAMP(r.created_at) AS created_at "
	"FROM reviews r JOIN products pr ON pr.id = r.product_id "
	"WHERE r.user_id = ? ORDER BY r.created_at DESC, r.id DESC LIMIT ?";
static const char SQL_IDEAS[] =
	"SELECT id, title, status, user_id, UNIX_TIMESTAMP(created_at) AS created_at "
	"FROM ideas WHERE user_id = ? ORDER BY created_at DESC, id DESC LIMIT ?";
/* The badges are the same for every reader: they count what everyone
 * sees (filtered as a visitor's view below). */
static const char SQL_VERIFIED[] =
	"SELECT status, user_id FROM reviews WHERE user_id = ? AND verified = 1 LIMIT ?";
static const char SQL_SOLUTIONS[] =
	"SELECT p.status, p.user_id, p.mod_note, t.status AS thread_status, "
	"t.user_id AS thread_user_id, t.mod_note AS thread_mod_note "
	"FROM threads t JOIN posts p ON p.id = t.solved_post_id WHERE p.user_id = ?";

/* Who reads, what kind the rows are, and how many rows to keep at most. */
typedef struct seen_by {
	long long id;
	unsigned roles;
	policy_kind kind;
	size_t kept, max;
} seen_by;

/* A post's row carries its thread's status too (thread_status...): a
 * reply in a thread the reader may not see is not shown either. */
static int reader_sees(const db_rows *rows, size_t row, void *ctx)
{
	seen_by *s = ctx;
	int ok;

	if (s->kept >= s->max)
		return 0;
	ok = policy_can_see(s->kind, s->id, s->roles, row_str(rows, row, "status"),
			    row_int(rows, row, "user_id"),
			    s->kind == POLICY_POST && !row_null(rows, row, "mod_note"));
	if (ok && db_col(rows, "thread_status") != (size_t)-1)
		ok = policy_can_see(POLICY_POST, s->id, s->roles, row_str(rows, row, "thread_status"),
				    row_int(rows, row, "thread_user_id"),
				    !row_null(rows, row, "thread_mod_note"));
	if (ok)
		s->kept++;
	return ok;
}

/* Reads one kind's rows of the member, keeps what the reader (id, roles)
 * may see up to max, and returns them in *out (caller frees). */
static int read_seen(request *r, const char *sql, long long member_id, policy_kind kind,
		     long long reader_id, unsigned reader_roles, size_t max, db_rows **out)
{
	seen_by s = { reader_id, reader_roles, kind, 0, max };
	int rc = DB_SELECT(r->app->db, sql, out, DBI(member_id), DBI(PROFILE_READ));

	if (rc == 0)
		db_rows_filter(*out, reader_sees, &s);
	return rc;
}

/* d.NAME.N: the member's recent items of one kind, as the reader sees
 * them, each with its url. */
static int load_recent(request *r, const char *sql, const char *name, policy_kind kind,
		       long long member_id)
{
	db_rows *rows = NULL;
	char prefix[32], url[96];
	size_t i;
	int rc = read_seen(r, sql, member_id, kind, r->user.id, r->user.roles, PROFILE_RECENT,
			   &rows);

	if (rc != 0)
		return rc;
	snprintf(prefix, sizeof(prefix), "d.%s", name);
	for (i = 0; i < rows->nrows; i++) {
		long long id = row_int(rows, i, "id");
		char node[80];

		if (kind == POLICY_POST && db_col(rows, "thread_id") != (size_t)-1)
			forum_post_url(url, sizeof(url), row_int(rows, i, "thread_id"),
				       row_int(rows, i, "position"), id);
		else if (kind == POLICY_POST)
			snprintf(url, sizeof(url), "/t/%lld", id);
		else if (kind == POLICY_REVIEW)
			snprintf(url, sizeof(url), "/reviews/%lld", id);
		else
			snprintf(url, sizeof(url), "/ideas/%lld", id);
		snprintf(node, sizeof(node), "%s.%zu", prefix, i);
		hdf_str_at(r->hdf, node, "title", row_str(rows, i, "title"));
		hdf_str_at(r->hdf, node, "url", url);
		hdf_int_at(r->hdf, node, "created_at", row_int(rows, i, "created_at"));
		if (kind == POLICY_REVIEW) {
			hdf_str_at(r->hdf, node, "product", row_str(rows, i, "product"));
			hdf_int_at(r->hdf, node, "rating", row_int(rows, i, "rating"));
		}
	}
	if (rows->nrows > 0)
		hdf_int(r->hdf, "d.has_activity", 1);
	db_rows_free(rows);
	return 0;
}

/* d.user.badges.verified and .solutions (a count), as a visitor would
 * count them. */
static int load_earned_badges(request *r, long long member_id)
{
	db_rows *rows = NULL;
	int rc = read_seen(r, SQL_VERIFIED, member_id, POLICY_REVIEW, 0, 0, 1, &rows);

	if (rc != 0)
		return rc;
	if (rows->nrows > 0)
		hdf_int(r->hdf, "d.user.badges.verified", 1);
	db_rows_free(rows);
	rows = NULL;
	{
		seen_by s = { 0, 0, POLICY_POST, 0, (size_t)-1 };

		rc = DB_SELECT(r->app->db, SQL_SOLUTIONS, &rows, DBI(member_id));
		if (rc != 0)
			return rc;
		db_rows_filter(rows, reader_sees, &s);
		if (rows->nrows > 0)
			hdf_int(r->hdf, "d.user.badges.solutions", (long long)rows->nrows);
	}
	db_rows_free(rows);
	return 0;
}

int page_profile(request *r)
{
	db_rows *rows = NULL;
	long long member_id;
	int rc = DB_SELECT(r->app->db, SQL_PROFILE, &rows, DBS(r->args[0]));

	if (rc != 0)
		return rc;
	if (rows->nrows == 0) {
		db_rows_free(rows);
		return E_NOTFOUND;
	}
	hdf_row(r->hdf, "d.user", rows);
	member_id = row_int(rows, 0, "id");
	{
		unsigned bits = roles_parse(row_str(rows, 0, "roles"));
		if (bits & ROLE_ADMIN)
			hdf_int(r->hdf, "d.user.badges.admin", 1);
		if (bits & ROLE_MODERATOR)
			hdf_int(r->hdf, "d.user.badges.moderator", 1);
		if (bits & ROLE_STAFF)
			hdf_int(r->hdf, "d.user.badges.staff", 1);
	}
	db_rows_free(rows);
	/* roles beyond the public badges are nobody else's business */
	hdf_remove_tree(r->hdf, "d.user.roles");
	rc = load_earned_badges(r, member_id);
	if (rc == 0)
		rc = load_recent(r, SQL_THREADS, "threads", POLICY_POST, member_id);
	if (rc == 0)
		rc = load_recent(r, SQL_REPLIES, "replies", POLICY_POST, member_id);
	if (rc == 0)
		rc = load_recent(r, SQL_REVIEWS, "reviews", POLICY_REVIEW, member_id);
	if (rc == 0)
		rc = load_recent(r, SQL_IDEAS, "ideas", POLICY_IDEA, member_id);
	if (rc == 0)
		rc = follow_put(r->app->db, r->hdf, "d.follow", r->user.id, "user", member_id);
	if (rc != 0)
		return rc;
	r->template = "account/profile";
	return 200;
}
