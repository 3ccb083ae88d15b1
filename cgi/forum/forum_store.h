/* forum_store.h: writing threads and posts.
 *
 * Shared by the forum program, tertuliactl's demo and generate commands, so
 * that every thread and post is written the same way: in one transaction,
 * with its position, its rendered HTML, the counters of its thread and
 * category, its place in the moderation queue when the rules ask for one,
 * its rollups and its notifications (a failure in any of them writes
 * nothing). Arguments are borrowed; ids come back through out-parameters.
 */
#ifndef TERTULIA_FORUM_STORE_H
#define TERTULIA_FORUM_STORE_H

#include "db/db.h"
#include "services/content_url.h"

typedef struct new_post {
	long long user_id;
	const char *body;      /* Markdown, valid UTF-8 */
	const char *nonce;     /* from the form, or NULL: a resubmit makes no second post */
	long long quote_post_id; /* 0 for none */
	const char *status;    /* "visible" or "held" */
	const char *queue_cause;  /* non-NULL: queue it for moderators (moderation.h) */
	const char *queue_detail;
} new_post;

/* Creates a thread with its first post. Returns 0, or E_DUP when this
 * user's nonce was used already (then *thread_id and *post_id name what the
 * first submit made), E_NOTFOUND for an unknown category, or an error. */
int forum_create_thread(db *d, long long category_id, const char *title,
			const new_post *p, long long *thread_id, long long *post_id);

/* Adds a reply to a thread. Returns 0, E_DUP (as above), E_NOTFOUND when
 * the thread is missing or not visible, E_FORBIDDEN when it is locked
 * (allow_locked lets moderators write anyway), or an error. *position gets
 * the reply's place in the thread. */
int forum_create_reply(db *d, long long thread_id, const new_post *p, int allow_locked,
		       long long *post_id, long long *position);

/* Replaces a post's body with p->body (and the thread's title when title
 * is non-NULL and the post opens its thread), keeping the old text as a
 * revision by p->user_id (the editor). As for a new post, the rules'
 * outcome comes with it: a p->status of "held" holds a visible post before
 * its new text is written (so that the text is never shown), and a
 * p->queue_cause queues it for moderators, in the same transaction (nonce
 * and quote_post_id are not read). E_NOTFOUND when missing or deleted. */
int forum_edit_post(db *d, long long post_id, const char *title, const new_post *p);

/* Marks a post deleted (soft); deleting the first post deletes the thread. */
int forum_delete_post(db *d, long long post_id);

/* Moves a post from status `from` to `to` (visible, held, hidden, deleted)
 * in one transaction, keeping the thread's and category's counters right;
 * the opening post takes its thread along. note (may be NULL) is the reason
 * shown to the author. Returns E_CONFLICT when the post is no longer in
 * `from` (another moderator acted first), E_NOTFOUND when it is missing.
 * Runs inside the caller's transaction when in_tx is 1. */
int forum_set_post_status(db *d, long long post_id, const char *from, const char *to,
			  const char *note, int in_tx);

/* Likes (undo = 0) or unlikes a post. Liking twice changes nothing.
 * Returns 0 or an error. */
int forum_like_post(db *d, long long post_id, long long user_id, int undo);

/* Marks post_id as the answer of thread_id (0 clears). E_INVALID when the
 * post is not a visible reply of that thread. */
int forum_solve(db *d, long long thread_id, long long post_id);

#endif
