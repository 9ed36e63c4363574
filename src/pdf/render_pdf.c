/* render_pdf.c: the PDF back end's driver. Draws a laid-out document
 * (ts_layout) with libharu 2.3.0 in this order: fonts, pages, the fonts'
 * ToUnicode and /W, outline and page labels, Info, version and /ID, the
 * trimmed CIDToGIDMaps, the PDF/A-1b parts (archival mode); then writes the
 * file atomically. Also the one translation of libharu's errors into words,
 * and the content buffer the other parts share (pdf.h says who does what).
 *
 * What libharu does with text (read from its source and checked on its
 * output): HPDF_UseUTFEncodings registers an encoder "UTF-8" whose Type0
 * fonts use /Encoding /Identity-H; the code written for a character is its
 * Unicode code point as two bytes (UCS-2; anything above U+FFFF becomes a
 * space), the CID equals that code, and the /CIDToGIDMap of the CIDFontType2
 * maps it to the glyph through the font's cmap. So a code is a code point. */
#include "pdf_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf_doc.h>
#include <hpdf_objects.h>

#include "base/base.h"

/* ------------------------------------------------------------------------ */
/* libharu's errors */

static void
on_hpdf_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user)
{
	pdf_ctx *c = user;
	if (!c->err_no) {
		c->err_no = error_no;
		c->err_detail = detail_no;
	}
}

static const struct {
	HPDF_STATUS no;
	const char *text;
} hpdf_errors[] = {
	{ HPDF_ARRAY_COUNT_ERR, "too many array elements" },
	{ HPDF_BINARY_LENGTH_ERR, "binary string too long" },
	{ HPDF_DICT_COUNT_ERR, "too many dictionary entries" },
	{ HPDF_DICT_ITEM_NOT_FOUND, "dictionary entry missing" },
	{ HPDF_FAILD_TO_ALLOC_MEM, "out of memory" },
	{ HPDF_FILE_IO_ERROR, "read or write error" },
	{ HPDF_FILE_OPEN_ERROR, "cannot open the file" },
	{ HPDF_FONT_EXISTS, "a font of the same name is already loaded" },
	{ HPDF_FONT_INVALID_WIDTHS_TABLE, "invalid widths table in the font" },
	{ HPDF_INVALID_DATE_TIME, "invalid date" },
	{ HPDF_INVALID_DOCUMENT, "no document" },
	{ HPDF_INVALID_ENCODER, "invalid text encoder" },
	{ HPDF_INVALID_FONTDEF_DATA, "invalid font data" },
	{ HPDF_INVALID_IMAGE, "invalid image" },
	{ HPDF_INVALID_OBJECT, "cannot make a PDF object" },
	{ HPDF_INVALID_OUTLINE, "invalid outline item" },
	{ HPDF_INVALID_PAGE, "invalid page" },
	{ HPDF_INVALID_PARAMETER, "invalid parameter" },
	{ HPDF_INVALID_PNG_IMAGE, "not a PNG image (or a kind libharu cannot read)" },
	{ HPDF_INVALID_TTC_FILE, "invalid TrueType collection" },
	{ HPDF_LIBPNG_ERROR, "libpng cannot read the image" },
	{ HPDF_NAME_OUT_OF_RANGE, "name too long" },
	{ HPDF_PAGE_INVALID_FONT, "invalid font" },
	{ HPDF_PAGE_INVALID_FONT_SIZE, "invalid font size" },
	{ HPDF_PAGE_INVALID_SIZE, "invalid page size" },
	{ HPDF_REAL_OUT_OF_RANGE, "number out of range" },
	{ HPDF_STRING_OUT_OF_RANGE, "string too long" },
	{ HPDF_TTF_CANNOT_EMBEDDING_FONT, "the font's licence does not allow embedding" },
	{ HPDF_TTF_INVALID_CMAP, "the font has no Unicode character map" },
	{ HPDF_TTF_INVALID_FOMAT, "not a TrueType font" },
	{ HPDF_TTF_MISSING_TABLE, "a table the font needs is missing" },
	{ HPDF_UNSUPPORTED_FONT_TYPE, "unsupported font type" },
	{ HPDF_XREF_COUNT_ERR, "too many objects" },
	{ HPDF_ZLIB_ERROR, "compression failed" },
};

const char *
pdf_error_text(HPDF_STATUS no)
{
	for (size_t i = 0; i < sizeof hpdf_errors / sizeof hpdf_errors[0]; i++)
		if (hpdf_errors[i].no == no)
			return hpdf_errors[i].text;
	return no ? "libharu failed" : "libharu failed without saying why";
}

const char *
pdf_failure(pdf_ctx *c)
{
	if (c->failed)
		return NULL;
	c->failed = true;
	if ((c->err_no == HPDF_FILE_OPEN_ERROR || c->err_no == HPDF_FILE_IO_ERROR) && c->err_detail > 0)
		return strerror((int)c->err_detail); /* libharu passes errno as the detail */
	return pdf_error_text(c->err_no);
}

void
pdf_fail(pdf_ctx *c, const char *what)
{
	const char *why = pdf_failure(c);
	if (why)
		MSG(PDF_FAILED, c->d, NULL, 0, 0, what, why);
}

bool
pdf_ok(pdf_ctx *c, HPDF_STATUS st, const char *what)
{
	if (st == HPDF_OK && !c->err_no)
		return true;
	if (!c->err_no)
		c->err_no = st;
	pdf_fail(c, what);
	return false;
}

bool
pdf_obj(pdf_ctx *c, const void *obj, const char *what)
{
	return pdf_ok(c, obj ? HPDF_OK : HPDF_INVALID_OBJECT, what);
}

bool
pdf_add(pdf_ctx *c, HPDF_Dict dict, const char *key, void *obj)
{
	return pdf_obj(c, obj, key) && pdf_ok(c, HPDF_Dict_Add(dict, key, obj), key);
}

static void *
resolve(void *obj)
{
	HPDF_Obj_Header *h = obj;
	if (h && h->obj_class == HPDF_OCLASS_PROXY)
		return ((HPDF_Proxy)obj)->obj;
	return obj;
}

void *
pdf_dict_get(HPDF_Dict dict, const char *key, HPDF_UINT16 cls)
{
	for (HPDF_UINT i = 0; i < dict->list->count; i++) {
		HPDF_DictElement e = HPDF_List_ItemAt(dict->list, i);
		if (strcmp(e->key, key) == 0) {
			HPDF_Obj_Header *v = resolve(e->value);
			return v && (v->obj_class & HPDF_OCLASS_ANY) == cls ? v : NULL;
		}
	}
	return NULL;
}

void
pdf_dict_remove(HPDF_Dict dict, const char *key)
{
	for (HPDF_UINT i = 0; i < dict->list->count; i++) {
		HPDF_DictElement e = HPDF_List_ItemAt(dict->list, i);
		if (strcmp(e->key, key) == 0) {
			HPDF_Dict_RemoveElement(dict, key);
			return;
		}
	}
}

/* ------------------------------------------------------------------------ */
/* The content buffer */

void
pdf_buf_add(pdf_ctx *c, const char *s, size_t n)
{
	c->buf = xgrow(c->buf, &c->cap, c->len + n + 1, 1);
	memcpy(c->buf + c->len, s, n);
	c->len += n;
	c->buf[c->len] = 0;
}

void
pdf_buf_str(pdf_ctx *c, const char *s)
{
	pdf_buf_add(c, s, strlen(s));
}

/* ------------------------------------------------------------------------ */

bool
pdf_ctx_open(pdf_ctx *c, const ts_layout *doc, const render_opts *o, diag *d)
{
	memset(c, 0, sizeof *c);
	c->doc = doc;
	c->o = o;
	c->d = d;
	c->pdf = HPDF_New(on_hpdf_error, c);
	if (!c->pdf) {
		MSG(PDF_NO_MEMORY, d, NULL, 0, 0);
		return false;
	}
	c->a = arena_new();
	return true;
}

void
pdf_ctx_close(pdf_ctx *c)
{
	if (c->pdf)
		HPDF_Free(c->pdf);
	free(c->images);
	free(c->warned);
	free(c->buf);
	pdf_struct_close(c);
	arena_free(c->a);
	memset(c, 0, sizeof *c);
}

/* The PDF's bytes, from libharu's memory stream: *out from malloc, the
 * caller's to free. Returns an enum vl_exit. */
static int
stream_bytes(pdf_ctx *c, unsigned char **out, size_t *len)
{
	if (!pdf_ok(c, HPDF_SaveToStream(c->pdf), "save"))
		return VL_EXIT_TROUBLE;
	HPDF_UINT32 size = HPDF_GetStreamSize(c->pdf);
	unsigned char *data = xmalloc(size ? size : 1);
	HPDF_UINT32 got = 0;
	HPDF_ResetStream(c->pdf);
	while (got < size) {
		HPDF_UINT32 n = size - got;
		HPDF_STATUS st = HPDF_ReadFromStream(c->pdf, data + got, &n);
		got += n;
		if (st == HPDF_STREAM_EOF || (st == HPDF_OK && n == 0))
			break;
		if (st != HPDF_OK) {
			free(data);
			pdf_ok(c, st, "save");
			return VL_EXIT_TROUBLE;
		}
	}
	c->err_no = 0; /* HPDF_STREAM_EOF is raised through the handler */
	HPDF_ResetError(c->pdf);
	*out = data;
	*len = got;
	return VL_EXIT_OK;
}

/* The file: written over nothing but a regular file, never over an input
 * (the run's, and the images drawn). */
static int
save(pdf_ctx *c, const char *path)
{
	unsigned char *data;
	size_t got;
	int rc = stream_bytes(c, &data, &got);
	if (rc != VL_EXIT_OK)
		return rc;
	size_t n = c->o->ninputs + c->nimages;
	const char **inputs = arena_array(c->a, n ? n : 1, sizeof *inputs);
	for (size_t i = 0; i < c->o->ninputs; i++)
		inputs[i] = c->o->inputs[i];
	for (size_t i = 0; i < c->nimages; i++)
		inputs[c->o->ninputs + i] = c->images[i].path;
	rc = file_write_atomic(path, data, got, inputs, n, c->d);
	if (rc != VL_EXIT_OK)
		c->failed = true;
	free(data);
	return rc;
}

static int
render(pdf_ctx *c)
{
	const ts_layout *doc = c->doc;
	if (!pdf_ok(c, HPDF_UseUTFEncodings(c->pdf), "UTF-8 encoder"))
		return VL_EXIT_TROUBLE;
	c->utf8 = HPDF_GetEncoder(c->pdf, "UTF-8");
	if (!pdf_obj(c, c->utf8, "UTF-8 encoder")
	    || !pdf_ok(c, HPDF_SetCompressionMode(c->pdf, HPDF_COMP_ALL), "compression")
	    || !pdf_font_load(c))
		return VL_EXIT_TROUBLE;
	if (doc->npages == 0) {
		c->failed = true;
		MSG(PDF_NO_PAGES, c->d, NULL, 0, 0);
		return VL_EXIT_TROUBLE;
	}
	HPDF_Page *pages = arena_array(c->a, doc->npages, sizeof(HPDF_Page));
	c->pages = pages;
	for (size_t i = 0; i < doc->npages; i++) {
		HPDF_Page page = HPDF_AddPage(c->pdf);
		if (!pdf_obj(c, page, "page")
		    || !pdf_ok(c, HPDF_Page_SetWidth(page, (HPDF_REAL)ts_to_pt(doc->width)), "page size")
		    || !pdf_ok(c, HPDF_Page_SetHeight(page, (HPDF_REAL)ts_to_pt(doc->height)), "page size"))
			return VL_EXIT_TROUBLE;
		pages[i] = page;
	}
	pdf_struct_open(c);
	if (doc->ndests) {
		/* where the destinations begin, found before any page is drawn
		 * (and dropped): a link may go back to an earlier page */
		c->dest_page = arena_array(c->a, doc->ndests, sizeof *c->dest_page);
		c->dest_top = arena_array(c->a, doc->ndests, sizeof *c->dest_top);
		ts_layout_dest_places(doc, c->dest_page, c->dest_top);
	}
	for (size_t i = 0; i < doc->npages; i++) {
		if (!pdf_page_draw(c, i))
			return c->invalid ? VL_EXIT_INVALID : VL_EXIT_TROUBLE;
		if (c->o->drop_pages && c->own)
			ts_layout_drop_page(c->own, i);
	}
	if (!pdf_font_finish(c) || !pdf_struct_finish(c) || !pdf_nav_outline(c, pages)
	    || !pdf_nav_labels(c) || !pdf_meta_info(c))
		return VL_EXIT_TROUBLE;
	c->pdf->pdf_version = HPDF_VER_14;
	if (!pdf_meta_id(c) || !pdf_font_trim_maps(c))
		return VL_EXIT_TROUBLE;
	/* tagged, PDF/UA-1 always; PDF/A-1a in archival mode */
	if (c->o->archival ? !pdfa_apply(c) : !pdf_meta_xmp(c, pdf_ua_claim))
		return VL_EXIT_TROUBLE;
	return VL_EXIT_OK;
}

/* The document drawn into c, then out: into the file at path, or (path
 * NULL) into *out and *len. */
static int
render_to(const ts_layout *doc, ts_layout *own, const render_opts *o, const char *path,
    unsigned char **out, size_t *len, diag *d)
{
	static const render_opts defaults = { .archival = false };
	pdf_ctx c;
	if (!pdf_ctx_open(&c, doc, o ? o : &defaults, d))
		return VL_EXIT_TROUBLE;
	c.own = own;
	int rc = render(&c);
	if (rc == VL_EXIT_OK)
		rc = path ? save(&c, path) : stream_bytes(&c, out, len);
	if (rc != VL_EXIT_OK && !c.failed)
		pdf_fail(&c, "unknown failure");
	pdf_ctx_close(&c);
	return rc;
}

int
render_pdf(ts_layout *doc, const render_opts *o, const char *path, diag *d)
{
	return render_to(doc, doc, o, path, NULL, NULL, d);
}

int
render_pdf_mem(const ts_layout *doc, const render_opts *o, unsigned char **out, size_t *len,
    diag *d)
{
	*out = NULL;
	*len = 0;
	return render_to(doc, NULL, o, NULL, out, len, d);
}
