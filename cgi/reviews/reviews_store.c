/* reviews_store.c: products, reviews, votes, responses and orders written
 * in transactions (see reviews_store.h). */
#include "reviews/reviews_store.h"
#include "base/err.h"
#include "base/log.h"
#include "text/markdown.h"
#include "services/moderation.h"
#include "services/notify.h"
#include "services/rollup.h"
#include "base/utf8.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A NULL value is one not given: the default for a new product, the value
 * it had for an existing one. */
static const char SQL_PRODUCT_INSERT[] =
	"INSERT INTO products (sku, name, description, category, image_url, active, created_at, "
	"updated_at) VALUES (?, ?, COALESCE(?, ''), COALESCE(?, ''), NULLIF(?, ''), COALESCE(?, 1), "
	"UTC_TIMESTAMP(), UTC_TIMESTAMP())";
static const char SQL_PRODUCT_UPDATE[] =
	"UPDATE products SET name = ?, description = COALESCE(?, description), "
	"category = COALESCE(?, category), image_url = IF(? IS NULL, image_url, NULLIF(?, '')), "
	"active = COALESCE(?, active), updated_at = UTC_TIMESTAMP() WHERE sku = ?";
static const char SQL_SUMMARY_INSERT[] = "INSERT INTO product_ratings (product_id) VALUES (?)";
static const char SQL_PRODUCT_FIND[] = "SELECT id, active FROM products WHERE sku = ?";

static const char SQL_ORDER_INSERT[] =
	"INSERT INTO orders (order_id, product_id, email, ordered_on, source, created_at, updated_at) "
	"VALUES (?, ?, ?, ?, ?, UTC_TIMESTAMP(), UTC_TIMESTAMP())";
static const char SQL_ORDER_UPDATE[] =
	"UPDATE orders SET email = ?, ordered_on = ?, updated_at = UTC_TIMESTAMP() "
	"WHERE order_id = ? AND product_id = ?";
static const char SQL_ORDER_ID[] = "SELECT id FROM orders WHERE order_id = ? AND product_id = ?";
static const char SQL_ORDER_VERIFY[] =
	"UPDATE reviews SET verified = 1 WHERE product_id = ? AND verified = 0 AND status <> 'deleted' "
	"AND user_id IN (SELECT user_id FROM review_purchases WHERE order_row_id = ?)";

static const char SQL_SUMMARY_LOCK[] =
	"SELECT review_count FROM product_ratings WHERE product_id = ? FOR UPDATE";
/* damped_rating, the home page's ranking (sql/0057, 0058), comes last: the
 * assignments run left to right, so it reads the new count and sum */
static const char SQL_SUMMARY_MOVE[] =
	"UPDATE product_ratings SET review_count = review_count + ?, rating_sum = rating_sum + ?, "
	"stars1 = stars1 + ?, stars2 = stars2 + ?, stars3 = stars3 + ?, stars4 = stars4 + ?, "
	"stars5 = stars5 + ?, damped_rating = (rating_sum + 6) / (review_count + 2) "
	"WHERE product_id = ?";
static const char SQL_PURCHASED[] =
	"SELECT COUNT(*) FROM review_purchases WHERE user_id = ? AND product_id = ?";
static const char SQL_REVIEW_INSERT[] =
	"INSERT INTO reviews (product_id, user_id, rating, title, body, html, pros, cons, verified, "
	"status, nonce, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP())";
static const char SQL_REVIEW_LIVE[] =
	"SELECT id FROM reviews WHERE product_id = ? AND user_id = ? AND status <> 'deleted'";
static const char SQL_REVIEW_PRODUCT[] = "SELECT product_id FROM reviews WHERE id = ?";
static const char SQL_REVIEW_LOCK[] =
	"SELECT rating, title, body, pros, cons, status, user_id FROM reviews WHERE id = ? FOR UPDATE";
static const char SQL_REVISION_INSERT[] =
	"INSERT INTO review_revisions (review_id, editor_id, old_rating, old_title, old_body, "
	"old_pros, old_cons, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP())";
static const char SQL_REVIEW_UPDATE[] =
	"UPDATE reviews SET rating = ?, title = ?, body = ?, html = ?, pros = ?, cons = ?, "
	"verified = ?, edited_at = UTC_TIMESTAMP() WHERE id = ?";
static const char SQL_REVIEW_STATUS[] =
	"UPDATE reviews SET status = ?, mod_note = COALESCE(?, mod_note) WHERE id = ?";
static const char SQL_REVIEW_AUTHOR_LOCK[] =
	"SELECT user_id, status FROM reviews WHERE id = ? FOR UPDATE";
static const char SQL_VOTE_INSERT[] =
	"INSERT IGNORE INTO review_votes (review_id, user_id, helpful, created_at, updated_at) "
	"VALUES (?, ?, ?, UTC_TIMESTAMP(), UTC_TIMESTAMP())";
static const char SQL_VOTE_GET[] =
	"SELECT helpful FROM review_votes WHERE review_id = ? AND user_id = ? FOR UPDATE";
static const char SQL_VOTE_UPDATE[] =
	"UPDATE review_votes SET helpful = ?, updated_at = UTC_TIMESTAMP() "
	"WHERE review_id = ? AND user_id = ?";
static const char SQL_VOTE_COUNT[] =
	"UPDATE reviews SET helpful_yes = helpful_yes + ?, helpful_no = helpful_no + ? WHERE id = ?";
static const char SQL_RESPONSE_INSERT[] =
	"INSERT INTO review_responses (review_id, user_id, body, html, created_at) "
	"VALUES (?, ?, ?, ?, UTC_TIMESTAMP())";
static const char SQL_RESPONSE_UPDATE[] =
	"UPDATE review_responses SET body = ?, html = ?, edited_at = UTC_TIMESTAMP(), edited_by = ? "
	"WHERE review_id = ?";

/* ------------------------------------------------------------- checks */

static int only_of(const char *s, const char *extra, size_t max)
{
	size_t n = 0;

	for (; *s; s++, n++) {
		unsigned char c = (unsigned char)*s;
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      strchr(extra, c)))
			return E_INVALID;
	}
	return n >= 1 && n <= max ? 0 : E_INVALID;
}

int reviews_valid_sku(const char *s)
{
	if (s == NULL || !((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
			   (*s >= '0' && *s <= '9')))
		return E_INVALID;
	return only_of(s, "._-", SKU_MAX);
}

int reviews_valid_order_id(const char *s)
{
	return s ? only_of(s, "._:#/-", ORDER_ID_MAX) : E_INVALID;
}

int reviews_valid_date(const char *s)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	long long y, m, dd;
	char part[5];
	int leap;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return E_INVALID;
	memcpy(part, s, 4);
	part[4] = '\0';
	if (parse_long(part, 1990, 2999, &y) != 0)
		return E_INVALID;
	memcpy(part, s + 5, 2);
	part[2] = '\0';
	if (parse_long(part, 1, 12, &m) != 0)
		return E_INVALID;
	memcpy(part, s + 8, 2);
	if (parse_long(part, 1, 31, &dd) != 0)
		return E_INVALID;
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return dd <= days[m - 1] + (m == 2 && leap) ? 0 : E_INVALID;
}

int reviews_valid_image_url(const char *s)
{
	const char *p;

	if (s == NULL || *s == '\0')
		return 0;
	if (strlen(s) > IMAGE_URL_MAX)
		return E_INVALID;
	if (strncmp(s, "https://", 8) == 0) {
		if (s[8] == '\0' || s[8] == '/')
			return E_INVALID;
	} else if (s[0] != '/' || s[1] == '/' || s[1] == '\\') {
		return E_INVALID;
	}
	for (p = s; *p; p++)
		if ((unsigned char)*p <= ' ' || (unsigned char)*p >= 0x7F || strchr("\"'<>\\`", *p))
			return E_INVALID;
	return 0;
}

const char *reviews_text_problem(const char *s, int multiline, long long min, long long max,
				 long long *limit)
{
	size_t n = s ? strlen(s) : 0;
	long long chars;

	*limit = 0;
	if (n == 0)
		return min > 0 ? "err.required" : NULL;
	switch (utf8_check(s, n, multiline)) {
	case UTF8_INVALID: return "err.utf8";
	case UTF8_CONTROL: return "err.control";
	default: break;
	}
	chars = (long long)utf8_length(s, n);
	if (chars > max) {
		*limit = max;
		return "err.too_long";
	}
	if (chars < min) {
		*limit = min;
		return "err.too_short";
	}
	return NULL;
}

/* ---------------------------------------------------------- products */

int reviews_product_save(db *d, const product_in *p, long long *id, int *created)
{
	db_param active = p->active < 0 ? DBNULL : DBI(p->active ? 1 : 0);
	db_result res;
	int rc = db_begin(d);

	*created = 0;
	if (rc != 0)
		return rc;
	rc = DB_EXEC(d, SQL_PRODUCT_INSERT, &res, DBS(p->sku), DBS(p->name), DBS(p->description),
		     DBS(p->category), DBS(p->image_url), active);
	if (rc == 0) {
		/* a new product gets its summary row at once: review writes lock it */
		*id = (long long)res.insert_id;
		*created = 1;
		rc = DB_EXEC(d, SQL_SUMMARY_INSERT, NULL, DBI(*id));
	} else if (rc == E_DUP) {
		rc = DB_EXEC(d, SQL_PRODUCT_UPDATE, NULL, DBS(p->name), DBS(p->description),
			     DBS(p->category), DBS(p->image_url), DBS(p->image_url), active,
			     DBS(p->sku));
		if (rc == 0)
			rc = reviews_product_find(d, p->sku, id, NULL);
	}
	if (rc == 0)
		return db_commit(d);
	db_rollback(d);
	return rc;
}

int reviews_product_find(db *d, const char *sku, long long *id, int *active)
{
	db_rows *rows = NULL;
	int rc = DB_SELECT(d, SQL_PRODUCT_FIND, &rows, DBS(sku));

	if (rc == 0 && rows->nrows == 0)
		rc = E_NOTFOUND;
	if (rc == 0) {
		*id = row_int(rows, 0, "id");
		if (active)
			*active = (int)row_int(rows, 0, "active");
	}
	db_rows_free(rows);
	return rc;
}

/* ------------------------------------------------------------ orders */

int reviews_order_save(db *d, const order_in *o, long long *id, int *created, int *verified)
{
	db_result res;
	int rc = db_begin(d);

	*created = 0;
	if (verified)
		*verified = 0;
	if (rc != 0)
		return rc;
	/* insert first: of two simultaneous reports of one line, the second
	 * waits on the unique key and then updates */
	rc = DB_EXEC(d, SQL_ORDER_INSERT, &res, DBS(o->order_id), DBI(o->product_id), DBS(o->email),
		     DBS(o->date), DBS(o->source));
	if (rc == 0) {
		*id = (long long)res.insert_id;
		*created = 1;
	} else if (rc == E_DUP) {
		rc = DB_EXEC(d, SQL_ORDER_UPDATE, NULL, DBS(o->email), DBS(o->date), DBS(o->order_id),
			     DBI(o->product_id));
		if (rc == 0)
			rc = DB_SELECT_INT(d, SQL_ORDER_ID, id, DBS(o->order_id), DBI(o->product_id));
	}
	if (rc == 0)
		rc = DB_EXEC(d, SQL_ORDER_VERIFY, &res, DBI(o->product_id), DBI(*id));
	if (rc == 0 && verified)
		*verified = (int)res.affected;
	if (rc == 0 && res.affected > 0) /* verified reviews, in the insight rollups */
		rc = rollup_reviews_verified(d, o->product_id, *id);
	if (rc == 0)
		return db_commit(d);
	db_rollback(d);
	return rc;
}

/* ----------------------------------------------------------- reviews */

/* Moves one review out of the counts of star `from` and into those of star
 * `to` (0: not counted). Call with the summary row locked. */
static int summary_move(db *d, long long product_id, int from, int to)
{
	long long star[6] = { 0 };

	if (from == to)
		return 0;
	if (from >= 1 && from <= 5)
		star[from]--;
	if (to >= 1 && to <= 5)
		star[to]++;
	return DB_EXEC(d, SQL_SUMMARY_MOVE, NULL, DBI((to > 0) - (from > 0)), DBI(to - from),
		       DBI(star[1]), DBI(star[2]), DBI(star[3]), DBI(star[4]), DBI(star[5]),
		       DBI(product_id));
}

/* Takes the product's summary row lock: the first step of every review
 * write. E_NOTFOUND when the product does not exist. */
static int summary_lock(db *d, long long product_id)
{
	long long count;

	return DB_SELECT_INT(d, SQL_SUMMARY_LOCK, &count, DBI(product_id));
}

static int purchased(db *d, long long user_id, long long product_id)
{
	long long n = 0;
	int rc = DB_SELECT_INT(d, SQL_PURCHASED, &n, DBI(user_id), DBI(product_id));

	return rc != 0 ? rc : n > 0;
}

static int is_visible(const char *status)
{
	return status == NULL || strcmp(status, "visible") == 0;
}

int reviews_create(db *d, const review_in *in, long long *id)
{
	char *html = NULL;
	db_result res;
	int rc, bought = 0;

	rc = markdown_render(in->body, strlen(in->body), &html);
	if (rc != 0)
		return rc;
	rc = db_begin(d);
	if (rc == 0)
		rc = summary_lock(d, in->product_id);
	if (rc == 0) {
		bought = purchased(d, in->user_id, in->product_id);
		rc = bought < 0 ? bought : 0;
	}
	if (rc == 0)
		rc = DB_EXEC(d, SQL_REVIEW_INSERT, &res, DBI(in->product_id), DBI(in->user_id),
			     DBI(in->rating), DBS(in->title), DBS(in->body), DBS(html),
			     DBS(in->pros ? in->pros : ""), DBS(in->cons ? in->cons : ""), DBI(bought),
			     DBS(in->status ? in->status : "visible"), DBS(in->nonce));
	if (rc == 0) {
		*id = (long long)res.insert_id;
		if (is_visible(in->status))
			rc = summary_move(d, in->product_id, 0, in->rating);
		if (rc == 0 && in->queue_cause)
			rc = mod_queue_add(d, "review", *id, in->queue_cause, in->queue_detail,
					   in->user_id, 0, in->product_id);
		if (rc == 0) /* scored, and counted in the insight rollups */
			rc = rollup_written(d, "review", *id);
		if (rc == 0) /* the product's watchers hear of it */
			rc = notify_review_created(d, *id);
	}
	free(html);
	if (rc == 0)
		return db_commit(d);
	db_rollback(d);
	if (rc == E_DUP) {
		int found = DB_SELECT_INT(d, SQL_REVIEW_LIVE, id, DBI(in->product_id), DBI(in->user_id));
		if (found != 0 && found != E_NOTFOUND)
			return found;
	}
	return rc;
}

/* Starts a write to review id: begins, locks the product's summary row and
 * then the review row, and returns that row in *row (caller frees).
 * E_NOTFOUND when the review is missing. */
static int review_begin(db *d, long long id, long long *product_id, db_rows **row)
{
	int rc = DB_SELECT_INT(d, SQL_REVIEW_PRODUCT, product_id, DBI(id));

	*row = NULL;
	if (rc == 0)
		rc = db_begin(d);
	if (rc == 0)
		rc = summary_lock(d, *product_id);
	if (rc == 0)
		rc = DB_SELECT(d, SQL_REVIEW_LOCK, row, DBI(id));
	if (rc == 0 && (*row)->nrows == 0)
		rc = E_NOTFOUND;
	return rc;
}

static int review_end(db *d, int rc, db_rows *row)
{
	db_rows_free(row);
	if (rc == 0)
		return db_commit(d);
	db_rollback(d);
	return rc;
}

int reviews_edit(db *d, long long id, long long editor_id, const review_in *in)
{
	long long product_id = 0;
	db_rows *row = NULL;
	char *html = NULL;
	int rc, bought, visible, hold = 0;

	rc = markdown_render(in->body, strlen(in->body), &html);
	if (rc != 0)
		return rc;
	rc = review_begin(d, id, &product_id, &row);
	if (rc == 0 && strcmp(row_str(row, 0, "status"), "deleted") == 0)
		rc = E_NOTFOUND;
	visible = rc == 0 && is_visible(row_str(row, 0, "status"));
	/* held before the new text is written, so that it is never shown (and
	 * out of the summary, which then stays as it is) */
	if (visible && in->status && strcmp(in->status, "held") == 0) {
		hold = 1;
		rc = reviews_set_status(d, id, "visible", "held", NULL, 1);
	}
	if (rc == 0)
		rc = DB_EXEC(d, SQL_REVISION_INSERT, NULL, DBI(id), DBI(editor_id),
			     DBI(row_int(row, 0, "rating")), DBS(row_str(row, 0, "title")),
			     DBS(row_str(row, 0, "body")), DBS(row_str(row, 0, "pros")),
			     DBS(row_str(row, 0, "cons")));
	if (rc == 0) {
		/* the author's orders may have arrived (or changed) since */
		bought = purchased(d, row_int(row, 0, "user_id"), product_id);
		rc = bought < 0 ? bought : 0;
		if (rc == 0)
			rc = DB_EXEC(d, SQL_REVIEW_UPDATE, NULL, DBI(in->rating), DBS(in->title),
				     DBS(in->body), DBS(html), DBS(in->pros ? in->pros : ""),
				     DBS(in->cons ? in->cons : ""), DBI(bought), DBI(id));
	}
	if (rc == 0 && visible && !hold)
		rc = summary_move(d, product_id, (int)row_int(row, 0, "rating"), in->rating);
	if (rc == 0 && in->queue_cause)
		rc = mod_queue_add(d, "review", id, in->queue_cause, in->queue_detail,
				   row_int(row, 0, "user_id"), 0, product_id);
	if (rc == 0)
		rc = rollup_changed(d, "review", id);
	free(html);
	return review_end(d, rc, row);
}

int reviews_set_status(db *d, long long id, const char *from, const char *to, const char *note,
		       int in_tx)
{
	long long product_id = 0;
	db_rows *row = NULL;
	int rc = DB_SELECT_INT(d, SQL_REVIEW_PRODUCT, &product_id, DBI(id));

	if (rc == 0 && !in_tx)
		rc = db_begin(d);
	if (rc == 0)
		rc = summary_lock(d, product_id);
	if (rc == 0)
		rc = DB_SELECT(d, SQL_REVIEW_LOCK, &row, DBI(id));
	if (rc == 0 && row->nrows == 0)
		rc = E_NOTFOUND;
	else if (rc == 0 && from && strcmp(row_str(row, 0, "status"), from) != 0)
		rc = E_CONFLICT;
	if (rc == 0 && strcmp(row_str(row, 0, "status"), to) != 0) {
		int rating = (int)row_int(row, 0, "rating");
		rc = DB_EXEC(d, SQL_REVIEW_STATUS, NULL, DBS(to), DBS(note), DBI(id));
		if (rc == 0)
			rc = summary_move(d, product_id, is_visible(row_str(row, 0, "status")) ? rating : 0,
					  is_visible(to) ? rating : 0);
		if (rc == 0)
			rc = rollup_changed(d, "review", id);
	}
	if (in_tx) {
		db_rows_free(row);
		return rc;
	}
	return review_end(d, rc, row);
}

int reviews_vote(db *d, long long id, long long user_id, int helpful)
{
	db_rows *row = NULL;
	db_result res;
	long long before = -1;
	int rc = db_begin(d);

	helpful = helpful ? 1 : 0;
	/* every vote on a review waits for its row lock, so its counters move
	 * one vote at a time */
	if (rc == 0)
		rc = DB_SELECT(d, SQL_REVIEW_AUTHOR_LOCK, &row, DBI(id));
	if (rc == 0 && (row->nrows == 0 || strcmp(row_str(row, 0, "status"), "visible") != 0))
		rc = E_NOTFOUND;
	if (rc == 0 && row_int(row, 0, "user_id") == user_id)
		rc = E_FORBIDDEN;
	/* INSERT IGNORE, then a record lock on the existing vote: no gap locks */
	if (rc == 0)
		rc = DB_EXEC(d, SQL_VOTE_INSERT, &res, DBI(id), DBI(user_id), DBI(helpful));
	if (rc == 0 && res.affected == 0) {
		rc = DB_SELECT_INT(d, SQL_VOTE_GET, &before, DBI(id), DBI(user_id));
		if (rc == 0 && before != helpful)
			rc = DB_EXEC(d, SQL_VOTE_UPDATE, NULL, DBI(helpful), DBI(id), DBI(user_id));
	}
	if (rc == 0 && before != helpful) {
		long long yes = helpful - (before == 1), no = !helpful - (before == 0);
		rc = DB_EXEC(d, SQL_VOTE_COUNT, NULL, DBI(yes), DBI(no), DBI(id));
	}
	db_rows_free(row);
	if (rc == 0)
		return db_commit(d);
	db_rollback(d);
	return rc;
}

int reviews_respond(db *d, long long id, long long staff_id, const char *body, int *created)
{
	db_rows *row = NULL;
	char *html = NULL;
	int rc = markdown_render(body, strlen(body), &html);

	*created = 0;
	if (rc != 0)
		return rc;
	rc = db_begin(d);
	/* the review's row lock makes two first responses one */
	if (rc == 0)
		rc = DB_SELECT(d, SQL_REVIEW_AUTHOR_LOCK, &row, DBI(id));
	if (rc == 0 && (row->nrows == 0 || strcmp(row_str(row, 0, "status"), "deleted") == 0))
		rc = E_NOTFOUND;
	if (rc == 0) {
		rc = DB_EXEC(d, SQL_RESPONSE_INSERT, NULL, DBI(id), DBI(staff_id), DBS(body), DBS(html));
		if (rc == 0)
			*created = 1;
		else if (rc == E_DUP)
			rc = DB_EXEC(d, SQL_RESPONSE_UPDATE, NULL, DBS(body), DBS(html), DBI(staff_id),
				     DBI(id));
	}
	/* the reviewer is told of the first answer, in its transaction */
	if (rc == 0 && *created)
		rc = notify_review_response(d, id, staff_id);
	db_rows_free(row);
	free(html);
	if (rc == 0)
		return db_commit(d);
	db_rollback(d);
	return rc;
}

/* ------------------------------------------------- invitations, keys */

#define INVITE_PURPOSE "tertulia review invitation v1"

/* The signed message: purpose, SKU, lowercased email and expiry, one a
 * line. */
static int invite_message(strbuf *m, const char *sku, const char *email, long long expires)
{
	const char *p;
	int rc = strbuf_printf(m, "%s\n%s\n", INVITE_PURPOSE, sku);

	for (p = email; rc == 0 && *p; p++) {
		char c = (*p >= 'A' && *p <= 'Z') ? (char)(*p + 32) : *p;
		rc = strbuf_append(m, &c, 1);
	}
	return rc ? rc : strbuf_printf(m, "\n%lld", expires);
}

/* The MAC (64 hex digits and NUL) that signs an invitation to review sku,
 * sent to email, valid until expires (unix time): libsodium crypto_auth
 * under key (the configuration's secret) of a message with a purpose
 * prefix, the SKU, the lowercased email and the expiry. */
static void reviews_invite_mac(const unsigned char key[32], const char *sku, const char *email,
			       long long expires, char out[65])
{
	unsigned char mac[crypto_auth_BYTES];
	strbuf m = STRBUF_INIT;

	out[0] = '\0';
	if (invite_message(&m, sku, email, expires) != 0) {
		strbuf_free(&m);
		return;
	}
	crypto_auth(mac, (const unsigned char *)m.s, m.len, key);
	hex_encode(mac, sizeof(mac), out);
	strbuf_free(&m);
}

int reviews_invite_check(const unsigned char key[32], const char *sku, const char *email,
			 long long expires, const char *mac_hex)
{
	unsigned char mac[crypto_auth_BYTES];
	strbuf m = STRBUF_INIT;
	int rc = E_INVALID;

	if (mac_hex && hex_decode(mac_hex, mac, sizeof(mac)) == 0 &&
	    invite_message(&m, sku, email, expires) == 0 &&
	    crypto_auth_verify(mac, (const unsigned char *)m.s, m.len, key) == 0)
		rc = 0;
	strbuf_free(&m);
	return rc;
}

/* Appends s percent-encoded for a query value. */
static int url_escape(strbuf *out, const char *s)
{
	int rc = 0;

	for (; rc == 0 && *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    strchr("-._~", c))
			rc = strbuf_append(out, s, 1);
		else
			rc = strbuf_printf(out, "%%%02X", c);
	}
	return rc;
}

int reviews_invite_url(strbuf *out, const char *origin, const unsigned char key[32],
		       const char *sku, const char *email, long long expires)
{
	char mac[65];
	int rc = strbuf_printf(out, "%s/reviews/invite?sku=", origin);

	reviews_invite_mac(key, sku, email, expires, mac);
	if (rc == 0)
		rc = url_escape(out, sku);
	if (rc == 0)
		rc = strbuf_puts(out, "&email=");
	if (rc == 0)
		rc = url_escape(out, email);
	return rc ? rc : strbuf_printf(out, "&exp=%lld&sig=%s", expires, mac);
}

void reviews_api_key_hash(const char *key, unsigned char out[32])
{
	crypto_generichash(out, 32, (const unsigned char *)key, strlen(key), NULL, 0);
}
