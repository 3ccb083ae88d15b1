/* idea_store.h: writing ideas, votes, comments, status changes and merges.
 *
 * Shared by the ideas program and tertuliactl's demo, so that every idea is
 * written the same way. Each function is one transaction and takes the
 * idea's row lock (SELECT ... FOR UPDATE) before anything else, so that all
 * the writes to one idea happen one after the other: the vote counter stays
 * exact under parallel votes, comment positions are handed out without
 * gaps or twins, and a merge sees no vote arriving half-way. A merge locks
 * both ideas, the lower id first. Arguments are borrowed; ids and outcomes
 * come back through out-parameters.
 */
#ifndef TERTULIA_IDEA_STORE_H
#define TERTULIA_IDEA_STORE_H

#include "db/db.h"

#define IDEA_COMMENTS_PER_PAGE 20

/* The pipeline, in order. */
extern const char *const idea_stages[6];
/* The stage names joined by '|', for a form's F_ENUM. */
#define IDEA_STAGE_CHOICES "open|under_review|planned|in_progress|done|declined"
/* Whether s is one of idea_stages. */
int idea_stage_valid(const char *s);

typedef struct new_idea {
	long long user_id;
	const char *title;
	const char *body;       /* Markdown, valid UTF-8 */
	const char *nonce;      /* from the form, or NULL */
	long long product_id;   /* 0 for none */
	long long category_id;  /* 0 for none */
	/* what the moderation rules said (services/moderation.h): "visible"
	 * (NULL) or "held", and, when queue_cause is not NULL, why the idea
	 * goes to the moderators' queue (in the write's transaction) */
	const char *status;
	const char *queue_cause, *queue_detail;
} new_idea;

/* What a vote, an unvote, a status change or a merge came to, beyond
 * success or a database error. */
typedef enum {
	IDEA_DONE = 0,     /* done as asked */
	IDEA_UNCHANGED,    /* nothing to do: already voted / not voted / same status */
	IDEA_MISSING,      /* no such idea, or not visible */
	IDEA_CLOSED,       /* done or declined: takes no new votes */
	IDEA_MERGED,       /* merged into another idea (its id in *other) */
	IDEA_NO_BUDGET,    /* the member's open votes are all used */
	IDEA_SELF,         /* merge: an idea into itself */
	IDEA_TARGET_MISSING, /* merge: the surviving idea does not exist */
	IDEA_TARGET_MERGED   /* merge: the surviving idea was merged itself */
} idea_outcome;

/* Creates an idea, its place in the queue, its rollups, the author's
 * follow and, for a visible idea, the author's own vote when the budget (0 =
 * unlimited) leaves room (an idea starts with its author's support), in one
 * transaction.
 * Returns 0, or E_DUP when this user's nonce made an idea already (*id then
 * names it), or an error. */
int idea_create(db *d, const new_idea *p, long long budget, long long *id);

/* Votes (undo = 0) or takes the vote back. budget is the most open votes a
 * member may hold (0 = unlimited). *out says what happened; *other gets
 * the surviving idea for IDEA_MERGED. Returns 0 or a database error. */
int idea_vote(db *d, long long idea_id, long long user_id, int undo, long long budget,
	      idea_outcome *out, long long *other);

/* The number of open votes (ideas neither done nor declined) user_id holds. */
int idea_open_votes(db *d, long long user_id, long long *n);

/* Moves idea_id to stage with a public note, recording who and when.
 * *out: IDEA_DONE, IDEA_UNCHANGED (already in that stage), IDEA_MISSING or
 * IDEA_MERGED. Returns 0 or an error; E_INVALID for an unknown stage. */
int idea_set_stage(db *d, long long idea_id, const char *stage, const char *note,
		   long long by, idea_outcome *out);

typedef struct new_idea_comment {
	long long user_id;
	const char *body;    /* Markdown, valid UTF-8 */
	const char *nonce;   /* or NULL */
	int official;        /* 1: the company's answer (staff only: the caller checks) */
	const char *status;  /* "visible" or "held" (NULL: visible) */
	const char *queue_cause, *queue_detail; /* as in new_idea */
} new_idea_comment;

/* Adds a comment to a visible, unmerged idea, with its place in the queue
 * and its notifications, in one transaction. *out: IDEA_DONE,
 * IDEA_MISSING or IDEA_MERGED. Returns 0, E_DUP when the nonce was used
 * (then *comment_id and *position name the first one), or an error. */
int idea_comment(db *d, long long idea_id, const new_idea_comment *c, idea_outcome *out,
		 long long *comment_id, long long *position);

/* Merges the duplicate `from` into `into`: its votes move over (a member
 * who voted for both keeps one vote), its comments follow after the
 * survivor's, ideas merged into `from` now point at `into`, the duplicate
 * keeps its text and points at the survivor, and the audit log records who
 * did it and why. *out: IDEA_DONE, IDEA_SELF, IDEA_MISSING (from),
 * IDEA_MERGED (from is merged already), IDEA_TARGET_MISSING,
 * IDEA_TARGET_MERGED. Returns 0 or an error. */
int idea_merge(db *d, long long from, long long into, long long by, const char *reason,
	       idea_outcome *out);

#endif
