/* ttf_subset.h: a TrueType font cut down to the characters a document
 * draws, for embedding. Independent of libharu: bytes in, bytes out. */
#ifndef VORLAGE_TTF_SUBSET_H
#define VORLAGE_TTF_SUBSET_H

#include <stddef.h>
#include <stdint.h>

/* The glyph the font's Windows Unicode BMP map (platform 3, encoding 1,
 * format 4: the one libharu reads) gives code, found the way libharu 2.3.0's
 * HPDF_TTFontDef_GetGlyphid finds it; 0 when the code is unmapped, the font
 * has no such map or it is damaged. */
uint16_t ttf_glyph_of(const unsigned char *font, size_t n, uint16_t code);

/* A TrueType font that draws the ncodes code points of codes (sorted,
 * distinct) exactly as font does: the same outlines and advance widths,
 * only the glyphs needed, numbered anew in the font's order (.notdef 0),
 * head, hhea, maxp and OS/2 as they are but for the glyph count, name with
 * the records of ids 0 to 6 only, a cmap (3/1 format 4) of those codes
 * only, post without glyph names, and no
 * hinting (no cvt, fpgm or prep, no instructions in the glyphs: renderers
 * that do not hint draw the same pixels). The glyphs of composite glyphs'
 * components are kept. Returns a malloc'd font and its length in *len, or
 * NULL with *why set when font is not a TrueType font this can cut. */
unsigned char *ttf_subset(const unsigned char *font, size_t n, const uint16_t *codes, size_t ncodes,
    size_t *len, const char **why);

#endif
