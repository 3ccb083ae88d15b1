/* token.c: signed link tokens (see token.h). */
#include "web/token.h"
#include "base/err.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

static int payload_ok(const char *p, size_t n)
{
	size_t i;

	if (n == 0 || n > TOKEN_PAYLOAD_MAX)
		return 0;
	for (i = 0; i < n; i++) {
		char c = p[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '-' || c == '.'))
			return 0;
	}
	return 1;
}

/* crypto_auth of "purpose:payload" (payload of n bytes). */
static void mac_of(const unsigned char key[32], const char *purpose, const char *payload,
		   size_t n, unsigned char mac[crypto_auth_BYTES])
{
	crypto_auth_hmacsha512256_state st;

	crypto_auth_hmacsha512256_init(&st, key, 32);
	crypto_auth_hmacsha512256_update(&st, (const unsigned char *)purpose, strlen(purpose));
	crypto_auth_hmacsha512256_update(&st, (const unsigned char *)":", 1);
	crypto_auth_hmacsha512256_update(&st, (const unsigned char *)payload, n);
	crypto_auth_hmacsha512256_final(&st, mac);
}

int token_sign(const unsigned char key[32], const char *purpose, const char *payload,
	       char out[TOKEN_MAX])
{
	unsigned char mac[crypto_auth_BYTES];
	size_t n = payload ? strlen(payload) : 0;

	if (!payload_ok(payload, n))
		return E_INVALID;
	mac_of(key, purpose, payload, n, mac);
	memcpy(out, payload, n);
	out[n] = '.';
	sodium_bin2base64(out + n + 1, TOKEN_MAC_LEN + 1, mac, sizeof(mac),
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	return 0;
}

int token_verify(const unsigned char key[32], const char *purpose, const char *token,
		 char payload[TOKEN_PAYLOAD_MAX + 1])
{
	unsigned char want[crypto_auth_BYTES], got[crypto_auth_BYTES];
	const char *dot;
	size_t n, binlen = 0;

	payload[0] = '\0';
	if (token == NULL || (dot = strrchr(token, '.')) == NULL)
		return E_INVALID;
	n = (size_t)(dot - token);
	if (!payload_ok(token, n) || strlen(dot + 1) != TOKEN_MAC_LEN)
		return E_INVALID;
	if (sodium_base642bin(got, sizeof(got), dot + 1, TOKEN_MAC_LEN, NULL, &binlen, NULL,
			      sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
	    binlen != sizeof(got))
		return E_INVALID;
	mac_of(key, purpose, token, n, want);
	if (sodium_memcmp(want, got, sizeof(want)) != 0)
		return E_FORBIDDEN;
	memcpy(payload, token, n);
	payload[n] = '\0';
	return 0;
}
