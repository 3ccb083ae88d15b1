/* idea_item.h: ideas and their comments as moderated content
 * (services/mod_item.h). Neither keeps revisions, so moderators do not
 * edit them (their kinds have no edit). */
#ifndef TERTULIA_IDEA_ITEM_H
#define TERTULIA_IDEA_ITEM_H

#include "services/mod_item.h"

extern const mod_item_kind idea_item;
/* "idea_comment": held by the rules when written, never flagged */
extern const mod_item_kind idea_comment_item;

#endif
