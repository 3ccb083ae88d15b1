/* insight_themes.c: what negative and positive content says more than
 * the rest (see insight_read.h): the phrases of the period's rollups
 * ranked by keyness, each with quotes of its most recent examples. */
#include "services/insight_internal.h"
#include "base/err.h"
#include "base/str.h"
#include "services/content_url.h"
#include "text/markdown.h"
#include "text/themes.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* themes: the sample sizes, negative, positive and all (no segment:
 * themes are not kept by segment) */
static const char SQL_THEME_SAMPLE[] =
	"SELECT COALESCE(SUM(negative), 0) AS negative, COALESCE(SUM(positive), 0) AS positive, "
	"COALESCE(SUM(positive + neutral + negative), 0) AS scored FROM insight_daily "
	"WHERE day BETWEEN ? AND ? AND (? = 0 OR category_id = ?) AND (? = 0 OR product_id = ?)";
static const char SQL_THEME_SAMPLE_ALL[] =
	"SELECT COALESCE(SUM(negative), 0) AS negative, COALESCE(SUM(positive), 0) AS positive, "
	"COALESCE(SUM(positive + neutral + negative), 0) AS scored FROM insight_daily_all "
	"WHERE day BETWEEN ? AND ?";
/* Candidates: the phrases of the period with their counts in negative and
 * in positive content and in all, those said often enough in either label:
 * both labels' themes from one scan. The whole community's from the sums
 * of insight_themes_all; a category's or a product's from insight_themes
 * by its index. */
#define CANDIDATES(from, where) "SELECT phrase_hash, MIN(phrase) AS phrase, " \
	"SUM(IF(label = -1, n, 0)) AS neg, SUM(IF(label = 1, n, 0)) AS pos, SUM(n) AS t " \
	"FROM " from " WHERE " where " GROUP BY phrase_hash HAVING neg >= ? OR pos >= ?"
static const char SQL_THEME_CANDIDATES_ALL[] =
	CANDIDATES("insight_themes_all", "day BETWEEN ? AND ?");
static const char SQL_THEME_CANDIDATES_CATEGORY[] =
	CANDIDATES("insight_themes", "category_id = ? AND day BETWEEN ? AND ? AND (? = 0 OR product_id = ?)");
static const char SQL_THEME_CANDIDATES_PRODUCT[] =
	CANDIDATES("insight_themes", "product_id = ? AND day BETWEEN ? AND ?");
/* a phrase's two most recent examples (index insight_themes_examples) */
static const char SQL_THEME_EXAMPLES[] =
	"SELECT kind, ex1, ex2 FROM insight_themes WHERE phrase_hash = ? AND label = ? "
	"AND day BETWEEN ? AND ? AND (? = 0 OR category_id = ?) AND (? = 0 OR product_id = ?) "
	"ORDER BY day DESC LIMIT 2";
static const char SQL_QUOTE_POSTS[] =
	"SELECT p.id, IF(p.position = 1, t.title, NULL) AS title, p.body, p.thread_id, p.position "
	"FROM posts p JOIN threads t ON t.id = p.thread_id "
	"WHERE p.id IN " IN20 " AND p.status = 'visible' AND t.status = 'visible'";
static const char SQL_QUOTE_REVIEWS[] =
	"SELECT id, title, body FROM reviews WHERE id IN " IN20 " AND status = 'visible'";
static const char SQL_QUOTE_IDEAS[] =
	"SELECT id, title, body FROM ideas WHERE id IN " IN20 " AND status = 'visible'";

typedef struct theme_cand {
	long long hash, a, t;
	double g2;
	char phrase[THEME_PHRASE_MAX + 1];
	char kind[2][8];
	long long ex[2];
	int nex;
} theme_cand;

static int by_keyness(const void *x, const void *y)
{
	const theme_cand *a = x, *b = y;

	if (a->g2 != b->g2)
		return a->g2 < b->g2 ? 1 : -1;
	if (a->a != b->a)
		return a->a < b->a ? 1 : -1;
	return strcmp(a->phrase, b->phrase);
}

/* The text a quote is cut from: the title (an opening post's thread title,
 * a review's or idea's title) and the plain text of the body. */
static char *quote_source(const char *title, const char *body)
{
	strbuf sb = STRBUF_INIT;
	char *plain = NULL;

	if (markdown_plain(body ? body : "", body ? strlen(body) : 0, &plain) != 0)
		return NULL;
	if (title && *title)
		strbuf_printf(&sb, "%s.\n", title);
	strbuf_puts(&sb, plain);
	free(plain);
	return strbuf_detach(&sb);
}

/* The start of text, about max bytes cut at a space, for an item whose
 * text no longer mentions the phrase (edited since). */
static void text_start(const char *text, size_t max, strbuf *out)
{
	size_t n = strlen(text), k;

	if (n <= max) {
		strbuf_puts(out, text);
		return;
	}
	for (k = max; k > 0 && text[k] != ' '; k--)
		;
	if (k == 0)
		for (k = max; k > 0 && ((unsigned char)text[k] & 0xC0) == 0x80; k--)
			;
	strbuf_append(out, text, k);
	strbuf_puts(out, "…");
}

/* Puts the example quotes of the chosen themes: one query per kind. */
static int theme_quotes(db *d, theme_cand *c, size_t n, HDF *h, const char *prefix)
{
	static const char *const kinds[] = { "post", "review", "idea" };
	static const char *const sqls[] = { SQL_QUOTE_POSTS, SQL_QUOTE_REVIEWS, SQL_QUOTE_IDEAS };
	int k, rc = 0;

	for (k = 0; rc == 0 && k < 3; k++) {
		db_param p[20];
		db_rows *rows = NULL;
		size_t i, e, np = 0, r;

		for (i = 0; i < 20; i++)
			p[i] = DBI(0);
		for (i = 0; i < n; i++)
			for (e = 0; e < (size_t)c[i].nex && np < 20; e++)
				if (strcmp(c[i].kind[e], kinds[k]) == 0)
					p[np++] = DBI(c[i].ex[e]);
		if (np == 0)
			continue;
		rc = db_select(d, sqls[k], p, 20, &rows);
		for (r = 0; rc == 0 && r < rows->nrows; r++) {
			long long id = row_int(rows, r, "id");
			char *src = quote_source(row_str(rows, r, "title"), row_str(rows, r, "body"));
			char url[128], key[200];

			if (k == 0)
				forum_post_url(url, sizeof(url), row_int(rows, r, "thread_id"),
					       row_int(rows, r, "position"), id);
			else
				snprintf(url, sizeof(url), "/%s/%lld", k == 1 ? "reviews" : "ideas", id);
			for (i = 0; src && i < n; i++)
				for (e = 0; e < (size_t)c[i].nex; e++) {
					strbuf q = STRBUF_INIT;
					if (c[i].ex[e] != id || strcmp(c[i].kind[e], kinds[k]) != 0)
						continue;
					if (themes_quote(src, strlen(src), c[i].phrase, 160, &q) != 0)
						text_start(src, 160, &q);
					snprintf(key, sizeof(key), "%s.list.%zu.quotes.%zu", prefix, i, e);
					insight_put_str(h, key, "text", q.s ? q.s : "");
					insight_put_str(h, key, "url", url);
					insight_put_str(h, key, "kind", kinds[k]);
					strbuf_free(&q);
				}
			free(src);
		}
		db_rows_free(rows);
	}
	return rc;
}

/* The most said phrases of a label are its candidates: at most this many */
#define MAX_CANDIDATES 300

/* By count, then by hash: which candidates a label keeps. */
static int by_count(const void *x, const void *y)
{
	const theme_cand *a = x, *b = y;

	if (a->a != b->a)
		return a->a < b->a ? 1 : -1;
	return (a->hash > b->hash) - (a->hash < b->hash);
}

/* One label's themes from the candidates' rows (theme_candidates: the
 * label's counts are the column neg or pos): the phrases said at least
 * min_count times, the MAX_CANDIDATES most said of them, ranked by
 * keyness against the rest (n1 items of the label, all in all), the first
 * max with their examples, at prefix. */
static int label_themes(db *d, const insight_filter *f, const db_rows *rows, int label,
			long long n1, long long all, long long min_count, size_t max, HDF *h,
			const char *prefix)
{
	theme_cand *c = NULL;
	db_rows *ex = NULL;
	size_t nc = 0, kept = 0, r, i;
	int rc = 0;
	/* thousands of candidates: their columns looked up once */
	size_t col = db_col(rows, label < 0 ? "neg" : "pos"), hash_col = db_col(rows, "phrase_hash"),
	       phrase_col = db_col(rows, "phrase"), t_col = db_col(rows, "t");

	if (rows->nrows > 0 && (c = calloc(rows->nrows, sizeof(*c))) == NULL)
		return E_NOMEM;
	for (r = 0; r < rows->nrows; r++) {
		theme_cand *t = &c[nc];
		const char *phrase = db_cell(rows, r, phrase_col);
		t->a = db_cell_int(rows, r, col);
		if (t->a < min_count)
			continue;
		t->hash = db_cell_int(rows, r, hash_col);
		snprintf(t->phrase, sizeof(t->phrase), "%s", phrase ? phrase : "");
		t->t = db_cell_int(rows, r, t_col);
		nc++;
	}
	if (nc > 1) /* c is NULL when there was nothing: qsort must not see it */
		qsort(c, nc, sizeof(*c), by_count);
	if (nc > MAX_CANDIDATES)
		nc = MAX_CANDIDATES;
	for (i = 0; i < nc; i++) {
		theme_cand *t = &c[i];
		t->g2 = themes_g2(t->a, n1, t->t - t->a, all - n1);
		/* only what the selected content says more than the rest */
		if (t->g2 > 0 || (all - n1 == 0 && t->a > 0)) {
			if (kept != i)
				c[kept] = *t;
			kept++;
		}
	}
	nc = kept;
	if (nc > 1)
		qsort(c, nc, sizeof(*c), by_keyness);
	if (nc > max)
		nc = max;
	for (i = 0; rc == 0 && i < nc; i++) {
		rc = DB_SELECT(d, SQL_THEME_EXAMPLES, &ex, DBI(c[i].hash), DBI(label), DBS(f->from),
			       DBS(f->to), DBI(f->category_id), DBI(f->category_id), DBI(f->product_id),
			       DBI(f->product_id));
		for (r = 0; rc == 0 && r < ex->nrows; r++) {
			static const char *const ex_names[] = { "ex1", "ex2" };
			const char *kind = row_str(ex, r, "kind");
			size_t e;
			for (e = 0; e < 2 && c[i].nex < 2; e++) {
				long long id = row_int(ex, r, ex_names[e]);
				if (id == 0 || (c[i].nex == 1 && c[i].ex[0] == id &&
						strcmp(c[i].kind[0], kind) == 0))
					continue;
				c[i].ex[c[i].nex] = id;
				snprintf(c[i].kind[c[i].nex], sizeof(c[i].kind[0]), "%s", kind);
				c[i].nex++;
			}
		}
		db_rows_free(ex);
		ex = NULL;
	}
	for (i = 0; rc == 0 && i < nc; i++) {
		char p[200];
		snprintf(p, sizeof(p), "%s.list.%zu", prefix, i);
		insight_put_str(h, p, "phrase", c[i].phrase);
		insight_put_int(h, p, "count", c[i].a);
		insight_put_num(h, p, "share", 100.0 * (double)c[i].a / (double)n1, 0, f);
		insight_put_num(h, p, "keyness", c[i].g2, 1, f);
	}
	if (rc == 0 && nc > 0)
		rc = theme_quotes(d, c, nc, h, prefix);
	free(c);
	return rc;
}

/* The theme samples of f: negative, positive and all items. */
static int theme_sample(db *d, const insight_filter *f, long long n[3])
{
	db_rows *rows = NULL;
	int rc;

	n[0] = n[1] = n[2] = 0;
	if (f->category_id || f->product_id)
		rc = DB_SELECT(d, SQL_THEME_SAMPLE, &rows, DBS(f->from), DBS(f->to),
			       DBI(f->category_id), DBI(f->category_id), DBI(f->product_id),
			       DBI(f->product_id));
	else
		rc = DB_SELECT(d, SQL_THEME_SAMPLE_ALL, &rows, DBS(f->from), DBS(f->to));
	if (rc == 0 && rows->nrows == 1) {
		n[0] = row_int(rows, 0, "negative");
		n[1] = row_int(rows, 0, "positive");
		n[2] = row_int(rows, 0, "scored");
	}
	db_rows_free(rows);
	return rc;
}

/* The least count that makes a phrase a candidate, for a label with
 * sample n (LLONG_MAX: none; a phrase one item mentions is a theme only in
 * a small sample). */
static long long theme_min_count(const insight_filter *f, long long n)
{
	return n == 0 ? LLONG_MAX : n < f->min_sample ? 1 : 2;
}

/* The candidates' rows for f with the least counts min (negative,
 * positive) into *rows; with rows NULL, the read is started ahead. */
static int theme_candidates(db *d, const insight_filter *f, const long long min[2], db_rows **rows)
{
	db_param p[7];
	const char *sql;
	size_t n = 0;

	if (f->category_id) {
		sql = SQL_THEME_CANDIDATES_CATEGORY;
		p[n++] = DBI(f->category_id);
	} else if (f->product_id) {
		sql = SQL_THEME_CANDIDATES_PRODUCT;
		p[n++] = DBI(f->product_id);
	} else {
		sql = SQL_THEME_CANDIDATES_ALL;
	}
	p[n++] = DBS(f->from);
	p[n++] = DBS(f->to);
	if (f->category_id) {
		p[n++] = DBI(f->product_id);
		p[n++] = DBI(f->product_id);
	}
	p[n++] = DBI(min[0]);
	p[n++] = DBI(min[1]);
	if (rows == NULL) {
		db_select_ahead(d, sql, p, n);
		return 0;
	}
	return db_select(d, sql, p, n, rows);
}

int insight_themes(db *d, const insight_filter *f, size_t max, HDF *h, const char *negative,
		   const char *positive)
{
	const char *prefix[2] = { negative, positive };
	const int label[2] = { -1, 1 };
	long long n[3], min_count[2];
	db_rows *rows = NULL;
	int rc, k, any = 0;

	if (max > 10)
		max = 10;
	rc = theme_sample(d, f, n);
	if (rc != 0)
		return rc;
	for (k = 0; k < 2; k++) {
		/* a label not asked for has no candidate */
		min_count[k] = prefix[k] ? theme_min_count(f, n[k]) : LLONG_MAX;
		if (prefix[k] == NULL)
			continue;
		insight_put_int(h, prefix[k], "sample", n[k]);
		insight_put_int(h, prefix[k], "reference", n[2] - n[k]);
		insight_put_int(h, prefix[k], "min_sample", f->min_sample);
		insight_put_int(h, prefix[k], "small", n[k] < f->min_sample);
		if (f->segment[0])
			insight_put_int(h, prefix[k], "all_segments", 1);
		any |= min_count[k] != LLONG_MAX;
	}
	if (!any)
		return 0;
	rc = theme_candidates(d, f, min_count, &rows);
	for (k = 0; rc == 0 && k < 2; k++)
		if (min_count[k] != LLONG_MAX)
			rc = label_themes(d, f, rows, label[k], n[k], n[2], min_count[k], max, h,
					  prefix[k]);
	db_rows_free(rows);
	return rc;
}

void insight_themes_ahead(db *d, const insight_filter *f)
{
	long long n[3], min_count[2];

	/* their sample is read first, before the server is busy
	 * (insight_themes reads it again: one row of the daily sums) */
	if (theme_sample(d, f, n) == 0 && (n[0] > 0 || n[1] > 0)) {
		min_count[0] = theme_min_count(f, n[0]);
		min_count[1] = theme_min_count(f, n[1]);
		theme_candidates(d, f, min_count, NULL);
	}
}
