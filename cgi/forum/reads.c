/* reads.c: how far a member has read each thread (sql/0066): recorded
 * when a page of the thread is shown to them, read back for the lists'
 * "N new" and for the jump to the first unread post (GET /t/ID/unread). */
#include "forum.h"
#include "base/err.h"
#include "base/log.h"
#include "services/content_url.h"

#include <stdio.h>
#include <string.h>

static const char SQL_READ[] =
	"SELECT last_position FROM thread_reads WHERE user_id = ? AND thread_id = ?";
static const char SQL_MARK[] =
	"INSERT INTO thread_reads (user_id, thread_id, last_position, read_at) "
	"VALUES (?, ?, ?, UTC_TIMESTAMP()) ON DUPLICATE KEY UPDATE "
	"last_position = GREATEST(last_position, VALUES(last_position)), read_at = VALUES(read_at)";
/* a list's threads, up to READS_MAX at a time; unused places hold 0 */
#define READS_MAX 30
#define MARKS "?, ?, ?, ?, ?, ?, ?, ?, ?, ?"
static const char SQL_READS[] =
	"SELECT thread_id, last_position FROM thread_reads WHERE user_id = ? AND thread_id IN ("
	MARKS ", " MARKS ", " MARKS ")";
static const char SQL_THREAD_POSTS[] =
	"SELECT post_count FROM threads WHERE id = ? AND status = 'visible'";
static const char SQL_POST_AT[] =
	"SELECT id FROM posts WHERE thread_id = ? AND position >= ? ORDER BY position LIMIT 1";

long long forum_read_position(request *r, long long thread_id)
{
	long long at = 0;

	if (r->user.id == 0 ||
	    DB_SELECT_INT(r->app->db, SQL_READ, &at, DBI(r->user.id), DBI(thread_id)) != 0)
		return 0;
	return at;
}

void forum_mark_read(request *r, long long thread_id, long long position)
{
	if (r->user.id == 0 || position <= 0)
		return;
	if (DB_EXEC(r->app->db, SQL_MARK, NULL, DBI(r->user.id), DBI(thread_id), DBI(position)) != 0)
		log_error("thread %lld: where member %lld read to was not kept", thread_id, r->user.id);
}

int forum_put_unread(request *r, const char *list)
{
	HDF *t, *h = hdf_get_obj(r->hdf, list);
	db_param p[1 + READS_MAX];
	db_rows *rows = NULL;
	size_t n = 0, i;
	int rc;

	if (r->user.id == 0 || h == NULL)
		return 0;
	p[0] = DBI(r->user.id);
	for (t = hdf_obj_child(h); t && n < READS_MAX; t = hdf_obj_next(t))
		p[1 + n++] = DBI(hdf_get_int_value(t, "id", 0));
	if (n == 0)
		return 0;
	for (i = n; i < READS_MAX; i++)
		p[1 + i] = DBI(0);
	rc = db_select(r->app->db, SQL_READS, p, 1 + READS_MAX, &rows);
	if (rc != 0)
		return rc;
	for (t = hdf_obj_child(h); t; t = hdf_obj_next(t)) {
		long long id = hdf_get_int_value(t, "id", 0);
		long long posts = hdf_get_int_value(t, "reply_count", 0) + 1;
		for (i = 0; i < rows->nrows; i++) {
			long long unread = posts - row_int(rows, i, "last_position");
			if (row_int(rows, i, "thread_id") != id)
				continue;
			hdf_int(t, "read", 1);
			if (unread > 0)
				hdf_int(t, "unread", unread);
		}
	}
	db_rows_free(rows);
	return 0;
}

int page_thread_unread(request *r)
{
	long long id = req_arg_id(r, 0), posts = 0, post = 0, at;
	char url[96];
	int rc = DB_SELECT_INT(r->app->db, SQL_THREAD_POSTS, &posts, DBI(id));

	if (rc != 0)
		return rc;
	at = forum_read_position(r, id) + 1;
	if (at > posts)
		at = posts; /* all read: the last post */
	rc = DB_SELECT_INT(r->app->db, SQL_POST_AT, &post, DBI(id), DBI(at));
	if (rc != 0)
		return rc;
	snprintf(url, sizeof(url), "/t/%lld?page=%lld#p%lld", id, (at - 1) / POSTS_PER_PAGE + 1, post);
	return req_redirect(r, url) == 0 ? 303 : E_NOMEM;
}
