/* password.c: Argon2id hashing and new-password rules (see password.h). */
#include "services/password.h"
#include "base/err.h"
#include "base/str.h"
#include "base/utf8.h"

#include <ctype.h>
#include <sodium.h>
#include <string.h>

static unsigned long long cost_ops = crypto_pwhash_OPSLIMIT_INTERACTIVE;
static size_t cost_mem = crypto_pwhash_MEMLIMIT_INTERACTIVE;

/* Passwords of ten or more characters that lists of leaked passwords show
 * people choose most often (shorter ones are refused by length already). */
static const char *const common_passwords[] = {
	"1234567890", "12345678910", "123456789a", "0123456789", "0987654321",
	"1111111111", "0000000000", "1q2w3e4r5t", "1qaz2wsx3edc", "qwertyuiop",
	"qwerty1234", "qwerty12345", "password12", "password123", "password1234",
	"passw0rd123", "iloveyou12", "abcdefghij", "abc1234567", "asdfghjkl1",
	"zxcvbnm123", "princess123", "football123", "baseball123", "welcome123",
	"sunshine123", "superman123", "1234qwerty", "123qweasdzxc", "qazwsxedcrfv",
	"contraseña", "contrasena", "contrasena1", "contraseña1", "contrasena123",
	"1234567890a", "a123456789", "q1w2e3r4t5", "letmein123", "trustno1234",
	"administrator", "changeme123", "dragon1234", "monkey1234", "teamo12345",
	"tequiero123", "estrella123", "micontraseña", "mipassword1", "holahola12",
	NULL
};

void password_set_cost(unsigned long long ops, size_t mem)
{
	if (ops >= crypto_pwhash_OPSLIMIT_MIN)
		cost_ops = ops;
	if (mem >= crypto_pwhash_MEMLIMIT_MIN)
		cost_mem = mem;
}

int password_hash(const char *pw, char out[PASSWORD_HASH_MAX])
{
	if (crypto_pwhash_str(out, pw, strlen(pw), cost_ops, cost_mem) != 0)
		return E_NOMEM;
	return 0;
}

int password_verify(const char *hash, const char *pw)
{
	if (hash == NULL || crypto_pwhash_str_verify(hash, pw, strlen(pw)) != 0)
		return E_FORBIDDEN;
	return 0;
}

int password_verify_dummy(const char *pw)
{
	static char dummy[PASSWORD_HASH_MAX];

	if (dummy[0] == '\0' && password_hash("no account has this password", dummy) != 0)
		return E_FORBIDDEN;
	(void)password_verify(dummy, pw);
	return E_FORBIDDEN;
}

int password_needs_rehash(const char *hash)
{
	return crypto_pwhash_str_needs_rehash(hash, cost_ops, cost_mem) != 0;
}

/* Case-insensitive equality of two whole strings: ASCII, and the Latin-1
 * letters À-Þ (UTF-8 C3 80-9E, but × C3 97), so that "CONTRASEÑA" is the
 * common "contraseña". */
static int same_text(const char *a, const char *b)
{
	size_t n = strlen(a), i;

	if (n != strlen(b))
		return 0;
	for (i = 0; i < n; i++) {
		unsigned char ca = (unsigned char)a[i], cb = (unsigned char)b[i];
		if (i > 0 && (unsigned char)a[i - 1] == 0xC3 && (unsigned char)b[i - 1] == 0xC3) {
			if (ca >= 0x80 && ca <= 0x9E && ca != 0x97)
				ca += 0x20;
			if (cb >= 0x80 && cb <= 0x9E && cb != 0x97)
				cb += 0x20;
		} else {
			ca = (unsigned char)tolower(ca);
			cb = (unsigned char)tolower(cb);
		}
		if (ca != cb)
			return 0;
	}
	return 1;
}

/* Whether pw is one character repeated, counting characters, not bytes
 * ("ññññññññññ" is one character ten times). */
static int all_one_char(const char *pw)
{
	size_t n = strlen(pw), len = 1, i;

	while (len < n && ((unsigned char)pw[len] & 0xC0) == 0x80)
		len++;
	if (n % len != 0)
		return 0;
	for (i = len; i < n; i += len)
		if (memcmp(pw + i, pw, len) != 0)
			return 0;
	return 1;
}

const char *password_problem(const char *pw, const char *username, const char *email)
{
	size_t chars = utf8_length(pw, strlen(pw));
	size_t i;

	if (chars < PASSWORD_MIN)
		return "err.pw_short";
	if (chars > PASSWORD_MAX)
		return "err.too_long";
	if (all_one_char(pw))
		return "err.pw_common";
	for (i = 0; common_passwords[i]; i++)
		if (same_text(pw, common_passwords[i]))
			return "err.pw_common";
	if ((username && same_text(pw, username)) || (email && same_text(pw, email)))
		return "err.pw_is_name";
	return NULL;
}
