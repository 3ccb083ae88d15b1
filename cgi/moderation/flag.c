/* flag.c: members flag content. Once per member per item; flaggers stay
 * anonymous to the author; enough flags from distinct members hide the item
 * until a moderator decides (moderation.flags_to_hide). */
#include "mod.h"
#include "../core/err.h"
#include "../core/moderation.h"
#include "../core/rollup.h"

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
static const char SQL_FLAGS_OPEN[] =
	"SELECT COUNT(*) FROM flags WHERE target_type = ? AND target_id = ? AND resolved_at IS NULL";
static const char SQL_QUEUE_DETAIL[] =
	"UPDATE mod_queue SET detail = ? WHERE target_type = ? AND target_id = ?";

static int do_flag(request *r, const char *type)
{
	const item_kind *k = item_kind_find(type);
	long long id = req_arg_id(r, 0), open = 0;
	long long to_hide = config_int(&r->app->cfg, "moderation.flags_to_hide", 3);
	const char *reason = form_get(&r->in, "reason"), *note = form_get(&r->in, "note");
	char detail[64], url[300];
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
		rc = DB_SELECT_INT(r->app->db, SQL_FLAGS_OPEN, &open, DBS(type), DBI(id));
	if (rc == 0) {
		snprintf(detail, sizeof(detail), "%lld flags", open);
		rc = DB_EXEC(r->app->db, SQL_QUEUE_DETAIL, NULL, DBS(detail), DBS(type), DBI(id));
	}
	if (rc == 0 && to_hide > 0 && open >= to_hide &&
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
	if (rc != 0) /* a deadlock (E_CONFLICT) too: nothing was recorded */
		return rc;
	hdf_remove_tree(r->hdf, "d.item");
	r->created_id = id;
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
