/* hooks.c: the programs' hooks into the web layer (hooks.h). */
#include "site/hooks.h"

#include "base/content_limits.h"
#include "base/log.h"
#include "services/notify.h"
#include "services/password.h"
#include "services/rollup.h"
#include "text/sentiment.h"

/* Every program checks or makes password hashes at the configured cost
 * (password.ops, password.mem; 0 for libsodium's interactive default). */
static int start_plain(app *a)
{
	password_set_cost((unsigned long long)config_int(&a->cfg, "password.ops", 0),
			  (size_t)config_int(&a->cfg, "password.mem", 0));
	return 0;
}

/* The sentiment lexicons (sentiment.lexicon_dir, sentiment.domain_dir,
 * relative to the working directory, the repository's root under make run).
 * A program without them keeps running and stores content unscored. */
static int start_scoring(app *a)
{
	const char *lex = config_get(&a->cfg, "sentiment.lexicon_dir", "node_modules");
	const char *dom = config_get(&a->cfg, "sentiment.domain_dir", "cgi/text/lexicon");

	start_plain(a);
	if (sentiment_load(&a->sentiment, lex, dom) != 0) {
		a->sentiment = NULL;
		log_error("app: no sentiment lexicons in %s and %s: content is stored unscored "
			  "until `tertuliactl rollup` scores it", lex, dom);
	}
	rollup_set_model(a->sentiment);
	return 0;
}

static void stop_scoring(app *a)
{
	rollup_set_model(NULL);
	sentiment_free(a->sentiment);
	a->sentiment = NULL;
}

/* What every drawn page gets: the limits its forms state (maxlength, as
 * the gate checks them) and the header's count of unread notifications: one
 * indexed read, and only for a page that is drawn. A failure shows no
 * count, never no page. */
static void fill_page(request *r)
{
	long long n = 0;

	hdf_int(r->hdf, "limits.title_max", TITLE_MAX);

	if (r->user.id && notify_unread_count(r->app->db, r->user.id, &n) == 0)
		hdf_int(r->hdf, "me.unread", n);
}

/* The shared counters a write queued (rollup.h), applied now that it has
 * committed, so that the page the write leads to counts it. What cannot be
 * applied now stays queued for `tertuliactl drain`. */
static void after_post(app *a)
{
	/* a handler that left its transaction open has nothing committed */
	if (a->db && !db_in_transaction(a->db))
		rollup_drain_mine(a->db);
}

const app_hooks site_hooks_scoring = { start_scoring, stop_scoring, fill_page, after_post };
const app_hooks site_hooks_plain = { start_plain, NULL, fill_page, after_post };
