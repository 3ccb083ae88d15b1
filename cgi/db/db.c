/* db.c: MariaDB connection, statement cache and row copying (see db.h). */
#include "db/db.h"
#include "base/err.h"
#include "base/log.h"
#include "base/str.h"

#include <errmsg.h>
#include <errno.h>
#include <mysql.h>
#include <mysqld_error.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define STMT_SLOTS 512 /* statements a process may keep: far above our count */

/* A select started ahead (db_select_ahead) on the side connection of the
 * same index: sent, and run by the server while this process goes on. */
typedef struct ahead {
	const char *sql;      /* NULL: the slot is free */
	char *key;            /* db_read_key of the statement and its parameters */
	MYSQL_STMT *st;       /* the side connection's statement */
	int wait;             /* what the client library waits for; 0: answered */
	int failed;           /* the execution failed (found when answered) */
} ahead;

struct db {
	const config *cfg;
	char *who;
	MYSQL *conn;          /* NULL while disconnected */
	const char *at;       /* where its server is named: "db" (db.host...) or "db.replica" */
	int host_at;          /* the AT.host entry to try first: the last that answered */
	int commit_unknown;   /* the last transaction's COMMIT lost its connection */
	int galera;           /* the server is a Galera node: 1, 0, or -1 not asked yet */
	int causal_wanted;    /* reads must see every write committed before them */
	int causal_set;       /* the session's wsrep_sync_wait asks for that now */
	unsigned timeout;     /* seconds a statement may wait for the server; 0: no bound */
	int in_transaction;   /* depth of db_begin calls not yet ended */
	int doomed;           /* an inner transaction rolled back: the outer one must too */
	int lost;             /* the server rolled the open transaction back under us (a
			       * deadlock, a cluster's conflict, the connection lost):
			       * every statement fails until it ends, and it ends in
			       * E_RETRY, so that nothing after the loss is committed
			       * on its own by a caller that went on */
	int changed;          /* the open transaction surely changed a row (an INSERT,
			       * REPLACE or DELETE that affected one): on a Galera
			       * node its COMMIT must have written a write set */
	char written[80];     /* on a Galera node, WSREP_LAST_WRITTEN_GTID() of the
			       * connection when its transaction began ("": unknown) */
	int is_side;          /* a side connection: its library calls may wait apart */
	struct {
		const char *sql; /* key: the address of a constant */
		MYSQL_STMT *st;
	} stmts[STMT_SLOTS];
	db *side[DB_AHEAD_MAX]; /* made at their first use, kept like conn */
	ahead ahead[DB_AHEAD_MAX];
	/* reads that may be a little old go to the replica (db_prefer_replica) */
	db *replica;           /* made at its first use, when db.replica.host is set */
	int has_replica;       /* db.replica.host is set */
	long long replica_period; /* seconds between its checks: db.replica.max_lag */
	int replica_wanted;    /* this request's reads may go there */
	int replica_ok;        /* 1: it answered, and was close behind, at the last check;
				* 0: left aside; -1: not checked yet */
	time_t replica_checked;
	char replica_mark[512]; /* the primary's GTID position at the last check */
};

static void ahead_drop_all(db *d);
static db *reader(db *d);
static void causal_reads(db *d);

db_param db_str(const char *s)
{
	db_param p = { .t = DBP_NULL };

	if (s != NULL) {
		p.t = DBP_STR;
		p.s = s;
		p.len = strlen(s);
	}
	return p;
}

db_param db_bytes(const void *ptr, size_t n)
{
	db_param p = { .t = DBP_STR, .s = ptr, .len = n };

	return p;
}

int db_new(db **out, const config *cfg, const char *who)
{
	db *d = calloc(1, sizeof(*d));

	if (d == NULL)
		return E_NOMEM;
	d->cfg = cfg;
	d->at = "db";
	d->galera = -1;
	d->has_replica = config_get(cfg, "db.replica.host", NULL) != NULL;
	d->replica_period = config_int(cfg, "db.replica.max_lag", 1);
	if (d->replica_period <= 0)
		d->replica_period = 1;
	d->timeout = (unsigned)config_int(cfg, "db.timeout", DB_TIMEOUT);
	d->who = strdup(who);
	if (d->who == NULL) {
		free(d);
		return E_NOMEM;
	}
	*out = d;
	return 0;
}

static void db_disconnect(db *d)
{
	size_t i;

	for (i = 0; i < STMT_SLOTS; i++) {
		if (d->stmts[i].st)
			mysql_stmt_close(d->stmts[i].st);
		d->stmts[i].st = NULL;
		d->stmts[i].sql = NULL;
	}
	if (d->conn)
		mysql_close(d->conn);
	d->conn = NULL;
	d->in_transaction = 0;
	d->doomed = 0;
	d->lost = 0;
	d->changed = 0;
	d->written[0] = '\0';
	d->galera = -1;
	d->causal_set = 0;
}

void db_free(db *d)
{
	size_t i;

	if (d == NULL)
		return;
	ahead_drop_all(d);
	for (i = 0; i < DB_AHEAD_MAX; i++)
		db_free(d->side[i]);
	db_free(d->replica);
	db_disconnect(d);
	free(d->who);
	free(d);
}

MYSQL *db_handle(db *d)
{
	return d->conn;
}

void db_set_timeout(db *d, unsigned seconds)
{
	size_t i;

	d->timeout = seconds;
	for (i = 0; i < DB_AHEAD_MAX; i++)
		if (d->side[i])
			d->side[i]->timeout = seconds;
}

int db_lock_wait(db *d, int seconds)
{
	static const char SQL_WAIT[] = "SET SESSION innodb_lock_wait_timeout = ?";
	static const char SQL_DEFAULT[] = "SET SESSION innodb_lock_wait_timeout = DEFAULT";

	if (seconds < 0 && d->timeout > 0)
		seconds = d->timeout > 2 ? (int)d->timeout / 2 : 1;
	return seconds < 0 ? db_exec(d, SQL_DEFAULT, NULL, 0, NULL)
			   : DB_EXEC(d, SQL_WAIT, NULL, DBI(seconds));
}

/* The configuration key AT.name ("db.host", "db.replica.host"). */
static const char *key_at(const db *d, const char *name, char *out, size_t size)
{
	snprintf(out, size, "%s.%s", d->at, name);
	return out;
}

/* Entry n (from 0) of AT.host, a list of "host" or "host:port" separated
 * by commas or spaces, with AT.port where an entry names none. Returns 0,
 * or -1 past the last entry. */
static int nth_host(const db *d, int n, char *host, size_t size, unsigned *port)
{
	char key[64];
	const char *p = config_get(d->cfg, key_at(d, "host", key, sizeof(key)), "localhost");
	size_t len;
	const char *colon;

	for (;;) {
		p += strspn(p, ", \t");
		if (*p == '\0')
			return -1;
		len = strcspn(p, ", \t");
		if (n-- == 0)
			break;
		p += len;
	}
	*port = (unsigned)config_int(d->cfg, key_at(d, "port", key, sizeof(key)), 3306);
	colon = memchr(p, ':', len);
	if (colon) {
		*port = (unsigned)strtoul(colon + 1, NULL, 10);
		len = (size_t)(colon - p);
	}
	snprintf(host, size, "%.*s", (int)len, p);
	return 0;
}

/* A connection to db.host's entry n, or NULL (logged). */
static MYSQL *connect_to(db *d, int n)
{
	char key_user[64], key_pw[64], key[64], host[256], init[128];
	const char *sock, *user, *pw, *name;
	unsigned int port, timeout = 2;
	MYSQL *m;

	if (nth_host(d, n, host, sizeof(host), &port) != 0) {
		log_error("db: %s.host names no server", d->at);
		return NULL;
	}
	snprintf(key_user, sizeof(key_user), "db.%s.user", d->who);
	snprintf(key_pw, sizeof(key_pw), "db.%s.password", d->who);
	sock = config_get(d->cfg, key_at(d, "socket", key, sizeof(key)), NULL);
	name = config_get(d->cfg, "db.name", "tertulia");
	user = config_get(d->cfg, key_user, d->who);
	pw = config_get(d->cfg, key_pw, "");
	m = mysql_init(NULL);
	if (m == NULL)
		return NULL;
	mysql_options(m, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
	if (d->timeout > 0) {
		/* the client stops waiting: a commit the cluster holds, a read a
		 * dead node never answers. A lock waits less, so that its own
		 * error (a retry) comes first. */
		unsigned lock_wait = d->timeout > 2 ? d->timeout / 2 : 1;

		mysql_options(m, MYSQL_OPT_READ_TIMEOUT, &d->timeout);
		mysql_options(m, MYSQL_OPT_WRITE_TIMEOUT, &d->timeout);
		snprintf(init, sizeof(init),
			 "SET time_zone = '+00:00', innodb_lock_wait_timeout = %u", lock_wait);
	} else {
		snprintf(init, sizeof(init), "SET time_zone = '+00:00'");
	}
	mysql_options(m, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	mysql_options(m, MYSQL_INIT_COMMAND, init);
	/* a side connection's execution is started, and answered later */
	if (d->is_side && mysql_options(m, MYSQL_OPT_NONBLOCK, 0) != 0) {
		mysql_close(m);
		return NULL;
	}
	if (mysql_real_connect(m, host, user, pw, name, port, sock, CLIENT_FOUND_ROWS) == NULL) {
		/* the client library takes the socket for "localhost" only */
		if (sock && strcmp(host, "localhost") == 0)
			log_error("db: connect to %s as %s failed: %s", sock, user, mysql_error(m));
		else
			log_error("db: connect to %s:%u as %s failed: %s", host, port, user,
				  mysql_error(m));
		mysql_close(m);
		return NULL;
	}
	return m;
}

int db_ensure(db *d)
{
	int i, n, count = 0;
	char host[256];
	unsigned port;

	if (d->conn)
		return 0;
	while (nth_host(d, count, host, sizeof(host), &port) == 0)
		count++;
	if (count == 0)
		count = 1;
	for (i = 0; i < count; i++) {
		n = (d->host_at + i) % count;
		d->conn = connect_to(d, n);
		if (d->conn == NULL)
			continue;
		if (i > 0)
			log_info("db: now on %s.host entry %d (the one before failed)", d->at, n + 1);
		d->host_at = n;
		return 0;
	}
	return E_DBDOWN;
}

void db_read_own_writes(db *d, int yes)
{
	d->causal_wanted = yes;
}

/* Whether the connected server is a Galera node (asked once a connection). */
static int is_galera(db *d)
{
	MYSQL_RES *res;
	MYSQL_ROW row;

	if (d->galera >= 0)
		return d->galera;
	d->galera = 0;
	if (mysql_query(d->conn, "SELECT @@wsrep_on") != 0)
		return 0; /* a server built without Galera: not one */
	res = mysql_store_result(d->conn);
	if (res && (row = mysql_fetch_row(res)) && row[0] && strcmp(row[0], "0") != 0 &&
	    strcmp(row[0], "OFF") != 0)
		d->galera = 1;
	mysql_free_result(res);
	return d->galera;
}

/* On a Galera node, makes the session's reads wait until the node has
 * applied what the cluster committed before them (wsrep_sync_wait), when
 * db_read_own_writes asks for it, and stop waiting when it no longer does.
 * Best effort: a failure leaves reads as they were, and is logged. */
static void causal_reads(db *d)
{
	if (d->conn == NULL || d->in_transaction || d->causal_wanted == d->causal_set ||
	    (d->causal_wanted && !is_galera(d)))
		return;
	if (mysql_query(d->conn, d->causal_wanted ? "SET SESSION wsrep_sync_wait = 1"
						  : "SET SESSION wsrep_sync_wait = 0") != 0) {
		log_error("db: wsrep_sync_wait: %s", mysql_error(d->conn));
		return;
	}
	d->causal_set = d->causal_wanted;
}

int db_ping(db *d)
{
	int tries;

	/* a connection made before the server restarted fails its first ping:
	 * like a query, try once more on a fresh connection */
	for (tries = 0; tries < 2; tries++) {
		if (db_ensure(d) != 0)
			return E_DBDOWN;
		if (mysql_ping(d->conn) == 0)
			return 0;
		db_disconnect(d);
	}
	return E_DBDOWN;
}

static int is_gone(unsigned int e)
{
	return e == CR_SERVER_GONE_ERROR || e == CR_SERVER_LOST ||
	       e == CR_CONNECTION_ERROR || e == CR_CONN_HOST_ERROR ||
	       e == ER_CONNECTION_KILLED || e == CR_COMMANDS_OUT_OF_SYNC ||
	       e == ER_SERVER_SHUTDOWN;
}

/* A server error after which the transaction is rolled back, so that the
 * whole of it may run again: a deadlock, a lock wait that timed out, a
 * Galera certification conflict (which reports itself as a deadlock), a
 * commit the cluster refused. */
static int is_retryable(unsigned int e)
{
	return e == ER_LOCK_DEADLOCK || e == ER_LOCK_WAIT_TIMEOUT || e == ER_ERROR_DURING_COMMIT;
}

/* Maps a server error to our code, logging it once. A connection lost, or a
 * Galera node that does not take work (ER_UNKNOWN_COM_ERROR: "WSREP has
 * not yet prepared node for application use"), moves the next connection
 * to the next db.host entry. A connection lost inside a transaction, before
 * its COMMIT was sent, lost the whole transaction (the server rolls it
 * back): E_RETRY. Lost at the COMMIT itself, the outcome is unknown:
 * E_DBDOWN, and the log says so. */
static int db_fail(db *d, unsigned int e, const char *msg, const char *sql)
{
	if (is_gone(e) || e == ER_UNKNOWN_COM_ERROR) {
		int depth = d->in_transaction, at_commit = strcmp(sql, "COMMIT") == 0;

		d->commit_unknown = at_commit;
		if (at_commit)
			log_error("db: connection lost at COMMIT (%u %s): whether it was "
				  "written is not known", e, msg);
		else
			log_error("db: connection lost (%u %s)", e, msg);
		db_disconnect(d);
		d->host_at++;
		if (depth == 0 || at_commit)
			return E_DBDOWN;
		/* the transaction is still the caller's to end */
		d->in_transaction = depth;
		d->lost = 1;
		return E_RETRY;
	}
	if (e == ER_DUP_ENTRY)
		return E_DUP;
	if (is_retryable(e)) {
		log_info("db: %u %s: the transaction may run again", e, msg);
		if (d->in_transaction > 0)
			d->lost = 1;
		return E_RETRY;
	}
	if (e == ER_STATEMENT_TIMEOUT) {
		log_error("db: %u %s in: %.200s", e, msg, sql);
		return E_DBDOWN;
	}
	log_error("db: %u %s in: %.200s", e, msg, sql);
	return E_DB;
}

static size_t slot_of(const char *sql)
{
	uintptr_t h = (uintptr_t)sql;

	h ^= h >> 17;
	h *= 0x9E3779B97F4A7C15ULL;
	return (size_t)(h >> 7) % STMT_SLOTS;
}

/* Finds or prepares the statement for sql. */
static int db_stmt(db *d, const char *sql, MYSQL_STMT **out)
{
	size_t i = slot_of(sql), tries;
	MYSQL_STMT *st;

	for (tries = 0; tries < STMT_SLOTS; tries++, i = (i + 1) % STMT_SLOTS) {
		if (d->stmts[i].sql == sql) {
			*out = d->stmts[i].st;
			return 0;
		}
		if (d->stmts[i].sql == NULL)
			break;
	}
	if (tries == STMT_SLOTS) {
		log_error("db: statement cache full");
		return E_DB;
	}
	st = mysql_stmt_init(d->conn);
	if (st == NULL)
		return E_NOMEM;
	if (mysql_stmt_prepare(st, sql, strlen(sql)) != 0) {
		unsigned int e = mysql_stmt_errno(st);
		char msg[256];
		snprintf(msg, sizeof(msg), "%s", mysql_stmt_error(st));
		mysql_stmt_close(st);
		return db_fail(d, e, msg, sql);
	}
	d->stmts[i].sql = sql;
	d->stmts[i].st = st;
	*out = st;
	return 0;
}

static int db_run_bound(db *d, const char *sql, const db_param *p, size_t n, MYSQL_BIND *bind,
			MYSQL_STMT **out);

/* Points the n entries of bind at the values of p (which must outlive the
 * execution). */
static void bind_params(const db_param *p, size_t n, MYSQL_BIND *bind)
{
	size_t i;

	memset(bind, 0, n * sizeof(*bind));
	for (i = 0; i < n; i++) {
		switch (p[i].t) {
		case DBP_NULL:
			bind[i].buffer_type = MYSQL_TYPE_NULL;
			break;
		case DBP_INT:
			bind[i].buffer_type = MYSQL_TYPE_LONGLONG;
			bind[i].buffer = (void *)&p[i].i;
			break;
		case DBP_DOUBLE:
			bind[i].buffer_type = MYSQL_TYPE_DOUBLE;
			bind[i].buffer = (void *)&p[i].d;
			break;
		case DBP_STR:
			bind[i].buffer_type = MYSQL_TYPE_STRING;
			bind[i].buffer = (void *)p[i].s;
			bind[i].buffer_length = (unsigned long)p[i].len;
			bind[i].length = (unsigned long *)&bind[i].buffer_length;
			break;
		}
	}
}

/* Prepares (if needed), binds and executes. */
static int db_run(db *d, const char *sql, const db_param *p, size_t n, MYSQL_STMT **out)
{
	MYSQL_BIND small[32], *bind = small;
	int rc;

	/* bulk loads bind thousands of values; most statements a handful */
	if (n > sizeof(small) / sizeof(small[0]) && (bind = calloc(n, sizeof(*bind))) == NULL)
		return E_NOMEM;
	rc = db_run_bound(d, sql, p, n, bind, out);
	if (bind != small)
		free(bind);
	return rc;
}

/* Maps the error of a failed statement (db_fail), after resetting it for
 * its next use. */
static int stmt_fail(db *d, MYSQL_STMT *st, const char *sql)
{
	char msg[256];
	unsigned int e = mysql_stmt_errno(st);

	snprintf(msg, sizeof(msg), "%s", mysql_stmt_error(st));
	mysql_stmt_reset(st);
	return db_fail(d, e, msg, sql);
}

/* Connects if needed, finds or prepares sql's statement and binds the n
 * values of p to it through bind (n entries, the caller's): *out is then
 * ready to execute. */
static int db_bound(db *d, const char *sql, const db_param *p, size_t n, MYSQL_BIND *bind,
		    MYSQL_STMT **out)
{
	MYSQL_STMT *st = NULL;
	int rc;

	if (d->lost)
		return E_RETRY;
	rc = db_ensure(d);
	if (rc != 0)
		return rc;
	causal_reads(d);
	rc = db_stmt(d, sql, &st);
	if (rc != 0)
		return rc;
	if (mysql_stmt_param_count(st) != n) {
		log_error("db: %zu parameters for %lu placeholders in: %.200s", n,
			  mysql_stmt_param_count(st), sql);
		return E_DB;
	}
	bind_params(p, n, bind);
	if (n > 0 && mysql_stmt_bind_param(st, bind) != 0)
		return stmt_fail(d, st, sql);
	*out = st;
	return 0;
}

/* db_run with the caller's bind array of n entries. */
static int db_run_bound(db *d, const char *sql, const db_param *p, size_t n, MYSQL_BIND *bind,
			MYSQL_STMT **out)
{
	MYSQL_STMT *st = NULL;
	int rc = db_bound(d, sql, p, n, bind, &st);

	if (rc != 0)
		return rc;
	if (mysql_stmt_execute(st) != 0)
		return stmt_fail(d, st, sql);
	*out = st;
	return 0;
}

/* Runs the statement, reconnecting once when the server had gone away
 * between requests (and no transaction could have been lost). */
static int db_run_retry(db *d, const char *sql, const db_param *p, size_t n,
			MYSQL_STMT **out)
{
	int was_connected = d->conn != NULL && !d->in_transaction;
	int rc = db_run(d, sql, p, n, out);

	if (rc == E_DBDOWN && was_connected)
		rc = db_run(d, sql, p, n, out);
	return rc;
}

/* Whether sql changes a row whenever it affects one. An UPDATE need not
 * (CLIENT_FOUND_ROWS counts the rows it found), nor an INSERT that may
 * update instead. */
static int surely_changes(const char *sql)
{
	sql += strspn(sql, " \t\n(");
	if (ascii_ncasecmp(sql, "INSERT", 6) == 0)
		return strstr(sql, "ON DUPLICATE KEY") == NULL;
	return ascii_ncasecmp(sql, "REPLACE", 7) == 0 || ascii_ncasecmp(sql, "DELETE", 6) == 0;
}

int db_exec(db *d, const char *sql, const db_param *p, size_t n, db_result *res)
{
	MYSQL_STMT *st;
	int rc = db_run_retry(d, sql, p, n, &st);

	if (rc != 0)
		return rc;
	if (d->in_transaction && mysql_stmt_affected_rows(st) > 0 &&
	    mysql_stmt_affected_rows(st) != (my_ulonglong)-1 && surely_changes(sql))
		d->changed = 1;
	if (res) {
		res->affected = mysql_stmt_affected_rows(st);
		res->insert_id = mysql_stmt_insert_id(st);
	}
	if (mysql_stmt_field_count(st) > 0)
		mysql_stmt_free_result(st);
	return 0;
}

static int is_numeric_type(enum enum_field_types t)
{
	switch (t) {
	case MYSQL_TYPE_TINY: case MYSQL_TYPE_SHORT: case MYSQL_TYPE_LONG:
	case MYSQL_TYPE_INT24: case MYSQL_TYPE_LONGLONG: case MYSQL_TYPE_FLOAT:
	case MYSQL_TYPE_DOUBLE: case MYSQL_TYPE_DECIMAL: case MYSQL_TYPE_NEWDECIMAL:
		return 1;
	default:
		return 0;
	}
}

/* Copies the rows of st, executed on d for sql, into *out (caller frees). */
static int collect_rows(db *d, const char *sql, MYSQL_STMT *st, db_rows **out)
{
	MYSQL_RES *meta = NULL;
	MYSQL_BIND *bind = NULL;
	MYSQL_FIELD *fields;
	unsigned long *lengths = NULL;
	my_bool *nulls = NULL;
	char *rowbuf = NULL;
	db_rows *rows = NULL;
	strbuf arena = STRBUF_INIT;
	size_t *offsets = NULL, *name_off = NULL;
	size_t c, r, total = 0, nrows;
	my_bool update_max = 1;
	int rc = E_NOMEM;

	meta = mysql_stmt_result_metadata(st);
	if (meta == NULL) {
		rc = db_fail(d, mysql_stmt_errno(st), mysql_stmt_error(st), sql);
		goto out;
	}
	mysql_stmt_attr_set(st, STMT_ATTR_UPDATE_MAX_LENGTH, &update_max);
	if (mysql_stmt_store_result(st) != 0) {
		rc = db_fail(d, mysql_stmt_errno(st), mysql_stmt_error(st), sql);
		goto out;
	}
	rows = calloc(1, sizeof(*rows));
	if (rows == NULL)
		goto out;
	rows->ncols = mysql_num_fields(meta);
	nrows = (size_t)mysql_stmt_num_rows(st);
	fields = mysql_fetch_fields(meta);
	bind = calloc(rows->ncols, sizeof(*bind));
	lengths = calloc(rows->ncols, sizeof(*lengths));
	nulls = calloc(rows->ncols, sizeof(*nulls));
	rows->names = calloc(rows->ncols, sizeof(char *));
	rows->numeric = calloc(rows->ncols, sizeof(int));
	name_off = calloc(rows->ncols, sizeof(size_t));
	offsets = calloc(nrows * rows->ncols + 1, sizeof(size_t));
	rows->cells = calloc(nrows * rows->ncols + 1, sizeof(char *));
	rows->lens = calloc(nrows * rows->ncols + 1, sizeof(size_t));
	if (!bind || !lengths || !nulls || !rows->names || !rows->numeric ||
	    !name_off || !offsets || !rows->cells || !rows->lens)
		goto out;
	for (c = 0; c < rows->ncols; c++) {
		name_off[c] = arena.len;
		if (strbuf_append(&arena, fields[c].name, strlen(fields[c].name) + 1) != 0)
			goto out;
		rows->numeric[c] = is_numeric_type(fields[c].type);
		total += fields[c].max_length + 1;
	}
	rowbuf = malloc(total + 1);
	if (rowbuf == NULL)
		goto out;
	for (c = 0, total = 0; c < rows->ncols; c++) {
		bind[c].buffer_type = MYSQL_TYPE_STRING;
		bind[c].buffer = rowbuf + total;
		bind[c].buffer_length = fields[c].max_length + 1;
		bind[c].length = &lengths[c];
		bind[c].is_null = &nulls[c];
		total += fields[c].max_length + 1;
	}
	if (mysql_stmt_bind_result(st, bind) != 0) {
		rc = db_fail(d, mysql_stmt_errno(st), mysql_stmt_error(st), sql);
		goto out;
	}
	for (r = 0; r < nrows; r++) {
		int f = mysql_stmt_fetch(st);
		if (f == 1 || f == MYSQL_NO_DATA) {
			rc = db_fail(d, mysql_stmt_errno(st), mysql_stmt_error(st), sql);
			goto out;
		}
		for (c = 0; c < rows->ncols; c++) {
			size_t k = r * rows->ncols + c;
			if (nulls[c]) {
				offsets[k] = (size_t)-1;
				continue;
			}
			offsets[k] = arena.len;
			rows->lens[k] = lengths[c];
			if (strbuf_append(&arena, bind[c].buffer, lengths[c]) != 0 ||
			    strbuf_append(&arena, "", 1) != 0)
				goto out;
		}
	}
	rows->nrows = nrows;
	rows->arena_len = arena.len;
	rows->arena = strbuf_detach(&arena);
	for (c = 0; c < rows->ncols; c++)
		rows->names[c] = rows->arena + name_off[c];
	for (r = 0; r < nrows * rows->ncols; r++)
		rows->cells[r] = offsets[r] == (size_t)-1 ? NULL : rows->arena + offsets[r];
	*out = rows;
	rows = NULL;
	rc = 0;
out:
	if (d->conn)
		mysql_stmt_free_result(st);
	if (meta)
		mysql_free_result(meta);
	free(bind);
	free(lengths);
	free(nulls);
	free(rowbuf);
	free(offsets);
	free(name_off);
	strbuf_free(&arena);
	db_rows_free(rows);
	return rc;
}

/* ------------------------------------------------- selects started ahead */

int db_read_key(const char *sql, const db_param *p, size_t n, char *out, size_t size)
{
	size_t used, i;
	int w = snprintf(out, size, "%p", (const void *)sql);

	if (w < 0 || (size_t)w >= size)
		return -1;
	used = (size_t)w;
	for (i = 0; i < n; i++) {
		const db_param *q = &p[i];

		switch (q->t) {
		case DBP_NULL:
			w = snprintf(out + used, size - used, "|n");
			break;
		case DBP_INT:
			w = snprintf(out + used, size - used, "|i%lld", q->i);
			break;
		case DBP_DOUBLE:
			w = snprintf(out + used, size - used, "|d%.17g", q->d);
			break;
		case DBP_STR:
			/* the length first: a value holding "|" cannot pass for two */
			if (q->s == NULL) {
				w = snprintf(out + used, size - used, "|n");
				break;
			}
			if (q->len >= size - used || memchr(q->s, '\0', q->len) != NULL)
				return -1;
			w = snprintf(out + used, size - used, "|s%zu:%.*s", q->len, (int)q->len, q->s);
			break;
		default:
			return -1;
		}
		if (w < 0 || (size_t)w >= size - used)
			return -1;
		used += (size_t)w;
	}
	return 0;
}


/* Frees slot a (its side connection holds nothing pending any more). */
static void ahead_clear(ahead *a)
{
	free(a->key);
	memset(a, 0, sizeof(*a));
}

/* Waits until the server has answered the execution of slot a, on side
 * connection s. Returns 0, or the error the execution ended with (s is
 * disconnected when it was lost). */
static int ahead_finish(db *s, ahead *a)
{
	int ret = a->failed;

	while (a->wait) {
		struct pollfd pfd = { .fd = mysql_get_socket(s->conn) };
		int timeout = -1, ready = 0, got;

		if (a->wait & MYSQL_WAIT_READ)
			pfd.events |= POLLIN;
		if (a->wait & MYSQL_WAIT_WRITE)
			pfd.events |= POLLOUT;
		if (a->wait & MYSQL_WAIT_EXCEPT)
			pfd.events |= POLLPRI;
		if (a->wait & MYSQL_WAIT_TIMEOUT)
			timeout = (int)mysql_get_timeout_value_ms(s->conn);
		got = poll(&pfd, 1, timeout);
		if (got < 0 && errno == EINTR)
			continue; /* a signal: wait again */
		if (got < 0) {
			log_error("db: waiting for a select started ahead: %s", strerror(errno));
			db_disconnect(s); /* drops the statement half way, with the connection */
			return E_DBDOWN;
		}
		if (got == 0)
			ready = MYSQL_WAIT_TIMEOUT;
		if (pfd.revents & (POLLIN | POLLHUP | POLLERR))
			ready |= MYSQL_WAIT_READ;
		if (pfd.revents & POLLOUT)
			ready |= MYSQL_WAIT_WRITE;
		if (pfd.revents & POLLPRI)
			ready |= MYSQL_WAIT_EXCEPT;
		a->wait = mysql_stmt_execute_cont(&ret, a->st, ready);
	}
	return ret != 0 ? stmt_fail(s, a->st, a->sql) : 0;
}

void db_select_ahead(db *d, const char *sql, const db_param *p, size_t n)
{
	MYSQL_BIND bind[32];
	MYSQL_STMT *st;
	char key[DB_KEY_MAX];
	ahead *a = NULL;
	db *s;
	size_t i;
	int ret = 0;

	d = reader(d);
	/* within a transaction a read must see what it wrote: only its own
	 * connection does */
	if (d->is_side || d->in_transaction || n > sizeof(bind) / sizeof(bind[0]) ||
	    db_read_key(sql, p, n, key, sizeof(key)) != 0)
		return;
	for (i = 0; i < DB_AHEAD_MAX && a == NULL; i++)
		if (d->ahead[i].sql == NULL)
			a = &d->ahead[i];
	if (a == NULL)
		return;
	i = (size_t)(a - d->ahead);
	if (d->side[i] == NULL) {
		if (db_new(&d->side[i], d->cfg, d->who) != 0)
			return;
		d->side[i]->is_side = 1;
		d->side[i]->at = d->at;
		d->side[i]->timeout = d->timeout;
		d->side[i]->host_at = d->host_at;
	}
	s = d->side[i];
	if (db_bound(s, sql, p, n, bind, &st) != 0)
		return;
	a->key = strdup(key);
	if (a->key == NULL)
		return;
	a->sql = sql;
	a->st = st;
	/* sends the statement with its parameters: the server runs it now,
	 * and p is not needed any more */
	a->wait = mysql_stmt_execute_start(&ret, st);
	a->failed = ret;
}

/* The slot holding sql with the parameters p, or NULL. */
static ahead *ahead_find(db *d, const char *sql, const db_param *p, size_t n)
{
	char key[DB_KEY_MAX];
	size_t i;

	for (i = 0; i < DB_AHEAD_MAX; i++)
		if (d->ahead[i].sql == sql)
			break;
	if (i == DB_AHEAD_MAX || db_read_key(sql, p, n, key, sizeof(key)) != 0)
		return NULL;
	for (; i < DB_AHEAD_MAX; i++)
		if (d->ahead[i].sql == sql && strcmp(d->ahead[i].key, key) == 0)
			return &d->ahead[i];
	return NULL;
}

/* The rows of slot a (side connection s) into *out. */
static int ahead_take(db *s, ahead *a, db_rows **out)
{
	int rc = ahead_finish(s, a);

	if (rc == 0)
		rc = collect_rows(s, a->sql, a->st, out);
	ahead_clear(a);
	return rc;
}

/* Reads and throws away what was started ahead and not taken, so that
 * every side connection is free for the next request. */
static void ahead_drop_all(db *d)
{
	size_t i;

	for (i = 0; i < DB_AHEAD_MAX; i++) {
		db_rows *rows = NULL;

		if (d->ahead[i].sql == NULL)
			continue;
		log_info("db: a select started ahead was not taken: %.200s", d->ahead[i].sql);
		ahead_take(d->side[i], &d->ahead[i], &rows);
		db_rows_free(rows);
	}
}

void db_ahead_drop(db *d)
{
	if (d) {
		ahead_drop_all(d);
		if (d->replica)
			ahead_drop_all(d->replica);
	}
}

/* ------------------------------------------------------------ the replica */

static const char SQL_PRIMARY_MARK[] = "SELECT @@gtid_binlog_pos AS pos";
static const char SQL_REPLICA_REACHED[] = "SELECT MASTER_GTID_WAIT(?, 0) AS waited";

void db_prefer_replica(db *d, int yes)
{
	d->replica_wanted = yes;
}

/* Whether the replica answers and has applied what the primary had at the
 * last check (a check a period ago: db.replica.max_lag seconds). Says in
 * the log when that changes. */
static int replica_check(db *d)
{
	db_rows *rows = NULL;
	long long reached = -1;
	int rc, ok;
	const char *why = "it does not answer";

	rc = db_select(d, SQL_PRIMARY_MARK, NULL, 0, &rows);
	if (rc != 0 || rows->nrows == 0) {
		db_rows_free(rows);
		return d->replica_ok == 1; /* the primary's own trouble: its reads say so */
	}
	if (*d->replica_mark == '\0')
		rc = db_select_int(d->replica, "SELECT 0 AS waited", NULL, 0, &reached);
	else
		rc = DB_SELECT_INT(d->replica, SQL_REPLICA_REACHED, &reached, DBS(d->replica_mark));
	if (rc == 0 && reached != 0)
		why = "it lags behind the primary";
	snprintf(d->replica_mark, sizeof(d->replica_mark), "%s",
		 row_str(rows, 0, "pos") ? row_str(rows, 0, "pos") : "");
	db_rows_free(rows);
	ok = rc == 0 && reached == 0;
	if (ok && d->replica_ok != 1)
		log_info("db: reads that may be a moment old go to the replica");
	else if (!ok && d->replica_ok != 0)
		log_error("db: the replica is left aside (%s): every read goes to the primary", why);
	return ok;
}

/* Where a read goes: the replica when this request allows it, no
 * transaction is open, and the replica passed its last check; else d. */
static db *reader(db *d)
{
	time_t now;
	long long period;

	if (!d->has_replica || !d->replica_wanted || d->in_transaction || d->is_side)
		return d;
	if (d->replica == NULL) {
		if (db_new(&d->replica, d->cfg, d->who) != 0)
			return d;
		d->replica->at = "db.replica";
		d->replica->timeout = d->timeout;
		d->replica_ok = -1;
		d->replica_checked = 0;
	}
	now = time(NULL);
	period = d->replica_period;
	/* one left aside is tried less often: a server that does not answer
	 * costs a connection's timeout */
	if (d->replica_ok == 0)
		period *= 10;
	if (now - d->replica_checked >= period) {
		d->replica_checked = now;
		d->replica_wanted = 0; /* the check's own reads go where they say */
		d->replica_ok = replica_check(d);
		d->replica_wanted = 1;
	}
	return d->replica_ok == 1 ? d->replica : d;
}

int db_select(db *d, const char *sql, const db_param *p, size_t n, db_rows **out)
{
	MYSQL_STMT *st = NULL;
	db *r = reader(d);
	ahead *a;
	int rc;

	*out = NULL;
	if (r != d) {
		rc = db_select(r, sql, p, n, out);
		if (rc != E_DBDOWN)
			return rc;
		log_error("db: the replica failed a read: every read goes to the primary");
		d->replica_ok = 0;
	}
	a = ahead_find(d, sql, p, n);
	/* started ahead: its rows; when that failed, the select runs here */
	if (a && ahead_take(d->side[a - d->ahead], a, out) == 0)
		return 0;
	rc = db_run_retry(d, sql, p, n, &st);
	if (rc != 0)
		return rc;
	return collect_rows(d, sql, st, out);
}

int db_select_int(db *d, const char *sql, const db_param *p, size_t n, long long *out)
{
	db_rows *rows = NULL;
	int rc = db_select(d, sql, p, n, &rows);

	if (rc != 0)
		return rc;
	if (rows->nrows == 0 || rows->ncols == 0)
		rc = E_NOTFOUND;
	else
		*out = db_cell_int(rows, 0, 0);
	db_rows_free(rows);
	return rc;
}

const char *db_cell(const db_rows *rows, size_t r, size_t c)
{
	if (r >= rows->nrows || c >= rows->ncols)
		return NULL;
	return rows->cells[r * rows->ncols + c];
}

long long db_cell_int(const db_rows *rows, size_t r, size_t c)
{
	const char *v = db_cell(rows, r, c);

	return v ? strtoll(v, NULL, 10) : 0;
}

size_t db_col(const db_rows *rows, const char *name)
{
	size_t c;

	for (c = 0; c < rows->ncols; c++)
		if (strcmp(rows->names[c], name) == 0)
			return c;
	return (size_t)-1;
}

/* The column of name, logging a name the result does not have. */
static size_t named(const db_rows *rows, const char *name)
{
	size_t c = db_col(rows, name);

	if (c == (size_t)-1)
		log_error("db: no column '%s' in this result (%zu columns)", name, rows->ncols);
	return c;
}

const char *row_str(const db_rows *rows, size_t r, const char *name)
{
	return db_cell(rows, r, named(rows, name));
}

long long row_int(const db_rows *rows, size_t r, const char *name)
{
	return db_cell_int(rows, r, named(rows, name));
}

double row_double(const db_rows *rows, size_t r, const char *name)
{
	const char *v = row_str(rows, r, name);

	return v ? strtod(v, NULL) : 0.0;
}

size_t row_len(const db_rows *rows, size_t r, const char *name)
{
	size_t c = named(rows, name);

	if (r >= rows->nrows || c >= rows->ncols || rows->cells[r * rows->ncols + c] == NULL)
		return 0;
	return rows->lens[r * rows->ncols + c];
}

int row_null(const db_rows *rows, size_t r, const char *name)
{
	return row_str(rows, r, name) == NULL;
}

void db_rows_free(db_rows *rows)
{
	if (rows == NULL)
		return;
	free(rows->names);
	free(rows->numeric);
	free(rows->cells);
	free(rows->lens);
	free(rows->arena);
	free(rows);
}

db_rows *db_rows_copy(const db_rows *rows)
{
	size_t ncells = rows->nrows * rows->ncols, c;
	db_rows *copy = calloc(1, sizeof(*copy));

	if (copy == NULL)
		return NULL;
	copy->nrows = rows->nrows;
	copy->ncols = rows->ncols;
	copy->arena_len = rows->arena_len;
	copy->names = calloc(rows->ncols + 1, sizeof(char *));
	copy->numeric = calloc(rows->ncols + 1, sizeof(int));
	copy->cells = calloc(ncells + 1, sizeof(char *));
	copy->lens = calloc(ncells + 1, sizeof(size_t));
	copy->arena = malloc(rows->arena_len + 1);
	if (!copy->names || !copy->numeric || !copy->cells || !copy->lens || !copy->arena) {
		db_rows_free(copy);
		return NULL;
	}
	memcpy(copy->arena, rows->arena, rows->arena_len);
	memcpy(copy->numeric, rows->numeric, rows->ncols * sizeof(int));
	memcpy(copy->lens, rows->lens, ncells * sizeof(size_t));
	/* every name and value points into the arena: the same offsets in the copy's */
	for (c = 0; c < rows->ncols; c++)
		copy->names[c] = copy->arena + (rows->names[c] - rows->arena);
	for (c = 0; c < ncells; c++)
		copy->cells[c] = rows->cells[c] ? copy->arena + (rows->cells[c] - rows->arena) : NULL;
	return copy;
}

void db_rows_filter(db_rows *rows, int (*keep)(const db_rows *rows, size_t row, void *ctx),
		    void *ctx)
{
	size_t r, kept = 0, n = rows->ncols;

	for (r = 0; r < rows->nrows; r++) {
		if (!keep(rows, r, ctx))
			continue;
		if (kept != r) {
			memmove(rows->cells + kept * n, rows->cells + r * n, n * sizeof(char *));
			memmove(rows->lens + kept * n, rows->lens + r * n, n * sizeof(size_t));
		}
		kept++;
	}
	rows->nrows = kept;
}

/* The GTID of the last write set the connection wrote to the cluster, into
 * out (size bytes); -1 when it cannot be read. Read without waiting for
 * the node to catch up (wsrep_sync_wait): it is the session's own. */
static int last_written(db *d, char *out, size_t size)
{
	MYSQL_RES *res;
	MYSQL_ROW row;
	int rc = -1;

	if (mysql_query(d->conn, "SET STATEMENT wsrep_sync_wait = 0 FOR "
			"SELECT WSREP_LAST_WRITTEN_GTID()") != 0)
		return -1;
	res = mysql_store_result(d->conn);
	if (res && (row = mysql_fetch_row(res)) != NULL && row[0]) {
		snprintf(out, size, "%s", row[0]);
		rc = 0;
	}
	mysql_free_result(res);
	return rc;
}

int db_begin(db *d)
{
	int rc;

	/* inside a transaction a begin joins it: the outermost one decides */
	if (d->in_transaction > 0) {
		if (d->lost)
			return E_RETRY;
		if (d->conn == NULL)
			return E_DBDOWN;
		d->in_transaction++;
		return 0;
	}
	rc = db_ensure(d);
	if (rc != 0)
		return rc;
	if (mysql_autocommit(d->conn, 0) != 0) {
		/* a connection that died between requests (its server or node
		 * restarted): nothing is lost yet, so once more on a new one */
		rc = db_fail(d, mysql_errno(d->conn), mysql_error(d->conn), "BEGIN");
		if (rc != E_DBDOWN || (rc = db_ensure(d)) != 0)
			return rc;
		if (mysql_autocommit(d->conn, 0) != 0)
			return db_fail(d, mysql_errno(d->conn), mysql_error(d->conn), "BEGIN");
	}
	d->in_transaction = 1;
	d->doomed = 0;
	d->commit_unknown = 0;
	d->changed = 0;
	/* what the COMMIT is checked against (db_commit) */
	if (!is_galera(d) || last_written(d, d->written, sizeof(d->written)) != 0)
		d->written[0] = '\0';
	return 0;
}

int db_commit_unknown(const db *d)
{
	return d->commit_unknown;
}

int db_commit(db *d)
{
	int rc = 0;

	if (d->in_transaction > 1) {
		d->in_transaction--;
		return d->lost ? E_RETRY : d->doomed ? E_DB : 0;
	}
	if (d->lost) {
		/* rolled back already: nothing that came after may stay */
		db_rollback(d);
		return E_RETRY;
	}
	if (d->conn == NULL) {
		d->in_transaction = 0;
		return E_DBDOWN;
	}
	if (d->doomed) {
		/* part of the change failed and was given up: none of it stays */
		db_rollback(d);
		return E_DB;
	}
	if (mysql_commit(d->conn) != 0)
		rc = db_fail(d, mysql_errno(d->conn), mysql_error(d->conn), "COMMIT");
	if (d->conn)
		mysql_autocommit(d->conn, 1);
	/* A Galera node has answered a COMMIT with success for a transaction
	 * it had rolled back as it installed a new view, no statement told:
	 * nothing of it was written, on any node, and another transaction
	 * took its place. A transaction that changed a row commits with a
	 * write set, and only that moves the session's last written GTID:
	 * unmoved, the transaction is lost whole and runs again. */
	if (rc == 0 && d->conn && d->changed && d->written[0]) {
		char now[sizeof(d->written)];

		if (last_written(d, now, sizeof(now)) == 0 && strcmp(now, d->written) == 0) {
			log_error("db: COMMIT answered success, but the transaction wrote no write "
				  "set (the last is still %s): it was rolled back under us", now);
			rc = E_RETRY;
		}
	}
	/* committed or not, the transaction is over: a COMMIT the server
	 * refused (a cluster's conflict) ends it as a rollback would, and
	 * what the connection runs next is not part of it */
	d->changed = 0;
	d->in_transaction = 0;
	d->doomed = 0;
	d->lost = 0;
	return rc;
}

void db_rollback(db *d)
{
	if (d->in_transaction > 1) {
		d->in_transaction--;
		d->doomed = 1;
		return;
	}
	if (d->conn) {
		mysql_rollback(d->conn);
		mysql_autocommit(d->conn, 1);
	}
	d->in_transaction = 0;
	d->doomed = 0;
	d->lost = 0;
}

void db_rollback_all(db *d)
{
	if (d->in_transaction > 1)
		d->in_transaction = 1;
	db_rollback(d);
}

int db_in_transaction(const db *d)
{
	return d->in_transaction > 0;
}

int db_end(db *d, int rc)
{
	if (rc == 0)
		return db_commit(d);
	db_rollback(d);
	return rc;
}

int db_run_script(db *d, const char *sql)
{
	int rc = db_ensure(d), status;

	if (rc != 0)
		return rc;
	mysql_set_server_option(d->conn, MYSQL_OPTION_MULTI_STATEMENTS_ON);
	if (mysql_real_query(d->conn, sql, strlen(sql)) != 0) {
		log_error("db: script failed: %s", mysql_error(d->conn));
		rc = E_DB;
	}
	/* drain every result, and notice a failure in a later statement */
	do {
		MYSQL_RES *res = mysql_store_result(d->conn);
		if (res)
			mysql_free_result(res);
		status = mysql_next_result(d->conn);
		if (status > 0) {
			log_error("db: script failed: %s", mysql_error(d->conn));
			rc = E_DB;
		}
	} while (status == 0);
	mysql_set_server_option(d->conn, MYSQL_OPTION_MULTI_STATEMENTS_OFF);
	return rc;
}

/* -------------------------------------------------------- server settings */

static const char SQL_SERVER_SETTINGS[] =
	"SELECT @@GLOBAL.innodb_ft_min_token_size AS ft_min_token_size,"
	" @@GLOBAL.innodb_flush_log_at_trx_commit AS flush_log_at_trx_commit,"
	" @@GLOBAL.log_bin AS log_bin, @@GLOBAL.sync_binlog AS sync_binlog";

int db_check_server_settings(db *d, char *why, size_t size)
{
	int had = d->conn != NULL, rc;
	db_rows *rows = NULL;

	why[0] = '\0';
	rc = db_select(d, SQL_SERVER_SETTINGS, NULL, 0, &rows);
	if (rc == E_DBDOWN)
		return rc;
	if (rc != 0) {
		snprintf(why, size, "cannot read the server's settings");
		rc = E_DB;
	} else if (row_int(rows, 0, "ft_min_token_size") > 2) {
		snprintf(why, size, "the server has innodb_ft_min_token_size = %lld: Tertulia "
			 "needs innodb_ft_min_token_size = 2 (see sql/server.cnf; then rebuild the "
			 "FULLTEXT indexes)", row_int(rows, 0, "ft_min_token_size"));
		rc = E_INVALID;
	} else if (row_int(rows, 0, "flush_log_at_trx_commit") != 1) {
		snprintf(why, size, "the server has innodb_flush_log_at_trx_commit = %lld: Tertulia "
			 "needs innodb_flush_log_at_trx_commit = 1 (see sql/server.cnf)",
			 row_int(rows, 0, "flush_log_at_trx_commit"));
		rc = E_INVALID;
	} else if (row_int(rows, 0, "log_bin") != 0 && row_int(rows, 0, "sync_binlog") != 1) {
		snprintf(why, size, "the server has the binary log on and sync_binlog = %lld: "
			 "Tertulia needs sync_binlog = 1 (see sql/server.cnf)",
			 row_int(rows, 0, "sync_binlog"));
		rc = E_INVALID;
	}
	db_rows_free(rows);
	if (!had && d->in_transaction == 0)
		db_disconnect(d);
	return rc;
}

static const char SQL_HAS_STOPWORDS[] =
	"SELECT COUNT(*) FROM information_schema.TABLES"
	" WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'ft_stopwords'";
static const char SQL_USE_STOPWORDS[] =
	"SET SESSION innodb_ft_user_stopword_table = CONCAT(DATABASE(), '/ft_stopwords')";

int db_use_stopwords(db *d)
{
	long long has = 0;
	int rc = db_select_int(d, SQL_HAS_STOPWORDS, NULL, 0, &has);

	if (rc == 0 && has)
		rc = db_exec(d, SQL_USE_STOPWORDS, NULL, 0, NULL);
	return rc;
}
