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
 * No global state. The pattern points of each word are kept (a small hash
 * map per hyph, keyed by language and word, see hyph_memo): a document's
 * words repeat, and `run` and a batch set the same paragraphs again, while
 * libhyphen's walk costs about 1000 instructions a word. The map stops
 * growing at MEMO_MAX words or MEMO_BYTES bytes of words, so memory stays
 * bounded whatever the input; a word not kept is hyphenated again. Beyond
 * that, hyph_token allocates nothing itself (libhyphen may, for the
 * rep/pos/cut arrays, which are freed at once). */
#include "engine.h"
#include "hyph_int.h"
#include "base/base.h"

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

/* A word's pattern points: bit i of mask set for a break after letter i. */
typedef struct memo_entry {
	uint64_t mask;
	uint32_t hash;
	uint32_t off;  /* the word's bytes in hyph_memo.bytes */
	uint16_t len;  /* 0: a free slot (a word has at least HYPH_MINWORD letters) */
	uint8_t lang;  /* index in hyph.lang */
} memo_entry;

enum { MEMO_MAX = 1 << 15, MEMO_BYTES = 1 << 20 };

typedef struct hyph_memo {
	memo_entry *slot;
	size_t cap, n;    /* cap: a power of two, at least twice n */
	char *bytes;
	size_t nbytes, bytes_cap;
} hyph_memo;

struct hyph {
	hyph_lang lang[HYPH_MAXLANG];
	size_t n;
	hyph_memo *memo;  /* changes under a const hyph: hyph_token remembers */
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
	hyph *h = xcalloc(1, sizeof(hyph));
	h->memo = xcalloc(1, sizeof *h->memo);
	return h;
}

static void
memo_clear(hyph_memo *m)
{
	free(m->slot);
	free(m->bytes);
	memset(m, 0, sizeof *m);
}

void
hyph_free(hyph *h)
{
	if (!h)
		return;
	for (size_t i = 0; i < h->n; i++)
		lang_release(&h->lang[i]);
	memo_clear(h->memo);
	free(h->memo);
	free(h);
}

static uint32_t
memo_hash(size_t lang, const char *w, size_t len)
{
	uint32_t x = 2166136261u ^ (uint32_t)lang; /* FNV-1a */
	for (size_t i = 0; i < len; i++)
		x = (x ^ (unsigned char)w[i]) * 16777619u;
	return x;
}

/* The slot of the word, or the free slot where it would go (cap > 0). */
/* The first free slot from the hash's (rehashing: no word compared). */
static memo_entry *
memo_free_slot(const hyph_memo *m, uint32_t hash)
{
	size_t i = hash & (m->cap - 1);
	while (m->slot[i].len)
		i = (i + 1) & (m->cap - 1);
	return &m->slot[i];
}

static memo_entry *
memo_slot(const hyph_memo *m, uint32_t hash, size_t lang, const char *w, size_t len)
{
	for (size_t i = hash & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
		memo_entry *e = &m->slot[i];
		if (e->len == 0 || (e->hash == hash && e->lang == lang && e->len == len &&
		    memcmp(m->bytes + e->off, w, len) == 0))
			return e;
	}
}

static bool
memo_find(const hyph_memo *m, size_t lang, const char *w, size_t len, uint64_t *mask)
{
	if (m->n == 0)
		return false;
	const memo_entry *e = memo_slot(m, memo_hash(lang, w, len), lang, w, len);
	if (e->len == 0)
		return false;
	*mask = e->mask;
	return true;
}

static void
memo_add(hyph_memo *m, size_t lang, const char *w, size_t len, uint64_t mask)
{
	if (m->n >= MEMO_MAX || m->nbytes + len > MEMO_BYTES)
		return;
	if (2 * (m->n + 1) > m->cap) {
		hyph_memo g = *m;
		g.cap = m->cap ? 2 * m->cap : 256;
		g.slot = xcalloc(g.cap, sizeof *g.slot);
		for (size_t i = 0; i < m->cap; i++)
			if (m->slot[i].len)
				*memo_free_slot(&g, m->slot[i].hash) = m->slot[i];
		free(m->slot);
		*m = g;
	}
	uint32_t hash = memo_hash(lang, w, len);
	memo_entry *e = memo_slot(m, hash, lang, w, len);
	m->bytes = xgrow(m->bytes, &m->bytes_cap, m->nbytes + len, 1);
	memcpy(m->bytes + m->nbytes, w, len);
	*e = (memo_entry){ .mask = mask, .hash = hash, .off = (uint32_t)m->nbytes,
		.len = (uint16_t)len, .lang = (uint8_t)lang };
	m->nbytes += len;
	m->n++;
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
	/* libhyphen says nothing useful when the file is missing, and would
	 * wait for ever on a FIFO: look first. */
	if (!file_check(dic_path, d))
		return -1;
	hyph_cache_map cache = { 0 };
	size_t cl = strlen(dic_path) + sizeof HYPH_CACHE_SUFFIX;
	char *cache_path = xmalloc(cl);
	snprintf(cache_path, cl, "%s" HYPH_CACHE_SUFFIX, dic_path);
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
	memo_clear(h->memo); /* its words were hyphenated with the old dictionaries */
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
	if (c >= 0x100 && c <= 0x17F && utf8_is_upper(c))
		return c == 0x178 ? 0xFF : c + 1;
	return c;
}

/* The pattern points of a word of `letters` letters, in the dictionary's
 * charset (wl bytes, cpat[k]: the letter byte k belongs to), as a mask of
 * the letters they follow; libhyphen asked. */
static uint64_t
word_points(const hyph_lang *L, char *word, size_t wl, const unsigned char *cpat, size_t letters)
{
	uint64_t mask = 0;
	char hy[HYPH_MAXLETTERS * 4 + 5];
	char **rep = NULL;
	int *pos = NULL, *cut = NULL;
	if (hnj_hyphen_hyphenate2(L->dict, word, (int)wl, hy, NULL, &rep, &pos, &cut) == 0) {
		for (size_t k = 0; k < wl; k++) {
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
			mask |= (uint64_t)1 << before;
		}
	}
	if (rep) {
		for (size_t k = 0; k < wl; k++)
			free(rep[k]);
		free(rep);
	}
	free(pos);
	free(cut);
	return mask;
}

/* A part of the core: code points [b, e). Appends its pattern points. */
static size_t
pattern_points(const hyph *h, const hyph_lang *L, const uint32_t *cps, const uint32_t *offs,
    size_t b, size_t e, hyph_point *out, size_t n, size_t max)
{
	size_t letters = e - b;
	if (letters < HYPH_MINWORD || letters > HYPH_MAXLETTERS)
		return n;
	size_t upper = 0, run = 0, maxrun = 0;
	for (size_t i = b; i < e; i++) {
		if (!utf8_is_letter(cps[i]))
			return n;
		if (utf8_is_upper(cps[i])) {
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

	size_t lang = (size_t)(L - h->lang);
	uint64_t mask;
	if (!memo_find(h->memo, lang, word, wl, &mask)) {
		mask = word_points(L, word, wl, cpat, letters);
		memo_add(h->memo, lang, word, wl, mask);
	}
	for (size_t before = 1; before < letters && n < max; before++)
		if (mask & (uint64_t)1 << before) {
			out[n].offset = offs[b + before];
			out[n].kind = HYPH_ADD;
			n++;
		}
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
	while (b < e && !utf8_is_letter(cps[b]) && !utf8_is_digit(cps[b]))
		b++;
	while (e > b && !utf8_is_letter(cps[e - 1]) && !utf8_is_digit(cps[e - 1]))
		e--;
	if (b == e)
		return 0;
	int final_dot = e < ncp && cps[e] == '.';

	size_t letters = 0, lowerc = 0;
	int digit = 0, dot = 0, soft = 0;
	for (size_t i = b; i < e; i++) {
		uint32_t c = cps[i];
		if (utf8_is_letter(c)) {
			letters++;
			lowerc += utf8_is_lower(c) != 0;
		}
		digit |= utf8_is_digit(c);
		dot |= c == '.';
		soft |= c == 0xAD;
	}
	const hyph_lang *L = with_patterns ? find_lang(h, lang) : NULL;
	int patterns = L && !digit && !dot && !soft &&
	    !(final_dot && (letters <= 4 || lowerc == 0));

	size_t n = 0, before = 0, part = b;
	for (size_t i = b; i < e && n < max; i++) {
		uint32_t c = cps[i];
		if (utf8_is_letter(c))
			before++;
		if (c == 0xAD) {
			if (i > b && i + 1 < e && utf8_is_letter(cps[i - 1]) && utf8_is_letter(cps[i + 1])) {
				out[n].offset = offs[i + 1];
				out[n].kind = HYPH_ADD;
				n++;
			}
			continue;
		}
		if (!is_hyphen(c) && c != '/')
			continue;
		if (patterns)
			n = pattern_points(h, L, cps, offs, part, i, out, n, max);
		part = i + 1;
		if (n == max)
			break;
		int digits_around = i > b && i + 1 < e && utf8_is_digit(cps[i - 1]) && utf8_is_digit(cps[i + 1]);
		if (!digits_around && before >= HYPH_LEFTMIN && letters - before >= HYPH_RIGHTMIN &&
		    i + 1 < e && !is_hyphen(cps[i + 1]) && cps[i + 1] != '/') {
			out[n].offset = offs[i + 1];
			out[n].kind = HYPH_EXPLICIT;
			n++;
		}
	}
	if (patterns && n < max)
		n = pattern_points(h, L, cps, offs, part, e, out, n, max);
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
