/* mod_item.h: a kind of content moderators act on, as its area describes
 * it to the moderation program: how to show one item with its context, how
 * to move it from one status to another, and how to edit its text. Each
 * area keeps its kinds next to its store (forum/forum_item.c,
 * reviews/reviews_item.c, ideas/idea_item.c); the moderation program holds
 * the list of them (moderation/items.c) and checks who may see an item.
 *
 * Arguments are borrowed; nothing is kept after a call returns. */
#ifndef TERTULIA_MOD_ITEM_H
#define TERTULIA_MOD_ITEM_H

#include "base/hdf.h"
#include "db/db.h"

typedef struct mod_item_kind {
	const char *type; /* "post", "review", "idea" (as in flags.target_type),
			   * "idea_comment" (queued by the rules, never flagged) */
	/* Fills prefix.{id,type,status,author,author_id,title,html,url,
	 * category_id,product_id,context...} of h, the context's names in
	 * lang. E_NOTFOUND when missing. */
	int (*load)(db *d, HDF *h, const char *lang, long long id, const char *prefix);
	/* Moves the item from one status to another in the caller's
	 * transaction; E_CONFLICT when it is no longer in `from`. */
	int (*set_status)(db *d, long long id, const char *from, const char *to, const char *note);
	/* Replaces the item's text, keeping a revision (own transaction);
	 * NULL for a kind moderators do not edit. */
	int (*edit)(db *d, long long id, long long editor_id, const char *body);
} mod_item_kind;

/* Copies a load's one-row answer (rows, which it frees) to prefix of h and
 * sets prefix.url to url. E_NOTFOUND without a row. */
int mod_item_row(HDF *h, db_rows *rows, const char *prefix, const char *url);

#endif
