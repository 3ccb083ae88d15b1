/* users.h: accounts in the database (used by the account program and by
 * tertuliactl). Every function borrows its arguments and copies what it
 * returns into caller-owned storage. */
#ifndef TERTULIA_USERS_H
#define TERTULIA_USERS_H

#include "db.h"
#include "password.h"

/* Roles beyond member (every account is a member). */
enum {
	ROLE_MODERATOR = 1 << 0,
	ROLE_STAFF = 1 << 1,
	ROLE_MARKETING = 1 << 2,
	ROLE_ADMIN = 1 << 3
};

/* Role bits from a SET value "staff,admin"; unknown names are ignored. */
unsigned roles_parse(const char *set);
/* The SET value for role bits, into out (at least 48 bytes). */
void roles_format(unsigned bits, char *out, size_t size);
/* The bit of one role name ("staff"), or 0 for an unknown name. */
unsigned role_bit(const char *name, size_t len);

/* Rank, the one order of roles that says who may act against whom:
 *   0  member
 *   1  moderator, staff, marketing (the company's people)
 *   2  admin
 * An account ranks as the highest role it holds. */
int role_rank(unsigned roles);
/* Whether actor (id and role bits) may act against the member target:
 * suspend, silence or warn them, change their roles, take down their
 * content. NULL when they may; else the key of the reason in the language
 * files: "err.rank_self" for one's own account, "err.rank" for a member of
 * equal or higher rank. */
const char *rank_refusal(long long actor_id, unsigned actor_roles, long long target_id,
			 unsigned target_roles);

/* What a login needs to know about an account. */
typedef struct login_user {
	long long id;
	char name[64];
	char hash[PASSWORD_HASH_MAX];
	long long suspended_until; /* unix time, 0 when not suspended */
} login_user;

/* Creates an account; the password is hashed here. roles is a SET value
 * ("" or "staff,admin"). Returns 0 and *id, E_DUP when the username or email
 * is taken, or a database error. */
int users_create(db *d, const char *name, const char *email, const char *password,
		 const char *roles, long long *id);

/* Finds an account by username or email, for login. E_NOTFOUND if none. */
int users_find_login(db *d, const char *name_or_email, login_user *out);

/* Stores a new hash for the account (rehash on login, password change). */
int users_set_password(db *d, long long id, const char *password);

/* 1 when the username (or email) is taken, 0 when free, or an error. */
int users_name_taken(db *d, const char *name);
int users_email_taken(db *d, const char *email, long long except_id);

/* Replaces the roles of account id with roles (a SET value). */
int users_set_roles(db *d, long long id, const char *roles);
/* The id and roles of username; E_NOTFOUND if none. roles gets a SET
 * value of at most size bytes. */
int users_get_roles(db *d, const char *name, long long *id, char *roles, size_t size);

/* The role bits of account id; E_NOTFOUND if none. */
int users_roles_of(db *d, long long id, unsigned *roles);

/* Lifts the suspension and the silence of account id, in one transaction
 * with its audit line (action "lift", by actor_id, 0 for the command line,
 * with reason). *lifted gets 1, or 0 when neither was in force (nothing is
 * then written). Returns 0, E_NOTFOUND or a database error. */
int users_lift(db *d, long long actor_id, long long id, const char *reason, int *lifted);

/* Adds a line to the audit log. actor_id 0 means the command line. */
int audit_add(db *d, long long actor_id, const char *action, const char *target_type,
	      long long target_id, const char *reason, const char *detail);

#endif
