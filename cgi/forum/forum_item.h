/* forum_item.h: the forum's posts as moderated content (services/mod_item.h). */
#ifndef TERTULIA_FORUM_ITEM_H
#define TERTULIA_FORUM_ITEM_H

#include "services/mod_item.h"

extern const mod_item_kind forum_post_item;

#endif
