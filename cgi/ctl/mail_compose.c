/* mail_compose.c: a message from an outbox row, written when it is sent.
 *
 * Every check happens here, at sending time, not only when the row was
 * queued: the member still wants this mail (their mode), their address is
 * verified (notification mail) and unchanged (address checks), and what a
 * notification names is still visible (notify_load_one): a post hidden by a
 * moderator in the meantime drops the mail, it never reaches anyone. The
 * message is in the member's language (their setting, else the language
 * they used the site in), rendered from templates/email/text.cs and
 * html.cs, with a signed unsubscribe link in the body and for the
 * List-Unsubscribe header. Password reset, address-check and change of
 * address tokens are made here: the raw token only lives in the message, the database keeps
 * its hash.
 */
#include "mail.h"
#include "web/app.h"
#include "base/err.h"
#include "web/form.h"
#include "services/notify_view.h"
#include "web/session.h"
#include "web/token.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

static const char SQL_MEMBER[] =
	"SELECT u.username, u.email, u.lang, "
	"u.email_verified_at IS NOT NULL AS verified, "
	"COALESCE(p.mode, 'immediate') AS mode, COALESCE(p.lang, '') AS prefs_lang "
	"FROM users u LEFT JOIN email_prefs p ON p.user_id = u.id WHERE u.id = ?";
/* a reset goes only to an address its account has confirmed: one typed
 * at registration, or waiting for a change, may be anyone's */
static const char SQL_MEMBER_BY_EMAIL[] =
	"SELECT id FROM users WHERE email = ? AND email_verified_at IS NOT NULL";
static const char SQL_PENDING[] =
	"SELECT COALESCE(email_pending, '') AS email_pending FROM users WHERE id = ?";
static const char SQL_TOKEN_INSERT[] =
	"INSERT INTO account_tokens (token_hash, purpose, user_id, email, created_at, expires_at) "
	"VALUES (?, ?, ?, ?, UTC_TIMESTAMP(), UTC_TIMESTAMP() + INTERVAL ? SECOND)";
/* A new reset or change link replaces the ones before it. */
static const char SQL_TOKENS_RETIRE[] =
	"UPDATE account_tokens SET used_at = UTC_TIMESTAMP() "
	"WHERE user_id = ? AND purpose = ? AND used_at IS NULL";
static const char SQL_MISSED_THREADS[] =
	"SELECT t.id, t.title, t.reply_count FROM threads t "
	"WHERE t.status = 'visible' AND t.last_post_at > FROM_UNIXTIME(?) "
	"ORDER BY t.reply_count DESC, t.last_post_at DESC LIMIT 5";

#define RESET_SECONDS 3600
#define VERIFY_SECONDS (7 * 86400)
#define CHANGE_SECONDS 86400

typedef struct member {
	char name[64], email[256], lang[4], mode[12];
	int verified;
} member;

int mail_address_ok(const char *addr)
{
	const unsigned char *p;

	if (addr == NULL || valid_email(addr) != 0)
		return 0;
	for (p = (const unsigned char *)addr; *p; p++)
		if (*p >= 0x80)
			return 0;
	return 1;
}

void message_free(message *msg)
{
	strbuf_free(&msg->text);
	strbuf_free(&msg->html);
}

static int load_member(mail_ctx *m, long long id, member *out)
{
	db_rows *rows = NULL;
	int rc = DB_SELECT(m->d, SQL_MEMBER, &rows, DBI(id));

	memset(out, 0, sizeof(*out));
	if (rc != 0)
		return rc;
	if (rows->nrows == 0) {
		db_rows_free(rows);
		return E_NOTFOUND;
	}
	snprintf(out->name, sizeof(out->name), "%s", row_str(rows, 0, "username"));
	snprintf(out->email, sizeof(out->email), "%s", row_str(rows, 0, "email"));
	/* the member's setting, else the language they used the site in */
	snprintf(out->lang, sizeof(out->lang), "%s",
		 *row_str(rows, 0, "lang") ? row_str(rows, 0, "lang")
					   : row_str(rows, 0, "prefs_lang"));
	out->verified = row_int(rows, 0, "verified") != 0;
	snprintf(out->mode, sizeof(out->mode), "%s", row_str(rows, 0, "mode"));
	db_rows_free(rows);
	return 0;
}

/* A text of the language with {name}, {n} and {title} filled in. */
static void fill(HDF *lang, const char *key, char *out, size_t size, const char *name,
		 const char *title, long long n)
{
	char num[24];
	const char *vars[] = { "name", name, "title", title, "n", num, NULL };

	snprintf(num, sizeof(num), "%lld", n);
	notify_fill(out, size, notify_text(lang, key), vars);
}

/* Signed link that stops `scope` ("all", "thread-42") for member uid. */
static int unsubscribe_url(mail_ctx *m, long long uid, const char *scope, char *out, size_t size)
{
	char payload[TOKEN_PAYLOAD_MAX + 1], token[TOKEN_MAX];
	int rc;

	snprintf(payload, sizeof(payload), "%lld.%s", uid, scope);
	rc = token_sign(m->secret, TOKEN_UNSUBSCRIBE, payload, token);
	if (rc == 0)
		snprintf(out, size, "%s/unsubscribe/%s", m->origin, token);
	return rc;
}

/* Makes every mail.items.N.url absolute. */
static void absolute_urls(mail_ctx *m, HDF *h)
{
	HDF *item;

	for (item = hdf_get_child(h, "mail.items"); item; item = hdf_obj_next(item)) {
		const char *url = hdf_get_value(item, "url", "");
		char *abs = NULL;

		if (url[0] == '/' && asprintf(&abs, "%s%s", m->origin, url) >= 0) {
			hdf_str(item, "url", abs);
			free(abs);
		}
	}
}

/* Undoes the HTML escaping of `var:` for the plain text part: the only
 * entities in the output are the ones the escaping wrote. */
static void html_unescape(strbuf *sb)
{
	static const struct { const char *ent, *ch; } ents[] = {
		{ "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" }, { "&quot;", "\"" },
		{ "&#39;", "'" }, { "&#x27;", "'" }, { "&#039;", "'" },
	};
	const size_t nents = sizeof(ents) / sizeof(ents[0]);
	size_t r = 0, w = 0, i, n = 0;

	if (sb->s == NULL)
		return;
	while (r < sb->len) {
		for (i = 0; sb->s[r] == '&' && i < nents; i++) {
			n = strlen(ents[i].ent);
			if (strncmp(sb->s + r, ents[i].ent, n) == 0)
				break;
		}
		if (sb->s[r] == '&' && i < nents) {
			sb->s[w++] = ents[i].ch[0];
			r += n;
		} else {
			sb->s[w++] = sb->s[r++];
		}
	}
	sb->len = w;
	sb->s[w] = '\0';
}

/* Renders both parts and fills the common parts of msg. */
static int render(mail_ctx *m, HDF *h, HDF *lang, long long uid, const char *follow,
		  message *msg)
{
	char url[400];
	int rc;

	rc = unsubscribe_url(m, uid, "all", msg->unsubscribe, sizeof(msg->unsubscribe));
	if (rc != 0)
		return rc;
	hdf_str(h, "mail.unsubscribe_url", msg->unsubscribe);
	if (follow && *follow && unsubscribe_url(m, uid, follow, url, sizeof(url)) == 0)
		hdf_str(h, "mail.unfollow_url", url);
	hdf_strf(h, "mail.settings_url", "%s/settings#email", m->origin);
	hdf_str(h, "mail.origin", m->origin);
	hdf_str(h, "mail.subject", msg->subject);
	absolute_urls(m, h);
	rc = view_render(m->tc, "text", h, lang, &msg->text);
	if (rc == 0)
		rc = view_render(m->tc, "html", h, lang, &msg->html);
	html_unescape(&msg->text);
	return rc;
}

static HDF *lang_of(mail_ctx *m, const char *code)
{
	return m->lang[strcmp(code, "es") == 0 ? 1 : 0];
}

/* One notification, for a member on "immediate". */
static int compose_notice(mail_ctx *m, const outbox_row *row, HDF *h, message *msg,
			  char *why, size_t why_size)
{
	member mb;
	HDF *lang;
	long long recipient = 0;
	char text[600];
	int rc = load_member(m, row->user_id, &mb);

	if (rc != 0)
		return rc;
	if (!mb.verified || strcmp(mb.mode, "immediate") != 0) {
		snprintf(why, why_size, "no longer wanted (%s%s)", mb.mode, mb.verified ? "" : ", unverified");
		return E_NOTFOUND;
	}
	snprintf(msg->lang, sizeof(msg->lang), "%s", *mb.lang ? mb.lang : row->lang);
	lang = lang_of(m, msg->lang);
	rc = notify_load_one(m->d, row->notification_id, lang, h, "mail.items", &recipient);
	if (rc == E_NOTFOUND || (rc == 0 && recipient != row->user_id)) {
		snprintf(why, why_size, "what it named is gone or hidden");
		return E_NOTFOUND;
	}
	if (rc != 0)
		return rc;
	if (hdf_get_int_value(h, "mail.items.0.unread", 1) == 0) {
		snprintf(why, why_size, "read on the site already");
		return E_NOTFOUND;
	}
	snprintf(msg->to, sizeof(msg->to), "%s", mb.email);
	snprintf(msg->subject, sizeof(msg->subject), "%s", hdf_get_value(h, "mail.items.0.text", ""));
	fill(lang, "notify.mail.greeting", text, sizeof(text), mb.name, "", 0);
	hdf_str(h, "mail.greeting", text);
	hdf_str(h, "mail.intro", notify_text(lang, "notify.mail.notice_intro"));
	return render(m, h, lang, row->user_id, hdf_get_value(h, "mail.items.0.follow", ""), msg);
}

/* Sums the counts of the lines (a line may stand for several). */
static long long total_count(HDF *h)
{
	HDF *item;
	long long n = 0;

	for (item = hdf_get_child(h, "mail.items"); item; item = hdf_obj_next(item))
		n += hdf_get_int_value(item, "count", 1);
	return n;
}

/* A daily or weekly digest, or a re-engagement mail. */
static int compose_digest(mail_ctx *m, const outbox_row *row, HDF *h, message *msg,
			  char *why, size_t why_size)
{
	int reengage = strcmp(row->kind, "reengage") == 0;
	member mb;
	HDF *lang;
	db_rows *rows = NULL;
	char text[600], title[200];
	int rc = load_member(m, row->user_id, &mb), lines = 0;
	size_t i;

	if (rc != 0)
		return rc;
	if (!mb.verified || strcmp(mb.mode, "none") == 0 ||
	    (!reengage && strcmp(mb.mode, "daily") != 0 && strcmp(mb.mode, "weekly") != 0)) {
		snprintf(why, why_size, "no longer wanted (%s%s)", mb.mode, mb.verified ? "" : ", unverified");
		return E_NOTFOUND;
	}
	snprintf(msg->lang, sizeof(msg->lang), "%s", *mb.lang ? mb.lang : row->lang);
	lang = lang_of(m, msg->lang);
	rc = notify_load_window(m->d, row->user_id, row->window_start,
				row->window_end ? row->window_end : (long long)time(NULL) + 1, lang,
				h, "mail.items", &lines);
	if (rc == 0 && reengage)
		rc = DB_SELECT(m->d, SQL_MISSED_THREADS, &rows, DBI(row->window_start));
	if (rc != 0)
		return rc;
	for (i = 0; rows && i < rows->nrows; i++) {
		char name[64];
		snprintf(name, sizeof(name), "mail.threads.%zu.text", i);
		hdf_str(h, name, row_str(rows, i, "title"));
		snprintf(name, sizeof(name), "mail.threads.%zu.url", i);
		hdf_strf(h, name, "%s/t/%s", m->origin, row_str(rows, i, "id"));
	}
	if (lines == 0 && (rows == NULL || rows->nrows == 0)) {
		db_rows_free(rows);
		snprintf(why, why_size, "nothing to tell any more");
		return E_NOTFOUND;
	}
	db_rows_free(rows);
	snprintf(msg->to, sizeof(msg->to), "%s", mb.email);
	fill(lang, "notify.mail.greeting", text, sizeof(text), mb.name, "", 0);
	hdf_str(h, "mail.greeting", text);
	if (reengage) {
		snprintf(msg->subject, sizeof(msg->subject), "%s",
			 notify_text(lang, "notify.mail.reengage_subject"));
		hdf_str(h, "mail.intro", notify_text(lang, "notify.mail.reengage_intro"));
		hdf_str(h, "mail.threads_heading", notify_text(lang, "notify.mail.reengage_threads"));
		hdf_str(h, "mail.action.text", notify_text(lang, "notify.mail.reengage_action"));
		hdf_strf(h, "mail.action.url", "%s/", m->origin);
	} else {
		snprintf(title, sizeof(title), "%s", notify_text(lang, strcmp(mb.mode, "daily") == 0
							       ? "notify.mail.digest_daily"
							       : "notify.mail.digest_weekly"));
		fill(lang, "notify.mail.digest_subject", msg->subject, sizeof(msg->subject), "",
		     title, total_count(h));
		hdf_str(h, "mail.heading", title);
		hdf_str(h, "mail.intro", notify_text(lang, "notify.mail.digest_intro"));
	}
	return render(m, h, lang, row->user_id, NULL, msg);
}

/* The weekly marketing digest (mail_insights.c): for a member who still
 * wants mail, in their language. */
static int compose_insights(mail_ctx *m, const outbox_row *row, HDF *h, message *msg,
			    char *why, size_t why_size)
{
	member mb;
	HDF *lang;
	char text[600];
	int rc = load_member(m, row->user_id, &mb);

	if (rc != 0)
		return rc;
	if (!mb.verified || strcmp(mb.mode, "none") == 0) {
		snprintf(why, why_size, "no longer wanted (%s%s)", mb.mode, mb.verified ? "" : ", unverified");
		return E_NOTFOUND;
	}
	snprintf(msg->lang, sizeof(msg->lang), "%s", *mb.lang ? mb.lang : *row->lang ? row->lang : "en");
	lang = lang_of(m, msg->lang);
	rc = mail_insights_fill(m, row->user_id, row->window_end, lang, msg->lang, h, msg->subject,
				sizeof(msg->subject), why, why_size);
	if (rc != 0)
		return rc;
	snprintf(msg->to, sizeof(msg->to), "%s", mb.email);
	fill(lang, "notify.mail.greeting", text, sizeof(text), mb.name, "", 0);
	hdf_str(h, "mail.greeting", text);
	return render(m, h, lang, row->user_id, NULL, msg);
}

/* Makes a single-use token for the member, stores its hash, and puts the
 * link into url. */
static int make_token(mail_ctx *m, long long uid, const char *email, const char *purpose,
		      const char *path, char *url, size_t size)
{
	unsigned char raw[32], hash[32];
	char hex[65];
	int rc;

	randombytes_buf(raw, sizeof(raw));
	session_hash(raw, hash);
	hex_encode(raw, sizeof(raw), hex);
	sodium_memzero(raw, sizeof(raw));
	rc = db_begin(m->d);
	if (rc == 0 && strcmp(purpose, "verify") != 0)
		rc = DB_EXEC(m->d, SQL_TOKENS_RETIRE, NULL, DBI(uid), DBS(purpose));
	if (rc == 0)
		rc = DB_EXEC(m->d, SQL_TOKEN_INSERT, NULL, DBB(hash, 32), DBS(purpose), DBI(uid),
			     DBS(email), DBI(strcmp(purpose, "reset") == 0	 ? RESET_SECONDS
					     : strcmp(purpose, "change") == 0 ? CHANGE_SECONDS
									  : VERIFY_SECONDS));
	if (rc == 0)
		rc = db_commit(m->d);
	else
		db_rollback(m->d);
	if (rc == 0)
		snprintf(url, size, "%s%s?token=%s", m->origin, path, hex);
	sodium_memzero(hex, sizeof(hex));
	return rc;
}

/* An address check (verify) or a password reset link. */
static int compose_account(mail_ctx *m, const outbox_row *row, HDF *h, message *msg,
			   char *why, size_t why_size)
{
	int reset = strcmp(row->kind, "reset") == 0;
	long long uid = row->user_id;
	member mb;
	HDF *lang;
	char url[400], text[600];
	int rc = 0;

	if (reset) {
		/* the request named an address: does an account have it? */
		rc = DB_SELECT_INT(m->d, SQL_MEMBER_BY_EMAIL, &uid, DBS(row->email));
		if (rc == E_NOTFOUND)
			snprintf(why, why_size, "no account has this address");
		if (rc != 0)
			return rc;
	}
	rc = load_member(m, uid, &mb);
	if (rc != 0)
		return rc;
	if (!reset && (mb.verified || strcasecmp(mb.email, row->email) != 0)) {
		snprintf(why, why_size, "the address is verified already or changed");
		return E_NOTFOUND;
	}
	if (!mail_address_ok(mb.email))
		return E_INVALID;
	/* a reset asked for in a language is answered in it */
	snprintf(msg->lang, sizeof(msg->lang), "%s", *row->lang ? row->lang : *mb.lang ? mb.lang : "en");
	lang = lang_of(m, msg->lang);
	rc = make_token(m, uid, mb.email, reset ? "reset" : "verify",
			reset ? "/password/reset" : "/settings/verify", url, sizeof(url));
	if (rc != 0)
		return rc;
	snprintf(msg->to, sizeof(msg->to), "%s", mb.email);
	snprintf(msg->subject, sizeof(msg->subject), "%s",
		 notify_text(lang, reset ? "notify.mail.reset_subject" : "notify.mail.verify_subject"));
	fill(lang, "notify.mail.greeting", text, sizeof(text), mb.name, "", 0);
	hdf_str(h, "mail.greeting", text);
	fill(lang, reset ? "notify.mail.reset_intro" : "notify.mail.verify_intro", text, sizeof(text),
	     mb.name, "", 0);
	hdf_str(h, "mail.intro", text);
	hdf_str(h, "mail.action.text", notify_text(lang, reset ? "notify.mail.reset_action"
							  : "notify.mail.verify_action"));
	hdf_str(h, "mail.action.url", url);
	hdf_str(h, "mail.outro", notify_text(lang, reset ? "notify.mail.reset_ignore"
						     : "notify.mail.verify_ignore"));
	rc = render(m, h, lang, uid, NULL, msg);
	sodium_memzero(url, sizeof(url));
	return rc;
}

/* A change of address: the link to the new address (change), written only
 * while that address is still the one waiting, or the notice to the old
 * address (change_note), which goes whatever happened since: the member
 * must hear of it even when the change went through at once. */
static int compose_change(mail_ctx *m, const outbox_row *row, HDF *h, message *msg,
			  char *why, size_t why_size)
{
	int link = strcmp(row->kind, "change") == 0;
	db_rows *rows = NULL;
	member mb;
	HDF *lang;
	char url[400], text[600];
	int rc = load_member(m, row->user_id, &mb);

	if (rc != 0)
		return rc;
	if (link) {
		rc = DB_SELECT(m->d, SQL_PENDING, &rows, DBI(row->user_id));
		if (rc != 0)
			return rc;
		if (rows->nrows == 0 ||
		    strcasecmp(row_str(rows, 0, "email_pending"), row->email) != 0)
			rc = E_NOTFOUND;
		db_rows_free(rows);
		if (rc == E_NOTFOUND)
			snprintf(why, why_size, "the change was applied, replaced or cancelled");
		if (rc != 0)
			return rc;
	}
	if (!mail_address_ok(row->email))
		return E_INVALID;
	snprintf(msg->lang, sizeof(msg->lang), "%s", *row->lang ? row->lang : *mb.lang ? mb.lang : "en");
	lang = lang_of(m, msg->lang);
	if (link) {
		rc = make_token(m, row->user_id, row->email, "change", "/settings/email/confirm", url,
				sizeof(url));
	} else {
		snprintf(url, sizeof(url), "%s/password/forgot", m->origin);
	}
	if (rc != 0)
		return rc;
	snprintf(msg->to, sizeof(msg->to), "%s", row->email);
	snprintf(msg->subject, sizeof(msg->subject), "%s",
		 notify_text(lang, link ? "notify.mail.change_subject" : "notify.mail.change_note_subject"));
	fill(lang, "notify.mail.greeting", text, sizeof(text), mb.name, "", 0);
	hdf_str(h, "mail.greeting", text);
	fill(lang, link ? "notify.mail.change_intro" : "notify.mail.change_note_intro", text,
	     sizeof(text), mb.name, "", 0);
	hdf_str(h, "mail.intro", text);
	hdf_str(h, "mail.action.text", notify_text(lang, link ? "notify.mail.change_action"
							 : "notify.mail.change_note_action"));
	hdf_str(h, "mail.action.url", url);
	hdf_str(h, "mail.outro", notify_text(lang, link ? "notify.mail.change_ignore"
						    : "notify.mail.change_note_outro"));
	rc = render(m, h, lang, row->user_id, NULL, msg);
	sodium_memzero(url, sizeof(url));
	return rc;
}

int mail_compose(mail_ctx *m, const outbox_row *row, message *msg, char *why, size_t why_size)
{
	HDF *h = NULL;
	int rc;

	memset(msg, 0, sizeof(*msg));
	why[0] = '\0';
	if (hdf_init(&h) != STATUS_OK)
		return E_NOMEM;
	if (strcmp(row->kind, "notice") == 0)
		rc = compose_notice(m, row, h, msg, why, why_size);
	else if (strcmp(row->kind, "digest") == 0 || strcmp(row->kind, "reengage") == 0)
		rc = compose_digest(m, row, h, msg, why, why_size);
	else if (strcmp(row->kind, "insights") == 0)
		rc = compose_insights(m, row, h, msg, why, why_size);
	else if (strcmp(row->kind, "change") == 0 || strcmp(row->kind, "change_note") == 0)
		rc = compose_change(m, row, h, msg, why, why_size);
	else
		rc = compose_account(m, row, h, msg, why, why_size);
	hdf_destroy(&h);
	if (rc == 0 && !mail_address_ok(msg->to))
		rc = E_INVALID;
	if (rc != 0)
		message_free(msg);
	return rc;
}
