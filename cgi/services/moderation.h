/* moderation.h: the rules applied when content is written, and the queue.
 *
 * Before a post, review or idea is stored, mod_check looks at its text and
 * author: a watched word may block it, replace itself, or hold the content
 * (a word kept for one language applies only to texts the sentiment
 * module's detector finds in that language, and to texts whose language
 * it cannot tell);
 * too many links hold it; a member's first posts go to the queue (held or
 * visible, as configured). Moderators, staff and admins are exempt.
 * Words and links are read in what the text shows its readers, never in
 * its Markdown source (markdown.h, markdown_scan_text): entities, escapes
 * and emphasis cannot hide a word or a link from the rules.
 *
 * Configuration (with defaults): moderation.first_posts = 2 and
 * moderation.first_posts_action = flag (queued but visible; "hold" hides it
 * until approved); moderation.max_links = 3 and moderation.max_links_action
 * = hold; moderation.flags_to_hide = 3 (distinct members' flags that hide an
 * item until a moderator decides); moderation.abusive_action = flag (text
 * the text analysis finds abusive, sentiment.h's sentiment_abuse, is queued
 * visible; "hold" hides it until approved, "off" skips the check).
 */
#ifndef TERTULIA_MODERATION_H
#define TERTULIA_MODERATION_H

#include "base/config.h"
#include "db/db.h"

struct sentiment_model;

typedef struct mod_verdict {
	const char *status;  /* "visible" or "held" (constant) */
	const char *cause;   /* queue cause, or NULL when the queue is not needed */
	char detail[200];    /* what triggered it, for moderators */
	int blocked;         /* 1: refuse the content (a watched word says block) */
	char *text;          /* allocated text with words replaced, or NULL */
} mod_verdict;

/* Applies the rules to text written by user_id (role bits in roles).
 * count_sql is the constant statement counting the author's earlier items
 * of this kind (one parameter: the user id). sm is the process's sentiment
 * model, borrowed (NULL: no lexicons, then no abusive check). Fills *out;
 * the caller frees it with mod_verdict_free. Returns 0, E_NOMEM or a
 * database error. */
int mod_check(db *d, const config *cfg, const struct sentiment_model *sm, long long user_id,
	      unsigned roles, const char *count_sql, const char *text, mod_verdict *out);
void mod_verdict_free(mod_verdict *v);

/* Applies the rules to a title and a body written together (a review, an
 * idea): the body as mod_check does, the title for its watched words and
 * links (count_sql is used once, for the body), and the text analysis once
 * on both together. *body_v gets the combined
 * status, cause and detail (a hold in either holds the item) and the body's
 * replaced text, *title_v the title's; a block shows in the `blocked` of
 * the verdict whose field has the word. The caller frees both. */
int mod_check_titled(db *d, const config *cfg, const struct sentiment_model *sm,
		     long long user_id, unsigned roles, const char *count_sql, const char *title,
		     const char *body, mod_verdict *title_v, mod_verdict *body_v);
/* Applies the rules that read text (the watched words, the links rule and
 * the text analysis) to one more field of an item whose title and body
 * mod_check_titled has checked: a review's pros and cons. *field_v gets the
 * field's own verdict (blocked, the replaced text; the caller frees it), and
 * a hold or a cause for the queue is folded into *item_v. An empty or NULL
 * text passes. */
int mod_check_field(db *d, const config *cfg, const struct sentiment_model *sm, unsigned roles,
		    const char *text, mod_verdict *item_v, mod_verdict *field_v);
/* Why a titled check refuses the item, or NULL when it may be written: the
 * field ("title" or "body") with a blocked word, or "title" when the title
 * with its words replaced is longer than title_max characters. *key gets
 * the message's key in the language files, *n the number for its {n}. */
const char *mod_refusal(const mod_verdict *title_v, const mod_verdict *body_v,
			long long title_max, const char **key, long long *n);


/* Puts an item in the moderation queue (or reopens it), inside the caller's
 * transaction when there is one. category_id/product_id may be 0. */
int mod_queue_add(db *d, const char *type, long long id, const char *cause, const char *detail,
		  long long author_id, long long category_id, long long product_id);

#endif
