/* ttf_subset.c: a TrueType font cut down to the characters drawn (see
 * ttf_subset.h).
 *
 * The embedded font program is what makes a PDF large: libharu embeds the
 * 13 tables it knows with every byte but the outlines of unused glyphs, so
 * the glyph names of `post` (27 KB a face), the full `hmtx` and `cmap` and
 * the hinting programs go into every file. The font handed to libharu here
 * has only what drawing the document's characters needs; libharu still
 * parses it, takes its widths and metrics and writes the embedded program
 * from it (with empty cvt, fpgm and prep: it writes every table it knows).
 *
 * The glyphs kept are numbered anew, in their order in the font (.notdef
 * stays 0): loca and hmtx have an entry for each of them only, the cmap and
 * the composite glyphs' component references use the new numbers. libharu
 * takes the CID -> GID map and the widths of /W from this font, so both
 * follow; /CIDSet is of CIDs and does not change. Instructions are removed
 * from the outlines together with the programs they call. The name table
 * keeps the records of the font's identity (name ids 0 to 6: copyright,
 * family, subfamily, unique name, full name, version, PostScript name, from
 * which libharu makes /BaseFont); the long descriptive ones (trademark,
 * vendor, designer, description, URLs, licence text) are left out. */
#include "ttf_subset_int.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"

static void
wr16(unsigned char *p, unsigned v)
{
	p[0] = (unsigned char)(v >> 8);
	p[1] = (unsigned char)v;
}

static void
wr32(unsigned char *p, uint32_t v)
{
	wr16(p, v >> 16);
	wr16(p + 2, v & 0xFFFF);
}

/* The table tag of the font; p NULL when absent or outside the file. */
static sfnt_span
table(const unsigned char *font, size_t n, const char *tag)
{
	sfnt_span t;
	sfnt_table((sfnt_span){ font, n }, tag, &t);
	return t;
}

/* The first 3/1 format 4 subtable, the one libharu's ParseCMap takes. */
static sfnt_span
cmap_format4(sfnt_span cmap)
{
	sfnt_span none = { NULL, 0 };
	if (!cmap.p || cmap.n < 4)
		return none;
	unsigned nsub = sfnt_u16(cmap.p + 2);
	if (4 + (size_t)nsub * 8 > cmap.n)
		return none;
	for (unsigned i = 0; i < nsub; i++) {
		const unsigned char *r = cmap.p + 4 + (size_t)i * 8;
		size_t off = sfnt_u32(r + 4);
		if (sfnt_u16(r) != 3 || sfnt_u16(r + 2) != 1 || off + 4 > cmap.n || sfnt_u16(cmap.p + off) != 4)
			continue;
		size_t len = sfnt_u16(cmap.p + off + 2);
		if (len > cmap.n - off)
			len = cmap.n - off;
		if (len < 16)
			return none;
		return (sfnt_span){ cmap.p + off, len };
	}
	return none;
}

static uint16_t
format4_lookup(sfnt_span sub, uint16_t code)
{
	unsigned segx2 = sfnt_u16(sub.p + 6), nseg = segx2 / 2;
	if (nseg == 0 || 16 + (size_t)segx2 * 4 > sub.n)
		return 0;
	const unsigned char *end = sub.p + 14, *start = end + segx2 + 2;
	const unsigned char *delta = start + segx2, *range = delta + segx2;
	unsigned i = 0;
	while (i < nseg && code > sfnt_u16(end + 2 * (size_t)i))
		i++;
	if (i == nseg || sfnt_u16(start + 2 * (size_t)i) > code)
		return 0;
	unsigned ro = sfnt_u16(range + 2 * (size_t)i), d = sfnt_u16(delta + 2 * (size_t)i);
	if (ro == 0)
		return (uint16_t)(code + d);
	/* glyphIdArray index, counted from the array's start as libharu does */
	size_t idx = ro / 2 + (size_t)(code - sfnt_u16(start + 2 * (size_t)i)) - (nseg - i);
	size_t at = 16 + (size_t)segx2 * 4 + 2 * idx;
	if (at + 2 > sub.n)
		return 0;
	return (uint16_t)(sfnt_u16(sub.p + at) + d);
}

uint16_t
ttf_glyph_of(const unsigned char *font, size_t n, uint16_t code)
{
	sfnt_span sub = cmap_format4(table(font, n, "cmap"));
	return sub.p ? format4_lookup(sub, code) : 0;
}

/* ------------------------------------------------------------------------ */

typedef struct glyphs {
	sfnt_span glyf, loca;
	bool long_loca;
	unsigned count;
} glyphs;

/* Glyph g's outline (n 0 for an empty glyph or a damaged loca). */
static sfnt_span
glyph(const glyphs *gs, unsigned g)
{
	size_t a, b;
	if (gs->long_loca) {
		a = sfnt_u32(gs->loca.p + 4 * (size_t)g);
		b = sfnt_u32(gs->loca.p + 4 * (size_t)g + 4);
	} else {
		a = 2 * (size_t)sfnt_u16(gs->loca.p + 2 * (size_t)g);
		b = 2 * (size_t)sfnt_u16(gs->loca.p + 2 * (size_t)g + 2);
	}
	if (a >= b || b > gs->glyf.n)
		return (sfnt_span){ NULL, 0 };
	return (sfnt_span){ gs->glyf.p + a, b - a };
}

enum {
	ARG_WORDS = 0x0001, HAVE_SCALE = 0x0008, MORE_COMPONENTS = 0x0020,
	HAVE_XY_SCALE = 0x0040, HAVE_2X2 = 0x0080, HAVE_INSTRUCTIONS = 0x0100
};

/* The name table with only the records of name ids 0 to 6, their strings
 * packed; NULL when the table cannot be read (it is then kept whole). */
static unsigned char *
build_name(sfnt_span name, size_t *len)
{
	if (name.n < 6)
		return NULL;
	unsigned count = sfnt_u16(name.p + 2), so = sfnt_u16(name.p + 4);
	if (6 + 12 * (size_t)count > name.n || so > name.n)
		return NULL;
	unsigned char *t = xmalloc(name.n);
	size_t nkeep = 0, slen = 0;
	for (unsigned pass = 0; pass < 2; pass++) {
		size_t k = 0, at = 0;
		for (unsigned i = 0; i < count; i++) {
			const unsigned char *r = name.p + 6 + 12 * (size_t)i;
			unsigned id = sfnt_u16(r + 6), l = sfnt_u16(r + 8), off = sfnt_u16(r + 10);
			if (id > 6)
				continue;
			if ((size_t)so + off + l > name.n) {
				free(t);
				return NULL;
			}
			if (pass == 1) {
				unsigned char *w = t + 6 + 12 * k;
				memcpy(w, r, 8);
				wr16(w + 8, l);
				wr16(w + 10, (unsigned)at);
				memcpy(t + 6 + 12 * nkeep + at, name.p + so + off, l);
			}
			k++;
			at += l;
		}
		nkeep = k;
		slen = at;
	}
	wr16(t, 0);
	wr16(t + 2, (unsigned)nkeep);
	wr16(t + 4, (unsigned)(6 + 12 * nkeep));
	*len = 6 + 12 * nkeep + slen;
	return t;
}

/* Walks the components of composite glyph g: calls keep(component) for each
 * and returns the length of the component records (from the glyph's start),
 * or 0 when they run past the glyph; *last: offset of the last flags. */
static size_t
components(sfnt_span g, bool *keep, unsigned count, unsigned *stack, size_t *nstack, size_t *last)
{
	size_t at = 10;
	for (;;) {
		if (at + 4 > g.n)
			return 0;
		unsigned flags = sfnt_u16(g.p + at), comp = sfnt_u16(g.p + at + 2);
		*last = at;
		if (keep && comp < count && !keep[comp]) {
			keep[comp] = true;
			stack[(*nstack)++] = comp;
		}
		at += 4 + ((flags & ARG_WORDS) ? 4 : 2);
		at += (flags & HAVE_SCALE) ? 2 : (flags & HAVE_XY_SCALE) ? 4 : (flags & HAVE_2X2) ? 8 : 0;
		if (at > g.n)
			return 0;
		if (!(flags & MORE_COMPONENTS))
			return at;
	}
}

/* Appends glyph g without its instructions to out at *len, a composite's
 * components renumbered by newid; pads to 4. */
static void
put_glyph(sfnt_span g, const uint16_t *newid, unsigned count, unsigned char *out, size_t *len)
{
	unsigned char *o = out + *len;
	size_t n = g.n;
	memcpy(o, g.p, g.n);
	int16_t ncont = (int16_t)sfnt_u16(g.p);
	if (ncont >= 0) {
		size_t ins = 10 + 2 * (size_t)ncont;
		if (ins + 2 <= g.n) {
			size_t ilen = sfnt_u16(g.p + ins);
			if (ins + 2 + ilen <= g.n) {
				wr16(o + ins, 0);
				memmove(o + ins + 2, g.p + ins + 2 + ilen, g.n - ins - 2 - ilen);
				n = g.n - ilen;
			}
		}
	} else {
		size_t last = 0, stack_n = 0;
		size_t end = components(g, NULL, 0, NULL, &stack_n, &last);
		if (end) {
			wr16(o + last, sfnt_u16(g.p + last) & ~(unsigned)HAVE_INSTRUCTIONS);
			n = end;
			/* the same walk, the component ids rewritten */
			for (size_t at = 10;;) {
				unsigned flags = sfnt_u16(o + at), comp = sfnt_u16(o + at + 2);
				wr16(o + at + 2, comp < count ? newid[comp] : 0);
				at += 4 + ((flags & ARG_WORDS) ? 4 : 2);
				at += (flags & HAVE_SCALE) ? 2 : (flags & HAVE_XY_SCALE) ? 4
				    : (flags & HAVE_2X2) ? 8 : 0;
				if (!(flags & MORE_COMPONENTS))
					break;
			}
		}
	}
	while (n % 4)
		o[n++] = 0;
	*len += n;
}

/* The cmap table of the pairs (codes ascending): one 3/1 format 4 subtable
 * whose segments are runs of consecutive codes with consecutive glyphs. */
static unsigned char *
build_cmap(const uint16_t *code, const uint16_t *gid, size_t n, size_t *len)
{
	size_t nseg = 1;
	for (size_t i = 0; i < n; i++)
		if (i == 0 || code[i] != code[i - 1] + 1 || gid[i] != gid[i - 1] + 1)
			nseg++;
	size_t sublen = 16 + 8 * nseg;
	if (sublen > 0xFFFF)
		return NULL;
	unsigned char *t = xcalloc(1, 12 + sublen);
	wr16(t + 2, 1);
	wr16(t + 4, 3);
	wr16(t + 6, 1);
	wr32(t + 8, 12);
	unsigned char *s = t + 12;
	unsigned sr = 1, es = 0;
	while ((size_t)sr * 2 <= nseg) {
		sr *= 2;
		es++;
	}
	wr16(s, 4);
	wr16(s + 2, (unsigned)sublen);
	wr16(s + 6, (unsigned)(2 * nseg));
	wr16(s + 8, 2 * sr);
	wr16(s + 10, es);
	wr16(s + 12, (unsigned)(2 * (size_t)nseg - 2 * (size_t)sr));
	unsigned char *end = s + 14, *start = end + 2 * nseg + 2, *delta = start + 2 * nseg;
	size_t k = 0;
	for (size_t i = 0; i < n; k++) {
		size_t j = i + 1;
		while (j < n && code[j] == code[j - 1] + 1 && gid[j] == gid[j - 1] + 1)
			j++;
		wr16(start + 2 * k, code[i]);
		wr16(end + 2 * k, code[j - 1]);
		wr16(delta + 2 * k, (unsigned)(gid[i] - code[i]) & 0xFFFF);
		i = j;
	}
	wr16(start + 2 * k, 0xFFFF);
	wr16(end + 2 * k, 0xFFFF);
	wr16(delta + 2 * k, 1);
	/* idRangeOffset all 0 (calloc) */
	*len = 12 + sublen;
	return t;
}

static uint32_t
checksum(const unsigned char *p, size_t n)
{
	uint32_t sum = 0;
	for (size_t i = 0; i < n; i += 4) {
		unsigned char w[4] = { 0, 0, 0, 0 };
		memcpy(w, p + i, n - i < 4 ? n - i : 4);
		sum += sfnt_u32(w);
	}
	return sum;
}

enum { NOUT = 10 };

unsigned char *
ttf_subset(const unsigned char *font, size_t n, const uint16_t *codes, size_t ncodes,
    size_t *len, const char **why)
{
	static const char *const tags[NOUT] = {
		"OS/2", "cmap", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "name", "post",
	};
	sfnt_span t[NOUT];
	for (int i = 0; i < NOUT; i++) {
		t[i] = table(font, n, tags[i]);
		if (!t[i].p) {
			*why = "a table is missing";
			return NULL;
		}
	}
	sfnt_span os2 = t[0], glyf = t[2], head = t[3], hhea = t[4], hmtx = t[5], loca = t[6],
	    maxp = t[7], name = t[8], post = t[9];
	sfnt_span sub = cmap_format4(t[1]);
	if (sfnt_u32(font) != 0x00010000 && sfnt_u32(font) != 0x74727565) {
		*why = "not a TrueType outline font";
		return NULL;
	}
	if (!sub.p || head.n < 54 || hhea.n < 36 || maxp.n < 6 || post.n < 32) {
		*why = "a table is damaged";
		return NULL;
	}
	glyphs gs = { glyf, loca, sfnt_u16(head.p + 50) == 1, sfnt_u16(maxp.p + 4) };
	unsigned nhm = sfnt_u16(hhea.p + 34);
	if (gs.count == 0 || nhm == 0 || nhm > gs.count
	    || loca.n < ((size_t)gs.count + 1) * (gs.long_loca ? 4 : 2)
	    || hmtx.n < 4 * (size_t)nhm + 2 * (size_t)(gs.count - nhm)) {
		*why = "loca or hmtx too short";
		return NULL;
	}

	/* The glyphs: .notdef, those of the codes, their components. */
	bool *keep = xcalloc(gs.count, 1);
	unsigned *stack = xmalloc(sizeof *stack * gs.count);
	uint16_t *pc = xmalloc(sizeof *pc * (ncodes ? ncodes : 1));
	uint16_t *pg = xmalloc(sizeof *pg * (ncodes ? ncodes : 1));
	size_t npairs = 0, nstack = 0;
	keep[0] = true;
	stack[nstack++] = 0;
	for (size_t i = 0; i < ncodes; i++) {
		uint16_t g = codes[i] == 0xFFFF ? 0 : format4_lookup(sub, codes[i]);
		if (g == 0 || g >= gs.count)
			continue;
		pc[npairs] = codes[i];
		pg[npairs++] = g;
		if (!keep[g]) {
			keep[g] = true;
			stack[nstack++] = g;
		}
	}
	size_t glyf_max = 0;
	while (nstack > 0) {
		unsigned g = stack[--nstack];
		sfnt_span o = glyph(&gs, g);
		glyf_max += o.n + 3;
		size_t last;
		if (o.n >= 10 && (int16_t)sfnt_u16(o.p) < 0)
			components(o, keep, gs.count, stack, &nstack, &last);
	}
	/* the new numbers: the kept glyphs in their order */
	uint16_t *newid = xcalloc(gs.count, sizeof *newid);
	unsigned *oldid = xmalloc(sizeof *oldid * gs.count);
	unsigned count = 0;
	for (unsigned g = 0; g < gs.count; g++)
		if (keep[g]) {
			newid[g] = (uint16_t)count;
			oldid[count++] = g;
		}
	for (size_t i = 0; i < npairs; i++)
		pg[i] = newid[pg[i]];

	size_t cmap_len = 0;
	unsigned char *cmap = build_cmap(pc, pg, npairs, &cmap_len);
	free(pc);
	free(pg);
	if (!cmap) {
		free(keep);
		free(stack);
		free(newid);
		free(oldid);
		*why = "too many characters for one format 4 map";
		return NULL;
	}

	/* glyf, loca (long), hmtx (a full metric for every glyph) */
	unsigned char *nglyf = xmalloc(glyf_max ? glyf_max : 1);
	unsigned char *nloca = xmalloc(4 * ((size_t)count + 1));
	unsigned char *nhmtx = xcalloc(count, 4);
	size_t glen = 0;
	for (unsigned k = 0; k < count; k++) {
		unsigned g = oldid[k];
		wr32(nloca + 4 * (size_t)k, (uint32_t)glen);
		sfnt_span o = glyph(&gs, g);
		if (o.n >= 10)
			put_glyph(o, newid, gs.count, nglyf, &glen);
		unsigned adv = sfnt_u16(hmtx.p + 4 * (size_t)(g < nhm ? g : nhm - 1));
		unsigned lsb = g < nhm ? sfnt_u16(hmtx.p + 4 * (size_t)g + 2)
		    : sfnt_u16(hmtx.p + 4 * (size_t)nhm + 2 * (size_t)(g - nhm));
		wr16(nhmtx + 4 * (size_t)k, adv);
		wr16(nhmtx + 4 * (size_t)k + 2, lsb);
	}
	wr32(nloca + 4 * (size_t)count, (uint32_t)glen);
	free(keep);
	free(stack);
	free(newid);
	free(oldid);
	size_t name_len = name.n;
	unsigned char *nname = build_name(name, &name_len);

	unsigned char nhead[54], nhhea[36], npost[32];
	memcpy(nhead, head.p, 54);
	wr32(nhead + 8, 0);
	wr16(nhead + 50, 1);
	memcpy(nhhea, hhea.p, 36);
	wr16(nhhea + 34, count);
	memcpy(npost, post.p, 32);
	wr32(npost, 0x00030000);
	unsigned char *nmaxp = xmalloc(maxp.n);
	memcpy(nmaxp, maxp.p, maxp.n);
	wr16(nmaxp + 4, count);

	sfnt_span out[NOUT] = {
		os2, { cmap, cmap_len }, { nglyf, glen }, { nhead, 54 }, { nhhea, 36 },
		{ nhmtx, 4 * (size_t)count }, { nloca, 4 * ((size_t)count + 1) }, { nmaxp, maxp.n },
		nname ? (sfnt_span){ nname, name_len } : name, { npost, 32 },
	};
	size_t total = 12 + 16 * NOUT;
	for (int i = 0; i < NOUT; i++)
		total += (out[i].n + 3) & ~(size_t)3;
	unsigned char *f = xcalloc(1, total);
	wr32(f, 0x00010000);
	wr16(f + 4, NOUT);
	wr16(f + 6, 128); /* searchRange: 16 * 8, the largest power of two <= 10 */
	wr16(f + 8, 3);
	wr16(f + 10, NOUT * 16 - 128);
	size_t at = 12 + 16 * NOUT, head_at = 0;
	for (int i = 0; i < NOUT; i++) {
		unsigned char *r = f + 12 + 16 * (size_t)i;
		memcpy(r, tags[i], 4);
		memcpy(f + at, out[i].p, out[i].n);
		wr32(r + 4, checksum(f + at, out[i].n));
		wr32(r + 8, (uint32_t)at);
		wr32(r + 12, (uint32_t)out[i].n);
		if (i == 3)
			head_at = at;
		at += (out[i].n + 3) & ~(size_t)3;
	}
	wr32(f + head_at + 8, 0xB1B0AFBAu - checksum(f, total));
	free(cmap);
	free(nglyf);
	free(nloca);
	free(nhmtx);
	free(nmaxp);
	free(nname);
	*len = total;
	return f;
}
