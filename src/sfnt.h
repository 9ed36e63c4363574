/* sfnt.h: reading a TrueType (sfnt) file: its big-endian numbers, bounds,
 * and the table directory. Shared by the metrics reader (font.c) and the
 * subsetter (ttf_subset.c). */
#ifndef VORLAGE_SFNT_H
#define VORLAGE_SFNT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* n bytes at p: a file or one of its tables. */
typedef struct sfnt_span {
	const unsigned char *p;
	size_t n;
} sfnt_span;

static inline uint16_t
sfnt_u16(const unsigned char *p)
{
	return (uint16_t)((unsigned)p[0] << 8 | p[1]);
}

static inline int16_t
sfnt_s16(const unsigned char *p)
{
	uint16_t u = sfnt_u16(p);
	return u < 0x8000 ? (int16_t)u : (int16_t)((int)u - 0x10000);
}

static inline uint32_t
sfnt_u32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* True when [off, off+len) lies inside b. */
static inline bool
sfnt_fits(sfnt_span b, size_t off, size_t len)
{
	return off <= b.n && len <= b.n - off;
}

/* The table tag of font into *out: 1; 0 when the font has none; -1 when
 * the table directory or the table runs past the end of the file (*out
 * empty unless 1). */
static inline int
sfnt_table(sfnt_span font, const char *tag, sfnt_span *out)
{
	*out = (sfnt_span){ NULL, 0 };
	if (!sfnt_fits(font, 0, 12) || !sfnt_fits(font, 12, (size_t)sfnt_u16(font.p + 4) * 16))
		return -1;
	uint16_t ntables = sfnt_u16(font.p + 4);
	for (uint16_t i = 0; i < ntables; i++) {
		const unsigned char *r = font.p + 12 + (size_t)i * 16;
		if (memcmp(r, tag, 4) != 0)
			continue;
		uint32_t off = sfnt_u32(r + 8), len = sfnt_u32(r + 12);
		if (!sfnt_fits(font, off, len))
			return -1;
		*out = (sfnt_span){ font.p + off, len };
		return 1;
	}
	return 0;
}

#endif
