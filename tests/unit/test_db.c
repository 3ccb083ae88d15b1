/* test_db.c: parameters, rows (by number and by name), the key of a read
 * and a database that does not answer (db.h). Queries against a live
 * MariaDB, and selects started ahead, are covered by the HTTP tests
 * (test_insights.py). */
#include "helpers.h"
#include "db/db.h"

#include <string.h>

static const char SQL_ONE[] = "SELECT 1";
static const char SQL_SET[] = "UPDATE t SET a = ? WHERE id = ?";

/* ---- parameters ---- */

static void str_param(void **state)
{
	db_param p = db_str("héllo");

	(void)state;
	assert_int_equal(p.t, DBP_STR);
	assert_string_equal(p.s, "héllo");
	assert_int_equal(p.len, 6);
}

static void null_string_is_sql_null(void **state)
{
	db_param p = db_str(NULL);

	(void)state;
	assert_int_equal(p.t, DBP_NULL);
}

static void bytes_param_keeps_nul(void **state)
{
	db_param p = db_bytes("a\0b", 3);

	(void)state;
	assert_int_equal(p.t, DBP_STR);
	assert_int_equal(p.len, 3);
	assert_memory_equal(p.s, "a\0b", 3);
}

static void macros(void **state)
{
	db_param ps[] = { DBI(-5), DBD(2.5), DBS("x"), DBNULL, DBB("yz", 2) };

	(void)state;
	assert_int_equal(DB_NPARAMS(DBI(1), DBS("a"), DBNULL), 3);
	assert_int_equal(ps[0].t, DBP_INT);
	assert_true(ps[0].i == -5);
	assert_int_equal(ps[1].t, DBP_DOUBLE);
	assert_true(ps[1].d == 2.5);
	assert_int_equal(ps[2].t, DBP_STR);
	assert_int_equal(ps[3].t, DBP_NULL);
	assert_int_equal(ps[4].len, 2);
}

/* ---- rows ---- */

static void cells_and_bounds(void **state)
{
	char *names[] = { "id", "name" };
	int numeric[] = { 1, 0 };
	char *cells[] = { "12", "ana", NULL, "bea" };
	size_t lens[] = { 2, 3, 0, 3 };
	db_rows rows = { 2, 2, names, numeric, cells, lens, NULL, 0 };

	(void)state;
	assert_string_equal(db_cell(&rows, 0, 1), "ana");
	assert_string_equal(db_cell(&rows, 1, 1), "bea");
	assert_null(db_cell(&rows, 1, 0));       /* SQL NULL */
	assert_null(db_cell(&rows, 2, 0));       /* past the rows */
	assert_null(db_cell(&rows, 0, 2));       /* past the columns */
	assert_null(db_cell(&rows, (size_t)-1, 0));
	assert_int_equal(db_cell_int(&rows, 0, 0), 12);
	assert_int_equal(db_cell_int(&rows, 1, 0), 0); /* NULL */
	assert_int_equal(db_cell_int(&rows, 5, 5), 0);
	/* by name; a name the query lacks reads as NULL, not another column */
	assert_int_equal(db_col(&rows, "name"), 1);
	assert_string_equal(db_cell(&rows, 1, db_col(&rows, "name")), "bea");
	assert_null(db_cell(&rows, 0, db_col(&rows, "user_id")));
	assert_int_equal(db_cell_int(&rows, 0, db_col(&rows, "user_id")), 0);
}

/* Three rows (id, name) whose values live in one arena, as db_select makes
 * them; row 1's name is NULL. */
static char arena3[] = "id\0name\0" "1\0ana\0" "2\0" "3\0carla\0";
static char *names3[2], *cells3[6];
static int numeric3[] = { 1, 0 };
static size_t lens3[] = { 1, 3, 1, 0, 1, 5 };

static db_rows three_rows(void)
{
	db_rows rows = { 3, 2, names3, numeric3, cells3, lens3, arena3, sizeof(arena3) - 1 };

	names3[0] = arena3;
	names3[1] = arena3 + 3;
	cells3[0] = arena3 + 8;
	cells3[1] = arena3 + 10;
	cells3[2] = arena3 + 14;
	cells3[3] = NULL;
	cells3[4] = arena3 + 16;
	cells3[5] = arena3 + 18;
	return rows;
}

static void copy_has_its_own_values(void **state)
{
	db_rows rows = three_rows();
	db_rows *copy = db_rows_copy(&rows);

	(void)state;
	assert_non_null(copy);
	assert_int_equal(copy->nrows, 3);
	assert_int_equal(copy->ncols, 2);
	assert_int_equal(db_col(copy, "name"), 1);
	assert_int_equal(copy->numeric[0], 1);
	assert_string_equal(db_cell(copy, 0, 1), "ana");
	assert_null(db_cell(copy, 1, 1));
	assert_string_equal(db_cell(copy, 2, 1), "carla");
	assert_int_equal(copy->lens[5], 5);
	/* nothing points back into the original */
	assert_ptr_not_equal(db_cell(copy, 2, 1), db_cell(&rows, 2, 1));
	assert_ptr_equal(db_cell(copy, 2, 1), copy->arena + 18);
	assert_ptr_equal(copy->names[1], copy->arena + 3);
	db_rows_free(copy);
}

static int odd_id(const db_rows *rows, size_t row, void *calls)
{
	++*(int *)calls;
	return db_cell_int(rows, row, 0) % 2 == 1;
}

static void filter_keeps_rows_in_order(void **state)
{
	db_rows rows = three_rows();
	db_rows *copy = db_rows_copy(&rows);
	int calls = 0;

	(void)state;
	assert_non_null(copy);
	db_rows_filter(copy, odd_id, &calls);
	assert_int_equal(calls, 3);
	assert_int_equal(copy->nrows, 2);
	assert_string_equal(db_cell(copy, 0, 1), "ana");
	assert_string_equal(db_cell(copy, 1, 0), "3");
	assert_string_equal(db_cell(copy, 1, 1), "carla");
	assert_int_equal(copy->lens[3], 5);
	assert_null(db_cell(copy, 2, 1)); /* past the rows now */
	db_rows_free(copy);
}

static void free_null_rows(void **state)
{
	(void)state;
	db_rows_free(NULL);
}

/* ---- rows read by name ---- */

static void row_reads_by_label(void **state)
{
	db_rows rows = three_rows();
	captured c;
	char *log;

	(void)state;
	capture_start(&c);
	assert_string_equal(row_str(&rows, 0, "name"), "ana");
	assert_string_equal(row_str(&rows, 2, "name"), "carla");
	assert_string_equal(row_str(&rows, 1, "id"), "2");
	assert_int_equal(row_int(&rows, 2, "id"), 3);
	assert_true(row_double(&rows, 2, "id") == 3.0);
	assert_int_equal(row_len(&rows, 0, "name"), 3);
	assert_int_equal(row_len(&rows, 2, "name"), 5);
	assert_false(row_null(&rows, 0, "name"));
	/* row 1's name is SQL NULL */
	assert_null(row_str(&rows, 1, "name"));
	assert_true(row_null(&rows, 1, "name"));
	assert_int_equal(row_len(&rows, 1, "name"), 0);
	assert_int_equal(row_int(&rows, 1, "name"), 0);
	assert_true(row_double(&rows, 1, "name") == 0.0);
	/* past the rows, with a name the result has: NULL, nothing logged */
	assert_null(row_str(&rows, 3, "name"));
	assert_int_equal(row_int(&rows, 3, "id"), 0);
	assert_int_equal(row_len(&rows, 3, "name"), 0);
	assert_true(row_null(&rows, 3, "id"));
	log = capture_stop(&c);
	assert_int_equal(count_lines(log), 0);
	free(log);
}

/* The rows of three_rows with the columns the other way round (name, id),
 * as the same SELECT would answer with its columns moved. */
static char *names_swapped[2], *cells_swapped[6];
static int numeric_swapped[2];
static size_t lens_swapped[6];

static db_rows swapped_rows(const db_rows *src)
{
	db_rows rows = { src->nrows, 2, names_swapped, numeric_swapped, cells_swapped,
			 lens_swapped, src->arena, src->arena_len };
	size_t r, c;

	for (c = 0; c < 2; c++) {
		names_swapped[c] = src->names[1 - c];
		numeric_swapped[c] = src->numeric[1 - c];
	}
	for (r = 0; r < src->nrows; r++)
		for (c = 0; c < 2; c++) {
			cells_swapped[r * 2 + c] = src->cells[r * 2 + 1 - c];
			lens_swapped[r * 2 + c] = src->lens[r * 2 + 1 - c];
		}
	return rows;
}

static void moved_columns_read_the_same(void **state)
{
	static const char *labels[] = { "id", "name" };
	db_rows rows = three_rows(), moved = swapped_rows(&rows);
	size_t r, k;

	(void)state;
	/* by number the columns did change places ... */
	assert_string_equal(db_cell(&moved, 0, 0), "ana");
	assert_string_equal(db_cell(&moved, 0, 1), "1");
	/* ... by name every value is the one it was */
	for (r = 0; r < rows.nrows; r++)
		for (k = 0; k < 2; k++) {
			const char *name = labels[k];
			const char *a = row_str(&rows, r, name), *b = row_str(&moved, r, name);

			if (a == NULL)
				assert_null(b);
			else
				assert_string_equal(a, b);
			assert_int_equal(row_int(&rows, r, name), row_int(&moved, r, name));
			assert_true(row_double(&rows, r, name) == row_double(&moved, r, name));
			assert_int_equal(row_len(&rows, r, name), row_len(&moved, r, name));
			assert_int_equal(row_null(&rows, r, name), row_null(&moved, r, name));
		}
	assert_int_equal(row_int(&moved, 2, "id"), 3);
	assert_string_equal(row_str(&moved, 2, "name"), "carla");
	assert_true(row_null(&moved, 1, "name"));
}

static void a_name_the_result_lacks_reads_as_null(void **state)
{
	db_rows rows = three_rows(), empty = { 0, 0, NULL, NULL, NULL, NULL, NULL, 0 };
	captured c;
	char *log;

	(void)state;
	capture_start(&c);
	assert_null(row_str(&rows, 0, "user_id"));
	assert_int_equal(row_int(&rows, 0, "user_id"), 0);
	assert_true(row_double(&rows, 0, "user_id") == 0.0);
	assert_int_equal(row_len(&rows, 0, "user_id"), 0);
	assert_true(row_null(&rows, 0, "user_id"));
	/* a label is read whole, not by its beginning */
	assert_null(row_str(&rows, 0, "nam"));
	/* a result with no columns at all */
	assert_null(row_str(&empty, 0, "id"));
	assert_int_equal(row_int(&empty, 0, "id"), 0);
	log = capture_stop(&c);
	/* each is the code's mistake, and logged with the name it asked for */
	assert_int_equal(count_lines(log), 8);
	assert_contains(log, "db: no column 'user_id'");
	assert_contains(log, "db: no column 'nam'");
	assert_contains(log, "db: no column 'id' in this result (0 columns)");
	free(log);
}

/* ---- the key of a read (rows kept, selects started ahead) ---- */

static const char SQL_A[] = "SELECT a FROM t WHERE id = ?";
static const char SQL_B[] = "SELECT b FROM t WHERE id = ?";

static void key_of(const char *sql, const db_param *p, size_t n, char *out)
{
	assert_int_equal(db_read_key(sql, p, n, out, 512), 0);
}

static void statement_and_each_parameter_make_the_key(void **state)
{
	char k1[512], k2[512], k3[512], k4[512], k5[512];
	db_param one[] = { DBI(7) }, other[] = { DBI(8) };
	db_param text[] = { DBS("7") }, null[] = { DBNULL };

	(void)state;
	key_of(SQL_A, one, 1, k1);
	key_of(SQL_A, other, 1, k2);
	key_of(SQL_B, one, 1, k3);
	key_of(SQL_A, text, 1, k4);
	key_of(SQL_A, null, 1, k5);
	assert_string_not_equal(k1, k2);
	assert_string_not_equal(k1, k3); /* the same parameters, another statement */
	assert_string_not_equal(k1, k4); /* 7 the number and "7" the text */
	assert_string_not_equal(k1, k5);
	key_of(SQL_A, one, 1, k2);
	assert_string_equal(k1, k2);
}

static void a_separator_in_a_value_cannot_pass_for_two_values(void **state)
{
	char k1[512], k2[512];
	db_param joined[] = { DBS("es|s2:en") }, apart[] = { DBS("es"), DBS("en") };

	(void)state;
	key_of(SQL_A, joined, 1, k1);
	key_of(SQL_A, apart, 2, k2);
	assert_string_not_equal(k1, k2);
}

static void what_cannot_be_a_key_is_not_kept(void **state)
{
	char key[512], big[600];
	db_param nul[] = { DBB("a\0b", 3) }, fits[] = { DBS("abc") };

	(void)state;
	assert_int_equal(db_read_key(SQL_A, nul, 1, key, sizeof(key)), -1);
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	fits[0] = DBS(big);
	assert_int_equal(db_read_key(SQL_A, fits, 1, key, sizeof(key)), -1);
	/* a small buffer: never written past */
	fits[0] = DBS("abc");
	assert_int_equal(db_read_key(SQL_A, fits, 1, key, 8), -1);
}

/* ---- a database that does not answer ---- */

typedef struct down {
	config cfg;
	db *d;
} down;

static int down_setup(void **state)
{
	down *x = calloc(1, sizeof(*x));

	if (x == NULL)
		return -1;
	if (config_parse(&x->cfg, "db.host = localhost\n"
				  "db.socket = /nonexistent/tertulia-unit.sock\n"
				  "db.name = nothing\n"
				  "db.unit.password = s3cret-pw\n") != 0)
		return -1;
	if (db_new(&x->d, &x->cfg, "unit") != 0)
		return -1;
	*state = x;
	return 0;
}

static int down_teardown(void **state)
{
	down *x = *state;

	db_free(x->d);
	config_free(&x->cfg);
	free(x);
	return 0;
}

static void new_does_not_connect(void **state)
{
	down *x = *state;

	assert_null(db_handle(x->d));
}

/* Checks what a failing block logged: `lines` lines, each the failed
 * connection, never the password; frees the log. */
static void expect_logged(char *log, int lines)
{
	if (count_lines(log) != lines)
		fail_msg("%d log lines, want %d: %s", count_lines(log), lines, log);
	if (lines > 0)
		assert_contains(log, "db: connect to /nonexistent/tertulia-unit.sock as unit failed");
	assert_not_contains(log, "s3cret");
	free(log);
}

static void ensure_and_ping_report_down(void **state)
{
	down *x = *state;
	captured c;
	int rc1, rc2;

	capture_start(&c);
	rc1 = db_ensure(x->d);
	rc2 = db_ping(x->d);
	expect_logged(capture_stop(&c), 2);
	assert_int_equal(rc1, E_DBDOWN);
	assert_int_equal(rc2, E_DBDOWN);
	assert_null(db_handle(x->d));
}

static void queries_report_down(void **state)
{
	down *x = *state;
	db_result res;
	db_rows *rows = NULL;
	long long n = 99;
	captured c;
	int rc1, rc2, rc3;

	capture_start(&c);
	rc1 = DB_EXEC(x->d, SQL_SET, &res, DBS("a"), DBI(1));
	rc2 = db_select(x->d, SQL_ONE, NULL, 0, &rows);
	rc3 = db_select_int(x->d, SQL_ONE, NULL, 0, &n);
	expect_logged(capture_stop(&c), 3); /* once each, where it failed */
	assert_int_equal(rc1, E_DBDOWN);
	assert_int_equal(rc2, E_DBDOWN);
	assert_null(rows);
	assert_int_equal(rc3, E_DBDOWN);
	assert_int_equal(n, 99);
}

static void transactions_report_down(void **state)
{
	down *x = *state;
	captured c;
	int rc1, rc2, rc3;

	capture_start(&c);
	rc1 = db_begin(x->d);
	rc2 = db_commit(x->d);  /* no connection: nothing to try */
	db_rollback(x->d);      /* harmless without a connection */
	rc3 = db_run_script(x->d, "SELECT 1;");
	expect_logged(capture_stop(&c), 2);
	assert_int_equal(rc1, E_DBDOWN);
	assert_int_equal(rc2, E_DBDOWN);
	assert_int_equal(rc3, E_DBDOWN);
}

/* Bulk loads (tertuliactl generate) bind thousands of values in one
 * statement: a long parameter list is not refused, it goes on to the
 * server like any other (here: to a server that is down). */
/* A select started ahead on a database that does not answer starts
 * nothing; the select itself then fails as usual, and there is nothing
 * to drop. */
static void ahead_reports_down_through_the_select(void **state)
{
	down *x = *state;
	db_rows *rows = NULL;
	captured c;
	int rc;

	capture_start(&c);
	DB_SELECT_AHEAD(x->d, SQL_SET, DBS("a"), DBI(1));
	rc = db_select(x->d, SQL_ONE, NULL, 0, &rows);
	db_ahead_drop(x->d);
	expect_logged(capture_stop(&c), 2); /* the side connection, then the select's */
	assert_int_equal(rc, E_DBDOWN);
	assert_null(rows);
}

static void many_parameters_accepted(void **state)
{
	down *x = *state;
	db_param p[2000];
	captured c;
	size_t i;
	int rc;

	for (i = 0; i < 2000; i++)
		p[i] = DBI(i);
	capture_start(&c);
	rc = db_exec(x->d, SQL_SET, p, 2000, NULL);
	expect_logged(capture_stop(&c), 1); /* the failed connection, once */
	assert_int_equal(rc, E_DBDOWN);
}

#define D(fn) cmocka_unit_test_setup_teardown(fn, down_setup, down_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(str_param),
		cmocka_unit_test(null_string_is_sql_null),
		cmocka_unit_test(bytes_param_keeps_nul),
		cmocka_unit_test(macros),
		cmocka_unit_test(cells_and_bounds),
		cmocka_unit_test(copy_has_its_own_values),
		cmocka_unit_test(filter_keeps_rows_in_order),
		cmocka_unit_test(free_null_rows),
		cmocka_unit_test(row_reads_by_label),
		cmocka_unit_test(moved_columns_read_the_same),
		cmocka_unit_test(a_name_the_result_lacks_reads_as_null),
		cmocka_unit_test(statement_and_each_parameter_make_the_key),
		cmocka_unit_test(a_separator_in_a_value_cannot_pass_for_two_values),
		cmocka_unit_test(what_cannot_be_a_key_is_not_kept),
		D(new_does_not_connect),
		D(ensure_and_ping_report_down),
		D(queries_report_down),
		D(transactions_report_down),
		D(ahead_reports_down_through_the_select),
		D(many_parameters_accepted),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
