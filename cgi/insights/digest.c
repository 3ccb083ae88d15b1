/* digest.c: GET /insights/digest: the weekly digest for marketing (the
 * seven days ending on ?to=, today by default): the biggest sentiment
 * moves, new negative themes, the most voted ideas and the unanswered
 * threads. Its JSON twin, or insight_digest() itself, is what a mail
 * sender renders. */
#include "insights.h"
#include "base/err.h"

#include <string.h>

int page_digest(request *r)
{
	insight_filter f;
	const char *to = req_query(r, "to");
	int rc;

	memset(&f, 0, sizeof(f));
	f.lang = r->lang;
	f.texts = r->app->lang[strcmp(r->lang, "es") == 0 ? 1 : 0];
	f.min_sample = config_int(&r->app->cfg, "insights.min_sample", 30);
	f.dormant_days = config_int(&r->app->cfg, "insights.dormant_days", 90);
	r->template = "insights/digest";
	if (to && *to && !insight_valid_day(to)) {
		req_field_error(r, "to", "insights.err.dates", INSIGHT_MAX_DAYS);
		hdf_str(r->hdf, "error.reason", req_text(r, "insights.err.filters"));
		return 400;
	}
	rc = insight_digest(r->app->db, &f, to, r->hdf, "d.digest");
	if (rc != 0)
		return rc;
	req_day_text(r, "d.digest.from_text", hdf_get_value(r->hdf, "d.digest.from", NULL));
	req_day_text(r, "d.digest.to_text", hdf_get_value(r->hdf, "d.digest.to", NULL));
	return 200;
}
