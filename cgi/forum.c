/* forum.c: the forum program: home page, categories, threads, replies,
 * search and the categories admin page. Handlers live in cgi/forum/. */
#include "base/policy.h"
#include "site/hooks.h"
#include "web/server.h"
#include "forum/forum.h"

static const route routes[] = {
	{ R_GET | R_VISITORS_KEPT, "/", page_home, 0, NULL, NULL },
	{ R_GET | R_VISITORS_KEPT, "/c/:s", page_category, 0, NULL, NULL },
	{ R_GET, "/c/:s/feed", page_category_feed, 0, NULL, NULL },
	{ R_GET, "/sitemap.xml", page_sitemap_index, 0, NULL, NULL },
	{ R_GET, "/sitemap-forum.xml", page_sitemap, 0, NULL, NULL },
	{ R_GET | R_LOGIN, "/t/new", page_new_thread, 0, NULL, NULL },
	{ R_POST | R_LOGIN | R_WRITES | R_FORM_ERRORS, "/t/new", do_new_thread, 0, new_thread_fields, NULL },
	{ R_GET | R_VISITORS_KEPT, "/t/:id", page_thread, 0, NULL, page_thread_kept },
	{ R_GET, "/t/:id/unread", page_thread_unread, 0, NULL, NULL },
	{ R_GET | R_VISITORS_KEPT, "/t/:id/:s", page_thread, 0, NULL, page_thread_kept },
	{ R_POST | R_LOGIN | R_WRITES | R_FORM_ERRORS, "/t/:id/reply", do_reply, 0, reply_fields, NULL },
	{ R_POST | R_LOGIN, "/t/:id/solve", do_solve, 0, solve_fields, NULL },
	{ R_POST | R_LOGIN, "/t/:id/lock", do_lock, POLICY_MODERATORS, tool_fields, NULL },
	{ R_POST | R_LOGIN, "/t/:id/pin", do_pin, POLICY_MODERATORS, tool_fields, NULL },
	{ R_POST | R_LOGIN, "/t/:id/move", do_move, POLICY_MODERATORS, move_fields, NULL },
	{ R_POST | R_LOGIN, "/t/:id/split", do_split, POLICY_MODERATORS, split_fields, NULL },
	{ R_GET | R_LOGIN, "/posts/:id/edit", page_edit_post, 0, NULL, NULL },
	{ R_POST | R_LOGIN | R_WRITES | R_FORM_ERRORS, "/posts/:id/edit", do_edit_post, 0, edit_fields, NULL },
	{ R_POST | R_LOGIN, "/posts/:id/delete", do_delete_post, 0, delete_fields, NULL },
	{ R_POST | R_LOGIN, "/posts/:id/like", do_like_post, 0, like_fields, NULL },
	{ R_GET | R_VISITORS_KEPT, "/search", page_search, 0, NULL, NULL },
	{ R_GET | R_LOGIN, "/admin/categories", page_admin_categories, ROLE_ADMIN, NULL, NULL },
	{ R_POST | R_LOGIN | R_FORM_ERRORS, "/admin/categories", do_create_category, ROLE_ADMIN, category_fields, NULL },
	{ R_POST | R_LOGIN | R_FORM_ERRORS, "/admin/categories/:s", do_update_category, ROLE_ADMIN, category_fields, NULL },
	{ R_GET | R_NOSESSION, "/healthz", page_healthz, 0, NULL, NULL },
	{ R_GET | R_NOSESSION, "/hello", page_hello, 0, NULL, NULL },
};

int main(int argc, char **argv)
{
	return server_main(argc, argv, "forum", routes, sizeof(routes) / sizeof(routes[0]),
			   &site_hooks_scoring);
}
