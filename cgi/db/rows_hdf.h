/* rows_hdf.h: rows read from the database into a ClearSilver HDF tree.
 * Values are copied; h and rows are borrowed. */
#ifndef TERTULIA_ROWS_HDF_H
#define TERTULIA_ROWS_HDF_H

#include "base/hdf.h"
#include "db/db.h"

/* Copies every row of rows into h at prefix.N.column (N from 0); a NULL
 * leaves no value, and a row of NULLs no node. Numeric columns are marked
 * so that the JSON twin writes them as numbers. (A column named *_at
 * holding a unix time is shown in the request's language by the web layer:
 * before a page is written, each such value gets children .iso and
 * .text.) */
void hdf_rows(HDF *h, const char *prefix, const db_rows *rows);
/* Copies row 0 into prefix.column. Returns 0, or E_NOTFOUND with no row. */
int hdf_row(HDF *h, const char *prefix, const db_rows *rows);

#endif
