/* hdf.c: setting single values in a ClearSilver HDF tree (hdf.h). */
#include "base/hdf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

void hdf_str(HDF *h, const char *name, const char *value)
{
	NEOERR *err = hdf_set_value(h, name, value ? value : "");
	nerr_ignore(&err);
}

void hdf_int(HDF *h, const char *name, long long value)
{
	char buf[32];
	NEOERR *err;

	snprintf(buf, sizeof(buf), "%lld", value);
	err = hdf_set_value(h, name, buf);
	if (err == STATUS_OK)
		err = hdf_set_attr(h, name, "t", "n");
	nerr_ignore(&err);
}

void hdf_strf(HDF *h, const char *name, const char *fmt, ...)
{
	char *text = NULL;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&text, fmt, ap);
	va_end(ap);
	if (n >= 0) {
		hdf_str(h, name, text);
		free(text);
	}
}

void hdf_str_at(HDF *h, const char *prefix, const char *name, const char *value)
{
	char key[320];

	snprintf(key, sizeof(key), "%s.%s", prefix, name);
	hdf_str(h, key, value);
}

void hdf_int_at(HDF *h, const char *prefix, const char *name, long long value)
{
	char key[320];

	snprintf(key, sizeof(key), "%s.%s", prefix, name);
	hdf_int(h, key, value);
}
