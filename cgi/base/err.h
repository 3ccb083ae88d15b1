/* err.h: the error codes every core function returns.
 *
 * Functions return 0 on success or one of these negative codes. The code is
 * logged once where the failure happens and passed upward unchanged; the
 * front gate (app.c) is the one place that maps a code to an HTTP status.
 */
#ifndef TERTULIA_ERR_H
#define TERTULIA_ERR_H

enum {
	E_OK = 0,
	E_NOMEM = -1,     /* allocation failed */
	E_DB = -2,        /* a query failed for a reason other than those below */
	E_DBDOWN = -3,    /* the database cannot be reached: answer 503 */
	E_NOTFOUND = -4,  /* the thing named does not exist (or is hidden) */
	E_INVALID = -5,   /* input failed validation: answer 400 */
	E_FORBIDDEN = -6, /* the person may not do this: answer 403 */
	E_DUP = -7,       /* a unique key already holds this value */
	E_TOOBIG = -8,    /* a body or field is over its limit: answer 413 */
	E_THROTTLED = -9, /* too many attempts: answer 429 */
	E_CONFLICT = -10, /* the state changed under us: answer 409 */
	E_IO = -11,       /* a file or socket operation failed */
	E_RETRY = -12     /* the database rolled the transaction back (a deadlock,
			   * a cluster's conflict): it may run again whole */
};

/* Returns a short, constant, English name for a code, for logs only. */
const char *err_name(int code);

#endif
