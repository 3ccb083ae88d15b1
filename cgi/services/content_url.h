/* content_url.h: the addresses of what members write, as the pages, the
 * notifications, the mails and the insight pages link to them. */
#ifndef TERTULIA_CONTENT_URL_H
#define TERTULIA_CONTENT_URL_H

#include <stddef.h>

/* A thread's page holds this many posts. */
#define POSTS_PER_PAGE 20

/* The address of a post, from its thread and its position in the thread
 * (1 for the first post): /t/THREAD?page=P#pPOST, or /t/THREAD#pPOST on the
 * first page. Into out, cut at size. */
void forum_post_url(char *out, size_t size, long long thread_id, long long position,
		    long long post_id);

#endif
