/* args.h: the command line of one tertuliactl command, parsed against what
 * the command declares, before anything else happens.
 *
 * A command declares its options and operands once, in an arg_spec; the
 * same declaration is what args_parse accepts and what args_usage prints,
 * so the usage cannot say one thing and the parser do another. Parsing
 * touches nothing outside the args it fills: a command line that is wrong
 * (an unknown option, an option without its value or given twice, a number
 * that is not one or out of range, a missing required option, too few or
 * too many operands) is refused before the configuration is read or the
 * database reached, and the command has changed nothing.
 *
 * The rules, the same for every command:
 *   --name VALUE or --name=VALUE   an option with a value
 *   --name                         a flag
 *   --help, -h                     the command's usage (ARGS_HELP)
 *   --                             what follows is operands, dashes and all
 *   -x                             an unknown option, unless the spec has
 *                                  dash_operands (user role's -ROLE)
 * A value may begin with one dash ("-" for stdin, or "-3", which a number
 * option then refuses by its range) but not with two: `--pid --once` is
 * --pid without its value, not a pid file named "--once".
 *
 * Ownership: an arg_spec and its options are static constants of the
 * command's file. args borrows both the spec and the argv strings it
 * points to (argv lives as long as the process); it owns nothing and
 * needs no freeing. It is a fixed size: more than ARGS_MAX options or
 * operands is a usage error, not an allocation. */
#ifndef TERTULIA_ARGS_H
#define TERTULIA_ARGS_H

#include <stddef.h>
#include <stdio.h>

enum arg_kind {
	ARG_FLAG,	/* --once: present or not */
	ARG_TEXT,	/* --pid FILE */
	ARG_NUMBER	/* --posts N: a whole number in [min, max] */
};

/* arg_opt.flags */
#define ARG_REQUIRED 1u	/* the command cannot run without it */
#define ARG_REPEAT 2u	/* may be given more than once; every value is kept */

typedef struct arg_opt {
	const char *name;	/* "--posts" */
	enum arg_kind kind;
	unsigned flags;		/* ARG_REQUIRED, ARG_REPEAT */
	long long min, max;	/* ARG_NUMBER: the values accepted */
	long long dflt;		/* ARG_NUMBER: what args_number gives when absent */
	const char *value;	/* the value's name in the usage: "N", "FILE" */
	const char *help;	/* one line for --help */
} arg_opt;

typedef struct arg_spec {
	const arg_opt *opts;	/* nopts of them; NULL when none */
	size_t nopts;
	const char *operands;	/* the operands as the usage shows them: "SKU EMAIL [DAYS]" */
	int min_operands;
	int max_operands;	/* ARGS_ANY: no limit but ARGS_MAX */
	int dash_operands;	/* "-word" is an operand, not an option */
} arg_spec;

#define ARGS_MAX 64
#define ARGS_ANY (-1)
#define ARGS_OPTS(list) (list), (sizeof(list) / sizeof((list)[0]))

typedef struct args {
	const arg_spec *spec;	/* borrowed */
	size_t ngiven;		/* options given, in the order given */
	struct {
		const arg_opt *opt;	/* borrowed from spec */
		const char *text;	/* borrowed from argv; NULL for a flag */
		long long number;	/* ARG_NUMBER's value */
	} given[ARGS_MAX];
	int noperands;
	const char *operand[ARGS_MAX];	/* borrowed from argv */
} args;

/* What args_parse found. */
enum { ARGS_OK = 0, ARGS_HELP = 1, ARGS_BAD = 2 };

/* Parses argv[0..argc) (what follows the command's name) against spec into
 * *a. Returns ARGS_OK; ARGS_HELP when --help or -h came before anything
 * wrong; or ARGS_BAD with one line saying what is wrong (no newline, naming
 * the option or operand) in why, which holds size bytes. */
int args_parse(args *a, const arg_spec *spec, int argc, char **argv, char *why, size_t size);

/* How many times the option called name was given (0 when absent). name
 * must be one of the spec's options: asking for another is a mistake in
 * the command, and aborts. */
int args_count(const args *a, const char *name);
/* The value of a text option, or NULL when absent (the last one given, for
 * ARG_REPEAT). Borrowed from argv. Aborts as args_count does. */
const char *args_text(const args *a, const char *name);
/* The value of a number option, or the spec's dflt when absent. Aborts as
 * args_count does, and for an option that is not ARG_NUMBER. */
long long args_number(const args *a, const char *name);
/* The i-th value (from 0) of an option given several times, or NULL after
 * the last. Borrowed from argv. Aborts as args_count does. */
const char *args_nth(const args *a, const char *name, size_t i);

/* Prints "usage: PREFIX OPERANDS [OPTIONS]" wrapped at 79 columns, then
 * one line per option with its help, to f. prefix is e.g.
 * "tertuliactl generate". */
void args_usage(FILE *f, const char *prefix, const arg_spec *spec);
/* Only the first part: the synopsis line(s), for a list of commands. */
void args_synopsis(FILE *f, const char *prefix, const arg_spec *spec);

#endif
