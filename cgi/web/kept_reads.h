/* kept_reads.h: rows a worker reads once and keeps while nothing is written.
 *
 * Some reads answer the same whoever asks: a thread's row, a page of its
 * posts (all of them: each reader's page then drops what that reader may
 * not see), the lists the insight filters offer. A member's page is drawn
 * for that member (it shows who is reading), but these parts of it need
 * not be read again for every view; most of a member's thread page was
 * those two reads.
 *
 * A worker keeps such rows under the statement and its parameters (the
 * whole key: nothing else may change the answer) on the terms of the
 * visitor pages (visitor_cache.h): only while the changes file has the
 * state it had before they were read, so that no write made since, by any
 * program or tertuliactl, is missed; and for cache.visitor_seconds at most
 * (1 by default; 0: nothing is kept). cache.kept_reads (64) bounds how many.
 * The key is db_read_key's.
 *
 * Only a GET or HEAD reads kept rows or keeps them: a POST reads what it is
 * about to change, and inside its own transaction. Nor does a request from
 * a browser that wrote a moment ago (request.own_write): the person sees
 * what they wrote on whichever host their next page is drawn. */
#ifndef TERTULIA_KEPT_READS_H
#define TERTULIA_KEPT_READS_H

#include "web/app.h"
#include "db/db.h"

/* Like db_select on r's database: *out gets sql's rows for the n parameters
 * p, read now or copied from what the worker kept. The caller owns *out
 * (db_rows_free) in both cases. Returns what db_select returns. */
int kept_select(request *r, const char *sql, const db_param *p, size_t n, db_rows **out);
#define KEPT_SELECT(r, sql, rows, ...) \
	kept_select((r), (sql), (db_param[]){ __VA_ARGS__ }, DB_NPARAMS(__VA_ARGS__), (rows))

#endif
