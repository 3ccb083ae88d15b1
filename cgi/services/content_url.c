/* content_url.c: the addresses of content (content_url.h). */
#include "services/content_url.h"
#include "base/paging.h"

#include <stdio.h>

void forum_post_url(char *out, size_t size, long long thread_id, long long position,
		    long long post_id)
{
	long long page = page_of_position(position, POSTS_PER_PAGE);

	if (page > 1)
		snprintf(out, size, "/t/%lld?page=%lld#p%lld", thread_id, page, post_id);
	else
		snprintf(out, size, "/t/%lld#p%lld", thread_id, post_id);
}
