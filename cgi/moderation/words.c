/* words.c: the watched words moderators keep, per language: hold the
 * content for review, block it, or replace the word. */
#include "mod.h"
#include "base/err.h"
#include "services/users.h"

#include <string.h>

const field_spec word_fields[] = {
	{ "word", F_LINE, 2, 100, 1, NULL },
	{ "lang", F_ENUM, 0, 0, 1, "any|en|es" },
	{ "action", F_ENUM, 0, 0, 1, "hold|block|replace" },
	{ "replacement", F_LINE, 0, 100, 0, NULL },
	FIELDS_END
};

static const char SQL_WORDS[] =
	"SELECT id, word, lang, action, replacement FROM watched_words ORDER BY word";
static const char SQL_ADD[] =
	"INSERT INTO watched_words (word, lang, action, replacement, created_at) "
	"VALUES (?, ?, ?, ?, UTC_TIMESTAMP())";
static const char SQL_DELETE[] = "DELETE FROM watched_words WHERE id = ?";

static int show(request *r, int status)
{
	db_rows *rows = NULL;
	int rc = db_select(r->app->db, SQL_WORDS, NULL, 0, &rows);

	if (rc != 0)
		return rc;
	hdf_rows(r->hdf, "d.words", rows);
	db_rows_free(rows);
	r->template = "moderation/words";
	return status;
}

int page_words(request *r)
{
	return show(r, 200);
}

int do_add_word(request *r)
{
	const char *lang = form_get(&r->in, "lang"), *action = form_get(&r->in, "action");
	const char *with = form_get(&r->in, "replacement");
	db_result res;
	int rc;

	if (!r->invalid && strcmp(action, "replace") == 0 && with == NULL)
		req_field_error(r, "replacement", "err.required", 0);
	if (r->invalid)
		return show(r, 400);
	rc = db_begin(r->app->db);
	if (rc == 0)
		rc = DB_EXEC(r->app->db, SQL_ADD, &res, DBS(form_get(&r->in, "word")),
			     DBS(strcmp(lang, "any") == 0 ? "" : lang), DBS(action), DBS(with ? with : ""));
	if (rc == 0)
		rc = audit_add(r->app->db, r->user.id, "word_add", "word", (long long)res.insert_id, "",
			       form_get(&r->in, "word"));
	rc = db_end(r->app->db, rc);
	if (rc == E_DUP) {
		req_field_error(r, "word", "mod.err.word_taken", 0);
		return show(r, 409);
	}
	if (rc != 0)
		return rc;
	r->created_id = (long long)res.insert_id;
	req_said(r, "word_added");
	req_redirect(r, "/mod/words");
	return 303;
}

int do_delete_word(request *r)
{
	long long id = req_arg_id(r, 0);
	db_result res;
	int rc = db_begin(r->app->db);

	if (rc == 0)
		rc = DB_EXEC(r->app->db, SQL_DELETE, &res, DBI(id));
	if (rc == 0 && res.affected == 0)
		rc = E_NOTFOUND;
	if (rc == 0)
		rc = audit_add(r->app->db, r->user.id, "word_delete", "word", id, "", "");
	rc = db_end(r->app->db, rc);
	if (rc != 0)
		return rc;
	req_said(r, "word_deleted");
	req_redirect(r, "/mod/words");
	return 303;
}
