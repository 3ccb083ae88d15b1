/* markdown.c: cmark with our link policy (see markdown.h). */
#include "text/markdown.h"
#include "base/err.h"
#include "base/str.h"
#include "base/username.h"
#include "base/utf8.h"

#include <cmark.h>
#include <stdlib.h>
#include <string.h>

static int has_prefix_ci(const char *s, const char *prefix)
{
	return ascii_ncasecmp(s, prefix, strlen(prefix)) == 0;
}

int markdown_url_allowed(const char *url)
{
	const char *c;

	if (url == NULL || *url == '\0')
		return 0;
	/* browsers drop tabs and newlines inside URLs: "/\t/evil.com" is "//evil.com" */
	for (c = url; *c; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7f)
			return 0;
	if (url[0] == '/')
		return url[1] != '/' && url[1] != '\\';
	if (url[0] == '#')
		return 1;
	return has_prefix_ci(url, "http://") || has_prefix_ci(url, "https://") ||
	       has_prefix_ci(url, "mailto:");
}

/* Replaces node by its children, in place. */
static void unwrap(cmark_node *node)
{
	cmark_node *child;

	while ((child = cmark_node_first_child(node)) != NULL)
		cmark_node_insert_before(node, child);
	cmark_node_free(node);
}

/* Replaces an image by its alt text. */
static void image_to_text(cmark_node *node)
{
	cmark_node *text = cmark_node_new(CMARK_NODE_TEXT);
	strbuf alt = STRBUF_INIT;
	cmark_iter *it = cmark_iter_new(node);
	cmark_event_type ev;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_ENTER && cmark_node_get_literal(n) &&
		    cmark_node_get_type(n) == CMARK_NODE_TEXT)
			strbuf_puts(&alt, cmark_node_get_literal(n));
	}
	cmark_iter_free(it);
	cmark_node_set_literal(text, alt.s ? alt.s : "");
	strbuf_free(&alt);
	cmark_node_insert_before(node, text);
	cmark_node_free(node);
}

/* Collects the links and images to fix first: changing the tree while
 * iterating it is not allowed. */
static int apply_link_policy(cmark_node *doc)
{
	cmark_node **bad = NULL;
	size_t nbad = 0, cap = 0, i;
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	int rc = 0;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);

		if (ev != CMARK_EVENT_ENTER || (t != CMARK_NODE_LINK && t != CMARK_NODE_IMAGE))
			continue;
		if (t == CMARK_NODE_LINK && markdown_url_allowed(cmark_node_get_url(n)))
			continue;
		if (t == CMARK_NODE_IMAGE) {
			const char *u = cmark_node_get_url(n);
			if (u && (has_prefix_ci(u, "https://") || has_prefix_ci(u, "http://")))
				continue;
		}
		if (nbad == cap) {
			size_t ncap = cap ? cap * 2 : 16;
			cmark_node **p = realloc(bad, ncap * sizeof(*p));
			if (p == NULL) {
				rc = E_NOMEM;
				break;
			}
			bad = p;
			cap = ncap;
		}
		bad[nbad++] = n;
	}
	cmark_iter_free(it);
	/* innermost last: a bad link inside a bad image's alt is already gone
	 * with the image, so fix them from the end of the list */
	for (i = nbad; rc == 0 && i > 0; i--) {
		cmark_node *n = bad[i - 1];
		if (cmark_node_get_type(n) == CMARK_NODE_IMAGE)
			image_to_text(n);
		else
			unwrap(n);
	}
	free(bad);
	return rc;
}

/* Adds rel="nofollow ugc" to every link cmark wrote. With raw HTML
 * suppressed, "<a href=\"" can only come from a link node: text is escaped. */
static int add_rel(const char *html, char **out)
{
	static const char from[] = "<a href=\"";
	static const char to[] = "<a rel=\"nofollow ugc\" href=\"";
	strbuf sb = STRBUF_INIT;
	const char *p = html, *hit;

	while ((hit = strstr(p, from)) != NULL) {
		if (strbuf_append(&sb, p, (size_t)(hit - p)) != 0 || strbuf_puts(&sb, to) != 0)
			goto fail;
		p = hit + sizeof(from) - 1;
	}
	if (strbuf_puts(&sb, p) != 0)
		goto fail;
	*out = strbuf_detach(&sb);
	return 0;
fail:
	strbuf_free(&sb);
	return E_NOMEM;
}

/* ---- @mentions ---- */

/* The length in bytes of the character of a mentioned name at s[0..n)
 * (a name's letter or digit, '_', '.' or '-'; a space is written '_'), or
 * 0 when there is none there. */
static size_t name_char(const char *s, size_t n)
{
	size_t len = 0;
	long cp = n ? utf8_decode((const unsigned char *)s, n, &len) : -1;

	if (cp == '_' || cp == '.' || cp == '-' || (cp > 0 && username_word_char(cp)))
		return len;
	return 0;
}

/* Whether the character that ends at s[i] (exclusive) could be part of a
 * name or an address, so that an '@' at s[i] starts no mention. */
static int joins_before(const char *s, size_t i)
{
	size_t start = i;

	if (i == 0)
		return 0;
	if (s[i - 1] == '@' || s[i - 1] == '/')
		return 1;
	while (start > 0 && i - start < 4 && ((unsigned char)s[start - 1] & 0xC0) == 0x80)
		start--;
	if (start > 0 && i - start < 4)
		start--; /* the lead byte */
	return name_char(s + start, i - start) == i - start;
}

/* Finds the next mention in s[*pos..n): *at gets the index of its '@' and
 * *len the length in bytes of the name after it (3 to MENTION_NAME_MAX
 * characters). Returns 1, or 0 when none is left. */
static int next_mention(const char *s, size_t n, size_t *pos, size_t *at, size_t *len)
{
	size_t i, j, step, chars;

	for (i = *pos; i < n; i++) {
		if (s[i] != '@' || joins_before(s, i))
			continue;
		for (j = i + 1, chars = 0; j < n && (step = name_char(s + j, n - j)) > 0; j += step)
			chars++;
		*pos = j;
		while (j > i + 1 && (s[j - 1] == '.' || s[j - 1] == '-')) {
			j--;
			chars--;
		}
		if (chars >= 3 && chars <= MENTION_NAME_MAX && j - i - 1 <= MENTION_NAME_BYTES) {
			*at = i;
			*len = j - i - 1;
			return 1;
		}
		i = *pos - 1; /* too short or too long: not a mention, go on after it */
	}
	*pos = n;
	return 0;
}

/* Calls fn for every text node outside links and images (after the text
 * nodes are merged, so that "@a_b" is one node), and outside block quotes
 * when skip_quotes is set. fn may change the node: the nodes are collected
 * first. */
static int each_plain_text(cmark_node *doc, int skip_quotes, int (*fn)(cmark_node *, void *),
			   void *ctx)
{
	cmark_node **list = NULL;
	size_t n = 0, cap = 0, i;
	cmark_iter *it;
	cmark_event_type ev;
	int depth = 0, quotes = 0, rc = 0;

	cmark_consolidate_text_nodes(doc);
	it = cmark_iter_new(doc);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(node);

		if (t == CMARK_NODE_LINK || t == CMARK_NODE_IMAGE) {
			depth += ev == CMARK_EVENT_ENTER ? 1 : ev == CMARK_EVENT_EXIT ? -1 : 0;
			continue;
		}
		if (t == CMARK_NODE_BLOCK_QUOTE) {
			quotes += ev == CMARK_EVENT_ENTER ? 1 : ev == CMARK_EVENT_EXIT ? -1 : 0;
			continue;
		}
		if (t != CMARK_NODE_TEXT || depth > 0 || (skip_quotes && quotes > 0) ||
		    !strchr(cmark_node_get_literal(node), '@'))
			continue;
		if (n == cap) {
			size_t ncap = cap ? cap * 2 : 16;
			cmark_node **p = realloc(list, ncap * sizeof(*p));
			if (p == NULL) {
				rc = E_NOMEM;
				break;
			}
			list = p;
			cap = ncap;
		}
		list[n++] = node;
	}
	cmark_iter_free(it);
	for (i = 0; rc == 0 && i < n; i++)
		rc = fn(list[i], ctx);
	free(list);
	return rc;
}

/* Adds a text node holding s[0..n) before node. */
static int text_before(cmark_node *node, const char *s, size_t n)
{
	cmark_node *t;
	char *copy;

	if (n == 0)
		return 0;
	t = cmark_node_new(CMARK_NODE_TEXT);
	copy = strndup(s, n);
	if (t == NULL || copy == NULL || !cmark_node_set_literal(t, copy) ||
	    !cmark_node_insert_before(node, t)) {
		free(copy);
		if (t)
			cmark_node_free(t);
		return E_NOMEM;
	}
	free(copy);
	return 0;
}

/* Splits a text node around its mentions: "hi @ana!" becomes "hi ",
 * a link to /u/ana holding "@ana", and "!". */
static int link_mentions_in(cmark_node *node, void *ctx)
{
	const char *s = cmark_node_get_literal(node);
	size_t n = strlen(s), pos = 0, done = 0, at, len;
	char url[8 + MENTION_NAME_BYTES], label[2 + MENTION_NAME_BYTES];
	int rc = 0, found = 0;

	(void)ctx;
	while (rc == 0 && next_mention(s, n, &pos, &at, &len)) {
		cmark_node *link = cmark_node_new(CMARK_NODE_LINK);
		cmark_node *text = cmark_node_new(CMARK_NODE_TEXT);

		snprintf(url, sizeof(url), "/u/%.*s", (int)len, s + at + 1);
		snprintf(label, sizeof(label), "@%.*s", (int)len, s + at + 1);
		rc = text_before(node, s + done, at - done);
		if (rc == 0 && (link == NULL || text == NULL || !cmark_node_set_url(link, url) ||
				!cmark_node_set_literal(text, label) || !cmark_node_append_child(link, text)))
			rc = E_NOMEM;
		else
			text = NULL; /* the link owns it */
		if (rc == 0 && !cmark_node_insert_before(node, link))
			rc = E_NOMEM;
		else if (rc == 0)
			link = NULL;
		if (text)
			cmark_node_free(text);
		if (link)
			cmark_node_free(link);
		done = at + 1 + len;
		found = 1;
	}
	if (rc == 0 && found) {
		rc = text_before(node, s + done, n - done);
		if (rc == 0)
			cmark_node_free(node);
	}
	return rc;
}

typedef struct mention_list {
	char (*names)[MENTION_NAME_BYTES + 1];
	size_t n, max;
} mention_list;

static int collect_mentions(cmark_node *node, void *ctx)
{
	mention_list *l = ctx;
	const char *s = cmark_node_get_literal(node);
	size_t n = strlen(s), pos = 0, at, len, i;

	while (l->n < l->max && next_mention(s, n, &pos, &at, &len)) {
		for (i = 0; i < l->n; i++)
			if (strlen(l->names[i]) == len && ascii_ncasecmp(l->names[i], s + at + 1, len) == 0)
				break;
		if (i == l->n) {
			memcpy(l->names[l->n], s + at + 1, len);
			l->names[l->n++][len] = '\0';
		}
	}
	return 0;
}

int markdown_mentions(const char *md, size_t n, char names[][MENTION_NAME_BYTES + 1], size_t max)
{
	cmark_node *doc = cmark_parse_document(md, n, CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8);
	mention_list l = { names, 0, max };
	int rc;

	if (doc == NULL)
		return E_NOMEM;
	/* a quote repeats what someone said: its mentions were told already */
	rc = each_plain_text(doc, 1, collect_mentions, &l);
	cmark_node_free(doc);
	return rc ? rc : (int)l.n;
}

int markdown_render(const char *md, size_t n, char **html)
{
	cmark_node *doc = cmark_parse_document(md, n, CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8);
	char *raw = NULL;
	int rc;

	*html = NULL;
	if (doc == NULL)
		return E_NOMEM;
	rc = apply_link_policy(doc);
	if (rc == 0)
		rc = each_plain_text(doc, 0, link_mentions_in, NULL);
	if (rc == 0) {
		raw = cmark_render_html(doc, CMARK_OPT_DEFAULT);
		rc = raw ? add_rel(raw, html) : E_NOMEM;
	}
	free(raw);
	cmark_node_free(doc);
	return rc;
}

int markdown_plain(const char *md, size_t n, char **text)
{
	cmark_node *doc = cmark_parse_document(md, n, CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8);
	strbuf sb = STRBUF_INIT;
	cmark_iter *it;
	cmark_event_type ev;
	int rc = 0;

	if (doc == NULL)
		return E_NOMEM;
	it = cmark_iter_new(doc);
	while (rc == 0 && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(node);

		if (ev == CMARK_EVENT_ENTER && (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE ||
						t == CMARK_NODE_CODE_BLOCK))
			rc = strbuf_puts(&sb, cmark_node_get_literal(node));
		else if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK ||
			 (ev == CMARK_EVENT_EXIT && (t == CMARK_NODE_PARAGRAPH ||
						     t == CMARK_NODE_HEADING ||
						     t == CMARK_NODE_ITEM)))
			rc = strbuf_puts(&sb, " ");
	}
	cmark_iter_free(it);
	cmark_node_free(doc);
	if (rc != 0) {
		strbuf_free(&sb);
		return rc;
	}
	*text = strbuf_detach(&sb);
	return 0;
}

/* ---- what the moderation rules read ---- */

static int address_boundary(const char *text, const char *p)
{
	unsigned char c;

	if (p == text)
		return 1;
	c = (unsigned char)p[-1];
	return !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		 c >= 0x80 || c == '_' || c == '/');
}

int markdown_count_addresses(const char *text)
{
	const char *p;
	int count = 0;

	for (p = text; *p; p++) {
		if (has_prefix_ci(p, "http://") || has_prefix_ci(p, "https://"))
			count++;
		/* a bare "www.example.com"; "https://www." was counted above */
		else if (has_prefix_ci(p, "www.") && address_boundary(text, p))
			count++;
	}
	return count;
}

/* Whether a link or image kept by the policy leads off this site. */
static int leads_away(const char *url)
{
	return url && url[0] != '/' && url[0] != '#';
}

static int is_block(cmark_node_type t)
{
	return t == CMARK_NODE_PARAGRAPH || t == CMARK_NODE_HEADING || t == CMARK_NODE_ITEM ||
	       t == CMARK_NODE_CODE_BLOCK || t == CMARK_NODE_BLOCK_QUOTE ||
	       t == CMARK_NODE_THEMATIC_BREAK || t == CMARK_NODE_HTML_BLOCK;
}

/* Appends s to sb and, outside block quotes, to own. */
static int put_shown(strbuf *sb, strbuf *own, int quoted, const char *s)
{
	if (strbuf_puts(sb, s) != 0 || (!quoted && strbuf_puts(own, s) != 0))
		return E_NOMEM;
	return 0;
}

/* One walk: the text shown goes to shown, and outside block quotes to own;
 * the part of it outside links and images to loose (a space standing for
 * each link, so that the text on either side does not join), the
 * addresses of links and images to urls. */
static int scan_walk(cmark_node *doc, strbuf *shown, strbuf *own, strbuf *loose, strbuf *urls,
		     int *links)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	int depth = 0, quotes = 0, rc = 0;

	if (it == NULL)
		return E_NOMEM;
	while (rc == 0 && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(node);
		const char *lit;

		if (t == CMARK_NODE_LINK || t == CMARK_NODE_IMAGE) {
			const char *url = cmark_node_get_url(node);
			if (ev == CMARK_EVENT_ENTER) {
				depth++;
				if (leads_away(url))
					(*links)++;
				if (url && *url && (strbuf_puts(urls, url) != 0 || strbuf_puts(urls, "\n") != 0))
					rc = E_NOMEM;
			} else if (ev == CMARK_EVENT_EXIT) {
				depth--;
				if (strbuf_puts(loose, " ") != 0)
					rc = E_NOMEM;
			}
			continue;
		}
		if (t == CMARK_NODE_BLOCK_QUOTE)
			quotes += ev == CMARK_EVENT_ENTER ? 1 : ev == CMARK_EVENT_EXIT ? -1 : 0;
		if (ev == CMARK_EVENT_ENTER &&
		    (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE || t == CMARK_NODE_CODE_BLOCK)) {
			lit = cmark_node_get_literal(node);
			if (lit && (put_shown(shown, own, quotes > 0, lit) != 0 ||
				    (depth == 0 && strbuf_puts(loose, lit) != 0)))
				rc = E_NOMEM;
		} else if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK ||
			   (ev == CMARK_EVENT_EXIT && is_block(t))) {
			if (put_shown(shown, own, quotes > 0, " ") != 0 || strbuf_puts(loose, " ") != 0)
				rc = E_NOMEM;
		}
		/* raw HTML is drawn as nothing (safe mode): the text either side
		 * of it joins, as it does on the page */
	}
	cmark_iter_free(it);
	return rc;
}

int markdown_scan_text(const char *md, size_t n, markdown_scan *out)
{
	cmark_node *doc = cmark_parse_document(md, n, CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8);
	strbuf shown = STRBUF_INIT, own = STRBUF_INIT, loose = STRBUF_INIT, urls = STRBUF_INIT;
	int rc;

	memset(out, 0, sizeof(*out));
	if (doc == NULL)
		return E_NOMEM;
	/* what the page will hold: a link the policy drops is only its text */
	rc = apply_link_policy(doc);
	if (rc == 0)
		rc = scan_walk(doc, &shown, &own, &loose, &urls, &out->links);
	if (rc == 0 && (strbuf_puts(&shown, "\n") != 0 || strbuf_puts(&shown, urls.s ? urls.s : "") != 0 ||
			strbuf_puts(&loose, "") != 0 || strbuf_puts(&own, "") != 0))
		rc = E_NOMEM;
	if (rc == 0) {
		out->links += markdown_count_addresses(loose.s);
		out->text = strbuf_detach(&shown);
		out->own = strbuf_detach(&own);
	} else {
		out->links = 0;
	}
	strbuf_free(&shown);
	strbuf_free(&own);
	strbuf_free(&loose);
	strbuf_free(&urls);
	cmark_node_free(doc);
	return rc;
}

void markdown_scan_free(markdown_scan *s)
{
	free(s->text);
	free(s->own);
	s->text = NULL;
	s->own = NULL;
}
