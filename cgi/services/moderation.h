/* moderation.h: the rules applied when content is written, and the queue.
 *
 * Before a post, review or idea is stored, mod_check_item looks at its text and
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

/* One text's verdict (within a mod_item). */
typedef struct mod_verdict {
	const char *status;  /* "visible" or "held" (constant) */
	const char *cause;   /* queue cause, or NULL when the queue is not needed */
	char detail[200];    /* what triggered it, for moderators */
	int blocked;         /* 1: refuse the content (a watched word says block) */
	char *text;          /* allocated text with words replaced, or NULL */
} mod_verdict;

/* The one check every compose path makes (a thread, a reply, a post edit,
 * a review and its edit, an idea, an idea comment): the rules on what an
 * item shows, title, body and a review's pros and cons, with what the
 * caller needs to refuse it or to write it.
 *
 * In: text[MOD_BODY] (required) and, when the item has them, the other
 * texts (NULL for one it lacks: a reply has no title); max[] the
 * characters a text may still have once a watched word is replaced in it
 * (0: no limit). A title is checked with its body (one language, one text
 * analysis on both), the first-posts rule counts once, for the body, and
 * pros and cons are read for their words, links and tone; a hold or a
 * cause in any of them is the item's.
 *
 * Out, when mod_check_item returns 0: text[] with the watched words
 * replaced (owned by the mod_item), status ("visible" or "held"), and cause
 * and detail (NULL cause: not queued) for the store that writes the item
 * and queues it in the same transaction. When it returns E_INVALID the item
 * is refused: field ("title", "body", "pros" or "cons") holds a blocked word
 * or has become too long, key is the message's key in the language files
 * and n the number for its {n}. Other returns: E_NOMEM, a database error.
 * Free with mod_item_free whatever it returned. */
enum { MOD_TITLE, MOD_BODY, MOD_PROS, MOD_CONS, MOD_TEXTS };

typedef struct mod_item {
	const char *text[MOD_TEXTS];
	long long max[MOD_TEXTS];
	const char *status, *cause, *detail;
	const char *field, *key;
	long long n;
	mod_verdict v[MOD_TEXTS]; /* the verdicts behind them: the module's own */
} mod_item;

/* Applies the rules to *item written by user_id (role bits in roles).
 * count_sql is the constant statement counting the author's earlier items
 * of this kind (one parameter: the user id), or NULL when the first-posts
 * rule does not apply. sm is the process's sentiment model, borrowed. */
int mod_check_item(db *d, const config *cfg, const struct sentiment_model *sm,
		   long long user_id, unsigned roles, const char *count_sql, mod_item *item);
void mod_item_free(mod_item *item);

/* Puts an item in the moderation queue (or reopens it), inside the caller's
 * transaction when there is one. category_id/product_id may be 0. */
int mod_queue_add(db *d, const char *type, long long id, const char *cause, const char *detail,
		  long long author_id, long long category_id, long long product_id);

#endif
