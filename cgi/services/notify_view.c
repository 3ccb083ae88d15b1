/* notify_view.c: notifications read with what they name, grouped and put
 * into words (see notify_view.h). */
#include "services/notify_view.h"
#include "base/err.h"
#include "services/content_url.h"
#include "text/markdown.h"
#include "base/str.h"
#include "base/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What a notification names, joined by its target: a post and its thread
 * (and the thread's category), a comment and its idea, an idea, a review
 * and its product. */
#define NOTE_JOINS \
	" LEFT JOIN users a ON a.id = n.actor_id" \
	" LEFT JOIN posts p ON n.target_type = 'post' AND p.id = n.target_id" \
	" LEFT JOIN threads t ON t.id = p.thread_id" \
	" LEFT JOIN categories c ON c.id = t.category_id" \
	" LEFT JOIN idea_comments ic ON n.target_type = 'idea_comment' AND ic.id = n.target_id" \
	" LEFT JOIN ideas i ON i.id = IF(n.target_type = 'idea', n.target_id, ic.idea_id)" \
	" LEFT JOIN reviews rv ON n.target_type = 'review' AND rv.id = n.target_id" \
	" LEFT JOIN products pr ON pr.id = rv.product_id"
/* Whether what it names can be seen by everyone now. */
#define NOTE_VISIBLE \
	"COALESCE(CASE n.target_type " \
	"WHEN 'post' THEN p.status = 'visible' AND t.status = 'visible' " \
	"WHEN 'idea' THEN i.status = 'visible' " \
	"WHEN 'idea_comment' THEN ic.status = 'visible' AND i.status = 'visible' " \
	"WHEN 'review' THEN rv.status = 'visible' END, 0)"
/* Moderation notices are shown even when their item is hidden: they say
 * so, without its content. */
#define NOTE_LISTED "(n.kind = 'moderation' OR " NOTE_VISIBLE ")"
#define NOTE_COLUMNS \
	"n.id, n.kind, n.target_type, n.target_id, n.verb, n.detail, " \
	"UNIX_TIMESTAMP(n.created_at) AS created_at, a.username AS actor, " \
	"p.thread_id, p.position, t.title AS thread_title, t.status = 'visible' AS thread_visible, " \
	"c.name_en AS category_en, c.name_es AS category_es, " \
	"i.id AS idea_id, i.title AS idea_title, i.status = 'visible' AS idea_visible, " \
	"pr.id AS product_id, pr.name AS product_name"
#define NOTE_KEEP " AND n.created_at > UTC_TIMESTAMP() - INTERVAL 90 DAY"

static const char SQL_GROUPS[] =
	"SELECT g.count, g.unread, " NOTE_COLUMNS " FROM ("
	"SELECT n.group_key, n.read_at IS NULL AS unread, COUNT(*) AS count, MAX(n.id) AS last_id "
	"FROM notifications n" NOTE_JOINS " WHERE n.recipient_id = ?" NOTE_KEEP " AND " NOTE_LISTED
	" GROUP BY n.group_key, n.read_at IS NULL ORDER BY unread DESC, last_id DESC LIMIT ? OFFSET ?"
	") g JOIN notifications n ON n.id = g.last_id" NOTE_JOINS " ORDER BY g.unread DESC, n.id DESC";
static const char SQL_WINDOW[] =
	"SELECT g.count, 1 AS unread, " NOTE_COLUMNS " FROM ("
	"SELECT n.group_key, COUNT(*) AS count, MAX(n.id) AS last_id "
	"FROM notifications n" NOTE_JOINS " WHERE n.recipient_id = ? AND n.read_at IS NULL "
	"AND n.created_at >= FROM_UNIXTIME(?) AND n.created_at < FROM_UNIXTIME(?) AND " NOTE_LISTED
	" GROUP BY n.group_key ORDER BY last_id DESC LIMIT 50"
	") g JOIN notifications n ON n.id = g.last_id" NOTE_JOINS " ORDER BY n.id DESC";
static const char SQL_ONE[] =
	"SELECT 1 AS count, n.read_at IS NULL AS unread, " NOTE_COLUMNS ", n.recipient_id, "
	NOTE_LISTED " AS listed, p.body AS post_body, ic.body AS comment_body, "
	"rv.body AS review_body, sc.note AS stage_note, rr.body AS response_body "
	"FROM notifications n" NOTE_JOINS
	" LEFT JOIN idea_status_changes sc ON n.kind = 'idea_status' AND sc.id = n.ref_id"
	" LEFT JOIN review_responses rr ON n.kind = 'review_response' AND rr.review_id = n.target_id"
	" WHERE n.id = ?";
static const char SQL_TARGET[] =
	"SELECT " NOTE_COLUMNS ", " NOTE_LISTED " AS listed FROM notifications n" NOTE_JOINS
	" WHERE n.id = ? AND n.recipient_id = ?";
static const char SQL_HIDE_GONE[] =
	"UPDATE notifications n" NOTE_JOINS " SET n.read_at = UTC_TIMESTAMP() "
	"WHERE n.recipient_id = ? AND n.read_at IS NULL AND NOT " NOTE_LISTED;
static const char SQL_GROUP_OF[] =
	"SELECT group_key FROM notifications WHERE id = ? AND recipient_id = ?";
static const char SQL_READ_GROUP[] =
	"UPDATE notifications SET read_at = UTC_TIMESTAMP() "
	"WHERE recipient_id = ? AND group_key = ? AND read_at IS NULL";
static const char SQL_READ_ALL[] =
	"UPDATE notifications SET read_at = UTC_TIMESTAMP() WHERE recipient_id = ? AND read_at IS NULL";
/* notify_mark_seen's statements, one per notify_about, each the member's
 * unread notifications (the notifications_unread key) narrowed to what
 * they opened. */
static const char SQL_SEEN_THREAD[] =
	"UPDATE notifications n JOIN posts p ON n.target_type = 'post' AND p.id = n.target_id "
	"SET n.read_at = UTC_TIMESTAMP() WHERE n.recipient_id = ? AND n.read_at IS NULL "
	"AND n.kind <> 'moderation' AND p.thread_id = ?";
static const char SQL_SEEN_IDEA[] =
	"UPDATE notifications n LEFT JOIN idea_comments ic "
	"ON n.target_type = 'idea_comment' AND ic.id = n.target_id "
	"SET n.read_at = UTC_TIMESTAMP() WHERE n.recipient_id = ? AND n.read_at IS NULL "
	"AND n.kind <> 'moderation' AND IF(n.target_type = 'idea', n.target_id, ic.idea_id) = ?";
static const char SQL_SEEN_REVIEW[] =
	"UPDATE notifications SET read_at = UTC_TIMESTAMP() WHERE recipient_id = ? "
	"AND read_at IS NULL AND kind <> 'moderation' AND target_type = 'review' AND target_id = ?";

#define EXCERPT_CHARS 300

const char *notify_text(HDF *lang, const char *key)
{
	char name[160];

	snprintf(name, sizeof(name), "L.%s", key);
	return hdf_get_value(lang, name, key);
}

void notify_fill(char *out, size_t size, const char *text, const char *const *vars)
{
	size_t used = 0;
	const char *p = text;
	int cut = 0;

	if (size == 0)
		return;
	while (*p && used + 1 < size) {
		const char *const *v = NULL;
		if (*p == '{') {
			for (v = vars; v && *v; v += 2) {
				size_t n = strlen(*v);
				if (strncmp(p + 1, *v, n) == 0 && p[1 + n] == '}')
					break;
			}
		}
		if (v && *v) {
			const char *val = v[1] ? v[1] : "";
			size_t n = strlen(val);
			if (used + n >= size) {
				n = size - used - 1;
				cut = 1;
			}
			memcpy(out + used, val, n);
			used += n;
			p += strlen(*v) + 2;
		} else {
			out[used++] = *p++;
		}
	}
	/* cut short: never leave half of a UTF-8 character at the end (the
	 * last character goes, whole or not) */
	if (cut || *p) {
		while (used > 0 && ((unsigned char)out[used - 1] & 0xC0) == 0x80)
			used--;
		if (used > 0 && ((unsigned char)out[used - 1] & 0x80))
			used--;
	}
	out[used] = '\0';
}

static const char *cell(const db_rows *rows, size_t r, const char *name)
{
	const char *v = db_cell(rows, r, db_col(rows, name));

	return v ? v : "";
}

static long long cell_int(const db_rows *rows, size_t r, const char *name)
{
	return db_cell_int(rows, r, db_col(rows, name));
}

/* The path of what a notification names. */
static void note_url(const db_rows *rows, size_t r, char *out, size_t size)
{
	const char *type = cell(rows, r, "target_type");
	long long target = cell_int(rows, r, "target_id");

	if (strcmp(type, "post") == 0) {
		if (strcmp(cell(rows, r, "kind"), "thread") == 0)
			snprintf(out, size, "/t/%lld", cell_int(rows, r, "thread_id"));
		else
			forum_post_url(out, size, cell_int(rows, r, "thread_id"),
				       cell_int(rows, r, "position"), target);
	} else if (strcmp(type, "idea") == 0) {
		snprintf(out, size, "/ideas/%lld%s", target,
			 strcmp(cell(rows, r, "kind"), "idea_status") == 0 ? "#history" : "");
	} else if (strcmp(type, "idea_comment") == 0) {
		snprintf(out, size, "/ideas/%lld#c%lld", cell_int(rows, r, "idea_id"), target);
	} else {
		snprintf(out, size, "/reviews/%lld", target);
	}
}

/* The words of one line. */
static void note_text(HDF *lang, const db_rows *rows, size_t r, long long count, char *out,
		      size_t size)
{
	const char *kind = cell(rows, r, "kind");
	const char *type = cell(rows, r, "target_type");
	int es = strcmp(notify_text(lang, "notify.code"), "es") == 0;
	const char *title, *what_key;
	char key[64], what[400], stage[64], n[24];

	title = *cell(rows, r, "thread_title") ? cell(rows, r, "thread_title")
	      : *cell(rows, r, "idea_title") ? cell(rows, r, "idea_title")
	      : cell(rows, r, "product_name");
	snprintf(n, sizeof(n), "%lld", count);
	if (strcmp(kind, "moderation") == 0) {
		/* the title only when its thread or idea can be seen */
		if (strcmp(type, "post") == 0)
			what_key = cell_int(rows, r, "thread_visible") ? "notify.what.post_in" : "notify.what.post";
		else if (strcmp(type, "idea") == 0)
			what_key = cell_int(rows, r, "idea_visible") ? "notify.what.idea_titled" : "notify.what.idea";
		else if (strcmp(type, "idea_comment") == 0)
			what_key = cell_int(rows, r, "idea_visible") ? "notify.what.comment_on"
								      : "notify.what.comment";
		else
			what_key = *title ? "notify.what.review_of" : "notify.what.review";
		{
			const char *vars[] = { "title", title, NULL };
			notify_fill(what, sizeof(what), notify_text(lang, what_key), vars);
		}
		snprintf(key, sizeof(key), "notify.mod.%.20s", cell(rows, r, "verb"));
		{
			const char *vars[] = { "what", what, NULL };
			notify_fill(out, size, notify_text(lang, key), vars);
		}
		return;
	}
	snprintf(key, sizeof(key), "notify.stage.%.20s", cell(rows, r, "verb"));
	snprintf(stage, sizeof(stage), "%s", notify_text(lang, key));
	snprintf(key, sizeof(key), "notify.%s.%.20s", count > 1 ? "many" : "one", kind);
	{
		const char *vars[] = { "actor", cell(rows, r, "actor"), "title", title, "n", n,
				       "stage", stage, "category",
				       cell(rows, r, es ? "category_es" : "category_en"), NULL };
		notify_fill(out, size, notify_text(lang, key), vars);
	}
}

/* What a member may stop following from a line's email: "thread-42",
 * "idea-7", "product-3", or "" (moderation and the company's answers to
 * their own review are not something they follow). */
static void note_follow(const db_rows *rows, size_t r, char *out, size_t size)
{
	const char *kind = cell(rows, r, "kind"), *type = cell(rows, r, "target_type");

	out[0] = '\0';
	if (strcmp(kind, "moderation") == 0 || strcmp(kind, "review_response") == 0)
		return;
	if (strcmp(type, "post") == 0)
		snprintf(out, size, "thread-%lld", cell_int(rows, r, "thread_id"));
	else if (strcmp(type, "idea") == 0 || strcmp(type, "idea_comment") == 0)
		snprintf(out, size, "idea-%lld", cell_int(rows, r, "idea_id"));
	else if (strcmp(kind, "review") == 0)
		snprintf(out, size, "product-%lld", cell_int(rows, r, "product_id"));
}

/* Writes row r as PREFIX.N. */
static void put_line(HDF *lang, const db_rows *rows, size_t r, HDF *out, const char *prefix,
		     size_t index)
{
	char name[160], text[1200], url[200], follow[40];
	long long count = cell_int(rows, r, "count");

	note_text(lang, rows, r, count, text, sizeof(text));
	note_url(rows, r, url, sizeof(url));
	note_follow(rows, r, follow, sizeof(follow));
#define PUT(field, value) do { \
		NEOERR *err_; \
		snprintf(name, sizeof(name), "%s.%zu.%s", prefix, index, field); \
		err_ = hdf_set_value(out, name, value); \
		nerr_ignore(&err_); \
	} while (0)
#define PUT_NUM(field, value) do { \
		NEOERR *err_; \
		char num_[24]; \
		snprintf(num_, sizeof(num_), "%lld", (long long)(value)); \
		snprintf(name, sizeof(name), "%s.%zu.%s", prefix, index, field); \
		err_ = hdf_set_value(out, name, num_); \
		if (err_ == STATUS_OK) \
			err_ = hdf_set_attr(out, name, "t", "n"); \
		nerr_ignore(&err_); \
	} while (0)
	PUT_NUM("id", cell_int(rows, r, "id"));
	PUT("kind", cell(rows, r, "kind"));
	PUT_NUM("count", count);
	PUT_NUM("unread", cell_int(rows, r, "unread"));
	PUT("text", text);
	PUT("url", url);
	PUT_NUM("created_at", cell_int(rows, r, "created_at"));
	PUT("follow", follow);
	PUT("detail", strcmp(cell(rows, r, "kind"), "moderation") == 0 ? cell(rows, r, "detail") : "");
}

static void put_lines(HDF *lang, const db_rows *rows, HDF *out, const char *prefix)
{
	size_t r;

	for (r = 0; r < rows->nrows; r++)
		put_line(lang, rows, r, out, prefix, r);
}

int notify_load_groups(db *d, long long user_id, HDF *lang, long long page, HDF *out,
		       const char *prefix, int *more)
{
	db_rows *rows = NULL;
	int rc = DB_EXEC(d, SQL_HIDE_GONE, NULL, DBI(user_id));

	*more = 0;
	if (rc == 0)
		rc = DB_SELECT(d, SQL_GROUPS, &rows, DBI(user_id), DBI(NOTIFY_PAGE_SIZE + 1),
			       DBI((page - 1) * NOTIFY_PAGE_SIZE));
	if (rc != 0)
		return rc;
	if (rows->nrows > NOTIFY_PAGE_SIZE) {
		*more = 1;
		rows->nrows = NOTIFY_PAGE_SIZE; /* the extra row only says a next page exists */
	}
	put_lines(lang, rows, out, prefix);
	db_rows_free(rows);
	return 0;
}

int notify_load_window(db *d, long long user_id, long long from, long long to, HDF *lang,
		       HDF *out, const char *prefix, int *count)
{
	db_rows *rows = NULL;
	int rc = DB_SELECT(d, SQL_WINDOW, &rows, DBI(user_id), DBI(from), DBI(to));

	*count = 0;
	if (rc != 0)
		return rc;
	put_lines(lang, rows, out, prefix);
	*count = (int)rows->nrows;
	db_rows_free(rows);
	return 0;
}

/* Plain text of Markdown, cut at EXCERPT_CHARS characters. */
static void put_excerpt(HDF *out, const char *name, const char *md, int markdown)
{
	char *text = NULL;
	size_t i = 0, chars = 0;
	NEOERR *err;

	if (md == NULL || *md == '\0')
		return;
	if (markdown && markdown_plain(md, strlen(md), &text) != 0)
		return;
	if (!markdown && (text = strdup(md)) == NULL)
		return;
	while (text[i] && chars < EXCERPT_CHARS) {
		i++;
		while (((unsigned char)text[i] & 0xC0) == 0x80)
			i++;
		chars++;
	}
	if (text[i]) {
		/* "…" after the cut */
		char *cut = malloc(i + 4);
		if (cut) {
			memcpy(cut, text, i);
			memcpy(cut + i, "\xE2\x80\xA6", 4);
			free(text);
			text = cut;
		} else {
			text[i] = '\0';
		}
	}
	err = hdf_set_value(out, name, text);
	nerr_ignore(&err);
	free(text);
}

int notify_load_one(db *d, long long id, HDF *lang, HDF *out, const char *prefix,
		    long long *recipient)
{
	db_rows *rows = NULL;
	char name[160];
	const char *kind;
	int rc = DB_SELECT(d, SQL_ONE, &rows, DBI(id));

	if (rc != 0)
		return rc;
	if (rows->nrows == 0 || !cell_int(rows, 0, "listed")) {
		db_rows_free(rows);
		return E_NOTFOUND;
	}
	*recipient = cell_int(rows, 0, "recipient_id");
	put_line(lang, rows, 0, out, prefix, 0);
	kind = cell(rows, 0, "kind");
	snprintf(name, sizeof(name), "%s.0.excerpt", prefix);
	if (strcmp(kind, "idea_status") == 0)
		put_excerpt(out, name, cell(rows, 0, "stage_note"), 0);
	else if (strcmp(kind, "review_response") == 0)
		put_excerpt(out, name, cell(rows, 0, "response_body"), 1);
	else if (strcmp(kind, "moderation") != 0)
		put_excerpt(out, name, *cell(rows, 0, "post_body") ? cell(rows, 0, "post_body")
				       : *cell(rows, 0, "comment_body") ? cell(rows, 0, "comment_body")
				       : cell(rows, 0, "review_body"), 1);
	db_rows_free(rows);
	return 0;
}

int notify_target_url(db *d, long long user_id, long long id, char *out, size_t size)
{
	db_rows *rows = NULL;
	int rc = DB_SELECT(d, SQL_TARGET, &rows, DBI(id), DBI(user_id));

	if (rc != 0)
		return rc;
	if (size > 0)
		out[0] = '\0';
	if (rows->nrows == 0)
		rc = E_NOTFOUND; /* missing, or someone else's: the same answer */
	else if (row_int(rows, 0, "listed"))
		note_url(rows, 0, out, size);
	db_rows_free(rows);
	return rc;
}

int notify_mark_read(db *d, long long user_id, long long id)
{
	db_rows *rows = NULL;
	int rc;

	if (id == 0)
		return DB_EXEC(d, SQL_READ_ALL, NULL, DBI(user_id));
	rc = DB_SELECT(d, SQL_GROUP_OF, &rows, DBI(id), DBI(user_id));
	if (rc != 0)
		return rc;
	if (rows->nrows == 0)
		rc = E_NOTFOUND; /* missing, or someone else's: the same answer */
	else
		rc = DB_EXEC(d, SQL_READ_GROUP, NULL, DBI(user_id),
			     DBS(row_str(rows, 0, "group_key")));
	db_rows_free(rows);
	return rc;
}

int notify_mark_seen(db *d, long long user_id, notify_about what, long long id)
{
	static const char *const sql[] = {
		[NOTIFY_ABOUT_THREAD] = SQL_SEEN_THREAD,
		[NOTIFY_ABOUT_IDEA] = SQL_SEEN_IDEA,
		[NOTIFY_ABOUT_REVIEW] = SQL_SEEN_REVIEW,
	};

	if (user_id == 0 || (unsigned)what >= sizeof(sql) / sizeof(sql[0]))
		return 0;
	return DB_EXEC(d, sql[what], NULL, DBI(user_id), DBI(id));
}
