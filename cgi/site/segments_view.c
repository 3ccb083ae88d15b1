/* segments_view.c: the segments as a form offers them (segments_view.h). */
#include "site/segments_view.h"

#include "services/segments.h"

#include <stdio.h>
#include <string.h>

void segments_hdf(request *r, const char *prefix)
{
	segment_list segs;
	size_t i;

	segments_load(&r->app->cfg, &segs);
	for (i = 0; i < segs.n; i++) {
		char key[96], name[160];
		const char *label;

		snprintf(key, sizeof(key), "insights.segment_names.%s", segs.key[i]);
		label = req_text(r, key);
		snprintf(name, sizeof(name), "%s.%zu.key", prefix, i);
		hdf_str(r->hdf, name, segs.key[i]);
		snprintf(name, sizeof(name), "%s.%zu.name", prefix, i);
		hdf_str(r->hdf, name, strcmp(label, key) == 0 ? segs.key[i] : label);
	}
}
