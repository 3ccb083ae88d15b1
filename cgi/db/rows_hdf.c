/* rows_hdf.c: rows read from the database copied into an HDF tree
 * (rows_hdf.h). */
#include "db/rows_hdf.h"

#include "base/err.h"

#include <stdio.h>

static void hdf_cell(HDF *h, const char *name, const db_rows *rows, size_t r, size_t c)
{
	const char *v = db_cell(rows, r, c);
	NEOERR *err;

	if (v == NULL)
		return;
	err = hdf_set_value(h, name, v);
	if (err == STATUS_OK && rows->numeric[c])
		err = hdf_set_attr(h, name, "t", "n");
	nerr_ignore(&err);
}

void hdf_rows(HDF *h, const char *prefix, const db_rows *rows)
{
	char name[256];
	size_t r, c;

	for (r = 0; r < rows->nrows; r++) {
		HDF *row = NULL;

		for (c = 0; c < rows->ncols; c++) {
			NEOERR *err;

			if (db_cell(rows, r, c) == NULL)
				continue;
			/* each value set under its row's node: a walk of one level,
			 * not of the whole name from the top; the node is made at
			 * the first value, so a row of NULLs leaves none, as before */
			if (row == NULL) {
				snprintf(name, sizeof(name), "%s.%zu", prefix, r);
				err = hdf_get_node(h, name, &row);
				if (err != STATUS_OK) {
					nerr_ignore(&err);
					break;
				}
			}
			hdf_cell(row, rows->names[c], rows, r, c);
		}
	}
}

int hdf_row(HDF *h, const char *prefix, const db_rows *rows)
{
	char name[256];
	size_t c;

	if (rows->nrows == 0)
		return E_NOTFOUND;
	for (c = 0; c < rows->ncols; c++) {
		snprintf(name, sizeof(name), "%s.%s", prefix, rows->names[c]);
		hdf_cell(h, name, rows, 0, c);
	}
	return 0;
}
