/* compose.c: submitting an idea, with the similar ideas shown first.
 *
 * Without JavaScript the form has a "check for similar ideas" button
 * (step=check) that shows the ideas whose titles match and the form again.
 * Submitting (step=submit, or no step) also looks for similar ideas: when
 * there are some and the form does not say to post anyway (confirm=1),
 * nothing is created and the member gets the duplicate step
 * (d.duplicate): a notice at the top that the idea is not posted yet, each
 * similar idea with a button that votes for it instead (vote.c, which
 * lands on it), and the form as it was typed, whose button now posts it
 * anyway (it carries confirm=1). 200 for a browser; 409 with
 * errors.confirm for a JSON client (so that it cannot mistake the answer
 * for a created idea). tertulia.js shows the same list while the title is
 * typed, from /ideas/similar.json?q=. */
#include "ideas.h"
#include "base/content_limits.h"
#include "base/err.h"
#include "services/moderation.h"
#include "base/utf8.h"

#include <stdio.h>
#include <string.h>

#define SIMILAR_SHOWN 5

const field_spec new_idea_fields[] = {
	{ "title", F_LINE, 3, TITLE_MAX, 1, NULL },
	{ "body", F_TEXT, 1, 20000, 0, NULL }, /* required to submit, not to check */
	{ "product", F_LINE, 0, 64, 0, NULL },
	{ "category", F_SLUG, 0, 60, 0, NULL },
	{ "confirm", F_ENUM, 0, 0, 0, "1" },
	{ "step", F_ENUM, 0, 0, 0, "check|submit" },
	{ "nonce", F_LINE, 0, 32, 0, NULL }, /* ideas.nonce is CHAR(32) */
	FIELDS_END
};

/* Shows the form (again, with what was typed, its errors and the similar
 * ideas found). */
static int show_form(request *r, int status)
{
	int rc = ideas_load_categories(r, "d.categories");

	if (rc == 0)
		rc = ideas_load_products(r, "d.products");
	if (rc == 0)
		rc = ideas_budget_info(r, "d.me");
	if (rc != 0)
		return rc;
	req_nonce(r);
	r->template = "ideas/new_idea";
	return status;
}

int page_new_idea(request *r)
{
	const char *product = req_query(r, "product"), *category = req_query(r, "category");

	if (product)
		hdf_str(r->hdf, "form.product", product);
	if (category)
		hdf_str(r->hdf, "form.category", category);
	return show_form(r, 200);
}

/* Looks up the optional product (SKU) and category (slug) of the form;
 * an unknown one is a field error. */
static int read_refs(request *r, long long *product_id, long long *category_id)
{
	const char *sku = form_get(&r->in, "product"), *slug = form_get(&r->in, "category");
	int rc;

	if (sku && *sku) {
		rc = ideas_product_id(r, sku, product_id);
		if (rc == E_NOTFOUND)
			req_field_error(r, "product", "ideas.err.product", 0);
		else if (rc != 0)
			return rc;
	}
	if (slug && *slug) {
		rc = ideas_category_id(r, slug, category_id);
		if (rc == E_NOTFOUND)
			req_field_error(r, "category", "ideas.err.category", 0);
		else if (rc != 0)
			return rc;
	}
	return 0;
}

static const char SQL_EARLIER_IDEAS[] = "SELECT COUNT(*) FROM ideas WHERE user_id = ?";

/* The moderation rules (services/moderation.h) on an idea about to be
 * submitted: a watched word in its title or text refuses it (E_INVALID, the
 * field marked) or is replaced in *p; what the rules hold is submitted
 * held, and queued with it. m owns the replaced texts. */
static int moderate(request *r, new_idea *p, mod_item *m)
{
	int rc;

	m->text[MOD_TITLE] = p->title;
	m->text[MOD_BODY] = p->body;
	m->max[MOD_TITLE] = TITLE_MAX; /* ideas.title, and the form's limit */
	rc = mod_check_item(r->app->db, &r->app->cfg, r->app->sentiment, r->user.id,
			    r->user.roles, SQL_EARLIER_IDEAS, m);
	if (rc == E_INVALID)
		req_field_error(r, m->field, m->key, m->n);
	if (rc != 0)
		return rc;
	p->title = m->text[MOD_TITLE];
	p->body = m->text[MOD_BODY];
	p->status = m->status;
	p->queue_cause = m->cause;
	p->queue_detail = m->detail;
	return 0;
}

static int submit_idea(request *r, mod_item *m);

int do_new_idea(request *r)
{
	mod_item m = { .text = { 0 } };
	int rc = submit_idea(r, &m);

	mod_item_free(&m);
	return rc;
}

static int submit_idea(request *r, mod_item *m)
{
	const char *title = form_get(&r->in, "title"), *step = form_get(&r->in, "step");
	int checking = step && strcmp(step, "check") == 0;
	new_idea p = { .user_id = r->user.id, .title = title, .body = form_get(&r->in, "body"),
		       .nonce = form_get(&r->in, "nonce"), .status = "visible" };
	long long id = 0;
	char url[64];
	int rc = read_refs(r, &p.product_id, &p.category_id);

	if (rc != 0)
		return rc;
	if (!checking && (p.body == NULL || *p.body == '\0') && !hdf_get_obj(r->hdf, "errors.body"))
		req_field_error(r, "body", "err.required", 0);
	if (title) {
		rc = ideas_similar(r, title, SIMILAR_SHOWN, "d.similar");
		if (rc != 0)
			return rc;
		hdf_int(r->hdf, "d.checked", 1);
	}
	if (r->invalid)
		return show_form(r, 400);
	if (checking)
		return show_form(r, 200);
	if (hdf_get_obj(r->hdf, "d.similar.0") && form_get(&r->in, "confirm") == NULL) {
		if (!r->wants_json) {
			hdf_int(r->hdf, "d.duplicate", 1);
			return show_form(r, 200);
		}
		req_field_error(r, "confirm", "ideas.err.confirm", 0);
		return show_form(r, 409);
	}
	rc = moderate(r, &p, m);
	if (rc == E_INVALID)
		return show_form(r, 400);
	/* the idea, its place in the queue, its rollups, its author's follow
	 * and vote: one transaction, the store's */
	if (rc == 0)
		rc = idea_create(r->app->db, &p, ideas_vote_budget(r), &id);
	if (rc != 0 && rc != E_DUP) /* E_DUP: the first submit made it; go there */
		return rc;
	r->created_id = id;
	req_said(r, rc == 0 && strcmp(p.status, "held") == 0 ? "idea_held" : "idea_posted");
	snprintf(url, sizeof(url), "/ideas/%lld", id);
	req_redirect(r, url);
	return 303;
}

int page_similar(request *r)
{
	const char *q = req_query(r, "q");
	int rc;

	r->template = "ideas/similar";
	if (q == NULL || *q == '\0')
		return 200;
	if (utf8_check(q, strlen(q), 0) != UTF8_OK) {
		req_field_error(r, "q", "err.utf8", 0);
		return 400;
	}
	if (utf8_length(q, strlen(q)) > TITLE_MAX) {
		req_field_error(r, "q", "err.too_long", TITLE_MAX);
		return 400;
	}
	hdf_str(r->hdf, "d.q", q);
	rc = ideas_similar(r, q, SIMILAR_SHOWN, "d.similar");
	return rc ? rc : 200;
}
