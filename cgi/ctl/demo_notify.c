/* demo_notify.c: the demo community's follows and email preferences.
 * The demo members' addresses count as verified, so that what happens in
 * the demo is mailed: point smtp.* at a test SMTP server to read it (see
 * README, "Email"). The notifications themselves came with the threads
 * (their authors watch them). */
#include "ctl.h"
#include "base/err.h"
#include "services/follow.h"

#include <stdio.h>

static const char SQL_VERIFY_ALL[] =
	"UPDATE users SET email_verified_at = UTC_TIMESTAMP() WHERE id = ?";
static const char SQL_PREFS[] =
	"INSERT INTO email_prefs (user_id, mode, lang, digest_since, next_digest_at, updated_at) "
	"VALUES (?, ?, ?, UTC_TIMESTAMP(), CASE ? WHEN 'daily' THEN UTC_TIMESTAMP() + INTERVAL 1 DAY "
	"WHEN 'weekly' THEN UTC_TIMESTAMP() + INTERVAL 7 DAY END, UTC_TIMESTAMP())";
static const char SQL_CATEGORY[] = "SELECT id FROM categories WHERE slug = ?";

/* Demo account indexes, as in demo.c. */
enum { ADMIN, MODERADORA, STAFF, MARKETING, MARIA, JOHN, LUCIA, OLIVER, NDEMO };

static const struct { int user; const char *mode, *lang; } prefs[] = {
	{ MARIA, "daily", "es" }, { LUCIA, "weekly", "es" }, { JOHN, "immediate", "en" },
	{ OLIVER, "immediate", "en" }, { STAFF, "immediate", "en" },
};

static const struct { int user; const char *slug, *level; } category_follows[] = {
	{ MARIA, "help", "watch" }, { STAFF, "help", "watch" }, { OLIVER, "cafe", "mute" },
	{ LUCIA, "recipes", "watch" },
};

static const struct { int user, followed; const char *level; } member_follows[] = {
	{ JOHN, MARIA, "normal" }, { OLIVER, JOHN, "watch" },
};

int demo_notify(db *d, const long long *users)
{
	long long cat;
	size_t i;
	int rc = 0;

	for (i = 0; rc == 0 && i < NDEMO; i++)
		rc = DB_EXEC(d, SQL_VERIFY_ALL, NULL, DBI(users[i]));
	for (i = 0; rc == 0 && i < sizeof(prefs) / sizeof(prefs[0]); i++)
		rc = DB_EXEC(d, SQL_PREFS, NULL, DBI(users[prefs[i].user]), DBS(prefs[i].mode),
			     DBS(prefs[i].lang), DBS(prefs[i].mode));
	for (i = 0; rc == 0 && i < sizeof(category_follows) / sizeof(category_follows[0]); i++) {
		rc = DB_SELECT_INT(d, SQL_CATEGORY, &cat, DBS(category_follows[i].slug));
		if (rc == 0)
			rc = follow_set(d, users[category_follows[i].user], "category", cat,
					category_follows[i].level);
	}
	for (i = 0; rc == 0 && i < sizeof(member_follows) / sizeof(member_follows[0]); i++)
		rc = follow_set(d, users[member_follows[i].user], "user",
				users[member_follows[i].followed], member_follows[i].level);
	if (rc != 0)
		fprintf(stderr, "demo: follows and email preferences failed: %s\n", err_name(rc));
	return rc == 0 ? 0 : 1;
}
