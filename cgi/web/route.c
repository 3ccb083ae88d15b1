/* route.c: the route table lookup (see route.h). */
#include "web/route.h"
#include "base/err.h"

#include <stdlib.h>
#include <string.h>

static int seg_ok(const char *kind, const char *s, size_t n)
{
	size_t i;

	if (n == 0)
		return 0;
	if (strcmp(kind, ":id") == 0) {
		if (n > 18)
			return 0;
		for (i = 0; i < n; i++)
			if (s[i] < '0' || s[i] > '9')
				return 0;
		return 1;
	}
	if (n > 100)
		return 0;
	if (strcmp(kind, ":name") == 0) {
		/* a member's name, as nginx decoded it from the address: UTF-8
		 * (the gate checked it) with spaces; which names exist is the
		 * handler's to say */
		for (i = 0; i < n; i++)
			if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
				return 0;
		return 1;
	}
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'))
			return 0;
	}
	return 1;
}

static void free_args(char *args[ROUTE_ARGS])
{
	int i;

	for (i = 0; i < ROUTE_ARGS; i++) {
		free(args[i]);
		args[i] = NULL;
	}
}

int route_match(const char *pattern, const char *path, char *args[ROUTE_ARGS])
{
	const char *p = pattern, *q = path;
	int nargs = 0;

	memset(args, 0, sizeof(char *) * ROUTE_ARGS);
	while (*p && *q) {
		if (*p == ':') {
			const char *pend = strchr(p, '/');
			const char *qend = strchr(q, '/');
			size_t plen = pend ? (size_t)(pend - p) : strlen(p);
			size_t qlen = qend ? (size_t)(qend - q) : strlen(q);
			char kind[8];

			if (plen >= sizeof(kind) || nargs >= ROUTE_ARGS)
				goto nomatch;
			memcpy(kind, p, plen);
			kind[plen] = '\0';
			if (!seg_ok(kind, q, qlen))
				goto nomatch;
			args[nargs] = strndup(q, qlen);
			if (args[nargs] == NULL) {
				free_args(args);
				return E_NOMEM;
			}
			nargs++;
			p += plen;
			q += qlen;
			continue;
		}
		if (*p != *q)
			goto nomatch;
		p++;
		q++;
	}
	if (*p == '\0' && *q == '\0')
		return 1;
nomatch:
	free_args(args);
	return 0;
}

const route *route_find(const route *routes, size_t n, const char *method,
			const char *path, char *args[ROUTE_ARGS], unsigned *allowed)
{
	unsigned want = strcmp(method, "POST") == 0 ? R_POST
		      : (strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0) ? R_GET : 0;
	size_t i;

	*allowed = 0;
	for (i = 0; i < n; i++) {
		int m = route_match(routes[i].pattern, path, args);
		if (m <= 0)
			continue;
		if (routes[i].flags & want)
			return &routes[i];
		*allowed |= routes[i].flags & (R_GET | R_POST);
		free_args(args);
	}
	return NULL;
}
