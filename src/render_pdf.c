/* render_pdf.c: the PDF back end. Draws a laid-out document (ts_doc) with
 * libharu 2.3.0 and writes it atomically.
 *
 * What libharu does with text (read from its source and checked on its
 * output): HPDF_UseUTFEncodings registers an encoder "UTF-8" whose Type0
 * fonts use /Encoding /Identity-H; the code written for a character is its
 * Unicode code point as two bytes (UCS-2; anything above U+FFFF becomes a
 * space), the CID equals that code, and the /CIDToGIDMap of the CIDFontType2
 * maps it to the glyph through the font's cmap. So a code is a code point.
 *
 * Text is written by hand into the page's content stream (the object layer
 * of hpdf_pages.h): one BT/ET per page, Tf (through libharu, which also fills
 * the page's /Font resources) only when the font or size changes, Td moves
 * relative to the previous line, and one TJ per run of items on a baseline in
 * one font, with numeric adjustments for the gaps (word spaces, kerning).
 * The glyph widths come from HPDF_TTFontDef_GetCharWidth, the same figures
 * libharu writes into /W (so the pen lands where a viewer puts it), which
 * also marks the glyphs for the embedded subset. Rules are one path and one
 * fill per page, before the text; numbers are rounded to 1/100 pt.
 *
 * libharu's ToUnicode CMap for these fonts is a CID CMap (begincidrange and
 * 1-byte notdef ranges), which poppler rejects; it is replaced by a bfchar
 * map of the codes actually used. */
#include "render.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <hpdf.h>
#include <hpdf_catalog.h>
#include <hpdf_doc.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include <hpdf_objects.h>
#include <hpdf_page_label.h>
#include <hpdf_pages.h>
#include <png.h>

#include "pdfa.h"

/* ------------------------------------------------------------------------ */
/* State */

typedef struct rfont {
	const char *path;
	const char *name;       /* libharu's name for the font definition */
	HPDF_Font font;         /* NULL until first used */
	HPDF_FontDef def;
	uint8_t *used;          /* bitmap of the 2-byte codes drawn */
} rfont;

typedef struct rimage {
	const char *path;
	HPDF_Image image;
} rimage;

typedef struct rctx {
	const ts_doc *doc;
	const render_opts *o;
	diag *d;
	HPDF_Doc pdf;
	HPDF_Encoder utf8;
	HPDF_STATUS err_no, err_detail; /* first libharu error */
	bool failed;                    /* a message has been printed */
	rfont fonts[TS_NFACES];
	size_t nfonts;
	int face_font[TS_NFACES];       /* face -> index into fonts */
	rimage *images;
	size_t nimages, images_cap;
	uint32_t *warned;               /* code points reported missing */
	size_t nwarned, warned_cap;
	char *buf;                      /* a TJ operator being built */
	size_t len, cap;
} rctx;

static void
on_hpdf_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user)
{
	rctx *r = user;
	if (!r->err_no) {
		r->err_no = error_no;
		r->err_detail = detail_no;
	}
}

static const char *
hpdf_errtext(HPDF_STATUS no)
{
	switch (no) {
	case HPDF_FAILD_TO_ALLOC_MEM: return "out of memory";
	case HPDF_FILE_IO_ERROR: return "read or write error";
	case HPDF_FILE_OPEN_ERROR: return "cannot open the file";
	case HPDF_FONT_EXISTS: return "a font of the same name is already loaded";
	case HPDF_FONT_INVALID_WIDTHS_TABLE: return "invalid widths table in the font";
	case HPDF_INVALID_DATE_TIME: return "invalid date";
	case HPDF_INVALID_FONTDEF_DATA: return "invalid font data";
	case HPDF_INVALID_IMAGE: return "invalid image";
	case HPDF_INVALID_PARAMETER: return "invalid parameter";
	case HPDF_INVALID_PNG_IMAGE: return "not a PNG image (or a kind libharu cannot read)";
	case HPDF_INVALID_TTC_FILE: return "invalid TrueType collection";
	case HPDF_LIBPNG_ERROR: return "libpng cannot read the image";
	case HPDF_PAGE_INVALID_SIZE: return "invalid page size";
	case HPDF_PAGE_INVALID_FONT_SIZE: return "invalid font size";
	case HPDF_STRING_OUT_OF_RANGE: return "string too long";
	case HPDF_TTF_CANNOT_EMBEDDING_FONT: return "the font's licence does not allow embedding";
	case HPDF_TTF_INVALID_CMAP: return "the font has no Unicode character map";
	case HPDF_TTF_INVALID_FOMAT: return "not a TrueType font";
	case HPDF_TTF_MISSING_TABLE: return "a table the font needs is missing";
	case HPDF_UNSUPPORTED_FONT_TYPE: return "unsupported font type";
	default: return "libharu failed";
	}
}

/* Reports the pending libharu error (once); file may be NULL. */
static void
hfail(rctx *r, const char *file, const char *what)
{
	if (r->failed)
		return;
	r->failed = true;
	const char *why = r->err_no ? hpdf_errtext(r->err_no) : "libharu failed";
	if ((r->err_no == HPDF_FILE_OPEN_ERROR || r->err_no == HPDF_FILE_IO_ERROR) && r->err_detail > 0)
		why = strerror((int)r->err_detail); /* libharu passes errno as the detail */
	if (file)
		diag_at(r->d, DIAG_SYSERR, file, 0, 0, "%s: %s (libharu error 0x%04X, detail %u)",
		    what, why, (unsigned)r->err_no, (unsigned)r->err_detail);
	else
		diag_msg(r->d, DIAG_SYSERR, "cannot make the PDF: %s: %s (libharu error 0x%04X, detail %u)",
		    what, why, (unsigned)r->err_no, (unsigned)r->err_detail);
}

/* True when st is HPDF_OK and no error was raised; else reports. */
static bool
hok(rctx *r, HPDF_STATUS st, const char *what)
{
	if (st == HPDF_OK && !r->err_no)
		return true;
	if (!r->err_no)
		r->err_no = st;
	hfail(r, NULL, what);
	return false;
}

static bool
hobj(rctx *r, const void *obj, const char *what)
{
	return hok(r, obj ? HPDF_OK : HPDF_INVALID_OBJECT, what);
}

/* Scaled points to PDF points rounded to 1/100 pt, as an integer count of
 * hundredths: positions on the page are exact to 0.0035 mm and print short. */
static long
hundredths(ts_sp v)
{
	return lround((double)v * 100.0 / TS_UNIT);
}

/* Appends v hundredths as a short PDF number ("12.5", "-3", "0.07"):
 * libharu prints its float HPDF_REAL with noise ("453.54001"). */
static void
fmt_hundredths(char *out, size_t n, long v)
{
	const char *sign = v < 0 ? "-" : "";
	unsigned long a = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;
	unsigned long ip = a / 100, fp = a % 100;
	if (fp == 0)
		snprintf(out, n, "%s%lu", sign, ip);
	else if (fp % 10 == 0)
		snprintf(out, n, "%s%lu.%lu", sign, ip, fp / 10);
	else
		snprintf(out, n, "%s%lu.%02lu", sign, ip, fp);
}

/* ------------------------------------------------------------------------ */
/* UTF-8 */

/* Decodes one code point at s[*i] (len bytes); malformed input gives U+FFFD
 * and skips one byte. */
static uint32_t
utf8_next(const unsigned char *s, size_t len, size_t *i)
{
	unsigned char c = s[*i];
	uint32_t cp;
	size_t n;
	if (c < 0x80) {
		(*i)++;
		return c;
	} else if (c >= 0xC2 && c <= 0xDF) {
		n = 1; cp = c & 0x1Fu;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 2; cp = c & 0x0Fu;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 3; cp = c & 0x07u;
	} else {
		(*i)++;
		return 0xFFFD;
	}
	if (*i + n >= len) {
		(*i)++;
		return 0xFFFD;
	}
	for (size_t k = 1; k <= n; k++) {
		unsigned char b = s[*i + k];
		if ((b & 0xC0) != 0x80) {
			(*i)++;
			return 0xFFFD;
		}
		cp = (cp << 6) | (b & 0x3Fu);
	}
	static const uint32_t min[] = { 0, 0x80, 0x800, 0x10000 };
	if (cp < min[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
		(*i)++;
		return 0xFFFD;
	}
	*i += n + 1;
	return cp;
}

static bool
is_ascii_text(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7E)
			return false;
	return true;
}

/* A PDF text string: the bytes for printable ASCII, else UTF-16BE with a BOM
 * (libharu's UTF-8 encoder writes <FEFF…>). */
static HPDF_String
text_string(rctx *r, const char *s)
{
	return HPDF_String_New(r->pdf->mmgr, s, is_ascii_text(s) ? NULL : r->utf8);
}

/* ------------------------------------------------------------------------ */
/* Fonts */

static bool
load_fonts(rctx *r)
{
	for (int f = 0; f < TS_NFACES; f++) {
		const char *p = r->doc->font_paths[f] ? r->doc->font_paths[f] : r->doc->font_paths[TS_REGULAR];
		r->face_font[f] = -1;
		if (!p)
			continue;
		size_t k;
		for (k = 0; k < r->nfonts; k++)
			if (!strcmp(r->fonts[k].path, p))
				break;
		if (k == r->nfonts) {
			const char *name = HPDF_LoadTTFontFromFile(r->pdf, p, HPDF_TRUE);
			if (!name || r->err_no) {
				hfail(r, p, "cannot load font");
				return false;
			}
			r->fonts[k] = (rfont){ .path = p, .name = name };
			r->nfonts++;
		}
		r->face_font[f] = (int)k;
	}
	return true;
}

/* The Type0 font of a face, created on first use (so that unused faces are
 * not embedded). NULL after reporting. */
static rfont *
face_font(rctx *r, enum ts_face face)
{
	int k = (face >= 0 && face < TS_NFACES) ? r->face_font[face] : -1;
	if (k < 0)
		k = r->face_font[TS_REGULAR];
	if (k < 0) {
		if (!r->failed) {
			r->failed = true;
			diag_msg(r->d, DIAG_SYSERR, "cannot make the PDF: text but no font");
		}
		return NULL;
	}
	rfont *f = &r->fonts[k];
	if (!f->font) {
		f->font = HPDF_GetFont(r->pdf, f->name, "UTF-8");
		if (!f->font || r->err_no) {
			hfail(r, f->path, "cannot use font");
			return NULL;
		}
		f->def = ((HPDF_FontAttr)f->font->attr)->fontdef;
		f->used = xcalloc(65536 / 8, 1);
	}
	return f;
}

static void
warn_missing(rctx *r, const rfont *f, uint32_t cp, bool unencodable)
{
	for (size_t i = 0; i < r->nwarned; i++)
		if (r->warned[i] == cp)
			return;
	r->warned = xgrow(r->warned, &r->warned_cap, r->nwarned + 1, sizeof *r->warned);
	r->warned[r->nwarned++] = cp;
	char u[5] = { 0 };
	if (cp < 0x80) {
		u[0] = (char)(cp >= 0x20 && cp < 0x7F ? cp : '?');
	} else if (cp < 0x800) {
		u[0] = (char)(0xC0 | (cp >> 6)); u[1] = (char)(0x80 | (cp & 0x3F));
	} else if (cp < 0x10000) {
		u[0] = (char)(0xE0 | (cp >> 12)); u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[2] = (char)(0x80 | (cp & 0x3F));
	} else {
		u[0] = (char)(0xF0 | (cp >> 18)); u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); u[3] = (char)(0x80 | (cp & 0x3F));
	}
	if (unencodable)
		diag_at(r->d, DIAG_WARNING, f->path, 0, 0,
		    "U+%04X (%s) not in font encoding (above U+FFFF): drawn as a space", (unsigned)cp, u);
	else
		diag_at(r->d, DIAG_WARNING, f->path, 0, 0,
		    "U+%04X (%s) not in font: drawn as .notdef", (unsigned)cp, u);
}

/* ------------------------------------------------------------------------ */
/* Text */

static void
buf_add(rctx *r, const char *s, size_t n)
{
	r->buf = xgrow(r->buf, &r->cap, r->len + n + 1, 1);
	memcpy(r->buf + r->len, s, n);
	r->len += n;
	r->buf[r->len] = 0;
}

static void
buf_str(rctx *r, const char *s)
{
	buf_add(r, s, strlen(s));
}

/* Appends the hex codes of an item's text; returns its advance in 1/1000 of
 * the font size, as a viewer computes it from /W. */
static long
add_codes(rctx *r, rfont *f, const ts_item *it)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *s = (const unsigned char *)it->text;
	size_t len = it->text ? it->len : 0;
	long adv = 0;
	for (size_t i = 0; i < len;) {
		uint32_t cp = utf8_next(s, len, &i);
		uint16_t code;
		if (cp > 0xFFFF) {
			warn_missing(r, f, cp, true);
			code = 0x20;
		} else {
			code = (uint16_t)cp;
			if (HPDF_TTFontDef_GetGlyphid(f->def, code) == 0)
				warn_missing(r, f, cp, false);
		}
		adv += HPDF_TTFontDef_GetCharWidth(f->def, code);
		f->used[code >> 3] |= (uint8_t)(1u << (code & 7));
		char h[4] = { hex[code >> 12], hex[(code >> 8) & 15], hex[(code >> 4) & 15], hex[code & 15] };
		buf_add(r, h, 4);
	}
	return adv;
}

static bool
same_run(const ts_item *a, const ts_item *b)
{
	return b->kind == TS_ITEM_TEXT && a->face == b->face && a->size == b->size && a->y == b->y &&
	    a->expand == b->expand;
}

static bool
draw_text(rctx *r, HPDF_Page page, const ts_page *pg)
{
	HPDF_PageAttr pattr = (HPDF_PageAttr)page->attr;
	bool in_text = false;
	rfont *cur = NULL;
	ts_sp cur_size = 0;
	int cur_expand = 0;  /* Tz 100 at the start of every page's content */
	long ox = 0, oy = 0; /* origin of the current line, hundredths of pt */
	long hpt = hundredths(r->doc->height);

	for (size_t i = 0; i < pg->nitems;) {
		const ts_item *it = &pg->items[i];
		if (it->kind != TS_ITEM_TEXT || !it->text || it->len == 0 || it->size <= 0) {
			i++;
			continue;
		}
		rfont *f = face_font(r, it->face);
		if (!f)
			return false;
		if (!in_text) {
			if (!hok(r, HPDF_Page_BeginText(page), "BT"))
				return false;
			in_text = true;
		}
		if (f != cur || it->size != cur_size) {
			if (!hok(r, HPDF_Page_SetFontAndSize(page, f->font, (HPDF_REAL)ts_to_pt(it->size)), "Tf"))
				return false;
			cur = f;
			cur_size = it->size;
		}
		long x = hundredths(it->x), y = hpt - hundredths(it->y);
		r->len = 0;
		if (it->expand != cur_expand) {
			/* font expansion of the line: horizontal scaling in per cent */
			char tz[32];
			snprintf(tz, sizeof tz, "%d.%d Tz\n", (1000 + it->expand) / 10, (1000 + it->expand) % 10);
			buf_str(r, tz);
			cur_expand = it->expand;
		}
		if (x != ox || y != oy) {
			char dx[32], dy[32];
			fmt_hundredths(dx, sizeof dx, x - ox);
			fmt_hundredths(dy, sizeof dy, y - oy);
			buf_str(r, dx);
			buf_str(r, " ");
			buf_str(r, dy);
			buf_str(r, " Td\n");
			ox = x;
			oy = y;
		}
		/* One TJ for the items on this baseline in this font: the pen is
		 * where a viewer puts it; each gap moves it to the next item's x. */
		/* Tz scales the glyphs' advances and the TJ numbers alike */
		double size = ts_to_pt(it->size) * (1000 + it->expand) / 1000.0;
		double pen = 0;               /* pt from the line origin */
		buf_str(r, "[<");
		size_t k = i;
		for (;;) {
			const ts_item *t = &pg->items[k];
			long adv = add_codes(r, f, t);
			pen += (double)adv * size / 1000.0;
			k++;
			while (k < pg->nitems && same_run(it, &pg->items[k])
			    && (!pg->items[k].text || pg->items[k].len == 0))
				k++;
			if (k >= pg->nitems || !same_run(it, &pg->items[k]))
				break;
			double target = ts_to_pt(pg->items[k].x) - (double)x / 100.0;
			long n = lround(-(target - pen) * 1000.0 / size);
			if (n != 0) {
				char num[32];
				snprintf(num, sizeof num, ">%ld<", n);
				buf_str(r, num);
				pen -= (double)n * size / 1000.0;
			}
		}
		buf_str(r, ">]TJ\n");
		if (!hok(r, HPDF_Stream_Write(pattr->stream, (const HPDF_BYTE *)r->buf, (HPDF_UINT)r->len), "TJ"))
			return false;
		i = k;
	}
	if (in_text && !hok(r, HPDF_Page_EndText(page), "ET"))
		return false;
	return true;
}

/* ------------------------------------------------------------------------ */
/* Images */

typedef struct png_check {
	jmp_buf jmp;
	char msg[200];
	png_structp png;
	png_infop info;
	unsigned char *row;
} png_check;

static void
png_check_error(png_structp png, png_const_charp msg)
{
	png_check *c = png_get_error_ptr(png);
	snprintf(c->msg, sizeof c->msg, "%s", msg);
	longjmp(c->jmp, 1);
}

static void
png_check_warning(png_structp png, png_const_charp msg)
{
	(void)png;
	(void)msg;
}

/* Reads every row; false (with c->msg) when libpng fails. Everything that
 * must survive the longjmp lives in *c. */
static bool
png_decode(png_check *c, FILE *fp)
{
	if (setjmp(c->jmp))
		return false;
	png_init_io(c->png, fp);
	png_set_sig_bytes(c->png, 8);
	png_read_info(c->png, c->info);
	int passes = png_set_interlace_handling(c->png);
	png_read_update_info(c->png, c->info);
	png_uint_32 h = png_get_image_height(c->png, c->info);
	size_t rowbytes = png_get_rowbytes(c->png, c->info);
	c->row = xmalloc(rowbytes ? rowbytes : 1);
	for (int p = 0; p < passes; p++)
		for (png_uint_32 y = 0; y < h; y++)
			png_read_row(c->png, c->row, NULL);
	png_read_end(c->png, NULL);
	return true;
}

/* Decodes the whole PNG with libpng first: libharu aborts the process on a
 * corrupt PNG (its libpng error handler returns), so only images that decode
 * cleanly reach it. Returns NULL, or why in why. */
static const char *
png_validate(const char *path, char *why, size_t whylen)
{
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		snprintf(why, whylen, "%s", strerror(errno));
		return why;
	}
	unsigned char sig[8];
	if (fread(sig, 1, 8, fp) != 8 || png_sig_cmp(sig, 0, 8)) {
		fclose(fp);
		snprintf(why, whylen, "not a PNG file");
		return why;
	}
	png_check c = { .msg = "" };
	c.png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &c, png_check_error, png_check_warning);
	c.info = c.png ? png_create_info_struct(c.png) : NULL;
	bool ok = c.png && c.info && png_decode(&c, fp);
	if (c.png)
		png_destroy_read_struct(&c.png, c.info ? &c.info : NULL, NULL);
	free(c.row);
	fclose(fp);
	if (ok)
		return NULL;
	snprintf(why, whylen, "broken PNG: %s", c.msg[0] ? c.msg : "out of memory");
	return why;
}

static HPDF_Image
get_image(rctx *r, const char *path)
{
	for (size_t i = 0; i < r->nimages; i++)
		if (!strcmp(r->images[i].path, path))
			return r->images[i].image;
	char why[256];
	if (png_validate(path, why, sizeof why)) {
		r->failed = true;
		diag_at(r->d, DIAG_SYSERR, path, 0, 0, "cannot load signature image: %s", why);
		return NULL;
	}
	if (r->o && r->o->archival && pdfa_png_has_alpha(path)) {
		r->failed = true;
		diag_at(r->d, DIAG_SYSERR, path, 0, 0,
		    "cannot load signature image: it has transparency, which PDF/A-1 forbids");
		return NULL;
	}
	HPDF_Image im = HPDF_LoadPngImageFromFile(r->pdf, path);
	if (!im || r->err_no) {
		hfail(r, path, "cannot load signature image");
		return NULL;
	}
	r->images = xgrow(r->images, &r->images_cap, r->nimages + 1, sizeof *r->images);
	r->images[r->nimages++] = (rimage){ .path = path, .image = im };
	return im;
}

/* Rules (one path, one fill) and images, before the page's text. */
static bool
draw_graphics(rctx *r, HPDF_Page page, const ts_page *pg)
{
	double hpt = ts_to_pt(r->doc->height);
	r->len = 0;
	for (size_t i = 0; i < pg->nitems; i++) {
		const ts_item *it = &pg->items[i];
		if (it->kind != TS_ITEM_RULE || it->w <= 0 || it->h <= 0)
			continue;
		long v[4] = { hundredths(it->x), hundredths(r->doc->height - it->y - it->h),
			hundredths(it->w), hundredths(it->h) };
		for (int k = 0; k < 4; k++) {
			char num[32];
			fmt_hundredths(num, sizeof num, v[k]);
			buf_str(r, num);
			buf_str(r, " ");
		}
		buf_str(r, "re\n");
	}
	if (r->len > 0) {
		buf_str(r, "f\n");
		HPDF_PageAttr pattr = (HPDF_PageAttr)page->attr;
		if (!hok(r, HPDF_Stream_Write(pattr->stream, (const HPDF_BYTE *)r->buf, (HPDF_UINT)r->len), "rule"))
			return false;
	}
	for (size_t i = 0; i < pg->nitems; i++) {
		const ts_item *it = &pg->items[i];
		if (it->kind != TS_ITEM_IMAGE)
			continue;
		char *p = arena_strndup(r->doc->arena, it->text ? it->text : "", it->text ? it->len : 0);
		if (!*p) {
			r->failed = true;
			diag_msg(r->d, DIAG_SYSERR, "cannot load signature image: no file name");
			return false;
		}
		HPDF_Image im = get_image(r, p);
		if (!im)
			return false;
		/* w == 0: as wide as the image's aspect ratio makes it at height h */
		double h = ts_to_pt(it->h), w = ts_to_pt(it->w);
		if (it->w == 0) {
			HPDF_UINT iw = HPDF_Image_GetWidth(im), ih = HPDF_Image_GetHeight(im);
			w = ih ? h * iw / ih : h;
		}
		if (!hok(r, HPDF_Page_DrawImage(page, im, (HPDF_REAL)ts_to_pt(it->x),
		    (HPDF_REAL)(hpt - ts_to_pt(it->y) - h), (HPDF_REAL)w, (HPDF_REAL)h), "image"))
			return false;
	}
	return true;
}

/* ------------------------------------------------------------------------ */
/* Widths */

/* libharu's /W gives a width for every character the font maps (about 2600
 * of them, 10 KB a font, uncompressed in the font dictionary); a viewer
 * needs the widths of the characters shown. The new /W has exactly those,
 * as runs "first [w w …]", with the widths libharu computes for /W. */
static bool
trim_widths(rctx *r, rfont *f)
{
	HPDF_FontAttr fa = (HPDF_FontAttr)f->font->attr;
	HPDF_Dict cidfont = fa->descendant_font;
	if (!cidfont)
		return true;
	HPDF_Array w = HPDF_Array_New(r->pdf->mmgr);
	if (!hobj(r, w, "W"))
		return false;
	for (unsigned c = 0; c < 0x10000;) {
		if (!(f->used[c >> 3] & (1u << (c & 7)))) {
			c++;
			continue;
		}
		HPDF_Array run = HPDF_Array_New(r->pdf->mmgr);
		if (!hobj(r, run, "W") || !hok(r, HPDF_Array_AddNumber(w, (HPDF_INT32)c), "W") ||
		    !hok(r, HPDF_Array_Add(w, run), "W"))
			return false;
		for (; c < 0x10000 && (f->used[c >> 3] & (1u << (c & 7))); c++)
			if (!hok(r, HPDF_Array_AddNumber(run,
			    (HPDF_INT32)HPDF_TTFontDef_GetCharWidth(f->def, (HPDF_UINT16)c)), "W"))
				return false;
	}
	return hok(r, HPDF_Dict_Add(cidfont, "W", w), "W");
}

/* ------------------------------------------------------------------------ */
/* ToUnicode */

static bool
write_tounicode(rctx *r, rfont *f)
{
	HPDF_FontAttr fa = (HPDF_FontAttr)f->font->attr;
	HPDF_Dict cm = fa->cmap_stream;
	if (cm && HPDF_Dict_GetItem(f->font, "ToUnicode", HPDF_OCLASS_DICT) == cm) {
		/* Reuse libharu's stream object: no orphan left in the file. */
		HPDF_MemStream_FreeData(cm->stream);
		/* The CMap's own keys mean nothing in a ToUnicode stream. */
		static const char *const cmap_keys[] = { "Type", "CMapName", "CIDSystemInfo", "WMode" };
		for (size_t i = 0; i < sizeof cmap_keys / sizeof cmap_keys[0]; i++)
			(void)HPDF_Dict_RemoveElement(cm, cmap_keys[i]);
		if (r->err_no) {
			r->err_no = 0; /* a key that is not there is no error here */
			HPDF_ResetError(r->pdf);
		}
	} else {
		cm = HPDF_DictStream_New(r->pdf->mmgr, fa->xref);
		if (!hobj(r, cm, "ToUnicode"))
			return false;
		if (!hok(r, HPDF_Dict_Add(f->font, "ToUnicode", cm), "ToUnicode"))
			return false;
	}
	cm->filter = HPDF_STREAM_FILTER_FLATE_DECODE;

	r->len = 0;
	buf_str(r, "/CIDInit /ProcSet findresource begin\n"
	    "12 dict begin\n"
	    "begincmap\n"
	    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
	    "/CMapName /Adobe-Identity-UCS def\n"
	    "/CMapType 2 def\n"
	    "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	unsigned codes[100];
	size_t n = 0;
	for (unsigned c = 0; c <= 0x10000; c++) {
		bool used = c < 0x10000 && (f->used[c >> 3] & (1u << (c & 7)));
		if (used)
			codes[n++] = c;
		if (n == 100 || (c == 0x10000 && n > 0)) {
			char line[64];
			snprintf(line, sizeof line, "%zu beginbfchar\n", n);
			buf_str(r, line);
			for (size_t k = 0; k < n; k++) {
				snprintf(line, sizeof line, "<%04X> <%04X>\n", codes[k], codes[k]);
				buf_str(r, line);
			}
			buf_str(r, "endbfchar\n");
			n = 0;
		}
	}
	buf_str(r, "endcmap\n"
	    "CMapName currentdict /CMap defineresource pop\n"
	    "end\n"
	    "end\n");
	return hok(r, HPDF_Stream_Write(cm->stream, (const HPDF_BYTE *)r->buf, (HPDF_UINT)r->len), "ToUnicode");
}

/* ------------------------------------------------------------------------ */
/* Outline, labels, information */

static bool
add_outline(rctx *r, HPDF_Page *pages)
{
	enum { MAXLEVEL = 16 };
	HPDF_Outline last[MAXLEVEL] = { 0 };
	for (size_t i = 0; i < r->doc->noutline; i++) {
		const ts_outline *ol = &r->doc->outline[i];
		if (ol->page >= r->doc->npages || !ol->title)
			continue;
		int lv = ol->level < 0 ? 0 : ol->level >= MAXLEVEL ? MAXLEVEL - 1 : ol->level;
		HPDF_Outline parent = NULL;
		for (int p = lv - 1; p >= 0 && !parent; p--)
			parent = last[p];
		/* (a skipped level hangs on the nearest ancestor) */
		HPDF_Outline o = HPDF_CreateOutline(r->pdf, parent, ol->title, is_ascii_text(ol->title) ? NULL : r->utf8);
		if (!hobj(r, o, "outline"))
			return false;
		last[lv] = o;
		for (int p = lv + 1; p < MAXLEVEL; p++)
			last[p] = NULL;
		if (!hok(r, HPDF_Outline_SetOpened(o, lv == 0 ? HPDF_TRUE : HPDF_FALSE), "outline"))
			return false;
		/* [page /XYZ null top null], written directly in the item (PDFBox
		 * Preflight cannot read an indirect /Dest): keep the reader's zoom
		 * and left edge. */
		double top = (double)hundredths(r->doc->height - ol->y) / 100.0;
		HPDF_Array a = HPDF_Array_New(r->pdf->mmgr);
		if (!hobj(r, a, "outline destination"))
			return false;
		if (!hok(r, HPDF_Array_Add(a, pages[ol->page]), "outline destination")
		    || !hok(r, HPDF_Array_AddName(a, "XYZ"), "outline destination")
		    || !hok(r, HPDF_Array_Add(a, HPDF_Null_New(r->pdf->mmgr)), "outline destination")
		    || !hok(r, HPDF_Array_AddReal(a, (HPDF_REAL)top), "outline destination")
		    || !hok(r, HPDF_Array_Add(a, HPDF_Null_New(r->pdf->mmgr)), "outline destination")
		    || !hok(r, HPDF_Dict_Add(o, "Dest", a), "outline destination"))
			return false;
	}
	if (r->doc->noutline > 0 && !hok(r, HPDF_SetPageMode(r->pdf, HPDF_PAGE_MODE_USE_OUTLINE), "page mode"))
		return false;
	return true;
}

static bool
add_labels(rctx *r)
{
	for (size_t i = 0; i < r->doc->nlabels; i++) {
		const ts_page_label *l = &r->doc->labels[i];
		if (l->first_page >= r->doc->npages)
			continue;
		const char *prefix = l->prefix ? l->prefix : "";
		HPDF_Dict lab = HPDF_PageLabel_New(r->pdf, HPDF_PAGE_NUM_STYLE_DECIMAL,
		    l->start > 0 ? l->start : 1, is_ascii_text(prefix) ? prefix : "");
		if (!hobj(r, lab, "page label"))
			return false;
		if (l->style == TS_LABEL_NONE) {
			HPDF_Dict_RemoveElement(lab, "S");
			HPDF_Dict_RemoveElement(lab, "St");
		}
		if (*prefix && !is_ascii_text(prefix)
		    && !hok(r, HPDF_Dict_Add(lab, "P", text_string(r, prefix)), "page label"))
			return false;
		if (!hok(r, HPDF_Catalog_AddPageLabel(r->pdf->catalog, (HPDF_UINT)l->first_page, lab), "page label"))
			return false;
	}
	return true;
}

static bool
add_info(rctx *r)
{
	const ts_info *in = &r->doc->info;
	HPDF_Dict info = r->pdf->info;
	if (!hobj(r, info, "document information"))
		return false;
	const struct { const char *key, *val; } s[] = {
		{ "Title", in->title }, { "Author", in->author }, { "Subject", in->subject },
		{ "Keywords", in->keywords }, { "Creator", in->creator }, { "Producer", in->producer },
	};
	for (size_t i = 0; i < sizeof s / sizeof s[0]; i++) {
		if (!s[i].val || !*s[i].val)
			continue;
		HPDF_String v = text_string(r, s[i].val);
		if (!hobj(r, v, s[i].key) || !hok(r, HPDF_Dict_Add(info, s[i].key, v), s[i].key))
			return false;
	}
	if (in->year > 0) {
		char date[40];
		snprintf(date, sizeof date, "D:%04d%02d%02d%02d%02d%02dZ",
		    in->year, in->month, in->day, in->hour, in->minute, in->second);
		if (!hok(r, HPDF_Dict_Add(info, "CreationDate", HPDF_String_New(r->pdf->mmgr, date, NULL)), "date")
		    || !hok(r, HPDF_Dict_Add(info, "ModDate", HPDF_String_New(r->pdf->mmgr, date, NULL)), "date"))
			return false;
	}
	if (in->lang && *in->lang
	    && !hok(r, HPDF_Dict_Add(r->pdf->catalog, "Lang", HPDF_String_New(r->pdf->mmgr, in->lang, NULL)), "language"))
		return false;
	return true;
}

/* ------------------------------------------------------------------------ */
/* Output */

static bool
write_all(int fd, const unsigned char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return false;
		}
		p += w;
		n -= (size_t)w;
	}
	return true;
}

/* Saves into a temporary file beside path, then renames it into place. */
static int
save_atomic(rctx *r, const char *path)
{
	if (!hok(r, HPDF_SaveToStream(r->pdf), "save"))
		return VL_EXIT_TROUBLE;

	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	size_t dirlen = slash ? (size_t)(slash - path) : 0;
	if (!*base) {
		diag_at(r->d, DIAG_SYSERR, path, 0, 0, "cannot write: not a file name");
		return VL_EXIT_TROUBLE;
	}
	char *dir = slash ? (dirlen ? arena_strndup(r->doc->arena, path, dirlen) : arena_strdup(r->doc->arena, "/"))
	    : arena_strdup(r->doc->arena, ".");
	char *tmp = arena_printf(r->doc->arena, "%.*s%s.%s.XXXXXX", (int)dirlen, path, slash ? "/" : "", base);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		diag_at(r->d, DIAG_SYSERR, path, 0, 0, "cannot write: cannot create a file in %s: %s",
		    dir, strerror(errno));
		return VL_EXIT_TROUBLE;
	}
	int err = 0;
	const char *step = "write";
	mode_t um = umask(0);
	umask(um);
	if (fchmod(fd, 0666 & ~um) != 0) {
		err = errno;
		step = "chmod";
	}
	HPDF_ResetStream(r->pdf);
	unsigned char chunk[65536];
	for (;;) {
		if (err)
			break;
		HPDF_UINT32 n = sizeof chunk;
		HPDF_STATUS st = HPDF_ReadFromStream(r->pdf, chunk, &n);
		if (n > 0 && !write_all(fd, chunk, n)) {
			err = errno;
			break;
		}
		if (st == HPDF_STREAM_EOF)
			break;
		if (st != HPDF_OK) {
			close(fd);
			unlink(tmp);
			hok(r, st, "save");
			return VL_EXIT_TROUBLE;
		}
	}
	r->err_no = 0; /* HPDF_STREAM_EOF is raised through the handler */
	if (!err && fsync(fd) != 0) {
		err = errno;
		step = "fsync";
	}
	if (close(fd) != 0 && !err) {
		err = errno;
		step = "close";
	}
	if (!err && rename(tmp, path) != 0) {
		err = errno;
		step = "rename";
	}
	if (err) {
		unlink(tmp);
		diag_at(r->d, DIAG_SYSERR, path, 0, 0, "cannot write: %s: %s", step, strerror(err));
		return VL_EXIT_TROUBLE;
	}
	int dfd = open(dir, O_RDONLY | O_DIRECTORY);
	if (dfd >= 0) {
		(void)fsync(dfd); /* best effort: the rename is durable */
		close(dfd);
	}
	return VL_EXIT_OK;
}

/* ------------------------------------------------------------------------ */

static int
render(rctx *r, const char *path)
{
	const ts_doc *doc = r->doc;
	if (!hok(r, HPDF_UseUTFEncodings(r->pdf), "UTF-8 encoder"))
		return VL_EXIT_TROUBLE;
	r->utf8 = HPDF_GetEncoder(r->pdf, "UTF-8");
	if (!hobj(r, r->utf8, "UTF-8 encoder"))
		return VL_EXIT_TROUBLE;
	if (!hok(r, HPDF_SetCompressionMode(r->pdf, HPDF_COMP_ALL), "compression"))
		return VL_EXIT_TROUBLE;
	if (!load_fonts(r))
		return VL_EXIT_TROUBLE;
	if (doc->npages == 0) {
		diag_msg(r->d, DIAG_SYSERR, "cannot make the PDF: the document has no pages");
		return VL_EXIT_TROUBLE;
	}
	HPDF_Page *pages = arena_array(doc->arena, doc->npages, sizeof(HPDF_Page));
	for (size_t i = 0; i < doc->npages; i++) {
		HPDF_Page page = HPDF_AddPage(r->pdf);
		if (!hobj(r, page, "page")
		    || !hok(r, HPDF_Page_SetWidth(page, (HPDF_REAL)ts_to_pt(doc->width)), "page size")
		    || !hok(r, HPDF_Page_SetHeight(page, (HPDF_REAL)ts_to_pt(doc->height)), "page size"))
			return VL_EXIT_TROUBLE;
		pages[i] = page;
		if (!draw_graphics(r, page, &doc->pages[i]) || !draw_text(r, page, &doc->pages[i]))
			return VL_EXIT_TROUBLE;
	}
	for (size_t k = 0; k < r->nfonts; k++)
		if (r->fonts[k].font && (!write_tounicode(r, &r->fonts[k]) || !trim_widths(r, &r->fonts[k])))
			return VL_EXIT_TROUBLE;
	if (!add_outline(r, pages) || !add_labels(r) || !add_info(r))
		return VL_EXIT_TROUBLE;
	int rc = pdfa_apply(r->pdf, doc, r->o, r->d);
	if (rc != VL_EXIT_OK) {
		r->failed = true;
		return rc;
	}
	r->err_no = 0;
	HPDF_ResetError(r->pdf);
	return save_atomic(r, path);
}

int
render_pdf(const ts_doc *doc, const render_opts *o, const char *path, diag *d)
{
	static const render_opts defaults = { .archival = false, .icc_path = NULL };
	rctx r = { .doc = doc, .o = o ? o : &defaults, .d = d };
	r.pdf = HPDF_New(on_hpdf_error, &r);
	if (!r.pdf) {
		diag_msg(d, DIAG_SYSERR, "cannot make the PDF: out of memory");
		return VL_EXIT_TROUBLE;
	}
	int rc = render(&r, path);
	if (rc != VL_EXIT_OK && !r.failed && diag_exit_status(d) == VL_EXIT_OK)
		hfail(&r, NULL, "unknown failure");
	HPDF_Free(r.pdf);
	for (size_t k = 0; k < r.nfonts; k++)
		free(r.fonts[k].used);
	free(r.images);
	free(r.warned);
	free(r.buf);
	return rc;
}
