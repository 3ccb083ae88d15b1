/* policy.h: who may do what, and who may see what, as one set of rules
 * for the forum, reviews, ideas and moderation. Pure functions of the
 * reader's id and role bits (base/roles.h) and the item's status and
 * author: no request, no database. They borrow their arguments.
 *
 * The statuses are those of the content tables: "visible", "held" (kept
 * for a moderator by the rules), "hidden" (taken down by a moderator or by
 * flags) and "deleted". */
#ifndef TERTULIA_POLICY_H
#define TERTULIA_POLICY_H

#include "base/roles.h"

/* The role bits of each rule below, for a route's roles and for a query
 * that tests users.roles itself. */
#define POLICY_MODERATORS (ROLE_MODERATOR | ROLE_ADMIN)
#define POLICY_STAFF (ROLE_STAFF | ROLE_ADMIN)
#define POLICY_TRUSTED (ROLE_MODERATOR | ROLE_STAFF | ROLE_ADMIN)

/* Whether roles moderate: moderator or admin. Moderators see content in
 * every status and act on anyone's. */
int policy_is_moderator(unsigned roles);
/* Whether roles act as the company: staff or admin (official answers,
 * review responses, idea statuses, who voted). */
int policy_is_staff(unsigned roles);
/* Whether roles are the company's trusted people: moderator, staff or
 * admin. No new-member limits, no moderation rules; they may merge ideas
 * and mark any thread solved. */
int policy_is_trusted(unsigned roles);

/* Whether roles may start a thread in a forum category whose setting
 * (categories.thread_starters) is starters: "members" lets every member,
 * "staff" only the trusted (moderator, staff, admin), as for
 * announcements. Any other value, NULL included, lets only the trusted.
 * Replies are not concerned: they follow the thread's lock. */
int policy_can_start_thread(unsigned roles, const char *starters);

/* The kinds of content, whose authors keep different things. */
typedef enum policy_kind {
	POLICY_POST,         /* forum threads and posts */
	POLICY_REVIEW,
	POLICY_IDEA,
	POLICY_IDEA_COMMENT
} policy_kind;

/* Whether the reader (id 0 for a visitor, role bits) may see an item of
 * kind in status written by author_id. Everyone sees what is visible;
 * moderators see everything but a deleted review (gone for everyone);
 * authors keep what they wrote while it waits or after it was taken down:
 *   post          held, hidden, and any status with a moderator's note
 *                 (noted: removed content stays the author's, with the
 *                 reason)
 *   review        held, hidden
 *   idea          held (a hidden idea is the moderators' alone)
 *   idea comment  held, hidden
 * noted is read for posts only. A NULL status is seen by moderators only. */
int policy_can_see(policy_kind kind, long long reader_id, unsigned reader_roles,
		   const char *status, long long author_id, int noted);
/* Whether the reader may edit or delete what author_id wrote: its author
 * (never a visitor) or a moderator. */
int policy_can_edit(long long reader_id, unsigned reader_roles, long long author_id);
/* Whether the reader may flag an item in status: members only what
 * everyone sees, moderators anything. */
int policy_can_flag(unsigned reader_roles, const char *status);

#endif
