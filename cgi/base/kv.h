/* kv.h: ordered name=value lists (query strings, form bodies, cookies).
 *
 * A kvlist owns copies of every name and value. Values are byte strings that
 * may hold NUL bytes (percent-encoded %00), so each carries its length;
 * validation (form.c) refuses such values before any handler sees them.
 */
#ifndef TERTULIA_KV_H
#define TERTULIA_KV_H

#include <stddef.h>

typedef struct kv {
	char *name;
	char *value;
	size_t value_len;
} kv;

typedef struct kvlist {
	kv *items;
	size_t n, cap;
} kvlist;

#define KVLIST_INIT { NULL, 0, 0 }

/* Most pairs a list takes; past it parsing fails with E_TOOBIG, so that a
 * body of 100,000 fields costs nothing more than its bytes. */
#define KV_MAX_PAIRS 256

/* Appends copies of name and value. Returns 0, E_NOMEM or E_TOOBIG. */
int kv_add(kvlist *l, const char *name, size_t name_len,
	   const char *value, size_t value_len);
/* The first value named name, or NULL. Borrowed: valid while l lives. */
const char *kv_get(const kvlist *l, const char *name);
/* The first pair named name, or NULL. */
const kv *kv_find(const kvlist *l, const char *name);
void kv_free(kvlist *l);

/* Parses application/x-www-form-urlencoded text (also query strings):
 * '&'-separated pairs, '+' as space, %XX escapes. A malformed escape is an
 * error rather than a guess. Returns 0, E_INVALID, E_NOMEM or E_TOOBIG. */
int kv_parse_urlencoded(kvlist *l, const char *s, size_t n);

/* Parses a Cookie header ("a=1; b=2"). Cookies are not percent-decoded.
 * Returns 0, E_NOMEM or E_TOOBIG. */
int kv_parse_cookies(kvlist *l, const char *header);

/* Percent-decodes n bytes of s into an allocated buffer (caller frees) and
 * stores its length in *out_len. plus_is_space turns '+' into ' '.
 * Returns NULL on a malformed escape or when memory runs out. */
char *url_decode(const char *s, size_t n, int plus_is_space, size_t *out_len);

#endif
