/* pdfa.h: PDF/A-1b (ISO 19005-1 level B) conformance and reproducibility for
 * the PDF back end. Only render_pdf.c and pdfa.c include it (it needs hpdf.h).
 *
 * render_pdf() calls pdfa_apply() once, after the last page is drawn and
 * right before HPDF_SaveToFile/HPDF_SaveToStream: nothing may be drawn, and no
 * font used, after it (the font subsets and their /CIDSet are fixed here).
 *
 * Rules for render_pdf in archival mode (o->archival) that pdfa_apply cannot
 * repair afterwards:
 *   - do not call HPDF_PDFA_SetPDFAConformance, HPDF_SetPassword,
 *     HPDF_SetInfoDateAttr with the clock, or anything that adds JavaScript,
 *     embedded files, or transparency (ExtGState alpha, soft masks);
 *   - embed every font (HPDF_LoadTTFontFromFile(pdf, path, HPDF_TRUE)), draw
 *     text through a Type0 font with the "UTF-8" encoder (HPDF_UseUTFEncodings)
 *     or another embedded TrueType font; the base-14 fonts are not embedded and
 *     are rejected here;
 *   - reject PNG images with an alpha channel or tRNS transparency
 *     (libharu turns those into an /SMask): pdfa_png_has_alpha() tells.
 * pdfa_apply itself: sets PDF 1.4, the trailer /ID from doc->id (also when
 * !o->archival), the Info dictionary from doc->info (authoritative: it
 * overrides whatever was set before, including libharu's default Producer);
 * and when o->archival: the XMP metadata stream, the sRGB output intent from
 * o->icc_path, /CIDSet in the descriptors of the embedded CID fonts, /F 4 on
 * every annotation. Returns an enum vl_exit (VL_EXIT_OK on success); messages
 * go to d. */
#ifndef VORLAGE_PDFA_H
#define VORLAGE_PDFA_H

#include <stdbool.h>
#include <stddef.h>

#include <hpdf.h>

#include "arena.h"
#include "diag.h"
#include "render.h"
#include "typeset.h"

int pdfa_apply(HPDF_Doc pdf, const ts_doc *doc, const render_opts *o, diag *d);

/* True when the PNG file has an alpha channel (colour type 4 or 6) or a tRNS
 * chunk; false when it has neither or cannot be read (the loader reports
 * that). Reads only the chunk headers. */
bool pdfa_png_has_alpha(const char *path);

/* Small pure helpers, exposed for the unit tests. */

/* The XMP packet (UTF-8, NUL-terminated) for info: every value XML-escaped. */
char *pdfa_xmp_packet(arena *a, const ts_info *info);
/* s with & < > " ' replaced by entities (NULL gives ""). */
char *pdfa_xml_escape(arena *a, const char *s);
/* "2023-11-02T00:00:00Z" and "D:20231102000000Z" for info's date. */
char *pdfa_xmp_date(arena *a, const ts_info *info);
char *pdfa_pdf_date(arena *a, const ts_info *info);
/* A PDF text string for UTF-8 s: the bytes as they are when s is printable
 * ASCII, else UTF-16BE with a byte-order mark. *len receives the length.
 * NULL for malformed UTF-8. */
unsigned char *pdfa_text_string(arena *a, const char *s, size_t *len);

#endif
