/* pdf_nav.c: the outline (bookmarks) and the page labels, from the
 * document's headings and page numbering. A title too long for a PDF
 * string is shortened (pdf_fit_text). */
#include "pdf_int.h"

#include <hpdf_catalog.h>
#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_page_label.h>

/* [page /XYZ null top null], written directly in the item (PDFBox
 * Preflight cannot read an indirect /Dest): keep the reader's zoom and left
 * edge. */
bool
pdf_nav_dest(pdf_ctx *c, HPDF_Dict o, HPDF_Page page, ts_sp y, const char *what)
{
	double top = (double)pdf_hundredths(c->doc->height - y) / 100.0;
	HPDF_MMgr mm = c->pdf->mmgr;
	HPDF_Array a = HPDF_Array_New(mm);
	return pdf_obj(c, a, what)
	    && pdf_ok(c, HPDF_Array_Add(a, page), what)
	    && pdf_ok(c, HPDF_Array_AddName(a, "XYZ"), what)
	    && pdf_ok(c, HPDF_Array_Add(a, HPDF_Null_New(mm)), what)
	    && pdf_ok(c, HPDF_Array_AddReal(a, (HPDF_REAL)top), what)
	    && pdf_ok(c, HPDF_Array_Add(a, HPDF_Null_New(mm)), what)
	    && pdf_ok(c, HPDF_Dict_Add(o, "Dest", a), what);
}

bool
pdf_nav_outline(pdf_ctx *c, const HPDF_Page *pages)
{
	enum { MAXLEVEL = 16 };
	HPDF_Outline last[MAXLEVEL] = { 0 };
	const ts_layout *doc = c->doc;
	for (size_t i = 0; i < doc->noutline; i++) {
		const ts_outline *ol = &doc->outline[i];
		if (ol->page >= doc->npages || !ol->title)
			continue;
		int lv = ol->level < 0 ? 0 : ol->level >= MAXLEVEL ? MAXLEVEL - 1 : ol->level;
		HPDF_Outline parent = NULL;
		for (int p = lv - 1; p >= 0 && !parent; p--)
			parent = last[p];
		/* (a skipped level hangs on the nearest ancestor) */
		const char *title = pdf_fit_text(c->a, ol->title);
		HPDF_Outline o = HPDF_CreateOutline(c->pdf, parent, title, pdf_is_ascii(title) ? NULL : c->utf8);
		if (!pdf_obj(c, o, "outline"))
			return false;
		last[lv] = o;
		for (int p = lv + 1; p < MAXLEVEL; p++)
			last[p] = NULL;
		if (!pdf_ok(c, HPDF_Outline_SetOpened(o, lv == 0 ? HPDF_TRUE : HPDF_FALSE), "outline")
		    || !pdf_nav_dest(c, o, pages[ol->page], ol->y, "outline destination"))
			return false;
	}
	if (doc->noutline > 0 && !pdf_ok(c, HPDF_SetPageMode(c->pdf, HPDF_PAGE_MODE_USE_OUTLINE), "page mode"))
		return false;
	return true;
}

bool
pdf_nav_labels(pdf_ctx *c)
{
	const ts_layout *doc = c->doc;
	for (size_t i = 0; i < doc->nlabels; i++) {
		const ts_page_label *l = &doc->labels[i];
		if (l->first_page >= doc->npages)
			continue;
		const char *prefix = pdf_fit_text(c->a, l->prefix ? l->prefix : "");
		bool ascii = pdf_is_ascii(prefix);
		HPDF_Dict lab = HPDF_PageLabel_New(c->pdf, HPDF_PAGE_NUM_STYLE_DECIMAL,
		    l->start > 0 ? l->start : 1, ascii ? prefix : "");
		if (!pdf_obj(c, lab, "page label"))
			return false;
		if (l->style == TS_LABEL_NONE) {
			pdf_dict_remove(lab, "S");
			pdf_dict_remove(lab, "St");
		}
		if (*prefix && !ascii
		    && !pdf_add(c, lab, "P", HPDF_String_New(c->pdf->mmgr, prefix, c->utf8)))
			return false;
		if (!pdf_ok(c, HPDF_Catalog_AddPageLabel(c->pdf->catalog, (HPDF_UINT)l->first_page, lab), "page label"))
			return false;
	}
	return true;
}
