/* demo_insights.c: the insight pages' part of the demo: the demo members'
 * segments (as if each had chosen one before writing), then the rollups
 * rebuilt, since the demo backdates its content after writing it. */
#include "ctl.h"

#include <stdio.h>

static const char SQL_USER_SEGMENT[] = "UPDATE users SET segment = ? WHERE id = ?";
static const char SQL_POSTS_SEGMENT[] = "UPDATE posts SET segment = ? WHERE user_id = ?";
static const char SQL_REVIEWS_SEGMENT[] = "UPDATE reviews SET segment = ? WHERE user_id = ?";
static const char SQL_IDEAS_SEGMENT[] = "UPDATE ideas SET segment = ? WHERE user_id = ?";

/* Indexes into the demo users (cgi/ctl/demo.c), and the segments of
 * SEGMENTS_DEFAULT they belong to. */
static const struct {
	int user;
	const char *segment;
} demo_segments[] = {
	{ 4, "home_cook" },          /* maria */
	{ 5, "first_time_buyer" },   /* john */
	{ 6, "professional" },       /* lucia */
	{ 7, "regular_customer" },   /* oliver */
};

int demo_insights(db *d, const config *cfg, const long long *users)
{
	size_t i;
	int rc = 0;

	for (i = 0; rc == 0 && i < sizeof(demo_segments) / sizeof(demo_segments[0]); i++) {
		long long id = users[demo_segments[i].user];
		const char *s = demo_segments[i].segment;

		rc = DB_EXEC(d, SQL_USER_SEGMENT, NULL, DBS(s), DBI(id));
		if (rc == 0)
			rc = DB_EXEC(d, SQL_POSTS_SEGMENT, NULL, DBS(s), DBI(id));
		if (rc == 0)
			rc = DB_EXEC(d, SQL_REVIEWS_SEGMENT, NULL, DBS(s), DBI(id));
		if (rc == 0)
			rc = DB_EXEC(d, SQL_IDEAS_SEGMENT, NULL, DBS(s), DBI(id));
	}
	if (rc != 0) {
		fprintf(stderr, "demo: the members' segments failed\n");
		return 1;
	}
	return ctl_rollup(d, cfg);
}
