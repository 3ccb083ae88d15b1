/* hosts.c: the programs' database accounts, for several app hosts on one
 * database: what `migrate` does with them, `passwords rotate [PROGRAM...]`
 * and `host config --out FILE`.
 *
 * Every host reads the same accounts and passwords from its configuration,
 * so no host may change them by starting: migrate creates a program's
 * account, with the configuration's password, only when the account does
 * not exist yet, and leaves an existing one's password alone (a second host
 * whose `make run` generated passwords of its own would otherwise lock the
 * first one's workers out). It then checks that each account takes the
 * configuration's password, and says so when one does not: the host's
 * configuration was not made from the others'. Changing the passwords is
 * the one explicit step, `passwords rotate`, after which every host needs
 * the new file.
 *
 * The configuration's program accounts are its db.NAME.user keys whose
 * value begins with tertulia_ (db.admin and db.replica are not programs).
 * ALTER USER and CREATE USER take no placeholders: the name is checked to
 * be a username and the password to be hex before either is put in the
 * statement, so neither is ever outside data.
 */
#include "ctl.h"
#include "base/err.h"
#include "base/str.h"
#include "web/form.h"

#include <errno.h>
#include <fcntl.h>
#include <mysql.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The keys that name this host's own files: a new host's configuration
 * leaves them out, and gets the defaults (the checkout's folders, relative
 * to the working directory; the changes file beside the configuration). */
static const char *const host_keys[] = {
	"templates", "sql_dir", "sentiment.lexicon_dir", "sentiment.domain_dir",
	"cache.changes_file",
};

#define PASSWORD_BYTES 16	/* 32 hex digits, as stack.sh writes them */

/* Frees a buffer that held passwords, overwriting them first. */
static void wipe_free(strbuf *sb)
{
	if (sb->s)
		sodium_memzero(sb->s, sb->len);
	strbuf_free(sb);
}

/* The program of config item i: its name (who, "account") and account
 * (tertulia_account), or NULL when item i is not a program's password. */
static const char *program_at(const config *cfg, size_t i, char *who, size_t size)
{
	const char *k = cfg->items.items[i].name, *user;
	size_t n = strlen(k);
	char userkey[96];

	if (strncmp(k, "db.", 3) != 0 || n < 13 || strcmp(k + n - 9, ".password") != 0 ||
	    n - 12 >= size)
		return NULL;
	memcpy(who, k + 3, n - 12);
	who[n - 12] = '\0';
	if (strcmp(who, "admin") == 0 || strcmp(who, "replica") == 0)
		return NULL;
	snprintf(userkey, sizeof(userkey), "db.%s.user", who);
	user = config_get(cfg, userkey, NULL);
	if (user == NULL || strncmp(user, "tertulia_", 9) != 0)
		return NULL;
	/* the last definition is the one the programs read */
	if (config_get(cfg, k, NULL) != cfg->items.items[i].value)
		return NULL;
	return user;
}

static int is_hex_password(const char *v)
{
	const char *p;

	for (p = v; *p; p++)
		if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
			return 0;
	return strlen(v) >= 16;
}

int ctl_program_accounts(db *d, const config *cfg)
{
	size_t i;

	for (i = 0; i < cfg->items.n; i++) {
		const char *v = cfg->items.items[i].value, *user;
		char who[64], sql[400];
		MYSQL *m = db_handle(d);

		if ((user = program_at(cfg, i, who, sizeof(who))) == NULL)
			continue;
		if (!is_hex_password(v) || valid_username(user) != 0) {
			fprintf(stderr, "migrate: db.%s.password must be 16 or more lowercase hex "
				"digits\n", who);
			return E_INVALID;
		}
		snprintf(sql, sizeof(sql), "CREATE USER IF NOT EXISTS '%s'@'%%' IDENTIFIED BY '%s'",
			 user, v);
		if (mysql_query(m, sql) != 0) {
			fprintf(stderr, "migrate: creating the account %s: %s\n", user, mysql_error(m));
			return E_DB;
		}
		/* an account that exists answers with a note, and is left as it is */
		if (mysql_warning_count(m) == 0)
			printf("created the account %s\n", user);
	}
	return 0;
}

int ctl_program_logins(const config *cfg)
{
	size_t i;
	int rc = 0;

	for (i = 0; i < cfg->items.n; i++) {
		const char *user;
		char who[64];
		db *p = NULL;

		if ((user = program_at(cfg, i, who, sizeof(who))) == NULL)
			continue;
		if (db_new(&p, cfg, who) == 0 && db_ensure(p) == 0) {
			db_free(p);
			continue;
		}
		db_free(p);
		fprintf(stderr, "migrate: the database refuses %s with db.%s.password of %s.\n"
			"  Every host must have the same accounts and passwords: make this host's\n"
			"  configuration from a working host's (tertuliactl host config), or give the\n"
			"  account a new password everywhere (tertuliactl passwords rotate %s).\n",
			user, who, cfg->path, who);
		rc = E_INVALID;
	}
	return rc;
}

/* ------------------------------------------------------------ rewriting */

/* The key of a configuration line (as config_parse reads it) into key,
 * or 0 when the line sets none. */
static int line_key(const char *line, size_t len, char *key, size_t size)
{
	const char *end = line + len, *eq, *k = line, *kend;

	while (k < end && (*k == ' ' || *k == '\t' || *k == '\r'))
		k++;
	if (k == end || *k == '#' || (eq = memchr(k, '=', (size_t)(end - k))) == NULL)
		return 0;
	kend = eq;
	while (kend > k && (kend[-1] == ' ' || kend[-1] == '\t' || kend[-1] == '\r'))
		kend--;
	if ((size_t)(kend - k) >= size)
		return 0;
	memcpy(key, k, (size_t)(kend - k));
	key[kend - k] = '\0';
	return 1;
}

/* Writes text to path whole or not at all: a file beside it (0600, flags
 * O_EXCL when path must be new), synced, then renamed over it, or linked
 * to it when it must be new. */
static int write_whole(const char *path, const char *text, int must_be_new)
{
	char tmp[4096];
	size_t len = strlen(text);
	struct stat st;
	int fd, rc = 0;

	if (snprintf(tmp, sizeof(tmp), "%s.new", path) >= (int)sizeof(tmp))
		return E_INVALID;
	unlink(tmp);
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL, 0600);
	if (fd < 0)
		return E_IO;
	/* a file replaced keeps its owner and mode (0640 for a group, say) */
	if (!must_be_new && stat(path, &st) == 0) {
		if (fchown(fd, st.st_uid, st.st_gid) != 0) {
			/* not ours to give away: it stays the writer's */
		}
		if (fchmod(fd, st.st_mode & 0777) != 0)
			rc = E_IO;
	}
	if (write(fd, text, len) != (ssize_t)len || fsync(fd) != 0)
		rc = E_IO;
	if (close(fd) != 0)
		rc = E_IO;
	if (rc == 0 && must_be_new)
		rc = link(tmp, path) == 0 ? 0 : (errno == EEXIST ? E_DUP : E_IO);
	else if (rc == 0)
		rc = rename(tmp, path) == 0 ? 0 : E_IO;
	if (rc != 0 || must_be_new)
		unlink(tmp);
	return rc;
}

/* ------------------------------------------------------------ rotate */

const arg_spec ctl_passwords_rotate_args = { NULL, 0, "[PROGRAM...]", 0, ARGS_ANY, 0 };

/* The programs with a database account of their own (stack.sh's
 * add_program_accounts, the migrations' CREATE USER). */
static const char *const programs[] = {
	"account", "forum", "reviews", "ideas", "moderation", "insights", "mail",
};

int ctl_passwords_rotate_check(const args *a, char *why, size_t size)
{
	size_t j;
	int i;

	for (i = 0; i < a->noperands; i++) {
		for (j = 0; j < sizeof(programs) / sizeof(programs[0]); j++)
			if (strcmp(a->operand[i], programs[j]) == 0)
				break;
		if (j == sizeof(programs) / sizeof(programs[0])) {
			snprintf(why, size, "PROGRAM: account, forum, reviews, ideas, moderation, "
				 "insights or mail, not '%s'", a->operand[i]);
			return ARGS_BAD;
		}
	}
	return ARGS_OK;
}

typedef struct rotation {
	char who[64];
	const char *user;	/* borrowed from the configuration */
	char password[2 * PASSWORD_BYTES + 1];
	int done;		/* the account has it now */
} rotation;

/* The configuration's text with the new password of every rotation done. */
static int rotated_text(const char *text, const rotation *r, size_t n, strbuf *out)
{
	const char *line = text;
	int rc = 0;

	while (*line && rc == 0) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line), i;
		char key[128], want[96];
		int replaced = 0;

		if (line_key(line, len, key, sizeof(key)))
			for (i = 0; i < n && !replaced; i++) {
				snprintf(want, sizeof(want), "db.%s.password", r[i].who);
				if (r[i].done && strcmp(key, want) == 0) {
					rc = strbuf_printf(out, "%s = %s\n", want, r[i].password);
					replaced = 1;
				}
			}
		if (!replaced && rc == 0) {
			rc = strbuf_append(out, line, len);
			if (rc == 0)
				rc = strbuf_puts(out, "\n");
		}
		line = end ? end + 1 : line + len;
	}
	return rc;
}

int ctl_passwords_rotate(db *d, const config *cfg, const args *a)
{
	rotation r[ARGS_MAX + 32];
	strbuf text = STRBUF_INIT, out = STRBUF_INIT;
	size_t n = 0, i, done = 0;
	MYSQL *m;
	int rc, j, status = 1;

	for (i = 0; i < cfg->items.n && n < sizeof(r) / sizeof(r[0]); i++) {
		unsigned char raw[PASSWORD_BYTES];
		const char *user = program_at(cfg, i, r[n].who, sizeof(r[n].who));
		int wanted = a->noperands == 0;

		if (user == NULL)
			continue;
		for (j = 0; j < a->noperands; j++)
			wanted |= strcmp(a->operand[j], r[n].who) == 0;
		if (!wanted || valid_username(user) != 0)
			continue;
		r[n].user = user;
		randombytes_buf(raw, sizeof(raw));
		sodium_bin2hex(r[n].password, sizeof(r[n].password), raw, sizeof(raw));
		r[n].done = 0;
		n++;
	}
	for (j = 0; j < a->noperands; j++) {
		for (i = 0; i < n && strcmp(r[i].who, a->operand[j]) != 0; i++)
			;
		if (i == n) {
			fprintf(stderr, "passwords rotate: %s has no account (db.%s.user = tertulia_...) "
				"in %s\n", a->operand[j], a->operand[j], cfg->path);
			return 1;
		}
	}
	if (n == 0) {
		fprintf(stderr, "passwords rotate: %s names no program accounts\n", cfg->path);
		return 1;
	}
	/* the file must be writable before any account changes */
	rc = strbuf_read_file(&text, cfg->path);
	if (rc == 0)
		rc = rotated_text(text.s ? text.s : "", r, n, &out);
	if (rc == 0)
		rc = write_whole(cfg->path, out.s ? out.s : "", 0);
	if (rc != 0) {
		fprintf(stderr, "passwords rotate: cannot rewrite %s: %s\n", cfg->path,
			err_name(rc));
		goto out;
	}
	if (db_ensure(d) != 0 || (m = db_handle(d)) == NULL) {
		fprintf(stderr, "passwords rotate: cannot reach the database; %s is as it was\n",
			cfg->path);
		goto out;
	}
	for (i = 0; i < n; i++) {
		char sql[400];

		snprintf(sql, sizeof(sql), "ALTER USER '%s'@'%%' IDENTIFIED BY '%s'", r[i].user,
			 r[i].password);
		if (mysql_query(m, sql) != 0) {
			fprintf(stderr, "passwords rotate: %s: %s\n", r[i].user, mysql_error(m));
			break;
		}
		r[i].done = 1;
		done++;
	}
	/* the file says what the accounts have: the new passwords of those
	 * that took theirs, the old of the others */
	strbuf_free(&out);
	rc = rotated_text(text.s ? text.s : "", r, n, &out);
	if (rc == 0)
		rc = write_whole(cfg->path, out.s ? out.s : "", 0);
	if (rc != 0) {
		fprintf(stderr, "passwords rotate: cannot rewrite %s (%s): run the command again\n",
			cfg->path, err_name(rc));
		goto out;
	}
	for (i = 0; i < n; i++)
		if (r[i].done)
			printf("%s: new password (db.%s.password)\n", r[i].user, r[i].who);
	if (done > 0)
		printf("Written to %s. Every host needs it now: copy this file to each host\n"
		       "(or make a host's again from it with tertuliactl host config), then\n"
		       "restart the programs and the mail sender on every host (make stop &&\n"
		       "make run, or systemctl restart tertulia.target).\n"
		       "Until then the other hosts' programs keep their open connections but\n"
		       "cannot open new ones.\n", cfg->path);
	status = done == n ? 0 : 1;
out:
	sodium_memzero(r, sizeof(r));
	wipe_free(&text);
	wipe_free(&out);
	return status;
}

/* ------------------------------------------------------------ host config */

static const arg_opt host_config_options[] = {
	{ "--out", ARG_TEXT, ARG_REQUIRED, 0, 0, 0, "FILE",
	  "the new host's configuration (a file that does not exist yet)" },
};
const arg_spec ctl_host_config_args = { ARGS_OPTS(host_config_options), "", 0, 0, 0 };

static int is_host_key(const char *key)
{
	size_t i;

	for (i = 0; i < sizeof(host_keys) / sizeof(host_keys[0]); i++)
		if (strcmp(key, host_keys[i]) == 0)
			return 1;
	return 0;
}

int ctl_host_config(db *d, const config *cfg, const args *a)
{
	const char *path = args_text(a, "--out");
	strbuf text = STRBUF_INIT, out = STRBUF_INIT;
	const char *line;
	size_t i;
	int rc, status = 1;

	(void)d;
	rc = strbuf_read_file(&text, cfg->path);
	if (rc == 0)
		rc = strbuf_printf(&out, "# A host of the Tertulia of %s, made from its configuration\n"
				   "# by tertuliactl host config: the same secret, database, accounts,\n"
				   "# passwords, mail and site; a database of its own never (db.private\n"
				   "# = 0). Its own files are left to the defaults:",
				   config_get(cfg, "db.name", "tertulia"));
	for (i = 0; rc == 0 && i < sizeof(host_keys) / sizeof(host_keys[0]); i++)
		rc = strbuf_printf(&out, " %s", host_keys[i]);
	if (rc == 0)
		rc = strbuf_puts(&out, ".\ndb.private = 0\n");
	for (line = text.s ? text.s : ""; rc == 0 && *line;) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);
		char key[128];

		if (!line_key(line, len, key, sizeof(key)) ||
		    (!is_host_key(key) && strcmp(key, "db.private") != 0)) {
			rc = strbuf_append(&out, line, len);
			if (rc == 0)
				rc = strbuf_puts(&out, "\n");
		}
		line = end ? end + 1 : line + len;
	}
	if (rc == 0)
		rc = write_whole(path, out.s ? out.s : "", 1);
	if (rc == E_DUP)
		fprintf(stderr, "host config: %s exists already: a host's configuration is made "
			"once\n", path);
	else if (rc != 0)
		fprintf(stderr, "host config: cannot write %s: %s\n", path, err_name(rc));
	else {
		printf("wrote %s: put it in the new host's var/tertulia.conf, then make run there\n",
		       path);
		if (strcmp(config_get(cfg, "db.private", "0"), "1") == 0)
			printf("note: this host's database is its private MariaDB, which listens only "
			       "on its\nsocket %s: another machine needs a server both reach "
			       "(db.host, db.port)\n", config_get(cfg, "db.socket", ""));
		status = 0;
	}
	wipe_free(&text);
	wipe_free(&out);
	return status;
}
