/* items.c: the kinds of content moderators act on (see mod.h). */
#include "mod.h"
#include "base/err.h"
#include "base/policy.h"
#include "forum/forum_item.h"
#include "ideas/idea_item.h"
#include "reviews/reviews_item.h"

#include <stdio.h>
#include <string.h>

/* every kind moderators act on, each kept by its area next to its store */
static const mod_item_kind *const kinds[] = {
	&forum_post_item, &reviews_item, &idea_item, &idea_comment_item,
};

const mod_item_kind *item_kind_find(const char *type)
{
	size_t i;

	for (i = 0; type && i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcmp(kinds[i]->type, type) == 0)
			return kinds[i];
	return NULL;
}

int item_fill(request *r, const mod_item_kind *k, long long id, const char *prefix)
{
	return k->load(r->app->db, r->hdf, r->lang, id, prefix);
}

int item_load(request *r, const mod_item_kind *k, long long id, const char *prefix)
{
	char name[96];
	const char *status;
	int rc = item_fill(r, k, id, prefix);

	if (rc != 0)
		return rc;
	snprintf(name, sizeof(name), "%s.status", prefix);
	status = hdf_get_value(r->hdf, name, "");
	if (!policy_can_flag(r->user.roles, status))
		return E_NOTFOUND;
	return 0;
}
