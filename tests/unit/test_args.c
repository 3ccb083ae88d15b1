/* test_args.c: a command's options and operands (args.h), as tertuliactl
 * parses them before it reads the configuration. */
#include "helpers.h"
#include "base/args.h"

/* A command like generate and mail together: a number with a default, a
 * required number, a text, a repeated text and a flag; one or two operands. */
static const arg_opt opts[] = {
	{ "--posts", ARG_NUMBER, 0, 1, 1000, 500, "N", "posts" },
	{ "--days", ARG_NUMBER, ARG_REQUIRED, 1, 3650, 0, "N", "days" },
	{ "--pid", ARG_TEXT, 0, 0, 0, 0, "FILE", "pid file" },
	{ "--role", ARG_TEXT, ARG_REPEAT, 0, 0, 0, "R", "a role" },
	{ "--once", ARG_FLAG, 0, 0, 0, 0, NULL, "once" },
};
static const arg_spec spec = { ARGS_OPTS(opts), "NAME [MORE]", 1, 2, 0 };
static const arg_spec none = { NULL, 0, "", 0, 0, 0 };
static const arg_spec roles = { NULL, 0, "NAME +ROLE|-ROLE...", 2, ARGS_ANY, 1 };

static char why[200];

/* Parses the NULL-ended words against s. */
static int parse_words(args *a, const arg_spec *s, const char *const *words)
{
	char *argv[ARGS_MAX * 3];
	int argc = 0;

	while (words[argc]) {
		argv[argc] = (char *)words[argc];
		argc++;
	}
	return args_parse(a, s, argc, argv, why, sizeof(why));
}
#define PARSE(a, s, ...) parse_words(a, s, (const char *const[]){ __VA_ARGS__, NULL })

static void values_and_defaults(void **state)
{
	args a;

	(void)state;
	assert_int_equal(PARSE(&a, &spec, "bob", "--days", "30", "--pid=/tmp/p", "--once"), ARGS_OK);
	assert_int_equal(a.noperands, 1);
	assert_string_equal(a.operand[0], "bob");
	assert_int_equal(args_number(&a, "--days"), 30);
	assert_int_equal(args_number(&a, "--posts"), 500);	/* the spec's default */
	assert_string_equal(args_text(&a, "--pid"), "/tmp/p");
	assert_int_equal(args_count(&a, "--once"), 1);
	assert_int_equal(args_count(&a, "--role"), 0);
	assert_null(args_nth(&a, "--role", 0));
	assert_string_equal(why, "");
}

static void options_and_operands_in_any_order(void **state)
{
	args a;

	(void)state;
	assert_int_equal(PARSE(&a, &spec, "--days=7", "bob", "--posts", "12", "alice"), ARGS_OK);
	assert_int_equal(a.noperands, 2);
	assert_string_equal(a.operand[1], "alice");
	assert_int_equal(args_number(&a, "--posts"), 12);
}

static void repeated_option_keeps_every_value(void **state)
{
	args a;

	(void)state;
	assert_int_equal(PARSE(&a, &spec, "x", "--days", "1", "--role", "staff", "--role=admin"),
			 ARGS_OK);
	assert_int_equal(args_count(&a, "--role"), 2);
	assert_string_equal(args_nth(&a, "--role", 0), "staff");
	assert_string_equal(args_nth(&a, "--role", 1), "admin");
	assert_null(args_nth(&a, "--role", 2));
	assert_string_equal(args_text(&a, "--role"), "admin");
}

static void help_anywhere_before_a_mistake(void **state)
{
	args a;

	(void)state;
	assert_int_equal(PARSE(&a, &spec, "--help"), ARGS_HELP);	/* operands missing: still help */
	assert_int_equal(PARSE(&a, &spec, "-h"), ARGS_HELP);
	assert_int_equal(PARSE(&a, &spec, "bob", "--once", "--help", "--nonsense"), ARGS_HELP);
	assert_int_equal(PARSE(&a, &none, "--help"), ARGS_HELP);
	/* the mistake came first */
	assert_int_equal(PARSE(&a, &spec, "--nonsense", "--help"), ARGS_BAD);
	/* after --, it is an operand */
	assert_int_equal(PARSE(&a, &spec, "--days", "3", "--", "--help"), ARGS_OK);
	assert_string_equal(a.operand[0], "--help");
}

static void unknown_options(void **state)
{
	args a;

	(void)state;
	assert_int_equal(PARSE(&a, &spec, "bob", "--days", "3", "--bogus"), ARGS_BAD);
	assert_string_equal(why, "unknown option --bogus");
	assert_int_equal(PARSE(&a, &spec, "bob", "--days", "3", "--bogus=1"), ARGS_BAD);
	assert_string_equal(why, "unknown option --bogus");
	assert_int_equal(PARSE(&a, &spec, "bob", "--days", "3", "-x"), ARGS_BAD);
	assert_string_equal(why, "unknown option -x");
	/* a prefix is not the option */
	assert_int_equal(PARSE(&a, &spec, "bob", "--days", "3", "--pos", "1"), ARGS_BAD);
	assert_int_equal(PARSE(&a, &none, "--once"), ARGS_BAD);
}

static void missing_values(void **state)
{
	args a;

	(void)state;
	assert_int_equal(PARSE(&a, &spec, "bob", "--days"), ARGS_BAD);
	assert_string_equal(why, "--days needs a value (N)");
	assert_int_equal(PARSE(&a, &spec, "bob", "--days", "3", "--pid"), ARGS_BAD);
	assert_string_equal(why, "--pid needs a value (FILE)");
	assert_int_equal(PARSE(&a, &spec, "bob", "--days", "3", "--pid="), ARGS_BAD);
	/* the next option is not a value */
	assert_int_equal(PARSE(&a, &spec, "bob", "--days", "3", "--pid", "--once"), ARGS_BAD);
	assert_string_equal(why, "--pid needs a value (FILE)");
	/* one dash is: "-" is stdin, and a number option judges "-3" */
	assert_int_equal(PARSE(&a, &spec, "bob", "--days", "3", "--pid", "-"), ARGS_OK);
	assert_string_equal(args_text(&a, "--pid"), "-");
}

static void numbers(void **state)
{
	args a;

	(void)state;
	assert_int_equal(PARSE(&a, &spec, "bob", "--days", "abc"), ARGS_BAD);
	assert_string_equal(why, "--days: a whole number from 1 to 3650, not 'abc'");
	assert_int_equal(PARSE(&a, &spec, "bob", "--days", "-3"), ARGS_BAD);
	assert_string_equal(why, "--days: a whole number from 1 to 3650, not '-3'");
	assert_int_equal(PARSE(&a, &spec, "bob", "--days", "0"), ARGS_BAD);
	assert_int_equal(PARSE(&a, &spec, "bob", "--days", "3651"), ARGS_BAD);
	assert_int_equal(PARSE(&a, &spec, "bob", "--days", "3650"), ARGS_OK);
	assert_int_equal(PARSE(&a, &spec, "bob", "--days", "12x"), ARGS_BAD);
	assert_int_equal(PARSE(&a, &spec, "bob", "--days", " 12"), ARGS_BAD);
	assert_int_equal(PARSE(&a, &spec, "bob", "--days", "99999999999999999999999"), ARGS_BAD);
}

static void required_and_twice(void **state)
{
	args a;

	(void)state;
	assert_int_equal(PARSE(&a, &spec, "bob"), ARGS_BAD);
	assert_string_equal(why, "--days N is required");
	assert_int_equal(PARSE(&a, &spec, "bob", "--days", "1", "--days", "2"), ARGS_BAD);
	assert_string_equal(why, "--days given twice");
	assert_int_equal(PARSE(&a, &spec, "bob", "--days", "1", "--once", "--once"), ARGS_BAD);
	assert_int_equal(PARSE(&a, &spec, "bob", "--days", "1", "--once=yes"), ARGS_BAD);
	assert_string_equal(why, "--once takes no value");
}

static void operand_counts(void **state)
{
	args a;

	(void)state;
	assert_int_equal(PARSE(&a, &spec, "--days", "1"), ARGS_BAD);
	assert_string_equal(why, "missing NAME [MORE]");
	assert_int_equal(PARSE(&a, &spec, "a", "b", "c", "--days", "1"), ARGS_BAD);
	assert_string_equal(why, "one argument too many: 'c'");
	assert_int_equal(PARSE(&a, &none, "extra"), ARGS_BAD);
	assert_string_equal(why, "takes no arguments, not 'extra'");
	assert_int_equal(parse_words(&a, &none, (const char *const[]){ NULL }), ARGS_OK);
	assert_int_equal(a.noperands, 0);
	/* "-" alone is an operand (stdin), not an option */
	assert_int_equal(PARSE(&a, &spec, "-", "--days", "1"), ARGS_OK);
	assert_string_equal(a.operand[0], "-");
}

static void dash_operands(void **state)
{
	args a;

	(void)state;
	assert_int_equal(PARSE(&a, &roles, "bob", "-staff", "+admin"), ARGS_OK);
	assert_int_equal(a.noperands, 3);
	assert_string_equal(a.operand[1], "-staff");
	/* --options are still options, and --help still helps */
	assert_int_equal(PARSE(&a, &roles, "bob", "-staff", "--bogus"), ARGS_BAD);
	assert_int_equal(PARSE(&a, &roles, "bob", "-h"), ARGS_HELP);
	assert_int_equal(PARSE(&a, &roles, "bob"), ARGS_BAD);
}

static void too_many_is_refused_not_overrun(void **state)
{
	const char *words[2 * ARGS_MAX + 8];
	args a;
	int i, n;

	(void)state;
	/* ARGS_MAX + 1 operands */
	for (i = 0; i <= ARGS_MAX; i++)
		words[i] = i == 0 ? "bob" : "+staff";
	words[ARGS_MAX + 1] = NULL;
	assert_int_equal(parse_words(&a, &roles, words), ARGS_BAD);
	words[ARGS_MAX] = NULL;
	assert_int_equal(parse_words(&a, &roles, words), ARGS_OK);
	assert_int_equal(a.noperands, ARGS_MAX);
	/* ARGS_MAX + 1 options */
	n = 0;
	words[n++] = "bob";
	for (i = 0; i <= ARGS_MAX; i++) {
		words[n++] = "--role";
		words[n++] = "x";
	}
	words[n] = NULL;
	assert_int_equal(parse_words(&a, &spec, words), ARGS_BAD);
	assert_string_equal(why, "too many options");
}

/* Reads what f (a tmpfile) holds into buf. */
static void slurp(FILE *f, char *buf, size_t size)
{
	size_t n;

	rewind(f);
	n = fread(buf, 1, size - 1, f);
	buf[n] = '\0';
	fclose(f);
}

static void usage_shows_what_the_parser_takes(void **state)
{
	char out[2048];
	FILE *f = tmpfile();

	(void)state;
	assert_non_null(f);
	args_usage(f, "tertuliactl thing", &spec);
	slurp(f, out, sizeof(out));
	assert_non_null(strstr(out, "usage: tertuliactl thing NAME [MORE] [--posts N] --days N"));
	assert_non_null(strstr(out, "[--role R]..."));
	assert_non_null(strstr(out, "[--once]"));
	assert_non_null(strstr(out, "--posts N"));
	assert_non_null(strstr(out, "(default 500)"));
	assert_non_null(strstr(out, "(1-3650)"));	/* a required number shows its range */
	/* wrapped at 79 columns */
	for (char *line = strtok(out, "\n"); line; line = strtok(NULL, "\n"))
		assert_true(strlen(line) <= 79);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(values_and_defaults),
		cmocka_unit_test(options_and_operands_in_any_order),
		cmocka_unit_test(repeated_option_keeps_every_value),
		cmocka_unit_test(help_anywhere_before_a_mistake),
		cmocka_unit_test(unknown_options),
		cmocka_unit_test(missing_values),
		cmocka_unit_test(numbers),
		cmocka_unit_test(required_and_twice),
		cmocka_unit_test(operand_counts),
		cmocka_unit_test(dash_operands),
		cmocka_unit_test(too_many_is_refused_not_overrun),
		cmocka_unit_test(usage_shows_what_the_parser_takes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
