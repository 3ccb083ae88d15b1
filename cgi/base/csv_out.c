/* csv_out.c: CSV cells for spreadsheets (see csv_out.h). */
#include "base/csv_out.h"

#include <string.h>

/* -12, 3.5, -0.2500: what our own figures look like */
static int plain_number(const char *v)
{
	const char *p = v;

	if (*p == '-')
		p++;
	if (*p < '0' || *p > '9')
		return 0;
	while (*p >= '0' && *p <= '9')
		p++;
	if (*p == '.') {
		p++;
		if (*p < '0' || *p > '9')
			return 0;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	return *p == '\0';
}

int csv_needs_defusing(const char *v)
{
	return v && *v && strchr("=+-@\t\r", *v) && !plain_number(v);
}

int csv_cell(strbuf *sb, const char *v, int last)
{
	int rc = strbuf_puts(sb, csv_needs_defusing(v) ? "\"'" : "\"");

	for (; rc == 0 && v && *v; v++) {
		if (*v == '"')
			rc = strbuf_puts(sb, "\"\"");
		else if (*v == '\r' || *v == '\n')
			rc = strbuf_puts(sb, " ");
		else
			rc = strbuf_append(sb, v, 1);
	}
	return rc ? rc : strbuf_puts(sb, last ? "\"\r\n" : "\",");
}
