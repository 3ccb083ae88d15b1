/* segments_view.h: the member segments (services/segments.h) as a form
 * offers them, in the reader's language. */
#ifndef TERTULIA_SEGMENTS_VIEW_H
#define TERTULIA_SEGMENTS_VIEW_H

#include "web/app.h"

/* Puts the configured segments at prefix.N.{key,name} of r's HDF, for a
 * form's choices: the name in the request's language, or the key when the
 * language files have none. r is borrowed. */
void segments_hdf(request *r, const char *prefix);

#endif
