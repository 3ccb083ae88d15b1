/* notify.h: events that tell members something, and the notifications
 * they are told.
 *
 * Each notify_* function is called by the area that writes the event,
 * inside the event's own transaction and after its rows are written: it
 * works out who is told (follows at their levels, mentions, replies, voters,
 * authors), writes one notification per member and, for members who want
 * their email at once and have a verified address, one outbox row. The
 * actor is never told about their own doing. Content that is not visible
 * (held for a moderator) tells nobody: the moderation program calls
 * notify_forum_post again when it approves a held post.
 *
 * Who is told what (see follow.h for the levels):
 *   new thread     mentioned members; category watchers; members who follow
 *                  the author (normal or watch)
 *   reply          mentioned members; the author of a quoted post; thread
 *                  watchers (the thread's author watches it by default);
 *                  category watchers; members who watch the author
 *   idea comment   mentioned members; idea watchers; members who watch the author
 *   idea status    the author, every voter, members who follow the idea
 *   new review     product watchers; members who watch the author
 *   staff response the reviewer
 *   moderation     the author of the item or the member acted on
 * A mute on the item (or its container, unless the item has its own row)
 * or on the actor silences everything but the company's notices (idea
 * status, staff responses, moderation).
 *
 * Functions return 0 or an error code; arguments are borrowed.
 */
#ifndef TERTULIA_NOTIFY_H
#define TERTULIA_NOTIFY_H

#include "db/db.h"

/* A forum post was written (a new thread's first post, or a reply), or a
 * held one was approved. Does nothing for a post that is not visible. */
int notify_forum_post(db *d, long long post_id);

/* A comment on an idea was written. */
int notify_idea_comment(db *d, long long comment_id);

/* An idea moved to another stage: change_id is its idea_status_changes
 * row, by the staff member who did it. */
int notify_idea_stage(db *d, long long idea_id, long long change_id, long long by);

/* A review was written (visible). */
int notify_review_created(db *d, long long review_id);

/* Staff (staff_id) responded to a review: its author is told. */
int notify_review_response(db *d, long long review_id, long long staff_id);

/* A moderator's decision: action (approve, hide, delete, restore, edit,
 * warn, silence, suspend) on an item ("post", "review", "idea",
 * "idea_comment") whose author is author_id, with the reason given. The
 * author is told the action and the reason, never the content. */
int notify_moderation(db *d, long long author_id, long long moderator_id, const char *action,
		      const char *target_type, long long target_id, const char *reason);

/* The member's unread notifications, counted up to 100 (the header shows
 * "99+" above 99): one read of the (recipient_id, read_at) key. */
int notify_unread_count(db *d, long long user_id, long long *n);

#endif
