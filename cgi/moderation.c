/* moderation.c: the moderation program: flags on posts, reviews and ideas,
 * the queue, actions, watched words, the audit log, the transparency page
 * and the moderation figures. Handlers live in cgi/moderation/. */
#include "base/policy.h"
#include "site/hooks.h"
#include "web/server.h"
#include "moderation/mod.h"

#define MODS POLICY_MODERATORS

static const route routes[] = {
	{ R_POST | R_LOGIN, "/posts/:id/flag", do_flag_post, 0, flag_fields, NULL },
	{ R_POST | R_LOGIN, "/reviews/:id/flag", do_flag_review, 0, flag_fields, NULL },
	{ R_POST | R_LOGIN, "/ideas/:id/flag", do_flag_idea, 0, flag_fields, NULL },
	{ R_GET | R_LOGIN, "/mod", page_queue, MODS, NULL, NULL },
	{ R_GET | R_LOGIN, "/mod/item/:s/:id", page_item, MODS, NULL, NULL },
	{ R_POST | R_LOGIN | R_FORM_ERRORS, "/mod/action", do_action, MODS, action_fields, NULL },
	{ R_GET | R_LOGIN, "/mod/log", page_log, MODS, NULL, NULL },
	{ R_GET | R_LOGIN, "/mod/log.csv", page_log_csv, MODS, NULL, NULL },
	{ R_GET, "/mod/transparency", page_transparency, 0, NULL, NULL },
	{ R_GET | R_LOGIN, "/mod/stats", page_stats, MODS | ROLE_MARKETING, NULL, NULL },
	{ R_GET | R_LOGIN, "/mod/words", page_words, MODS, NULL, NULL },
	{ R_POST | R_LOGIN | R_FORM_ERRORS, "/mod/words", do_add_word, MODS, word_fields, NULL },
	{ R_POST | R_LOGIN, "/mod/words/:id/delete", do_delete_word, MODS, NULL, NULL },
	{ R_GET | R_NOSESSION, "/healthz", page_healthz, 0, NULL, NULL },
};

int main(int argc, char **argv)
{
	return server_main(argc, argv, "moderation", routes, sizeof(routes) / sizeof(routes[0]),
			   &site_hooks_scoring);
}
