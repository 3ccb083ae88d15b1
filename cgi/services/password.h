/* password.h: password hashing with Argon2id (libsodium crypto_pwhash_str)
 * and the rules a new password must pass. */
#ifndef TERTULIA_PASSWORD_H
#define TERTULIA_PASSWORD_H

#include <stddef.h>

#define PASSWORD_MIN 10
#define PASSWORD_MAX 200
#define PASSWORD_HASH_MAX 128 /* crypto_pwhash_STRBYTES */

/* Sets the cost for new hashes (ops, bytes). Defaults: libsodium's
 * "interactive" limits. Called once at start-up from configuration. */
void password_set_cost(unsigned long long ops, size_t mem);

/* Hashes pw into out (PASSWORD_HASH_MAX bytes). Returns 0 or E_NOMEM. */
int password_hash(const char *pw, char out[PASSWORD_HASH_MAX]);
/* 0 when pw matches hash, E_FORBIDDEN otherwise. */
int password_verify(const char *hash, const char *pw);
/* Verifies against a fixed dummy hash, so that an unknown user costs the
 * same time as a wrong password. Always returns E_FORBIDDEN. */
int password_verify_dummy(const char *pw);
/* 1 when hash was made with other costs than the current ones. */
int password_needs_rehash(const char *hash);

/* Checks a new password: length, not a common password, not the username or
 * email. Returns NULL when fine, else a message key ("err.pw_short", ...). */
const char *password_problem(const char *pw, const char *username, const char *email);

#endif
