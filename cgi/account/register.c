/* register.c: registration. A new account, its email preferences, the
 * check of its address and the invitation it came through, in one
 * transaction; then a session. */
#include "account.h"
#include "base/err.h"
#include "services/users.h"
#include "web/session.h"
#include "web/throttle.h"

#include <stdio.h>

static long long throttle_limit(request *r, const char *key, long long def)
{
	return config_int(&r->app->cfg, key, def);
}

const field_spec register_fields[] = {
	{ "username", F_USERNAME, 3, 30, 1, NULL },
	{ "email", F_EMAIL, 3, 254, 1, NULL },
	{ "password", F_PASSWORD, 1, 1000, 1, NULL },
	{ "invite", F_LINE, 0, 100, 0, NULL },
	{ "next", F_LINE, 0, 1000, 0, NULL }, /* where to go after: safe_next */
	FIELDS_END
};

int page_register(request *r)
{
	hdf_str(r->hdf, "form.next", safe_next(req_query(r, "next")));
	invite_show(r, req_query(r, "invite"));
	r->template = "account/register";
	return 200;
}

int do_register(request *r)
{
	const char *name = form_get(&r->in, "username");
	const char *email = form_get(&r->in, "email");
	const char *pw = form_get(&r->in, "password");
	char key[128];
	const char *problem;
	long long id = 0;
	int rc, taken;

	r->template = "account/register";
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
	req_said(r, "registered");
	req_redirect(r, safe_next(form_get(&r->in, "next")));
	return 303;
}
