/* mod.h: the moderation program's handlers, and the content kinds it acts
 * on. Each kind is kept by its area (services/mod_item.h): how to show an
 * item with its context, and how to change its status inside a
 * transaction. */
#ifndef TERTULIA_MOD_H
#define TERTULIA_MOD_H

#include "services/mod_item.h"
#include "web/app.h"

/* items.c */
/* The kind named type ("post", "review", "idea", "idea_comment"), or NULL. */
const mod_item_kind *item_kind_find(const char *type);
/* Fills prefix with an item of kind k in the request's language, for a
 * moderator (who may see every status). */
int item_fill(request *r, const mod_item_kind *k, long long id, const char *prefix);
/* Loads an item of kind k and checks that the requester may see it. */
int item_load(request *r, const mod_item_kind *k, long long id, const char *prefix);

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
