/* moderation.c: write-time rules and the queue (see moderation.h). */
#include "services/moderation.h"
#include "base/policy.h"
#include "base/err.h"
#include "text/markdown.h"
#include "text/sentiment.h"
#include "base/str.h"
#include "services/users.h"
#include "base/utf8.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* the words of the text's language and those of every language ('');
 * all of them when the language is not known ("") */
static const char SQL_WORDS[] =
	"SELECT word, action, replacement FROM watched_words "
	"WHERE ? = '' OR lang = '' OR lang = ? ORDER BY id";
static const char SQL_QUEUE_ADD[] =
	"INSERT INTO mod_queue (target_type, target_id, cause, detail, author_id, category_id, "
	"product_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP()) "
	/* an item still waiting keeps its place (and its waiting time): only a
	 * resolved one is reopened as new. created_at is set first, while
	 * resolved_at still says which it is. */
	"ON DUPLICATE KEY UPDATE created_at = IF(resolved_at IS NULL, created_at, UTC_TIMESTAMP()), "
	"resolved_at = NULL, resolved_by = NULL, action = NULL, "
	"cause = VALUES(cause), detail = VALUES(detail)";

static int is_word_char(unsigned char c)
{
	return isalnum(c) || c >= 0x80 || c == '_';
}

/* Whether text holds word as a whole word (ASCII letters in any case): a
 * pointer to the match, or NULL. */
static const char *mod_find_word(const char *text, const char *word)
{
	size_t n = strlen(word);
	const char *p;

	if (n == 0)
		return NULL;
	for (p = text; *p; p++) {
		if (ascii_ncasecmp(p, word, n) != 0)
			continue;
		if ((p == text || !is_word_char((unsigned char)p[-1])) &&
		    !is_word_char((unsigned char)p[n]))
			return p;
	}
	return NULL;
}

/* Replaces every whole-word match of word in *text. */
static int replace_word(char **text, const char *word, const char *with)
{
	strbuf sb = STRBUF_INIT;
	const char *p = *text, *hit;

	while ((hit = mod_find_word(p, word)) != NULL) {
		if (strbuf_append(&sb, p, (size_t)(hit - p)) != 0 || strbuf_puts(&sb, with) != 0) {
			strbuf_free(&sb);
			return E_NOMEM;
		}
		p = hit + strlen(word);
	}
	if (strbuf_puts(&sb, p) != 0) {
		strbuf_free(&sb);
		return E_NOMEM;
	}
	free(*text);
	*text = strbuf_detach(&sb);
	return 0;
}

static void verdict(mod_verdict *v, const char *action, const char *cause, const char *detail)
{
	/* a hold wins over a flag; the first hold's cause is kept */
	if (strcmp(action, "hold") == 0 && strcmp(v->status, "held") != 0) {
		v->status = "held";
		v->cause = cause;
		snprintf(v->detail, sizeof(v->detail), "%s", detail);
	} else if (v->cause == NULL) {
		v->cause = cause;
		snprintf(v->detail, sizeof(v->detail), "%s", detail);
	}
}

/* What a text shows its readers, for the rules that read words and count
 * links: a Markdown text as markdown_scan_text reads it (the source hides
 * "zq&#115;pam" or "http&#58;//"), a plain one (a title, pros and cons,
 * drawn escaped as typed) as it is. */
static int read_shown(const char *text, int markdown, markdown_scan *shown)
{
	if (markdown)
		return markdown_scan_text(text, strlen(text), shown);
	shown->links = markdown_count_addresses(text);
	shown->text = strdup(text);
	shown->own = strdup(text);
	return shown->text && shown->own ? 0 : E_NOMEM;
}

/* The watched words for a text in lang ("es", "en", or "" when unknown),
 * matched in what the text shows. A replacement is made in the source,
 * where a word written with an entity or split by markup cannot be
 * found: one that still shows afterwards holds the text instead. *shown
 * gets what the text, replaced, shows (the caller frees it). */
static int check_words(db *d, mod_verdict *v, const char *text, int markdown, const char *lang,
		       markdown_scan *shown)
{
	db_rows *rows = NULL;
	size_t i, cword, caction, crepl;
	int replaced = 0;
	int rc = DB_SELECT(d, SQL_WORDS, &rows, DBS(lang), DBS(lang));

	if (rc != 0)
		return rc;
	cword = db_col(rows, "word");
	caction = db_col(rows, "action");
	crepl = db_col(rows, "replacement");
	rc = read_shown(text, markdown, shown);
	for (i = 0; i < rows->nrows && rc == 0; i++) {
		const char *word = db_cell(rows, i, cword), *action = db_cell(rows, i, caction);
		if (!mod_find_word(shown->text, word))
			continue;
		if (strcmp(action, "block") == 0) {
			v->blocked = 1;
			snprintf(v->detail, sizeof(v->detail), "%s", word);
		} else if (strcmp(action, "replace") == 0) {
			if (v->text == NULL && (v->text = strdup(text)) == NULL)
				rc = E_NOMEM;
			else
				rc = replace_word(&v->text, word, db_cell(rows, i, crepl));
			replaced = 1;
		} else {
			verdict(v, "hold", "watched_word", word);
		}
	}
	if (rc == 0 && replaced) {
		markdown_scan_free(shown);
		rc = read_shown(v->text, markdown, shown);
	}
	for (i = 0; replaced && i < rows->nrows && rc == 0; i++)
		if (strcmp(db_cell(rows, i, caction), "replace") == 0 &&
		    mod_find_word(shown->text, db_cell(rows, i, cword)))
			verdict(v, "hold", "watched_word", db_cell(rows, i, cword));
	db_rows_free(rows);
	return rc;
}

/* The text analysis: abusive text (sentiment.h, sentiment_abuse) is
 * queued as moderation.abusive_action says. It reads what the readers get
 * of the author's own words (markdown_scan's own): entities and markup
 * cannot split an insult, and block quotes are left out, since a reply that
 * quotes an insult to answer it is not abusive for that. Without a model
 * (no lexicons) there is nothing to say, as content then goes unscored. */
static int check_abuse(const config *cfg, const sentiment_model *sm, const char *own,
		       mod_verdict *v)
{
	const char *action = config_get(cfg, "moderation.abusive_action", "flag");
	sentiment_abuse_result a;
	char detail[96];
	int rc;

	if (sm == NULL || strcmp(action, "off") == 0)
		return 0;
	rc = sentiment_abuse(sm, own, strlen(own), &a);
	if (rc != 0 || !a.abusive)
		return rc;
	snprintf(detail, sizeof(detail), "%s (%.2f)", a.term, a.score);
	verdict(v, strcmp(action, "hold") == 0 ? "hold" : "flag", "abusive", detail);
	return 0;
}

/* The language of a text for the watched words: "" when it cannot be told
 * (or there is no model), and then every word applies. */
static int text_lang(const sentiment_model *sm, const char *text, char lang[3])
{
	return sentiment_detect(sm, text, strlen(text), lang);
}

/* The rules on one text in lang; markdown says whether it is Markdown
 * (a body) or plain (a title); abuse whether the text analysis runs on it
 * here (a titled check runs it once on title and body together). */
static int check(db *d, const config *cfg, const sentiment_model *sm, long long user_id,
		 const char *count_sql, const char *text, int markdown, const char *lang, int abuse,
		 mod_verdict *out)
{
	long long first = config_int(cfg, "moderation.first_posts", 2);
	long long max_links = config_int(cfg, "moderation.max_links", 3);
	long long earlier = 0;
	markdown_scan shown = { NULL, NULL, 0 };
	int rc;
	char detail[64];

	rc = check_words(d, out, text, markdown, lang, &shown);
	if (rc != 0 || out->blocked)
		goto done;
	/* before the other rules: of two reasons to look, the more telling is
	 * kept (verdict keeps the first cause of a flag) */
	if (abuse && (rc = check_abuse(cfg, sm, shown.own, out)) != 0)
		goto done;
	if (max_links >= 0 && shown.links > max_links) {
		snprintf(detail, sizeof(detail), "%d links", shown.links);
		verdict(out, config_get(cfg, "moderation.max_links_action", "hold"), "links", detail);
	}
	if (first > 0 && count_sql) {
		rc = DB_SELECT_INT(d, count_sql, &earlier, DBI(user_id));
		if (rc != 0)
			goto done;
		if (earlier < first) {
			snprintf(detail, sizeof(detail), "item %lld of the first %lld", earlier + 1, first);
			verdict(out, config_get(cfg, "moderation.first_posts_action", "flag"), "new_member",
				detail);
		}
	}
done:
	markdown_scan_free(&shown);
	return rc;
}

static void verdict_init(mod_verdict *v)
{
	memset(v, 0, sizeof(*v));
	v->status = "visible";
}

/* The rules on one text, a body (count_sql as in mod_check_item). */
static int mod_check(db *d, const config *cfg, const sentiment_model *sm, long long user_id,
		     unsigned roles, const char *count_sql, const char *text, mod_verdict *out)
{
	char lang[3];
	int rc;

	verdict_init(out);
	if (policy_is_trusted(roles))
		return 0;
	rc = text_lang(sm, text, lang);
	if (rc == 0)
		rc = check(d, cfg, sm, user_id, count_sql, text, 1, lang, 1, out);
	return rc;
}

/* The rules on a title and a body written together: the body as mod_check
 * does, the title for its watched words and links (count_sql is used once,
 * for the body), and the text analysis once on both together. *body_v gets
 * the combined status, cause and detail (a hold in either holds the item). */
static int mod_check_titled(db *d, const config *cfg, const sentiment_model *sm,
			    long long user_id, unsigned roles, const char *count_sql,
			    const char *title, const char *body, mod_verdict *title_v,
			    mod_verdict *body_v)
{
	strbuf both = STRBUF_INIT;
	char lang[3] = "";
	int rc;

	verdict_init(body_v);
	verdict_init(title_v);
	if (policy_is_trusted(roles))
		return 0;
	/* one language for the item: a title alone is often too short to tell */
	rc = strbuf_printf(&both, "%s\n%s", title, body) != 0 ? E_NOMEM : 0;
	if (rc == 0)
		rc = text_lang(sm, both.s, lang);
	strbuf_free(&both);
	if (rc == 0)
		rc = check(d, cfg, sm, user_id, count_sql, body, 1, lang, 0, body_v);
	if (rc == 0)
		rc = check(d, cfg, sm, user_id, NULL, title, 0, lang, 0, title_v);
	if (rc == 0 && title_v->cause)
		verdict(body_v, strcmp(title_v->status, "held") == 0 ? "hold" : "flag", title_v->cause,
			title_v->detail);
	/* an insult in the title aimed by the body ("Idiots" / "you are"),
	 * read in what both show */
	if (rc == 0 && !title_v->blocked && !body_v->blocked) {
		const char *b = body_v->text ? body_v->text : body;
		markdown_scan shown = { NULL, NULL, 0 };

		rc = markdown_scan_text(b, strlen(b), &shown);
		if (rc == 0 && strbuf_printf(&both, "%s\n%s", title_v->text ? title_v->text : title,
					     shown.own) != 0)
			rc = E_NOMEM;
		if (rc == 0)
			rc = check_abuse(cfg, sm, both.s, body_v);
		markdown_scan_free(&shown);
	}
	strbuf_free(&both);
	return rc;
}

/* The rules that read text (the watched words, the links, the text
 * analysis) on one more field of an item (a review's pros or cons): a hold
 * or a cause is folded into *item_v. An empty or NULL text passes. */
static int mod_check_field(db *d, const config *cfg, const sentiment_model *sm,
			   unsigned roles, const char *text, mod_verdict *item_v,
			   mod_verdict *field_v)
{
	char lang[3];
	int rc;

	verdict_init(field_v);
	if (policy_is_trusted(roles) || text == NULL || text[0] == '\0')
		return 0;
	rc = text_lang(sm, text, lang);
	if (rc == 0)
		rc = check(d, cfg, sm, 0, NULL, text, 0, lang, 1, field_v);
	if (rc == 0 && field_v->cause)
		verdict(item_v, strcmp(field_v->status, "held") == 0 ? "hold" : "flag",
			field_v->cause, field_v->detail);
	return rc;
}

static const char *const text_names[MOD_TEXTS] = { "title", "body", "pros", "cons" };

int mod_check_item(db *d, const config *cfg, const sentiment_model *sm, long long user_id,
		   unsigned roles, const char *count_sql, mod_item *item)
{
	mod_verdict *v = item->v;
	const char *t;
	int i, rc;

	memset(v, 0, sizeof(item->v));
	item->field = item->key = NULL;
	item->n = 0;
	item->status = "visible";
	item->cause = item->detail = NULL;
	if (item->text[MOD_TITLE])
		rc = mod_check_titled(d, cfg, sm, user_id, roles, count_sql, item->text[MOD_TITLE],
				      item->text[MOD_BODY], &v[MOD_TITLE], &v[MOD_BODY]);
	else
		rc = mod_check(d, cfg, sm, user_id, roles, count_sql, item->text[MOD_BODY],
			       &v[MOD_BODY]);
	for (i = MOD_PROS; rc == 0 && i < MOD_TEXTS; i++)
		rc = mod_check_field(d, cfg, sm, roles, item->text[i], &v[MOD_BODY], &v[i]);
	if (rc != 0)
		return rc;
	for (i = 0; i < MOD_TEXTS; i++)
		if (v[i].blocked) {
			item->field = text_names[i];
			item->key = "err.blocked_word";
			return E_INVALID;
		}
	/* a replacement longer than the word it replaces may not fit */
	for (i = 0; i < MOD_TEXTS; i++) {
		t = v[i].text;
		if (t && item->max[i] > 0 && (long long)utf8_length(t, strlen(t)) > item->max[i]) {
			item->field = text_names[i];
			item->key = "err.too_long";
			item->n = item->max[i];
			return E_INVALID;
		}
	}
	for (i = 0; i < MOD_TEXTS; i++)
		if (v[i].text)
			item->text[i] = v[i].text;
	item->status = v[MOD_BODY].status;
	item->cause = v[MOD_BODY].cause;
	item->detail = v[MOD_BODY].detail;
	return 0;
}

void mod_item_free(mod_item *item)
{
	int i;

	for (i = 0; i < MOD_TEXTS; i++) {
		free(item->v[i].text);
		item->v[i].text = NULL;
	}
}

int mod_queue_add(db *d, const char *type, long long id, const char *cause, const char *detail,
		  long long author_id, long long category_id, long long product_id)
{
	return DB_EXEC(d, SQL_QUEUE_ADD, NULL, DBS(type), DBI(id), DBS(cause), DBS(detail ? detail : ""),
		       DBI(author_id), category_id ? DBI(category_id) : DBNULL,
		       product_id ? DBI(product_id) : DBNULL);
}
