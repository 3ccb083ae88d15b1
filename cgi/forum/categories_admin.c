/* categories_admin.c: admins add and edit categories (name and description
 * in both languages, position, who may start threads). Every change is in
 * the audit log. */
#include "forum.h"
#include "base/err.h"
#include "services/users.h"

#include <stdio.h>

const field_spec category_fields[] = {
	{ "slug", F_SLUG, 2, 60, 0, NULL },
	{ "name_en", F_LINE, 2, 80, 1, NULL },
	{ "name_es", F_LINE, 2, 80, 1, NULL },
	{ "description_en", F_LINE, 0, 300, 0, NULL },
	{ "description_es", F_LINE, 0, 300, 0, NULL },
	{ "position", F_INT, -1000, 1000, 0, NULL },
	/* a box: ticked, only staff, moderators and admins start threads */
	{ "staff_threads", F_ENUM, 0, 0, 0, "on" },
	FIELDS_END
};

static const char SQL_ALL[] =
	"SELECT id, slug, name_en, name_es, description_en, description_es, position, "
	"thread_starters, thread_count, post_count FROM categories ORDER BY position, id";
static const char SQL_INSERT[] =
	"INSERT INTO categories (slug, name_en, name_es, description_en, description_es, position, "
	"thread_starters, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP())";
static const char SQL_UPDATE[] =
	"UPDATE categories SET name_en = ?, name_es = ?, description_en = ?, description_es = ?, "
	"position = ?, thread_starters = ? WHERE slug = ?";

/* categories.thread_starters from the form's box. */
static const char *starters(request *r)
{
	return form_get(&r->in, "staff_threads") ? "staff" : "members";
}

static int show(request *r, int status)
{
	db_rows *rows = NULL;
	int rc = db_select(r->app->db, SQL_ALL, NULL, 0, &rows);
	if (rc != 0)
		return rc;
	hdf_rows(r->hdf, "d.categories", rows);
	db_rows_free(rows);
	if (req_query(r, "saved"))
		hdf_str(r->hdf, "saved", req_query(r, "saved"));
	r->template = "forum/admin_categories";
	return status;
}

int page_admin_categories(request *r)
{
	return show(r, 200);
}

static const char *field(request *r, const char *name)
{
	const char *v = form_get(&r->in, name);

	return v ? v : "";
}

int do_create_category(request *r)
{
	db_result res;
	char url[128];
	int rc;

	if (!form_get(&r->in, "slug") && !r->invalid)
		req_field_error(r, "slug", "err.required", 0);
	if (r->invalid)
		return show(r, 400);
	rc = db_begin(r->app->db);
	if (rc == 0)
		rc = DB_EXEC(r->app->db, SQL_INSERT, &res, DBS(field(r, "slug")),
			     DBS(field(r, "name_en")), DBS(field(r, "name_es")),
			     DBS(field(r, "description_en")), DBS(field(r, "description_es")),
			     DBI(form_int(&r->in, "position", 0)), DBS(starters(r)));
	if (rc == 0)
		rc = audit_add(r->app->db, r->user.id, "category_create", "category",
			       (long long)res.insert_id, "", field(r, "slug"));
	rc = db_end(r->app->db, rc);
	if (rc == E_DUP) {
		req_field_error(r, "slug", "err.slug_taken", 0);
		return show(r, 409);
	}
	if (rc != 0)
		return rc;
	r->created_id = (long long)res.insert_id;
	snprintf(url, sizeof(url), "/admin/categories?saved=%s", field(r, "slug"));
	req_redirect(r, url);
	return 303;
}

int do_update_category(request *r)
{
	long long id = 0;
	char url[128];
	int rc = forum_category_id(r, r->args[0], &id);

	if (rc != 0)
		return rc;
	if (r->invalid)
		return show(r, 400);
	rc = db_begin(r->app->db);
	if (rc == 0)
		rc = DB_EXEC(r->app->db, SQL_UPDATE, NULL, DBS(field(r, "name_en")),
			     DBS(field(r, "name_es")), DBS(field(r, "description_en")),
			     DBS(field(r, "description_es")), DBI(form_int(&r->in, "position", 0)),
			     DBS(starters(r)), DBS(r->args[0]));
	if (rc == 0)
		rc = audit_add(r->app->db, r->user.id, "category_update", "category", id, "", r->args[0]);
	rc = db_end(r->app->db, rc);
	if (rc != 0)
		return rc;
	r->created_id = id;
	snprintf(url, sizeof(url), "/admin/categories?saved=%s", r->args[0]);
	req_redirect(r, url);
	return 303;
}
