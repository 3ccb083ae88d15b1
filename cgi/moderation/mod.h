/* mod.h: the moderation program's handlers and the content kinds it acts
 * on. Each kind (post, and review and idea as those areas land) is an
 * adapter: how to show an item with its context, and how to change its
 * status inside a transaction. */
#ifndef TERTULIA_MOD_H
#define TERTULIA_MOD_H

#include "web/app.h"

typedef struct item_kind {
	const char *type; /* "post", "review", "idea" (as in flags.target_type),
			   * "idea_comment" (queued by the rules, never flagged) */
	/* Fills prefix.{id,type,status,author,author_id,title,html,url,
	 * category_id,product_id,context...}. E_NOTFOUND when missing. */
	int (*load)(request *r, long long id, const char *prefix);
	/* Moves the item from one status to another in the caller's
	 * transaction; E_CONFLICT when it is no longer in `from`. */
	int (*set_status)(db *d, long long id, const char *from, const char *to, const char *note);
	/* Replaces the item's text, keeping a revision (own transaction);
	 * NULL for a kind moderators do not edit. */
	int (*edit)(db *d, long long id, long long editor_id, const char *body);
} item_kind;

/* items.c */
const item_kind *item_kind_find(const char *type);
/* Copies an adapter's one-row answer (rows, which it frees) to prefix, and
 * sets prefix.url to url_format ("/reviews/%lld") with id. E_NOTFOUND
 * without a row. */
int item_row(request *r, db_rows *rows, const char *prefix, const char *url_format, long long id);
/* items_review.c and items_idea.c: the kinds of the reviews and ideas areas
 * (ideas have no edit: they keep no revisions) */
int item_review_load(request *r, long long id, const char *prefix);
int item_review_set_status(db *d, long long id, const char *from, const char *to, const char *note);
int item_review_edit(db *d, long long id, long long editor_id, const char *body);
int item_idea_load(request *r, long long id, const char *prefix);
int item_idea_set_status(db *d, long long id, const char *from, const char *to, const char *note);
/* comments on ideas: "idea_comment" (held by the rules when written) */
int item_idea_comment_load(request *r, long long id, const char *prefix);
int item_idea_comment_set_status(db *d, long long id, const char *from, const char *to,
				 const char *note);
/* Loads an item of kind k and checks that the requester may see it. */
int item_load(request *r, const item_kind *k, long long id, const char *prefix);

/* flag.c */
extern const field_spec flag_fields[];
int do_flag_post(request *r);
int do_flag_review(request *r);
int do_flag_idea(request *r);

/* queue.c */
int page_queue(request *r);
int page_item(request *r);

/* action.c */
extern const field_spec action_fields[];
int do_action(request *r);

/* log.c */
int page_log(request *r);
int page_log_csv(request *r);
int page_transparency(request *r);
int page_stats(request *r);

/* words.c */
extern const field_spec word_fields[];
int page_words(request *r);
int do_add_word(request *r);
int do_delete_word(request *r);

#endif
