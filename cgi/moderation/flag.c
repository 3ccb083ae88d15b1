/* flag.c: members flag content. Once per member per item; flaggers stay
 * anonymous to the author; enough flags from distinct members hide the item
 * until a moderator decides (moderation.flags_to_hide).
 *
 * Only established members' flags count towards hiding: accounts at least
 * moderation.flag_min_account_hours old (24) with something published (a
 * visible post, review or idea), and moderators, staff and admins. Three
 * accounts made a minute ago must not take a post down; their flags are
 * still recorded and queued for a moderator. Content by moderators, staff
 * and admins is never hidden by flags alone: a moderator decides. */
#include "mod.h"
#include "base/err.h"
#include "base/policy.h"
#include "services/moderation.h"
#include "services/rollup.h"

#include "services/users.h"

#include <stdio.h>
#include <string.h>

const field_spec flag_fields[] = {
	{ "reason", F_ENUM, 0, 0, 1, "spam|abuse|off_topic|other" },
	{ "note", F_LINE, 0, 500, 0, NULL },
	FIELDS_END
};

static const char SQL_FLAG_INSERT[] =
	"INSERT INTO flags (target_type, target_id, user_id, reason, note, created_at) "
	"VALUES (?, ?, ?, ?, ?, UTC_TIMESTAMP())";
/* the flags that count: the trusted roles' (the first parameter) always */
static const char SQL_FLAGS_OPEN[] =
	"SELECT COUNT(*) AS open, "
	"COALESCE(SUM(u.roles & ? <> 0 OR (u.created_at <= UTC_TIMESTAMP() - INTERVAL ? HOUR AND ("
	"EXISTS (SELECT 1 FROM posts p WHERE p.user_id = u.id AND p.status = 'visible') OR "
	"EXISTS (SELECT 1 FROM reviews r WHERE r.user_id = u.id AND r.status = 'visible') OR "
	"EXISTS (SELECT 1 FROM ideas i WHERE i.user_id = u.id AND i.status = 'visible')))), 0) "
	"AS counted "
	"FROM flags f JOIN users u ON u.id = f.user_id "
	"WHERE f.target_type = ? AND f.target_id = ? AND f.resolved_at IS NULL";
/* the SET as its bits, which are users.h's ROLE_* */
static const char SQL_AUTHOR_ROLES[] = "SELECT roles + 0 AS roles FROM users WHERE id = ?";
static const char SQL_QUEUE_DETAIL[] =
	"UPDATE mod_queue SET detail = ? WHERE target_type = ? AND target_id = ?";

static int do_flag(request *r, const char *type)
{
	const mod_item_kind *k = item_kind_find(type);
	long long id = req_arg_id(r, 0), open = 0, counted = 0, author_roles = 0;
	long long to_hide = config_int(&r->app->cfg, "moderation.flags_to_hide", 3);
	long long min_hours = config_int(&r->app->cfg, "moderation.flag_min_account_hours", 24);
	db_rows *rows = NULL;
	const char *reason = form_get(&r->in, "reason"), *note = form_get(&r->in, "note");
	char detail[80], url[300];
	int rc;

	if (k == NULL)
		return E_NOTFOUND;
	rc = item_load(r, k, id, "d.item");
	if (rc != 0)
		return rc;
	snprintf(url, sizeof(url), "%s", hdf_get_value(r->hdf, "d.item.url", "/"));
	if (hdf_get_int_value(r->hdf, "d.item.author_id", 0) == r->user.id) {
		hdf_str(r->hdf, "error.reason", req_text(r, "mod.err.own_flag"));
		return E_FORBIDDEN;
	}
	rc = db_begin(r->app->db);
	/* the item's queue row first: its lock makes the flags of one item take
	 * turns, so that the count below sees every flag sent before this one
	 * and exactly one flag reaches the threshold (and a moderator acting on
	 * the item takes the same row first) */
	if (rc == 0)
		rc = mod_queue_add(r->app->db, type, id, "flags", "",
				   hdf_get_int_value(r->hdf, "d.item.author_id", 0),
				   hdf_get_int_value(r->hdf, "d.item.category_id", 0),
				   hdf_get_int_value(r->hdf, "d.item.product_id", 0));
	if (rc == 0)
		rc = DB_EXEC(r->app->db, SQL_FLAG_INSERT, NULL, DBS(type), DBI(id), DBI(r->user.id),
			     DBS(reason), DBS(note ? note : ""));
	if (rc == 0) /* the flags figure of the insight pages */
		rc = rollup_flagged(r->app->db, type, id);
	if (rc == 0)
		rc = DB_SELECT(r->app->db, SQL_FLAGS_OPEN, &rows, DBI(POLICY_TRUSTED), DBI(min_hours),
			       DBS(type), DBI(id));
	if (rc == 0 && rows->nrows == 1) {
		open = row_int(rows, 0, "open");
		counted = row_int(rows, 0, "counted");
	}
	db_rows_free(rows);
	if (rc == 0) {
		snprintf(detail, sizeof(detail), "%lld flags, %lld counted", open, counted);
		rc = DB_EXEC(r->app->db, SQL_QUEUE_DETAIL, NULL, DBS(detail), DBS(type), DBI(id));
	}
	if (rc == 0 && to_hide > 0 && counted >= to_hide)
		rc = DB_SELECT_INT(r->app->db, SQL_AUTHOR_ROLES, &author_roles,
				   DBI(hdf_get_int_value(r->hdf, "d.item.author_id", 0)));
	/* content by the company's trusted people is never hidden by flags */
	if (rc == 0 && to_hide > 0 && counted >= to_hide &&
	    !policy_is_trusted((unsigned)author_roles) &&
	    strcmp(hdf_get_value(r->hdf, "d.item.status", ""), "visible") == 0) {
		rc = k->set_status(r->app->db, id, "visible", "hidden", req_text(r, "mod.hidden_by_flags"));
		if (rc == E_CONFLICT) /* hidden or removed meanwhile: the flag stands */
			rc = 0;
	}
	if (rc == 0)
		rc = db_commit(r->app->db);
	else
		db_rollback(r->app->db);
	if (rc == E_DUP) {
		hdf_str(r->hdf, "error.reason", req_text(r, "mod.err.flagged_twice"));
		return E_CONFLICT;
	}
	if (rc != 0) /* a deadlock (E_RETRY, run again by the gate) too: nothing was recorded */
		return rc;
	hdf_remove_tree(r->hdf, "d.item");
	r->created_id = id;
	req_said(r, "flagged");
	req_redirect(r, url);
	return 303;
}

int do_flag_post(request *r)
{
	return do_flag(r, "post");
}

int do_flag_review(request *r)
{
	return do_flag(r, "review");
}

int do_flag_idea(request *r)
{
	return do_flag(r, "idea");
}
