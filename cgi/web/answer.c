/* answer.c: the one place that answers (see app.h): the status and
 * headers (CSP, nosniff, Referrer-Policy, frame-ancestors 'none', the
 * cookies a handler set), then the page drawn from its template, its JSON
 * twin, the JSON answer to a POST, a raw body or the error page; times
 * under d. given their texts; a visitor's page kept for the next one. */
#include "web/app.h"
#include "web/app_internal.h"
#include "base/err.h"
#include "base/log.h"
#include "web/feedback.h"
#include "web/view.h"

#include <cgi/cgi.h>
#include <fcgiapp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char CSP[] =
	"default-src 'self'; script-src 'self'; style-src 'self'; "
	"img-src 'self' https: data:; object-src 'none'; base-uri 'self'; "
	"form-action 'self'; frame-ancestors 'none'";

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

/* Gives every leaf named *_at that holds a unix time the children .iso
 * (for <time datetime>), .text (day and time in the request's language,
 * UTC: "7 dic 2026, 04:29") and .date (the day alone: "7 dic 2026"), so
 * that every page writes a date one way: macros.cs's time() and date(). */
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
			char iso[32], text[96], date[80];

			gmtime_r(&t, &tm);
			strftime(iso, sizeof(iso), "%Y-%m-%dT%H:%M:%SZ", &tm);
			req_date_text(r, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, date, sizeof(date));
			snprintf(text, sizeof(text), "%s, %02d:%02d", date, tm.tm_hour, tm.tm_min);
			hdf_str(c, "iso", iso);
			hdf_str(c, "text", text);
			hdf_str(c, "date", date);
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
		if (rc == 0 && feedback_text(r)) {
			rc = strbuf_puts(body, ",\"message\":");
			if (rc == 0)
				rc = json_string(body, feedback_text(r));
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
		hdf_str(r->hdf, name, hdf_get_value(app_lang_hdf(r), key, field));
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
	return view_render(r->app->templates, name, r->hdf, app_lang_hdf(r), out);
}

/* Writes a visitor's kept page, with their own form token in it. */
static int respond_kept(request *r)
{
	write_head(r, 200, r->kept_page->ctype, r->kept_page->len);
	if (strcmp(r->method, "HEAD") != 0)
		visitor_page_write(r->kept_page, r->csrf, put_out, r);
	return 200;
}

/* Writes the answer (app_internal.h). */
int app_respond(request *r, int status)
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
		if (status == 200 && !is_head)
			feedback_take(r);
		if (r->app->hooks && r->app->hooks->page)
			r->app->hooks->page(r);
		rc = view_render(r->app->templates, r->template ? r->template : "error",
				 r->hdf, app_lang_hdf(r), &body);
		trim_leading_space(&body);
		if (rc != 0 && status < 500) {
			/* a broken page template must not hide behind a 200 */
			status = 500;
			strbuf_free(&body);
			error_page(r, status);
			rc = view_render(r->app->templates, "error", r->hdf, app_lang_hdf(r), &body);
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
