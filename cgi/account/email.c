/* email.c: a member's email preferences (immediate, daily digest, weekly
 * digest, none) on the settings page, and the check of their address: a
 * link is mailed at registration; until it is followed the member uses the
 * site as anyone else but gets no notification email, digest,
 * re-engagement mail or password reset (only the address checks), which
 * the settings page says.
 *
 * A change of address is where a stolen session would become the account
 * for good (the new address then gets the password resets), so it asks
 * for the current password, counted by the login throttles, and waits:
 * the new address is kept in users.email_pending until the link mailed to
 * it is followed (a 'change' token, single use, a day, only its hash
 * stored), and the old address is told at once, with what to do if it was
 * not the member: reset the password, which cancels the change. */
#include "account.h"
#include "base/err.h"
#include "account/login_guard.h"
#include "services/outbox.h"
#include "services/password.h"
#include "web/session.h"
#include "web/throttle.h"

#include <stdio.h>
#include <string.h>

const field_spec email_prefs_fields[] = {
	{ "mode", F_ENUM, 0, 0, 1, "immediate|daily|weekly|none" },
	FIELDS_END
};

const field_spec verify_fields[] = {
	{ "token", F_LINE, 64, 64, 1, NULL },
	FIELDS_END
};

static const char SQL_PREFS[] =
	"SELECT COALESCE(p.mode, 'immediate') AS mode, u.email_verified_at IS NOT NULL AS verified, "
	"(SELECT COUNT(*) FROM outbox o WHERE o.user_id = u.id AND o.kind = 'verify' "
	"AND o.status IN ('queued', 'sending')) AS check_pending "
	"FROM users u LEFT JOIN email_prefs p ON p.user_id = u.id WHERE u.id = ?";
/* A change of mode starts the digests' clock afresh; saving the same mode
 * changes nothing but the language. mode is assigned last: the IFs read the
 * old one. */
static const char SQL_PREFS_SET[] =
	"INSERT INTO email_prefs (user_id, mode, lang, digest_since, next_digest_at, updated_at) "
	"VALUES (?, ?, ?, UTC_TIMESTAMP(), CASE ? WHEN 'daily' THEN UTC_TIMESTAMP() + INTERVAL 1 DAY "
	"WHEN 'weekly' THEN UTC_TIMESTAMP() + INTERVAL 7 DAY END, UTC_TIMESTAMP()) "
	"ON DUPLICATE KEY UPDATE "
	"digest_since = IF(mode = VALUES(mode), digest_since, VALUES(digest_since)), "
	"next_digest_at = IF(mode = VALUES(mode), next_digest_at, VALUES(next_digest_at)), "
	"lang = VALUES(lang), updated_at = UTC_TIMESTAMP(), mode = VALUES(mode)";
static const char SQL_PREFS_NEW[] =
	"INSERT INTO email_prefs (user_id, mode, lang, updated_at) VALUES (?, 'immediate', ?, "
	"UTC_TIMESTAMP()) ON DUPLICATE KEY UPDATE lang = VALUES(lang)";
static const char SQL_PENDING_SET[] = "UPDATE users SET email_pending = ? WHERE id = ?";
static const char SQL_CHANGE_FIND[] =
	"SELECT t.user_id AS user_id FROM account_tokens t JOIN users u ON u.id = t.user_id "
	"WHERE t.token_hash = ? AND t.purpose = 'change' AND t.used_at IS NULL "
	"AND t.expires_at > UTC_TIMESTAMP() AND t.email = u.email_pending COLLATE utf8mb4_unicode_ci";
/* following the link shows the address is the member's: it is confirmed */
static const char SQL_CHANGE_APPLY[] =
	"UPDATE users SET email = email_pending, email_pending = NULL, "
	"email_verified_at = UTC_TIMESTAMP() WHERE id = ? AND email_pending IS NOT NULL";
static const char SQL_ADDRESS[] =
	"SELECT email, email_verified_at IS NOT NULL AS verified FROM users WHERE id = ?";
static const char SQL_VERIFY_FIND[] =
	"SELECT t.user_id FROM account_tokens t JOIN users u ON u.id = t.user_id "
	"WHERE t.token_hash = ? AND t.purpose = 'verify' AND t.used_at IS NULL "
	"AND t.expires_at > UTC_TIMESTAMP() AND t.email = u.email COLLATE utf8mb4_unicode_ci";
static const char SQL_TOKEN_USE[] =
	"UPDATE account_tokens SET used_at = UTC_TIMESTAMP() WHERE token_hash = ? AND used_at IS NULL";
static const char SQL_VERIFIED[] =
	"UPDATE users SET email_verified_at = UTC_TIMESTAMP() WHERE id = ?";

/* Checks sent by hand, per member and hour. */
#define RESEND_PER_HOUR 3

int account_token_hash(const char *hex, unsigned char out[32])
{
	unsigned char raw[32];

	if (hex == NULL || strlen(hex) != 64 || hex_decode(hex, raw, sizeof(raw)) != 0)
		return E_INVALID;
	session_hash(raw, out);
	return 0;
}

int email_settings_load(request *r)
{
	db_rows *rows = NULL;
	int rc = DB_SELECT(r->app->db, SQL_PREFS, &rows, DBI(r->user.id));

	if (rc != 0)
		return rc;
	hdf_row(r->hdf, "d.email", rows);
	db_rows_free(rows);
	if (req_query(r, "sent"))
		hdf_int(r->hdf, "d.email.sent", 1);
	return 0;
}

static int queue_check(request *r, long long user_id, const char *email)
{
	outbox_item m = { .kind = "verify", .user_id = user_id, .email = email, .lang = r->lang };

	return outbox_queue(r->app->db, &m);
}

int email_registered(request *r, long long user_id, const char *email)
{
	int rc = DB_EXEC(r->app->db, SQL_PREFS_NEW, NULL, DBI(user_id), DBS(r->lang));

	return rc ? rc : queue_check(r, user_id, email);
}

int email_change_allowed(request *r, const char *hash, const char *password)
{
	login_guard g;
	int rc;

	if (password == NULL || *password == '\0') {
		req_field_error(r, "password", "err.email_password", 0);
		return E_INVALID;
	}
	/* the guesses a login would get, no more: the same counters */
	login_guard_init(&g, r, r->user.id, NULL);
	rc = login_guard_check(r, &g);
	if (rc == E_THROTTLED)
		req_field_error(r, "password", "err.throttled", 15);
	if (rc != 0)
		return rc;
	rc = password_verify(hash, password);
	if (rc == E_FORBIDDEN) {
		rc = login_guard_failed(r, &g);
		if (rc != 0)
			return rc;
		req_field_error(r, "password", "err.bad_password", 0);
		return E_INVALID;
	}
	return rc;
}

int email_change_asked(request *r, const char *old_email, const char *new_email)
{
	outbox_item link = { .kind = "change", .user_id = r->user.id, .email = new_email,
			     .lang = r->lang };
	outbox_item note = { .kind = "change_note", .user_id = r->user.id, .email = old_email,
			     .lang = r->lang };
	int rc = DB_EXEC(r->app->db, SQL_PENDING_SET, NULL, DBS(new_email), DBI(r->user.id));

	if (rc == 0)
		rc = DB_EXEC(r->app->db, SQL_PREFS_NEW, NULL, DBI(r->user.id), DBS(r->lang));
	if (rc == 0)
		rc = outbox_queue(r->app->db, &link);
	return rc ? rc : outbox_queue(r->app->db, &note);
}

/* The two links mailed to an address, the check of a new member's
 * ('verify') and the confirmation of a change of address ('change'), are
 * followed the same way: GET shows a button, so that a link scanner
 * changes nothing, and POST spends the token (single use, unexpired, for
 * the address it was mailed to) and does what it stands for in one
 * transaction, then goes to the page that says it is done. They differ
 * only in what a token_link says, so that finding the token, refusing a
 * stale one with its page and the redirect that follows are written once,
 * in token_page and token_confirm. */
typedef struct token_link {
	const char *template;  /* the page of the form and of its answer */
	const char *done_flag; /* set to 1 on the page of ?done=1 */
	const char *find_sql;  /* the member a live token (its hash) is good for */
	const char *apply_sql; /* what following it does, given the member's id */
	int apply_one;         /* apply_sql must change one row, else the link is stale */
	const char *taken;     /* text for a unique key apply_sql breaks (409), or NULL */
	const char *bad_link;  /* text of the page of a stale or unknown token (404) */
	const char *done_url;  /* where a followed link goes (303) */
} token_link;

static const token_link CHANGE_LINK = {
	.template = "account/email_change",
	.done_flag = "d.changed",
	.find_sql = SQL_CHANGE_FIND,
	.apply_sql = SQL_CHANGE_APPLY,
	.apply_one = 1,
	/* another account took the address while it waited */
	.taken = "err.email_taken",
	.bad_link = "notify.email.change_bad_link",
	.done_url = "/settings/email/confirm?done=1",
};

static const token_link VERIFY_LINK = {
	.template = "account/verify",
	.done_flag = "d.verified",
	.find_sql = SQL_VERIFY_FIND,
	.apply_sql = SQL_VERIFIED,
	/* find_sql has checked the address is the member's: the update is
	 * all there is to do, whatever row count it reports */
	.apply_one = 0,
	.taken = NULL,
	.bad_link = "notify.email.bad_link",
	.done_url = "/settings/verify?done=1",
};

/* GET ?token=: the form for a live token (form.token), the done page for
 * ?done=1, 404 with link->bad_link for a stale one. link is borrowed (a
 * static one). */
static int token_page(request *r, const token_link *link)
{
	const char *token = req_query(r, "token");
	unsigned char hash[32];
	long long user_id = 0;
	int rc;

	r->template = link->template;
	if (req_query(r, "done")) {
		hdf_int(r->hdf, link->done_flag, 1);
		return 200;
	}
	if (account_token_hash(token, hash) != 0)
		return E_INVALID;
	rc = DB_SELECT_INT(r->app->db, link->find_sql, &user_id, DBB(hash, 32));
	if (rc == E_NOTFOUND)
		hdf_str(r->hdf, "error.reason", req_text(r, link->bad_link));
	if (rc != 0)
		return rc;
	hdf_str(r->hdf, "form.token", token);
	return 200;
}

/* POST (token): marks the token used and runs link->apply_sql for its
 * member, in one transaction, then 303 to link->done_url with the member's
 * id as r->created_id. Nothing is changed on a refusal: 404 with
 * link->bad_link for a stale or unknown token, 409 with link->taken for a
 * unique key broken. link is borrowed (a static one). */
static int token_confirm(request *r, const token_link *link)
{
	unsigned char hash[32];
	long long user_id = 0;
	db_result res;
	int rc;

	r->template = link->template;
	if (r->invalid || account_token_hash(form_get(&r->in, "token"), hash) != 0)
		return E_INVALID;
	rc = db_begin(r->app->db);
	if (rc == 0)
		rc = DB_SELECT_INT(r->app->db, link->find_sql, &user_id, DBB(hash, 32));
	/* single use: of two clicks at once, one marks it used */
	if (rc == 0)
		rc = DB_EXEC(r->app->db, SQL_TOKEN_USE, &res, DBB(hash, 32));
	if (rc == 0 && res.affected != 1)
		rc = E_NOTFOUND;
	if (rc == 0)
		rc = DB_EXEC(r->app->db, link->apply_sql, &res, DBI(user_id));
	if (rc == 0 && link->apply_one && res.affected != 1)
		rc = E_NOTFOUND;
	if (rc == 0)
		rc = db_commit(r->app->db);
	else
		db_rollback(r->app->db);
	if (rc == E_NOTFOUND)
		hdf_str(r->hdf, "error.reason", req_text(r, link->bad_link));
	if (rc == E_DUP && link->taken != NULL) {
		hdf_str(r->hdf, "error.reason", req_text(r, link->taken));
		rc = E_CONFLICT;
	}
	if (rc != 0)
		return rc;
	r->created_id = user_id;
	req_redirect(r, link->done_url);
	return 303;
}

int page_email_confirm(request *r)
{
	return token_page(r, &CHANGE_LINK);
}

int do_email_confirm(request *r)
{
	return token_confirm(r, &CHANGE_LINK);
}

int do_email_prefs(request *r)
{
	const char *mode = form_get(&r->in, "mode");
	int rc = DB_EXEC(r->app->db, SQL_PREFS_SET, NULL, DBI(r->user.id), DBS(mode), DBS(r->lang),
			 DBS(mode));

	if (rc != 0)
		return rc;
	req_redirect(r, "/settings?saved=1#email");
	return 303;
}

int do_verify_resend(request *r)
{
	db_rows *rows = NULL;
	char key[64];
	int rc;

	snprintf(key, sizeof(key), "verify:user:%lld", r->user.id);
	rc = throttle_check(r->app->db, key, RESEND_PER_HOUR, 3600);
	if (rc == E_THROTTLED)
		hdf_str(r->hdf, "error.reason", req_text(r, "notify.email.resend_throttled"));
	if (rc != 0)
		return rc;
	rc = DB_SELECT(r->app->db, SQL_ADDRESS, &rows, DBI(r->user.id));
	if (rc == 0 && rows->nrows == 1 && !row_int(rows, 0, "verified")) {
		rc = db_begin(r->app->db);
		if (rc == 0)
			rc = queue_check(r, r->user.id, row_str(rows, 0, "email"));
		if (rc == 0)
			rc = throttle_hit(r->app->db, key);
		if (rc == 0)
			rc = db_commit(r->app->db);
		else
			db_rollback(r->app->db);
	}
	db_rows_free(rows);
	if (rc != 0)
		return rc;
	req_redirect(r, "/settings?sent=1#email");
	return 303;
}

int page_verify(request *r)
{
	return token_page(r, &VERIFY_LINK);
}

int do_verify(request *r)
{
	return token_confirm(r, &VERIFY_LINK);
}
