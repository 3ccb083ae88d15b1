/* settings.c: a member's settings (address, language, bio, segment), the
 * password, ending every session, and the language switch, which a
 * visitor may use too. The email preferences and the change of address
 * are in email.c. */
#include "account.h"
#include "base/err.h"
#include "services/segments.h"
#include "services/users.h"
#include "site/segments_view.h"
#include "web/session.h"

#include <string.h>

static const char SQL_SETTINGS_GET[] =
	"SELECT email, lang, bio, segment, email_pending FROM users WHERE id = ?";
/* the address is not among them: it changes only when confirmed */
static const char SQL_SETTINGS_SET[] =
	"UPDATE users SET lang = ?, bio = ?, segment = ? WHERE id = ?";
static const char SQL_ADDRESS_NOW[] =
	"SELECT email, password_hash FROM users WHERE id = ?";
/* a new password, whoever sets it, cancels a change of address waiting
 * for its confirmation: the way back for a member whose session was
 * taken */
static const char SQL_PENDING_DROP[] = "UPDATE users SET email_pending = NULL WHERE id = ?";
static const char SQL_EMAIL_OF[] = "SELECT email, bio FROM users WHERE id = ? FOR UPDATE";
static const char SQL_PASSWORD_HASH[] = "SELECT password_hash FROM users WHERE id = ?";
static const char SQL_SET_LANG[] = "UPDATE users SET lang = ? WHERE id = ?";

const field_spec settings_fields[] = {
	{ "email", F_EMAIL, 3, 254, 1, NULL },
	{ "lang", F_ENUM, 0, 0, 0, "auto|en|es" },
	{ "bio", F_TEXT, 0, 500, 0, NULL },
	{ "segment", F_LINE, 0, SEGMENT_KEY_MAX, 0, NULL }, /* one of insights.segments, or "" */
	{ "password", F_PASSWORD, 0, 1000, 0, NULL }, /* the current one: needed to change email */
	FIELDS_END
};

const field_spec password_fields[] = {
	{ "current_password", F_PASSWORD, 1, 1000, 1, NULL },
	{ "new_password", F_PASSWORD, 1, 1000, 1, NULL },
	FIELDS_END
};

/* Puts the stored settings in form.* unless the form already holds what the
 * person typed. */
static int load_settings(request *r)
{
	db_rows *rows = NULL;
	int rc = DB_SELECT(r->app->db, SQL_SETTINGS_GET, &rows, DBI(r->user.id));

	if (rc != 0)
		return rc;
	if (rows->nrows == 1) {
		if (!hdf_get_obj(r->hdf, "form.email"))
			hdf_str(r->hdf, "form.email", row_str(rows, 0, "email"));
		if (!hdf_get_obj(r->hdf, "form.lang"))
			hdf_str(r->hdf, "form.lang",
				*row_str(rows, 0, "lang") ? row_str(rows, 0, "lang") : "auto");
		if (!hdf_get_obj(r->hdf, "form.bio"))
			hdf_str(r->hdf, "form.bio", row_str(rows, 0, "bio"));
		hdf_str(r->hdf, "d.settings.email", row_str(rows, 0, "email"));
		hdf_str(r->hdf, "d.settings.lang", row_str(rows, 0, "lang"));
		if (!hdf_get_obj(r->hdf, "form.segment"))
			hdf_str(r->hdf, "form.segment", row_str(rows, 0, "segment"));
		hdf_str(r->hdf, "d.settings.segment", row_str(rows, 0, "segment"));
		if (row_str(rows, 0, "email_pending"))
			hdf_str(r->hdf, "d.settings.email_pending",
				row_str(rows, 0, "email_pending"));
		segments_hdf(r, "d.segments"); /* the insight pages count by them */
	}
	db_rows_free(rows);
	r->template = "account/settings";
	return email_settings_load(r);
}

int page_settings(request *r)
{
	int rc;

	if (req_query(r, "saved"))
		hdf_int(r->hdf, "saved", 1);
	rc = load_settings(r);
	return rc ? rc : 200;
}

int do_settings(request *r)
{
	const char *email = form_get(&r->in, "email");
	const char *lang = form_get(&r->in, "lang");
	const char *bio = form_get(&r->in, "bio");
	const char *segment = form_get(&r->in, "segment");
	db_rows *rows = NULL;
	int rc, taken, changing = 0;

	if (!r->invalid && (taken = users_email_taken(r->app->db, email, r->user.id)) != 0) {
		if (taken < 0)
			return taken;
		req_field_error(r, "email", "err.email_taken", 0);
	}
	/* a new address needs the current password, asked before the
	 * transaction: hashing takes a while, and holds no row meanwhile */
	if (!r->invalid) {
		rc = DB_SELECT(r->app->db, SQL_ADDRESS_NOW, &rows, DBI(r->user.id));
		if (rc == 0 && rows->nrows == 0)
			rc = E_NOTFOUND;
		if (rc == 0 && strcmp(row_str(rows, 0, "email"), email) != 0) {
			changing = 1;
			rc = email_change_allowed(r, row_str(rows, 0, "password_hash"),
						  form_get(&r->in, "password"));
		}
		db_rows_free(rows);
		rows = NULL;
		if (rc == E_THROTTLED) {
			rc = load_settings(r);
			return rc ? rc : 429;
		}
		if (rc != 0 && rc != E_INVALID)
			return rc;
	}
	if (segment && *segment) {
		segment_list segs;
		segments_load(&r->app->cfg, &segs);
		if (!segments_has(&segs, segment))
			req_field_error(r, "segment", "insights.err.segment", 0);
	}
	if (r->invalid) {
		rc = load_settings(r);
		return rc ? rc : 400;
	}
	if (lang == NULL || strcmp(lang, "auto") == 0)
		lang = "";
	/* a new address waits for its confirmation, asked in the same
	 * transaction */
	rc = db_begin(r->app->db);
	if (rc == 0)
		rc = DB_SELECT(r->app->db, SQL_EMAIL_OF, &rows, DBI(r->user.id));
	if (rc == 0 && rows->nrows == 0)
		rc = E_NOTFOUND;
	/* the bio is public text on the profile: a silenced member keeps
	 * their settings but may not publish through it (a suspended one has
	 * no session at all) */
	if (rc == 0 && r->user.silenced_until &&
	    strcmp(row_str(rows, 0, "bio"), bio ? bio : "") != 0) {
		hdf_str(r->hdf, "error.reason", req_text(r, "err.silenced_bio"));
		rc = E_FORBIDDEN;
	}
	if (rc == 0)
		rc = DB_EXEC(r->app->db, SQL_SETTINGS_SET, NULL, DBS(lang), DBS(bio ? bio : ""),
			     DBS(segment ? segment : ""), DBI(r->user.id));
	/* the address changed since the password was asked for it */
	if (rc == 0 && strcmp(row_str(rows, 0, "email"), email) != 0 && !changing)
		rc = E_CONFLICT;
	if (rc == 0 && strcmp(row_str(rows, 0, "email"), email) != 0)
		rc = email_change_asked(r, row_str(rows, 0, "email"), email);
	db_rows_free(rows);
	if (rc == 0)
		rc = db_commit(r->app->db);
	else
		db_rollback(r->app->db);
	if (rc == E_DUP) {
		req_field_error(r, "email", "err.email_taken", 0);
		rc = load_settings(r);
		return rc ? rc : 409;
	}
	if (rc != 0)
		return rc;
	req_redirect(r, "/settings?saved=1");
	return 303;
}

int do_password(request *r)
{
	const char *cur = form_get(&r->in, "current_password");
	const char *pw = form_get(&r->in, "new_password");
	const char *problem;
	db_rows *rows = NULL;
	int rc;

	if (pw && (problem = password_problem(pw, r->user.name, NULL)) != NULL)
		req_field_error(r, "new_password", problem, PASSWORD_MIN);
	if (cur) {
		rc = DB_SELECT(r->app->db, SQL_PASSWORD_HASH, &rows, DBI(r->user.id));
		if (rc != 0)
			return rc;
		if (password_verify(row_str(rows, 0, "password_hash"), cur) != 0)
			req_field_error(r, "current_password", "err.bad_password", 0);
		db_rows_free(rows);
	}
	if (r->invalid) {
		rc = load_settings(r);
		return rc ? rc : 400;
	}
	rc = db_begin(r->app->db);
	if (rc == 0)
		rc = users_set_password(r->app->db, r->user.id, pw);
	if (rc == 0)
		rc = DB_EXEC(r->app->db, SQL_PENDING_DROP, NULL, DBI(r->user.id));
	if (rc == 0)
		rc = db_commit(r->app->db);
	else
		db_rollback(r->app->db);
	if (rc != 0)
		return rc;
	/* a new password ends every other session: start a fresh one here */
	rc = session_end_all(r, r->user.id);
	if (rc == 0)
		rc = session_start(r, r->user.id);
	if (rc != 0)
		return rc;
	req_redirect(r, "/settings?saved=1");
	return 303;
}

int do_logout_everywhere(request *r)
{
	int rc = session_end_all(r, r->user.id);

	if (rc != 0)
		return rc;
	req_said(r, "logged_out_everywhere");
	req_redirect(r, "/login");
	return 303;
}

const field_spec lang_fields[] = {
	{ "lang", F_ENUM, 0, 0, 1, "en|es" },
	{ "next", F_LINE, 0, HERE_MAX, 0, NULL }, /* the page it was on: safe_next */
	FIELDS_END
};

int do_lang(request *r)
{
	const char *lang = form_get(&r->in, "lang");
	int rc = 0;

	req_set_cookie(r, "tertulia_lang", lang, 365LL * 86400);
	if (r->user.id)
		rc = DB_EXEC(r->app->db, SQL_SET_LANG, NULL, DBS(lang), DBI(r->user.id));
	if (rc != 0)
		return rc;
	/* named in the language just chosen: the next page is drawn in it */
	req_said(r, "lang_changed");
	req_redirect(r, safe_next(form_get(&r->in, "next")));
	return 303;
}
