/* session.c: login sessions and CSRF tokens (see session.h). */
#include "web/session.h"
#include "base/err.h"
#include "base/log.h"
#include "base/str.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static const char SQL_SESSION_GET[] =
	"SELECT s.id, s.user_id, UNIX_TIMESTAMP(s.last_seen_at) AS last_seen, u.username, "
	"u.lang, u.roles, COALESCE(UNIX_TIMESTAMP(u.silenced_until), 0) AS silenced_until "
	"FROM sessions s JOIN users u ON u.id = s.user_id "
	"WHERE s.token_hash = ? AND s.expires_at > UTC_TIMESTAMP() "
	"AND s.last_seen_at > UTC_TIMESTAMP() - INTERVAL ? SECOND "
	"AND (u.suspended_until IS NULL OR u.suspended_until <= UTC_TIMESTAMP())";
static const char SQL_SESSION_TOUCH[] =
	"UPDATE sessions SET last_seen_at = UTC_TIMESTAMP() WHERE id = ?";
static const char SQL_SESSION_INSERT[] =
	"INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at) "
	"VALUES (?, ?, UTC_TIMESTAMP(), UTC_TIMESTAMP(), UTC_TIMESTAMP() + INTERVAL ? SECOND)";
static const char SQL_SESSION_DELETE[] =
	"DELETE FROM sessions WHERE token_hash = ?";
static const char SQL_SESSION_DELETE_USER[] =
	"DELETE FROM sessions WHERE user_id = ?";

/* A session seen within this many seconds is not written again. */
#define TOUCH_EVERY 60

void session_hash(const unsigned char token[32], unsigned char out[32])
{
	crypto_generichash(out, 32, token, 32, NULL, 0);
}

/* Reads a 64-hex-digit cookie into 32 bytes. Returns 0 or E_INVALID. */
static int cookie_token(const request *r, const char *name, unsigned char out[32])
{
	return hex_decode(kv_get(&r->cookies, name), out, 32);
}

int session_load(request *r)
{
	unsigned char token[32];
	db_rows *rows = NULL;
	int rc;

	if (cookie_token(r, SESSION_COOKIE, token) != 0)
		return 0;
	session_hash(token, r->token_hash);
	sodium_memzero(token, sizeof(token));
	rc = DB_SELECT(r->app->db, SQL_SESSION_GET, &rows,
		       DBB(r->token_hash, 32), DBI(r->app->session_idle));
	if (rc != 0)
		return rc;
	if (rows->nrows == 1) {
		long long sid = row_int(rows, 0, "id");
		long long seen = row_int(rows, 0, "last_seen");

		r->has_session = 1;
		r->user.id = row_int(rows, 0, "user_id");
		snprintf(r->user.name, sizeof(r->user.name), "%s", row_str(rows, 0, "username"));
		snprintf(r->user.lang, sizeof(r->user.lang), "%s",
			 row_str(rows, 0, "lang") ? row_str(rows, 0, "lang") : "");
		r->user.roles = roles_parse(row_str(rows, 0, "roles"));
		r->user.silenced_until = row_int(rows, 0, "silenced_until");
		if (r->user.silenced_until <= (long long)time(NULL))
			r->user.silenced_until = 0;
		if ((long long)time(NULL) - seen > TOUCH_EVERY)
			rc = DB_EXEC(r->app->db, SQL_SESSION_TOUCH, NULL, DBI(sid));
	}
	db_rows_free(rows);
	return rc;
}

int session_start(request *r, long long user_id)
{
	unsigned char token[32], hash[32];
	char hex[65];
	int rc;

	randombytes_buf(token, sizeof(token));
	session_hash(token, hash);
	rc = DB_EXEC(r->app->db, SQL_SESSION_INSERT, NULL, DBB(hash, 32),
		     DBI(user_id), DBI(r->app->session_max));
	if (rc != 0)
		goto out;
	hex_encode(token, 32, hex);
	rc = req_set_cookie(r, SESSION_COOKIE, hex, r->app->session_max);
	memcpy(r->token_hash, hash, 32);
	r->has_session = 1;
	r->user.id = user_id;
	/* the new session gets its own CSRF token */
	csrf_token_for(r->app->secret, token, r->csrf);
out:
	sodium_memzero(token, sizeof(token));
	sodium_memzero(hex, sizeof(hex));
	return rc;
}

int session_end(request *r)
{
	int rc = 0;

	if (r->has_session)
		rc = DB_EXEC(r->app->db, SQL_SESSION_DELETE, NULL, DBB(r->token_hash, 32));
	req_set_cookie(r, SESSION_COOKIE, NULL, 0);
	r->has_session = 0;
	return rc;
}

int session_end_all(request *r, long long user_id)
{
	int rc = DB_EXEC(r->app->db, SQL_SESSION_DELETE_USER, NULL, DBI(user_id));

	req_set_cookie(r, SESSION_COOKIE, NULL, 0);
	r->has_session = 0;
	return rc;
}

void csrf_token_for(const unsigned char secret[32], const unsigned char cookie[32],
		    char out[65])
{
	unsigned char mac[crypto_auth_BYTES];

	crypto_auth(mac, cookie, 32, secret);
	hex_encode(mac, 32, out);
}

int csrf_prepare(request *r)
{
	unsigned char token[32];
	char hex[65];

	if (cookie_token(r, SESSION_COOKIE, token) == 0 && r->has_session) {
		csrf_token_for(r->app->secret, token, r->csrf);
		return 0;
	}
	if (cookie_token(r, VISITOR_COOKIE, token) != 0) {
		randombytes_buf(token, sizeof(token));
		hex_encode(token, 32, hex);
		if (req_set_cookie(r, VISITOR_COOKIE, hex, -1) != 0)
			return E_NOMEM;
	}
	csrf_token_for(r->app->secret, token, r->csrf);
	return 0;
}

/* Splits "scheme://host[:port]" into its parts: the scheme (http or https),
 * the host lowercased, and the port, the scheme's default when none is
 * written. 0, or -1 for anything else (a path, "null", a port out of range). */
static int origin_parse(const char *s, char *scheme, size_t ssize, char *host, size_t hsize,
			long long *port)
{
	const char *h, *end, *colon;
	size_t n, i;

	if (strncmp(s, "http://", 7) == 0) {
		snprintf(scheme, ssize, "http");
		*port = 80;
		h = s + 7;
	} else if (strncmp(s, "https://", 8) == 0) {
		snprintf(scheme, ssize, "https");
		*port = 443;
		h = s + 8;
	} else {
		return -1;
	}
	/* an IPv6 literal keeps its colons inside the brackets */
	end = *h == '[' ? strchr(h, ']') : h;
	if (end == NULL)
		return -1;
	colon = strchr(end, ':');
	n = colon ? (size_t)(colon - h) : strlen(h);
	if (n == 0 || n >= hsize)
		return -1;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)h[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      strchr(".-[]:", c)))
			return -1;
		host[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
	}
	host[n] = '\0';
	if (colon && parse_long(colon + 1, 1, 65535, port) != 0)
		return -1;
	return 0;
}

int origin_equal(const char *a, const char *b)
{
	char sa[8], sb[8], ha[256], hb[256];
	long long pa, pb;

	if (a == NULL || b == NULL ||
	    origin_parse(a, sa, sizeof(sa), ha, sizeof(ha), &pa) != 0 ||
	    origin_parse(b, sb, sizeof(sb), hb, sizeof(hb), &pb) != 0)
		return 0;
	return strcmp(sa, sb) == 0 && strcmp(ha, hb) == 0 && pa == pb;
}

int origin_check(const request *r)
{
	const char *origin = req_env(r, "HTTP_ORIGIN");
	const char *host = req_env(r, "HTTP_HOST");
	const char *port = req_env(r, "SERVER_PORT");
	const char *scheme = r->app->https ? "https" : "http";
	const char *bracket;
	char expect[300];

	if (origin == NULL)
		return 0;
	if (r->app->origin && origin_equal(origin, r->app->origin))
		return 0;
	if (host == NULL)
		return E_FORBIDDEN;
	/* Host without a port (nginx's $host) means the port the request
	 * came to, never the scheme's default: the site on 18490 is not the
	 * site on 80 */
	bracket = strrchr(host, ']');
	if (strchr(bracket ? bracket : host, ':') || port == NULL)
		snprintf(expect, sizeof(expect), "%s://%s", scheme, host);
	else
		snprintf(expect, sizeof(expect), "%s://%s:%s", scheme, host, port);
	return origin_equal(origin, expect) ? 0 : E_FORBIDDEN;
}

int csrf_check(request *r)
{
	const char *sent = kv_get(&r->form, "csrf");

	if (sent == NULL)
		sent = req_env(r, "HTTP_X_CSRF_TOKEN");
	if (origin_check(r) != 0) {
		log_info("csrf: foreign origin refused");
		return E_FORBIDDEN;
	}
	if (sent == NULL || r->csrf[0] == '\0' || strlen(sent) != 64 ||
	    sodium_memcmp(sent, r->csrf, 64) != 0)
		return E_FORBIDDEN;
	return 0;
}
