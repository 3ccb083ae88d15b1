/* test_log.c: error and access log lines (log.h). */
#include "helpers.h"
#include "base/log.h"

typedef struct logdir {
	char *dir;
	char path[512];
} logdir;

static const char *const LOG_FILES[] = { "access.log", NULL };

static int setup(void **state)
{
	logdir *l = calloc(1, sizeof(*l));

	if (l == NULL)
		return -1;
	l->dir = make_temp_dir();
	snprintf(l->path, sizeof(l->path), "%s/access.log", l->dir);
	*state = l;
	return 0;
}

static int teardown(void **state)
{
	logdir *l = *state;

	remove_tree(l->dir, LOG_FILES);
	free(l);
	return 0;
}

static void error_line_format(void **state)
{
	captured c;
	char expect[64], *out;

	(void)state;
	capture_start(&c);
	log_set_name("unit");
	log_error("cannot open %s: %d", "file.txt", 42);
	out = capture_stop(&c);
	snprintf(expect, sizeof(expect), " unit[%d] error: cannot open file.txt: 42\n", (int)getpid());
	assert_contains(out, expect);
	assert_int_equal(count_lines(out), 1);
	/* starts with a UTC time stamp */
	assert_int_equal(out[4], '-');
	assert_int_equal(out[10], 'T');
	assert_int_equal(out[19], 'Z');
	free(out);
}

static void info_line_format(void **state)
{
	captured c;
	char *out;

	(void)state;
	capture_start(&c);
	log_set_name("forum");
	log_info("started %d workers", 2);
	out = capture_stop(&c);
	assert_contains(out, " forum[");
	assert_contains(out, "] info: started 2 workers\n");
	assert_int_equal(count_lines(out), 1);
	free(out);
}

static void long_message_stays_one_line(void **state)
{
	char *big = repeat("x", 10000), *out;
	captured c;

	(void)state;
	capture_start(&c);
	log_error("%s", big);
	out = capture_stop(&c);
	assert_int_equal(count_lines(out), 1);
	assert_true(strlen(out) <= 2048);
	assert_int_equal(out[strlen(out) - 1], '\n');
	assert_contains(out, "xxxxxxxxxx");
	free(out);
	free(big);
}

static void access_line(void **state)
{
	logdir *l = *state;
	char *out;

	assert_int_equal(log_open_access(l->path), 0);
	log_access("GET", "/t/1", 200, 12.5);
	log_access("POST", "/login", 303, 100.04);
	out = read_whole_file(l->path);
	assert_contains(out, "Z GET /t/1 200 12.5ms\n");
	assert_contains(out, "Z POST /login 303 100.0ms\n");
	assert_int_equal(count_lines(out), 2);
	free(out);
}

static void access_path_cannot_break_the_line(void **state)
{
	logdir *l = *state;
	char *out;

	assert_int_equal(log_open_access(l->path), 0);
	log_access("GET", "/a b\nFORGED 200\r\x1b[2J\x7f", 404, 1.0);
	out = read_whole_file(l->path);
	assert_int_equal(count_lines(out), 1);
	assert_contains(out, " GET /a?b?FORGED?200??[2J? 404 1.0ms\n");
	free(out);
}

static void access_long_path_is_cut(void **state)
{
	logdir *l = *state;
	char *path = repeat("/p", 2000);
	char *out;

	assert_int_equal(log_open_access(l->path), 0);
	log_access("GET", path, 200, 1.0);
	out = read_whole_file(l->path);
	assert_int_equal(count_lines(out), 1);
	assert_contains(out, " 200 1.0ms\n");
	assert_true(strlen(out) < 1024);
	free(out);
	free(path);
}

static void access_appends(void **state)
{
	logdir *l = *state;
	char *out;

	write_file(l->dir, "access.log", "earlier line\n");
	assert_int_equal(log_open_access(l->path), 0);
	log_access("GET", "/", 200, 0.5);
	out = read_whole_file(l->path);
	assert_true(strncmp(out, "earlier line\n", 13) == 0);
	assert_int_equal(count_lines(out), 2);
	free(out);
}

static void access_open_fails(void **state)
{
	(void)state;
	assert_int_equal(log_open_access("/nonexistent/dir/access.log"), E_IO);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(error_line_format),
		cmocka_unit_test(info_line_format),
		cmocka_unit_test(long_message_stays_one_line),
		T(access_line),
		T(access_path_cannot_break_the_line),
		T(access_long_path_is_cut),
		T(access_appends),
		cmocka_unit_test(access_open_fails),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
