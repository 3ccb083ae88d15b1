/* test_session.c: session token hashes and CSRF tokens (session.h).
 * What needs the database (session_load of a real token, session_start,
 * session_end) is covered by the HTTP tests. */
#include "helpers.h"
#include "web/session.h"

#include <sodium.h>

static const unsigned char SECRET[32] = {
	0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
	16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31,
};

static int is_lower_hex(const char *s)
{
	for (; *s; s++)
		if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f')))
			return 0;
	return 1;
}

/* ---- csrf_token_for ---- */

static void csrf_token_is_64_lowercase_hex(void **state)
{
	unsigned char cookie[32];
	char tok[65];

	(void)state;
	memset(cookie, 0xa5, sizeof(cookie));
	memset(tok, 'X', sizeof(tok));
	csrf_token_for(SECRET, cookie, tok);
	assert_int_equal(strlen(tok), 64);
	assert_true(is_lower_hex(tok));
}

static void csrf_token_known_answer(void **state)
{
	/* HMAC-SHA-512-256 (libsodium crypto_auth): tokens must stay the same
	 * across releases and hosts, or every open form breaks on upgrade */
	unsigned char cookie[32];
	char tok[65];

	(void)state;
	memset(cookie, 0xa5, sizeof(cookie));
	csrf_token_for(SECRET, cookie, tok);
	assert_string_equal(tok, "d78d945b0d809be44423073dea577055038722d345a6627f6003990417f99489");
}

static void csrf_token_deterministic(void **state)
{
	unsigned char cookie[32];
	char a[65], b[65];

	(void)state;
	randombytes_buf(cookie, sizeof(cookie));
	csrf_token_for(SECRET, cookie, a);
	csrf_token_for(SECRET, cookie, b);
	assert_string_equal(a, b);
}

static void csrf_token_depends_on_cookie(void **state)
{
	unsigned char cookie[32];
	char a[65], b[65];

	(void)state;
	memset(cookie, 7, sizeof(cookie));
	csrf_token_for(SECRET, cookie, a);
	cookie[31] ^= 1; /* one bit of the cookie */
	csrf_token_for(SECRET, cookie, b);
	assert_string_not_equal(a, b);
}

static void csrf_token_depends_on_secret(void **state)
{
	unsigned char cookie[32], other[32];
	char a[65], b[65];

	(void)state;
	memset(cookie, 7, sizeof(cookie));
	memcpy(other, SECRET, sizeof(other));
	other[0] ^= 0x80; /* one bit of the secret */
	csrf_token_for(SECRET, cookie, a);
	csrf_token_for(other, cookie, b);
	assert_string_not_equal(a, b);
}

static void csrf_token_is_not_the_cookie(void **state)
{
	unsigned char cookie[32];
	char hex[65], tok[65];

	(void)state;
	randombytes_buf(cookie, sizeof(cookie));
	hex_encode(cookie, sizeof(cookie), hex);
	csrf_token_for(SECRET, cookie, tok);
	assert_string_not_equal(tok, hex);
}

/* ---- session_hash ---- */

static void session_hash_known_answer(void **state)
{
	/* BLAKE2b-256 of the raw token: stored hashes must keep matching */
	unsigned char token[32], h[32];
	char hex[65];
	int i;

	(void)state;
	for (i = 0; i < 32; i++)
		token[i] = (unsigned char)i;
	session_hash(token, h);
	hex_encode(h, 32, hex);
	assert_string_equal(hex, "cb2f5160fc1f7e05a55ef49d340b48da2e5a78099d53393351cd579dd42503d6");
}

static void session_hash_deterministic_and_distinct(void **state)
{
	unsigned char token[32], h1[32], h2[32], h3[32];

	(void)state;
	randombytes_buf(token, sizeof(token));
	session_hash(token, h1);
	session_hash(token, h2);
	assert_memory_equal(h1, h2, 32);
	token[0] ^= 1;
	session_hash(token, h3);
	assert_memory_not_equal(h1, h3, 32);
}

static void session_hash_differs_from_token_and_csrf(void **state)
{
	unsigned char token[32], h[32];
	char hhex[65], thex[65], csrf[65];

	(void)state;
	randombytes_buf(token, sizeof(token));
	session_hash(token, h);
	assert_memory_not_equal(h, token, 32);
	hex_encode(h, 32, hhex);
	hex_encode(token, 32, thex);
	csrf_token_for(SECRET, token, csrf);
	/* the stored hash reveals neither the cookie nor the form token */
	assert_string_not_equal(hhex, thex);
	assert_string_not_equal(hhex, csrf);
}

/* ---- csrf_prepare, csrf_check, session_load without a database ---- */

typedef struct fixture {
	app a;
	request r;
	char *env[4];
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));

	if (f == NULL)
		return -1;
	memcpy(f->a.secret, SECRET, 32);
	f->a.origin = "https://community.example";
	f->r.app = &f->a;
	f->r.env = f->env;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;

	kv_free(&f->r.cookies);
	kv_free(&f->r.form);
	strbuf_free(&f->r.headers);
	free(f);
	return 0;
}

static void set_cookie(fixture *f, const char *name, const unsigned char token[32])
{
	char hex[65];

	hex_encode(token, 32, hex);
	add_pair(&f->r.cookies, name, hex);
}

static void prepare_issues_visitor_cookie(void **state)
{
	fixture *f = *state;
	const char *line, *value;
	unsigned char token[32];
	char expect[65];

	assert_int_equal(csrf_prepare(&f->r), 0);
	assert_int_equal(strlen(f->r.csrf), 64);
	assert_non_null(f->r.headers.s);
	line = strstr(f->r.headers.s, "Set-Cookie: " VISITOR_COOKIE "=");
	assert_non_null(line);
	/* the token is the HMAC of the cookie just issued */
	value = line + strlen("Set-Cookie: " VISITOR_COOKIE "=");
	assert_int_equal(value[64], ';');
	{
		char hex[65];
		memcpy(hex, value, 64);
		hex[64] = '\0';
		assert_int_equal(hex_decode(hex, token, 32), 0);
	}
	csrf_token_for(SECRET, token, expect);
	assert_string_equal(f->r.csrf, expect);
	/* a session cookie (no Max-Age) that scripts cannot read */
	assert_not_contains(f->r.headers.s, "Max-Age");
	assert_contains(f->r.headers.s, "HttpOnly");
}

static void prepare_reuses_visitor_cookie(void **state)
{
	fixture *f = *state;
	unsigned char token[32];
	char expect[65];

	memset(token, 0x3c, sizeof(token));
	set_cookie(f, VISITOR_COOKIE, token);
	assert_int_equal(csrf_prepare(&f->r), 0);
	csrf_token_for(SECRET, token, expect);
	assert_string_equal(f->r.csrf, expect);
	assert_int_equal(f->r.headers.len, 0); /* no new cookie */
}

static void prepare_replaces_malformed_visitor_cookie(void **state)
{
	fixture *f = *state;

	add_pair(&f->r.cookies, VISITOR_COOKIE, "not-hex");
	assert_int_equal(csrf_prepare(&f->r), 0);
	assert_int_equal(strlen(f->r.csrf), 64);
	assert_contains(f->r.headers.s, "Set-Cookie: " VISITOR_COOKIE "=");
}

/* Prepares a request that carries both a session and a visitor cookie;
 * returns 1 when the token is made from the session cookie, 0 when from
 * the visitor cookie. */
static int token_from_session(fixture *f, int has_session)
{
	unsigned char session[32], visitor[32];
	char from_session[65], from_visitor[65];

	memset(session, 0x11, sizeof(session));
	memset(visitor, 0x22, sizeof(visitor));
	set_cookie(f, SESSION_COOKIE, session);
	set_cookie(f, VISITOR_COOKIE, visitor);
	f->r.has_session = has_session;
	assert_int_equal(csrf_prepare(&f->r), 0);
	csrf_token_for(SECRET, session, from_session);
	csrf_token_for(SECRET, visitor, from_visitor);
	if (strcmp(f->r.csrf, from_session) == 0)
		return 1;
	assert_string_equal(f->r.csrf, from_visitor);
	return 0;
}

static void prepare_uses_session_when_logged_in(void **state)
{
	assert_int_equal(token_from_session(*state, 1), 1);
}

static void prepare_ignores_session_cookie_without_session(void **state)
{
	/* an unknown or expired session cookie must not choose the token */
	assert_int_equal(token_from_session(*state, 0), 0);
}

/* Gives the request a prepared token and returns it. */
static const char *prepared(fixture *f)
{
	unsigned char visitor[32];

	memset(visitor, 0x5a, sizeof(visitor));
	set_cookie(f, VISITOR_COOKIE, visitor);
	assert_int_equal(csrf_prepare(&f->r), 0);
	return f->r.csrf;
}

/* csrf_check with standard error captured (a refused origin is logged). */
static int check(fixture *f)
{
	captured c;
	char *log;
	int rc;

	capture_start(&c);
	rc = csrf_check(&f->r);
	log = capture_stop(&c);
	free(log);
	return rc;
}

static void check_accepts_form_field(void **state)
{
	fixture *f = *state;

	add_pair(&f->r.form, "csrf", prepared(f));
	assert_int_equal(check(f), 0);
}

static void check_accepts_header(void **state)
{
	fixture *f = *state;
	char line[100];

	snprintf(line, sizeof(line), "HTTP_X_CSRF_TOKEN=%s", prepared(f));
	f->env[0] = line;
	assert_int_equal(check(f), 0);
}

static void check_refuses_missing_token(void **state)
{
	fixture *f = *state;

	(void)prepared(f);
	assert_int_equal(check(f), E_FORBIDDEN);
}

static void check_refuses_wrong_token(void **state)
{
	fixture *f = *state;
	char wrong[65];

	snprintf(wrong, sizeof(wrong), "%s", prepared(f));
	wrong[10] = wrong[10] == 'a' ? 'b' : 'a';
	add_pair(&f->r.form, "csrf", wrong);
	assert_int_equal(check(f), E_FORBIDDEN);
}

static void check_refuses_prefix_and_longer(void **state)
{
	fixture *f = *state;
	char tok[65], longer[70];

	snprintf(tok, sizeof(tok), "%s", prepared(f));
	snprintf(longer, sizeof(longer), "%s00", tok);
	tok[63] = '\0';
	add_pair(&f->r.form, "csrf", tok);
	assert_int_equal(check(f), E_FORBIDDEN);
	kv_free(&f->r.form);
	add_pair(&f->r.form, "csrf", longer);
	assert_int_equal(check(f), E_FORBIDDEN);
	kv_free(&f->r.form);
	add_pair(&f->r.form, "csrf", "");
	assert_int_equal(check(f), E_FORBIDDEN);
}

static void check_refuses_when_nothing_prepared(void **state)
{
	/* an empty expected token never matches, even an empty one sent */
	fixture *f = *state;

	add_pair(&f->r.form, "csrf", "");
	assert_int_equal(check(f), E_FORBIDDEN);
}

static void check_refuses_foreign_origin(void **state)
{
	fixture *f = *state;

	add_pair(&f->r.form, "csrf", prepared(f));
	f->env[0] = "HTTP_ORIGIN=https://evil.example";
	f->env[1] = "HTTP_HOST=community.example";
	assert_int_equal(check(f), E_FORBIDDEN);
}

static void check_refuses_origin_of_other_scheme(void **state)
{
	fixture *f = *state;

	add_pair(&f->r.form, "csrf", prepared(f));
	f->a.https = 1;
	f->env[0] = "HTTP_ORIGIN=http://community.example";
	f->env[1] = "HTTP_HOST=community.example";
	assert_int_equal(check(f), E_FORBIDDEN);
}

static void check_refuses_null_origin(void **state)
{
	fixture *f = *state;

	add_pair(&f->r.form, "csrf", prepared(f));
	f->env[0] = "HTTP_ORIGIN=null";
	assert_int_equal(check(f), E_FORBIDDEN);
}

static void check_accepts_own_origin(void **state)
{
	fixture *f = *state;

	add_pair(&f->r.form, "csrf", prepared(f));
	f->env[0] = "HTTP_ORIGIN=https://community.example";
	assert_int_equal(check(f), 0);
}

static void check_accepts_origin_matching_host(void **state)
{
	fixture *f = *state;

	add_pair(&f->r.form, "csrf", prepared(f));
	f->a.origin = NULL;
	f->env[0] = "HTTP_HOST=127.0.0.1:8080";
	f->env[1] = "HTTP_ORIGIN=http://127.0.0.1:8080";
	assert_int_equal(check(f), 0);
	f->env[1] = "HTTP_ORIGIN=http://127.0.0.1:9999";
	assert_int_equal(check(f), E_FORBIDDEN);
}

static void check_origin_port_is_the_requests_when_host_has_none(void **state)
{
	/* nginx's $host carries no port: the site on 18490 is not the one on 80 */
	fixture *f = *state;

	add_pair(&f->r.form, "csrf", prepared(f));
	f->a.origin = NULL;
	f->env[0] = "HTTP_HOST=127.0.0.1";
	f->env[1] = "SERVER_PORT=18490";
	f->env[2] = "HTTP_ORIGIN=http://127.0.0.1";
	assert_int_equal(check(f), E_FORBIDDEN);
	f->env[2] = "HTTP_ORIGIN=http://127.0.0.1:80";
	assert_int_equal(check(f), E_FORBIDDEN);
	f->env[2] = "HTTP_ORIGIN=http://127.0.0.1:18490";
	assert_int_equal(check(f), 0);
	f->env[2] = "HTTP_ORIGIN=http://127.0.0.1:18490/";
	assert_int_equal(check(f), E_FORBIDDEN);
}

static void origins_compare_with_default_ports_normalised(void **state)
{
	(void)state;
	assert_true(origin_equal("http://a.example", "http://a.example:80"));
	assert_true(origin_equal("https://A.Example:443", "https://a.example"));
	assert_true(origin_equal("http://[::1]:8080", "http://[::1]:8080"));
	assert_false(origin_equal("http://a.example", "https://a.example"));
	assert_false(origin_equal("https://a.example:80", "https://a.example"));
	assert_false(origin_equal("http://a.example", "http://a.example:8080"));
	assert_false(origin_equal("http://a.example.evil", "http://a.example"));
	assert_false(origin_equal("http://a.example:0", "http://a.example:0"));
	assert_false(origin_equal("http://a.example:99999", "http://a.example:99999"));
	assert_false(origin_equal("null", "null"));
	assert_false(origin_equal("http://", "http://"));
	assert_false(origin_equal("http://a.example/x", "http://a.example/x"));
}

static void session_load_without_cookie_is_visitor(void **state)
{
	/* no database is set up: a look-up would crash, so none may happen */
	fixture *f = *state;

	assert_int_equal(session_load(&f->r), 0);
	assert_int_equal(f->r.has_session, 0);
	assert_int_equal(f->r.user.id, 0);
}

static void session_load_malformed_cookie_is_visitor(void **state)
{
	static const char *const bad[] = {
		"", "abc", "zz", "not a token",
		"00112233445566778899aabbccddeeff00112233445566778899aabbccddeef",   /* 63 */
		"00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff0", /* 65 */
		"g0112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
	};
	fixture *f = *state;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		kv_free(&f->r.cookies);
		add_pair(&f->r.cookies, SESSION_COOKIE, bad[i]);
		assert_int_equal(session_load(&f->r), 0);
		assert_int_equal(f->r.has_session, 0);
	}
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(csrf_token_is_64_lowercase_hex),
		cmocka_unit_test(csrf_token_known_answer),
		cmocka_unit_test(csrf_token_deterministic),
		cmocka_unit_test(csrf_token_depends_on_cookie),
		cmocka_unit_test(csrf_token_depends_on_secret),
		cmocka_unit_test(csrf_token_is_not_the_cookie),
		cmocka_unit_test(session_hash_known_answer),
		cmocka_unit_test(session_hash_deterministic_and_distinct),
		cmocka_unit_test(session_hash_differs_from_token_and_csrf),
		T(prepare_issues_visitor_cookie),
		T(prepare_reuses_visitor_cookie),
		T(prepare_replaces_malformed_visitor_cookie),
		T(prepare_uses_session_when_logged_in),
		T(prepare_ignores_session_cookie_without_session),
		T(check_accepts_form_field),
		T(check_accepts_header),
		T(check_refuses_missing_token),
		T(check_refuses_wrong_token),
		T(check_refuses_prefix_and_longer),
		T(check_refuses_when_nothing_prepared),
		T(check_refuses_foreign_origin),
		T(check_refuses_origin_of_other_scheme),
		T(check_refuses_null_origin),
		T(check_accepts_own_origin),
		T(check_accepts_origin_matching_host),
		T(check_origin_port_is_the_requests_when_host_has_none),
		cmocka_unit_test(origins_compare_with_default_ports_normalised),
		T(session_load_without_cookie_is_visitor),
		T(session_load_malformed_cookie_is_visitor),
	};

	if (sodium_init() < 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
