/* account.c: the accounts program. Registration, login and logout,
 * settings, profiles, the language switch, notifications and follows,
 * email, passwords and the admin page for roles; the handlers live in
 * cgi/account/. It is the only program whose database account reads
 * password hashes. */
#include "account/account.h"
#include "site/hooks.h"
#include "web/server.h"

static const route routes[] = {
	{ R_GET, "/register", page_register, 0, NULL, NULL },
	{ R_POST | R_FORM_ERRORS, "/register", do_register, 0, register_fields, NULL },
	{ R_GET, "/login", page_login, 0, NULL, NULL },
	{ R_POST | R_FORM_ERRORS, "/login", do_login, 0, login_fields, NULL },
	{ R_POST, "/logout", do_logout, 0, NULL, NULL },
	{ R_GET | R_LOGIN, "/settings", page_settings, 0, NULL, NULL },
	{ R_POST | R_LOGIN | R_FORM_ERRORS, "/settings", do_settings, 0, settings_fields, NULL },
	{ R_POST | R_LOGIN | R_FORM_ERRORS, "/settings/password", do_password, 0, password_fields, NULL },
	{ R_POST | R_LOGIN, "/settings/logout-everywhere", do_logout_everywhere, 0, NULL, NULL },
	{ R_GET, "/u/:name", page_profile, 0, NULL, NULL },
	{ R_POST, "/lang", do_lang, 0, lang_fields, NULL },
	{ R_GET | R_LOGIN, "/admin", page_admin, ROLE_ADMIN, NULL, NULL },
	{ R_POST | R_LOGIN, "/admin/roles", do_roles, ROLE_ADMIN, roles_fields, NULL },
	{ R_POST | R_LOGIN, "/admin/lift", do_lift, ROLE_ADMIN, lift_fields, NULL },
	{ R_POST | R_LOGIN, "/settings/email", do_email_prefs, 0, email_prefs_fields, NULL },
	{ R_GET, "/settings/email/confirm", page_email_confirm, 0, NULL, NULL },
	{ R_POST, "/settings/email/confirm", do_email_confirm, 0, verify_fields, NULL },
	{ R_POST | R_LOGIN, "/settings/verify/resend", do_verify_resend, 0, NULL, NULL },
	{ R_GET, "/settings/verify", page_verify, 0, NULL, NULL },
	{ R_POST, "/settings/verify", do_verify, 0, verify_fields, NULL },
	{ R_GET, "/password/forgot", page_forgot, 0, NULL, NULL },
	{ R_POST | R_FORM_ERRORS, "/password/forgot", do_forgot, 0, forgot_fields, NULL },
	{ R_GET, "/password/reset", page_reset, 0, NULL, NULL },
	{ R_POST | R_FORM_ERRORS, "/password/reset", do_reset, 0, reset_fields, NULL },
	{ R_GET | R_LOGIN, "/notifications", page_notifications, 0, NULL, NULL },
	{ R_POST | R_LOGIN, "/notifications/read-all", do_read_all, 0, NULL, NULL },
	{ R_POST | R_LOGIN, "/notifications/:id/read", do_read, 0, read_fields, NULL },
	{ R_GET | R_LOGIN, "/notifications/:id", page_open, 0, NULL, NULL },
	{ R_GET | R_LOGIN, "/notifications/following", page_following, 0, NULL, NULL },
	{ R_POST | R_LOGIN, "/follow", do_follow, 0, follow_fields, NULL },
	{ R_GET | R_LOGIN, "/invite", page_invite, 0, NULL, NULL },
	{ R_GET | R_SECRET_PATH, "/unsubscribe/:s", page_unsubscribe, 0, NULL, NULL },
	{ R_POST | R_NOSESSION | R_API | R_SECRET_PATH, "/unsubscribe/:s", do_unsubscribe, 0,
	  NULL, NULL },
	{ R_GET | R_NOSESSION, "/healthz", page_healthz, 0, NULL, NULL },
};

int main(int argc, char **argv)
{
	return server_main(argc, argv, "account", routes, sizeof(routes) / sizeof(routes[0]),
			   &site_hooks_plain);
}
