/* content_limits.h: the lengths of what members write that several areas
 * share, in characters (UTF-8 code points), as the columns hold them. The
 * gate's field specs, the moderation rules' replacements and the searches
 * of titles all read them from here. */
#ifndef TERTULIA_CONTENT_LIMITS_H
#define TERTULIA_CONTENT_LIMITS_H

/* A thread's or an idea's title: threads.title, ideas.title and
 * post_revisions.old_title are VARCHAR(150). */
#define TITLE_MAX 150

#endif
