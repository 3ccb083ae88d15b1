/* test_token.c: signed link tokens (token.h): what signs, what verifies,
 * and the many ways a token can be bent, each refused. */
#include "helpers.h"
#include "web/token.h"

#include <sodium.h>

static unsigned char key[32], other_key[32];

static int setup(void **state)
{
	(void)state;
	if (sodium_init() < 0)
		return -1;
	memset(key, 7, sizeof(key));
	memset(other_key, 8, sizeof(other_key));
	return 0;
}

static void signs_and_verifies(void **state)
{
	char tok[TOKEN_MAX], payload[TOKEN_PAYLOAD_MAX + 1];

	(void)state;
	assert_int_equal(token_sign(key, TOKEN_UNSUBSCRIBE, "42.all", tok), 0);
	assert_int_equal(strlen(tok), strlen("42.all") + 1 + TOKEN_MAC_LEN);
	assert_memory_equal(tok, "42.all.", 7);
	assert_int_equal(token_verify(key, TOKEN_UNSUBSCRIBE, tok, payload), 0);
	assert_string_equal(payload, "42.all");
	/* one path segment: nothing a URL would have to escape */
	for (const char *p = tok; *p; p++)
		assert_true(strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_", *p));
}

static void same_input_same_token(void **state)
{
	char a[TOKEN_MAX], b[TOKEN_MAX];

	(void)state;
	assert_int_equal(token_sign(key, TOKEN_INVITE, "7", a), 0);
	assert_int_equal(token_sign(key, TOKEN_INVITE, "7", b), 0);
	assert_string_equal(a, b);
}

static void purpose_and_key_matter(void **state)
{
	char tok[TOKEN_MAX], payload[TOKEN_PAYLOAD_MAX + 1];

	(void)state;
	assert_int_equal(token_sign(key, TOKEN_INVITE, "7", tok), 0);
	assert_int_equal(token_verify(key, TOKEN_UNSUBSCRIBE, tok, payload), E_FORBIDDEN);
	assert_string_equal(payload, "");
	assert_int_equal(token_verify(other_key, TOKEN_INVITE, tok, payload), E_FORBIDDEN);
}

static void changed_payload_is_forged(void **state)
{
	char tok[TOKEN_MAX], bent[TOKEN_MAX + 8], payload[TOKEN_PAYLOAD_MAX + 1];
	const char *mac;

	(void)state;
	assert_int_equal(token_sign(key, TOKEN_UNSUBSCRIBE, "42.all", tok), 0);
	mac = strrchr(tok, '.') + 1;
	snprintf(bent, sizeof(bent), "43.all.%s", mac);
	assert_int_equal(token_verify(key, TOKEN_UNSUBSCRIBE, bent, payload), E_FORBIDDEN);
	snprintf(bent, sizeof(bent), "42.thread-1.%s", mac);
	assert_int_equal(token_verify(key, TOKEN_UNSUBSCRIBE, bent, payload), E_FORBIDDEN);
	snprintf(bent, sizeof(bent), "42.al.%s", mac);
	assert_int_equal(token_verify(key, TOKEN_UNSUBSCRIBE, bent, payload), E_FORBIDDEN);
}

static void every_changed_mac_character_is_refused(void **state)
{
	char tok[TOKEN_MAX], bent[TOKEN_MAX], payload[TOKEN_PAYLOAD_MAX + 1];
	size_t start, i;

	(void)state;
	assert_int_equal(token_sign(key, TOKEN_UNSUBSCRIBE, "9.idea-3", tok), 0);
	start = strlen("9.idea-3.");
	for (i = start; tok[i]; i++) {
		int rc;
		strcpy(bent, tok);
		bent[i] = bent[i] == 'A' ? 'B' : 'A';
		rc = token_verify(key, TOKEN_UNSUBSCRIBE, bent, payload);
		/* the last character carries padding bits: a change there may be
		 * a malformed encoding rather than a wrong signature */
		assert_true(rc == E_FORBIDDEN || rc == E_INVALID);
		assert_string_equal(payload, "");
	}
}

static void malformed_tokens_are_invalid(void **state)
{
	char tok[TOKEN_MAX], bent[TOKEN_MAX * 2], payload[TOKEN_PAYLOAD_MAX + 1];
	const char *mac;
	char *long_payload = repeat("a", TOKEN_PAYLOAD_MAX + 1);

	(void)state;
	assert_int_equal(token_sign(key, TOKEN_UNSUBSCRIBE, "42.all", tok), 0);
	mac = strrchr(tok, '.') + 1;
	assert_int_equal(token_verify(key, TOKEN_UNSUBSCRIBE, NULL, payload), E_INVALID);
	assert_int_equal(token_verify(key, TOKEN_UNSUBSCRIBE, "", payload), E_INVALID);
	assert_int_equal(token_verify(key, TOKEN_UNSUBSCRIBE, "nodot", payload), E_INVALID);
	assert_int_equal(token_verify(key, TOKEN_UNSUBSCRIBE, "42.all", payload), E_INVALID);
	snprintf(bent, sizeof(bent), ".%s", mac);  /* empty payload */
	assert_int_equal(token_verify(key, TOKEN_UNSUBSCRIBE, bent, payload), E_INVALID);
	snprintf(bent, sizeof(bent), "42.all.%.*s", TOKEN_MAC_LEN - 1, mac);  /* short */
	assert_int_equal(token_verify(key, TOKEN_UNSUBSCRIBE, bent, payload), E_INVALID);
	snprintf(bent, sizeof(bent), "42.all.%sA", mac);  /* long */
	assert_int_equal(token_verify(key, TOKEN_UNSUBSCRIBE, bent, payload), E_INVALID);
	snprintf(bent, sizeof(bent), "42.all.%.*s=", TOKEN_MAC_LEN - 1, mac);  /* not base64url */
	assert_int_equal(token_verify(key, TOKEN_UNSUBSCRIBE, bent, payload), E_INVALID);
	snprintf(bent, sizeof(bent), "4 2.all.%s", mac);  /* a space in the payload */
	assert_int_equal(token_verify(key, TOKEN_UNSUBSCRIBE, bent, payload), E_INVALID);
	snprintf(bent, sizeof(bent), "%s.%s", long_payload, mac);
	assert_int_equal(token_verify(key, TOKEN_UNSUBSCRIBE, bent, payload), E_INVALID);
	free(long_payload);
}

static void bad_payloads_are_not_signed(void **state)
{
	char tok[TOKEN_MAX];
	char *long_payload = repeat("a", TOKEN_PAYLOAD_MAX + 1);
	char *longest = repeat("b", TOKEN_PAYLOAD_MAX);

	(void)state;
	assert_int_equal(token_sign(key, TOKEN_INVITE, NULL, tok), E_INVALID);
	assert_int_equal(token_sign(key, TOKEN_INVITE, "", tok), E_INVALID);
	assert_int_equal(token_sign(key, TOKEN_INVITE, "a b", tok), E_INVALID);
	assert_int_equal(token_sign(key, TOKEN_INVITE, "a/b", tok), E_INVALID);
	assert_int_equal(token_sign(key, TOKEN_INVITE, "é", tok), E_INVALID);
	assert_int_equal(token_sign(key, TOKEN_INVITE, long_payload, tok), E_INVALID);
	assert_int_equal(token_sign(key, TOKEN_INVITE, longest, tok), 0);
	assert_int_equal(strlen(tok), TOKEN_MAX - 1);
	free(long_payload);
	free(longest);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(signs_and_verifies),
		cmocka_unit_test(same_input_same_token),
		cmocka_unit_test(purpose_and_key_matter),
		cmocka_unit_test(changed_payload_is_forged),
		cmocka_unit_test(every_changed_mac_character_is_refused),
		cmocka_unit_test(malformed_tokens_are_invalid),
		cmocka_unit_test(bad_payloads_are_not_signed),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
