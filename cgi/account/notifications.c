/* notifications.c: /notifications, a member's notifications grouped by
 * thread, idea or product ("3 new replies in …"), unread first; marking one
 * group or all of them read. */
#include "account.h"
#include "base/err.h"
#include "services/notify_view.h"

#include <stdio.h>
#include <string.h>

HDF *account_lang(const request *r)
{
	return r->app->lang[strcmp(r->lang, "es") == 0 ? 1 : 0];
}

int page_notifications(request *r)
{
	long long page = req_page(r, 10000);
	int more = 0, rc;

	rc = notify_load_groups(r->app->db, r->user.id, account_lang(r), page, r->hdf, "d.groups",
				&more);
	if (rc != 0)
		return rc;
	hdf_int(r->hdf, "d.page", page);
	if (more)
		hdf_int(r->hdf, "d.next_page", page + 1);
	if (page > 1)
		hdf_int(r->hdf, "d.prev_page", page - 1);
	if (req_query(r, "done"))
		hdf_int(r->hdf, "done", 1);
	r->template = "account/notifications";
	return 200;
}

/* the page to go back to after marking one read */
const field_spec read_fields[] = {
	{ "next", F_LINE, 0, 1000, 0, NULL },
	FIELDS_END
};

int do_read(request *r)
{
	const char *next = form_get(&r->in, "next");
	long long id = req_arg_id(r, 0);
	int rc;

	if (id == 0) /* "0" is no notification (and never "all of them") */
		return E_NOTFOUND;
	rc = notify_mark_read(r->app->db, r->user.id, id);
	if (rc != 0)
		return rc;
	req_said(r, "notification_read");
	req_redirect(r, next ? safe_next(next) : "/notifications");
	return 303;
}

int page_open(request *r)
{
	long long id = req_arg_id(r, 0);
	char url[256];
	int rc;

	if (id == 0)
		return E_NOTFOUND;
	rc = notify_target_url(r->app->db, r->user.id, id, url, sizeof(url));
	if (rc == 0)
		rc = notify_mark_read(r->app->db, r->user.id, id);
	if (rc != 0)
		return rc;
	/* what it named is no longer shown: the list, which drops it */
	req_redirect(r, url[0] ? url : "/notifications");
	return 303;
}

int do_read_all(request *r)
{
	int rc = notify_mark_read(r->app->db, r->user.id, 0);

	if (rc != 0)
		return rc;
	req_redirect(r, "/notifications?done=1");
	return 303;
}
