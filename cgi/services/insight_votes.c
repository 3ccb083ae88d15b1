/* insight_votes.c: idea votes per member segment (see insight_read.h).
 * The totals come from the vote rollups of sql/0054 (a few rows a day);
 * the top ideas' breakdown from idea_votes by its indexes, for five ideas
 * at most. The segment is the one the voter had when voting
 * (idea_votes.segment). Only votes on visible ideas count. */
#include "services/insight_read.h"
#include "db/rows_hdf.h"
#include "text/chart.h"
#include "base/err.h"

#include <stdio.h>
#include <string.h>

static const char SQL_SEGMENT_VOTES[] =
	"SELECT segment, SUM(votes) AS votes FROM insight_votes WHERE day BETWEEN ? AND ? "
	"AND (? = 0 OR category_id = ?) AND (? = 0 OR product_id = ?) AND (? = '' OR segment = ?) "
	"GROUP BY segment";
static const char SQL_SEGMENT_VOTES_ALL[] =
	"SELECT segment, SUM(votes) AS votes FROM insight_votes_all WHERE day BETWEEN ? AND ? "
	"AND (? = '' OR segment = ?) GROUP BY segment";
/* The whole community's top ideas: the period's votes ranked by idea from
 * the index idea_votes_recent alone, and only the first TOP_CANDIDATES of
 * them joined with their ideas. Joining every idea voted for in a month
 * (8,500 on the generated community) cost more than the counting. */
#define TOP_CANDIDATES "50"
#define PERIOD_VOTES "SELECT idea_id, COUNT(*) AS votes FROM idea_votes " \
	"WHERE created_at >= ? AND created_at < ? + INTERVAL 1 DAY AND (? = '' OR segment = ?) " \
	"GROUP BY idea_id"
#define COUNTED "i.status = 'visible' AND i.merged_into_id IS NULL"
static const char SQL_TOP_IDEAS_RANKED[] =
	"SELECT i.id, i.title, i.stage, v.votes FROM (" PERIOD_VOTES
	" ORDER BY votes DESC, idea_id LIMIT " TOP_CANDIDATES ") v JOIN ideas i ON i.id = v.idea_id "
	"WHERE " COUNTED " ORDER BY v.votes DESC, i.id LIMIT ?";
/* ... and when hidden or merged ideas fill the candidates: every one (the
 * same ideas count as in the rollups: visible ones) */
static const char SQL_TOP_IDEAS_ALL[] =
	"SELECT i.id, i.title, i.stage, v.votes FROM (" PERIOD_VOTES ") v "
	"JOIN ideas i ON i.id = v.idea_id WHERE " COUNTED " ORDER BY v.votes DESC, i.id LIMIT ?";
/* A category's or a product's: its ideas first, then their votes of the
 * period (idea_votes' primary key starts with the idea). */
static const char SQL_TOP_IDEAS_OF[] =
	"SELECT i.id, i.title, i.stage, COUNT(*) AS votes FROM ideas i "
	"JOIN idea_votes v ON v.idea_id = i.id AND v.created_at >= ? "
	"AND v.created_at < ? + INTERVAL 1 DAY AND (? = '' OR v.segment = ?) "
	"WHERE " COUNTED " AND (? = 0 OR i.category_id = ?) AND (? = 0 OR i.product_id = ?) "
	"GROUP BY i.id ORDER BY votes DESC, i.id LIMIT ?";
/* the parameters of the top ideas' statements: written once for the
 * reads started ahead and for those that take them */
#define RANKED_PARAMS(f) DBS((f)->from), DBS((f)->to), DBS((f)->segment), DBS((f)->segment), \
	DBI(MAX_IDEAS)
#define OF_PARAMS(f) DBS((f)->from), DBS((f)->to), DBS((f)->segment), DBS((f)->segment), \
	DBI((f)->category_id), DBI((f)->category_id), DBI((f)->product_id), \
	DBI((f)->product_id), DBI(MAX_IDEAS)
/* five ideas' votes of the period by segment (index idea_votes_idea_day) */
static const char SQL_IDEA_SEGMENTS[] =
	"SELECT idea_id, segment, COUNT(*) AS votes FROM idea_votes WHERE idea_id IN (?, ?, ?, ?, ?) "
	"AND created_at >= ? AND created_at < ? + INTERVAL 1 DAY AND (? = '' OR segment = ?) "
	"GROUP BY idea_id, segment";

#define MAX_IDEAS 5
#define MAX_SEGS (SEGMENTS_MAX * 2 + 1)

typedef struct seg_row {
	char key[SEGMENT_KEY_MAX + 1];
	long long votes;
} seg_row;

/* The index of key in the list, added (with 0 votes) when missing and
 * there is room; -1 when full. */
static int seg_index(seg_row *s, size_t *n, const char *key)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if (strcmp(s[i].key, key) == 0)
			return (int)i;
	if (*n == MAX_SEGS)
		return -1;
	snprintf(s[*n].key, sizeof(s[*n].key), "%s", key);
	s[*n].votes = 0;
	return (int)(*n)++;
}

/* A segment's name in the filter's language: its configured name, the
 * key itself when there is none, "No segment" for ''. */
static const char *seg_name(const insight_filter *f, const char *key)
{
	char path[96];
	const char *v;

	if (*key == '\0')
		return f->texts ? hdf_get_value(f->texts, "L.insights.votes_no_segment", "-") : "-";
	snprintf(path, sizeof(path), "L.insights.segment_names.%.40s", key);
	v = f->texts ? hdf_get_value(f->texts, path, NULL) : NULL;
	return v ? v : key;
}

/* The top ideas and their votes by segment, columns in the order of s. */
static int top_ideas(db *d, const insight_filter *f, seg_row *s, size_t *ns, HDF *h,
		     const char *prefix)
{
	db_rows *ideas = NULL, *rows = NULL;
	long long ids[MAX_IDEAS] = { 0 };
	long long by[MAX_IDEAS][MAX_SEGS];
	db_param p[MAX_IDEAS + 4];
	size_t i, j, r, n;
	int rc;

	if (f->category_id || f->product_id) {
		rc = DB_SELECT(d, SQL_TOP_IDEAS_OF, &ideas, OF_PARAMS(f));
	} else {
		rc = DB_SELECT(d, SQL_TOP_IDEAS_RANKED, &ideas, RANKED_PARAMS(f));
		if (rc == 0 && ideas->nrows < MAX_IDEAS) {
			db_rows_free(ideas);
			ideas = NULL;
			rc = DB_SELECT(d, SQL_TOP_IDEAS_ALL, &ideas, RANKED_PARAMS(f));
		}
	}
	if (rc != 0)
		return rc;
	n = ideas->nrows < MAX_IDEAS ? ideas->nrows : MAX_IDEAS;
	memset(by, 0, sizeof(by));
	for (i = 0; i < MAX_IDEAS; i++)
		p[i] = DBI(i < n ? (ids[i] = row_int(ideas, i, "id")) : 0);
	p[MAX_IDEAS] = DBS(f->from);
	p[MAX_IDEAS + 1] = DBS(f->to);
	p[MAX_IDEAS + 2] = DBS(f->segment);
	p[MAX_IDEAS + 3] = DBS(f->segment);
	if (n > 0)
		rc = db_select(d, SQL_IDEA_SEGMENTS, p, MAX_IDEAS + 4, &rows);
	for (r = 0; rc == 0 && rows && r < rows->nrows; r++) {
		long long id = row_int(rows, r, "idea_id");
		const char *segment = row_str(rows, r, "segment");
		int k = seg_index(s, ns, segment ? segment : "");
		for (i = 0; k >= 0 && i < n; i++)
			if (ids[i] == id)
				by[i][k] += row_int(rows, r, "votes");
	}
	for (i = 0; rc == 0 && i < n; i++) {
		char p1[200], p2[240];
		snprintf(p1, sizeof(p1), "%s.ideas.%zu", prefix, i);
		hdf_int_at(h, p1, "id", ids[i]);
		hdf_str_at(h, p1, "title", row_str(ideas, i, "title") ? row_str(ideas, i, "title") : "");
		hdf_str_at(h, p1, "stage", row_str(ideas, i, "stage") ? row_str(ideas, i, "stage") : "");
		hdf_int_at(h, p1, "votes", row_int(ideas, i, "votes"));
		for (j = 0; j < *ns; j++) {
			snprintf(p2, sizeof(p2), "%s.by.%zu", p1, j);
			hdf_str_at(h, p2, "key", s[j].key);
			hdf_int_at(h, p2, "votes", by[i][j]);
		}
	}
	db_rows_free(rows);
	db_rows_free(ideas);
	return rc;
}

void insight_votes_ahead(db *d, const insight_filter *f)
{
	if (f->category_id || f->product_id)
		DB_SELECT_AHEAD(d, SQL_TOP_IDEAS_OF, OF_PARAMS(f));
	else
		DB_SELECT_AHEAD(d, SQL_TOP_IDEAS_RANKED, RANKED_PARAMS(f));
}

int insight_segment_votes(db *d, const insight_filter *f, const segment_list *segs, HDF *h,
			  const char *prefix)
{
	seg_row s[MAX_SEGS];
	db_rows *rows = NULL;
	long long total = 0;
	size_t ns = 0, i, r;
	int rc;

	/* the rows: the segment asked for, or every configured one (with
	 * zeros), then keys no longer configured, then "no segment" last */
	if (f->segment[0])
		seg_index(s, &ns, f->segment);
	for (i = 0; !f->segment[0] && i < segs->n; i++)
		seg_index(s, &ns, segs->key[i]);
	if (f->category_id || f->product_id)
		rc = DB_SELECT(d, SQL_SEGMENT_VOTES, &rows, DBS(f->from), DBS(f->to),
			       DBI(f->category_id), DBI(f->category_id), DBI(f->product_id),
			       DBI(f->product_id), DBS(f->segment), DBS(f->segment));
	else
		rc = DB_SELECT(d, SQL_SEGMENT_VOTES_ALL, &rows, DBS(f->from), DBS(f->to),
			       DBS(f->segment), DBS(f->segment));
	for (r = 0; rc == 0 && r < rows->nrows; r++) {
		const char *key = row_str(rows, r, "segment") ? row_str(rows, r, "segment") : "";
		int k = *key ? seg_index(s, &ns, key) : -1;
		if (k >= 0)
			s[k].votes += row_int(rows, r, "votes");
	}
	if (!f->segment[0]) { /* '' last */
		int k = seg_index(s, &ns, "");
		for (r = 0; rc == 0 && k >= 0 && r < rows->nrows; r++) {
			const char *segment = row_str(rows, r, "segment");
			if (segment == NULL || *segment == '\0')
				s[k].votes += row_int(rows, r, "votes");
		}
	}
	db_rows_free(rows);
	if (rc != 0)
		return rc;
	for (i = 0; i < ns; i++)
		total += s[i].votes;
	hdf_int_at(h, prefix, "total", total);
	/* the ideas before the rows are written: a key found only there
	 * (a vote's segment no longer configured) gets its row too */
	rc = top_ideas(d, f, s, &ns, h, prefix);
	for (i = 0; i < ns; i++) {
		char p[200], text[48], key[240];
		snprintf(p, sizeof(p), "%s.segments.%zu", prefix, i);
		hdf_str_at(h, p, "key", s[i].key);
		hdf_str_at(h, p, "name", seg_name(f, s[i].key));
		hdf_int_at(h, p, "votes", s[i].votes);
		if (total > 0) {
			chart_format(text, sizeof(text), 100.0 * (double)s[i].votes / (double)total, 0,
				     f->lang);
			snprintf(key, sizeof(key), "%s.share_text", p);
			hdf_str(h, key, text);
		}
	}
	return rc;
}
