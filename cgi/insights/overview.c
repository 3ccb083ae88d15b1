/* overview.c: the insight pages: the whole community (/insights), one
 * product (/insights/p/SKU) and one forum category (/insights/c/slug), for
 * a period and the other filters. Everything comes from the rollups and
 * short indexed look-ups (core/insight_read.c). */
#include "insights.h"
#include "../core/err.h"

#include <stdio.h>

static int overview(request *r, const char *fixed_category, const char *fixed_product)
{
	insight_filter f;
	insight_series s;
	int rc = insights_filter(r, &f, fixed_category, fixed_product);

	if (rc == E_INVALID)
		return 400; /* the filter form, with what is wrong */
	if (rc != 0)
		return rc;
	rc = insight_series_load(r->app->db, &f, &s);
	if (rc != 0)
		return rc;
	insight_series_hdf(&s, &f, r->hdf, "d");
	insights_charts(r, &f, &s);
	rc = insight_themes(r->app->db, &f, -1, 8, r->hdf, "d.themes.negative");
	if (rc == 0)
		rc = insight_themes(r->app->db, &f, 1, 8, r->hdf, "d.themes.positive");
	if (rc == 0 && !fixed_product)
		rc = insight_products(r->app->db, &f, 10, r->hdf, "d.products");
	if (rc == 0)
		rc = insight_unanswered(r->app->db, &f, 5, r->hdf, "d.unanswered");
	if (rc == 0)
		rc = insight_pipeline(r->app->db, &f, r->hdf, "d.pipeline");
	if (rc == 0) {
		segment_list segs;
		segments_load(&r->app->cfg, &segs);
		rc = insight_segment_votes(r->app->db, &f, &segs, r->hdf, "d.votes");
	}
	if (rc == 0)
		insights_vote_chart(r, &f);
	if (rc == 0)
		rc = insight_moderation(r->app->db, &f, r->hdf, "d.moderation");
	if (rc == 0)
		rc = insight_six_r(r->app->db, &f, &s, r->hdf, "d.six_r");
	insight_series_free(&s);
	if (rc != 0)
		return rc;
	hdf_str(r->hdf, "d.scope", fixed_product ? "product" : fixed_category ? "category" : "all");
	return 200;
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
