/* test_utf8.c: the strict decoder refuses what RFC 3629 forbids. */
#include "base/base.h"
#include "unit.h"

static size_t
dec(const char *s, size_t n, uint32_t *cp)
{
	return utf8_decode((const unsigned char *)s, n, cp);
}

static void
decodes_every_length(void)
{
	uint32_t cp = 0;
	EXPECT(dec("A", 1, &cp) == 1 && cp == 'A');
	EXPECT(dec("\xC3\xA4", 2, &cp) == 2 && cp == 0xE4);
	EXPECT(dec("\xE2\x80\x93", 3, &cp) == 3 && cp == 0x2013);
	EXPECT(dec("\xF0\x9F\x98\x80", 4, &cp) == 4 && cp == 0x1F600);
}

static void
refuses_malformed(void)
{
	uint32_t cp;
	EXPECT(dec("\xC0\xAF", 2, &cp) == 0);          /* overlong '/' */
	EXPECT(dec("\xE0\x80\xAF", 3, &cp) == 0);      /* overlong */
	EXPECT(dec("\xED\xA0\x80", 3, &cp) == 0);      /* surrogate D800 */
	EXPECT(dec("\xF4\x90\x80\x80", 4, &cp) == 0);  /* above U+10FFFF */
	EXPECT(dec("\xC3", 1, &cp) == 0);              /* cut short */
	EXPECT(dec("\x80", 1, &cp) == 0);              /* lone continuation */
	EXPECT(dec("\xE2\x28\xA1", 3, &cp) == 0);      /* bad continuation */
	EXPECT(dec("", 0, &cp) == 0);
}

static void
next_replaces_and_advances_one(void)
{
	const char s[] = "a\xED\xA0\x80" "b";
	size_t i = 0, n = sizeof s - 1;
	EXPECT(utf8_next(s, n, &i) == 'a' && i == 1);
	EXPECT(utf8_next(s, n, &i) == UTF8_REPLACEMENT && i == 2);
	EXPECT(utf8_next(s, n, &i) == UTF8_REPLACEMENT && i == 3);
	EXPECT(utf8_next(s, n, &i) == UTF8_REPLACEMENT && i == 4);
	EXPECT(utf8_next(s, n, &i) == 'b' && i == 5);
}

static void
encode_round_trip(void)
{
	char b[4];
	uint32_t cp;
	for (uint32_t c = 0; c <= 0x10FFFF; c += (c < 0x3000 ? 1 : 97)) {
		size_t n = utf8_encode(c, b);
		if (c >= 0xD800 && c <= 0xDFFF) {
			EXPECT(n == 0);
			continue;
		}
		EXPECTF(n > 0 && utf8_decode((const unsigned char *)b, n, &cp) == n && cp == c, "U+%04X", (unsigned)c);
	}
	EXPECT(utf8_encode(0x110000, b) == 0);
	EXPECT(utf8_valid("Stra\xC3\x9F" "e", 7));
	EXPECT(!utf8_valid("Stra\xDF" "e", 6));
	EXPECT(utf8_is_space(' ') && utf8_is_space('\n') && !utf8_is_space(0xA0));
}

/* The one definition of the character classes (hyphenation, typography and
 * the item list all ask it). */
static void
character_classes(void)
{
	EXPECT(utf8_is_letter('a') && utf8_is_letter('Z') && utf8_is_letter(0xE4) /* ä */);
	EXPECT(utf8_is_letter(0x17E) /* ž */ && utf8_is_letter(0x3B1) /* α */ && utf8_is_letter(0x436) /* ж */);
	EXPECT(!utf8_is_letter(0xD7) && !utf8_is_letter(0xF7) /* × ÷ */ && !utf8_is_letter('1'));
	EXPECT(!utf8_is_letter(0x201C) /* “ */ && !utf8_is_letter(0x2013) /* – */ && !utf8_is_letter(' '));
	EXPECT(utf8_is_upper('A') && utf8_is_upper(0xC4) && utf8_is_upper(0x160) /* Š */);
	EXPECT(!utf8_is_upper('a') && !utf8_is_upper(0x161) /* š */ && !utf8_is_upper(0xDF) /* ß */);
	EXPECT(utf8_is_lower(0xDF) && utf8_is_lower('q') && !utf8_is_lower('Q') && !utf8_is_lower('7'));
	EXPECT(utf8_is_digit('0') && utf8_is_digit('9') && !utf8_is_digit(0x660));
}

int
main(void)
{
	RUN(decodes_every_length);
	RUN(refuses_malformed);
	RUN(next_replaces_and_advances_one);
	RUN(encode_round_trip);
	RUN(character_classes);
	UNIT_EXIT();
}
