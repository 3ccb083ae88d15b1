/* account.c: the accounts program. Registration, login and logout,
 * settings, profiles, the language switch and the admin page for roles.
 * It is the only program whose database account reads password hashes. */
#include "account/account.h"
#include "web/app.h"
#include "base/err.h"
#include "services/follow.h"
#include "base/log.h"
#include "account/login_guard.h"
#include "services/segments.h"
#include "site/segments_view.h"
#include "site/hooks.h"
#include "web/server.h"
#include "web/session.h"
#include "web/throttle.h"
#include "services/users.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static const char SQL_PROFILE[] =
	"SELECT id, username, roles, bio, DATE_FORMAT(created_at, '%Y-%m-%d') AS joined, "
	"DATE_FORMAT(last_seen_at, '%Y-%m-%d') AS last_seen FROM users WHERE username = ?";
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
static const char SQL_SET_LANG[] = "UPDATE users SET lang = ? WHERE id = ?";
static const char SQL_SEEN[] = "UPDATE users SET last_seen_at = UTC_TIMESTAMP() WHERE id = ?";
static const char SQL_PASSWORD_HASH[] = "SELECT password_hash FROM users WHERE id = ?";
static const char SQL_ADMIN_USERS[] =
	"SELECT id, username, email, roles, DATE_FORMAT(created_at, '%Y-%m-%d') AS joined "
	"FROM users WHERE username LIKE CONCAT(?, '%') ORDER BY username LIMIT 51 OFFSET ?";

/* ------------------------------------------------------------ helpers */

/* A redirect target from a form or query: a local path only, so that a link
 * cannot send people elsewhere after login. */
const char *safe_next(const char *next)
{
	const char *p;

	if (next == NULL || next[0] != '/' || next[1] == '/' || next[1] == '\\')
		return "/";
	for (p = next; *p; p++)
		if ((unsigned char)*p < 0x21 || *p == '\\' || (unsigned char)*p == 0x7F)
			return "/";
	return next;
}

static long long throttle_limit(request *r, const char *key, long long def)
{
	return config_int(&r->app->cfg, key, def);
}

/* ------------------------------------------------------------ register */

static const field_spec register_fields[] = {
	{ "username", F_USERNAME, 3, 30, 1, NULL },
	{ "email", F_EMAIL, 3, 254, 1, NULL },
	{ "password", F_PASSWORD, 1, 1000, 1, NULL },
	{ "invite", F_LINE, 0, 100, 0, NULL },
	{ "next", F_LINE, 0, 1000, 0, NULL }, /* where to go after: safe_next */
	FIELDS_END
};

static int page_register(request *r)
{
	hdf_str(r->hdf, "form.next", safe_next(req_query(r, "next")));
	invite_show(r, req_query(r, "invite"));
	r->template = "register";
	return 200;
}

static int do_register(request *r)
{
	const char *name = form_get(&r->in, "username");
	const char *email = form_get(&r->in, "email");
	const char *pw = form_get(&r->in, "password");
	char key[128];
	const char *problem;
	long long id = 0;
	int rc, taken;

	r->template = "register";
	hdf_str(r->hdf, "form.next", safe_next(form_get(&r->in, "next")));
	snprintf(key, sizeof(key), "register:ip:%s", r->remote_addr);
	rc = throttle_check(r->app->db, key, throttle_limit(r, "throttle.register_per_ip", 10), 3600);
	if (rc == E_THROTTLED) {
		req_field_error(r, "username", "err.throttled", 60);
		return 429;
	}
	/* every attempt counts, whatever it finds: an address already taken
	 * must not answer for free, or the form tells anyone, without limit,
	 * who has an account */
	if (rc == 0)
		rc = throttle_hit(r->app->db, key);
	if (rc != 0)
		return rc;
	if (pw && (problem = password_problem(pw, name, email)) != NULL)
		req_field_error(r, "password", problem, PASSWORD_MIN);
	if (name && (taken = users_name_taken(r->app->db, name)) != 0) {
		if (taken < 0)
			return taken;
		req_field_error(r, "username", "err.name_taken", 0);
	}
	if (email && (taken = users_email_taken(r->app->db, email, 0)) != 0) {
		if (taken < 0)
			return taken;
		req_field_error(r, "email", "err.email_taken", 0);
	}
	invite_show(r, form_get(&r->in, "invite"));
	if (r->invalid)
		return 400;
	/* the account, its email preferences, the address check and the
	 * invitation it came through, all or nothing */
	rc = db_begin(r->app->db);
	if (rc == 0)
		rc = users_create(r->app->db, name, email, pw, "", &id);
	if (rc == 0)
		rc = email_registered(r, id, email);
	if (rc == 0)
		rc = invite_accepted(r, form_get(&r->in, "invite"), id);
	if (rc == 0)
		rc = db_commit(r->app->db);
	else
		db_rollback(r->app->db);
	if (rc == E_DUP) { /* taken between the check and the insert */
		req_field_error(r, "username", "err.name_taken", 0);
		return 409;
	}
	if (rc == 0)
		rc = session_start(r, id);
	if (rc != 0)
		return rc;
	r->created_id = id;
	req_redirect(r, safe_next(form_get(&r->in, "next")));
	return 303;
}

/* --------------------------------------------------------------- login */

static const field_spec login_fields[] = {
	{ "username", F_LINE, 1, 254, 1, NULL },
	{ "password", F_PASSWORD, 1, 1000, 1, NULL },
	{ "next", F_LINE, 0, 1000, 0, NULL }, /* where to go after: safe_next */
	FIELDS_END
};

static int page_login(request *r)
{
	hdf_str(r->hdf, "form.next", safe_next(req_query(r, "next")));
	r->template = "login";
	return 200;
}

/* Lowercased copy of an account name for throttle keys. */
void lower_copy(char *out, size_t size, const char *s)
{
	size_t i;

	for (i = 0; s[i] && i + 1 < size; i++)
		out[i] = (s[i] >= 'A' && s[i] <= 'Z') ? (char)(s[i] + 32) : s[i];
	out[i] = '\0';
}

static int do_login(request *r)
{
	const char *name = form_get(&r->in, "username");
	const char *pw = form_get(&r->in, "password");
	login_guard g;
	login_user u;
	int rc, found;

	r->template = "login";
	hdf_str(r->hdf, "form.next", safe_next(form_get(&r->in, "next")));
	if (r->invalid)
		return 400;
	/* the counters are the account's, however it is named (username in
	 * any case, or email), and the address's: login_guard.h */
	rc = users_find_login(r->app->db, name, &u);
	if (rc != 0 && rc != E_NOTFOUND)
		return rc;
	found = rc == 0;
	login_guard_init(&g, r, found ? u.id : 0, name);
	rc = login_guard_check(r, &g);
	if (rc == 0)
		rc = found ? password_verify(u.hash, pw)
			   : password_verify_dummy(pw); /* same time, same answer */
	if (rc == E_THROTTLED) {
		req_field_error(r, "username", "err.throttled", 15);
		return 429;
	}
	if (rc == E_FORBIDDEN) {
		int hit = login_guard_failed(r, &g);
		if (hit != 0)
			return hit;
		req_field_error(r, "password", "err.bad_login", 0);
		return 401;
	}
	if (rc != 0)
		return rc;
	if (u.suspended_until > (long long)time(NULL)) {
		char until[32];
		time_t t = (time_t)u.suspended_until;
		struct tm tm;
		gmtime_r(&t, &tm);
		strftime(until, sizeof(until), "%Y-%m-%d %H:%M UTC", &tm);
		req_field_error(r, "username", "err.suspended", 0);
		hdf_str(r->hdf, "form.suspended_until", until);
		return 403;
	}
	if (password_needs_rehash(u.hash) && (rc = users_set_password(r->app->db, u.id, pw)) != 0)
		return rc;
	rc = login_guard_passed(r, &g, u.id);
	if (rc == 0)
		rc = session_start(r, u.id);
	if (rc == 0)
		rc = DB_EXEC(r->app->db, SQL_SEEN, NULL, DBI(u.id));
	if (rc != 0)
		return rc;
	r->created_id = u.id;
	req_redirect(r, safe_next(form_get(&r->in, "next")));
	return 303;
}

static int do_logout(request *r)
{
	int rc = session_end(r);

	if (rc != 0)
		return rc;
	req_redirect(r, "/");
	return 303;
}

/* ------------------------------------------------------------ settings */

static const field_spec settings_fields[] = {
	{ "email", F_EMAIL, 3, 254, 1, NULL },
	{ "lang", F_ENUM, 0, 0, 0, "auto|en|es" },
	{ "bio", F_TEXT, 0, 500, 0, NULL },
	{ "segment", F_LINE, 0, SEGMENT_KEY_MAX, 0, NULL }, /* one of insights.segments, or "" */
	{ "password", F_PASSWORD, 0, 1000, 0, NULL }, /* the current one: needed to change email */
	FIELDS_END
};

static const field_spec password_fields[] = {
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
	r->template = "settings";
	return email_settings_load(r);
}

static int page_settings(request *r)
{
	int rc;

	if (req_query(r, "saved"))
		hdf_int(r->hdf, "saved", 1);
	rc = load_settings(r);
	return rc ? rc : 200;
}

static int do_settings(request *r)
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

static int do_password(request *r)
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

static int do_logout_everywhere(request *r)
{
	int rc = session_end_all(r, r->user.id);

	if (rc != 0)
		return rc;
	req_redirect(r, "/login");
	return 303;
}

/* ------------------------------------------------------------- profile */

static int page_profile(request *r)
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
	r->template = "profile";
	return 200;
}

/* --------------------------------------------------------------- language */

static const field_spec lang_fields[] = {
	{ "lang", F_ENUM, 0, 0, 1, "en|es" },
	{ "next", F_LINE, 0, 1000, 0, NULL }, /* where to go after: safe_next */
	FIELDS_END
};

static int do_lang(request *r)
{
	const char *lang = form_get(&r->in, "lang");
	int rc = 0;

	req_set_cookie(r, "tertulia_lang", lang, 365LL * 86400);
	if (r->user.id)
		rc = DB_EXEC(r->app->db, SQL_SET_LANG, NULL, DBS(lang), DBI(r->user.id));
	if (rc != 0)
		return rc;
	req_redirect(r, safe_next(form_get(&r->in, "next")));
	return 303;
}

/* ---------------------------------------------------------------- admin */

static int page_admin(request *r)
{
	const char *q = req_query(r, "q");
	long long page = 1;
	db_rows *rows = NULL;
	size_t i;
	int rc, more;

	if (req_query(r, "page") && parse_long(req_query(r, "page"), 1, 100000, &page) != 0)
		return E_INVALID;
	rc = DB_SELECT(r->app->db, SQL_ADMIN_USERS, &rows, DBS(q ? q : ""), DBI((page - 1) * 50));
	if (rc != 0)
		return rc;
	more = rows->nrows > 50;
	if (rows->nrows > 50)
		rows->nrows = 50; /* the 51st row only says that a next page exists */
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
	r->template = "admin";
	return 200;
}

static const field_spec roles_fields[] = {
	{ "username", F_USERNAME, 3, 30, 1, NULL },
	{ "moderator", F_ENUM, 0, 0, 0, "on" },
	{ "staff", F_ENUM, 0, 0, 0, "on" },
	{ "marketing", F_ENUM, 0, 0, 0, "on" },
	{ "admin", F_ENUM, 0, 0, 0, "on" },
	FIELDS_END
};

static int do_roles(request *r)
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

static const route routes[] = {
	{ R_GET, "/register", page_register, 0, NULL, NULL },
	{ R_POST | R_FORM_ERRORS, "/register", do_register, 0, register_fields, NULL },
	{ R_GET, "/login", page_login, 0, NULL, NULL },
	{ R_POST | R_FORM_ERRORS, "/login", do_login, 0, login_fields, NULL },
	{ R_POST, "/logout", do_logout, 0, NULL, NULL },
	{ R_GET | R_LOGIN, "/settings", page_settings, 0, NULL, NULL },
	{ R_POST | R_LOGIN | R_FORM_ERRORS, "/settings", do_settings, 0, settings_fields, NULL },
	{ R_POST | R_LOGIN | R_FORM_ERRORS, "/settings/password", do_password, 0, password_fields, NULL },
	{ R_POST | R_LOGIN, "/settings/logout-everywhere", do_logout_everywhere, 0, NULL, NULL },
	{ R_GET, "/u/:s", page_profile, 0, NULL, NULL },
	{ R_POST, "/lang", do_lang, 0, lang_fields, NULL },
	{ R_GET | R_LOGIN, "/admin", page_admin, ROLE_ADMIN, NULL, NULL },
	{ R_POST | R_LOGIN, "/admin/roles", do_roles, ROLE_ADMIN, roles_fields, NULL },
	{ R_POST | R_LOGIN, "/admin/lift", do_lift, ROLE_ADMIN, lift_fields, NULL },
	{ R_POST | R_LOGIN, "/settings/email", do_email_prefs, 0, email_prefs_fields, NULL },
	{ R_GET, "/settings/email/confirm", page_email_confirm, 0, NULL, NULL },
	{ R_POST, "/settings/email/confirm", do_email_confirm, 0, verify_fields, NULL },
	{ R_POST | R_LOGIN, "/settings/verify/resend", do_verify_resend, 0, NULL, NULL },
	{ R_GET, "/settings/verify", page_verify, 0, NULL, NULL },
	{ R_POST, "/settings/verify", do_verify, 0, verify_fields, NULL },
	{ R_GET, "/password/forgot", page_forgot, 0, NULL, NULL },
	{ R_POST | R_FORM_ERRORS, "/password/forgot", do_forgot, 0, forgot_fields, NULL },
	{ R_GET, "/password/reset", page_reset, 0, NULL, NULL },
	{ R_POST | R_FORM_ERRORS, "/password/reset", do_reset, 0, reset_fields, NULL },
	{ R_GET | R_LOGIN, "/notifications", page_notifications, 0, NULL, NULL },
	{ R_POST | R_LOGIN, "/notifications/read-all", do_read_all, 0, NULL, NULL },
	{ R_POST | R_LOGIN, "/notifications/:id/read", do_read, 0, read_fields, NULL },
	{ R_GET | R_LOGIN, "/notifications/following", page_following, 0, NULL, NULL },
	{ R_POST | R_LOGIN, "/follow", do_follow, 0, follow_fields, NULL },
	{ R_GET | R_LOGIN, "/invite", page_invite, 0, NULL, NULL },
	{ R_GET | R_SECRET_PATH, "/unsubscribe/:s", page_unsubscribe, 0, NULL, NULL },
	{ R_POST | R_NOSESSION | R_API | R_SECRET_PATH, "/unsubscribe/:s", do_unsubscribe, 0,
	  NULL, NULL },
	{ R_GET | R_NOSESSION, "/healthz", page_healthz, 0, NULL, NULL },
};

int main(int argc, char **argv)
{
	return server_main(argc, argv, "account", routes, sizeof(routes) / sizeof(routes[0]),
			   &site_hooks_plain);
}
