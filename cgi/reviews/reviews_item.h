/* reviews_item.h: reviews as moderated content (services/mod_item.h). */
#ifndef TERTULIA_REVIEWS_ITEM_H
#define TERTULIA_REVIEWS_ITEM_H

#include "services/mod_item.h"

extern const mod_item_kind reviews_item;

#endif
