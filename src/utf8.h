/* utf8.h: the one UTF-8 decoder and encoder, strict (RFC 3629): no overlong
 * forms, no surrogates, nothing above U+10FFFF; and the one whitespace test. */
#ifndef VORLAGE_UTF8_H
#define VORLAGE_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define UTF8_REPLACEMENT 0xFFFDu

/* Decodes the sequence at s (n bytes available) into *cp; returns its
 * length (1 to 4), or 0 when it is malformed or cut short. */
size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);

/* Decodes the code point at s[*i] (len bytes in all) and advances *i past it;
 * a malformed sequence gives U+FFFD and advances one byte. */
uint32_t utf8_next(const char *s, size_t len, size_t *i);

/* Encodes cp (at most U+10FFFF, no surrogate) into out; returns 1 to 4, or 0
 * for a value that has no encoding. */
size_t utf8_encode(uint32_t cp, char out[4]);

/* Whether the len bytes at s are well-formed UTF-8. */
bool utf8_valid(const char *s, size_t len);

/* XML white space (U+0020, U+0009, U+000A, U+000D): what separates words in
 * the source. */
static inline bool
utf8_is_space(uint32_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

#endif
