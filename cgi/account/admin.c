/* admin.c: the admin page, /admin: the members by name with their roles,
 * and changing a member's roles, audited. The suspended and silenced
 * members it lists too are restrictions.c's. */
#include "account.h"
#include "base/paging.h"
#include "base/err.h"
#include "services/users.h"

#include <stdio.h>
#include <string.h>

static const char SQL_ADMIN_USERS[] =
	"SELECT id, username, email, roles, UNIX_TIMESTAMP(created_at) AS joined_at "
	"FROM users WHERE username LIKE CONCAT(?, '%') ORDER BY username LIMIT ? OFFSET ?";
/* Members a page of the admin list. */
#define ADMIN_USERS_PER_PAGE 50

static int admin_probe(request *r, const void *ctx, long long offset, int *found)
{
	db_rows *rows = NULL;
	int rc = DB_SELECT(r->app->db, SQL_ADMIN_USERS, &rows, DBS((const char *)ctx), DBI(1),
			   DBI(offset));

	if (rc == 0)
		*found = rows->nrows > 0;
	db_rows_free(rows);
	return rc;
}

int page_admin(request *r)
{
	const char *q = req_query(r, "q");
	long long page = req_page(r, 100000);
	db_rows *rows = NULL;
	size_t i;
	int rc, more;

	if (q == NULL)
		q = "";
	rc = DB_SELECT(r->app->db, SQL_ADMIN_USERS, &rows, DBS(q),
		       DBI(page_limit(ADMIN_USERS_PER_PAGE)),
		       DBI(page_offset(page, ADMIN_USERS_PER_PAGE)));
	if (rc != 0)
		return rc;
	if (rows->nrows == 0 && page > 1) {
		db_rows_free(rows);
		return req_page_past_end(r, page, ADMIN_USERS_PER_PAGE, admin_probe, q);
	}
	more = rows->nrows > ADMIN_USERS_PER_PAGE;
	if (more) /* the row past the page only says that a next page exists */
		rows->nrows = ADMIN_USERS_PER_PAGE;
	hdf_rows(r->hdf, "d.users", rows);
	for (i = 0; i < rows->nrows; i++) {
		static const char *names[] = { "moderator", "staff", "marketing", "admin" };
		unsigned bits = roles_parse(row_str(rows, i, "roles"));
		char key[96];
		size_t k;

		for (k = 0; k < 4; k++) {
			snprintf(key, sizeof(key), "d.users.%zu.role.%s", i, names[k]);
			hdf_int(r->hdf, key, (bits & role_bit(names[k], strlen(names[k]))) != 0);
		}
	}
	hdf_int(r->hdf, "d.page", page);
	if (more)
		hdf_int(r->hdf, "d.next_page", page + 1);
	hdf_str(r->hdf, "d.q", q ? q : "");
	if (req_query(r, "saved"))
		hdf_str(r->hdf, "saved", req_query(r, "saved"));
	db_rows_free(rows);
	rc = admin_restricted_load(r);
	if (rc != 0)
		return rc;
	r->template = "account/admin";
	return 200;
}

const field_spec roles_fields[] = {
	{ "username", F_USERNAME, 3, 30, 1, NULL },
	{ "moderator", F_ENUM, 0, 0, 0, "on" },
	{ "staff", F_ENUM, 0, 0, 0, "on" },
	{ "marketing", F_ENUM, 0, 0, 0, "on" },
	{ "admin", F_ENUM, 0, 0, 0, "on" },
	FIELDS_END
};

int do_roles(request *r)
{
	static const char *names[] = { "moderator", "staff", "marketing", "admin" };
	const char *name = form_get(&r->in, "username");
	char old_set[64], new_set[64], detail[160];
	unsigned bits = 0, old_bits;
	long long id;
	size_t i;
	int rc;

	for (i = 0; i < 4; i++)
		if (form_get(&r->in, names[i]))
			bits |= role_bit(names[i], strlen(names[i]));
	rc = users_get_roles(r->app->db, name, &id, old_set, sizeof(old_set));
	if (rc != 0)
		return rc;
	old_bits = roles_parse(old_set);
	/* an admin cannot lock every admin out by removing their own role */
	if (id == r->user.id && !(bits & ROLE_ADMIN)) {
		hdf_str(r->hdf, "error.reason", req_text(r, "err.own_admin"));
		return E_FORBIDDEN;
	}
	/* another admin's roles are out of reach, as for every action against
	 * a member (users.h, rank_refusal); one's own roles beyond admin (the
	 * marketing digest) are one's own business */
	if (id != r->user.id && bits != old_bits) {
		const char *why = rank_refusal(r->user.id, r->user.roles, id, old_bits);
		if (why) {
			hdf_str(r->hdf, "error.reason", req_text(r, why));
			return E_FORBIDDEN;
		}
	}
	roles_format(bits, new_set, sizeof(new_set));
	if (bits != old_bits) {
		rc = db_begin(r->app->db);
		if (rc == 0)
			rc = users_set_roles(r->app->db, id, new_set);
		snprintf(detail, sizeof(detail), "%s -> %s", old_set, new_set);
		if (rc == 0)
			rc = audit_add(r->app->db, r->user.id, "roles", "user", id, "", detail);
		if (rc == 0)
			rc = db_commit(r->app->db);
		if (rc != 0) {
			db_rollback(r->app->db);
			return rc;
		}
	}
	r->created_id = id;
	{
		char url[128];
		snprintf(url, sizeof(url), "/admin?q=%s&saved=%s", name, name);
		req_redirect(r, url);
	}
	return 303;
}
