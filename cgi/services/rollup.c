/* rollup.c: scoring on write and the incremental rollups (see rollup.h).
 *
 * An item's contribution is a rollup_item; insight_items keeps the one each
 * counted item made. A change loads the item again, scores it, and when
 * its contribution differs from the stored one, takes the old one out of
 * insight_daily and insight_themes and puts the new one in. Rows are locked
 * in one order (daily rows, the item's ledger row, theme rows by hash, an
 * idea's vote rows by day, the member's activity) so that two writers wait for each other rather than
 * deadlock. */
#include "services/rollup_internal.h"
#include "base/err.h"
#include "base/log.h"
#include "text/markdown.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The columns rollup_item_read reads, by the same labels for each kind.
 * Scores are read as
 * integer thousandths: stored rounded to thousandths, they round back to
 * the same integers in SQL and in C. */
#define POST_COLS(flags) \
	"SELECT p.id, p.status = 'visible' AND t.status = 'visible' AS counted, " \
	"DATE_FORMAT(p.created_at, '%Y-%m-%d') AS day, t.category_id, 0 AS product_id, p.segment, " \
	"p.sentiment_label, CAST(ROUND(p.sentiment_score * 1000) AS SIGNED) AS score, p.lang, " \
	"p.position, t.title, p.body, " flags " AS flags, " \
	"t.first_reply_at IS NOT NULL AS answered, t.solved_post_id IS NOT NULL AS solved, " \
	"GREATEST(COALESCE(TIMESTAMPDIFF(SECOND, t.created_at, t.first_reply_at), 0), 0) AS reply_seconds, " \
	"p.user_id, 0 AS rating, 0 AS verified, p.thread_id " \
	"FROM posts p JOIN threads t ON t.id = p.thread_id "
#define REVIEW_COLS(flags) \
	"SELECT r.id, r.status = 'visible' AS counted, DATE_FORMAT(r.created_at, '%Y-%m-%d') AS day, " \
	"0 AS category_id, r.product_id, r.segment, r.sentiment_label, " \
	"CAST(ROUND(r.sentiment_score * 1000) AS SIGNED) AS score, r.lang, 0 AS position, r.title, " \
	"r.body, " flags " AS flags, 0 AS answered, 0 AS solved, 0 AS reply_seconds, r.user_id, " \
	"r.rating, r.verified, 0 AS thread_id FROM reviews r "
#define IDEA_COLS(flags) \
	"SELECT i.id, i.status = 'visible' AS counted, DATE_FORMAT(i.created_at, '%Y-%m-%d') AS day, " \
	"COALESCE(i.category_id, 0) AS category_id, COALESCE(i.product_id, 0) AS product_id, i.segment, " \
	"i.sentiment_label, CAST(ROUND(i.sentiment_score * 1000) AS SIGNED) AS score, i.lang, " \
	"0 AS position, i.title, i.body, " flags " AS flags, " \
	"0 AS answered, 0 AS solved, 0 AS reply_seconds, i.user_id, 0 AS rating, 0 AS verified, " \
	"0 AS thread_id FROM ideas i "
#define FLAGS_OF(kind, alias) \
	"(SELECT COUNT(*) FROM flags f WHERE f.target_type = '" kind "' AND f.target_id = " alias ".id)"
#define DAY_RANGE(col) " WHERE " col " >= ? AND " col " < ? + INTERVAL 1 DAY"

/* One item is read with its row locked (FOR UPDATE: the latest version,
 * and one writer of an item's contribution at a time), without its flags:
 * while it counts they come from the ledger (rollup_flagged adds each new
 * one), and when it starts to count they are counted apart. A day's items
 * (for the rebuild) are read with their flags. */
/* The statements every kind has, on its table t with alias a. */
#define ONE(cols, a) cols "WHERE " a ".id = ? FOR UPDATE"
#define DAY(cols, a) cols DAY_RANGE(a ".created_at") " ORDER BY " a ".id"
#define UNSCORED(t) "SELECT id FROM " t " WHERE id > ? AND sentiment_label IS NULL ORDER BY id LIMIT 500"
#define SCORE(t) "UPDATE " t " SET sentiment_score = ?, sentiment_label = ?, lang = ? WHERE id = ?"
#define SEGMENT(t, a) "UPDATE " t " " a " JOIN users u ON u.id = " a ".user_id " \
	"SET " a ".segment = u.segment WHERE " a ".id = ?"

static const char SQL_POST_ONE[] = ONE(POST_COLS("0"), "p");
static const char SQL_POST_DAY[] = DAY(POST_COLS(FLAGS_OF("post", "p")), "p");
static const char SQL_POST_UNSCORED[] = UNSCORED("posts");
static const char SQL_POST_SCORE[] = SCORE("posts");
static const char SQL_POST_SEGMENT[] = SEGMENT("posts", "p");
static const char SQL_REVIEW_ONE[] = ONE(REVIEW_COLS("0"), "r");
static const char SQL_REVIEW_DAY[] = DAY(REVIEW_COLS(FLAGS_OF("review", "r")), "r");
static const char SQL_REVIEW_UNSCORED[] = UNSCORED("reviews");
static const char SQL_REVIEW_SCORE[] = SCORE("reviews");
static const char SQL_REVIEW_SEGMENT[] = SEGMENT("reviews", "r");
static const char SQL_IDEA_ONE[] = ONE(IDEA_COLS("0"), "i");
static const char SQL_IDEA_DAY[] = DAY(IDEA_COLS(FLAGS_OF("idea", "i")), "i");
static const char SQL_IDEA_UNSCORED[] = UNSCORED("ideas");
static const char SQL_IDEA_SCORE[] = SCORE("ideas");
static const char SQL_IDEA_SEGMENT[] = SEGMENT("ideas", "i");

const rollup_kind rollup_kinds[RK_COUNT] = {
	{ "post", SQL_POST_ONE, SQL_POST_DAY, SQL_POST_UNSCORED, SQL_POST_SCORE, SQL_POST_SEGMENT },
	{ "review", SQL_REVIEW_ONE, SQL_REVIEW_DAY, SQL_REVIEW_UNSCORED, SQL_REVIEW_SCORE,
	  SQL_REVIEW_SEGMENT },
	{ "idea", SQL_IDEA_ONE, SQL_IDEA_DAY, SQL_IDEA_UNSCORED, SQL_IDEA_SCORE, SQL_IDEA_SEGMENT },
};

static const char SQL_STOPWORDS[] = "SELECT value FROM ft_stopwords";
static const char SQL_LEDGER_GET[] =
	"SELECT DATE_FORMAT(day, '%Y-%m-%d') AS day, category_id, product_id, segment, label, score, "
	"rating, "
	"verified, flags, thread, answered, solved, reply_seconds, phrases "
	"FROM insight_items WHERE kind = ? AND item_id = ? FOR UPDATE";
static const char SQL_LEDGER_PUT[] =
	"INSERT INTO insight_items (kind, item_id, day, category_id, product_id, segment, label, score, "
	"rating, verified, flags, thread, answered, solved, reply_seconds, phrases) "
	"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE "
	"day = VALUES(day), category_id = VALUES(category_id), product_id = VALUES(product_id), "
	"segment = VALUES(segment), label = VALUES(label), score = VALUES(score), "
	"rating = VALUES(rating), verified = VALUES(verified), flags = VALUES(flags), "
	"thread = VALUES(thread), answered = VALUES(answered), solved = VALUES(solved), "
	"reply_seconds = VALUES(reply_seconds), phrases = VALUES(phrases)";
static const char SQL_LEDGER_DROP[] = "DELETE FROM insight_items WHERE kind = ? AND item_id = ?";
/* Makes sure the item's ledger row exists before it is locked: a locking
 * read of a missing row would lock the gap, and two writers of new items
 * would then deadlock on each other's inserts. Dropped again when the item
 * does not count. */
static const char SQL_LEDGER_CLAIM[] =
	"INSERT IGNORE INTO insight_items (kind, item_id, day) VALUES (?, ?, '1000-01-01')";
static const char SQL_LEDGER_FLAGS[] =
	"UPDATE insight_items SET flags = ? WHERE kind = ? AND item_id = ?";
static const char SQL_ITEM_FLAGS[] =
	"SELECT COUNT(*) FROM flags WHERE target_type = ? AND target_id = ?";
static const char SQL_DAILY_FLAGS[] =
	"UPDATE insight_daily SET flags = flags + ? WHERE day = ? AND kind = ? AND category_id = ? "
	"AND product_id = ? AND segment = ?";
static const char SQL_DAILY_ALL_FLAGS[] =
	"UPDATE insight_daily_all SET flags = flags + ? WHERE day = ? AND kind = ? AND segment = ?";
/* The measures of insight_daily and insight_daily_all, added up. */
#define MEASURES "items, positive, neutral, negative, unscored, score_sum, rated, rating_sum, " \
	"stars1, stars2, stars3, stars4, stars5, verified, verified_rating_sum, flags, threads, " \
	"answered, solved, reply_seconds"
#define MEASURE_MARKS "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?"
#define ADD_MEASURES "ON DUPLICATE KEY UPDATE items = items + VALUES(items), " \
	"positive = positive + VALUES(positive), neutral = neutral + VALUES(neutral), " \
	"negative = negative + VALUES(negative), unscored = unscored + VALUES(unscored), " \
	"score_sum = score_sum + VALUES(score_sum), rated = rated + VALUES(rated), " \
	"rating_sum = rating_sum + VALUES(rating_sum), stars1 = stars1 + VALUES(stars1), " \
	"stars2 = stars2 + VALUES(stars2), stars3 = stars3 + VALUES(stars3), " \
	"stars4 = stars4 + VALUES(stars4), stars5 = stars5 + VALUES(stars5), " \
	"verified = verified + VALUES(verified), " \
	"verified_rating_sum = verified_rating_sum + VALUES(verified_rating_sum), " \
	"flags = flags + VALUES(flags), threads = threads + VALUES(threads), " \
	"answered = answered + VALUES(answered), solved = solved + VALUES(solved), " \
	"reply_seconds = reply_seconds + VALUES(reply_seconds)"
#define NMEASURES 20
static const char SQL_DAILY_ADD[] =
	"INSERT INTO insight_daily (day, kind, category_id, product_id, segment, " MEASURES ") "
	"VALUES (?, ?, ?, ?, ?, " MEASURE_MARKS ") " ADD_MEASURES;
static const char SQL_DAILY_PRUNE[] =
	"DELETE FROM insight_daily WHERE day = ? AND kind = ? AND category_id = ? AND product_id = ? "
	"AND segment = ? AND items = 0";
static const char SQL_DAILY_ALL_ADD[] =
	"INSERT INTO insight_daily_all (day, kind, segment, " MEASURES ") "
	"VALUES (?, ?, ?, " MEASURE_MARKS ") " ADD_MEASURES;
static const char SQL_DAILY_ALL_PRUNE[] =
	"DELETE FROM insight_daily_all WHERE day = ? AND kind = ? AND segment = ? AND items = 0";
/* ex1 < ex2 stay the two smallest ids: ex2 is assigned first, from the old
 * ex1 (an assignment sees the columns assigned before it). */
static const char SQL_THEME_ADD[] =
	"INSERT INTO insight_themes (day, kind, category_id, product_id, label, phrase_hash, phrase, n, "
	"ex1, ex2) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, NULL) ON DUPLICATE KEY UPDATE n = n + 1, "
	"ex2 = CASE WHEN VALUES(ex1) < ex1 THEN ex1 WHEN VALUES(ex1) = ex1 THEN ex2 "
	"WHEN ex2 IS NULL OR VALUES(ex1) < ex2 THEN VALUES(ex1) ELSE ex2 END, "
	"ex1 = LEAST(ex1, VALUES(ex1))";
#define THEME_KEY "day = ? AND kind = ? AND category_id = ? AND product_id = ? AND label = ? " \
	"AND phrase_hash = ?"
static const char SQL_THEME_GET[] =
	"SELECT n, ex1, ex2 FROM insight_themes WHERE " THEME_KEY " FOR UPDATE";
static const char SQL_THEME_DROP[] = "DELETE FROM insight_themes WHERE " THEME_KEY;
static const char SQL_THEME_LESS[] =
	"UPDATE insight_themes SET n = n - 1, ex1 = ?, ex2 = ? WHERE " THEME_KEY;
/* the other items of a theme row's bucket, for new examples */
static const char SQL_BUCKET_ITEMS[] =
	"SELECT item_id, phrases FROM insight_items WHERE day = ? AND kind = ? AND category_id = ? "
	"AND product_id = ? AND label = ? AND item_id <> ? ORDER BY item_id LOCK IN SHARE MODE";
/* the whole community's count of a phrase (sql/0052) */
static const char SQL_THEME_ALL_ADD[] =
	"INSERT INTO insight_themes_all (day, label, phrase_hash, phrase, n) VALUES (?, ?, ?, ?, 1) "
	"ON DUPLICATE KEY UPDATE n = n + 1";
static const char SQL_THEME_ALL_LESS[] =
	"UPDATE insight_themes_all SET n = n - 1 WHERE day = ? AND label = ? AND phrase_hash = ?";
static const char SQL_THEME_ALL_PRUNE[] =
	"DELETE FROM insight_themes_all WHERE day = ? AND label = ? AND phrase_hash = ? AND n <= 0";
static const char SQL_GAP_ADD[] =
	"INSERT INTO insight_gaps (day, segment, gap, n) VALUES (?, ?, IFNULL(DATEDIFF(?, ?), 0), 1) "
	"ON DUPLICATE KEY UPDATE n = n + 1";
static const char SQL_ACTIVITY_HAS[] =
	"SELECT COUNT(*) FROM insight_activity WHERE day = ? AND user_id = ?";
static const char SQL_ACTIVITY_PREV[] =
	"SELECT DATE_FORMAT(day, '%Y-%m-%d') AS last_day, DATE_FORMAT(first_day, '%Y-%m-%d') AS first "
	"FROM insight_activity "
	"WHERE user_id = ? AND day < ? ORDER BY day DESC LIMIT 1";
static const char SQL_ACTIVITY_ADD[] =
	"INSERT IGNORE INTO insight_activity (day, user_id, segment, first_day, prev_day) "
	"VALUES (?, ?, ?, ?, ?)";
static const char SQL_THREAD_POSTS[] =
	"SELECT id FROM posts WHERE thread_id = ? ORDER BY position";
static const char SQL_THREAD_OPENER[] =
	"SELECT id FROM posts WHERE thread_id = ? AND position = 1";
static const char SQL_ORDER_REVIEWS[] =
	"SELECT id FROM reviews WHERE product_id = ? AND status <> 'deleted' "
	"AND user_id IN (SELECT user_id FROM review_purchases WHERE order_row_id = ?)";

/* ------------------------------------------------------------ the model */

static const sentiment_model *model;

void rollup_set_model(const sentiment_model *m)
{
	model = m;
}

const sentiment_model *rollup_model(void)
{
	return model;
}

/* ------------------------------------------------------------ stopwords */

/* The forum's search stopwords, sorted; read once per process. */
static struct {
	char **words;
	size_t n;
	int loaded;
} stops;

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void load_stops(db *d)
{
	db_rows *rows = NULL;
	size_t i, n = 0;

	if (stops.loaded)
		return;
	if (db_select(d, SQL_STOPWORDS, NULL, 0, &rows) != 0) {
		log_error("rollup: cannot read the stopwords; themes are cut at punctuation only");
		return;
	}
	stops.words = calloc(rows->nrows ? rows->nrows : 1, sizeof(char *));
	for (i = 0; stops.words && i < rows->nrows; i++) {
		const char *word = row_str(rows, i, "value");
		if (word && (stops.words[n] = strdup(word)) != NULL)
			n++;
	}
	db_rows_free(rows);
	if (stops.words == NULL)
		return;
	qsort(stops.words, n, sizeof(char *), cmp_str);
	stops.n = n;
	stops.loaded = 1;
}

static int is_stop(void *ctx, const char *word, size_t len)
{
	(void)ctx;
	(void)len;
	return stops.n && bsearch(&word, stops.words, stops.n, sizeof(char *), cmp_str) != NULL;
}

/* --------------------------------------------------------------- items */

int rollup_kind_of(const char *name)
{
	int k;

	for (k = 0; name && k < RK_COUNT; k++)
		if (strcmp(rollup_kinds[k].name, name) == 0)
			return k;
	return -1;
}

/* The label of a sentiment_label column value ("negative"...): -1, 0, 1. */
static int rollup_label_of(const char *s)
{
	if (s == NULL)
		return 0;
	return strcmp(s, "negative") == 0 ? -1 : strcmp(s, "positive") == 0 ? 1 : 0;
}

static void copy_cell(char *out, size_t size, const db_rows *rows, size_t r, const char *name)
{
	const char *v = row_str(rows, r, name);

	snprintf(out, size, "%s", v ? v : "");
}

void rollup_item_read(const db_rows *rows, size_t r, int kind, rollup_item *it)
{
	memset(it, 0, sizeof(*it));
	it->kind = kind;
	it->id = row_int(rows, r, "id");
	it->counted = row_int(rows, r, "counted") != 0;
	copy_cell(it->day, sizeof(it->day), rows, r, "day");
	it->category_id = row_int(rows, r, "category_id");
	it->product_id = row_int(rows, r, "product_id");
	copy_cell(it->segment, sizeof(it->segment), rows, r, "segment");
	it->scored = !row_null(rows, r, "sentiment_label") && !row_null(rows, r, "score");
	if (it->scored) {
		it->label = rollup_label_of(row_str(rows, r, "sentiment_label"));
		it->score = row_int(rows, r, "score");
	}
	copy_cell(it->lang, sizeof(it->lang), rows, r, "lang");
	it->position = row_int(rows, r, "position");
	it->flags = row_int(rows, r, "flags");
	it->user_id = row_int(rows, r, "user_id");
	it->rating = (int)row_int(rows, r, "rating");
	it->verified = row_int(rows, r, "verified") != 0;
	it->thread_id = row_int(rows, r, "thread_id");
	if (kind == RK_POST && it->position == 1) {
		it->thread = 1;
		it->answered = row_int(rows, r, "answered") != 0;
		it->solved = row_int(rows, r, "solved") != 0;
		it->reply_seconds = it->answered ? row_int(rows, r, "reply_seconds") : 0;
	}
}

int rollup_item_text(const db_rows *rows, size_t r, int kind, strbuf *out)
{
	const char *title = row_str(rows, r, "title"), *body = row_str(rows, r, "body");
	char *plain = NULL;
	int rc = 0;

	strbuf_free(out);
	if (kind == RK_POST && row_int(rows, r, "position") != 1)
		title = NULL;
	if (title && *title)
		rc = strbuf_printf(out, "%s\n", title);
	if (rc == 0 && body && *body) {
		rc = markdown_plain(body, strlen(body), &plain);
		if (rc == 0)
			rc = strbuf_puts(out, plain);
		free(plain);
	}
	if (rc == 0 && out->s == NULL)
		rc = strbuf_puts(out, "");
	return rc;
}

static int cmp_phrase(const void *a, const void *b)
{
	long long x = ((const theme_phrase *)a)->hash, y = ((const theme_phrase *)b)->hash;

	return x < y ? -1 : x > y;
}

void rollup_item_phrases(db *d, rollup_item *it, const char *text, size_t len)
{
	load_stops(d);
	it->nphrases = themes_extract(text, len, is_stop, NULL, it->phrases, THEME_PHRASES_MAX);
	qsort(it->phrases, it->nphrases, sizeof(theme_phrase), cmp_phrase);
}

size_t rollup_phrase_blob(const rollup_item *it, unsigned char *out)
{
	size_t i;
	int b;

	for (i = 0; i < it->nphrases; i++)
		for (b = 0; b < 8; b++)
			out[i * 8 + (size_t)b] = (unsigned char)((unsigned long long)it->phrases[i].hash >>
								 (56 - 8 * b));
	return it->nphrases * 8;
}

static long long blob_hash(const char *blob, size_t i)
{
	unsigned long long h = 0;
	int b;

	for (b = 0; b < 8; b++)
		h = (h << 8) | (unsigned char)blob[i * 8 + (size_t)b];
	return (long long)h;
}

/* ------------------------------------------------------------ scoring */

/* Scores the item's text with the process's model and stores the score
 * when it changed. Without a model the stored score stands. */
static int score_item(db *d, rollup_item *it, const char *text, size_t len)
{
	sentiment_result res;
	long long milli;
	int rc;

	if (model == NULL)
		return 0;
	rc = sentiment_score(model, text, len, &res);
	if (rc != 0)
		return rc;
	milli = llround(res.score * 1000);
	if (it->scored && it->label == (int)res.label && it->score == milli &&
	    strcmp(it->lang, res.lang) == 0)
		return 0;
	rc = DB_EXEC(d, rollup_kinds[it->kind].set_score, NULL, DBD((double)milli / 1000.0),
		     DBS(sentiment_label_name(res.label)), DBS(res.lang), DBI(it->id));
	if (rc != 0)
		return rc;
	it->scored = 1;
	it->label = (int)res.label;
	it->score = milli;
	memcpy(it->lang, res.lang, sizeof(it->lang));
	return 0;
}

int rollup_item_load(db *d, int kind, long long id, rollup_item *it)
{
	db_rows *rows = NULL;
	strbuf text = STRBUF_INIT;
	int rc = DB_SELECT(d, rollup_kinds[kind].load_one, &rows, DBI(id));

	memset(it, 0, sizeof(*it));
	it->kind = kind;
	it->id = id;
	if (rc != 0 || rows->nrows == 0) {
		db_rows_free(rows);
		return rc;
	}
	rollup_item_read(rows, 0, kind, it);
	rc = rollup_item_text(rows, 0, kind, &text);
	if (rc == 0)
		rc = score_item(d, it, text.s, text.len);
	if (rc == 0 && it->counted && it->scored)
		rollup_item_phrases(d, it, text.s, text.len);
	strbuf_free(&text);
	db_rows_free(rows);
	return rc;
}

/* What the ledger says the item counted for (counted = 0: nothing). */
static int load_ledger(db *d, int kind, long long id, rollup_item *it)
{
	db_rows *rows = NULL;
	const char *blob;
	size_t i, len;
	int rc = DB_SELECT(d, SQL_LEDGER_GET, &rows, DBS(rollup_kinds[kind].name), DBI(id));

	memset(it, 0, sizeof(*it));
	it->kind = kind;
	it->id = id;
	if (rc == 0 && rows->nrows == 1) {
		it->counted = 1;
		copy_cell(it->day, sizeof(it->day), rows, 0, "day");
		it->category_id = row_int(rows, 0, "category_id");
		it->product_id = row_int(rows, 0, "product_id");
		copy_cell(it->segment, sizeof(it->segment), rows, 0, "segment");
		it->scored = !row_null(rows, 0, "label");
		it->label = (int)row_int(rows, 0, "label");
		it->score = row_int(rows, 0, "score");
		it->rating = (int)row_int(rows, 0, "rating");
		it->verified = (int)row_int(rows, 0, "verified");
		it->flags = row_int(rows, 0, "flags");
		it->thread = (int)row_int(rows, 0, "thread");
		it->answered = (int)row_int(rows, 0, "answered");
		it->solved = (int)row_int(rows, 0, "solved");
		it->reply_seconds = row_int(rows, 0, "reply_seconds");
		blob = row_str(rows, 0, "phrases");
		len = row_len(rows, 0, "phrases");
		for (i = 0; i < len / 8 && i < THEME_PHRASES_MAX; i++)
			it->phrases[i].hash = blob_hash(blob, i);
		it->nphrases = i;
	}
	db_rows_free(rows);
	return rc;
}

/* ------------------------------------------------------------- moving */

static int same_bucket(const rollup_item *a, const rollup_item *b)
{
	return strcmp(a->day, b->day) == 0 && a->category_id == b->category_id &&
	       a->product_id == b->product_id;
}

static int same_contribution(const rollup_item *a, const rollup_item *b)
{
	size_t i;

	if (a->counted != b->counted)
		return 0;
	if (!a->counted)
		return 1;
	if (!same_bucket(a, b) || strcmp(a->segment, b->segment) != 0 || a->scored != b->scored ||
	    a->label != b->label || a->score != b->score || a->rating != b->rating ||
	    a->verified != b->verified || a->flags != b->flags || a->thread != b->thread ||
	    a->answered != b->answered || a->solved != b->solved ||
	    a->reply_seconds != b->reply_seconds || a->nphrases != b->nphrases)
		return 0;
	for (i = 0; i < a->nphrases; i++)
		if (a->phrases[i].hash != b->phrases[i].hash)
			return 0;
	return 1;
}

/* Adds (sign 1) or takes out (sign -1) an item's contribution to its
 * insight_daily row and its insight_daily_all row, deleting a row left with
 * no items. */
static int daily_move(db *d, const rollup_item *it, int sign)
{
	const char *kind = rollup_kinds[it->kind].name;
	long long s = sign;
	long long m[NMEASURES] = {
		s, s * (it->scored && it->label > 0), s * (it->scored && it->label == 0),
		s * (it->scored && it->label < 0), s * !it->scored, s * (it->scored ? it->score : 0),
		s * (it->rating > 0), s * it->rating, s * (it->rating == 1), s * (it->rating == 2),
		s * (it->rating == 3), s * (it->rating == 4), s * (it->rating == 5), s * it->verified,
		s * it->verified * it->rating, s * it->flags, s * it->thread, s * it->answered,
		s * it->solved, s * it->reply_seconds
	};
	db_param p[5 + NMEASURES], q[3 + NMEASURES];
	int j, rc;

	p[0] = q[0] = DBS(it->day);
	p[1] = q[1] = DBS(kind);
	p[2] = DBI(it->category_id);
	p[3] = DBI(it->product_id);
	p[4] = q[2] = DBS(it->segment);
	for (j = 0; j < NMEASURES; j++)
		p[5 + j] = q[3 + j] = DBI(m[j]);
	rc = db_exec(d, SQL_DAILY_ADD, p, 5 + NMEASURES, NULL);
	if (rc == 0)
		rc = db_exec(d, SQL_DAILY_ALL_ADD, q, 3 + NMEASURES, NULL);
	if (rc == 0 && sign < 0)
		rc = db_exec(d, SQL_DAILY_PRUNE, p, 5, NULL);
	if (rc == 0 && sign < 0)
		rc = db_exec(d, SQL_DAILY_ALL_PRUNE, q, 3, NULL);
	return rc;
}

static int ledger_write(db *d, const rollup_item *it)
{
	unsigned char blob[THEME_PHRASES_MAX * 8];
	size_t n;

	if (!it->counted)
		return DB_EXEC(d, SQL_LEDGER_DROP, NULL, DBS(rollup_kinds[it->kind].name), DBI(it->id));
	n = rollup_phrase_blob(it, blob);
	return DB_EXEC(d, SQL_LEDGER_PUT, NULL, DBS(rollup_kinds[it->kind].name), DBI(it->id),
		       DBS(it->day), DBI(it->category_id), DBI(it->product_id), DBS(it->segment),
		       it->scored ? DBI(it->label) : DBNULL, DBI(it->scored ? it->score : 0),
		       DBI(it->rating), DBI(it->verified), DBI(it->flags), DBI(it->thread),
		       DBI(it->answered), DBI(it->solved), DBI(it->reply_seconds), DBB(blob, n));
}

/* Whether the sorted phrases of it hold hash. */
static int has_phrase(const rollup_item *it, long long hash)
{
	size_t lo = 0, hi = it->nphrases;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (it->phrases[mid].hash == hash)
			return 1;
		if (it->phrases[mid].hash < hash)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/* The two smallest ids among the other counted items of it's theme bucket
 * whose phrases hold hash (0 for none). The ledger is current for them. */
static int theme_examples(db *d, const rollup_item *it, long long hash, long long ex[2])
{
	db_rows *rows = NULL;
	size_t r, i, found = 0;
	int rc = DB_SELECT(d, SQL_BUCKET_ITEMS, &rows, DBS(it->day), DBS(rollup_kinds[it->kind].name),
			   DBI(it->category_id), DBI(it->product_id), DBI(it->label), DBI(it->id));

	ex[0] = ex[1] = 0;
	for (r = 0; rc == 0 && r < rows->nrows && found < 2; r++) {
		const char *blob = row_str(rows, r, "phrases");
		size_t n = row_len(rows, r, "phrases") / 8;
		for (i = 0; i < n; i++)
			if (blob_hash(blob, i) == hash) {
				ex[found++] = row_int(rows, r, "item_id");
				break;
			}
	}
	db_rows_free(rows);
	return rc;
}

/* Takes item `it` out of the theme row of one of its phrases. */
static int theme_less(db *d, const rollup_item *it, long long hash)
{
	const char *kind = rollup_kinds[it->kind].name;
	db_rows *rows = NULL;
	long long ex[2] = { 0, 0 };
	int rc = DB_SELECT(d, SQL_THEME_GET, &rows, DBS(it->day), DBS(kind), DBI(it->category_id),
			   DBI(it->product_id), DBI(it->label), DBI(hash));

	if (rc != 0 || rows->nrows == 0) { /* nothing counted there: a rollup made before */
		db_rows_free(rows);
		return rc;
	}
	if (row_int(rows, 0, "n") <= 1) {
		rc = DB_EXEC(d, SQL_THEME_DROP, NULL, DBS(it->day), DBS(kind), DBI(it->category_id),
			     DBI(it->product_id), DBI(it->label), DBI(hash));
	} else {
		ex[0] = row_int(rows, 0, "ex1");
		ex[1] = row_int(rows, 0, "ex2");
		if (ex[0] == it->id || ex[1] == it->id)
			rc = theme_examples(d, it, hash, ex);
		if (rc == 0)
			rc = DB_EXEC(d, SQL_THEME_LESS, NULL, DBI(ex[0]), ex[1] ? DBI(ex[1]) : DBNULL,
				     DBS(it->day), DBS(kind), DBI(it->category_id), DBI(it->product_id),
				     DBI(it->label), DBI(hash));
	}
	db_rows_free(rows);
	if (rc == 0)
		rc = DB_EXEC(d, SQL_THEME_ALL_LESS, NULL, DBS(it->day), DBI(it->label), DBI(hash));
	if (rc == 0)
		rc = DB_EXEC(d, SQL_THEME_ALL_PRUNE, NULL, DBS(it->day), DBI(it->label), DBI(hash));
	return rc;
}

static int theme_more(db *d, const rollup_item *it, const theme_phrase *p)
{
	int rc = DB_EXEC(d, SQL_THEME_ADD, NULL, DBS(it->day), DBS(rollup_kinds[it->kind].name),
			 DBI(it->category_id), DBI(it->product_id), DBI(it->label), DBI(p->hash),
			 DBS(p->text), DBI(it->id));

	return rc ? rc : DB_EXEC(d, SQL_THEME_ALL_ADD, NULL, DBS(it->day), DBI(it->label),
				 DBI(p->hash), DBS(p->text));
}

/* Moves the theme counts from the old contribution to the new one: only
 * the phrases that differ, both lists walked in hash order. */
static int themes_move(db *d, const rollup_item *old, const rollup_item *now)
{
	int o = old->counted && old->scored, n = now->counted && now->scored;
	int same = o && n && same_bucket(old, now) && old->label == now->label;
	size_t i;
	int rc = 0;

	for (i = 0; o && rc == 0 && i < old->nphrases; i++)
		if (!same || !has_phrase(now, old->phrases[i].hash))
			rc = theme_less(d, old, old->phrases[i].hash);
	for (i = 0; n && rc == 0 && i < now->nphrases; i++)
		if (!same || !has_phrase(old, now->phrases[i].hash))
			rc = theme_more(d, now, &now->phrases[i]);
	return rc;
}

/* Brings the rollups in line with item id of kind. *now gets what it
 * counts for now. */
static int sync_item(db *d, int kind, long long id, rollup_item *now)
{
	const char *name = rollup_kinds[kind].name;
	rollup_item *old = malloc(sizeof(*old));
	db_result claim;
	int rc;

	if (old == NULL)
		return E_NOMEM;
	memset(old, 0, sizeof(*old));
	rc = rollup_item_load(d, kind, id, now);
	if (rc == 0)
		rc = DB_EXEC(d, SQL_LEDGER_CLAIM, &claim, DBS(name), DBI(id));
	if (rc == 0 && claim.affected == 0)
		rc = load_ledger(d, kind, id, old);
	/* flags: carried while it counts, counted when it starts to */
	if (rc == 0 && now->counted && old->counted)
		now->flags = old->flags;
	else if (rc == 0 && now->counted)
		rc = DB_SELECT_INT(d, SQL_ITEM_FLAGS, &now->flags, DBS(name), DBI(id));
	if (rc == 0 && !same_contribution(old, now)) {
		/* daily rows first, then the ledger, then themes */
		if (old->counted)
			rc = daily_move(d, old, -1);
		if (rc == 0 && now->counted)
			rc = daily_move(d, now, 1);
		if (rc == 0)
			rc = ledger_write(d, now);
		if (rc == 0)
			rc = themes_move(d, old, now);
		/* an idea's votes count while it does (rollup_votes.c) */
		if (rc == 0)
			rc = rollup_votes_follow(d, old, now);
	} else if (rc == 0 && claim.affected == 1) {
		rc = ledger_write(d, now); /* drops the claim of an item that does not count */
	}
	free(old);
	return rc;
}

/* ------------------------------------------------------------ activity */

/* Records the member's day of activity once, with the day before it that
 * they were active and their first day. */
static int note_activity(db *d, const rollup_item *it)
{
	db_rows *rows = NULL;
	db_result added;
	long long has = 0;
	char prev[11] = "", first[11];
	int rc = DB_SELECT_INT(d, SQL_ACTIVITY_HAS, &has, DBS(it->day), DBI(it->user_id));

	if (rc != 0 || has || it->user_id == 0 || it->day[0] == '\0')
		return rc;
	rc = DB_SELECT(d, SQL_ACTIVITY_PREV, &rows, DBI(it->user_id), DBS(it->day));
	if (rc != 0)
		return rc;
	snprintf(first, sizeof(first), "%s", it->day);
	if (rows->nrows == 1) {
		copy_cell(prev, sizeof(prev), rows, 0, "last_day");
		copy_cell(first, sizeof(first), rows, 0, "first");
	}
	db_rows_free(rows);
	rc = DB_EXEC(d, SQL_ACTIVITY_ADD, &added, DBS(it->day), DBI(it->user_id), DBS(it->segment),
		     DBS(first), *prev ? DBS(prev) : DBNULL);
	/* the day counts once: by its gap since the member's previous day */
	if (rc == 0 && added.affected == 1)
		rc = DB_EXEC(d, SQL_GAP_ADD, NULL, DBS(it->day), DBS(it->segment), DBS(it->day),
			     *prev ? DBS(prev) : DBNULL);
	return rc;
}

/* ---------------------------------------------------------- the jobs */

int rollup_apply_changed(db *d, int kind, long long id)
{
	rollup_item *now = malloc(sizeof(*now));
	int rc = now ? sync_item(d, kind, id, now) : E_NOMEM;

	free(now);
	return rc;
}

int rollup_apply_written(db *d, int kind, long long id)
{
	rollup_item *now = malloc(sizeof(*now));
	int rc = now ? sync_item(d, kind, id, now) : E_NOMEM;

	if (rc == 0)
		rc = note_activity(d, now);
	/* a thread's first reply answers it */
	if (rc == 0 && kind == RK_POST && now->position == 2)
		rc = rollup_apply_answered(d, now->thread_id);
	free(now);
	return rc;
}

/* The flags of an item that counts are its rows in flags, however many
 * times this runs: the ledger and the daily rows move by the difference. */
int rollup_apply_flagged(db *d, int kind, long long id)
{
	const char *name = rollup_kinds[kind].name;
	rollup_item *it = malloc(sizeof(*it));
	long long n = 0, delta = 0;
	int rc = it ? load_ledger(d, kind, id, it) : E_NOMEM;

	if (rc == 0 && it->counted)
		rc = DB_SELECT_INT(d, SQL_ITEM_FLAGS, &n, DBS(name), DBI(id));
	if (rc == 0 && it->counted)
		delta = n - it->flags;
	if (rc == 0 && delta != 0)
		rc = DB_EXEC(d, SQL_LEDGER_FLAGS, NULL, DBI(n), DBS(name), DBI(id));
	if (rc == 0 && delta != 0)
		rc = DB_EXEC(d, SQL_DAILY_FLAGS, NULL, DBI(delta), DBS(it->day), DBS(name),
			     DBI(it->category_id), DBI(it->product_id), DBS(it->segment));
	if (rc == 0 && delta != 0)
		rc = DB_EXEC(d, SQL_DAILY_ALL_FLAGS, NULL, DBI(delta), DBS(it->day), DBS(name),
			     DBS(it->segment));
	free(it);
	return rc;
}

int rollup_apply_thread(db *d, long long thread_id)
{
	db_rows *rows = NULL;
	size_t i;
	int rc = DB_SELECT(d, SQL_THREAD_POSTS, &rows, DBI(thread_id));

	for (i = 0; rc == 0 && i < rows->nrows; i++)
		rc = rollup_apply_changed(d, RK_POST, row_int(rows, i, "id"));
	db_rows_free(rows);
	return rc;
}

int rollup_apply_answered(db *d, long long thread_id)
{
	long long opener = 0;
	int rc = DB_SELECT_INT(d, SQL_THREAD_OPENER, &opener, DBI(thread_id));

	if (rc == E_NOTFOUND)
		return 0;
	return rc ? rc : rollup_apply_changed(d, RK_POST, opener);
}

int rollup_apply_verified(db *d, long long product_id, long long order_row_id)
{
	db_rows *rows = NULL;
	size_t i;
	int rc = DB_SELECT(d, SQL_ORDER_REVIEWS, &rows, DBI(product_id), DBI(order_row_id));

	for (i = 0; rc == 0 && i < rows->nrows; i++)
		rc = rollup_apply_changed(d, RK_REVIEW, row_int(rows, i, "id"));
	db_rows_free(rows);
	return rc;
}

/* -------------------------------------------------------------- public */

/* Scores the item now, in the writer's transaction: its own row, which
 * the writer holds already. */
static int score_now(db *d, int kind, long long id)
{
	rollup_item *it = malloc(sizeof(*it));
	int rc = it ? rollup_item_load(d, kind, id, it) : E_NOMEM;

	free(it);
	return rc;
}

int rollup_written(db *d, const char *kind, long long id)
{
	int k = rollup_kind_of(kind);
	int rc = k < 0 ? E_INVALID : DB_EXEC(d, rollup_kinds[k].set_segment, NULL, DBI(id));

	if (rc == 0)
		rc = score_now(d, k, id);
	return rc ? rc : rollup_queue_job(d, "written", kind, id, 0, 0);
}

int rollup_changed(db *d, const char *kind, long long id)
{
	int k = rollup_kind_of(kind);
	int rc = k < 0 ? E_INVALID : score_now(d, k, id);

	return rc ? rc : rollup_queue_job(d, "changed", kind, id, 0, 0);
}

int rollup_flagged(db *d, const char *kind, long long id)
{
	return rollup_kind_of(kind) < 0 ? E_INVALID : rollup_queue_job(d, "flagged", kind, id, 0, 0);
}

int rollup_thread_changed(db *d, long long thread_id)
{
	return rollup_queue_job(d, "thread", NULL, thread_id, 0, 0);
}

int rollup_thread_answered(db *d, long long thread_id)
{
	return rollup_queue_job(d, "answered", NULL, thread_id, 0, 0);
}

int rollup_reviews_verified(db *d, long long product_id, long long order_row_id)
{
	return rollup_queue_job(d, "verified", NULL, product_id, order_row_id, 0);
}
