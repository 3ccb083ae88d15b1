/* view.h: ClearSilver templates, language files and JSON twins.
 *
 * Templates are parsed once per process and rendered many times: each render
 * swaps the request's HDF into the parsed tree, with the language HDF as the
 * fallback ("global") HDF, so "L.login.title" finds the right text without
 * copying the language into every request. Every render runs with
 * Config.VarEscapeMode = html, so `var:` always escapes; `uvar:` in the
 * templates prints only HTML we made: our Markdown renderer's, the JSON-LD,
 * and an insight page's figures drawn earlier by a template (*_html).
 *
 * ClearSilver's NEOERR chains stay inside this file: they are logged here and
 * turned into our error codes.
 */
#ifndef TERTULIA_VIEW_H
#define TERTULIA_VIEW_H

#include <ClearSilver.h>
#include "base/str.h"

typedef struct template_cache template_cache;

/* Makes an empty cache for templates under dir (copied). */
int view_new(template_cache **out, const char *dir);
void view_free(template_cache *tc);

/* Renders template `name` (dir/NAME.cs; NAME may name a subfolder, as
 * "forum/thread", but nothing outside dir) with data hdf and language lang,
 * appending the output to out. Returns 0, E_NOTFOUND or E_IO (logged).
 * Templates include others by their path under dir ("header.cs",
 * "reviews/macros.cs"): dir is the parse's hdf.loadpaths.0. */
int view_render(template_cache *tc, const char *name, HDF *hdf, HDF *lang, strbuf *out);

/* Loads a language file. Returns 0 or E_IO (logged). The caller owns *out. */
int view_load_lang(const char *path, HDF **out);

/* Appends node's children as one JSON object (see json rules in view.c). */
int view_json_object(HDF *node, strbuf *out);
/* Appends s as a JSON string literal. */
int json_string(strbuf *out, const char *s);

#endif
