/* user_status.c: `tertuliactl user unsuspend NAME`: ends the member's
 * suspension and silence at once, whichever are in force, with a line in
 * the audit log (actor: the command line) in the same transaction
 * (users_lift). The web's admin page does the same (POST /admin/lift). */
#include "ctl.h"
#include "base/err.h"
#include "web/form.h"
#include "services/users.h"

#include <stdio.h>

static const char SQL_ID_OF[] = "SELECT id FROM users WHERE username = ?";

const arg_spec ctl_user_unsuspend_args = { NULL, 0, "NAME", 1, 1, 0 };

int ctl_user_unsuspend_check(const args *a, char *why, size_t size)
{
	if (valid_username(a->operand[0]) == 0)
		return ARGS_OK;
	snprintf(why, size, "NAME: 3-30 characters of A-Z a-z 0-9 _ . -");
	return ARGS_BAD;
}

int ctl_user_unsuspend(db *d, const config *cfg, const args *a)
{
	const char *name = a->operand[0];
	long long id = 0;
	int rc, lifted = 0;

	(void)cfg;
	rc = DB_SELECT_INT(d, SQL_ID_OF, &id, DBS(name));
	if (rc == E_NOTFOUND) {
		fprintf(stderr, "no user named %s\n", name);
		return 1;
	}
	if (rc == 0)
		rc = users_lift(d, 0, id, "tertuliactl user unsuspend", &lifted);
	if (rc != 0) {
		fprintf(stderr, "user unsuspend failed: %s\n", err_name(rc));
		return 1;
	}
	printf("%s: %s\n", name, lifted ? "suspension and silence lifted"
				       : "neither suspended nor silenced; nothing changed");
	return 0;
}
