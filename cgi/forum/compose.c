/* compose.c: writing: the new-thread form, creating a thread, replying. */
#include "forum.h"
#include "base/content_limits.h"
#include "base/err.h"
#include "services/moderation.h"
#include "text/markdown.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const field_spec new_thread_fields[] = {
	{ "category", F_SLUG, 1, 60, 1, NULL },
	{ "title", F_LINE, 3, TITLE_MAX, 1, NULL },
	{ "body", F_TEXT, 1, 20000, 1, NULL },
	{ "nonce", F_LINE, 0, 32, 0, NULL }, /* posts.nonce is CHAR(32) */
	{ "preview", F_INT, 1, 1, 0, NULL },  /* 1: show the post as it will be; post nothing */
	FIELDS_END
};

const field_spec reply_fields[] = {
	{ "body", F_TEXT, 1, 20000, 1, NULL },
	{ "quote", F_INT, 1, 1LL << 53, 0, NULL },
	{ "nonce", F_LINE, 0, 32, 0, NULL }, /* posts.nonce is CHAR(32) */
	{ "preview", F_INT, 1, 1, 0, NULL },
	FIELDS_END
};

static const char SQL_EARLIER_POSTS[] = "SELECT COUNT(*) FROM posts WHERE user_id = ?";
static const char SQL_QUOTED[] =
	"SELECT p.body, p.position, p.thread_id, u.username FROM posts p "
	"JOIN threads t ON t.id = p.thread_id JOIN users u ON u.id = p.user_id "
	"WHERE p.id = ? AND p.status = 'visible' AND t.status = 'visible'";

int forum_moderate(request *r, mod_item *m)
{
	int rc;

	m->max[MOD_TITLE] = TITLE_MAX; /* threads.title, and the form's limit */
	rc = mod_check_item(r->app->db, &r->app->cfg, r->app->sentiment, r->user.id,
			    r->user.roles, SQL_EARLIER_POSTS, m);
	if (rc == E_INVALID)
		req_field_error(r, m->field, m->key, m->n);
	return rc;
}

void forum_moderated_post(const mod_item *m, new_post *p)
{
	p->body = m->text[MOD_BODY];
	p->status = m->status;
	p->queue_cause = m->cause;
	p->queue_detail = m->detail;
}

/* Shows the form (again, after a refusal, with what was typed). */
/* Whether the form asked for a preview; if so, puts the body as it would
 * be shown (preview.html, our Markdown renderer's) beside what was typed,
 * which the form shown again keeps, with its nonce: nothing is written. */
static int wants_preview(request *r)
{
	const char *body = form_get(&r->in, "body");
	char *html = NULL;

	if (form_int(&r->in, "preview", 0) != 1 || body == NULL)
		return 0;
	if (markdown_render(body, strlen(body), &html) == 0)
		hdf_str(r->hdf, "preview.html", html);
	free(html);
	return 1;
}

static int show_form(request *r, int status)
{
	int rc = forum_load_start_categories(r, "d.categories");

	if (rc != 0)
		return rc;
	req_nonce(r);
	r->template = "forum/new_thread";
	return status;
}

int page_new_thread(request *r)
{
	const char *c = req_query(r, "c");

	if (c)
		hdf_str(r->hdf, "form.category", c);
	return show_form(r, 200);
}

int do_new_thread(request *r)
{
	const char *slug = form_get(&r->in, "category");
	long long category_id = 0, thread_id = 0, post_id = 0;
	new_post p = { r->user.id, form_get(&r->in, "body"), form_get(&r->in, "nonce"), 0, "visible",
		       NULL, NULL };
	mod_item m = { .text = { [MOD_TITLE] = form_get(&r->in, "title"), [MOD_BODY] = p.body } };
	char url[96];
	int rc;

	if (slug && (rc = forum_category_to_start(r, slug, &category_id)) != 0) {
		if (rc == E_FORBIDDEN) {
			/* not a mistake in the form that another try mends: the
			 * page says whose category it is */
			hdf_str(r->hdf, "error.reason", req_text(r, "err.staff_threads"));
			return E_FORBIDDEN;
		}
		if (rc != E_NOTFOUND)
			return rc;
		req_field_error(r, "category", "err.no_category", 0);
	}
	if (r->invalid)
		return show_form(r, 400);
	if (wants_preview(r))
		return show_form(r, 200);
	rc = forum_check_limits(r, 1, "title");
	if (rc == E_THROTTLED)
		return show_form(r, 429);
	if (rc != 0)
		return rc;
	/* the post, its place in the queue, its rollups and notifications:
	 * one transaction, the store's */
	rc = forum_moderate(r, &m);
	if (rc == 0) {
		forum_moderated_post(&m, &p);
		rc = forum_create_thread(r->app->db, category_id, m.text[MOD_TITLE], &p, &thread_id,
					 &post_id);
	}
	mod_item_free(&m);
	if (rc == E_INVALID)
		return show_form(r, 400);
	if (rc != 0 && rc != E_DUP) /* E_DUP: the first submit made it; go there */
		return rc;
	r->created_id = thread_id;
	req_said(r, rc == 0 && strcmp(p.status, "held") == 0 ? "thread_held" : "thread_posted");
	snprintf(url, sizeof(url), "/t/%lld", thread_id);
	req_redirect(r, url);
	return 303;
}

int forum_quote_text(request *r, long long quote_id, char **out)
{
	db_rows *rows = NULL;
	strbuf sb = STRBUF_INIT;
	char url[96];
	const char *q;
	size_t n = 0;
	int rc;

	*out = NULL;
	rc = DB_SELECT(r->app->db, SQL_QUOTED, &rows, DBI(quote_id));
	if (rc != 0)
		return rc;
	if (rows->nrows == 0) {
		db_rows_free(rows);
		return E_NOTFOUND;
	}
	forum_post_url(url, sizeof(url), row_int(rows, 0, "thread_id"), row_int(rows, 0, "position"),
		       quote_id);
	strbuf_printf(&sb, "> **@%s** [%s](%s):\n>\n> ", row_str(rows, 0, "username"),
		      req_text(r, "thread.wrote"), url);
	/* the quoted text, at most about 800 bytes, cut at a line end */
	for (q = row_str(rows, 0, "body"); *q && n < 800; q++, n++) {
		if (*q == '\n')
			strbuf_puts(&sb, "\n> ");
		else if (*q != '\r')
			strbuf_append(&sb, q, 1);
	}
	while (*q && ((unsigned char)*q & 0xC0) == 0x80) /* finish a UTF-8 sequence */
		strbuf_append(&sb, q++, 1);
	if (*q)
		strbuf_puts(&sb, " …");
	strbuf_puts(&sb, "\n\n");
	db_rows_free(rows);
	*out = strbuf_detach(&sb);
	return *out ? 0 : E_NOMEM;
}

/* Shows the thread again, with what was typed and why it was refused. */
static int refuse_reply(request *r, long long thread_id, int status)
{
	int rc = forum_show_thread(r, thread_id, 0);

	return rc < 0 ? rc : status;
}

int do_reply(request *r)
{
	long long thread_id = req_arg_id(r, 0), quote = form_int(&r->in, "quote", 0);
	long long post_id = 0, position = 0;
	new_post p = { r->user.id, form_get(&r->in, "body"), form_get(&r->in, "nonce"), quote, "visible",
		       NULL, NULL };
	mod_item m = { .text = { 0 } };
	char *quoted = NULL;
	char url[96];
	int rc;

	/* quote names the post the reply quotes: its text is already in the
	 * body, put there by the thread page (GET ?quote=) for the member to
	 * edit; it is checked here and kept with the reply, which tells the
	 * quoted author */

	if (r->invalid)
		return refuse_reply(r, thread_id, 400);
	if (wants_preview(r))
		return refuse_reply(r, thread_id, 200);
	rc = forum_check_limits(r, 0, "body");
	if (rc == E_THROTTLED)
		return refuse_reply(r, thread_id, 429);
	if (rc != 0)
		return rc;
	if (quote) {
		rc = forum_quote_text(r, quote, &quoted);
		free(quoted);
		quoted = NULL;
		if (rc == E_NOTFOUND) {
			req_field_error(r, "quote", "err.no_post", 0);
			return refuse_reply(r, thread_id, 400);
		}
		if (rc != 0)
			return rc;
	}
	m.text[MOD_BODY] = p.body;
	rc = forum_moderate(r, &m);
	if (rc == E_INVALID)
		hdf_str(r->hdf, "error.reason", req_text(r, "err.blocked_word"));
	if (rc == 0) {
		forum_moderated_post(&m, &p);
		rc = forum_create_reply(r->app->db, thread_id, &p, policy_is_moderator(r->user.roles), &post_id,
					&position);
	}
	free(quoted);
	mod_item_free(&m);
	if (rc == E_INVALID)
		return refuse_reply(r, thread_id, 400);
	if (rc == E_FORBIDDEN) {
		req_field_error(r, "body", "err.locked", 0);
		return refuse_reply(r, thread_id, 403);
	}
	/* E_DUP, a resubmit: to the reply the first submit made, as for a
	 * first one */
	if (rc != 0 && rc != E_DUP)
		return rc;
	forum_post_url(url, sizeof(url), thread_id, position, post_id);
	r->created_id = post_id;
	req_said(r, rc == 0 && strcmp(p.status, "held") == 0 ? "reply_held" : "reply_posted");
	req_redirect(r, url);
	return 303;
}
