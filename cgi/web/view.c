/* view.c: templates, languages and JSON twins (see view.h). */
#include "web/view.h"
#include "base/err.h"
#include "base/log.h"
#include "base/utf8.h"

#include <cgi/cgi.h>
#include <stdlib.h>
#include <string.h>

#define MAX_TEMPLATES 64

struct template_cache {
	char *dir;
	HDF *init_hdf; /* the settings every parse is made with */
	struct {
		char *name;
		CSPARSE *cs;
	} t[MAX_TEMPLATES];
	size_t n;
};

/* Logs a ClearSilver error chain and frees it. */
static int neo_fail(NEOERR *err, const char *what)
{
	STRING str;

	string_init(&str);
	nerr_error_string(err, &str);
	log_error("view: %s: %s", what, str.buf ? str.buf : "?");
	string_clear(&str);
	nerr_ignore(&err);
	return E_IO;
}

int view_new(template_cache **out, const char *dir)
{
	template_cache *tc = calloc(1, sizeof(*tc));

	if (tc == NULL || (tc->dir = strdup(dir)) == NULL)
		goto fail;
	if (hdf_init(&tc->init_hdf) != STATUS_OK)
		goto fail;
	if (hdf_set_value(tc->init_hdf, "Config.VarEscapeMode", "html") != STATUS_OK ||
	    hdf_set_value(tc->init_hdf, "hdf.loadpaths.0", dir) != STATUS_OK)
		goto fail;
	*out = tc;
	return 0;
fail:
	if (tc) {
		if (tc->init_hdf)
			hdf_destroy(&tc->init_hdf);
		free(tc->dir);
		free(tc);
	}
	return E_NOMEM;
}

void view_free(template_cache *tc)
{
	size_t i;

	if (tc == NULL)
		return;
	for (i = 0; i < tc->n; i++) {
		tc->t[i].cs->hdf = tc->init_hdf;
		cs_destroy(&tc->t[i].cs);
		free(tc->t[i].name);
	}
	hdf_destroy(&tc->init_hdf);
	free(tc->dir);
	free(tc);
}

/* A template name is one or more words of [a-z0-9_-] joined by "/", as
 * "error" or "forum/thread": it can name no file outside the folder (no
 * ".", no leading, doubled or trailing "/"), and ".cs" is added here. */
static int is_template_name(const char *name)
{
	const char *p = name;
	size_t word = 0;

	for (; *p; p++) {
		if (*p == '/') {
			if (word == 0)
				return 0;
			word = 0;
		} else if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
			   *p == '_' || *p == '-') {
			word++;
		} else {
			return 0;
		}
	}
	return word > 0;
}

/* path_escape(s): s as one part of an address's path, every byte but
 * [A-Za-z0-9._~-] written %XX: a member's name in /u/NAME, accents and
 * spaces included (url_escape writes a space "+", which a path keeps). */
static NEOERR *path_escape(const char *in, char **out)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = strlen(in), i, j = 0;
	char *s = malloc(n * 3 + 1);

	if (s == NULL)
		return nerr_raise(NERR_NOMEM, "path_escape: out of memory");
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)in[i];

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '.' || c == '_' || c == '~' || c == '-') {
			s[j++] = (char)c;
		} else {
			s[j++] = '%';
			s[j++] = hex[c >> 4];
			s[j++] = hex[c & 15];
		}
	}
	s[j] = '\0';
	*out = s;
	return STATUS_OK;
}

/* initial(s): the first character of s, whole (an avatar's letter), where
 * string.slice counts bytes and would cut the "Á" of "Ángel" in half. */
static NEOERR *initial(const char *in, char **out)
{
	size_t n = strlen(in), len = 0;

	if (n > 0 && utf8_decode((const unsigned char *)in, n, &len) < 0)
		len = 0; /* not UTF-8: no letter rather than half of one */
	*out = strndup(in, len);
	if (*out == NULL)
		return nerr_raise(NERR_NOMEM, "initial: out of memory");
	return STATUS_OK;
}

/* Finds or parses a template. */
static int view_get(template_cache *tc, const char *name, CSPARSE **out)
{
	CSPARSE *cs = NULL;
	NEOERR *err;
	char path[512];
	size_t i;

	for (i = 0; i < tc->n; i++) {
		if (strcmp(tc->t[i].name, name) == 0) {
			*out = tc->t[i].cs;
			return 0;
		}
	}
	if (tc->n == MAX_TEMPLATES || !is_template_name(name))
		return E_NOTFOUND;
	snprintf(path, sizeof(path), "%s/%s.cs", tc->dir, name);
	err = cs_init(&cs, tc->init_hdf);
	if (err == STATUS_OK)
		err = cgi_register_strfuncs(cs);
	if (err == STATUS_OK)
		err = cs_register_strfunc(cs, "path_escape", path_escape);
	if (err == STATUS_OK)
		err = cs_register_strfunc(cs, "initial", initial);
	if (err == STATUS_OK)
		err = cs_parse_file(cs, path);
	if (err != STATUS_OK) {
		if (cs)
			cs_destroy(&cs);
		return neo_fail(err, path);
	}
	tc->t[tc->n].name = strdup(name);
	if (tc->t[tc->n].name == NULL) {
		cs_destroy(&cs);
		return E_NOMEM;
	}
	tc->t[tc->n].cs = cs;
	tc->n++;
	*out = cs;
	return 0;
}

static NEOERR *render_to_strbuf(void *ctx, char *s)
{
	if (strbuf_puts(ctx, s) != 0)
		return nerr_raise(NERR_NOMEM, "render: out of memory");
	return STATUS_OK;
}

int view_render(template_cache *tc, const char *name, HDF *hdf, HDF *lang, strbuf *out)
{
	CSPARSE *cs = NULL;
	NEOERR *err;
	int rc = view_get(tc, name, &cs);

	if (rc != 0)
		return rc;
	cs->hdf = hdf;
	cs->global_hdf = lang;
	err = cs_render(cs, out, render_to_strbuf);
	/* leave nothing of the request in the process-owned tree */
	cs->hdf = tc->init_hdf;
	cs->global_hdf = NULL;
	if (err != STATUS_OK)
		return neo_fail(err, name);
	return 0;
}

int view_load_lang(const char *path, HDF **out)
{
	HDF *h = NULL;
	NEOERR *err = hdf_init(&h);

	if (err == STATUS_OK)
		err = hdf_read_file(h, path);
	if (err != STATUS_OK) {
		if (h)
			hdf_destroy(&h);
		return neo_fail(err, path);
	}
	*out = h;
	return 0;
}

int json_string(strbuf *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	char esc[8];
	int rc = strbuf_append(out, "\"", 1);

	for (; rc == 0 && *p; p++) {
		switch (*p) {
		case '"': rc = strbuf_append(out, "\\\"", 2); break;
		case '\\': rc = strbuf_append(out, "\\\\", 2); break;
		case '\n': rc = strbuf_append(out, "\\n", 2); break;
		case '\r': rc = strbuf_append(out, "\\r", 2); break;
		case '\t': rc = strbuf_append(out, "\\t", 2); break;
		case '<': rc = strbuf_append(out, "\\u003c", 6); break; /* safe in <script> */
		case '>': rc = strbuf_append(out, "\\u003e", 6); break;
		case '&': rc = strbuf_append(out, "\\u0026", 6); break;
		default:
			if (*p < 0x20) {
				snprintf(esc, sizeof(esc), "\\u%04x", *p);
				rc = strbuf_append(out, esc, 6);
			} else {
				rc = strbuf_append(out, (const char *)p, 1);
			}
		}
	}
	return rc ? rc : strbuf_append(out, "\"", 1);
}

/* Children named 0, 1, 2, ... in order make an array. */
static int is_array(HDF *node)
{
	HDF *c;
	int i = 0;
	char want[24];

	c = hdf_obj_child(node);
	if (c == NULL)
		return 0;
	for (; c; c = hdf_obj_next(c), i++) {
		snprintf(want, sizeof(want), "%d", i);
		if (strcmp(hdf_obj_name(c), want) != 0)
			return 0;
	}
	return 1;
}

static int is_number_node(HDF *node)
{
	HDF_ATTR *a;

	for (a = hdf_obj_attr(node); a; a = a->next)
		if (strcmp(a->key, "t") == 0 && strcmp(a->value, "n") == 0)
			return 1;
	return 0;
}

static int json_value(HDF *node, strbuf *out, int depth);

static int json_children(HDF *node, strbuf *out, int depth, int array)
{
	HDF *c;
	int rc = strbuf_puts(out, array ? "[" : "{");

	for (c = hdf_obj_child(node); rc == 0 && c; c = hdf_obj_next(c)) {
		if (c != hdf_obj_child(node))
			rc = strbuf_puts(out, ",");
		if (rc == 0 && !array) {
			rc = json_string(out, hdf_obj_name(c));
			if (rc == 0)
				rc = strbuf_puts(out, ":");
		}
		if (rc == 0)
			rc = json_value(c, out, depth + 1);
	}
	return rc ? rc : strbuf_puts(out, array ? "]" : "}");
}

/* A node with children is an object (or array); a leaf is a string, or a
 * number when it was set with the number mark (hdf_int, numeric columns). */
static int json_value(HDF *node, strbuf *out, int depth)
{
	const char *v = hdf_obj_value(node);

	if (depth > 32)
		return strbuf_puts(out, "null");
	if (hdf_obj_child(node))
		return json_children(node, out, depth, is_array(node));
	if (v == NULL)
		return strbuf_puts(out, "null");
	if (is_number_node(node) && *v)
		return strbuf_puts(out, v);
	return json_string(out, v);
}

int view_json_object(HDF *node, strbuf *out)
{
	if (node == NULL || hdf_obj_child(node) == NULL)
		return strbuf_puts(out, "{}");
	return json_children(node, out, 0, 0);
}
