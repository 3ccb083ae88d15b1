/* rollup_internal.h: what rollup.c (the incremental path) and
 * rollup_rebuild.c (the rebuild) share, so that both read an item the same
 * way: the same statements, the same text, the same phrases. Not for other
 * callers (include rollup.h). */
#ifndef TERTULIA_ROLLUP_INTERNAL_H
#define TERTULIA_ROLLUP_INTERNAL_H

#include "services/rollup.h"
#include "services/segments.h"
#include "base/str.h"
#include "text/themes.h"

enum { RK_POST, RK_REVIEW, RK_IDEA, RK_COUNT };

/* A kind's statements. Every loader returns the columns rollup_item_read
 * reads, labelled alike: id, counted, day, category_id, product_id,
 * segment, sentiment_label, score, lang, position, title, body, flags,
 * answered, solved, reply_seconds, user_id, rating, verified, thread_id. */
typedef struct rollup_kind {
	const char *name;        /* "post", "review", "idea" */
	const char *load_one;    /* one item: id */
	const char *load_day;    /* the items created on a day: day, day */
	const char *unscored;    /* up to 500 unscored ids above an id: id */
	const char *set_score;   /* score, label, lang, id */
	const char *set_segment; /* id: the author's segment onto the item */
} rollup_kind;

extern const rollup_kind rollup_kinds[RK_COUNT];

/* The kind named name ("post"...), or -1. */
int rollup_kind_of(const char *name);

/* What one item counts for. counted = 0: nothing (the other fields are
 * not used). scored = 0: it counts as unscored, without label or themes. */
typedef struct rollup_item {
	int kind;
	long long id;
	int counted;
	char day[11];
	long long category_id, product_id;
	char segment[SEGMENT_KEY_MAX + 1];
	int scored, label;       /* label -1, 0, 1 */
	long long score;         /* thousandths */
	char lang[3];
	int rating, verified;
	long long flags;
	int thread, answered, solved;
	long long reply_seconds;
	size_t nphrases;         /* sorted by hash */
	theme_phrase phrases[THEME_PHRASES_MAX];
	/* not counted for anything, but what the writers need */
	long long user_id, thread_id, position;
} rollup_item;

/* Fills it from row r of rows (a loader's columns). Phrases are not read:
 * see rollup_item_phrases. */
void rollup_item_read(const db_rows *rows, size_t r, int kind, rollup_item *it);

/* The text an item is scored and read for themes by: the title (an opening
 * post's thread title, a review's or idea's title) and the body's plain
 * text, into out (emptied first). Returns 0 or E_NOMEM. */
int rollup_item_text(const db_rows *rows, size_t r, int kind, strbuf *out);

/* Loads item id of kind with its row locked, scores it with the process's
 * model (storing a changed score) and reads its phrases when it counts. An
 * item that does not exist does not count. Its flags are not read. */
int rollup_item_load(db *d, int kind, long long id, rollup_item *it);

/* Fills it->phrases from text (a counted, scored item's), sorted by hash. */
void rollup_item_phrases(db *d, rollup_item *it, const char *text, size_t len);

/* Serialises it->phrases' hashes, 8 bytes each big-endian, into out
 * (THEME_PHRASES_MAX * 8 bytes). Returns the length. */
size_t rollup_phrase_blob(const rollup_item *it, unsigned char *out);

/* The jobs rollup_queue.c applies, each in the caller's transaction. They
 * are made from the rows as they are now, whenever they run: applied twice,
 * or late, or out of order, the rollups come out the same. (written:
 * an item's contribution, its author's day, the answer its thread got;
 * changed: the contribution; flagged: the flags of an item that counts;
 * thread: every post of it; answered: its opening post; verified: the
 * product's reviews an order line verifies.) */
int rollup_apply_written(db *d, int kind, long long id);
int rollup_apply_changed(db *d, int kind, long long id);
int rollup_apply_flagged(db *d, int kind, long long id);
int rollup_apply_thread(db *d, long long thread_id);
int rollup_apply_answered(db *d, long long thread_id);
int rollup_apply_verified(db *d, long long product_id, long long order_row_id);

/* rollup_queue.c: queues a job in the caller's transaction (kind NULL for
 * the jobs that take none), remembered as this process's until
 * rollup_drain_mine. Returns 0 or a db error. */
int rollup_queue_job(db *d, const char *job, const char *kind, long long target, long long n1,
		     long long n2);

/* rollup_votes.c: moves an idea's votes from what it counted for (old)
 * to what it counts for now, when they differ in counting, category or
 * product; nothing for other kinds. Called by the incremental path. */
int rollup_votes_follow(db *d, const rollup_item *old, const rollup_item *now);

/* Fills insight_votes and insight_votes_all for one day, whose rows are
 * already deleted, from that day's idea_votes and the ledger (call once
 * the ledger rows of the ideas voted that day are made). */
int rollup_votes_rebuild_day(db *d, const char *day);

#endif
