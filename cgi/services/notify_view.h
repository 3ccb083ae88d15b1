/* notify_view.h: notifications as members read them, on /notifications and
 * in email. Shared by the account program and the mail sender.
 *
 * A notification is read together with what it names, and shown only while
 * that is visible (a post and its thread, a comment and its idea, an idea,
 * a review): content a moderator hides after the notification was written
 * disappears from the list and from any mail not yet sent. Moderation
 * notices are always shown, and never carry the content they are about
 * (only the title of a thread, idea or product that is itself visible).
 *
 * Lines are grouped by kind and thread (or idea, product, category):
 * "3 new replies in “Title”". Each line is written into an HDF at
 * PREFIX.N with: kind, count, unread (1/0), id (the latest notification of
 * the group), text (in the language given), url (a path on the site),
 * created_at (unix time), detail (a moderator's reason, or ""), follow
 * (what the member could stop following: "thread-42", "idea-7",
 * "product-3" or ""), and for
 * notify_load_one also excerpt (plain text, at most 300 characters).
 * lang is a loaded language file (its keys start with "L.").
 */
#ifndef TERTULIA_NOTIFY_VIEW_H
#define TERTULIA_NOTIFY_VIEW_H

#include <ClearSilver.h>
#include "db/db.h"

#define NOTIFY_PAGE_SIZE 20
/* Notifications older than this are not listed (they stay in the table). */
#define NOTIFY_KEEP_DAYS 90

/* Page `page` (from 1) of the member's groups, newest first, unread and
 * read apart. *more is 1 when an older page exists. */
int notify_load_groups(db *d, long long user_id, HDF *lang, long long page, HDF *out,
		       const char *prefix, int *more);

/* The member's unread groups of notifications written in [from, to) (unix
 * times): a digest. *count gets the number of lines. */
int notify_load_window(db *d, long long user_id, long long from, long long to, HDF *lang,
		       HDF *out, const char *prefix, int *count);

/* One notification with an excerpt of what it names: a notice email.
 * E_NOTFOUND when it does not exist or names hidden content. *recipient
 * gets its member. */
int notify_load_one(db *d, long long id, HDF *lang, HDF *out, const char *prefix,
		    long long *recipient);

/* The path of what the member's notification id is about (as its line
 * links it), into out (size bytes): "" when that is no longer shown.
 * E_NOTFOUND when there is no such notification of theirs. */
int notify_target_url(db *d, long long user_id, long long id, char *out, size_t size);

/* Marks read the group of notification id (the member's own only), or every
 * unread notification of the member (id 0). Notifications about content
 * that is no longer visible are marked read by notify_load_groups, so that
 * the count in the header does not promise what the list cannot show. */
int notify_mark_read(db *d, long long user_id, long long id);

/* What a member opened, whose notifications it answers: a thread (every
 * notification about one of its posts), an idea (the idea and its
 * comments), a review (its new review and the company's response). */
typedef enum notify_about {
	NOTIFY_ABOUT_THREAD,
	NOTIFY_ABOUT_IDEA,
	NOTIFY_ABOUT_REVIEW
} notify_about;

/* Marks read the member's unread notifications about what they opened
 * (what, id), as reading them in the list would: the header's count then
 * says only what they have not seen. Moderation notices stay unread: the
 * page does not show the moderator's reason, the list does. */
int notify_mark_seen(db *d, long long user_id, notify_about what, long long id);

/* Copies text into out (of size bytes) with each {name} replaced by the
 * value paired with it in vars (name, value, name, value, ..., NULL). */
void notify_fill(char *out, size_t size, const char *text, const char *const *vars);

/* A localized text "L.KEY" of lang, or KEY when missing. */
const char *notify_text(HDF *lang, const char *key);

#endif
