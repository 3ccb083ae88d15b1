/* config.c: key = value configuration files (see config.h). */
#include "base/config.h"
#include "base/err.h"
#include "base/log.h"
#include "base/str.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

int config_parse(config *cfg, const char *text)
{
	const char *line = text;

	while (line && *line) {
		const char *end = strchr(line, '\n');
		const char *eq, *k, *v, *kend, *vend;
		int rc;

		if (end == NULL)
			end = line + strlen(line);
		k = line;
		while (k < end && is_blank(*k))
			k++;
		eq = memchr(k, '=', (size_t)(end - k));
		if (k < end && *k != '#' && eq != NULL) {
			kend = eq;
			while (kend > k && is_blank(kend[-1]))
				kend--;
			v = eq + 1;
			while (v < end && is_blank(*v))
				v++;
			vend = end;
			while (vend > v && is_blank(vend[-1]))
				vend--;
			rc = kv_add(&cfg->items, k, (size_t)(kend - k), v, (size_t)(vend - v));
			if (rc != 0)
				return rc;
		}
		line = *end ? end + 1 : end;
	}
	return 0;
}

int config_load(config *cfg, const char *path)
{
	FILE *f = NULL;
	strbuf sb = STRBUF_INIT;
	char buf[4096];
	size_t n;
	int rc = 0;

	memset(cfg, 0, sizeof(*cfg));
	cfg->path = strdup(path);
	f = fopen(path, "r");
	if (f == NULL) {
		log_error("config: cannot open %s: %s", path, strerror(errno));
		rc = E_IO;
		goto out;
	}
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0) {
		if (strbuf_append(&sb, buf, n) != 0) {
			rc = E_NOMEM;
			goto out;
		}
	}
	rc = config_parse(cfg, sb.s ? sb.s : "");
out:
	if (f)
		fclose(f);
	strbuf_free(&sb);
	return rc;
}

void config_free(config *cfg)
{
	kv_free(&cfg->items);
	free(cfg->path);
	cfg->path = NULL;
}

const char *config_get(const config *cfg, const char *key, const char *def)
{
	const char *v;
	size_t i;

	/* the last definition wins, so that a file can override an include */
	v = NULL;
	for (i = 0; i < cfg->items.n; i++)
		if (strcmp(cfg->items.items[i].name, key) == 0)
			v = cfg->items.items[i].value;
	return v ? v : def;
}

long long config_int(const config *cfg, const char *key, long long def)
{
	const char *v = config_get(cfg, key, NULL);
	long long out;

	if (v == NULL || parse_long(v, -(1LL << 62), 1LL << 62, &out) != 0)
		return def;
	return out;
}

const char *config_default_path(void)
{
	const char *p = getenv("TERTULIA_CONFIG");

	return (p && *p) ? p : "var/tertulia.conf";
}
