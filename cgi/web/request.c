/* request.c: what a handler asks of its request and tells it (see
 * app.h): the environment, the query, the route's arguments, texts in the
 * request's language, the page number, the nonce, the origin, a redirect,
 * a cookie, a role, and the errors of a form's fields. */
#include "web/app.h"
#include "web/app_internal.h"
#include "base/err.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *req_env(const request *r, const char *name)
{
	size_t n = strlen(name);
	char **e;

	for (e = r->env; e && *e; e++)
		if (strncmp(*e, name, n) == 0 && (*e)[n] == '=')
			return *e + n + 1;
	return NULL;
}

const char *req_query(const request *r, const char *name)
{
	return kv_get(&r->query, name);
}

long long req_arg_id(const request *r, int i)
{
	long long v = 0;

	if (i < 0 || i >= ROUTE_ARGS || r->args[i] == NULL ||
	    parse_long(r->args[i], 1, (1LL << 53), &v) != 0)
		return 0;
	return v;
}

HDF *app_lang_hdf(const request *r)
{
	return r->app->lang[strcmp(r->lang, "es") == 0 ? 1 : 0];
}

const char *req_text(const request *r, const char *key)
{
	char name[200];

	snprintf(name, sizeof(name), "L.%s", key);
	return hdf_get_value(app_lang_hdf(r), name, key);
}

long long req_page(const request *r, long long max)
{
	const char *p = req_query(r, "page");
	long long page = 1;

	if (p && *p && parse_long(p, 1, max, &page) != 0)
		return E_INVALID;
	return page;
}

void req_nonce(request *r)
{
	unsigned char raw[16];
	char hex[33];
	const char *sent = hdf_get_value(r->hdf, "form.nonce", NULL);

	if (sent != NULL) {
		hdf_str(r->hdf, "nonce", sent);
		return;
	}
	randombytes_buf(raw, sizeof(raw));
	hex_encode(raw, sizeof(raw), hex);
	hdf_str(r->hdf, "nonce", hex);
}

void req_origin(const request *r, char *out, size_t size)
{
	const char *host = req_env(r, "HTTP_HOST");
	const char *port = req_env(r, "SERVER_PORT");
	const char *scheme = r->app->https ? "https" : "http";

	if (r->app->origin)
		snprintf(out, size, "%s", r->app->origin);
	else if (host && !strchr(host, ':') && port && strcmp(port, r->app->https ? "443" : "80") != 0)
		/* nginx's $host has no port: add the one the request came to */
		snprintf(out, size, "%s://%s:%s", scheme, host, port);
	else
		snprintf(out, size, "%s://%s", scheme, host ? host : "localhost");
}

int req_redirect(request *r, const char *url)
{
	free(r->location);
	r->location = strdup(url);
	return r->location ? 0 : E_NOMEM;
}

int req_set_cookie(request *r, const char *name, const char *value, long long max_age)
{
	int rc = strbuf_printf(&r->headers, "Set-Cookie: %s=%s; Path=/; HttpOnly; SameSite=Lax%s",
			       name, value ? value : "", r->app->https ? "; Secure" : "");

	if (rc == 0 && value == NULL)
		rc = strbuf_puts(&r->headers, "; Max-Age=0");
	else if (rc == 0 && max_age >= 0)
		rc = strbuf_printf(&r->headers, "; Max-Age=%lld", max_age);
	return rc ? rc : strbuf_puts(&r->headers, "\r\n");
}

int user_has(const user *u, unsigned roles)
{
	return (u->roles & roles) != 0;
}

/* Replaces "{n}" in text with n. */
static void format_message(char *out, size_t size, const char *text, long long n)
{
	const char *mark = strstr(text, "{n}");

	if (mark == NULL)
		snprintf(out, size, "%s", text);
	else
		snprintf(out, size, "%.*s%lld%s", (int)(mark - text), text, n, mark + 3);
}

void req_field_error(request *r, const char *field, const char *msgkey, long long n)
{
	char name[128], msg[512];

	format_message(msg, sizeof(msg), req_text(r, msgkey), n);
	snprintf(name, sizeof(name), "errors.%s", field);
	hdf_str(r->hdf, name, msg);
	r->invalid = 1;
}
