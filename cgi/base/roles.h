/* roles.h: what a member may be beyond a member, as bits, their names as
 * the users.roles SET column spells them, and the one order of rank. Pure
 * functions: they borrow their arguments and write only into out. */
#ifndef TERTULIA_ROLES_H
#define TERTULIA_ROLES_H

#include <stddef.h>

/* Roles beyond member (every account is a member). */
enum {
	ROLE_MODERATOR = 1 << 0,
	ROLE_STAFF = 1 << 1,
	ROLE_MARKETING = 1 << 2,
	ROLE_ADMIN = 1 << 3
};

/* Role bits from a SET value "staff,admin"; unknown names are ignored. */
unsigned roles_parse(const char *set);
/* The SET value for role bits, into out (at least 48 bytes). */
void roles_format(unsigned bits, char *out, size_t size);
/* The bit of one role name ("staff"), or 0 for an unknown name. */
unsigned role_bit(const char *name, size_t len);

/* Rank, the one order of roles that says who may act against whom:
 *   0  member
 *   1  moderator, staff, marketing (the company's people)
 *   2  admin
 * An account ranks as the highest role it holds. */
int role_rank(unsigned roles);
/* Whether actor (id and role bits) may act against the member target:
 * suspend, silence or warn them, change their roles, take down their
 * content. NULL when they may; else the key of the reason in the language
 * files: "err.rank_self" for one's own account, "err.rank" for a member of
 * equal or higher rank. */
const char *rank_refusal(long long actor_id, unsigned actor_roles, long long target_id,
			 unsigned target_roles);

#endif
