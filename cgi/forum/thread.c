/* thread.c: a thread, 20 posts a page. Page N is the range of positions
 * (N-1)*20+1 .. N*20 read through the (thread_id, position) key, so the last
 * page of a long thread costs what the first costs. */
#include "forum.h"
#include "base/utf8.h"
#include "base/err.h"
#include "base/paging.h"
#include "base/policy.h"
#include "services/follow.h"
#include "services/notify_view.h"
#include "web/kept_reads.h"
#include "base/log.h"
#include "text/markdown.h"
#include "web/view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Every post of the page, whoever reads it: the same rows serve every
 * reader (web/kept_reads.h), and visible_to_reader drops what one may not
 * see (by status, user_id and mod_note). */
static const char SQL_POSTS[] =
	"SELECT p.id, p.position, p.user_id, u.username AS author, "
	"FIND_IN_SET('staff', u.roles) > 0 AS staff, p.html, p.status, p.like_count, p.mod_note, "
	"IF(p.position = 1, p.body, NULL) AS opening_body, "
	"UNIX_TIMESTAMP(p.created_at) AS created_at, UNIX_TIMESTAMP(p.edited_at) AS edited_at "
	"FROM posts p JOIN users u ON u.id = p.user_id "
	"WHERE p.thread_id = ? AND p.position BETWEEN ? AND ? ORDER BY p.position";
static const char SQL_MY_LIKES[] =
	"SELECT l.post_id FROM post_likes l JOIN posts p ON p.id = l.post_id "
	"WHERE l.user_id = ? AND p.thread_id = ? AND p.position BETWEEN ? AND ?";
static const char SQL_ANSWER[] =
	"SELECT p.id, p.position, u.username AS author, p.html, p.body, "
	"UNIX_TIMESTAMP(p.created_at) AS created_at "
	"FROM posts p JOIN users u ON u.id = p.user_id WHERE p.id = ? AND p.status = 'visible'";
static const char SQL_ADD_VIEWS[] = "UPDATE threads SET views = views + ? WHERE id = ?";

/* ---- views, counted in the worker and written in batches ----
 *
 * A thread's view counter is not written on every view: each worker keeps
 * what it has counted and adds it to the rows every VIEW_FLUSH_SECONDS or
 * when its table is full. Counts are approximate: a worker that is killed
 * loses at most that many seconds of its views. This is process state, like
 * the prepared statements, never request data. */
#define VIEW_SLOTS 64
#define VIEW_FLUSH_SECONDS 10

static struct {
	long long thread_id;
	long long count;
} pending_views[VIEW_SLOTS];
static time_t views_flushed_at;

static void views_flush(db *d)
{
	size_t i;

	for (i = 0; i < VIEW_SLOTS; i++) {
		if (pending_views[i].count == 0)
			continue;
		if (DB_EXEC(d, SQL_ADD_VIEWS, NULL, DBI(pending_views[i].count),
			    DBI(pending_views[i].thread_id)) != 0)
			break; /* keep the rest for the next flush */
		pending_views[i].count = 0;
		pending_views[i].thread_id = 0;
	}
	views_flushed_at = time(NULL);
}

static void count_view(db *d, long long thread_id)
{
	size_t i, free_slot = VIEW_SLOTS;

	for (i = 0; i < VIEW_SLOTS; i++) {
		if (pending_views[i].thread_id == thread_id)
			break;
		if (pending_views[i].count == 0 && free_slot == VIEW_SLOTS)
			free_slot = i;
	}
	if (i == VIEW_SLOTS) {
		if (free_slot == VIEW_SLOTS) {
			views_flush(d);
			free_slot = 0;
		}
		i = free_slot;
		pending_views[i].thread_id = thread_id;
	}
	pending_views[i].count++;
	if (time(NULL) - views_flushed_at >= VIEW_FLUSH_SECONDS)
		views_flush(d);
}

/* ---- schema.org JSON-LD ---- */

static void jsonld_prop(strbuf *sb, const char *name, const char *value)
{
	strbuf_printf(sb, ",\"%s\":", name);
	json_string(sb, value ? value : "");
}

/* The page's description for link previews: the opening post's plain
 * text, its first DESCRIPTION_MAX characters, on one line. */
#define DESCRIPTION_MAX 200
static void set_description(HDF *h, const char *text)
{
	char out[DESCRIPTION_MAX * 4 + 4];
	size_t i = 0, o = 0, chars = 0, len;

	while (text[i] && chars < DESCRIPTION_MAX) {
		if (utf8_decode((const unsigned char *)text + i, strlen(text + i), &len) < 0)
			break;
		if (text[i] == '\n' || text[i] == '\r' || text[i] == '\t') {
			if (o > 0 && out[o - 1] != ' ')
				out[o++] = ' ';
		} else {
			memcpy(out + o, text + i, len);
			o += len;
		}
		i += len;
		chars++;
	}
	while (o > 0 && out[o - 1] == ' ')
		o--;
	if (text[i] && o + 3 < sizeof(out)) {
		memcpy(out + o, "\xe2\x80\xa6", 3); /* … */
		o += 3;
	}
	out[o] = '\0';
	hdf_str(h, "page.description", out);
}

/* Builds DiscussionForumPosting, or QAPage with its accepted answer when the
 * thread is solved. The result goes inside <script type="application/ld+json">,
 * which is why json_string escapes <, > and &. */
static void thread_jsonld(request *r, const char *origin, const char *answer_text)
{
	HDF *h = r->hdf;
	strbuf sb = STRBUF_INIT;
	char url[640];
	const char *title = hdf_get_value(h, "d.thread.title", "");
	const char *author = hdf_get_value(h, "d.thread.author", "");
	const char *opening = hdf_get_value(h, "d.posts.0.opening_body", NULL);
	char *text = NULL;
	char published[32];
	time_t t = (time_t)hdf_get_int_value(h, "d.thread.created_at", 0);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(published, sizeof(published), "%Y-%m-%dT%H:%M:%SZ", &tm);
	snprintf(url, sizeof(url), "%s/t/%s/%s", origin, hdf_get_value(h, "d.thread.id", ""),
		 hdf_get_value(h, "d.thread.slug", ""));
	if (opening)
		markdown_plain(opening, strlen(opening), &text);
	if (answer_text) {
		strbuf_puts(&sb, "{\"@context\":\"https://schema.org\",\"@type\":\"QAPage\","
			    "\"mainEntity\":{\"@type\":\"Question\"");
		jsonld_prop(&sb, "name", title);
		jsonld_prop(&sb, "text", text ? text : title);
		jsonld_prop(&sb, "dateCreated", published);
		strbuf_printf(&sb, ",\"answerCount\":%d", hdf_get_int_value(h, "d.thread.reply_count", 0));
		strbuf_puts(&sb, ",\"author\":{\"@type\":\"Person\"");
		jsonld_prop(&sb, "name", author);
		strbuf_puts(&sb, "},\"acceptedAnswer\":{\"@type\":\"Answer\"");
		jsonld_prop(&sb, "text", answer_text);
		jsonld_prop(&sb, "url", url);
		strbuf_puts(&sb, ",\"author\":{\"@type\":\"Person\"");
		jsonld_prop(&sb, "name", hdf_get_value(h, "d.answer.author", ""));
		strbuf_puts(&sb, "}}}}");
	} else {
		strbuf_puts(&sb, "{\"@context\":\"https://schema.org\",\"@type\":\"DiscussionForumPosting\"");
		jsonld_prop(&sb, "headline", title);
		jsonld_prop(&sb, "text", text ? text : title);
		jsonld_prop(&sb, "url", url);
		jsonld_prop(&sb, "datePublished", published);
		strbuf_puts(&sb, ",\"author\":{\"@type\":\"Person\"");
		jsonld_prop(&sb, "name", author);
		strbuf_printf(&sb, "},\"commentCount\":%d", hdf_get_int_value(h, "d.thread.reply_count", 0));
		strbuf_printf(&sb, ",\"interactionStatistic\":{\"@type\":\"InteractionCounter\","
			      "\"interactionType\":\"https://schema.org/LikeAction\","
			      "\"userInteractionCount\":%d}}", hdf_get_int_value(h, "d.thread.like_count", 0));
	}
	if (sb.s)
		hdf_str(h, "page.jsonld", sb.s);
	if (text)
		set_description(h, text);
	free(text);
	strbuf_free(&sb);
}

static int visible_to_reader(const db_rows *rows, size_t row, void *reader)
{
	const user *u = reader;

	return policy_can_see(POLICY_POST, u->id, u->roles, row_str(rows, row, "status"),
			      row_int(rows, row, "user_id"), !row_null(rows, row, "mod_note"));
}

/* Marks the posts of the page that the requester liked (d.posts.N.liked). */
static int mark_my_likes(request *r, long long thread_id, long long first, long long last)
{
	db_rows *rows = NULL;
	HDF *p;
	size_t i;
	int rc;

	if (r->user.id == 0)
		return 0;
	rc = DB_SELECT(r->app->db, SQL_MY_LIKES, &rows, DBI(r->user.id), DBI(thread_id),
		       DBI(first), DBI(last));
	if (rc != 0)
		return rc;
	for (p = hdf_obj_child(hdf_get_obj(r->hdf, "d.posts")); p; p = hdf_obj_next(p))
		for (i = 0; i < rows->nrows; i++)
			if (strcmp(hdf_get_value(p, "id", ""), row_str(rows, i, "post_id")) == 0)
				hdf_int(p, "liked", 1);
	db_rows_free(rows);
	return 0;
}

int page_thread(request *r)
{
	long long page = req_page(r, 1000000);

	return forum_show_thread(r, req_arg_id(r, 0), page);
}

int page_thread_kept(request *r)
{
	count_view(r->app->db, req_arg_id(r, 0));
	return 0;
}

int forum_show_thread(request *r, long long id, long long page)
{
	long long solved;
	page_span span;
	db_rows *rows = NULL;
	char *answer_text = NULL;
	int rc;

	rc = forum_load_thread(r, id);
	if (rc != 0)
		return rc;
	rc = page_span_of(hdf_get_int_value(r->hdf, "d.thread.post_count", 1), POSTS_PER_PAGE, page,
			  &span);
	if (rc != 0)
		return rc;
	rc = KEPT_SELECT(r, SQL_POSTS, &rows, DBI(id), DBI(span.first), DBI(span.last));
	if (rc != 0)
		return rc;
	db_rows_filter(rows, visible_to_reader, &r->user);
	hdf_rows(r->hdf, "d.posts", rows);
	db_rows_free(rows);
	rc = mark_my_likes(r, id, span.first, span.last);
	if (rc != 0)
		return rc;
	solved = hdf_get_int_value(r->hdf, "d.thread.solved_post_id", 0);
	if (solved) {
		rc = DB_SELECT(r->app->db, SQL_ANSWER, &rows, DBI(solved));
		if (rc != 0)
			return rc;
		if (hdf_row(r->hdf, "d.answer", rows) == 0) {
			markdown_plain(row_str(rows, 0, "body"), row_len(rows, 0, "body"), &answer_text);
			hdf_remove_tree(r->hdf, "d.answer.body");
		}
		db_rows_free(rows);
	}
	page_links(r->hdf, &span);
	if (r->user.id) {
		/* where what is new to them begins, if on this page; then this
		 * page is read */
		long long read = forum_read_position(r, id);
		long long shown = hdf_get_int_value(r->hdf, "d.thread.post_count", 1);

		if (shown > span.last)
			shown = span.last;
		if (read > 0 && read < shown && read + 1 >= span.first)
			hdf_int(r->hdf, "d.unread_from", read + 1);
		if (shown > read) /* a page read again writes nothing */
			forum_mark_read(r, id, shown);
		const char *quote = req_query(r, "quote");
		long long q = 0;

		if (quote == NULL)
			quote = hdf_get_value(r->hdf, "form.quote", NULL);
		if (quote && parse_long(quote, 1, 1LL << 53, &q) == 0)
			hdf_int(r->hdf, "quote", q);
		/* Quote: the reply box starts with the quoted post, for the member
		 * to cut and answer (a refused reply keeps what was sent instead) */
		if (q && hdf_get_obj(r->hdf, "form.body") == NULL) {
			char *text = NULL;

			rc = forum_quote_text(r, q, &text);
			if (rc == 0)
				hdf_str(r->hdf, "form.body", text);
			else if (rc == E_NOTFOUND)
				hdf_str(r->hdf, "quote_missing", "1");
			free(text);
			if (rc != 0 && rc != E_NOTFOUND)
				return rc;
			if (rc == E_NOTFOUND)
				hdf_remove_tree(r->hdf, "quote");
		}
		req_nonce(r);
		rc = follow_put(r->app->db, r->hdf, "d.follow", r->user.id, "thread", id);
		if (rc != 0)
			return rc;
		if (r->user.id == hdf_get_int_value(r->hdf, "d.thread.user_id", 0) ||
		    policy_is_trusted(r->user.roles))
			hdf_int(r->hdf, "can_solve", 1);
		if (policy_is_moderator(r->user.roles)) {
			hdf_int(r->hdf, "can_moderate", 1);
			rc = forum_load_categories(r, "categories");
			if (rc != 0)
				return rc;
		}
	}
	/* the gate put the site's origin on every page */
	thread_jsonld(r, hdf_get_value(r->hdf, "origin", ""), answer_text);
	free(answer_text);
	count_view(r->app->db, id);
	/* the member has read the thread: what their notifications about it
	 * said is no longer news (a failure leaves them unread, the page is
	 * still shown) */
	if (r->user.id && notify_mark_seen(r->app->db, r->user.id, NOTIFY_ABOUT_THREAD, id) != 0)
		log_error("thread %lld: notifications of member %lld left unread", id, r->user.id);
	r->template = "forum/thread";
	return 200;
}
