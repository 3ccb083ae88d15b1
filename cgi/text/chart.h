/* chart.h: charts drawn on the server as SVG for the insight pages, as HDF
 * data that templates/insights/macros.cs turns into an <svg> with a <title>,
 * a <desc>, axes with their labels and a legend. Every coordinate is
 * computed here; every text (titles, labels) is an HDF value the template
 * prints escaped, so no markup is ever built from strings. The numbers are
 * also put in a table beside each chart by the page.
 *
 * The HDF a chart fills under its prefix:
 *   id, title, desc, w, h             the viewBox is 0 0 w h
 *   plot.{x,y,w,h,bottom,right}      the plotting area
 *   xlabel, ylabel, ylabel_y          axis names (ylabel drawn rotated)
 *   yticks.N.{y,label}               horizontal grid lines and their values
 *   xticks.N.{x,label}               category labels under the axis
 *   zero.y                            a line at value 0 when the scale spans it
 *   lines.N.{name,cls}.segs.M.points  polylines (a gap where a value is missing)
 *   lines.N.dots.M.{x,y,label}        a point per value (with its text)
 *   bars.N.{x,y,w,h,cls,label,value_x,value_y}  vertical bars
 *   legend.N.{name,cls,x,y,tx,ty}     a swatch at x,y and its name at tx,ty
 *   ylabel_x, ytick_x, xtick_y, xlabel_x, xlabel_y   where the texts go
 * Coordinates are written with one decimal.
 *
 * Pure apart from the HDF it writes: no database, no request.
 */
#ifndef TERTULIA_CHART_H
#define TERTULIA_CHART_H

#include <ClearSilver.h>
#include <stddef.h>

#define CHART_W 640
#define CHART_H 260
#define CHART_MAX_XTICKS 8

/* A "nice" axis: lo <= data, hi >= data, ticks every step (1, 2 or 5 times
 * a power of ten), at most max_ticks + 1 of them. */
typedef struct chart_scale {
	double lo, hi, step;
	int nticks;
} chart_scale;

/* Makes a nice scale covering [lo, hi] (hi == lo is widened; lo > hi are
 * swapped). Returns 0, or E_INVALID for non-finite input or max_ticks < 1. */
int chart_nice_scale(double lo, double hi, int max_ticks, chart_scale *out);

/* Maps v in [lo, hi] linearly onto [p0, p1] (p1 < p0 for the y axis). A
 * zero-width domain maps to the middle. */
double chart_map(double v, double lo, double hi, double p0, double p1);

/* Writes v with decimals digits in the language's way: "1,234.5" in
 * English, "1234,5" and "12.345,5" in Spanish (which groups thousands from
 * five digits up). Non-finite values are written "–". */
void chart_format(char *out, size_t size, double v, int decimals, const char *lang);

typedef struct chart_spec {
	const char *id;      /* unique in the page: element ids */
	const char *title, *desc, *xlabel, *ylabel;
	const char *lang;    /* number formatting */
	int decimals;        /* of the values and y ticks */
	int fixed;           /* 1: the y scale is [lo, hi] as given */
	double lo, hi;
} chart_spec;

typedef struct chart_series {
	const char *name;    /* in the legend */
	const char *cls;     /* a CSS class: its colour */
	const double *v;     /* n values */
	const int *present;  /* n flags (NULL: all present) */
} chart_series;

/* A line chart of nseries series over n x categories (labels). Returns 0,
 * E_INVALID (n == 0 or nseries == 0) or E_NOMEM. */
int chart_lines(HDF *h, const char *prefix, const chart_spec *spec, const char *const *labels,
		size_t n, const chart_series *series, size_t nseries);

/* A bar chart of one series over n categories. */
int chart_bars(HDF *h, const char *prefix, const chart_spec *spec, const char *const *labels,
	       size_t n, const chart_series *series);

#endif
