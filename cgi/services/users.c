/* users.c: accounts in the database (see users.h). */
#include "services/users.h"
#include "base/err.h"

#include <stdio.h>
#include <string.h>

static const char SQL_USER_INSERT[] =
	"INSERT INTO users (username, email, password_hash, roles, created_at) "
	"VALUES (?, ?, ?, ?, UTC_TIMESTAMP())";
static const char SQL_USER_LOGIN[] =
	"SELECT id, username, password_hash, "
	"COALESCE(UNIX_TIMESTAMP(suspended_until), 0) AS suspended_until FROM users "
	"WHERE username = ? OR email = ? ORDER BY username = ? DESC LIMIT 1";
static const char SQL_USER_SET_PASSWORD[] =
	"UPDATE users SET password_hash = ? WHERE id = ?";
/* as the unique key compares: without case or accents, a space and an
 * underscore alike (base/username.h) */
static const char SQL_USER_NAME_TAKEN[] =
	"SELECT COUNT(*) FROM users WHERE username_key = REPLACE(?, '_', ' ')";
static const char SQL_USER_EMAIL_TAKEN[] =
	"SELECT COUNT(*) FROM users WHERE email = ? AND id <> ?";
static const char SQL_USER_SET_ROLES[] =
	"UPDATE users SET roles = ? WHERE id = ?";
static const char SQL_USER_GET_ROLES[] =
	"SELECT id, roles FROM users WHERE username = ?";
static const char SQL_USER_ROLES_OF[] = "SELECT roles FROM users WHERE id = ?";
/* read in the transaction that lifts, so that the audit line says what was
 * in force when it ended */
static const char SQL_USER_RESTRICTED[] =
	"SELECT IF(suspended_until > UTC_TIMESTAMP(), "
	"DATE_FORMAT(suspended_until, '%Y-%m-%d %H:%i UTC'), NULL) AS suspended_until, "
	"IF(silenced_until > UTC_TIMESTAMP(), "
	"DATE_FORMAT(silenced_until, '%Y-%m-%d %H:%i UTC'), NULL) AS silenced_until "
	"FROM users WHERE id = ? FOR UPDATE";
static const char SQL_USER_LIFT[] =
	"UPDATE users SET suspended_until = NULL, silenced_until = NULL WHERE id = ?";
static const char SQL_AUDIT_INSERT[] =
	"INSERT INTO audit_log (actor_id, action, target_type, target_id, reason, detail, created_at) "
	"VALUES (?, ?, ?, ?, ?, ?, UTC_TIMESTAMP())";

int users_create(db *d, const char *name, const char *email, const char *password,
		 const char *roles, long long *id)
{
	char hash[PASSWORD_HASH_MAX];
	db_result res;
	int rc = password_hash(password, hash);

	if (rc != 0)
		return rc;
	rc = DB_EXEC(d, SQL_USER_INSERT, &res, DBS(name), DBS(email), DBS(hash),
		     DBS(roles ? roles : ""));
	if (rc == 0)
		*id = (long long)res.insert_id;
	return rc;
}

int users_find_login(db *d, const char *name_or_email, login_user *out)
{
	db_rows *rows = NULL;
	int rc = DB_SELECT(d, SQL_USER_LOGIN, &rows, DBS(name_or_email),
			   DBS(name_or_email), DBS(name_or_email));

	if (rc != 0)
		return rc;
	if (rows->nrows == 0) {
		rc = E_NOTFOUND;
	} else {
		out->id = row_int(rows, 0, "id");
		snprintf(out->name, sizeof(out->name), "%s", row_str(rows, 0, "username"));
		snprintf(out->hash, sizeof(out->hash), "%s", row_str(rows, 0, "password_hash"));
		out->suspended_until = row_int(rows, 0, "suspended_until");
	}
	db_rows_free(rows);
	return rc;
}

int users_set_password(db *d, long long id, const char *password)
{
	char hash[PASSWORD_HASH_MAX];
	int rc = password_hash(password, hash);

	if (rc != 0)
		return rc;
	return DB_EXEC(d, SQL_USER_SET_PASSWORD, NULL, DBS(hash), DBI(id));
}

int users_name_taken(db *d, const char *name)
{
	long long n = 0;
	int rc = DB_SELECT_INT(d, SQL_USER_NAME_TAKEN, &n, DBS(name));

	return rc ? rc : n > 0;
}

int users_email_taken(db *d, const char *email, long long except_id)
{
	long long n = 0;
	int rc = DB_SELECT_INT(d, SQL_USER_EMAIL_TAKEN, &n, DBS(email), DBI(except_id));

	return rc ? rc : n > 0;
}

int users_set_roles(db *d, long long id, const char *roles)
{
	return DB_EXEC(d, SQL_USER_SET_ROLES, NULL, DBS(roles), DBI(id));
}

int users_get_roles(db *d, const char *name, long long *id, char *roles, size_t size)
{
	db_rows *rows = NULL;
	int rc = DB_SELECT(d, SQL_USER_GET_ROLES, &rows, DBS(name));

	if (rc != 0)
		return rc;
	if (rows->nrows == 0) {
		rc = E_NOTFOUND;
	} else {
		const char *v = row_str(rows, 0, "roles");

		*id = row_int(rows, 0, "id");
		snprintf(roles, size, "%s", v ? v : "");
	}
	db_rows_free(rows);
	return rc;
}

int users_roles_of(db *d, long long id, unsigned *roles)
{
	db_rows *rows = NULL;
	int rc = DB_SELECT(d, SQL_USER_ROLES_OF, &rows, DBI(id));

	if (rc != 0)
		return rc;
	if (rows->nrows == 0)
		rc = E_NOTFOUND;
	else
		*roles = roles_parse(row_str(rows, 0, "roles"));
	db_rows_free(rows);
	return rc;
}

int users_lift(db *d, long long actor_id, long long id, const char *reason, int *lifted)
{
	db_rows *rows = NULL;
	const char *suspended = NULL, *silenced = NULL;
	char detail[160];
	int rc;

	*lifted = 0;
	rc = db_begin(d);
	if (rc == 0)
		rc = DB_SELECT(d, SQL_USER_RESTRICTED, &rows, DBI(id));
	if (rc == 0 && rows->nrows == 0)
		rc = E_NOTFOUND;
	if (rc == 0) {
		suspended = row_str(rows, 0, "suspended_until");
		silenced = row_str(rows, 0, "silenced_until");
	}
	if (rc == 0 && (suspended || silenced)) {
		snprintf(detail, sizeof(detail), "suspended until %s, silenced until %s -> none",
			 suspended ? suspended : "-", silenced ? silenced : "-");
		rc = DB_EXEC(d, SQL_USER_LIFT, NULL, DBI(id));
		if (rc == 0)
			rc = audit_add(d, actor_id, "lift", "user", id, reason, detail);
		if (rc == 0)
			*lifted = 1;
	}
	db_rows_free(rows);
	if (rc == 0)
		return db_commit(d);
	db_rollback(d);
	*lifted = 0;
	return rc;
}

int audit_add(db *d, long long actor_id, const char *action, const char *target_type,
	      long long target_id, const char *reason, const char *detail)
{
	return DB_EXEC(d, SQL_AUDIT_INSERT, NULL, actor_id ? DBI(actor_id) : DBNULL,
		       DBS(action), DBS(target_type), DBI(target_id),
		       DBS(reason ? reason : ""), DBS(detail ? detail : ""));
}
