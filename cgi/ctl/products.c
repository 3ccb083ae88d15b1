/* products.c: `tertuliactl products import FILE`.
 *
 * FILE is CSV with a header naming its columns: sku and name (required),
 * description, category, image_url, active (1/0, yes/no, true/false; empty
 * is 1). A row whose SKU exists (in any case) updates that product, so
 * importing a file again changes nothing and never duplicates; a column the
 * file lacks keeps its value. Every row is checked first and written in its
 * own transaction: a bad row is reported with its line number and skipped,
 * the good rows are imported. Exit status 0 when every row was imported, 1
 * when some were refused, 2 when the file could not be read at all.
 */
#include "ctl.h"
#include "csv.h"
#include "base/err.h"
#include "reviews/reviews_store.h"

#include <stdio.h>
#include <string.h>

enum { C_SKU, C_NAME, C_DESCRIPTION, C_CATEGORY, C_IMAGE, C_ACTIVE, NCOLS };
static const char *const columns[NCOLS] = {
	"sku", "name", "description", "category", "image_url", "active"
};

/* 1, 0, or -1 for a value that is not a yes or a no. */
static int parse_flag(const char *s)
{
	static const char *const yes[] = { "", "1", "yes", "true", "y", "si", "sí" };
	static const char *const no[] = { "0", "no", "false", "n" };
	size_t i;

	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
		if (strlen(s) == strlen(yes[i]) && ascii_ncasecmp(s, yes[i], strlen(s)) == 0)
			return 1;
	for (i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		if (strlen(s) == strlen(no[i]) && ascii_ncasecmp(s, no[i], strlen(s)) == 0)
			return 0;
	return -1;
}

/* Checks a row and fills p. Returns 0, or E_INVALID after reporting. */
static int check_row(const char *file, const csv_record *rec, size_t width, const int *col,
		     product_in *p)
{
	const char *v[NCOLS];
	static const struct {
		int col, multiline;
		long long min, max;
	} text[] = {
		{ C_NAME, 0, 1, PRODUCT_NAME_MAX },
		{ C_DESCRIPTION, 1, 0, PRODUCT_DESCRIPTION_MAX },
		{ C_CATEGORY, 0, 0, PRODUCT_CATEGORY_MAX },
	};
	size_t i;
	int rc = 0;

	if (csv_row(file, rec, width, col, NCOLS, v) != 0)
		return E_INVALID;
	if (v[C_SKU] == NULL || reviews_valid_sku(v[C_SKU]) != 0) {
		csv_report(file, rec->line, "sku", "sku", SKU_MAX);
		rc = E_INVALID;
	}
	for (i = 0; i < sizeof(text) / sizeof(text[0]); i++) {
		long long limit;
		const char *key = v[text[i].col] ? reviews_text_problem(v[text[i].col], text[i].multiline,
									text[i].min, text[i].max, &limit)
						 : NULL;
		if (key) {
			csv_report(file, rec->line, columns[text[i].col], key, limit);
			rc = E_INVALID;
		}
	}
	if (v[C_IMAGE] && reviews_valid_image_url(v[C_IMAGE]) != 0) {
		csv_report(file, rec->line, "image_url", "image_url", IMAGE_URL_MAX);
		rc = E_INVALID;
	}
	p->active = v[C_ACTIVE] ? parse_flag(v[C_ACTIVE]) : -1;
	if (v[C_ACTIVE] && p->active < 0) {
		csv_report(file, rec->line, "active", "flag", 0);
		rc = E_INVALID;
	}
	p->sku = v[C_SKU];
	p->name = v[C_NAME];
	p->description = v[C_DESCRIPTION];
	p->category = v[C_CATEGORY];
	p->image_url = v[C_IMAGE];
	return rc;
}

const arg_spec ctl_import_args = { NULL, 0, "FILE.csv", 1, 1, 0 };

int ctl_products_import(db *d, const config *cfg, const args *a)
{
	const char *file = a->operand[0];
	csv_reader c;
	csv_record rec;
	int col[NCOLS], rc, made = 0, updated = 0, refused = 0;
	size_t width;

	(void)cfg;
	rc = csv_open(&c, file);
	if (rc != 0) {
		fprintf(stderr, "%s: cannot read the file\n", file);
		return 2;
	}
	rc = csv_next(&c, &rec);
	if (rc != 1) {
		fprintf(stderr, "%s: no header line (sku,name,...)\n", file);
		csv_close(&c);
		return 2;
	}
	if (csv_columns(file, &rec, columns, NCOLS, 2, col) != 0) {
		csv_close(&c);
		return 2;
	}
	width = rec.n;
	while ((rc = csv_next(&c, &rec)) == 1) {
		product_in p;
		long long id;
		int created;

		if (check_row(file, &rec, width, col, &p) != 0) {
			refused++;
			continue;
		}
		rc = reviews_product_save(d, &p, &id, &created);
		if (rc != 0) {
			fprintf(stderr, "%s:%ld: not saved: %s\n", file, rec.line, err_name(rc));
			refused++;
			continue;
		}
		if (created)
			made++;
		else
			updated++;
	}
	if (rc == E_INVALID) {
		fprintf(stderr, "%s:%ld: a quoted field is never closed; nothing after it was read\n",
			file, rec.line);
		refused++;
	}
	csv_close(&c);
	printf("products: %d imported (%d new, %d updated), %d refused\n", made + updated, made,
	       updated, refused);
	return rc == E_NOMEM ? 2 : refused ? 1 : 0;
}
