/* reviews.c: the reviews program. Its handlers live in cgi/reviews/. */
#include "core/server.h"

static const route routes[] = {
	{ R_GET | R_NOSESSION, "/healthz", page_healthz, 0, NULL },
};

int main(int argc, char **argv)
{
	return server_main(argc, argv, "reviews", routes, sizeof(routes) / sizeof(routes[0]));
}
