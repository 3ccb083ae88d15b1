/* throttle.c: attempt counters in MariaDB (see throttle.h). */
#include "web/throttle.h"
#include "base/err.h"

#include <time.h>

static const char SQL_HIT[] =
	"INSERT INTO throttle (k, bucket, hits) VALUES (?, ?, 1) "
	"ON DUPLICATE KEY UPDATE hits = hits + 1";
static const char SQL_COUNT[] =
	"SELECT COALESCE(SUM(hits), 0) FROM throttle WHERE k = ? AND bucket >= ?";
static const char SQL_CLEAR[] = "DELETE FROM throttle WHERE k = ?";
static const char SQL_EXPIRE[] = "DELETE FROM throttle WHERE bucket < ? LIMIT 500";

int throttle_hit(db *d, const char *key)
{
	long long minute = (long long)time(NULL) / 60;
	int rc = DB_EXEC(d, SQL_HIT, NULL, DBS(key), DBI(minute));

	/* now and then, drop counters older than a day */
	if (rc == 0 && minute % 10 == 0)
		rc = DB_EXEC(d, SQL_EXPIRE, NULL, DBI(minute - 24 * 60));
	return rc;
}

int throttle_check(db *d, const char *key, long long limit, long long window)
{
	long long since = ((long long)time(NULL) - window) / 60 + 1, hits = 0;
	int rc = DB_SELECT_INT(d, SQL_COUNT, &hits, DBS(key), DBI(since));

	if (rc != 0)
		return rc;
	return hits >= limit ? E_THROTTLED : 0;
}

int throttle_clear(db *d, const char *key)
{
	return DB_EXEC(d, SQL_CLEAR, NULL, DBS(key));
}
