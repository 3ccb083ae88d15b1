/* username.c: the rule of members' names (username.h). */
#include "base/username.h"
#include "base/utf8.h"

/* Letters by script: ranges of precomposed letters, without the symbols,
 * marks and look-alikes that sit among them. */
static const struct {
	long from, to;
	username_script script;
} letters[] = {
	{ 'A', 'Z', USERNAME_LATIN },
	{ 'a', 'z', USERNAME_LATIN },
	{ 0x00C0, 0x00D6, USERNAME_LATIN },
	{ 0x00D8, 0x00F6, USERNAME_LATIN }, /* not U+00D7 × */
	{ 0x00F8, 0x0130, USERNAME_LATIN }, /* not U+00F7 ÷ */
	/* not U+0131 ı (an "i" without its dot), U+0138 ĸ, U+0149 ŉ, U+017F ſ:
	 * look-alikes of plainer letters the collation tells apart */
	{ 0x0132, 0x0137, USERNAME_LATIN },
	{ 0x0139, 0x0148, USERNAME_LATIN },
	{ 0x014A, 0x017E, USERNAME_LATIN },
	{ 0x0218, 0x021B, USERNAME_LATIN }, /* Romanian ș ț */
	{ 0x1E00, 0x1EFF, USERNAME_LATIN }, /* Vietnamese and more */
	{ 0x0386, 0x0386, USERNAME_GREEK },
	{ 0x0388, 0x038A, USERNAME_GREEK },
	{ 0x038C, 0x038C, USERNAME_GREEK },
	{ 0x038E, 0x03A1, USERNAME_GREEK },
	{ 0x03A3, 0x03CE, USERNAME_GREEK },
	{ 0x0400, 0x0481, USERNAME_CYRILLIC }, /* not U+0482-0489, signs and marks */
	{ 0x048A, 0x04FF, USERNAME_CYRILLIC },
	{ 0x0500, 0x052F, USERNAME_CYRILLIC },
	{ 0x05D0, 0x05EA, USERNAME_HEBREW },
	{ 0x0620, 0x063F, USERNAME_ARABIC },
	{ 0x0641, 0x064A, USERNAME_ARABIC }, /* not U+0640, the tatweel */
	{ 0x0671, 0x06D3, USERNAME_ARABIC },
	{ 0x3041, 0x3096, USERNAME_CJK },    /* Hiragana */
	{ 0x30A1, 0x30FA, USERNAME_CJK },    /* Katakana */
	{ 0x30FC, 0x30FC, USERNAME_CJK },    /* the long vowel mark ー */
	{ 0x3400, 0x4DBF, USERNAME_CJK },
	{ 0x4E00, 0x9FFF, USERNAME_CJK },
	{ 0xAC00, 0xD7A3, USERNAME_HANGUL },
};

static int is_separator(long cp)
{
	return cp == ' ' || cp == '.' || cp == '-' || cp == '_';
}

username_script username_script_of(long cp)
{
	size_t i;

	if ((cp >= '0' && cp <= '9') || is_separator(cp))
		return USERNAME_COMMON;
	for (i = 0; i < sizeof(letters) / sizeof(letters[0]); i++)
		if (cp >= letters[i].from && cp <= letters[i].to)
			return letters[i].script;
	return USERNAME_NONE;
}

int username_word_char(long cp)
{
	return !is_separator(cp) && username_script_of(cp) != USERNAME_NONE;
}

int username_check(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	username_script script = USERNAME_COMMON;
	size_t i = 0, chars = 0, len;
	long cp, prev = 0;

	if (s == NULL || n > USERNAME_BYTES)
		return -1;
	while (i < n) {
		username_script sc;

		cp = utf8_decode(p + i, n - i, &len);
		if (cp < 0)
			return -1;
		sc = username_script_of(cp);
		if (sc == USERNAME_NONE)
			return -1;
		if (sc != USERNAME_COMMON) {
			if (script != USERNAME_COMMON && script != sc)
				return -1; /* two scripts: a look-alike's way in */
			script = sc;
		}
		/* a space only between two characters of words: none at either
		 * end, none next to another separator */
		if ((cp == ' ' && (chars == 0 || is_separator(prev))) ||
		    (prev == ' ' && is_separator(cp)))
			return -1;
		prev = cp;
		chars++;
		i += len;
	}
	if (prev == ' ' || chars < USERNAME_MIN || chars > USERNAME_MAX)
		return -1;
	return 0;
}
