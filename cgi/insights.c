/* insights.c: the insights program: the marketing pages of /insights
 * (read only: its database account has SELECT grants alone, sql/0051).
 * Handlers live in cgi/insights/. */
#include "site/hooks.h"
#include "web/server.h"
#include "insights/insights.h"

#define MARKETING (ROLE_MARKETING | ROLE_ADMIN)

static const route routes[] = {
	{ R_GET | R_LOGIN, "/insights", page_insights, MARKETING, NULL, NULL },
	{ R_GET | R_LOGIN, "/insights/p/:s", page_insights_product, MARKETING, NULL, NULL },
	{ R_GET | R_LOGIN, "/insights/c/:s", page_insights_category, MARKETING, NULL, NULL },
	{ R_GET | R_LOGIN, "/insights/export.csv", page_insights_csv, MARKETING, NULL, NULL },
	{ R_GET | R_LOGIN, "/insights/digest", page_digest, MARKETING, NULL, NULL },
	{ R_GET | R_NOSESSION, "/healthz", page_healthz, 0, NULL, NULL },
};

int main(int argc, char **argv)
{
	return server_main(argc, argv, "insights", routes, sizeof(routes) / sizeof(routes[0]),
			   &site_hooks_plain);
}
