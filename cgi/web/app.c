/* app.c: process set-up, the front gate and the one place that answers
 * (see app.h). */
#include "web/app.h"
#include "base/err.h"
#include "base/log.h"
#include "web/route.h"
#include "web/session.h"
#include "base/utf8.h"
#include "web/view.h"

#include <cgi/cgi.h>
#include <fcgiapp.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char CSP[] =
	"default-src 'self'; script-src 'self'; style-src 'self'; "
	"img-src 'self' https: data:; object-src 'none'; base-uri 'self'; "
	"form-action 'self'; frame-ancestors 'none'";

/* ---------------------------------------------------------------- process */

int app_init(app *a, const char *name, const char *config_path,
	     const route *routes, size_t nroutes, const app_hooks *hooks)
{
	char path[600];
	const char *tdir, *secret;
	int rc;

	memset(a, 0, sizeof(*a));
	a->name = name;
	a->routes = routes;
	a->nroutes = nroutes;
	a->hooks = hooks;
	log_set_name(name);
	if (sodium_init() < 0) {
		log_error("app: libsodium failed to start");
		return E_IO;
	}
	rc = config_load(&a->cfg, config_path);
	if (rc != 0)
		return rc;
	secret = config_get(&a->cfg, "secret", NULL);
	if (hex_decode(secret, a->secret, sizeof(a->secret)) != 0) {
		log_error("app: config key 'secret' must be 64 hex digits");
		return E_INVALID;
	}
	tdir = config_get(&a->cfg, "templates", "templates");
	a->template_dir = strdup(tdir);
	a->origin = xstrdup(config_get(&a->cfg, "public_origin", NULL));
	a->https = config_int(&a->cfg, "https", 0) != 0;
	a->body_limit = (size_t)config_int(&a->cfg, "body_limit", 512 * 1024);
	a->session_idle = config_int(&a->cfg, "session.idle_seconds", 14 * 86400);
	a->session_max = config_int(&a->cfg, "session.max_seconds", 60 * 86400);
	if (a->template_dir == NULL)
		return E_NOMEM;
	snprintf(path, sizeof(path), "%s/lang/en.hdf", tdir);
	rc = view_load_lang(path, &a->lang[0]);
	if (rc == 0) {
		snprintf(path, sizeof(path), "%s/lang/es.hdf", tdir);
		rc = view_load_lang(path, &a->lang[1]);
	}
	if (rc == 0)
		rc = view_new(&a->templates, tdir);
	if (rc == 0 && hooks && hooks->start)
		rc = hooks->start(a);
	if (rc == 0 && (a->changes_file = visitor_changes_file(&a->cfg, config_path)) == NULL)
		rc = E_NOMEM;
	if (rc == 0)
		rc = db_new(&a->db, &a->cfg, name);
	return rc;
}

void app_free(app *a)
{
	if (a->hooks && a->hooks->stop)
		a->hooks->stop(a);
	db_free(a->db);
	view_free(a->templates);
	if (a->lang[0])
		hdf_destroy(&a->lang[0]);
	if (a->lang[1])
		hdf_destroy(&a->lang[1]);
	free(a->template_dir);
	free(a->origin);
	visitor_cache_free(a->visitors);
	page_cache_free(a->kept_reads);
	free(a->changes_file);
	config_free(&a->cfg);
}

/* ----------------------------------------------------------- small helpers */

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

static HDF *lang_hdf(const request *r)
{
	return r->app->lang[strcmp(r->lang, "es") == 0 ? 1 : 0];
}

const char *req_text(const request *r, const char *key)
{
	char name[200];

	snprintf(name, sizeof(name), "L.%s", key);
	return hdf_get_value(lang_hdf(r), name, key);
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

int page_healthz(request *r)
{
	int rc = db_ping(r->app->db);

	if (rc != 0)
		return rc;
	r->raw_type = "text/plain; charset=utf-8";
	return strbuf_puts(&r->raw, "ok\n") == 0 ? 200 : E_NOMEM;
}

int page_hello(request *r)
{
	r->raw_type = "text/plain; charset=utf-8";
	return strbuf_puts(&r->raw, "hello\n") == 0 ? 200 : E_NOMEM;
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

static void on_field_error(void *ctx, const char *field, const char *msgkey, long long n)
{
	req_field_error(ctx, field, msgkey, n);
}

/* ------------------------------------------------------------ the gate */

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
 * the CSRF token, the current path. */
static void fill_common(request *r)
{
	HDF *h = r->hdf;

	hdf_str(h, "lang", r->lang);
	hdf_str(h, "path", r->path);
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

	if (!(r->route->flags & R_VISITORS_KEPT) || r->user.id != 0 ||
	    strcmp(r->method, "POST") == 0 || strlen(r->csrf) != VISITOR_TOKEN_LEN)
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
	rc = r->route->fn(r);
	/* a page that sets its own headers (a cookie, a redirect) is not kept */
	if (r->kept_key && r->headers.len != headers) {
		free(r->kept_key);
		r->kept_key = NULL;
	}
	return rc;
}

/* Runs a request's checks, in order: the route (404, or 405 for its
 * method), the session, the role, the Origin and CSRF token of a POST and
 * the route's declared fields; then the handler. Returns the HTTP status
 * or an error code. */
static int gate(request *r)
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

/* --------------------------------------------------------------- answers */

static int status_of(int code)
{
	switch (code) {
	case E_NOTFOUND: return 404;
	case E_INVALID: return 400;
	case E_FORBIDDEN: return 403;
	case E_TOOBIG: return 413;
	case E_THROTTLED: return 429;
	case E_CONFLICT: case E_DUP: return 409;
	case E_DBDOWN: return 503;
	default: return code >= 100 ? code : 500;
	}
}

static const char *reason_phrase(int status)
{
	switch (status) {
	case 200: return "OK";
	case 303: return "See Other";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 409: return "Conflict";
	case 413: return "Payload Too Large";
	case 429: return "Too Many Requests";
	case 503: return "Service Unavailable";
	default: return status >= 500 ? "Internal Server Error" : "OK";
	}
}

static void write_out(request *r, const char *s, size_t n)
{
	if (r->fx && n > 0)
		FCGX_PutStr(s, (int)n, r->fx->out);
}

static int all_digits(const char *s)
{
	if (s == NULL || *s == '\0')
		return 0;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

/* Gives every leaf named *_at that holds a unix time the children .iso and
 * .text (a date in the request's language, UTC). */
static void format_times(request *r, HDF *node, int depth)
{
	HDF *c;

	if (depth > 16)
		return;
	for (c = hdf_obj_child(node); c; c = hdf_obj_next(c)) {
		const char *name = hdf_obj_name(c);
		const char *v = hdf_obj_value(c);
		size_t n = strlen(name);

		if (hdf_obj_child(c)) {
			format_times(r, c, depth + 1);
		} else if (n > 3 && strcmp(name + n - 3, "_at") == 0 && all_digits(v)) {
			time_t t = (time_t)strtoll(v, NULL, 10);
			struct tm tm;
			char iso[32], text[96], key[24];

			gmtime_r(&t, &tm);
			strftime(iso, sizeof(iso), "%Y-%m-%dT%H:%M:%SZ", &tm);
			snprintf(key, sizeof(key), "month.%d", tm.tm_mon + 1);
			snprintf(text, sizeof(text), "%d %s %d, %02d:%02d", tm.tm_mday,
				 req_text(r, key), tm.tm_year + 1900, tm.tm_hour, tm.tm_min);
			hdf_str(c, "iso", iso);
			hdf_str(c, "text", text);
		}
	}
}

/* The JSON answer to a POST, or to a failed GET of a twin. */
static int json_answer(request *r, int status, strbuf *body)
{
	int rc;

	if (status == 303 || status < 300) {
		rc = strbuf_puts(body, "{\"ok\":true");
		if (rc == 0 && r->created_id)
			rc = strbuf_printf(body, ",\"id\":%lld", r->created_id);
		if (rc == 0 && r->location) {
			rc = strbuf_puts(body, ",\"url\":");
			if (rc == 0)
				rc = json_string(body, r->location);
		}
		return rc ? rc : strbuf_puts(body, "}");
	}
	rc = strbuf_printf(body, "{\"ok\":false,\"status\":%d,\"errors\":", status);
	if (rc == 0 && hdf_get_obj(r->hdf, "errors"))
		rc = view_json_object(hdf_get_obj(r->hdf, "errors"), body);
	else if (rc == 0) {
		const char *msg = hdf_get_value(r->hdf, "error.reason", NULL);
		rc = strbuf_puts(body, "{\"request\":");
		if (rc == 0)
			rc = json_string(body, msg ? msg : hdf_get_value(r->hdf, "error.title", ""));
		if (rc == 0)
			rc = strbuf_puts(body, "}");
	}
	return rc ? rc : strbuf_puts(body, "}");
}

/* The JSON twin of a page: its "d" data plus who is asking and the token. */
static int json_twin(request *r, strbuf *body)
{
	HDF *d = hdf_get_obj(r->hdf, "d");
	int rc = strbuf_puts(body, "{\"lang\":");

	if (rc == 0)
		rc = json_string(body, r->lang);
	if (rc == 0 && r->user.id) {
		rc = strbuf_puts(body, ",\"csrf\":");
		if (rc == 0)
			rc = json_string(body, r->csrf);
		if (rc == 0)
			rc = strbuf_puts(body, ",\"me\":");
		if (rc == 0)
			rc = view_json_object(hdf_get_obj(r->hdf, "me"), body);
	}
	if (rc == 0 && d && hdf_obj_child(d)) {
		strbuf inner = STRBUF_INIT;
		rc = view_json_object(d, &inner);
		/* splice the object's members after ours */
		if (rc == 0 && inner.len > 2) {
			rc = strbuf_puts(body, ",");
			if (rc == 0)
				rc = strbuf_append(body, inner.s + 1, inner.len - 2);
		}
		strbuf_free(&inner);
	}
	return rc ? rc : strbuf_puts(body, "}");
}

/* The error page names each field that was wrong by its label in the
 * request's language (L.field.NAME), or by its key when it has none:
 * error.fields.N.label and .text. */
static void error_fields(request *r)
{
	HDF *e;
	char name[64], key[160];
	int i = 0;

	for (e = hdf_obj_child(hdf_get_obj(r->hdf, "errors")); e; e = hdf_obj_next(e), i++) {
		const char *field = hdf_obj_name(e);

		snprintf(key, sizeof(key), "L.field.%s", field);
		snprintf(name, sizeof(name), "error.fields.%d.label", i);
		hdf_str(r->hdf, name, hdf_get_value(lang_hdf(r), key, field));
		snprintf(name, sizeof(name), "error.fields.%d.text", i);
		hdf_str(r->hdf, name, hdf_obj_value(e));
	}
}

/* Fills the error page's data for status. A handler that answered 4xx with
 * its own page (a form shown again with its errors) keeps that page; a 5xx
 * always gets the error page, since the handler's page may be half-made. */
static void error_page(request *r, int status)
{
	char key[64];

	hdf_int(r->hdf, "error.status", status);
	snprintf(key, sizeof(key), "error.%d.title", status);
	hdf_str(r->hdf, "error.title", req_text(r, key));
	snprintf(key, sizeof(key), "error.%d.text", status);
	hdf_str(r->hdf, "error.text", req_text(r, key));
	if (status >= 500 || r->template == NULL)
		r->template = "error";
	if (strcmp(r->template, "error") == 0)
		error_fields(r);
}

/* Templates start with macro definitions whose newlines would come before
 * the doctype; drop them. */
static void trim_leading_space(strbuf *sb)
{
	size_t i = 0;

	while (i < sb->len && (sb->s[i] == '\n' || sb->s[i] == ' ' || sb->s[i] == '\r'))
		i++;
	if (i > 0) {
		memmove(sb->s, sb->s + i, sb->len - i + 1);
		sb->len -= i;
	}
}

/* Writes the status and headers of an answer of len bytes. */
static void write_head(request *r, int status, const char *ctype, size_t len)
{
	strbuf head = STRBUF_INIT;

	if (status == 503)
		strbuf_puts(&head, "Retry-After: 5\r\n");
	strbuf_printf(&head, "Status: %d %s\r\nContent-Type: %s\r\n", status,
		      reason_phrase(status), ctype);
	if (status == 303 && r->location)
		strbuf_printf(&head, "Location: %s\r\n", r->location);
	strbuf_printf(&head, "Content-Security-Policy: %s\r\n"
		      "X-Content-Type-Options: nosniff\r\n"
		      "Referrer-Policy: strict-origin-when-cross-origin\r\n"
		      "X-Frame-Options: DENY\r\n"
		      "Cache-Control: private, no-cache\r\n"
		      "Vary: Cookie, Accept-Language, Accept\r\n"
		      "Content-Language: %s\r\n", CSP, r->lang);
	if (r->app->https)
		strbuf_puts(&head, "Strict-Transport-Security: max-age=31536000\r\n");
	if (r->headers.len)
		strbuf_append(&head, r->headers.s, r->headers.len);
	strbuf_printf(&head, "Content-Length: %zu\r\n\r\n", len);
	write_out(r, head.s, head.len);
	strbuf_free(&head);
}

static void put_out(void *ctx, const char *s, size_t n)
{
	write_out(ctx, s, n);
}

int req_render(request *r, const char *name, strbuf *out)
{
	if (hdf_get_obj(r->hdf, "d"))
		format_times(r, hdf_get_obj(r->hdf, "d"), 0);
	return view_render(r->app->templates, name, r->hdf, lang_hdf(r), out);
}

/* Writes a visitor's kept page, with their own form token in it. */
static int respond_kept(request *r)
{
	write_head(r, 200, r->kept_page->ctype, r->kept_page->len);
	if (strcmp(r->method, "HEAD") != 0)
		visitor_page_write(r->kept_page, r->csrf, put_out, r);
	return 200;
}

/* Writes the answer: headers and the page, its JSON twin or a raw body.
 * Returns the status actually sent (a JSON POST's 303 becomes 200; a page
 * that fails to render becomes 500), for the access log. */
static int respond(request *r, int status)
{
	strbuf body = STRBUF_INIT;
	const char *ctype = "text/html; charset=utf-8";
	int is_head = r->method && strcmp(r->method, "HEAD") == 0;
	int rc = 0;

	if (r->hdf == NULL && hdf_init(&r->hdf) != STATUS_OK) {
		write_out(r, "Status: 500\r\n\r\n", 15);
		return 500;
	}
	if (r->kept_page && status == 200)
		return respond_kept(r);
	/* a visitor asking for a members' page is sent to log in */
	if (status == 401 && !r->wants_json && strcmp(r->method, "GET") == 0) {
		strbuf next = STRBUF_INIT;
		strbuf_puts(&next, "/login?next=");
		if (r->path) {
			char *esc = NULL;
			if (cgi_url_escape(r->path, &esc) == STATUS_OK && esc) {
				strbuf_puts(&next, esc);
				free(esc);
			}
		}
		req_redirect(r, next.s);
		strbuf_free(&next);
		status = 303;
	}
	if (status >= 400)
		error_page(r, status);
	if (hdf_get_obj(r->hdf, "d"))
		format_times(r, hdf_get_obj(r->hdf, "d"), 0);
	if (r->wants_json && (strcmp(r->method, "POST") == 0 || status >= 300 || !r->json_twin)) {
		ctype = "application/json";
		rc = json_answer(r, status, &body);
		if (status == 303)
			status = 200;
	} else if (r->raw_type && status < 300) {
		ctype = r->raw_type;
		rc = strbuf_append(&body, r->raw.s ? r->raw.s : "", r->raw.len);
	} else if (r->json_twin) {
		ctype = "application/json";
		rc = json_twin(r, &body);
	} else if (status != 303) {
		if (r->app->hooks && r->app->hooks->page)
			r->app->hooks->page(r);
		rc = view_render(r->app->templates, r->template ? r->template : "error",
				 r->hdf, lang_hdf(r), &body);
		trim_leading_space(&body);
		if (rc != 0 && status < 500) {
			/* a broken page template must not hide behind a 200 */
			status = 500;
			strbuf_free(&body);
			error_page(r, status);
			rc = view_render(r->app->templates, "error", r->hdf, lang_hdf(r), &body);
		}
	}
	if (rc != 0) {
		strbuf_free(&body);
		strbuf_puts(&body, "Internal error\n");
		status = 500;
		ctype = "text/plain; charset=utf-8";
	}
	if (rc == 0 && status == 200 && r->kept_key && r->raw_type == NULL &&
	    visitor_cache_put(r->app->visitors, r->kept_key, body.s ? body.s : "", body.len, ctype,
			      r->csrf, time(NULL), &r->kept_stamp) == E_NOMEM)
		log_error("%s %s: no memory to keep the page", r->method, r->path);
	write_head(r, status, ctype, body.len);
	if (!is_head)
		write_out(r, body.s, body.len);
	r->template = NULL;
	strbuf_free(&body);
	return status;
}

static void request_free(request *r)
{
	int i;

	kv_free(&r->query);
	kv_free(&r->form);
	kv_free(&r->cookies);
	for (i = 0; i < ROUTE_ARGS; i++)
		free(r->args[i]);
	free(r->path);
	free(r->location);
	free(r->kept_key);
	free((char *)r->body);
	strbuf_free(&r->headers);
	strbuf_free(&r->raw);
	if (r->hdf)
		hdf_destroy(&r->hdf);
}

void app_serve(app *a, FCGX_Request *fx)
{
	request r;
	struct timespec t0, t1;
	int code, status;
	const char *logged;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	memset(&r, 0, sizeof(r));
	r.app = a;
	r.fx = fx;
	r.env = fx ? fx->envp : NULL;
	r.remote_addr = req_env(&r, "REMOTE_ADDR");
	if (r.remote_addr == NULL)
		r.remote_addr = "unknown";
	code = gate(&r);
	/* a transaction left open, however deep (they nest), ends with the
	 * request: the next one starts outside any */
	if (r.app->db && (code == E_DB || db_in_transaction(r.app->db)))
		db_rollback_all(r.app->db);
	db_ahead_drop(r.app->db);
	status = status_of(code);
	/* a write: pages kept for visitors by every worker are old now; marked
	 * before the answer, so that whoever it reaches reads what was written */
	if (r.method && strcmp(r.method, "POST") == 0 && status < 400 &&
	    visitor_stamp_touch(a->changes_file) != 0)
		log_error("cannot mark a change in %s: pages kept for visitors stay until they expire",
			  a->changes_file);
	/* logs are kept longer and read by more people than the tokens should be */
	logged = r.route && (r.route->flags & R_SECRET_PATH) ? r.route->pattern
		 : r.path ? r.path : "-";
	if (code < 0 && code != E_NOTFOUND && code != E_INVALID && code != E_FORBIDDEN &&
	    code != E_THROTTLED && code != E_TOOBIG)
		log_error("%s %s: %s", r.method ? r.method : "-", logged, err_name(code));
	status = respond(&r, status);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	log_access(r.method ? r.method : "-", logged,
		   status,
		   (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6);
	request_free(&r);
}
