/* insight_read.c: what the files of the insight reads share (see
 * insight_internal.h): the writers every figure goes through, a number
 * with its text in the filter's language; and the reads a figures page
 * starts ahead. The figures themselves: the period's days in
 * insight_period.c, the series in insight_series.c, themes in
 * insight_themes.c, products and categories against the previous period
 * in insight_changes.c, unanswered threads, ideas by stage and moderation
 * in insight_backlog.c, the 6 R figures in insight_relationship.c, votes
 * by segment in insight_votes.c and the weekly digest in
 * insight_digest.c. */
#include "services/insight_internal.h"
#include "base/hdf.h"
#include "text/chart.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static void set_text(HDF *h, const char *prefix, const char *name, double v, int decimals,
		     const insight_filter *f)
{
	char key[320], text[48];

	chart_format(text, sizeof(text), v, decimals, f->lang);
	snprintf(key, sizeof(key), "%s.%s", prefix, name);
	hdf_str(h, key, text);
}

void insight_put_int(HDF *h, const char *prefix, const char *name, long long v)
{
	char key[320];

	snprintf(key, sizeof(key), "%s.%s", prefix, name);
	hdf_int(h, key, v);
}

void insight_put_str(HDF *h, const char *prefix, const char *name, const char *v)
{
	char key[320];

	snprintf(key, sizeof(key), "%s.%s", prefix, name);
	hdf_str(h, key, v);
}

/* The number as the JSON twin publishes it, 4 decimals. The text is
 * rounded from this, not from the full value: otherwise 0.08496 would be
 * published as 0.0850 and written as 0.08 beside it. */
static double published(double v, char *raw, size_t size)
{
	snprintf(raw, size, "%.4f", v);
	return strtod(raw, NULL);
}

/* A number and its text: name (raw, 4 decimals) and name_text. */
void insight_put_num(HDF *h, const char *prefix, const char *name, double v, int decimals,
		     const insight_filter *f)
{
	char key[320], raw[48], tname[80];

	v = published(v, raw, sizeof(raw));
	snprintf(key, sizeof(key), "%s.%s", prefix, name);
	hdf_str(h, key, raw);
	{
		NEOERR *err = hdf_set_attr(h, key, "t", "n"); /* a number in the JSON twin */
		nerr_ignore(&err);
	}
	snprintf(tname, sizeof(tname), "%s_text", name);
	set_text(h, prefix, tname, v, decimals, f);
}

/* A change: its number, its text with a sign ("+0.12", "-0.30") and its
 * direction (name_dir: up, down or same, as rounded for the text). */
void insight_put_change(HDF *h, const char *prefix, const char *name, double v, int decimals,
			const insight_filter *f)
{
	char key[320], raw[48], text[48], signed_text[52];
	double unit = pow(10, -decimals) / 2;

	insight_put_num(h, prefix, name, v, decimals, f);
	v = published(v, raw, sizeof(raw));
	chart_format(text, sizeof(text), v, decimals, f->lang);
	snprintf(signed_text, sizeof(signed_text), "%s%s", v >= unit ? "+" : "", text);
	snprintf(key, sizeof(key), "%s.%s_text", prefix, name);
	hdf_str(h, key, signed_text);
	snprintf(key, sizeof(key), "%s.%s_dir", prefix, name);
	hdf_str(h, key, v >= unit ? "up" : v <= -unit ? "down" : "same");
}

void insight_read_ahead(db *d, const insight_filter *f, int products)
{
	insight_themes_ahead(d, f);
	if (products)
		insight_products_ahead(d, f);
	insight_votes_ahead(d, f);
}
