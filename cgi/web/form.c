/* form.c: validation of declared form fields (see form.h). */
#include "web/form.h"
#include "base/err.h"
#include "base/str.h"
#include "base/username.h"
#include "base/utf8.h"

#include <string.h>

static int only_chars(const char *s, const char *allowed_extra, int allow_upper)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			continue;
		if (allow_upper && c >= 'A' && c <= 'Z')
			continue;
		if (strchr(allowed_extra, c) && c != '\0')
			continue;
		return 0;
	}
	return 1;
}

static int only_blank(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return 0;
	return 1;
}

int valid_username(const char *s)
{
	size_t n = s ? strlen(s) : 0;

	if (n < 3 || n > 30 || !only_chars(s, "_.-", 1))
		return E_INVALID;
	return 0;
}

int valid_email(const char *s)
{
	const char *at, *dot;
	size_t n = s ? strlen(s) : 0;

	if (n < 3 || n > 254)
		return E_INVALID;
	at = strchr(s, '@');
	if (at == NULL || at == s || strchr(at + 1, '@'))
		return E_INVALID;
	dot = strrchr(at, '.');
	if (dot == NULL || dot == at + 1 || dot[1] == '\0')
		return E_INVALID;
	/* no dot at either end of the local part or the domain, none doubled */
	if (s[0] == '.' || at[-1] == '.' || at[1] == '.' || strstr(s, ".."))
		return E_INVALID;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c <= ' ' || c == 0x7F || strchr("()<>,;:\\\"[]", c))
			return E_INVALID;
	}
	return 0;
}

static int in_choices(const char *v, const char *choices)
{
	size_t len = strlen(v);
	const char *p = choices;

	while (p && *p) {
		const char *bar = strchr(p, '|');
		size_t n = bar ? (size_t)(bar - p) : strlen(p);
		if (n == len && len > 0 && memcmp(p, v, n) == 0)
			return 1;
		p = bar ? bar + 1 : NULL;
	}
	return 0;
}

/* Checks one present value; returns a message key or NULL. *limit gets the
 * number that the message mentions. */
static const char *check_value(const field_spec *f, const kv *item, long long *limit,
			       long long *num)
{
	size_t chars;
	enum utf8_problem p;

	p = utf8_check(item->value, item->value_len, f->kind == F_TEXT);
	if (memchr(item->value, '\0', item->value_len))
		p = UTF8_CONTROL;
	if (p == UTF8_INVALID)
		return "err.utf8";
	if (p == UTF8_CONTROL)
		return "err.control";
	chars = utf8_length(item->value, item->value_len);
	/* a title of three spaces says nothing: blank text counts as empty */
	if (f->required && (chars == 0 || only_blank(item->value)))
		return "err.required";
	switch (f->kind) {
	case F_INT:
		*limit = f->min;
		if (parse_long(item->value, f->min, f->max, num) != 0) {
			*limit = f->max;
			return "err.number";
		}
		return NULL;
	case F_ENUM:
		return in_choices(item->value, f->choices) ? NULL : "err.choice";
	case F_USERNAME:
		if (chars > 0 && username_check(item->value, item->value_len) != 0)
			return "err.username";
		return NULL;
	case F_EMAIL:
		if (chars > 0 && valid_email(item->value) != 0)
			return "err.email";
		return NULL;
	case F_SLUG:
		if (!only_chars(item->value, "-", 0))
			return "err.slug";
		break;
	default:
		break;
	}
	if (f->max > 0 && (long long)chars > f->max) {
		*limit = f->max;
		return "err.too_long";
	}
	if (chars > 0 && (long long)chars < f->min) {
		*limit = f->min;
		return "err.too_short";
	}
	return NULL;
}

int form_validate(const field_spec *spec, const kvlist *form, form_values *out,
		  form_error_fn err, void *ctx)
{
	int problems = 0;
	size_t i, j;

	memset(out, 0, sizeof(*out));
	out->spec = spec;
	out->form = form;
	for (i = 0; spec && spec[i].name; i++) {
		const field_spec *f = &spec[i];
		const kv *item = kv_find(form, f->name);
		long long limit = 0, num = 0;
		const char *msg;

		/* a field past the table's room would be read unchecked */
		if (i >= FORM_MAX_FIELDS) {
			err(ctx, f->name, "err.form", FORM_MAX_FIELDS);
			problems++;
			continue;
		}
		if (item == NULL || item->value_len == 0) {
			if (f->required) {
				err(ctx, f->name, "err.required", 0);
				problems++;
			}
		} else if ((msg = check_value(f, item, &limit, &num)) != NULL) {
			err(ctx, f->name, msg, limit);
			problems++;
			out->bad[i] = 1;
			continue;
		} else {
			out->v[i] = item->value;
			out->n[i] = num;
		}
		/* a field sent again: every value is checked, each one once */
		for (j = 0; form && j < form->n; j++) {
			const kv *again = &form->items[j];

			if (again == item || strcmp(again->name, f->name) != 0 || again->value_len == 0)
				continue;
			if ((msg = check_value(f, again, &limit, &num)) != NULL) {
				err(ctx, f->name, msg, limit);
				problems++;
				out->bad[i] = 1;
				out->v[i] = NULL;
				break;
			}
		}
	}
	return problems;
}

static int field_index(const form_values *in, const char *name)
{
	size_t i;

	for (i = 0; in->spec && in->spec[i].name && i < FORM_MAX_FIELDS; i++)
		if (strcmp(in->spec[i].name, name) == 0)
			return (int)i;
	return -1;
}

const char *form_get(const form_values *in, const char *name)
{
	int i = field_index(in, name);

	return i < 0 ? NULL : in->v[i];
}

long long form_int(const form_values *in, const char *name, long long def)
{
	int i = field_index(in, name);

	return (i < 0 || in->v[i] == NULL) ? def : in->n[i];
}

size_t form_count(const form_values *in, const char *name)
{
	int i = field_index(in, name);
	size_t j, n = 0;

	if (i < 0 || in->bad[i] || in->form == NULL)
		return 0;
	for (j = 0; j < in->form->n; j++)
		if (strcmp(in->form->items[j].name, name) == 0 && in->form->items[j].value_len > 0)
			n++;
	return n;
}

const char *form_nth(const form_values *in, const char *name, size_t i)
{
	int f = field_index(in, name);
	size_t j;

	if (f < 0 || in->bad[f] || in->form == NULL)
		return NULL;
	for (j = 0; j < in->form->n; j++) {
		const kv *item = &in->form->items[j];

		if (strcmp(item->name, name) != 0 || item->value_len == 0)
			continue;
		if (i-- == 0)
			return item->value;
	}
	return NULL;
}
