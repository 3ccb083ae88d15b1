/* mail.c: `tertuliactl mail`, the mail sender. `make run` (cgi/stack.sh)
 * runs it as a service; `--once` sends what is due and exits.
 *
 *   tertuliactl mail [--once] [--pid FILE] [--origin URL]
 *
 * The outbox lives in MariaDB (sql/0040_notifications.sql), so any number of
 * senders on any number of hosts may run at once:
 *   - a sender claims a due row with a conditional UPDATE (queued -> sending,
 *     with a lock that runs out, so a crashed sender's rows are taken up
 *     again); of two senders claiming one row, one gets it;
 *   - it writes the message (mail_compose.c) and hands it to the SMTP
 *     server through libcurl;
 *   - accepted: the row is marked sent in a transaction with its
 *     notifications; a refusal for good (5xx, an address that cannot take
 *     mail) marks it failed; anything else (the server down, 4xx, a
 *     timeout) puts it back with the next attempt pushed out:
 *     smtp.retry_base_seconds * 2^(attempts-1), at most
 *     smtp.retry_max_seconds, until smtp.give_up_hours after it was queued.
 *     Nothing is lost while the server is away.
 * The one way a message goes twice: the server accepted it and this process
 * died before marking it sent; the retry carries the same Message-ID.
 *
 * It also starts the daily and weekly digests that are due, and the weekly
 * marketing digest (mail_insights.c). Configuration:
 * smtp.host, smtp.port, smtp.tls (off, starttls, tls), smtp.user,
 * smtp.password, smtp.from, smtp.from_name, smtp.timeout_seconds,
 * smtp.poll_seconds and the retry keys above; public_origin (else --origin)
 * for the links; db.mail.* for its database account.
 */
#include "ctl.h"
#include "mail.h"
#include "base/err.h"
#include "base/log.h"
#include "services/outbox.h"

#include <curl/curl.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char SQL_DUE[] =
	"SELECT id FROM outbox WHERE (status = 'queued' AND next_attempt_at <= UTC_TIMESTAMP()) "
	"OR (status = 'sending' AND locked_until < UTC_TIMESTAMP()) ORDER BY next_attempt_at, id LIMIT ?";
static const char SQL_CLAIM[] =
	"UPDATE outbox SET status = 'sending', attempts = attempts + 1, "
	"locked_until = UTC_TIMESTAMP() + INTERVAL ? SECOND WHERE id = ? "
	"AND ((status = 'queued' AND next_attempt_at <= UTC_TIMESTAMP()) "
	"OR (status = 'sending' AND locked_until < UTC_TIMESTAMP()))";
static const char SQL_ROW[] =
	"SELECT kind, COALESCE(user_id, 0) AS user_id, COALESCE(email, '') AS email, lang, "
	"COALESCE(notification_id, 0) AS notification_id, "
	"COALESCE(UNIX_TIMESTAMP(window_start), 0) AS window_start, "
	"COALESCE(UNIX_TIMESTAMP(window_end), 0) AS window_end, "
	"message_key, attempts, UNIX_TIMESTAMP(created_at) AS created FROM outbox WHERE id = ?";
static const char SQL_SENT[] =
	"UPDATE outbox SET status = 'sent', sent_at = UTC_TIMESTAMP(), locked_until = NULL, "
	"recipient = ?, subject = ?, last_error = '' WHERE id = ? AND status = 'sending'";
static const char SQL_NOTE_EMAILED[] =
	"UPDATE notifications SET emailed_at = UTC_TIMESTAMP() WHERE id = ?";
static const char SQL_WINDOW_EMAILED[] =
	"UPDATE notifications SET emailed_at = UTC_TIMESTAMP() WHERE recipient_id = ? "
	"AND read_at IS NULL AND created_at >= FROM_UNIXTIME(?) AND created_at < FROM_UNIXTIME(?)";
static const char SQL_RETRY[] =
	"UPDATE outbox SET status = 'queued', next_attempt_at = UTC_TIMESTAMP() + INTERVAL ? SECOND, "
	"locked_until = NULL, last_error = ? WHERE id = ? AND status = 'sending'";
static const char SQL_END[] =
	"UPDATE outbox SET status = ?, locked_until = NULL, last_error = ? "
	"WHERE id = ? AND status = 'sending'";
static const char SQL_NOW[] = "SELECT UNIX_TIMESTAMP()";
static const char SQL_DIGESTS_DUE[] =
	"SELECT user_id, COALESCE(UNIX_TIMESTAMP(digest_since), "
	"UNIX_TIMESTAMP(next_digest_at) - IF(mode = 'daily', 86400, 604800)) AS since, "
	"UNIX_TIMESTAMP(next_digest_at) AS due FROM email_prefs "
	"WHERE mode IN ('daily', 'weekly') AND next_digest_at <= UTC_TIMESTAMP() "
	"ORDER BY next_digest_at LIMIT 100";
/* Moves a member's digest clock on, once: of two senders, one does it. */
static const char SQL_DIGEST_CLAIM[] =
	"UPDATE email_prefs SET digest_since = FROM_UNIXTIME(?), "
	"next_digest_at = FROM_UNIXTIME(?) + INTERVAL IF(mode = 'daily', 1, 7) DAY "
	"WHERE user_id = ? AND next_digest_at = FROM_UNIXTIME(?) AND mode IN ('daily', 'weekly')";
static const char SQL_DIGEST_HAS[] =
	"SELECT COUNT(*) FROM notifications n JOIN users u ON u.id = n.recipient_id "
	"WHERE n.recipient_id = ? AND u.email_verified_at IS NOT NULL AND n.read_at IS NULL "
	"AND n.created_at >= FROM_UNIXTIME(?) AND n.created_at < FROM_UNIXTIME(?)";

typedef struct smtp_conf {
	char url[400];
	const char *user, *password, *from, *from_name;
	int starttls;
	long timeout;
	char domain[256];
	long long retry_base, retry_max, give_up, poll, batch, lock;
} smtp_conf;

enum { SENT = 0, REFUSED = 1, LATER = 2 };

static volatile sig_atomic_t stopping;

static void on_signal(int sig)
{
	(void)sig;
	stopping = 1;
}

/* ------------------------------------------------------------ the message */

/* Appends n bytes as base64 lines of 76 characters. */
static int put_base64(strbuf *out, const unsigned char *p, size_t n)
{
	char line[80];
	size_t i;
	int rc = 0;

	for (i = 0; rc == 0 && i < n; i += 57) {
		size_t chunk = n - i < 57 ? n - i : 57;
		sodium_bin2base64(line, sizeof(line), p + i, chunk, sodium_base64_VARIANT_ORIGINAL);
		rc = strbuf_printf(out, "%s\r\n", line);
	}
	return rc;
}

static int is_ascii_plain(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80 || (unsigned char)*s < 0x20)
			return 0;
	return 1;
}

/* A header value as RFC 2047 encoded words (UTF-8, base64), folded, each
 * word cut at a character boundary. Plain ASCII goes as it is. */
static int put_encoded(strbuf *out, const char *s)
{
	size_t n = strlen(s), i = 0;
	char word[80];
	int rc = 0;

	if (is_ascii_plain(s))
		return strbuf_puts(out, s);
	while (rc == 0 && i < n) {
		size_t chunk = n - i < 45 ? n - i : 45;
		while (i + chunk < n && ((unsigned char)s[i + chunk] & 0xC0) == 0x80)
			chunk--;
		sodium_bin2base64(word, sizeof(word), (const unsigned char *)s + i, chunk,
				  sodium_base64_VARIANT_ORIGINAL);
		rc = strbuf_printf(out, "%s=?UTF-8?B?%s?=", i ? "\r\n " : "", word);
		i += chunk;
	}
	return rc;
}

static int build_message(const smtp_conf *s, const outbox_row *row, const message *msg,
			 strbuf *out)
{
	char date[64];
	time_t now = time(NULL);
	struct tm tm;
	int rc;

	gmtime_r(&now, &tm);
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S +0000", &tm);
	rc = strbuf_puts(out, "From: ");
	if (rc == 0)
		rc = put_encoded(out, s->from_name);
	if (rc == 0)
		rc = strbuf_printf(out, " <%s>\r\nTo: <%s>\r\nSubject: ", s->from, msg->to);
	if (rc == 0)
		rc = put_encoded(out, msg->subject);
	if (rc == 0)
		rc = strbuf_printf(out,
			"\r\nDate: %s\r\nMessage-ID: <%s@%s>\r\nMIME-Version: 1.0\r\n"
			"Content-Language: %s\r\nAuto-Submitted: auto-generated\r\n"
			"X-Tertulia-Kind: %s\r\n"
			"List-Unsubscribe: <%s>\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"
			"Content-Type: multipart/alternative; boundary=\"=_%s\"\r\n\r\n"
			"--=_%s\r\nContent-Type: text/plain; charset=utf-8\r\n"
			"Content-Transfer-Encoding: base64\r\n\r\n",
			date, row->key, s->domain, *msg->lang ? msg->lang : "en", row->kind,
			msg->unsubscribe, row->key, row->key);
	if (rc == 0)
		rc = put_base64(out, (const unsigned char *)(msg->text.s ? msg->text.s : ""), msg->text.len);
	if (rc == 0)
		rc = strbuf_printf(out, "\r\n--=_%s\r\nContent-Type: text/html; charset=utf-8\r\n"
				   "Content-Transfer-Encoding: base64\r\n\r\n", row->key);
	if (rc == 0)
		rc = put_base64(out, (const unsigned char *)(msg->html.s ? msg->html.s : ""), msg->html.len);
	if (rc == 0)
		rc = strbuf_printf(out, "\r\n--=_%s--\r\n", row->key);
	return rc;
}

/* --------------------------------------------------------------- SMTP */

typedef struct upload {
	const char *p;
	size_t left;
} upload;

static size_t read_upload(char *buf, size_t size, size_t n, void *ctx)
{
	upload *u = ctx;
	size_t want = size * n, give = u->left < want ? u->left : want;

	memcpy(buf, u->p, give);
	u->p += give;
	u->left -= give;
	return give;
}

/* Hands one message to the server. SENT, REFUSED (5xx: for good) or LATER. */
static int smtp_send(const smtp_conf *s, const char *to, const strbuf *raw, char *err,
		     size_t err_size)
{
	CURL *c = curl_easy_init();
	struct curl_slist *rcpt = NULL;
	char from[300], rcpt_to[300], curl_err[CURL_ERROR_SIZE] = "";
	upload u = { raw->s, raw->len };
	long code = 0;
	CURLcode res;

	if (c == NULL) {
		snprintf(err, err_size, "curl_easy_init failed");
		return LATER;
	}
	snprintf(from, sizeof(from), "<%s>", s->from);
	snprintf(rcpt_to, sizeof(rcpt_to), "<%s>", to);
	rcpt = curl_slist_append(NULL, rcpt_to);
	curl_easy_setopt(c, CURLOPT_URL, s->url);
	if (s->starttls)
		curl_easy_setopt(c, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
	if (s->user && *s->user) {
		curl_easy_setopt(c, CURLOPT_USERNAME, s->user);
		curl_easy_setopt(c, CURLOPT_PASSWORD, s->password ? s->password : "");
	}
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, from);
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(c, CURLOPT_READFUNCTION, read_upload);
	curl_easy_setopt(c, CURLOPT_READDATA, &u);
	curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, s->timeout);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, s->timeout * 2);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, curl_err);
	res = curl_easy_perform(c);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
	curl_slist_free_all(rcpt);
	curl_easy_cleanup(c);
	if (res == CURLE_OK)
		return SENT;
	snprintf(err, err_size, "%s (%ld): %s", curl_easy_strerror(res), code, curl_err);
	return code >= 500 && code < 600 ? REFUSED : LATER;
}

/* ------------------------------------------------------------ the outbox */

static int load_row(db *d, long long id, outbox_row *row)
{
	db_rows *rows = NULL;
	int rc = DB_SELECT(d, SQL_ROW, &rows, DBI(id));

	memset(row, 0, sizeof(*row));
	if (rc != 0)
		return rc;
	if (rows->nrows == 0) {
		db_rows_free(rows);
		return E_NOTFOUND;
	}
	row->id = id;
	snprintf(row->kind, sizeof(row->kind), "%s", row_str(rows, 0, "kind"));
	row->user_id = row_int(rows, 0, "user_id");
	snprintf(row->email, sizeof(row->email), "%s", row_str(rows, 0, "email"));
	snprintf(row->lang, sizeof(row->lang), "%s", row_str(rows, 0, "lang"));
	row->notification_id = row_int(rows, 0, "notification_id");
	row->window_start = row_int(rows, 0, "window_start");
	row->window_end = row_int(rows, 0, "window_end");
	snprintf(row->key, sizeof(row->key), "%s", row_str(rows, 0, "message_key"));
	row->attempts = row_int(rows, 0, "attempts");
	row->created_at = row_int(rows, 0, "created");
	db_rows_free(rows);
	return 0;
}

static int mark_sent(db *d, const outbox_row *row, const message *msg)
{
	int rc = db_begin(d);

	if (rc == 0)
		rc = DB_EXEC(d, SQL_SENT, NULL, DBS(msg->to), DBS(msg->subject), DBI(row->id));
	if (rc == 0 && row->notification_id)
		rc = DB_EXEC(d, SQL_NOTE_EMAILED, NULL, DBI(row->notification_id));
	if (rc == 0 && strcmp(row->kind, "digest") == 0)
		rc = DB_EXEC(d, SQL_WINDOW_EMAILED, NULL, DBI(row->user_id), DBI(row->window_start),
			     DBI(row->window_end));
	if (rc == 0)
		return db_commit(d);
	db_rollback(d);
	return rc;
}

/* Seconds until the next attempt after `attempts` failed ones. */
static long long backoff(const smtp_conf *s, long long attempts)
{
	long long delay = s->retry_base;

	while (--attempts > 0 && delay < s->retry_max)
		delay *= 2;
	return delay < s->retry_max ? delay : s->retry_max;
}

/* Claims, writes and sends one row. Returns 1 when the row was ours. */
static int handle(mail_ctx *m, const smtp_conf *s, long long id)
{
	outbox_row row;
	message msg;
	strbuf raw = STRBUF_INIT;
	db_result res;
	char why[400] = "";
	int rc, sent;

	rc = DB_EXEC(m->d, SQL_CLAIM, &res, DBI(s->lock), DBI(id));
	if (rc != 0 || res.affected != 1)
		return 0; /* another sender has it, or the database is away */
	rc = load_row(m->d, id, &row);
	if (rc != 0)
		return 1;
	rc = mail_compose(m, &row, &msg, why, sizeof(why));
	if (rc == E_NOTFOUND) {
		log_info("outbox %lld (%s): dropped: %s", id, row.kind, why);
		DB_EXEC(m->d, SQL_END, NULL, DBS("dropped"), DBS(why), DBI(id));
		return 1;
	}
	if (rc == E_INVALID) {
		log_info("outbox %lld (%s): failed: the address cannot take mail", id, row.kind);
		DB_EXEC(m->d, SQL_END, NULL, DBS("failed"), DBS("malformed address"), DBI(id));
		return 1;
	}
	if (rc == 0)
		rc = build_message(s, &row, &msg, &raw);
	if (rc != 0) {
		snprintf(why, sizeof(why), "could not write the message: %s", err_name(rc));
		sent = LATER;
	} else {
		sent = smtp_send(s, msg.to, &raw, why, sizeof(why));
	}
	if (sent == SENT) {
		rc = mark_sent(m->d, &row, &msg);
		if (rc != 0)
			log_error("outbox %lld: sent, but not marked sent: %s", id, err_name(rc));
		else
			log_info("outbox %lld (%s): sent", id, row.kind);
	} else if (sent == REFUSED ||
		   (long long)time(NULL) - row.created_at > s->give_up) {
		log_error("outbox %lld (%s): failed after %lld attempts: %s", id, row.kind,
			  row.attempts, why);
		DB_EXEC(m->d, SQL_END, NULL, DBS("failed"), DBS(why), DBI(id));
	} else {
		long long delay = backoff(s, row.attempts);
		log_error("outbox %lld (%s): attempt %lld failed, again in %llds: %s", id, row.kind,
			  row.attempts, delay, why);
		DB_EXEC(m->d, SQL_RETRY, NULL, DBI(delay), DBS(why), DBI(id));
	}
	message_free(&msg);
	strbuf_free(&raw);
	return 1;
}

/* Sends up to a batch of due rows. Returns how many were handled. */
static int send_due(mail_ctx *m, const smtp_conf *s)
{
	db_rows *rows = NULL;
	size_t i;
	int n = 0;

	if (DB_SELECT(m->d, SQL_DUE, &rows, DBI(s->batch)) != 0)
		return 0;
	for (i = 0; i < rows->nrows && !stopping; i++)
		n += handle(m, s, row_int(rows, i, "id"));
	db_rows_free(rows);
	return n;
}

/* Queues the daily and weekly digests that are due: each member's clock
 * moves on once (a conditional UPDATE), and a digest is queued in the same
 * transaction when there is something unread to tell. A digest covers
 * [digest_since, now): what is written in the second it is made goes into
 * the next one, so nothing falls between two. */
static void start_digests(mail_ctx *m)
{
	db_rows *rows = NULL;
	long long now = 0;
	size_t i;

	if (DB_SELECT_INT(m->d, SQL_NOW, &now) != 0 ||
	    DB_SELECT(m->d, SQL_DIGESTS_DUE, &rows) != 0)
		return;
	for (i = 0; i < rows->nrows; i++) {
		long long uid = row_int(rows, i, "user_id"), since = row_int(rows, i, "since");
		long long due = row_int(rows, i, "due"), unread = 0;
		outbox_item o = { .kind = "digest", .user_id = uid, .window_start = since,
				  .window_end = now };
		db_result res;
		int rc = db_begin(m->d);

		if (rc == 0)
			rc = DB_EXEC(m->d, SQL_DIGEST_CLAIM, &res, DBI(now), DBI(now), DBI(uid), DBI(due));
		if (rc == 0 && res.affected == 1)
			rc = DB_SELECT_INT(m->d, SQL_DIGEST_HAS, &unread, DBI(uid), DBI(since), DBI(now));
		if (rc == 0 && unread > 0)
			rc = outbox_queue(m->d, &o);
		if (rc == 0)
			rc = db_commit(m->d);
		else
			db_rollback(m->d);
	}
	db_rows_free(rows);
}

/* ------------------------------------------------------------ the service */

static int load_smtp(const config *cfg, smtp_conf *s)
{
	const char *host = config_get(cfg, "smtp.host", "127.0.0.1");
	const char *tls = config_get(cfg, "smtp.tls", "off");
	const char *at;
	long long port = config_int(cfg, "smtp.port", 25);

	memset(s, 0, sizeof(*s));
	if (strcmp(tls, "off") != 0 && strcmp(tls, "starttls") != 0 && strcmp(tls, "tls") != 0) {
		fprintf(stderr, "mail: smtp.tls must be off, starttls or tls\n");
		return E_INVALID;
	}
	s->from = config_get(cfg, "smtp.from", "tertulia@localhost");
	s->from_name = config_get(cfg, "smtp.from_name", "Tertulia");
	/* "tertulia@localhost" is fine here: no dot needed, only no spaces,
	 * brackets or non-ASCII */
	if ((at = strrchr(s->from, '@')) == NULL || at == s->from || at[1] == '\0' ||
	    strpbrk(s->from, " \t\r\n<>()[],;:\\\"") != NULL || !is_ascii_plain(s->from)) {
		fprintf(stderr, "mail: smtp.from must be an email address\n");
		return E_INVALID;
	}
	snprintf(s->domain, sizeof(s->domain), "%s", at + 1);
	/* the path of an smtp:// URL is the name curl gives in EHLO */
	snprintf(s->url, sizeof(s->url), "%s://%s:%lld/%s", strcmp(tls, "tls") == 0 ? "smtps" : "smtp",
		 host, port, s->domain);
	s->starttls = strcmp(tls, "starttls") == 0;
	s->user = config_get(cfg, "smtp.user", NULL);
	s->password = config_get(cfg, "smtp.password", NULL);
	s->timeout = (long)config_int(cfg, "smtp.timeout_seconds", 30);
	s->retry_base = config_int(cfg, "smtp.retry_base_seconds", 60);
	s->retry_max = config_int(cfg, "smtp.retry_max_seconds", 3600);
	s->give_up = config_int(cfg, "smtp.give_up_hours", 72) * 3600;
	s->poll = config_int(cfg, "smtp.poll_seconds", 5);
	s->batch = config_int(cfg, "smtp.batch", 20);
	s->lock = s->timeout * 3 + 60;
	if (s->retry_base < 1)
		s->retry_base = 1;
	if (s->poll < 1)
		s->poll = 1;
	if (s->batch < 1)
		s->batch = 1;
	return 0;
}

static int load_views(mail_ctx *m, const config *cfg)
{
	const char *dir = config_get(cfg, "templates", "templates");
	char path[600];
	int rc;

	snprintf(path, sizeof(path), "%s/email", dir);
	rc = view_new(&m->tc, path);
	snprintf(path, sizeof(path), "%s/lang/en.hdf", dir);
	if (rc == 0)
		rc = view_load_lang(path, &m->lang[0]);
	snprintf(path, sizeof(path), "%s/lang/es.hdf", dir);
	if (rc == 0)
		rc = view_load_lang(path, &m->lang[1]);
	return rc;
}

/* Sleeps s seconds, or until told to stop. */
static void pause_for(long long s)
{
	struct timespec ts = { 0, 100 * 1000 * 1000 };
	long long i;

	for (i = 0; i < s * 10 && !stopping; i++)
		nanosleep(&ts, NULL);
}

static const arg_opt options[] = {
	{ "--once", ARG_FLAG, 0, 0, 0, 0, NULL, "send what is due, then exit" },
	{ "--pid", ARG_TEXT, 0, 0, 0, 0, "FILE", "write the process id there while running" },
	{ "--origin", ARG_TEXT, 0, 0, 0, 0, "URL", "for the links, when public_origin is not set" },
};
const arg_spec ctl_mail_args = { ARGS_OPTS(options), "", 0, 0, 0 };

/* d is NULL: the sender makes its own connection (db.mail.* or admin). */
int ctl_mail(db *unused, const config *cfg, const args *a)
{
	const char *pid_path = args_text(a, "--pid"), *origin = args_text(a, "--origin");
	mail_ctx m;
	smtp_conf s;
	struct sigaction sa;
	int once = args_count(a, "--once") > 0, rc;

	(void)unused;
	memset(&m, 0, sizeof(m));
	log_set_name("mail");
	m.cfg = cfg;
	snprintf(m.origin, sizeof(m.origin), "%s",
		 config_get(cfg, "public_origin", origin ? origin : "http://127.0.0.1:8080"));
	if (hex_decode(config_get(cfg, "secret", NULL), m.secret, sizeof(m.secret)) != 0) {
		fprintf(stderr, "mail: config key 'secret' must be 64 hex digits\n");
		return 1;
	}
	rc = load_smtp(cfg, &s);
	if (rc == 0)
		rc = load_views(&m, cfg);
	/* its own database account when the configuration has one */
	if (rc == 0)
		rc = db_new(&m.d, cfg, config_get(cfg, "db.mail.user", NULL) ? "mail" : "admin");
	if (rc != 0 || curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		fprintf(stderr, "mail: cannot start\n");
		rc = 1;
		goto out;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	if (pid_path) {
		FILE *f = fopen(pid_path, "w");
		if (f == NULL) {
			fprintf(stderr, "mail: cannot write %s\n", pid_path);
			rc = 1;
			goto done;
		}
		fprintf(f, "%ld\n", (long)getpid());
		fclose(f);
	}
	log_info("sending through %s", s.url);
	while (!stopping) {
		int n;

		start_digests(&m);
		mail_insights_queue(&m);
		n = send_due(&m, &s);
		if (once && n == 0)
			break;
		if (n == 0)
			pause_for(s.poll);
	}
	if (pid_path)
		unlink(pid_path);
done:
	curl_global_cleanup();
out:
	db_free(m.d);
	view_free(m.tc);
	if (m.lang[0])
		hdf_destroy(&m.lang[0]);
	if (m.lang[1])
		hdf_destroy(&m.lang[1]);
	return rc;
}
