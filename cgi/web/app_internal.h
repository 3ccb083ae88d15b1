/* app_internal.h: what the files of the gate and the answer share with
 * app.c, which runs a request through them (see app.h). Not for other
 * callers: handlers and programs include app.h. */
#ifndef TERTULIA_APP_INTERNAL_H
#define TERTULIA_APP_INTERNAL_H

#include "web/app.h"

/* gate.c: runs a request's checks, in order: the route (404, or 405 for
 * its method), the session, the role, the Origin and CSRF token of a POST
 * and the route's declared fields; then the handler, or serves a
 * visitor's kept page. Fills r (what it allocates is freed with r).
 * Returns the HTTP status or an error code. */
int app_gate(request *r);

/* answer.c: writes the answer to r for status: headers and the page, its
 * JSON twin, the JSON answer to a POST, a raw body, a visitor's kept page
 * or the error page. Returns the status actually sent (a JSON POST's 303
 * becomes 200; a page that fails to render becomes 500), for the access
 * log. */
int app_respond(request *r, int status);

/* request.c: the language file of the request's language (the app's,
 * borrowed). */
HDF *app_lang_hdf(const request *r);

#endif
