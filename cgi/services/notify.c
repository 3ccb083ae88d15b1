/* notify.c: who is told about an event, and the notification and outbox
 * rows that tell them (see notify.h). */
#include "services/notify.h"
#include "base/err.h"
#include "base/log.h"
#include "text/markdown.h"
#include "services/outbox.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char SQL_FORUM_POST[] =
	"SELECT p.thread_id, p.position, p.user_id, p.body, p.quote_post_id, t.category_id, "
	"p.status = 'visible' AND t.status = 'visible' AS visible FROM posts p "
	"JOIN threads t ON t.id = p.thread_id WHERE p.id = ?";
static const char SQL_QUOTED_AUTHOR[] =
	"SELECT user_id FROM posts WHERE id = ? AND status = 'visible'";
static const char SQL_IDEA_COMMENT[] =
	"SELECT c.idea_id, c.user_id, c.body, COALESCE(i.product_id, 0) AS product_id, "
	"c.status = 'visible' AND i.status = 'visible' AS visible FROM idea_comments c "
	"JOIN ideas i ON i.id = c.idea_id WHERE c.id = ?";
static const char SQL_IDEA[] =
	"SELECT user_id, COALESCE(product_id, 0) AS product_id, status = 'visible' AS visible "
	"FROM ideas WHERE id = ?";
static const char SQL_IDEA_VOTERS[] = "SELECT user_id FROM idea_votes WHERE idea_id = ?";
static const char SQL_IDEA_STAGE[] = "SELECT to_stage FROM idea_status_changes WHERE id = ?";
static const char SQL_REVIEW[] =
	"SELECT product_id, user_id, status = 'visible' AS visible FROM reviews WHERE id = ?";
/* A mention writes a name's space as '_' (markdown.h): the key holds
 * them as one (users.username_key, unique). */
static const char SQL_USER_BY_NAME[] =
	"SELECT id FROM users WHERE username_key = REPLACE(?, '_', ' ')";
/* Members following a target at a level (or at one of two levels). */
static const char SQL_FOLLOWERS[] =
	"SELECT user_id FROM follows WHERE target_type = ? AND target_id = ? AND level IN (?, ?)";
/* What decides whether, and how, a candidate is told: a verified address,
 * their email mode, their rows for the item, its container and the actor. */
static const char SQL_RECIPIENT[] =
	"SELECT u.email_verified_at IS NOT NULL AS verified, "
	"COALESCE(p.mode, 'immediate') AS mode, "
	"COALESCE((SELECT f.level FROM follows f WHERE f.user_id = u.id AND f.target_type = ? "
	"AND f.target_id = ?), '') AS item_level, "
	"COALESCE((SELECT f.level FROM follows f WHERE f.user_id = u.id AND f.target_type = ? "
	"AND f.target_id = ?), '') AS container_level, "
	"COALESCE((SELECT f.level FROM follows f WHERE f.user_id = u.id AND f.target_type = 'user' "
	"AND f.target_id = ?), '') AS actor_level "
	"FROM users u LEFT JOIN email_prefs p ON p.user_id = u.id WHERE u.id = ?";
static const char SQL_NOTIFICATION_INSERT[] =
	"INSERT INTO notifications (recipient_id, kind, actor_id, target_type, target_id, ref_id, "
	"verb, detail, group_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP())";
/* at most 100 (the header shows "99+"), counted here: COUNT(*) over a
 * LIMITed derived table made MariaDB build a temporary table on every page
 * a member views (0.2 ms of 1). The programs may read only these two
 * columns (sql/0041). */
static const char SQL_UNREAD[] =
	"SELECT read_at FROM notifications WHERE recipient_id = ? AND read_at IS NULL LIMIT 100";

/* The most members one mention list names. */
#define MAX_MENTIONS 20

/* How a candidate came to be told, which decides what may silence them. */
enum via {
	VIA_DIRECT = 1,   /* mentioned, quoted: only a mute silences it */
	VIA_WATCH,        /* watches the item or its container: needs "watch" */
	VIA_NORMAL,       /* follows the item: needs "normal" or "watch" */
	VIA_AUTHOR,       /* follows the actor: only a mute of the item silences it */
	VIA_COMPANY       /* the company's notices: nothing silences them */
};

typedef struct candidate {
	long long user_id;
	int rank;          /* mention 3 > reply 2 > the rest 1 */
	const char *kind;
	enum via via;
} candidate;

/* An event: what it is about and who may hear of it. */
typedef struct event {
	db *d;
	long long actor;
	const char *item_type;      /* follows: "thread", "idea", "product" */
	long long item_id;
	const char *container_type; /* follows: "category", "product", or NULL */
	long long container_id;
	const char *target_type;    /* notifications: post, idea, idea_comment, review */
	long long target_id;
	long long ref_id;
	const char *verb;
	const char *detail;
	char group[48];             /* "thread:42": the kind goes in front */
	const char *alt_kind;       /* candidates told this kind are grouped by */
	char alt_group[48];         /* alt_group ("category:3": new threads) */
	candidate *c;
	size_t n, cap;
} event;

static int kind_rank(const char *kind)
{
	if (strcmp(kind, "mention") == 0)
		return 3;
	return strcmp(kind, "reply") == 0 ? 2 : 1;
}

/* Adds a candidate, or raises what an earlier one is told (a member both
 * mentioned and watching is told of the mention, once). */
static int add(event *e, long long user_id, const char *kind, enum via via)
{
	size_t i;
	int rank = kind_rank(kind);

	if (user_id <= 0 || user_id == e->actor)
		return 0;
	for (i = 0; i < e->n; i++) {
		if (e->c[i].user_id != user_id)
			continue;
		if (rank > e->c[i].rank || (rank == e->c[i].rank && via < e->c[i].via)) {
			e->c[i].rank = rank;
			e->c[i].kind = kind;
			e->c[i].via = via;
		}
		return 0;
	}
	if (e->n == e->cap) {
		size_t ncap = e->cap ? e->cap * 2 : 16;
		candidate *p = realloc(e->c, ncap * sizeof(*p));
		if (p == NULL)
			return E_NOMEM;
		e->c = p;
		e->cap = ncap;
	}
	e->c[e->n++] = (candidate){ user_id, rank, kind, via };
	return 0;
}

/* Adds every member following type/id at level1 or level2. */
static int add_followers(event *e, const char *type, long long id, const char *level1,
			 const char *level2, const char *kind, enum via via)
{
	db_rows *rows = NULL;
	size_t i;
	int rc;

	if (type == NULL || id <= 0)
		return 0;
	rc = DB_SELECT(e->d, SQL_FOLLOWERS, &rows, DBS(type), DBI(id), DBS(level1), DBS(level2));
	for (i = 0; rc == 0 && i < rows->nrows; i++)
		rc = add(e, row_int(rows, i, "user_id"), kind, via);
	db_rows_free(rows);
	return rc;
}

/* Adds the members mentioned in a Markdown body who exist. */
static int add_mentions(event *e, const char *body)
{
	char names[MAX_MENTIONS][MENTION_NAME_BYTES + 1];
	int n = markdown_mentions(body, strlen(body), names, MAX_MENTIONS), i, rc = 0;
	long long id;

	if (n < 0)
		return n;
	for (i = 0; rc == 0 && i < n; i++) {
		rc = DB_SELECT_INT(e->d, SQL_USER_BY_NAME, &id, DBS(names[i]));
		if (rc == E_NOTFOUND) {
			rc = 0;
			continue;
		}
		if (rc == 0)
			rc = add(e, id, "mention", VIA_DIRECT);
	}
	return rc;
}

/* Whether a candidate is told, from their follow rows. */
static int wanted(const event *e, const candidate *c, const char *item_level,
		  const char *container_level, const char *actor_level)
{
	/* the item's own row decides over its container's */
	const char *level = *item_level ? item_level : container_level;

	if (c->via == VIA_COMPANY)
		return 1;
	if (strcmp(level, "mute") == 0 || (e->actor && strcmp(actor_level, "mute") == 0))
		return 0;
	if (c->via == VIA_WATCH)
		return strcmp(level, "watch") == 0;
	if (c->via == VIA_NORMAL)
		return strcmp(level, "watch") == 0 || strcmp(level, "normal") == 0;
	return 1;
}

/* Writes the notification (and the outbox row) of one candidate. */
static int tell(event *e, const candidate *c)
{
	db_rows *rows = NULL;
	db_result res;
	char group[80];
	int rc, verified;
	const char *mode;

	rc = DB_SELECT(e->d, SQL_RECIPIENT, &rows,
		       DBS(e->item_type ? e->item_type : "thread"), DBI(e->item_type ? e->item_id : 0),
		       DBS(e->container_type ? e->container_type : "category"),
		       DBI(e->container_type ? e->container_id : 0), DBI(e->actor), DBI(c->user_id));
	if (rc != 0)
		return rc;
	if (rows->nrows == 0 || !wanted(e, c, row_str(rows, 0, "item_level"),
					 row_str(rows, 0, "container_level"),
					 row_str(rows, 0, "actor_level"))) {
		db_rows_free(rows);
		return 0;
	}
	verified = row_int(rows, 0, "verified") != 0;
	mode = row_str(rows, 0, "mode");
	snprintf(group, sizeof(group), "%s:%s", c->kind,
		 e->alt_kind && strcmp(c->kind, e->alt_kind) == 0 ? e->alt_group : e->group);
	rc = DB_EXEC(e->d, SQL_NOTIFICATION_INSERT, &res, DBI(c->user_id), DBS(c->kind),
		     e->actor ? DBI(e->actor) : DBNULL, DBS(e->target_type), DBI(e->target_id),
		     e->ref_id ? DBI(e->ref_id) : DBNULL, DBS(e->verb ? e->verb : ""),
		     DBS(e->detail ? e->detail : ""), DBS(group));
	/* digests and "none" are the sender's business; unverified addresses
	 * get no notification email at all */
	if (rc == 0 && verified && strcmp(mode, "immediate") == 0) {
		outbox_item m = { .kind = "notice", .user_id = c->user_id,
				  .notification_id = (long long)res.insert_id };
		rc = outbox_queue(e->d, &m);
	}
	db_rows_free(rows);
	return rc;
}

/* Tells every candidate that wants it, and frees the list. */
static int deliver(event *e, int rc)
{
	size_t i;

	for (i = 0; rc == 0 && i < e->n; i++)
		rc = tell(e, &e->c[i]);
	free(e->c);
	e->c = NULL;
	e->n = e->cap = 0;
	if (rc != 0)
		log_error("notify: %s %lld: %s", e->target_type, e->target_id, err_name(rc));
	return rc;
}

int notify_forum_post(db *d, long long post_id)
{
	event e = { .d = d, .target_type = "post", .target_id = post_id,
		    .item_type = "thread", .container_type = "category" };
	db_rows *rows = NULL;
	long long quoted = 0, quote_author = 0;
	int rc = DB_SELECT(d, SQL_FORUM_POST, &rows, DBI(post_id)), first;

	if (rc != 0)
		return rc;
	if (rows->nrows == 0 || !row_int(rows, 0, "visible")) {
		db_rows_free(rows);
		return 0;
	}
	e.item_id = row_int(rows, 0, "thread_id");
	first = row_int(rows, 0, "position") == 1;
	e.actor = row_int(rows, 0, "user_id");
	quoted = row_int(rows, 0, "quote_post_id");
	e.container_id = row_int(rows, 0, "category_id");
	snprintf(e.group, sizeof(e.group), "thread:%lld", e.item_id);
	rc = add_mentions(&e, row_str(rows, 0, "body"));
	if (first) {
		/* new threads are grouped by category: "3 new threads in Help" */
		e.alt_kind = "thread";
		snprintf(e.alt_group, sizeof(e.alt_group), "category:%lld", e.container_id);
		if (rc == 0)
			rc = add_followers(&e, "category", e.container_id, "watch", "watch", "thread",
					   VIA_WATCH);
		if (rc == 0)
			rc = add_followers(&e, "user", e.actor, "normal", "watch", "thread", VIA_AUTHOR);
	} else {
		if (rc == 0 && quoted) {
			rc = DB_SELECT_INT(d, SQL_QUOTED_AUTHOR, &quote_author, DBI(quoted));
			if (rc == E_NOTFOUND)
				rc = 0;
			else if (rc == 0)
				rc = add(&e, quote_author, "reply", VIA_DIRECT);
		}
		if (rc == 0)
			rc = add_followers(&e, "thread", e.item_id, "watch", "watch", "post", VIA_WATCH);
		if (rc == 0)
			rc = add_followers(&e, "category", e.container_id, "watch", "watch", "post",
					   VIA_WATCH);
		if (rc == 0)
			rc = add_followers(&e, "user", e.actor, "watch", "watch", "post", VIA_AUTHOR);
	}
	db_rows_free(rows);
	return deliver(&e, rc);
}

int notify_idea_comment(db *d, long long comment_id)
{
	event e = { .d = d, .target_type = "idea_comment", .target_id = comment_id,
		    .item_type = "idea", .container_type = "product" };
	db_rows *rows = NULL;
	int rc = DB_SELECT(d, SQL_IDEA_COMMENT, &rows, DBI(comment_id));

	if (rc != 0)
		return rc;
	if (rows->nrows == 0 || !row_int(rows, 0, "visible")) {
		db_rows_free(rows);
		return 0;
	}
	e.item_id = row_int(rows, 0, "idea_id");
	e.actor = row_int(rows, 0, "user_id");
	e.container_id = row_int(rows, 0, "product_id");
	snprintf(e.group, sizeof(e.group), "idea:%lld", e.item_id);
	rc = add_mentions(&e, row_str(rows, 0, "body"));
	if (rc == 0)
		rc = add_followers(&e, "idea", e.item_id, "watch", "watch", "comment", VIA_WATCH);
	if (rc == 0)
		rc = add_followers(&e, "user", e.actor, "watch", "watch", "comment", VIA_AUTHOR);
	db_rows_free(rows);
	return deliver(&e, rc);
}

int notify_idea_stage(db *d, long long idea_id, long long change_id, long long by)
{
	event e = { .d = d, .actor = by, .target_type = "idea", .target_id = idea_id,
		    .item_type = "idea", .item_id = idea_id, .container_type = "product",
		    .ref_id = change_id };
	db_rows *rows = NULL, *stage = NULL;
	size_t i;
	int rc = DB_SELECT(d, SQL_IDEA, &rows, DBI(idea_id));

	if (rc == 0)
		rc = DB_SELECT(d, SQL_IDEA_STAGE, &stage, DBI(change_id));
	if (rc != 0 || rows->nrows == 0 || stage->nrows == 0 || !row_int(rows, 0, "visible")) {
		db_rows_free(rows);
		db_rows_free(stage);
		return rc;
	}
	e.container_id = row_int(rows, 0, "product_id");
	e.verb = row_str(stage, 0, "to_stage");
	snprintf(e.group, sizeof(e.group), "idea:%lld", idea_id);
	rc = add(&e, row_int(rows, 0, "user_id"), "idea_status", VIA_COMPANY);
	db_rows_free(rows);
	rows = NULL;
	if (rc == 0)
		rc = DB_SELECT(d, SQL_IDEA_VOTERS, &rows, DBI(idea_id));
	for (i = 0; rc == 0 && i < rows->nrows; i++)
		rc = add(&e, row_int(rows, i, "user_id"), "idea_status", VIA_COMPANY);
	if (rc == 0)
		rc = add_followers(&e, "idea", idea_id, "normal", "watch", "idea_status", VIA_NORMAL);
	rc = deliver(&e, rc);
	db_rows_free(rows);
	db_rows_free(stage);
	return rc;
}

int notify_review_created(db *d, long long review_id)
{
	event e = { .d = d, .target_type = "review", .target_id = review_id,
		    .item_type = "product" };
	db_rows *rows = NULL;
	int rc = DB_SELECT(d, SQL_REVIEW, &rows, DBI(review_id));

	if (rc != 0)
		return rc;
	if (rows->nrows == 0 || !row_int(rows, 0, "visible")) {
		db_rows_free(rows);
		return 0;
	}
	e.item_id = row_int(rows, 0, "product_id");
	e.actor = row_int(rows, 0, "user_id");
	snprintf(e.group, sizeof(e.group), "product:%lld", e.item_id);
	db_rows_free(rows);
	rc = add_followers(&e, "product", e.item_id, "watch", "watch", "review", VIA_WATCH);
	if (rc == 0)
		rc = add_followers(&e, "user", e.actor, "watch", "watch", "review", VIA_AUTHOR);
	return deliver(&e, rc);
}

int notify_review_response(db *d, long long review_id, long long staff_id)
{
	event e = { .d = d, .actor = staff_id, .target_type = "review", .target_id = review_id,
		    .item_type = "product" };
	db_rows *rows = NULL;
	int rc = DB_SELECT(d, SQL_REVIEW, &rows, DBI(review_id));

	if (rc != 0)
		return rc;
	if (rows->nrows == 0) {
		db_rows_free(rows);
		return 0;
	}
	e.item_id = row_int(rows, 0, "product_id");
	snprintf(e.group, sizeof(e.group), "review:%lld", review_id);
	rc = add(&e, row_int(rows, 0, "user_id"), "review_response", VIA_COMPANY);
	db_rows_free(rows);
	return deliver(&e, rc);
}

int notify_moderation(db *d, long long author_id, long long moderator_id, const char *action,
		      const char *target_type, long long target_id, const char *reason)
{
	event e = { .d = d, .actor = moderator_id, .target_type = target_type,
		    .target_id = target_id, .verb = action, .detail = reason };
	int rc;

	if (strcmp(target_type, "post") != 0 && strcmp(target_type, "review") != 0 &&
	    strcmp(target_type, "idea") != 0 && strcmp(target_type, "idea_comment") != 0)
		return E_INVALID;
	/* each decision is its own line */
	snprintf(e.group, sizeof(e.group), "%s:%lld:%.12s", target_type, target_id, action);
	rc = add(&e, author_id, "moderation", VIA_COMPANY);
	return deliver(&e, rc);
}

int notify_unread_count(db *d, long long user_id, long long *n)
{
	db_rows *rows = NULL;
	int rc = DB_SELECT(d, SQL_UNREAD, &rows, DBI(user_id));

	if (rc == 0)
		*n = (long long)rows->nrows;
	db_rows_free(rows);
	return rc;
}
