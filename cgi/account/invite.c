/* invite.c: referral. /invite gives a member their personal invitation
 * link, /register?invite=TOKEN, where TOKEN is signed with the site's
 * secret and names the member (web/token.h): it cannot be made up for
 * someone else, and it needs no storage. A registration that came through
 * it is recorded in `invitations` (inviter, invitee, accepted_at), which
 * the "referral" insight counts. A bad or tampered token never stops a
 * registration: it is just not recorded. */
#include "account.h"
#include "base/err.h"
#include "web/token.h"

#include <stdio.h>
#include <string.h>

static const char SQL_INVITEES[] =
	"SELECT u.username, UNIX_TIMESTAMP(i.accepted_at) AS accepted_at FROM invitations i "
	"JOIN users u ON u.id = i.invitee_id WHERE i.inviter_id = ? ORDER BY i.id DESC LIMIT 50";
static const char SQL_INVITED_COUNT[] = "SELECT COUNT(*) FROM invitations WHERE inviter_id = ?";
static const char SQL_INVITER[] = "SELECT username FROM users WHERE id = ?";
static const char SQL_ACCEPT[] =
	"INSERT IGNORE INTO invitations (inviter_id, invitee_id, accepted_at) "
	"VALUES (?, ?, UTC_TIMESTAMP())";

int page_invite(request *r)
{
	char payload[24], token[TOKEN_MAX], origin[300];
	db_rows *rows = NULL;
	long long n = 0;
	int rc;

	snprintf(payload, sizeof(payload), "%lld", r->user.id);
	rc = token_sign(r->app->secret, TOKEN_INVITE, payload, token);
	if (rc == 0)
		rc = DB_SELECT_INT(r->app->db, SQL_INVITED_COUNT, &n, DBI(r->user.id));
	if (rc == 0)
		rc = DB_SELECT(r->app->db, SQL_INVITEES, &rows, DBI(r->user.id));
	if (rc != 0)
		return rc;
	req_origin(r, origin, sizeof(origin));
	hdf_strf(r->hdf, "d.invite.url", "%s/register?invite=%s", origin, token);
	hdf_int(r->hdf, "d.invite.accepted", n);
	hdf_rows(r->hdf, "d.invite.people", rows);
	db_rows_free(rows);
	r->template = "account/invite";
	return 200;
}

/* The member who signed an invitation token, or 0. */
static long long inviter_of(request *r, const char *token)
{
	char payload[TOKEN_PAYLOAD_MAX + 1];
	long long id = 0;

	if (token == NULL || *token == '\0' ||
	    token_verify(r->app->secret, TOKEN_INVITE, token, payload) != 0 ||
	    parse_long(payload, 1, 1LL << 53, &id) != 0)
		return 0;
	return id;
}

void invite_show(request *r, const char *token)
{
	long long id = inviter_of(r, token);
	db_rows *rows = NULL;

	if (id == 0)
		return;
	if (DB_SELECT(r->app->db, SQL_INVITER, &rows, DBI(id)) == 0 && rows->nrows == 1) {
		hdf_str(r->hdf, "form.invite", token);
		hdf_str(r->hdf, "d.invited_by", row_str(rows, 0, "username"));
	}
	db_rows_free(rows);
}

int invite_accepted(request *r, const char *token, long long invitee_id)
{
	long long inviter = inviter_of(r, token);
	db_rows *rows = NULL;
	int rc;

	if (inviter == 0 || inviter == invitee_id)
		return 0;
	rc = DB_SELECT(r->app->db, SQL_INVITER, &rows, DBI(inviter));
	if (rc == 0 && rows->nrows == 1)
		rc = DB_EXEC(r->app->db, SQL_ACCEPT, NULL, DBI(inviter), DBI(invitee_id));
	db_rows_free(rows);
	return rc;
}
