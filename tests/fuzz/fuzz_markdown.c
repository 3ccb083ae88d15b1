/* fuzz_markdown.c: the Markdown renderer and its link policy. Whatever the
 * input, the HTML must carry no script, no event handler attribute and no
 * javascript:, vbscript: or data: link (the oracle), the moderation scan
 * must count at least the links and images to other sites the HTML holds,
 * and the plain-text rendering must not crash. */
#include "base/err.h"
#include "text/markdown.h"
#include "base/str.h"
#include "base/utf8.h"

#include <assert.h>
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Finds needle in haystack ignoring ASCII case. */
static const char *find_ci(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; *hay; hay++)
		if (ascii_ncasecmp(hay, needle, n) == 0)
			return hay;
	return NULL;
}

/* Checks every tag of html: no <script, no on* attribute, and no href/src
 * with a dangerous scheme. Text outside tags is escaped by cmark. */
static void check_html(const char *html)
{
	const char *p = html;

	assert(find_ci(html, "<script") == NULL);
	while ((p = strchr(p, '<')) != NULL) {
		const char *end = strchr(p, '>');
		const char *a;
		if (end == NULL)
			break;
		if (strncmp(p, "<!--", 4) == 0) {
			p = end + 1;
			continue;
		}
		for (a = p; a < end; a++) {
			if (isspace((unsigned char)a[0]) && ascii_ncasecmp(a + 1, "on", 2) == 0 &&
			    isalpha((unsigned char)a[3]))
				assert(!"event handler attribute in a tag");
			if (ascii_ncasecmp(a, "href=\"", 6) == 0 || ascii_ncasecmp(a, "src=\"", 5) == 0) {
				const char *v = strchr(a, '"') + 1;
				assert(ascii_ncasecmp(v, "javascript:", 11) != 0);
				assert(ascii_ncasecmp(v, "vbscript:", 9) != 0);
				assert(ascii_ncasecmp(v, "data:", 5) != 0);
			}
		}
		p = end + 1;
	}
}

/* The links and images of html that lead off the site. */
static int offsite(const char *html)
{
	const char *p;
	int n = 0;

	for (p = html; (p = find_ci(p, "=\"")) != NULL; p++)
		if ((p - html >= 4 && (ascii_ncasecmp(p - 4, "href", 4) == 0 ||
				       ascii_ncasecmp(p - 3, "src", 3) == 0)) &&
		    p[2] != '/' && p[2] != '#')
			n++;
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text, *html = NULL, *plain = NULL;

	/* bodies are checked for UTF-8 before they reach the renderer */
	if (utf8_check((const char *)data, size, 1) != UTF8_OK || size > 100000)
		return 0;
	text = malloc(size + 1);
	if (text == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	markdown_scan scan;

	if (markdown_render(text, size, &html) == 0) {
		check_html(html);
		if (markdown_scan_text(text, size, &scan) == 0) {
			assert(scan.links >= offsite(html));
			markdown_scan_free(&scan);
		}
		free(html);
	}
	if (markdown_plain(text, size, &plain) == 0)
		free(plain);
	markdown_url_allowed(text);
	free(text);
	return 0;
}
