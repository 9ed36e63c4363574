/* pdf_meta.c: what the PDF says about itself, each written once: text
 * strings, the Info dictionary and /Lang, the trailer /ID, the XMP packet,
 * dates. Every value comes from the render options (ts_info, the
 * inputs' hashes); nothing reads the clock.
 *
 * From libharu's source (hpdf_doc.c, hpdf_info.c): Info gets /Producer
 * "Haru Free PDF Library 2.3.0" in HPDF_NewDoc and no date unless
 * HPDF_SetInfoDateAttr is called; the trailer /ID is written only by
 * HPDF_Doc_PrepareEncryption (with encryption) and HPDF_PDFA_GenerateID
 * (from ctime()); otherwise nothing touches an /ID put into pdf->trailer.
 * libharu's own XMP (HPDF_PDFA_SetPDFAConformance) has /SubType for
 * /Subtype, escapes nothing and fails on a UTC date written as "Z": not
 * used. */
#include "pdf_int.h"

#include <string.h>

#include <hpdf_doc.h>
#include <hpdf_objects.h>

#include "base/base.h"

/* ---- text ---------------------------------------------------------------- */

bool
pdf_is_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7E)
			return false;
	return true;
}

/* Bytes of cp in a UTF-16 text string. */
static size_t
utf16_size(uint32_t cp)
{
	return cp >= 0x10000 ? 4 : 2;
}

const char *
pdf_fit_text(arena *a, const char *s)
{
	size_t n = strlen(s), u16 = 2;
	bool ascii = pdf_is_ascii(s);
	for (size_t i = 0; !ascii && i < n;)
		u16 += utf16_size(utf8_next(s, n, &i));
	if (n <= PDF_MAX_STRING && (ascii || u16 <= PDF_MAX_STRING))
		return s;
	/* the shortened text ends in U+2026, so it is UTF-16 with a BOM */
	static const char ellipsis[] = "\xE2\x80\xA6";
	char *out = arena_alloc(a, PDF_MAX_STRING + 1);
	size_t o = 0;
	u16 = 2 + 2;
	for (size_t i = 0; i < n;) {
		char enc[4];
		uint32_t cp = utf8_next(s, n, &i);
		size_t k = utf8_encode(cp, enc);
		if (o + k + 3 > PDF_MAX_STRING || u16 + utf16_size(cp) > PDF_MAX_STRING)
			break;
		memcpy(out + o, enc, k);
		o += k;
		u16 += utf16_size(cp);
	}
	memcpy(out + o, ellipsis, 4);
	return out;
}

unsigned char *
pdf_text_string(arena *a, const char *s, size_t *len)
{
	size_t n = strlen(s);
	if (pdf_is_ascii(s)) {
		*len = n;
		return (unsigned char *)arena_strndup(a, s, n);
	}
	/* at most 4 bytes of UTF-16 per UTF-8 byte, plus the BOM */
	unsigned char *out = arena_alloc(a, 2 + 4 * n), *q = out;
	*q++ = 0xFE;
	*q++ = 0xFF;
	for (size_t i = 0; i < n;) {
		uint32_t cp = utf8_next(s, n, &i);
		if (cp >= 0x10000) {
			uint32_t v = cp - 0x10000;
			uint32_t hi = 0xD800 + (v >> 10), lo = 0xDC00 + (v & 0x3FF);
			*q++ = (unsigned char)(hi >> 8); *q++ = (unsigned char)hi;
			*q++ = (unsigned char)(lo >> 8); *q++ = (unsigned char)lo;
		} else {
			*q++ = (unsigned char)(cp >> 8); *q++ = (unsigned char)cp;
		}
	}
	*len = (size_t)(q - out);
	return out;
}

char *
pdf_xml_escape(arena *a, const char *s)
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

/* ---- dates --------------------------------------------------------------- */

char *
pdf_xmp_date(arena *a, const ts_info *in)
{
	return arena_printf(a, "%04d-%02d-%02dT%02d:%02d:%02dZ", in->year, in->month,
	    in->day, in->hour, in->minute, in->second);
}

char *
pdf_pdf_date(arena *a, const ts_info *in)
{
	return arena_printf(a, "D:%04d%02d%02d%02d%02d%02dZ", in->year, in->month,
	    in->day, in->hour, in->minute, in->second);
}

/* ---- XMP ----------------------------------------------------------------- */

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
	*buf = arena_printf(a, "%s%s%s%s", *buf, open, pdf_xml_escape(a, value), close);
}

char *
pdf_xmp_packet(arena *a, const ts_info *in, const char *claim)
{
	char *x = arena_strdup(a,
	    "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
	    "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
	    " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n");
	if (claim)
		cat(a, &x, claim);
	cat(a, &x,
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
	if (in->year > 0) {
		char *date = pdf_xmp_date(a, in);
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

/* ---- into the PDF ---------------------------------------------------------- */

/* The options' information with every string fitted to a PDF string, so
 * that Info and XMP say the same. */
static ts_info
fitted_info(pdf_ctx *c)
{
	ts_info in = c->o->info;
	const char **s[] = { &in.title, &in.author, &in.subject, &in.keywords, &in.creator,
		&in.producer, &in.lang };
	for (size_t i = 0; i < sizeof s / sizeof s[0]; i++)
		if (*s[i])
			*s[i] = pdf_fit_text(c->a, *s[i]);
	return in;
}

void *
pdf_text_obj(pdf_ctx *c, const char *s)
{
	size_t len;
	unsigned char *t = pdf_text_string(c->a, s, &len);
	if (len >= 2 && t[0] == 0xFE && t[1] == 0xFF)
		return HPDF_Binary_New(c->pdf->mmgr, t, (HPDF_UINT)len);
	return HPDF_String_New(c->pdf->mmgr, (const char *)t, NULL);
}

bool
pdf_meta_info(pdf_ctx *c)
{
	HPDF_Doc pdf = c->pdf;
	if (!pdf->info) {
		pdf->info = HPDF_Dict_New(pdf->mmgr);
		if (!pdf_obj(c, pdf->info, "Info") || !pdf_ok(c, HPDF_Xref_Add(pdf->xref, pdf->info), "Info")) {
			pdf->info = NULL;
			return false;
		}
	}
	HPDF_Dict info = pdf->info;
	ts_info in = fitted_info(c);
	/* (libharu's own /Producer is the first key: replaced where it is) */
	const struct { const char *key, *value; } f[] = {
		{ "Title", in.title }, { "Author", in.author }, { "Subject", in.subject },
		{ "Keywords", in.keywords }, { "Creator", in.creator }, { "Producer", in.producer },
	};
	for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
		if (!f[i].value || !*f[i].value)
			pdf_dict_remove(info, f[i].key);
		else if (!pdf_add(c, info, f[i].key, pdf_text_obj(c, f[i].value)))
			return false;
	}
	if (in.year > 0) {
		char *date = pdf_pdf_date(c->a, &in);
		if (!pdf_add(c, info, "CreationDate", HPDF_String_New(pdf->mmgr, date, NULL))
		    || !pdf_add(c, info, "ModDate", HPDF_String_New(pdf->mmgr, date, NULL)))
			return false;
	} else {
		pdf_dict_remove(info, "CreationDate");
		pdf_dict_remove(info, "ModDate");
	}
	if (in.lang && *in.lang && !pdf_add(c, pdf->catalog, "Lang", HPDF_String_New(pdf->mmgr, in.lang, NULL)))
		return false;
	return true;
}

bool
pdf_meta_id(pdf_ctx *c)
{
	const render_opts *o = c->o;
	const char *variant = o->variant ? o->variant : "";
	unsigned char h[32];
	sha256_ctx s;
	sha256_init(&s);
	sha256_update(&s, o->source_hash, sizeof o->source_hash);
	sha256_update(&s, o->template_hash, sizeof o->template_hash);
	sha256_update(&s, variant, strlen(variant));
	sha256_update(&s, o->archival ? "A" : "P", 1);
	sha256_final(&s, h);
	HPDF_Array id = HPDF_Array_New(c->pdf->mmgr);
	if (!pdf_add(c, c->pdf->trailer, "ID", id))
		return false;
	for (int i = 0; i < 2; i++)
		if (!pdf_ok(c, HPDF_Array_Add(id, HPDF_Binary_New(c->pdf->mmgr, h, 16)), "ID"))
			return false;
	return true;
}

bool
pdf_meta_xmp(pdf_ctx *c, const char *claim)
{
	ts_info in = fitted_info(c);
	char *xmp = pdf_xmp_packet(c->a, &in, claim);
	HPDF_Dict m = HPDF_DictStream_New(c->pdf->mmgr, c->pdf->xref);
	if (!pdf_obj(c, m, "Metadata"))
		return false;
	m->filter = HPDF_STREAM_FILTER_NONE; /* 6.7.2: no filter on the metadata */
	return pdf_ok(c, HPDF_Dict_AddName(m, "Type", "Metadata"), "Metadata")
	    && pdf_ok(c, HPDF_Dict_AddName(m, "Subtype", "XML"), "Metadata")
	    && pdf_ok(c, HPDF_Stream_Write(m->stream, (const HPDF_BYTE *)xmp, (HPDF_UINT)strlen(xmp)), "Metadata")
	    && pdf_add(c, c->pdf->catalog, "Metadata", m);
}
