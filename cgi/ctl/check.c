/* check.c: `tertuliactl check [--repair]`, for the operator after an
 * incident such as a full disk (README, "When the disk fills up").
 *
 * It runs CHECK TABLE on every table of the database and prints each table
 * InnoDB does not find sound. MariaDB 10.11 can flag a secondary index as
 * corrupted when it runs out of space in the middle of a change (CI saw it
 * once on the outbox after the full-disk fault test): the rows themselves,
 * in the clustered index, are whole, but every query that would use the
 * flagged index fails until the table is rebuilt. --repair rebuilds each
 * such table with ALTER TABLE ... FORCE, which reads the rows through the
 * clustered index and builds every index afresh (online: the programs go
 * on reading and writing it meanwhile), then checks it again.
 *
 * On a Galera node the rebuild is this node's alone: a corrupted index is
 * a fault of one node's files, and an ALTER in the cluster's total order
 * (its default) would hold every node's writes to the table until it ends.
 * The session's schema changes are made rolling (wsrep_OSU_method = RSU):
 * the node leaves the flow of writes while it rebuilds and catches up
 * after. Where that cannot be set, the table is not rebuilt.
 *
 * CHECK and ALTER name a table, which no placeholder can stand for: the
 * names come from information_schema, quoted as identifiers, and these
 * statements go through the text protocol, as the migrations do. */
#include "ctl.h"
#include "base/str.h"

#include <mysql.h>
#include <stdio.h>
#include <string.h>

static const char SQL_TABLES[] =
	"SELECT table_name AS table_name FROM information_schema.tables "
	"WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE' ORDER BY table_name";

/* Builds verb `table` tail into sql, the name quoted as an identifier (a
 * backtick doubled). Returns 0, or -1 when out of memory. */
static int table_statement(strbuf *sql, const char *verb, const char *table, const char *tail)
{
	int rc = strbuf_puts(sql, verb) | strbuf_puts(sql, "`");

	for (const char *p = table; *p; p++)
		rc |= strbuf_append(sql, p, 1) | (*p == '`' ? strbuf_append(sql, p, 1) : 0);
	rc |= strbuf_puts(sql, "`") | strbuf_puts(sql, tail);
	return rc == 0 ? 0 : -1;
}

/* Runs verb `table` tail through the text protocol; with res, stores the
 * result set there (the caller frees it). Returns 0, or -1 with the
 * server's message printed. */
static int run_on_table(MYSQL *conn, const char *verb, const char *table, const char *tail,
			MYSQL_RES **res)
{
	strbuf sql = STRBUF_INIT;
	int rc = 0;

	if (table_statement(&sql, verb, table, tail) != 0) {
		fprintf(stderr, "check: out of memory\n");
		rc = -1;
	} else if (mysql_real_query(conn, sql.s, sql.len) != 0) {
		fprintf(stderr, "%s: %s\n", sql.s, mysql_error(conn));
		rc = -1;
	} else if (res != NULL && (*res = mysql_store_result(conn)) == NULL) {
		fprintf(stderr, "%s: %s\n", sql.s, mysql_error(conn));
		rc = -1;
	}
	strbuf_free(&sql);
	return rc;
}

/* CHECK TABLE on one table. Returns 1 when InnoDB finds it sound, 0 when
 * not (its messages printed), -1 when the check could not run. */
static int check_table(MYSQL *conn, const char *table)
{
	MYSQL_RES *res = NULL;
	MYSQL_ROW row;
	int sound = 1, status_ok = 0;

	if (run_on_table(conn, "CHECK TABLE ", table, "", &res) != 0)
		return -1;
	/* columns: Table, Op, Msg_type, Msg_text */
	while ((row = mysql_fetch_row(res)) != NULL) {
		const char *type = row[2] ? row[2] : "", *text = row[3] ? row[3] : "";
		if (strcmp(type, "status") == 0 && strcmp(text, "OK") == 0) {
			status_ok = 1;
		} else if (strcmp(type, "note") != 0) {
			printf("%s: %s: %s\n", table, type, text);
			sound = 0;
		}
	}
	mysql_free_result(res);
	return sound && status_ok;
}

/* Whether this server is a Galera node. */
static int is_galera_node(MYSQL *conn)
{
	static const char q[] = "SHOW VARIABLES LIKE 'wsrep_on'";
	MYSQL_RES *res;
	MYSQL_ROW row;
	int on = 0;

	if (mysql_real_query(conn, q, sizeof(q) - 1) != 0 || (res = mysql_store_result(conn)) == NULL)
		return 0;
	if ((row = mysql_fetch_row(res)) != NULL && row[1] && strcmp(row[1], "ON") == 0)
		on = 1;
	mysql_free_result(res);
	return on;
}

/* Makes this session's ALTERs local to the node when it is a Galera node.
 * Returns 0, or -1 (said) when it is one and that cannot be set. */
static int rebuild_locally(MYSQL *conn)
{
	static const char q[] = "SET SESSION wsrep_OSU_method = 'RSU'";

	if (!is_galera_node(conn))
		return 0;
	if (mysql_real_query(conn, q, sizeof(q) - 1) != 0) {
		fprintf(stderr, "check: this is a Galera node, and the rebuild cannot be made "
			"this node's alone (%s); nothing is rebuilt\n", mysql_error(conn));
		return -1;
	}
	printf("Galera node: tables are rebuilt on this node only, which catches up after\n");
	return 0;
}

static const arg_opt options[] = {
	{ "--repair", ARG_FLAG, 0, 0, 0, 0, NULL, "rebuild each table that is not sound" },
};
const arg_spec ctl_check_args = { ARGS_OPTS(options), "", 0, 0, 0 };

int ctl_check(db *d, const config *cfg, const args *a)
{
	int repair = args_count(a, "--repair") > 0;
	db_rows *tables = NULL;
	size_t unsound = 0, repaired = 0;
	MYSQL *conn;

	(void)cfg;
	if (DB_SELECT(d, SQL_TABLES, &tables) != 0) {
		fprintf(stderr, "check: the database does not answer\n");
		return 1;
	}
	/* a FULLTEXT index rebuilt here keeps the forum's stopwords */
	if (repair && db_use_stopwords(d) != 0)
		fprintf(stderr, "check: cannot name the stopword table; a rebuilt "
			"FULLTEXT index would use InnoDB's\n");
	conn = db_handle(d);
	if (repair && rebuild_locally(conn) != 0)
		repair = 0;
	for (size_t r = 0; r < tables->nrows; r++) {
		const char *t = row_str(tables, r, "table_name");
		int sound = check_table(conn, t);
		if (sound == 1)
			continue;
		unsound++;
		if (!repair || sound < 0)
			continue;
		printf("%s: rebuilding\n", t);
		if (run_on_table(conn, "ALTER TABLE ", t, " FORCE", NULL) == 0 &&
		    check_table(conn, t) == 1) {
			printf("%s: rebuilt, sound\n", t);
			repaired++;
		}
	}
	printf("%zu tables checked, %zu not sound%s", tables->nrows, unsound,
	       repair ? "" : "\n");
	if (repair)
		printf(", %zu rebuilt\n", repaired);
	db_rows_free(tables);
	return unsound == repaired ? 0 : 1;
}
