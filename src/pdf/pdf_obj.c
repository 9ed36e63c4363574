/* pdf_obj.c: the PDF back end's object layer, which every step of the
 * driver (render_pdf.c) and the other pdf_*.c files use and which uses none
 * of them: libharu's errors in words, checked creation and insertion of
 * objects (pdf_ok, pdf_obj, pdf_add), dictionary look-ups, the content
 * buffer, and PDF numbers in hundredths. */
#include "pdf_int.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf_objects.h>

#include "base/base.h"

/* ------------------------------------------------------------------------ */
/* libharu's errors */

void
pdf_on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user)
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
/* Numbers */

long
pdf_hundredths(ts_sp v)
{
	return lround((double)v * 100.0 / TS_UNIT);
}
