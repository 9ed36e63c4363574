/* font.c: a small TrueType reader for metrics. It reads the table directory,
 * head, hhea, maxp, hmtx, OS/2, cmap (3/10 format 12, else 3/1 format 4) and
 * the `kern` table (version 0, format 0 subtables). Every offset is checked
 * against the file's size: a corrupt file gives an error, never a crash.
 *
 * Kerning comes from `kern`, not GPOS: Liberation Sans 2 has both, and the
 * `kern` pairs are the same classic pair kerning in a flat list that needs no
 * lookup/feature/script machinery, no shaping library and gives the same
 * result on every system. */
#include "engine.h"
#include "base/base.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* the largest font file read (the back end takes the same bytes) */
enum { FONT_MAX_BYTES = 32 * 1024 * 1024 };

/* One run of the character map: code points [lo, hi]. */
typedef struct cmap_range {
	uint32_t lo, hi;
	uint32_t value;   /* format 12: first glyph; format 4: idDelta */
	uint8_t delta;    /* 1: glyph = (cp + value) & 0xFFFF; 0: glyph = value + (cp - lo) */
} cmap_range;

struct ts_font {
	int units_per_em;
	int ascender, descender, cap_height;
	uint16_t nglyphs;
	uint16_t nhmetrics;
	uint16_t *advance;    /* nhmetrics entries */
	cmap_range *ranges;   /* sorted by lo, disjoint */
	size_t nranges;
	uint32_t *kern_key;   /* left << 16 | right, sorted */
	int16_t *kern_val;
	size_t nkern;
	uint32_t *kern_first;  /* nglyphs + 1 entries: the pairs of left glyph g
				  are kern_first[g] .. kern_first[g + 1] - 1 */
	/* the glyphs of the code points below FONT_DIRECT, looked up once
	 * (almost every character of Latin text; the rest: ranges) */
	uint16_t direct[0x250];
};

enum { FONT_DIRECT = 0x250 };

static uint16_t range_glyph(const ts_font *f, uint32_t cp);

static int
cmp_range(const void *a, const void *b)
{
	const cmap_range *x = a, *y = b;
	return x->lo < y->lo ? -1 : x->lo > y->lo;
}

static void
add_range(ts_font *f, size_t *cap, uint32_t lo, uint32_t hi, uint32_t value, uint8_t delta)
{
	if (f->nranges == *cap)
		f->ranges = xgrow(f->ranges, cap, f->nranges + 1, sizeof *f->ranges);
	f->ranges[f->nranges++] = (cmap_range){ lo, hi, value, delta };
}

/* Format 12: groups of (startChar, endChar, startGlyph). */
static const char *
cmap_format12(ts_font *f, sfnt_span sub)
{
	if (!sfnt_fits(sub, 0, 16))
		return "cmap format 12 subtable truncated";
	uint32_t len = sfnt_u32(sub.p + 4), ngroups = sfnt_u32(sub.p + 12);
	if (len < 16 || !sfnt_fits(sub, 0, len))
		return "cmap format 12 subtable runs past the table";
	if (ngroups > (len - 16) / 12)
		return "cmap format 12 group count exceeds the subtable";
	size_t cap = 0;
	for (uint32_t i = 0; i < ngroups; i++) {
		const unsigned char *g = sub.p + 16 + (size_t)i * 12;
		uint32_t lo = sfnt_u32(g), hi = sfnt_u32(g + 4), gid = sfnt_u32(g + 8);
		if (lo > hi || hi > 0x10FFFF)
			return "cmap format 12 group with a bad range";
		add_range(f, &cap, lo, hi, gid, 0);
	}
	return NULL;
}

/* Format 4: segments with idDelta, or with idRangeOffset into glyphIdArray
 * (those are expanded code point by code point). The segments must be in
 * increasing order of endCode (as the specification says, and its lookup,
 * the first segment whose end is not below the code point, assumes); where
 * a segment starts inside an earlier one, that one wins, so the code points
 * expanded are at most 65 536 whatever the segments: the work is linear in
 * the table's size (1000 segments over the whole range once took 2 GB). */
static const char *
cmap_format4(ts_font *f, sfnt_span sub)
{
	if (!sfnt_fits(sub, 0, 14))
		return "cmap format 4 subtable truncated";
	size_t len = sfnt_u16(sub.p + 2);
	if (len < 14 || !sfnt_fits(sub, 0, len))
		len = sub.n; /* some fonts overflow the 16-bit length: bound by the table */
	uint16_t segx2 = sfnt_u16(sub.p + 6);
	if (segx2 % 2 || !sfnt_fits(sub, 0, 16 + (size_t)segx2 * 4) || 16 + (size_t)segx2 * 4 > len)
		return "cmap format 4 segment arrays run past the subtable";
	size_t nseg = segx2 / 2;
	const unsigned char *ends = sub.p + 14, *starts = ends + segx2 + 2;
	const unsigned char *deltas = starts + segx2, *rangeoffs = deltas + segx2;
	size_t cap = 0;
	uint32_t next = 0; /* the first code point no earlier segment covers */
	for (size_t i = 0; i < nseg; i++) {
		uint16_t end = sfnt_u16(ends + 2 * i), start = sfnt_u16(starts + 2 * i);
		uint16_t delta = sfnt_u16(deltas + 2 * i), ro = sfnt_u16(rangeoffs + 2 * i);
		if (start > end)
			return "cmap format 4 segment with start after end";
		if (i > 0 && end < next)
			return "cmap format 4 segments not in increasing order of their ends";
		uint32_t lo = start < next ? next : start;
		next = (uint32_t)end + 1;
		if (start == 0xFFFF)
			continue;
		if (ro == 0) {
			add_range(f, &cap, lo, end, delta, 1);
			continue;
		}
		/* glyphIdArray entry for c: &idRangeOffset[i] + ro + 2 * (c - start) */
		size_t base = (size_t)(rangeoffs + 2 * i - sub.p) + ro;
		for (uint32_t c = lo; c <= end; c++) {
			size_t at = base + 2 * (size_t)(c - start);
			if (at + 2 > len)
				return "cmap format 4 glyph index outside the subtable";
			uint16_t g = sfnt_u16(sub.p + at);
			if (g != 0)
				add_range(f, &cap, c, c, (uint16_t)(g + delta), 0);
		}
	}
	return NULL;
}

static const char *
read_cmap(ts_font *f, sfnt_span cmap)
{
	if (!sfnt_fits(cmap, 0, 4))
		return "cmap table truncated";
	uint16_t n = sfnt_u16(cmap.p + 2);
	if (!sfnt_fits(cmap, 4, (size_t)n * 8))
		return "cmap encoding records run past the table";
	/* Preference: 3/10 format 12, 0/4+ format 12, 3/1 format 4, 0/x format 4. */
	long best = -1;
	int best_rank = 0, best_fmt = 0;
	for (uint16_t i = 0; i < n; i++) {
		const unsigned char *r = cmap.p + 4 + (size_t)i * 8;
		uint16_t plat = sfnt_u16(r), enc = sfnt_u16(r + 2);
		uint32_t off = sfnt_u32(r + 4);
		if (!sfnt_fits(cmap, off, 2))
			return "cmap subtable offset outside the table";
		uint16_t fmt = sfnt_u16(cmap.p + off);
		int rank = 0;
		if (fmt == 12 && plat == 3 && enc == 10) rank = 4;
		else if (fmt == 12 && plat == 0) rank = 3;
		else if (fmt == 4 && plat == 3 && enc == 1) rank = 2;
		else if (fmt == 4 && plat == 0) rank = 1;
		if (rank > best_rank) {
			best_rank = rank;
			best = off;
			best_fmt = fmt;
		}
	}
	if (best < 0)
		return "no Unicode character map (cmap 3/10 format 12 or 3/1 format 4)";
	sfnt_span sub = { cmap.p + best, cmap.n - (size_t)best };
	const char *err = best_fmt == 12 ? cmap_format12(f, sub) : cmap_format4(f, sub);
	if (err)
		return err;
	qsort(f->ranges, f->nranges, sizeof *f->ranges, cmp_range);
	/* Overlapping runs (a sloppy font): the earlier one wins. */
	size_t m = 0;
	for (size_t i = 0; i < f->nranges; i++) {
		if (m && f->ranges[i].lo <= f->ranges[m - 1].hi)
			continue;
		f->ranges[m++] = f->ranges[i];
	}
	f->nranges = m;
	for (uint32_t cp = 0; cp < FONT_DIRECT; cp++)
		f->direct[cp] = range_glyph(f, cp);
	return NULL;
}

typedef struct kpair {
	uint32_t key;
	int16_t val;
} kpair;

static int
cmp_kpair(const void *a, const void *b)
{
	const kpair *x = a, *y = b;
	return x->key < y->key ? -1 : x->key > y->key;
}

/* kern version 0: subtables of format 0 that are horizontal, not minimum
 * values and not cross-stream. Apple's version 1 tables are ignored. Values
 * are clamped to one em either way. */
static const char *
read_kern(ts_font *f, sfnt_span kern)
{
	if (!sfnt_fits(kern, 0, 4))
		return "kern table truncated";
	if (sfnt_u16(kern.p) != 0)
		return NULL;
	uint16_t n = sfnt_u16(kern.p + 2);
	size_t off = 4, cap = 0, np = 0;
	kpair *pairs = NULL;
	for (uint16_t i = 0; i < n; i++) {
		if (!sfnt_fits(kern, off, 6)) {
			free(pairs);
			return "kern subtable header outside the table";
		}
		uint16_t sublen = sfnt_u16(kern.p + off + 2), cov = sfnt_u16(kern.p + off + 4);
		if ((cov >> 8) == 0 && (cov & 0x7) == 0x1) {
			if (!sfnt_fits(kern, off + 6, 8)) {
				free(pairs);
				return "kern format 0 header outside the table";
			}
			uint16_t npairs = sfnt_u16(kern.p + off + 6);
			size_t at = off + 14;
			if (!sfnt_fits(kern, at, (size_t)npairs * 6)) {
				free(pairs);
				return "kern pairs run past the table";
			}
			pairs = xgrow(pairs, &cap, np + npairs, sizeof *pairs);
			/* a pair moves a glyph by at most one em (a value of
			 * -32768 would throw it 16 em at 2048 units per em) */
			int16_t em = (int16_t)f->units_per_em;
			for (uint16_t k = 0; k < npairs; k++, at += 6) {
				int16_t v = sfnt_s16(kern.p + at + 4);
				v = v > em ? em : v < -em ? (int16_t)-em : v;
				pairs[np++] = (kpair){ sfnt_u32(kern.p + at), v };
			}
			/* The 16-bit length overflows for big subtables: use the pairs. */
			off = at;
		} else {
			if (sublen < 6) {
				free(pairs);
				return "kern subtable with a bad length";
			}
			off += sublen;
		}
	}
	if (np)
		qsort(pairs, np, sizeof *pairs, cmp_kpair);
	size_t m = 0;
	for (size_t i = 0; i < np; i++) {
		if (m && pairs[m - 1].key == pairs[i].key)
			continue; /* the first subtable's value wins */
		pairs[m++] = pairs[i];
	}
	f->nkern = m;
	if (m) {
		f->kern_key = xmalloc(m * sizeof *f->kern_key);
		f->kern_val = xmalloc(m * sizeof *f->kern_val);
		for (size_t i = 0; i < m; i++) {
			f->kern_key[i] = pairs[i].key;
			f->kern_val[i] = pairs[i].val;
		}
		f->kern_first = xmalloc(((size_t)f->nglyphs + 1) * sizeof *f->kern_first);
		size_t i = 0;
		for (uint32_t g = 0; g <= f->nglyphs; g++) {
			while (i < m && (f->kern_key[i] >> 16) < g)
				i++;
			f->kern_first[g] = (uint32_t)i;
		}
	}
	free(pairs);
	return NULL;
}

static const char *
parse(ts_font *f, sfnt_span file)
{
	if (!sfnt_fits(file, 0, 12))
		return "not a TrueType font (file too short)";
	uint32_t ver = sfnt_u32(file.p);
	if (ver != 0x00010000 && ver != 0x74727565 /* true */ && ver != 0x4F54544F /* OTTO */)
		return "not a TrueType font (bad sfnt version)";
	if (!sfnt_fits(file, 12, (size_t)sfnt_u16(file.p + 4) * 16))
		return "table directory runs past the end of the file";

	static const char *const required[] = { "head", "hhea", "maxp", "hmtx", "cmap" };
	sfnt_span t[5];
	for (size_t i = 0; i < 5; i++) {
		int r = sfnt_table(file, required[i], &t[i]);
		if (r < 0)
			return "a table runs past the end of the file";
		if (r == 0)
			return "a required table (head, hhea, maxp, hmtx, cmap) is missing";
	}
	sfnt_span head = t[0], hhea = t[1], maxp = t[2], hmtx = t[3], cmap = t[4];

	if (!sfnt_fits(head, 0, 54) || sfnt_u32(head.p + 12) != 0x5F0F3CF5)
		return "head table truncated or without its magic number";
	f->units_per_em = sfnt_u16(head.p + 18);
	if (f->units_per_em < 16 || f->units_per_em > 16384)
		return "head.unitsPerEm out of range";

	if (!sfnt_fits(hhea, 0, 36))
		return "hhea table truncated";
	f->ascender = sfnt_s16(hhea.p + 4);
	f->descender = sfnt_s16(hhea.p + 6);
	f->nhmetrics = sfnt_u16(hhea.p + 34);

	if (!sfnt_fits(maxp, 0, 6))
		return "maxp table truncated";
	f->nglyphs = sfnt_u16(maxp.p + 4);
	if (f->nglyphs == 0 || f->nhmetrics == 0 || f->nhmetrics > f->nglyphs)
		return "hhea.numberOfHMetrics or maxp.numGlyphs out of range";

	if (!sfnt_fits(hmtx, 0, (size_t)f->nhmetrics * 4))
		return "hmtx table shorter than numberOfHMetrics";
	f->advance = xmalloc((size_t)f->nhmetrics * sizeof *f->advance);
	for (uint16_t i = 0; i < f->nhmetrics; i++)
		f->advance[i] = sfnt_u16(hmtx.p + (size_t)i * 4);

	/* Cap height: OS/2 version 2 and later have sCapHeight; else about
	 * 70 % of the em (Arial/Liberation: 1409/2048). */
	sfnt_span os2;
	int r = sfnt_table(file, "OS/2", &os2);
	if (r < 0)
		return "OS/2 table runs past the end of the file";
	f->cap_height = 0;
	if (r > 0 && sfnt_fits(os2, 0, 90) && sfnt_u16(os2.p) >= 2)
		f->cap_height = sfnt_s16(os2.p + 88);
	if (f->cap_height <= 0)
		f->cap_height = f->units_per_em * 7 / 10;

	const char *err = read_cmap(f, cmap);
	if (err)
		return err;

	sfnt_span kern;
	r = sfnt_table(file, "kern", &kern);
	if (r < 0)
		return "kern table runs past the end of the file";
	if (r > 0 && (err = read_kern(f, kern)) != NULL)
		return err;
	return NULL;
}

/* The metrics of the n bytes of a font file (read, not kept); NULL after
 * a message on path. */
static ts_font *
font_parse(const unsigned char *data, size_t n, const char *path, diag *d)
{
	ts_font *f = xcalloc(1, sizeof *f);
	const char *err = parse(f, (sfnt_span){ data, n });
	if (err) {
		MSG(FONT_BROKEN, d, path, 0, 0, err);
		font_free(f);
		return NULL;
	}
	return f;
}

ts_font *
font_load(const char *path, diag *d)
{
	size_t n;
	unsigned char *data = (unsigned char *)file_read(path, "font", FONT_MAX_BYTES, &n, d);
	if (!data)
		return NULL;
	ts_font *f = font_parse(data, n, path, d);
	free(data);
	return f;
}

ts_font *
font_load_res(res_table *t, const char *path, diag *d)
{
	size_t n;
	const unsigned char *data = res_file(t, path, "font", FONT_MAX_BYTES, &n, d);
	return data ? font_parse(data, n, path, d) : NULL;
}

void
font_free(ts_font *f)
{
	if (!f)
		return;
	free(f->advance);
	free(f->ranges);
	free(f->kern_key);
	free(f->kern_val);
	free(f->kern_first);
	free(f);
}

int font_units_per_em(const ts_font *f) { return f->units_per_em; }
int font_ascender(const ts_font *f) { return f->ascender; }
int font_descender(const ts_font *f) { return f->descender; }
int font_cap_height(const ts_font *f) { return f->cap_height; }

uint16_t
font_glyph(const ts_font *f, uint32_t cp)
{
	return cp < FONT_DIRECT ? f->direct[cp] : range_glyph(f, cp);
}

/* The glyph of cp from the ranges of the cmap (binary search). */
static uint16_t
range_glyph(const ts_font *f, uint32_t cp)
{
	size_t lo = 0, hi = f->nranges;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const cmap_range *r = &f->ranges[mid];
		if (cp < r->lo)
			hi = mid;
		else if (cp > r->hi)
			lo = mid + 1;
		else {
			uint32_t g = r->delta ? ((cp + r->value) & 0xFFFF) : r->value + (cp - r->lo);
			return g < f->nglyphs ? (uint16_t)g : 0;
		}
	}
	return 0;
}

int
font_advance(const ts_font *f, uint16_t gid)
{
	if (gid >= f->nglyphs)
		gid = 0;
	return f->advance[gid < f->nhmetrics ? gid : f->nhmetrics - 1];
}

int
font_max_advance(const ts_font *f)
{
	int m = 0;
	for (uint32_t i = 0; i < f->nhmetrics && i < f->nglyphs; i++)
		if (f->advance[i] > m)
			m = f->advance[i];
	return m;
}

int
font_kern(const ts_font *f, uint16_t left, uint16_t right)
{
	uint32_t key = (uint32_t)left << 16 | right;
	size_t lo = 0, hi = f->nkern;
	if (f->kern_first && left < f->nglyphs) { /* only the pairs of left */
		lo = f->kern_first[left];
		hi = f->kern_first[left + 1];
	}
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (f->kern_key[mid] < key)
			lo = mid + 1;
		else if (f->kern_key[mid] > key)
			hi = mid;
		else
			return f->kern_val[mid];
	}
	return 0;
}

size_t
font_kern_count(const ts_font *f)
{
	return f->nkern;
}
