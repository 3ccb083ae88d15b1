/* unsubscribe.c: /unsubscribe/{token}, the link at the foot of every email
 * and in its List-Unsubscribe header.
 *
 * The token (web/token.h) names the member and what to stop: "all" (every
 * notification email: the member's mode becomes "none") or KIND-ID (stop
 * following that thread, idea, category, product or member: it is muted).
 * GET only asks, so that a mail scanner following links changes nothing;
 * POST does it, with no session or CSRF token needed: the signed token is
 * the proof, and a mail client's one-click POST (RFC 8058,
 * "List-Unsubscribe=One-Click") carries nothing else. A token that is not
 * well formed answers 400, one whose signature does not match 403, and
 * neither changes anything. Doing it twice changes nothing more. */
#include "account.h"
#include "base/err.h"
#include "services/follow.h"
#include "web/token.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char SQL_MEMBER[] = "SELECT username FROM users WHERE id = ?";
static const char SQL_STOP_ALL[] =
	"INSERT INTO email_prefs (user_id, mode, updated_at) VALUES (?, 'none', UTC_TIMESTAMP()) "
	"ON DUPLICATE KEY UPDATE mode = 'none', updated_at = UTC_TIMESTAMP()";

typedef struct unsub {
	long long user_id;
	char kind[16];   /* "" for all */
	long long target_id;
} unsub;

/* Reads a token into *u. E_INVALID (malformed), E_FORBIDDEN (forged) or
 * E_NOTFOUND (no such member), with a reason for the page. */
static int read_token(request *r, unsub *u)
{
	char payload[TOKEN_PAYLOAD_MAX + 1], *dot, *dash;
	db_rows *rows = NULL;
	int rc = token_verify(r->app->secret, TOKEN_UNSUBSCRIBE, r->args[0], payload);

	memset(u, 0, sizeof(*u));
	r->template = "account/unsubscribe";
	if (rc == 0) {
		dot = strchr(payload, '.');
		if (dot == NULL)
			rc = E_INVALID;
		else
			*dot++ = '\0';
		if (rc == 0 && parse_long(payload, 1, 1LL << 53, &u->user_id) != 0)
			rc = E_INVALID;
		if (rc == 0 && strcmp(dot, "all") != 0) {
			dash = strchr(dot, '-');
			if (dash == NULL || (size_t)(dash - dot) >= sizeof(u->kind))
				rc = E_INVALID;
			else {
				memcpy(u->kind, dot, (size_t)(dash - dot));
				u->kind[dash - dot] = '\0';
				if (!follow_kind_valid(u->kind) ||
				    parse_long(dash + 1, 1, 1LL << 53, &u->target_id) != 0)
					rc = E_INVALID;
			}
		}
	}
	if (rc == 0)
		rc = DB_SELECT(r->app->db, SQL_MEMBER, &rows, DBI(u->user_id));
	if (rc == 0 && rows->nrows == 0)
		rc = E_NOTFOUND;
	if (rc == 0) {
		hdf_str(r->hdf, "d.username", row_str(rows, 0, "username"));
		hdf_str(r->hdf, "d.scope", *u->kind ? u->kind : "all");
	}
	db_rows_free(rows);
	if (rc == E_INVALID || rc == E_FORBIDDEN || rc == E_NOTFOUND) {
		r->template = NULL; /* the error page, not a form that would do nothing */
		hdf_str(r->hdf, "error.reason", req_text(r, "notify.unsub.bad_link"));
	}
	return rc;
}

int page_unsubscribe(request *r)
{
	unsub u;
	int rc = read_token(r, &u);

	if (rc != 0)
		return rc;
	hdf_str(r->hdf, "d.token", r->args[0]);
	return 200;
}

int do_unsubscribe(request *r)
{
	unsub u;
	int rc = read_token(r, &u);

	if (rc != 0)
		return rc;
	if (*u.kind)
		rc = follow_set(r->app->db, u.user_id, u.kind, u.target_id, "mute");
	else
		rc = DB_EXEC(r->app->db, SQL_STOP_ALL, NULL, DBI(u.user_id));
	if (rc != 0)
		return rc;
	hdf_str(r->hdf, "d.token", r->args[0]);
	hdf_int(r->hdf, "d.done", 1);
	return 200;
}
