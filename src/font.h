/* font.h: TrueType metrics read from the font file: advance widths, the
 * character map and the `kern` table's pairs. Independent of libharu. */
#ifndef VORLAGE_FONT_H
#define VORLAGE_FONT_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"

typedef struct ts_font ts_font;

/* Reads head, hhea, hmtx, maxp, OS/2, cmap (formats 4 and 12) and kern
 * (format 0). On failure prints "PATH: error: …" as DIAG_SYSERR, returns NULL. */
ts_font *font_load(const char *path, diag *d);
void font_free(ts_font *f);

int font_units_per_em(const ts_font *f);
int font_ascender(const ts_font *f);   /* font units, positive */
int font_descender(const ts_font *f);  /* font units, negative */
int font_cap_height(const ts_font *f);

/* Glyph for a code point; 0 (.notdef) when the font lacks it. */
uint16_t font_glyph(const ts_font *f, uint32_t cp);
/* Advance width of a glyph in font units. */
int font_advance(const ts_font *f, uint16_t gid);
/* Kerning between two glyphs in font units (0 when none). */
int font_kern(const ts_font *f, uint16_t left, uint16_t right);
/* Number of distinct kerning pairs read from `kern` (tests, diagnostics). */
size_t font_kern_count(const ts_font *f);

#endif
