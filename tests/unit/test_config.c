/* test_config.c: key = value configuration files (config.h). */
#include "helpers.h"
#include "base/config.h"

/* Parses text into cfg (zeroed first) and checks that it succeeded. */
static void parse(config *cfg, const char *text)
{
	memset(cfg, 0, sizeof(*cfg));
	assert_int_equal(config_parse(cfg, text), 0);
}

static void simple_pairs(void **state)
{
	config cfg;

	(void)state;
	parse(&cfg, "a = 1\nb = two\n");
	assert_string_equal(config_get(&cfg, "a", NULL), "1");
	assert_string_equal(config_get(&cfg, "b", NULL), "two");
	config_free(&cfg);
}

static void missing_key_gives_default(void **state)
{
	config cfg;

	(void)state;
	parse(&cfg, "a = 1\n");
	assert_string_equal(config_get(&cfg, "missing", "def"), "def");
	assert_null(config_get(&cfg, "missing", NULL));
	assert_null(config_get(&cfg, "A", NULL)); /* keys are case-sensitive */
	assert_null(config_get(&cfg, "a ", NULL));
	config_free(&cfg);
}

static void comments_ignored(void **state)
{
	config cfg;

	(void)state;
	parse(&cfg, "# a = commented\n  # b = indented comment\n\t#c=1\nd = 4\n");
	assert_null(config_get(&cfg, "a", NULL));
	assert_null(config_get(&cfg, "# a", NULL));
	assert_null(config_get(&cfg, "b", NULL));
	assert_null(config_get(&cfg, "c", NULL));
	assert_string_equal(config_get(&cfg, "d", NULL), "4");
	assert_int_equal(cfg.items.n, 1);
	config_free(&cfg);
}

static void blank_lines_ignored(void **state)
{
	config cfg;

	(void)state;
	parse(&cfg, "\n\n   \n\t\na = 1\n\n\r\nb = 2");
	assert_int_equal(cfg.items.n, 2);
	assert_string_equal(config_get(&cfg, "a", NULL), "1");
	assert_string_equal(config_get(&cfg, "b", NULL), "2"); /* no final newline */
	config_free(&cfg);
}

static void spaces_around_equals(void **state)
{
	config cfg;

	(void)state;
	parse(&cfg, "a=1\n  b   =   2  \n\tc\t=\tthree words\t\nd =\n");
	assert_string_equal(config_get(&cfg, "a", NULL), "1");
	assert_string_equal(config_get(&cfg, "b", NULL), "2");
	assert_string_equal(config_get(&cfg, "c", NULL), "three words");
	assert_string_equal(config_get(&cfg, "d", "def"), ""); /* present but empty */
	config_free(&cfg);
}

static void crlf_line_endings(void **state)
{
	config cfg;

	(void)state;
	parse(&cfg, "a = 1\r\nb = 2\r\n");
	assert_string_equal(config_get(&cfg, "a", NULL), "1");
	assert_string_equal(config_get(&cfg, "b", NULL), "2");
	config_free(&cfg);
}

static void last_definition_wins(void **state)
{
	config cfg;

	(void)state;
	parse(&cfg, "port = 1\nother = x\nport = 2\n");
	assert_string_equal(config_get(&cfg, "port", NULL), "2");
	assert_int_equal(config_int(&cfg, "port", 0), 2);
	config_free(&cfg);
}

static void value_containing_equals(void **state)
{
	config cfg;

	(void)state;
	parse(&cfg, "db.password = p=ss=word==\nurl = http://x/?a=1&b=2\n");
	assert_string_equal(config_get(&cfg, "db.password", NULL), "p=ss=word==");
	assert_string_equal(config_get(&cfg, "url", NULL), "http://x/?a=1&b=2");
	config_free(&cfg);
}

static void value_containing_hash(void **state)
{
	/* '#' starts a comment only at the start of a line: passwords may hold it */
	config cfg;

	(void)state;
	parse(&cfg, "db.password = a#b\n");
	assert_string_equal(config_get(&cfg, "db.password", NULL), "a#b");
	config_free(&cfg);
}

static void lines_without_equals_ignored(void **state)
{
	config cfg;

	(void)state;
	parse(&cfg, "just words\na = 1\n[section]\n");
	assert_int_equal(cfg.items.n, 1);
	assert_null(config_get(&cfg, "just words", NULL));
	assert_string_equal(config_get(&cfg, "a", NULL), "1");
	config_free(&cfg);
}

static void empty_text(void **state)
{
	config cfg;

	(void)state;
	parse(&cfg, "");
	assert_int_equal(cfg.items.n, 0);
	assert_string_equal(config_get(&cfg, "a", "def"), "def");
	config_free(&cfg);
}

static void int_values(void **state)
{
	config cfg;

	(void)state;
	parse(&cfg, "n = 42\nneg = -7\nzero = 0\nbig = 4611686018427387904\n");
	assert_int_equal(config_int(&cfg, "n", 1), 42);
	assert_int_equal(config_int(&cfg, "neg", 1), -7);
	assert_int_equal(config_int(&cfg, "zero", 1), 0);
	assert_true(config_int(&cfg, "big", 1) == 4611686018427387904LL); /* 2^62 */
	assert_int_equal(config_int(&cfg, "missing", 99), 99);
	config_free(&cfg);
}

static void int_bad_numbers_fall_back(void **state)
{
	config cfg;

	(void)state;
	parse(&cfg, "a = 12abc\nb = abc\nc =\nd = 1.5\ne = 99999999999999999999\n"
		    "f = 0x10\ng = 1 2\nh = 4611686018427387905\n");
	assert_int_equal(config_int(&cfg, "a", 7), 7);
	assert_int_equal(config_int(&cfg, "b", 7), 7);
	assert_int_equal(config_int(&cfg, "c", 7), 7);
	assert_int_equal(config_int(&cfg, "d", 7), 7);
	assert_int_equal(config_int(&cfg, "e", 7), 7);
	assert_int_equal(config_int(&cfg, "f", 7), 7);
	assert_int_equal(config_int(&cfg, "g", 7), 7);
	assert_int_equal(config_int(&cfg, "h", 7), 7); /* past 2^62 */
	config_free(&cfg);
}

static void load_file(void **state)
{
	char *dir = make_temp_dir();
	static const char *const files[] = { "t.conf", NULL };
	char path[512];
	config cfg;

	(void)state;
	write_file(dir, "t.conf", "# test\nsecret = abc\nbody_limit = 1024\n");
	snprintf(path, sizeof(path), "%s/t.conf", dir);
	assert_int_equal(config_load(&cfg, path), 0);
	assert_string_equal(config_get(&cfg, "secret", NULL), "abc");
	assert_int_equal(config_int(&cfg, "body_limit", 0), 1024);
	assert_string_equal(cfg.path, path);
	config_free(&cfg);
	remove_tree(dir, files);
}

static void load_empty_file(void **state)
{
	char *dir = make_temp_dir();
	static const char *const files[] = { "empty.conf", NULL };
	char path[512];
	config cfg;

	(void)state;
	write_file(dir, "empty.conf", "");
	snprintf(path, sizeof(path), "%s/empty.conf", dir);
	assert_int_equal(config_load(&cfg, path), 0);
	assert_int_equal(cfg.items.n, 0);
	config_free(&cfg);
	remove_tree(dir, files);
}

static void load_missing_file(void **state)
{
	config cfg;
	captured c;
	char *log;
	int rc;

	(void)state;
	capture_start(&c);
	rc = config_load(&cfg, "/nonexistent/tertulia.conf");
	log = capture_stop(&c);
	assert_int_equal(rc, E_IO);
	/* logged once, naming the file */
	assert_int_equal(count_lines(log), 1);
	assert_contains(log, "/nonexistent/tertulia.conf");
	free(log);
	assert_null(config_get(&cfg, "a", NULL));
	config_free(&cfg); /* safe after a failed load */
}

static void default_path_from_environment(void **state)
{
	(void)state;
	assert_int_equal(setenv("TERTULIA_CONFIG", "/etc/elsewhere.conf", 1), 0);
	assert_string_equal(config_default_path(), "/etc/elsewhere.conf");
	assert_int_equal(setenv("TERTULIA_CONFIG", "", 1), 0);
	assert_string_equal(config_default_path(), "var/tertulia.conf");
	assert_int_equal(unsetenv("TERTULIA_CONFIG"), 0);
	assert_string_equal(config_default_path(), "var/tertulia.conf");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(simple_pairs),
		cmocka_unit_test(missing_key_gives_default),
		cmocka_unit_test(comments_ignored),
		cmocka_unit_test(blank_lines_ignored),
		cmocka_unit_test(spaces_around_equals),
		cmocka_unit_test(crlf_line_endings),
		cmocka_unit_test(last_definition_wins),
		cmocka_unit_test(value_containing_equals),
		cmocka_unit_test(value_containing_hash),
		cmocka_unit_test(lines_without_equals_ignored),
		cmocka_unit_test(empty_text),
		cmocka_unit_test(int_values),
		cmocka_unit_test(int_bad_numbers_fall_back),
		cmocka_unit_test(load_file),
		cmocka_unit_test(load_empty_file),
		cmocka_unit_test(load_missing_file),
		cmocka_unit_test(default_path_from_environment),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
