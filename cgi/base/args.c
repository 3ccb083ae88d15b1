/* args.c: a command's options and operands (args.h). It lives in core, not
 * in cgi/ctl/, so that the unit tests, which link libtertulia.a, test it. */
#include "base/args.h"
#include "base/str.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define WIDTH 79

static int bad(char *why, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int bad(char *why, size_t size, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, size, fmt, ap);
	va_end(ap);
	return ARGS_BAD;
}

/* The option of spec called name (the n bytes of it), or NULL. */
static const arg_opt *find(const arg_spec *spec, const char *name, size_t n)
{
	size_t i;

	for (i = 0; i < spec->nopts; i++)
		if (strlen(spec->opts[i].name) == n && memcmp(spec->opts[i].name, name, n) == 0)
			return &spec->opts[i];
	return NULL;
}

/* Like find, for the accessors: a name the spec lacks is the command's
 * mistake, which no input can cause, so it stops the program at once
 * rather than answer "absent" and let a misspelt option go unnoticed. */
static const arg_opt *must_find(const args *a, const char *name)
{
	const arg_opt *o = find(a->spec, name, strlen(name));

	if (o == NULL) {
		fprintf(stderr, "args: the command asks for %s, which it does not declare\n", name);
		abort();
	}
	return o;
}

/* Takes the value of o: after '=' in arg (eq), else the next argument. */
static int take_value(args *a, const arg_opt *o, const char *eq, int argc, char **argv,
		      int *i, char *why, size_t size)
{
	const char *v = eq;
	long long number = 0;

	if (v == NULL) {
		if (*i + 1 >= argc || strncmp(argv[*i + 1], "--", 2) == 0)
			return bad(why, size, "%s needs a value (%s)", o->name, o->value);
		v = argv[++*i];
	}
	if (*v == '\0')
		return bad(why, size, "%s needs a value (%s)", o->name, o->value);
	if (o->kind == ARG_NUMBER && parse_long(v, o->min, o->max, &number) != 0)
		return bad(why, size, "%s: a whole number from %lld to %lld, not '%s'", o->name,
			   o->min, o->max, v);
	a->given[a->ngiven].opt = o;
	a->given[a->ngiven].text = v;
	a->given[a->ngiven].number = number;
	a->ngiven++;
	return ARGS_OK;
}

/* One "--name" or "--name=value" argument (argv[*i]). */
static int option(args *a, int argc, char **argv, int *i, char *why, size_t size)
{
	const char *arg = argv[*i], *eq = strchr(arg, '=');
	size_t n = eq ? (size_t)(eq - arg) : strlen(arg);
	const arg_opt *o = find(a->spec, arg, n);

	if (o == NULL)
		return bad(why, size, "unknown option %.*s", (int)n, arg);
	if (!(o->flags & ARG_REPEAT) && args_count(a, o->name) > 0)
		return bad(why, size, "%s given twice", o->name);
	if (a->ngiven == ARGS_MAX)
		return bad(why, size, "too many options");
	if (o->kind != ARG_FLAG)
		return take_value(a, o, eq ? eq + 1 : NULL, argc, argv, i, why, size);
	if (eq)
		return bad(why, size, "%s takes no value", o->name);
	a->given[a->ngiven].opt = o;
	a->given[a->ngiven].text = NULL;
	a->given[a->ngiven].number = 0;
	a->ngiven++;
	return ARGS_OK;
}

int args_parse(args *a, const arg_spec *spec, int argc, char **argv, char *why, size_t size)
{
	int i, operands_only = 0, max = spec->max_operands;
	size_t k;

	memset(a, 0, sizeof(*a));
	a->spec = spec;
	if (size > 0)
		why[0] = '\0';
	if (max == ARGS_ANY || max > ARGS_MAX)
		max = ARGS_MAX;
	for (i = 0; i < argc; i++) {
		const char *arg = argv[i];
		int rc;

		if (!operands_only && strcmp(arg, "--") == 0) {
			operands_only = 1;
			continue;
		}
		if (!operands_only && (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0))
			return ARGS_HELP;
		if (!operands_only && strncmp(arg, "--", 2) == 0) {
			rc = option(a, argc, argv, &i, why, size);
			if (rc != ARGS_OK)
				return rc;
			continue;
		}
		if (!operands_only && arg[0] == '-' && arg[1] != '\0' && !spec->dash_operands)
			return bad(why, size, "unknown option %s", arg);
		if (a->noperands >= max)
			return bad(why, size, max == 0 ? "takes no arguments, not '%s'"
						       : "one argument too many: '%s'", arg);
		a->operand[a->noperands++] = arg;
	}
	if (a->noperands < spec->min_operands)
		return bad(why, size, "missing %s", spec->operands);
	for (k = 0; k < spec->nopts; k++)
		if ((spec->opts[k].flags & ARG_REQUIRED) && args_count(a, spec->opts[k].name) == 0)
			return bad(why, size, "%s %s is required", spec->opts[k].name,
				   spec->opts[k].value);
	return ARGS_OK;
}

int args_count(const args *a, const char *name)
{
	const arg_opt *o = must_find(a, name);
	int n = 0;
	size_t i;

	for (i = 0; i < a->ngiven; i++)
		n += a->given[i].opt == o;
	return n;
}

const char *args_text(const args *a, const char *name)
{
	const arg_opt *o = must_find(a, name);
	const char *v = NULL;
	size_t i;

	for (i = 0; i < a->ngiven; i++)
		if (a->given[i].opt == o)
			v = a->given[i].text;
	return v;
}

long long args_number(const args *a, const char *name)
{
	const arg_opt *o = must_find(a, name);
	size_t i;

	if (o->kind != ARG_NUMBER) {
		fprintf(stderr, "args: %s is not a number option\n", name);
		abort();
	}
	for (i = 0; i < a->ngiven; i++)
		if (a->given[i].opt == o)
			return a->given[i].number;
	return o->dflt;
}

const char *args_nth(const args *a, const char *name, size_t n)
{
	const arg_opt *o = must_find(a, name);
	size_t i;

	for (i = 0; i < a->ngiven; i++)
		if (a->given[i].opt == o && n-- == 0)
			return a->given[i].text;
	return NULL;
}

/* Prints word after what is on the line (col columns), or on a new line
 * indented by indent columns when it would pass WIDTH. Returns the column. */
static size_t put_word(FILE *f, const char *word, size_t col, size_t indent)
{
	size_t n = strlen(word);

	if (col > indent && col + 1 + n > WIDTH) {
		fprintf(f, "\n%*s", (int)indent, "");
		col = indent;
	} else if (col > indent) {
		fputc(' ', f);
		col++;
	}
	fputs(word, f);
	return col + n;
}

void args_synopsis(FILE *f, const char *prefix, const arg_spec *spec)
{
	size_t i, indent = strlen("usage: ") + strlen(prefix) + 1, col;

	fprintf(f, "usage: %s", prefix);
	col = indent - 1;
	if (spec->operands && *spec->operands) {
		fputc(' ', f);
		fputs(spec->operands, f);
		col += 1 + strlen(spec->operands);
	}
	for (i = 0; i < spec->nopts; i++) {
		const arg_opt *o = &spec->opts[i];
		char word[128];
		int req = (o->flags & ARG_REQUIRED) != 0;

		if (o->kind == ARG_FLAG)
			snprintf(word, sizeof(word), "%s%s%s", req ? "" : "[", o->name, req ? "" : "]");
		else
			snprintf(word, sizeof(word), "%s%s %s%s%s", req ? "" : "[", o->name, o->value,
				 req ? "" : "]", (o->flags & ARG_REPEAT) ? "..." : "");
		/* the first word goes on the usage line whatever its length */
		if (col == indent - 1) {
			fputc(' ', f);
			fputs(word, f);
			col += 1 + strlen(word);
		} else {
			col = put_word(f, word, col, indent);
		}
	}
	fputc('\n', f);
}

void args_usage(FILE *f, const char *prefix, const arg_spec *spec)
{
	size_t i;

	args_synopsis(f, prefix, spec);
	for (i = 0; i < spec->nopts; i++) {
		const arg_opt *o = &spec->opts[i];
		char left[64];

		if (o->kind == ARG_FLAG)
			snprintf(left, sizeof(left), "%s", o->name);
		else
			snprintf(left, sizeof(left), "%s %s", o->name, o->value);
		fprintf(f, "  %-18s %s", left, o->help ? o->help : "");
		if (o->kind == ARG_NUMBER && !(o->flags & ARG_REQUIRED))
			fprintf(f, " (default %lld)", o->dflt);
		else if (o->kind == ARG_NUMBER)
			fprintf(f, " (%lld-%lld)", o->min, o->max);
		fputc('\n', f);
	}
}
