/* feedback.c: the message an action leaves for the page it leads to (see
 * feedback.h). */
#include "web/feedback.h"
#include "web/app_internal.h"
#include "web/token.h"
#include "base/err.h"
#include "base/log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define TOKEN_FEEDBACK "said"
/* Room in a payload for the key, once the '.' and the time are added. */
#define KEY_MAX 32

/* A key is words of [a-z0-9_] joined by '.', as the language files name
 * them; in the token '_' becomes '-', which a payload may hold. */
static int key_ok(const char *key)
{
	size_t n = strlen(key);

	if (n == 0 || n > KEY_MAX || key[0] == '.' || key[n - 1] == '.')
		return 0;
	return strspn(key, "abcdefghijklmnopqrstuvwxyz0123456789_.") == n;
}

static const char *said_text(const request *r, const char *key)
{
	char name[64];

	snprintf(name, sizeof(name), "L.said.%s", key);
	return hdf_get_value(app_lang_hdf(r), name, NULL);
}

int req_said(request *r, const char *key)
{
	if (!key_ok(key) || said_text(r, key) == NULL) {
		log_error("%s %s: no message L.said.%s", r->method, r->path, key);
		return E_INVALID;
	}
	snprintf(r->said, sizeof(r->said), "%s", key);
	return 0;
}

const char *feedback_text(const request *r)
{
	return r->said[0] ? said_text(r, r->said) : NULL;
}

int feedback_pending(const request *r)
{
	return kv_find(&r->cookies, FEEDBACK_COOKIE) != NULL;
}

int feedback_send(request *r)
{
	/* larger than a payload may be: token_sign refuses one too long */
	char payload[sizeof(r->said) + 32], token[TOKEN_MAX], *c;
	int rc;

	if (r->said[0] == '\0')
		return 0;
	snprintf(payload, sizeof(payload), "%s.%lld", r->said,
		 (long long)time(NULL) + FEEDBACK_SECONDS);
	for (c = payload; *c; c++)
		if (*c == '_')
			*c = '-';
	rc = token_sign(r->app->secret, TOKEN_FEEDBACK, payload, token);
	return rc ? rc : req_set_cookie(r, FEEDBACK_COOKIE, token, FEEDBACK_SECONDS);
}

void feedback_take(request *r)
{
	const char *sent = kv_get(&r->cookies, FEEDBACK_COOKIE);
	char payload[TOKEN_PAYLOAD_MAX + 1], *dot, *end, *c;
	const char *text;
	long long until;

	if (sent == NULL)
		return;
	/* shown once: whatever it holds, this page is the one that uses it */
	req_set_cookie(r, FEEDBACK_COOKIE, NULL, 0);
	if (token_verify(r->app->secret, TOKEN_FEEDBACK, sent, payload) != 0)
		return;
	dot = strrchr(payload, '.');
	if (dot == NULL)
		return;
	*dot = '\0';
	until = strtoll(dot + 1, &end, 10);
	if (*end != '\0' || until < (long long)time(NULL))
		return;
	for (c = payload; *c; c++)
		if (*c == '-')
			*c = '_';
	if (key_ok(payload) && (text = said_text(r, payload)) != NULL)
		hdf_str(r->hdf, "said", text);
}
