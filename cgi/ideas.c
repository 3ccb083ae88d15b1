/* ideas.c: the ideas program: co-creation. Members propose ideas and vote
 * for them, staff answer and move them along the pipeline, moderators and
 * staff merge duplicates, and /roadmap shows what is coming. Handlers live
 * in cgi/ideas/. Roles are checked by the handlers (not the route table) so
 * that a refusal says why. */
#include "site/hooks.h"
#include "web/server.h"
#include "ideas/ideas.h"

static const route routes[] = {
	{ R_GET | R_VISITORS_KEPT, "/ideas", page_ideas, 0, NULL, NULL },
	{ R_GET, "/ideas/sitemap.xml", page_ideas_sitemap, 0, NULL, NULL },
	{ R_GET | R_LOGIN, "/ideas/new", page_new_idea, 0, NULL, NULL },
	{ R_POST | R_LOGIN | R_WRITES | R_FORM_ERRORS, "/ideas/new", do_new_idea, 0, new_idea_fields, NULL },
	{ R_GET, "/ideas/similar", page_similar, 0, NULL, NULL },
	{ R_GET | R_VISITORS_KEPT, "/ideas/:id", page_idea, 0, NULL, NULL },
	{ R_POST | R_LOGIN, "/ideas/:id/vote", do_vote, 0, vote_fields, NULL },
	{ R_POST | R_LOGIN, "/ideas/:id/unvote", do_unvote, 0, vote_fields, NULL },
	{ R_POST | R_LOGIN | R_WRITES | R_FORM_ERRORS, "/ideas/:id/status", do_status, 0, status_fields, NULL },
	{ R_POST | R_LOGIN | R_FORM_ERRORS, "/ideas/:id/merge", do_merge, 0, merge_fields, NULL },
	{ R_POST | R_LOGIN | R_WRITES | R_FORM_ERRORS, "/ideas/:id/comment", do_comment, 0, comment_fields, NULL },
	{ R_GET | R_VISITORS_KEPT, "/roadmap", page_roadmap, 0, NULL, NULL },
	{ R_GET | R_NOSESSION, "/healthz", page_healthz, 0, NULL, NULL },
};

int main(int argc, char **argv)
{
	return server_main(argc, argv, "ideas", routes, sizeof(routes) / sizeof(routes[0]),
			   &site_hooks_scoring);
}
