/* search.c: full-text search over thread titles and posts (MariaDB
 * FULLTEXT, natural language mode, ranked), with highlighted snippets.
 *
 * A snippet is stored as segments (d.posts.N.snippet.K.text, .mark) that the
 * template prints with var:, so highlighting never needs raw HTML. */
#include "forum.h"
#include "base/err.h"
#include "base/paging.h"
#include "text/markdown.h"
#include "base/str.h"
#include "base/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RESULTS_PER_PAGE 20
#define MAX_TERMS 8
#define SNIPPET_BYTES 240

static const char SQL_THREADS[] =
	"SELECT t.id, t.title, t.slug, t.reply_count, c.slug AS category_slug, "
	"IF(? = 'es', c.name_es, c.name_en) AS category_name, "
	"UNIX_TIMESTAMP(t.last_post_at) AS last_post_at "
	"FROM threads t JOIN categories c ON c.id = t.category_id "
	"WHERE MATCH(t.title) AGAINST(?) AND t.status = 'visible' AND (? = 0 OR t.category_id = ?) "
	"ORDER BY MATCH(t.title) AGAINST(?) DESC, t.id DESC LIMIT ? OFFSET ?";
/* Posts, reviews and ideas are ranked from the FULLTEXT index alone
 * (search_rank: ids, best first, kept by the worker when slow), then read
 * by those ids with whether they may be shown and the filters: ranking
 * first and joining after is what keeps a word found in 10% of the posts
 * fast (InnoDB ranks the matches once; joining every match before sorting
 * was 16 times slower). Pages and filters look within the top matches (see
 * RANKED). The ids come as one JSON array parameter, read by JSON_TABLE in
 * their order. */
#define BY_RANK(ids_alias) \
	"JSON_TABLE(?, '$[*]' COLUMNS (pos FOR ORDINALITY, id BIGINT UNSIGNED PATH '$')) " ids_alias
static const char SQL_POSTS_RANK[] =
	"SELECT id FROM posts WHERE MATCH(body) AGAINST(?) "
	"ORDER BY MATCH(body) AGAINST(?) DESC, id DESC LIMIT ?";
static const char SQL_POSTS[] =
	"SELECT p.id, p.thread_id, p.position, p.body, t.title, t.slug, u.username AS author, "
	"UNIX_TIMESTAMP(p.created_at) AS created_at FROM " BY_RANK("m") " "
	"JOIN posts p ON p.id = m.id JOIN threads t ON t.id = p.thread_id "
	"JOIN users u ON u.id = p.user_id "
	"WHERE p.status = 'visible' AND t.status = 'visible' AND (? = 0 OR t.category_id = ?) "
	"ORDER BY m.pos LIMIT ? OFFSET ?";
/* How many top matches a page of `want` results looks within: enough for
 * hidden content and a filter to leave a full page. */
#define RANKED(offset, want, filtered) ((offset) + ((filtered) ? 2000 : 10 * (want)))
/* Reviews (the reviews area's tables): title and body, one FULLTEXT index. */
static const char SQL_REVIEWS_RANK[] =
	"SELECT id FROM reviews WHERE MATCH(title, body) AGAINST(?) "
	"ORDER BY MATCH(title, body) AGAINST(?) DESC, id DESC LIMIT ?";
static const char SQL_REVIEWS[] =
	"SELECT r.id, r.title, r.body, r.rating, p.sku, p.name AS product, u.username AS author, "
	"UNIX_TIMESTAMP(r.created_at) AS created_at FROM " BY_RANK("m") " "
	"JOIN reviews r ON r.id = m.id JOIN products p ON p.id = r.product_id "
	"JOIN users u ON u.id = r.user_id "
	"WHERE r.status = 'visible' AND p.active = 1 AND (? = 0 OR r.product_id = ?) "
	"ORDER BY m.pos LIMIT ? OFFSET ?";
static const char SQL_PRODUCT_ID[] = "SELECT id FROM products WHERE sku = ? AND active = 1";
static const char SQL_PRODUCTS[] =
	"SELECT sku, name FROM products WHERE active = 1 ORDER BY name";

/* Ideas (the ideas area's table): title and body, one FULLTEXT index;
 * merged duplicates are left out, p=SKU narrows to one product's ideas. */
static const char SQL_IDEAS_RANK[] =
	"SELECT id FROM ideas WHERE MATCH(title, body) AGAINST(?) "
	"ORDER BY MATCH(title, body) AGAINST(?) DESC, id DESC LIMIT ?";
static const char SQL_IDEAS[] =
	"SELECT i.id, i.title, i.body, i.stage AS status, i.vote_count, u.username AS author, "
	"UNIX_TIMESTAMP(i.created_at) AS created_at FROM " BY_RANK("m") " "
	"JOIN ideas i ON i.id = m.id JOIN users u ON u.id = i.user_id "
	"WHERE i.status = 'visible' AND i.merged_into_id IS NULL AND (? = 0 OR i.category_id = ?) "
	"AND (? = '' OR i.product_id = (SELECT id FROM products WHERE sku = ?)) "
	"ORDER BY m.pos LIMIT ? OFFSET ?";

typedef struct terms {
	char *w[MAX_TERMS];
	size_t len[MAX_TERMS];
	size_t n;
	char *buf;
} terms;

/* Splits the query into words (letters and digits, any script). */
static int terms_split(const char *q, terms *t)
{
	char *p;

	memset(t, 0, sizeof(*t));
	t->buf = strdup(q);
	if (t->buf == NULL)
		return E_NOMEM;
	for (p = t->buf; *p && t->n < MAX_TERMS;) {
		unsigned char c = (unsigned char)*p;
		if (c < 0x80 && !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
				  (c >= '0' && c <= '9'))) {
			*p++ = '\0';
			continue;
		}
		t->w[t->n] = p;
		while (*p && !((unsigned char)*p < 0x80 &&
			       !(((*p | 32) >= 'a' && (*p | 32) <= 'z') || (*p >= '0' && *p <= '9'))))
			p++;
		t->len[t->n] = (size_t)(p - t->w[t->n]);
		if (t->len[t->n] >= 2)
			t->n++;
	}
	return 0;
}

/* Whether byte c may be part of a word: an ASCII letter or digit, or any
 * byte of a character beyond ASCII (the letters of every script). */
static int word_byte(unsigned char c)
{
	return c >= 0x80 || (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z');
}

/* The first place at or after `from` where a term occurs as a whole word,
 * as the FULLTEXT index found it ("cal" is not marked inside
 * "descalcificación"); its length in *len. Returns (size_t)-1 when none
 * does. ASCII letters match in any case. */
static size_t find_term(const char *text, size_t n, size_t from, const terms *t, size_t *len)
{
	size_t i, k;

	for (i = from; i < n; i++) {
		if (i > 0 && word_byte((unsigned char)text[i - 1]))
			continue;
		for (k = 0; k < t->n; k++) {
			size_t end = i + t->len[k];
			if (end <= n && ascii_ncasecmp(text + i, t->w[k], t->len[k]) == 0 &&
			    (end == n || !word_byte((unsigned char)text[end]))) {
				*len = t->len[k];
				return i;
			}
		}
	}
	return (size_t)-1;
}

static void add_segment(HDF *h, const char *prefix, int k, const char *s, size_t n, int mark)
{
	char name[160];
	char *copy = strndup(s, n);

	if (copy == NULL)
		return;
	snprintf(name, sizeof(name), "%s.%d.text", prefix, k);
	hdf_str(h, name, copy);
	if (mark) {
		snprintf(name, sizeof(name), "%s.%d.mark", prefix, k);
		hdf_int(h, name, 1);
	}
	free(copy);
}

/* Makes the snippet of Markdown `md` around the first term found. */
static void snippet(HDF *h, const char *prefix, const char *md, size_t mdlen, const terms *t)
{
	char *text = NULL;
	size_t n, start = 0, end, at, len = 0, pos;
	int k = 0;

	if (markdown_plain(md, mdlen, &text) != 0)
		return;
	n = strlen(text);
	at = find_term(text, n, 0, t, &len);
	if (at != (size_t)-1 && at > 60)
		start = at - 60;
	while (start > 0 && ((unsigned char)text[start] & 0xC0) == 0x80)
		start--;
	end = start + SNIPPET_BYTES < n ? start + SNIPPET_BYTES : n;
	while (end < n && ((unsigned char)text[end] & 0xC0) == 0x80)
		end++;
	if (start > 0)
		add_segment(h, prefix, k++, "…", strlen("…"), 0);
	for (pos = start; pos < end && k < 40;) {
		at = find_term(text, end, pos, t, &len);
		if (at == (size_t)-1) {
			add_segment(h, prefix, k++, text + pos, end - pos, 0);
			break;
		}
		if (at > pos)
			add_segment(h, prefix, k++, text + pos, at - pos, 0);
		add_segment(h, prefix, k++, text + at, len, 1);
		pos = at + len;
	}
	if (end < n)
		add_segment(h, prefix, k++, "…", strlen("…"), 0);
	free(text);
}

/* Reviews matching q: on "all", the best few on page 1; alone (type=review,
 * or a product named with p=), RESULTS_PER_PAGE a page. */
static int search_reviews(request *r, const char *q, const terms *t, long long page,
			  long long product_id, int paged)
{
	long long offset = paged ? page_offset(page, RESULTS_PER_PAGE) : 0;
	db_rows *rows = NULL;
	char name[64], *ids = NULL;
	size_t i;
	int rc = search_rank(r, "reviews", SQL_REVIEWS_RANK, q,
			     RANKED(offset, paged ? RESULTS_PER_PAGE : 5, product_id != 0), &ids);

	if (rc == 0)
		rc = DB_SELECT(r->app->db, SQL_REVIEWS, &rows, DBS(ids), DBI(product_id),
			       DBI(product_id), DBI(paged ? page_limit(RESULTS_PER_PAGE) : 5), DBI(offset));
	free(ids);
	if (rc != 0)
		return rc;
	if (paged && rows->nrows > RESULTS_PER_PAGE) {
		rows->nrows = RESULTS_PER_PAGE;
		hdf_int(r->hdf, "d.next_page", page + 1);
	}
	hdf_rows(r->hdf, "d.reviews", rows);
	for (i = 0; i < rows->nrows; i++) {
		snprintf(name, sizeof(name), "d.reviews.%zu.snippet", i);
		snippet(r->hdf, name, row_str(rows, i, "body"), row_len(rows, i, "body"), t);
		snprintf(name, sizeof(name), "d.reviews.%zu.body", i);
		hdf_remove_tree(r->hdf, name);
		snprintf(name, sizeof(name), "d.reviews.%zu.url", i);
		hdf_strf(r->hdf, name, "/reviews/%s", row_str(rows, i, "id"));
	}
	db_rows_free(rows);
	return 0;
}

/* Ideas matching q: on "all", the best few on page 1; with type=idea,
 * RESULTS_PER_PAGE a page. */
static int search_ideas(request *r, const char *q, const terms *t, long long page,
			long long category_id, int paged)
{
	const char *sku = req_query(r, "p");
	long long offset = paged ? page_offset(page, RESULTS_PER_PAGE) : 0;
	db_rows *rows = NULL;
	char name[64], *ids = NULL;
	size_t i;
	int rc = search_rank(r, "ideas", SQL_IDEAS_RANK, q,
			     RANKED(offset, paged ? RESULTS_PER_PAGE : 5,
				    category_id != 0 || (sku && *sku)), &ids);

	if (rc == 0)
		rc = DB_SELECT(r->app->db, SQL_IDEAS, &rows, DBS(ids), DBI(category_id),
			       DBI(category_id), DBS(sku ? sku : ""), DBS(sku ? sku : ""),
			       DBI(paged ? page_limit(RESULTS_PER_PAGE) : 5), DBI(offset));
	free(ids);
	if (rc != 0)
		return rc;
	if (paged && rows->nrows > RESULTS_PER_PAGE) {
		rows->nrows = RESULTS_PER_PAGE;
		hdf_int(r->hdf, "d.next_page", page + 1);
	}
	hdf_rows(r->hdf, "d.ideas", rows);
	for (i = 0; i < rows->nrows; i++) {
		snprintf(name, sizeof(name), "d.ideas.%zu.snippet", i);
		snippet(r->hdf, name, row_str(rows, i, "body"), row_len(rows, i, "body"), t);
		snprintf(name, sizeof(name), "d.ideas.%zu.body", i);
		hdf_remove_tree(r->hdf, name);
	}
	db_rows_free(rows);
	return 0;
}

int page_search(request *r)
{
	const char *q = req_query(r, "q"), *type = req_query(r, "type"), *c = req_query(r, "c");
	long long page = req_page(r, 50), category_id = 0;
	int want_threads, want_posts, want_reviews, rc = 0;
	const char *product = req_query(r, "p");
	long long product_id = 0;
	db_rows *rows = NULL;
	terms t = { 0 };
	size_t i;

	r->template = "forum/search";
	if (type == NULL || *type == '\0')
		type = "all";
	want_threads = strcmp(type, "all") == 0 || strcmp(type, "thread") == 0;
	want_posts = strcmp(type, "all") == 0 || strcmp(type, "post") == 0;
	int want_ideas = strcmp(type, "all") == 0 || strcmp(type, "idea") == 0;
	want_reviews = strcmp(type, "all") == 0 || strcmp(type, "review") == 0;
	if (!want_ideas && !want_threads && !want_posts && !want_reviews)
		return E_INVALID;
	hdf_str(r->hdf, "d.type", type);
	if (c && *c) {
		rc = forum_category_id(r, c, &category_id);
		if (rc == E_NOTFOUND)
			return E_INVALID;
		if (rc != 0)
			return rc;
		hdf_str(r->hdf, "d.c", c);
	}
	rc = forum_load_categories(r, "categories");
	if (rc != 0)
		return rc;
	/* p=SKU: that product's reviews; reviews have no forum category */
	if (product && *product) {
		rc = DB_SELECT_INT(r->app->db, SQL_PRODUCT_ID, &product_id, DBS(product));
		if (rc != 0)
			return rc == E_NOTFOUND ? E_INVALID : rc;
		hdf_str(r->hdf, "d.p", product);
		want_threads = want_posts = 0;
	}
	if (category_id)
		want_reviews = 0;
	rc = db_select(r->app->db, SQL_PRODUCTS, NULL, 0, &rows);
	if (rc != 0)
		return rc;
	hdf_rows(r->hdf, "products", rows);
	db_rows_free(rows);
	rows = NULL;
	if (q == NULL || *q == '\0')
		return 200;
	if (utf8_check(q, strlen(q), 0) != UTF8_OK || utf8_length(q, strlen(q)) > 200) {
		req_field_error(r, "q", "err.query", 200);
		return 400;
	}
	hdf_str(r->hdf, "d.q", q);
	hdf_str(r->hdf, "search.q", q);
	hdf_int(r->hdf, "d.page", page);
	if (terms_split(q, &t) != 0)
		return E_NOMEM;
	/* on "all", page 1 leads with the best few matching titles */
	if (want_threads && (page == 1 || !want_posts)) {
		long long limit = want_posts ? 5 : page_limit(RESULTS_PER_PAGE);
		rc = DB_SELECT(r->app->db, SQL_THREADS, &rows, DBS(r->lang), DBS(q),
			       DBI(category_id), DBI(category_id), DBS(q), DBI(limit),
			       DBI(want_posts ? 0 : page_offset(page, RESULTS_PER_PAGE)));
		if (rc != 0)
			goto out;
		if (!want_posts && rows->nrows > RESULTS_PER_PAGE) {
			rows->nrows = RESULTS_PER_PAGE;
			hdf_int(r->hdf, "d.next_page", page + 1);
		}
		hdf_rows(r->hdf, "d.threads", rows);
		db_rows_free(rows);
		rows = NULL;
	}
	if (want_posts) {
		long long offset = page_offset(page, RESULTS_PER_PAGE);
		char *ids = NULL;

		rc = search_rank(r, "posts", SQL_POSTS_RANK, q,
				 RANKED(offset, RESULTS_PER_PAGE, category_id != 0), &ids);
		if (rc == 0)
			rc = DB_SELECT(r->app->db, SQL_POSTS, &rows, DBS(ids), DBI(category_id),
				       DBI(category_id), DBI(page_limit(RESULTS_PER_PAGE)),
				       DBI(offset));
		free(ids);
		if (rc != 0)
			goto out;
		if (rows->nrows > RESULTS_PER_PAGE) {
			rows->nrows = RESULTS_PER_PAGE;
			hdf_int(r->hdf, "d.next_page", page + 1);
		}
		hdf_rows(r->hdf, "d.posts", rows);
		for (i = 0; i < rows->nrows; i++) {
			char prefix[64], url[96];
			snprintf(prefix, sizeof(prefix), "d.posts.%zu.snippet", i);
			snippet(r->hdf, prefix, row_str(rows, i, "body"), row_len(rows, i, "body"), &t);
			snprintf(prefix, sizeof(prefix), "d.posts.%zu.body", i);
			hdf_remove_tree(r->hdf, prefix);
			forum_post_url(url, sizeof(url), row_int(rows, i, "thread_id"),
				       row_int(rows, i, "position"), row_int(rows, i, "id"));
			snprintf(prefix, sizeof(prefix), "d.posts.%zu.url", i);
			hdf_str(r->hdf, prefix, url);
		}
	}
	if (want_reviews && (page == 1 || (!want_threads && !want_posts))) {
		rc = search_reviews(r, q, &t, page, product_id, !want_threads && !want_posts);
		if (rc != 0)
			goto out;
	}
	if (want_ideas && (page == 1 || strcmp(type, "idea") == 0)) {
		rc = search_ideas(r, q, &t, page, category_id, strcmp(type, "idea") == 0);
		if (rc != 0)
			goto out;
	}
	if (page > 1)
		hdf_int(r->hdf, "d.prev_page", page - 1);
	rc = 200;
out:
	db_rows_free(rows);
	free(t.buf);
	return rc;
}
