/* markdown.c: cmark with our link policy (see markdown.h). */
#include "markdown.h"
#include "err.h"
#include "str.h"

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

int markdown_render(const char *md, size_t n, char **html)
{
	cmark_node *doc = cmark_parse_document(md, n, CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8);
	char *raw = NULL;
	int rc;

	*html = NULL;
	if (doc == NULL)
		return E_NOMEM;
	rc = apply_link_policy(doc);
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
