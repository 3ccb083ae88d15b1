/* gate.c: the checks a request passes before its handler runs (see
 * app.h): the path and whether it asks for a JSON twin, the cookies, the
 * language, the query, the route, the body of a POST, the session, the
 * role, the Origin and CSRF token, the silence, and the route's declared
 * fields; then the handler, or a visitor's page kept from a moment ago.
 * The gate is the one place that reads the raw form (r->form): handlers
 * read r->in, the declared fields it validated. */
#include "web/app.h"
#include "web/app_internal.h"
#include "base/err.h"
#include "base/log.h"
#include "base/utf8.h"
#include "web/feedback.h"
#include "web/route.h"
#include "web/session.h"

#include <fcgiapp.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* ------------------------------------------------------------ the gate */

static void on_field_error(void *ctx, const char *field, const char *msgkey, long long n)
{
	req_field_error(ctx, field, msgkey, n);
}

/* Picks the language: the member's setting, a chosen cookie, the browser's
 * Accept-Language (first of en/es by quality order of appearance), English. */
static const char *pick_lang(const request *r)
{
	const char *c = kv_get(&r->cookies, "tertulia_lang");
	const char *al = req_env(r, "HTTP_ACCEPT_LANGUAGE");
	const char *p;

	if (strcmp(r->user.lang, "es") == 0 || strcmp(r->user.lang, "en") == 0)
		return strcmp(r->user.lang, "es") == 0 ? "es" : "en";
	if (c && (strcmp(c, "es") == 0 || strcmp(c, "en") == 0))
		return strcmp(c, "es") == 0 ? "es" : "en";
	for (p = al; p && *p;) {
		while (*p == ' ' || *p == ',')
			p++;
		if (ascii_ncasecmp(p, "es", 2) == 0 && (p[2] == '\0' || strchr(",;-_ ", p[2])))
			return "es";
		if (ascii_ncasecmp(p, "en", 2) == 0 && (p[2] == '\0' || strchr(",;-_ ", p[2])))
			return "en";
		p = strchr(p, ',');
	}
	return "en";
}

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* Sets r->path, r->json_twin from the request URI. */
static int parse_path(request *r)
{
	const char *uri = req_env(r, "DOCUMENT_URI");
	size_t n;

	if (uri == NULL)
		uri = req_env(r, "SCRIPT_NAME");
	if (uri == NULL || uri[0] != '/')
		return E_INVALID;
	if (utf8_check(uri, strlen(uri), 0) != UTF8_OK)
		return E_INVALID;
	r->path = strdup(uri);
	if (r->path == NULL)
		return E_NOMEM;
	n = strlen(r->path);
	if (n > 1 && r->path[n - 1] == '/')
		r->path[--n] = '\0'; /* "/c/news/" is "/c/news" */
	if (ends_with(r->path, ".json") && n > 5) {
		r->json_twin = 1;
		r->path[n - 5] = '\0';
		if (strcmp(r->path, "/index") == 0)
			strcpy(r->path, "/");
	}
	return 0;
}

static int read_body(request *r)
{
	const char *cl = req_env(r, "CONTENT_LENGTH");
	const char *ct = req_env(r, "CONTENT_TYPE");
	long long len = 0;
	char *body;
	int got;

	if (cl && *cl && parse_long(cl, 0, 1LL << 40, &len) != 0)
		return E_INVALID;
	if ((size_t)len > r->app->body_limit)
		return E_TOOBIG;
	if (len == 0)
		return 0;
	body = malloc((size_t)len + 1);
	if (body == NULL)
		return E_NOMEM;
	got = r->fx ? FCGX_GetStr(body, (int)len, r->fx->in) : 0;
	if (got != len) {
		free(body);
		return E_INVALID;
	}
	body[len] = '\0';
	r->body = body;
	r->body_len = (size_t)len;
	if (ct && ascii_ncasecmp(ct, "application/x-www-form-urlencoded", 33) != 0)
		return (r->route->flags & R_API) ? 0 : E_INVALID;
	return kv_parse_urlencoded(&r->form, body, (size_t)len);
}

/* Puts what every page shows into the HDF: language, who is logged in,
 * the CSRF token, the current path, and the address with its query. */
static void fill_common(request *r)
{
	HDF *h = r->hdf;

	strbuf here = STRBUF_INIT;

	char origin[512];

	hdf_str(h, "lang", r->lang);
	hdf_str(h, "path", r->path);
	/* for the addresses a page gives of itself to other sites (its
	 * canonical address, link previews) */
	req_origin(r, origin, sizeof(origin));
	hdf_str(h, "origin", origin);
	/* where the language switch comes back to: this page with its query
	 * (a search, a sort, a page), unless too long for the switch's field */
	if (req_here(r, 0, &here) == 0 && here.len <= HERE_MAX)
		hdf_str(h, "here", here.s);
	else
		hdf_str(h, "here", r->path);
	strbuf_free(&here);
	hdf_str(h, "csrf", r->csrf);
	if (r->user.id) {
		hdf_int(h, "me.id", r->user.id);
		hdf_str(h, "me.name", r->user.name);
		if (r->user.roles & ROLE_MODERATOR)
			hdf_int(h, "me.roles.moderator", 1);
		if (r->user.roles & ROLE_STAFF)
			hdf_int(h, "me.roles.staff", 1);
		if (r->user.roles & ROLE_MARKETING)
			hdf_int(h, "me.roles.marketing", 1);
		if (r->user.roles & ROLE_ADMIN)
			hdf_int(h, "me.roles.admin", 1);
		if (r->user.silenced_until)
			hdf_int(h, "me.silenced_until", r->user.silenced_until);
	}
}

/* Keeps what the person typed (never passwords), so a refused form can be
 * shown again as it was. */
static void keep_form(request *r)
{
	const field_spec *f;
	char name[128];

	for (f = r->route->fields; f && f->name; f++) {
		const kv *item = kv_find(&r->form, f->name);
		char *clean;

		if (item == NULL || f->kind == F_PASSWORD)
			continue;
		clean = utf8_sanitize(item->value, item->value_len);
		snprintf(name, sizeof(name), "form.%s", f->name);
		hdf_str(r->hdf, name, clean);
		free(clean);
	}
}

/* ------------------------------------------------------- the visitor cache */

/* Everything a visitor's page depends on: language, path, query, whether
 * it is the JSON twin or HTML, and the origin its links are made with (the
 * Host header when public_origin is not set: a page asked for with another
 * Host must not be served to anyone else). NULL when out of memory. */
static char *kept_key(const request *r)
{
	const char *qs = req_env(r, "QUERY_STRING");
	strbuf sb = STRBUF_INIT;
	char origin[256];

	req_origin(r, origin, sizeof(origin));
	if (strbuf_printf(&sb, "%s|%d%d|%s|%s?%s", r->lang, r->json_twin, r->wants_json, origin,
			  r->path, qs ? qs : "") != 0) {
		strbuf_free(&sb);
		return NULL;
	}
	return strbuf_detach(&sb);
}

int app_kept_seconds(const app *a)
{
	long long ttl = config_int(&a->cfg, "cache.visitor_seconds", 1);

	return ttl <= 0 ? 0 : ttl > 3600 ? 3600 : (int)ttl;
}

int app_own_write_seconds(const app *a)
{
	long long s = config_int(&a->cfg, "cache.own_write_seconds", 5);

	return s <= 0 ? 0 : s > 3600 ? 3600 : (int)s;
}

const visitor_stamp *req_changes_stamp(request *r)
{
	if (!r->kept_stamp_read) {
		visitor_stamp_read(r->app->changes_file, &r->kept_stamp);
		r->kept_stamp_read = 1;
	}
	return &r->kept_stamp;
}

/* For a visitor's GET of a route whose pages may be kept: 1 with the kept
 * page in r->kept_page; else 0, with r->kept_key and r->kept_stamp set when
 * the page is to be kept once drawn. Best effort: out of memory, the page
 * is drawn and not kept. */
static int visitor_kept(request *r)
{
	app *a = r->app;
	int ttl;

	/* a message waiting for its page: a kept page would not show it, and
	 * the page that does must not be kept for others */
	if (!(r->route->flags & R_VISITORS_KEPT) || r->user.id != 0 || r->own_write ||
	    feedback_pending(r) || strcmp(r->method, "POST") == 0 ||
	    strlen(r->csrf) != VISITOR_TOKEN_LEN)
		return 0;
	if ((ttl = app_kept_seconds(a)) == 0)
		return 0;
	if (a->visitors == NULL)
		a->visitors = visitor_cache_new((size_t)config_int(&a->cfg, "cache.visitor_pages", 64),
						ttl);
	if (a->visitors == NULL || (r->kept_key = kept_key(r)) == NULL)
		return 0;
	/* read before drawing: a write during the drawing makes the page old */
	r->kept_page = visitor_cache_get(a->visitors, r->kept_key, time(NULL), req_changes_stamp(r));
	return r->kept_page != NULL;
}

/* Forgets what a handler's attempt answered (headers after the first
 * `headers` bytes, a redirect, a raw body), before it runs again. */
static void forget_answer(request *r, size_t headers)
{
	r->headers.len = headers;
	if (r->headers.s)
		r->headers.s[headers] = '\0';
	r->raw.len = 0;
	if (r->raw.s)
		r->raw.s[0] = '\0';
	r->raw_type = NULL;
	free(r->location);
	r->location = NULL;
	r->created_id = 0;
	r->said[0] = '\0';
}

/* Seconds since start (CLOCK_MONOTONIC). */
static double seconds_since(const struct timespec *start)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - start->tv_sec) + (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

/* Runs a POST's handler, again when the database rolled its transaction
 * back for a reason that passes (a deadlock, a cluster's conflict: E_RETRY),
 * up to POST_ATTEMPTS times, after a short random wait that grows (writers
 * that met on a row should not meet again): the person sees one answer.
 * No attempt starts once db.timeout has passed since the first, so that an
 * answer takes at most about twice that.
 * Running it again is safe: nothing of the attempt stayed, and a form that
 * makes something carries a nonce, so that an attempt whose COMMIT did
 * reach the database is found, not made twice. */
#define POST_ATTEMPTS 8
static int run_post(request *r, size_t headers)
{
	double budget = (double)config_int(&r->app->cfg, "db.timeout", DB_TIMEOUT);
	struct timespec start;
	int attempt, rc = 0;

	clock_gettime(CLOCK_MONOTONIC, &start);
	for (attempt = 1; attempt <= POST_ATTEMPTS; attempt++) {
		rc = r->route->fn(r);
		if (rc != E_RETRY)
			break;
		db_rollback_all(r->app->db);
		forget_answer(r, headers);
		if (attempt < POST_ATTEMPTS && budget > 0 && seconds_since(&start) >= budget)
			break;
		if (attempt < POST_ATTEMPTS) {
			log_info("%s %s: attempt %d rolled back; again", r->method, r->route->pattern,
				 attempt);
			usleep((useconds_t)(randombytes_uniform(20000) + 5000) * (useconds_t)attempt);
		}
	}
	if (r->app->hooks && r->app->hooks->after_post)
		r->app->hooks->after_post(r->app);
	if (rc == E_RETRY) {
		hdf_str(r->hdf, "error.reason", req_text(r, "err.busy"));
		return E_DBDOWN;
	}
	if (rc == E_DBDOWN && db_commit_unknown(r->app->db))
		hdf_str(r->hdf, "error.reason", req_text(r, "err.unknown_commit"));
	return rc;
}

/* Runs the route's handler, or serves the visitor's kept page. */
static int run_handler(request *r)
{
	size_t headers = r->headers.len;
	int rc;

	if (visitor_kept(r)) {
		rc = r->route->kept ? r->route->kept(r) : 0;
		if (rc != 0)
			log_error("%s %s: kept page: %s", r->method, r->path, err_name(rc));
		return 200;
	}
	rc = strcmp(r->method, "POST") == 0 ? run_post(r, headers) : r->route->fn(r);
	if (rc == E_RETRY)
		rc = E_DBDOWN;
	/* a page that sets its own headers (a cookie, a redirect) is not kept */
	if (r->kept_key && r->headers.len != headers) {
		free(r->kept_key);
		r->kept_key = NULL;
	}
	return rc;
}

/* The checks in order (app_internal.h); then the handler. */
int app_gate(request *r)
{
	char *args[ROUTE_ARGS] = { 0 };
	const char *accept;
	unsigned allowed = 0;
	int rc;

	r->method = req_env(r, "REQUEST_METHOD");
	if (r->method == NULL)
		r->method = "GET";
	r->lang = "en";
	if (hdf_init(&r->hdf) != STATUS_OK)
		return E_NOMEM;
	rc = parse_path(r);
	if (rc != 0)
		return rc;
	accept = req_env(r, "HTTP_ACCEPT");
	r->wants_json = r->json_twin || (accept && strstr(accept, "application/json"));
	if (kv_parse_cookies(&r->cookies, req_env(r, "HTTP_COOKIE")) != 0)
		return E_INVALID;
	r->own_write = kv_find(&r->cookies, OWN_WRITE_COOKIE) != NULL;
	/* a page may be read from a replica, a moment behind; a POST, and the
	 * pages of whoever just wrote, from the primary */
	if (r->app->db) {
		db_prefer_replica(r->app->db, !r->own_write && (strcmp(r->method, "GET") == 0 ||
								 strcmp(r->method, "HEAD") == 0));
		db_read_own_writes(r->app->db, r->own_write);
	}
	r->lang = pick_lang(r);
	{
		const char *qs = req_env(r, "QUERY_STRING");
		if (qs && (rc = kv_parse_urlencoded(&r->query, qs, strlen(qs))) != 0)
			return rc == E_TOOBIG ? E_INVALID : rc;
	}
	r->route = route_find(r->app->routes, r->app->nroutes, r->method, r->path, args, &allowed);
	memcpy(r->args, args, sizeof(args));
	if (r->route == NULL) {
		/* an error page is a page too: who is logged in, its language and
		 * the token its footer form needs (a database fault leaves the
		 * page anonymous rather than turning a 404 into a 503) */
		if (session_load(r) == 0)
			r->lang = pick_lang(r);
		if (csrf_prepare(r) == 0)
			fill_common(r);
		if (allowed == 0)
			return E_NOTFOUND;
		strbuf_printf(&r->headers, "Allow: %s\r\n",
			      allowed == (R_GET | R_POST) ? "GET, HEAD, POST"
			      : allowed == R_POST ? "POST" : "GET, HEAD");
		return 405;
	}
	if (r->json_twin && strcmp(r->method, "POST") == 0)
		return E_NOTFOUND;
	if (strcmp(r->method, "POST") == 0) {
		rc = read_body(r);
		if (rc != 0)
			return rc;
	}
	if (!(r->route->flags & R_NOSESSION)) {
		rc = session_load(r);
		if (rc != 0)
			return rc;
		r->lang = pick_lang(r);
		rc = csrf_prepare(r);
		if (rc != 0)
			return rc;
	}
	fill_common(r);
	if ((r->route->flags & R_LOGIN) && r->user.id == 0)
		return 401;
	if (r->route->roles && !user_has(&r->user, r->route->roles))
		return E_FORBIDDEN;
	if (strcmp(r->method, "POST") == 0) {
		/* a foreign Origin is told apart from a stale token: the person
		 * can do nothing about it by reloading */
		if (!(r->route->flags & R_API) && origin_check(r) != 0) {
			log_info("csrf: foreign origin refused");
			hdf_str(r->hdf, "error.reason", req_text(r, "err.origin"));
			return E_FORBIDDEN;
		}
		rc = (r->route->flags & R_API) ? 0 : csrf_check(r);
		if (rc != 0) {
			hdf_str(r->hdf, "error.reason", req_text(r, "err.csrf"));
			return rc;
		}
		if ((r->route->flags & R_WRITES) && r->user.silenced_until) {
			hdf_str(r->hdf, "error.reason", req_text(r, "err.silenced"));
			return E_FORBIDDEN;
		}
		keep_form(r);
		if (r->route->fields &&
		    form_validate(r->route->fields, &r->form, &r->in, on_field_error, r) > 0 &&
		    !(r->route->flags & R_FORM_ERRORS))
			return E_INVALID;
	}
	return run_handler(r);
}
