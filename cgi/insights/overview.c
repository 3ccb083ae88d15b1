/* overview.c: the insight pages: the whole community (/insights), one
 * product (/insights/p/SKU) and one forum category (/insights/c/slug), for
 * a period and the other filters. Everything comes from the rollups and
 * short indexed look-ups (services/insight_read.c). */
#include "insights.h"
#include "base/err.h"
#include "base/page_cache.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Figures that took at least insights.cache_after_ms to read (20 ms: a
 * large community's) are kept by the worker for insights.cache_seconds (60;
 * 0: never), keyed by the filter and the language; those of a small
 * community are read on every view. The page says how old kept figures are.
 * The cache holds no request's data: the same filter shows the same figures
 * to every marketing member, and the role is checked before this runs.
 *
 * With the figures, the part of the page they draw (the filter form and
 * everything below it, insights/figures.cs) is kept as HTML once a page has
 * been asked for: drawing it was most of a kept page's cost (a tree of a
 * few thousand values copied, walked and freed on every view). It reads
 * nothing but the figures, the filter and the language, which the key
 * holds; the form's lists of categories and products are as old as the
 * figures. */
#define CACHE_ENTRIES 16
static page_cache *figures_cache;

/* A cache entry: the figures (under d; "at": when they were read) and
 * their part of the page, NULL until an HTML page asked for it. */
typedef struct {
	HDF *tree;
	char *html;
} kept_figures;

static void kept_figures_drop(void *value)
{
	kept_figures *k = value;

	hdf_destroy(&k->tree);
	free(k->html);
	free(k);
}

/* Reads the page's figures for f into h, under d. The three longest
 * reads, the theme candidates, the products' changes and the top ideas,
 * are started first on side connections and taken last: the server runs
 * them while this connection reads the rest. */
static int read_figures(request *r, const insight_filter *f, int with_products, HDF *h)
{
	db *d = r->app->db;
	insight_series s;
	int rc;

	insight_read_ahead(d, f, with_products);
	rc = insight_series_load(d, f, &s);
	if (rc != 0)
		return rc;
	insight_series_hdf(&s, f, h, "d");
	insights_charts(r, h, f, &s);
	rc = insight_unanswered(d, f, 5, h, "d.unanswered");
	if (rc == 0)
		rc = insight_pipeline(d, f, h, "d.pipeline");
	if (rc == 0)
		rc = insight_moderation(d, f, h, "d.moderation");
	if (rc == 0)
		rc = insight_six_r(d, f, &s, h, "d.six_r");
	if (rc == 0)
		rc = insight_themes(d, f, 8, h, "d.themes.negative", "d.themes.positive");
	if (rc == 0 && with_products)
		rc = insight_products(d, f, 10, h, "d.products");
	if (rc == 0) {
		segment_list segs;
		segments_load(&r->app->cfg, &segs);
		rc = insight_segment_votes(d, f, &segs, h, "d.votes");
	}
	if (rc == 0)
		insights_vote_chart(r, h, f);
	insight_series_free(&s);
	return rc;
}

/* An empty HDF tree (the caller destroys it), or NULL when out of memory. */
static HDF *new_tree(void)
{
	HDF *h = NULL;
	NEOERR *err = hdf_init(&h);

	if (err == STATUS_OK)
		return h;
	nerr_ignore(&err);
	return NULL;
}

/* Copies the figures of h (its d) into the request's d, with the lists
 * the filter form offers. */
static int show_figures(request *r, HDF *h)
{
	NEOERR *err = hdf_copy(r->hdf, "d", hdf_get_obj(h, "d"));

	if (err != STATUS_OK) {
		nerr_ignore(&err);
		return E_NOMEM;
	}
	return insights_options(r);
}

/* Draws the figures' part of the page from the request's data (the
 * figures and the form are in it) into k->html. Best effort: when it
 * cannot, every view draws it. */
static void keep_html(request *r, kept_figures *k)
{
	strbuf sb = STRBUF_INIT;
	size_t lead = 0;

	if (req_render(r, "insights/kept", &sb) == 0 && sb.s) {
		/* the lines the macro files leave before the part */
		while (lead < sb.len && (sb.s[lead] == '\n' || sb.s[lead] == ' '))
			lead++;
		k->html = strdup(sb.s + lead);
	}
	strbuf_free(&sb);
}

/* Answers from kept figures: an HTML page takes their drawn part as it is;
 * the JSON twin copies them, and so does the first HTML page after the
 * twin kept them, which draws the part to keep as well. */
static int show_kept(request *r, kept_figures *k, time_t now)
{
	int rc;

	hdf_int(r->hdf, "d.figures_age", now - hdf_get_int_value(k->tree, "at", now));
	if (r->wants_json || k->html == NULL) {
		rc = show_figures(r, k->tree);
		if (rc == 0 && !r->wants_json)
			keep_html(r, k);
		return rc ? rc : 200;
	}
	hdf_str(r->hdf, "d.scope", hdf_get_value(k->tree, "d.scope", "all"));
	hdf_str(r->hdf, "figures_html", k->html);
	return 200;
}

static int overview(request *r, const char *fixed_category, const char *fixed_product)
{
	const char *scope = fixed_product ? "product" : fixed_category ? "category" : "all";
	long long ttl = config_int(&r->app->cfg, "insights.cache_seconds", 60);
	insight_filter f;
	char key[200];
	time_t now = time(NULL);
	long long start;
	kept_figures *k;
	HDF *h = NULL;
	int rc = insights_filter(r, &f, fixed_category, fixed_product);

	if (rc == E_INVALID) {
		/* the filter form, with what is wrong */
		rc = insights_options(r);
		return rc ? rc : 400;
	}
	if (rc != 0)
		return rc;
	snprintf(key, sizeof(key), "%s|%s|%s|%s|%lld|%lld|%s", scope, f.lang, f.from, f.to,
		 f.category_id, f.product_id, f.segment);
	if (ttl > 0 && figures_cache == NULL)
		figures_cache = page_cache_new(CACHE_ENTRIES, (int)ttl);
	k = figures_cache ? page_cache_get_value(figures_cache, key, now) : NULL;
	if (k)
		return show_kept(r, k, now);
	h = new_tree();
	if (h == NULL)
		return E_NOMEM;
	start = monotonic_ms();
	rc = read_figures(r, &f, fixed_product == NULL, h);
	hdf_str(h, "d.scope", scope);
	if (rc == 0)
		rc = show_figures(r, h);
	if (rc == 0 && figures_cache &&
	    monotonic_ms() - start >= config_int(&r->app->cfg, "insights.cache_after_ms", 20) &&
	    (k = calloc(1, sizeof(*k))) != NULL) {
		hdf_int(h, "at", now);
		k->tree = h;
		/* this page is drawn whole, as an uncached one; the kept part is
		 * drawn apart, for the views to come */
		if (!r->wants_json)
			keep_html(r, k);
		page_cache_put_value(figures_cache, key, k, kept_figures_drop, now);
		return 200;
	}
	hdf_destroy(&h);
	return rc ? rc : 200;
}

int page_insights(request *r)
{
	hdf_str(r->hdf, "d.action", "/insights");
	return overview(r, NULL, NULL);
}

int page_insights_product(request *r)
{
	hdf_strf(r->hdf, "d.action", "/insights/p/%s", r->args[0]);
	return overview(r, NULL, r->args[0]);
}

int page_insights_category(request *r)
{
	hdf_strf(r->hdf, "d.action", "/insights/c/%s", r->args[0]);
	return overview(r, r->args[0], NULL);
}
