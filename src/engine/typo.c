/* typo.c: spaces that must not become line breaks. The text is split into
 * words at spaces (also tabs and newlines); for every ASCII space the rules
 * below look at the word before it, the word after it and their neighbours.
 * The text itself is never changed.
 *
 * Rules (table `rules`, all languages unless marked "de"):
 *  de  abbrev  "z. B.", "u. a.", "d. h.", "o. Ä.", "i. d. R.", "e. V.": a
 *              one- or two-letter abbreviation with its dot followed by
 *              another one; chains tie throughout.
 *  de  title   after "Dr.", "Prof.", "Nr.", "Art.", "Abs.", "S.", "Hr.",
 *              "Fr.", "St." and after "§"/"§§": the following word (name or
 *              number) stays on the line.
 *  de  date    a day "18." (one or two digits and a dot, also the end of a
 *              range "16.–18.") before a month name or its abbreviation
 *              ("Oktober", "Okt."). Month and year are not tied: breaking
 *              "Oktober | 2023" is acceptable and ties in a narrow column
 *              would make loose lines.
 *  de  period  an ordinal "18." before "Wahlperiode" (any case).
 *      range   the spaces around a spaced dash between two numbers:
 *              "23. - 29.", "2022 – 2023".
 *      dash    before a dash standing between words ("Westfalen - Ungarn",
 *              "und – wo"): no line begins with a dash; it may end one.
 *      percent before "%" and "‰".
 * Not tied, by decision: "Frau Blask MdL" (names are markup), a number and
 * "Jahre"/"Prozent"/"Euro", "Herrn Name". */
#include "engine_int.h"
#include "base/base.h"

#include <string.h>

typedef struct word {
	const char *p;
	size_t n;
} word;

static int
is_digit(char c)
{
	return utf8_is_digit((unsigned char)c);
}

static int
starts(word w, const char *s)
{
	size_t n = strlen(s);
	return w.n >= n && memcmp(w.p, s, n) == 0;
}

static int
eq(word w, const char *s)
{
	return w.n == strlen(s) && memcmp(w.p, s, w.n) == 0;
}

/* ASCII case-insensitive; bytes >= 0x80 must match exactly. */
static int
eq_nocase(word w, const char *s)
{
	if (w.n != strlen(s))
		return 0;
	for (size_t i = 0; i < w.n; i++) {
		unsigned char a = (unsigned char)w.p[i], b = (unsigned char)s[i];
		if (a >= 'A' && a <= 'Z') a = (unsigned char)(a - 'A' + 'a');
		if (b >= 'A' && b <= 'Z') b = (unsigned char)(b - 'A' + 'a');
		if (a != b)
			return 0;
	}
	return 1;
}

static int
is_alnum_ascii(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c);
}

/* Opening brackets and quotes before a word: ( [ „ “ ‚ ‘ " ' » « */
static word
strip_open(word w)
{
	static const char *const open[] = { "(", "[", "\"", "'", "\xE2\x80\x9E", "\xE2\x80\x9C",
		"\xE2\x80\x9A", "\xE2\x80\x98", "\xC2\xBB", "\xC2\xAB" };
	if (w.n && is_alnum_ascii(w.p[0]))
		return w; /* the common case: nothing to strip */
	for (int again = 1; again && w.n;) {
		again = 0;
		for (size_t i = 0; i < sizeof open / sizeof open[0]; i++) {
			size_t k = strlen(open[i]);
			if (w.n > k && memcmp(w.p, open[i], k) == 0) {
				w.p += k;
				w.n -= k;
				again = 1;
			}
		}
	}
	return w;
}

/* Closing brackets, quotes and punctuation other than the dot after a word. */
static word
strip_close(word w)
{
	static const char *const close[] = { ")", "]", ",", ";", ":", "!", "?", "\"", "'",
		"\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\x98", "\xE2\x80\x99", "\xC2\xBB", "\xC2\xAB", "*" };
	if (w.n && (is_alnum_ascii(w.p[w.n - 1]) || w.p[w.n - 1] == '.'))
		return w; /* the common case: nothing to strip */
	for (int again = 1; again && w.n;) {
		again = 0;
		for (size_t i = 0; i < sizeof close / sizeof close[0]; i++) {
			size_t k = strlen(close[i]);
			if (w.n > k && memcmp(w.p + w.n - k, close[i], k) == 0) {
				w.n -= k;
				again = 1;
			}
		}
	}
	return w;
}

/* A letter (utf8_is_letter) in UTF-8 at p; returns its length or 0. */
static size_t
letter(const char *p, size_t n)
{
	uint32_t c;
	size_t k = utf8_decode((const unsigned char *)p, n, &c);
	if (k == 0)
		return 0;
	return utf8_is_letter(c) ? k : 0;
}

/* "z." "B." "Ä." "i.": one or two letters and a dot. */
static int
short_abbrev(word w)
{
	if (w.n < 2 || w.p[w.n - 1] != '.')
		return 0;
	size_t at = 0, letters = 0;
	while (at < w.n - 1) {
		size_t k = letter(w.p + at, w.n - 1 - at);
		if (!k)
			return 0;
		at += k;
		letters++;
	}
	return letters >= 1 && letters <= 2;
}

/* Digits and a dot: "18.", "02."; digits from..to. */
static int
ordinal(word w, size_t mindigits, size_t maxdigits)
{
	if (w.n < 2 || w.p[w.n - 1] != '.' || w.n - 1 < mindigits || w.n - 1 > maxdigits)
		return 0;
	for (size_t i = 0; i + 1 < w.n; i++)
		if (!is_digit(w.p[i]))
			return 0;
	return 1;
}

/* The last element of a range "16.–18." or "16.-18.": after the last dash. */
static word
range_end(word w)
{
	for (size_t i = w.n; i > 0; i--) {
		if (w.p[i - 1] == '-') {
			w.p += i;
			w.n -= i;
			break;
		}
		if (i >= 3 && memcmp(w.p + i - 3, "\xE2\x80\x93", 3) == 0) {
			w.p += i;
			w.n -= i;
			break;
		}
	}
	return w;
}

/* A number: digits with optional inner '.' or ',' and an optional final dot. */
static int
number(word w)
{
	if (w.n == 0 || !is_digit(w.p[0]))
		return 0;
	for (size_t i = 0; i < w.n; i++)
		if (!is_digit(w.p[i]) && w.p[i] != '.' && w.p[i] != ',')
			return 0;
	return 1;
}

static int
dash(word w)
{
	if (w.n == 1)
		return w.p[0] == '-';
	return w.n == 3 && (eq(w, "\xE2\x80\x93") || eq(w, "\xE2\x80\x94"));
}

static int
month(word w)
{
	static const char *const names[] = { "Januar", "Jänner", "Februar", "März", "MÄRZ",
		"April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November",
		"Dezember", "Jan.", "Feb.", "Febr.", "Mär.", "Mrz.", "Apr.", "Jun.", "Jul.",
		"Aug.", "Sep.", "Sept.", "Okt.", "Nov.", "Dez." };
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
			if (eq_nocase(w, names[i]))
				return 1;
		if (w.n && w.p[w.n - 1] == '.')
			w.n--; /* "… am 3. November." */
		else
			break;
	}
	return 0;
}

/* The words around one space: before2 before | after after2. Empty words
 * (n == 0) where there is none. */
typedef struct ctx {
	word before2, before, after, after2;
} ctx;

static int
rule_abbrev(const ctx *c)
{
	return short_abbrev(strip_open(c->before)) && short_abbrev(strip_close(c->after));
}

static int
rule_title(const ctx *c)
{
	static const char *const titles[] = { "Dr.", "Prof.", "Nr.", "Art.", "Abs.", "S.", "Hr.",
		"Fr.", "St.", "\xC2\xA7", "\xC2\xA7\xC2\xA7" };
	word b = strip_open(c->before);
	if (c->after.n == 0 || b.n == 0 || b.n > 5)
		return 0;
	/* every title ends in a dot or is a section sign: most words are no title */
	if (b.p[b.n - 1] != '.' && (unsigned char)b.p[0] != 0xC2)
		return 0;
	for (size_t i = 0; i < sizeof titles / sizeof titles[0]; i++)
		if (eq(b, titles[i]))
			return 1;
	return 0;
}

static int
rule_date(const ctx *c)
{
	return ordinal(range_end(strip_open(c->before)), 1, 2) && month(strip_close(c->after));
}

static int
rule_period(const ctx *c)
{
	word a = strip_close(c->after);
	if (a.n && a.p[a.n - 1] == '.')
		a.n--;
	return ordinal(strip_open(c->before), 1, 3) && eq_nocase(a, "Wahlperiode");
}

static int
rule_range(const ctx *c)
{
	word b = strip_open(c->before), a = strip_close(c->after);
	if (number(b) && dash(a) && number(strip_close(c->after2)))
		return 1;
	return dash(b) && number(strip_open(c->before2)) && number(a);
}

/* A dash standing between words as punctuation ("Westfalen - Ungarn",
 * "gelebt und – wo"): no line begins with it, so the space before it
 * stays; the line may break after it. */
static int
rule_dash(const ctx *c)
{
	return dash(c->after) && c->after2.n > 0;
}

static int
rule_percent(const ctx *c)
{
	return c->before.n && (starts(c->after, "%") || starts(c->after, "\xE2\x80\xB0"));
}

static const struct rule {
	int german_only;
	int (*applies)(const ctx *c);
} rules[] = {
	{ 1, rule_abbrev },  /* z. B., u. a., i. d. R. */
	{ 1, rule_title },   /* Dr. Name, Nr. 5, Art. 3, § 5 */
	{ 1, rule_date },    /* 18. Oktober, 16.–18. April */
	{ 1, rule_period },  /* 18. Wahlperiode */
	{ 0, rule_range },   /* 23. - 29., 2022 – 2023 */
	{ 0, rule_dash },    /* word | – word: no line starts with a dash */
	{ 0, rule_percent }, /* 5 % */
};

/* The word ending at end (exclusive), or starting at start. */
static word
word_before(const char *text, size_t end)
{
	size_t b = end;
	while (b > 0 && !utf8_is_space((unsigned char)text[b - 1]))
		b--;
	return (word){ text + b, end - b };
}

static word
word_after(const char *text, size_t len, size_t start)
{
	size_t e = start;
	while (e < len && !utf8_is_space((unsigned char)text[e]))
		e++;
	return (word){ text + start, e - start };
}

void
typo_ties(const char *text, size_t len, const char *lang, unsigned char *tie)
{
	memset(tie, 0, len);
	int german = lang && (lang[0] == 'd' || lang[0] == 'D') && (lang[1] == 'e' || lang[1] == 'E') &&
	    (lang[2] == '\0' || lang[2] == '-' || lang[2] == '_');
	for (size_t i = 0; i < len; i++) {
		if (text[i] != ' ')
			continue;
		ctx c;
		c.before = word_before(text, i);
		c.after = word_after(text, len, i + 1);
		if (c.before.n == 0 || c.after.n == 0)
			continue;
		size_t b2 = (size_t)(c.before.p - text);
		c.before2 = b2 > 0 ? word_before(text, b2 - 1) : (word){ text, 0 };
		size_t a2 = (size_t)(c.after.p - text) + c.after.n;
		c.after2 = a2 < len ? word_after(text, len, a2 + 1) : (word){ text + len, 0 };
		for (size_t r = 0; r < sizeof rules / sizeof rules[0]; r++) {
			if (rules[r].german_only && !german)
				continue;
			if (rules[r].applies(&c)) {
				tie[i] = 1;
				break;
			}
		}
	}
}
