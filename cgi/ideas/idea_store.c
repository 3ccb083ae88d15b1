/* idea_store.c: ideas, votes, comments, status changes and merges written
 * in transactions (see idea_store.h). */
#include "ideas/idea_store.h"
#include "base/err.h"
#include "services/follow.h"
#include "services/moderation.h"
#include "text/markdown.h"
#include "services/notify.h"
#include "services/rollup.h"
#include "services/users.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const idea_stages[6] = {
	"open", "under_review", "planned", "in_progress", "done", "declined"
};

static const char SQL_IDEA_INSERT[] =
	"INSERT INTO ideas (user_id, title, body, html, product_id, category_id, status, nonce, "
	"created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(), UTC_TIMESTAMP())";
static const char SQL_IDEA_BY_NONCE[] = "SELECT id FROM ideas WHERE user_id = ? AND nonce = ?";
static const char SQL_IDEA_LOCK[] =
	"SELECT stage, status, merged_into_id, user_id, comment_count FROM ideas "
	"WHERE id = ? FOR UPDATE";
static const char SQL_VOTED[] = "SELECT COUNT(*) FROM idea_votes WHERE idea_id = ? AND user_id = ?";
static const char SQL_BUDGET_ROW[] = "INSERT IGNORE INTO idea_vote_locks (user_id) VALUES (?)";
static const char SQL_BUDGET_LOCK[] =
	"SELECT user_id FROM idea_vote_locks WHERE user_id = ? FOR UPDATE";
static const char SQL_OPEN_VOTES[] =
	"SELECT COUNT(*) FROM idea_votes v JOIN ideas i ON i.id = v.idea_id "
	"WHERE v.user_id = ? AND i.stage NOT IN ('done', 'declined')";
/* the vote keeps the segment its voter has now (sql/0054) */
static const char SQL_VOTE_INSERT[] =
	"INSERT IGNORE INTO idea_votes (idea_id, user_id, created_at, segment) "
	"SELECT ?, id, UTC_TIMESTAMP(), segment FROM users WHERE id = ?";
static const char SQL_VOTE_DELETE[] = "DELETE FROM idea_votes WHERE idea_id = ? AND user_id = ?";
static const char SQL_VOTE_COUNT_ADD[] =
	"UPDATE ideas SET vote_count = GREATEST(CAST(vote_count AS SIGNED) + ?, 0) WHERE id = ?";
static const char SQL_STAGE_INSERT[] =
	"INSERT INTO idea_status_changes (idea_id, from_stage, to_stage, note, user_id, created_at) "
	"VALUES (?, ?, ?, ?, ?, UTC_TIMESTAMP())";
static const char SQL_STAGE_SET[] =
	"UPDATE ideas SET stage = ?, stage_changed_at = UTC_TIMESTAMP(), updated_at = UTC_TIMESTAMP() "
	"WHERE id = ?";
static const char SQL_COMMENT_INSERT[] =
	"INSERT INTO idea_comments (idea_id, position, user_id, body, html, official, status, nonce, "
	"created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP())";
static const char SQL_COMMENT_BY_NONCE[] =
	"SELECT id, position FROM idea_comments WHERE user_id = ? AND nonce = ?";
/* comment_count: positions handed out; visible_comment_count: what people
 * see counted (sql/0056), +1 only for a comment written visible */
static const char SQL_COMMENT_COUNT_ADD[] =
	"UPDATE ideas SET comment_count = comment_count + 1, "
	"visible_comment_count = visible_comment_count + ?, updated_at = UTC_TIMESTAMP() WHERE id = ?";
/* Merging: the survivor gains the votes it lacks, keeping the earlier date
 * of a member who voted for both (INSERT IGNORE keeps the survivor's row). */
static const char SQL_MERGE_VOTES[] =
	"INSERT IGNORE INTO idea_votes (idea_id, user_id, created_at, segment) "
	"SELECT ?, user_id, created_at, segment FROM idea_votes WHERE idea_id = ?";
static const char SQL_MERGE_DROP_VOTES[] = "DELETE FROM idea_votes WHERE idea_id = ?";
static const char SQL_MERGE_RECOUNT[] =
	"UPDATE ideas SET vote_count = (SELECT COUNT(*) FROM idea_votes WHERE idea_id = ?), "
	"comment_count = comment_count + ?, visible_comment_count = "
	"(SELECT COUNT(*) FROM idea_comments WHERE idea_id = ? AND status = 'visible'), "
	"updated_at = UTC_TIMESTAMP() WHERE id = ?";
static const char SQL_MERGE_COMMENTS[] =
	"UPDATE idea_comments SET idea_id = ?, position = position + ? WHERE idea_id = ? "
	"ORDER BY position DESC";
static const char SQL_MERGE_MARK[] =
	"UPDATE ideas SET merged_into_id = ?, vote_count = 0, comment_count = 0, "
	"visible_comment_count = 0, "
	"updated_at = UTC_TIMESTAMP() WHERE id = ?";
static const char SQL_MERGE_REPOINT[] =
	"UPDATE ideas SET merged_into_id = ? WHERE merged_into_id = ?";

int idea_stage_valid(const char *s)
{
	size_t i;

	for (i = 0; s && i < sizeof(idea_stages) / sizeof(idea_stages[0]); i++)
		if (strcmp(s, idea_stages[i]) == 0)
			return 1;
	return 0;
}

/* Whether a vote for an idea in this stage is "open" (counts against the
 * budget and may be cast): every stage but done and declined. */
static int idea_stage_open(const char *s)
{
	return idea_stage_valid(s) && strcmp(s, "done") != 0 && strcmp(s, "declined") != 0;
}

/* Ends a transaction: commit on success, roll back on an error. */
static int finish(db *d, int rc)
{
	if (rc == 0)
		return db_commit(d);
	db_rollback(d);
	return rc;
}

/* What an earlier submit with the same nonce made: the column id into *id
 * and, when position is not NULL, the column position into *position.
 * Returns E_DUP when found (the caller's answer to a resubmit), E_DB when
 * not. */
static int find_by_nonce(db *d, const char *sql, long long user_id, const char *nonce,
			 long long *id, long long *position)
{
	db_rows *rows = NULL;
	int rc = DB_SELECT(d, sql, &rows, DBI(user_id), DBS(nonce));

	if (rc == 0 && rows->nrows == 1) {
		*id = row_int(rows, 0, "id");
		if (position)
			*position = row_int(rows, 0, "position");
		rc = E_DUP;
	} else if (rc == 0) {
		rc = E_DB;
	}
	db_rows_free(rows);
	return rc;
}

/* Locks idea id and copies what the writers need. *found is 0 when there
 * is no such row. */
typedef struct locked_idea {
	int found;
	char stage[16];
	char status[12];
	long long merged_into, user_id, comment_count;
} locked_idea;

static int lock_idea(db *d, long long id, locked_idea *out)
{
	db_rows *rows = NULL;
	int rc = DB_SELECT(d, SQL_IDEA_LOCK, &rows, DBI(id));

	memset(out, 0, sizeof(*out));
	if (rc != 0)
		return rc;
	if (rows->nrows == 1) {
		out->found = 1;
		snprintf(out->stage, sizeof(out->stage), "%s", row_str(rows, 0, "stage"));
		snprintf(out->status, sizeof(out->status), "%s", row_str(rows, 0, "status"));
		out->merged_into = row_int(rows, 0, "merged_into_id");
		out->user_id = row_int(rows, 0, "user_id");
		out->comment_count = row_int(rows, 0, "comment_count");
	}
	db_rows_free(rows);
	return 0;
}

/* The outcome for an idea that cannot take votes, comments or changes at
 * all, or IDEA_DONE when it can. */
static idea_outcome usable(const locked_idea *li, long long *other)
{
	if (!li->found || strcmp(li->status, "visible") != 0)
		return IDEA_MISSING;
	if (li->merged_into) {
		if (other)
			*other = li->merged_into;
		return IDEA_MERGED;
	}
	return IDEA_DONE;
}

int idea_create(db *d, const new_idea *p, long long budget, long long *id)
{
	char *html = NULL;
	db_result res;
	idea_outcome out;
	int rc = markdown_render(p->body, strlen(p->body), &html);

	if (rc != 0)
		return rc;
	rc = db_begin(d);
	if (rc == 0)
		rc = DB_EXEC(d, SQL_IDEA_INSERT, &res, DBI(p->user_id), DBS(p->title), DBS(p->body),
			     DBS(html), p->product_id ? DBI(p->product_id) : DBNULL,
			     p->category_id ? DBI(p->category_id) : DBNULL,
			     DBS(p->status ? p->status : "visible"), DBS(p->nonce));
	if (rc == 0)
		*id = (long long)res.insert_id;
	if (rc == 0 && p->queue_cause)
		rc = mod_queue_add(d, "idea", *id, p->queue_cause, p->queue_detail, p->user_id,
				   p->category_id, p->product_id);
	/* scored, and counted in the insight rollups, with the insert */
	if (rc == 0)
		rc = rollup_written(d, "idea", *id);
	/* its author watches it: comments and status changes reach them */
	if (rc == 0)
		rc = follow_auto(d, p->user_id, "idea", *id);
	/* the author supports their own idea; with no budget left it starts at 0 */
	if (rc == 0 && (p->status == NULL || strcmp(p->status, "visible") == 0))
		rc = idea_vote(d, *id, p->user_id, 0, budget, &out, NULL);
	rc = finish(d, rc);
	free(html);
	if (rc == E_DUP && p->nonce) /* a resubmit of the same form: name what the first made */
		return find_by_nonce(d, SQL_IDEA_BY_NONCE, p->user_id, p->nonce, id, NULL);
	return rc;
}

int idea_open_votes(db *d, long long user_id, long long *n)
{
	return DB_SELECT_INT(d, SQL_OPEN_VOTES, n, DBI(user_id));
}

/* Whether a vote fits in the budget: takes the member's lock row first so
 * that parallel votes of one member are counted one after the other. */
static int budget_allows(db *d, long long user_id, long long budget, int *ok)
{
	long long held = 0, n = 0;
	int rc = DB_EXEC(d, SQL_BUDGET_ROW, NULL, DBI(user_id));

	if (rc == 0)
		rc = DB_SELECT_INT(d, SQL_BUDGET_LOCK, &held, DBI(user_id));
	if (rc == 0)
		rc = idea_open_votes(d, user_id, &n);
	*ok = rc == 0 && n < budget;
	return rc;
}

int idea_vote(db *d, long long idea_id, long long user_id, int undo, long long budget,
	      idea_outcome *out, long long *other)
{
	locked_idea li;
	long long voted = 0;
	db_result res = { 0, 0 };
	int ok = 1, rc = db_begin(d);

	*out = IDEA_DONE;
	if (rc == 0)
		rc = lock_idea(d, idea_id, &li);
	if (rc == 0 && (*out = usable(&li, other)) != IDEA_DONE)
		return finish(d, 0);
	if (rc == 0)
		rc = DB_SELECT_INT(d, SQL_VOTED, &voted, DBI(idea_id), DBI(user_id));
	if (rc == 0 && (voted != 0) == !undo) {
		*out = IDEA_UNCHANGED; /* voting again, or taking back no vote */
		return finish(d, 0);
	}
	if (rc == 0 && !undo && !idea_stage_open(li.stage)) {
		*out = IDEA_CLOSED;
		return finish(d, 0);
	}
	if (rc == 0 && !undo && budget > 0) {
		rc = budget_allows(d, user_id, budget, &ok);
		if (rc == 0 && !ok) {
			*out = IDEA_NO_BUDGET;
			return finish(d, 0);
		}
	}
	/* the insight rollup reads the vote's row: before it goes, after it comes */
	if (rc == 0 && undo)
		rc = rollup_vote(d, idea_id, user_id, -1);
	if (rc == 0)
		rc = undo ? DB_EXEC(d, SQL_VOTE_DELETE, &res, DBI(idea_id), DBI(user_id))
			  : DB_EXEC(d, SQL_VOTE_INSERT, &res, DBI(idea_id), DBI(user_id));
	if (rc == 0 && !undo && res.affected == 1)
		rc = rollup_vote(d, idea_id, user_id, 1);
	/* only a row really added or removed moves the counter */
	if (rc == 0 && res.affected == 1)
		rc = DB_EXEC(d, SQL_VOTE_COUNT_ADD, NULL, DBI(undo ? -1 : 1), DBI(idea_id));
	else if (rc == 0)
		*out = IDEA_UNCHANGED;
	return finish(d, rc);
}

int idea_set_stage(db *d, long long idea_id, const char *stage, const char *note,
		   long long by, idea_outcome *out)
{
	locked_idea li;
	db_result res;
	int rc;

	*out = IDEA_DONE;
	if (!idea_stage_valid(stage))
		return E_INVALID;
	rc = db_begin(d);
	if (rc == 0)
		rc = lock_idea(d, idea_id, &li);
	if (rc == 0 && (*out = usable(&li, NULL)) != IDEA_DONE)
		return finish(d, 0);
	if (rc == 0 && strcmp(li.stage, stage) == 0) {
		*out = IDEA_UNCHANGED;
		return finish(d, 0);
	}
	if (rc == 0)
		rc = DB_EXEC(d, SQL_STAGE_INSERT, &res, DBI(idea_id), DBS(li.stage), DBS(stage),
			     DBS(note ? note : ""), DBI(by));
	if (rc == 0)
		rc = DB_EXEC(d, SQL_STAGE_SET, NULL, DBS(stage), DBI(idea_id));
	/* voters, the author and followers are told, with the change */
	if (rc == 0)
		rc = notify_idea_stage(d, idea_id, (long long)res.insert_id, by);
	return finish(d, rc);
}

int idea_comment(db *d, long long idea_id, const new_idea_comment *c, idea_outcome *out,
		 long long *comment_id, long long *position)
{
	locked_idea li;
	char *html = NULL;
	db_result res;
	int rc = markdown_render(c->body, strlen(c->body), &html);

	*out = IDEA_DONE;
	if (rc == 0)
		rc = db_begin(d);
	if (rc == 0)
		rc = lock_idea(d, idea_id, &li);
	if (rc == 0 && (*out = usable(&li, NULL)) != IDEA_DONE) {
		free(html);
		return finish(d, 0);
	}
	if (rc == 0) {
		*position = li.comment_count + 1;
		rc = DB_EXEC(d, SQL_COMMENT_INSERT, &res, DBI(idea_id), DBI(*position),
			     DBI(c->user_id), DBS(c->body), DBS(html), DBI(c->official ? 1 : 0),
			     DBS(c->status ? c->status : "visible"), DBS(c->nonce));
	}
	if (rc == 0) {
		*comment_id = (long long)res.insert_id;
		int visible = c->status == NULL || strcmp(c->status, "visible") == 0;
		rc = DB_EXEC(d, SQL_COMMENT_COUNT_ADD, NULL, DBI(visible), DBI(idea_id));
	}
	if (rc == 0 && c->queue_cause)
		rc = mod_queue_add(d, "idea_comment", *comment_id, c->queue_cause, c->queue_detail,
				   c->user_id, 0, 0);
	if (rc == 0)
		rc = notify_idea_comment(d, *comment_id);
	free(html);
	rc = finish(d, rc);
	if (rc == E_DUP && c->nonce)
		rc = find_by_nonce(d, SQL_COMMENT_BY_NONCE, c->user_id, c->nonce, comment_id, position);
	return rc;
}

int idea_merge(db *d, long long from, long long into, long long by, const char *reason,
	       idea_outcome *out)
{
	locked_idea a, b;
	char detail[64];
	int rc;

	*out = IDEA_DONE;
	if (from == into) {
		*out = IDEA_SELF;
		return 0;
	}
	rc = db_begin(d);
	/* the lower id first, so that two merges never wait for each other */
	if (rc == 0)
		rc = lock_idea(d, from < into ? from : into, from < into ? &a : &b);
	if (rc == 0)
		rc = lock_idea(d, from < into ? into : from, from < into ? &b : &a);
	if (rc != 0)
		return finish(d, rc);
	*out = usable(&a, NULL);
	if (*out == IDEA_DONE) {
		idea_outcome t = usable(&b, NULL);
		if (t == IDEA_MISSING)
			*out = IDEA_TARGET_MISSING;
		else if (t == IDEA_MERGED)
			*out = IDEA_TARGET_MERGED;
	}
	if (*out != IDEA_DONE)
		return finish(d, 0);
	/* the insight rollup: both ideas' votes out, the survivor's back in */
	rc = rollup_idea_votes(d, from, -1);
	if (rc == 0)
		rc = rollup_idea_votes(d, into, -1);
	if (rc == 0)
		rc = DB_EXEC(d, SQL_MERGE_VOTES, NULL, DBI(into), DBI(from));
	if (rc == 0)
		rc = DB_EXEC(d, SQL_MERGE_DROP_VOTES, NULL, DBI(from));
	if (rc == 0)
		rc = rollup_idea_votes(d, into, 1);
	/* the duplicate's comments follow the survivor's: positions shifted
	 * past the survivor's last one, highest first so none collide */
	if (rc == 0)
		rc = DB_EXEC(d, SQL_MERGE_COMMENTS, NULL, DBI(into), DBI(b.comment_count), DBI(from));
	if (rc == 0)
		rc = DB_EXEC(d, SQL_MERGE_RECOUNT, NULL, DBI(into), DBI(a.comment_count), DBI(into),
			     DBI(into));
	if (rc == 0)
		rc = DB_EXEC(d, SQL_MERGE_MARK, NULL, DBI(into), DBI(from));
	if (rc == 0)
		rc = DB_EXEC(d, SQL_MERGE_REPOINT, NULL, DBI(into), DBI(from));
	if (rc == 0) {
		snprintf(detail, sizeof(detail), "into idea %lld", into);
		rc = audit_add(d, by, "merge", "idea", from, reason ? reason : "", detail);
	}
	return finish(d, rc);
}
