/* csv.c: the CSV reader of tertuliactl's imports (see csv.h). */
#include "csv.h"
#include "base/err.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int csv_open(csv_reader *c, const char *path)
{
	strbuf sb = STRBUF_INIT;
	char buf[8192];
	size_t n;
	FILE *f;

	memset(c, 0, sizeof(*c));
	f = fopen(path, "rb");
	if (f == NULL)
		return E_IO;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0) {
		if (strbuf_append(&sb, buf, n) != 0) {
			fclose(f);
			strbuf_free(&sb);
			return E_NOMEM;
		}
	}
	if (ferror(f)) {
		fclose(f);
		strbuf_free(&sb);
		return E_IO;
	}
	fclose(f);
	c->len = sb.len;
	c->data = strbuf_detach(&sb);
	if (c->data == NULL)
		return E_NOMEM;
	c->line = 1;
	if (c->len >= 3 && memcmp(c->data, "\xEF\xBB\xBF", 3) == 0)
		c->pos = 3;
	return 0;
}

void csv_close(csv_reader *c)
{
	free(c->data);
	strbuf_free(&c->arena);
	memset(c, 0, sizeof(*c));
}

/* Ends the current field: a NUL in the arena and its offset. */
static int end_field(csv_reader *c, csv_record *rec, size_t start)
{
	if (strbuf_append(&c->arena, "", 1) != 0)
		return E_NOMEM;
	if (rec->n < CSV_MAX_FIELDS)
		c->off[rec->n++] = start;
	else
		rec->too_many = 1;
	return 0;
}

int csv_next(csv_reader *c, csv_record *rec)
{
	size_t start, i;
	int quoted = 0, rc;

	memset(rec, 0, sizeof(*rec));
	/* blank lines between records are skipped */
	while (c->pos < c->len && (c->data[c->pos] == '\n' || c->data[c->pos] == '\r')) {
		if (c->data[c->pos] == '\n')
			c->line++;
		c->pos++;
	}
	if (c->pos >= c->len)
		return 0;
	rec->line = c->line;
	c->arena.len = 0;
	start = 0;
	for (;;) {
		char ch;

		if (c->pos >= c->len) {
			if (quoted)
				return E_INVALID;
			break;
		}
		ch = c->data[c->pos++];
		if (quoted) {
			if (ch == '"' && c->pos < c->len && c->data[c->pos] == '"') {
				c->pos++;
				rc = strbuf_append(&c->arena, "\"", 1);
			} else if (ch == '"') {
				quoted = 0;
				rc = 0;
			} else {
				if (ch == '\n')
					c->line++;
				rc = strbuf_append(&c->arena, &ch, 1);
			}
		} else if (ch == '"' && c->arena.len == start) {
			quoted = 1;
			rc = 0;
		} else if (ch == ',') {
			rc = end_field(c, rec, start);
			start = c->arena.len;
		} else if (ch == '\r' && c->pos < c->len && c->data[c->pos] == '\n') {
			rc = 0; /* CRLF: the \n ends the record */
		} else if (ch == '\n' || ch == '\r') {
			c->line++;
			break;
		} else {
			rc = strbuf_append(&c->arena, &ch, 1);
		}
		if (rc != 0)
			return rc;
	}
	rc = end_field(c, rec, start);
	if (rc != 0)
		return rc;
	for (i = 0; i < rec->n; i++)
		rec->f[i] = c->arena.s + c->off[i];
	return 1;
}

/* Compares a header cell with a name, ignoring case and outer spaces. */
static int header_is(const char *cell, const char *name)
{
	size_t n;

	while (*cell == ' ' || *cell == '\t')
		cell++;
	n = strlen(cell);
	while (n > 0 && (cell[n - 1] == ' ' || cell[n - 1] == '\t'))
		n--;
	return n == strlen(name) && ascii_ncasecmp(cell, name, n) == 0;
}

int csv_columns(const char *file, const csv_record *header, const char *const *names,
		size_t nnames, size_t required, int *col)
{
	size_t i, k;

	for (k = 0; k < nnames; k++)
		col[k] = -1;
	for (i = 0; i < header->n; i++) {
		for (k = 0; k < nnames && !header_is(header->f[i], names[k]); k++)
			;
		if (k == nnames) {
			fprintf(stderr, "%s:%ld: unknown column \"%s\"\n", file, header->line, header->f[i]);
			return E_INVALID;
		}
		if (col[k] != -1) {
			fprintf(stderr, "%s:%ld: column %s appears twice\n", file, header->line, names[k]);
			return E_INVALID;
		}
		col[k] = (int)i;
	}
	for (k = 0; k < required; k++) {
		if (col[k] == -1) {
			fprintf(stderr, "%s:%ld: the header lacks the column %s\n", file, header->line,
				names[k]);
			return E_INVALID;
		}
	}
	return 0;
}

const char *csv_field(const csv_record *rec, int col)
{
	return col >= 0 && (size_t)col < rec->n ? rec->f[col] : NULL;
}

void csv_report(const char *file, long line, const char *column, const char *key, long long n)
{
	static const struct {
		const char *key, *text;
	} why[] = {
		{ "err.required", "required" },
		{ "err.utf8", "not valid UTF-8 text" },
		{ "err.control", "control characters are not allowed" },
		{ "err.too_long", "too long: at most {n} characters" },
		{ "err.too_short", "too short: at least {n} characters" },
		{ "sku", "1 to {n} letters, digits, dots, dashes or underscores, starting with a "
			 "letter or digit" },
		{ "order_id", "1 to {n} letters, digits or . _ : # / -" },
		{ "date", "a date written YYYY-MM-DD" },
		{ "email", "not a valid email address" },
		{ "image_url", "an https:// address or a path on this site, at most {n} characters" },
		{ "flag", "1 or 0 (yes or no)" },
		{ "unknown_sku", "no product has this SKU (import the products first)" },
	};
	const char *text = key, *mark;
	size_t i;

	for (i = 0; i < sizeof(why) / sizeof(why[0]); i++)
		if (strcmp(why[i].key, key) == 0)
			text = why[i].text;
	mark = strstr(text, "{n}");
	if (mark)
		fprintf(stderr, "%s:%ld: %s: %.*s%lld%s\n", file, line, column, (int)(mark - text), text,
			n, mark + 3);
	else
		fprintf(stderr, "%s:%ld: %s: %s\n", file, line, column, text);
}

int csv_row(const char *file, const csv_record *rec, size_t width, const int *col, size_t n,
	    const char **v)
{
	size_t i;

	for (i = 0; i < n; i++)
		v[i] = csv_field(rec, col[i]);
	if (rec->n == width && !rec->too_many)
		return 0;
	fprintf(stderr, "%s:%ld: %zu fields where the header has %zu\n", file, rec->line, rec->n, width);
	return E_INVALID;
}
