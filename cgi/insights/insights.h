/* insights.h: the insights program's handlers and what they share. The
 * figures come from cgi/services/insight_read.c (the digest's mail sender uses
 * it too); this program reads the filters, draws the charts and answers. */
#ifndef TERTULIA_INSIGHTS_H
#define TERTULIA_INSIGHTS_H

#include "web/app.h"
#include "services/insight_read.h"

/* filter.c: the period, category, product and segment of the query (or
 * of the URL: fixed_category, fixed_product, NULL for none) into f, and the
 * filter form's state and its segments into d.filter and d.options.
 * Returns 0, E_INVALID (a field error is set, and the page template) or
 * E_NOTFOUND (the URL's category or product does not exist). */
int insights_filter(request *r, insight_filter *f, const char *fixed_category,
		    const char *fixed_product);
/* filter.c: the categories and products the filter form offers, into
 * d.options (read only by a page that draws the form). 0 or a db error. */
int insights_options(request *r);

/* charts.c: the four charts of a series into h's d.charts, titled in the
 * request's language. */
void insights_charts(request *r, HDF *h, const insight_filter *f, const insight_series *s);

/* charts.c: the bar chart of h's d.votes.segments into h's d.charts.votes. */
void insights_vote_chart(request *r, HDF *h, const insight_filter *f);

/* overview.c: GET /insights, /insights/p/:s, /insights/c/:s */
int page_insights(request *r);
int page_insights_product(request *r);
int page_insights_category(request *r);

/* export.c: GET /insights/export.csv */
int page_insights_csv(request *r);

/* digest.c: GET /insights/digest */
int page_digest(request *r);

#endif
