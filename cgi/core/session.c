/* session.c: login sessions and CSRF tokens (see session.h). */
#include "session.h"
#include "err.h"
#include "log.h"
#include "str.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static const char SQL_SESSION_GET[] =
	"SELECT s.id, s.user_id, UNIX_TIMESTAMP(s.last_seen_at), u.username, "
	"u.lang, u.roles, COALESCE(UNIX_TIMESTAMP(u.silenced_until), 0) "
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
		long long sid = db_cell_int(rows, 0, 0);
		long long seen = db_cell_int(rows, 0, 2);

		r->has_session = 1;
		r->user.id = db_cell_int(rows, 0, 1);
		snprintf(r->user.name, sizeof(r->user.name), "%s", db_cell(rows, 0, 3));
		snprintf(r->user.lang, sizeof(r->user.lang), "%s",
			 db_cell(rows, 0, 4) ? db_cell(rows, 0, 4) : "");
		r->user.roles = roles_parse(db_cell(rows, 0, 5));
		r->user.silenced_until = db_cell_int(rows, 0, 6);
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

/* The Origin header, when a browser sends it, must be our own. */
static int origin_ok(const request *r)
{
	const char *origin = req_env(r, "HTTP_ORIGIN");
	const char *host = req_env(r, "HTTP_HOST");
	const char *port = req_env(r, "SERVER_PORT");
	char expect[300];

	if (origin == NULL)
		return 1;
	if (r->app->origin && strcmp(origin, r->app->origin) == 0)
		return 1;
	if (host == NULL)
		return 0;
	snprintf(expect, sizeof(expect), "%s://%s", r->app->https ? "https" : "http", host);
	if (strcmp(origin, expect) == 0)
		return 1;
	/* Debian's nginx passes HTTP_HOST as $host, without the port; the
	 * browser's Origin has it when it is not the default one */
	if (port == NULL || strchr(host, ':'))
		return 0;
	snprintf(expect, sizeof(expect), "%s://%s:%s", r->app->https ? "https" : "http", host, port);
	return strcmp(origin, expect) == 0;
}

int csrf_check(request *r)
{
	const char *sent = kv_get(&r->form, "csrf");

	if (sent == NULL)
		sent = req_env(r, "HTTP_X_CSRF_TOKEN");
	if (!origin_ok(r)) {
		log_info("csrf: foreign origin refused");
		return E_FORBIDDEN;
	}
	if (sent == NULL || r->csrf[0] == '\0' || strlen(sent) != 64 ||
	    sodium_memcmp(sent, r->csrf, 64) != 0)
		return E_FORBIDDEN;
	return 0;
}
