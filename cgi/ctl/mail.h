/* mail.h: the mail sender's parts (tertuliactl mail): mail.c runs the
 * service (claims outbox rows, sends them over SMTP with libcurl, retries
 * with back-off), mail_compose.c writes each message from its outbox row,
 * in the member's language, when it is sent. */
#ifndef TERTULIA_CTL_MAIL_H
#define TERTULIA_CTL_MAIL_H

#include <ClearSilver.h>
#include "base/config.h"
#include "db/db.h"
#include "base/str.h"
#include "web/view.h"

/* What the sender holds for its whole life. */
typedef struct mail_ctx {
	const config *cfg;
	db *d;
	template_cache *tc;    /* templates/email/ */
	HDF *lang[2];          /* en, es */
	unsigned char secret[32];
	char origin[256];      /* for absolute links */
} mail_ctx;

/* One outbox row, as claimed. */
typedef struct outbox_row {
	long long id, user_id, notification_id, window_start, window_end, attempts, created_at;
	char kind[12], lang[4], key[40];
	char email[256];
} outbox_row;

/* A message ready to go. */
typedef struct message {
	char to[256];
	char subject[400];
	char lang[4];
	char unsubscribe[400]; /* absolute URL for List-Unsubscribe */
	strbuf text, html;
} message;

/* Writes the message of row. Returns 0 (send it), E_NOTFOUND (nothing to
 * send any more: dropped, why says which), E_INVALID (the address cannot
 * take mail: failed), or another code (try again later). */
int mail_compose(mail_ctx *m, const outbox_row *row, message *msg, char *why, size_t why_size);
void message_free(message *msg);

/* mail_insights.c: the weekly marketing digest. mail_insights_queue queues
 * the last whole week's digest to each member with the marketing role who
 * wants mail and has not had that week's (recorded in insight_digest_mails
 * in the same transaction). mail_insights_fill, when the message is
 * written: checks the member still has the role, reads the week ending the
 * day before window_end and fills mail.* of h (lang: the member's language
 * file, borrowed) and the subject. Returns 0, E_NOTFOUND (no longer wanted:
 * why says so) or a database error. */
void mail_insights_queue(mail_ctx *m);
int mail_insights_fill(mail_ctx *m, long long uid, long long window_end, HDF *lang,
		       const char *lang_code, HDF *h, char *subject, size_t subject_size,
		       char *why, size_t why_size);

/* Whether an address can be given to SMTP as it is: valid_email and ASCII
 * only (no SMTPUTF8 here). */
int mail_address_ok(const char *addr);

#endif
