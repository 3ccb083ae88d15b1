/* reviews_store.h: writing products, reviews, helpful votes, responses and
 * orders, and the checks their inputs share.
 *
 * Shared by the reviews program and tertuliactl (imports, demo), so that
 * every review is written the same way: in one transaction that also moves
 * its product's rating summary row (product_ratings), taken first with a
 * row lock, so concurrent writes never lose an update and no page ever
 * recounts the reviews. Lock order, always: the summary row, then the review
 * row. Only visible reviews are counted in a summary.
 *
 * Arguments are borrowed; ids come back through out-parameters. Functions
 * return 0 or an error code of err.h.
 */
#ifndef TERTULIA_REVIEWS_STORE_H
#define TERTULIA_REVIEWS_STORE_H

#include <stddef.h>
#include "db/db.h"
#include "base/str.h"

/* Limits, in characters. */
#define SKU_MAX 40
#define ORDER_ID_MAX 64
#define PRODUCT_NAME_MAX 150
#define PRODUCT_DESCRIPTION_MAX 5000
#define PRODUCT_CATEGORY_MAX 60
#define IMAGE_URL_MAX 500
#define REVIEW_TITLE_MAX 120
#define REVIEW_BODY_MAX 20000
#define REVIEW_PROS_MAX 1000
#define RESPONSE_BODY_MAX 10000

/* ---- checks (0 or E_INVALID) ---- */

/* 1-40 of [A-Za-z0-9._-], starting with a letter or digit. */
int reviews_valid_sku(const char *s);
/* 1-64 of [A-Za-z0-9._:#/-]. */
int reviews_valid_order_id(const char *s);
/* A real calendar date YYYY-MM-DD between 1990 and 2999. */
int reviews_valid_date(const char *s);
/* Empty, https://... (no spaces or quotes), or a path on this site. */
int reviews_valid_image_url(const char *s);
/* Text of min-max characters, valid UTF-8, no control characters (newlines
 * allowed when multiline). Returns NULL when fine, or the key of a message
 * in the language files ("err.too_long"); *limit gets the number for {n}. */
const char *reviews_text_problem(const char *s, int multiline, long long min, long long max,
				 long long *limit);

/* ---- products ---- */

typedef struct product_in {
	const char *sku, *name;      /* required */
	const char *description, *category;
	const char *image_url;       /* "" for none */
	int active;                  /* 1, 0, or -1 (not given) */
} product_in;

/* Creates the product with p->sku (and its empty rating summary) or updates
 * the one that has it (any case), in one transaction. A NULL description,
 * category or image_url, or an active of -1, means "not given": the default
 * for a new product ("", none, active), unchanged for an existing one.
 * *created is 1 when it was new. */
int reviews_product_save(db *d, const product_in *p, long long *id, int *created);

/* The id of the product with sku (any case). E_NOTFOUND when none. *active
 * may be NULL. */
int reviews_product_find(db *d, const char *sku, long long *id, int *active);

/* ---- orders ---- */

typedef struct order_in {
	const char *order_id, *email, *date; /* checked already */
	long long product_id;
	const char *source;                  /* "import", "api" or "demo" */
} order_in;

/* Records an order line, idempotently: (order_id, product) again updates the
 * line. A live review of that product by the account with that email
 * becomes verified. *created is 1 for a new line; *verified (may be NULL)
 * counts the reviews it verified. */
int reviews_order_save(db *d, const order_in *o, long long *id, int *created, int *verified);

/* ---- reviews ---- */

typedef struct review_in {
	long long product_id, user_id;
	int rating;                     /* 1-5 */
	const char *title, *body;       /* body: Markdown */
	const char *pros, *cons;        /* NULL for none */
	const char *nonce;              /* from the form, or NULL */
	/* what the moderation rules said (services/moderation.h): "visible"
	 * (NULL) or "held", and, when queue_cause is not NULL, why the review
	 * goes to the moderators' queue (in the write's transaction) */
	const char *status;
	const char *queue_cause, *queue_detail;
} review_in;

/* Writes a new review, with its summary, its place in the queue, its
 * rollups and the watchers' notifications, in one transaction. verified
 * comes from the orders, never from in. Returns 0, E_DUP when the member has
 * a live review of the product already (*id then names it), E_NOTFOUND for
 * an unknown product, or an error. */
int reviews_create(db *d, const review_in *in, long long *id);

/* Replaces the rating, title, body, pros and cons of review id, keeping the
 * old ones as a revision by editor_id, in one transaction: an in->status of
 * "held" holds a visible review before its new text is written (any other
 * leaves its status), and an in->queue_cause queues it for moderators.
 * E_NOTFOUND when deleted or missing. */
int reviews_edit(db *d, long long id, long long editor_id, const review_in *in);

/* Moves review id from status `from` (NULL: whatever it is) to `to`
 * ("visible", "held", "hidden", "deleted"), and its product's summary with
 * it. note (may be NULL) is the moderator's reason shown to the author.
 * E_CONFLICT when the review is no longer in `from` (another moderator
 * acted first), E_NOTFOUND when it is missing, E_DUP when restoring a
 * deleted review whose author has written another since. Runs inside the
 * caller's transaction when in_tx is 1 (the moderation program's). */
int reviews_set_status(db *d, long long id, const char *from, const char *to, const char *note,
		       int in_tx);

/* Records user_id's vote (helpful 1 yes, 0 no) on review id: a first vote,
 * or a changed one; the same vote again changes nothing. E_NOTFOUND when the
 * review is not visible, E_FORBIDDEN for the review's own author. */
int reviews_vote(db *d, long long id, long long user_id, int helpful);

/* Writes the one official response to review id, or replaces its text.
 * *created is 1 when it is the first. E_NOTFOUND for a deleted review. */
int reviews_respond(db *d, long long id, long long staff_id, const char *body, int *created);

/* ---- invitations and keys ---- */

/* 0 when mac_hex signs an invitation to review sku, sent to email, valid
 * until expires (unix time), E_INVALID otherwise (constant time). The MAC
 * (64 hex digits) is libsodium crypto_auth under key (the configuration's
 * secret) of a message with a purpose prefix, the SKU, the lowercased
 * email and the expiry. */
int reviews_invite_check(const unsigned char key[32], const char *sku, const char *email,
			 long long expires, const char *mac_hex);
/* Appends ORIGIN/reviews/invite?sku=...&email=...&exp=...&sig=... to out. */
int reviews_invite_url(strbuf *out, const char *origin, const unsigned char key[32],
		       const char *sku, const char *email, long long expires);

/* The stored form of an API key: crypto_generichash (32 bytes) of its text. */
void reviews_api_key_hash(const char *key, unsigned char out[32]);

#endif
