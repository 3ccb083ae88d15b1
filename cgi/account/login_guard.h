/* login_guard.h: the throttles on password guesses at login.
 *
 * They stop whoever guesses, not the account's owner. Failures are counted
 * per address (throttle.login_per_ip, 30 in 15 minutes) and per account
 * and address together (throttle.login_per_account, 5 in 15 minutes): wrong
 * passwords sent from elsewhere never lock the owner out. Failures on one
 * account from all addresses together (throttle.login_account_lock, 50 in
 * 15 minutes) lock it, against guessing from many addresses, but only for
 * browsers it was never logged in from: a login leaves a "known browser"
 * cookie signed for the account (token.h, purpose TOKEN_DEVICE, for a
 * year), and that browser still gets in with the right password. A name
 * that no account has is counted the same way, by the name.
 *
 * The counters are throttle.h's; a guess refused by a throttle is not
 * counted (it was not tried).
 */
#ifndef TERTULIA_LOGIN_GUARD_H
#define TERTULIA_LOGIN_GUARD_H

#include "web/app.h"

#define DEVICE_COOKIE "tertulia_device"
/* Known-browser tokens: payload "UID" of the account that logged in. */
#define TOKEN_DEVICE "device"
/* How long a browser stays known after a login: a year. */
#define DEVICE_SECONDS (365LL * 24 * 3600)

typedef struct login_guard {
	char ip[128];       /* the address's counter */
	char pair[192];     /* the account's (or name's) counter from this address */
	char account[192];  /* the account's (or name's) counter from everywhere */
	int known;          /* r came from a browser user_id logged in from */
} login_guard;

/* Fills *g for a guess from r at the account user_id, or, when user_id is
 * 0, at name (which no account has). Reads r's cookies; borrows nothing. */
void login_guard_init(login_guard *g, const request *r, long long user_id, const char *name);
/* 0 when the guess may be tried, E_THROTTLED when a counter g concerns is
 * full, or a database error. */
int login_guard_check(request *r, const login_guard *g);
/* Counts a wrong password (or an unknown name). 0 or a database error. */
int login_guard_failed(request *r, const login_guard *g);
/* After the right password for user_id: forgets this address's failures
 * on the account (the owner's own typos) and marks the browser known (a
 * Set-Cookie on r). The failures from everywhere are left to expire: the
 * owner getting in does not give a guesser elsewhere more tries. 0 or an
 * error. */
int login_guard_passed(request *r, const login_guard *g, long long user_id);

#endif
