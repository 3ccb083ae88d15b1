/* hooks.h: what the programs add to the web layer (web/app.h's app_hooks),
 * which knows no service: the password cost, the sentiment model for those
 * that score what members write, and what every drawn page gets (the
 * header's unread count, the limits its forms state).
 *
 * The structs are constants of this file; a program passes one to
 * server_main and the app borrows it for its life. */
#ifndef TERTULIA_SITE_HOOKS_H
#define TERTULIA_SITE_HOOKS_H

#include "web/app.h"

/* For the programs that take what members write (forum, reviews, ideas,
 * moderation): the sentiment lexicons are loaded once, before the workers
 * fork, and given to the rollups, which score on each write. */
extern const app_hooks site_hooks_scoring;

/* For the others (account, insights): no lexicons. */
extern const app_hooks site_hooks_plain;

#endif
