/* username.h: what a member's name may be, the one rule the registration
 * form, the @mentions and the profile addresses share.
 *
 * A name is 3 to USERNAME_MAX characters: letters, the digits 0-9, and the
 * separators ' ', '.', '-' and '_'. Letters are those of the alphabets
 * below, precomposed (accents included, "María"; no combining marks, so
 * that one name has one spelling); every letter of a name is of one script,
 * so that a Cyrillic "а" cannot stand in for a Latin "a" in a name that
 * looks like another's. Control, format and invisible characters, symbols,
 * other digits and spaces other than U+0020 are refused. A space stands
 * only between two characters that are not separators ("María López", not
 * " María", "María  López" or "María _López").
 *
 * Names are unique as the database compares them (users.username in
 * utf8mb4_unicode_ci: without case or accents, "maria lopez" is
 * "María López"), and a space and an underscore count as one
 * (users.username_key), because a mention writes the space as "_":
 * "@María_López". Pure functions; they borrow their arguments. */
#ifndef TERTULIA_USERNAME_H
#define TERTULIA_USERNAME_H

#include <stddef.h>

/* In characters (users.username is VARCHAR(30)). */
#define USERNAME_MIN 3
#define USERNAME_MAX 30
/* The bytes a name may take in UTF-8 (at most 4 a character). */
#define USERNAME_BYTES (USERNAME_MAX * 4)

/* The scripts a name's letters may be of; USERNAME_COMMON for a digit or
 * a separator, which go with any of them. */
typedef enum username_script {
	USERNAME_NONE = 0,   /* not allowed in a name */
	USERNAME_COMMON,
	USERNAME_LATIN,
	USERNAME_GREEK,
	USERNAME_CYRILLIC,
	USERNAME_HEBREW,
	USERNAME_ARABIC,
	USERNAME_CJK,        /* Han, Hiragana and Katakana: Japanese mixes them */
	USERNAME_HANGUL
} username_script;

/* The script of code point cp in a name, or USERNAME_NONE. */
username_script username_script_of(long cp);

/* Whether cp is a letter or digit of a name (not a separator). */
int username_word_char(long cp);

/* 0 when the n bytes at s are a valid name, else -1. */
int username_check(const char *s, size_t n);

#endif
