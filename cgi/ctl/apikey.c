/* apikey.c: `tertuliactl apikey create NAME | list | revoke NAME`.
 *
 * A key is 32 random bytes from libsodium written as "trk_" and 64 hex
 * digits. It is printed once, by create; the database keeps only its hash
 * (crypto_generichash), so a lost key is revoked and replaced, never shown
 * again. The company's systems send it in the X-API-Key header (or
 * "Authorization: Bearer KEY") to POST /api/orders.
 */
#include "ctl.h"
#include "base/err.h"
#include "reviews/reviews_store.h"
#include "base/str.h"
#include "services/users.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

static const char SQL_KEY_INSERT[] =
	"INSERT INTO api_keys (name, key_hash, created_at) VALUES (?, ?, UTC_TIMESTAMP())";
static const char SQL_KEY_LIST[] =
	"SELECT name, DATE_FORMAT(created_at, '%Y-%m-%d %H:%i') AS created, "
	"COALESCE(DATE_FORMAT(last_used_at, '%Y-%m-%d %H:%i'), '-') AS used, "
	"IF(revoked_at IS NULL, 'active', 'revoked') AS state FROM api_keys ORDER BY name";
static const char SQL_KEY_REVOKE[] =
	"UPDATE api_keys SET revoked_at = UTC_TIMESTAMP() WHERE name = ? AND revoked_at IS NULL";

/* 1-60 of [A-Za-z0-9._-]. */
static int valid_name(const char *s)
{
	size_t n = strlen(s), i;

	if (n < 1 || n > 60)
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
		      (s[i] >= '0' && s[i] <= '9') || strchr("._-", s[i])))
			return 0;
	return 1;
}

const arg_spec ctl_apikey_name_args = { NULL, 0, "NAME", 1, 1, 0 };

int ctl_apikey_name_check(const args *a, char *why, size_t size)
{
	if (valid_name(a->operand[0]))
		return ARGS_OK;
	snprintf(why, size, "NAME: 1 to 60 letters, digits, dots, dashes or underscores");
	return ARGS_BAD;
}

int ctl_apikey_create(db *d, const config *cfg, const args *a)
{
	const char *name = a->operand[0];
	unsigned char raw[32], hash[32];
	char key[4 + 65];
	db_result res;
	int rc;

	(void)cfg;
	randombytes_buf(raw, sizeof(raw));
	memcpy(key, "trk_", 4);
	hex_encode(raw, sizeof(raw), key + 4);
	reviews_api_key_hash(key, hash);
	/* a key and its audit line: one transaction */
	rc = db_begin(d);
	if (rc == 0)
		rc = DB_EXEC(d, SQL_KEY_INSERT, &res, DBS(name), DBB(hash, sizeof(hash)));
	if (rc == 0)
		rc = audit_add(d, 0, "apikey_create", "api_key", (long long)res.insert_id,
			       "tertuliactl apikey create", name);
	rc = db_end(d, rc);
	if (rc == E_DUP)
		fprintf(stderr, "a key named %s exists already\n", name);
	else if (rc != 0)
		fprintf(stderr, "apikey create failed: %s\n", err_name(rc));
	else
		printf("%s\n", key);
	sodium_memzero(raw, sizeof(raw));
	sodium_memzero(key, sizeof(key));
	return rc == 0 ? 0 : 1;
}

int ctl_apikey_list(db *d, const config *cfg, const args *a)
{
	db_rows *rows = NULL;
	size_t i;
	int rc = db_select(d, SQL_KEY_LIST, NULL, 0, &rows);

	(void)cfg;
	(void)a;
	if (rc != 0) {
		fprintf(stderr, "apikey list failed: %s\n", err_name(rc));
		return 1;
	}
	for (i = 0; i < rows->nrows; i++)
		printf("%s\t%s\tcreated %s\tlast used %s\n", row_str(rows, i, "name"),
		       row_str(rows, i, "state"), row_str(rows, i, "created"),
		       row_str(rows, i, "used"));
	db_rows_free(rows);
	return 0;
}

int ctl_apikey_revoke(db *d, const config *cfg, const args *a)
{
	const char *name = a->operand[0];
	db_result res;
	int rc = db_begin(d);

	(void)cfg;
	if (rc == 0)
		rc = DB_EXEC(d, SQL_KEY_REVOKE, &res, DBS(name));
	if (rc == 0 && res.affected == 0) {
		db_rollback(d);
		fprintf(stderr, "no active key is named %s\n", name);
		return 1;
	}
	if (rc == 0)
		rc = audit_add(d, 0, "apikey_revoke", "api_key", 0, "tertuliactl apikey revoke", name);
	rc = db_end(d, rc);
	if (rc != 0) {
		fprintf(stderr, "apikey revoke failed: %s\n", err_name(rc));
		return 1;
	}
	printf("key %s revoked\n", name);
	return 0;
}
