/* login.c: login and logout, behind the login throttles (login_guard.h),
 * and where to go after (safe_next). */
#include "account.h"
#include "account/login_guard.h"
#include "base/err.h"
#include "services/users.h"
#include "web/session.h"

#include <time.h>

static const char SQL_SEEN[] = "UPDATE users SET last_seen_at = UTC_TIMESTAMP() WHERE id = ?";

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

const field_spec login_fields[] = {
	{ "username", F_LINE, 1, 254, 1, NULL },
	{ "password", F_PASSWORD, 1, 1000, 1, NULL },
	{ "next", F_LINE, 0, 1000, 0, NULL }, /* where to go after: safe_next */
	FIELDS_END
};

int page_login(request *r)
{
	hdf_str(r->hdf, "form.next", safe_next(req_query(r, "next")));
	r->template = "account/login";
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

int do_login(request *r)
{
	const char *name = form_get(&r->in, "username");
	const char *pw = form_get(&r->in, "password");
	login_guard g;
	login_user u;
	int rc, found;

	r->template = "account/login";
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
	req_said(r, "logged_in");
	req_redirect(r, safe_next(form_get(&r->in, "next")));
	return 303;
}

int do_logout(request *r)
{
	int rc = session_end(r);

	if (rc != 0)
		return rc;
	req_said(r, "logged_out");
	req_redirect(r, "/");
	return 303;
}
