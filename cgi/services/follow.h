/* follow.h: what members follow, and how closely.
 *
 * A member follows a category, a thread, a product, an idea or another
 * member at one of three levels:
 *   mute    nothing from it reaches them (not even mentions in a muted thread);
 *   normal  mentions and replies to them; for an idea, its status changes;
 *           for a member, the threads they start;
 *   watch   every new post (every reply in a thread or a category, every
 *           comment on an idea, every review of a product, everything a
 *           followed member writes).
 * No row is the default: as normal, except that nothing is followed. The
 * most specific row decides: a thread's row overrides its category's.
 * Authors watch their own threads and ideas (follow_auto), unless they chose
 * otherwise before. Arguments are borrowed.
 */
#ifndef TERTULIA_FOLLOW_H
#define TERTULIA_FOLLOW_H

#include <ClearSilver.h>
#include "db/db.h"

/* For the forms' F_ENUM fields. */
#define FOLLOW_KINDS "category|thread|product|idea|user"
#define FOLLOW_LEVELS "mute|normal|watch"

/* Whether kind is one of FOLLOW_KINDS, level one of FOLLOW_LEVELS. */
int follow_kind_valid(const char *kind);
int follow_level_valid(const char *level);


/* Sets the level (one of FOLLOW_LEVELS), or removes the row when level is
 * NULL or "". Returns 0, E_INVALID for an unknown kind or level, or a
 * database error. Whether the target exists is the caller's business. */
int follow_set(db *d, long long user_id, const char *kind, long long target_id, const char *level);

/* Authorship: the author watches target unless they already have a row
 * for it. Runs inside the caller's transaction. */
int follow_auto(db *d, long long user_id, const char *kind, long long target_id);

/* For a page with a follow button (templates/follow_macros.cs): puts
 * PREFIX.kind, PREFIX.id and PREFIX.level (the member's level, "" for
 * none) into h. user_id 0 (a visitor) puts kind and id only. */
int follow_put(db *d, HDF *h, const char *prefix, long long user_id, const char *kind,
	       long long target_id);

#endif
