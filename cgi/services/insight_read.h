/* insight_read.h: what the marketing insight pages show, read
 * from the rollups of sql/0050 and a few short indexed look-ups, never by
 * scanning the content. Shared by the insights program and by whoever
 * sends the weekly digest by email (insight_digest).
 *
 * Every function takes a filter (a period of days, and optionally a forum
 * category, a product and a member segment) and fills an HDF subtree under
 * a prefix: raw numbers (for the JSON twin and the CSV export) and, next to
 * each, the text of it in the filter's language ("avg_score_text": "0,42"
 * in Spanish). Names of categories are in that language too. Functions
 * return 0 or an error code of err.h; the HDF may be half filled on error.
 */
#ifndef TERTULIA_INSIGHT_READ_H
#define TERTULIA_INSIGHT_READ_H

#include <ClearSilver.h>
#include "db/db.h"
#include "services/segments.h"

#define INSIGHT_MAX_DAYS 3660   /* ten years */
#define INSIGHT_DEFAULT_DAYS 30

typedef struct insight_filter {
	char from[11], to[11];           /* YYYY-MM-DD, both included */
	char prev_from[11], prev_to[11]; /* the as-long period just before */
	long long days;
	long long category_id, product_id;  /* 0: all */
	char segment[SEGMENT_KEY_MAX + 1];  /* "": all */
	const char *lang;                /* "en" or "es" */
	HDF *texts;                      /* the language file (L.month.N), or NULL */
	long long min_sample;            /* fewer items than this: "small sample" */
	long long dormant_days;          /* a gap this long makes a return a reactivation */
} insight_filter;

/* Whether s is a real calendar day YYYY-MM-DD (1970-2999). */
int insight_valid_day(const char *s);

/* Today's date (UTC) into out. */
void insight_today(char out[11]);

/* Sets f's period: from and to (either may be NULL or "": to defaults to
 * today, from to INSIGHT_DEFAULT_DAYS days before to). E_INVALID when a
 * date is not a real day, from is after to, or the period is longer than
 * INSIGHT_MAX_DAYS. */
int insight_set_period(insight_filter *f, const char *from, const char *to);

/* Day arithmetic on YYYY-MM-DD: out = day + n days. */
void insight_add_days(const char *day, long long n, char out[11]);

/* The measures summed per bucket of time, and over the period. */
enum insight_measure {
	IM_ITEMS, IM_POSTS, IM_REVIEWS, IM_IDEAS, IM_POSITIVE, IM_NEUTRAL, IM_NEGATIVE,
	IM_UNSCORED, IM_SCORE_SUM, IM_RATED, IM_RATING_SUM, IM_STARS1, IM_STARS2, IM_STARS3,
	IM_STARS4, IM_STARS5, IM_VERIFIED, IM_VERIFIED_RATING_SUM, IM_FLAGS, IM_THREADS,
	IM_ANSWERED, IM_SOLVED, IM_REPLY_SECONDS, IM_COUNT
};

enum insight_granularity { IG_DAY, IG_WEEK, IG_MONTH };

typedef struct insight_bucket {
	char start[11];
	char label[32];     /* "12 Nov", "Nov 2026": in the filter's language */
	long long m[IM_COUNT];
} insight_bucket;

typedef struct insight_series {
	int granularity;    /* by the period's length: days, weeks, months */
	size_t n;
	insight_bucket *b;  /* owned */
	long long total[IM_COUNT];
} insight_series;

/* Reads the period's rollups into buckets (days up to 62 days, weeks up to
 * two years, then months). The caller frees with insight_series_free. */
int insight_series_load(db *d, const insight_filter *f, insight_series *out);
void insight_series_free(insight_series *s);

/* Puts the series at prefix.series.N and its totals at prefix.totals:
 * counts, averages and rates with their texts. */
void insight_series_hdf(const insight_series *s, const insight_filter *f, HDF *h,
			const char *prefix);

/* Themes of negative and of positive content, each against the rest,
 * ranked by G², at the prefixes negative and positive (either may be NULL:
 * that label is not read): prefix.{sample,reference,small,min_sample} and
 * prefix.list.N.{phrase,count,share_text,keyness_text,quotes.M.{text,url}},
 * max themes at most. The segment filter does not apply to themes
 * (prefix.all_segments = 1 when one was asked). */
int insight_themes(db *d, const insight_filter *f, size_t max, HDF *h, const char *negative,
		   const char *positive);

/* Starts the longest reads of a figures page ahead (db_select_ahead), for
 * f: both labels' theme candidates, the products' changes (when products
 * is set) and the top ideas, which insight_themes, insight_products and
 * insight_segment_votes then take; read the rest in between.
 * insight_votes_ahead starts the top ideas alone. */
void insight_read_ahead(db *d, const insight_filter *f, int products);
void insight_votes_ahead(db *d, const insight_filter *f);

/* Products by the change of their sentiment (worst first) and rating,
 * against the previous period: prefix.N.{sku,name,items,avg_score,
 * prev_avg_score,score_change,avg_rating,prev_avg_rating,rating_change}
 * with texts. */
int insight_products(db *d, const insight_filter *f, size_t max, HDF *h, const char *prefix);

/* The oldest visible threads of the period without a reply: prefix.N. */
int insight_unanswered(db *d, const insight_filter *f, size_t max, HDF *h, const char *prefix);

/* Ideas per stage now (visible, not merged): prefix.N.{stage,n}. */
int insight_pipeline(db *d, const insight_filter *f, HDF *h, const char *prefix);

/* Flags by reason, moderators' actions and the time to resolve the queue
 * over the period: prefix.{flags.N,actions.N,resolve}. */
int insight_moderation(db *d, const insight_filter *f, HDF *h, const char *prefix);

/* The "6 R" figures: relationship, retention, reactivation, referral,
 * recovery and profitability (with the totals of the series for the last
 * one): prefix.<r>.{...}. */
int insight_six_r(db *d, const insight_filter *f, const insight_series *s, HDF *h,
		  const char *prefix);

/* Idea votes per member segment (insight_votes.c): prefix.total and
 * prefix.segments.N.{key,name,votes,share_text} (the asked segment alone,
 * or every one of segs, then keys no longer configured, then '' named
 * L.insights.votes_no_segment), and the period's five most voted ideas
 * with their votes by segment in the same order:
 * prefix.ideas.N.{id,title,stage,votes,by.M.{key,votes}}. A vote counts
 * under the segment its voter had when voting, while its idea is visible. */
int insight_segment_votes(db *d, const insight_filter *f, const segment_list *segs, HDF *h,
			  const char *prefix);

/* The weekly digest for marketing, the whole community's (base gives the
 * language, texts and thresholds), for the seven days ending on end_day
 * (NULL: today): headline numbers against the week before, the biggest
 * sentiment moves of products and categories, new negative themes, the
 * most voted ideas of the week and the unanswered threads, at prefix. The
 * /insights/digest page shows it; a mail sender can render the same. */
int insight_digest(db *d, const insight_filter *base, const char *end_day, HDF *h,
		   const char *prefix);

#endif
