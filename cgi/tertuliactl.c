/* tertuliactl.c: the command line. It reads the same configuration as the
 * programs and connects as the administrative database account (db.admin.*).
 *
 *   tertuliactl migrate                      apply sql/NNNN_*.sql once each
 *   tertuliactl user add NAME --email E [--role R]...   password on stdin
 *   tertuliactl user role NAME +R -R ...
 *   tertuliactl demo                         load the demo community once
 *   tertuliactl mail [--once]                the mail sender (a service)
 *   tertuliactl reengage --days N            digests for dormant members
 *   tertuliactl sentiment                    label<TAB>score<TAB>lang per line
 *   tertuliactl rollup                       rebuild the insight rollups
 *   tertuliactl check [--repair]             CHECK TABLE all; rebuild what fails
 */
#include "core/config.h"
#include "core/db.h"
#include "core/err.h"
#include "core/form.h"
#include "core/log.h"
#include "core/str.h"
#include "core/users.h"
#include "core/visitor_cache.h"
#include "ctl/ctl.h"

#include <dirent.h>
#include <mysql.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char SQL_MIGRATIONS_TABLE[] =
	"CREATE TABLE IF NOT EXISTS schema_migrations ("
	" version VARCHAR(200) NOT NULL PRIMARY KEY, applied_at DATETIME NOT NULL"
	") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4";
static const char SQL_MIGRATION_DONE[] =
	"SELECT COUNT(*) FROM schema_migrations WHERE version = ?";
static const char SQL_MIGRATION_RECORD[] =
	"INSERT INTO schema_migrations (version, applied_at) VALUES (?, UTC_TIMESTAMP())";

static int usage(void)
{
	fprintf(stderr,
		"usage: tertuliactl [--config FILE] COMMAND\n"
		"  migrate                         apply the migrations in sql/\n"
		"  user add NAME --email E [--role R]...  (password read from stdin)\n"
		"  user role NAME +ROLE -ROLE ...  grant or take roles\n"
		"  demo                            load the demo community (once)\n"
		"  mail [--once] [--pid FILE]      send the outbox (a service; --once: what is due)\n"
		"  reengage --days N [--limit M]   queue a digest for members dormant N days\n"
		"  generate [--posts N ...]        a large synthetic community for benchmarks\n"
		"  products import FILE.csv        add or update products (sku,name,...)\n"
		"  orders import FILE.csv          add or update orders (email,sku,date,order_id)\n"
		"  orders invite SKU EMAIL [DAYS]  print a signed review invitation link\n"
		"  apikey create NAME | list | revoke NAME   keys for POST /api/orders\n"
		"  sentiment                       score stdin, one text a line\n"
		"  rollup                          rebuild the insight rollups from scratch\n"
		"  check [--repair]                check every table; --repair rebuilds the unsound\n"
		"roles: moderator staff marketing admin\n");
	return 2;
}

static int read_file(const char *path, strbuf *out)
{
	char buf[8192];
	size_t n;
	FILE *f = fopen(path, "r");

	if (f == NULL)
		return E_IO;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		if (strbuf_append(out, buf, n) != 0) {
			fclose(f);
			return E_NOMEM;
		}
	fclose(f);
	return 0;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

/* Passwords of the program accounts come from the configuration, which
 * `make run` fills with random hex. ALTER USER takes no placeholders, so the
 * value is checked to be hex before it is put in the statement: it is never
 * outside data. */
static int set_program_passwords(db *d, const config *cfg)
{
	size_t i;

	for (i = 0; i < cfg->items.n; i++) {
		const char *k = cfg->items.items[i].name;
		const char *v = cfg->items.items[i].value;
		char who[64], userkey[96], sql[400];
		const char *user, *p;
		size_t n = strlen(k);

		if (strncmp(k, "db.", 3) != 0 || n < 12 || strcmp(k + n - 9, ".password") != 0)
			continue;
		if (n - 12 >= sizeof(who))
			continue;
		memcpy(who, k + 3, n - 12);
		who[n - 12] = '\0';
		if (strcmp(who, "admin") == 0 || strcmp(who, "replica") == 0)
			continue;
		snprintf(userkey, sizeof(userkey), "db.%s.user", who);
		user = config_get(cfg, userkey, NULL);
		if (user == NULL || strncmp(user, "tertulia_", 9) != 0)
			continue;
		for (p = v; *p; p++)
			if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
				break;
		if (*p != '\0' || strlen(v) < 16 || valid_username(user) != 0) {
			fprintf(stderr, "migrate: %s must be 16 or more lowercase hex digits\n", k);
			return E_INVALID;
		}
		snprintf(sql, sizeof(sql), "ALTER USER '%s'@'%%' IDENTIFIED BY '%s'", user, v);
		if (mysql_query(db_handle(d), sql) != 0) {
			fprintf(stderr, "migrate: setting the password of %s: %s\n", user,
				mysql_error(db_handle(d)));
			return E_DB;
		}
	}
	return 0;
}

static int cmd_migrate(db *d, const config *cfg)
{
	const char *dir = config_get(cfg, "sql_dir", "sql");
	struct dirent **list = NULL;
	int n, i, rc, applied = 0;

	rc = db_ensure(d);
	if (rc == 0)
		rc = db_exec(d, SQL_MIGRATIONS_TABLE, NULL, 0, NULL);
	if (rc != 0) {
		fprintf(stderr, "migrate: cannot reach the database\n");
		return 1;
	}
	n = scandir(dir, &list, NULL, by_name);
	if (n < 0) {
		fprintf(stderr, "migrate: cannot read %s\n", dir);
		return 1;
	}
	for (i = 0; i < n && rc == 0; i++) {
		const char *name = list[i]->d_name;
		size_t len = strlen(name);
		long long done = 0;
		strbuf sql = STRBUF_INIT;
		char path[1024];

		if (len < 9 || strcmp(name + len - 4, ".sql") != 0 ||
		    name[0] < '0' || name[0] > '9')
			continue;
		rc = DB_SELECT_INT(d, SQL_MIGRATION_DONE, &done, DBS(name));
		if (rc != 0 || done)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, name);
		rc = read_file(path, &sql);
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
	if (rc == 0)
		rc = set_program_passwords(d, cfg);
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

static int cmd_user_add(db *d, int argc, char **argv)
{
	const char *name, *email = NULL;
	char pw[1024], roles[64];
	const char *problem;
	unsigned bits = 0;
	long long id;
	int i, rc;

	if (argc < 1)
		return usage();
	name = argv[0];
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--email") == 0 && i + 1 < argc) {
			email = argv[++i];
		} else if (strcmp(argv[i], "--role") == 0 && i + 1 < argc) {
			i++;
			if (strcmp(argv[i], "member") == 0)
				continue;
			if (role_bit(argv[i], strlen(argv[i])) == 0) {
				fprintf(stderr, "unknown role: %s\n", argv[i]);
				return 2;
			}
			bits |= role_bit(argv[i], strlen(argv[i]));
		} else {
			return usage();
		}
	}
	if (valid_username(name) != 0) {
		fprintf(stderr, "username: 3-30 characters of A-Z a-z 0-9 _ . -\n");
		return 2;
	}
	if (email == NULL || valid_email(email) != 0) {
		fprintf(stderr, "--email: a valid address is required\n");
		return 2;
	}
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
	rc = users_create(d, name, email, pw, roles, &id);
	sodium_memzero(pw, sizeof(pw));
	if (rc == E_DUP) {
		fprintf(stderr, "that username or email is taken\n");
		return 1;
	}
	if (rc == 0 && bits)
		rc = audit_add(d, 0, "roles", "user", id, "tertuliactl user add", roles);
	if (rc != 0) {
		fprintf(stderr, "user add failed: %s\n", err_name(rc));
		return 1;
	}
	printf("user %s created (id %lld)%s%s\n", name, id, bits ? " with roles " : "", roles);
	return 0;
}

static int cmd_user_role(db *d, int argc, char **argv)
{
	char set[64], new_set[64], detail[160];
	unsigned bits;
	long long id;
	int i, rc;

	if (argc < 2)
		return usage();
	rc = users_get_roles(d, argv[0], &id, set, sizeof(set));
	if (rc == E_NOTFOUND) {
		fprintf(stderr, "no user named %s\n", argv[0]);
		return 1;
	}
	if (rc != 0)
		return 1;
	bits = roles_parse(set);
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		unsigned bit = (a[0] == '+' || a[0] == '-') ? role_bit(a + 1, strlen(a + 1)) : 0;
		if (bit == 0) {
			fprintf(stderr, "expected +ROLE or -ROLE, got %s\n", a);
			return 2;
		}
		bits = a[0] == '+' ? (bits | bit) : (bits & ~bit);
	}
	roles_format(bits, new_set, sizeof(new_set));
	snprintf(detail, sizeof(detail), "%s -> %s", set, new_set);
	rc = users_set_roles(d, id, new_set);
	if (rc == 0)
		rc = audit_add(d, 0, "roles", "user", id, "tertuliactl user role", detail);
	if (rc != 0) {
		fprintf(stderr, "user role failed: %s\n", err_name(rc));
		return 1;
	}
	printf("%s: roles %s\n", argv[0], *new_set ? new_set : "(member)");
	return 0;
}

/* Commands that write what the pages show. */
static int changes_content(const char *cmd)
{
	static const char *const writers[] = { "migrate", "user", "generate", "demo", "products",
						"orders", "rollup" };
	size_t i;

	for (i = 0; i < sizeof(writers) / sizeof(writers[0]); i++)
		if (strcmp(cmd, writers[i]) == 0)
			return 1;
	return 0;
}

int main(int argc, char **argv)
{
	const char *config_path = config_default_path();
	config cfg;
	db *d = NULL;
	int rc = 2;

	log_set_name("tertuliactl");
	if (argc >= 3 && strcmp(argv[1], "--config") == 0) {
		config_path = argv[2];
		argc -= 2;
		argv += 2;
	}
	if (argc < 2)
		return usage();
	if (sodium_init() < 0)
		return 1;
	if (config_load(&cfg, config_path) != 0) {
		fprintf(stderr, "cannot read configuration %s\n", config_path);
		return 1;
	}
	password_set_cost((unsigned long long)config_int(&cfg, "password.ops", 0),
			  (size_t)config_int(&cfg, "password.mem", 0));
	if (db_new(&d, &cfg, "admin") != 0)
		goto out;
	if (strcmp(argv[1], "migrate") == 0)
		rc = cmd_migrate(d, &cfg);
	else if (strcmp(argv[1], "user") == 0 && argc >= 3 && strcmp(argv[2], "add") == 0)
		rc = cmd_user_add(d, argc - 3, argv + 3);
	else if (strcmp(argv[1], "user") == 0 && argc >= 3 && strcmp(argv[2], "role") == 0)
		rc = cmd_user_role(d, argc - 3, argv + 3);
	else if (strcmp(argv[1], "generate") == 0)
		rc = ctl_generate(d, &cfg, argc - 2, argv + 2);
	else if (strcmp(argv[1], "mail") == 0)
		rc = ctl_mail(&cfg, argc - 2, argv + 2);
	else if (strcmp(argv[1], "reengage") == 0)
		rc = ctl_reengage(&cfg, argc - 2, argv + 2);
	else if (strcmp(argv[1], "demo") == 0)
		rc = ctl_demo(d, &cfg);
	else if (strcmp(argv[1], "products") == 0)
		rc = ctl_products(d, &cfg, argc - 2, argv + 2);
	else if (strcmp(argv[1], "orders") == 0)
		rc = ctl_orders(d, &cfg, argc - 2, argv + 2);
	else if (strcmp(argv[1], "apikey") == 0)
		rc = ctl_apikey(d, &cfg, argc - 2, argv + 2);
	else if (strcmp(argv[1], "sentiment") == 0)
		rc = ctl_sentiment(&cfg);
	else if (strcmp(argv[1], "rollup") == 0)
		rc = ctl_rollup(d, &cfg);
	else if (strcmp(argv[1], "check") == 0)
		rc = ctl_check(d, argc - 2, argv + 2);
	else
		rc = usage();
	/* what changed content leaves the pages kept for visitors old (a
	 * stack that is not running keeps none: nothing to mark) */
	if (rc == 0 && changes_content(argv[1])) {
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
