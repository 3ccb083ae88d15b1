/* fuzz_csv.c: the CSV reader of tertuliactl's imports (cgi/ctl/csv.c) and
 * the checks its rows go through (reviews_store's SKU, order id, date,
 * image URL and text checks; valid_email). The bytes are the whole file:
 * a byte order mark, quotes left open, CR/LF mixes, NULs, more fields than
 * CSV_MAX_FIELDS. Besides not crashing, it checks what the reader promises:
 * records come in line order, at most CSV_MAX_FIELDS fields each, every
 * field a string inside the record, and an unclosed quote ends the file. */
#include "ctl/csv.h"
#include "base/err.h"
#include "web/form.h"
#include "reviews/reviews_store.h"

#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* The two imports' columns (cgi/ctl/products.c, cgi/ctl/orders.c). */
static const char *const product_cols[] = {
	"sku", "name", "description", "category", "image_url", "active"
};
static const char *const order_cols[] = { "email", "sku", "date", "order_id" };

static int fd = -1;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	/* csv_open reads a path: the input goes into a file in memory */
	fd = memfd_create("fuzz_csv", 0);
	if (fd < 0) {
		perror("memfd_create");
		exit(1);
	}
	/* the reader's complaints about bad rows are expected: they go to
	 * /dev/null, while libFuzzer's and the sanitizers' reports still reach
	 * file descriptor 2 */
	stderr = fopen("/dev/null", "w");
	if (stderr == NULL)
		exit(1);
	return 0;
}

static void check_fields(const csv_record *rec)
{
	long long limit;
	size_t i;

	for (i = 0; i < rec->n; i++) {
		const char *v = rec->f[i];
		assert(v != NULL);
		reviews_valid_sku(v);
		reviews_valid_order_id(v);
		reviews_valid_date(v);
		reviews_valid_image_url(v);
		valid_email(v);
		if (reviews_text_problem(v, i & 1, 1, 150, &limit) != NULL)
			assert(limit >= 0);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[64];
	csv_reader c;
	csv_record rec;
	int col[6], rc;
	long last = 0;
	size_t width = 0, records = 0;

	if (ftruncate(fd, 0) != 0 || pwrite(fd, data, size, 0) != (ssize_t)size)
		abort();
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	if (csv_open(&c, path) != 0)
		abort();
	while ((rc = csv_next(&c, &rec)) == 1) {
		assert(rec.n >= 1 && rec.n <= CSV_MAX_FIELDS);
		assert(rec.line > last);
		last = rec.line;
		assert(rec.line <= (long)size + 1);
		if (records++ == 0) {
			width = rec.n;
			csv_columns("fuzz", &rec, product_cols, 6, 2, col);
			csv_columns("fuzz", &rec, order_cols, 4, 4, col);
		} else {
			const char *v[6];
			size_t k;

			for (k = 0; k < 6; k++)
				col[k] = (int)k * 5 - 1; /* -1, 4, 9, ...: some past the end */
			if (csv_row("fuzz", &rec, width, col, 6, v) == 0)
				for (k = 0; k < 6; k++)
					assert(v[k] == csv_field(&rec, col[k]));
			assert(csv_field(&rec, -1) == NULL);
			assert(csv_field(&rec, CSV_MAX_FIELDS) == NULL);
		}
		check_fields(&rec);
		csv_report("fuzz", rec.line, "sku", "err.too_long", 40);
	}
	assert(rc == 0 || rc == E_INVALID);
	if (rc == E_INVALID) /* nothing can be read after an unclosed quote */
		assert(csv_next(&c, &rec) == 0);
	assert(records <= size);
	csv_close(&c);
	return 0;
}
