/* test_ttf_subset.c: a subset font draws its codes with the outlines and
 * widths of the whole font (font.c reads both), numbers only the glyphs it
 * keeps, maps nothing else, and the subset of every code maps a code to a
 * glyph exactly when the whole font does, with the same outline and width. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "engine/engine.h"
#include "pdf/ttf_subset_int.h"
#include "unit.h"

#define FONT "fonts/LiberationSans-Regular.ttf"
#define TMP "tests/scratch/ttf_subset"

static diag d;

static unsigned char *
whole(size_t *n)
{
	return (unsigned char *)file_read(FONT, "font", 32u << 20, n, &d);
}

/* The subset written to a file and read back by font.c. */
static ts_font *
as_font(const unsigned char *p, size_t n, const char *name)
{
	char path[256];
	snprintf(path, sizeof path, TMP "/%s.ttf", name);
	FILE *f = fopen(path, "wb");
	EXPECT(f && fwrite(p, 1, n, f) == n && fclose(f) == 0);
	return font_load(path, &d);
}

/* Glyph g's outline in font p (loca long or short); n 0 when empty. */
static sfnt_span
outline(const unsigned char *p, size_t n, unsigned g)
{
	sfnt_span f = { p, n }, head, loca, glyf;
	sfnt_span none = { NULL, 0 };
	if (!sfnt_table(f, "head", &head) || !sfnt_table(f, "loca", &loca)
	    || !sfnt_table(f, "glyf", &glyf) || head.n < 54)
		return none;
	bool lng = sfnt_u16(head.p + 50) == 1;
	size_t a, b;
	if (lng) {
		if (!sfnt_fits(loca, 4 * (size_t)g, 8))
			return none;
		a = sfnt_u32(loca.p + 4 * (size_t)g);
		b = sfnt_u32(loca.p + 4 * (size_t)g + 4);
	} else {
		if (!sfnt_fits(loca, 2 * (size_t)g, 4))
			return none;
		a = 2 * (size_t)sfnt_u16(loca.p + 2 * (size_t)g);
		b = 2 * (size_t)sfnt_u16(loca.p + 2 * (size_t)g + 2);
	}
	if (a >= b || b > glyf.n)
		return none;
	return (sfnt_span){ glyf.p + a, b - a };
}

/* The same glyph: contours and bounding box (the subset drops only the
 * instructions; a composite's components are compared one level down by
 * the caller's codes). */
static bool
same_outline(const unsigned char *x, size_t nx, unsigned gx, const unsigned char *y, size_t ny,
    unsigned gy)
{
	sfnt_span a = outline(x, nx, gx), b = outline(y, ny, gy);
	if (a.n < 10 || b.n < 10)
		return a.n < 10 && b.n < 10;
	return memcmp(a.p, b.p, 10) == 0;
}

static void
test_subset_codes(void)
{
	size_t n, len = 0;
	unsigned char *file = whole(&n);
	EXPECT(file != NULL);
	/* Latin, Polish, Czech, Greek, Cyrillic, a composite (Ǻ), an unmapped code */
	const uint16_t codes[] = { 'A', 'H', 'a', 'x', 0xE4, 0x104, 0x10D, 0x141, 0x159, 0x1FA,
		0x3A9, 0x3B1, 0x416, 0x44F, 0x20AC, 0xE000 };
	size_t nc = sizeof codes / sizeof codes[0];
	const char *why = NULL;
	unsigned char *sub = ttf_subset(file, n, codes, nc, &len, &why);
	EXPECTF(sub != NULL, "%s", why ? why : "");
	EXPECTF(len < n / 10, "%zu bytes of %zu", len, n);
	ts_font *a = font_load(FONT, &d), *b = sub ? as_font(sub, len, "few") : NULL;
	EXPECT(a && b);
	unsigned top = 0;
	for (size_t i = 0; a && b && i < nc; i++) {
		uint16_t g = font_glyph(a, codes[i]), h = font_glyph(b, codes[i]);
		EXPECTF((g == 0) == (h == 0), "U+%04X", codes[i]);
		EXPECT(ttf_glyph_of(sub, len, codes[i]) == h);
		EXPECT(ttf_glyph_of(file, n, codes[i]) == g);
		EXPECTF(font_advance(b, h) == font_advance(a, g), "U+%04X", codes[i]);
		EXPECTF(same_outline(file, n, g, sub, len, h), "U+%04X", codes[i]);
		top = h > top ? h : top;
	}
	/* the kept glyphs numbered from 0 in the font's order, without gaps:
	 * .notdef, 15 mapped codes and the components of the composite Ǻ
	 * (the whole font numbers them up to 1000 and beyond) */
	EXPECTF(top < 24, "highest glyph %u", top);
	EXPECT(!a || font_glyph(a, 0xE000) == 0);
	/* codes not asked for map to nothing */
	EXPECT(b && font_glyph(b, 'B') == 0 && font_glyph(b, 0x3B2) == 0);
	EXPECT(a && b && font_units_per_em(a) == font_units_per_em(b) &&
	    font_ascender(a) == font_ascender(b) && font_descender(a) == font_descender(b));
	font_free(a);
	font_free(b);
	free(sub);
	free(file);
}

static void
test_subset_all(void)
{
	size_t n, len = 0;
	unsigned char *file = whole(&n);
	EXPECT(file != NULL);
	uint16_t *codes = malloc(sizeof *codes * 0xFFFF);
	for (unsigned u = 0; u < 0xFFFF; u++)
		codes[u] = (uint16_t)u;
	const char *why = NULL;
	unsigned char *sub = ttf_subset(file, n, codes, 0xFFFF, &len, &why);
	EXPECTF(sub != NULL, "%s", why ? why : "");
	unsigned bad = 0;
	ts_font *a = font_load(FONT, &d), *b = sub ? as_font(sub, len, "all") : NULL;
	EXPECT(a && b);
	for (unsigned u = 0; a && b && u < 0xFFFF; u++) {
		uint16_t g = ttf_glyph_of(file, n, (uint16_t)u), h = ttf_glyph_of(sub, len, (uint16_t)u);
		bad += (g == 0) != (h == 0) || font_advance(a, g) != font_advance(b, h)
		    || !same_outline(file, n, g, sub, len, h);
	}
	EXPECTF(bad == 0, "%u codes map differently", bad);
	font_free(a);
	font_free(b);
	free(codes);
	free(sub);
	free(file);
}

static void
test_subset_refuses(void)
{
	const char *why = NULL;
	size_t len;
	unsigned char junk[64] = { 0, 1, 0, 0 };
	uint16_t a = 'A';
	EXPECT(ttf_subset(junk, sizeof junk, &a, 1, &len, &why) == NULL && why != NULL);
	EXPECT(ttf_glyph_of(junk, sizeof junk, 'A') == 0);
}

int
main(void)
{
	diag_init(&d, "test", stderr);
	EXPECT(system("mkdir -p " TMP) == 0);
	RUN(test_subset_codes);
	RUN(test_subset_all);
	RUN(test_subset_refuses);
	UNIT_EXIT();
}
