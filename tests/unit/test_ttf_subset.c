/* test_ttf_subset.c: a subset font draws its codes with the glyphs, ids and
 * widths of the whole font (font.c reads both), maps nothing else, and the
 * subset of every code maps exactly as the whole font does. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "file.h"
#include "font.h"
#include "ttf_subset.h"
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
	for (size_t i = 0; a && b && i < nc; i++) {
		uint16_t g = font_glyph(a, codes[i]);
		EXPECTF(font_glyph(b, codes[i]) == g, "U+%04X", codes[i]);
		EXPECT(ttf_glyph_of(sub, len, codes[i]) == g);
		EXPECT(ttf_glyph_of(file, n, codes[i]) == g);
		EXPECTF(font_advance(b, g) == font_advance(a, g), "U+%04X", codes[i]);
	}
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
	for (unsigned u = 0; sub && u < 0xFFFF; u++)
		bad += ttf_glyph_of(sub, len, (uint16_t)u) != ttf_glyph_of(file, n, (uint16_t)u);
	EXPECTF(bad == 0, "%u codes map differently", bad);
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
