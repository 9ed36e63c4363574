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
 * hpdf_encoder_utf.c, 2.3.0): with HPDF_UseUTFEncodings the Type0 font has
 * /Encoding /Identity-H and the content holds UTF-16BE code units: CID =
 * Unicode code point (BMP only). The CIDFontType2's /CIDToGIDMap stream is
 * filled when the font is created (CIDFontType2_New) for CIDs 0 .. max-1
 * with GID = the font's cmap lookup of the CID, max being 0xFFFF with the
 * UTF-8 encoder (so CID 0xFFFF falls outside the map); /W is written from
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
#include "pdf.h"

#include <stdio.h>
#include <string.h>

#include <hpdf_doc.h>
#include <hpdf_encoder.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>

#include "utf8.h"

#define USED(f, c) ((f)->used[(c) >> 3] & (1u << ((c) & 7)))

/* ------------------------------------------------------------------------ */
/* Loading, text */

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
		if (k == c->nfonts) {
			const char *name = HPDF_LoadTTFontFromFile(c->pdf, p, HPDF_TRUE);
			if (!name || c->err_no) {
				pdf_fail(c, p, "cannot load font");
				return false;
			}
			c->fonts[k] = (pdf_font){ .path = p, .name = name };
			c->nfonts++;
		}
		c->face_font[f] = (int)k;
	}
	return true;
}

pdf_font *
pdf_font_of(pdf_ctx *c, enum ts_face face)
{
	int k = (face >= 0 && face < TS_NFACES) ? c->face_font[face] : -1;
	if (k < 0)
		k = c->face_font[TS_REGULAR];
	if (k < 0) {
		if (!c->failed) {
			c->failed = true;
			diag_msg(c->d, DIAG_SYSERR, "cannot make the PDF: text but no font");
		}
		return NULL;
	}
	pdf_font *f = &c->fonts[k];
	if (!f->font) {
		f->font = HPDF_GetFont(c->pdf, f->name, "UTF-8");
		if (!f->font || c->err_no) {
			pdf_fail(c, f->path, "cannot use font");
			return NULL;
		}
		f->def = ((HPDF_FontAttr)f->font->attr)->fontdef;
		f->used = arena_zalloc(c->a, 65536 / 8);
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
	diag_at(c->d, DIAG_ERROR, f->path, 0, 0, "U+%04X (%s) has no glyph in this font%s",
	    (unsigned)cp, u, cp > 0xFFFF ? " encoding (above U+FFFF)" : "");
}

bool
pdf_font_has(pdf_font *f, uint32_t cp)
{
	return cp <= 0xFFFF && HPDF_TTFontDef_GetGlyphid(f->def, (HPDF_UINT16)cp) != 0;
}

long
pdf_font_codes(pdf_ctx *c, pdf_font *f, const char *text, size_t len)
{
	long adv = 0;
	bool ok = true;
	for (size_t i = 0; i < len;) {
		uint32_t cp = utf8_next(text, len, &i);
		if (!pdf_font_has(f, cp)) {
			no_glyph(c, f, cp);
			ok = false;
			continue;
		}
		uint16_t code = (uint16_t)cp;
		adv += HPDF_TTFontDef_GetCharWidth(f->def, code);
		f->used[code >> 3] |= (uint8_t)(1u << (code & 7));
		/* the two bytes in a literal string: as they are but for the
		 * string's delimiters and CR, which a reader would turn into LF */
		for (int k = 0; k < 2; k++) {
			char b = (char)(k ? code & 0xFF : code >> 8);
			if (b == '(' || b == ')' || b == '\\')
				pdf_buf_add(c, "\\", 1);
			if (b == '\r')
				pdf_buf_add(c, "\\r", 2);
			else
				pdf_buf_add(c, &b, 1);
		}
	}
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

/* The map of HPDF_TTFontDef_GetGlyphid(def, u) for every u in 0..0xFFFE,
 * the CIDToGIDMap libharu writes for a font with the UTF-8 encoder. Asking
 * GetGlyphid 65535 times costs a linear search of the cmap's segments each
 * (about 5 ms a font); this walks the format 4 segments once and computes
 * the same values: a code outside every segment maps to 0, a code in
 * segment i to code + idDelta when idRangeOffset is 0, else to the
 * glyphIdArray entry plus idDelta (0 when the index is out of range).
 * Format 0 fonts fall back to the per-code lookup. */
static HPDF_UINT
cid_to_gid_identity(HPDF_FontDef def, HPDF_UINT16 *map)
{
	HPDF_TTFontDefAttr tt = def->attr;
	const HPDF_TTF_CmapRange *cm = &tt->cmap;
	if (cm->format != 4) {
		for (HPDF_UINT u = 0; u < 0xFFFF; u++)
			map[u] = HPDF_TTFontDef_GetGlyphid(def, (HPDF_UINT16)u);
		return 0xFFFE;
	}
	HPDF_UINT nseg = cm->seg_count_x2 / 2;
	for (HPDF_UINT i = 0; i < nseg; i++) {
		HPDF_UINT start = cm->start_count[i], end = cm->end_count[i];
		/* GetGlyphid takes the first segment whose end is >= u */
		HPDF_UINT from = i ? (HPDF_UINT)cm->end_count[i - 1] + 1 : 0;
		if (start < from)
			start = from;
		if (end > 0xFFFE)
			end = 0xFFFE;
		for (HPDF_UINT u = start; u <= end && start <= end; u++) {
			HPDF_UINT16 g;
			if (cm->id_range_offset[i] == 0) {
				g = (HPDF_UINT16)(u + (HPDF_UINT16)cm->id_delta[i]);
			} else {
				HPDF_UINT idx = cm->id_range_offset[i] / 2 + (u - cm->start_count[i]) - (nseg - i);
				g = idx >= cm->glyph_id_array_count ? 0
				    : (HPDF_UINT16)(cm->glyph_id_array[idx] + (HPDF_UINT16)cm->id_delta[i]);
			}
			map[u] = g;
		}
	}
	return 0xFFFE;
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
	for (HPDF_UINT i = 0; i < 256; i++) {
		for (HPDF_UINT j = 0; j < 256; j++) {
			if (enc->to_unicode_fn == HPDF_CMapEncoder_ToUnicode) {
				HPDF_UINT16 cid = ea->cid_map[i][j];
				if (cid != 0) {
					map[cid] = HPDF_TTFontDef_GetGlyphid(def, ea->unicode_map[i][j]);
					if (max < cid)
						max = cid;
				}
			} else {
				/* the UTF-8 encoder: every code 0..0xFFFE */
				return cid_to_gid_identity(def, map);
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
