/* chart.c: SVG chart geometry into HDF (see chart.h). */
#include "text/chart.h"
#include "base/err.h"
#include "base/str.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* The plotting area inside the viewBox: room on the left for the y tick
 * values and the axis name, below for the x labels and the axis name, and
 * above for the legend. */
#define PLOT_X 64.0
#define PLOT_Y 30.0
#define PLOT_W (CHART_W - PLOT_X - 16.0)
#define PLOT_H (CHART_H - PLOT_Y - 52.0)

static double nice_number(double x, int round_it)
{
	double e = floor(log10(x)), f = x / pow(10, e), nf;

	if (round_it)
		nf = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
	else
		nf = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
	return nf * pow(10, e);
}

int chart_nice_scale(double lo, double hi, int max_ticks, chart_scale *out)
{
	double range, step;

	if (!isfinite(lo) || !isfinite(hi) || max_ticks < 1)
		return E_INVALID;
	if (lo > hi) {
		double t = lo;
		lo = hi;
		hi = t;
	}
	if (hi - lo < 1e-9) {
		/* one value: a scale around it (from 0 for counts) */
		if (lo >= 0 && lo < 1e-9) {
			hi = 1;
		} else if (lo > 0) {
			lo = 0;
		} else {
			hi = lo + fabs(lo) + 1;
		}
	}
	range = nice_number(hi - lo, 0);
	step = nice_number(range / max_ticks, 1);
	/* the rounded step may still give too many ticks */
	while ((ceil(hi / step) - floor(lo / step)) > max_ticks)
		step = nice_number(step * 1.5, 0);
	out->step = step;
	out->lo = floor(lo / step) * step;
	out->hi = ceil(hi / step) * step;
	if (out->hi - out->lo < step / 2)
		out->hi = out->lo + step;
	out->nticks = (int)llround((out->hi - out->lo) / step) + 1;
	return 0;
}

double chart_map(double v, double lo, double hi, double p0, double p1)
{
	if (hi - lo == 0)
		return (p0 + p1) / 2;
	return p0 + (v - lo) * (p1 - p0) / (hi - lo);
}

/* Puts a grouping character every three digits of the integer part. */
static void group_digits(char *s, size_t size, char sep)
{
	char tmp[64];
	char *dot = strpbrk(s, ".,");
	size_t int_len = dot ? (size_t)(dot - s) : strlen(s), start = s[0] == '-', i, o = 0;
	size_t digits = int_len - start;

	if (digits <= 3 || strlen(s) + digits / 3 + 1 > sizeof(tmp) || strlen(s) + digits / 3 >= size)
		return;
	for (i = 0; i < int_len; i++) {
		tmp[o++] = s[i];
		if (i >= start && i + 1 < int_len && (int_len - i - 1) % 3 == 0)
			tmp[o++] = sep;
	}
	strcpy(tmp + o, s + int_len);
	strcpy(s, tmp);
}

void chart_format(char *out, size_t size, double v, int decimals, const char *lang)
{
	int es = lang && strcmp(lang, "es") == 0;
	char *p;
	size_t digits;

	if (size == 0)
		return;
	if (!isfinite(v)) {
		snprintf(out, size, "–");
		return;
	}
	if (decimals < 0)
		decimals = 0;
	snprintf(out, size, "%.*f", decimals, v);
	if (strcmp(out, "-0") == 0 || (strncmp(out, "-0.", 3) == 0 && strspn(out + 3, "0") == strlen(out + 3)))
		memmove(out, out + 1, strlen(out)); /* no "-0.0" */
	p = strchr(out, '.');
	digits = (p ? (size_t)(p - out) : strlen(out)) - (out[0] == '-');
	if (es && p)
		*p = ',';
	if (!es)
		group_digits(out, size, ',');
	else if (digits >= 5)
		group_digits(out, size, '.');
}

/* ------------------------------------------------------------- writing */

static void put(HDF *h, const char *prefix, const char *name, const char *value)
{
	char key[256];
	NEOERR *err;

	snprintf(key, sizeof(key), "%s.%s", prefix, name);
	err = hdf_set_value(h, key, value ? value : "");
	nerr_ignore(&err);
}

static void putf(HDF *h, const char *prefix, const char *name, double v)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%.1f", v);
	put(h, prefix, name, buf);
}

static void puti(HDF *h, const char *prefix, const char *name, long long v)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%lld", v);
	put(h, prefix, name, buf);
}

/* The frame every chart has: size, texts, the plotting area, the y ticks
 * of scale sc, and the x labels of n categories. */
static void frame(HDF *h, const char *prefix, const chart_spec *spec, const chart_scale *sc,
		  const char *const *labels, size_t n)
{
	char key[64], text[48];
	size_t i, every = (n + CHART_MAX_XTICKS - 1) / CHART_MAX_XTICKS, k = 0;
	int t;

	put(h, prefix, "id", spec->id);
	put(h, prefix, "title", spec->title);
	put(h, prefix, "desc", spec->desc);
	put(h, prefix, "xlabel", spec->xlabel);
	put(h, prefix, "ylabel", spec->ylabel);
	puti(h, prefix, "w", CHART_W);
	puti(h, prefix, "h", CHART_H);
	putf(h, prefix, "plot.x", PLOT_X);
	putf(h, prefix, "plot.y", PLOT_Y);
	putf(h, prefix, "plot.w", PLOT_W);
	putf(h, prefix, "plot.h", PLOT_H);
	putf(h, prefix, "plot.right", PLOT_X + PLOT_W);
	putf(h, prefix, "plot.bottom", PLOT_Y + PLOT_H);
	putf(h, prefix, "xlabel_x", PLOT_X + PLOT_W / 2);
	putf(h, prefix, "xlabel_y", CHART_H - 8.0);
	putf(h, prefix, "ylabel_y", PLOT_Y + PLOT_H / 2);
	putf(h, prefix, "ylabel_x", 14.0);
	putf(h, prefix, "ytick_x", PLOT_X - 6.0);
	putf(h, prefix, "xtick_y", PLOT_Y + PLOT_H + 16.0);
	for (t = 0; t < sc->nticks; t++) {
		double v = sc->lo + t * sc->step;
		snprintf(key, sizeof(key), "yticks.%d.y", t);
		putf(h, prefix, key, chart_map(v, sc->lo, sc->hi, PLOT_Y + PLOT_H, PLOT_Y));
		chart_format(text, sizeof(text), v, spec->decimals, spec->lang);
		snprintf(key, sizeof(key), "yticks.%d.label", t);
		put(h, prefix, key, text);
	}
	if (sc->lo < 0 && sc->hi > 0)
		putf(h, prefix, "zero.y", chart_map(0, sc->lo, sc->hi, PLOT_Y + PLOT_H, PLOT_Y));
	for (i = 0; i < n; i += every ? every : 1, k++) {
		snprintf(key, sizeof(key), "xticks.%zu.x", k);
		putf(h, prefix, key, PLOT_X + (i + 0.5) * PLOT_W / (double)n);
		snprintf(key, sizeof(key), "xticks.%zu.label", k);
		put(h, prefix, key, labels[i]);
	}
}

/* The scale of the values present in the series (or the spec's). */
static int scale_of(const chart_spec *spec, size_t n, const chart_series *s, size_t ns,
		    chart_scale *sc)
{
	double lo = 0, hi = 0;
	size_t i, j;
	int any = 0;

	if (spec->fixed) {
		sc->lo = spec->lo;
		sc->hi = spec->hi;
		if (chart_nice_scale(spec->lo, spec->hi, 4, sc) != 0)
			return E_INVALID;
		sc->lo = spec->lo; /* keep the given ends, ticks on the nice step */
		sc->hi = spec->hi;
		sc->nticks = (int)floor((sc->hi - sc->lo) / sc->step + 1e-9) + 1;
		return 0;
	}
	for (j = 0; j < ns; j++)
		for (i = 0; i < n; i++) {
			double v = s[j].v[i];
			if ((s[j].present && !s[j].present[i]) || !isfinite(v))
				continue;
			if (!any || v < lo)
				lo = v;
			if (!any || v > hi)
				hi = v;
			any = 1;
		}
	if (lo > 0)
		lo = 0; /* counts start at 0 */
	return chart_nice_scale(lo, any ? hi : 1, 5, sc);
}

static void legend(HDF *h, const char *prefix, const chart_series *s, size_t ns)
{
	char key[64];
	size_t j;

	for (j = 0; j < ns; j++) {
		snprintf(key, sizeof(key), "legend.%zu.name", j);
		put(h, prefix, key, s[j].name);
		snprintf(key, sizeof(key), "legend.%zu.cls", j);
		put(h, prefix, key, s[j].cls);
		snprintf(key, sizeof(key), "legend.%zu.x", j);
		putf(h, prefix, key, PLOT_X + 130.0 * (double)j);
		snprintf(key, sizeof(key), "legend.%zu.y", j);
		putf(h, prefix, key, 6.0);
		snprintf(key, sizeof(key), "legend.%zu.tx", j);
		putf(h, prefix, key, PLOT_X + 130.0 * (double)j + 16.0);
		snprintf(key, sizeof(key), "legend.%zu.ty", j);
		putf(h, prefix, key, 16.0);
	}
}

int chart_lines(HDF *h, const char *prefix, const chart_spec *spec, const char *const *labels,
		size_t n, const chart_series *series, size_t nseries)
{
	chart_scale sc;
	char key[96], text[48];
	size_t i, j;

	if (n == 0 || nseries == 0)
		return E_INVALID;
	if (scale_of(spec, n, series, nseries, &sc) != 0)
		return E_INVALID;
	frame(h, prefix, spec, &sc, labels, n);
	if (nseries > 1)
		legend(h, prefix, series, nseries);
	for (j = 0; j < nseries; j++) {
		strbuf pts = STRBUF_INIT;
		size_t seg = 0, dot = 0;

		snprintf(key, sizeof(key), "lines.%zu.name", j);
		put(h, prefix, key, series[j].name);
		snprintf(key, sizeof(key), "lines.%zu.cls", j);
		put(h, prefix, key, series[j].cls);
		for (i = 0; i <= n; i++) {
			int here = i < n && (!series[j].present || series[j].present[i]) &&
				   isfinite(series[j].v[i]);
			if (here) {
				double x = PLOT_X + (i + 0.5) * PLOT_W / (double)n;
				double y = chart_map(series[j].v[i], sc.lo, sc.hi, PLOT_Y + PLOT_H, PLOT_Y);
				if (strbuf_printf(&pts, "%s%.1f,%.1f", pts.len ? " " : "", x, y) != 0) {
					strbuf_free(&pts);
					return E_NOMEM;
				}
				snprintf(key, sizeof(key), "lines.%zu.dots.%zu.x", j, dot);
				putf(h, prefix, key, x);
				snprintf(key, sizeof(key), "lines.%zu.dots.%zu.y", j, dot);
				putf(h, prefix, key, y);
				chart_format(text, sizeof(text), series[j].v[i], spec->decimals, spec->lang);
				snprintf(key, sizeof(key), "lines.%zu.dots.%zu.label", j, dot);
				put(h, prefix, key, text);
				snprintf(key, sizeof(key), "lines.%zu.dots.%zu.x_label", j, dot++);
				put(h, prefix, key, labels[i]);
			} else if (pts.len) { /* a gap ends the segment */
				snprintf(key, sizeof(key), "lines.%zu.segs.%zu.points", j, seg++);
				put(h, prefix, key, pts.s);
				strbuf_free(&pts);
			}
		}
		strbuf_free(&pts);
	}
	return 0;
}

int chart_bars(HDF *h, const char *prefix, const chart_spec *spec, const char *const *labels,
	       size_t n, const chart_series *series)
{
	chart_scale sc;
	char key[64], text[48];
	double band, bw;
	size_t i;

	if (n == 0)
		return E_INVALID;
	if (scale_of(spec, n, series, 1, &sc) != 0)
		return E_INVALID;
	frame(h, prefix, spec, &sc, labels, n);
	band = PLOT_W / (double)n;
	bw = band * 0.6;
	for (i = 0; i < n; i++) {
		double v = (series->present && !series->present[i]) || !isfinite(series->v[i]) ? 0
			   : series->v[i];
		double base = chart_map(sc.lo > 0 ? sc.lo : 0, sc.lo, sc.hi, PLOT_Y + PLOT_H, PLOT_Y);
		double top = chart_map(v, sc.lo, sc.hi, PLOT_Y + PLOT_H, PLOT_Y);
		double x = PLOT_X + i * band + (band - bw) / 2;

		snprintf(key, sizeof(key), "bars.%zu.x", i);
		putf(h, prefix, key, x);
		snprintf(key, sizeof(key), "bars.%zu.w", i);
		putf(h, prefix, key, bw);
		snprintf(key, sizeof(key), "bars.%zu.y", i);
		putf(h, prefix, key, top < base ? top : base);
		snprintf(key, sizeof(key), "bars.%zu.h", i);
		putf(h, prefix, key, fabs(base - top));
		snprintf(key, sizeof(key), "bars.%zu.cls", i);
		put(h, prefix, key, series->cls);
		chart_format(text, sizeof(text), v, spec->decimals, spec->lang);
		snprintf(key, sizeof(key), "bars.%zu.label", i);
		put(h, prefix, key, text);
		snprintf(key, sizeof(key), "bars.%zu.x_label", i);
		put(h, prefix, key, labels[i]);
		snprintf(key, sizeof(key), "bars.%zu.value_x", i);
		putf(h, prefix, key, x + bw / 2);
		snprintf(key, sizeof(key), "bars.%zu.value_y", i);
		putf(h, prefix, key, (top < base ? top : base) - 4.0);
	}
	return 0;
}
