/* reengage.c: `tertuliactl reengage --days N`: one digest of what they
 * missed for members who have not been seen for N days.
 *
 * A member's last activity is the latest of their last login, their
 * sessions' last requests and their registration. Each dormancy gets at
 * most one mail: a reengagements row (unique per member and last activity)
 * is written with its outbox row, in one transaction, and a member who was
 * sent one after their last activity is not sent another until they come
 * back and go quiet again. Members who chose no email, whose address is not
 * verified, or who are suspended get nothing. What the mail says is
 * written when it is sent (mail_compose.c): their unread notifications
 * since they left and the liveliest threads since then. The rows feed the
 * "reactivation" insight: a member seen after queued_at came back. */
#include "ctl.h"
#include "base/err.h"
#include "services/outbox.h"
#include "base/str.h"

#include <stdio.h>

static const char SQL_DORMANT[] =
	"SELECT x.id, UNIX_TIMESTAMP(x.since) AS dormant_since FROM ("
	"SELECT u.id, u.email_verified_at, u.suspended_until, "
	"GREATEST(COALESCE(u.last_seen_at, u.created_at), "
	"COALESCE((SELECT MAX(s.last_seen_at) FROM sessions s WHERE s.user_id = u.id), u.created_at)) "
	"AS since FROM users u) x LEFT JOIN email_prefs p ON p.user_id = x.id "
	"WHERE x.since < UTC_TIMESTAMP() - INTERVAL ? DAY AND x.email_verified_at IS NOT NULL "
	"AND COALESCE(p.mode, 'immediate') <> 'none' "
	"AND (x.suspended_until IS NULL OR x.suspended_until < UTC_TIMESTAMP()) "
	"AND NOT EXISTS (SELECT 1 FROM reengagements r WHERE r.user_id = x.id AND r.queued_at >= x.since) "
	"ORDER BY x.id LIMIT ?";
static const char SQL_RECORD[] =
	"INSERT IGNORE INTO reengagements (user_id, dormant_since, days, queued_at) "
	"VALUES (?, FROM_UNIXTIME(?), ?, UTC_TIMESTAMP())";

static const arg_opt options[] = {
	{ "--days", ARG_NUMBER, ARG_REQUIRED, 1, 3650, 0, "N", "members not seen for N days" },
	{ "--limit", ARG_NUMBER, 0, 1, 1000000, 1000, "M", "at most M digests this run" },
};
const arg_spec ctl_reengage_args = { ARGS_OPTS(options), "", 0, 0, 0 };

/* d is NULL: it connects by itself, as db.mail.* when there is one. */
int ctl_reengage(db *unused, const config *cfg, const args *a)
{
	long long days = args_number(a, "--days"), limit = args_number(a, "--limit"), queued = 0;
	db *d = NULL;
	db_rows *rows = NULL;
	size_t i;
	int rc;

	(void)unused;
	rc = db_new(&d, cfg, config_get(cfg, "db.mail.user", NULL) ? "mail" : "admin");
	if (rc == 0)
		rc = DB_SELECT(d, SQL_DORMANT, &rows, DBI(days), DBI(limit));
	for (i = 0; rc == 0 && i < rows->nrows; i++) {
		long long uid = row_int(rows, i, "id"), since = row_int(rows, i, "dormant_since");
		outbox_item o = { .kind = "reengage", .user_id = uid, .window_start = since };
		db_result res;

		rc = db_begin(d);
		if (rc == 0)
			rc = DB_EXEC(d, SQL_RECORD, &res, DBI(uid), DBI(since), DBI(days));
		if (rc == 0 && res.affected == 1) {
			rc = outbox_queue(d, &o);
			queued += rc == 0;
		}
		if (rc == 0)
			rc = db_commit(d);
		else
			db_rollback(d);
	}
	db_rows_free(rows);
	db_free(d);
	if (rc != 0) {
		fprintf(stderr, "reengage failed: %s\n", err_name(rc));
		return 1;
	}
	printf("re-engagement digests queued: %lld\n", queued);
	return 0;
}
