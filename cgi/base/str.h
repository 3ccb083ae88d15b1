/* str.h: a growable byte buffer and small string helpers.
 *
 * A strbuf owns its bytes; strbuf_free releases them. The buffer is always
 * NUL-terminated so that sb.s can be handed to C string functions, but it may
 * also hold NUL bytes when used for binary data (use sb.len).
 */
#ifndef TERTULIA_STR_H
#define TERTULIA_STR_H

#include <stddef.h>
#include <stdarg.h>

typedef struct strbuf {
	char *s;     /* owned; NULL until the first append */
	size_t len;  /* bytes used, not counting the terminating NUL */
	size_t cap;  /* bytes allocated */
} strbuf;

#define STRBUF_INIT { NULL, 0, 0 }

/* Append n bytes of p. Returns 0 or E_NOMEM (the buffer is unchanged). */
int strbuf_append(strbuf *sb, const char *p, size_t n);
/* Appends the whole file at path to sb. 0, E_IO when it cannot be opened,
 * or E_NOMEM. */
int strbuf_read_file(strbuf *sb, const char *path);
/* Append a NUL-terminated string. */
int strbuf_puts(strbuf *sb, const char *s);
/* Append printf-formatted text. */
int strbuf_printf(strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Give up ownership: returns the bytes (caller frees) and empties sb.
 * Returns an allocated empty string when nothing was appended. */
char *strbuf_detach(strbuf *sb);
/* Release the bytes; sb may be reused afterwards. */
void strbuf_free(strbuf *sb);

/* Lowercase hex of n bytes into out, which must hold 2n+1 bytes. */
void hex_encode(const unsigned char *in, size_t n, char *out);
/* The value of one hex digit character, or -1. */
int hex_digit(int c);
/* Parse exactly 2n hex digits into n bytes. Returns 0 or E_INVALID. */
int hex_decode(const char *hex, unsigned char *out, size_t n);

/* Parse a decimal integer in [min, max] that fills the whole string.
 * Returns 0 and stores it in *out, or E_INVALID. */
int parse_long(const char *s, long long min, long long max, long long *out);

/* strdup that returns NULL for NULL. The caller frees the copy. */
char *xstrdup(const char *s);

/* Case-insensitive ASCII compare of the first n bytes. */
int ascii_ncasecmp(const char *a, const char *b, size_t n);

/* Makes a URL slug of text: lowercase ASCII letters and digits joined by
 * '-', accents folded (á -> a, ñ -> n), at most size-1 bytes. Never empty:
 * falls back to "-" when nothing is left. */
void slugify(const char *text, char *out, size_t size);

#endif
