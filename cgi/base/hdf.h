/* hdf.h: single values into a ClearSilver HDF tree, the data a template
 * and a page's JSON twin are drawn from.
 *
 * The setters log nothing and ignore the allocation failure of a single
 * value (the page then shows less, never crashes). Values are copied; h is
 * borrowed. */
#ifndef TERTULIA_HDF_H
#define TERTULIA_HDF_H

#include <ClearSilver.h>

void hdf_str(HDF *h, const char *name, const char *value);
/* The value is marked numeric, so that the JSON twin writes a number. */
void hdf_int(HDF *h, const char *name, long long value);
void hdf_strf(HDF *h, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* hdf_str and hdf_int of the value prefix.name (a name of at most 319
 * bytes in all; a longer one is cut). */
void hdf_str_at(HDF *h, const char *prefix, const char *name, const char *value);
void hdf_int_at(HDF *h, const char *prefix, const char *name, long long value);

#endif
