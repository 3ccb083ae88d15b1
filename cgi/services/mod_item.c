/* mod_item.c: what every kind of moderated content shares (see mod_item.h). */
#include "mod_item.h"
#include "base/err.h"
#include "db/rows_hdf.h"

int mod_item_row(HDF *h, db_rows *rows, const char *prefix, const char *url)
{
	int rc = hdf_row(h, prefix, rows);

	db_rows_free(rows);
	if (rc != 0)
		return E_NOTFOUND;
	hdf_str_at(h, prefix, "url", url);
	return 0;
}
