/* tertuliactl.c: the command line. It reads the same configuration as the
 * programs and connects as the administrative database account (db.admin.*).
 *
 * Every command is a row of `commands` below: its name, one line for the
 * list, what it takes (an arg_spec, args.h), its own checks and its
 * handler. main finds the row, parses the rest of the command line against
 * the spec and runs the checks before it reads the configuration or
 * reaches the database, so a command line that is wrong changes nothing:
 *
 *   tertuliactl --help | -h | help        the commands, on stdout, exit 0
 *   tertuliactl COMMAND --help | -h       its usage, on stdout, exit 0
 *   tertuliactl help COMMAND              the same
 *   anything wrong (no command, an unknown one, an unknown option, an
 *   option without its value, a bad number, an operand missing or extra)
 *                                         what is wrong and the usage, on
 *                                         stderr, exit 2
 * Otherwise the command's exit status: 0 done, 1 failed (see each file).
 */
#include "base/args.h"
#include "base/config.h"
#include "db/db.h"
#include "base/err.h"
#include "web/form.h"
#include "base/log.h"
#include "base/str.h"
#include "services/users.h"
#include "web/visitor_cache.h"
#include "ctl/ctl.h"
#include "services/rollup.h"

#include <ctype.h>
#include <dirent.h>
#include <mysql.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char SQL_MIGRATIONS_TABLE[] =
	"CREATE TABLE IF NOT EXISTS schema_migrations ("
	" version VARCHAR(200) NOT NULL PRIMARY KEY, applied_at DATETIME NOT NULL"
	") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4";
static const char SQL_MIGRATION_DONE[] =
	"SELECT COUNT(*) FROM schema_migrations WHERE version = ?";
static const char SQL_MIGRATION_RECORD[] =
	"INSERT INTO schema_migrations (version, applied_at) VALUES (?, UTC_TIMESTAMP())";

/* One migrate at a time. Two at once on a new database both ran 0001 and
 * one failed; each migration can run again (IF NOT EXISTS forms), but two
 * running the same ALTER side by side is nothing to rely on. The lock is a
 * row of schema_lock, inserted in a transaction of its own: whoever
 * inserts it holds the lock, the others find the key taken and wait. A row
 * and not GET_LOCK, because GET_LOCK is local to one node of a Galera
 * cluster, while the row is replicated and two nodes' inserts of the same
 * key cannot both commit (the second is a duplicate, or fails
 * certification as a deadlock: both mean wait). It holds across the
 * migrations' DDL, which commits any open transaction, and works on a
 * single server and a primary alike. The row names its holder (the node and
 * its connection): a holder that died on the node we are on, whose
 * connection is gone, is cleared; one on another node cannot be seen, and
 * after LOCK_WAIT_SECONDS the migrate gives up saying who holds it. */
#define LOCK_WAIT_SECONDS 600
static const char SQL_LOCK_TABLE[] =
	"CREATE TABLE IF NOT EXISTS schema_lock ("
	" id TINYINT UNSIGNED NOT NULL PRIMARY KEY, node VARCHAR(200) NOT NULL,"
	" conn BIGINT UNSIGNED NOT NULL, taken_at DATETIME NOT NULL"
	") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4";
static const char SQL_LOCK_TAKE[] =
	"INSERT INTO schema_lock (id, node, conn, taken_at)"
	" VALUES (1, CONCAT(@@hostname, ':', @@port), CONNECTION_ID(), UTC_TIMESTAMP())";
static const char SQL_LOCK_HELD[] =
	"SELECT COUNT(*) FROM schema_lock WHERE id = 1"
	" AND node = CONCAT(@@hostname, ':', @@port) AND conn = CONNECTION_ID()";
/* The holder's connection, on our node, is gone: its migrate died. (The
 * same account sees its own connections without the PROCESS privilege.) */
static const char SQL_LOCK_CLEAR_DEAD[] =
	"DELETE FROM schema_lock WHERE id = 1 AND node = CONCAT(@@hostname, ':', @@port)"
	" AND conn NOT IN (SELECT ID FROM information_schema.PROCESSLIST)";
static const char SQL_LOCK_HOLDER[] =
	"SELECT node, conn, taken_at FROM schema_lock WHERE id = 1";
static const char SQL_LOCK_RELEASE[] =
	"DELETE FROM schema_lock WHERE id = 1"
	" AND node = CONCAT(@@hostname, ':', @@port) AND conn = CONNECTION_ID()";

static void say_holder(db *d, const char *what)
{
	db_rows *rows = NULL;

	if (db_select(d, SQL_LOCK_HOLDER, NULL, 0, &rows) == 0 && rows->nrows > 0)
		fprintf(stderr, "migrate: %s: another migrate holds schema_lock (node %s, "
			"connection %s, since %s UTC)\n", what, row_str(rows, 0, "node"),
			row_str(rows, 0, "conn"), row_str(rows, 0, "taken_at"));
	db_rows_free(rows);
}

/* Takes the lock, waiting for another migrate's; 0 or an error code, said
 * on stderr. */
static int take_migrate_lock(db *d)
{
	const struct timespec pause = { 0, 200 * 1000 * 1000 };
	long tries, max = LOCK_WAIT_SECONDS * 5L;
	int rc = db_exec(d, SQL_LOCK_TABLE, NULL, 0, NULL);

	for (tries = 0; rc == 0 && tries <= max; tries++) {
		rc = db_exec(d, SQL_LOCK_TAKE, NULL, 0, NULL);
		if (rc == 0)
			return 0;
		if (rc != E_DUP && rc != E_RETRY)
			break;
		if (tries == 0)
			say_holder(d, "waiting");
		rc = db_exec(d, SQL_LOCK_CLEAR_DEAD, NULL, 0, NULL);
		if (rc == 0)
			nanosleep(&pause, NULL);
	}
	if (rc == 0) {
		say_holder(d, "gave up");
		fprintf(stderr, "migrate: if no migrate runs, DELETE FROM schema_lock\n");
		return E_CONFLICT;
	}
	fprintf(stderr, "migrate: cannot take schema_lock\n");
	return rc;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static int cmd_migrate(db *d, const config *cfg, const args *a)
{
	const char *dir = config_get(cfg, "sql_dir", "sql");
	struct dirent **list = NULL;
	int n, i, rc, applied = 0;
	char why[300];

	(void)a;
	rc = db_check_server_settings(d, why, sizeof(why));
	if (rc == E_INVALID || rc == E_DB) {
		fprintf(stderr, "migrate: %s\n", why);
		return 1;
	}
	rc = db_ensure(d);
	if (rc == 0)
		rc = db_exec(d, SQL_MIGRATIONS_TABLE, NULL, 0, NULL);
	if (rc != 0) {
		fprintf(stderr, "migrate: cannot reach the database\n");
		return 1;
	}
	/* before the migrations, so that an account one of them creates
	 * already has its password; an existing account is left as it is
	 * (ctl/hosts.c: other hosts use it) */
	if (ctl_program_accounts(d, cfg) != 0)
		return 1;
	n = scandir(dir, &list, NULL, by_name);
	if (n < 0) {
		fprintf(stderr, "migrate: cannot read %s\n", dir);
		return 1;
	}
	rc = take_migrate_lock(d);
	for (i = 0; i < n && rc == 0; i++) {
		const char *name = list[i]->d_name;
		size_t len = strlen(name);
		long long done = 0, held = 0;
		strbuf sql = STRBUF_INIT;
		char path[1024];

		if (len < 9 || strcmp(name + len - 4, ".sql") != 0 ||
		    name[0] < '0' || name[0] > '9')
			continue;
		rc = DB_SELECT_INT(d, SQL_MIGRATION_DONE, &done, DBS(name));
		if (rc != 0 || done)
			continue;
		/* the lock is this connection's: a new one (the server went
		 * away meanwhile) may have lost it to another migrate */
		rc = db_select_int(d, SQL_LOCK_HELD, NULL, 0, &held);
		if (rc == 0 && !held) {
			fprintf(stderr, "migrate: lost schema_lock\n");
			rc = E_CONFLICT;
		}
		/* a FULLTEXT index made or rebuilt from here keeps the
		 * forum's stopwords (sql/0003) */
		if (rc == 0)
			rc = db_use_stopwords(d);
		snprintf(path, sizeof(path), "%s/%s", dir, name);
		if (rc == 0)
			rc = strbuf_read_file(&sql, path);
		if (rc == 0)
			rc = db_run_script(d, sql.s ? sql.s : "");
		if (rc == 0)
			rc = DB_EXEC(d, SQL_MIGRATION_RECORD, NULL, DBS(name));
		if (rc == 0) {
			printf("applied %s\n", name);
			applied++;
		} else {
			fprintf(stderr, "migrate: %s failed; later migrations not applied\n", name);
		}
		strbuf_free(&sql);
	}
	for (i = 0; i < n; i++)
		free(list[i]);
	free(list);
	/* only this connection's row goes */
	db_exec(d, SQL_LOCK_RELEASE, NULL, 0, NULL);
	if (rc == 0)
		rc = ctl_program_logins(cfg);
	if (rc == 0 && applied == 0)
		printf("schema up to date\n");
	return rc == 0 ? 0 : 1;
}

/* Reads one line (the password) from stdin without its newline. */
static int read_password(char *buf, size_t size)
{
	size_t n;

	if (fgets(buf, (int)size, stdin) == NULL)
		return E_INVALID;
	n = strlen(buf);
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
		buf[--n] = '\0';
	return n > 0 ? 0 : E_INVALID;
}

static const arg_opt user_add_options[] = {
	{ "--email", ARG_TEXT, ARG_REQUIRED, 0, 0, 0, "E", "the account's address" },
	{ "--role", ARG_TEXT, ARG_REPEAT, 0, 0, 0, "R", "moderator, staff, marketing or admin" },
};
static const arg_spec user_add_args = { ARGS_OPTS(user_add_options), "NAME", 1, 1, 0 };

static int check_user_add(const args *a, char *why, size_t size)
{
	const char *r;
	size_t i;

	if (valid_username(a->operand[0]) != 0) {
		snprintf(why, size, "NAME: 3-30 characters of A-Z a-z 0-9 _ . -");
		return ARGS_BAD;
	}
	if (valid_email(args_text(a, "--email")) != 0) {
		snprintf(why, size, "--email: a valid address is required");
		return ARGS_BAD;
	}
	for (i = 0; (r = args_nth(a, "--role", i)) != NULL; i++)
		if (strcmp(r, "member") != 0 && role_bit(r, strlen(r)) == 0) {
			snprintf(why, size, "--role: unknown role %s", r);
			return ARGS_BAD;
		}
	return ARGS_OK;
}

static int cmd_user_add(db *d, const config *cfg, const args *a)
{
	const char *name = a->operand[0], *email = args_text(a, "--email"), *r;
	char pw[1024], roles[64];
	const char *problem;
	unsigned bits = 0;
	long long id;
	size_t i;
	int rc;

	(void)cfg;
	/* checked by check_user_add; "member" is every account */
	for (i = 0; (r = args_nth(a, "--role", i)) != NULL; i++)
		bits |= role_bit(r, strlen(r));
	if (read_password(pw, sizeof(pw)) != 0) {
		fprintf(stderr, "password: give it on standard input\n");
		return 2;
	}
	if ((problem = password_problem(pw, name, email)) != NULL) {
		fprintf(stderr, "password refused (%s): at least %d characters, not a common one\n",
			problem, PASSWORD_MIN);
		return 2;
	}
	roles_format(bits, roles, sizeof(roles));
	/* the account and the audit line of its roles commit together */
	rc = db_begin(d);
	if (rc == 0)
		rc = users_create(d, name, email, pw, roles, &id);
	sodium_memzero(pw, sizeof(pw));
	if (rc == 0 && bits)
		rc = audit_add(d, 0, "roles", "user", id, "tertuliactl user add", roles);
	rc = db_end(d, rc);
	if (rc == E_DUP) {
		fprintf(stderr, "that username or email is taken\n");
		return 1;
	}
	if (rc != 0) {
		fprintf(stderr, "user add failed: %s\n", err_name(rc));
		return 1;
	}
	printf("user %s created (id %lld)%s%s\n", name, id, bits ? " with roles " : "", roles);
	return 0;
}

/* -ROLE is an operand here, not an option */
static const arg_spec user_role_args = { NULL, 0, "NAME +ROLE|-ROLE...", 2, ARGS_ANY, 1 };

/* The bit of a "+ROLE" or "-ROLE" operand, or 0. */
static unsigned role_change(const char *op)
{
	return (op[0] == '+' || op[0] == '-') ? role_bit(op + 1, strlen(op + 1)) : 0;
}

static int check_user_role(const args *a, char *why, size_t size)
{
	int i;

	for (i = 1; i < a->noperands; i++)
		if (role_change(a->operand[i]) == 0) {
			snprintf(why, size, "expected +ROLE or -ROLE (moderator staff marketing admin), "
				 "got %s", a->operand[i]);
			return ARGS_BAD;
		}
	return ARGS_OK;
}

static int cmd_user_role(db *d, const config *cfg, const args *a)
{
	const char *name = a->operand[0];
	char set[64], new_set[64], detail[160];
	unsigned bits;
	long long id;
	int i, rc;

	(void)cfg;
	rc = users_get_roles(d, name, &id, set, sizeof(set));
	if (rc == E_NOTFOUND) {
		fprintf(stderr, "no user named %s\n", name);
		return 1;
	}
	if (rc != 0)
		return 1;
	bits = roles_parse(set);
	for (i = 1; i < a->noperands; i++) {
		unsigned bit = role_change(a->operand[i]);
		bits = a->operand[i][0] == '+' ? (bits | bit) : (bits & ~bit);
	}
	roles_format(bits, new_set, sizeof(new_set));
	snprintf(detail, sizeof(detail), "%s -> %s", set, new_set);
	rc = db_begin(d);
	if (rc == 0)
		rc = users_set_roles(d, id, new_set);
	if (rc == 0)
		rc = audit_add(d, 0, "roles", "user", id, "tertuliactl user role", detail);
	rc = db_end(d, rc);
	if (rc != 0) {
		fprintf(stderr, "user role failed: %s\n", err_name(rc));
		return 1;
	}
	printf("%s: roles %s\n", name, *new_set ? new_set : "(member)");
	return 0;
}

/* The commands with no options or operands, and handlers whose own
 * signature is shared with other callers (ctl_rollup ends ctl_demo). */
static const arg_spec nothing = { NULL, 0, "", 0, 0, 0 };

static int cmd_demo(db *d, const config *cfg, const args *a)
{
	(void)a;
	return ctl_demo(d, cfg);
}

static int cmd_rollup(db *d, const config *cfg, const args *a)
{
	(void)a;
	return ctl_rollup(d, cfg);
}

static int cmd_sentiment(db *d, const config *cfg, const args *a)
{
	(void)d;
	(void)a;
	return ctl_sentiment(cfg);
}

/* command.flags */
#define CMD_DB 1u	/* gets the administrative db handle (else NULL) */
#define CMD_WRITES 2u	/* writes what the pages show: a success marks the changes file */

typedef struct command {
	const char *name;	/* "generate", or "user add": a group and a subcommand */
	const char *summary;	/* one line for the list of commands */
	const arg_spec *spec;	/* what it takes; args_parse checks it, args_usage prints it */
	const char *notes;	/* more lines for its --help, or NULL */
	int (*check)(const args *a, char *why, size_t size);	/* NULL, or more checks */
	int (*run)(db *d, const config *cfg, const args *a);
	unsigned flags;
} command;

static const command commands[] = {
	{ "migrate", "apply the migrations in sql/ not applied yet", &nothing, NULL,
	  NULL, cmd_migrate, CMD_DB | CMD_WRITES },
	{ "user add", "create an account (its password read from stdin)", &user_add_args,
	  "The password is the first line of standard input.\n", check_user_add, cmd_user_add,
	  CMD_DB | CMD_WRITES },
	{ "user role", "grant (+ROLE) or take (-ROLE) roles", &user_role_args,
	  "roles: moderator staff marketing admin\n", check_user_role, cmd_user_role,
	  CMD_DB | CMD_WRITES },
	{ "user unsuspend", "lift a member's suspension and silence (audited)",
	  &ctl_user_unsuspend_args, NULL, ctl_user_unsuspend_check, ctl_user_unsuspend,
	  CMD_DB | CMD_WRITES },
	{ "demo", "load the demo community (once)", &nothing, NULL, NULL, cmd_demo,
	  CMD_DB | CMD_WRITES },
	{ "mail", "the mail sender (the service make run starts)",
	  &ctl_mail_args, NULL, NULL, ctl_mail, 0 },
	{ "drain", "apply the queued counter jobs (--follow: the service make run starts)",
	  &ctl_drain_args, NULL, NULL, ctl_drain, CMD_DB },
	{ "reengage", "queue a digest for members not seen for N days", &ctl_reengage_args,
	  NULL, NULL, ctl_reengage, 0 },
	{ "generate", "a large synthetic community, for the benchmarks", &ctl_generate_args,
	  "It refuses a database that holds more than the demo (accounts the demo did not\n"
	  "create, content written since it was loaded) unless given --yes, and one it has\n"
	  "filled already.\n", ctl_generate_check, ctl_generate, CMD_DB | CMD_WRITES },
	{ "products import", "add or update products from CSV (sku,name,...)", &ctl_import_args,
	  "Columns: sku, name (required), description, category, image_url, active.\n",
	  NULL, ctl_products_import, CMD_DB | CMD_WRITES },
	{ "orders import", "add or update orders from CSV (email,sku,date,order_id)",
	  &ctl_import_args, "Columns: email, sku, date (YYYY-MM-DD), order_id.\n",
	  NULL, ctl_orders_import, CMD_DB | CMD_WRITES },
	{ "orders invite", "print a signed review invitation link", &ctl_orders_invite_args,
	  "DAYS: how long the link is valid, 1-365 (reviews.invite_days, else 30).\n",
	  ctl_orders_invite_check, ctl_orders_invite, CMD_DB },
	{ "apikey create", "make a key for POST /api/orders (printed once)",
	  &ctl_apikey_name_args, NULL, ctl_apikey_name_check, ctl_apikey_create, CMD_DB },
	{ "apikey list", "the keys, with when each was last used", &nothing, NULL, NULL,
	  ctl_apikey_list, CMD_DB },
	{ "apikey revoke", "revoke the key called NAME", &ctl_apikey_name_args, NULL,
	  ctl_apikey_name_check, ctl_apikey_revoke, CMD_DB },
	{ "sentiment", "score stdin, one text a line: label, score, language", &nothing, NULL,
	  NULL, cmd_sentiment, 0 },
	{ "rollup", "rebuild the insight rollups from scratch", &nothing, NULL, NULL, cmd_rollup,
	  CMD_DB | CMD_WRITES },
	{ "check", "check every table; --repair rebuilds the unsound", &ctl_check_args, NULL,
	  NULL, ctl_check, CMD_DB },
	{ "passwords rotate", "new passwords for the programs' database accounts",
	  &ctl_passwords_rotate_args,
	  "PROGRAM: account, forum, reviews, ideas, moderation, insights, mail (all by default).\n"
	  "Writes them into the configuration file and gives them to the accounts. Every\n"
	  "host then needs the new file: copy it to each host, then restart the programs\n"
	  "and the mail sender on each.\n",
	  ctl_passwords_rotate_check, ctl_passwords_rotate, CMD_DB },
	{ "host config", "write a new app host's configuration from this one",
	  &ctl_host_config_args,
	  "It keeps what the hosts share (secret, db.*, the accounts and their passwords,\n"
	  "smtp.*, site.*, the rest) and leaves out this host's own files (templates,\n"
	  "sql_dir, sentiment.*_dir, cache.changes_file); db.private becomes 0.\n",
	  NULL, ctl_host_config, 0 },
};
#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

/* Whether command c is word (n bytes) of the group name group. */
static int in_group(const command *c, const char *group)
{
	size_t n = strlen(group);

	return strncmp(c->name, group, n) == 0 && c->name[n] == ' ';
}

/* The row for "word" or "group sub": *used says how many of the words it
 * took. NULL when there is none; *used is then 1 when word is a group (its
 * subcommand missing or unknown), 0 when it names nothing. */
static const command *lookup(const char *word, const char *sub, int *used)
{
	size_t i;

	*used = 0;
	for (i = 0; i < NCOMMANDS; i++) {
		const command *c = &commands[i];
		if (strcmp(c->name, word) == 0) {
			*used = 1;
			return c;
		}
		if (in_group(c, word)) {
			*used = 1;
			if (sub && strcmp(c->name + strlen(word) + 1, sub) == 0) {
				*used = 2;
				return c;
			}
		}
	}
	return NULL;
}

static void list_commands(FILE *f)
{
	size_t i;

	fprintf(f, "usage: tertuliactl [--config FILE] COMMAND [ARGUMENTS]\n"
		   "       tertuliactl COMMAND --help     what COMMAND takes\n"
		   "The configuration is FILE, else $TERTULIA_CONFIG, else var/tertulia.conf.\n"
		   "Commands:\n");
	for (i = 0; i < NCOMMANDS; i++)
		fprintf(f, "  %-17s %s\n", commands[i].name, commands[i].summary);
	fprintf(f, "A command line that is wrong changes nothing and exits 2.\n");
}

static void command_usage(FILE *f, const command *c)
{
	char prefix[64];

	snprintf(prefix, sizeof(prefix), "tertuliactl %s", c->name);
	args_usage(f, prefix, c->spec);
	/* the summary as a sentence */
	fprintf(f, "%c%s.\n", toupper((unsigned char)c->summary[0]), c->summary + 1);
	if (c->notes)
		fputs(c->notes, f);
}

/* The synopsis of every command of a group ("user"). */
static void group_usage(FILE *f, const char *group)
{
	char prefix[64];
	size_t i;

	for (i = 0; i < NCOMMANDS; i++)
		if (in_group(&commands[i], group)) {
			snprintf(prefix, sizeof(prefix), "tertuliactl %s", commands[i].name);
			args_synopsis(f, prefix, commands[i].spec);
		}
	fprintf(f, "tertuliactl %s SUBCOMMAND --help: what each takes\n", group);
}

/* `help [COMMAND [SUB]]`: the list, or one command's usage, on stdout. */
static int help(int argc, char **argv)
{
	const command *c;
	int used;

	if (argc == 0) {
		list_commands(stdout);
		return 0;
	}
	c = lookup(argv[0], argc > 1 ? argv[1] : NULL, &used);
	if (c != NULL && used == argc) {
		command_usage(stdout, c);
		return 0;
	}
	if (c == NULL && used == 1 && argc == 1) {
		group_usage(stdout, argv[0]);
		return 0;
	}
	fprintf(stderr, "tertuliactl help: no command called");
	for (used = 0; used < argc; used++)
		fprintf(stderr, " %s", argv[used]);
	fprintf(stderr, "\n");
	list_commands(stderr);
	return 2;
}

int main(int argc, char **argv)
{
	const char *config_path = config_default_path();
	const command *c;
	char why[256];
	config cfg;
	args a;
	db *d = NULL;
	int rc, used;

	log_set_name("tertuliactl");
	argc--;
	argv++;
	/* the one option before the command */
	if (argc >= 1 && strncmp(argv[0], "--config=", 9) == 0) {
		config_path = argv[0] + 9;
		argc--;
		argv++;
	} else if (argc >= 1 && strcmp(argv[0], "--config") == 0) {
		if (argc < 2 || strncmp(argv[1], "--", 2) == 0) {
			fprintf(stderr, "tertuliactl: --config needs a value (FILE)\n");
			list_commands(stderr);
			return 2;
		}
		config_path = argv[1];
		argc -= 2;
		argv += 2;
	}
	if (argc == 0) {
		list_commands(stderr);
		return 2;
	}
	if (strcmp(argv[0], "--help") == 0 || strcmp(argv[0], "-h") == 0 ||
	    strcmp(argv[0], "help") == 0)
		return help(argc - 1, argv + 1);
	if (argv[0][0] == '-') {
		fprintf(stderr, "tertuliactl: unknown option %s\n", argv[0]);
		list_commands(stderr);
		return 2;
	}
	c = lookup(argv[0], argc > 1 ? argv[1] : NULL, &used);
	if (c == NULL && used == 1) {
		/* a group: its subcommand missing, unknown, or --help */
		if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
			group_usage(stdout, argv[0]);
			return 0;
		}
		if (argc > 1)
			fprintf(stderr, "tertuliactl %s: unknown subcommand %s\n", argv[0], argv[1]);
		else
			fprintf(stderr, "tertuliactl %s: which one?\n", argv[0]);
		group_usage(stderr, argv[0]);
		return 2;
	}
	if (c == NULL) {
		fprintf(stderr, "tertuliactl: unknown command %s\n", argv[0]);
		list_commands(stderr);
		return 2;
	}
	/* everything about the command line is known to be right before the
	 * configuration is read: a wrong one reaches nothing */
	rc = args_parse(&a, c->spec, argc - used, argv + used, why, sizeof(why));
	if (rc == ARGS_OK && c->check)
		rc = c->check(&a, why, sizeof(why));
	if (rc == ARGS_HELP) {
		command_usage(stdout, c);
		return 0;
	}
	if (rc != ARGS_OK) {
		fprintf(stderr, "tertuliactl %s: %s\n", c->name, why);
		command_usage(stderr, c);
		return 2;
	}
	if (sodium_init() < 0)
		return 1;
	if (config_load(&cfg, config_path) != 0) {
		fprintf(stderr, "cannot read configuration %s\n", config_path);
		return 1;
	}
	password_set_cost((unsigned long long)config_int(&cfg, "password.ops", 0),
			  (size_t)config_int(&cfg, "password.mem", 0));
	rc = 1;
	if ((c->flags & CMD_DB) && db_new(&d, &cfg, "admin") != 0)
		goto out;
	/* a command run by hand waits for its statements as long as they take
	 * (a rebuild's run for minutes); the person can stop it */
	if (d)
		db_set_timeout(d, 0);
	rc = c->run(d, &cfg, &a);
	/* what a command wrote through the stores left jobs queued for the
	 * shared counters (services/rollup.h): applied before it ends, as a
	 * program applies its own after each write (the demo leaves hundreds) */
	if (rc == 0 && d && (c->flags & CMD_WRITES)) {
		long long applied;
		if (rollup_drain(d, 0, &applied) != 0)
			fprintf(stderr, "the queued counter jobs were not applied: "
				"run `tertuliactl drain`\n");
	}
	/* what changed content leaves the pages kept for visitors old (a
	 * stack that is not running keeps none: nothing to mark) */
	if (rc == 0 && (c->flags & CMD_WRITES)) {
		char *changes = visitor_changes_file(&cfg, config_path);
		if (changes)
			visitor_stamp_touch(changes);
		free(changes);
	}
out:
	db_free(d);
	config_free(&cfg);
	return rc;
}
