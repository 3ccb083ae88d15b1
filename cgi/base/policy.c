/* policy.c: roles and content visibility, one rule each (policy.h). */
#include "base/policy.h"

#include <stddef.h>
#include <string.h>

int policy_is_moderator(unsigned roles)
{
	return (roles & POLICY_MODERATORS) != 0;
}

int policy_is_staff(unsigned roles)
{
	return (roles & POLICY_STAFF) != 0;
}

int policy_is_trusted(unsigned roles)
{
	return (roles & POLICY_TRUSTED) != 0;
}

int policy_can_start_thread(unsigned roles, const char *starters)
{
	if (starters && strcmp(starters, "members") == 0)
		return 1;
	return policy_is_trusted(roles);
}

enum {
	S_VISIBLE = 1 << 0,
	S_HELD = 1 << 1,
	S_HIDDEN = 1 << 2,
	S_DELETED = 1 << 3,
	S_NOTED = 1 << 4 /* any status, with a moderator's note */
};

/* What each kind's author keeps besides what is visible, and what no one
 * sees, moderators neither. */
static const struct {
	unsigned author;
	unsigned nobody;
} kinds[] = {
	[POLICY_POST] = { S_HELD | S_HIDDEN | S_NOTED, 0 },
	/* a deleted review leaves its product's page and summary for good */
	[POLICY_REVIEW] = { S_HELD | S_HIDDEN, S_DELETED },
	/* a hidden idea may have been merged or judged abusive: the
	 * moderators decide whether it comes back */
	[POLICY_IDEA] = { S_HELD, 0 },
	[POLICY_IDEA_COMMENT] = { S_HELD | S_HIDDEN, 0 },
};

static unsigned status_bit(const char *status)
{
	static const char *const names[] = { "visible", "held", "hidden", "deleted" };
	size_t i;

	for (i = 0; status && i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(status, names[i]) == 0)
			return 1u << i;
	return 0;
}

int policy_can_see(policy_kind kind, long long reader_id, unsigned reader_roles,
		   const char *status, long long author_id, int noted)
{
	unsigned bit = status_bit(status);

	if ((unsigned)kind >= sizeof(kinds) / sizeof(kinds[0]) || (bit & kinds[kind].nobody))
		return 0;
	if (bit == S_VISIBLE || policy_is_moderator(reader_roles))
		return 1;
	/* a visitor's id is 0, and so is a missing author's */
	if (reader_id == 0 || author_id != reader_id)
		return 0;
	return (bit & kinds[kind].author) != 0 || (noted && (kinds[kind].author & S_NOTED));
}

int policy_can_edit(long long reader_id, unsigned reader_roles, long long author_id)
{
	return (reader_id != 0 && author_id == reader_id) || policy_is_moderator(reader_roles);
}

int policy_can_flag(unsigned reader_roles, const char *status)
{
	return status_bit(status) == S_VISIBLE || policy_is_moderator(reader_roles);
}
