/* pdf_font.c: the fonts of the PDF: loading each face's file once, text to
 * 2-byte codes (code = code point, see render_pdf.c), and what libharu
 * writes for a TrueType CID font that must be replaced or completed:
 *
 *   - /W: libharu's has a width for every character the font maps (about
 *     2600, 10 KB a font, uncompressed); the new one has the codes shown, as
 *     runs "first [w w …]", with the widths libharu computes for /W;
 *   - ToUnicode: libharu's is a CID CMap (begincidrange and 1-byte notdef
 *     ranges), which poppler rejects; it becomes a bfchar map of the codes
 *     used, in libharu's own stream object;
 *   - /CIDToGIDMap: libharu's has an entry for every code up to 0xFFFE (128
 *     KiB a font); a CID past the map's end maps to glyph 0, so the map may
 *     end after the last CID whose glyph is embedded;
 *   - the FontDescriptor with /CIDSet (PDF/A-1 6.3.5), which libharu makes
 *     only at save time, without /CIDSet.
 *
 * What libharu does, from its source (hpdf_font_cid.c, hpdf_fontdef_tt.c,
 * hpdf_encoder_utf.c, 2.3.0): with an Identity-H CMap encoder (libharu's
 * UTF-8 one, or ours: make_encoder) the Type0 font has /Encoding
 * /Identity-H and the content holds UTF-16BE code units: CID = Unicode code
 * point (BMP only). The CIDFontType2's /CIDToGIDMap stream is filled when
 * the font is created (CIDFontType2_New) for CIDs 0 .. max-1 with GID = the
 * font's cmap lookup of the CID, max being the largest CID of the encoder's
 * map (ours adds one above the largest code drawn); /W is written from
 * the same map with HPDF_TTFontDef_GetGidWidth, i.e. from the font's hmtx
 * scaled to 1000 units: both agree with the embedded program (6.3.6).
 * Glyphs are marked used (glyph_tbl.flgs[gid] = 1) when text is measured or
 * shown (HPDF_TTFontDef_GetCharWidth, which also marks the components of
 * composite glyphs); flgs[0] (.notdef) is always set. The subset written by
 * HPDF_TTFontDef_SaveFontData keeps every glyph slot (same numGlyphs, same
 * GIDs) but copies the outlines only of flagged glyphs. The FontDescriptor
 * and FontFile2 are made in the Type0 font's before-write hook unless
 * fontdef->descriptor already exists; made here the same way (same entries,
 * same filter as the font), the hook only links them.
 *
 * The /CIDSet: bit c is set (bit 0 = the high bit of byte 0) when CID c is
 * present in the embedded font program: c == 0 (.notdef is always
 * embedded), or CIDToGIDMap[c] is a GID other than 0 whose outline libharu
 * embeds (flags set). A CID that maps to GID 0 has no glyph of its own and
 * is left out; several CIDs mapping to one embedded glyph (U+0020 and U+00A0
 * both to "space") are all present. */
#include "pdf_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf_doc.h>
#include <hpdf_encoder.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>

#include "base/base.h"
#include "ttf_subset_int.h"

#define USED(f, c) ((f)->used[(c) >> 3] & (1u << ((c) & 7)))

/* ------------------------------------------------------------------------ */
/* Loading, text */

enum { FONT_FILE_MAX = 32 * 1024 * 1024 };

/* The font index face draws with (pdf_font_of's choice), -1 for none. */
static int
font_index(const pdf_ctx *c, int face)
{
	int k = (face >= 0 && face < TS_NFACES) ? c->face_font[face] : -1;
	return k < 0 ? c->face_font[TS_REGULAR] : k;
}

static void
mark_code(uint8_t *used, uint8_t *all, uint16_t code)
{
	used[code >> 3] |= (uint8_t)(1u << (code & 7));
	all[code >> 3] |= (uint8_t)(1u << (code & 7));
}

/* The codes the document draws, per font (f->used) and of all fonts
 * (*all): what pdf_font_codes will write, known before the first page. */
static void
scan_codes(pdf_ctx *c, uint8_t *all)
{
	for (size_t k = 0; k < c->nfonts; k++)
		c->fonts[k].used = arena_zalloc(c->a, 65536 / 8);
	for (size_t p = 0; p < c->doc->npages; p++) {
		const ts_page *pg = &c->doc->pages[p];
		for (size_t i = 0; i < pg->nitems; i++) {
			const ts_item *it = &pg->items[i];
			int k = font_index(c, it->face);
			if (it->kind != TS_ITEM_TEXT || !it->text || it->size <= 0 || k < 0)
				continue;
			for (size_t j = 0; j < it->len;) {
				uint32_t cp = utf8_next(it->text, it->len, &j);
				mark_code(c->fonts[k].used, all, cp > 0xFFFF ? 0x20 : (uint16_t)cp);
			}
			/* what pdf_page.c draws beside the text: the real space of a
			 * word gap or line end, and U+00AD for an added hyphen */
			if (it->flags & TS_ITEM_SPACE_AFTER)
				mark_code(c->fonts[k].used, all, 0x20);
			if (it->flags & TS_ITEM_ADDED_HYPHEN)
				mark_code(c->fonts[k].used, all, 0xAD);
		}
	}
}

/* libharu's tag for the next embedded font, "HPDFAA", "HPDFAB" …, as
 * HPDF_LoadTTFontFromFile makes it. */
static void
next_tag(HPDF_Doc pdf)
{
	if (pdf->ttfont_tag[0] == 0) {
		memcpy(pdf->ttfont_tag, "HPDFAA", 6);
		return;
	}
	for (int i = 5; i >= 0; i--) {
		if (++pdf->ttfont_tag[i] <= 'Z')
			return;
		pdf->ttfont_tag[i] = 'A';
	}
}

/* The font definition of a font program in memory, registered with the
 * document as HPDF_LoadTTFontFromFile registers a file's; its name. */
static const char *
load_font_data(pdf_ctx *c, const unsigned char *data, size_t len)
{
	HPDF_Doc pdf = c->pdf;
	HPDF_Stream s = HPDF_MemStream_New(pdf->mmgr, (HPDF_UINT)len);
	if (!s)
		return NULL;
	if (HPDF_Stream_Write(s, data, (HPDF_UINT)len) != HPDF_OK) {
		HPDF_Stream_Free(s);
		return NULL;
	}
	HPDF_FontDef def = HPDF_TTFontDef_Load(pdf->mmgr, s, HPDF_TRUE);
	if (!def)
		return NULL;
	HPDF_FontDef known = HPDF_Doc_FindFontDef(pdf, def->base_font);
	if (known) {
		HPDF_FontDef_Free(def);
		return known->base_font;
	}
	if (HPDF_List_Add(pdf->fontdef_list, def) != HPDF_OK) {
		HPDF_FontDef_Free(def);
		return NULL;
	}
	next_tag(pdf);
	HPDF_TTFontDef_SetTagName(def, (char *)pdf->ttfont_tag);
	return def->base_font;
}

/* The font of path with only the glyphs of the codes in used (and those of
 * "H" and "x", from which libharu takes /CapHeight and /XHeight); the
 * whole file when it cannot be cut (ttf_subset.h). */
static const char *
load_subset(pdf_ctx *c, const char *path, const uint8_t *used)
{
	size_t n;
	diag quiet; /* a file that cannot be read: libharu says why, as before */
	diag_init(&quiet, NULL, NULL);
	/* the bytes the engine measured, read once (the resource table) */
	const unsigned char *file = res_file(c->res, path, "font", FONT_FILE_MAX, &n, &quiet);
	if (!file)
		return HPDF_LoadTTFontFromFile(c->pdf, path, HPDF_TRUE);
	uint16_t *codes = arena_array(c->a, 65536, sizeof *codes);
	size_t ncodes = 0;
	for (unsigned u = 0; u < 0x10000; u++)
		if ((used[u >> 3] & (1u << (u & 7))) || u == 'H' || u == 'x')
			codes[ncodes++] = (uint16_t)u;
	size_t len;
	const char *why;
	unsigned char *sub = ttf_subset(file, n, codes, ncodes, &len, &why);
	if (!sub)
		return load_font_data(c, file, n); /* whole, from the same bytes */
	const char *name = load_font_data(c, sub, len);
	free(sub);
	return name;
}

/* The encoder of the document's Type0 fonts: Identity-H, CID = code =
 * code point, as libharu's UTF-8 encoder, but with only the codes drawn
 * in its map, so that making a font asks the font's cmap for those codes
 * instead of all 65 535 (CIDFontType2_New, hpdf_font_cid.c). libharu writes
 * the map (and /W) of CIDs below the largest one only: one code above the
 * largest drawn is added, which no text uses. */
static HPDF_STATUS
encoder_init(HPDF_Encoder e)
{
	HPDF_STATUS st = HPDF_CMapEncoder_InitAttr(e);
	if (st != HPDF_OK)
		return st;
	HPDF_CMapEncoderAttr a = e->attr;
	static const HPDF_CidRange_Rec all = { 0x0000, 0xFFFF, 0 };
	if ((st = HPDF_CMapEncoder_AddCodeSpaceRange(e, all)) != HPDF_OK)
		return st;
	snprintf(a->registry, sizeof a->registry, "Adobe");
	snprintf(a->ordering, sizeof a->ordering, "Identity-H");
	a->suppliment = 0;
	a->writing_mode = HPDF_WMODE_HORIZONTAL;
	e->type = HPDF_ENCODER_TYPE_DOUBLE_BYTE;
	return HPDF_OK;
}

static bool
make_encoder(pdf_ctx *c, const uint8_t *all)
{
	static char name[] = "Vorlage-Identity-H";
	HPDF_Encoder e = HPDF_CMapEncoder_New(c->pdf->mmgr, name, encoder_init);
	if (!pdf_obj(c, e, "encoder") || !pdf_ok(c, HPDF_Doc_RegisterEncoder(c->pdf, e), "encoder"))
		return false;
	e = HPDF_GetEncoder(c->pdf, name); /* runs encoder_init */
	if (!pdf_obj(c, e, "encoder"))
		return false;
	HPDF_CMapEncoderAttr a = e->attr;
	unsigned top = 0;
	for (unsigned u = 1; u < 0xFFFF; u++)
		if (all[u >> 3] & (1u << (u & 7)))
			top = u;
	for (unsigned u = 1; u <= top + 1 && u < 0xFFFF;) {
		if (!(all[u >> 3] & (1u << (u & 7))) && u != top + 1) {
			u++;
			continue;
		}
		unsigned v = u;
		while (v + 1 <= top && (all[(v + 1) >> 3] & (1u << ((v + 1) & 7))))
			v++;
		HPDF_CidRange_Rec r[2] = { { (HPDF_UINT16)u, (HPDF_UINT16)v, (HPDF_UINT16)u }, { 0xFFFF, 0xFFFF, 0 } };
		if (!pdf_ok(c, HPDF_CMapEncoder_AddCMap(e, r), "encoder"))
			return false;
		for (unsigned w = u; w <= v; w++)
			a->unicode_map[w & 0xFF][w >> 8] = (HPDF_UNICODE)w;
		u = v + 1;
	}
	c->encoder = name;
	return true;
}

bool
pdf_font_load(pdf_ctx *c)
{
	for (int f = 0; f < TS_NFACES; f++) {
		const char *p = c->doc->font_paths[f] ? c->doc->font_paths[f] : c->doc->font_paths[TS_REGULAR];
		c->face_font[f] = -1;
		if (!p)
			continue;
		size_t k;
		for (k = 0; k < c->nfonts; k++)
			if (!strcmp(c->fonts[k].path, p))
				break;
		if (k == c->nfonts)
			c->fonts[c->nfonts++] = (pdf_font){ .path = p };
		c->face_font[f] = (int)k;
	}
	uint8_t *all = arena_zalloc(c->a, 65536 / 8);
	scan_codes(c, all);
	for (size_t k = 0; k < c->nfonts; k++) {
		const char *name = load_subset(c, c->fonts[k].path, c->fonts[k].used);
		if (!name || c->err_no) {
			const char *why = pdf_failure(c);
			if (why)
				MSG(PDF_FONT_LOAD, c->d, c->fonts[k].path, 0, 0, why);
			return false;
		}
		c->fonts[k].name = name;
		memset(c->fonts[k].used, 0, 65536 / 8);
	}
	return make_encoder(c, all);
}

pdf_font *
pdf_font_of(pdf_ctx *c, enum ts_face face)
{
	int k = font_index(c, face);
	if (k < 0) {
		if (!c->failed) {
			c->failed = true;
			MSG(PDF_NO_FONT, c->d, NULL, 0, 0);
		}
		return NULL;
	}
	pdf_font *f = &c->fonts[k];
	if (!f->font) {
		f->font = HPDF_GetFont(c->pdf, f->name, c->encoder);
		if (!f->font || c->err_no) {
			const char *why = pdf_failure(c);
			if (why)
				MSG(PDF_FONT_USE, c->d, f->path, 0, 0, why);
			return NULL;
		}
		f->def = ((HPDF_FontAttr)f->font->attr)->fontdef;
	}
	return f;
}

/* A character the font cannot draw: an error (PDF/UA-1 7.21.8 forbids
 * .notdef), said once per character. */
static void
no_glyph(pdf_ctx *c, const pdf_font *f, uint32_t cp)
{
	c->failed = c->invalid = true;
	for (size_t i = 0; i < c->nwarned; i++)
		if (c->warned[i] == cp)
			return;
	c->warned = xgrow(c->warned, &c->warned_cap, c->nwarned + 1, sizeof *c->warned);
	c->warned[c->nwarned++] = cp;
	char u[5] = "?";
	if (cp >= 0x20 && cp != 0x7F)
		u[utf8_encode(cp, u)] = '\0';
	const ts_srcpos *at = c->src && c->src->file ? c->src : NULL;
	if (cp > 0xFFFF)
		MSG(NO_GLYPH_CODE, c->d, at ? at->file : f->path, at ? at->line : 0, at ? at->col : 0,
		    (unsigned)cp, u);
	else if (at)
		MSG(NO_GLYPH_IN, c->d, at->file, at->line, at->col, (unsigned)cp, u, f->path);
	else
		MSG(NO_GLYPH, c->d, f->path, 0, 0, (unsigned)cp, u);
}

bool
pdf_font_has(pdf_font *f, uint32_t cp)
{
	return cp <= 0xFFFF && HPDF_TTFontDef_GetGlyphid(f->def, (HPDF_UINT16)cp) != 0;
}

/* The width of code cp in f (1/1000 of the size), -1 when the font has no
 * glyph for it. libharu is asked once a code: the first
 * HPDF_TTFontDef_GetCharWidth also marks the glyph (and its components)
 * for embedding; each asks the font's cmap, two look-ups a character
 * with pdf_font_has, 5 % of the instructions of a long document. */
static long
code_width(pdf_ctx *c, pdf_font *f, uint32_t cp)
{
	if (cp > 0xFFFF)
		return -1;
	if (!f->width) {
		f->width = arena_array(c->a, 0x10000, sizeof *f->width);
		for (size_t u = 0; u < 0x10000; u++)
			f->width[u] = -2;
	}
	int32_t *w = &f->width[cp];
	if (*w == -2)
		*w = pdf_font_has(f, cp) ? HPDF_TTFontDef_GetCharWidth(f->def, (HPDF_UINT16)cp) : -1;
	return *w;
}

long
pdf_font_codes(pdf_ctx *c, pdf_font *f, const char *text, size_t len)
{
	long adv = 0;
	bool ok = true;
	/* at most 4 bytes a character (both bytes escaped), a character at
	 * least 1 byte of UTF-8: the room made once, the bytes put directly */
	c->buf = xgrow(c->buf, &c->cap, c->len + 4 * len + 1, 1);
	char *o = c->buf + c->len;
	for (size_t i = 0; i < len;) {
		uint32_t cp = utf8_next(text, len, &i);
		long w = code_width(c, f, cp);
		if (w < 0) {
			no_glyph(c, f, cp);
			ok = false;
			continue;
		}
		uint16_t code = (uint16_t)cp;
		adv += w;
		f->used[code >> 3] |= (uint8_t)(1u << (code & 7));
		/* the two bytes in a literal string: as they are but for the
		 * string's delimiters and CR, which a reader would turn into LF */
		for (int k = 0; k < 2; k++) {
			char b = (char)(k ? code & 0xFF : code >> 8);
			if (b == '(' || b == ')' || b == '\\')
				*o++ = '\\';
			if (b == '\r') {
				*o++ = '\\';
				*o++ = 'r';
			} else {
				*o++ = b;
			}
		}
	}
	c->len = (size_t)(o - c->buf);
	c->buf[c->len] = 0;
	return ok ? adv : -1;
}

/* ------------------------------------------------------------------------ */
/* /W and ToUnicode */

static bool
trim_widths(pdf_ctx *c, pdf_font *f)
{
	HPDF_FontAttr fa = (HPDF_FontAttr)f->font->attr;
	HPDF_Dict cidfont = fa->descendant_font;
	if (!cidfont)
		return true;
	HPDF_Array w = HPDF_Array_New(c->pdf->mmgr);
	if (!pdf_obj(c, w, "W"))
		return false;
	for (unsigned u = 0; u < 0x10000;) {
		if (!USED(f, u)) {
			u++;
			continue;
		}
		HPDF_Array run = HPDF_Array_New(c->pdf->mmgr);
		if (!pdf_obj(c, run, "W") || !pdf_ok(c, HPDF_Array_AddNumber(w, (HPDF_INT32)u), "W") ||
		    !pdf_ok(c, HPDF_Array_Add(w, run), "W"))
			return false;
		for (; u < 0x10000 && USED(f, u); u++)
			if (!pdf_ok(c, HPDF_Array_AddNumber(run,
			    (HPDF_INT32)HPDF_TTFontDef_GetCharWidth(f->def, (HPDF_UINT16)u)), "W"))
				return false;
	}
	return pdf_ok(c, HPDF_Dict_Add(cidfont, "W", w), "W");
}

static bool
write_tounicode(pdf_ctx *c, pdf_font *f)
{
	HPDF_FontAttr fa = (HPDF_FontAttr)f->font->attr;
	HPDF_Dict cm = fa->cmap_stream;
	if (cm && pdf_dict_get(f->font, "ToUnicode", HPDF_OCLASS_DICT) == cm) {
		/* Reuse libharu's stream object: no orphan left in the file. */
		HPDF_MemStream_FreeData(cm->stream);
		/* The CMap's own keys mean nothing in a ToUnicode stream. */
		static const char *const cmap_keys[] = { "Type", "CMapName", "CIDSystemInfo", "WMode" };
		for (size_t i = 0; i < sizeof cmap_keys / sizeof cmap_keys[0]; i++)
			pdf_dict_remove(cm, cmap_keys[i]);
	} else {
		cm = HPDF_DictStream_New(c->pdf->mmgr, fa->xref);
		if (!pdf_obj(c, cm, "ToUnicode") || !pdf_ok(c, HPDF_Dict_Add(f->font, "ToUnicode", cm), "ToUnicode"))
			return false;
	}
	cm->filter = HPDF_STREAM_FILTER_FLATE_DECODE;

	c->len = 0;
	pdf_buf_str(c, "/CIDInit /ProcSet findresource begin\n"
	    "12 dict begin\n"
	    "begincmap\n"
	    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
	    "/CMapName /Adobe-Identity-UCS def\n"
	    "/CMapType 2 def\n"
	    "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	unsigned codes[100];
	size_t n = 0;
	for (unsigned u = 0; u <= 0x10000; u++) {
		if (u < 0x10000 && USED(f, u))
			codes[n++] = u;
		if (n == 100 || (u == 0x10000 && n > 0)) {
			char line[64];
			snprintf(line, sizeof line, "%zu beginbfchar\n", n);
			pdf_buf_str(c, line);
			for (size_t k = 0; k < n; k++) {
				snprintf(line, sizeof line, "<%04X> <%04X>\n", codes[k], codes[k]);
				pdf_buf_str(c, line);
			}
			pdf_buf_str(c, "endbfchar\n");
			n = 0;
		}
	}
	pdf_buf_str(c, "endcmap\n"
	    "CMapName currentdict /CMap defineresource pop\n"
	    "end\n"
	    "end\n");
	return pdf_ok(c, HPDF_Stream_Write(cm->stream, (const HPDF_BYTE *)c->buf, (HPDF_UINT)c->len), "ToUnicode");
}

bool
pdf_font_finish(pdf_ctx *c)
{
	for (size_t k = 0; k < c->nfonts; k++)
		if (c->fonts[k].font && (!write_tounicode(c, &c->fonts[k]) || !trim_widths(c, &c->fonts[k])))
			return false;
	return true;
}

/* ------------------------------------------------------------------------ */
/* CIDToGIDMap, CIDSet */

/* The scratch map of the font passes, made on first use. */
static HPDF_UINT16 *
scratch_map(pdf_ctx *c)
{
	if (!c->cid_map)
		c->cid_map = arena_alloc(c->a, 65536 * sizeof *c->cid_map);
	return c->cid_map;
}

/* The CID -> GID map libharu wrote into the font's /CIDToGIDMap, computed
 * the same way as CIDFontType2_New (hpdf_font_cid.c, 2.3.0). Returns its
 * length (max); map has room for 65536 entries. */
static HPDF_UINT
cid_to_gid(HPDF_Font font, HPDF_UINT16 *map)
{
	HPDF_FontAttr fa = font->attr;
	HPDF_FontDef def = fa->fontdef;
	HPDF_Encoder enc = fa->encoder;
	HPDF_CMapEncoderAttr ea = enc->attr;
	HPDF_UINT max = 0;
	memset(map, 0, 65536 * sizeof *map);
	/* the fonts' encoder is always make_encoder's, a plain CMap encoder */
	for (HPDF_UINT i = 0; i < 256; i++) {
		for (HPDF_UINT j = 0; j < 256; j++) {
			HPDF_UINT16 cid = ea->cid_map[i][j];
			if (cid != 0) {
				map[cid] = HPDF_TTFontDef_GetGlyphid(def, ea->unicode_map[i][j]);
				if (max < cid)
					max = cid;
			}
		}
	}
	return max;
}

/* Adds the CIDs present in the embedded subset of font to bits (8192 bytes). */
static void
cidset_bits(HPDF_Font font, HPDF_UINT16 *map, unsigned char *bits)
{
	HPDF_FontAttr fa = font->attr;
	HPDF_TTFontDefAttr tt = fa->fontdef->attr;
	HPDF_UINT n = cid_to_gid(font, map);
	bits[0] |= 0x80; /* CID 0: .notdef, always embedded */
	for (HPDF_UINT cid = 1; cid < n; cid++) {
		HPDF_UINT16 g = map[cid];
		if (g != 0 && g < tt->num_glyphs && tt->glyph_tbl.flgs[g])
			bits[cid >> 3] |= (unsigned char)(0x80 >> (cid & 7));
	}
}

/* The CIDs of the fonts of def whose glyphs are embedded, as /CIDSet bits
 * (8192 bytes); *nbytes: up to the last byte with a bit set. */
static unsigned char *
embedded_cids(pdf_ctx *c, HPDF_FontDef def, size_t *nbytes)
{
	unsigned char *bits = arena_zalloc(c->a, 8192);
	for (HPDF_UINT i = 0; i < c->pdf->font_mgr->count; i++) {
		HPDF_Font other = HPDF_List_ItemAt(c->pdf->font_mgr, i);
		HPDF_FontAttr oa = other->attr;
		if (oa->type == HPDF_FONT_TYPE0_TT && oa->fontdef == def)
			cidset_bits(other, scratch_map(c), bits);
	}
	size_t n = 8192;
	while (n > 1 && bits[n - 1] == 0)
		n--;
	*nbytes = n;
	return bits;
}

/* The map written anew from the same entries, up to ncids. */
static bool
trim_cid_map(pdf_ctx *c, HPDF_Font font, size_t ncids)
{
	HPDF_FontAttr fa = font->attr;
	HPDF_Dict cidfont = fa->descendant_font;
	HPDF_Dict m = cidfont ? pdf_dict_get(cidfont, "CIDToGIDMap", HPDF_OCLASS_DICT) : NULL;
	if (!m || !m->stream)
		return true; /* no map (or not a stream): nothing to trim */
	HPDF_UINT16 *map = scratch_map(c);
	HPDF_UINT n = cid_to_gid(font, map);
	if (ncids > (size_t)n + 1)
		ncids = (size_t)n + 1;
	unsigned char *buf = arena_alloc(c->a, 2 * ncids);
	for (size_t i = 0; i < ncids; i++) {
		buf[2 * i] = (unsigned char)(map[i] >> 8);
		buf[2 * i + 1] = (unsigned char)(map[i] & 0xFF);
	}
	HPDF_MemStream_FreeData(m->stream);
	return pdf_ok(c, HPDF_Stream_Write(m->stream, buf, (HPDF_UINT)(2 * ncids)), "CIDToGIDMap");
}

bool
pdf_font_trim_maps(pdf_ctx *c)
{
	HPDF_List fonts = c->pdf->font_mgr;
	for (HPDF_UINT i = 0; fonts && i < fonts->count; i++) {
		HPDF_Font font = HPDF_List_ItemAt(fonts, i);
		HPDF_FontAttr fa = font->attr;
		if (fa->type != HPDF_FONT_TYPE0_TT || !((HPDF_TTFontDefAttr)fa->fontdef->attr)->embedding)
			continue;
		size_t nbytes;
		const unsigned char *bits = embedded_cids(c, fa->fontdef, &nbytes);
		size_t ncids = nbytes * 8;
		while (ncids > 1 && !(bits[(ncids - 1) >> 3] & (0x80 >> ((ncids - 1) & 7))))
			ncids--;
		if (!trim_cid_map(c, font, ncids))
			return false;
	}
	return true;
}

bool
pdf_font_is_embedded(HPDF_Font font)
{
	HPDF_FontAttr fa = font->attr;
	HPDF_FontDef def = fa->fontdef;
	switch (fa->type) {
	case HPDF_FONT_TYPE1:
		return def->type == HPDF_FONTDEF_TYPE_TYPE1 &&
		    ((HPDF_Type1FontDefAttr)def->attr)->font_data != NULL;
	case HPDF_FONT_TRUETYPE:
	case HPDF_FONT_TYPE0_TT:
		return ((HPDF_TTFontDefAttr)def->attr)->embedding;
	default: /* HPDF_FONT_TYPE0_CID: predefined CJK fonts, never embedded */
		return false;
	}
}

bool
pdf_font_descriptor(pdf_ctx *c, HPDF_Font font)
{
	HPDF_Doc pdf = c->pdf;
	HPDF_FontAttr fa = font->attr;
	HPDF_FontDef def = fa->fontdef;
	HPDF_TTFontDefAttr tt = def->attr;
	if (fa->type != HPDF_FONT_TYPE0_TT || !tt->embedding || def->descriptor)
		return true;

	size_t nbytes;
	unsigned char *bits = embedded_cids(c, def, &nbytes);

	HPDF_Dict desc = HPDF_Dict_New(pdf->mmgr);
	HPDF_Dict data = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
	HPDF_Dict cidset = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
	if (!pdf_obj(c, desc, "FontDescriptor") || !pdf_obj(c, data, "FontFile2")
	    || !pdf_obj(c, cidset, "CIDSet")
	    || !pdf_ok(c, HPDF_Xref_Add(pdf->xref, desc), "FontDescriptor")
	    || !pdf_ok(c, HPDF_TTFontDef_SaveFontData(def, data->stream), "font subset"))
		return false;
	data->filter = font->filter;
	cidset->filter = font->filter;
	bool ok = pdf_add(c, desc, "FontFile2", data)
	    && pdf_ok(c, HPDF_Dict_AddNumber(data, "Length1", (HPDF_INT32)tt->length1), "FontFile2")
	    && pdf_ok(c, HPDF_Dict_AddNumber(data, "Length2", 0), "FontFile2")
	    && pdf_ok(c, HPDF_Dict_AddNumber(data, "Length3", 0), "FontFile2")
	    && pdf_ok(c, HPDF_Dict_AddName(desc, "Type", "FontDescriptor"), "FontDescriptor")
	    && pdf_ok(c, HPDF_Dict_AddNumber(desc, "Ascent", def->ascent), "FontDescriptor")
	    && pdf_ok(c, HPDF_Dict_AddNumber(desc, "Descent", def->descent), "FontDescriptor")
	    && pdf_ok(c, HPDF_Dict_AddNumber(desc, "Flags", (HPDF_INT32)def->flags), "FontDescriptor")
	    && pdf_add(c, desc, "FontBBox", HPDF_Box_Array_New(pdf->mmgr, def->font_bbox))
	    && pdf_ok(c, HPDF_Dict_AddName(desc, "FontName", tt->base_font), "FontDescriptor")
	    && pdf_ok(c, HPDF_Dict_AddNumber(desc, "ItalicAngle", def->italic_angle), "FontDescriptor")
	    && pdf_ok(c, HPDF_Dict_AddNumber(desc, "StemV", def->stemv), "FontDescriptor")
	    && pdf_ok(c, HPDF_Dict_AddNumber(desc, "XHeight", def->x_height), "FontDescriptor")
	    && pdf_ok(c, HPDF_Dict_AddNumber(desc, "CapHeight", def->cap_height), "FontDescriptor")
	    && pdf_ok(c, HPDF_Stream_Write(cidset->stream, bits, (HPDF_UINT)nbytes), "CIDSet")
	    && pdf_add(c, desc, "CIDSet", cidset);
	if (ok)
		def->descriptor = desc;
	return ok;
}
