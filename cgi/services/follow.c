/* follow.c: follows and their levels (see follow.h). */
#include "services/follow.h"
#include "base/err.h"

#include <stdio.h>
#include <string.h>

static const char SQL_FOLLOW_GET[] =
	"SELECT level FROM follows WHERE user_id = ? AND target_type = ? AND target_id = ?";
static const char SQL_FOLLOW_SET[] =
	"INSERT INTO follows (user_id, target_type, target_id, level, auto, created_at, updated_at) "
	"VALUES (?, ?, ?, ?, 0, UTC_TIMESTAMP(), UTC_TIMESTAMP()) "
	"ON DUPLICATE KEY UPDATE level = VALUES(level), auto = 0, updated_at = UTC_TIMESTAMP()";
static const char SQL_FOLLOW_DELETE[] =
	"DELETE FROM follows WHERE user_id = ? AND target_type = ? AND target_id = ?";
static const char SQL_FOLLOW_AUTO[] =
	"INSERT IGNORE INTO follows (user_id, target_type, target_id, level, auto, created_at, "
	"updated_at) VALUES (?, ?, ?, 'watch', 1, UTC_TIMESTAMP(), UTC_TIMESTAMP())";

static int in_list(const char *s, const char *list)
{
	size_t n = s ? strlen(s) : 0;
	const char *p = list;

	while (n > 0 && p && *p) {
		const char *bar = strchr(p, '|');
		size_t len = bar ? (size_t)(bar - p) : strlen(p);
		if (len == n && memcmp(p, s, n) == 0)
			return 1;
		p = bar ? bar + 1 : NULL;
	}
	return 0;
}

int follow_kind_valid(const char *kind)
{
	return in_list(kind, FOLLOW_KINDS);
}

int follow_level_valid(const char *level)
{
	return in_list(level, FOLLOW_LEVELS);
}

/* The member's level for a target into level ("" when there is no row).
 * Returns 0 or a database error. */
static int follow_get(db *d, long long user_id, const char *kind, long long target_id,
		      char level[8])
{
	db_rows *rows = NULL;
	int rc;

	level[0] = '\0';
	if (!follow_kind_valid(kind))
		return E_INVALID;
	rc = DB_SELECT(d, SQL_FOLLOW_GET, &rows, DBI(user_id), DBS(kind), DBI(target_id));
	if (rc != 0)
		return rc;
	if (rows->nrows == 1)
		snprintf(level, 8, "%s", row_str(rows, 0, "level"));
	db_rows_free(rows);
	return 0;
}

int follow_set(db *d, long long user_id, const char *kind, long long target_id, const char *level)
{
	if (!follow_kind_valid(kind) || (level && *level && !follow_level_valid(level)))
		return E_INVALID;
	if (level == NULL || *level == '\0')
		return DB_EXEC(d, SQL_FOLLOW_DELETE, NULL, DBI(user_id), DBS(kind), DBI(target_id));
	return DB_EXEC(d, SQL_FOLLOW_SET, NULL, DBI(user_id), DBS(kind), DBI(target_id), DBS(level));
}

int follow_auto(db *d, long long user_id, const char *kind, long long target_id)
{
	if (!follow_kind_valid(kind))
		return E_INVALID;
	return DB_EXEC(d, SQL_FOLLOW_AUTO, NULL, DBI(user_id), DBS(kind), DBI(target_id));
}

int follow_put(db *d, HDF *h, const char *prefix, long long user_id, const char *kind,
	       long long target_id)
{
	char name[128], level[8] = "", id[24];
	NEOERR *err;
	int rc = 0;

	if (user_id)
		rc = follow_get(d, user_id, kind, target_id, level);
	if (rc != 0)
		return rc;
	snprintf(id, sizeof(id), "%lld", target_id);
	snprintf(name, sizeof(name), "%s.kind", prefix);
	err = hdf_set_value(h, name, kind);
	snprintf(name, sizeof(name), "%s.id", prefix);
	if (err == STATUS_OK)
		err = hdf_set_value(h, name, id);
	snprintf(name, sizeof(name), "%s.level", prefix);
	if (err == STATUS_OK)
		err = hdf_set_value(h, name, level);
	nerr_ignore(&err);
	return 0;
}
