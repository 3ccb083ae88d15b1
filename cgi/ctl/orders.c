/* orders.c: `tertuliactl orders import FILE` and
 * `tertuliactl orders invite SKU EMAIL [DAYS]`.
 *
 * import: FILE is CSV with the columns email, sku, date (YYYY-MM-DD) and
 * order_id, named in its header in any order. An order line is (order_id,
 * SKU): importing it again updates it, never duplicates it. A review that
 * the buyer (the account with that email) already wrote becomes verified.
 * Each row is checked and written in its own transaction; a bad row is
 * reported with its line number and skipped. Exit status 0 when every row
 * was imported, 1 when some were refused, 2 when the file was unusable.
 *
 * invite: prints a signed link inviting the owner of EMAIL to review SKU,
 * valid DAYS days (reviews.invite_days, else 30), on the configuration's
 * public_origin.
 */
#include "ctl.h"
#include "csv.h"
#include "base/err.h"
#include "web/form.h"
#include "reviews/reviews_store.h"

#include <stdio.h>
#include <time.h>

enum { C_EMAIL, C_SKU, C_DATE, C_ORDER, NCOLS };
static const char *const columns[NCOLS] = { "email", "sku", "date", "order_id" };

/* Checks a row and fills o (product id included). Returns 0, E_INVALID after
 * reporting, or a database error. */
static int check_row(db *d, const char *file, const csv_record *rec, size_t width,
		     const int *col, order_in *o)
{
	const char *v[NCOLS];
	int rc = 0;

	if (csv_row(file, rec, width, col, NCOLS, v) != 0)
		return E_INVALID;
	if (valid_email(v[C_EMAIL]) != 0) {
		csv_report(file, rec->line, "email", "email", 0);
		rc = E_INVALID;
	}
	if (reviews_valid_date(v[C_DATE]) != 0) {
		csv_report(file, rec->line, "date", "date", 0);
		rc = E_INVALID;
	}
	if (reviews_valid_order_id(v[C_ORDER]) != 0) {
		csv_report(file, rec->line, "order_id", "order_id", ORDER_ID_MAX);
		rc = E_INVALID;
	}
	if (reviews_valid_sku(v[C_SKU]) != 0) {
		csv_report(file, rec->line, "sku", "sku", SKU_MAX);
		rc = E_INVALID;
	} else {
		int found = reviews_product_find(d, v[C_SKU], &o->product_id, NULL);
		if (found == E_NOTFOUND) {
			csv_report(file, rec->line, "sku", "unknown_sku", 0);
			rc = E_INVALID;
		} else if (found != 0) {
			return found;
		}
	}
	o->email = v[C_EMAIL];
	o->date = v[C_DATE];
	o->order_id = v[C_ORDER];
	o->source = "import";
	return rc;
}

int ctl_orders_import(db *d, const config *cfg, const args *a)
{
	const char *file = a->operand[0];
	csv_reader c;
	csv_record rec;
	int col[NCOLS], rc, made = 0, updated = 0, refused = 0, verified = 0;
	size_t width;

	(void)cfg;
	rc = csv_open(&c, file);
	if (rc != 0) {
		fprintf(stderr, "%s: cannot read the file\n", file);
		return 2;
	}
	if (csv_next(&c, &rec) != 1) {
		fprintf(stderr, "%s: no header line (email,sku,date,order_id)\n", file);
		csv_close(&c);
		return 2;
	}
	if (csv_columns(file, &rec, columns, NCOLS, NCOLS, col) != 0) {
		csv_close(&c);
		return 2;
	}
	width = rec.n;
	while ((rc = csv_next(&c, &rec)) == 1) {
		order_in o;
		long long id;
		int created, nverified = 0;

		rc = check_row(d, file, &rec, width, col, &o);
		if (rc == 0)
			rc = reviews_order_save(d, &o, &id, &created, &nverified);
		if (rc != 0) {
			if (rc != E_INVALID)
				fprintf(stderr, "%s:%ld: not saved: %s\n", file, rec.line, err_name(rc));
			refused++;
			continue;
		}
		made += created;
		updated += !created;
		verified += nverified;
	}
	if (rc == E_INVALID) {
		fprintf(stderr, "%s:%ld: a quoted field is never closed; nothing after it was read\n",
			file, rec.line);
		refused++;
	}
	csv_close(&c);
	printf("orders: %d imported (%d new, %d updated), %d refused; %d reviews verified\n",
	       made + updated, made, updated, refused, verified);
	return rc == E_NOMEM ? 2 : refused ? 1 : 0;
}

const arg_spec ctl_orders_invite_args = { NULL, 0, "SKU EMAIL [DAYS]", 2, 3, 0 };

int ctl_orders_invite_check(const args *a, char *why, size_t size)
{
	long long days;

	if (reviews_valid_sku(a->operand[0]) != 0)
		snprintf(why, size, "SKU: not a product code: '%s'", a->operand[0]);
	else if (valid_email(a->operand[1]) != 0)
		snprintf(why, size, "EMAIL: not an email address: '%s'", a->operand[1]);
	else if (a->noperands == 3 && parse_long(a->operand[2], 1, 365, &days) != 0)
		snprintf(why, size, "DAYS: a number of days from 1 to 365, not '%s'", a->operand[2]);
	else
		return ARGS_OK;
	return ARGS_BAD;
}

int ctl_orders_invite(db *d, const config *cfg, const args *a)
{
	const char *sku = a->operand[0], *email = a->operand[1];
	unsigned char key[32];
	long long days = config_int(cfg, "reviews.invite_days", 30), id;
	strbuf url = STRBUF_INIT;
	int rc;

	/* checked by ctl_orders_invite_check */
	if (a->noperands == 3)
		parse_long(a->operand[2], 1, 365, &days);
	if (hex_decode(config_get(cfg, "secret", ""), key, sizeof(key)) != 0) {
		fprintf(stderr, "the configuration's secret must be 64 hex digits\n");
		return 1;
	}
	rc = reviews_product_find(d, sku, &id, NULL);
	if (rc == E_NOTFOUND)
		fprintf(stderr, "no product has the SKU %s\n", sku);
	else if (rc != 0)
		fprintf(stderr, "cannot reach the database (%s)\n", err_name(rc));
	if (rc != 0)
		return 1;
	rc = reviews_invite_url(&url, config_get(cfg, "public_origin", ""), key, sku, email,
				(long long)time(NULL) + days * 86400);
	if (rc == 0)
		printf("%s\n", url.s);
	strbuf_free(&url);
	return rc == 0 ? 0 : 1;
}
