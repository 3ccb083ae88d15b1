/* test_markdown.c: Markdown to safe HTML (markdown.h), against an XSS corpus.
 *
 * Every rendering is read back by a small HTML scanner (check_safe) that
 * knows only what cmark writes: a fixed set of tags, a fixed set of
 * attributes in double quotes, and the one comment that stands for omitted
 * raw HTML. Anything else (a <script>, an on* attribute, a href or src whose
 * scheme is not allowed once entities are decoded and the tabs and newlines
 * a browser ignores are removed) fails the test with the HTML shown.
 */
#include "helpers.h"
#include "text/markdown.h"

#include <ctype.h>

/* ---- rendering ---- */

static char *render_n(const char *md, size_t n)
{
	char *html = NULL;

	assert_int_equal(markdown_render(md, n, &html), 0);
	assert_non_null(html);
	return html;
}

static char *render(const char *md)
{
	return render_n(md, strlen(md));
}

static char *plain(const char *md)
{
	char *text = NULL;

	assert_int_equal(markdown_plain(md, strlen(md), &text), 0);
	assert_non_null(text);
	return text;
}

/* ---- the scanner ---- */

static const char *const safe_tags[] = {
	"p", "a", "img", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li",
	"h1", "h2", "h3", "h4", "h5", "h6", "hr", "br", NULL
};
static const char *const safe_attrs[] = { "href", "src", "alt", "title", "rel", "start", "class", NULL };
static const char omitted[] = "<!-- raw HTML omitted -->";

static int in_list(const char *const *list, const char *s, size_t n)
{
	for (; *list; list++)
		if (strlen(*list) == n && strncmp(*list, s, n) == 0)
			return 1;
	return 0;
}

/* Decodes the entities cmark writes in attributes (&amp; &lt; &gt; &quot;
 * &#39; and numeric ones) into out. Returns 0, or -1 for any other entity,
 * which cmark never writes and which is therefore suspect. */
static int decode_attr(const char *v, size_t n, char *out, size_t size)
{
	static const struct { const char *name; char c; } named[] = {
		{ "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' }, { "&quot;", '"' },
	};
	size_t i = 0, o = 0, k;

	while (i < n && o + 1 < size) {
		if (v[i] != '&') {
			out[o++] = v[i++];
			continue;
		}
		for (k = 0; k < sizeof(named) / sizeof(named[0]); k++)
			if (strncmp(v + i, named[k].name, strlen(named[k].name)) == 0)
				break;
		if (k < sizeof(named) / sizeof(named[0])) {
			out[o++] = named[k].c;
			i += strlen(named[k].name);
		} else if (v[i + 1] == '#') {
			char *end;
			long c = (v[i + 2] == 'x' || v[i + 2] == 'X') ? strtol(v + i + 3, &end, 16)
								       : strtol(v + i + 2, &end, 10);
			if (*end != ';')
				return -1;
			out[o++] = (c > 0 && c < 128) ? (char)c : '?';
			i = (size_t)(end - v) + 1;
		} else {
			return -1;
		}
	}
	out[o] = '\0';
	return 0;
}

/* What a browser makes of a URL's start: tabs and newlines anywhere are
 * dropped, leading spaces and control characters too, and the scheme is
 * case-insensitive. */
static void browser_url(const char *in, char *out, size_t size)
{
	size_t o = 0;

	while (*in && (unsigned char)*in <= 0x20)
		in++;
	for (; *in && o + 1 < size; in++)
		if (*in != '\t' && *in != '\n' && *in != '\r')
			out[o++] = (char)tolower((unsigned char)*in);
	out[o] = '\0';
}

static int starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* NULL when value (raw attribute text) is a safe link target, else why not. */
static const char *bad_url(const char *value, size_t n, int image)
{
	char decoded[4096], url[4096];

	if (n >= sizeof(decoded) || decode_attr(value, n, decoded, sizeof(decoded)) != 0)
		return "an entity cmark does not write";
	browser_url(decoded, url, sizeof(url));
	if (starts(url, "javascript:") || starts(url, "vbscript:") || starts(url, "data:"))
		return "a javascript:, vbscript: or data: address";
	if (starts(url, "http://") || starts(url, "https://"))
		return NULL;
	if (image)
		return "an image that is not http or https";
	if (starts(url, "mailto:") || url[0] == '#')
		return NULL;
	if (url[0] == '/' && url[1] != '/' && url[1] != '\\')
		return NULL;
	return "an address that is not http, https, mailto or a path of this site";
}

/* NULL when html is made only of what cmark writes for safe content, else a
 * description of the first problem. */
static const char *check_safe(const char *html)
{
	const char *p = html;

	if (strcasestr(html, "<script"))
		return "a <script";
	while ((p = strchr(p, '<')) != NULL) {
		const char *name;
		size_t n;
		int is_a, is_img, has_rel = 0;

		if (starts(p, "<!--")) {
			if (!starts(p, omitted))
				return "a comment other than the omitted-HTML one";
			p += strlen(omitted);
			continue;
		}
		p++;
		if (*p == '/')
			p++;
		name = p;
		while (isalnum((unsigned char)*p))
			p++;
		n = (size_t)(p - name);
		if (!in_list(safe_tags, name, n))
			return "a tag cmark does not write for Markdown";
		is_a = n == 1 && name[0] == 'a';
		is_img = n == 3 && strncmp(name, "img", 3) == 0;
		for (;;) {
			const char *attr, *value;
			size_t an, vn;

			while (*p == ' ')
				p++;
			if (*p == '>' || starts(p, "/>"))
				break;
			attr = p;
			while (*p && *p != '=' && *p != '>' && *p != ' ' && *p != '/')
				p++;
			an = (size_t)(p - attr);
			if (an >= 2 && tolower((unsigned char)attr[0]) == 'o' &&
			    tolower((unsigned char)attr[1]) == 'n')
				return "an on* event attribute";
			if (!in_list(safe_attrs, attr, an))
				return "an attribute cmark does not write";
			if (p[0] != '=' || p[1] != '"')
				return "an attribute without a double-quoted value";
			value = p + 2;
			p = strchr(value, '"');
			if (p == NULL)
				return "an unterminated attribute";
			vn = (size_t)(p - value);
			p++;
			if (an == 4 && strncmp(attr, "href", 4) == 0) {
				const char *why = is_a ? bad_url(value, vn, 0) : "href outside <a>";
				if (why)
					return why;
			}
			if (an == 3 && strncmp(attr, "src", 3) == 0) {
				const char *why = is_img ? bad_url(value, vn, 1) : "src outside <img>";
				if (why)
					return why;
			}
			if (an == 3 && strncmp(attr, "rel", 3) == 0) {
				if (vn != strlen("nofollow ugc") || strncmp(value, "nofollow ugc", vn) != 0)
					return "a rel other than nofollow ugc";
				has_rel++;
			}
		}
		if (is_a && name[-1] != '/' && has_rel != 1)
			return "a link without exactly one rel=\"nofollow ugc\"";
	}
	return NULL;
}

#define assert_safe_html(md, html) do { \
	const char *why_ = check_safe(html); \
	if (why_) \
		fail_msg("unsafe rendering (%s)\n  markdown: %s\n  html: %s", why_, md, html); \
} while (0)

/* Renders md and checks the result; returns the HTML (caller frees). */
static char *render_safe(const char *md)
{
	char *html = render(md);

	assert_safe_html(md, html);
	return html;
}

/* ---- the scanner itself must be able to fail ---- */

static void scanner_refuses_what_it_should(void **state)
{
	static const char *const bad[] = {
		"<script>alert(1)</script>",
		"<p><SCRIPT src=x></SCRIPT></p>",
		"<p onclick=\"x\">a</p>",
		"<img src=\"https://x/y.png\" onerror=\"alert(1)\" />",
		"<a rel=\"nofollow ugc\" href=\"javascript:alert(1)\">a</a>",
		"<a rel=\"nofollow ugc\" href=\"JaVaScRiPt:alert(1)\">a</a>",
		"<a rel=\"nofollow ugc\" href=\"java&#x73;cript:alert(1)\">a</a>",
		"<a rel=\"nofollow ugc\" href=\"java&#115;cript:alert(1)\">a</a>",
		"<a rel=\"nofollow ugc\" href=\"java\tscript:alert(1)\">a</a>",
		"<a rel=\"nofollow ugc\" href=\" vbscript:x\">a</a>",
		"<a rel=\"nofollow ugc\" href=\"data:text/html,x\">a</a>",
		"<a rel=\"nofollow ugc\" href=\"&colon;x\">a</a>",
		"<a rel=\"nofollow ugc\" href=\"//evil.com\">a</a>",
		"<a rel=\"nofollow ugc\" href=\"/\\evil.com\">a</a>",
		"<a rel=\"nofollow ugc\" href=\"/\t/evil.com\">a</a>",
		"<a href=\"https://ok.com\">no rel</a>",
		"<a rel=\"nofollow\" href=\"https://ok.com\">weak rel</a>",
		"<img src=\"data:image/png;base64,AA\" alt=\"\" />",
		"<img src=\"/local.png\" alt=\"\" />",
		"<iframe src=\"https://x\"></iframe>",
		"<svg><a>x</a></svg>",
		"<p style=\"color:red\">x</p>",
		"<!-- other comment -->",
		"<a rel=\"nofollow ugc\" href=\"https://ok.com\" title=\"x\" onmouseover=\"y\">a</a>",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (check_safe(bad[i]) == NULL)
			fail_msg("the scanner let through: %s", bad[i]);
	assert_null(check_safe("<p><a rel=\"nofollow ugc\" href=\"https://ok.com/?a=1&amp;b=2\" "
			       "title=\"t &quot;x&quot;\">ok</a> <img src=\"https://ok.com/i.png\" "
			       "alt=\"i\" /></p>\n<!-- raw HTML omitted -->\n"));
}

/* ---- the corpus ---- */

static const char *const corpus[] = {
	/* script tags */
	"<script>alert(1)</script>",
	"<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
	"<scr<script>ipt>alert(1)</script>",
	"text <script>alert(1)</script> text",
	"<script\n>alert(1)</script\n>",
	"<<script>script>alert(1)<</script>/script>",
	"<script/xss src=x></script>",
	"\"><script>alert(1)</script>",
	/* event handlers in raw HTML */
	"<img src=x onerror=alert(1)>",
	"<img src=\"x\" onerror=\"alert(1)\">",
	"<body onload=alert(1)>",
	"<div onmouseover=\"alert(1)\">hover</div>",
	"inline <b onmouseover=alert(1)>bold</b> text",
	"<a href=\"https://ok.com\" onclick=\"alert(1)\">x</a>",
	"<p/onmouseover=alert(1)>x",
	"<img src=x onerror=&#97;&#108;&#101;&#114;&#116;(1)>",
	"<details open ontoggle=alert(1)>",
	"<input autofocus onfocus=alert(1)>",
	/* event handlers smuggled into attributes cmark writes */
	"[x](https://ok.com \"a\" onmouseover=\"alert(1)\")",
	"[x](https://ok.com 'a\" onmouseover=\"alert(1)')",
	"[x](<https://ok.com\" onmouseover=\"alert(1)>)",
	"![x\" onerror=\"alert(1)](https://ok.com/i.png)",
	"![x](https://ok.com/i.png \"\\\" onerror=\\\"alert(1)\")",
	"![x](<https://ok.com/i.png\" onerror=\"alert(1)>)",
	"[x](https://ok.com/\"onmouseover=\"alert(1))",
	/* javascript: in all its spellings */
	"[x](javascript:alert(1))",
	"[x](JAVASCRIPT:alert(1))",
	"[x](JaVaScRiPt:alert(1))",
	"[x](java&#x73;cript:alert(1))",
	"[x](java&#115;cript:alert(1))",
	"[x](&#106;avascript:alert(1))",
	"[x](&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1))",
	"[x](javascript&colon;alert(1))",
	"[x](java\tscript:alert(1))",
	"[x](<java\tscript:alert(1)>)",
	"[x](<java\nscript:alert(1)>)",
	"[x](java&Tab;script:alert(1))",
	"[x](java&NewLine;script:alert(1))",
	"[x](\\x6Aavascript:alert(1))",
	"[x](\\u006aavascript:alert(1))",
	"[x](%6A%61vascript:alert(1))",
	"[x]( javascript:alert(1))",
	"[x](<javascript:alert(1)>)",
	"[x](\x01javascript:alert(1))",
	"[x](javascript://%0Aalert(1))",
	"[x](javascript:/*--></title></style></textarea></script><svg/onload=alert(1)>)",
	"[x](\xEF\xBD\x8A" "avascript:alert(1))", /* fullwidth j */
	"<javascript:alert(1)>",
	"<JAVASCRIPT:alert(1)>",
	"<a href=\"javascript:alert(1)\">x</a>",
	"<a href=\"jav&#x09;ascript:alert(1)\">x</a>",
	/* vbscript:, data:, file: */
	"[x](vbscript:msgbox(1))",
	"[x](VBScript:msgbox(1))",
	"<vbscript:msgbox(1)>",
	"[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
	"[x](DATA:text/html,<script>alert(1)</script>)",
	"[x](data:image/svg+xml,<svg onload=alert(1)>)",
	"[x](data:image/png;base64,iVBORw0KGgo=)",
	"![x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
	"![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
	"![x](data:image/png;base64,iVBORw0KGgo=)",
	"![x](javascript:alert(1))",
	"![x](vbscript:msgbox(1))",
	"[x](file:///etc/passwd)",
	/* nested: links in images, images in links, links in links */
	"[![img](javascript:alert(1))](https://ok.com)",
	"[![img](https://ok.com/i.png)](javascript:alert(1))",
	"![![inner](javascript:alert(1))](javascript:alert(2))",
	"![[link](javascript:alert(1))](https://ok.com/i.png)",
	"![[link](https://ok.com)](javascript:alert(1))",
	"[a [b](javascript:alert(1)) c](https://ok.com)",
	"[[x](javascript:alert(1))](javascript:alert(2))",
	"**[x](javascript:alert(1))**",
	"> [x](javascript:alert(1))",
	"- [x](javascript:alert(1))\n  - ![y](data:text/html,x)",
	"# [x](javascript:alert(1))",
	/* reference-style links and images */
	"[x][1]\n\n[1]: javascript:alert(1)",
	"[x][1]\n\n[1]: <javascript:alert(1)>",
	"[x][1]\n\n[1]: JaVaScRiPt:alert(1) \"title\"",
	"[x]\n\n[x]: vbscript:msgbox(1)",
	"![x][img]\n\n[img]: data:text/html,<script>alert(1)</script>",
	"[x][]\n\n[x]: java&#x73;cript:alert(1)",
	"[x][1]\n\n[1]: https://ok.com \"a\\\" onmouseover=\\\"alert(1)\"",
	/* protocol-relative and backslash addresses */
	"[x](//evil.com)",
	"[x](///evil.com)",
	"[x](/\\evil.com)",
	"[x](\\\\evil.com)",
	"[x](/\\/evil.com)",
	"[x](</\t/evil.com>)",
	"[x](<\t//evil.com>)",
	"![x](//evil.com/pixel.png)",
	"[x](http:evil.com)",
	"[x](https:/\\evil.com)",
	"[x][1]\n\n[1]: //evil.com",
	/* raw HTML blocks and inline HTML */
	"<div>\n<script>alert(1)</script>\n</div>",
	"<iframe src=\"https://evil.example\"></iframe>",
	"<iframe srcdoc=\"<script>alert(1)</script>\">",
	"<object data=\"javascript:alert(1)\"></object>",
	"<embed src=\"javascript:alert(1)\">",
	"<svg onload=alert(1)>",
	"<svg><script>alert(1)</script></svg>",
	"<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
	"<math href=\"javascript:alert(1)\">x</math>",
	"<style>body{background:url(javascript:alert(1))}</style>",
	"<div style=\"background:url(javascript:alert(1))\">x</div>",
	"<p style=\"position:fixed;top:0;left:0;width:100%;height:100%\">overlay</p>",
	"<link rel=stylesheet href=https://evil.example/x.css>",
	"<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
	"<base href=\"https://evil.example/\">",
	"<form action=\"https://evil.example\"><input name=password></form>",
	"<textarea><script>alert(1)</script></textarea>",
	"<!-- comment --><script>alert(1)</script>",
	"<![CDATA[<script>alert(1)</script>]]>",
	"<?php echo 1; ?>",
	"<!DOCTYPE html><script>alert(1)</script>",
	"x <img src=x onerror=alert(1)//",
	"<a href=\"https://ok.com\">fine</a>",
	/* entities and escapes that decode to markup */
	"&lt;script&gt;alert(1)&lt;/script&gt;",
	"&#60;script&#62;alert(1)&#60;/script&#62;",
	"\\<script>alert(1)\\</script>",
	"`<script>alert(1)</script>`",
	"```\n<script>alert(1)</script>\n```",
	"```html onload=alert(1)\nx\n```",
	"```\" onmouseover=\"alert(1)\nx\n```",
	"    <script>alert(1)</script>",
	"\\u003cscript\\u003ealert(1)\\u003c/script\\u003e",
	/* autolinks that are fine */
	"<https://ok.com/a?b=1&c=2>",
	"<mailto:someone@example.org>",
	"<someone@example.org>",
	/* titles and alt text with quotes */
	"[x](https://ok.com \"a 'b' \\\"c\\\" <d>\")",
	"![a \"b\" <c>](https://ok.com/i.png)",
};

/* The corpus is also tried inside other Markdown: a block quote, a list
 * item, emphasis, a heading, the text of a link and a table-like line. */
static const char *const contexts[] = {
	"%s", "> %s", "- %s", "1. %s", "*%s*", "**%s**", "# %s", "[%s](https://ok.com)",
	"> - > %s", "text\n\n%s\n\nmore text", "| %s |",
};

static void corpus_renders_safely(void **state)
{
	size_t i, k;

	(void)state;
	for (i = 0; i < sizeof(corpus) / sizeof(corpus[0]); i++) {
		for (k = 0; k < sizeof(contexts) / sizeof(contexts[0]); k++) {
			char *md = NULL, *html;

			assert_true(asprintf(&md, contexts[k], corpus[i]) > 0);
			html = render(md);
			assert_safe_html(md, html);
			free(html);
			free(md);
		}
	}
}

/* ---- specific expectations ---- */

static void script_tags_never_pass(void **state)
{
	char *html = render_safe("Hi <script>alert(1)</script> there\n\n<script>alert(2)</script>");

	(void)state;
	assert_not_contains(html, "alert(1)</script>");
	assert_contains(html, omitted);
	assert_contains(html, "Hi ");
	assert_contains(html, " there");
	free(html);
}

static void raw_html_is_omitted_not_escaped_into_tags(void **state)
{
	char *html = render_safe("<b onmouseover=\"alert(1)\">bold</b>");

	(void)state;
	assert_not_contains(html, "<b");
	assert_not_contains(html, "onmouseover");
	assert_contains(html, "bold");
	free(html);
}

static void text_that_looks_like_html_is_escaped(void **state)
{
	char *html = render_safe("`<img src=x onerror=alert(1)>` and &lt;b&gt;");

	(void)state;
	assert_contains(html, "<code>&lt;img src=x onerror=alert(1)&gt;</code>");
	assert_contains(html, "&lt;b&gt;");
	free(html);
}

static void dropped_link_keeps_its_text(void **state)
{
	static const char *const cases[] = {
		"[click me](javascript:alert(1))", "[click me](JAVASCRIPT:alert(1))",
		"[click me](java&#x73;cript:alert(1))", "[click me](vbscript:x)",
		"[click me](data:text/html,x)", "[click me](//evil.com)",
		"[click me](/\\evil.com)", "[click me][r]\n\n[r]: javascript:alert(1)",
		"[click me](ftp://files.example)", "[click me](relative/path)",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *html = render_safe(cases[i]);

		if (strstr(html, "<a") || !strstr(html, "click me"))
			fail_msg("%s gave %s", cases[i], html);
		free(html);
	}
}

static void javascript_autolink_becomes_text(void **state)
{
	char *html = render_safe("<javascript:alert(1)>");

	(void)state;
	assert_not_contains(html, "<a");
	assert_not_contains(html, "href");
	free(html);
}

static void dropped_image_keeps_its_alt_text(void **state)
{
	static const char *const cases[] = {
		"![a cat](javascript:alert(1))", "![a cat](data:image/png;base64,iVBORw0KGgo=)",
		"![a cat](data:text/html,x)", "![a cat](/local.png)", "![a cat](//evil.com/p.png)",
		"![a *cat*](vbscript:x)",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *html = render_safe(cases[i]);

		if (strstr(html, "<img") || !strstr(html, "a ") || !strstr(html, "cat"))
			fail_msg("%s gave %s", cases[i], html);
		free(html);
	}
}

static void image_inside_bad_link_stays_without_the_link(void **state)
{
	char *html = render_safe("[![logo](https://ok.com/logo.png)](javascript:alert(1))");

	(void)state;
	assert_not_contains(html, "<a");
	assert_contains(html, "<img src=\"https://ok.com/logo.png\" alt=\"logo\" />");
	free(html);
}

static void bad_image_inside_good_link_keeps_the_link(void **state)
{
	char *html = render_safe("[![logo](javascript:alert(1))](https://ok.com)");

	(void)state;
	assert_not_contains(html, "<img");
	assert_contains(html, "<a rel=\"nofollow ugc\" href=\"https://ok.com\">logo</a>");
	free(html);
}

static void allowed_links_survive_with_rel(void **state)
{
	static const struct { const char *md, *want; } cases[] = {
		{ "[site](https://example.com)", "<a rel=\"nofollow ugc\" href=\"https://example.com\">site</a>" },
		{ "[site](http://example.com/a?b=1&c=2)",
		  "<a rel=\"nofollow ugc\" href=\"http://example.com/a?b=1&amp;c=2\">site</a>" },
		{ "[SITE](HTTPS://EXAMPLE.COM)", "<a rel=\"nofollow ugc\" href=\"HTTPS://EXAMPLE.COM\">SITE</a>" },
		{ "[mail](mailto:help@example.com)", "<a rel=\"nofollow ugc\" href=\"mailto:help@example.com\">mail</a>" },
		{ "<https://example.com/x>", "<a rel=\"nofollow ugc\" href=\"https://example.com/x\">https://example.com/x</a>" },
		{ "<help@example.com>", "<a rel=\"nofollow ugc\" href=\"mailto:help@example.com\">help@example.com</a>" },
		{ "[thread](/t/42)", "<a rel=\"nofollow ugc\" href=\"/t/42\">thread</a>" },
		{ "[post](/t/42?page=2#p7)", "<a rel=\"nofollow ugc\" href=\"/t/42?page=2#p7\">post</a>" },
		{ "[top](#top)", "<a rel=\"nofollow ugc\" href=\"#top\">top</a>" },
		{ "[x][1]\n\n[1]: https://example.com/ref \"Ref\"",
		  "<a rel=\"nofollow ugc\" href=\"https://example.com/ref\" title=\"Ref\">x</a>" },
		{ "[t](https://example.com \"say \\\"hi\\\"\")",
		  "<a rel=\"nofollow ugc\" href=\"https://example.com\" title=\"say &quot;hi&quot;\">t</a>" },
		{ "[q](https://example.com/?q=\"x\"<y>)",
		  "<a rel=\"nofollow ugc\" href=\"https://example.com/?q=%22x%22%3Cy%3E\">q</a>" },
		{ "[ñ](https://example.com/año)", "<a rel=\"nofollow ugc\" href=\"https://example.com/a%C3%B1o\">ñ</a>" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *html = render_safe(cases[i].md);

		assert_contains(html, cases[i].want);
		free(html);
	}
}

static void every_link_gets_rel_once(void **state)
{
	char *html = render_safe("[a](https://a.example) and [b](https://b.example) and "
				 "<https://c.example> and [d](/t/1) and **[e](mailto:e@x.org)**\n\n"
				 "> [f](https://f.example)\n\n- [g](#g)");
	const char *p = html;
	int links = 0;

	(void)state;
	while ((p = strstr(p, "<a ")) != NULL) {
		assert_true(starts(p, "<a rel=\"nofollow ugc\" href=\""));
		links++;
		p++;
	}
	assert_int_equal(links, 7);
	free(html);
}

static void allowed_images_survive(void **state)
{
	char *html = render_safe("![a chart](https://example.com/chart.png \"Chart\")");

	(void)state;
	assert_contains(html, "<img src=\"https://example.com/chart.png\" alt=\"a chart\" title=\"Chart\" />");
	free(html);
}

static void ordinary_markdown_renders(void **state)
{
	char *html = render_safe("# Title\n\n**bold**, *italic* and `code`\n\n- one\n- two\n\n"
				 "1. first\n2. second\n\n> quoted\n\n---\n\n```\nblock\n```\n");

	(void)state;
	assert_contains(html, "<h1>Title</h1>");
	assert_contains(html, "<strong>bold</strong>");
	assert_contains(html, "<em>italic</em>");
	assert_contains(html, "<code>code</code>");
	assert_contains(html, "<li>one</li>");
	assert_contains(html, "<ol>");
	assert_contains(html, "<blockquote>");
	assert_contains(html, "<hr />");
	assert_contains(html, "<pre><code>block\n</code></pre>");
	free(html);
}

static void plain_text_in_other_languages_is_kept(void **state)
{
	char *html = render_safe("¿Qué tal? Ñandú, café y 👋 — «citas»");

	(void)state;
	assert_contains(html, "¿Qué tal? Ñandú, café y 👋 — «citas»");
	free(html);
}

static void empty_input_gives_empty_html(void **state)
{
	char *html = render("");

	(void)state;
	assert_string_equal(html, "");
	free(html);
}

static void invalid_utf8_and_nul_are_replaced(void **state)
{
	static const char md[] = "a\xff\xfe b\0<script>alert(1)</script>";
	char *html = render_n(md, sizeof(md) - 1);

	(void)state;
	assert_safe_html("(bytes)", html);
	assert_contains(html, "\xEF\xBF\xBD"); /* U+FFFD */
	assert_not_contains(html, "\xff");
	free(html);
}

/* ---- markdown_url_allowed ---- */

static void url_allowed_edge_cases(void **state)
{
	static const struct { const char *url; int ok; } cases[] = {
		{ "http://example.com", 1 }, { "https://example.com/a?b#c", 1 },
		{ "HTTP://EXAMPLE.COM", 1 }, { "hTtPs://x", 1 },
		{ "mailto:a@example.com", 1 }, { "MAILTO:a@example.com", 1 },
		{ "/", 1 }, { "/t/1", 1 }, { "/t/1?page=2#p3", 1 }, { "#p3", 1 }, { "#", 1 },
		{ "", 0 }, { "//evil.com", 0 }, { "///evil.com", 0 }, { "/\\evil.com", 0 },
		{ "\\\\evil.com", 0 }, { "\\/evil.com", 0 },
		{ "/\t/evil.com", 0 }, { "/\n/evil.com", 0 }, { "/\r/evil.com", 0 },
		{ "javascript:alert(1)", 0 }, { "JAVASCRIPT:alert(1)", 0 }, { "JavaScript:x", 0 },
		{ " javascript:x", 0 }, { "\tjavascript:x", 0 }, { "java\tscript:x", 0 },
		{ "vbscript:x", 0 }, { "data:text/html,x", 0 }, { "data:image/png;base64,AA", 0 },
		{ "file:///etc/passwd", 0 }, { "ftp://example.com", 0 },
		{ "http:example.com", 0 }, { "https:/\\evil.com", 0 }, { "http:/evil.com", 0 },
		{ " https://example.com", 0 }, { "httpx://example.com", 0 }, { "http", 0 },
		{ "relative/path", 0 }, { "?q=1", 0 }, { "mailto", 0 },
		{ "https", 0 }, { "example.com", 0 },
	};
	size_t i;

	(void)state;
	assert_int_equal(markdown_url_allowed(NULL), 0);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		if (!!markdown_url_allowed(cases[i].url) != cases[i].ok)
			fail_msg("markdown_url_allowed(\"%s\") should be %d", cases[i].url, cases[i].ok);
}

/* ---- markdown_plain ---- */

/* text, in place, with runs of spaces made one (how many separate blocks is
 * not part of the contract). */
static char *squeeze(char *text)
{
	char *o = text, *i = text;

	for (; *i; i++)
		if (!(*i == ' ' && o > text && o[-1] == ' '))
			*o++ = *i;
	*o = '\0';
	return text;
}

static void plain_drops_markup(void **state)
{
	char *text = squeeze(plain("# Title\n\n**bold** and *italic* with `code` and "
				   "[a link](https://x.example)\n\n- one\n- two"));

	(void)state;
	assert_string_equal(text, "Title bold and italic with code and a link one two ");
	free(text);
}

static void plain_drops_raw_html_and_keeps_escaped_text(void **state)
{
	char *text = plain("Hi <script>alert(1)</script> there <b onmouseover=x>b</b>\n\n"
			   "<div>block</div>\n\n&lt;tag&gt;");

	(void)state;
	assert_string_equal(text, "Hi alert(1) there b <tag> ");
	free(text);
}

static void plain_keeps_link_text_not_addresses(void **state)
{
	char *text = plain("[click](javascript:alert(1)) ![alt](https://x.example/i.png) <https://y.example>");

	(void)state;
	assert_not_contains(text, "javascript");
	assert_not_contains(text, "x.example");
	assert_contains(text, "click");
	assert_contains(text, "alt");
	assert_contains(text, "https://y.example");
	free(text);
}

static void plain_joins_lines_with_spaces(void **state)
{
	char *text = plain("line one\nline two  \nline three\n\n> quoted\n\n```\ncode\n```");

	(void)state;
	assert_string_equal(text, "line one line two line three quoted code\n");
	free(text);
}

static void plain_of_empty_is_empty(void **state)
{
	char *text = plain("");

	(void)state;
	assert_string_equal(text, "");
	free(text);
}

/* ---- deep nesting finishes ---- */

/* Renders md (which it frees) both ways: it must return, with safe HTML.
 * How long it takes is for benchmarks, not for this test. */
static void check_big(const char *what, char *md)
{
	char *html = NULL, *text = NULL;

	assert_int_equal(markdown_render(md, strlen(md), &html), 0);
	assert_int_equal(markdown_plain(md, strlen(md), &text), 0);
	assert_non_null(html);
	assert_non_null(text);
	assert_safe_html(what, html);
	free(html);
	free(text);
	free(md);
}

static char *concat(char *a, char *b)
{
	char *s = malloc(strlen(a) + strlen(b) + 1);

	assert_non_null(s);
	strcpy(s, a);
	strcat(s, b);
	free(a);
	free(b);
	return s;
}

static void deep_nesting_finishes(void **state)
{
	(void)state;
	check_big("10,000 block quotes", repeat("> ", 10000));
	check_big("50,000 [", repeat("[", 50000));
	check_big("50,000 ![", repeat("![", 25000));
	check_big("50,000 *", repeat("*", 50000));
	check_big("*a 25,000 times", repeat("*a", 25000));
	check_big("nested emphasis", concat(repeat("*a ", 10000), repeat(" a*", 10000)));
	check_big("nested strong and emphasis", concat(repeat("***a ", 5000), repeat(" a***", 5000)));
	check_big("nested lists", repeat("- ", 10000));
	check_big("nested ordered lists", repeat("1. ", 10000));
	check_big("nested list items with text", repeat("  - x\n", 10000));
	check_big("unclosed links", repeat("[a](", 25000));
	check_big("nested links", concat(repeat("[", 20000), repeat("](https://ok.com/)", 20000)));
	check_big("nested bad links and images",
		  concat(repeat("[![", 8000), repeat("](javascript:alert(1))", 16000)));
	check_big("50,000 <", repeat("<", 50000));
	check_big("50,000 `", repeat("`", 50000));
	check_big("many raw tags", repeat("<script>", 20000));
	check_big("many references", repeat("[x]: javascript:alert(1)\n[x]\n", 5000));
}

/* ---- what the moderation rules read (markdown_scan_text) ---- */

static int links_of(const char *md)
{
	markdown_scan s;
	int links;

	assert_int_equal(markdown_scan_text(md, strlen(md), &s), 0);
	assert_non_null(s.text);
	links = s.links;
	markdown_scan_free(&s);
	return links;
}

/* Whether the scan's text holds needle. */
static int shows(const char *md, const char *needle)
{
	markdown_scan s;
	int found;

	assert_int_equal(markdown_scan_text(md, strlen(md), &s), 0);
	found = strstr(s.text, needle) != NULL;
	markdown_scan_free(&s);
	return found;
}

static void scan_counts_links_however_their_address_is_written(void **state)
{
	static const char *const six[] = {
		"[x](http&#58;//spam.example/1) [x](http&#58;//spam.example/2) "
		"[x](http&#58;//spam.example/3) [x](http&#58;//spam.example/4) "
		"[x](http&#58;//spam.example/5) [x](http&#58;//spam.example/6)",
		"[a](http&#x3a;//s.example/1) [b](http&#x3A;//s.example/2) [c](HTTP&#x3a;//s.example/3) "
		"[d](https&#x3a;//s.example/4) [e](http&#x3a;//s.example/5) [f](http&#x3a;//s.example/6)",
		"[a](http\\://s.example/1) [b](http\\://s.example/2) [c](http\\://s.example/3) "
		"[d](http\\://s.example/4) [e](http\\://s.example/5) [f](http\\://s.example/6)",
		"[a](http:&#47;&#47;s.example/1) [b](http:&#47;/s.example/2) [c](http:/&#47;s.example/3) "
		"[d](https:&#47;&#47;s.example/4) [e](http:&#47;&#47;s.example/5) [f](http:&#47;&#47;s.example/6)",
		"[a][1] [b][2] [c][3] [d][4] [e][5] [f][6]\n\n"
		"[1]: http&#58;//s.example/1\n[2]: http&#58;//s.example/2\n[3]: http&#58;//s.example/3\n"
		"[4]: http&#58;//s.example/4\n[5]: http&#58;//s.example/5\n[6]: http&#58;//s.example/6\n",
		"<https://s.example/1> <https://s.example/2> <https://s.example/3> "
		"<https://s.example/4> <https://s.example/5> <https://s.example/6>",
		"![a](http&#58;//s.example/1.png) ![b](http&#58;//s.example/2.png) [c](https://s.example/3) "
		"[d](https://s.example/4) [e](https://s.example/5) [f](https://s.example/6)",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(six) / sizeof(six[0]); i++) {
		char *html = render(six[i]);
		/* what the page holds is six live links or images, and so is the count */
		size_t live = 0;
		const char *p;
		for (p = html; (p = strcasestr(p, "href=\"http")) != NULL; p++)
			live++;
		for (p = html; (p = strcasestr(p, "src=\"http")) != NULL; p++)
			live++;
		if (live != 6)
			fail_msg("%s: %zu live links, not 6: %s", six[i], live, html);
		if (links_of(six[i]) != 6)
			fail_msg("%s: %d links, not 6", six[i], links_of(six[i]));
		free(html);
	}
}

static void scan_counts_addresses_written_out_once(void **state)
{
	(void)state;
	/* bare addresses are no links in CommonMark, but readers copy them */
	assert_int_equal(links_of("Deals: https://a.example/1, http&#58;//a.example/2 and www.a.example"), 3);
	/* a link whose text is its address is one link */
	assert_int_equal(links_of("[https://a.example](https://a.example) <https://b.example>"), 2);
	/* paths on this site, anchors and mentions lead nowhere else */
	assert_int_equal(links_of("[t](/t/1) [p](#p3) @maria see /t/2"), 0);
	/* a link the policy drops is only its text */
	assert_int_equal(links_of("[x](javascript:alert(1)) [y](ftp://f.example/z)"), 0);
	assert_int_equal(links_of(""), 0);
}

static void scan_text_is_what_readers_see(void **state)
{
	(void)state;
	assert_true(shows("zq&#115;pam", "zqspam"));
	assert_true(shows("zq&#x73;pam", "zqspam"));
	assert_true(shows("zqs**pam**", "zqspam"));
	assert_true(shows("*zq*_s_`pam`", "zqspam"));
	assert_true(shows("zq<b></b>spam", "zqspam"));   /* raw HTML draws nothing */
	assert_true(shows("[zq](/t/1)spam", "zqspam"));
	assert_true(shows("# zqspam", "zqspam"));
	/* blocks and lines stay apart: two words are not one */
	assert_false(shows("zq\n\nspam", "zqspam"));
	assert_false(shows("zq\nspam", "zqspam"));
	assert_false(shows("- zq\n- spam", "zqspam"));
	/* link addresses are read too, after the text */
	assert_true(shows("[click](https://zqspam.example/)", "https://zqspam.example/"));
	assert_true(shows("[click](https://x.example/)\nafter", "click after"));
}

/* The author's own words: what readers see outside block quotes, with
 * entities decoded and emphasis joined, and no addresses. */
static void scan_own_is_the_authors_words_as_shown(void **state)
{
	markdown_scan s;

	(void)state;
	assert_int_equal(markdown_scan_text("> you said id**iot**\n\nYou are an id*iot* "
					    "and an &#105;mbecile [x](http://e.example)",
					    strlen("> you said id**iot**\n\nYou are an id*iot* "
						   "and an &#105;mbecile [x](http://e.example)"), &s), 0);
	assert_non_null(s.own);
	assert_non_null(strstr(s.own, "You are an idiot and an imbecile x"));
	assert_null(strstr(s.own, "you said"));
	assert_null(strstr(s.own, "http"));
	/* the whole text still holds the quote */
	assert_non_null(strstr(s.text, "you said idiot"));
	markdown_scan_free(&s);
	assert_null(s.own);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(scanner_refuses_what_it_should),
		cmocka_unit_test(corpus_renders_safely),
		cmocka_unit_test(script_tags_never_pass),
		cmocka_unit_test(raw_html_is_omitted_not_escaped_into_tags),
		cmocka_unit_test(text_that_looks_like_html_is_escaped),
		cmocka_unit_test(dropped_link_keeps_its_text),
		cmocka_unit_test(javascript_autolink_becomes_text),
		cmocka_unit_test(dropped_image_keeps_its_alt_text),
		cmocka_unit_test(image_inside_bad_link_stays_without_the_link),
		cmocka_unit_test(bad_image_inside_good_link_keeps_the_link),
		cmocka_unit_test(allowed_links_survive_with_rel),
		cmocka_unit_test(every_link_gets_rel_once),
		cmocka_unit_test(allowed_images_survive),
		cmocka_unit_test(ordinary_markdown_renders),
		cmocka_unit_test(plain_text_in_other_languages_is_kept),
		cmocka_unit_test(empty_input_gives_empty_html),
		cmocka_unit_test(invalid_utf8_and_nul_are_replaced),
		cmocka_unit_test(url_allowed_edge_cases),
		cmocka_unit_test(plain_drops_markup),
		cmocka_unit_test(plain_drops_raw_html_and_keeps_escaped_text),
		cmocka_unit_test(plain_keeps_link_text_not_addresses),
		cmocka_unit_test(plain_joins_lines_with_spaces),
		cmocka_unit_test(plain_of_empty_is_empty),
		cmocka_unit_test(deep_nesting_finishes),
		cmocka_unit_test(scan_counts_links_however_their_address_is_written),
		cmocka_unit_test(scan_counts_addresses_written_out_once),
		cmocka_unit_test(scan_text_is_what_readers_see),
		cmocka_unit_test(scan_own_is_the_authors_words_as_shown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
