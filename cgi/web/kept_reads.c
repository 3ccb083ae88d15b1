/* kept_reads.c: rows kept while nothing is written (see kept_reads.h). */
#include "web/kept_reads.h"
#include "base/err.h"
#include "base/page_cache.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* What an entry holds: the rows and the changes file's state before they
 * were read. */
typedef struct {
	visitor_stamp stamp;
	db_rows *rows;
} kept_rows;

static void kept_rows_drop(void *value)
{
	kept_rows *k = value;

	db_rows_free(k->rows);
	free(k);
}

/* The worker's kept rows, made at the first use (after the fork), or NULL
 * when nothing is to be kept. */
static page_cache *reads_of(app *a)
{
	int ttl = app_kept_seconds(a);

	if (ttl == 0)
		return NULL;
	if (a->kept_reads == NULL)
		a->kept_reads = page_cache_new((size_t)config_int(&a->cfg, "cache.kept_reads", 64), ttl);
	return a->kept_reads;
}

int kept_select(request *r, const char *sql, const db_param *p, size_t n, db_rows **out)
{
	char key[DB_KEY_MAX];
	const visitor_stamp *now_stamp;
	page_cache *c;
	kept_rows *k;
	time_t now;
	int rc;

	*out = NULL;
	if ((strcmp(r->method, "GET") != 0 && strcmp(r->method, "HEAD") != 0) || r->own_write ||
	    (c = reads_of(r->app)) == NULL || db_read_key(sql, p, n, key, sizeof(key)) != 0)
		return db_select(r->app->db, sql, p, n, out);
	/* read before the rows: a write made while they are read makes them old */
	now_stamp = req_changes_stamp(r);
	now = time(NULL);
	k = page_cache_get_value(c, key, now);
	if (k && visitor_stamp_equal(&k->stamp, now_stamp)) {
		*out = db_rows_copy(k->rows);
		return *out ? 0 : E_NOMEM;
	}
	if (k)
		page_cache_remove(c, key);
	rc = db_select(r->app->db, sql, p, n, out);
	if (rc != 0)
		return rc;
	/* best effort: out of memory, the rows are the caller's and not kept */
	k = malloc(sizeof(*k));
	if (k == NULL)
		return 0;
	k->stamp = *now_stamp;
	k->rows = db_rows_copy(*out);
	if (k->rows == NULL) {
		free(k);
		return 0;
	}
	page_cache_put_value(c, key, k, kept_rows_drop, now);
	return 0;
}
