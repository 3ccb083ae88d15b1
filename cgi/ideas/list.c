/* list.c: the list of ideas (top, new, trending; filtered by status,
 * product and category) and the roadmap.
 *
 * Trending is computed in SQL from the votes of the last 14 days: each
 * recent vote weighs 1 / (hours since the vote + 2)^1.5, so a vote cast now
 * counts about 0.35, one a day old about 0.008, and an idea rises while
 * people are voting for it, then sinks as its votes age, however many old
 * votes it holds. Ties fall back to the total count. */
#include "ideas.h"
#include "base/err.h"
#include "base/paging.h"

#include <stdio.h>
#include <string.h>

#define IDEA_COLUMNS \
	"SELECT i.id, i.title, i.stage AS status, i.vote_count, " \
	"i.visible_comment_count AS comment_count, i.product_id, " \
	"u.username AS author, c.slug AS category_slug, " \
	"IF(? = 'es', c.name_es, c.name_en) AS category_name, " \
	"UNIX_TIMESTAMP(i.created_at) AS created_at, " \
	"UNIX_TIMESTAMP(i.stage_changed_at) AS status_changed_at "
#define IDEA_FROM \
	"FROM ideas i JOIN users u ON u.id = i.user_id LEFT JOIN categories c ON c.id = i.category_id "
#define IDEA_FILTER \
	"WHERE i.status = 'visible' AND i.merged_into_id IS NULL AND (? = '' OR i.stage = ?) " \
	"AND (? = 0 OR i.product_id = ?) AND (? = 0 OR i.category_id = ?) "

static const char SQL_TOP[] = IDEA_COLUMNS IDEA_FROM IDEA_FILTER
	"ORDER BY i.vote_count DESC, i.id DESC LIMIT ? OFFSET ?";
static const char SQL_NEW[] = IDEA_COLUMNS IDEA_FROM IDEA_FILTER
	"ORDER BY i.created_at DESC, i.id DESC LIMIT ? OFFSET ?";
static const char SQL_TRENDING[] = IDEA_COLUMNS
	", ROUND(COALESCE(t.score, 0), 4) AS trend " IDEA_FROM
	"LEFT JOIN (SELECT idea_id, "
	"SUM(POW(TIMESTAMPDIFF(SECOND, created_at, UTC_TIMESTAMP()) / 3600 + 2, -1.5)) AS score "
	"FROM idea_votes WHERE created_at > UTC_TIMESTAMP() - INTERVAL 14 DAY GROUP BY idea_id) t "
	"ON t.idea_id = i.id " IDEA_FILTER
	"ORDER BY COALESCE(t.score, 0) DESC, i.vote_count DESC, i.id DESC LIMIT ? OFFSET ?";
/* Roadmap: a stage's ideas, most wanted first; shipped ones, latest first,
 * of the last 90 days. */
static const char SQL_ROADMAP[] = IDEA_COLUMNS IDEA_FROM IDEA_FILTER
	"ORDER BY i.vote_count DESC, i.id DESC LIMIT 50";
static const char SQL_SHIPPED[] = IDEA_COLUMNS IDEA_FROM IDEA_FILTER
	"AND i.stage_changed_at > UTC_TIMESTAMP() - INTERVAL 90 DAY "
	"ORDER BY i.stage_changed_at DESC, i.id DESC LIMIT 20";

static const struct {
	const char *name;
	const char *sql;
} sorts[] = {
	{ "top", SQL_TOP }, { "new", SQL_NEW }, { "trending", SQL_TRENDING },
};

typedef struct filters {
	const char *stage;     /* "" for any */
	long long product_id;  /* 0 for any */
	long long category_id; /* 0 for any */
} filters;

/* Reads ?status=, ?product= (a SKU) and ?category= (a slug) into f and
 * d.filter. An unknown value is a 400 that says which. */
static int read_filters(request *r, filters *f)
{
	const char *stage = req_query(r, "status");
	const char *product = req_query(r, "product");
	const char *category = req_query(r, "category");
	int rc;

	memset(f, 0, sizeof(*f));
	f->stage = "";
	if (stage && *stage) {
		if (!idea_stage_valid(stage)) {
			hdf_str(r->hdf, "error.reason", req_text(r, "ideas.err.status"));
			return E_INVALID;
		}
		f->stage = stage;
		hdf_str(r->hdf, "d.filter.status", stage);
	}
	if (product && *product) {
		rc = ideas_product_id(r, product, &f->product_id);
		if (rc == E_NOTFOUND)
			hdf_str(r->hdf, "error.reason", req_text(r, "ideas.err.product"));
		if (rc != 0)
			return rc == E_NOTFOUND ? E_INVALID : rc;
		hdf_str(r->hdf, "d.filter.product", product);
	}
	if (category && *category) {
		rc = ideas_category_id(r, category, &f->category_id);
		if (rc == E_NOTFOUND)
			hdf_str(r->hdf, "error.reason", req_text(r, "ideas.err.category"));
		if (rc != 0)
			return rc == E_NOTFOUND ? E_INVALID : rc;
		hdf_str(r->hdf, "d.filter.category", category);
	}
	return 0;
}

/* Runs one list query and copies its rows (at most max) into prefix, each
 * with its product. A paged list (offset >= 0) binds its limit, max and
 * one more (page_limit), and its offset; a list with offset -1 has a fixed
 * LIMIT. Returns the number of rows found, or an error. */
static int load_list(request *r, const char *sql, const filters *f, const char *stage,
		     long long offset, const char *prefix, size_t max)
{
	db_rows *rows = NULL;
	char name[96];
	size_t i, n;
	int rc;

	if (offset >= 0)
		rc = DB_SELECT(r->app->db, sql, &rows, DBS(r->lang), DBS(stage), DBS(stage),
			       DBI(f->product_id), DBI(f->product_id), DBI(f->category_id),
			       DBI(f->category_id), DBI(page_limit((long long)max)), DBI(offset));
	else
		rc = DB_SELECT(r->app->db, sql, &rows, DBS(r->lang), DBS(stage), DBS(stage),
			       DBI(f->product_id), DBI(f->product_id), DBI(f->category_id),
			       DBI(f->category_id));
	if (rc != 0)
		return rc;
	n = rows->nrows;
	if (rows->nrows > max)
		rows->nrows = max;
	hdf_rows(r->hdf, prefix, rows);
	for (i = 0; i < rows->nrows && rc == 0; i++) {
		snprintf(name, sizeof(name), "%s.%zu.product", prefix, i);
		rc = ideas_product_info(r, row_int(rows, i, "product_id"), name);
	}
	db_rows_free(rows);
	return rc ? rc : (int)n;
}

/* Which of the page's ideas the member voted for: d.ideas.N.voted, so that
 * each row's button votes or takes the vote back. One statement for the
 * page: IDEAS_PER_PAGE places, those past the page's rows bound to 0, which
 * no idea has. */
#define VOTED_PLACES "?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?"
static const char SQL_VOTED_HERE[] =
	"SELECT idea_id FROM idea_votes WHERE user_id = ? AND idea_id IN (" VOTED_PLACES ")";

static int load_voted(request *r, int n)
{
	db_param p[IDEAS_PER_PAGE + 1];
	db_rows *rows = NULL;
	char name[64];
	size_t i;
	int k, rc;

	_Static_assert(sizeof(VOTED_PLACES) / 2 == IDEAS_PER_PAGE, "a place for each row");
	if (r->user.id == 0 || n <= 0)
		return 0;
	p[0] = DBI(r->user.id);
	for (k = 0; k < IDEAS_PER_PAGE; k++) {
		snprintf(name, sizeof(name), "d.ideas.%d.id", k);
		p[k + 1] = DBI(k < n ? hdf_get_int_value(r->hdf, name, 0) : 0);
	}
	rc = db_select(r->app->db, SQL_VOTED_HERE, p, IDEAS_PER_PAGE + 1, &rows);
	if (rc != 0)
		return rc;
	for (i = 0; i < rows->nrows; i++)
		for (k = 0; k < n && k < IDEAS_PER_PAGE; k++) {
			snprintf(name, sizeof(name), "d.ideas.%d.id", k);
			if (hdf_get_int_value(r->hdf, name, 0) == row_int(rows, i, "idea_id")) {
				snprintf(name, sizeof(name), "d.ideas.%d.voted", k);
				hdf_int(r->hdf, name, 1);
			}
		}
	db_rows_free(rows);
	return 0;
}

/* The choices of the filter form: categories and products (f's product
 * among them). */
static int load_choices(request *r, const filters *f)
{
	int rc = ideas_load_categories(r, "categories");

	return rc ? rc : ideas_load_filter_products(r, "products", f->product_id);
}

/* The list a page of ideas reads: its sort's statement and its filters. */
struct idea_list {
	const char *sql;
	const filters *f;
};

static int ideas_probe(request *r, const void *ctx, long long offset, int *found)
{
	const struct idea_list *l = ctx;
	const filters *f = l->f;
	db_rows *rows = NULL;
	int rc = DB_SELECT(r->app->db, l->sql, &rows, DBS(r->lang), DBS(f->stage), DBS(f->stage),
			   DBI(f->product_id), DBI(f->product_id), DBI(f->category_id),
			   DBI(f->category_id), DBI(1), DBI(offset));

	if (rc == 0)
		*found = rows->nrows > 0;
	db_rows_free(rows);
	return rc;
}

int page_ideas(request *r)
{
	const char *sort = req_query(r, "sort");
	const char *sql = NULL;
	long long page = req_page(r, 100000);
	filters f;
	size_t i;
	int n, rc;

	r->template = "ideas/list";
	if (sort == NULL || *sort == '\0')
		sort = "top";
	for (i = 0; i < sizeof(sorts) / sizeof(sorts[0]); i++)
		if (strcmp(sort, sorts[i].name) == 0)
			sql = sorts[i].sql;
	if (sql == NULL) {
		hdf_str(r->hdf, "error.reason", req_text(r, "ideas.err.sort"));
		return E_INVALID;
	}
	hdf_str(r->hdf, "d.sort", sort);
	rc = read_filters(r, &f);
	if (rc != 0)
		return rc;
	n = load_list(r, sql, &f, f.stage, page_offset(page, IDEAS_PER_PAGE), "d.ideas",
		      IDEAS_PER_PAGE);
	if (n < 0)
		return n;
	if (n == 0 && page > 1) {
		struct idea_list list = { sql, &f };

		return req_page_past_end(r, page, IDEAS_PER_PAGE, ideas_probe, &list);
	}
	hdf_int(r->hdf, "d.page", page);
	if (n > IDEAS_PER_PAGE)
		hdf_int(r->hdf, "d.next_page", page + 1);
	if (page > 1)
		hdf_int(r->hdf, "d.prev_page", page - 1);
	rc = load_choices(r, &f);
	if (rc == 0)
		rc = ideas_budget_info(r, "d.me");
	if (rc == 0)
		rc = load_voted(r, n > IDEAS_PER_PAGE ? IDEAS_PER_PAGE : n);
	return rc ? rc : 200;
}

int page_roadmap(request *r)
{
	static const struct {
		const char *stage, *sql, *prefix;
	} columns[] = {
		{ "planned", SQL_ROADMAP, "d.planned" },
		{ "in_progress", SQL_ROADMAP, "d.in_progress" },
		{ "done", SQL_SHIPPED, "d.done" },
	};
	filters f;
	size_t i;
	int n, rc;

	r->template = "ideas/roadmap";
	rc = read_filters(r, &f);
	if (rc != 0)
		return rc;
	for (i = 0; i < sizeof(columns) / sizeof(columns[0]); i++) {
		n = load_list(r, columns[i].sql, &f, columns[i].stage, -1, columns[i].prefix, 50);
		if (n < 0)
			return n;
	}
	rc = load_choices(r, &f);
	return rc ? rc : 200;
}
