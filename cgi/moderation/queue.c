/* queue.c: the moderation queue (oldest first, filterable by kind and flag
 * reason) and the page of one item, each with its context, its flags and
 * its author's history. */
#include "mod.h"
#include "base/err.h"
#include "base/paging.h"

#include <stdio.h>
#include <string.h>

#define QUEUE_PAGE 25

static const char SQL_QUEUE[] =
	"SELECT q.id AS queue_id, q.target_type, q.target_id, q.cause, q.detail, q.author_id, "
	"UNIX_TIMESTAMP(q.created_at) AS queued_at FROM mod_queue q "
	"WHERE q.resolved_at IS NULL AND (? = '' OR q.target_type = ?) "
	"AND (? = '' OR EXISTS (SELECT 1 FROM flags f WHERE f.target_type = q.target_type "
	"AND f.target_id = q.target_id AND f.resolved_at IS NULL AND f.reason = ?)) "
	"ORDER BY q.created_at, q.id LIMIT ? OFFSET ?";
static const char SQL_FLAGS_OF[] =
	"SELECT f.reason, f.note, u.username AS flagger, UNIX_TIMESTAMP(f.created_at) AS created_at "
	"FROM flags f JOIN users u ON u.id = f.user_id "
	"WHERE f.target_type = ? AND f.target_id = ? AND f.resolved_at IS NULL ORDER BY f.id";
static const char SQL_AUTHOR[] =
	"SELECT id, username, UNIX_TIMESTAMP(created_at) AS joined_at, "
	/* only a silence or suspension still running */
	"IF(silenced_until > UTC_TIMESTAMP(), UNIX_TIMESTAMP(silenced_until), NULL) AS silenced_at, "
	"IF(suspended_until > UTC_TIMESTAMP(), UNIX_TIMESTAMP(suspended_until), NULL) AS suspended_at, "
	"(SELECT COUNT(*) FROM posts WHERE user_id = users.id) AS posts, "
	"(SELECT COUNT(*) FROM posts WHERE user_id = users.id AND mod_note IS NOT NULL) AS moderated, "
	"(SELECT COUNT(*) FROM audit_log WHERE target_type = 'user' AND target_id = users.id) AS actions "
	"FROM users WHERE id = ?";

/* The rules' detail of a queued item as its numbers, which the page writes
 * in the reader's language: "item 2 of the first 3" (a new member's) as
 * prefix.nth and .first, "5 links" as .links, "2 flags, 1 counted" (the
 * open flags, and those that count towards hiding) as .flags_open and
 * .flags_counted. Another detail (the watched
 * word, the abusive term and its score) is shown as it is. */
static void cause_detail(request *r, const char *prefix, const char *detail)
{
	long long a = 0, b = 0;
	int end = 0;

	if (detail == NULL)
		return;
	if (sscanf(detail, "item %lld of the first %lld%n", &a, &b, &end) == 2 && detail[end] == '\0') {
		hdf_int_at(r->hdf, prefix, "nth", a);
		hdf_int_at(r->hdf, prefix, "first", b);
	} else if (sscanf(detail, "%lld flags, %lld counted%n", &a, &b, &end) == 2 &&
		   detail[end] == '\0') {
		hdf_int_at(r->hdf, prefix, "flags_open", a);
		hdf_int_at(r->hdf, prefix, "flags_counted", b);
	} else if (sscanf(detail, "%lld links%n", &a, &end) == 1 && detail[end] == '\0') {
		hdf_int_at(r->hdf, prefix, "links", a);
	}
}

/* The author's history, for the queue: age, posts, past actions. */
static int author_history(request *r, long long author_id, const char *prefix)
{
	db_rows *rows = NULL;
	int rc = DB_SELECT(r->app->db, SQL_AUTHOR, &rows, DBI(author_id));

	if (rc != 0)
		return rc;
	hdf_row(r->hdf, prefix, rows);
	db_rows_free(rows);
	return 0;
}

/* Fills prefix.item, prefix.flags and prefix.author for one queued item. */
static int queue_entry(request *r, const char *type, long long id, long long author,
		       const char *prefix)
{
	const mod_item_kind *k = item_kind_find(type);
	db_rows *rows = NULL;
	char name[96];
	int rc;

	if (k == NULL)
		return 0; /* a kind this build does not know: shown without its text */
	snprintf(name, sizeof(name), "%s.item", prefix);
	rc = item_fill(r, k, id, name);
	if (rc == E_NOTFOUND)
		return 0;
	if (rc != 0)
		return rc;
	rc = DB_SELECT(r->app->db, SQL_FLAGS_OF, &rows, DBS(type), DBI(id));
	if (rc != 0)
		return rc;
	snprintf(name, sizeof(name), "%s.flags", prefix);
	hdf_rows(r->hdf, name, rows);
	db_rows_free(rows);
	snprintf(name, sizeof(name), "%s.author", prefix);
	return author_history(r, author, name);
}

static int valid_filter(const char *v, const char *choices)
{
	const char *p;
	size_t n;

	if (v == NULL || *v == '\0')
		return 1;
	if (strchr(v, '|')) /* one choice, not several */
		return 0;
	n = strlen(v);
	for (p = choices; (p = strstr(p, v)) != NULL; p += n)
		if ((p == choices || p[-1] == '|') && (p[n] == '|' || p[n] == '\0'))
			return 1;
	return 0;
}

/* The queue's filters, as page_queue binds them. */
struct queue_filter {
	const char *type, *reason;
};

static int queue_probe(request *r, const void *ctx, long long offset, int *found)
{
	const struct queue_filter *f = ctx;
	db_rows *rows = NULL;
	int rc = DB_SELECT(r->app->db, SQL_QUEUE, &rows, DBS(f->type), DBS(f->type),
			   DBS(f->reason), DBS(f->reason), DBI(1), DBI(offset));

	if (rc == 0)
		*found = rows->nrows > 0;
	db_rows_free(rows);
	return rc;
}

int page_queue(request *r)
{
	const char *type = req_query(r, "type"), *reason = req_query(r, "reason");
	long long page = req_page(r, 10000);
	db_rows *rows = NULL;
	size_t i;
	int rc;

	if (!valid_filter(type, "post|review|idea|idea_comment") ||
	    !valid_filter(reason, "spam|abuse|off_topic|other"))
		return E_INVALID;
	type = type ? type : "";
	reason = reason ? reason : "";
	rc = DB_SELECT(r->app->db, SQL_QUEUE, &rows, DBS(type), DBS(type), DBS(reason), DBS(reason),
		       DBI(page_limit(QUEUE_PAGE)), DBI(page_offset(page, QUEUE_PAGE)));
	if (rc != 0)
		return rc;
	if (rows->nrows == 0 && page > 1) {
		struct queue_filter f = { type, reason };

		db_rows_free(rows);
		return req_page_past_end(r, page, QUEUE_PAGE, queue_probe, &f);
	}
	if (rows->nrows > QUEUE_PAGE) {
		rows->nrows = QUEUE_PAGE;
		hdf_int(r->hdf, "d.next_page", page + 1);
	}
	hdf_rows(r->hdf, "d.queue", rows);
	for (i = 0; i < rows->nrows && rc == 0; i++) {
		char prefix[48];
		snprintf(prefix, sizeof(prefix), "d.queue.%zu", i);
		cause_detail(r, prefix, row_str(rows, i, "detail"));
		rc = queue_entry(r, row_str(rows, i, "target_type"), row_int(rows, i, "target_id"),
				 row_int(rows, i, "author_id"), prefix);
	}
	db_rows_free(rows);
	if (rc != 0)
		return rc;
	hdf_int(r->hdf, "d.page", page);
	if (page > 1)
		hdf_int(r->hdf, "d.prev_page", page - 1);
	hdf_str(r->hdf, "d.type", type);
	hdf_str(r->hdf, "d.reason", reason);
	if (req_query(r, "done"))
		hdf_str(r->hdf, "done", req_query(r, "done"));
	if (req_query(r, "conflicts") && strcmp(req_query(r, "conflicts"), "0") != 0)
		hdf_str(r->hdf, "conflicts", req_query(r, "conflicts"));
	{
		long long refused = 0;
		if (req_query(r, "refused") &&
		    parse_long(req_query(r, "refused"), 1, 100000, &refused) == 0)
			hdf_int(r->hdf, "refused", refused);
	}
	r->template = "moderation/queue";
	return 200;
}

int page_item(request *r)
{
	const mod_item_kind *k = item_kind_find(r->args[0]);
	long long id = req_arg_id(r, 1);
	int rc;

	if (k == NULL || id == 0)
		return E_NOTFOUND;
	rc = item_fill(r, k, id, "d.entry.item");
	if (rc != 0)
		return rc;
	rc = queue_entry(r, k->type, id, hdf_get_int_value(r->hdf, "d.entry.item.author_id", 0),
			 "d.entry");
	if (rc != 0)
		return rc;
	r->template = "moderation/item";
	return 200;
}
