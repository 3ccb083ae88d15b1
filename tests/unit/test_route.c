/* test_route.c: matching paths against patterns and finding routes (route.h). */
#include "helpers.h"
#include "web/route.h"

static void free_args(char *args[ROUTE_ARGS])
{
	int i;

	for (i = 0; i < ROUTE_ARGS; i++) {
		free(args[i]);
		args[i] = NULL;
	}
}

/* route_match that also checks that a failed match leaves no argument. */
static int match(const char *pattern, const char *path, char *args[ROUTE_ARGS])
{
	int m = route_match(pattern, path, args);
	int i;

	if (m != 1)
		for (i = 0; i < ROUTE_ARGS; i++)
			if (args[i] != NULL)
				fail_msg("%s ~ %s: no match but args[%d] = \"%s\"", pattern, path, i, args[i]);
	return m;
}

/* Whether pattern matches path, freeing any arguments. */
static int matches(const char *pattern, const char *path)
{
	char *args[ROUTE_ARGS];
	int m = match(pattern, path, args);

	free_args(args);
	return m;
}

/* ---- literal paths ---- */

static void literal_exact(void **state)
{
	char *args[ROUTE_ARGS];

	(void)state;
	assert_int_equal(match("/login", "/login", args), 1);
	assert_null(args[0]);
	assert_int_equal(matches("/", "/"), 1);
	assert_int_equal(matches("/password/forgot", "/password/forgot"), 1);
}

static void literal_mismatch(void **state)
{
	(void)state;
	assert_int_equal(matches("/login", "/logout"), 0);
	assert_int_equal(matches("/login", "/log"), 0);
	assert_int_equal(matches("/login", "/loginx"), 0);
	assert_int_equal(matches("/login", "/login/"), 0);
	assert_int_equal(matches("/login", "/Login"), 0);
	assert_int_equal(matches("/login", ""), 0);
	assert_int_equal(matches("/", "/login"), 0);
	assert_int_equal(matches("/login", "/"), 0);
}

/* ---- :id ---- */

static void id_digits(void **state)
{
	char *args[ROUTE_ARGS];

	(void)state;
	assert_int_equal(match("/t/:id", "/t/123", args), 1);
	assert_non_null(args[0]);
	assert_string_equal(args[0], "123");
	assert_null(args[1]);
	free_args(args);
	assert_int_equal(matches("/t/:id", "/t/0"), 1);
}

static void id_refuses_non_digits(void **state)
{
	static const char *const bad[] = {
		"/t/abc", "/t/12a", "/t/a12", "/t/-1", "/t/+1", "/t/1.5", "/t/1e3", "/t/ 1",
		"/t/0x1f", "/t/%31", "/t/\xd9\xa3", /* ARABIC-INDIC DIGIT THREE */
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (matches("/t/:id", bad[i]) != 0)
			fail_msg("/t/:id matched \"%s\"", bad[i]);
}

static void id_refuses_empty(void **state)
{
	(void)state;
	assert_int_equal(matches("/t/:id", "/t/"), 0);
	assert_int_equal(matches("/t/:id", "/t"), 0);
	assert_int_equal(matches("/t/:id/edit", "/t//edit"), 0);
}

static void id_at_most_eighteen_digits(void **state)
{
	char *args[ROUTE_ARGS];

	(void)state;
	assert_int_equal(match("/t/:id", "/t/123456789012345678", args), 1);
	assert_string_equal(args[0], "123456789012345678");
	free_args(args);
	assert_int_equal(matches("/t/:id", "/t/1234567890123456789"), 0);
	assert_int_equal(matches("/t/:id", "/t/99999999999999999999999999"), 0);
}

/* ---- :s ---- */

static void slug_allowed_characters(void **state)
{
	char *args[ROUTE_ARGS];

	(void)state;
	assert_int_equal(match("/u/:s", "/u/Ana.B_c-9", args), 1);
	assert_string_equal(args[0], "Ana.B_c-9");
	free_args(args);
}

static void slug_refuses_other_characters(void **state)
{
	static const char *const bad[] = {
		"/u/ana%20b", "/u/ana b", "/u/ana+b", "/u/ana@b", "/u/ni\xc3\xb1o", "/u/a:b",
		"/u/<x>", "/u/a'b", "/u/a\"b", "/u/a;b", "/u/a,b", "/u/a?b",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (matches("/u/:s", bad[i]) != 0)
			fail_msg("/u/:s matched \"%s\"", bad[i]);
}

static void slug_refuses_empty(void **state)
{
	(void)state;
	assert_int_equal(matches("/u/:s", "/u/"), 0);
	assert_int_equal(matches("/c/:s/new", "/c//new"), 0);
}

static void slug_at_most_hundred(void **state)
{
	char *s100 = repeat("s", 100), *s101 = repeat("s", 101);
	char path[200];
	char *args[ROUTE_ARGS];

	(void)state;
	snprintf(path, sizeof(path), "/u/%s", s100);
	assert_int_equal(match("/u/:s", path, args), 1);
	assert_string_equal(args[0], s100);
	free_args(args);
	snprintf(path, sizeof(path), "/u/%s", s101);
	assert_int_equal(matches("/u/:s", path), 0);
	free(s100);
	free(s101);
}

/* ":name": a member's name as nginx decoded it, accents and spaces
 * included; never a "/" nor a control character. */
static void name_takes_what_a_name_holds(void **state)
{
	char *args[ROUTE_ARGS];

	(void)state;
	assert_int_equal(match("/u/:name", "/u/María López", args), 1);
	assert_string_equal(args[0], "María López");
	free_args(args);
	assert_true(matches("/u/:name", "/u/Дмитрий"));
	assert_true(matches("/u/:name", "/u/john.doe_2"));
	assert_false(matches("/u/:name", "/u/a/b"));
	assert_false(matches("/u/:name", "/u/a\tb"));
	assert_false(matches("/u/:name", "/u/a\x7f"));
	assert_false(matches("/u/:name", "/u/"));
	assert_false(matches("/u/:s", "/u/María"));
}

static void slug_does_not_cross_slash(void **state)
{
	(void)state;
	assert_int_equal(matches("/u/:s", "/u/ana/posts"), 0);
	assert_int_equal(matches("/u/:s", "/u/../etc"), 0);
}

/* ---- several parts ---- */

static void trailing_literal_after_arg(void **state)
{
	char *args[ROUTE_ARGS];

	(void)state;
	assert_int_equal(match("/t/:id/reply", "/t/42/reply", args), 1);
	assert_string_equal(args[0], "42");
	free_args(args);
	assert_int_equal(matches("/t/:id/reply", "/t/42"), 0);
	assert_int_equal(matches("/t/:id/reply", "/t/42/"), 0);
	assert_int_equal(matches("/t/:id/reply", "/t/42/replyx"), 0);
	assert_int_equal(matches("/t/:id/reply", "/t/42/reply/more"), 0);
}

static void partial_match_leaves_no_args(void **state)
{
	/* the id matched and was copied before the literal failed */
	char *args[ROUTE_ARGS];

	(void)state;
	assert_int_equal(match("/t/:id/edit", "/t/12/delete", args), 0);
	assert_int_equal(match("/t/:id/:s/x", "/t/12/slug/y", args), 0);
}

static void thread_with_slug(void **state)
{
	char *args[ROUTE_ARGS];

	(void)state;
	assert_int_equal(match("/t/:id/:s", "/t/7/how-to-clean-the-filter", args), 1);
	assert_string_equal(args[0], "7");
	assert_string_equal(args[1], "how-to-clean-the-filter");
	assert_null(args[2]);
	free_args(args);
	assert_int_equal(matches("/t/:id/:s", "/t/7"), 0);
	assert_int_equal(matches("/t/:id/:s", "/t/7/"), 0);
	assert_int_equal(matches("/t/:id/:s", "/t/slug/7"), 0);
}

static void four_args(void **state)
{
	char *args[ROUTE_ARGS];

	(void)state;
	assert_int_equal(match("/a/:id/b/:s/c/:id/:s", "/a/1/b/x/c/2/y", args), 1);
	assert_string_equal(args[0], "1");
	assert_string_equal(args[1], "x");
	assert_string_equal(args[2], "2");
	assert_string_equal(args[3], "y");
	free_args(args);
}

static void more_args_than_room(void **state)
{
	(void)state;
	assert_int_equal(matches("/:id/:id/:id/:id/:id", "/1/2/3/4/5"), 0);
}

static void adjacent_literals_and_args(void **state)
{
	char *args[ROUTE_ARGS];

	(void)state;
	assert_int_equal(match("/insights/p/:s", "/insights/p/SKU-123", args), 1);
	assert_string_equal(args[0], "SKU-123");
	free_args(args);
	assert_int_equal(matches("/insights/p/:s", "/insights/c/SKU-123"), 0);
}

/* ---- route_find ---- */

static int h_dummy(request *r)
{
	(void)r;
	return 200;
}

static const route ROUTES[] = {
	{ R_GET, "/", h_dummy, 0, NULL, NULL },
	{ R_GET, "/t/new", h_dummy, 0, NULL, NULL },
	{ R_POST, "/t/new", h_dummy, 0, NULL, NULL },
	{ R_GET, "/t/:id", h_dummy, 0, NULL, NULL },
	{ R_POST, "/t/:id/reply", h_dummy, 0, NULL, NULL },
	{ R_GET | R_POST, "/login", h_dummy, 0, NULL, NULL },
	{ R_POST, "/logout", h_dummy, 0, NULL, NULL },
	{ R_GET, "/u/me", h_dummy, 0, NULL, NULL },
	{ R_GET, "/u/:s", h_dummy, 0, NULL, NULL },
};
#define NROUTES (sizeof(ROUTES) / sizeof(ROUTES[0]))

/* route_find; returns the index of the route or -1, with *allowed. */
static int find(const char *method, const char *path, unsigned *allowed, char *args[ROUTE_ARGS])
{
	const route *r = route_find(ROUTES, NROUTES, method, path, args, allowed);

	return r ? (int)(r - ROUTES) : -1;
}

static void find_get(void **state)
{
	char *args[ROUTE_ARGS];
	unsigned allowed = 99;

	(void)state;
	assert_int_equal(find("GET", "/t/15", &allowed, args), 3);
	assert_string_equal(args[0], "15");
	free_args(args);
	assert_int_equal(find("GET", "/", &allowed, args), 0);
	free_args(args);
}

static void find_literal_routes(void **state)
{
	char *args[ROUTE_ARGS];
	unsigned allowed;

	(void)state;
	assert_int_equal(find("GET", "/t/new", &allowed, args), 1);
	assert_null(args[0]);
	assert_int_equal(find("POST", "/t/new", &allowed, args), 2);
	free_args(args);
}

static void find_first_match_wins(void **state)
{
	/* "me" is also a valid :s; the earlier literal route takes it */
	char *args[ROUTE_ARGS];
	unsigned allowed;

	(void)state;
	assert_int_equal(find("GET", "/u/me", &allowed, args), 7);
	assert_null(args[0]);
	assert_int_equal(find("GET", "/u/ana", &allowed, args), 8);
	assert_string_equal(args[0], "ana");
	free_args(args);
}

static void find_head_is_get(void **state)
{
	char *args[ROUTE_ARGS];
	unsigned allowed;

	(void)state;
	assert_int_equal(find("HEAD", "/t/15", &allowed, args), 3);
	assert_string_equal(args[0], "15");
	free_args(args);
	assert_int_equal(find("HEAD", "/login", &allowed, args), 5);
	free_args(args);
}

static void find_post(void **state)
{
	char *args[ROUTE_ARGS];
	unsigned allowed;

	(void)state;
	assert_int_equal(find("POST", "/t/9/reply", &allowed, args), 4);
	assert_string_equal(args[0], "9");
	free_args(args);
	assert_int_equal(find("POST", "/login", &allowed, args), 5);
	free_args(args);
}

static void find_unknown_path_is_404(void **state)
{
	static const char *const paths[] = { "/nope", "/t/abc", "/t/", "/t/1/2", "/login/x", "" };
	char *args[ROUTE_ARGS];
	unsigned allowed;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		allowed = 99;
		assert_int_equal(find("GET", paths[i], &allowed, args), -1);
		if (allowed != 0)
			fail_msg("GET %s: allowed %u, want 0 (404)", paths[i], allowed);
		assert_null(args[0]);
	}
}

static void find_wrong_method_is_405(void **state)
{
	char *args[ROUTE_ARGS];
	unsigned allowed;

	(void)state;
	assert_int_equal(find("POST", "/t/15", &allowed, args), -1);
	assert_int_equal(allowed, R_GET);
	assert_null(args[0]); /* the args of the path match are freed */
	assert_int_equal(find("GET", "/logout", &allowed, args), -1);
	assert_int_equal(allowed, R_POST);
	assert_int_equal(find("HEAD", "/t/1/reply", &allowed, args), -1);
	assert_int_equal(allowed, R_POST);
	assert_null(args[0]);
}

static void find_unknown_method_lists_all(void **state)
{
	char *args[ROUTE_ARGS];
	unsigned allowed;

	(void)state;
	assert_int_equal(find("PUT", "/login", &allowed, args), -1);
	assert_int_equal(allowed, R_GET | R_POST);
	assert_int_equal(find("DELETE", "/t/new", &allowed, args), -1);
	assert_int_equal(allowed, R_GET | R_POST); /* from two routes */
	assert_int_equal(find("get", "/", &allowed, args), -1); /* methods are case-sensitive */
	assert_int_equal(allowed, R_GET);
	assert_int_equal(find("", "/", &allowed, args), -1);
	assert_int_equal(allowed, R_GET);
}

static void find_in_empty_table(void **state)
{
	char *args[ROUTE_ARGS];
	unsigned allowed = 99;

	(void)state;
	assert_null(route_find(ROUTES, 0, "GET", "/", args, &allowed));
	assert_int_equal(allowed, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(literal_exact),
		cmocka_unit_test(literal_mismatch),
		cmocka_unit_test(id_digits),
		cmocka_unit_test(id_refuses_non_digits),
		cmocka_unit_test(id_refuses_empty),
		cmocka_unit_test(id_at_most_eighteen_digits),
		cmocka_unit_test(slug_allowed_characters),
		cmocka_unit_test(slug_refuses_other_characters),
		cmocka_unit_test(slug_refuses_empty),
		cmocka_unit_test(slug_at_most_hundred),
		cmocka_unit_test(slug_does_not_cross_slash),
		cmocka_unit_test(name_takes_what_a_name_holds),
		cmocka_unit_test(trailing_literal_after_arg),
		cmocka_unit_test(partial_match_leaves_no_args),
		cmocka_unit_test(thread_with_slug),
		cmocka_unit_test(four_args),
		cmocka_unit_test(more_args_than_room),
		cmocka_unit_test(adjacent_literals_and_args),
		cmocka_unit_test(find_get),
		cmocka_unit_test(find_literal_routes),
		cmocka_unit_test(find_first_match_wins),
		cmocka_unit_test(find_head_is_get),
		cmocka_unit_test(find_post),
		cmocka_unit_test(find_unknown_path_is_404),
		cmocka_unit_test(find_wrong_method_is_405),
		cmocka_unit_test(find_unknown_method_lists_all),
		cmocka_unit_test(find_in_empty_table),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
