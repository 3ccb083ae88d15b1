/* insight_internal.h: what the files of the insight reads share (the
 * public side is insight_read.h): the rollups' filter, the writers every
 * figure goes through, the days, the series' measures, and the changes
 * of products and categories, which the figures pages and the digest both
 * show. Not for other callers (include insight_read.h). */
#ifndef TERTULIA_INSIGHT_INTERNAL_H
#define TERTULIA_INSIGHT_INTERNAL_H

#include "services/insight_read.h"

#include <stddef.h>
#include <time.h>

/* The filter of every rollup read: a period, and "0 or this", "'' or
 * this" for the category, the product and the segment. */
#define FILTER " day BETWEEN ? AND ? AND (? = 0 OR category_id = ?) AND (? = 0 OR product_id = ?) " \
	"AND (? = '' OR segment = ?)"
#define FILTER_PARAMS(f) DBS((f)->from), DBS((f)->to), DBI((f)->category_id), \
	DBI((f)->category_id), DBI((f)->product_id), DBI((f)->product_id), DBS((f)->segment), \
	DBS((f)->segment)
#define IN10 "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
#define IN20 "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"

/* insight_read.c: the writers. Each sets prefix.name in h; the key is
 * copied, nothing of the caller's is kept. */
void insight_put_int(HDF *h, const char *prefix, const char *name, long long v);
void insight_put_str(HDF *h, const char *prefix, const char *name, const char *v);
/* A number and its text: name (raw, 4 decimals, a number in the JSON
 * twin) and name_text (decimals, in f's language). */
void insight_put_num(HDF *h, const char *prefix, const char *name, double v, int decimals,
		     const insight_filter *f);
/* A change: insight_put_num's, its text with a sign ("+0.12", "-0.30")
 * and its direction (name_dir: up, down or same, as rounded for the
 * text). */
void insight_put_change(HDF *h, const char *prefix, const char *name, double v, int decimals,
			const insight_filter *f);

/* insight_period.c: a day YYYY-MM-DD as the time of its noon (UTC), and
 * the days from a to b. */
time_t insight_day_time(const char *day);
long long insight_days_between(const char *a, const char *b);

/* insight_series.c: the counts and averages of a bucket's measures m
 * (IM_COUNT of them) at prefix; with totals, the rates and times over the
 * period too. */
void insight_measures_hdf(const long long *m, const insight_filter *f, HDF *h, const char *prefix,
			  int totals);

/* insight_themes.c: starts the read of both labels' theme candidates for
 * f ahead, as insight_themes will ask for them. */
void insight_themes_ahead(db *d, const insight_filter *f);

/* insight_changes.c: a product's or a category's figures in the period
 * and in the one before. */
typedef struct insight_change {
	long long id, items, scored, score_sum, rated, rating_sum;
	long long p_scored, p_score_sum, p_rated, p_rating_sum;
	double score, p_score, rating, p_rating, dscore, drating;
	int has_score, has_prev_score, has_rating, has_prev_rating;
} insight_change;

/* The changes of every product (products = 1) or category (0) with
 * content in either period, by id, into *out (NULL when none; the caller
 * frees) and their number into *n. */
int insight_load_changes(db *d, const insight_filter *f, int products, insight_change **out,
			 size_t *n);

/* Names the first n changes (products: sku and name; categories: slug
 * and name) and puts their figures into prefix.N. */
int insight_name_changes(db *d, const insight_filter *f, const insight_change *c, size_t n,
			 int products, HDF *h, const char *prefix);

/* Starts the read of the products' changes for f ahead. */
void insight_products_ahead(db *d, const insight_filter *f);

#endif
