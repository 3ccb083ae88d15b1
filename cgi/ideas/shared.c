/* shared.c: helpers the ideas program's handlers share (see ideas.h). */
#include "ideas.h"
#include "base/err.h"

#include <stdio.h>
#include <string.h>

static const char SQL_CATEGORIES[] =
	"SELECT id, slug, IF(? = 'es', name_es, name_en) AS name FROM categories "
	"ORDER BY position, id";
static const char SQL_CATEGORY_ID[] = "SELECT id FROM categories WHERE slug = ?";
static const char SQL_SIMILAR[] =
	"SELECT i.id, i.title, i.stage AS status, i.vote_count, "
	"MATCH(i.title) AGAINST(?) AS score FROM ideas i "
	"WHERE MATCH(i.title) AGAINST(?) AND i.status = 'visible' AND i.merged_into_id IS NULL "
	"ORDER BY score DESC, i.vote_count DESC, i.id DESC LIMIT ?";

long long ideas_vote_budget(const request *r)
{
	long long n = config_int(&r->app->cfg, "ideas.vote_budget", 0);

	return n > 0 ? n : 0;
}

int ideas_select_rows(request *r, const char *prefix, const char *sql, const db_param *p,
		      size_t n)
{
	db_rows *rows = NULL;
	int rc = db_select(r->app->db, sql, p, n, &rows);

	if (rc != 0)
		return rc;
	hdf_rows(r->hdf, prefix, rows);
	db_rows_free(rows);
	return 0;
}

int ideas_load_categories(request *r, const char *prefix)
{
	return IDEAS_ROWS(r, prefix, SQL_CATEGORIES, DBS(r->lang));
}

int ideas_category_id(request *r, const char *slug, long long *id)
{
	return DB_SELECT_INT(r->app->db, SQL_CATEGORY_ID, id, DBS(slug));
}

int ideas_similar(request *r, const char *text, long long limit, const char *prefix)
{
	db_rows *rows = NULL;
	char name[96];
	size_t i;
	int rc;

	if (text == NULL || *text == '\0')
		return 0;
	rc = DB_SELECT(r->app->db, SQL_SIMILAR, &rows, DBS(text), DBS(text), DBI(limit));
	if (rc != 0)
		return rc;
	hdf_rows(r->hdf, prefix, rows);
	/* the relevance is an implementation detail, not page data */
	for (i = 0; i < rows->nrows; i++) {
		snprintf(name, sizeof(name), "%s.%zu.score", prefix, i);
		hdf_remove_tree(r->hdf, name);
	}
	db_rows_free(rows);
	return 0;
}

int ideas_budget_info(request *r, const char *prefix)
{
	long long budget = ideas_vote_budget(r), n = 0;
	char name[96];
	int rc;

	if (budget == 0 || r->user.id == 0)
		return 0;
	rc = idea_open_votes(r->app->db, r->user.id, &n);
	if (rc != 0)
		return rc;
	snprintf(name, sizeof(name), "%s.budget", prefix);
	hdf_int(r->hdf, name, budget);
	snprintf(name, sizeof(name), "%s.open_votes", prefix);
	hdf_int(r->hdf, name, n);
	snprintf(name, sizeof(name), "%s.votes_left", prefix);
	hdf_int(r->hdf, name, n < budget ? budget - n : 0);
	return 0;
}
