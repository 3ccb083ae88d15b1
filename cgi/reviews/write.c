/* write.c: a member's own review of a product: the form (new, or the
 * member's review to edit), writing it (one live review per member and
 * product; an edit keeps the old text as a revision) and deleting it
 * (softly: the row stays for moderators, and a new review may be written). */
#include "reviews.h"
#include "base/err.h"
#include "services/moderation.h"
#include "services/users.h"

#include <stdio.h>
#include <string.h>

const field_spec review_fields[] = {
	{ "rating", F_INT, 1, 5, 1, NULL },
	{ "title", F_LINE, 1, REVIEW_TITLE_MAX, 1, NULL },
	{ "body", F_TEXT, 1, REVIEW_BODY_MAX, 1, NULL },
	{ "pros", F_TEXT, 0, REVIEW_PROS_MAX, 0, NULL },
	{ "cons", F_TEXT, 0, REVIEW_PROS_MAX, 0, NULL },
	{ "edit", F_INT, 0, 1LL << 53, 0, NULL },
	{ "nonce", F_LINE, 0, 32, 0, NULL }, /* reviews.nonce is CHAR(32) */
	FIELDS_END
};

static const char SQL_MINE[] =
	"SELECT id, rating, title, body, pros, cons, status, nonce FROM reviews "
	"WHERE product_id = ? AND user_id = ? AND status <> 'deleted'";
static const char SQL_BOUGHT[] =
	"SELECT COUNT(*) FROM review_purchases WHERE user_id = ? AND product_id = ?";
static const char SQL_EARLIER_REVIEWS[] = "SELECT COUNT(*) FROM reviews WHERE user_id = ?";
static const char SQL_REVIEW_OWNER[] =
	"SELECT r.user_id, r.status, p.sku FROM reviews r JOIN products p ON p.id = r.product_id "
	"WHERE r.id = ?";

/* Loads the product of the route into d.product (inactive ones too: their
 * reviews stay editable) and the requester's live review into d.mine. */
static int load(request *r)
{
	db_rows *rows = NULL;
	int rc = reviews_load_product(r, r->args[0], "d.product", 1);

	if (rc == 0)
		rc = DB_SELECT(r->app->db, SQL_MINE, &rows, DBI(hdf_get_int_value(r->hdf, "d.product.id", 0)),
			       DBI(r->user.id));
	if (rc != 0)
		return rc;
	hdf_remove_tree(r->hdf, "d.mine");
	hdf_row(r->hdf, "d.mine", rows);
	/* kept out of the page's data: only compared with a resubmitted form */
	hdf_str(r->hdf, "mine_nonce", hdf_get_value(r->hdf, "d.mine.nonce", ""));
	hdf_remove_tree(r->hdf, "d.mine.nonce");
	db_rows_free(rows);
	return 0;
}

static long long mine_id(request *r)
{
	return hdf_get_int_value(r->hdf, "d.mine.id", 0);
}

static int product_active(request *r)
{
	return hdf_get_int_value(r->hdf, "d.product.active", 0) != 0;
}

/* Shows the form: for an edit, filled with the review unless the person's
 * own text is being shown again. */
static int show_form(request *r, int status)
{
	static const char *const fields[] = { "rating", "title", "body", "pros", "cons" };
	long long bought = 0;
	char from[32], to[32];
	size_t i;
	int rc;

	if (mine_id(r)) {
		if (!hdf_get_obj(r->hdf, "form.title"))
			for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
				snprintf(from, sizeof(from), "d.mine.%s", fields[i]);
				snprintf(to, sizeof(to), "form.%s", fields[i]);
				hdf_str(r->hdf, to, hdf_get_value(r->hdf, from, ""));
			}
		hdf_int(r->hdf, "form.edit", mine_id(r));
	}
	rc = DB_SELECT_INT(r->app->db, SQL_BOUGHT, &bought, DBI(r->user.id),
			   DBI(hdf_get_int_value(r->hdf, "d.product.id", 0)));
	if (rc != 0)
		return rc;
	if (bought)
		hdf_int(r->hdf, "d.bought", 1);
	req_nonce(r);
	r->template = "reviews/form";
	return status;
}

int page_review_form(request *r)
{
	int rc = load(r);

	if (rc != 0)
		return rc;
	if (!mine_id(r) && !product_active(r)) {
		reviews_reason(r, "reviews.err.inactive");
		return E_FORBIDDEN;
	}
	return show_form(r, 200);
}

/* A refusal that shows the form again with a message over it (errors.review
 * for the JSON answer). */
static int refuse(request *r, const char *key, int status)
{
	req_field_error(r, "review", key, 0);
	return show_form(r, status);
}

static void go_to_review(request *r, long long id, int created)
{
	char url[160];

	if (created)
		snprintf(url, sizeof(url), "/p/%s?sort=newest#r%lld",
			 hdf_get_value(r->hdf, "d.product.sku", ""), id);
	else
		snprintf(url, sizeof(url), "/reviews/%lld", id);
	r->created_id = id;
	req_redirect(r, url);
}

/* The moderation rules (services/moderation.h) on a review about to be
 * written: a watched word in its title, text, pros or cons refuses it
 * (E_INVALID, the field marked) or is replaced in *in; what the rules hold
 * is written held, and queued with the write. m owns the replaced texts. */
static int moderate(request *r, review_in *in, mod_item *m)
{
	int rc;

	m->text[MOD_TITLE] = in->title;
	m->text[MOD_BODY] = in->body;
	m->text[MOD_PROS] = in->pros;
	m->text[MOD_CONS] = in->cons;
	m->max[MOD_TITLE] = REVIEW_TITLE_MAX;
	m->max[MOD_PROS] = m->max[MOD_CONS] = REVIEW_PROS_MAX;
	rc = mod_check_item(r->app->db, &r->app->cfg, r->app->sentiment, r->user.id,
			    r->user.roles, SQL_EARLIER_REVIEWS, m);
	if (rc == E_INVALID)
		req_field_error(r, m->field, m->key, m->n);
	if (rc != 0)
		return rc;
	in->title = m->text[MOD_TITLE];
	in->body = m->text[MOD_BODY];
	in->pros = m->text[MOD_PROS];
	in->cons = m->text[MOD_CONS];
	in->status = m->status;
	in->queue_cause = m->cause;
	in->queue_detail = m->detail;
	return 0;
}

static int write_review(request *r, mod_item *m);

int do_review(request *r)
{
	mod_item m = { .text = { 0 } };
	int rc = write_review(r, &m);

	mod_item_free(&m);
	return rc;
}

static int write_review(request *r, mod_item *m)
{
	review_in in = { 0 };
	long long edit = form_int(&r->in, "edit", 0), id = 0;
	const char *nonce = form_get(&r->in, "nonce");
	int rc = load(r);

	if (rc != 0)
		return rc;
	/* one message for a missing, zero, six or "abc" rating */
	if (hdf_get_obj(r->hdf, "errors.rating"))
		req_field_error(r, "rating", "reviews.err.rating", 0);
	if (r->invalid)
		return show_form(r, 400);
	in.product_id = hdf_get_int_value(r->hdf, "d.product.id", 0);
	in.user_id = r->user.id;
	in.rating = (int)form_int(&r->in, "rating", 0);
	in.title = form_get(&r->in, "title");
	in.body = form_get(&r->in, "body");
	in.pros = form_get(&r->in, "pros");
	in.cons = form_get(&r->in, "cons");
	in.nonce = nonce;
	rc = moderate(r, &in, m);
	if (rc == E_INVALID)
		return show_form(r, 400);
	if (rc != 0)
		return rc;
	/* the review, its hold, its place in the queue, its summary, rollups
	 * and notifications: one transaction, the store's */
	if (mine_id(r) && edit == mine_id(r)) {
		rc = reviews_edit(r->app->db, mine_id(r), r->user.id, &in);
		if (rc == E_NOTFOUND || rc == E_CONFLICT) /* deleted in another window meanwhile */
			return refuse(r, "reviews.err.changed", 409);
		if (rc != 0)
			return rc;
		go_to_review(r, mine_id(r), 0);
		req_said(r, strcmp(in.status, "held") == 0 ? "review_edited_held" : "review_edited");
		return 303;
	}
	if (!mine_id(r) && !product_active(r)) {
		reviews_reason(r, "reviews.err.inactive");
		return E_FORBIDDEN;
	}
	rc = mine_id(r) ? E_DUP : reviews_create(r->app->db, &in, &id);
	if (rc == E_DUP && !mine_id(r) && (rc = load(r)) == 0) /* written meanwhile */
		rc = E_DUP;
	if (rc == E_DUP) {
		/* the same form sent twice made one review: go to it */
		if (edit == 0 && nonce && *nonce &&
		    strcmp(hdf_get_value(r->hdf, "mine_nonce", ""), nonce) == 0) {
			go_to_review(r, mine_id(r), 1);
			req_said(r, strcmp(hdf_get_value(r->hdf, "d.mine.status", ""), "held") == 0
				    ? "review_held" : "review_posted");
			return 303;
		}
		return refuse(r, edit ? "reviews.err.changed" : "reviews.err.already", 409);
	}
	if (rc != 0)
		return rc;
	go_to_review(r, id, 1);
	req_said(r, strcmp(in.status, "held") == 0 ? "review_held" : "review_posted");
	return 303;
}

/* why a moderator deletes someone else's review: it goes to the audit log */
const field_spec review_delete_fields[] = {
	{ "reason", F_LINE, 0, 500, 0, NULL },
	FIELDS_END
};

int do_delete_review(request *r)
{
	long long id = req_arg_id(r, 0);
	db_rows *rows = NULL;
	char url[160];
	int rc = DB_SELECT(r->app->db, SQL_REVIEW_OWNER, &rows, DBI(id)), mine;

	if (rc != 0)
		return rc;
	if (rows->nrows == 0 || strcmp(row_str(rows, 0, "status"), "deleted") == 0) {
		db_rows_free(rows);
		return E_NOTFOUND;
	}
	mine = row_int(rows, 0, "user_id") == r->user.id;
	snprintf(url, sizeof(url), "/p/%s?deleted=1", row_str(rows, 0, "sku"));
	db_rows_free(rows);
	if (!mine && !policy_is_moderator(r->user.roles)) {
		reviews_reason(r, "reviews.err.not_yours");
		return E_FORBIDDEN;
	}
	/* the delete and its audit line stand or fall together */
	rc = db_begin(r->app->db);
	if (rc == 0)
		rc = reviews_set_status(r->app->db, id, NULL, "deleted", NULL, 0);
	if (rc == 0 && !mine) {
		const char *reason = form_get(&r->in, "reason");

		rc = audit_add(r->app->db, r->user.id, "delete", "review", id, reason ? reason : "", "");
	}
	rc = db_end(r->app->db, rc);
	if (rc != 0)
		return rc;
	r->created_id = id;
	req_redirect(r, url);
	return 303;
}
