/* roles.c: role bits, their names and their rank (roles.h). */
#include "base/roles.h"

#include <stdio.h>
#include <string.h>

int role_rank(unsigned roles)
{
	if (roles & ROLE_ADMIN)
		return 2;
	if (roles & (ROLE_MODERATOR | ROLE_STAFF | ROLE_MARKETING))
		return 1;
	return 0;
}

const char *rank_refusal(long long actor_id, unsigned actor_roles, long long target_id,
			 unsigned target_roles)
{
	/* a moderator who silences themselves cannot undo it; one who suspends
	 * themselves cannot even log in to ask */
	if (actor_id == target_id)
		return "err.rank_self";
	if (role_rank(target_roles) >= role_rank(actor_roles))
		return "err.rank";
	return NULL;
}

static const struct {
	const char *name;
	unsigned bit;
} role_names[] = {
	{ "moderator", ROLE_MODERATOR }, { "staff", ROLE_STAFF },
	{ "marketing", ROLE_MARKETING }, { "admin", ROLE_ADMIN },
};
#define NROLES (sizeof(role_names) / sizeof(role_names[0]))

unsigned role_bit(const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < NROLES; i++)
		if (strlen(role_names[i].name) == len && memcmp(role_names[i].name, name, len) == 0)
			return role_names[i].bit;
	return 0;
}

unsigned roles_parse(const char *set)
{
	unsigned bits = 0;

	while (set && *set) {
		const char *comma = strchr(set, ',');
		size_t n = comma ? (size_t)(comma - set) : strlen(set);
		bits |= role_bit(set, n);
		set = comma ? comma + 1 : NULL;
	}
	return bits;
}

void roles_format(unsigned bits, char *out, size_t size)
{
	size_t i, used = 0;

	if (size == 0)
		return;
	out[0] = '\0';
	for (i = 0; i < NROLES; i++) {
		if (!(bits & role_names[i].bit))
			continue;
		int n = snprintf(out + used, size - used, "%s%s", used ? "," : "",
				 role_names[i].name);
		if (n < 0 || (size_t)n >= size - used)
			return;
		used += (size_t)n;
	}
}
