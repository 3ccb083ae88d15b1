/* request.c: what a handler asks of its request and tells it (see
 * app.h): the environment, the query, the route's arguments, texts in the
 * request's language, the page number, the nonce, the origin, a redirect,
 * a cookie, a role, and the errors of a form's fields. */
#include "web/app.h"
#include "web/app_internal.h"
#include "base/err.h"
#include "base/paging.h"

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
	const char *p = req_query(r, "page"), *c;
	long long page = 1;

	if (p == NULL || parse_long(p, 1, max, &page) == 0)
		return page;
	/* a page is only ever a link's or a typed address's guess: a number
	 * too large for the list is its end, anything else its beginning */
	for (c = p; *c >= '0' && *c <= '9'; c++)
		;
	return *p && *c == '\0' && strspn(p, "0") < strlen(p) ? max : 1;
}

/* Appends s percent-escaped but for the bytes an address keeps as they
 * are (keep: '/' too, in a path), so that what a person typed comes back
 * the same and cannot end the attribute or the header it is written in. */
static int url_part(strbuf *sb, const char *s, int keep_slash)
{
	static const char hex[] = "0123456789ABCDEF";
	int rc = 0;

	for (; *s && rc == 0; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '.' || c == '_' || c == '~' || (keep_slash && c == '/'))
			rc = strbuf_append(sb, s, 1);
		else
			rc = strbuf_printf(sb, "%%%c%c", hex[c >> 4], hex[c & 15]);
	}
	return rc;
}

int req_here(const request *r, long long page, strbuf *out)
{
	const char *sep = "?";
	size_t i;
	int rc, paged = 0;

	rc = url_part(out, r->path ? r->path : "/", 1);
	if (rc == 0 && r->json_twin)
		rc = strbuf_puts(out, strcmp(r->path, "/") == 0 ? "index.json" : ".json");
	for (i = 0; rc == 0 && i < r->query.n; i++) {
		const kv *q = &r->query.items[i];

		if (q->name[0] == '\0')
			continue;
		if (page > 0 && strcmp(q->name, "page") == 0) {
			if (paged++)
				continue;
			rc = strbuf_printf(out, "%spage=%lld", sep, page);
		} else {
			rc = strbuf_puts(out, sep);
			if (rc == 0)
				rc = url_part(out, q->name, 0);
			if (rc == 0)
				rc = strbuf_puts(out, "=");
			if (rc == 0)
				rc = url_part(out, q->value, 0);
		}
		sep = "&";
	}
	if (rc == 0 && page > 0 && !paged)
		rc = strbuf_printf(out, "%spage=%lld", sep, page);
	return rc;
}

int req_page_past_end(request *r, long long page, long long per, page_probe probe, const void *ctx)
{
	long long lo = 1, hi = page - 1, mid;
	strbuf url = STRBUF_INIT;
	int found, rc;

	/* the last page that has a row: page 1 always counts, even empty */
	while (lo < hi) {
		mid = lo + (hi - lo + 1) / 2;
		found = 0;
		rc = probe(r, ctx, page_offset(mid, per), &found);
		if (rc != 0)
			return rc;
		if (found)
			lo = mid;
		else
			hi = mid - 1;
	}
	rc = req_here(r, lo, &url);
	if (rc == 0)
		rc = req_redirect(r, url.s);
	strbuf_free(&url);
	return rc ? rc : 303;
}

int req_date_text(const request *r, int year, int month, int day, char *out, size_t size)
{
	char key[24];

	if (month < 1 || month > 12)
		return E_INVALID;
	snprintf(key, sizeof(key), "month.%d", month);
	snprintf(out, size, "%d %s %d", day, req_text(r, key), year);
	return 0;
}

void req_day_text(request *r, const char *name, const char *day)
{
	int y = 0, m = 0, d = 0;
	char text[80];

	if (day && sscanf(day, "%d-%d-%d", &y, &m, &d) == 3 &&
	    req_date_text(r, y, m, d, text, sizeof(text)) == 0)
		hdf_str(r->hdf, name, text);
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

int req_raw_rendered(request *r, const char *type, int rc)
{
	if (rc != 0)
		return rc;
	r->raw_type = type;
	return 200;
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
