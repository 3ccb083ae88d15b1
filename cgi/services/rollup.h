/* rollup.h: scoring content when it is written, and keeping the insight
 * rollups of sql/0050 current (what the marketing insight pages read), and
 * the forum categories' counters.
 *
 * The writer's functions below run inside the writer's transaction and are
 * called after the write, by the store that made it (forum_store,
 * reviews_store, idea_store) or by the moderation program's flag. Each
 * takes the item's kind as flags.target_type names it: "post", "review" or
 * "idea". An item is scored at once (its own row, which the writer holds);
 * what it counts for in the rows every writer shares (the day's rollups,
 * a theme's count, a category's counters) is queued as a job (sql/0063),
 * in the same transaction, so the write and its job commit together. Two
 * writes on different threads then share no row, and on Galera do not
 * conflict.
 *
 * The jobs are applied right after the write commits by the process that
 * wrote (rollup_drain_mine: the web layer calls it after a POST, and
 * tertuliactl after a command that writes), each in a transaction of its
 * own; one that cannot be applied then stays queued for rollup_drain
 * (`tertuliactl drain`, run beside the programs on every host).
 *
 * What an item counts for is recomputed from its rows each time and
 * compared with what insight_items says it counted for before; the
 * difference moves insight_daily and insight_themes. So a job applied
 * late, twice or out of order keeps everything right, and rollup_rebuild
 * (tertuliactl rollup) makes the same rows from scratch.
 *
 * The sentiment model is the process's: rollup_set_model is called once at
 * start-up (app_init, tertuliactl) with a model the caller owns, or NULL, and
 * then content is stored unscored until a rebuild scores it. Theme phrases
 * are cut at the forum's search stopwords (table ft_stopwords), read once
 * per process on first use.
 */
#ifndef TERTULIA_ROLLUP_H
#define TERTULIA_ROLLUP_H

#include "db/db.h"
#include "text/sentiment.h"

/* Sets (or clears, with NULL) the model used to score. Borrowed: it must
 * outlive every later call. */
void rollup_set_model(const sentiment_model *m);
const sentiment_model *rollup_model(void);

/* A new item: stores its author's segment on it and scores it; queued:
 * recording the author's day of activity and counting it (a thread's
 * first reply also updates its opening post's thread figures). Returns 0
 * or a db error. */
int rollup_written(db *d, const char *kind, long long id);

/* An item changed (text, status, flags, verification...): scores it again;
 * queued: moving its contribution. A missing item counts for nothing. */
int rollup_changed(db *d, const char *kind, long long id);

/* A member flagged the item (after the flag's row is written); queued:
 * its flags, while it counts, are its rows in flags. */
int rollup_flagged(db *d, const char *kind, long long id);

/* Queued: every post of a thread (its status or category changed). */
int rollup_thread_changed(db *d, long long thread_id);

/* Queued: a thread's own figures changed (it was solved, or lost its
 * answer): its opening post counts them. */
int rollup_thread_answered(db *d, long long thread_id);

/* Queued: an order line (orders.id order_row_id) for product_id arrived:
 * the reviews it verifies count as verified. Call after they are updated. */
int rollup_reviews_verified(db *d, long long product_id, long long order_row_id);

/* Queued: a forum category gains (or, negative, loses) threads and visible
 * posts (nothing for 0 and 0). rollup_category_posted: a new visible post
 * (the opening post of a new thread when new_thread), which makes now its
 * last post's time. */
int rollup_category(db *d, long long category_id, long long threads, long long posts);
int rollup_category_posted(db *d, long long category_id, int new_thread);

/* Applies, each in a transaction of its own, the jobs this process queued
 * since it last called this (up to 64; more are left queued), outside any
 * transaction. A job that fails (a conflict, a lock wait) stays queued for
 * rollup_drain; then E_RETRY, else 0. The write they follow is committed
 * either way: a caller reports nothing of this to the writer. */
int rollup_drain_mine(db *d);

/* Applies every queued job older than older_than seconds, in queue order,
 * outside any transaction; *applied gets how many were (a job that fails
 * is logged and left for the next call). Returns 0 or the error of reading
 * the queue. */
int rollup_drain(db *d, long long older_than, long long *applied);

/* Idea votes by day and voter's segment (insight_votes, sql/0054): a vote
 * counts while its idea counts. rollup_vote: member user_id's vote on
 * idea_id was just written (sign 1) or is about to be deleted (sign -1);
 * it reads the vote's row, so call it while the row exists. rollup_idea_votes:
 * all of the idea's current votes in (1) or out (-1), around a merge that
 * moves them. Both run in the caller's transaction, under the idea's row
 * lock, and do nothing for an idea that does not count. */
int rollup_vote(db *d, long long idea_id, long long user_id, int sign);
int rollup_idea_votes(db *d, long long idea_id, int sign);

typedef struct rollup_stats {
	long long scored;  /* items that were unscored and got a score */
	long long items;   /* items that count */
	long long days;    /* days with content */
	long long themes;  /* theme rows written */
	long long members; /* member-days of activity */
} rollup_stats;

/* Rebuilds every rollup from the content (tertuliactl rollup, and the end
 * of the demo): scores what is unscored (when a model is set), empties the
 * rollup tables and fills them again day by day. Runs in the caller's
 * connection with its own transactions; writes made meanwhile by the
 * programs may be missed (run it again). Returns 0 or an error. */
int rollup_rebuild(db *d, rollup_stats *st);

#endif
