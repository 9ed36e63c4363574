/* hyph.c: break points of a token: soft hyphens, existing hyphens and the
 * pattern points libhyphen finds, with the rules of hyph.h.
 *
 * Decisions (the rules are applied in this order):
 * - A token containing "://", "www." or '@' (URL, e-mail) gets no points.
 * - Leading and trailing characters that are neither letters nor digits
 *   (quotes „“"'‚‘, brackets, punctuation, dashes) are stripped; the rest is
 *   the core. Invalid UTF-8 gives no points.
 * - Existing hyphens ('-', U+2010, and the en dash U+2013) inside the core
 *   give HYPH_EXPLICIT points after them, when the core has at least
 *   HYPH_LEFTMIN letters before and HYPH_RIGHTMIN letters after the break
 *   and the hyphen does not stand between two digits ("16.–18.", "2022-2023"
 *   never break; "10-jährige" does not break either: only digits before).
 *   A slash between words ("Benelux/Nordrhein-Westfalen", "DGB/VHS") is a
 *   break point of the same kind under the same conditions.
 * - Soft hyphens (U+00AD) in the core: HYPH_ADD points after each of them
 *   (with at least one letter on either side), and no pattern points at all:
 *   the author decided. Explicit hyphens still count.
 * - Pattern points (HYPH_ADD) are computed per part between hyphens, only
 *   when the language has a dictionary and the core has no digit, no dot
 *   inside ("u.a.", "KI.NRW"), is not a short (<= 4 letters) or all-capital
 *   word before a final dot ("bzw.", "NRW."), and only for parts that consist
 *   of letters alone, are not acronyms (two or more capitals and no run of 4
 *   lowercase letters: "MdL", "NRWs", "MERICS"), have HYPH_MINWORD to
 *   HYPH_MAXLETTERS letters (longer parts: no pattern points, which also
 *   bounds pathological input) and can be written in the dictionary's
 *   charset. Breaks keep HYPH_LEFTMIN letters before and HYPH_RIGHTMIN after
 *   within the part. Non-standard points (libhyphen's rep/pos/cut, the old
 *   "Schiff-fahrt" spelling changes) are not used.
 * No global state; hyph_token allocates nothing itself (libhyphen may, for
 * the rep/pos/cut arrays, which are freed at once). */
#include "hyph.h"
#include "hyphcache.h"
#include "utf8.h"

#include <errno.h>
#include <stdbool.h>
#include <hyphen.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum {
	HYPH_MAXLANG = 8,
	HYPH_MAXCPS = 256,     /* longer tokens get no points at all */
	HYPH_MAXLETTERS = 63   /* longer parts get no pattern points */
};

typedef struct hyph_lang {
	char key[8];           /* primary subtag, lowercase: "de", "en" */
	HyphenDict *dict;
	hyph_cache_map cache;  /* the mapping dict lives in when it comes from a cache */
	int utf8;              /* else ISO-8859-1 */
} hyph_lang;

struct hyph {
	hyph_lang lang[HYPH_MAXLANG];
	size_t n;
};

static void
lang_release(hyph_lang *l)
{
	if (l->cache.p)
		hyph_cache_unmap(&l->cache);
	else
		hnj_hyphen_free(l->dict);
	l->dict = NULL;
}

hyph *
hyph_new(void)
{
	return xcalloc(1, sizeof(hyph));
}

void
hyph_free(hyph *h)
{
	if (!h)
		return;
	for (size_t i = 0; i < h->n; i++)
		lang_release(&h->lang[i]);
	free(h);
}

/* The primary subtag of a language tag, lowercased, into key[8]; false if none. */
static bool
lang_key(const char *lang, char key[8])
{
	size_t i = 0;
	if (!lang)
		return false;
	for (; lang[i] && lang[i] != '-' && lang[i] != '_'; i++) {
		char c = lang[i];
		if (i >= 7)
			return false;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c < 'a' || c > 'z')
			return false;
		key[i] = c;
	}
	key[i] = '\0';
	return i > 0;
}

int
hyph_add_language(hyph *h, const char *lang, const char *dic_path, diag *d)
{
	char key[8];
	if (!lang_key(lang, key)) {
		MSG(HYPH_LANG_TAG, d, dic_path, 0, 0, lang ? lang : "");
		return -1;
	}
	if (h->n == HYPH_MAXLANG) {
		MSG(HYPH_TOO_MANY, d, dic_path, 0, 0, HYPH_MAXLANG);
		return -1;
	}
	/* libhyphen says nothing useful when the file is missing: look first. */
	FILE *fp = fopen(dic_path, "r");
	if (!fp) {
		MSG(CANNOT_OPEN, d, dic_path, 0, 0, strerror(errno));
		return -1;
	}
	fclose(fp);
	hyph_cache_map cache = { 0 };
	size_t cl = strlen(dic_path) + sizeof ".cache";
	char *cache_path = xmalloc(cl);
	snprintf(cache_path, cl, "%s.cache", dic_path);
	HyphenDict *dict = hyph_cache_load(cache_path, dic_path, &cache);
	free(cache_path);
	if (!dict)
		dict = hnj_hyphen_load(dic_path);
	if (!dict) {
		MSG(HYPH_BROKEN, d, dic_path, 0, 0);
		return -1;
	}
	int utf8 = dict->utf8 != 0;
	if (!utf8 && strcasecmp(dict->cset, "ISO8859-1") != 0 &&
	    strcasecmp(dict->cset, "ISO-8859-1") != 0) {
		MSG(HYPH_CHARSET, d, dic_path, 0, 0, dict->cset);
		hyph_lang tmp = { .dict = dict, .cache = cache };
		lang_release(&tmp);
		return -1;
	}
	hyph_lang *l = NULL;
	for (size_t i = 0; i < h->n && !l; i++)
		if (strcmp(h->lang[i].key, key) == 0) /* replace */
			l = &h->lang[i];
	if (l)
		lang_release(l);
	else
		l = &h->lang[h->n++];
	memcpy(l->key, key, sizeof l->key);
	l->dict = dict;
	l->cache = cache;
	l->utf8 = utf8;
	return 0;
}

static const hyph_lang *
find_lang(const hyph *h, const char *lang)
{
	char key[8];
	if (!h || !lang_key(lang, key))
		return NULL;
	for (size_t i = 0; i < h->n; i++)
		if (strcmp(h->lang[i].key, key) == 0)
			return &h->lang[i];
	return NULL;
}

static bool
is_upper(uint32_t c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7) ||
	    (c >= 0x100 && c <= 0x137 && c % 2 == 0) ||
	    (c >= 0x139 && c <= 0x148 && c % 2 == 1) ||
	    (c >= 0x14A && c <= 0x177 && c % 2 == 0) || c == 0x178 ||
	    (c >= 0x179 && c <= 0x17E && c % 2 == 1);
}

static bool
is_letter(uint32_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) ||
	    (c >= 0x370 && c <= 0x3FF && c != 0x37E && c != 0x387) ||
	    (c >= 0x400 && c <= 0x52F) || (c >= 0x1E00 && c <= 0x1EFF);
}

static bool
is_lower(uint32_t c)
{
	return is_letter(c) && !is_upper(c);
}

static bool
is_digit(uint32_t c)
{
	return c >= '0' && c <= '9';
}

static bool
is_hyphen(uint32_t c)
{
	return c == '-' || c == 0x2010 || c == 0x2013;
}

/* Latin-1 and ASCII lowercase; other code points unchanged. */
static uint32_t
lower(uint32_t c)
{
	if ((c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7))
		return c + 0x20;
	if (c >= 0x100 && c <= 0x17F && is_upper(c))
		return c == 0x178 ? 0xFF : c + 1;
	return c;
}

/* A part of the core: code points [b, e). Appends its pattern points. */
static size_t
pattern_points(const hyph_lang *L, const uint32_t *cps, const uint32_t *offs,
    size_t b, size_t e, hyph_point *out, size_t n, size_t max)
{
	size_t letters = e - b;
	if (letters < HYPH_MINWORD || letters > HYPH_MAXLETTERS)
		return n;
	size_t upper = 0, run = 0, maxrun = 0;
	for (size_t i = b; i < e; i++) {
		if (!is_letter(cps[i]))
			return n;
		if (is_upper(cps[i])) {
			upper++;
			run = 0;
		} else if (++run > maxrun) {
			maxrun = run;
		}
	}
	if (upper >= 2 && maxrun < 4)
		return n; /* acronym: MdL, NRWs, MERICS */

	/* the word in the dictionary's charset, lowercase; cpat[k]: the code
	 * point index of byte k */
	char word[HYPH_MAXLETTERS * 4 + 1];
	unsigned char cpat[HYPH_MAXLETTERS * 4];
	size_t wl = 0;
	for (size_t i = b; i < e; i++) {
		uint32_t c = lower(cps[i]);
		size_t k;
		if (L->utf8) {
			k = utf8_encode(c, word + wl);
			if (k == 0)
				return n;
		} else {
			if (c > 0xFF)
				return n; /* not in ISO-8859-1 */
			word[wl] = (char)(unsigned char)c;
			k = 1;
		}
		for (size_t j = 0; j < k; j++)
			cpat[wl + j] = (unsigned char)(i - b);
		wl += k;
	}
	word[wl] = '\0';

	char hy[HYPH_MAXLETTERS * 4 + 5];
	char **rep = NULL;
	int *pos = NULL, *cut = NULL;
	if (hnj_hyphen_hyphenate2(L->dict, word, (int)wl, hy, NULL, &rep, &pos, &cut) == 0) {
		for (size_t k = 0; k < wl && n < max; k++) {
			if (!(hy[k] & 1))
				continue;
			/* break after byte k: only at the end of a character */
			if (k + 1 < wl && cpat[k + 1] == cpat[k])
				continue;
			if (rep && rep[k])
				continue; /* non-standard hyphenation */
			size_t before = (size_t)cpat[k] + 1, after = letters - before;
			if (before < HYPH_LEFTMIN || after < HYPH_RIGHTMIN)
				continue;
			out[n].offset = offs[b + before];
			out[n].kind = HYPH_ADD;
			n++;
		}
	}
	if (rep) {
		for (size_t k = 0; k < wl; k++)
			free(rep[k]);
		free(rep);
	}
	free(pos);
	free(cut);
	return n;
}

static bool
contains(const char *tok, size_t len, const char *s)
{
	size_t m = strlen(s);
	for (size_t i = 0; i + m <= len; i++)
		if (memcmp(tok + i, s, m) == 0)
			return true;
	return false;
}

/* hyph_token, with or without the pattern points. */
static size_t
token_points(const hyph *h, const char *lang, const char *tok, size_t len,
    hyph_point *out, size_t max, bool with_patterns)
{
	if (!tok || max == 0 || contains(tok, len, "://") || contains(tok, len, "www.") ||
	    memchr(tok, '@', len))
		return 0;

	/* decode; offs[i]: byte offset of code point i, offs[ncp] = len */
	uint32_t cps[HYPH_MAXCPS], offs[HYPH_MAXCPS + 1];
	size_t ncp = 0;
	const unsigned char *s = (const unsigned char *)tok;
	for (size_t at = 0; at < len;) {
		if (ncp == HYPH_MAXCPS)
			return 0;
		size_t k = utf8_decode(s + at, len - at, &cps[ncp]);
		if (k == 0)
			return 0;
		offs[ncp++] = (uint32_t)at;
		at += k;
	}
	offs[ncp] = (uint32_t)len;

	size_t b = 0, e = ncp;
	while (b < e && !is_letter(cps[b]) && !is_digit(cps[b]))
		b++;
	while (e > b && !is_letter(cps[e - 1]) && !is_digit(cps[e - 1]))
		e--;
	if (b == e)
		return 0;
	int final_dot = e < ncp && cps[e] == '.';

	size_t letters = 0, lowerc = 0;
	int digit = 0, dot = 0, soft = 0;
	for (size_t i = b; i < e; i++) {
		uint32_t c = cps[i];
		if (is_letter(c)) {
			letters++;
			lowerc += is_lower(c) != 0;
		}
		digit |= is_digit(c);
		dot |= c == '.';
		soft |= c == 0xAD;
	}
	const hyph_lang *L = with_patterns ? find_lang(h, lang) : NULL;
	int patterns = L && !digit && !dot && !soft &&
	    !(final_dot && (letters <= 4 || lowerc == 0));

	size_t n = 0, before = 0, part = b;
	for (size_t i = b; i < e && n < max; i++) {
		uint32_t c = cps[i];
		if (is_letter(c))
			before++;
		if (c == 0xAD) {
			if (i > b && i + 1 < e && is_letter(cps[i - 1]) && is_letter(cps[i + 1])) {
				out[n].offset = offs[i + 1];
				out[n].kind = HYPH_ADD;
				n++;
			}
			continue;
		}
		if (!is_hyphen(c) && c != '/')
			continue;
		if (patterns)
			n = pattern_points(L, cps, offs, part, i, out, n, max);
		part = i + 1;
		if (n == max)
			break;
		int digits_around = i > b && i + 1 < e && is_digit(cps[i - 1]) && is_digit(cps[i + 1]);
		if (!digits_around && before >= HYPH_LEFTMIN && letters - before >= HYPH_RIGHTMIN &&
		    i + 1 < e && !is_hyphen(cps[i + 1]) && cps[i + 1] != '/') {
			out[n].offset = offs[i + 1];
			out[n].kind = HYPH_EXPLICIT;
			n++;
		}
	}
	if (patterns && n < max)
		n = pattern_points(L, cps, offs, part, e, out, n, max);
	return n;
}

size_t
hyph_token(const hyph *h, const char *lang, const char *tok, size_t len,
    hyph_point *out, size_t max)
{
	return token_points(h, lang, tok, len, out, max, true);
}

size_t
hyph_token_explicit(const hyph *h, const char *lang, const char *tok, size_t len,
    hyph_point *out, size_t max)
{
	return token_points(h, lang, tok, len, out, max, false);
}

/* libhyphen 2.8 leaks about 900 bytes while loading hyph_de_DE.dic (inside
 * hnj_hyphen_load; hnj_hyphen_free cannot reach them). LeakSanitizer must not
 * fail the sanitizer builds for that: this hook, which LSan looks up, ignores
 * leaks allocated inside libhyphen. Compiled only with -fsanitize=address. */
#if defined(__SANITIZE_ADDRESS__)
const char *__lsan_default_suppressions(void);
const char *__lsan_default_options(void);
const char *
__lsan_default_suppressions(void)
{
	return "leak:libhyphen.so\n";
}
const char *
__lsan_default_options(void)
{
	return "print_suppressions=0";
}
#endif
