/* pdfa.c: PDF/A-1b (ISO 19005-1 level B) and reproducible output on top of
 * libharu 2.3.0's object layer.
 *
 * libharu's own HPDF_PDFA_SetPDFAConformance is not used: its XMP stream has
 * /SubType for /Subtype, escapes nothing (& and < break the XML), is built
 * when called rather than when saved, fails outright on a UTC date written
 * as "Z"; its /ID comes from the clock (HPDF_PDFA_GenerateID hashes ctime());
 * HPDF_PDFA_AppendOutputIntents spells the key "DestOutputProfile " with a
 * trailing blank (harmless only because libharu writes the blank unescaped,
 * so readers see "/DestOutputProfile" and whitespace); and no libharu
 * version writes /CIDSet for its TrueType CID subsets.
 *
 * What libharu does on its own, from its source (hpdf_doc.c, hpdf_info.c,
 * hpdf_font_cid.c, hpdf_fontdef_tt.c, hpdf_encoder_utf.c):
 *   - the header is "%PDF-1.x\n%\267\276\255\252\n": a binary comment with
 *     four bytes above 127 on line 2, as ISO 19005-1 6.1.2 wants;
 *   - the trailer /ID is written only by HPDF_Doc_PrepareEncryption (with
 *     encryption) and HPDF_PDFA_GenerateID; otherwise nothing touches an /ID
 *     we put into pdf->trailer, and PrepareTrailer only adds /Root and /Info;
 *   - Info gets /Producer "Haru Free PDF Library 2.3.0" in HPDF_NewDoc and no
 *     date unless HPDF_SetInfoDateAttr is called: nothing reads the clock;
 *   - with HPDF_UseUTFEncodings the Type0 font has /Encoding /Identity-H and
 *     the content holds UTF-16BE code units: CID = Unicode code point (BMP
 *     only; libharu turns anything above U+FFFF into a space). The
 *     CIDFontType2's /CIDToGIDMap stream is filled when the font is created
 *     (CIDFontType2_New) for CIDs 0 .. max-1 with GID = the font's cmap
 *     lookup of the CID, max being 0xFFFF with the UTF-8 encoder (so CID
 *     0xFFFF falls outside the map); /W is written from the same map with
 *     HPDF_TTFontDef_GetGidWidth, i.e. from the font's hmtx scaled to 1000
 *     units: both agree with the embedded program (clause 6.3.6);
 *   - glyphs are marked used (glyph_tbl.flgs[gid] = 1) when text is
 *     measured or shown (HPDF_TTFontDef_GetCharWidth, which also marks the
 *     components of composite glyphs); flgs[0] (.notdef) is always set. The
 *     subset written by HPDF_TTFontDef_SaveFontData keeps every glyph slot
 *     (same numGlyphs, same GIDs) but copies the outlines only of flagged
 *     glyphs; the others get an empty loca entry;
 *   - the FontDescriptor and FontFile2 of a CIDFontType2 are made only at
 *     save time, in the Type0 font's before-write hook, unless
 *     fontdef->descriptor already exists. So pdfa_apply makes them itself,
 *     the same way (same entries, same filter as the font), adds the /CIDSet,
 *     and sets fontdef->descriptor; the hook then only links it.
 *
 * The /CIDSet: bit c is set (bit 0 = the high bit of byte 0) when CID c is
 * present in the embedded font program: c == 0 (.notdef is always embedded),
 * or CIDToGIDMap[c] is a GID other than 0 whose outline libharu embeds
 * (flags set). A CID that maps to GID 0 has no glyph of its own and is left
 * out; several CIDs mapping to one embedded glyph (U+0020 and U+00A0 both
 * to "space") are all present. */
#include "pdfa.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf_doc.h>
#include <hpdf_encoder.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>

#define ICC_MAX (4u << 20)

/* ---- pure helpers ------------------------------------------------------ */

char *
pdfa_xml_escape(arena *a, const char *s)
{
	if (!s)
		return arena_strdup(a, "");
	size_t n = 0;
	for (const char *p = s; *p; p++) {
		switch (*p) {
		case '&': n += 5; break;
		case '<': case '>': n += 4; break;
		case '"': case '\'': n += 6; break;
		default: n++;
		}
	}
	char *out = arena_alloc(a, n + 1), *q = out;
	for (const char *p = s; *p; p++) {
		const char *r = NULL;
		switch (*p) {
		case '&': r = "&amp;"; break;
		case '<': r = "&lt;"; break;
		case '>': r = "&gt;"; break;
		case '"': r = "&quot;"; break;
		case '\'': r = "&apos;"; break;
		default: *q++ = *p; continue;
		}
		size_t k = strlen(r);
		memcpy(q, r, k);
		q += k;
	}
	*q = '\0';
	return out;
}

static bool
has_date(const ts_info *in)
{
	return in->year > 0;
}

char *
pdfa_xmp_date(arena *a, const ts_info *in)
{
	return arena_printf(a, "%04d-%02d-%02dT%02d:%02d:%02dZ", in->year, in->month,
	    in->day, in->hour, in->minute, in->second);
}

char *
pdfa_pdf_date(arena *a, const ts_info *in)
{
	return arena_printf(a, "D:%04d%02d%02d%02d%02d%02dZ", in->year, in->month,
	    in->day, in->hour, in->minute, in->second);
}

/* Decodes one UTF-8 sequence at *p; returns the code point or -1. */
static long
utf8_next(const unsigned char **p)
{
	const unsigned char *s = *p;
	long c;
	int n;
	if (s[0] < 0x80) {
		*p = s + 1;
		return s[0];
	} else if ((s[0] & 0xE0) == 0xC0) {
		c = s[0] & 0x1F; n = 1;
	} else if ((s[0] & 0xF0) == 0xE0) {
		c = s[0] & 0x0F; n = 2;
	} else if ((s[0] & 0xF8) == 0xF0) {
		c = s[0] & 0x07; n = 3;
	} else {
		return -1;
	}
	for (int i = 1; i <= n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return -1;
		c = c << 6 | (s[i] & 0x3F);
	}
	static const long min[4] = { 0, 0x80, 0x800, 0x10000 };
	if (c < min[n] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return -1;
	*p = s + n + 1;
	return c;
}

unsigned char *
pdfa_text_string(arena *a, const char *s, size_t *len)
{
	size_t n = strlen(s);
	bool ascii = true;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] > 0x7E)
			ascii = false;
	if (ascii) {
		*len = n;
		return (unsigned char *)arena_strndup(a, s, n);
	}
	/* at most 4 bytes of UTF-16 per UTF-8 byte, plus the BOM */
	unsigned char *out = arena_alloc(a, 2 + 4 * n), *q = out;
	*q++ = 0xFE;
	*q++ = 0xFF;
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		long c = utf8_next(&p);
		if (c < 0)
			return NULL;
		if (c >= 0x10000) {
			long v = c - 0x10000;
			long hi = 0xD800 + (v >> 10), lo = 0xDC00 + (v & 0x3FF);
			*q++ = (unsigned char)(hi >> 8); *q++ = (unsigned char)hi;
			*q++ = (unsigned char)(lo >> 8); *q++ = (unsigned char)lo;
		} else {
			*q++ = (unsigned char)(c >> 8); *q++ = (unsigned char)c;
		}
	}
	*len = (size_t)(q - out);
	return out;
}

/* Valid UTF-8 without characters XML 1.0 forbids (C0 controls other than
 * tab, line feed, carriage return). */
static bool
xml_text_ok(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		long c = utf8_next(&p);
		if (c < 0 || (c < 0x20 && c != '\t' && c != '\n' && c != '\r') ||
		    c == 0xFFFE || c == 0xFFFF)
			return false;
	}
	return true;
}

static void
cat(arena *a, char **buf, const char *s)
{
	*buf = arena_printf(a, "%s%s", *buf, s);
}

/* Appends open, value escaped, close (nothing when value is NULL). */
static void
prop(arena *a, char **buf, const char *open, const char *value, const char *close)
{
	if (!value)
		return;
	*buf = arena_printf(a, "%s%s%s%s", *buf, open, pdfa_xml_escape(a, value), close);
}

char *
pdfa_xmp_packet(arena *a, const ts_info *in)
{
	char *x = arena_strdup(a,
	    "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
	    "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
	    " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
	    "  <rdf:Description rdf:about=\"\"\n"
	    "    xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n"
	    "   <pdfaid:part>1</pdfaid:part>\n"
	    "   <pdfaid:conformance>B</pdfaid:conformance>\n"
	    "  </rdf:Description>\n"
	    "  <rdf:Description rdf:about=\"\"\n"
	    "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
	    "   <dc:format>application/pdf</dc:format>\n");
	prop(a, &x, "   <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">", in->title, "</rdf:li></rdf:Alt></dc:title>\n");
	prop(a, &x, "   <dc:creator><rdf:Seq><rdf:li>", in->author, "</rdf:li></rdf:Seq></dc:creator>\n");
	prop(a, &x, "   <dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">", in->subject, "</rdf:li></rdf:Alt></dc:description>\n");
	cat(a, &x,
	    "  </rdf:Description>\n"
	    "  <rdf:Description rdf:about=\"\"\n"
	    "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n");
	prop(a, &x, "   <xmp:CreatorTool>", in->creator, "</xmp:CreatorTool>\n");
	if (has_date(in)) {
		char *date = pdfa_xmp_date(a, in);
		prop(a, &x, "   <xmp:CreateDate>", date, "</xmp:CreateDate>\n");
		prop(a, &x, "   <xmp:ModifyDate>", date, "</xmp:ModifyDate>\n");
		prop(a, &x, "   <xmp:MetadataDate>", date, "</xmp:MetadataDate>\n");
	}
	cat(a, &x,
	    "  </rdf:Description>\n"
	    "  <rdf:Description rdf:about=\"\"\n"
	    "    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n");
	prop(a, &x, "   <pdf:Keywords>", in->keywords, "</pdf:Keywords>\n");
	prop(a, &x, "   <pdf:Producer>", in->producer, "</pdf:Producer>\n");
	cat(a, &x,
	    "  </rdf:Description>\n"
	    " </rdf:RDF>\n"
	    "</x:xmpmeta>\n"
	    "<?xpacket end=\"w\"?>");
	return x;
}

bool
pdfa_png_has_alpha(const char *path)
{
	static const unsigned char sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
	FILE *f = fopen(path, "rb");
	if (!f)
		return false;
	unsigned char h[8];
	bool alpha = false;
	if (fread(h, 1, 8, f) != 8 || memcmp(h, sig, 8) != 0)
		goto done;
	for (int chunk = 0; chunk < 100000; chunk++) {
		if (fread(h, 1, 8, f) != 8)
			break;
		unsigned long len = (unsigned long)h[0] << 24 | (unsigned long)h[1] << 16 |
		    (unsigned long)h[2] << 8 | h[3];
		if (memcmp(h + 4, "IHDR", 4) == 0) {
			unsigned char ih[13];
			if (len != 13 || fread(ih, 1, 13, f) != 13)
				break;
			if (ih[9] == 4 || ih[9] == 6) {
				alpha = true;
				break;
			}
			len = 0;
		} else if (memcmp(h + 4, "tRNS", 4) == 0) {
			alpha = true;
			break;
		} else if (memcmp(h + 4, "IDAT", 4) == 0 || memcmp(h + 4, "IEND", 4) == 0) {
			break;
		}
		if (len > 0x7FFFFFFFul || fseek(f, (long)len + 4, SEEK_CUR) != 0)
			break;
	}
done:
	fclose(f);
	return alpha;
}

/* ---- libharu object helpers -------------------------------------------- */

typedef struct ctx {
	HPDF_Doc pdf;
	const ts_doc *doc;
	diag *d;
	arena *a;
	HPDF_UINT16 *map;   /* scratch CID -> GID map, 65536 entries, from a (cid_map) */
	bool failed;
} ctx;

/* The scratch map of the font passes, made on first use. */
static HPDF_UINT16 *
cid_map(ctx *c)
{
	if (!c->map)
		c->map = arena_alloc(c->a, 65536 * sizeof *c->map);
	return c->map;
}

static void
harufail(ctx *c, const char *what)
{
	if (!c->failed)
		diag_msg(c->d, DIAG_SYSERR, "PDF/A: libharu failed (%s): error 0x%04X",
		    what, (unsigned)HPDF_GetError(c->pdf));
	c->failed = true;
}

static void *
resolve(void *obj)
{
	HPDF_Obj_Header *h = obj;
	if (h && h->obj_class == HPDF_OCLASS_PROXY)
		return ((HPDF_Proxy)obj)->obj;
	return obj;
}

static HPDF_UINT16
oclass(void *obj)
{
	return (HPDF_UINT16)(((HPDF_Obj_Header *)obj)->obj_class & HPDF_OCLASS_ANY);
}

/* The value of key in dict, NULL when absent or of another class. Never
 * raises libharu's error (HPDF_Dict_GetItem does on a class mismatch). */
static void *
dict_get(HPDF_Dict dict, const char *key, HPDF_UINT16 cls)
{
	for (HPDF_UINT i = 0; i < dict->list->count; i++) {
		HPDF_DictElement e = HPDF_List_ItemAt(dict->list, i);
		if (strcmp(e->key, key) == 0) {
			void *v = resolve(e->value);
			return v && oclass(v) == cls ? v : NULL;
		}
	}
	return NULL;
}

static void
dict_remove(HPDF_Dict dict, const char *key)
{
	for (HPDF_UINT i = 0; i < dict->list->count; i++) {
		HPDF_DictElement e = HPDF_List_ItemAt(dict->list, i);
		if (strcmp(e->key, key) == 0) {
			HPDF_Dict_RemoveElement(dict, key);
			return;
		}
	}
}

static void
add(ctx *c, HPDF_Dict dict, const char *key, void *obj)
{
	if (!obj || HPDF_Dict_Add(dict, key, obj) != HPDF_OK)
		harufail(c, key);
}

/* A PDF text string for Info: literal for printable ASCII, else a hex
 * string of UTF-16BE with a byte-order mark. */
static void *
text_obj(ctx *c, const char *s)
{
	size_t len;
	unsigned char *t = pdfa_text_string(c->a, s, &len);
	if (!t)
		return NULL;
	if (len >= 2 && t[0] == 0xFE && t[1] == 0xFF)
		return HPDF_Binary_New(c->pdf->mmgr, t, (HPDF_UINT)len);
	return HPDF_String_New(c->pdf->mmgr, (const char *)t, NULL);
}

/* ---- the parts --------------------------------------------------------- */

static void
set_id(ctx *c)
{
	HPDF_Array id = HPDF_Array_New(c->pdf->mmgr);
	if (!id) {
		harufail(c, "ID");
		return;
	}
	add(c, c->pdf->trailer, "ID", id);
	for (int i = 0; i < 2; i++)
		if (HPDF_Array_Add(id, HPDF_Binary_New(c->pdf->mmgr,
		    (HPDF_BYTE *)c->doc->id, 16)) != HPDF_OK)
			harufail(c, "ID");
}

static HPDF_Dict
info_dict(ctx *c)
{
	HPDF_Doc pdf = c->pdf;
	if (!pdf->info) {
		pdf->info = HPDF_Dict_New(pdf->mmgr);
		if (!pdf->info || HPDF_Xref_Add(pdf->xref, pdf->info) != HPDF_OK) {
			pdf->info = NULL;
			harufail(c, "Info");
		}
	}
	return pdf->info;
}

static void
set_info(ctx *c)
{
	const ts_info *in = &c->doc->info;
	HPDF_Dict info = info_dict(c);
	if (!info)
		return;
	const struct { const char *key, *value; } f[] = {
		{ "Title", in->title }, { "Author", in->author }, { "Subject", in->subject },
		{ "Keywords", in->keywords }, { "Creator", in->creator },
		{ "Producer", in->producer },
	};
	for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
		if (!f[i].value) {
			dict_remove(info, f[i].key);
			continue;
		}
		if (!xml_text_ok(f[i].value)) {
			diag_msg(c->d, DIAG_ERROR, "document %s is not valid UTF-8 text "
			    "(control characters or malformed bytes)", f[i].key);
			c->failed = true;
			continue;
		}
		add(c, info, f[i].key, text_obj(c, f[i].value));
	}
	if (has_date(in)) {
		if (in->month < 1 || in->month > 12 || in->day < 1 || in->day > 31 ||
		    in->hour < 0 || in->hour > 23 || in->minute < 0 || in->minute > 59 ||
		    in->second < 0 || in->second > 59 || in->year > 9999) {
			diag_msg(c->d, DIAG_ERROR, "document date %04d-%02d-%02d %02d:%02d:%02d is invalid",
			    in->year, in->month, in->day, in->hour, in->minute, in->second);
			c->failed = true;
			return;
		}
		char *date = pdfa_pdf_date(c->a, in);
		add(c, info, "CreationDate", HPDF_String_New(c->pdf->mmgr, date, NULL));
		add(c, info, "ModDate", HPDF_String_New(c->pdf->mmgr, date, NULL));
	} else {
		dict_remove(info, "CreationDate");
		dict_remove(info, "ModDate");
	}
	if (in->lang && *in->lang)
		add(c, c->pdf->catalog, "Lang", HPDF_String_New(c->pdf->mmgr, in->lang, NULL));
}

static void
set_metadata(ctx *c)
{
	char *xmp = pdfa_xmp_packet(c->a, &c->doc->info);
	HPDF_Dict m = HPDF_DictStream_New(c->pdf->mmgr, c->pdf->xref);
	if (!m) {
		harufail(c, "Metadata");
		return;
	}
	m->filter = HPDF_STREAM_FILTER_NONE; /* 6.7.2: no filter on the metadata */
	if (HPDF_Dict_AddName(m, "Type", "Metadata") != HPDF_OK ||
	    HPDF_Dict_AddName(m, "Subtype", "XML") != HPDF_OK ||
	    HPDF_Stream_Write(m->stream, (const HPDF_BYTE *)xmp, (HPDF_UINT)strlen(xmp)) != HPDF_OK)
		harufail(c, "Metadata");
	add(c, c->pdf->catalog, "Metadata", m);
}

static void
set_output_intent(ctx *c, const char *icc_path)
{
	if (!icc_path) {
		diag_msg(c->d, DIAG_SYSERR, "PDF/A: no ICC profile for the output intent");
		c->failed = true;
		return;
	}
	FILE *f = fopen(icc_path, "rb");
	if (!f) {
		diag_msg(c->d, DIAG_SYSERR, "%s: %s", icc_path, strerror(errno));
		c->failed = true;
		return;
	}
	unsigned char *buf = arena_alloc(c->a, ICC_MAX);
	size_t n = fread(buf, 1, ICC_MAX, f);
	bool rerr = ferror(f) != 0, big = !rerr && n == ICC_MAX && fgetc(f) != EOF;
	fclose(f);
	const char *why = NULL;
	if (rerr)
		why = "cannot read it";
	else if (big)
		why = "larger than 4 MiB";
	else if (n < 132 || memcmp(buf + 36, "acsp", 4) != 0)
		why = "not an ICC profile";
	else if (((size_t)buf[0] << 24 | (size_t)buf[1] << 16 | (size_t)buf[2] << 8 | buf[3]) != n)
		why = "its size field does not match the file";
	else if (buf[8] != 2)
		why = "not a version 2 profile (PDF/A-1 needs ICC.1:1998-09, version 2.x)";
	else if (memcmp(buf + 16, "RGB ", 4) != 0)
		why = "not an RGB profile";
	if (why) {
		diag_msg(c->d, DIAG_SYSERR, "%s: %s", icc_path, why);
		c->failed = true;
		return;
	}
	HPDF_Doc pdf = c->pdf;
	HPDF_Dict icc = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
	HPDF_Dict intent = HPDF_Dict_New(pdf->mmgr);
	HPDF_Array intents = HPDF_Array_New(pdf->mmgr);
	if (!icc || !intent || !intents || HPDF_Xref_Add(pdf->xref, intent) != HPDF_OK) {
		harufail(c, "OutputIntent");
		return;
	}
	icc->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	if (HPDF_Dict_AddNumber(icc, "N", 3) != HPDF_OK ||
	    HPDF_Stream_Write(icc->stream, buf, (HPDF_UINT)n) != HPDF_OK)
		harufail(c, "ICC profile");
	const char *id = "sRGB IEC61966-2.1";
	if (HPDF_Dict_AddName(intent, "Type", "OutputIntent") != HPDF_OK ||
	    HPDF_Dict_AddName(intent, "S", "GTS_PDFA1") != HPDF_OK)
		harufail(c, "OutputIntent");
	add(c, intent, "OutputConditionIdentifier", HPDF_String_New(pdf->mmgr, id, NULL));
	add(c, intent, "Info", HPDF_String_New(pdf->mmgr, id, NULL));
	add(c, intent, "RegistryName", HPDF_String_New(pdf->mmgr, "http://www.color.org", NULL));
	add(c, intent, "DestOutputProfile", icc);
	add(c, pdf->catalog, "OutputIntents", intents);
	if (HPDF_Array_Add(intents, intent) != HPDF_OK)
		harufail(c, "OutputIntents");
}

/* Every annotation printable and visible: /F 4 (6.5.3). */
static void
fix_annotations(ctx *c)
{
	HPDF_List pages = c->pdf->page_list;
	for (HPDF_UINT i = 0; pages && i < pages->count; i++) {
		HPDF_Dict page = HPDF_List_ItemAt(pages, i);
		HPDF_Array annots = dict_get(page, "Annots", HPDF_OCLASS_ARRAY);
		for (HPDF_UINT k = 0; annots && k < annots->list->count; k++) {
			void *an = resolve(HPDF_List_ItemAt(annots->list, k));
			if (!an || oclass(an) != HPDF_OCLASS_DICT)
				continue;
			HPDF_Number f = dict_get(an, "F", HPDF_OCLASS_NUMBER);
			HPDF_INT32 v = f ? f->value : 0;
			v = (v | 4) & ~(1 | 2 | 32); /* Print; not Invisible, Hidden, NoView */
			if (HPDF_Dict_AddNumber(an, "F", v) != HPDF_OK)
				harufail(c, "annotation /F");
		}
	}
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
				/* the UTF-8 encoder: every code 0..0xFFFE, see below */
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
embedded_cids(ctx *c, HPDF_FontDef def, HPDF_UINT16 *map, size_t *nbytes)
{
	unsigned char *bits = arena_zalloc(c->a, 8192);
	for (HPDF_UINT i = 0; i < c->pdf->font_mgr->count; i++) {
		HPDF_Font other = HPDF_List_ItemAt(c->pdf->font_mgr, i);
		HPDF_FontAttr oa = other->attr;
		if (oa->type == HPDF_FONT_TYPE0_TT && oa->fontdef == def)
			cidset_bits(other, map, bits);
	}
	size_t n = 8192;
	while (n > 1 && bits[n - 1] == 0)
		n--;
	*nbytes = n;
	return bits;
}

/* libharu's /CIDToGIDMap has an entry for every code up to 0xFFFE (128 KiB
 * a font, compressed on every save). A CID past the map's end maps to glyph
 * 0, so the map may end after the last CID whose glyph is embedded: the
 * same entries, written anew from the same map, up to there. */
static void
trim_cid_map(ctx *c, HPDF_Font font, HPDF_UINT16 *map, size_t ncids)
{
	HPDF_FontAttr fa = font->attr;
	HPDF_Dict cidfont = fa->descendant_font;
	HPDF_Dict m = cidfont ? HPDF_Dict_GetItem(cidfont, "CIDToGIDMap", HPDF_OCLASS_DICT) : NULL;
	if (!m || !m->stream) {
		HPDF_ResetError(c->pdf); /* no map (or not a stream): nothing to trim */
		return;
	}
	HPDF_UINT n = cid_to_gid(font, map);
	if (ncids > (size_t)n + 1)
		ncids = (size_t)n + 1;
	unsigned char *buf = arena_alloc(c->a, 2 * ncids);
	for (size_t i = 0; i < ncids; i++) {
		buf[2 * i] = (unsigned char)(map[i] >> 8);
		buf[2 * i + 1] = (unsigned char)(map[i] & 0xFF);
	}
	HPDF_MemStream_FreeData(m->stream);
	if (HPDF_Stream_Write(m->stream, buf, (HPDF_UINT)(2 * ncids)) != HPDF_OK)
		harufail(c, "CIDToGIDMap");
}

/* The FontDescriptor of a TrueType CID font, as CIDFontType2_BeforeWrite_Func
 * makes it, plus /CIDSet; the subset is written now, from the final glyph
 * flags. */
static void
cid_descriptor(ctx *c, HPDF_Font font, HPDF_UINT16 *map)
{
	HPDF_Doc pdf = c->pdf;
	HPDF_FontAttr fa = font->attr;
	HPDF_FontDef def = fa->fontdef;
	HPDF_TTFontDefAttr tt = def->attr;

	size_t nbytes;
	unsigned char *bits = embedded_cids(c, def, map, &nbytes);

	HPDF_Dict desc = HPDF_Dict_New(pdf->mmgr);
	HPDF_Dict data = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
	HPDF_Dict cidset = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
	if (!desc || !data || !cidset || HPDF_Xref_Add(pdf->xref, desc) != HPDF_OK) {
		harufail(c, "FontDescriptor");
		return;
	}
	if (HPDF_TTFontDef_SaveFontData(def, data->stream) != HPDF_OK) {
		harufail(c, "font subset");
		return;
	}
	data->filter = font->filter;
	add(c, desc, "FontFile2", data);
	if (HPDF_Dict_AddNumber(data, "Length1", (HPDF_INT32)tt->length1) != HPDF_OK ||
	    HPDF_Dict_AddNumber(data, "Length2", 0) != HPDF_OK ||
	    HPDF_Dict_AddNumber(data, "Length3", 0) != HPDF_OK ||
	    HPDF_Dict_AddName(desc, "Type", "FontDescriptor") != HPDF_OK ||
	    HPDF_Dict_AddNumber(desc, "Ascent", def->ascent) != HPDF_OK ||
	    HPDF_Dict_AddNumber(desc, "Descent", def->descent) != HPDF_OK ||
	    HPDF_Dict_AddNumber(desc, "Flags", (HPDF_INT32)def->flags) != HPDF_OK)
		harufail(c, "FontDescriptor");
	add(c, desc, "FontBBox", HPDF_Box_Array_New(pdf->mmgr, def->font_bbox));
	if (HPDF_Dict_AddName(desc, "FontName", tt->base_font) != HPDF_OK ||
	    HPDF_Dict_AddNumber(desc, "ItalicAngle", def->italic_angle) != HPDF_OK ||
	    HPDF_Dict_AddNumber(desc, "StemV", def->stemv) != HPDF_OK ||
	    HPDF_Dict_AddNumber(desc, "XHeight", def->x_height) != HPDF_OK ||
	    HPDF_Dict_AddNumber(desc, "CapHeight", def->cap_height) != HPDF_OK)
		harufail(c, "FontDescriptor");
	cidset->filter = font->filter;
	if (HPDF_Stream_Write(cidset->stream, bits, (HPDF_UINT)nbytes) != HPDF_OK)
		harufail(c, "CIDSet");
	add(c, desc, "CIDSet", cidset);
	def->descriptor = desc;
}

/* Every embedded TrueType CID font's map cut after its last embedded CID
 * (archival or not). */
static void
trim_cid_maps(ctx *c)
{
	HPDF_List fonts = c->pdf->font_mgr;
	for (HPDF_UINT i = 0; fonts && i < fonts->count; i++) {
		HPDF_Font font = HPDF_List_ItemAt(fonts, i);
		HPDF_FontAttr fa = font->attr;
		if (fa->type != HPDF_FONT_TYPE0_TT || !((HPDF_TTFontDefAttr)fa->fontdef->attr)->embedding)
			continue;
		HPDF_UINT16 *map = cid_map(c);
		size_t nbytes;
		const unsigned char *bits = embedded_cids(c, fa->fontdef, map, &nbytes);
		size_t ncids = nbytes * 8;
		while (ncids > 1 && !(bits[(ncids - 1) >> 3] & (0x80 >> ((ncids - 1) & 7))))
			ncids--;
		trim_cid_map(c, font, map, ncids);
	}
}

/* Every font embedded (6.3.4); the CID fonts with a /CIDSet (6.3.5). */
static void
fix_fonts(ctx *c)
{
	HPDF_List fonts = c->pdf->font_mgr;
	for (HPDF_UINT i = 0; fonts && i < fonts->count; i++) {
		HPDF_Font font = HPDF_List_ItemAt(fonts, i);
		HPDF_FontAttr fa = font->attr;
		HPDF_FontDef def = fa->fontdef;
		bool embedded = false;
		switch (fa->type) {
		case HPDF_FONT_TYPE1:
			embedded = def->type == HPDF_FONTDEF_TYPE_TYPE1 &&
			    ((HPDF_Type1FontDefAttr)def->attr)->font_data != NULL;
			break;
		case HPDF_FONT_TRUETYPE:
			embedded = ((HPDF_TTFontDefAttr)def->attr)->embedding;
			break;
		case HPDF_FONT_TYPE0_TT:
			embedded = ((HPDF_TTFontDefAttr)def->attr)->embedding;
			if (embedded && !def->descriptor)
				cid_descriptor(c, font, cid_map(c));
			break;
		default: /* HPDF_FONT_TYPE0_CID: predefined CJK fonts, never embedded */
			break;
		}
		if (!embedded) {
			diag_msg(c->d, DIAG_SYSERR, "PDF/A: font %s is not embedded", def->base_font);
			c->failed = true;
		}
	}
}

int
pdfa_apply(HPDF_Doc pdf, const ts_doc *doc, const render_opts *o, diag *d)
{
	ctx c = { .pdf = pdf, .doc = doc, .d = d, .a = arena_new() };
	if (!HPDF_HasDoc(pdf)) {
		diag_msg(d, DIAG_SYSERR, "PDF: libharu document in error state (0x%04X)",
		    (unsigned)HPDF_GetError(pdf));
		arena_free(c.a);
		return VL_EXIT_TROUBLE;
	}
	if (pdf->encrypt_on) {
		/* HPDF_Doc_PrepareEncryption would replace /ID; 6.1.3 forbids it anyway */
		diag_msg(d, DIAG_SYSERR, "PDF: encryption is on");
		c.failed = true;
	}
	pdf->pdf_version = HPDF_VER_14;
	set_id(&c);
	set_info(&c);
	trim_cid_maps(&c);
	if (o->archival) {
		set_metadata(&c);
		set_output_intent(&c, o->icc_path);
		fix_fonts(&c);
		fix_annotations(&c);
	}
	arena_free(c.a);
	if (!c.failed && HPDF_GetError(pdf) != HPDF_OK)
		harufail(&c, "pdfa_apply");
	if (!c.failed)
		return VL_EXIT_OK;
	return diag_exit_status(d) == VL_EXIT_OK ? VL_EXIT_TROUBLE : diag_exit_status(d);
}
