/* session.h: login sessions and CSRF tokens.
 *
 * A session token is 32 random bytes from libsodium, sent as 64 hex digits in
 * an HttpOnly, SameSite=Lax cookie. Only its BLAKE2b hash is stored, so a
 * copy of the sessions table cannot be used to log in. A session ends when
 * idle for app.session_idle seconds or session_max after it began.
 *
 * A CSRF token is an HMAC (key: the installation's secret) of the session
 * token, or, for a visitor, of a random visitor cookie: it is tied to the
 * browser's session and needs no storage.
 */
#ifndef TERTULIA_SESSION_H
#define TERTULIA_SESSION_H

#include "web/app.h"

#define SESSION_COOKIE "tertulia_session"
#define VISITOR_COOKIE "tertulia_visitor"

/* Hash of a raw token, as stored. */
void session_hash(const unsigned char token[32], unsigned char out[32]);

/* Looks up the session cookie of r and fills r->user and r->token_hash.
 * A missing, expired or unknown token leaves r a visitor and returns 0.
 * Returns E_DBDOWN or E_DB when the database fails. */
int session_load(request *r);

/* Starts a new session for user_id (always a new token: a token known before
 * login is never promoted) and sets its cookie. Returns 0 or an error. */
int session_start(request *r, long long user_id);

/* Ends r's session (deletes its row, clears the cookie). */
int session_end(request *r);
/* Ends every session of user_id. */
int session_end_all(request *r, long long user_id);

/* Computes r->csrf from the session or visitor cookie, issuing a visitor
 * cookie when there is neither. Returns 0 or E_NOMEM. */
int csrf_prepare(request *r);
/* Whether the POST carries the right token (form field "csrf" or header
 * X-CSRF-Token) and an acceptable Origin. Returns 0 or E_FORBIDDEN. */
int csrf_check(request *r);
/* Whether the Origin header, when one is sent, is the site's own: the same
 * scheme, host and port as public_origin, or else as the request's Host
 * (with the port the request came to when Host has none). 0 or
 * E_FORBIDDEN; a request without Origin passes. */
int origin_check(const request *r);
/* Whether two origins ("scheme://host[:port]", borrowed) are the same:
 * scheme and port exact, with 80 and 443 written or not, host in any
 * case. 0 for anything that is not such an origin ("null", a path). */
int origin_equal(const char *a, const char *b);

/* Computes the token for a raw cookie value under secret (unit-testable). */
void csrf_token_for(const unsigned char secret[32], const unsigned char cookie[32],
		    char out[65]);

#endif
