/* demo.c: the demo community of Aurora Home, a fictional maker of small
 * kitchen appliances, with customers writing in Spanish and English.
 * Loaded once; the meta row demo_loaded records it. */
#include "ctl.h"
#include "../core/err.h"
#include "../core/users.h"

#include <stdio.h>

static const char SQL_DEMO_DONE[] = "SELECT COUNT(*) FROM meta WHERE k = 'demo_loaded'";
static const char SQL_DEMO_LANG[] = "UPDATE users SET lang = ? WHERE id = ?";
static const char SQL_DEMO_MARK[] =
	"INSERT INTO meta (k, v) VALUES ('demo_loaded', UTC_TIMESTAMP())";

/* The demo accounts; README lists them. All share DEMO_PASSWORD. */
#define DEMO_PASSWORD "tertulia-demo"
static const struct {
	const char *name, *email, *roles, *lang;
} demo_users[] = {
	{ "admin", "admin@aurora.example", "admin", "en" },
	{ "moderadora", "moderadora@aurora.example", "moderator", "es" },
	{ "staff", "staff@aurora.example", "staff", "en" },
	{ "marketing", "marketing@aurora.example", "marketing", "es" },
	{ "maria", "maria@example.com", "", "es" },
	{ "john", "john@example.com", "", "en" },
};

int ctl_demo(db *d, const config *cfg)
{
	long long done = 0, id;
	size_t i;
	int rc;

	(void)cfg;
	rc = db_select_int(d, SQL_DEMO_DONE, NULL, 0, &done);
	if (rc != 0) {
		fprintf(stderr, "demo: cannot reach the database (run migrate first)\n");
		return 1;
	}
	if (done) {
		printf("demo community already loaded\n");
		return 0;
	}
	for (i = 0; i < sizeof(demo_users) / sizeof(demo_users[0]); i++) {
		rc = users_create(d, demo_users[i].name, demo_users[i].email, DEMO_PASSWORD,
				  demo_users[i].roles, &id);
		if (rc == 0)
			rc = DB_EXEC(d, SQL_DEMO_LANG, NULL, DBS(demo_users[i].lang), DBI(id));
		if (rc != 0) {
			fprintf(stderr, "demo: creating %s failed: %s\n", demo_users[i].name,
				err_name(rc));
			return 1;
		}
	}
	rc = db_exec(d, SQL_DEMO_MARK, NULL, 0, NULL);
	if (rc != 0)
		return 1;
	printf("demo community loaded\n");
	return 0;
}
