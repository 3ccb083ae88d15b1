/* test_app.c: the request helpers and HDF setters of app.h that need
 * neither a database nor FastCGI (the gate itself is covered by the HTTP
 * tests). */
#include "helpers.h"
#include "web/app.h"
#include "web/view.h"

#include <sodium.h>

typedef struct fixture {
	app a;
	request r;
	char *env[8];
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));

	if (f == NULL)
		return -1;
	if (hdf_init(&f->a.lang[0]) != STATUS_OK || hdf_init(&f->a.lang[1]) != STATUS_OK ||
	    hdf_init(&f->r.hdf) != STATUS_OK)
		return -1;
	hdf_str(f->a.lang[0], "L.greet", "Hello");
	hdf_str(f->a.lang[1], "L.greet", "Hola");
	hdf_str(f->a.lang[0], "L.err.too_long", "Too long: at most {n} characters.");
	hdf_str(f->a.lang[1], "L.err.too_long", "Demasiado largo: como mucho {n} caracteres.");
	hdf_str(f->a.lang[0], "L.err.required", "This field is required.");
	f->r.app = &f->a;
	f->r.env = f->env;
	f->r.lang = "en";
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	int i;

	hdf_destroy(&f->a.lang[0]);
	hdf_destroy(&f->a.lang[1]);
	hdf_destroy(&f->r.hdf);
	kv_free(&f->r.query);
	kv_free(&f->r.form);
	for (i = 0; i < ROUTE_ARGS; i++)
		free(f->r.args[i]);
	free(f->r.location);
	strbuf_free(&f->r.headers);
	free(f);
	return 0;
}

/* ---- req_env, req_query, and the form read through its declaration ---- */

static void env_finds_exact_names(void **state)
{
	fixture *f = *state;

	f->env[0] = "HTTP_HOSTNAME=wrong";
	f->env[1] = "HTTP_HOST=example.org";
	f->env[2] = "QUERY_STRING=a=1&b=2";
	f->env[3] = "EMPTY=";
	assert_string_equal(req_env(&f->r, "HTTP_HOST"), "example.org");
	assert_string_equal(req_env(&f->r, "HTTP_HOSTNAME"), "wrong");
	assert_string_equal(req_env(&f->r, "QUERY_STRING"), "a=1&b=2");
	assert_string_equal(req_env(&f->r, "EMPTY"), "");
	assert_null(req_env(&f->r, "HTTP_HOS"));
	assert_null(req_env(&f->r, "HTTP"));
	assert_null(req_env(&f->r, "http_host"));
	assert_null(req_env(&f->r, "MISSING"));
}

static void env_without_environment(void **state)
{
	fixture *f = *state;

	f->r.env = NULL;
	assert_null(req_env(&f->r, "HTTP_HOST"));
}

static void on_no_error(void *ctx, const char *field, const char *msgkey, long long n)
{
	(void)ctx;
	(void)n;
	fail_msg("field %s refused: %s", field, msgkey);
}

static void query_and_form(void **state)
{
	fixture *f = *state;

	parse_form(&f->r.query, "page=2&q=caf%C3%A9");
	parse_form(&f->r.form, "title=Hi&page=9");
	assert_string_equal(req_query(&f->r, "page"), "2");
	assert_string_equal(req_query(&f->r, "q"), "café");
	assert_null(req_query(&f->r, "title"));
	/* a handler reads the form only through the fields its route declares */
	{
		static const field_spec title_only[] = { { "title", F_LINE, 1, 10, 1, NULL },
							 FIELDS_END };
		assert_int_equal(form_validate(title_only, &f->r.form, &f->r.in, on_no_error, NULL), 0);
	}
	assert_string_equal(form_get(&f->r.in, "title"), "Hi");
	assert_null(form_get(&f->r.in, "page"));
	assert_null(form_get(&f->r.in, "q"));
}

/* ---- req_page ---- */

static void page_absent_is_one(void **state)
{
	fixture *f = *state;

	assert_int_equal(req_page(&f->r, 100), 1);
}

static void page_in_range(void **state)
{
	fixture *f = *state;

	parse_form(&f->r.query, "page=7");
	assert_int_equal(req_page(&f->r, 100), 7);
	assert_int_equal(req_page(&f->r, 7), 7);
}

/* A form that sends an empty page (a GET form with a blank field) means
 * the first page. */
static void page_empty_is_first(void **state)
{
	fixture *f = *state;

	parse_form(&f->r.query, "page=");
	assert_int_equal(req_page(&f->r, 100), 1);
}

/* A page is a guess of a link or of a typed address: never refused. What
 * is not a page number is the first page; a number past max is max, where
 * the list's end is found. */
static void page_never_refused(void **state)
{
	static const struct {
		const char *query;
		long long page;
	} cases[] = {
		{ "page=0", 1 }, { "page=-1", 1 }, { "page=abc", 1 }, { "page=2x", 1 },
		{ "page=+", 1 }, { "page=%202", 1 }, { "page=00", 1 }, { "page=1.5", 1 },
		{ "page=101", 100 }, { "page=99999999999999999999", 100 },
	};
	fixture *f = *state;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		kv_free(&f->r.query);
		parse_form(&f->r.query, cases[i].query);
		if (req_page(&f->r, 100) != cases[i].page)
			fail_msg("?%s gave page %lld", cases[i].query, req_page(&f->r, 100));
	}
}

/* ---- req_arg_id ---- */

static void arg_id_numbers(void **state)
{
	fixture *f = *state;

	f->r.args[0] = strdup("42");
	f->r.args[1] = strdup("9007199254740992"); /* 2^53 */
	assert_int_equal(req_arg_id(&f->r, 0), 42);
	assert_true(req_arg_id(&f->r, 1) == 9007199254740992LL);
}

static void arg_id_refuses(void **state)
{
	fixture *f = *state;

	f->r.args[0] = strdup("0");
	f->r.args[1] = strdup("9007199254740993"); /* past 2^53 */
	f->r.args[2] = strdup("slug");
	assert_int_equal(req_arg_id(&f->r, 0), 0);
	assert_int_equal(req_arg_id(&f->r, 1), 0);
	assert_int_equal(req_arg_id(&f->r, 2), 0);
	assert_int_equal(req_arg_id(&f->r, 3), 0);          /* no such argument */
	assert_int_equal(req_arg_id(&f->r, -1), 0);
	assert_int_equal(req_arg_id(&f->r, ROUTE_ARGS), 0);
}

/* ---- req_text, req_field_error ---- */

static void text_in_request_language(void **state)
{
	fixture *f = *state;

	assert_string_equal(req_text(&f->r, "greet"), "Hello");
	f->r.lang = "es";
	assert_string_equal(req_text(&f->r, "greet"), "Hola");
}

static void text_missing_key_shows_key(void **state)
{
	fixture *f = *state;

	assert_string_equal(req_text(&f->r, "no.such.key"), "no.such.key");
}

static void field_error_fills_number(void **state)
{
	fixture *f = *state;

	req_field_error(&f->r, "title", "err.too_long", 150);
	assert_int_equal(f->r.invalid, 1);
	assert_string_equal(hdf_get_value(f->r.hdf, "errors.title", ""),
			    "Too long: at most 150 characters.");
}

static void field_error_in_spanish(void **state)
{
	fixture *f = *state;

	f->r.lang = "es";
	req_field_error(&f->r, "title", "err.too_long", 3);
	assert_string_equal(hdf_get_value(f->r.hdf, "errors.title", ""),
			    "Demasiado largo: como mucho 3 caracteres.");
}

static void field_error_without_number(void **state)
{
	fixture *f = *state;

	req_field_error(&f->r, "body", "err.required", 0);
	assert_string_equal(hdf_get_value(f->r.hdf, "errors.body", ""), "This field is required.");
	assert_int_equal(f->r.invalid, 1);
}

static void field_errors_as_json_object(void **state)
{
	/* errors travel in the JSON answer as an object */
	fixture *f = *state;
	strbuf sb = STRBUF_INIT;

	req_field_error(&f->r, "title", "err.too_long", 150);
	req_field_error(&f->r, "body", "err.required", 0);
	assert_int_equal(view_json_object(hdf_get_obj(f->r.hdf, "errors"), &sb), 0);
	assert_string_equal(sb.s, "{\"title\":\"Too long: at most 150 characters.\","
				  "\"body\":\"This field is required.\"}");
	strbuf_free(&sb);
}

/* ---- req_redirect, req_set_cookie ---- */

static void redirect_copies_and_replaces(void **state)
{
	fixture *f = *state;
	char url[] = "/t/1";

	assert_int_equal(req_redirect(&f->r, url), 0);
	url[3] = '2';
	assert_string_equal(f->r.location, "/t/1");
	assert_int_equal(req_redirect(&f->r, "/t/3#p5"), 0);
	assert_string_equal(f->r.location, "/t/3#p5");
}

static void cookie_with_max_age(void **state)
{
	fixture *f = *state;

	assert_int_equal(req_set_cookie(&f->r, "tertulia_session", "abc", 3600), 0);
	assert_string_equal(f->r.headers.s,
			    "Set-Cookie: tertulia_session=abc; Path=/; HttpOnly; SameSite=Lax; "
			    "Max-Age=3600\r\n");
}

static void cookie_for_the_browser_session(void **state)
{
	fixture *f = *state;

	assert_int_equal(req_set_cookie(&f->r, "v", "1", -1), 0);
	assert_string_equal(f->r.headers.s, "Set-Cookie: v=1; Path=/; HttpOnly; SameSite=Lax\r\n");
}

static void cookie_deleted(void **state)
{
	fixture *f = *state;

	assert_int_equal(req_set_cookie(&f->r, "tertulia_session", NULL, 3600), 0);
	assert_contains(f->r.headers.s, "tertulia_session=;");
	assert_contains(f->r.headers.s, "Max-Age=0\r\n");
	assert_not_contains(f->r.headers.s, "3600");
}

static void cookie_secure_over_https(void **state)
{
	fixture *f = *state;

	f->a.https = 1;
	assert_int_equal(req_set_cookie(&f->r, "a", "1", -1), 0);
	assert_contains(f->r.headers.s, "; Secure");
	assert_contains(f->r.headers.s, "HttpOnly");
}

static void cookies_accumulate(void **state)
{
	fixture *f = *state;
	const char *s, *p;
	int lines = 0;

	assert_int_equal(req_set_cookie(&f->r, "a", "1", -1), 0);
	assert_int_equal(req_set_cookie(&f->r, "b", "2", 10), 0);
	s = f->r.headers.s;
	for (p = s; (p = strstr(p, "\r\n")) != NULL; p += 2)
		lines++;
	assert_int_equal(lines, 2);
	assert_contains(s, "Set-Cookie: a=1;");
	assert_contains(s, "Set-Cookie: b=2;");
}

/* ---- HDF setters ---- */

static void hdf_str_copies(void **state)
{
	fixture *f = *state;
	char value[] = "original";

	hdf_str(f->r.hdf, "d.x", value);
	value[0] = 'X';
	assert_string_equal(hdf_get_value(f->r.hdf, "d.x", NULL), "original");
	hdf_str(f->r.hdf, "d.null", NULL);
	assert_string_equal(hdf_get_value(f->r.hdf, "d.null", "default"), "");
}

static void hdf_int_sets_number_mark(void **state)
{
	fixture *f = *state;
	HDF_ATTR *a;
	int marked = 0;

	hdf_int(f->r.hdf, "d.n", -1234567890123LL);
	assert_string_equal(hdf_get_value(f->r.hdf, "d.n", NULL), "-1234567890123");
	for (a = hdf_obj_attr(hdf_get_obj(f->r.hdf, "d.n")); a; a = a->next)
		if (strcmp(a->key, "t") == 0 && strcmp(a->value, "n") == 0)
			marked = 1;
	assert_int_equal(marked, 1);
	/* hdf_str leaves no mark */
	hdf_str(f->r.hdf, "d.s", "5");
	assert_null(hdf_obj_attr(hdf_get_obj(f->r.hdf, "d.s")));
}

static void hdf_strf_formats(void **state)
{
	fixture *f = *state;

	hdf_strf(f->r.hdf, "d.url", "/t/%lld/%s", 12LL, "slug");
	assert_string_equal(hdf_get_value(f->r.hdf, "d.url", NULL), "/t/12/slug");
}

static void hdf_rows_copies_every_row(void **state)
{
	fixture *f = *state;
	char *names[] = { "id", "title", "note" };
	int numeric[] = { 1, 0, 0 };
	char *cells[] = { "1", "First", NULL, "2", "Second", "n" };
	size_t lens[] = { 1, 5, 0, 1, 6, 1 };
	db_rows rows = { 2, 3, names, numeric, cells, lens, NULL, 0 };
	strbuf sb = STRBUF_INIT;

	hdf_rows(f->r.hdf, "d.threads", &rows);
	assert_string_equal(hdf_get_value(f->r.hdf, "d.threads.0.title", ""), "First");
	assert_string_equal(hdf_get_value(f->r.hdf, "d.threads.1.id", ""), "2");
	/* SQL NULL is left out */
	assert_null(hdf_get_obj(f->r.hdf, "d.threads.0.note"));
	assert_string_equal(hdf_get_value(f->r.hdf, "d.threads.1.note", ""), "n");
	/* numeric columns become JSON numbers, text stays text */
	assert_int_equal(view_json_object(hdf_get_obj(f->r.hdf, "d"), &sb), 0);
	assert_string_equal(sb.s, "{\"threads\":[{\"id\":1,\"title\":\"First\"},"
				  "{\"id\":2,\"title\":\"Second\",\"note\":\"n\"}]}");
	strbuf_free(&sb);
}

static void hdf_rows_of_nothing(void **state)
{
	fixture *f = *state;
	char *names[] = { "id" };
	int numeric[] = { 1 };
	db_rows rows = { 0, 1, names, numeric, NULL, NULL, NULL, 0 };

	hdf_rows(f->r.hdf, "d.list", &rows);
	assert_null(hdf_get_obj(f->r.hdf, "d.list"));
}

static void hdf_row_first_row_only(void **state)
{
	fixture *f = *state;
	char *names[] = { "id", "name" };
	int numeric[] = { 1, 0 };
	char *cells[] = { "7", "ana", "8", "bea" };
	size_t lens[] = { 1, 3, 1, 3 };
	db_rows rows = { 2, 2, names, numeric, cells, lens, NULL, 0 };

	assert_int_equal(hdf_row(f->r.hdf, "d.user", &rows), 0);
	assert_string_equal(hdf_get_value(f->r.hdf, "d.user.name", ""), "ana");
	assert_string_equal(hdf_get_value(f->r.hdf, "d.user.id", ""), "7");
	rows.nrows = 0;
	assert_int_equal(hdf_row(f->r.hdf, "d.other", &rows), E_NOTFOUND);
	assert_null(hdf_get_obj(f->r.hdf, "d.other"));
}

/* ---- req_nonce, user_has ---- */

static void nonce_is_fresh_hex(void **state)
{
	fixture *f = *state;
	char first[64];
	const char *v;

	req_nonce(&f->r);
	v = hdf_get_value(f->r.hdf, "nonce", "");
	assert_int_equal(strlen(v), 32);
	assert_int_equal(strspn(v, "0123456789abcdef"), 32);
	snprintf(first, sizeof(first), "%s", v);
	req_nonce(&f->r);
	assert_string_not_equal(hdf_get_value(f->r.hdf, "nonce", ""), first);
}

static void user_roles(void **state)
{
	user u = { 0 };

	(void)state;
	assert_false(user_has(&u, ROLE_ADMIN));
	assert_false(user_has(&u, 0));
	u.roles = ROLE_STAFF;
	assert_true(user_has(&u, ROLE_STAFF));
	assert_true(user_has(&u, ROLE_ADMIN | ROLE_STAFF)); /* any one of them */
	assert_false(user_has(&u, ROLE_ADMIN));
	assert_false(user_has(&u, ROLE_MODERATOR | ROLE_MARKETING));
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(env_finds_exact_names),
		T(env_without_environment),
		T(query_and_form),
		T(page_absent_is_one),
		T(page_in_range),
		T(page_empty_is_first),
		T(page_never_refused),
		T(arg_id_numbers),
		T(arg_id_refuses),
		T(text_in_request_language),
		T(text_missing_key_shows_key),
		T(field_error_fills_number),
		T(field_error_in_spanish),
		T(field_error_without_number),
		T(field_errors_as_json_object),
		T(redirect_copies_and_replaces),
		T(cookie_with_max_age),
		T(cookie_for_the_browser_session),
		T(cookie_deleted),
		T(cookie_secure_over_https),
		T(cookies_accumulate),
		T(hdf_str_copies),
		T(hdf_int_sets_number_mark),
		T(hdf_strf_formats),
		T(hdf_rows_copies_every_row),
		T(hdf_rows_of_nothing),
		T(hdf_row_first_row_only),
		T(nonce_is_fresh_hex),
		cmocka_unit_test(user_roles),
	};

	if (sodium_init() < 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
