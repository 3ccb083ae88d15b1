/* login_guard.c: throttles that stop the guesser, not the owner (see
 * login_guard.h). */
#include "account/login_guard.h"
#include "base/err.h"
#include "base/str.h"
#include "web/throttle.h"
#include "web/token.h"

#include <stdio.h>
#include <string.h>

/* the window every login counter is summed over */
#define WINDOW 900

/* Whether r carries a known-browser cookie signed for user_id. */
static int known_browser(const request *r, long long user_id)
{
	char payload[TOKEN_PAYLOAD_MAX + 1], want[24];
	const char *cookie = kv_get(&r->cookies, DEVICE_COOKIE);

	if (user_id <= 0 || cookie == NULL ||
	    token_verify(r->app->secret, TOKEN_DEVICE, cookie, payload) != 0)
		return 0;
	snprintf(want, sizeof(want), "%lld", user_id);
	return strcmp(payload, want) == 0;
}

void login_guard_init(login_guard *g, const request *r, long long user_id, const char *name)
{
	char lname[101];
	size_t i;

	memset(g, 0, sizeof(*g));
	snprintf(g->ip, sizeof(g->ip), "login:ip:%s", r->remote_addr);
	if (user_id > 0) {
		snprintf(g->pair, sizeof(g->pair), "login:acct@%s:%lld", r->remote_addr, user_id);
		snprintf(g->account, sizeof(g->account), "login:acct-all:%lld", user_id);
		g->known = known_browser(r, user_id);
		return;
	}
	/* the name as any case or spelling of it would be counted; its first
	 * hundred characters are enough to tell guesses apart */
	for (i = 0; name && name[i] && i + 1 < sizeof(lname); i++)
		lname[i] = (name[i] >= 'A' && name[i] <= 'Z') ? (char)(name[i] + 32) : name[i];
	lname[i] = '\0';
	snprintf(g->pair, sizeof(g->pair), "login:name@%s:%s", r->remote_addr, lname);
	snprintf(g->account, sizeof(g->account), "login:name-all:%s", lname);
}

int login_guard_check(request *r, const login_guard *g)
{
	const config *cfg = &r->app->cfg;
	int rc = throttle_check(r->app->db, g->ip, config_int(cfg, "throttle.login_per_ip", 30), WINDOW);

	if (rc == 0)
		rc = throttle_check(r->app->db, g->pair,
				    config_int(cfg, "throttle.login_per_account", 5), WINDOW);
	/* a browser the owner logged in from is not the one guessing */
	if (rc == 0 && !g->known)
		rc = throttle_check(r->app->db, g->account,
				    config_int(cfg, "throttle.login_account_lock", 50), WINDOW);
	return rc;
}

int login_guard_failed(request *r, const login_guard *g)
{
	int rc = throttle_hit(r->app->db, g->ip);

	if (rc == 0)
		rc = throttle_hit(r->app->db, g->pair);
	if (rc == 0)
		rc = throttle_hit(r->app->db, g->account);
	return rc;
}

int login_guard_passed(request *r, const login_guard *g, long long user_id)
{
	char payload[24], token[TOKEN_MAX];
	int rc = throttle_clear(r->app->db, g->pair);

	snprintf(payload, sizeof(payload), "%lld", user_id);
	if (rc == 0)
		rc = token_sign(r->app->secret, TOKEN_DEVICE, payload, token);
	if (rc == 0)
		rc = req_set_cookie(r, DEVICE_COOKIE, token, DEVICE_SECONDS);
	return rc;
}
