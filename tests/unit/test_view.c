/* test_view.c: JSON twins of HDF trees and escaping templates (view.h). */
#include "helpers.h"
#include "web/app.h"
#include "web/view.h"

#include <sys/stat.h>
#include <unistd.h>

/* ---- json_string ---- */

/* The JSON literal of s. Caller frees. */
static char *json_of(const char *s)
{
	strbuf sb = STRBUF_INIT;

	assert_int_equal(json_string(&sb, s), 0);
	return strbuf_detach(&sb);
}

#define assert_json_string(in, want) do { \
	char *got_ = json_of(in); \
	assert_string_equal(got_, want); \
	free(got_); \
} while (0)

static void json_plain(void **state)
{
	(void)state;
	assert_json_string("hello", "\"hello\"");
	assert_json_string("", "\"\"");
}

static void json_quotes_and_backslashes(void **state)
{
	(void)state;
	assert_json_string("say \"hi\"", "\"say \\\"hi\\\"\"");
	assert_json_string("C:\\path\\", "\"C:\\\\path\\\\\"");
	assert_json_string("\\\"", "\"\\\\\\\"\"");
}

static void json_newlines_and_tabs(void **state)
{
	(void)state;
	assert_json_string("a\nb\r\nc\td", "\"a\\nb\\r\\nc\\td\"");
}

static void json_other_control_characters(void **state)
{
	(void)state;
	assert_json_string("\x01", "\"\\u0001\"");
	assert_json_string("a\x1b[0m", "\"a\\u001b[0m\"");
	assert_json_string("\x1f\x08\x0c", "\"\\u001f\\u0008\\u000c\"");
}

static void json_no_raw_control_bytes(void **state)
{
	char in[32], *out;
	int i;

	(void)state;
	for (i = 1; i < 32; i++)
		in[i - 1] = (char)i;
	in[31] = '\0';
	out = json_of(in);
	for (i = 0; out[i]; i++)
		if ((unsigned char)out[i] < 0x20)
			fail_msg("raw control byte 0x%02x at %d in %s", out[i], i, out);
	free(out);
}

static void json_html_characters_escaped(void **state)
{
	/* safe to place inside <script> or HTML */
	(void)state;
	assert_json_string("</script><b>&amp;", "\"\\u003c/script\\u003e\\u003cb\\u003e\\u0026amp;\"");
}

static void json_keeps_utf8(void **state)
{
	(void)state;
	assert_json_string("año \xf0\x9f\x98\x80", "\"año \xf0\x9f\x98\x80\"");
}

static void json_appends(void **state)
{
	strbuf sb = STRBUF_INIT;

	(void)state;
	assert_int_equal(strbuf_puts(&sb, "["), 0);
	assert_int_equal(json_string(&sb, "a"), 0);
	assert_int_equal(strbuf_puts(&sb, ","), 0);
	assert_int_equal(json_string(&sb, "b"), 0);
	assert_string_equal(sb.s, "[\"a\",\"b\"");
	strbuf_free(&sb);
}

/* ---- view_json_object ---- */

typedef struct tree {
	HDF *hdf;
	strbuf out;
} tree;

static int tree_setup(void **state)
{
	tree *t = calloc(1, sizeof(*t));

	if (t == NULL || hdf_init(&t->hdf) != STATUS_OK)
		return -1;
	*state = t;
	return 0;
}

static int tree_teardown(void **state)
{
	tree *t = *state;

	hdf_destroy(&t->hdf);
	strbuf_free(&t->out);
	free(t);
	return 0;
}

/* The JSON of node `name` of the tree. */
static const char *json_node(tree *t, const char *name)
{
	strbuf_free(&t->out);
	assert_int_equal(view_json_object(hdf_get_obj(t->hdf, name), &t->out), 0);
	return t->out.s;
}

static void object_of_strings(void **state)
{
	tree *t = *state;

	hdf_str(t->hdf, "d.title", "Hello");
	hdf_str(t->hdf, "d.author", "ana");
	assert_string_equal(json_node(t, "d"), "{\"title\":\"Hello\",\"author\":\"ana\"}");
}

static void numbers_marked_by_hdf_int(void **state)
{
	tree *t = *state;

	hdf_int(t->hdf, "d.id", 42);
	hdf_int(t->hdf, "d.neg", -7);
	hdf_str(t->hdf, "d.text", "42");
	assert_string_equal(json_node(t, "d"), "{\"id\":42,\"neg\":-7,\"text\":\"42\"}");
}

static void number_mark_is_the_attribute(void **state)
{
	/* the same mark hdf_rows puts on numeric columns */
	tree *t = *state;

	assert_int_equal(hdf_set_value(t->hdf, "d.n", "3"), STATUS_OK);
	assert_int_equal(hdf_set_attr(t->hdf, "d.n", "t", "n"), STATUS_OK);
	assert_int_equal(hdf_set_value(t->hdf, "d.other", "4"), STATUS_OK);
	assert_int_equal(hdf_set_attr(t->hdf, "d.other", "t", "s"), STATUS_OK);
	assert_string_equal(json_node(t, "d"), "{\"n\":3,\"other\":\"4\"}");
}

static void nested_objects(void **state)
{
	tree *t = *state;

	hdf_str(t->hdf, "d.thread.title", "T");
	hdf_int(t->hdf, "d.thread.author.id", 5);
	hdf_str(t->hdf, "d.thread.author.name", "ana");
	assert_string_equal(json_node(t, "d"),
			    "{\"thread\":{\"title\":\"T\",\"author\":{\"id\":5,\"name\":\"ana\"}}}");
}

static void arrays_from_numbered_children(void **state)
{
	tree *t = *state;

	hdf_str(t->hdf, "d.tags.0", "a");
	hdf_str(t->hdf, "d.tags.1", "b");
	hdf_int(t->hdf, "d.tags.2", 3);
	assert_string_equal(json_node(t, "d"), "{\"tags\":[\"a\",\"b\",3]}");
}

static void array_of_objects(void **state)
{
	tree *t = *state;

	hdf_int(t->hdf, "d.posts.0.id", 1);
	hdf_str(t->hdf, "d.posts.0.body", "x");
	hdf_int(t->hdf, "d.posts.1.id", 2);
	hdf_str(t->hdf, "d.posts.1.body", "y");
	assert_string_equal(json_node(t, "d"),
			    "{\"posts\":[{\"id\":1,\"body\":\"x\"},{\"id\":2,\"body\":\"y\"}]}");
}

static void gaps_make_an_object(void **state)
{
	/* 0 and 2 without 1 is not an array */
	tree *t = *state;

	hdf_str(t->hdf, "d.x.0", "a");
	hdf_str(t->hdf, "d.x.2", "c");
	assert_string_equal(json_node(t, "d"), "{\"x\":{\"0\":\"a\",\"2\":\"c\"}}");
}

static void array_must_start_at_zero(void **state)
{
	tree *t = *state;

	hdf_str(t->hdf, "d.x.1", "a");
	hdf_str(t->hdf, "d.x.2", "b");
	assert_string_equal(json_node(t, "d"), "{\"x\":{\"1\":\"a\",\"2\":\"b\"}}");
}

static void out_of_order_numbers_make_an_object(void **state)
{
	tree *t = *state;

	hdf_str(t->hdf, "d.x.1", "b");
	hdf_str(t->hdf, "d.x.0", "a");
	assert_string_equal(json_node(t, "d"), "{\"x\":{\"1\":\"b\",\"0\":\"a\"}}");
}

static void ten_and_more_elements(void **state)
{
	tree *t = *state;
	char name[32];
	const char *s;
	int i;

	for (i = 0; i < 12; i++) {
		snprintf(name, sizeof(name), "d.x.%d", i);
		hdf_int(t->hdf, name, i);
	}
	s = json_node(t, "d");
	assert_string_equal(s, "{\"x\":[0,1,2,3,4,5,6,7,8,9,10,11]}");
}

static void values_escaped(void **state)
{
	tree *t = *state;

	hdf_str(t->hdf, "d.title", "<script>alert(\"x\")</script> & \\ \n\x01");
	assert_string_equal(json_node(t, "d"),
			    "{\"title\":\"\\u003cscript\\u003ealert(\\\"x\\\")\\u003c/script\\u003e"
			    " \\u0026 \\\\ \\n\\u0001\"}");
}

static void empty_string_value(void **state)
{
	tree *t = *state;

	hdf_str(t->hdf, "d.empty", "");
	hdf_str(t->hdf, "d.null_given", NULL); /* hdf_str writes "" for NULL */
	assert_string_equal(json_node(t, "d"), "{\"empty\":\"\",\"null_given\":\"\"}");
}

static void missing_or_empty_node(void **state)
{
	tree *t = *state;

	assert_string_equal(json_node(t, "nothing"), "{}");
	hdf_str(t->hdf, "leaf", "v");
	assert_string_equal(json_node(t, "leaf"), "{}");
}

static void deep_nesting_is_cut(void **state)
{
	/* a tree deeper than the limit ends in null, never overflows */
	tree *t = *state;
	strbuf name = STRBUF_INIT;
	const char *s;
	int i, opens = 0, closes = 0;

	assert_int_equal(strbuf_puts(&name, "d"), 0);
	for (i = 0; i < 60; i++)
		assert_int_equal(strbuf_puts(&name, ".a"), 0);
	hdf_str(t->hdf, name.s, "deep");
	strbuf_free(&name);
	s = json_node(t, "d");
	assert_not_contains(s, "deep");
	assert_contains(s, "null");
	for (; *s; s++) {
		opens += *s == '{';
		closes += *s == '}';
	}
	assert_int_equal(opens, closes);
}

/* ---- templates ---- */

typedef struct tdir {
	char *dir;
	template_cache *tc;
	HDF *hdf, *lang;
	strbuf out;
} tdir;

static const char *const TEMPLATE_FILES[] = {
	"x.cs", "u.cs", "lang.cs", "broken.cs", "attr.cs", "inc.cs", "name.cs", NULL,
};

static int tdir_setup(void **state)
{
	tdir *t = calloc(1, sizeof(*t));
	char sub[512];

	if (t == NULL)
		return -1;
	t->dir = make_temp_dir();
	write_file(t->dir, "x.cs", "<p><?cs var:x ?></p>");
	write_file(t->dir, "u.cs", "<?cs uvar:x ?>");
	write_file(t->dir, "attr.cs", "<a title=\"<?cs var:x ?>\">t</a>");
	write_file(t->dir, "lang.cs", "<?cs var:L.greet ?>, <?cs var:name ?>");
	write_file(t->dir, "broken.cs", "<?cs if:x ?>never closed");
	write_file(t->dir, "name.cs", "<a href=\"/u/<?cs var:path_escape(x) ?>\"><?cs var:initial(x) ?></a>");
	/* a template in a subfolder includes others by their path under dir */
	write_file(t->dir, "inc.cs", "<i><?cs var:x ?></i>");
	snprintf(sub, sizeof(sub), "%s/sub", t->dir);
	assert_int_equal(mkdir(sub, 0700), 0);
	write_file(t->dir, "sub/y.cs", "[<?cs include:\"inc.cs\" ?>]");
	if (view_new(&t->tc, t->dir) != 0 || hdf_init(&t->hdf) != STATUS_OK ||
	    hdf_init(&t->lang) != STATUS_OK)
		return -1;
	*state = t;
	return 0;
}

/* Removes dir/sub/y.cs and dir/sub, which remove_tree leaves. */
static void unlink_sub(const char *dir)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/sub/y.cs", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/sub", dir);
	rmdir(path);
}

static int tdir_teardown(void **state)
{
	tdir *t = *state;

	view_free(t->tc);
	hdf_destroy(&t->hdf);
	hdf_destroy(&t->lang);
	strbuf_free(&t->out);
	unlink_sub(t->dir);
	remove_tree(t->dir, TEMPLATE_FILES);
	free(t);
	return 0;
}

/* Renders template name with x set to value; returns the output. */
static const char *render_x(tdir *t, const char *name, const char *value)
{
	hdf_str(t->hdf, "x", value);
	strbuf_free(&t->out);
	assert_int_equal(view_render(t->tc, name, t->hdf, t->lang, &t->out), 0);
	assert_non_null(t->out.s);
	return t->out.s;
}

static void var_escapes_script(void **state)
{
	tdir *t = *state;
	const char *s = render_x(t, "x", "<script>alert(1)</script>");

	assert_not_contains(s, "<script");
	assert_string_equal(s, "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>");
}

static void var_escapes_ampersand(void **state)
{
	tdir *t = *state;

	assert_string_equal(render_x(t, "x", "Tom & Jerry &amp;"), "<p>Tom &amp; Jerry &amp;amp;</p>");
}

static void var_escapes_quotes_in_attribute(void **state)
{
	tdir *t = *state;
	const char *s = render_x(t, "attr", "\" onmouseover=\"alert(1)\" x='y'");

	assert_not_contains(s, "\" onmouseover");
	assert_not_contains(s, "'y'");
	assert_contains(s, "&quot;");
	assert_contains(s, "<a title=\"");
}

static void var_keeps_plain_text(void **state)
{
	tdir *t = *state;

	assert_string_equal(render_x(t, "x", "Hola, ¿qué tal?"), "<p>Hola, ¿qué tal?</p>");
}

/* A member's name in an address and as an avatar's letter
 * (base/username.h): accents and spaces percent-encoded, the first letter
 * whole, and what is left escaped for HTML. */
static void name_in_a_path_and_its_initial(void **state)
{
	tdir *t = *state;

	assert_string_equal(render_x(t, "name", "María López"),
			    "<a href=\"/u/Mar%C3%ADa%20L%C3%B3pez\">M</a>");
	assert_string_equal(render_x(t, "name", "Ángel_2.b-c~"),
			    "<a href=\"/u/%C3%81ngel_2.b-c~\">Á</a>");
	assert_string_equal(render_x(t, "name", "\"<x>/?#&"),
			    "<a href=\"/u/%22%3Cx%3E%2F%3F%23%26\">&quot;</a>");
	assert_string_equal(render_x(t, "name", ""), "<a href=\"/u/\"></a>");
}

static void uvar_does_not_escape(void **state)
{
	/* the contrast that shows var: escaping is the mode, not the data */
	tdir *t = *state;

	assert_string_equal(render_x(t, "u", "<b>bold</b>"), "<b>bold</b>");
}

static void escaping_holds_on_cached_render(void **state)
{
	tdir *t = *state;

	(void)render_x(t, "x", "first");
	assert_string_equal(render_x(t, "x", "<i>"), "<p>&lt;i&gt;</p>");
}

static void render_uses_current_data(void **state)
{
	/* a parsed template keeps nothing of an earlier request */
	tdir *t = *state;
	HDF *other = NULL;

	assert_string_equal(render_x(t, "x", "one"), "<p>one</p>");
	assert_int_equal(hdf_init(&other), STATUS_OK);
	hdf_str(other, "x", "two");
	strbuf_free(&t->out);
	assert_int_equal(view_render(t->tc, "x", other, t->lang, &t->out), 0);
	assert_string_equal(t->out.s, "<p>two</p>");
	hdf_destroy(&other);
	assert_int_equal(hdf_init(&other), STATUS_OK);
	strbuf_free(&t->out);
	assert_int_equal(view_render(t->tc, "x", other, t->lang, &t->out), 0);
	assert_string_equal(t->out.s, "<p></p>");
	hdf_destroy(&other);
}

static void language_is_the_fallback(void **state)
{
	tdir *t = *state;

	hdf_str(t->lang, "L.greet", "Hola & adiós");
	hdf_str(t->hdf, "name", "<Ana>");
	assert_int_equal(view_render(t->tc, "lang", t->hdf, t->lang, &t->out), 0);
	assert_string_equal(t->out.s, "Hola &amp; adiós, &lt;Ana&gt;");
}

static void render_appends(void **state)
{
	tdir *t = *state;

	assert_int_equal(strbuf_puts(&t->out, "before:"), 0);
	hdf_str(t->hdf, "x", "v");
	assert_int_equal(view_render(t->tc, "x", t->hdf, t->lang, &t->out), 0);
	assert_string_equal(t->out.s, "before:<p>v</p>");
}

/* view_render with standard error captured; *log gets what was logged. */
static int render_logged(tdir *t, const char *name, char **log)
{
	captured c;
	int rc;

	capture_start(&c);
	rc = view_render(t->tc, name, t->hdf, t->lang, &t->out);
	*log = capture_stop(&c);
	return rc;
}

static void missing_template(void **state)
{
	tdir *t = *state;
	char *log;
	int rc = render_logged(t, "nope", &log);

	assert_true(rc == E_NOTFOUND || rc == E_IO);
	assert_int_equal(t->out.len, 0);
	assert_int_equal(count_lines(log), 1); /* logged once, in the view */
	assert_contains(log, "nope.cs");
	free(log);
}

static void template_in_a_subfolder(void **state)
{
	tdir *t = *state;

	assert_string_equal(render_x(t, "sub/y", "<b>"), "[<i>&lt;b&gt;</i>]");
}

static void template_names_cannot_leave_the_folder(void **state)
{
	static const char *const bad[] = {
		"../x", "/etc/passwd", "x.cs", ".", "..", "", "sub/../x", "sub/./y",
		"sub//y", "/sub/y", "sub/", "sub/y.cs", "sub\\y",
	};
	tdir *t = *state;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char *log;
		int rc = render_logged(t, bad[i], &log);
		free(log);
		if (rc == 0)
			fail_msg("template name \"%s\" was rendered", bad[i]);
	}
	assert_int_equal(t->out.len, 0);
}

static void broken_template_fails(void **state)
{
	tdir *t = *state;
	char *log;

	hdf_str(t->hdf, "x", "1");
	assert_int_equal(render_logged(t, "broken", &log), E_IO);
	assert_int_equal(count_lines(log), 1);
	assert_contains(log, "broken.cs");
	free(log);
	/* and does not spoil the good ones */
	assert_string_equal(render_x(t, "x", "ok"), "<p>ok</p>");
}

/* ---- view_load_lang ---- */

static void load_lang_file(void **state)
{
	static const char *const files[] = { "xx.hdf", NULL };
	char *dir = make_temp_dir();
	char path[512];
	HDF *h = NULL;

	(void)state;
	write_file(dir, "xx.hdf", "L {\n  a = One\n  b {\n    c = Two {n}\n  }\n}\n");
	snprintf(path, sizeof(path), "%s/xx.hdf", dir);
	assert_int_equal(view_load_lang(path, &h), 0);
	assert_non_null(h);
	assert_string_equal(hdf_get_value(h, "L.a", ""), "One");
	assert_string_equal(hdf_get_value(h, "L.b.c", ""), "Two {n}");
	hdf_destroy(&h);
	remove_tree(dir, files);
}

static void load_lang_missing_file(void **state)
{
	HDF *h = NULL;

	captured c;
	char *log;
	int rc;

	(void)state;
	capture_start(&c);
	rc = view_load_lang("/nonexistent/xx.hdf", &h);
	log = capture_stop(&c);
	assert_int_equal(rc, E_IO);
	assert_null(h);
	assert_int_equal(count_lines(log), 1);
	assert_contains(log, "/nonexistent/xx.hdf");
	free(log);
}

static void load_lang_syntax_error(void **state)
{
	static const char *const files[] = { "bad.hdf", NULL };
	char *dir = make_temp_dir();
	char path[512];
	HDF *h = NULL;
	captured c;
	char *log;
	int rc;

	(void)state;
	write_file(dir, "bad.hdf", "L {\n  a = One\n  words without a value\n}\n");
	snprintf(path, sizeof(path), "%s/bad.hdf", dir);
	capture_start(&c);
	rc = view_load_lang(path, &h);
	log = capture_stop(&c);
	assert_int_equal(rc, E_IO);
	assert_null(h);
	assert_contains(log, "bad.hdf");
	free(log);
	remove_tree(dir, files);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, tree_setup, tree_teardown)
#define V(fn) cmocka_unit_test_setup_teardown(fn, tdir_setup, tdir_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(json_plain),
		cmocka_unit_test(json_quotes_and_backslashes),
		cmocka_unit_test(json_newlines_and_tabs),
		cmocka_unit_test(json_other_control_characters),
		cmocka_unit_test(json_no_raw_control_bytes),
		cmocka_unit_test(json_html_characters_escaped),
		cmocka_unit_test(json_keeps_utf8),
		cmocka_unit_test(json_appends),
		T(object_of_strings),
		T(numbers_marked_by_hdf_int),
		T(number_mark_is_the_attribute),
		T(nested_objects),
		T(arrays_from_numbered_children),
		T(array_of_objects),
		T(gaps_make_an_object),
		T(array_must_start_at_zero),
		T(out_of_order_numbers_make_an_object),
		T(ten_and_more_elements),
		T(values_escaped),
		T(empty_string_value),
		T(missing_or_empty_node),
		T(deep_nesting_is_cut),
		V(var_escapes_script),
		V(var_escapes_ampersand),
		V(var_escapes_quotes_in_attribute),
		V(var_keeps_plain_text),
		V(uvar_does_not_escape),
		V(name_in_a_path_and_its_initial),
		V(escaping_holds_on_cached_render),
		V(render_uses_current_data),
		V(language_is_the_fallback),
		V(render_appends),
		V(missing_template),
		V(template_in_a_subfolder),
		V(template_names_cannot_leave_the_folder),
		V(broken_template_fails),
		cmocka_unit_test(load_lang_file),
		cmocka_unit_test(load_lang_missing_file),
		cmocka_unit_test(load_lang_syntax_error),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
