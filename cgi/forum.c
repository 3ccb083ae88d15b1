/* forum.c: the forum program. The home page, categories, threads, replies
 * and search. */
#include "core/app.h"
#include "core/err.h"
#include "core/server.h"

static int page_home(request *r)
{
	r->template = "home";
	return 200;
}

static const route routes[] = {
	{ R_GET, "/", page_home, 0, NULL },
	{ R_GET | R_NOSESSION, "/healthz", page_healthz, 0, NULL },
};

int main(int argc, char **argv)
{
	return server_main(argc, argv, "forum", routes, sizeof(routes) / sizeof(routes[0]));
}
