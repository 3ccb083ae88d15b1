/* rollup_rebuild.c: every rollup made again from the content (see
 * rollup.h). The content is read day by day (of creation), each item's
 * contribution made by the same reader as the incremental path's, and the
 * day's rows summed in memory and written in batches. Member activity is
 * one statement over all the content. */
#include "services/rollup_internal.h"
#include "base/err.h"
#include "base/log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The days to rebuild: from the first to the last day of content or of
 * an idea vote. */
static const char SQL_RANGE[] =
	"SELECT DATE_FORMAT(MIN(d), '%Y-%m-%d') AS first_day, "
	"DATE_FORMAT(MAX(d), '%Y-%m-%d') AS last_day FROM ("
	"SELECT MIN(created_at) AS d FROM posts UNION ALL SELECT MAX(created_at) FROM posts "
	"UNION ALL SELECT MIN(created_at) FROM reviews UNION ALL SELECT MAX(created_at) FROM reviews "
	"UNION ALL SELECT MIN(created_at) FROM ideas UNION ALL SELECT MAX(created_at) FROM ideas "
	"UNION ALL SELECT MIN(created_at) FROM idea_votes "
	"UNION ALL SELECT MAX(created_at) FROM idea_votes) t";
/* The rollup tables, all keyed by day first. The site stays live while
 * they are rebuilt, so nothing is emptied at once (TRUNCATE would be a
 * table lock, and on Galera one taken on every node): each day's rows are
 * deleted and made again in one transaction, and readers see either the
 * old day or the new one. Rows outside the days of content are of content
 * that is gone, and go first. */
#define OUTSIDE " WHERE day < ? OR day > ?"
#define ON_DAY " WHERE day = ?"
#define ROLLUP_TABLES(X) X(insight_items) X(insight_daily) X(insight_daily_all) \
	X(insight_themes) X(insight_themes_all) X(insight_activity) X(insight_gaps) \
	X(insight_votes) X(insight_votes_all)
#define OUTSIDE_SQL(t) "DELETE FROM " #t OUTSIDE,
#define ON_DAY_SQL(t) "DELETE FROM " #t ON_DAY,
static const char *const SQL_CLEAR_OUTSIDE[] = { ROLLUP_TABLES(OUTSIDE_SQL) };
static const char *const SQL_CLEAR_DAY[] = { ROLLUP_TABLES(ON_DAY_SQL) };
#define NTABLES (sizeof(SQL_CLEAR_DAY) / sizeof(SQL_CLEAR_DAY[0]))
/* the sums over the dimensions, once their rows are made */
static const char SQL_THEMES_ALL_REBUILD[] =
	"INSERT INTO insight_themes_all (day, label, phrase_hash, phrase, n) "
	"SELECT day, label, phrase_hash, MIN(phrase), SUM(n) FROM insight_themes WHERE day = ? "
	"GROUP BY day, label, phrase_hash";
#define SUMS "SUM(items), SUM(positive), SUM(neutral), SUM(negative), SUM(unscored), " \
	"SUM(score_sum), SUM(rated), SUM(rating_sum), SUM(stars1), SUM(stars2), SUM(stars3), " \
	"SUM(stars4), SUM(stars5), SUM(verified), SUM(verified_rating_sum), SUM(flags), " \
	"SUM(threads), SUM(answered), SUM(solved), SUM(reply_seconds)"
static const char SQL_DAILY_ALL_REBUILD[] =
	"INSERT INTO insight_daily_all (day, kind, segment, items, positive, neutral, negative, "
	"unscored, score_sum, rated, rating_sum, stars1, stars2, stars3, stars4, stars5, verified, "
	"verified_rating_sum, flags, threads, answered, solved, reply_seconds) "
	"SELECT day, kind, segment, " SUMS " FROM insight_daily WHERE day = ? GROUP BY day, kind, segment";
static const char SQL_GAPS_REBUILD[] =
	"INSERT INTO insight_gaps (day, segment, gap, n) "
	"SELECT day, segment, IFNULL(DATEDIFF(day, prev_day), 0), COUNT(*) FROM insight_activity "
	"WHERE day = ? GROUP BY day, segment, IFNULL(DATEDIFF(day, prev_day), 0)";

#define REP5(x) x "," x "," x "," x "," x
#define REP25(x) REP5(x) "," REP5(x) "," REP5(x) "," REP5(x) "," REP5(x)
#define BATCH 25

#define LEDGER_INSERT "INSERT INTO insight_items (kind, item_id, day, category_id, product_id, " \
	"segment, label, score, rating, verified, flags, thread, answered, solved, reply_seconds, " \
	"phrases) VALUES "
#define LEDGER_ROW "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
#define LEDGER_COLS 16
/* An item's ledger row may still be on another day, not made again yet:
 * the day it was counted on before its date changed (the demo dates its
 * history back after writing it). The row is the item's: replaced. */
#define LEDGER_REPLACE " ON DUPLICATE KEY UPDATE day = VALUES(day), " \
	"category_id = VALUES(category_id), product_id = VALUES(product_id), " \
	"segment = VALUES(segment), label = VALUES(label), score = VALUES(score), " \
	"rating = VALUES(rating), verified = VALUES(verified), flags = VALUES(flags), " \
	"thread = VALUES(thread), answered = VALUES(answered), solved = VALUES(solved), " \
	"reply_seconds = VALUES(reply_seconds), phrases = VALUES(phrases)"
static const char SQL_LEDGER_MANY[] = LEDGER_INSERT REP25(LEDGER_ROW) LEDGER_REPLACE;
static const char SQL_LEDGER_ONE[] = LEDGER_INSERT LEDGER_ROW LEDGER_REPLACE;

#define THEME_INSERT "INSERT INTO insight_themes (day, kind, category_id, product_id, label, " \
	"phrase_hash, phrase, n, ex1, ex2) VALUES "
#define THEME_ROW "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
#define THEME_COLS 10
static const char SQL_THEMES_MANY[] = THEME_INSERT REP25(THEME_ROW);
static const char SQL_THEMES_ONE[] = THEME_INSERT THEME_ROW;

static const char SQL_DAILY_INSERT[] =
	"INSERT INTO insight_daily (day, kind, category_id, product_id, segment, items, positive, "
	"neutral, negative, unscored, score_sum, rated, rating_sum, stars1, stars2, stars3, stars4, "
	"stars5, verified, verified_rating_sum, flags, threads, answered, solved, reply_seconds) "
	"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
#define DAILY_MEASURES 20

/* A member's day of activity is the day they wrote anything, whatever
 * became of it; its segment is that of their first item that day. Made a
 * day at a time, in order: the member's day before it, and their first
 * day, are on the rows already made. */
#define DAY_CONTENT(t, k) "SELECT user_id, segment, created_at, " k " AS k, id FROM " t \
	" WHERE created_at >= ? AND created_at < ? + INTERVAL 1 DAY"
static const char SQL_ACTIVITY_REBUILD[] =
	"INSERT INTO insight_activity (day, user_id, segment, first_day, prev_day) "
	"SELECT ?, a.user_id, a.segment, COALESCE(p.first_day, ?), p.day FROM ("
	" SELECT user_id, segment, ROW_NUMBER() OVER (PARTITION BY user_id "
	" ORDER BY created_at, k, id) AS rn FROM ("
	DAY_CONTENT("posts", "1") " UNION ALL " DAY_CONTENT("reviews", "2")
	" UNION ALL " DAY_CONTENT("ideas", "3") ") c) a "
	"LEFT JOIN insight_activity p ON p.user_id = a.user_id AND p.day = "
	"(SELECT MAX(q.day) FROM insight_activity q WHERE q.user_id = a.user_id AND q.day < ?) "
	"WHERE a.rn = 1";

/* ---------------------------------------------------- a small hash map */

/* Entries of a fixed size whose first key_size bytes are the key (zeroed
 * padding included: entries are built with memset). */
typedef struct acc {
	char *entries;
	size_t size, key_size, n, cap;
	size_t *slots;   /* index + 1, 0 for empty; nslots a power of two */
	size_t nslots;
} acc;

static unsigned long long mix(const void *p, size_t n)
{
	const unsigned char *s = p;
	unsigned long long h = 14695981039346656037ULL;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

static void *acc_at(const acc *a, size_t i)
{
	return a->entries + i * a->size;
}

static int acc_grow(acc *a)
{
	size_t nslots = a->nslots ? a->nslots * 2 : 1024, i;
	size_t *slots = calloc(nslots, sizeof(size_t));

	if (slots == NULL)
		return E_NOMEM;
	for (i = 0; i < a->n; i++) {
		size_t j = mix(acc_at(a, i), a->key_size) & (nslots - 1);
		while (slots[j])
			j = (j + 1) & (nslots - 1);
		slots[j] = i + 1;
	}
	free(a->slots);
	a->slots = slots;
	a->nslots = nslots;
	return 0;
}

/* The entry whose key is key's, added (zeroed past the key) when missing. */
static void *acc_get(acc *a, const void *key)
{
	size_t j;

	if ((a->n + 1) * 2 > a->nslots && acc_grow(a) != 0)
		return NULL;
	j = mix(key, a->key_size) & (a->nslots - 1);
	while (a->slots[j]) {
		void *e = acc_at(a, a->slots[j] - 1);
		if (memcmp(e, key, a->key_size) == 0)
			return e;
		j = (j + 1) & (a->nslots - 1);
	}
	if (a->n == a->cap) {
		size_t cap = a->cap ? a->cap * 2 : 256;
		char *e = realloc(a->entries, cap * a->size);
		if (e == NULL)
			return NULL;
		a->entries = e;
		a->cap = cap;
	}
	memset(acc_at(a, a->n), 0, a->size);
	memcpy(acc_at(a, a->n), key, a->key_size);
	a->slots[j] = ++a->n;
	return acc_at(a, a->n - 1);
}

static void acc_clear(acc *a)
{
	a->n = 0;
	if (a->slots)
		memset(a->slots, 0, a->nslots * sizeof(size_t));
}

static void acc_free(acc *a)
{
	free(a->entries);
	free(a->slots);
	memset(a, 0, sizeof(*a));
}

/* ------------------------------------------------------------- entries */

typedef struct daily_key {
	int kind;
	long long category_id, product_id;
	char segment[SEGMENT_KEY_MAX + 1];
} daily_key;

typedef struct daily_entry {
	daily_key k;
	long long m[DAILY_MEASURES]; /* items ... reply_seconds, as in SQL_DAILY_INSERT */
} daily_entry;

typedef struct theme_key {
	int kind, label;
	long long category_id, product_id, hash;
} theme_key;

typedef struct theme_entry {
	theme_key k;
	long long n, ex1, ex2;
	char text[THEME_PHRASE_MAX + 1];
} theme_entry;

typedef struct ledger_row {
	int kind;
	long long id, category_id, product_id, score, flags, reply_seconds;
	int scored, label, rating, verified, thread, answered, solved;
	char segment[SEGMENT_KEY_MAX + 1];
	unsigned char blob[THEME_PHRASES_MAX * 8];
	size_t blob_len;
} ledger_row;

typedef struct day_state {
	char day[11];
	acc daily, themes;
	ledger_row *ledger;  /* BATCH of them */
	size_t nledger;
	rollup_stats *st;
} day_state;

/* ---------------------------------------------------------------- writes */

/* Writes n rows of cols values in statements of BATCH rows (then one at a
 * time); fill puts row i's values at q. */
typedef void (*fill_fn)(const day_state *s, size_t i, db_param *q);

static int write_rows(db *d, const day_state *s, size_t n, size_t cols, const char *many,
		      const char *one, fill_fn fill)
{
	db_param *p = calloc((size_t)BATCH * cols, sizeof(db_param));
	size_t i, done = 0;
	int rc = 0;

	if (p == NULL)
		return E_NOMEM;
	while (rc == 0 && done < n) {
		size_t rows = n - done >= BATCH ? BATCH : 1;
		for (i = 0; i < rows; i++)
			fill(s, done + i, p + i * cols);
		rc = db_exec(d, rows == BATCH ? many : one, p, rows * cols, NULL);
		done += rows;
	}
	free(p);
	return rc;
}

static void ledger_fill(const day_state *s, size_t i, db_param *q)
{
	const ledger_row *l = &s->ledger[i];

	q[0] = DBS(rollup_kinds[l->kind].name);
	q[1] = DBI(l->id);
	q[2] = DBS(s->day);
	q[3] = DBI(l->category_id);
	q[4] = DBI(l->product_id);
	q[5] = DBS(l->segment);
	q[6] = l->scored ? DBI(l->label) : DBNULL;
	q[7] = DBI(l->score);
	q[8] = DBI(l->rating);
	q[9] = DBI(l->verified);
	q[10] = DBI(l->flags);
	q[11] = DBI(l->thread);
	q[12] = DBI(l->answered);
	q[13] = DBI(l->solved);
	q[14] = DBI(l->reply_seconds);
	q[15] = DBB(l->blob, l->blob_len);
}

static void theme_fill(const day_state *s, size_t i, db_param *q)
{
	const theme_entry *t = acc_at(&s->themes, i);

	q[0] = DBS(s->day);
	q[1] = DBS(rollup_kinds[t->k.kind].name);
	q[2] = DBI(t->k.category_id);
	q[3] = DBI(t->k.product_id);
	q[4] = DBI(t->k.label);
	q[5] = DBI(t->k.hash);
	q[6] = DBS(t->text);
	q[7] = DBI(t->n);
	q[8] = DBI(t->ex1);
	q[9] = t->ex2 ? DBI(t->ex2) : DBNULL;
}

static int write_ledger(db *d, day_state *s)
{
	int rc = write_rows(d, s, s->nledger, LEDGER_COLS, SQL_LEDGER_MANY, SQL_LEDGER_ONE,
			    ledger_fill);

	s->nledger = 0;
	return rc;
}

static int write_themes(db *d, day_state *s)
{
	s->st->themes += (long long)s->themes.n;
	return write_rows(d, s, s->themes.n, THEME_COLS, SQL_THEMES_MANY, SQL_THEMES_ONE, theme_fill);
}

static int write_daily(db *d, day_state *s)
{
	db_param p[5 + DAILY_MEASURES];
	size_t i;
	int j, rc = 0;

	for (i = 0; rc == 0 && i < s->daily.n; i++) {
		const daily_entry *e = acc_at(&s->daily, i);
		p[0] = DBS(s->day);
		p[1] = DBS(rollup_kinds[e->k.kind].name);
		p[2] = DBI(e->k.category_id);
		p[3] = DBI(e->k.product_id);
		p[4] = DBS(e->k.segment);
		for (j = 0; j < DAILY_MEASURES; j++)
			p[5 + j] = DBI(e->m[j]);
		rc = db_exec(d, SQL_DAILY_INSERT, p, 5 + DAILY_MEASURES, NULL);
	}
	return rc;
}

/* ---------------------------------------------------------------- items */

static int add_item(db *d, day_state *s, rollup_item *it)
{
	daily_key dk;
	daily_entry *de;
	ledger_row *l;
	size_t i;
	int rc = 0;

	memset(&dk, 0, sizeof(dk));
	dk.kind = it->kind;
	dk.category_id = it->category_id;
	dk.product_id = it->product_id;
	memcpy(dk.segment, it->segment, sizeof(dk.segment));
	if ((de = acc_get(&s->daily, &dk)) == NULL)
		return E_NOMEM;
	/* the measures of SQL_DAILY_INSERT, in its order */
	de->m[0] += 1;
	de->m[1] += it->scored && it->label > 0;
	de->m[2] += it->scored && it->label == 0;
	de->m[3] += it->scored && it->label < 0;
	de->m[4] += !it->scored;
	de->m[5] += it->scored ? it->score : 0;
	de->m[6] += it->rating > 0;
	de->m[7] += it->rating;
	for (i = 1; i <= 5; i++)
		de->m[7 + i] += it->rating == (int)i;
	de->m[13] += it->verified;
	de->m[14] += it->verified * it->rating;
	de->m[15] += it->flags;
	de->m[16] += it->thread;
	de->m[17] += it->answered;
	de->m[18] += it->solved;
	de->m[19] += it->reply_seconds;
	for (i = 0; it->scored && i < it->nphrases; i++) {
		theme_key tk;
		theme_entry *te;

		memset(&tk, 0, sizeof(tk));
		tk.kind = it->kind;
		tk.label = it->label;
		tk.category_id = it->category_id;
		tk.product_id = it->product_id;
		tk.hash = it->phrases[i].hash;
		if ((te = acc_get(&s->themes, &tk)) == NULL)
			return E_NOMEM;
		if (te->n++ == 0)
			memcpy(te->text, it->phrases[i].text, sizeof(te->text));
		/* the two smallest ids */
		if (te->ex1 == 0 || it->id < te->ex1) {
			te->ex2 = te->ex1;
			te->ex1 = it->id;
		} else if (te->ex2 == 0 || it->id < te->ex2) {
			te->ex2 = it->id;
		}
	}
	l = &s->ledger[s->nledger++];
	memset(l, 0, sizeof(*l));
	l->kind = it->kind;
	l->id = it->id;
	l->category_id = it->category_id;
	l->product_id = it->product_id;
	l->scored = it->scored;
	l->label = it->label;
	l->score = it->scored ? it->score : 0;
	l->rating = it->rating;
	l->verified = it->verified;
	l->flags = it->flags;
	l->thread = it->thread;
	l->answered = it->answered;
	l->solved = it->solved;
	l->reply_seconds = it->reply_seconds;
	memcpy(l->segment, it->segment, sizeof(l->segment));
	l->blob_len = rollup_phrase_blob(it, l->blob);
	if (s->nledger == BATCH)
		rc = write_ledger(d, s);
	s->st->items++;
	return rc;
}

/* Reads one day's items of one kind into the day's sums. */
static int read_day(db *d, day_state *s, int kind, rollup_item *it)
{
	db_rows *rows = NULL;
	strbuf text = STRBUF_INIT;
	size_t r;
	int rc = DB_SELECT(d, rollup_kinds[kind].load_day, &rows, DBS(s->day), DBS(s->day));

	for (r = 0; rc == 0 && r < rows->nrows; r++) {
		rollup_item_read(rows, r, kind, it);
		if (!it->counted)
			continue;
		if (it->scored) {
			rc = rollup_item_text(rows, r, kind, &text);
			if (rc == 0)
				rollup_item_phrases(d, it, text.s, text.len);
		}
		if (rc == 0)
			rc = add_item(d, s, it);
	}
	strbuf_free(&text);
	db_rows_free(rows);
	return rc;
}

/* Deletes the day's rows of every rollup table. */
static int clear_day(db *d, const char *day)
{
	size_t i;
	int rc = 0;

	for (i = 0; rc == 0 && i < NTABLES; i++)
		rc = DB_EXEC(d, SQL_CLEAR_DAY[i], NULL, DBS(day));
	return rc;
}

/* The day's member activity and its gaps (the days before are made). */
static int activity_day(db *d, day_state *s)
{
	const char *day = s->day;
	db_result res;
	int rc = DB_EXEC(d, SQL_ACTIVITY_REBUILD, &res, DBS(day), DBS(day), DBS(day), DBS(day),
			 DBS(day), DBS(day), DBS(day), DBS(day), DBS(day));

	if (rc == 0)
		s->st->members += (long long)res.affected;
	return rc ? rc : DB_EXEC(d, SQL_GAPS_REBUILD, NULL, DBS(day));
}

static int rebuild_day_once(db *d, day_state *s, rollup_item *it)
{
	int k, rc = db_begin(d);

	acc_clear(&s->daily);
	acc_clear(&s->themes);
	s->nledger = 0;
	if (rc == 0)
		rc = clear_day(d, s->day);
	for (k = 0; rc == 0 && k < RK_COUNT; k++)
		rc = read_day(d, s, k, it);
	if (rc == 0)
		rc = write_ledger(d, s);
	if (rc == 0)
		rc = write_daily(d, s);
	if (rc == 0 && s->daily.n > 0)
		rc = DB_EXEC(d, SQL_DAILY_ALL_REBUILD, NULL, DBS(s->day));
	if (rc == 0)
		rc = write_themes(d, s);
	if (rc == 0 && s->themes.n > 0)
		rc = DB_EXEC(d, SQL_THEMES_ALL_REBUILD, NULL, DBS(s->day));
	if (rc == 0)
		rc = activity_day(d, s);
	/* votes count under their idea's ledger row, made by now: an idea is
	 * never younger than its votes */
	if (rc == 0)
		rc = rollup_votes_rebuild_day(d, s->day);
	if (rc == 0)
		rc = db_commit(d);
	else
		db_rollback(d);
	return rc;
}

/* One day, in one transaction. Writers of that day's content may collide
 * with it (a deadlock, or a conflict on Galera): the day is made again
 * from the start, a few times. */
static int rebuild_day(db *d, day_state *s, rollup_item *it)
{
	rollup_stats before = *s->st;
	int tries, rc = 0;

	for (tries = 0; tries < 5; tries++) {
		*s->st = before;
		rc = rebuild_day_once(d, s, it);
		if (rc != E_RETRY)
			break;
	}
	if (rc == 0 && s->daily.n > 0)
		s->st->days++;
	return rc;
}

/* ------------------------------------------------------------- scoring */

/* Scores every unscored item of kind (a model is set). */
static int score_kind(db *d, int kind, rollup_item *it, rollup_stats *st)
{
	long long last = 0;
	db_rows *rows = NULL;
	size_t r;
	int rc;

	for (;;) {
		rc = DB_SELECT(d, rollup_kinds[kind].unscored, &rows, DBI(last));
		if (rc != 0 || rows->nrows == 0)
			break;
		rc = db_begin(d);
		for (r = 0; rc == 0 && r < rows->nrows; r++) {
			last = row_int(rows, r, "id");
			rc = rollup_item_load(d, kind, last, it);
			if (rc == 0 && it->scored)
				st->scored++;
		}
		if (rc == 0)
			rc = db_commit(d);
		else
			db_rollback(d);
		db_rows_free(rows);
		rows = NULL;
		if (rc != 0)
			break;
	}
	db_rows_free(rows);
	return rc;
}

/* ---------------------------------------------------------------- days */

static int next_day(char day[11])
{
	struct tm tm;
	time_t t;

	memset(&tm, 0, sizeof(tm));
	if (strptime(day, "%Y-%m-%d", &tm) == NULL)
		return E_INVALID;
	tm.tm_hour = 12;
	t = timegm(&tm) + 86400;
	gmtime_r(&t, &tm);
	strftime(day, 11, "%Y-%m-%d", &tm);
	return 0;
}

int rollup_rebuild(db *d, rollup_stats *st)
{
	rollup_item *it = malloc(sizeof(*it));
	day_state s;
	db_rows *rows = NULL;
	char last[11] = "";
	size_t i;
	int k, rc = it ? 0 : E_NOMEM;

	memset(st, 0, sizeof(*st));
	memset(&s, 0, sizeof(s));
	s.st = st;
	s.daily.size = sizeof(daily_entry);
	s.daily.key_size = sizeof(daily_key);
	s.themes.size = sizeof(theme_entry);
	s.themes.key_size = sizeof(theme_key);
	s.ledger = calloc(BATCH, sizeof(ledger_row));
	if (s.ledger == NULL)
		rc = E_NOMEM;
	for (k = 0; rc == 0 && rollup_model() && k < RK_COUNT; k++)
		rc = score_kind(d, k, it, st);
	if (rc == 0)
		rc = db_select(d, SQL_RANGE, NULL, 0, &rows);
	if (rc == 0 && rows->nrows == 1 && row_str(rows, 0, "first_day") &&
	    row_str(rows, 0, "last_day")) {
		snprintf(s.day, sizeof(s.day), "%s", row_str(rows, 0, "first_day"));
		snprintf(last, sizeof(last), "%s", row_str(rows, 0, "last_day"));
	}
	db_rows_free(rows);
	/* no content at all: every row is outside */
	for (i = 0; rc == 0 && i < NTABLES; i++)
		rc = DB_EXEC(d, SQL_CLEAR_OUTSIDE[i], NULL, DBS(*last ? s.day : "9999-12-31"),
			     DBS(*last ? last : "1000-01-01"));
	while (rc == 0 && *last && strcmp(s.day, last) <= 0) {
		rc = rebuild_day(d, &s, it);
		if (rc == 0)
			rc = next_day(s.day);
	}
	if (rc != 0)
		log_error("rollup: the rebuild stopped: %s", err_name(rc));
	acc_free(&s.daily);
	acc_free(&s.themes);
	free(s.ledger);
	free(it);
	return rc;
}
