/* db.h: MariaDB through Connector/C, prepared statements only.
 *
 * A db is owned by the process: one connection (and, for selects started
 * ahead, up to DB_AHEAD_MAX side connections) and a cache of prepared
 * statements keyed by the address of the constant SQL text (every data module
 * keeps its statements in one table of string constants; no SQL is built from
 * strings). When the server goes away the connection and statements are
 * dropped and made again on the next call: the client library's own
 * reconnect is never used, because it would silently lose the statements.
 *
 * Parameters are passed as an array of db_param, usually with the DB_EXEC and
 * DB_SELECT macros:
 *
 *     DB_EXEC(db, SQL_LIKE_POST, &res, DBI(user_id), DBI(post_id));
 *
 * Strings are borrowed for the duration of the call. Rows come back in a
 * db_rows that the caller owns and frees with db_rows_free; it holds copies,
 * so it stays valid across later queries.
 */
#ifndef TERTULIA_DB_H
#define TERTULIA_DB_H

#include <stddef.h>
#include "base/config.h"

typedef struct db db;

typedef enum { DBP_NULL, DBP_INT, DBP_STR, DBP_DOUBLE } db_ptype;

typedef struct db_param {
	db_ptype t;
	long long i;
	double d;
	const char *s; /* borrowed; may hold NUL bytes when len says so */
	size_t len;
} db_param;

/* Builds a string parameter; NULL becomes SQL NULL. */
db_param db_str(const char *s);
/* Builds a parameter from n bytes (binary data or a counted string). */
db_param db_bytes(const void *p, size_t n);

#define DBI(x) ((db_param){ .t = DBP_INT, .i = (long long)(x) })
#define DBD(x) ((db_param){ .t = DBP_DOUBLE, .d = (double)(x) })
#define DBS(x) db_str(x)
#define DBB(p, n) db_bytes((p), (n))
#define DBNULL ((db_param){ .t = DBP_NULL })

#define DB_NPARAMS(...) (sizeof((db_param[]){ __VA_ARGS__ }) / sizeof(db_param))
#define DB_EXEC(db, sql, res, ...) \
	db_exec((db), (sql), (db_param[]){ __VA_ARGS__ }, DB_NPARAMS(__VA_ARGS__), (res))
#define DB_SELECT(db, sql, rows, ...) \
	db_select((db), (sql), (db_param[]){ __VA_ARGS__ }, DB_NPARAMS(__VA_ARGS__), (rows))

typedef struct db_result {
	unsigned long long affected;
	unsigned long long insert_id;
} db_result;

typedef struct db_rows {
	size_t nrows, ncols;
	char **names;    /* ncols column names (labels) */
	int *numeric;    /* ncols flags: 1 when the column is a number type */
	char **cells;    /* nrows*ncols values, NULL for SQL NULL */
	size_t *lens;    /* nrows*ncols byte lengths */
	char *arena;     /* the bytes that names and cells point into */
	size_t arena_len;
} db_rows;

/* The value at row r, column c (NULL for SQL NULL). Borrowed from rows. */
const char *db_cell(const db_rows *rows, size_t r, size_t c);
/* The value as an integer, or 0 for NULL. */
long long db_cell_int(const db_rows *rows, size_t r, size_t c);
/* The column named (labelled) name, or (size_t)-1, which db_cell answers
 * with NULL: code that reads a cell by name does not break when a query
 * gains a column. */
size_t db_col(const db_rows *rows, const char *name);

/* Rows read by name: the value of the column labelled name (the SELECT's
 * column, or its AS) at row r. The code says which value it means, and a
 * query whose columns move or grow is still read right. A name the result
 * does not have is the code's mistake, not the data's: it is logged with
 * the name and answers as SQL NULL does (NULL, 0). row_str's value is
 * borrowed from rows; row_len is its length in bytes (0 for NULL). */
const char *row_str(const db_rows *rows, size_t r, const char *name);
long long row_int(const db_rows *rows, size_t r, const char *name);
double row_double(const db_rows *rows, size_t r, const char *name);
size_t row_len(const db_rows *rows, size_t r, const char *name);
/* Whether the value is SQL NULL (also for a name the result lacks). */
int row_null(const db_rows *rows, size_t r, const char *name);
void db_rows_free(db_rows *rows);
/* A copy of rows that the caller owns (db_rows_free), or NULL when out of
 * memory. */
db_rows *db_rows_copy(const db_rows *rows);
/* Keeps only the rows for which keep(rows, row, ctx) is not 0, in their
 * order (the values stay where they are; the rows after a dropped one move
 * up). */
void db_rows_filter(db_rows *rows, int (*keep)(const db_rows *rows, size_t row, void *ctx),
		    void *ctx);

/* Makes a db for the account named by `who` in the configuration: it reads
 * db.host, db.port, db.socket, db.name and db.WHO.user, db.WHO.password.
 * It does not connect yet. `cfg` must outlive the db.
 *
 * db.host may list several servers ("node1, node2:3307"; db.port where an
 * entry names none), the nodes of a Galera cluster: a connection goes to
 * the one that last answered, and to the next when it fails.
 *
 * db.timeout (seconds, DB_TIMEOUT by default) bounds how long a statement
 * waits for the server, a COMMIT the cluster holds included; a lock waits
 * half of it. Commands that run long statements on purpose (a rebuild)
 * lift it with db_set_timeout. */
#define DB_TIMEOUT 10
int db_new(db **out, const config *cfg, const char *who);
/* Sets the bound of the next connections (0: none). */
void db_set_timeout(db *d, unsigned seconds);
/* How long this connection's statements wait for a row lock: 0 not at all
 * (a locked row fails at once, as a lock wait timeout), -1 back to the
 * default (half db.timeout; the server's without one). Until the
 * connection is made again. Returns 0 or a db error. */
int db_lock_wait(db *d, int seconds);
void db_free(db *d);

/* Connects if not connected. Returns 0 or E_DBDOWN. */
int db_ensure(db *d);
/* Asks the server whether it answers (used by /healthz). 0 or E_DBDOWN. */
int db_ping(db *d);

/* Whether the reads that follow may go to a replica (db.replica.host, and
 * .port, .socket, the same accounts): the web layer says yes for a page
 * (a GET) whose reader did not write a moment ago, no for a POST and
 * between requests. Writes and reads inside a transaction always go to
 * the primary. A replica that does not answer, or that had not applied
 * within db.replica.max_lag seconds (1) what the primary had, is left
 * aside until a later check finds it back; the log says both. */
void db_prefer_replica(db *d, int yes);
/* Whether the reads that follow must see every write the database
 * committed before them, wherever it was made: on a Galera node, whose
 * reads may miss for a moment what another node just committed, they then
 * wait for it (wsrep_sync_wait); elsewhere nothing changes. The web layer
 * asks for it for the pages of a browser that wrote a moment ago. */
void db_read_own_writes(db *d, int yes);

/* Runs a statement that returns no rows. res may be NULL.
 * Returns 0, E_DUP (unique key), E_RETRY (deadlock, lock wait, a cluster's
 * conflict: the transaction was rolled back and may run again whole),
 * E_DBDOWN or E_DB. */
int db_exec(db *d, const char *sql, const db_param *p, size_t n, db_result *res);
/* Runs a query and copies every row into *out (caller frees). */
int db_select(db *d, const char *sql, const db_param *p, size_t n, db_rows **out);
/* Runs a query whose first column of its first row is an integer.
 * Returns E_NOTFOUND when there is no row. */
int db_select_int(db *d, const char *sql, const db_param *p, size_t n, long long *out);
#define DB_SELECT_INT(db, sql, out, ...) \
	db_select_int((db), (sql), (db_param[]){ __VA_ARGS__ }, DB_NPARAMS(__VA_ARGS__), (out))

/* Selects started ahead. A page that reads several long selects can have
 * the server run them side by side: db_select_ahead sends sql with p on a
 * side connection of d (one of DB_AHEAD_MAX, made at their first use with
 * d's account, kept like d's) and returns at once, without waiting for the
 * answer. The first db_select on d of the same statement with equal
 * parameters (db_read_key) then takes its rows, waiting for them if they
 * are not there yet. Meanwhile d reads the rest.
 *
 * Only a hint: when no side is free, within a transaction (a read there
 * must see what it wrote), or when the side connection fails, nothing is
 * started or the select runs on d as usual. Each side connection reads as
 * of its own moment, like separate statements of one connection without a
 * transaction. p is borrowed for the duration of the call only.
 * db_ahead_drop reads and throws away what no select took, logging each
 * (a page that starts a read ahead and never asks for it wasted the
 * server's time); the programs call it after every request (d may be
 * NULL). */
#define DB_AHEAD_MAX 3
void db_select_ahead(db *d, const char *sql, const db_param *p, size_t n);
#define DB_SELECT_AHEAD(db, sql, ...) \
	db_select_ahead((db), (sql), (db_param[]){ __VA_ARGS__ }, DB_NPARAMS(__VA_ARGS__))
void db_ahead_drop(db *d);

/* The key of a statement's rows: the statement's address (which names it
 * in this process) and each parameter with its type and length, into out;
 * 0, or -1 when it does not fit in size or a parameter holds a NUL byte.
 * Equal keys, the same rows (kept_reads.h keeps rows under it). */
#define DB_KEY_MAX 512
int db_read_key(const char *sql, const db_param *p, size_t n, char *out, size_t size);

/* Transactions. begin turns autocommit off until commit or rollback.
 * They nest: a begin inside a transaction joins it, and only the outermost
 * commit commits, so that a handler can put a store function's change and
 * its audit line in one transaction (begin; change; audit; commit) while
 * the store function keeps its own begin and commit. An inner rollback
 * dooms the whole: the outermost commit then rolls back and returns E_DB
 * (and an inner commit of a doomed transaction returns E_DB too).
 *
 * When the server rolls a transaction back under us (a deadlock, a lock
 * wait that timed out, a Galera conflict, the connection lost), it is lost
 * whole, whatever the caller does next: every statement until the
 * transaction ends returns E_RETRY, and so does its commit. A caller that
 * went on after a failed statement (a best-effort read, say) therefore
 * never commits, as a new transaction of its own, what came after the
 * loss while what came before is gone. */
int db_begin(db *d);
int db_commit(db *d);
void db_rollback(db *d);
/* Ends a transaction by how it went: commits when rc is 0 (returning
 * commit's result), else rolls back and returns rc. */
int db_end(db *d, int rc);
/* Rolls back the transaction however deep it is (the end of a request
 * whose handler left one open), and whether one is open. */
void db_rollback_all(db *d);
int db_in_transaction(const db *d);
/* Whether the last transaction's COMMIT was sent and its connection lost
 * before the answer: it may or may not have been written. */
int db_commit_unknown(const db *d);

/* Runs SQL text with several statements (migrations only: files of the
 * repository, never outside data). Returns 0 or E_DB. */
int db_run_script(db *d, const char *sql);

/* Whether the server runs with the settings Tertulia needs (sql/server.cnf):
 * innodb_ft_min_token_size 2 or less (else two-letter words such as "no"
 * are never indexed, so never found), innodb_flush_log_at_trx_commit 1 (an
 * acknowledged post survives a power cut), and sync_binlog 1 where the
 * binary log is on. Each program checks at start and `tertuliactl migrate`
 * before it migrates. Returns 0, E_INVALID with why (the setting, its value
 * and the value needed) written into why, or E_DBDOWN when the server cannot
 * be reached (a program starts anyway and answers 503 until it can). A
 * connection it had to make is closed again, so that a master that checks
 * before it forks hands none to its workers. */
int db_check_server_settings(db *d, char *why, size_t size);

/* Names the table ft_stopwords of the database, when it has one, in the
 * connection's innodb_ft_user_stopword_table: a FULLTEXT index made or
 * rebuilt on this connection then takes its stopwords from there and keeps
 * them (sql/0003). A session variable, so no SUPER is needed. Returns 0 or
 * E_DB (E_DBDOWN). For migrations and rebuilds. */
int db_use_stopwords(db *d);

/* The underlying handle, for tertuliactl's administrative statements. */
struct st_mysql *db_handle(db *d);

#endif
