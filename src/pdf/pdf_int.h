/* pdf_int.h: what the files of the PDF back end share. Only they include it
 * (it needs hpdf.h); the rest of the program sees pdf.h.
 *
 *   render_pdf.c  the driver: the steps in order, the file written
 *                 (file_write_atomic)
 *   pdf_obj.c     the object layer the driver and every step use: libharu's
 *                 errors in words, checked objects, the content buffer,
 *                 numbers in hundredths
 *   pdf_page.c    a page's content: rules, images, text as TJ runs
 *   pdf_font.c    fonts: loading, text to codes, /W, ToUnicode,
 *                 CIDToGIDMap, FontDescriptor with /CIDSet
 *   pdf_nav.c     outline (bookmarks) and page labels
 *   pdf_meta.c    text strings, Info, the trailer /ID, the XMP packet, dates
 *   pdf_struct.c  the structure tree (tagged PDF), the parent tree, what
 *                 PDF/UA-1 asks of the catalog and the pages
 *   pdfa.c        what only PDF/A asks for: XMP claim, output intent,
 *                 every font embedded, annotation flags */
#ifndef VORLAGE_PDF_INT_H
#define VORLAGE_PDF_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <hpdf.h>

#include "base/base.h"
#include "pdf.h"
#include "engine/layout.h"

typedef struct pdf_font {
	const char *path;
	const char *name;       /* libharu's name for the font definition */
	HPDF_Font font;         /* NULL until first used */
	HPDF_FontDef def;
	uint8_t *used;          /* bitmap of the 2-byte codes drawn (cleared after
				   pdf_font_load, which uses it for the subset) */
	int32_t *width;         /* per code: its width as pdf_font_codes adds it,
				   -1 no glyph, -2 not yet asked (NULL until the
				   first text) */
} pdf_font;

/* An image embedded: one XObject per decoded image (per file, however
 * many spellings of its path the figures use). */
typedef struct pdf_image {
	const image_png *img;
	const char *path;       /* its first spelling: never written over */
	HPDF_Image image;
} pdf_image;

typedef struct pdf_struct pdf_struct;

typedef struct pdf_ctx {
	const ts_layout *doc;
	ts_layout *own;                    /* doc, when its pages may be dropped as
					   drawn (render_opts.drop_pages) */
	const render_opts *o;
	diag *d;
	arena *a;                       /* the renderer's own */
	res_table *res;                 /* o->res, or own_res */
	res_table *own_res;
	HPDF_Doc pdf;
	HPDF_Encoder utf8;              /* for strings outside the pages */
	const char *encoder;            /* the fonts' (pdf_font.c) */
	HPDF_STATUS err_no, err_detail; /* the first libharu error */
	bool failed;                    /* a message has been printed */
	pdf_font fonts[TS_NFACES];
	size_t nfonts;
	int face_font[TS_NFACES];       /* face -> index into fonts */
	pdf_image *images;
	size_t nimages, images_cap;
	uint32_t *warned;               /* code points reported missing */
	size_t nwarned, warned_cap;
	HPDF_UINT16 *cid_map;           /* scratch CID -> GID map (pdf_font.c) */
	char *buf;                      /* content being built */
	size_t len, cap;
	HPDF_Page *pages;               /* the document's pages, as made */
	pdf_struct *st;                 /* the structure being recorded */
	const ts_srcpos *src;           /* the source of the text item being drawn, or NULL */
	bool invalid;                   /* the failure is the document's (exit 1) */
} pdf_ctx;

/* ---- render_pdf.c ---- */

/* A libharu document whose errors land in c (HPDF_New with c's handler);
 * false after a message. pdf_ctx_close frees everything. */
bool pdf_ctx_open(pdf_ctx *c, const ts_layout *doc, const render_opts *o, diag *d);
void pdf_ctx_close(pdf_ctx *c);

/* ---- pdf_obj.c ---- */

/* libharu's error handler (HPDF_New's): the first error lands in c. */
void pdf_on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *c);
/* libharu's error code in words. */
const char *pdf_error_text(HPDF_STATUS no);
/* Marks c failed and returns the pending libharu error in words (errno's
 * text for a file error), for the caller's message; NULL when a message has
 * been printed before: each failure is reported once. */
const char *pdf_failure(pdf_ctx *c);
/* Reports the pending libharu error, once: "cannot make the PDF: WHAT: why". */
void pdf_fail(pdf_ctx *c, const char *what);
/* True when st is HPDF_OK and no error is pending; else reports. */
bool pdf_ok(pdf_ctx *c, HPDF_STATUS st, const char *what);
/* True when obj is not NULL and no error is pending; else reports. */
bool pdf_obj(pdf_ctx *c, const void *obj, const char *what);
/* dict[key] = obj (obj NULL is a failure). */
bool pdf_add(pdf_ctx *c, HPDF_Dict dict, const char *key, void *obj);
/* The value of key in dict, NULL when absent or of another class; never
 * raises libharu's error (HPDF_Dict_GetItem does). */
void *pdf_dict_get(HPDF_Dict dict, const char *key, HPDF_UINT16 cls);
/* Removes key from dict when it is there (HPDF_Dict_RemoveElement raises an
 * error when it is not). */
void pdf_dict_remove(HPDF_Dict dict, const char *key);
/* The content buffer: c->buf holds c->len bytes and a NUL. */
void pdf_buf_add(pdf_ctx *c, const char *s, size_t n);
void pdf_buf_str(pdf_ctx *c, const char *s);
/* Scaled points to PDF points rounded to 1/100 pt, as an integer count of
 * hundredths: positions on the page are exact to 0.0035 mm and print short. */
long pdf_hundredths(ts_sp v);

/* ---- pdf_page.c ---- */

/* Rules, images, then text of page i (c->pages[i]), every item marked as
 * its tag says. */
bool pdf_page_draw(pdf_ctx *c, size_t i);

/* ---- pdf_font.c ---- */

/* Loads the faces' files (each once), each cut to the characters the
 * document draws (ttf_subset.h), and makes the fonts' encoder. */
bool pdf_font_load(pdf_ctx *c);
/* The Type0 font of a face, made on first use (an unused face is not
 * embedded). NULL after a message. */
pdf_font *pdf_font_of(pdf_ctx *c, enum ts_face face);
/* Appends the 2-byte codes of UTF-8 text to the content buffer, as the
 * bytes of a literal string (without the parentheses), and marks them
 * used; returns their advance in 1/1000 of the font size, or -1 after a
 * message when a character has no glyph in the font (PDF/UA forbids
 * drawing .notdef: the document is invalid). */
long pdf_font_codes(pdf_ctx *c, pdf_font *f, const char *text, size_t len);
/* Whether the font draws code point cp with a glyph of its own. */
bool pdf_font_has(pdf_font *f, uint32_t cp);
/* After the last page: ToUnicode and /W of the codes used. */
bool pdf_font_finish(pdf_ctx *c);
/* Every embedded CID font's /CIDToGIDMap cut after its last embedded CID. */
bool pdf_font_trim_maps(pdf_ctx *c);
/* Whether the font's program is embedded in the file. */
bool pdf_font_is_embedded(HPDF_Font font);
/* The FontDescriptor of an embedded TrueType CID font with its /CIDSet,
 * made now from the final glyph flags (libharu would make it at save time,
 * without /CIDSet). */
bool pdf_font_descriptor(pdf_ctx *c, HPDF_Font font);

/* ---- pdf_nav.c ---- */

bool pdf_nav_outline(pdf_ctx *c, const HPDF_Page *pages);
/* Adds /Dest [page /XYZ null top null] (direct) to d: y from the page's top. */
bool pdf_nav_dest(pdf_ctx *c, HPDF_Dict d, HPDF_Page page, ts_sp y, const char *what);
bool pdf_nav_labels(pdf_ctx *c);

/* ---- pdf_meta.c ---- */

/* The longest HPDF string length libharu takes (HPDF_LIMIT_MAX_STRING_LEN). */
#define PDF_MAX_STRING 65535u
/* Whether s is printable ASCII (written as it is, not as UTF-16). */
bool pdf_is_ascii(const char *s);
/* s, or s cut at a character and ended with "…" so that its PDF text
 * string (pdf_text_string) and its UTF-8 both stay within PDF_MAX_STRING
 * bytes: an over-long title is shortened, never refused. */
const char *pdf_fit_text(arena *a, const char *s);
/* A PDF text string object for UTF-8 s: literal for printable ASCII, else
 * a hex string of UTF-16BE with a byte-order mark. */
void *pdf_text_obj(pdf_ctx *c, const char *s);
/* A PDF text string for UTF-8 s: the bytes as they are when s is printable
 * ASCII, else UTF-16BE with a byte-order mark (a malformed sequence becomes
 * U+FFFD). *len receives the length. */
unsigned char *pdf_text_string(arena *a, const char *s, size_t *len);
/* s with & < > " ' replaced by entities (NULL gives ""). */
char *pdf_xml_escape(arena *a, const char *s);
/* "2023-11-02T00:00:00Z" and "D:20231102000000Z" for info's date. */
char *pdf_xmp_date(arena *a, const ts_info *in);
char *pdf_pdf_date(arena *a, const ts_info *in);
/* The XMP packet (UTF-8, NUL-terminated) for in, every value escaped;
 * claim (may be NULL) is put in as the first rdf:Description. */
char *pdf_xmp_packet(arena *a, const ts_info *in, const char *claim);
/* The Info dictionary and the catalog's /Lang from c->o->info. */
bool pdf_meta_info(pdf_ctx *c);
/* The trailer /ID from the inputs' hashes, the output's variant and mode. */
bool pdf_meta_id(pdf_ctx *c);
/* The catalog's /Metadata stream, with claim. */
bool pdf_meta_xmp(pdf_ctx *c, const char *claim);

/* PDF/A-1 (ISO 19005-1, 6.1.12): an array holds at most 8191 elements: a
 * structure element's /K, a page's /Annots, a page's array in the parent
 * tree (one element per MCID). */
#define PDF_ARRAY_MAX 8191u

/* ---- pdf_struct.c ---- */

/* Starts recording the structure (after the pages exist, before drawing). */
void pdf_struct_open(pdf_ctx *c);
void pdf_struct_close(pdf_ctx *c);
/* The MCID of a new tagged sequence on page (index) for the node tag; -1
 * when the page holds PDF_ARRAY_MAX already. */
int pdf_struct_mcid(pdf_ctx *c, size_t page, int tag);
/* An annotation (a link's) on page for the node tag: an /OBJR kid of the
 * node, the annotation's /StructParent and its entry in the parent tree. */
bool pdf_struct_annot(pdf_ctx *c, size_t page, int tag, void *annot);
/* The structure type of node tag ("P", "H1", …). */
const char *pdf_struct_role(const pdf_ctx *c, int tag);
/* After the last page: the structure tree, the parent tree, /MarkInfo,
 * /ViewerPreferences, the pages' /StructParents and /Tabs. */
bool pdf_struct_finish(pdf_ctx *c);
/* The rdf:Description claiming PDF/UA-1, for the XMP packet. */
extern const char pdf_ua_claim[];

/* ---- pdfa.c ---- */

/* The PDF/A-1a parts, once everything else is in place, right before the
 * file is written: XMP with the conformance claims (PDF/A-1a, PDF/UA-1), the sRGB output intent
 * from c->o->icc_path, every font embedded (with /CIDSet), /F 4 on every
 * annotation. */
bool pdfa_apply(pdf_ctx *c);
/* The rdf:Descriptions claiming PDF/A-1a and describing the pdfuaid
 * schema (an extension schema to PDF/A-1), for the XMP packet. */
extern const char pdfa_claim[];

#endif
