/* csv.h: reading the CSV files that tertuliactl imports (RFC 4180: comma
 * separated, fields in double quotes may hold commas, newlines and doubled
 * quotes; CRLF or LF line ends; a UTF-8 byte order mark is skipped).
 *
 * The whole file is read at once; each record's fields are copies owned by
 * the reader and valid until the next csv_next or csv_close. Every record
 * knows the line it starts on, for error messages.
 */
#ifndef TERTULIA_CSV_H
#define TERTULIA_CSV_H

#include "base/str.h"

#define CSV_MAX_FIELDS 32

typedef struct csv_reader {
	char *data;        /* the file, owned */
	size_t len, pos;
	long line;         /* line of the next byte */
	strbuf arena;      /* the current record's fields */
	size_t off[CSV_MAX_FIELDS];
} csv_reader;

typedef struct csv_record {
	long line;         /* where the record starts (1-based) */
	size_t n;          /* fields in it */
	const char *f[CSV_MAX_FIELDS];
	int too_many;      /* more than CSV_MAX_FIELDS fields (the rest dropped) */
} csv_record;

/* Reads path. Returns 0, E_IO or E_NOMEM. */
int csv_open(csv_reader *c, const char *path);
void csv_close(csv_reader *c);

/* The next record that is not a blank line: 1 when there is one, 0 at the
 * end, E_INVALID when a quoted field is not closed (rec->line says where it
 * began; nothing after it can be read), E_NOMEM. */
int csv_next(csv_reader *c, csv_record *rec);

/* Maps the header record onto wanted column names (compared without case
 * or surrounding spaces): col[i] gets the index of names[i] in the header,
 * or -1. Prints a message and returns E_INVALID when a column of the header
 * is unknown or appears twice, or when one of the first `required` names is
 * missing. */
int csv_columns(const char *file, const csv_record *header, const char *const *names,
		size_t nnames, size_t required, int *col);

/* The field of rec in column col (col -1 or beyond the record: NULL). */
const char *csv_field(const csv_record *rec, int col);

/* Puts the fields of rec in the n columns col (csv_columns) into v[0..n-1]
 * (NULL for a column the file lacks). Returns 0, or E_INVALID after
 * reporting when rec does not have width fields, the header's count. */
int csv_row(const char *file, const csv_record *rec, size_t width, const int *col, size_t n,
	    const char **v);

/* Reports on stderr "FILE:LINE: COLUMN: why", where why is the English text
 * of a problem key (a language-file key such as "err.too_long", or one of
 * the imports' own: "sku", "order_id", "date", "email", "image_url", "flag",
 * "unknown_sku"), with {n} replaced by n. */
void csv_report(const char *file, long line, const char *column, const char *key, long long n);

#endif
