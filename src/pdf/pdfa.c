/* pdfa.c: what only PDF/A-1 asks for, on top of libharu 2.3.0's object
 * layer: the XMP packet with the conformance claim (6.7: level A, the
 * tagging of 6.8 being made for PDF/UA in every mode by pdf_struct.c), the sRGB output intent (6.2.2), every font embedded (6.3.4) with
 * /CIDSet (6.3.5, made by pdf_font.c), every annotation printable (6.5.3).
 * Version 1.4, /ID, Info and the fonts' dictionaries are made in both modes
 * elsewhere (pdf.h).
 *
 * libharu's own HPDF_PDFA_SetPDFAConformance is not used (see pdf_meta.c);
 * HPDF_PDFA_AppendOutputIntents spells the key "DestOutputProfile " with a
 * trailing blank; and no libharu version writes /CIDSet for its TrueType
 * CID subsets. The header libharu writes, "%PDF-1.x\n%\267\276\255\252\n",
 * has the binary comment 6.1.2 wants. */
#include "pdf_int.h"

#include <stdlib.h>
#include <string.h>

#include <hpdf_doc.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include <hpdf_objects.h>

#include "base/base.h"

#define ICC_MAX (4u << 20)

/* PDF/A-1a; and pdfuaid, a schema PDF/A-1 does not know, described as
 * 6.7.8 asks (ISO 19005-1 Technical Corrigendum 2: pdfaExtension:schemas
 * with schema, namespaceURI, prefix and each property's name, valueType,
 * category and description). */
const char pdfa_claim[] =
    "  <rdf:Description rdf:about=\"\"\n"
    "    xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n"
    "   <pdfaid:part>1</pdfaid:part>\n"
    "   <pdfaid:conformance>A</pdfaid:conformance>\n"
    "  </rdf:Description>\n"
    "  <rdf:Description rdf:about=\"\"\n"
    "    xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\"\n"
    "    xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\"\n"
    "    xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n"
    "   <pdfaExtension:schemas>\n"
    "    <rdf:Bag>\n"
    "     <rdf:li rdf:parseType=\"Resource\">\n"
    "      <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>\n"
    "      <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>\n"
    "      <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>\n"
    "      <pdfaSchema:property>\n"
    "       <rdf:Seq>\n"
    "        <rdf:li rdf:parseType=\"Resource\">\n"
    "         <pdfaProperty:name>part</pdfaProperty:name>\n"
    "         <pdfaProperty:valueType>Integer</pdfaProperty:valueType>\n"
    "         <pdfaProperty:category>internal</pdfaProperty:category>\n"
    "         <pdfaProperty:description>Indicates which part of ISO 14289 the file conforms to</pdfaProperty:description>\n"
    "        </rdf:li>\n"
    "       </rdf:Seq>\n"
    "      </pdfaSchema:property>\n"
    "     </rdf:li>\n"
    "    </rdf:Bag>\n"
    "   </pdfaExtension:schemas>\n"
    "  </rdf:Description>\n";

/* Why the profile cannot be the output intent's, or NULL. */
static const char *
icc_problem(const unsigned char *buf, size_t n)
{
	if (n < 132 || memcmp(buf + 36, "acsp", 4) != 0)
		return "not an ICC profile";
	if (((size_t)buf[0] << 24 | (size_t)buf[1] << 16 | (size_t)buf[2] << 8 | buf[3]) != n)
		return "its size field does not match the file";
	if (buf[8] != 2)
		return "not a version 2 profile (PDF/A-1 needs ICC.1:1998-09, version 2.x)";
	if (memcmp(buf + 16, "RGB ", 4) != 0)
		return "not an RGB profile";
	return NULL;
}

static bool
set_output_intent(pdf_ctx *c, const char *icc_path)
{
	if (!icc_path) {
		c->failed = true;
		MSG(ICC_MISSING, c->d, NULL, 0, 0);
		return false;
	}
	size_t n;
	unsigned char *buf = (unsigned char *)file_read(icc_path, "ICC profile", ICC_MAX, &n, c->d);
	const char *why = buf ? icc_problem(buf, n) : NULL;
	if (!buf || why) {
		if (why)
			MSG(ICC_BROKEN, c->d, icc_path, 0, 0, why);
		free(buf);
		c->failed = true;
		return false;
	}
	HPDF_Doc pdf = c->pdf;
	HPDF_MMgr mm = pdf->mmgr;
	HPDF_Dict icc = HPDF_DictStream_New(mm, pdf->xref);
	HPDF_Dict intent = HPDF_Dict_New(mm);
	HPDF_Array intents = HPDF_Array_New(mm);
	bool ok = pdf_obj(c, icc, "ICC profile") && pdf_obj(c, intent, "OutputIntent")
	    && pdf_obj(c, intents, "OutputIntents")
	    && pdf_ok(c, HPDF_Xref_Add(pdf->xref, intent), "OutputIntent");
	if (ok) {
		icc->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
		ok = pdf_ok(c, HPDF_Dict_AddNumber(icc, "N", 3), "ICC profile")
		    && pdf_ok(c, HPDF_Stream_Write(icc->stream, buf, (HPDF_UINT)n), "ICC profile");
	}
	free(buf);
	const char *id = "sRGB IEC61966-2.1";
	return ok
	    && pdf_ok(c, HPDF_Dict_AddName(intent, "Type", "OutputIntent"), "OutputIntent")
	    && pdf_ok(c, HPDF_Dict_AddName(intent, "S", "GTS_PDFA1"), "OutputIntent")
	    && pdf_add(c, intent, "OutputConditionIdentifier", HPDF_String_New(mm, id, NULL))
	    && pdf_add(c, intent, "Info", HPDF_String_New(mm, id, NULL))
	    && pdf_add(c, intent, "RegistryName", HPDF_String_New(mm, "http://www.color.org", NULL))
	    && pdf_add(c, intent, "DestOutputProfile", icc)
	    && pdf_add(c, pdf->catalog, "OutputIntents", intents)
	    && pdf_ok(c, HPDF_Array_Add(intents, intent), "OutputIntents");
}

/* Every font embedded (6.3.4); the CID fonts with a /CIDSet (6.3.5). */
static bool
check_fonts(pdf_ctx *c)
{
	HPDF_List fonts = c->pdf->font_mgr;
	for (HPDF_UINT i = 0; fonts && i < fonts->count; i++) {
		HPDF_Font font = HPDF_List_ItemAt(fonts, i);
		if (!pdf_font_is_embedded(font)) {
			c->failed = true;
			MSG(PDF_FONT_NOT_EMBEDDED, c->d, NULL, 0, 0,
			    ((HPDF_FontAttr)font->attr)->fontdef->base_font);
			return false;
		}
		if (!pdf_font_descriptor(c, font))
			return false;
	}
	return true;
}

/* Every annotation printable and visible: /F 4 (6.5.3). */
static bool
fix_annotations(pdf_ctx *c)
{
	HPDF_List pages = c->pdf->page_list;
	for (HPDF_UINT i = 0; pages && i < pages->count; i++) {
		HPDF_Dict page = HPDF_List_ItemAt(pages, i);
		HPDF_Array annots = pdf_dict_get(page, "Annots", HPDF_OCLASS_ARRAY);
		for (HPDF_UINT k = 0; annots && k < annots->list->count; k++) {
			HPDF_Obj_Header *an = HPDF_List_ItemAt(annots->list, k);
			if (an && an->obj_class == HPDF_OCLASS_PROXY)
				an = ((HPDF_Proxy)an)->obj;
			if (!an || (an->obj_class & HPDF_OCLASS_ANY) != HPDF_OCLASS_DICT)
				continue;
			HPDF_Number f = pdf_dict_get((HPDF_Dict)an, "F", HPDF_OCLASS_NUMBER);
			HPDF_INT32 v = f ? f->value : 0;
			v = (v | 4) & ~(1 | 2 | 32); /* Print; not Invisible, Hidden, NoView */
			if (!pdf_ok(c, HPDF_Dict_AddNumber((HPDF_Dict)an, "F", v), "annotation /F"))
				return false;
		}
	}
	return true;
}

bool
pdfa_apply(pdf_ctx *c)
{
	return pdf_meta_xmp(c, arena_printf(c->a, "%s%s", pdfa_claim, pdf_ua_claim)) && set_output_intent(c, c->o->icc_path)
	    && check_fonts(c) && fix_annotations(c);
}
