/* tools.c: moderators' thread tools: lock, pin, move to another category,
 * and split replies off into a new thread. Each needs a reason and goes to
 * the audit log. */
#include "forum.h"
#include "base/content_limits.h"
#include "base/err.h"
#include "services/rollup.h"
#include "base/str.h"
#include "services/users.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SPLIT_MAX 200

const field_spec tool_fields[] = {
	{ "on", F_ENUM, 0, 0, 1, "0|1" },
	{ "reason", F_LINE, 3, 500, 1, NULL },
	FIELDS_END
};

const field_spec move_fields[] = {
	{ "category", F_SLUG, 1, 60, 1, NULL },
	{ "reason", F_LINE, 3, 500, 1, NULL },
	FIELDS_END
};

const field_spec split_fields[] = {
	{ "title", F_LINE, 3, TITLE_MAX, 1, NULL },
	{ "reason", F_LINE, 3, 500, 1, NULL },
	{ "post", F_INT, 1, 1LL << 53, 0, NULL }, /* each reply to move: sent once per post */
	FIELDS_END
};

static const char SQL_LOCK[] = "UPDATE threads SET locked = ? WHERE id = ?";
static const char SQL_PIN[] = "UPDATE threads SET pinned = ? WHERE id = ?";
static const char SQL_THREAD_FOR_MOVE[] =
	"SELECT category_id, reply_count + 1 AS thread_posts, status FROM threads WHERE id = ? FOR UPDATE";
static const char SQL_MOVE[] = "UPDATE threads SET category_id = ? WHERE id = ?";
static const char SQL_SPLIT_POST[] =
	"SELECT id, user_id, status, UNIX_TIMESTAMP(created_at) AS created_at FROM posts "
	"WHERE id = ? AND thread_id = ? AND position > 1 AND status <> 'deleted' FOR UPDATE";
static const char SQL_SPLIT_THREAD[] =
	"INSERT INTO threads (category_id, user_id, title, slug, status, post_count, reply_count, "
	"created_at, last_post_at, last_user_id) "
	"VALUES (?, ?, ?, ?, 'visible', ?, ?, FROM_UNIXTIME(?), FROM_UNIXTIME(?), ?)";
static const char SQL_SPLIT_MOVE_POST[] =
	"UPDATE posts SET thread_id = ?, position = ? WHERE id = ?";
static const char SQL_SPLIT_SOURCE[] =
	"UPDATE threads SET reply_count = GREATEST(CAST(reply_count AS SIGNED) - ?, 0) WHERE id = ?";
/* an answer that moved away is no longer this thread's answer */
static const char SQL_SPLIT_UNSOLVE[] =
	"UPDATE threads t SET t.solved_post_id = NULL WHERE t.id = ? AND t.solved_post_id IS NOT NULL "
	"AND NOT EXISTS (SELECT 1 FROM posts p WHERE p.id = t.solved_post_id AND p.thread_id = t.id)";

/* Adds the tool's audit line to the change, ends their one transaction
 * (begun by the tool: rc is how the change went) and answers. */
static int done(request *r, int rc, long long thread_id, const char *action, const char *detail)
{
	char url[64], said[32];

	if (rc == 0)
		rc = audit_add(r->app->db, r->user.id, action, "thread", thread_id,
			       form_get(&r->in, "reason"), detail);
	rc = db_end(r->app->db, rc);
	if (rc != 0)
		return rc;
	snprintf(url, sizeof(url), "/t/%lld", thread_id);
	r->created_id = thread_id;
	/* the message of each tool is named after its audit action */
	snprintf(said, sizeof(said), "thread_%s", action);
	req_said(r, said);
	req_redirect(r, url);
	return 303;
}

static int flag_tool(request *r, const char *sql, const char *on_action, const char *off_action)
{
	long long id = req_arg_id(r, 0);
	int on = strcmp(form_get(&r->in, "on"), "1") == 0;
	int rc = forum_load_thread(r, id);

	if (rc != 0)
		return rc;
	rc = db_begin(r->app->db);
	if (rc != 0)
		return rc;
	rc = DB_EXEC(r->app->db, sql, NULL, DBI(on), DBI(id));
	return done(r, rc, id, on ? on_action : off_action, "");
}

int do_lock(request *r)
{
	return flag_tool(r, SQL_LOCK, "lock", "unlock");
}

int do_pin(request *r)
{
	return flag_tool(r, SQL_PIN, "pin", "unpin");
}

int do_move(request *r)
{
	long long id = req_arg_id(r, 0), to = 0, from, posts;
	db_rows *rows = NULL;
	int rc = forum_category_id(r, form_get(&r->in, "category"), &to);

	if (rc == E_NOTFOUND) {
		hdf_str(r->hdf, "error.reason", req_text(r, "err.no_category"));
		return E_INVALID;
	}
	if (rc == 0)
		rc = db_begin(r->app->db);
	if (rc != 0)
		return rc;
	rc = DB_SELECT(r->app->db, SQL_THREAD_FOR_MOVE, &rows, DBI(id));
	if (rc == 0 && rows->nrows == 0)
		rc = E_NOTFOUND;
	if (rc == 0) {
		from = row_int(rows, 0, "category_id");
		posts = row_int(rows, 0, "thread_posts");
		rc = DB_EXEC(r->app->db, SQL_MOVE, NULL, DBI(to), DBI(id));
		/* a visible thread takes its counts along */
		if (rc == 0 && from != to && strcmp(row_str(rows, 0, "status"), "visible") == 0) {
			rc = rollup_category(r->app->db, from, -1, -posts);
			if (rc == 0)
				rc = rollup_category(r->app->db, to, 1, posts);
		}
		if (rc == 0 && from != to) /* its posts now count in the new category */
			rc = rollup_thread_changed(r->app->db, id);
	}
	db_rows_free(rows);
	return done(r, rc, id, "move", form_get(&r->in, "category"));
}

static int cmp_id(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return (x > y) - (x < y);
}

/* Moves the chosen replies, in thread order, into a new thread in the same
 * category: the first becomes its opening post. */
int do_split(request *r)
{
	long long id = req_arg_id(r, 0), category_id, new_id = 0;
	long long ids[SPLIT_MAX], first_user = 0, first_at = 0, last_at = 0, last_user = 0;
	size_t n = 0, m, i, visible = 0;
	char slug[81], detail[64];
	db_result res;
	db_rows *rows = NULL;
	int rc;

	for (i = 0; i < form_count(&r->in, "post") && n < SPLIT_MAX; i++)
		if (parse_long(form_nth(&r->in, "post", i), 1, 1LL << 53, &ids[n]) == 0)
			n++;
	/* thread order, whatever order the form sent them in (a thread's post
	 * ids grow with their positions), each post once */
	qsort(ids, n, sizeof(ids[0]), cmp_id);
	for (i = 0, m = 0; i < n; i++)
		if (m == 0 || ids[i] != ids[m - 1])
			ids[m++] = ids[i];
	n = m;
	if (n == 0) {
		hdf_str(r->hdf, "error.reason", req_text(r, "mod.err.no_item"));
		return E_INVALID;
	}
	rc = forum_load_thread(r, id);
	if (rc != 0)
		return rc;
	category_id = hdf_get_int_value(r->hdf, "d.thread.category_id", 0);
	rc = db_begin(r->app->db);
	if (rc != 0)
		return rc;
	/* check every post first: all must be replies of this thread */
	for (i = 0; rc == 0 && i < n; i++) {
		rc = DB_SELECT(r->app->db, SQL_SPLIT_POST, &rows, DBI(ids[i]), DBI(id));
		if (rc == 0 && rows->nrows == 0)
			rc = E_INVALID;
		if (rc == 0) {
			if (i == 0) {
				first_user = row_int(rows, 0, "user_id");
				first_at = row_int(rows, 0, "created_at");
			}
			if (row_int(rows, 0, "created_at") >= last_at) {
				last_at = row_int(rows, 0, "created_at");
				last_user = row_int(rows, 0, "user_id");
			}
			visible += strcmp(row_str(rows, 0, "status"), "visible") == 0;
		}
		db_rows_free(rows);
		rows = NULL;
	}
	slugify(form_get(&r->in, "title"), slug, sizeof(slug));
	if (rc == 0)
		rc = DB_EXEC(r->app->db, SQL_SPLIT_THREAD, &res, DBI(category_id), DBI(first_user),
			     DBS(form_get(&r->in, "title")), DBS(slug), DBI((long long)n),
			     DBI(visible > 0 ? (long long)visible - 1 : 0), DBI(first_at), DBI(last_at),
			     DBI(last_user));
	if (rc == 0)
		new_id = (long long)res.insert_id;
	for (i = 0; rc == 0 && i < n; i++)
		rc = DB_EXEC(r->app->db, SQL_SPLIT_MOVE_POST, NULL, DBI(new_id), DBI((long long)i + 1),
			     DBI(ids[i]));
	if (rc == 0)
		rc = DB_EXEC(r->app->db, SQL_SPLIT_SOURCE, NULL, DBI((long long)visible), DBI(id));
	if (rc == 0)
		rc = DB_EXEC(r->app->db, SQL_SPLIT_UNSOLVE, NULL, DBI(id));
	if (rc == 0)
		rc = rollup_category(r->app->db, category_id, 1, 0);
	/* the moved posts, and the old thread, which may have lost its answer */
	if (rc == 0)
		rc = rollup_thread_changed(r->app->db, new_id);
	if (rc == 0)
		rc = rollup_thread_answered(r->app->db, id);
	snprintf(detail, sizeof(detail), "%zu posts to thread %lld", n, new_id);
	rc = done(r, rc, new_id, "split", detail);
	if (rc == E_INVALID)
		hdf_str(r->hdf, "error.reason", req_text(r, "err.no_post"));
	return rc;
}
