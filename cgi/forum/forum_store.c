/* forum_store.c: threads and posts written in transactions (see
 * forum_store.h). */
#include "forum/forum_store.h"
#include "base/err.h"
#include "text/markdown.h"
#include "services/moderation.h"
#include "services/rollup.h"
#include "services/notify.h"
#include "services/follow.h"
#include "base/str.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char SQL_CATEGORY_EXISTS[] = "SELECT id FROM categories WHERE id = ?";
static const char SQL_THREAD_INSERT[] =
	"INSERT INTO threads (category_id, user_id, title, slug, status, post_count, "
	"created_at, last_post_at, last_user_id) "
	"VALUES (?, ?, ?, ?, ?, 1, UTC_TIMESTAMP(), UTC_TIMESTAMP(), ?)";
static const char SQL_POST_INSERT[] =
	"INSERT INTO posts (thread_id, position, user_id, body, html, status, quote_post_id, "
	"nonce, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP())";
static const char SQL_POST_BY_NONCE[] =
	"SELECT id, thread_id, position FROM posts WHERE user_id = ? AND nonce = ?";
static const char SQL_THREAD_LOCK[] =
	"SELECT post_count, locked, status, category_id FROM threads WHERE id = ? FOR UPDATE";
static const char SQL_THREAD_ADD_REPLY[] =
	"UPDATE threads SET post_count = post_count + 1, reply_count = reply_count + ?, "
	"last_post_at = UTC_TIMESTAMP(), last_user_id = ?, "
	"first_reply_at = COALESCE(first_reply_at, UTC_TIMESTAMP()) WHERE id = ?";
static const char SQL_POST_FOR_EDIT[] =
	"SELECT p.body, p.position, p.status, p.user_id, t.title, p.thread_id, t.category_id "
	"FROM posts p "
	"JOIN threads t ON t.id = p.thread_id WHERE p.id = ? AND p.status <> 'deleted' FOR UPDATE";
static const char SQL_REVISION_INSERT[] =
	"INSERT INTO post_revisions (post_id, editor_id, old_title, old_body, created_at) "
	"VALUES (?, ?, ?, ?, UTC_TIMESTAMP())";
static const char SQL_POST_UPDATE[] =
	"UPDATE posts SET body = ?, html = ?, edited_at = UTC_TIMESTAMP() WHERE id = ?";
static const char SQL_THREAD_RETITLE[] =
	"UPDATE threads SET title = ?, slug = ? WHERE id = ?";
static const char SQL_POST_FOR_STATUS[] =
	"SELECT p.position, p.thread_id, t.category_id, t.reply_count + 1 AS thread_posts, p.status "
	"FROM posts p "
	"JOIN threads t ON t.id = p.thread_id WHERE p.id = ? FOR UPDATE";
static const char SQL_POST_STATUS[] =
	"UPDATE posts SET status = ?, mod_note = COALESCE(?, mod_note) WHERE id = ?";
static const char SQL_THREAD_STATUS[] =
	"UPDATE threads SET status = ?, mod_note = COALESCE(?, mod_note) WHERE id = ?";
static const char SQL_THREAD_REPLIES[] =
	"UPDATE threads SET reply_count = GREATEST(CAST(reply_count AS SIGNED) + ?, 0) WHERE id = ?";
static const char SQL_LIKE_INSERT[] =
	"INSERT IGNORE INTO post_likes (post_id, user_id, created_at) VALUES (?, ?, UTC_TIMESTAMP())";
static const char SQL_LIKE_DELETE[] = "DELETE FROM post_likes WHERE post_id = ? AND user_id = ?";
static const char SQL_POST_LIKES[] =
	"UPDATE posts SET like_count = GREATEST(CAST(like_count AS SIGNED) + ?, 0) WHERE id = ?";
static const char SQL_THREAD_LIKES[] =
	"UPDATE threads t JOIN posts p ON p.thread_id = t.id "
	"SET t.like_count = GREATEST(CAST(t.like_count AS SIGNED) + ?, 0) WHERE p.id = ?";
static const char SQL_SOLVE_CHECK[] =
	"SELECT COUNT(*) FROM posts WHERE id = ? AND thread_id = ? AND position > 1 "
	"AND status = 'visible'";
static const char SQL_SOLVE_SET[] = "UPDATE threads SET solved_post_id = ? WHERE id = ?";

/* Finds what an earlier submit with the same nonce made (its position too,
 * when position is not NULL). */
static int find_by_nonce(db *d, const new_post *p, long long *thread_id, long long *post_id,
			 long long *position)
{
	db_rows *rows = NULL;
	int rc;

	if (p->nonce == NULL)
		return E_DB;
	rc = DB_SELECT(d, SQL_POST_BY_NONCE, &rows, DBI(p->user_id), DBS(p->nonce));
	if (rc == 0 && rows->nrows == 1) {
		*post_id = row_int(rows, 0, "id");
		*thread_id = row_int(rows, 0, "thread_id");
		if (position)
			*position = row_int(rows, 0, "position");
		rc = E_DUP;
	} else if (rc == 0) {
		rc = E_DB;
	}
	db_rows_free(rows);
	return rc;
}

static int insert_post(db *d, long long thread_id, long long position, const new_post *p,
		       long long *post_id)
{
	char *html = NULL;
	db_result res;
	int rc = markdown_render(p->body, strlen(p->body), &html);

	if (rc != 0)
		return rc;
	rc = DB_EXEC(d, SQL_POST_INSERT, &res, DBI(thread_id), DBI(position), DBI(p->user_id),
		     DBS(p->body), DBS(html), DBS(p->status ? p->status : "visible"),
		     p->quote_post_id ? DBI(p->quote_post_id) : DBNULL, DBS(p->nonce));
	free(html);
	if (rc == 0)
		*post_id = (long long)res.insert_id;
	return rc;
}

int forum_create_thread(db *d, long long category_id, const char *title,
			const new_post *p, long long *thread_id, long long *post_id)
{
	char slug[81];
	long long found;
	db_result res;
	int rc;

	slugify(title, slug, sizeof(slug));
	rc = db_begin(d);
	if (rc != 0)
		return rc;
	rc = DB_SELECT_INT(d, SQL_CATEGORY_EXISTS, &found, DBI(category_id));
	if (rc == 0)
		rc = DB_EXEC(d, SQL_THREAD_INSERT, &res, DBI(category_id), DBI(p->user_id),
			     DBS(title), DBS(slug), DBS(p->status ? p->status : "visible"),
			     DBI(p->user_id));
	if (rc == 0) {
		*thread_id = (long long)res.insert_id;
		rc = insert_post(d, *thread_id, 1, p, post_id);
	}
	if (rc == 0 && (p->status == NULL || strcmp(p->status, "visible") == 0))
		rc = rollup_category_posted(d, category_id, 1);
	if (rc == 0 && p->queue_cause)
		rc = mod_queue_add(d, "post", *post_id, p->queue_cause, p->queue_detail, p->user_id,
				   category_id, 0);
	if (rc == 0) /* scored, and counted in the insight rollups */
		rc = rollup_written(d, "post", *post_id);
	/* authors watch their threads; followers hear of it with the thread */
	if (rc == 0)
		rc = follow_auto(d, p->user_id, "thread", *thread_id);
	if (rc == 0)
		rc = notify_forum_post(d, *post_id);
	if (rc == 0)
		return db_commit(d);
	db_rollback(d);
	if (rc == E_DUP)
		return find_by_nonce(d, p, thread_id, post_id, NULL);
	return rc;
}

int forum_create_reply(db *d, long long thread_id, const new_post *p, int allow_locked,
		       long long *post_id, long long *position)
{
	db_rows *rows = NULL;
	long long category_id, tid = thread_id;
	int visible = p->status == NULL || strcmp(p->status, "visible") == 0;
	int rc = db_begin(d);

	if (rc != 0)
		return rc;
	rc = DB_SELECT(d, SQL_THREAD_LOCK, &rows, DBI(thread_id));
	if (rc == 0 && (rows->nrows == 0 || strcmp(row_str(rows, 0, "status"), "visible") != 0))
		rc = E_NOTFOUND;
	else if (rc == 0 && row_int(rows, 0, "locked") && !allow_locked)
		rc = E_FORBIDDEN;
	if (rc == 0) {
		*position = row_int(rows, 0, "post_count") + 1;
		category_id = row_int(rows, 0, "category_id");
		rc = insert_post(d, thread_id, *position, p, post_id);
		if (rc == 0)
			rc = DB_EXEC(d, SQL_THREAD_ADD_REPLY, NULL, DBI(visible ? 1 : 0),
				     DBI(p->user_id), DBI(thread_id));
		if (rc == 0)
			rc = visible ? rollup_category_posted(d, category_id, 0) : 0;
		if (rc == 0 && p->queue_cause)
			rc = mod_queue_add(d, "post", *post_id, p->queue_cause, p->queue_detail,
					   p->user_id, category_id, 0);
		if (rc == 0)
			rc = rollup_written(d, "post", *post_id);
		if (rc == 0)
			rc = notify_forum_post(d, *post_id);
	}
	db_rows_free(rows);
	if (rc == 0)
		return db_commit(d);
	db_rollback(d);
	if (rc == E_DUP)
		return find_by_nonce(d, p, &tid, post_id, position);
	return rc;
}

int forum_edit_post(db *d, long long post_id, const char *title, const new_post *p)
{
	db_rows *rows = NULL;
	char *html = NULL;
	char slug[81];
	int rc = markdown_render(p->body, strlen(p->body), &html);

	if (rc != 0)
		return rc;
	rc = db_begin(d);
	if (rc == 0)
		rc = DB_SELECT(d, SQL_POST_FOR_EDIT, &rows, DBI(post_id));
	if (rc == 0 && rows->nrows == 0)
		rc = E_NOTFOUND;
	if (rc == 0) {
		int first = row_int(rows, 0, "position") == 1;
		int retitle = first && title && strcmp(title, row_str(rows, 0, "title")) != 0;

		/* held before the new text is written, so that it is never shown */
		if (p->status && strcmp(p->status, "held") == 0 &&
		    strcmp(row_str(rows, 0, "status"), "visible") == 0)
			rc = forum_set_post_status(d, post_id, "visible", "held", NULL, 1);
		if (rc == 0)
			rc = DB_EXEC(d, SQL_REVISION_INSERT, NULL, DBI(post_id), DBI(p->user_id),
				     retitle ? DBS(row_str(rows, 0, "title")) : DBNULL,
				     DBS(row_str(rows, 0, "body")));
		if (rc == 0)
			rc = DB_EXEC(d, SQL_POST_UPDATE, NULL, DBS(p->body), DBS(html), DBI(post_id));
		if (rc == 0 && retitle) {
			slugify(title, slug, sizeof(slug));
			rc = DB_EXEC(d, SQL_THREAD_RETITLE, NULL, DBS(title), DBS(slug),
				     DBI(row_int(rows, 0, "thread_id")));
		}
		if (rc == 0 && p->queue_cause)
			rc = mod_queue_add(d, "post", post_id, p->queue_cause, p->queue_detail,
					   row_int(rows, 0, "user_id"),
					   row_int(rows, 0, "category_id"), 0);
		if (rc == 0)
			rc = rollup_changed(d, "post", post_id);
	}
	db_rows_free(rows);
	free(html);
	return db_end(d, rc);
}

/* Counter changes when a post becomes visible (sign 1) or stops being
 * visible (sign -1). The opening post stands for its whole thread. */
static int count_visibility(db *d, long long position, long long thread_id, long long category_id,
			    long long thread_posts, int sign)
{
	int rc;

	if (position == 1)
		return rollup_category(d, category_id, sign, sign * thread_posts);
	rc = DB_EXEC(d, SQL_THREAD_REPLIES, NULL, DBI(sign), DBI(thread_id));
	if (rc == 0)
		rc = rollup_category(d, category_id, 0, sign);
	return rc;
}

int forum_set_post_status(db *d, long long post_id, const char *from, const char *to,
			  const char *note, int in_tx)
{
	db_rows *rows = NULL;
	int rc = in_tx ? 0 : db_begin(d);

	if (rc == 0)
		rc = DB_SELECT(d, SQL_POST_FOR_STATUS, &rows, DBI(post_id));
	if (rc == 0 && rows->nrows == 0)
		rc = E_NOTFOUND;
	else if (rc == 0 && strcmp(row_str(rows, 0, "status"), from) != 0)
		rc = E_CONFLICT;
	if (rc == 0 && strcmp(from, to) != 0) {
		long long position = row_int(rows, 0, "position");
		long long thread_id = row_int(rows, 0, "thread_id");
		long long category_id = row_int(rows, 0, "category_id");
		long long thread_posts = row_int(rows, 0, "thread_posts");
		int was = strcmp(from, "visible") == 0, will = strcmp(to, "visible") == 0;

		rc = DB_EXEC(d, SQL_POST_STATUS, NULL, DBS(to), DBS(note), DBI(post_id));
		if (rc == 0 && position == 1)
			rc = DB_EXEC(d, SQL_THREAD_STATUS, NULL, DBS(to), DBS(note), DBI(thread_id));
		if (rc == 0 && was != will)
			rc = count_visibility(d, position, thread_id, category_id, thread_posts,
					      will ? 1 : -1);
		/* the opening post takes its thread, and so its replies, along */
		if (rc == 0)
			rc = position == 1 ? rollup_thread_changed(d, thread_id)
					   : rollup_changed(d, "post", post_id);
	}
	db_rows_free(rows);
	if (in_tx)
		return rc;
	if (rc == 0)
		return db_commit(d);
	db_rollback(d);
	return rc;
}

int forum_delete_post(db *d, long long post_id)
{
	db_rows *rows = NULL;
	char from[16] = "";
	int rc = db_begin(d);

	if (rc == 0)
		rc = DB_SELECT(d, SQL_POST_FOR_STATUS, &rows, DBI(post_id));
	if (rc == 0 && (rows->nrows == 0 || strcmp(row_str(rows, 0, "status"), "deleted") == 0))
		rc = E_NOTFOUND;
	if (rc == 0) {
		snprintf(from, sizeof(from), "%s", row_str(rows, 0, "status"));
		rc = forum_set_post_status(d, post_id, from, "deleted", NULL, 1);
	}
	db_rows_free(rows);
	if (rc == 0)
		return db_commit(d);
	db_rollback(d);
	return rc;
}

int forum_like_post(db *d, long long post_id, long long user_id, int undo)
{
	db_result res;
	int rc = db_begin(d);

	if (rc == 0)
		rc = undo ? DB_EXEC(d, SQL_LIKE_DELETE, &res, DBI(post_id), DBI(user_id))
			  : DB_EXEC(d, SQL_LIKE_INSERT, &res, DBI(post_id), DBI(user_id));
	/* only a row really added or removed moves the counters */
	if (rc == 0 && res.affected == 1) {
		rc = DB_EXEC(d, SQL_POST_LIKES, NULL, DBI(undo ? -1 : 1), DBI(post_id));
		if (rc == 0)
			rc = DB_EXEC(d, SQL_THREAD_LIKES, NULL, DBI(undo ? -1 : 1), DBI(post_id));
	}
	if (rc == 0)
		return db_commit(d);
	db_rollback(d);
	return rc;
}

int forum_solve(db *d, long long thread_id, long long post_id)
{
	long long ok = 0;
	int rc;

	if (post_id) {
		rc = DB_SELECT_INT(d, SQL_SOLVE_CHECK, &ok, DBI(post_id), DBI(thread_id));
		if (rc != 0)
			return rc;
		if (!ok)
			return E_INVALID;
	}
	rc = db_begin(d);
	if (rc == 0)
		rc = DB_EXEC(d, SQL_SOLVE_SET, NULL, post_id ? DBI(post_id) : DBNULL, DBI(thread_id));
	if (rc == 0) /* the solved rate of the insight pages */
		rc = rollup_thread_answered(d, thread_id);
	if (rc == 0)
		return db_commit(d);
	db_rollback(d);
	return rc;
}
