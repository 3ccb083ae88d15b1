/* fuzz_request.c: everything a request's bytes pass through before a
 * handler sees them: query strings and form bodies, cookies, percent
 * decoding, UTF-8 checks, the declared-field validators and route matching.
 * Besides not crashing, it checks what the parsers promise. */
#include "base/err.h"
#include "web/form.h"
#include "base/kv.h"
#include "web/route.h"
#include "base/str.h"
#include "base/utf8.h"

#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const field_spec spec[] = {
	{ "title", F_LINE, 3, 150, 1, NULL },
	{ "body", F_TEXT, 1, 20000, 1, NULL },
	{ "rating", F_INT, 1, 5, 0, NULL },
	{ "username", F_USERNAME, 3, 30, 0, NULL },
	{ "email", F_EMAIL, 3, 254, 0, NULL },
	{ "reason", F_ENUM, 0, 0, 0, "spam|abuse|off_topic|other" },
	{ "category", F_SLUG, 1, 60, 0, NULL },
	FIELDS_END
};

static const char *const patterns[] = { "/", "/t/:id", "/t/:id/:s", "/u/:s", "/mod/item/:s/:id" };

static void no_error(void *ctx, const char *field, const char *msgkey, long long n)
{
	(void)field;
	(void)n;
	assert(msgkey != NULL);
	++*(int *)ctx;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	kvlist form = KVLIST_INIT, cookies = KVLIST_INIT;
	form_values in;
	char *args[ROUTE_ARGS];
	size_t i, len;
	int errors = 0, problems;

	if (text == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	if (kv_parse_urlencoded(&form, text, size) == 0) {
		assert(form.n <= KV_MAX_PAIRS);
		problems = form_validate(spec, &form, &in, no_error, &errors);
		assert(problems == errors);
		/* a value that passed is valid UTF-8 without NUL bytes */
		for (i = 0; spec[i].name; i++)
			if (in.v[i])
				assert(utf8_check(in.v[i], strlen(in.v[i]), 1) == UTF8_OK);
	}
	kv_parse_cookies(&cookies, text);
	free(url_decode(text, size, 1, &len));
	{
		char *clean = utf8_sanitize(text, size);
		if (clean)
			assert(utf8_check(clean, strlen(clean), 1) == UTF8_OK);
		free(clean);
	}
	for (i = 0; i < sizeof(patterns) / sizeof(patterns[0]); i++) {
		if (route_match(patterns[i], text, args) == 1) {
			int k;
			for (k = 0; k < ROUTE_ARGS; k++)
				free(args[k]);
		}
	}
	{
		char slug[81];
		slugify(text, slug, sizeof(slug));
		assert(strlen(slug) > 0 && strlen(slug) < sizeof(slug));
	}
	kv_free(&form);
	kv_free(&cookies);
	free(text);
	return 0;
}
