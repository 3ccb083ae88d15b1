/* sentiment_fixture.h: the real sentiment model for the unit tests that
 * need one (test_sentiment.c, test_sentiment_abuse.c): the packages that
 * `make deps` installs under node_modules and our lists in cgi/text/lexicon,
 * found from TERTULIA_ROOT (the repository; ../.. by default). Use
 * load_model and free_model as a group's setup and teardown; the model is
 * the group's, in `model`. */
#ifndef TERTULIA_SENTIMENT_FIXTURE_H
#define TERTULIA_SENTIMENT_FIXTURE_H

#include "helpers.h"
#include "text/sentiment.h"

static sentiment_model *model;

static const char *root(void)
{
	const char *r = getenv("TERTULIA_ROOT");

	return r && *r ? r : "../..";
}

static int load_model(void **state)
{
	char nm[1024], dd[1024];
	int rc;

	(void)state;
	snprintf(nm, sizeof(nm), "%s/node_modules", root());
	snprintf(dd, sizeof(dd), "%s/cgi/text/lexicon", root());
	rc = sentiment_load(&model, nm, dd);
	if (rc != 0)
		fprintf(stderr, "sentiment_load(%s, %s) failed: %d (run make deps)\n", nm, dd, rc);
	return rc == 0 ? 0 : -1;
}

static int free_model(void **state)
{
	(void)state;
	sentiment_free(model);
	model = NULL;
	return 0;
}

#endif
