/* idea_item.c: ideas and their comments as kinds the moderation program
 * acts on (see services/mod_item.h). An idea's moderation status is its `status` column
 * (its place in the company's pipeline is `stage`). A comment's status
 * change also moves its idea's visible_comment_count (sql/0056), as a
 * reply's moves its thread's reply_count. Neither keeps revisions,
 * so moderators do not edit them (the kinds have no edit). */
#include "idea_item.h"
#include "idea_store.h"
#include "base/err.h"
#include "base/paging.h"
#include "db/rows_hdf.h"
#include "services/rollup.h"

#include <stdio.h>
#include <string.h>

static const char SQL_IDEA_ITEM[] =
	"SELECT i.id, 'idea' AS type, i.status, i.user_id AS author_id, u.username AS author, "
	"i.title, i.html, i.body, i.category_id, i.product_id, "
	"COALESCE(p.name, IF(? = 'es', c.name_es, c.name_en), '') AS context, i.mod_note, "
	"UNIX_TIMESTAMP(i.created_at) AS created_at "
	"FROM ideas i JOIN users u ON u.id = i.user_id LEFT JOIN products p ON p.id = i.product_id "
	"LEFT JOIN categories c ON c.id = i.category_id WHERE i.id = ?";
static const char SQL_IDEA_LOCK[] = "SELECT status FROM ideas WHERE id = ? FOR UPDATE";
static const char SQL_IDEA_STATUS[] =
	"UPDATE ideas SET status = ?, mod_note = COALESCE(?, mod_note) WHERE id = ?";
/* a comment is shown under its idea's title, as a reply under its thread's */
static const char SQL_COMMENT_ITEM[] =
	"SELECT m.id, 'idea_comment' AS type, m.status, m.user_id AS author_id, "
	"u.username AS author, i.title, m.html, m.body, m.idea_id, m.position, i.category_id, "
	"i.product_id, COALESCE(p.name, IF(? = 'es', c.name_es, c.name_en), '') AS context, "
	"m.mod_note, UNIX_TIMESTAMP(m.created_at) AS created_at "
	"FROM idea_comments m JOIN ideas i ON i.id = m.idea_id JOIN users u ON u.id = m.user_id "
	"LEFT JOIN products p ON p.id = i.product_id "
	"LEFT JOIN categories c ON c.id = i.category_id WHERE m.id = ?";
static const char SQL_COMMENT_LOCK[] = "SELECT status FROM idea_comments WHERE id = ? FOR UPDATE";
static const char SQL_COMMENT_STATUS[] =
	"UPDATE idea_comments SET status = ?, mod_note = COALESCE(?, mod_note) WHERE id = ?";
static const char SQL_COMMENT_VISIBLE_COUNT[] =
	"UPDATE ideas SET visible_comment_count = "
	"GREATEST(CAST(visible_comment_count AS SIGNED) + ?, 0) "
	"WHERE id = (SELECT idea_id FROM idea_comments WHERE id = ?)";

static int idea_load(db *d, HDF *h, const char *lang, long long id, const char *prefix)
{
	db_rows *rows = NULL;
	char url[64];
	int rc = DB_SELECT(d, SQL_IDEA_ITEM, &rows, DBS(lang), DBI(id));

	if (rc != 0)
		return rc;
	snprintf(url, sizeof(url), "/ideas/%lld", id);
	return mod_item_row(h, rows, prefix, url);
}

/* Moves a row from status `from` to `to` (the row's current status read
 * with lock_sql under its lock, then set_sql with to, note and id): E_NOTFOUND
 * without the row, E_CONFLICT when it is no longer in `from`. Returns 0
 * with *moved 1 when the status changed. */
static int move_status(db *d, const char *lock_sql, const char *set_sql, long long id,
		       const char *from, const char *to, const char *note, int *moved)
{
	db_rows *rows = NULL;
	int rc = DB_SELECT(d, lock_sql, &rows, DBI(id));

	*moved = 0;
	if (rc == 0 && rows->nrows == 0)
		rc = E_NOTFOUND;
	else if (rc == 0 && strcmp(row_str(rows, 0, "status"), from) != 0)
		rc = E_CONFLICT;
	if (rc == 0 && strcmp(from, to) != 0) {
		rc = DB_EXEC(d, set_sql, NULL, DBS(to), DBS(note), DBI(id));
		*moved = rc == 0;
	}
	db_rows_free(rows);
	return rc;
}

static int idea_set_status(db *d, long long id, const char *from, const char *to, const char *note)
{
	int moved, rc = move_status(d, SQL_IDEA_LOCK, SQL_IDEA_STATUS, id, from, to, note, &moved);

	if (rc == 0 && moved) /* the insight rollups count visible ideas */
		rc = rollup_changed(d, "idea", id);
	return rc;
}

static int comment_load(db *d, HDF *h, const char *lang, long long id, const char *prefix)
{
	db_rows *rows = NULL;
	char url[96] = "";
	int rc = DB_SELECT(d, SQL_COMMENT_ITEM, &rows, DBS(lang), DBI(id));

	if (rc != 0)
		return rc;
	if (rows->nrows > 0)
		snprintf(url, sizeof(url), "/ideas/%lld?page=%lld#c%lld",
			 row_int(rows, 0, "idea_id"),
			 page_of_position(row_int(rows, 0, "position"), IDEA_COMMENTS_PER_PAGE), id);
	return mod_item_row(h, rows, prefix, rows->nrows > 0 ? url : "");
}

static int comment_set_status(db *d, long long id, const char *from, const char *to,
			      const char *note)
{
	int moved, rc = move_status(d, SQL_COMMENT_LOCK, SQL_COMMENT_STATUS, id, from, to, note,
				    &moved);

	if (rc == 0 && moved && (strcmp(from, "visible") == 0) != (strcmp(to, "visible") == 0))
		rc = DB_EXEC(d, SQL_COMMENT_VISIBLE_COUNT, NULL,
			     DBI(strcmp(to, "visible") == 0 ? 1 : -1), DBI(id));
	return rc;
}

const mod_item_kind idea_item = { "idea", idea_load, idea_set_status, NULL };
const mod_item_kind idea_comment_item = {
	"idea_comment", comment_load, comment_set_status, NULL
};
