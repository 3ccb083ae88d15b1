/* form.h: declared inputs and their validators.
 *
 * Each route declares the POST fields it reads, kcgi-style: a name, a kind,
 * limits and whether it is required. The front gate validates them all
 * (UTF-8, control characters, lengths in characters, numbers in range) before
 * the handler runs, so handlers see only checked values.
 */
#ifndef TERTULIA_FORM_H
#define TERTULIA_FORM_H

#include <stddef.h>
#include "base/kv.h"

typedef enum {
	F_LINE,     /* one line of text */
	F_TEXT,     /* text with newlines (Markdown bodies) */
	F_INT,      /* a whole number in [min, max] */
	F_USERNAME, /* a member's name (base/username.h), min-max characters */
	F_EMAIL,    /* local@domain.tld, at most max characters */
	F_PASSWORD, /* any text of min-max characters; never shown back */
	F_SLUG,     /* [a-z0-9-] */
	F_ENUM      /* one of the '|'-separated words in `choices` */
} field_kind;

typedef struct field_spec {
	const char *name;
	field_kind kind;
	long long min, max;  /* characters, or the value range for F_INT */
	int required;
	const char *choices; /* F_ENUM: "spam|abuse|off_topic|other" */
} field_spec;

#define FIELDS_END { NULL, 0, 0, 0, 0, NULL }
#define FORM_MAX_FIELDS 16

typedef struct form_values {
	const char *v[FORM_MAX_FIELDS]; /* borrowed from the form; NULL if absent */
	long long n[FORM_MAX_FIELDS];   /* F_INT values */
	unsigned char bad[FORM_MAX_FIELDS]; /* some value of the field was refused */
	const field_spec *spec;
	const kvlist *form;             /* borrowed: every value, for form_nth */
} form_values;

/* Called for each refused field with a message key and a limit for {n}. */
typedef void (*form_error_fn)(void *ctx, const char *field, const char *msgkey, long long n);

/* Validates every field of spec found in form, each value of a field sent
 * more than once. Fills out, calls err for each problem, and returns the
 * number of problems (0 when all is well). A spec of more than
 * FORM_MAX_FIELDS fields is itself a problem (err with "err.form"). Only
 * declared fields can be read afterwards: the accessors below answer NULL
 * (or def) for any other name. */
int form_validate(const field_spec *spec, const kvlist *form, form_values *out,
		  form_error_fn err, void *ctx);

/* The validated value of a field, or NULL. */
const char *form_get(const form_values *in, const char *name);
/* The validated number of an F_INT field, or def. */
long long form_int(const form_values *in, const char *name, long long def);
/* How many values of a declared field were sent (a list of checkboxes),
 * 0 when one was refused; the i-th of them (from 0), borrowed from the
 * form, or NULL. */
size_t form_count(const form_values *in, const char *name);
const char *form_nth(const form_values *in, const char *name, size_t i);

/* Checks an ASCII account name by itself, 3-30 of [A-Za-z0-9_.-] (the
 * database's accounts; tertuliactl's names). 0 or E_INVALID. A member's
 * name on the site, an F_USERNAME field, is base/username.h's rule. */
int valid_username(const char *s);
/* Checks an email address by itself. 0 or E_INVALID. */
int valid_email(const char *s);

#endif
