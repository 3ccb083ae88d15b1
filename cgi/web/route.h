/* route.h: matching a method and path against a program's route table. */
#ifndef TERTULIA_ROUTE_H
#define TERTULIA_ROUTE_H

#include "web/app.h"

/* Matches path against one pattern. Pattern parts are literal, ":id" (1-18
 * digits), ":s" (1-100 characters of [A-Za-z0-9._-]) or ":name" (1-100
 * bytes of a decoded path part, no control character: a member's name). On a match stores
 * allocated copies of the variable parts in args (the caller frees them) and
 * returns 1; returns 0 for no match and E_NOMEM when copying fails. */
int route_match(const char *pattern, const char *path, char *args[ROUTE_ARGS]);

/* Finds the route for method and path. Returns it, or NULL; then *allowed
 * holds the R_GET/R_POST bits of routes whose path matched (0: 404; else
 * 405). HEAD matches GET routes. */
const route *route_find(const route *routes, size_t n, const char *method,
			const char *path, char *args[ROUTE_ARGS], unsigned *allowed);

#endif
