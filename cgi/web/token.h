/* token.h: signed tokens for links that work without a session: the
 * one-click unsubscribe link of every email and a member's invitation link.
 *
 * A token is PAYLOAD.MAC: MAC is crypto_auth (HMAC-SHA512-256) under the
 * configuration's secret of PURPOSE ":" PAYLOAD, written in URL-safe base64
 * without padding (43 characters). The purpose keeps a token made for one
 * use from being accepted for another. Payloads are short ASCII words of
 * [A-Za-z0-9-] joined by '.', so that a token is one path segment.
 * Nothing is stored: a token stays valid as long as the secret does.
 */
#ifndef TERTULIA_TOKEN_H
#define TERTULIA_TOKEN_H

#include <stddef.h>

#define TOKEN_MAC_LEN 43
/* The longest payload a token may carry. */
#define TOKEN_PAYLOAD_MAX 48
/* Room for any token and its NUL. */
#define TOKEN_MAX (TOKEN_PAYLOAD_MAX + 1 + TOKEN_MAC_LEN + 1)

/* Writes PAYLOAD.MAC into out (at least TOKEN_MAX bytes). Returns 0, or
 * E_INVALID for a payload that is empty, too long or not [A-Za-z0-9.-]. */
int token_sign(const unsigned char key[32], const char *purpose, const char *payload,
	       char out[TOKEN_MAX]);

/* Checks token for purpose and copies its payload into payload (at least
 * TOKEN_PAYLOAD_MAX + 1 bytes). Returns 0, E_INVALID when it is not shaped
 * like a token, or E_FORBIDDEN when the MAC does not match (compared in
 * constant time). */
int token_verify(const unsigned char key[32], const char *purpose, const char *token,
		 char payload[TOKEN_PAYLOAD_MAX + 1]);

/* Unsubscribe tokens: payload "UID.SCOPE", where SCOPE is "all" (every
 * notification email) or "KIND-ID" (stop following a thread, idea, ...). */
#define TOKEN_UNSUBSCRIBE "unsubscribe"
/* Invitation tokens: payload "UID" of the member who invites. */
#define TOKEN_INVITE "invite"

#endif
