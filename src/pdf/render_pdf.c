/* render_pdf.c: the PDF back end's driver. Draws a laid-out document
 * (ts_layout) with libharu 2.3.0 in this order: fonts, pages, the fonts'
 * ToUnicode and /W, outline and page labels, Info, version and /ID, the
 * trimmed CIDToGIDMaps, the PDF/A-1b parts (archival mode); then writes the
 * file atomically. It calls the steps (pdf_*.c, pdfa.c); they and it share
 * the object layer (pdf_obj.c); pdf_int.h says who does what.
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

bool
pdf_ctx_open(pdf_ctx *c, const ts_layout *doc, const render_opts *o, diag *d)
{
	memset(c, 0, sizeof *c);
	c->doc = doc;
	c->o = o;
	c->d = d;
	c->pdf = HPDF_New(pdf_on_error, c);
	if (!c->pdf) {
		MSG(PDF_NO_MEMORY, d, NULL, 0, 0);
		return false;
	}
	c->a = arena_new();
	c->res = o->res ? o->res : (c->own_res = res_table_new());
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
	res_table_free(c->own_res);
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
