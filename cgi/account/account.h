/* account.h: the account program's handlers, the files of cgi/account/
 * (cgi/account.c is the route table and main). Handlers follow app.h:
 * they borrow the request, fill r->hdf under "d." and return a status or
 * an error code. */
#ifndef TERTULIA_ACCOUNT_H
#define TERTULIA_ACCOUNT_H

#include "web/app.h"

/* login.c: /login and /logout. */
extern const field_spec login_fields[];
int page_login(request *r);
int do_login(request *r);
int do_logout(request *r);
/* A redirect target from a form or query, a local path only: next when
 * it is one (borrowed), "/" otherwise. */
const char *safe_next(const char *next);
/* An ASCII-lowercased copy of s into out (throttle keys), cut to size. */
void lower_copy(char *out, size_t size, const char *s);

/* register.c: /register, with an invitation's token when it came
 * through one. */
extern const field_spec register_fields[];
int page_register(request *r);
int do_register(request *r);

/* settings.c: /settings (the address, language, bio and segment), its
 * password form, ending every session, and POST /lang (a cookie, and the
 * member's language when logged in). */
extern const field_spec settings_fields[];
extern const field_spec password_fields[];
extern const field_spec lang_fields[];
int page_settings(request *r);
int do_settings(request *r);
int do_password(request *r);
int do_logout_everywhere(request *r);
int do_lang(request *r);

/* profile.c: /u/NAME, a member's public profile. */
int page_profile(request *r);

/* admin.c: /admin, members and their roles, and POST /admin/roles
 * (username and a box per role), audited. */
extern const field_spec roles_fields[];
int page_admin(request *r);
int do_roles(request *r);

/* notifications.c: /notifications, grouped, newest first; mark read. */
int page_notifications(request *r);
extern const field_spec read_fields[];
int do_read(request *r);
int do_read_all(request *r);
/* GET /notifications/ID, the link of a notification: marks its group read
 * and goes to what it is about (the list when that is no longer shown).
 * A GET, so that the link opens like any other (new tab, middle click):
 * it changes only the member's own read marks, and only for a
 * notification of theirs; anyone else's, or none, is 404. */
int page_open(request *r);
/* The language file of the request (for texts built in C). */
HDF *account_lang(const request *r);

/* follow.c: POST /follow (kind, id, level; "none" stops following) and
 * the list of what the member follows. */
extern const field_spec follow_fields[];
int do_follow(request *r);
int page_following(request *r);

/* email.c: email preferences on the settings page, the address check. */
extern const field_spec email_prefs_fields[];
extern const field_spec verify_fields[];
int do_email_prefs(request *r);
int do_verify_resend(request *r);
int page_verify(request *r);
int do_verify(request *r);
/* Adds the email preferences and the address's state to the settings page. */
int email_settings_load(request *r);
/* In the registration's transaction: the preferences row (with the
 * language of the request) and the verification email. */
int email_registered(request *r, long long user_id, const char *email);
/* Before a change of address: whether password is the member's, whose
 * stored hash is hash (borrowed). Counted by the login throttles
 * (login_guard.h) as a login's guesses are. 0 when it is; E_INVALID with
 * the field error on "password" when it is missing or wrong; E_THROTTLED
 * with the field error; or a database error. */
int email_change_allowed(request *r, const char *hash, const char *password);
/* In the settings' transaction, when the address is to change: new_email
 * waits in users.email_pending, a link goes to it and a notice to
 * old_email (the outbox). users.email stays as it is. */
int email_change_asked(request *r, const char *old_email, const char *new_email);
/* GET /settings/email/confirm?token= asks (a button: a link scanner
 * changes nothing), POST (token) applies the pending address, once. */
int page_email_confirm(request *r);
int do_email_confirm(request *r);
/* Hash of a token from an emailed link (64 hex digits), as stored in
 * account_tokens. E_INVALID when it is not 64 hex digits. */
int account_token_hash(const char *hex, unsigned char out[32]);

/* password_reset.c: /password/forgot and /password/reset. */
extern const field_spec forgot_fields[];
extern const field_spec reset_fields[];
int page_forgot(request *r);
int do_forgot(request *r);
int page_reset(request *r);
int do_reset(request *r);

/* invite.c: /invite (a member's invitation link) and what registration
 * does with it. */
int page_invite(request *r);
/* Puts the inviter of an invitation token into form.invite and
 * d.invited_by when the token is good (register page). */
void invite_show(request *r, const char *token);
/* In the registration's transaction: records that invitee_id came through
 * the invitation token (nothing for a missing or bad token). */
int invite_accepted(request *r, const char *token, long long invitee_id);

/* restrictions.c: the admin page's suspended and silenced members
 * (d.restricted.N.{id,username,suspended_until_at,silenced_until_at}, the
 * times NULL when not in force) and POST /admin/lift (username), which
 * ends both, audited. */
extern const field_spec lift_fields[];
int admin_restricted_load(request *r);
int do_lift(request *r);

/* unsubscribe.c: /unsubscribe/{token}: GET asks, POST does it (also
 * the mail client's one-click unsubscribe, which posts without a
 * session). */
int page_unsubscribe(request *r);
int do_unsubscribe(request *r);

#endif
