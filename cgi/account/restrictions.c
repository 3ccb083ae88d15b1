/* restrictions.c: the admin page's list of suspended and silenced members,
 * and lifting them. A moderator's suspension or silence otherwise ends only
 * when its days run out; an admin may end it sooner (a mistake, an appeal),
 * and so may the command line (tertuliactl user unsuspend). Lifting ends
 * both, and is audited in the transaction that lifts (users_lift). */
#include "account.h"
#include "base/err.h"
#include "base/username.h"
#include "services/users.h"

#include <stdio.h>
#include <string.h>

const field_spec lift_fields[] = {
	{ "username", F_USERNAME, 3, 30, 1, NULL },
	FIELDS_END
};

/* the restriction still in force, of at most 200 members: a list longer
 * than that is a matter for the audit log, not for one page */
static const char SQL_RESTRICTED[] =
	"SELECT id, username, "
	"IF(suspended_until > UTC_TIMESTAMP(), UNIX_TIMESTAMP(suspended_until), NULL) "
	"AS suspended_until_at, "
	"IF(silenced_until > UTC_TIMESTAMP(), UNIX_TIMESTAMP(silenced_until), NULL) "
	"AS silenced_until_at "
	"FROM users WHERE suspended_until > UTC_TIMESTAMP() OR silenced_until > UTC_TIMESTAMP() "
	"ORDER BY username LIMIT 200";
static const char SQL_ID_OF[] = "SELECT id FROM users WHERE username = ?";

int admin_restricted_load(request *r)
{
	db_rows *rows = NULL;
	int rc = DB_SELECT(r->app->db, SQL_RESTRICTED, &rows);

	if (rc != 0)
		return rc;
	hdf_rows(r->hdf, "d.restricted", rows);
	db_rows_free(rows);
	if (req_query(r, "lifted") &&
	    username_check(req_query(r, "lifted"), strlen(req_query(r, "lifted"))) == 0)
		hdf_str(r->hdf, "lifted", req_query(r, "lifted"));
	return 0;
}

int do_lift(request *r)
{
	const char *name = form_get(&r->in, "username");
	char url[128];
	long long id = 0;
	int rc, lifted = 0;

	if (r->invalid)
		return E_INVALID;
	rc = DB_SELECT_INT(r->app->db, SQL_ID_OF, &id, DBS(name));
	if (rc == 0)
		rc = users_lift(r->app->db, r->user.id, id, "", &lifted);
	if (rc != 0)
		return rc;
	r->created_id = id;
	/* lifting what has just ended by itself changes nothing, and says so
	 * the same way: the member is free either way */
	snprintf(url, sizeof(url), "/admin?lifted=%s#restricted", name);
	req_redirect(r, url);
	return 303;
}
