/* forum_item.c: posts (a thread's first post and its replies) as a kind the
 * moderation program acts on (see services/mod_item.h). Status changes and
 * edits go through forum_store.c, which keeps the thread's and category's
 * counters right. */
#include "forum_item.h"
#include "forum_store.h"
#include "base/err.h"
#include "db/rows_hdf.h"

#include <stdio.h>

static const char SQL_POST_ITEM[] =
	"SELECT p.id, 'post' AS type, p.status, p.user_id AS author_id, u.username AS author, "
	"t.title, p.html, p.body, p.thread_id, p.position, t.category_id, "
	"IF(? = 'es', c.name_es, c.name_en) AS context, p.mod_note, "
	"UNIX_TIMESTAMP(p.created_at) AS created_at "
	"FROM posts p JOIN threads t ON t.id = p.thread_id JOIN users u ON u.id = p.user_id "
	"JOIN categories c ON c.id = t.category_id WHERE p.id = ?";
static const char SQL_POST_BEFORE[] =
	"SELECT p.id, u.username AS author, p.html, UNIX_TIMESTAMP(p.created_at) AS created_at "
	"FROM posts p JOIN users u ON u.id = p.user_id "
	"WHERE p.thread_id = ? AND p.position < ? AND p.status = 'visible' "
	"ORDER BY p.position DESC LIMIT 2";

static int post_load(db *d, HDF *h, const char *lang, long long id, const char *prefix)
{
	db_rows *rows = NULL;
	char name[96], url[96];
	long long thread_id, position;
	int rc = DB_SELECT(d, SQL_POST_ITEM, &rows, DBS(lang), DBI(id));

	if (rc != 0)
		return rc;
	if (hdf_row(h, prefix, rows) != 0) {
		db_rows_free(rows);
		return E_NOTFOUND;
	}
	thread_id = row_int(rows, 0, "thread_id");
	position = row_int(rows, 0, "position");
	db_rows_free(rows);
	forum_post_url(url, sizeof(url), thread_id, position, id);
	hdf_str_at(h, prefix, "url", url);
	/* the context: the posts just before it in its thread */
	rc = DB_SELECT(d, SQL_POST_BEFORE, &rows, DBI(thread_id), DBI(position));
	if (rc != 0)
		return rc;
	snprintf(name, sizeof(name), "%s.before", prefix);
	hdf_rows(h, name, rows);
	db_rows_free(rows);
	return 0;
}

static int post_set_status(db *d, long long id, const char *from, const char *to, const char *note)
{
	return forum_set_post_status(d, id, from, to, note, 1);
}

static int post_edit(db *d, long long id, long long editor_id, const char *body)
{
	new_post p = { .user_id = editor_id, .body = body };

	return forum_edit_post(d, id, NULL, &p);
}


const mod_item_kind forum_post_item = { "post", post_load, post_set_status, post_edit };
