/* forum.h: the forum program's handlers (one file per page or action) and
 * the few helpers they share. Handlers follow app.h: they borrow the
 * request, fill r->hdf under "d." and return a status or an error code. */
#ifndef TERTULIA_FORUM_H
#define TERTULIA_FORUM_H

#include "web/app.h"
#include "base/policy.h"
#include "forum/forum_store.h"
#include "services/moderation.h"

/* home.c */
int page_home(request *r);
/* category.c */
int page_category(request *r);
/* thread.c */
int page_thread(request *r);
/* A visitor's thread page served from the visitor cache: counts the view. */
int page_thread_kept(request *r);
/* Shows page `page` of thread id (0: the last page); used by page_thread and
 * by a refused reply, which is shown again with what was typed. */
int forum_show_thread(request *r, long long id, long long page);
/* compose.c */
extern const field_spec new_thread_fields[];
extern const field_spec reply_fields[];
int page_new_thread(request *r);
int do_new_thread(request *r);
int do_reply(request *r);
/* The post quote_id as the start of a reply: a Markdown block quote naming
 * its author, linking to it and holding its text (cut after about 800
 * bytes), then a blank line, into *out (allocated; the caller frees).
 * E_NOTFOUND for a post that is not visible to everyone (held, hidden or
 * deleted, or in such a thread): a quote would show it to all. */
int forum_quote_text(request *r, long long quote_id, char **out);
/* post.c */
extern const field_spec edit_fields[];
extern const field_spec like_fields[];
extern const field_spec solve_fields[];
int page_edit_post(request *r);
int do_edit_post(request *r);
extern const field_spec delete_fields[];
int do_delete_post(request *r);
int do_like_post(request *r);
int do_solve(request *r);
/* tools.c (moderators) */
extern const field_spec tool_fields[];
extern const field_spec move_fields[];
extern const field_spec split_fields[];
int do_lock(request *r);
int do_pin(request *r);
int do_move(request *r);
int do_split(request *r);
/* search.c */
int page_search(request *r);

/* reads.c: how far the requesting member has read a thread (the highest
 * post position shown to them; 0 for none, or a visitor); forum_mark_read
 * raises it to position (a failure is logged: the page is still shown);
 * forum_put_unread gives each thread of the HDF list (its id and
 * reply_count) the member has opened "read" 1 and "unread" N for the posts
 * since; page_thread_unread answers GET /t/ID/unread with a 303 to the
 * first post the member has not read (the last post when all are). */
long long forum_read_position(request *r, long long thread_id);
void forum_mark_read(request *r, long long thread_id, long long position);
int forum_put_unread(request *r, const char *list);
int page_thread_unread(request *r);

/* feeds.c: GET /c/SLUG/feed (a category's newest threads, Atom), GET
 * /sitemap.xml (the index of the programs' sitemaps) and GET
 * /sitemap-forum.xml (home, categories and the threads most recently
 * active), for visitors; raw XML answers. */
int page_category_feed(request *r);
int page_sitemap_index(request *r);
int page_sitemap(request *r);

/* search_rank.c: the ids of the best n matches of q, best first, as a JSON
 * array ("[7,3]") into *ids (the caller frees it). sql ranks from the
 * FULLTEXT index alone: it takes q twice, then n. A ranking that took at
 * least search.cache_after_ms (2) is kept by the worker for
 * search.cache_seconds (60; 0: never) under name, q and n. Returns 0 or an
 * error code. */
int search_rank(request *r, const char *name, const char *sql, const char *q, long long n,
		char **ids);
/* categories_admin.c */
extern const field_spec category_fields[];
int page_admin_categories(request *r);
int do_create_category(request *r);
int do_update_category(request *r);

/* compose.c: the moderation rules (services/moderation.h's
 * mod_check_item, with the forum's first-posts count) on a post about to be
 * written, new or edited: 0 with m's texts, status and queue cause set, or
 * E_INVALID with the refused field marked (a blocked word, a title grown too
 * long), or an error. The caller frees m with mod_item_free. */
int forum_moderate(request *r, mod_item *m);
/* Copies the rules' outcome (status, queue cause and detail, the body with
 * its words replaced) into the post that a store writes with it. */
void forum_moderated_post(const mod_item *m, new_post *p);

/* shared.c */

/* Loads thread id into the HDF at d.thread, with its category's name in the
 * request's language. E_NOTFOUND when it does not exist or is not visible to
 * the requester. */
int forum_load_thread(request *r, long long id);
/* Loads every category (for the home page and forms) into prefix. */
int forum_load_categories(request *r, const char *prefix);
/* Loads the categories the requester may start a thread in (the
 * new-thread form's choices) into prefix. */
int forum_load_start_categories(request *r, const char *prefix);
/* The id of the category with slug in which the requester may start a
 * thread (base/policy.h, policy_can_start_thread): E_NOTFOUND when there
 * is none, E_FORBIDDEN when it is not theirs to start threads in. */
int forum_category_to_start(request *r, const char *slug, long long *id);
/* The id of the category with slug, or E_NOTFOUND. */
int forum_category_id(request *r, const char *slug, long long *id);
/* Checks the posting limits of new members (configuration limits.*).
 * Returns 0, E_THROTTLED (with a message for field) or a database error. */
int forum_check_limits(request *r, int is_thread, const char *field);

#endif
