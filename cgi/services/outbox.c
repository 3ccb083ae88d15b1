/* outbox.c: queueing mail (see outbox.h). */
#include "services/outbox.h"
#include "base/str.h"

#include <sodium.h>

static const char SQL_OUTBOX_INSERT[] =
	"INSERT INTO outbox (kind, user_id, email, lang, notification_id, window_start, window_end, "
	"message_key, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, FROM_UNIXTIME(?), "
	"FROM_UNIXTIME(?), ?, UTC_TIMESTAMP(), UTC_TIMESTAMP())";

int outbox_queue(db *d, const outbox_item *m)
{
	unsigned char raw[16];
	char key[33];

	/* the Message-ID's unique part: a retry sends the same message */
	randombytes_buf(raw, sizeof(raw));
	hex_encode(raw, sizeof(raw), key);
	return DB_EXEC(d, SQL_OUTBOX_INSERT, NULL, DBS(m->kind),
		       m->user_id ? DBI(m->user_id) : DBNULL, DBS(m->email),
		       DBS(m->lang ? m->lang : ""),
		       m->notification_id ? DBI(m->notification_id) : DBNULL,
		       m->window_start ? DBI(m->window_start) : DBNULL,
		       m->window_end ? DBI(m->window_end) : DBNULL, DBS(key));
}
