/* insight_period.c: the days of an insight filter's period (see
 * insight_read.h): which strings are days, today, day arithmetic, and the
 * period a page asks for with the as-long one before it. Days are
 * YYYY-MM-DD, UTC. */
#include "services/insight_internal.h"
#include "base/err.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int days_in_month(int y, int m)
{
	static const int n[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	return m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0) ? 29 : n[m - 1];
}

int insight_valid_day(const char *s)
{
	int y, m, d, i;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	return y >= 1970 && y <= 2999 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

time_t insight_day_time(const char *day)
{
	struct tm tm;

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = atoi(day) - 1900;
	tm.tm_mon = atoi(day + 5) - 1;
	tm.tm_mday = atoi(day + 8);
	tm.tm_hour = 12;
	return timegm(&tm);
}

static void day_of(time_t t, char out[11])
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

void insight_add_days(const char *day, long long n, char out[11])
{
	day_of(insight_day_time(day) + (time_t)n * 86400, out);
}

void insight_today(char out[11])
{
	day_of(time(NULL), out);
}

long long insight_days_between(const char *a, const char *b)
{
	return (long long)llround(difftime(insight_day_time(b), insight_day_time(a)) / 86400.0);
}

int insight_set_period(insight_filter *f, const char *from, const char *to)
{
	char today[11];

	insight_today(today);
	if (to && *to) {
		if (!insight_valid_day(to))
			return E_INVALID;
		snprintf(f->to, sizeof(f->to), "%s", to);
	} else {
		snprintf(f->to, sizeof(f->to), "%s", today);
	}
	if (from && *from) {
		if (!insight_valid_day(from))
			return E_INVALID;
		snprintf(f->from, sizeof(f->from), "%s", from);
	} else {
		insight_add_days(f->to, -(INSIGHT_DEFAULT_DAYS - 1), f->from);
	}
	f->days = insight_days_between(f->from, f->to) + 1;
	if (f->days < 1 || f->days > INSIGHT_MAX_DAYS)
		return E_INVALID;
	insight_add_days(f->from, -1, f->prev_to);
	insight_add_days(f->from, -f->days, f->prev_from);
	return 0;
}
