/* hyph.h: hyphenation points of words, by language, through libhyphen. */
#ifndef VORLAGE_HYPH_H
#define VORLAGE_HYPH_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"

typedef struct hyph hyph;

enum hyph_kind {
	HYPH_ADD,     /* a break that adds a hyphen: pattern point or soft hyphen */
	HYPH_EXPLICIT /* after an existing hyphen or dash in the word: nothing added */
};

typedef struct hyph_point {
	uint32_t offset;   /* byte offset in the token where the second part begins */
	uint8_t kind;      /* enum hyph_kind */
} hyph_point;

enum { HYPH_LEFTMIN = 2, HYPH_RIGHTMIN = 3, HYPH_MINWORD = 6 };

hyph *hyph_new(void);
void hyph_free(hyph *h);
/* Load the dictionary for a language ("de", "en"); the file's own charset
 * line (ISO8859-1, UTF-8) decides how words are converted. */
int hyph_add_language(hyph *h, const char *lang, const char *dic_path, diag *d);

/* The dictionary cache (hyphcache.c): hyph_add_language uses DIC.cache when
 * it belongs to DIC, else loads DIC with libhyphen. hyph_cache_build writes
 * the cache of a dictionary (`make` does, through build/hyphcache). */
int hyph_cache_build(const char *dic_path, const char *cache_path, diag *d);
/* The cache of DIC is the file DIC followed by this. */
#define HYPH_CACHE_SUFFIX ".cache"

/* Break points of one token (the text between two spaces, UTF-8, possibly
 * with punctuation, quotes, brackets, soft hyphens, digits). Languages other
 * than the loaded ones give no pattern points ("de-DE" matches "de").
 * Rules: leading/trailing punctuation stripped; at least HYPH_LEFTMIN letters
 * before and HYPH_RIGHTMIN after a break; words of fewer than HYPH_MINWORD
 * letters are not broken; no breaks in tokens with digits, in abbreviations
 * (a dot inside or at the end of a short token, all-capital tokens such as
 * "MdL" patterns: see hyph.c), in URLs or e-mail addresses; an existing '-'
 * gives an HYPH_EXPLICIT point and each part is hyphenated on its own; a token
 * with soft hyphens (U+00AD) breaks only there.
 * Writes at most max points in increasing order, returns their number. */
size_t hyph_token(const hyph *h, const char *lang, const char *tok, size_t len,
    hyph_point *out, size_t max);
/* The same without the pattern points (soft hyphens and existing hyphens
 * only): what hyph_token gives less its pattern points, without asking
 * libhyphen. */
size_t hyph_token_explicit(const hyph *h, const char *lang, const char *tok, size_t len,
    hyph_point *out, size_t max);

#endif
