/* post.c: what is done to one post: edit (keeping a revision), delete
 * (softly), like, and marking a reply as the thread's answer. */
#include "forum.h"
#include "base/content_limits.h"
#include "base/err.h"
#include "services/users.h"

#include <stdio.h>
#include <string.h>

const field_spec edit_fields[] = {
	{ "body", F_TEXT, 1, 20000, 1, NULL },
	{ "title", F_LINE, 3, TITLE_MAX, 0, NULL },
	FIELDS_END
};

const field_spec like_fields[] = {
	{ "undo", F_ENUM, 0, 0, 0, "1" },
	FIELDS_END
};

/* why a moderator deletes someone else's post: it goes to the audit log */
const field_spec delete_fields[] = {
	{ "reason", F_LINE, 0, 500, 0, NULL },
	FIELDS_END
};

const field_spec solve_fields[] = {
	{ "post", F_INT, 0, 1LL << 53, 1, NULL },
	FIELDS_END
};

static const char SQL_POST_GET[] =
	"SELECT p.id, p.thread_id, p.position, p.user_id, p.body, p.status, t.title, "
	"t.status AS thread_status, u.username AS author FROM posts p "
	"JOIN threads t ON t.id = p.thread_id JOIN users u ON u.id = p.user_id WHERE p.id = ?";

/* Loads post id into d.post. E_NOTFOUND when missing, deleted, or not
 * visible to the requester. */
static int load_post(request *r, long long id)
{
	db_rows *rows = NULL;
	int rc = DB_SELECT(r->app->db, SQL_POST_GET, &rows, DBI(id));

	if (rc != 0)
		return rc;
	if (rows->nrows == 0 || strcmp(row_str(rows, 0, "status"), "deleted") == 0 ||
	    strcmp(row_str(rows, 0, "thread_status"), "deleted") == 0 ||
	    (strcmp(row_str(rows, 0, "status"), "visible") != 0 &&
	     row_int(rows, 0, "user_id") != r->user.id && !policy_is_moderator(r->user.roles)))
		rc = E_NOTFOUND;
	else
		hdf_row(r->hdf, "d.post", rows);
	db_rows_free(rows);
	return rc;
}

static int is_author(request *r)
{
	return hdf_get_int_value(r->hdf, "d.post.user_id", 0) == r->user.id;
}

static int can_edit(request *r)
{
	return policy_can_edit(r->user.id, r->user.roles,
			       hdf_get_int_value(r->hdf, "d.post.user_id", 0));
}

static void show_edit_form(request *r)
{
	if (!hdf_get_obj(r->hdf, "form.body"))
		hdf_str(r->hdf, "form.body", hdf_get_value(r->hdf, "d.post.body", ""));
	if (!hdf_get_obj(r->hdf, "form.title"))
		hdf_str(r->hdf, "form.title", hdf_get_value(r->hdf, "d.post.title", ""));
	r->template = "forum/edit_post";
}

int page_edit_post(request *r)
{
	int rc = load_post(r, req_arg_id(r, 0));

	if (rc != 0)
		return rc;
	if (!can_edit(r))
		return E_FORBIDDEN;
	show_edit_form(r);
	return 200;
}

int do_edit_post(request *r)
{
	long long id = req_arg_id(r, 0);
	new_post p = { .user_id = r->user.id, .body = form_get(&r->in, "body") };
	mod_item m = { .text = { [MOD_TITLE] = form_get(&r->in, "title"), [MOD_BODY] = p.body } };
	char url[96];
	int rc = load_post(r, id);

	if (rc != 0)
		return rc;
	if (!can_edit(r)) {
		hdf_str(r->hdf, "error.reason", req_text(r, "err.not_yours"));
		return E_FORBIDDEN;
	}
	if (r->invalid) {
		show_edit_form(r);
		return 400;
	}
	/* only the opening post has its thread's title */
	if (hdf_get_int_value(r->hdf, "d.post.position", 0) != 1)
		m.text[MOD_TITLE] = NULL;
	/* an edit meets the rules a new post meets (moderators are exempt);
	 * the hold, the new text, the queue and a moderator's audit line are
	 * one transaction */
	rc = forum_moderate(r, &m);
	if (rc == 0) {
		forum_moderated_post(&m, &p);
		rc = db_begin(r->app->db);
	}
	if (rc == 0) {
		rc = forum_edit_post(r->app->db, id, m.text[MOD_TITLE], &p);
		if (rc == 0 && !is_author(r))
			rc = audit_add(r->app->db, r->user.id, "edit", "post", id, "", "");
		rc = db_end(r->app->db, rc);
	}
	mod_item_free(&m);
	if (rc == E_INVALID) {
		show_edit_form(r);
		return 400;
	}
	if (rc != 0)
		return rc;
	forum_post_url(url, sizeof(url), hdf_get_int_value(r->hdf, "d.post.thread_id", 0),
		       hdf_get_int_value(r->hdf, "d.post.position", 1), id);
	r->created_id = id;
	req_said(r, "post_edited");
	req_redirect(r, url);
	return 303;
}

int do_delete_post(request *r)
{
	long long id = req_arg_id(r, 0);
	char url[96];
	int rc = load_post(r, id);

	if (rc != 0)
		return rc;
	if (!can_edit(r)) {
		hdf_str(r->hdf, "error.reason", req_text(r, "err.not_yours"));
		return E_FORBIDDEN;
	}
	/* the delete and its audit line stand or fall together */
	rc = db_begin(r->app->db);
	if (rc == 0)
		rc = forum_delete_post(r->app->db, id);
	if (rc == 0 && !is_author(r)) {
		const char *reason = form_get(&r->in, "reason");

		rc = audit_add(r->app->db, r->user.id, "delete", "post", id, reason ? reason : "", "");
	}
	rc = db_end(r->app->db, rc);
	if (rc != 0)
		return rc;
	if (hdf_get_int_value(r->hdf, "d.post.position", 0) == 1) {
		snprintf(url, sizeof(url), "/");
		req_said(r, "thread_deleted");
	} else {
		snprintf(url, sizeof(url), "/t/%d", hdf_get_int_value(r->hdf, "d.post.thread_id", 0));
		req_said(r, "post_deleted");
	}
	r->created_id = id;
	req_redirect(r, url);
	return 303;
}

int do_like_post(request *r)
{
	long long id = req_arg_id(r, 0);
	char url[96];
	int rc = load_post(r, id);

	if (rc != 0)
		return rc;
	if (strcmp(hdf_get_value(r->hdf, "d.post.status", ""), "visible") != 0 ||
	    strcmp(hdf_get_value(r->hdf, "d.post.thread_status", ""), "visible") != 0)
		return E_NOTFOUND;
	if (is_author(r)) {
		hdf_str(r->hdf, "error.reason", req_text(r, "err.own_like"));
		return E_FORBIDDEN;
	}
	rc = forum_like_post(r->app->db, id, r->user.id, form_get(&r->in, "undo") != NULL);
	if (rc != 0)
		return rc;
	req_said(r, form_get(&r->in, "undo") ? "unliked" : "liked");
	forum_post_url(url, sizeof(url), hdf_get_int_value(r->hdf, "d.post.thread_id", 0),
		       hdf_get_int_value(r->hdf, "d.post.position", 1), id);
	r->created_id = id;
	req_redirect(r, url);
	return 303;
}

int do_solve(request *r)
{
	long long thread_id = req_arg_id(r, 0), post_id = form_int(&r->in, "post", 0);
	char url[96];
	int rc = forum_load_thread(r, thread_id);

	if (rc != 0)
		return rc;
	if (hdf_get_int_value(r->hdf, "d.thread.user_id", 0) != r->user.id &&
	    !policy_is_trusted(r->user.roles)) {
		hdf_str(r->hdf, "error.reason", req_text(r, "err.not_yours"));
		return E_FORBIDDEN;
	}
	rc = forum_solve(r->app->db, thread_id, post_id);
	if (rc == E_INVALID)
		req_field_error(r, "post", "err.no_post", 0);
	if (rc != 0)
		return rc;
	snprintf(url, sizeof(url), "/t/%lld", thread_id);
	r->created_id = post_id;
	req_said(r, post_id ? "solved" : "unsolved");
	req_redirect(r, url);
	return 303;
}
