/* password_reset.c: "forgot my password".
 *
 * POST /password/forgot answers the same, in the same time, whether or not
 * an account has the address: it only queues an outbox row for the typed
 * address. The mail sender looks the address up; when an account has it
 * and has confirmed it (an address nobody has shown is theirs, or one
 * waiting for a change to be confirmed, gets nothing), it makes a
 * single-use token (only its hash is stored, valid one hour from sending)
 * and mails the link; otherwise it drops the row and sends
 * nothing. /password/reset?token=... takes a new password once: the token
 * is marked used in the same transaction, every session of the member ends
 * (this browser gets a fresh one), a change of address waiting for its
 * confirmation is cancelled, and the address counts as verified, since
 * the member has just shown they read its mail. */
#include "account.h"
#include "base/err.h"
#include "services/outbox.h"
#include "services/password.h"
#include "web/session.h"
#include "web/throttle.h"
#include "services/users.h"

#include <stdio.h>
#include <string.h>

const field_spec forgot_fields[] = {
	{ "email", F_EMAIL, 3, 254, 1, NULL },
	FIELDS_END
};

const field_spec reset_fields[] = {
	{ "token", F_LINE, 64, 64, 1, NULL },
	{ "password", F_PASSWORD, 1, 1000, 1, NULL },
	FIELDS_END
};

static const char SQL_RESET_FIND[] =
	"SELECT t.user_id, u.username, u.email, t.email = u.email COLLATE utf8mb4_unicode_ci AS same_address "
	"FROM account_tokens t JOIN users u ON u.id = t.user_id "
	"WHERE t.token_hash = ? AND t.purpose = 'reset' AND t.used_at IS NULL "
	"AND t.expires_at > UTC_TIMESTAMP()";
static const char SQL_TOKEN_USE[] =
	"UPDATE account_tokens SET used_at = UTC_TIMESTAMP() WHERE token_hash = ? AND used_at IS NULL";
static const char SQL_VERIFIED[] =
	"UPDATE users SET email_verified_at = COALESCE(email_verified_at, UTC_TIMESTAMP()) WHERE id = ?";
/* whoever asked for a change of address may have had the session, not the
 * mailbox: the reset, made from the mailbox, cancels it */
static const char SQL_PENDING_DROP[] = "UPDATE users SET email_pending = NULL WHERE id = ?";

int page_forgot(request *r)
{
	if (req_query(r, "sent"))
		hdf_int(r->hdf, "d.sent", 1);
	r->template = "account/password_forgot";
	return 200;
}

int do_forgot(request *r)
{
	const char *email = form_get(&r->in, "email");
	outbox_item m = { .kind = "reset", .email = email, .lang = r->lang };
	char ipkey[128], addrkey[300], addr[256];
	int rc;

	r->template = "account/password_forgot";
	if (r->invalid)
		return 400;
	lower_copy(addr, sizeof(addr), email);
	snprintf(ipkey, sizeof(ipkey), "reset:ip:%s", r->remote_addr);
	snprintf(addrkey, sizeof(addrkey), "reset:addr:%s", addr);
	rc = throttle_check(r->app->db, ipkey, config_int(&r->app->cfg, "throttle.reset_per_ip", 10), 3600);
	if (rc == 0)
		rc = throttle_check(r->app->db, addrkey,
				    config_int(&r->app->cfg, "throttle.reset_per_address", 3), 3600);
	if (rc == E_THROTTLED) {
		req_field_error(r, "email", "err.throttled", 60);
		return 429;
	}
	if (rc != 0)
		return rc;
	/* the same work for every address: whether an account has it is the
	 * sender's business, never this answer's */
	rc = db_begin(r->app->db);
	if (rc == 0)
		rc = outbox_queue(r->app->db, &m);
	if (rc == 0)
		rc = throttle_hit(r->app->db, ipkey);
	if (rc == 0)
		rc = throttle_hit(r->app->db, addrkey);
	if (rc == 0)
		rc = db_commit(r->app->db);
	else
		db_rollback(r->app->db);
	if (rc != 0)
		return rc;
	req_redirect(r, "/password/forgot?sent=1");
	return 303;
}

/* Finds a live reset token; E_NOTFOUND (with the page's explanation) when
 * it is unknown, used or expired. */
static int find_token(request *r, const unsigned char hash[32], db_rows **rows)
{
	int rc = DB_SELECT(r->app->db, SQL_RESET_FIND, rows, DBB(hash, 32));

	if (rc == 0 && (*rows)->nrows == 0) {
		db_rows_free(*rows);
		*rows = NULL;
		hdf_int(r->hdf, "d.bad_link", 1);
		hdf_str(r->hdf, "error.reason", req_text(r, "notify.reset.bad_link"));
		rc = E_NOTFOUND;
	}
	return rc;
}

int page_reset(request *r)
{
	const char *token = req_query(r, "token");
	unsigned char hash[32];
	db_rows *rows = NULL;
	int rc;

	r->template = "account/password_reset";
	if (account_token_hash(token, hash) != 0) {
		hdf_int(r->hdf, "d.bad_link", 1);
		return E_INVALID;
	}
	rc = find_token(r, hash, &rows);
	if (rc != 0)
		return rc;
	hdf_str(r->hdf, "form.token", token);
	hdf_str(r->hdf, "d.username", row_str(rows, 0, "username"));
	db_rows_free(rows);
	return 200;
}

int do_reset(request *r)
{
	const char *pw = form_get(&r->in, "password");
	const char *problem;
	unsigned char hash[32];
	db_rows *rows = NULL;
	db_result res;
	long long user_id;
	int rc;

	r->template = "account/password_reset";
	if (account_token_hash(form_get(&r->in, "token"), hash) != 0) {
		hdf_int(r->hdf, "d.bad_link", 1);
		return E_INVALID;
	}
	rc = db_begin(r->app->db);
	if (rc == 0)
		rc = find_token(r, hash, &rows);
	if (rc != 0) {
		db_rollback(r->app->db);
		return rc;
	}
	user_id = row_int(rows, 0, "user_id");
	hdf_str(r->hdf, "d.username", row_str(rows, 0, "username"));
	if (pw && (problem = password_problem(pw, row_str(rows, 0, "username"),
					      row_str(rows, 0, "email"))) != NULL)
		req_field_error(r, "password", problem, PASSWORD_MIN);
	if (r->invalid) {
		db_rows_free(rows);
		db_rollback(r->app->db);
		return 400;
	}
	/* single use: of two submits at once, one marks it used */
	rc = DB_EXEC(r->app->db, SQL_TOKEN_USE, &res, DBB(hash, 32));
	if (rc == 0 && res.affected != 1)
		rc = E_CONFLICT;
	if (rc == 0)
		rc = users_set_password(r->app->db, user_id, pw);
	if (rc == 0 && row_int(rows, 0, "same_address"))
		rc = DB_EXEC(r->app->db, SQL_VERIFIED, NULL, DBI(user_id));
	if (rc == 0)
		rc = DB_EXEC(r->app->db, SQL_PENDING_DROP, NULL, DBI(user_id));
	/* whoever had the old password is logged out everywhere */
	if (rc == 0)
		rc = session_end_all(r, user_id);
	db_rows_free(rows);
	if (rc == 0)
		rc = db_commit(r->app->db);
	else
		db_rollback(r->app->db);
	if (rc == 0)
		rc = session_start(r, user_id);
	if (rc != 0)
		return rc;
	r->created_id = user_id;
	req_redirect(r, "/settings?saved=1");
	return 303;
}
