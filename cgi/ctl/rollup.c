/* rollup.c: `tertuliactl rollup`: rebuilds the insight
 * rollups from scratch, scoring first the content that was stored unscored
 * (written while a program had no lexicons, or bulk-loaded). The demo
 * loader ends with it too. The lexicons are found as the programs find
 * them: sentiment.lexicon_dir and sentiment.domain_dir. */
#include "ctl.h"
#include "base/err.h"
#include "services/rollup.h"
#include "text/sentiment.h"

#include <stdio.h>

int ctl_rollup(db *d, const config *cfg)
{
	const char *lex = config_get(cfg, "sentiment.lexicon_dir", "node_modules");
	const char *dom = config_get(cfg, "sentiment.domain_dir", "cgi/text/lexicon");
	const sentiment_model *before = rollup_model();
	sentiment_model *m = NULL;
	rollup_stats st;
	int rc;

	if (before == NULL) {
		if (sentiment_load(&m, lex, dom) != 0) {
			fprintf(stderr, "rollup: no sentiment lexicons (run make deps): unscored content "
				"stays unscored\n");
			m = NULL;
		}
		rollup_set_model(m);
	}
	rc = rollup_rebuild(d, &st);
	rollup_set_model(before);
	sentiment_free(m);
	if (rc != 0) {
		fprintf(stderr, "rollup failed: %s\n", err_name(rc));
		return 1;
	}
	printf("rollups rebuilt: %lld items on %lld days (%lld scored now), %lld theme rows, "
	       "%lld member-days\n", st.items, st.days, st.scored, st.themes, st.members);
	return 0;
}
