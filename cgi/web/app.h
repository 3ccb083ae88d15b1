/* app.h: the process (app), the request, the route table and the front gate.
 *
 * A program is a table of routes and its handlers. Each request is parsed
 * into a zeroed `request` owned by the front gate; handlers borrow it, fill
 * r->hdf under "d." (the page's data, which is also its JSON twin) and return
 * an HTTP status (200, 303, ...) or a negative error code from err.h. The
 * gate checks, in order, method, session, role and CSRF before any handler
 * runs, validates the route's declared fields, and is the one place that
 * writes headers and renders. Nothing of a request outlives it.
 */
#ifndef TERTULIA_APP_H
#define TERTULIA_APP_H

#include <ClearSilver.h>
#include <stddef.h>

#include "base/config.h"
#include "base/hdf.h"
#include "db/db.h"
#include "db/rows_hdf.h"
#include "web/form.h"
#include "base/kv.h"
#include "text/sentiment.h"
#include "base/str.h"
#include "base/roles.h"
#include "base/page_cache.h"
#include "web/visitor_cache.h"

struct FCGX_Request;

/* Route flags. */
enum {
	R_GET = 1 << 0,
	R_POST = 1 << 1,       /* state-changing: CSRF and Origin checked */
	R_LOGIN = 1 << 2,      /* needs a logged-in member */
	R_WRITES = 1 << 3,     /* publishes content: refused to silenced members */
	R_NOSESSION = 1 << 4,  /* no session look-up (healthz, static-like) */
	R_FORM_ERRORS = 1 << 5, /* handler shows field errors itself (re-renders its form) */
	R_API = 1 << 6,        /* a machine endpoint (with R_NOSESSION): no CSRF check, the
				* handler authenticates (an API key); a body that is not a
				* form is kept raw in r->body for the handler to parse */
	R_VISITORS_KEPT = 1 << 7, /* a GET whose page a visitor may get from the worker's
				   * visitor cache (web/visitor_cache.h) */
	R_SECRET_PATH = 1 << 8 /* the path holds a token that grants something: the
				* logs show the route's pattern instead */
};

typedef struct user {
	long long id;          /* 0 for a visitor */
	char name[64];
	char lang[8];          /* "", "en" or "es": the member's setting */
	unsigned roles;
	long long silenced_until; /* unix time; 0 when not silenced */
} user;

struct request;
typedef int (*handler_fn)(struct request *r);

typedef struct route {
	unsigned flags;        /* R_GET and/or R_POST, plus the others */
	const char *pattern;   /* "/t/:id", "/u/:s": ":id" digits, ":s" a slug */
	handler_fn fn;
	unsigned roles;        /* any one of these is needed; 0 for none */
	const field_spec *fields; /* POST fields the gate validates, or NULL */
	handler_fn kept;       /* R_VISITORS_KEPT: what a view served from the cache
				* still does instead of fn (counting it), or NULL;
				* returns 0 or an error code (logged, the page still
				* served) */
} route;

typedef struct template_cache template_cache;

/* What a process owns for its whole life. */
typedef struct app {
	const char *name;        /* program name, for logs and db account */
	config cfg;
	db *db;                  /* primary: writes and read-your-writes */
	HDF *lang[2];            /* 0 = en, 1 = es; loaded once */
	char *template_dir;
	template_cache *templates;
	unsigned char secret[32];/* HMAC key for CSRF and signed tokens */
	const route *routes;
	size_t nroutes;
	int https;               /* cookies get Secure */
	char *origin;            /* the public origin, e.g. http://127.0.0.1:8080 */
	size_t body_limit;
	/* session lifetimes, seconds */
	long long session_idle, session_max;
	/* read once before the workers are forked, so that they share its
	 * pages, by the program's start hook when it scores what is written;
	 * NULL otherwise, or when the lexicons could not be read (content is
	 * then stored unscored until `tertuliactl rollup`) */
	sentiment_model *sentiment;
	const struct app_hooks *hooks; /* borrowed from the program, or NULL */
	/* the worker's visitor cache (made at its first use, after the fork;
	 * NULL when cache.visitor_seconds is 0), and the changes file every
	 * write marks (cache.changes_file; by default run/changes beside the
	 * configuration) */
	visitor_cache *visitors;
	char *changes_file;
	/* the worker's kept reads (web/kept_reads.h), made at their first use */
	page_cache *kept_reads;
} app;

#define ROUTE_ARGS 4

typedef struct request {
	app *app;
	struct FCGX_Request *fx; /* NULL in unit tests */
	char **env;              /* CGI variables, NAME=value; borrowed */
	const char *method;
	char *path;              /* owned; the route path, without ".json" */
	int json_twin;           /* GET of a .json URL */
	int wants_json;          /* answer JSON (twin, or Accept: application/json) */
	int own_write;           /* the browser wrote a moment ago (OWN_WRITE_COOKIE):
				  * nothing kept is read for it */
	kvlist query, form, cookies;
	char *args[ROUTE_ARGS];  /* owned copies of the matched :id/:s parts */
	const route *route;
	user user;
	int has_session;
	unsigned char token_hash[32]; /* of the session cookie, when has_session */
	char csrf[65];           /* the token forms must carry ("" for none) */
	const char *lang;        /* "en" or "es" */
	HDF *hdf;                /* owned */
	form_values in;          /* validated fields (borrowed from form): what handlers
				  * read, through form_get, form_int and form_nth; only
				  * the gate and the CSRF check read form itself */
	int invalid;             /* fields failed validation; errors in hdf */
	const char *template;    /* page template, e.g. "account/login" */
	char *location;          /* owned; redirect target for 303 */
	long long created_id;    /* id of what a POST made, for the JSON answer */
	char said[40];           /* the message a POST leaves for its next page, a key
				  * under L.said (req_said; web/feedback.h), or "" */
	strbuf headers;          /* extra header lines, each ending \r\n */
	const char *remote_addr;
	const char *body;        /* owned by the gate */
	size_t body_len;
	const char *raw_type;    /* set with raw: answer raw as this type (CSV, text) */
	strbuf raw;              /* owned; a non-HTML answer */
	char *kept_key;          /* owned; the visitor cache key of a page to keep */
	visitor_stamp kept_stamp; /* the changes file before the page was drawn */
	int kept_stamp_read;     /* kept_stamp is read (req_changes_stamp) */
	const visitor_page *kept_page; /* borrowed from app->visitors: the answer */
} request;

/* ---- process ---- */

/* What a program adds to the web layer's work, which knows no service: each
 * member may be NULL. The program owns the struct; it outlives the app. */
typedef struct app_hooks {
	/* Once, after the configuration, languages and templates are loaded
	 * and before the database handle is made and the workers forked (what
	 * it loads is shared by the workers' pages): e.g. the sentiment model
	 * into a->sentiment. 0, or an error code that stops the program. */
	int (*start)(app *a);
	/* At app_free: releases what start loaded. */
	void (*stop)(app *a);
	/* Before a page is drawn from its template (not for a redirect, JSON or
	 * a raw answer): e.g. the header's unread count. A failure shows less
	 * on the page, never no page. */
	void (*page)(request *r);
	/* After a POST's handler has run (its transactions ended) and before
	 * its answer is sent: work a write queued to follow its commit, e.g.
	 * the shared counters. Whatever becomes of it, the write stands and the
	 * answer is the handler's. */
	void (*after_post)(app *a);
} app_hooks;

/* Loads configuration, languages and templates, runs hooks->start and makes
 * the db handle. name is the program's name (also its database account);
 * routes and hooks (which may be NULL) are borrowed for the app's life.
 * Returns 0 or an error code (logged). */
int app_init(app *a, const char *name, const char *config_path,
	     const route *routes, size_t nroutes, const app_hooks *hooks);
void app_free(app *a);

/* Serves one FastCGI request: parse, gate, handler, response. */
void app_serve(app *a, struct FCGX_Request *fx);

/* ---- for handlers ---- */

/* A CGI variable, or NULL. Borrowed from the request. */
const char *req_env(const request *r, const char *name);
/* A query parameter or NULL. */
const char *req_query(const request *r, const char *name);
/* Route argument i as an id (0 when it is not a number). */
long long req_arg_id(const request *r, int i);
/* A localized string of the request's language ("err.not_found"). */
const char *req_text(const request *r, const char *key);

/* The ?page= parameter, 1 .. max: 1 when absent or not a page number
 * ("abc", "0", "-2"), max for a number past it. Never an error: a list
 * past its end is answered by its last page (page_span_of clamps a list
 * cut by position; req_page_past_end sends a LIMIT/OFFSET list there). */
long long req_page(const request *r, long long max);
/* Appends to out this request's address as a local path (its JSON twin's
 * when it is one) with its query, every part percent-escaped again; page
 * above 0 puts page=N in place of the query's page. 0 or E_NOMEM. */
int req_here(const request *r, long long page, strbuf *out);
/* The longest address the pages' HDF carry as "here", which the language
 * switch posts back as its field next (account/settings.c declares it so). */
#define HERE_MAX 2000
/* Whether a row is at offset of the list a handler reads with LIMIT and
 * OFFSET: *found set to 1 if so. 0 or the database's error. */
typedef int (*page_probe)(request *r, const void *ctx, long long offset, int *found);
/* For a LIMIT/OFFSET list whose page `page` came back empty: finds the
 * last page with a row (probe, per rows a page; page 1 when none) and
 * redirects there, the query kept. Returns 303 or an error. */
int req_page_past_end(request *r, long long page, long long per, page_probe probe,
		      const void *ctx);
/* A day as the pages write it in the request's language, "7 dic 2026"
 * (month 1-12), into out; E_INVALID for another month. answer.c gives
 * every unix time named *_at this .date; a day held as YYYY-MM-DD text is
 * written by req_day_text into the HDF node name (nothing when it is not
 * one). */
int req_date_text(const request *r, int year, int month, int day, char *out, size_t size);
void req_day_text(request *r, const char *name, const char *day);
/* Puts the nonce of a form that creates something in the HDF ("nonce"):
 * the same nonce submitted twice makes one thing. A form shown again after
 * a refusal keeps the nonce it was sent with (form.nonce), so that sending
 * it again still makes one thing; any other form gets a fresh random one. */
void req_nonce(request *r);

/* The site's origin for absolute links ("https://community.example"): the
 * configured public_origin, else the scheme, Host header and port of the
 * request. Written into out (size bytes). */
void req_origin(const request *r, char *out, size_t size);
/* The answer to a request whose body was rendered into r->raw
 * (req_render, with result rc) for a type other than a page: a feed, a
 * sitemap. 200 with r->raw_type set, or rc. Every page's HDF holds the
 * site's origin as "origin", for the absolute addresses they need. */
int req_raw_rendered(request *r, const char *type, int rc);
/* The changes file's state (web/visitor_cache.h) as this request first
 * saw it: read at the first call, the same for the rest of the request. */
const visitor_stamp *req_changes_stamp(request *r);
/* How long a worker keeps visitors' pages and kept reads: the seconds of
 * cache.visitor_seconds (1 by default), at most an hour; 0: nothing kept. */
int app_kept_seconds(const app *a);
/* After a write, the browser that made it carries this cookie for
 * app_own_write_seconds: its pages are read afresh, never from what a
 * worker kept, on whichever host they are drawn, so that the person sees
 * what they just wrote (the other hosts' kept copies last a second). */
#define OWN_WRITE_COOKIE "tertulia_wrote"
/* cache.own_write_seconds, 5 by default. */
int app_own_write_seconds(const app *a);
/* Names the message (a key under L.said of the language files: "flagged",
 * "ideas.voted") that the page a POST's 303 leads to shows once, in the
 * reader's language, and a JSON client gets as "message"
 * (web/feedback.h). The last one named counts. 0, or E_INVALID (logged)
 * for a key the language files lack: the action stands, unannounced. */
int req_said(request *r, const char *key);
/* Sets r->location to a copy of url; handlers return 303 after it. */
int req_redirect(request *r, const char *url);
/* Adds a Set-Cookie header. value NULL deletes the cookie. max_age < 0 makes
 * a session cookie. */
int req_set_cookie(request *r, const char *name, const char *value, long long max_age);
/* Adds a field error (key of a message in the language files, and a number that
 * replaces {n} in it) and marks the request invalid. */
void req_field_error(request *r, const char *field, const char *msgkey, long long n);

/* Renders template name with the request's data as its page would be (the
 * request's language; each *_at time given its .iso and .text), appending
 * to out: for a part of a page that a handler keeps as HTML. Returns what
 * view_render returns. */
int req_render(request *r, const char *name, strbuf *out);

/* GET /healthz: 200 "ok" when the program and its database answer, else
 * 503. Every program mounts it. */
int page_healthz(request *r);
/* GET /hello: "hello" through the whole gate and answer path, without the
 * database: the ceiling the benchmarks compare pages to. */
int page_hello(request *r);

/* Whether the user holds any of the roles. */
int user_has(const user *u, unsigned roles);
#endif
