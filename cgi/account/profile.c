/* profile.c: a member's public profile, /u/NAME: when they joined and
 * were last seen, their bio, their public badges and whether the reader
 * follows them. */
#include "account.h"
#include "base/err.h"
#include "services/follow.h"

static const char SQL_PROFILE[] =
	"SELECT id, username, roles, bio, DATE_FORMAT(created_at, '%Y-%m-%d') AS joined, "
	"DATE_FORMAT(last_seen_at, '%Y-%m-%d') AS last_seen FROM users WHERE username = ?";

int page_profile(request *r)
{
	db_rows *rows = NULL;
	int rc = DB_SELECT(r->app->db, SQL_PROFILE, &rows, DBS(r->args[0]));

	if (rc != 0)
		return rc;
	if (rows->nrows == 0) {
		db_rows_free(rows);
		return E_NOTFOUND;
	}
	hdf_row(r->hdf, "d.user", rows);
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
	rc = follow_put(r->app->db, r->hdf, "d.follow", r->user.id, "user",
			hdf_get_int_value(r->hdf, "d.user.id", 0));
	if (rc != 0)
		return rc;
	r->template = "account/profile";
	return 200;
}
