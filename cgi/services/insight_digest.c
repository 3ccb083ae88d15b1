/* insight_digest.c: the weekly digest for marketing (see insight_read.h):
 * the whole community's week against the week before, the biggest
 * sentiment moves, new negative themes, the most voted ideas and the
 * threads no one answered. */
#include "services/insight_internal.h"
#include "db/rows_hdf.h"
#include "base/err.h"
#include "text/themes.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* the week's votes first (index idea_votes_recent), then their ideas */
static const char SQL_TOP_IDEAS[] =
	"SELECT i.id, i.title, i.stage, i.vote_count, v.votes FROM (SELECT idea_id, COUNT(*) AS votes "
	"FROM idea_votes WHERE created_at >= ? AND created_at < ? + INTERVAL 1 DAY GROUP BY idea_id) v "
	"JOIN ideas i ON i.id = v.idea_id WHERE i.status = 'visible' AND i.merged_into_id IS NULL "
	"AND (? = 0 OR i.category_id = ?) AND (? = 0 OR i.product_id = ?) "
	"ORDER BY v.votes DESC, i.vote_count DESC, i.id LIMIT ?";
/* (the digest is the whole community's: index insight_themes_all_phrase) */
static const char SQL_THEME_BEFORE[] =
	"SELECT phrase_hash, SUM(n) AS n FROM insight_themes_all WHERE phrase_hash IN " IN10
	" AND label = ? AND day BETWEEN ? AND ? GROUP BY phrase_hash";

/* By the size of the change of sentiment, biggest first. */
static int by_abs_change(const void *x, const void *y)
{
	const insight_change *a = x, *b = y;
	double da = fabs(a->dscore), db = fabs(b->dscore);

	if (da != db)
		return da < db ? 1 : -1;
	return a->id < b->id ? -1 : a->id > b->id;
}

/* Products and categories whose sentiment moved most (both weeks with at
 * least min_sample/10, and 3, scored items). */
static int digest_moves(db *d, const insight_filter *f, HDF *h, const char *prefix)
{
	insight_change *c = NULL;
	size_t n = 0, i, kept;
	long long need = f->min_sample / 10 > 3 ? f->min_sample / 10 : 3;
	char p[160];
	int k, rc = 0;

	for (k = 0; rc == 0 && k < 2; k++) {
		rc = insight_load_changes(d, f, k == 0, &c, &n);
		for (i = 0, kept = 0; rc == 0 && i < n; i++)
			if (c[i].scored >= need && c[i].p_scored >= need)
				c[kept++] = c[i];
		if (rc == 0) {
			if (kept > 1) /* c may be NULL when nothing moved */
				qsort(c, kept, sizeof(*c), by_abs_change);
			snprintf(p, sizeof(p), "%s.%s", prefix, k == 0 ? "products" : "categories");
			rc = insight_name_changes(d, f, c, kept < 5 ? kept : 5, k == 0, h, p);
		}
		free(c);
		c = NULL;
	}
	return rc;
}

/* Negative themes of the week that were not said in the four weeks before. */
static int digest_new_themes(db *d, const insight_filter *f, HDF *h, const char *prefix)
{
	char tmp[160], before_from[11], before_to[11];
	db_param p[13];
	db_rows *rows = NULL;
	HDF *list;
	size_t i = 0, r, kept = 0;
	int rc;

	snprintf(tmp, sizeof(tmp), "%s.tmp", prefix);
	rc = insight_themes(d, f, 10, h, tmp, NULL);
	if (rc != 0)
		return rc;
	insight_add_days(f->from, -28, before_from);
	insight_add_days(f->from, -1, before_to);
	list = hdf_get_obj(h, tmp);
	for (i = 0; i < 10; i++)
		p[i] = DBI(-1);
	i = 0;
	if (list && (list = hdf_get_obj(list, "list")) != NULL) {
		HDF *t;
		for (t = hdf_obj_child(list); t && i < 10; t = hdf_obj_next(t))
			p[i++] = DBI(themes_hash(hdf_get_value(t, "phrase", ""),
						 strlen(hdf_get_value(t, "phrase", ""))));
	}
	p[10] = DBI(-1);
	p[11] = DBS(before_from);
	p[12] = DBS(before_to);
	if (i > 0)
		rc = db_select(d, SQL_THEME_BEFORE, p, 13, &rows);
	if (rc == 0 && list) {
		HDF *t;
		size_t j = 0;
		for (t = hdf_obj_child(list); t; t = hdf_obj_next(t), j++) {
			int seen = 0;
			char key[200];
			for (r = 0; rows && r < rows->nrows; r++)
				if (row_int(rows, r, "phrase_hash") == p[j].i && row_int(rows, r, "n") > 0)
					seen = 1;
			if (seen)
				continue;
			snprintf(key, sizeof(key), "%s.new_themes.%zu", prefix, kept++);
			hdf_copy(h, key, t);
		}
	}
	db_rows_free(rows);
	snprintf(tmp, sizeof(tmp), "%s.tmp", prefix);
	hdf_remove_tree(h, tmp);
	return rc;
}

int insight_digest(db *d, const insight_filter *base, const char *end_day, HDF *h,
		   const char *prefix)
{
	insight_filter f = *base, prev;
	insight_series s, ps;
	db_rows *rows = NULL;
	char p[160], from[11], to[11];
	int rc;

	if (end_day && *end_day) {
		if (!insight_valid_day(end_day))
			return E_INVALID;
		snprintf(to, sizeof(to), "%s", end_day);
	} else {
		insight_today(to);
	}
	insight_add_days(to, -6, from);
	f.category_id = f.product_id = 0; /* the whole community's week */
	f.segment[0] = '\0';
	rc = insight_set_period(&f, from, to);
	if (rc != 0)
		return rc;
	prev = f;
	snprintf(prev.from, sizeof(prev.from), "%s", f.prev_from);
	snprintf(prev.to, sizeof(prev.to), "%s", f.prev_to);
	insight_put_str(h, prefix, "from", f.from);
	insight_put_str(h, prefix, "to", f.to);
	rc = insight_series_load(d, &f, &s);
	if (rc != 0)
		return rc;
	rc = insight_series_load(d, &prev, &ps);
	if (rc == 0) {
		snprintf(p, sizeof(p), "%s.week", prefix);
		insight_measures_hdf(s.total, &f, h, p, 1);
		snprintf(p, sizeof(p), "%s.week_before", prefix);
		insight_measures_hdf(ps.total, &f, h, p, 1);
		insight_series_free(&ps);
	}
	insight_series_free(&s);
	if (rc == 0)
		rc = digest_moves(d, &f, h, prefix);
	if (rc == 0)
		rc = digest_new_themes(d, &f, h, prefix);
	if (rc == 0)
		rc = DB_SELECT(d, SQL_TOP_IDEAS, &rows, DBS(f.from), DBS(f.to), DBI(f.category_id),
			       DBI(f.category_id), DBI(f.product_id), DBI(f.product_id), DBI(5));
	snprintf(p, sizeof(p), "%s.ideas", prefix);
	if (rc == 0)
		hdf_rows(h, p, rows);
	db_rows_free(rows);
	snprintf(p, sizeof(p), "%s.unanswered", prefix);
	if (rc == 0)
		rc = insight_unanswered(d, &f, 10, h, p);
	return rc;
}
