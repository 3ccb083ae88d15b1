/* action.c: a moderator's decision on one item or many (bulk): approve,
 * hide, delete, restore, edit, warn, silence or suspend, always with a
 * reason, always in the audit log.
 *
 * Two moderators acting on one item at once: the item's queue row is
 * resolved with a conditional UPDATE inside the transaction, so the second
 * finds it resolved and is told (409), and a status change names the status
 * the moderator saw, so a change made meanwhile is never overwritten. */
#include "mod.h"
#include "base/err.h"
#include "base/log.h"
#include "services/notify.h"
#include "services/users.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const field_spec action_fields[] = {
	{ "action", F_ENUM, 0, 0, 1, "approve|hide|delete|restore|edit|warn|silence|suspend" },
	{ "reason", F_LINE, 3, 500, 1, NULL },
	{ "days", F_INT, 1, 3650, 0, NULL },
	{ "body", F_TEXT, 1, 20000, 0, NULL },
	{ "from_queue", F_ENUM, 0, 0, 0, "1" },
	{ "item", F_LINE, 3, 64, 0, NULL }, /* "post:12" or "post:12:held", once per item */
	{ "confirm", F_ENUM, 0, 0, 0, "1" }, /* a bulk delete or suspend, confirmed */
	FIELDS_END
};

static const char SQL_RESOLVE_QUEUE[] =
	"UPDATE mod_queue SET resolved_at = UTC_TIMESTAMP(), resolved_by = ?, action = ? "
	"WHERE target_type = ? AND target_id = ? AND resolved_at IS NULL";
static const char SQL_RESOLVE_FLAGS[] =
	"UPDATE flags SET resolved_at = UTC_TIMESTAMP() "
	"WHERE target_type = ? AND target_id = ? AND resolved_at IS NULL";
static const char SQL_SILENCE[] =
	"UPDATE users SET silenced_until = UTC_TIMESTAMP() + INTERVAL ? DAY WHERE id = ?";
static const char SQL_SUSPEND[] =
	"UPDATE users SET suspended_until = UTC_TIMESTAMP() + INTERVAL ? DAY WHERE id = ?";

/* The status an item moves to under each action (NULL: no status change). */
static const char *target_status(const char *action)
{
	if (strcmp(action, "approve") == 0 || strcmp(action, "restore") == 0)
		return "visible";
	if (strcmp(action, "hide") == 0)
		return "hidden";
	if (strcmp(action, "delete") == 0)
		return "deleted";
	return NULL;
}

/* Whether the action goes against the item's author: warn, silence and
 * suspend are aimed at them, hide, delete and edit take down or change
 * what they wrote. Approve and restore only bring content back. */
static int against_author(const char *action, int *on_member)
{
	*on_member = strcmp(action, "warn") == 0 || strcmp(action, "silence") == 0 ||
		     strcmp(action, "suspend") == 0;
	return *on_member || strcmp(action, "hide") == 0 || strcmp(action, "delete") == 0 ||
	       strcmp(action, "edit") == 0;
}

/* Refuses (E_FORBIDDEN, with the reason) an action against an author the
 * moderator does not outrank (users.h, rank_refusal). Moderators may still
 * take down or edit their own content; never act on their own account. */
static int may_act(request *r, const char *action, long long author)
{
	const char *why;
	unsigned roles = 0;
	int on_member, rc;

	if (!against_author(action, &on_member) || author == 0)
		return 0;
	if (!on_member && author == r->user.id)
		return 0;
	rc = users_roles_of(r->app->db, author, &roles);
	if (rc != 0)
		return rc;
	why = rank_refusal(r->user.id, r->user.roles, author, roles);
	if (why == NULL)
		return 0;
	hdf_str(r->hdf, "error.reason", req_text(r, why));
	return E_FORBIDDEN;
}

/* Parses "post:123" or "post:123:held" (the status the moderator saw). */
static int parse_item(const char *s, char *type, size_t tsize, long long *id,
		      char *seen, size_t ssize)
{
	const char *c1 = strchr(s, ':'), *c2;
	char num[24];

	if (c1 == NULL || (size_t)(c1 - s) >= tsize)
		return E_INVALID;
	memcpy(type, s, (size_t)(c1 - s));
	type[c1 - s] = '\0';
	c2 = strchr(c1 + 1, ':');
	if ((size_t)((c2 ? c2 : c1 + 1 + strlen(c1 + 1)) - (c1 + 1)) >= sizeof(num))
		return E_INVALID;
	snprintf(num, sizeof(num), "%.*s", (int)((c2 ? c2 : c1 + 1 + strlen(c1 + 1)) - (c1 + 1)), c1 + 1);
	if (parse_long(num, 1, 1LL << 53, id) != 0)
		return E_INVALID;
	snprintf(seen, ssize, "%s", c2 ? c2 + 1 : "");
	return 0;
}

/* Applies the action to one item. */
static int act_on(request *r, const char *action, const char *item, const char *reason,
		  long long days, int from_queue)
{
	char type[16], seen[16], from[16], detail[64];
	const mod_item_kind *k;
	const char *to;
	long long id, author;
	db_result res;
	int rc;

	if (parse_item(item, type, sizeof(type), &id, seen, sizeof(seen)) != 0 ||
	    (k = item_kind_find(type)) == NULL)
		return E_INVALID;
	hdf_remove_tree(r->hdf, "act");
	rc = item_fill(r, k, id, "act");
	if (rc != 0)
		return rc;
	snprintf(from, sizeof(from), "%s", *seen ? seen : hdf_get_value(r->hdf, "act.status", ""));
	author = hdf_get_int_value(r->hdf, "act.author_id", 0);
	rc = may_act(r, action, author);
	if (rc != 0)
		return rc;
	if (strcmp(action, "edit") == 0) {
		const char *body = form_get(&r->in, "body");
		if (k->edit == NULL) {
			hdf_str(r->hdf, "error.reason", req_text(r, "mod.err.no_edit"));
			return E_INVALID;
		}
		if (body == NULL) {
			req_field_error(r, "body", "err.required", 0);
			return E_INVALID;
		}
	}
	/* the queue, the edit (its own transaction joins this one), the
	 * status, the member's restriction, the audit line and the
	 * notifications: all of it or none */
	rc = db_begin(r->app->db);
	if (rc == 0)
		rc = DB_EXEC(r->app->db, SQL_RESOLVE_QUEUE, &res, DBI(r->user.id), DBS(action),
			     DBS(type), DBI(id));
	if (rc == 0 && from_queue && res.affected == 0)
		rc = E_CONFLICT;
	if (rc == 0 && strcmp(action, "edit") == 0)
		rc = k->edit(r->app->db, id, r->user.id, form_get(&r->in, "body"));
	to = target_status(action);
	if (rc == 0 && to)
		rc = k->set_status(r->app->db, id, from, to,
				   strcmp(to, "visible") == 0 ? NULL : reason);
	if (rc == 0 && strcmp(action, "silence") == 0)
		rc = DB_EXEC(r->app->db, SQL_SILENCE, NULL, DBI(days), DBI(author));
	if (rc == 0 && strcmp(action, "suspend") == 0)
		rc = DB_EXEC(r->app->db, SQL_SUSPEND, NULL, DBI(days), DBI(author));
	if (rc == 0)
		rc = DB_EXEC(r->app->db, SQL_RESOLVE_FLAGS, NULL, DBS(type), DBI(id));
	if (rc == 0) {
		/* warn, silence and suspend are recorded against the author */
		int on_user = to == NULL && strcmp(action, "edit") != 0;

		if (!on_user)
			snprintf(detail, sizeof(detail), "%s -> %s", from, to ? to : from);
		else if (strcmp(action, "warn") == 0)
			snprintf(detail, sizeof(detail), "%s %lld", type, id);
		else
			snprintf(detail, sizeof(detail), "%s %lld, %lld days", type, id, days);
		rc = audit_add(r->app->db, r->user.id, action, on_user ? "user" : type,
			       on_user ? author : id, reason, detail);
	}
	/* the author is told the outcome (an approval only of what was held:
	 * dismissed flags are no news to them); held content now visible is
	 * news to the followers, as if it had just been written */
	if (rc == 0 && author && (strcmp(action, "approve") != 0 || strcmp(from, "held") == 0))
		rc = notify_moderation(r->app->db, author, r->user.id, action, type, id, reason);
	if (rc == 0 && to && strcmp(to, "visible") == 0 && strcmp(from, "held") == 0) {
		if (strcmp(type, "post") == 0)
			rc = notify_forum_post(r->app->db, id);
		else if (strcmp(type, "review") == 0)
			rc = notify_review_created(r->app->db, id);
		else if (strcmp(type, "idea_comment") == 0)
			rc = notify_idea_comment(r->app->db, id);
	}
	if (rc == 0)
		return db_commit(r->app->db);
	db_rollback(r->app->db);
	return rc;
}

/* A delete or a suspension of several items at once is asked again, on a
 * page that lists what it would touch (nothing is changed before): one
 * wrong tick in a long queue would otherwise delete a member's post or
 * suspend them. The page sends the same fields again with confirm=1; a JSON
 * client gets 409 with errors.confirm. */
static int needs_confirm(request *r, const char *action)
{
	return (strcmp(action, "delete") == 0 || strcmp(action, "suspend") == 0) &&
	       form_count(&r->in, "item") > 1 && form_get(&r->in, "confirm") == NULL;
}

static int confirm_page(request *r, const char *action, const char *reason, long long days,
			int from_queue)
{
	char type[16], seen[16], prefix[64];
	const mod_item_kind *k;
	long long id;
	size_t i;
	int rc;

	for (i = 0; i < form_count(&r->in, "item"); i++) {
		const char *item = form_nth(&r->in, "item", i);

		if (parse_item(item, type, sizeof(type), &id, seen, sizeof(seen)) != 0 ||
		    (k = item_kind_find(type)) == NULL)
			return E_INVALID;
		snprintf(prefix, sizeof(prefix), "d.confirm.items.%zu", i);
		hdf_str_at(r->hdf, prefix, "value", item);
		snprintf(prefix, sizeof(prefix), "d.confirm.items.%zu.item", i);
		rc = item_fill(r, k, id, prefix);
		if (rc != 0 && rc != E_NOTFOUND)
			return rc;
	}
	hdf_str(r->hdf, "d.confirm.action", action);
	hdf_str(r->hdf, "d.confirm.reason", reason);
	hdf_int(r->hdf, "d.confirm.days", days);
	if (from_queue)
		hdf_int(r->hdf, "d.confirm.from_queue", 1);
	r->template = "moderation/confirm";
	if (!r->wants_json)
		return 200;
	req_field_error(r, "confirm", "mod.err.confirm", 0);
	return 409;
}

int do_action(request *r)
{
	const char *action = form_get(&r->in, "action"), *reason = form_get(&r->in, "reason");
	long long days = form_int(&r->in, "days", 7);
	int from_queue = form_get(&r->in, "from_queue") != NULL;
	size_t i, items = 0, done = 0, conflicts = 0, refused = 0;
	char url[96];
	int rc = 0;

	if (r->invalid) {
		/* the page that answers has no form: say what is missing */
		HDF *first = hdf_obj_child(hdf_get_obj(r->hdf, "errors"));
		int what = hdf_get_obj(r->hdf, "errors.reason") || hdf_get_obj(r->hdf, "errors.action");

		hdf_str(r->hdf, "error.reason", what || first == NULL ? req_text(r, "mod.err.action")
								  : hdf_obj_value(first));
		return E_INVALID;
	}
	if (needs_confirm(r, action))
		return confirm_page(r, action, reason, days, from_queue);
	for (i = 0; i < form_count(&r->in, "item"); i++) {
		items++;
		rc = act_on(r, action, form_nth(&r->in, "item", i), reason, days, from_queue);
		if (rc == E_CONFLICT) {
			conflicts++;
			continue;
		}
		/* one author out of reach leaves the rest of a bulk action to go */
		if (rc == E_FORBIDDEN) {
			refused++;
			continue;
		}
		if (rc != 0)
			break;
		done++;
	}
	if (items == 0) {
		req_field_error(r, "item", "err.required", 0);
		hdf_str(r->hdf, "error.reason", req_text(r, "mod.err.no_item"));
		return E_INVALID;
	}
	if (rc != 0 && rc != E_CONFLICT && rc != E_FORBIDDEN)
		return rc == E_NOTFOUND && items == 1 ? E_NOTFOUND : rc;
	if (done == 0 && refused > 0)
		return E_FORBIDDEN; /* error.reason says why */
	if (done == 0 && conflicts > 0) {
		hdf_str(r->hdf, "error.reason", req_text(r, "mod.err.conflict"));
		return E_CONFLICT;
	}
	if (refused > 0)
		snprintf(url, sizeof(url), "/mod?done=%zu&conflicts=%zu&refused=%zu", done,
			 conflicts, refused);
	else
		snprintf(url, sizeof(url), "/mod?done=%zu&conflicts=%zu", done, conflicts);
	r->created_id = (long long)done;
	req_redirect(r, url);
	return 303;
}
