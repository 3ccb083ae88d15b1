/* markdown.h: Markdown (CommonMark) to safe HTML, with cmark.
 *
 * cmark runs in its default safe mode (CMARK_OPT_UNSAFE is never passed):
 * raw HTML becomes a comment and javascript:, vbscript:, file: and data:
 * links are emptied. On top of that, every link and image whose address is
 * not http, https, mailto or a path on this site is replaced by its text, and
 * every link gets rel="nofollow ugc". The HTML is made when a post is written
 * or edited and stored, not made again on every view.
 */
#ifndef TERTULIA_MARKDOWN_H
#define TERTULIA_MARKDOWN_H

#include <stddef.h>

/* Renders n bytes of Markdown. *html gets an allocated string the caller
 * frees. Returns 0 or E_NOMEM. Input must already be valid UTF-8. */
int markdown_render(const char *md, size_t n, char **html);

/* Whether url may be a link target: http:, https:, mailto: (any case), or a
 * path on this site ("/t/1", "#p3"), never "//host". */
int markdown_url_allowed(const char *url);

/* @mentions. A mention is "@name" in the text of a post (not in code, not
 * inside a link or an image; one in a block quote is linked but tells
 * nobody, since a quote repeats what was said before), where "@" starts the text or follows a
 * character that cannot be part of an address (so "ana@example.com" is no
 * mention) and name is 3-30 characters of a member's name (base/username.h)
 * without its spaces: letters, digits, '_', '.' and '-', trailing '.' and
 * '-' being punctuation. A name's space is written '_' ("@María_López"),
 * which the members' names hold as one (users.username_key).
 * markdown_render links each one to /u/NAME (cmark escapes the address);
 * whether such a member exists is for the caller of markdown_mentions to
 * check. */
#define MENTION_NAME_MAX 30
/* The bytes of a mentioned name, in UTF-8. */
#define MENTION_NAME_BYTES (MENTION_NAME_MAX * 4)
/* The distinct names mentioned in n bytes of Markdown (compared without
 * case), at most max of them, each copied into names[i]. Returns how many,
 * or E_NOMEM. */
int markdown_mentions(const char *md, size_t n, char names[][MENTION_NAME_BYTES + 1], size_t max);

/* What the moderation rules read in a text: what its readers get once
 * cmark has decoded entities and backslash escapes and the link policy has
 * run, never the Markdown source, in which "http&#58;//" or "zq**s**pam"
 * hide what they become. */
typedef struct markdown_scan {
	/* Allocated; markdown_scan_free frees it. The text shown: text nodes
	 * (link texts, image alts and code too) joined as a browser draws them,
	 * so that emphasis or raw HTML between two halves of a word does not
	 * split it; blocks and line breaks apart by a space. Then, after a
	 * newline, the address of every link and image, one a line. */
	char *text;
	/* Allocated too: the text shown outside block quotes, what the author
	 * wrote rather than quoted (the text analysis reads it), without the
	 * addresses. */
	char *own;
	/* The links and images that point to other sites (anything but a path
	 * on this site), plus the addresses written out in the text outside
	 * them (markdown_count_addresses): readers copy those too. */
	int links;
} markdown_scan;

/* Scans n bytes of Markdown in one walk of the tree markdown_render draws.
 * Fills *out (zeroed on error). Returns 0 or E_NOMEM. Input must already be
 * valid UTF-8. */
int markdown_scan_text(const char *md, size_t n, markdown_scan *out);
void markdown_scan_free(markdown_scan *s);

/* Counts the addresses written out in plain text: "http://", "https://"
 * and a bare "www." starting a word. */
int markdown_count_addresses(const char *text);

/* Plain text of n bytes of Markdown (for snippets, search, sentiment and
 * notification emails): the text of every node, without markup. Allocated;
 * the caller frees. Returns 0 or E_NOMEM. */
int markdown_plain(const char *md, size_t n, char **text);

#endif
