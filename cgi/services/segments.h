/* segments.h: the member segments ("personas") marketing sets up, such as
 * first-time buyers or professionals.
 *
 * The list is configuration: insights.segments holds keys joined by '|'
 * (1-40 of [a-z0-9_] each, at most SEGMENTS_MAX); their names are in the
 * language files under L.insights.segment_names.KEY, and a key without one
 * is shown as it is. Members pick one in /settings (users.segment, '' for
 * none); the insight pages filter by it.
 */
#ifndef TERTULIA_SEGMENTS_H
#define TERTULIA_SEGMENTS_H

#include <stddef.h>
#include "base/config.h"

#define SEGMENT_KEY_MAX 40
#define SEGMENTS_MAX 16
#define SEGMENTS_DEFAULT "first_time_buyer|regular_customer|home_cook|professional"

typedef struct segment_list {
	size_t n;
	char key[SEGMENTS_MAX][SEGMENT_KEY_MAX + 1];
} segment_list;

/* Parses a list of keys joined by '|'. Malformed keys and those past
 * SEGMENTS_MAX are skipped; duplicates are kept once. */
void segments_parse(const char *list, segment_list *out);

/* The configured list (insights.segments, or SEGMENTS_DEFAULT). */
void segments_load(const config *cfg, segment_list *out);

/* Whether key is one of the list's keys. */
int segments_has(const segment_list *l, const char *key);


#endif
