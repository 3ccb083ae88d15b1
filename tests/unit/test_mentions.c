/* test_mentions.c: @mentions in Markdown (markdown.h): which are found,
 * which are not (addresses, code, links, quotes, too short or too long
 * names), and how they are linked in the rendered HTML. */
#include "helpers.h"
#include "text/markdown.h"

#define MAX 8

/* The mentions of md, joined by spaces. */
static void mentions(const char *md, char *out, size_t size)
{
	char names[MAX][MENTION_NAME_BYTES + 1];
	int n = markdown_mentions(md, strlen(md), names, MAX), i;

	assert_true(n >= 0);
	out[0] = '\0';
	for (i = 0; i < n; i++) {
		strncat(out, i ? " " : "", size - strlen(out) - 1);
		strncat(out, names[i], size - strlen(out) - 1);
	}
}

static void check(const char *md, const char *want)
{
	char got[512];

	mentions(md, got, sizeof(got));
	if (strcmp(got, want) != 0)
		fail_msg("mentions of \"%s\": got \"%s\", want \"%s\"", md, got, want);
}

static char *render(const char *md)
{
	char *html = NULL;

	assert_int_equal(markdown_render(md, strlen(md), &html), 0);
	return html;
}

static void finds_mentions(void **state)
{
	(void)state;
	check("@maria", "maria");
	check("Hi @maria and @john_doe!", "maria john_doe");
	check("ask @Lucia.", "Lucia");
	check("(@oliver) or @a.b-c_d", "oliver a.b-c_d");
	check("**@maria** _@john_", "maria john");
	check("# @maria\n\n- @john", "maria john");
	check("¡Hola @maria!", "maria");
}

/* Names with accents or of other alphabets, a space written '_'
 * (base/username.h). */
static void finds_names_of_any_alphabet(void **state)
{
	(void)state;
	check("Gracias @María_López!", "María_López");
	check("@José, @Дмитрий y @さくら.", "José Дмитрий さくら");
	check("(@Ñandú)", "Ñandú");
	/* an accented letter before the '@' joins it to a word, as a plain one does */
	check("josé@example.com", "");
	check("¿@María?", "María");
	/* what no name holds ends the mention */
	check("@María\xe2\x80\x8bLópez", "María");
}

static void duplicates_count_once_in_any_case(void **state)
{
	(void)state;
	check("@maria @Maria @MARIA @john @maria", "maria john");
}

static void what_is_no_mention(void **state)
{
	char *long_name = NULL;
	char md[128];

	(void)state;
	check("write to ana@example.com", "");
	check("`@maria` in code", "");
	check("    @maria in a code block", "");
	check("```\n@maria\n```", "");
	check("[@maria](https://example.com/)", "");
	check("![@maria](https://example.com/a.png)", "");
	check("> @maria said so", "");
	check("@ab is too short", "");
	check("@@maria", "");
	check("https://example.com/@maria", "");
	check("@ alone", "");
	check("", "");
	long_name = repeat("a", MENTION_NAME_MAX + 1);
	snprintf(md, sizeof(md), "@%s", long_name);
	check(md, "");
	snprintf(md, sizeof(md), "@%.*s", MENTION_NAME_MAX, long_name);
	check(md, md + 1);
	free(long_name);
	/* the limit is in characters: 31 of two bytes is too long, 30 is not */
	long_name = repeat("\xc3\xb1", MENTION_NAME_MAX + 1);
	snprintf(md, sizeof(md), "@%s", long_name);
	check(md, "");
	snprintf(md, sizeof(md), "@%.*s", MENTION_NAME_MAX * 2, long_name);
	check(md, md + 1);
	free(long_name);
}

static void at_most_max_names(void **state)
{
	char names[2][MENTION_NAME_BYTES + 1];

	(void)state;
	assert_int_equal(markdown_mentions("@aaa @bbb @ccc", 14, names, 2), 2);
	assert_string_equal(names[0], "aaa");
	assert_string_equal(names[1], "bbb");
}

static void rendered_as_links_to_the_profile(void **state)
{
	char *html;

	(void)state;
	html = render("Hi @maria, and @john.");
	assert_string_equal(html, "<p>Hi <a rel=\"nofollow ugc\" href=\"/u/maria\">@maria</a>, and "
			    "<a rel=\"nofollow ugc\" href=\"/u/john\">@john</a>.</p>\n");
	free(html);
	/* quoted mentions are linked too, though they tell nobody */
	html = render("> @maria said");
	assert_non_null(strstr(html, "<a rel=\"nofollow ugc\" href=\"/u/maria\">@maria</a>"));
	free(html);
}

static void a_name_of_another_alphabet_links_escaped(void **state)
{
	char *html;

	(void)state;
	html = render("Hi @María_López");
	assert_string_equal(html, "<p>Hi <a rel=\"nofollow ugc\" href=\"/u/Mar%C3%ADa_L%C3%B3pez\">"
			    "@María_López</a></p>\n");
	free(html);
}

static void no_link_where_none_belongs(void **state)
{
	char *html;

	(void)state;
	html = render("mail ana@example.com, `@maria`, [see @john](https://example.com/)");
	assert_null(strstr(html, "/u/"));
	assert_non_null(strstr(html, "<code>@maria</code>"));
	free(html);
}

static void rendering_stays_escaped(void **state)
{
	char *html;

	(void)state;
	html = render("@maria<script>alert(1)</script> @a&b \"@john\"");
	assert_null(strstr(html, "<script>"));
	assert_non_null(strstr(html, "href=\"/u/maria\">@maria</a>"));
	assert_non_null(strstr(html, "&quot;<a rel=\"nofollow ugc\" href=\"/u/john\">@john</a>&quot;"));
	free(html);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(finds_mentions),
		cmocka_unit_test(finds_names_of_any_alphabet),
		cmocka_unit_test(duplicates_count_once_in_any_case),
		cmocka_unit_test(what_is_no_mention),
		cmocka_unit_test(at_most_max_names),
		cmocka_unit_test(rendered_as_links_to_the_profile),
		cmocka_unit_test(a_name_of_another_alphabet_links_escaped),
		cmocka_unit_test(no_link_where_none_belongs),
		cmocka_unit_test(rendering_stays_escaped),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
