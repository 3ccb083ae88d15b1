/* paging.c: pages of lists (paging.h). */
#include "base/paging.h"
#include "base/err.h"
#include "base/hdf.h"

long long page_limit(long long per_page)
{
	return per_page + 1;
}

long long page_offset(long long page, long long per_page)
{
	return page > 1 ? (page - 1) * per_page : 0;
}

long long page_count(long long count, long long per_page)
{
	return count > 0 ? (count + per_page - 1) / per_page : 1;
}

long long page_of_position(long long position, long long per_page)
{
	return position > 1 ? (position - 1) / per_page + 1 : 1;
}

int page_span_of(long long count, long long per_page, long long page, page_span *out)
{
	long long pages = page_count(count, per_page);

	/* 0 asks for the last page, and a page past it gets it too */
	if (page == 0 || page > pages)
		page = pages;
	if (page < 1)
		return E_NOTFOUND;
	out->page = page;
	out->pages = pages;
	out->first = (page - 1) * per_page + 1;
	out->last = page * per_page;
	return 0;
}

void page_links(HDF *h, const page_span *s)
{
	hdf_int(h, "d.page", s->page);
	hdf_int(h, "d.pages", s->pages);
	if (s->page > 1)
		hdf_int(h, "d.prev_page", s->page - 1);
	if (s->page < s->pages)
		hdf_int(h, "d.next_page", s->page + 1);
}
