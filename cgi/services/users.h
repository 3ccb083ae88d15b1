/* users.h: accounts in the database (used by the account program and by
 * tertuliactl). Every function borrows its arguments and copies what it
 * returns into caller-owned storage. */
#ifndef TERTULIA_USERS_H
#define TERTULIA_USERS_H

#include "base/roles.h"
#include "db/db.h"
#include "services/password.h"

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
