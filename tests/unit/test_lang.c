/* test_lang.c: templates/lang/en.hdf and es.hdf hold the same keys.
 *
 * The files are found under $TERTULIA_ROOT (set by the Makefile), else
 * relative to the working directory (the repository root or tests/unit). */
#include "helpers.h"
#include "web/view.h"

/* Appends the full name of every leaf below node to names, one a line
 * ("L.login.title\n"). */
static void collect(HDF *node, const char *prefix, strbuf *names)
{
	HDF *c;

	for (c = hdf_obj_child(node); c; c = hdf_obj_next(c)) {
		char name[512];
		snprintf(name, sizeof(name), "%s%s%s", prefix, *prefix ? "." : "", hdf_obj_name(c));
		if (hdf_obj_child(c))
			collect(c, name, names);
		else
			assert_int_equal(strbuf_printf(names, "%s\n", name), 0);
	}
}

/* Reports (with print_error, unless b_name is NULL) every leaf of a that b
 * lacks, and returns how many there are. */
static int missing_keys(HDF *a, HDF *b, const char *b_name)
{
	strbuf names = STRBUF_INIT;
	char *line, *next;
	int missing = 0;

	collect(a, "", &names);
	for (line = names.s; line && *line; line = next) {
		next = strchr(line, '\n');
		*next++ = '\0';
		if (hdf_get_obj(b, line) == NULL || hdf_obj_child(hdf_get_obj(b, line))) {
			if (b_name)
				print_error("%s lacks %s\n", b_name, line);
			missing++;
		}
	}
	strbuf_free(&names);
	return missing;
}

/* Reports leaves whose text mentions {n} in one language but not the other:
 * the number would be lost in one of them. */
static int placeholder_mismatches(HDF *en, HDF *es, int report)
{
	strbuf names = STRBUF_INIT;
	char *line, *next;
	int bad = 0;

	collect(en, "", &names);
	for (line = names.s; line && *line; line = next) {
		const char *a, *b;
		next = strchr(line, '\n');
		*next++ = '\0';
		a = hdf_get_value(en, line, NULL);
		b = hdf_get_value(es, line, NULL);
		if (a && b && (strstr(a, "{n}") != NULL) != (strstr(b, "{n}") != NULL)) {
			if (report)
				print_error("%s: {n} in one language only\n", line);
			bad++;
		}
	}
	strbuf_free(&names);
	return bad;
}

/* Loads templates/lang/NAME.hdf. */
static HDF *load(const char *name)
{
	static const char *const roots[] = { NULL, ".", "../.." };
	char path[1024];
	HDF *h = NULL;
	size_t i;

	for (i = 0; i < sizeof(roots) / sizeof(roots[0]); i++) {
		const char *root = i == 0 ? getenv("TERTULIA_ROOT") : roots[i];
		if (root == NULL)
			continue;
		snprintf(path, sizeof(path), "%s/templates/lang/%s.hdf", root, name);
		if (access(path, R_OK) == 0) {
			assert_int_equal(view_load_lang(path, &h), 0);
			return h;
		}
	}
	fail_msg("templates/lang/%s.hdf not found (set TERTULIA_ROOT)", name);
	return NULL;
}

/* An HDF from text, for checking the checker. */
static HDF *from_text(const char *text)
{
	HDF *h = NULL;

	assert_int_equal(hdf_init(&h), STATUS_OK);
	assert_int_equal(hdf_read_string(h, text), STATUS_OK);
	return h;
}

/* ---- the checker finds what it should ---- */

static void checker_finds_missing_key(void **state)
{
	HDF *a = from_text("L {\n x = 1\n y {\n  z = 2\n }\n}\n");
	HDF *b = from_text("L {\n x = 1\n}\n");

	(void)state;
	assert_int_equal(missing_keys(a, b, NULL), 1); /* L.y.z */
	assert_int_equal(missing_keys(b, a, NULL), 0);
	hdf_destroy(&a);
	hdf_destroy(&b);
}

static void checker_finds_leaf_that_is_a_section(void **state)
{
	HDF *a = from_text("L {\n x = 1\n}\n");
	HDF *b = from_text("L {\n x {\n  y = 1\n }\n}\n");

	(void)state;
	assert_int_equal(missing_keys(a, b, NULL), 1); /* L.x is no text in b */
	assert_int_equal(missing_keys(b, a, NULL), 1); /* L.x.y */
	hdf_destroy(&a);
	hdf_destroy(&b);
}

static void checker_finds_placeholder_mismatch(void **state)
{
	HDF *a = from_text("L {\n x = at most {n}\n y = plain\n}\n");
	HDF *b = from_text("L {\n x = como mucho\n y = simple\n}\n");

	(void)state;
	assert_int_equal(placeholder_mismatches(a, b, 0), 1);
	hdf_destroy(&a);
	hdf_destroy(&b);
}

/* ---- the real files ---- */

static void both_languages_load(void **state)
{
	HDF *en = load("en"), *es = load("es");

	(void)state;
	assert_non_null(hdf_get_obj(en, "L"));
	assert_non_null(hdf_get_obj(es, "L"));
	/* a few keys every page needs */
	assert_non_null(hdf_get_value(en, "L.site.name", NULL));
	assert_non_null(hdf_get_value(es, "L.site.name", NULL));
	assert_non_null(hdf_get_value(en, "L.err.required", NULL));
	hdf_destroy(&en);
	hdf_destroy(&es);
}

static void spanish_has_every_english_key(void **state)
{
	HDF *en = load("en"), *es = load("es");
	int n;

	(void)state;
	n = missing_keys(en, es, "es.hdf");
	hdf_destroy(&en);
	hdf_destroy(&es);
	if (n)
		fail_msg("es.hdf lacks %d key(s) of en.hdf (listed above)", n);
}

static void english_has_every_spanish_key(void **state)
{
	HDF *en = load("en"), *es = load("es");
	int n;

	(void)state;
	n = missing_keys(es, en, "en.hdf");
	hdf_destroy(&en);
	hdf_destroy(&es);
	if (n)
		fail_msg("en.hdf lacks %d key(s) of es.hdf (listed above)", n);
}

static void placeholders_agree(void **state)
{
	HDF *en = load("en"), *es = load("es");
	int n;

	(void)state;
	n = placeholder_mismatches(en, es, 1);
	hdf_destroy(&en);
	hdf_destroy(&es);
	if (n)
		fail_msg("%d text(s) differ in their {n} (listed above)", n);
}

static void languages_really_differ(void **state)
{
	/* es.hdf is a translation, not a copy of en.hdf */
	HDF *en = load("en"), *es = load("es");

	(void)state;
	assert_string_not_equal(hdf_get_value(en, "L.err.required", ""),
				hdf_get_value(es, "L.err.required", ""));
	hdf_destroy(&en);
	hdf_destroy(&es);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(checker_finds_missing_key),
		cmocka_unit_test(checker_finds_leaf_that_is_a_section),
		cmocka_unit_test(checker_finds_placeholder_mismatch),
		cmocka_unit_test(both_languages_load),
		cmocka_unit_test(spanish_has_every_english_key),
		cmocka_unit_test(english_has_every_spanish_key),
		cmocka_unit_test(placeholders_agree),
		cmocka_unit_test(languages_really_differ),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
