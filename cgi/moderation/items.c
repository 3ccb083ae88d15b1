/* items.c: the kinds of content moderators act on (see mod.h). */
#include "mod.h"
#include "base/err.h"
#include "base/policy.h"
#include "forum/forum_store.h"

#include <stdio.h>
#include <string.h>

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

static int post_load(request *r, long long id, const char *prefix)
{
	db_rows *rows = NULL;
	char name[96], url[96];
	long long thread_id, position;
	int rc = DB_SELECT(r->app->db, SQL_POST_ITEM, &rows, DBS(r->lang), DBI(id));

	if (rc != 0)
		return rc;
	if (hdf_row(r->hdf, prefix, rows) != 0) {
		db_rows_free(rows);
		return E_NOTFOUND;
	}
	thread_id = row_int(rows, 0, "thread_id");
	position = row_int(rows, 0, "position");
	db_rows_free(rows);
	forum_post_url(url, sizeof(url), thread_id, position, id);
	snprintf(name, sizeof(name), "%s.url", prefix);
	hdf_str(r->hdf, name, url);
	/* the context: the posts just before it in its thread */
	rc = DB_SELECT(r->app->db, SQL_POST_BEFORE, &rows, DBI(thread_id), DBI(position));
	if (rc != 0)
		return rc;
	snprintf(name, sizeof(name), "%s.before", prefix);
	hdf_rows(r->hdf, name, rows);
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

static const item_kind kinds[] = {
	{ "post", post_load, post_set_status, post_edit },
	{ "review", item_review_load, item_review_set_status, item_review_edit },
	{ "idea", item_idea_load, item_idea_set_status, NULL },
	{ "idea_comment", item_idea_comment_load, item_idea_comment_set_status, NULL },
};

int item_row(request *r, db_rows *rows, const char *prefix, const char *url_format, long long id)
{
	char name[96], url[64];
	int rc = hdf_row(r->hdf, prefix, rows);

	db_rows_free(rows);
	if (rc != 0)
		return E_NOTFOUND;
	snprintf(url, sizeof(url), url_format, id);
	snprintf(name, sizeof(name), "%s.url", prefix);
	hdf_str(r->hdf, name, url);
	return 0;
}

const item_kind *item_kind_find(const char *type)
{
	size_t i;

	for (i = 0; type && i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcmp(kinds[i].type, type) == 0)
			return &kinds[i];
	return NULL;
}

int item_load(request *r, const item_kind *k, long long id, const char *prefix)
{
	char name[96];
	const char *status;
	int rc = k->load(r, id, prefix);

	if (rc != 0)
		return rc;
	snprintf(name, sizeof(name), "%s.status", prefix);
	status = hdf_get_value(r->hdf, name, "");
	if (!policy_can_flag(r->user.roles, status))
		return E_NOTFOUND;
	return 0;
}
