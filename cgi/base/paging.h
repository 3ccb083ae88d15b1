/* paging.h: the arithmetic of pages, written once: a list read with
 * LIMIT ? OFFSET ? (one row more than a page, which says that a next page
 * exists), and a list cut by stored positions (a thread's posts, an idea's
 * comments), whose page N is the range (N-1)*per+1 .. N*per. Pure
 * functions, but page_links, which writes into the HDF it borrows. */
#ifndef TERTULIA_PAGING_H
#define TERTULIA_PAGING_H

#include <ClearSilver.h>

/* The LIMIT to bind for a page of per_page rows: one more, whose presence
 * says that there is a next page. */
long long page_limit(long long per_page);
/* The OFFSET to bind for page (1 is the first) of per_page rows. */
long long page_offset(long long page, long long per_page);

/* How many pages count items fill, per_page a page: at least 1, even for
 * none. */
long long page_count(long long count, long long per_page);
/* The page (1 is the first) of a list cut by position where position
 * (1-based) is. */
long long page_of_position(long long position, long long per_page);

/* A page of a list cut by position. */
typedef struct page_span {
	long long page;   /* 1 .. pages */
	long long pages;  /* at least 1, even for an empty list */
	long long first;  /* positions first .. last, 1-based */
	long long last;
} page_span;

/* Page `page` (0, or one past the end: the last) of a list of positions
 * 1..count, per_page a page, into *out. 0, or E_NOTFOUND for a page
 * below 0. */
int page_span_of(long long count, long long per_page, long long page, page_span *out);
/* The links of a page into h: d.page, d.pages, and d.prev_page and
 * d.next_page when there is one. */
void page_links(HDF *h, const page_span *s);

#endif
