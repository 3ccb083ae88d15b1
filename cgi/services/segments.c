/* segments.c: the configured member segments (see segments.h). */
#include "services/segments.h"

#include <stdio.h>
#include <string.h>

static int valid_key(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || n > SEGMENT_KEY_MAX)
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
			return 0;
	return 1;
}

void segments_parse(const char *list, segment_list *out)
{
	const char *p = list;

	memset(out, 0, sizeof(*out));
	while (p && *p && out->n < SEGMENTS_MAX) {
		const char *bar = strchr(p, '|');
		size_t n = bar ? (size_t)(bar - p) : strlen(p);

		while (n > 0 && (*p == ' ')) /* "a | b" is "a|b" */
			p++, n--;
		while (n > 0 && p[n - 1] == ' ')
			n--;
		if (valid_key(p, n)) {
			memcpy(out->key[out->n], p, n);
			out->key[out->n][n] = '\0';
			if (!segments_has(out, out->key[out->n])) /* not yet listed */
				out->n++;
		}
		p = bar ? bar + 1 : NULL;
	}
}

void segments_load(const config *cfg, segment_list *out)
{
	segments_parse(config_get(cfg, "insights.segments", SEGMENTS_DEFAULT), out);
}

int segments_has(const segment_list *l, const char *key)
{
	size_t i;

	for (i = 0; key && *key && i < l->n; i++)
		if (strcmp(l->key[i], key) == 0)
			return 1;
	return 0;
}
