/* test_server.c: the programs' command line (server.h). The pre-fork
 * server itself runs under the HTTP tests. */
#include "helpers.h"
#include "web/server.h"

/* server_parse_args on a NULL-terminated list of arguments. */
static int parse(server_opts *o, const char **config, const char *const *args)
{
	char *argv[16];
	int argc = 0;

	argv[argc++] = "prog";
	while (*args && argc < 15)
		argv[argc++] = (char *)*args++;
	argv[argc] = NULL;
	return server_parse_args(argc, argv, o, config);
}

static int unset_config(void **state)
{
	(void)state;
	return unsetenv("TERTULIA_CONFIG");
}

static void defaults(void **state)
{
	static const char *const args[] = { NULL };
	server_opts o;
	const char *config = NULL;

	(void)state;
	assert_int_equal(parse(&o, &config, args), 0);
	assert_null(o.socket_path);  /* inherited socket */
	assert_null(o.pid_path);
	assert_null(o.access_log);
	assert_int_equal(o.workers, 2);
	assert_string_equal(config, "var/tertulia.conf");
}

static void every_option(void **state)
{
	static const char *const args[] = {
		"--socket", "/run/t.sock", "--pid", "/run/t.pid", "--log", "/var/log/t.log",
		"--config", "/etc/t.conf", "--workers", "8", NULL,
	};
	server_opts o;
	const char *config = NULL;

	(void)state;
	assert_int_equal(parse(&o, &config, args), 0);
	assert_string_equal(o.socket_path, "/run/t.sock");
	assert_string_equal(o.pid_path, "/run/t.pid");
	assert_string_equal(o.access_log, "/var/log/t.log");
	assert_string_equal(config, "/etc/t.conf");
	assert_int_equal(o.workers, 8);
}

static void config_from_environment(void **state)
{
	static const char *const none[] = { NULL };
	static const char *const given[] = { "--config", "/x.conf", NULL };
	server_opts o;
	const char *config = NULL;

	(void)state;
	assert_int_equal(setenv("TERTULIA_CONFIG", "/env.conf", 1), 0);
	assert_int_equal(parse(&o, &config, none), 0);
	assert_string_equal(config, "/env.conf");
	/* the command line wins over the environment */
	assert_int_equal(parse(&o, &config, given), 0);
	assert_string_equal(config, "/x.conf");
	unsetenv("TERTULIA_CONFIG");
}

static void workers_range(void **state)
{
	static const char *const one[] = { "--workers", "1", NULL };
	static const char *const most[] = { "--workers", "64", NULL };
	server_opts o;
	const char *config;

	(void)state;
	assert_int_equal(parse(&o, &config, one), 0);
	assert_int_equal(o.workers, 1);
	assert_int_equal(parse(&o, &config, most), 0);
	assert_int_equal(o.workers, 64);
}

static void workers_refused(void **state)
{
	static const char *const bad[] = {
		"0", "65", "-1", "abc", "", "3x", "2.5", " 2", "99999999999999999999", "4294967298",
	};
	server_opts o;
	const char *config;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		const char *args[] = { "--workers", bad[i], NULL };
		if (parse(&o, &config, args) != E_INVALID)
			fail_msg("--workers \"%s\" accepted as %d", bad[i], o.workers);
	}
}

/* Checks that every argument list (of up to three) is refused. */
static void expect_refused(const char *const lists[][3], size_t n)
{
	server_opts o;
	const char *config;
	size_t i;

	for (i = 0; i < n; i++)
		if (parse(&o, &config, lists[i]) != E_INVALID)
			fail_msg("arguments starting \"%s\" accepted", lists[i][0]);
}

static void missing_value(void **state)
{
	static const char *const lists[][3] = {
		{ "--socket", NULL, NULL }, { "--workers", NULL, NULL },
		{ "--config", NULL, NULL }, { "--pid", "x", "--log" },
	};

	(void)state;
	expect_refused(lists, sizeof(lists) / sizeof(lists[0]));
}

static void unknown_option(void **state)
{
	static const char *const lists[][3] = {
		{ "--verbose", "1", NULL }, { "-w", "2", NULL }, { "workers", "2", NULL },
		{ "--socket=/x", "y", NULL },
	};

	(void)state;
	expect_refused(lists, sizeof(lists) / sizeof(lists[0]));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(defaults),
		cmocka_unit_test(every_option),
		cmocka_unit_test(config_from_environment),
		cmocka_unit_test(workers_range),
		cmocka_unit_test(workers_refused),
		cmocka_unit_test(missing_value),
		cmocka_unit_test(unknown_option),
	};

	return cmocka_run_group_tests(tests, unset_config, NULL);
}
