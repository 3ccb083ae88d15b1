/* outbox.h: queueing mail. A row of the outbox says what to send to whom;
 * the sender (tertuliactl mail, cgi/ctl/mail.c) writes and sends it. Rows are
 * written inside the caller's transaction, with the event they tell about,
 * so that an event never goes without its mail nor a mail without its event.
 * See sql/0040_notifications.sql for the kinds and the life of a row.
 */
#ifndef TERTULIA_OUTBOX_H
#define TERTULIA_OUTBOX_H

#include "db/db.h"

typedef struct outbox_item {
	const char *kind;          /* notice, digest, reengage, verify, reset */
	long long user_id;         /* 0: none (a reset for an address) */
	const char *email;         /* verify, reset: the address; else NULL */
	const char *lang;          /* "en", "es" or "": the language when queued */
	long long notification_id; /* notice */
	long long window_start, window_end; /* digest, reengage: unix times (0: none) */
} outbox_item;

/* Queues one message, due now. Returns 0 or a database error. */
int outbox_queue(db *d, const outbox_item *m);

#endif
