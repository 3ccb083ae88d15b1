/* throttle.h: counting attempts (logins, registrations) in MariaDB.
 *
 * Counters live in the database, not in a process, so that every worker and
 * every host sees the same figures. Hits are counted per minute bucket; a
 * check sums the buckets of the window.
 */
#ifndef TERTULIA_THROTTLE_H
#define TERTULIA_THROTTLE_H

#include "db/db.h"

/* Counts one attempt under key (e.g. "login:ip:127.0.0.1"). */
int throttle_hit(db *d, const char *key);
/* Returns 0 while key has fewer than limit hits in the last window seconds,
 * E_THROTTLED once it has reached limit, or a database error. */
int throttle_check(db *d, const char *key, long long limit, long long window);
/* Forgets key (a successful login clears the account's failures). */
int throttle_clear(db *d, const char *key);

#endif
