/* utf8.h: checking what people type.
 *
 * Text is stored as UTF-8. These functions decide whether a field is
 * acceptable (valid UTF-8, no control characters but tab and newlines) and
 * count characters (code points, not bytes) for the fields' length limits.
 */
#ifndef TERTULIA_UTF8_H
#define TERTULIA_UTF8_H

#include <stddef.h>

enum utf8_problem {
	UTF8_OK = 0,
	UTF8_INVALID,  /* a malformed, overlong or surrogate sequence */
	UTF8_CONTROL   /* a control character other than \t \n \r */
};

/* Checks n bytes of s. When allow_newlines is 0, \n and \r are control
 * characters too (single-line fields). Returns a utf8_problem. */
enum utf8_problem utf8_check(const char *s, size_t n, int allow_newlines);

/* Number of code points in a valid UTF-8 string of n bytes. */
size_t utf8_length(const char *s, size_t n);

/* Copies s with every invalid byte replaced by U+FFFD and control characters
 * dropped, so that a refused form can be shown again with what the person
 * typed. Returns an allocated string (caller frees) or NULL. */
char *utf8_sanitize(const char *s, size_t n);

/* Decodes one code point at s (n bytes available). Stores its length in *len
 * and returns the code point, or -1 when the sequence is invalid. */
long utf8_decode(const unsigned char *s, size_t n, size_t *len);

#endif
