/* fuzz_sentiment.c: the sentiment tokenizer and scorer on any bytes
 * (invalid UTF-8, NULs, huge words). The score must stay in [-1, 1], the
 * label must agree with it and the language must be "en" or "es". The
 * lexicons come from node_modules, as for the programs. */
#include "text/sentiment.h"

#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static sentiment_model *model;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *root = getenv("TERTULIA_ROOT");
	char lex[1024], domain[1024];

	(void)argc;
	(void)argv;
	snprintf(lex, sizeof(lex), "%s/node_modules", root ? root : ".");
	snprintf(domain, sizeof(domain), "%s/cgi/text/lexicon", root ? root : ".");
	if (sentiment_load(&model, lex, domain) != 0) {
		fprintf(stderr, "fuzz_sentiment: lexicons missing (make deps)\n");
		exit(1);
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	sentiment_result r;

	if (sentiment_score(model, (const char *)data, size, &r) != 0)
		return 0;
	assert(r.score >= -1.0 && r.score <= 1.0);
	assert(strcmp(r.lang, "en") == 0 || strcmp(r.lang, "es") == 0);
	if (r.label == SENTIMENT_POSITIVE)
		assert(r.score >= SENTIMENT_THRESHOLD);
	if (r.label == SENTIMENT_NEGATIVE)
		assert(r.score <= -SENTIMENT_THRESHOLD);
	return 0;
}
