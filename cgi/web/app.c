/* app.c: a program's process and each request's life (see app.h): the
 * set-up and teardown of the app, the pages every program answers
 * (/healthz, /hello), and app_serve, which runs a request through the
 * gate (gate.c), ends what it left open, maps its error code to a status
 * and answers (answer.c). The request helpers handlers call are in
 * request.c. */
#include "web/app.h"
#include "web/app_internal.h"
#include "base/err.h"
#include "base/log.h"
#include "web/feedback.h"
#include "web/view.h"

#include <fcgiapp.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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
	if (rc == 0) {
		/* a server that would lose posts or never find "no" is refused at
		 * once; one that is down is not checked (pages answer 503) */
		char why[300];

		if (db_check_server_settings(a->db, why, sizeof(why)) == E_INVALID) {
			log_error("%s: %s", name, why);
			rc = E_INVALID;
		}
	}
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

/* The HTTP status of a handler's or the gate's answer: a status as it
 * is, an error code as what it means. */
static int status_of(int code)
{
	switch (code) {
	case E_NOTFOUND: return 404;
	case E_INVALID: return 400;
	case E_FORBIDDEN: return 403;
	case E_TOOBIG: return 413;
	case E_THROTTLED: return 429;
	case E_CONFLICT: case E_DUP: return 409;
	case E_DBDOWN: case E_RETRY: return 503;
	default: return code >= 100 ? code : 500;
	}
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
	code = app_gate(&r);
	/* a transaction left open, however deep (they nest), ends with the
	 * request: the next one starts outside any */
	if (r.app->db && (code == E_DB || db_in_transaction(r.app->db)))
		db_rollback_all(r.app->db);
	db_ahead_drop(r.app->db);
	if (r.app->db) {
		db_prefer_replica(r.app->db, 0);
		db_read_own_writes(r.app->db, 0);
	}
	status = status_of(code);
	/* a write: pages kept for visitors by every worker are old now; marked
	 * before the answer, so that whoever it reaches reads what was written */
	if (r.method && strcmp(r.method, "POST") == 0 && status < 400) {
		if (visitor_stamp_touch(a->changes_file) != 0)
			log_error("cannot mark a change in %s: pages kept for visitors stay until "
				  "they expire", a->changes_file);
		/* other hosts keep their copies a second more: this browser's
		 * next pages are read afresh */
		if (app_own_write_seconds(a) > 0)
			req_set_cookie(&r, OWN_WRITE_COOKIE, "1", app_own_write_seconds(a));
		/* what it did, for the page the browser is sent to (a JSON
		 * client reads it in the answer) */
		if (status == 303 && !r.wants_json && feedback_send(&r) != 0)
			log_error("%s %s: the message for the next page is lost", r.method, r.path);
	}
	/* logs are kept longer and read by more people than the tokens should be */
	logged = r.route && (r.route->flags & R_SECRET_PATH) ? r.route->pattern
		 : r.path ? r.path : "-";
	if (code < 0 && code != E_NOTFOUND && code != E_INVALID && code != E_FORBIDDEN &&
	    code != E_THROTTLED && code != E_TOOBIG)
		log_error("%s %s: %s", r.method ? r.method : "-", logged, err_name(code));
	status = app_respond(&r, status);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	log_access(r.method ? r.method : "-", logged,
		   status,
		   (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6);
	request_free(&r);
}
