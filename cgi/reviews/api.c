/* api.c: POST /api/orders, how the company's systems report an order line
 * (email, sku, date, order_id) as it happens. Authenticated by an API key
 * (X-API-Key: KEY, or Authorization: Bearer KEY) of which only a hash is
 * stored; no session, no CSRF token. The body is a JSON object or a form.
 * Idempotent: the same (order_id, sku) again updates the line. The answer
 * is JSON, with a signed link inviting the buyer to review the product. */
#include "reviews.h"
#include "base/err.h"
#include "base/log.h"
#include "web/view.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static const char SQL_KEY[] =
	"SELECT id, name FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL";
static const char SQL_KEY_USED[] = "UPDATE api_keys SET last_used_at = UTC_TIMESTAMP() WHERE id = ?";

static const field_spec order_fields[] = {
	{ "email", F_EMAIL, 3, 254, 1, NULL },
	{ "sku", F_LINE, 1, SKU_MAX, 1, NULL },
	{ "date", F_LINE, 10, 10, 1, NULL },
	{ "order_id", F_LINE, 1, ORDER_ID_MAX, 1, NULL },
	FIELDS_END
};

/* The key sent in X-API-Key or as an Authorization bearer token. */
static const char *sent_key(request *r)
{
	const char *key = req_env(r, "HTTP_X_API_KEY");
	const char *auth = req_env(r, "HTTP_AUTHORIZATION");

	if (key == NULL && auth && ascii_ncasecmp(auth, "Bearer ", 7) == 0)
		key = auth + 7;
	return key;
}

/* 0 when the request carries an active key (its use is recorded), 401
 * otherwise. */
static int authenticate(request *r)
{
	const char *key = sent_key(r);
	unsigned char hash[32];
	db_rows *rows = NULL;
	int rc;

	if (key == NULL || *key == '\0' || strlen(key) > 200)
		goto refused;
	reviews_api_key_hash(key, hash);
	rc = DB_SELECT(r->app->db, SQL_KEY, &rows, DBB(hash, sizeof(hash)));
	if (rc != 0)
		return rc;
	if (rows->nrows == 1) {
		log_info("api: order from key %s", row_str(rows, 0, "name"));
		rc = DB_EXEC(r->app->db, SQL_KEY_USED, NULL, DBI(row_int(rows, 0, "id")));
		db_rows_free(rows);
		return rc;
	}
	db_rows_free(rows);
refused:
	reviews_reason(r, "reviews.err.api_key");
	strbuf_puts(&r->headers, "WWW-Authenticate: Bearer realm=\"tertulia\"\r\n");
	return 401;
}

static void on_error(void *ctx, const char *field, const char *msgkey, long long n)
{
	req_field_error(ctx, field, msgkey, n);
}

/* Reads the body (JSON into r->form; a form is there already) and checks
 * the fields. 0, or the status to answer with the errors in the HDF. */
static int read_order(request *r)
{
	const char *ct = req_env(r, "CONTENT_TYPE");
	const char *v;

	if (ct && ascii_ncasecmp(ct, "application/json", 16) == 0) {
		kv_free(&r->form);
		if (reviews_json_object(r->body ? r->body : "", r->body_len, &r->form) != 0) {
			reviews_reason(r, "reviews.err.json");
			return 400;
		}
	} else if (ct && ascii_ncasecmp(ct, "application/x-www-form-urlencoded", 33) != 0) {
		reviews_reason(r, "reviews.err.body_type");
		return 400;
	}
	if (form_validate(order_fields, &r->form, &r->in, on_error, r) > 0)
		return 400;
	if ((v = form_get(&r->in, "sku")) && reviews_valid_sku(v) != 0)
		req_field_error(r, "sku", "reviews.err.sku", 0);
	if ((v = form_get(&r->in, "date")) && reviews_valid_date(v) != 0)
		req_field_error(r, "date", "reviews.err.date", 0);
	if ((v = form_get(&r->in, "order_id")) && reviews_valid_order_id(v) != 0)
		req_field_error(r, "order_id", "reviews.err.order_id", 0);
	return r->invalid ? 400 : 0;
}

/* The answer: what was recorded and the invitation for the buyer. */
static int answer(request *r, long long id, int created, int verified)
{
	strbuf invite = STRBUF_INIT;
	char origin[256];
	long long days = config_int(&r->app->cfg, "reviews.invite_days", 30);
	int rc;

	reviews_origin(r, origin, sizeof(origin));
	rc = reviews_invite_url(&invite, origin, r->app->secret, form_get(&r->in, "sku"),
				form_get(&r->in, "email"), (long long)time(NULL) + days * 86400);
	if (rc == 0)
		rc = strbuf_printf(&r->raw, "{\"ok\":true,\"id\":%lld,\"created\":%s,"
				   "\"verified_reviews\":%d,\"order_id\":", id,
				   created ? "true" : "false", verified);
	if (rc == 0)
		rc = json_string(&r->raw, form_get(&r->in, "order_id"));
	if (rc == 0)
		rc = strbuf_puts(&r->raw, ",\"invite_url\":");
	if (rc == 0)
		rc = json_string(&r->raw, invite.s);
	if (rc == 0)
		rc = strbuf_puts(&r->raw, "}");
	strbuf_free(&invite);
	if (rc != 0)
		return rc;
	r->raw_type = "application/json";
	r->wants_json = 0; /* the answer above, not the generic {"ok":true} */
	r->created_id = id;
	return 200;
}

int do_api_order(request *r)
{
	order_in o = { 0 };
	long long id = 0;
	int created = 0, verified = 0, rc;

	r->wants_json = 1; /* errors as JSON, whatever the client accepts */
	rc = authenticate(r);
	if (rc == 0)
		rc = read_order(r);
	if (rc != 0)
		return rc;
	rc = reviews_product_find(r->app->db, form_get(&r->in, "sku"), &o.product_id, NULL);
	if (rc == E_NOTFOUND) {
		req_field_error(r, "sku", "reviews.err.no_product", 0);
		return 404;
	}
	if (rc != 0)
		return rc;
	o.order_id = form_get(&r->in, "order_id");
	o.email = form_get(&r->in, "email");
	o.date = form_get(&r->in, "date");
	o.source = "api";
	rc = reviews_order_save(r->app->db, &o, &id, &created, &verified);
	if (rc != 0)
		return rc;
	return answer(r, id, created, verified);
}
