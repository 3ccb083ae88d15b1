/* forum.c: the forum program: home page, categories, threads, replies,
 * search and the categories admin page. Handlers live in cgi/forum/. */
#include "core/server.h"
#include "forum/forum.h"

static const route routes[] = {
	{ R_GET, "/", page_home, 0, NULL },
	{ R_GET, "/c/:s", page_category, 0, NULL },
	{ R_GET | R_LOGIN, "/t/new", page_new_thread, 0, NULL },
	{ R_POST | R_LOGIN | R_WRITES | R_FORM_ERRORS, "/t/new", do_new_thread, 0, new_thread_fields },
	{ R_GET, "/t/:id", page_thread, 0, NULL },
	{ R_GET, "/t/:id/:s", page_thread, 0, NULL },
	{ R_POST | R_LOGIN | R_WRITES | R_FORM_ERRORS, "/t/:id/reply", do_reply, 0, reply_fields },
	{ R_POST | R_LOGIN, "/t/:id/solve", do_solve, 0, solve_fields },
	{ R_POST | R_LOGIN, "/t/:id/lock", do_lock, ROLE_MODERATOR | ROLE_ADMIN, tool_fields },
	{ R_POST | R_LOGIN, "/t/:id/pin", do_pin, ROLE_MODERATOR | ROLE_ADMIN, tool_fields },
	{ R_POST | R_LOGIN, "/t/:id/move", do_move, ROLE_MODERATOR | ROLE_ADMIN, move_fields },
	{ R_POST | R_LOGIN, "/t/:id/split", do_split, ROLE_MODERATOR | ROLE_ADMIN, split_fields },
	{ R_GET | R_LOGIN, "/posts/:id/edit", page_edit_post, 0, NULL },
	{ R_POST | R_LOGIN | R_WRITES | R_FORM_ERRORS, "/posts/:id/edit", do_edit_post, 0, edit_fields },
	{ R_POST | R_LOGIN, "/posts/:id/delete", do_delete_post, 0, NULL },
	{ R_POST | R_LOGIN, "/posts/:id/like", do_like_post, 0, like_fields },
	{ R_GET, "/search", page_search, 0, NULL },
	{ R_GET | R_LOGIN, "/admin/categories", page_admin_categories, ROLE_ADMIN, NULL },
	{ R_POST | R_LOGIN | R_FORM_ERRORS, "/admin/categories", do_create_category, ROLE_ADMIN, category_fields },
	{ R_POST | R_LOGIN | R_FORM_ERRORS, "/admin/categories/:s", do_update_category, ROLE_ADMIN, category_fields },
	{ R_GET | R_NOSESSION, "/healthz", page_healthz, 0, NULL },
	{ R_GET | R_NOSESSION, "/hello", page_hello, 0, NULL },
};

int main(int argc, char **argv)
{
	return server_main(argc, argv, "forum", routes, sizeof(routes) / sizeof(routes[0]));
}
