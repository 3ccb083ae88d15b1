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

/* Plain text of n bytes of Markdown (for snippets, search, sentiment and
 * notification emails): the text of every node, without markup. Allocated;
 * the caller frees. Returns 0 or E_NOMEM. */
int markdown_plain(const char *md, size_t n, char **text);

#endif
