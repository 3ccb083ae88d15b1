/* mail_insights.c: the weekly marketing digest by email: the
 * /insights/digest page's figures (services/insight_read.c, insight_digest)
 * mailed once a week to each member with the marketing role.
 *
 * Who: members with the marketing role only, not admins: the digest is
 * marketing's working tool, admins see the pages when they need them, and
 * an admin who wants the mail can be given the role. Like every bulk mail,
 * only to a confirmed address, never on email mode "none" (which the
 * unsubscribe link sets), never to a suspended member; checked again when
 * the message is written.
 *
 * Which week: the last whole week, Monday to Sunday (UTC), the Sunday
 * before today. insight_digest_mails (sql/0055) records each member's
 * week in the transaction that queues the mail, so a member gets one per
 * week whatever the number of senders or runs. The figures are made when
 * the mail is written, from the rollups, which count visible content
 * only; quotes, ideas and threads are read only while visible. */
#include "mail.h"
#include "web/app.h"
#include "base/err.h"
#include "services/insight_read.h"
#include "base/log.h"
#include "services/notify_view.h"
#include "services/outbox.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static const char SQL_MARKETERS_DUE[] =
	"SELECT u.id, u.lang FROM users u LEFT JOIN email_prefs p ON p.user_id = u.id "
	"LEFT JOIN insight_digest_mails s ON s.user_id = u.id AND s.week_end = ? "
	"WHERE FIND_IN_SET('marketing', u.roles) > 0 AND u.email_verified_at IS NOT NULL "
	"AND COALESCE(p.mode, 'immediate') <> 'none' "
	"AND (u.suspended_until IS NULL OR u.suspended_until < UTC_TIMESTAMP()) "
	"AND s.user_id IS NULL ORDER BY u.id LIMIT 100";
static const char SQL_CLAIM_WEEK[] =
	"INSERT IGNORE INTO insight_digest_mails (user_id, week_end, queued_at) "
	"VALUES (?, ?, UTC_TIMESTAMP())";
static const char SQL_IS_MARKETING[] =
	"SELECT COUNT(*) FROM users WHERE id = ? AND FIND_IN_SET('marketing', roles) > 0 "
	"AND (suspended_until IS NULL OR suspended_until < UTC_TIMESTAMP())";
static const char SQL_DAY_TIME[] = "SELECT UNIX_TIMESTAMP(?)";

/* The Sunday before today (UTC): the end of the last whole week. */
static void last_week_end(char out[11])
{
	time_t now = time(NULL);
	struct tm tm;
	char today[11];

	gmtime_r(&now, &tm);
	insight_today(today);
	insight_add_days(today, -(tm.tm_wday == 0 ? 7 : tm.tm_wday), out);
}

void mail_insights_queue(mail_ctx *m)
{
	db_rows *rows = NULL;
	char end[11], next[11];
	long long start_t = 0, end_t = 0;
	size_t i;

	last_week_end(end);
	insight_add_days(end, 1, next);
	/* the week as the outbox's window: [Monday, the Monday after) */
	if (DB_SELECT_INT(m->d, SQL_DAY_TIME, &end_t, DBS(next)) != 0 ||
	    DB_SELECT(m->d, SQL_MARKETERS_DUE, &rows, DBS(end)) != 0)
		return;
	start_t = end_t - 7 * 86400;
	for (i = 0; i < rows->nrows; i++) {
		outbox_item o = { .kind = "insights", .user_id = row_int(rows, i, "id"),
				  .lang = row_str(rows, i, "lang") ? row_str(rows, i, "lang") : "",
				  .window_start = start_t, .window_end = end_t };
		db_result res;
		int rc = db_begin(m->d);

		if (rc == 0)
			rc = DB_EXEC(m->d, SQL_CLAIM_WEEK, &res, DBI(o.user_id), DBS(end));
		/* of two senders, the one whose row went in queues the mail */
		if (rc == 0 && res.affected == 1)
			rc = outbox_queue(m->d, &o);
		if (rc == 0)
			rc = db_commit(m->d);
		else
			db_rollback(m->d);
		if (rc == 0 && res.affected == 1)
			log_info("insights digest of the week ending %s queued for member %lld", end,
				 o.user_id);
	}
	db_rows_free(rows);
}

/* Adds the line mail.items.N {text, url}. */
static void line(HDF *h, size_t *n, const char *text, const char *url)
{
	char key[64];

	snprintf(key, sizeof(key), "mail.items.%zu.text", *n);
	hdf_str(h, key, text);
	snprintf(key, sizeof(key), "mail.items.%zu.url", *n);
	hdf_str(h, key, url);
	(*n)++;
}

/* "Label: this week (the week before: that)" for one figure of the week. */
static void figure(HDF *h, HDF *lang, size_t *n, const char *label_key, const char *name,
		   const char *url)
{
	char text[400], path[80];
	const char *now, *before;

	snprintf(path, sizeof(path), "mail.digest.week.%s", name);
	now = hdf_get_value(h, path, "–");
	snprintf(path, sizeof(path), "mail.digest.week_before.%s", name);
	before = hdf_get_value(h, path, "–");
	snprintf(text, sizeof(text), "%s: %s (%s: %s)", notify_text(lang, label_key), now,
		 notify_text(lang, "insights.mail.before"), before);
	line(h, n, text, url);
}

int mail_insights_fill(mail_ctx *m, long long uid, long long window_end, HDF *lang,
		       const char *lang_code, HDF *h, char *subject, size_t subject_size,
		       char *why, size_t why_size)
{
	insight_filter f;
	char end[11], page[400], text[600], url[700];
	long long is_marketing = 0;
	size_t n = 0;
	HDF *x;
	time_t t = (time_t)window_end - 86400;
	struct tm tm;
	int rc = DB_SELECT_INT(m->d, SQL_IS_MARKETING, &is_marketing, DBI(uid));

	if (rc != 0)
		return rc;
	if (!is_marketing) {
		snprintf(why, why_size, "no longer in marketing");
		return E_NOTFOUND;
	}
	gmtime_r(&t, &tm);
	strftime(end, sizeof(end), "%Y-%m-%d", &tm);
	memset(&f, 0, sizeof(f));
	f.lang = lang_code;
	f.texts = lang;
	f.min_sample = config_int(m->cfg, "insights.min_sample", 30);
	f.dormant_days = config_int(m->cfg, "insights.dormant_days", 90);
	rc = insight_digest(m->d, &f, end, h, "mail.digest");
	if (rc != 0)
		return rc;
	snprintf(page, sizeof(page), "%s/insights/digest?to=%s", m->origin, end);
	/* the headline figures against the week before */
	figure(h, lang, &n, "insights.items", "items", page);
	figure(h, lang, &n, "insights.avg_score", "avg_score_text", page);
	figure(h, lang, &n, "insights.avg_rating", "avg_rating_text", page);
	/* the biggest moves of sentiment */
	for (x = hdf_get_child(h, "mail.digest.products"); x; x = hdf_obj_next(x)) {
		snprintf(text, sizeof(text), "%s: %s %s → %s (%s)", hdf_get_value(x, "name", ""),
			 notify_text(lang, "insights.avg_score"), hdf_get_value(x, "prev_avg_score_text", "–"),
			 hdf_get_value(x, "avg_score_text", "–"), hdf_get_value(x, "score_change_text", ""));
		snprintf(url, sizeof(url), "%s/insights/p/%s", m->origin, hdf_get_value(x, "sku", ""));
		line(h, &n, text, url);
	}
	for (x = hdf_get_child(h, "mail.digest.categories"); x; x = hdf_obj_next(x)) {
		snprintf(text, sizeof(text), "%s: %s %s → %s (%s)", hdf_get_value(x, "name", ""),
			 notify_text(lang, "insights.avg_score"), hdf_get_value(x, "prev_avg_score_text", "–"),
			 hdf_get_value(x, "avg_score_text", "–"), hdf_get_value(x, "score_change_text", ""));
		snprintf(url, sizeof(url), "%s/insights/c/%s", m->origin, hdf_get_value(x, "slug", ""));
		line(h, &n, text, url);
	}
	/* new negative themes, linked to a visible example */
	for (x = hdf_get_child(h, "mail.digest.new_themes"); x; x = hdf_obj_next(x)) {
		const char *q = hdf_get_value(x, "quotes.0.url", NULL);
		snprintf(text, sizeof(text), "%s: “%s” (%s)", notify_text(lang, "insights.new_negative_themes"),
			 hdf_get_value(x, "phrase", ""), hdf_get_value(x, "count", "0"));
		snprintf(url, sizeof(url), "%s%s", q ? m->origin : "", q ? q : page);
		line(h, &n, text, url);
	}
	/* the most voted ideas of the week */
	for (x = hdf_get_child(h, "mail.digest.ideas"); x; x = hdf_obj_next(x)) {
		const char *votes = hdf_get_value(x, "votes", "0");

		/* the count's word as the pages write it (macros.cs's count) */
		snprintf(text, sizeof(text), "%s: %s %s", hdf_get_value(x, "title", ""), votes,
			 notify_text(lang, strcmp(votes, "1") == 0 ? "count.votes_this_week.one"
							  : "count.votes_this_week.other"));
		snprintf(url, sizeof(url), "%s/ideas/%s", m->origin, hdf_get_value(x, "id", "0"));
		line(h, &n, text, url);
	}
	/* the threads still waiting for a reply */
	n = 0;
	for (x = hdf_get_child(h, "mail.digest.unanswered"); x; x = hdf_obj_next(x), n++) {
		char key[64];
		snprintf(key, sizeof(key), "mail.threads.%zu.text", n);
		hdf_str(h, key, hdf_get_value(x, "title", ""));
		snprintf(key, sizeof(key), "mail.threads.%zu.url", n);
		hdf_strf(h, key, "%s/t/%s/%s", m->origin, hdf_get_value(x, "id", "0"),
			 hdf_get_value(x, "slug", ""));
	}
	hdf_str(h, "mail.threads_heading", notify_text(lang, "insights.mail.unanswered"));
	snprintf(text, sizeof(text), "%s %s", notify_text(lang, "insights.week_ending"),
		 hdf_get_value(h, "mail.digest.to", end));
	hdf_str(h, "mail.heading", text);
	hdf_str(h, "mail.intro", notify_text(lang, "insights.mail.intro"));
	hdf_str(h, "mail.action.text", notify_text(lang, "insights.mail.action"));
	hdf_str(h, "mail.action.url", page);
	snprintf(subject, subject_size, "%s: %s %s", notify_text(lang, "insights.mail.subject"),
		 notify_text(lang, "insights.week_ending"), end);
	return 0;
}
