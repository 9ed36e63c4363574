/* pdf_page.c: a page's content stream, written by hand through the object
 * layer of hpdf_pages.h: rules as one path and one fill, then images, then
 * text, every painting operator inside a marked-content sequence: tagged
 * content (/P <</MCID n>> BDC … EMC, the MCID from pdf_struct.c) or an
 * artifact (/Artifact <</Type /Pagination>> for page numbers, /Layout for
 * rules and marks). One BT/ET per sequence, Tf (through libharu, which
 * also fills the page's /Font resources) only when the font or size
 * changes, Td moves relative to the previous line, and one TJ per run of
 * items on a baseline in one font, with literal strings of the 2-byte codes
 * and numeric adjustments for the gaps (kerning, and word spaces after a
 * real space glyph). The glyph widths are the ones libharu writes into /W
 * (pdf_font_codes), so the pen lands where a viewer puts it. Numbers are
 * rounded to 1/100 pt. */
#include "pdf_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <zlib.h>

#include "base/base.h"

/* The digits of v at out, no terminator; returns their number (at most 20). */
static size_t
put_digits(char *out, unsigned long v)
{
	char tmp[24];
	size_t n = 0;
	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	for (size_t i = 0; i < n; i++)
		out[i] = tmp[n - 1 - i];
	return n;
}

/* v as a PDF integer at out, no terminator; returns its length (at most 21). */
static size_t
put_long(char *out, long v)
{
	if (v >= 0)
		return put_digits(out, (unsigned long)v);
	out[0] = '-';
	return 1 + put_digits(out + 1, 0UL - (unsigned long)v);
}

/* v hundredths as a short PDF number ("12.5", "-3", "0.07"), NUL-terminated
 * in out (at least 25 bytes): libharu prints its float HPDF_REAL with noise
 * ("453.54001"). Written by hand: snprintf was a tenth of a long document's
 * page content. */
static void
fmt_hundredths(char *out, size_t n, long v)
{
	(void)n;
	unsigned long a = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;
	unsigned long ip = a / 100, fp = a % 100;
	size_t k = 0;
	if (v < 0)
		out[k++] = '-';
	k += put_digits(out + k, ip);
	if (fp) {
		out[k++] = '.';
		out[k++] = (char)('0' + fp / 10);
		if (fp % 10)
			out[k++] = (char)('0' + fp % 10);
	}
	out[k] = 0;
}

static bool
write_content(pdf_ctx *c, HPDF_Page page, const char *what)
{
	HPDF_PageAttr pattr = (HPDF_PageAttr)page->attr;
	return pdf_ok(c, HPDF_Stream_Write(pattr->stream, (const HPDF_BYTE *)c->buf, (HPDF_UINT)c->len), what);
}

/* ------------------------------------------------------------------------ */
/* Marked content */

/* Opens the marked-content sequence of items with this tag: an artifact
 * of its kind, or tagged content with the next MCID of the page. False
 * after a message (at src, the first item's source, when known) when the
 * page already holds as many tagged sequences as its array in the parent
 * tree may (PDF_ARRAY_MAX: thousands of links, or of changes of language,
 * in a small font). */
static bool
mark_begin(pdf_ctx *c, size_t page, int tag, const ts_srcpos *src)
{
	char b[64];
	if (tag == TS_TAG_PAGINATION) {
		snprintf(b, sizeof b, "/Artifact <</Type /Pagination>> BDC\n");
	} else if (tag < 0) {
		snprintf(b, sizeof b, "/Artifact <</Type /Layout>> BDC\n");
	} else {
		int mcid = pdf_struct_mcid(c, page, tag);
		if (mcid < 0) {
			const ts_srcpos *at = src && src->file ? src : NULL;
			MSG(PAGE_TOO_MANY_TAGS, c->d, at ? at->file : NULL, at ? at->line : 0,
			    at ? at->col : 0, page + 1, PDF_ARRAY_MAX);
			c->failed = c->invalid = true;
			return false;
		}
		snprintf(b, sizeof b, "/%s <</MCID %d>> BDC\n", pdf_struct_role(c, tag), mcid);
	}
	pdf_buf_str(c, b);
	return true;
}

/* ------------------------------------------------------------------------ */
/* Text */

static bool
same_run(const ts_item *a, const ts_item *b)
{
	return b->kind == TS_ITEM_TEXT && a->face == b->face && a->size == b->size && a->y == b->y &&
	    a->expand == b->expand && a->tag == b->tag;
}

static bool
drawn_text(const ts_item *it)
{
	return it->kind == TS_ITEM_TEXT && it->text && it->len > 0 && it->size > 0;
}

/* The codes of an item and of the space after it; its advance, or -1. */
static long
item_codes(pdf_ctx *c, pdf_font *f, const ts_item *t)
{
	static const char soft_hyphen[] = "\xC2\xAD";
	long adv;
	c->src = t->src; /* where a character the font lacks comes from */
	/* an added hyphen is drawn as U+00AD, the soft hyphen (ToUnicode maps
	 * it to itself), whose glyph in the font is the hyphen's: a reader
	 * joins the word's halves; a hyphen that belongs to the word stays */
	if ((t->flags & TS_ITEM_ADDED_HYPHEN) && pdf_font_has(f, 0xAD))
		adv = pdf_font_codes(c, f, soft_hyphen, 2);
	else
		adv = pdf_font_codes(c, f, t->text, t->len);
	if (adv >= 0 && (t->flags & TS_ITEM_SPACE_AFTER)) {
		/* a real space: a word gap is not only a movement of the pen */
		long sp = pdf_font_codes(c, f, " ", 1);
		adv = sp < 0 ? -1 : adv + sp;
	}
	return adv;
}

/* The text of a page: one BT/ET inside one marked-content sequence per run
 * of items with the same tag (MuPDF sees a sequence opened inside BT as
 * empty); Td relative to the previous line within it, one TJ per run on a
 * baseline in one font. */
static bool
draw_text(pdf_ctx *c, HPDF_Page page, size_t pgi, const ts_page *pg)
{
	bool in_text = false;
	int tag = 0;
	pdf_font *cur = NULL;
	ts_sp cur_size = 0;
	int cur_expand = 0;  /* Tz 100 at the start of every page's content */
	long ox = 0, oy = 0; /* origin of the current line, hundredths of pt */
	long hpt = pdf_hundredths(c->doc->height);

	for (size_t i = 0; i < pg->nitems;) {
		const ts_item *it = &pg->items[i];
		if (!drawn_text(it)) {
			i++;
			continue;
		}
		pdf_font *f = pdf_font_of(c, it->face);
		if (!f)
			return false;
		if (in_text && it->tag != tag) {
			if (!pdf_ok(c, HPDF_Page_EndText(page), "ET"))
				return false;
			c->len = 0;
			pdf_buf_str(c, "EMC\n");
			if (!write_content(c, page, "EMC"))
				return false;
			in_text = false;
		}
		if (!in_text) {
			c->len = 0;
			tag = it->tag;
			if (!mark_begin(c, pgi, tag, it->src) || !write_content(c, page, "BDC")
			    || !pdf_ok(c, HPDF_Page_BeginText(page), "BT"))
				return false;
			in_text = true;
			ox = oy = 0;
		}
		if (f != cur || it->size != cur_size) {
			if (!pdf_ok(c, HPDF_Page_SetFontAndSize(page, f->font, (HPDF_REAL)ts_to_pt(it->size)), "Tf"))
				return false;
			cur = f;
			cur_size = it->size;
		}
		long x = pdf_hundredths(it->x), y = hpt - pdf_hundredths(it->y);
		c->len = 0;
		if (it->expand != cur_expand) {
			/* font expansion of the line: horizontal scaling in per cent */
			char tz[32];
			snprintf(tz, sizeof tz, "%d.%d Tz\n", (1000 + it->expand) / 10, (1000 + it->expand) % 10);
			pdf_buf_str(c, tz);
			cur_expand = it->expand;
		}
		if (x != ox || y != oy) {
			char dx[32], dy[32];
			fmt_hundredths(dx, sizeof dx, x - ox);
			fmt_hundredths(dy, sizeof dy, y - oy);
			pdf_buf_str(c, dx);
			pdf_buf_str(c, " ");
			pdf_buf_str(c, dy);
			pdf_buf_str(c, " Td\n");
			ox = x;
			oy = y;
		}
		/* One TJ for the items on this baseline in this font: the pen is
		 * where a viewer puts it; each gap moves it to the next item's x
		 * (after the space glyph drawn at a word gap, so the number is the
		 * gap minus the space's advance). Tz scales the glyphs' advances
		 * and the TJ numbers alike. */
		double size = ts_to_pt(it->size) * (1000 + it->expand) / 1000.0;
		double pen = 0;               /* pt from the line origin */
		pdf_buf_str(c, "[(");
		size_t k = i;
		for (;;) {
			const ts_item *t = &pg->items[k];
			long adv = item_codes(c, f, t);
			if (adv < 0)
				return false;
			pen += (double)adv * size / 1000.0;
			k++;
			while (k < pg->nitems && same_run(it, &pg->items[k]) && !drawn_text(&pg->items[k]))
				k++;
			if (k >= pg->nitems || !same_run(it, &pg->items[k]))
				break;
			double target = ts_to_pt(pg->items[k].x) - (double)x / 100.0;
			long n = lround(-(target - pen) * 1000.0 / size);
			if (n != 0) {
				char num[32];
				size_t len = 0;
				num[len++] = ')';
				len += put_long(num + len, n);
				num[len++] = '(';
				pdf_buf_add(c, num, len);
				pen -= (double)n * size / 1000.0;
			}
		}
		pdf_buf_str(c, ")]TJ\n");
		if (!write_content(c, page, "TJ"))
			return false;
		i = k;
	}
	if (in_text) {
		if (!pdf_ok(c, HPDF_Page_EndText(page), "ET"))
			return false;
		c->len = 0;
		pdf_buf_str(c, "EMC\n");
		return write_content(c, page, "EMC");
	}
	return true;
}

/* ------------------------------------------------------------------------ */
/* Images */

/* The image of path as the layout measured it: its decoded pixels from the
 * resource table (the spelling the layout used finds the same entry, so a
 * file changed since is not read again), embedded once however many
 * figures and spellings draw it: 8-bit gray or RGB samples in a raw image
 * XObject, compressed with FlateDecode. libharu's own PNG loader writes
 * the same dictionary (Type, Subtype, ColorSpace, Width, Height,
 * BitsPerComponent 8, Filter) and the same rows for an 8-bit gray or RGB
 * PNG without transparency, so those come out byte for byte as before; it
 * is not used, for it decodes the file a second time, writes
 * BitsPerComponent 16 for a 16-bit PNG, drops a gray image's tRNS, and
 * takes every libpng warning for an error (refusing a valid interlaced
 * image, a large iCCP profile, many zTXt chunks after inflating them all). An image with
 * transparency gets a soft mask of its opacity, which PDF/A-1 forbids: in
 * archival mode the check refuses it first, at the element that names it
 * (vl_check_images); here it is refused again. */
static HPDF_Image
get_image(pdf_ctx *c, const char *path)
{
	const image_png *img = res_image(c->res, path, "image", c->d);
	if (!img) {
		c->failed = true;
		return NULL;
	}
	for (size_t i = 0; i < c->nimages; i++)
		if (c->images[i].img == img)
			return c->images[i].image;
	if (c->o->archival && img->alpha) {
		c->failed = true;
		MSG(IMAGE_ALPHA, c->d, path, 0, 0);
		return NULL;
	}
	HPDF_Image im = HPDF_LoadRawImageFromMem(c->pdf, img->pixels, img->width, img->height,
	    img->channels == 1 ? HPDF_CS_DEVICE_GRAY : HPDF_CS_DEVICE_RGB, 8);
	if (im && !c->err_no && img->alpha) {
		HPDF_Image mask = HPDF_LoadRawImageFromMem(c->pdf, img->alpha, img->width,
		    img->height, HPDF_CS_DEVICE_GRAY, 8);
		if (mask && !c->err_no)
			(void)HPDF_Image_AddSMask(im, mask);
	}
	if (!im || c->err_no) {
		const char *why = pdf_failure(c);
		if (why)
			MSG(IMAGE_BROKEN, c->d, path, 0, 0, "image", why);
		return NULL;
	}
	c->images = xgrow(c->images, &c->images_cap, c->nimages + 1, sizeof *c->images);
	c->images[c->nimages++] = (pdf_image){ .img = img, .path = arena_strdup(c->a, path),
		.image = im };
	return im;
}

/* Rules (one path and one fill per run of rules with one tag, in its
 * marked-content sequence) and images (each in its own), before the
 * page's text. */
static bool
draw_graphics(pdf_ctx *c, HPDF_Page page, size_t pgi, const ts_page *pg)
{
	double hpt = ts_to_pt(c->doc->height);
	c->len = 0;
	bool open = false;
	int tag = 0;
	for (size_t i = 0; i < pg->nitems; i++) {
		const ts_item *it = &pg->items[i];
		if (it->kind != TS_ITEM_RULE || it->w <= 0 || it->h <= 0)
			continue;
		if (open && it->tag != tag) {
			pdf_buf_str(c, "f\nEMC\n");
			open = false;
		}
		if (!open) {
			tag = it->tag;
			if (!mark_begin(c, pgi, tag, NULL))
				return false;
			open = true;
		}
		long v[4] = { pdf_hundredths(it->x), pdf_hundredths(c->doc->height - it->y - it->h),
			pdf_hundredths(it->w), pdf_hundredths(it->h) };
		for (int k = 0; k < 4; k++) {
			char num[32];
			fmt_hundredths(num, sizeof num, v[k]);
			pdf_buf_str(c, num);
			pdf_buf_str(c, " ");
		}
		pdf_buf_str(c, "re\n");
	}
	if (open) {
		pdf_buf_str(c, "f\nEMC\n");
		if (!write_content(c, page, "rule"))
			return false;
	}
	for (size_t i = 0; i < pg->nitems; i++) {
		const ts_item *it = &pg->items[i];
		if (it->kind != TS_ITEM_IMAGE)
			continue;
		const char *p = arena_strndup(c->a, it->text ? it->text : "", it->text ? it->len : 0);
		if (!*p || it->w <= 0 || it->h <= 0) {
			c->failed = true;
			if (*p)
				MSG(IMAGE_NO_SIZE, c->d, p, 0, 0);
			else
				MSG(IMAGE_NO_FILE, c->d, NULL, 0, 0);
			return false;
		}
		HPDF_Image im = get_image(c, p);
		if (!im)
			return false;
		double h = ts_to_pt(it->h), w = ts_to_pt(it->w);
		c->len = 0;
		if (!mark_begin(c, pgi, it->tag, NULL) || !write_content(c, page, "BDC")
		    || !pdf_ok(c, HPDF_Page_DrawImage(page, im, (HPDF_REAL)ts_to_pt(it->x),
		    (HPDF_REAL)(hpt - ts_to_pt(it->y) - h), (HPDF_REAL)w, (HPDF_REAL)h), "image"))
			return false;
		c->len = 0;
		pdf_buf_str(c, "EMC\n");
		if (!write_content(c, page, "EMC"))
			return false;
	}
	return true;
}

/* A link inside the document ("#name"): an annotation going to where the
 * destination begins (/Dest, direct), described by what it is; NULL (and
 * nothing made) for a name that names no placed destination. */
static HPDF_Annotation
goto_annot(pdf_ctx *c, HPDF_Page page, HPDF_Rect r, const char *link)
{
	const ts_layout *doc = c->doc;
	long d = ts_layout_dest_find(doc, link + 1);
	if (d < 0)
		return NULL;
	if (doc->dests[d].page >= doc->npages)
		return NULL;
	/* libharu makes a link with either an indirect destination (which
	 * Preflight cannot read) or a direct URI action: the latter, its
	 * action then replaced by the direct /Dest (so its address is none of
	 * the id's: an id of any length makes a link) */
	HPDF_Annotation an = HPDF_Page_CreateURILinkAnnot(page, r, "#");
	if (!pdf_ok(c, an ? HPDF_OK : HPDF_FAILD_TO_ALLOC_MEM, "link annotation"))
		return NULL;
	pdf_dict_remove(an, "A");
	if (!pdf_ok(c, HPDF_LinkAnnot_SetBorderStyle(an, 0, 0, 0), "link annotation")
	    || !pdf_nav_dest(c, an, c->pages[doc->dests[d].page], doc->dests[d].top, "link destination")
	    || !pdf_add(c, an, "Contents", pdf_text_obj(c, pdf_fit_text(c->a, doc->dests[d].title))))
		return NULL;
	return an;
}

/* Whether item b goes on the link annotation of item a: text on a's
 * baseline, of the same link (its node, and its address). */
static bool
same_link(const ts_item *a, const ts_item *b)
{
	return b->kind == TS_ITEM_TEXT && b->y == a->y && b->link &&
	    (b->link == a->link || (b->tag == a->tag && strcmp(b->link, a->link) == 0));
}

/* The end of the run of items from i that one link annotation covers. */
static size_t
link_run_end(const ts_page *pg, size_t i)
{
	size_t j = i + 1;
	while (j < pg->nitems && same_link(&pg->items[i], &pg->items[j]))
		j++;
	return j;
}

/* Whether the page's links fit in its /Annots (PDF_ARRAY_MAX), asked
 * before anything is drawn; else a message at the first link too many. */
static bool
links_fit(pdf_ctx *c, size_t pgi, const ts_page *pg)
{
	size_t n = 0;
	for (size_t i = 0; i < pg->nitems;) {
		const ts_item *it = &pg->items[i];
		if (it->kind != TS_ITEM_TEXT || !it->link || !it->link[0]) {
			i++;
			continue;
		}
		if (n++ == PDF_ARRAY_MAX) {
			const ts_srcpos *at = it->src && it->src->file ? it->src : NULL;
			MSG(PAGE_TOO_MANY_LINKS, c->d, at ? at->file : NULL, at ? at->line : 0,
			    at ? at->col : 0, pgi + 1, PDF_ARRAY_MAX);
			c->failed = c->invalid = true;
			return false;
		}
		i = link_run_end(pg, i);
	}
	return true;
}

/* A link annotation over each line's stretch of text items with the same
 * address (http, https, mailto: the source's check; "#name" a place in the
 * document), without a border, with the address (the place's description)
 * as its /Contents: one per link and line (links_fit has counted them). */
static bool
draw_links(pdf_ctx *c, HPDF_Page page, size_t pgi, const ts_page *pg)
{
	double hpt = ts_to_pt(c->doc->height);
	for (size_t i = 0; i < pg->nitems;) {
		const ts_item *it = &pg->items[i];
		if (it->kind != TS_ITEM_TEXT || !it->link || !it->link[0]) {
			i++;
			continue;
		}
		ts_sp x0 = it->x, x1 = it->x + it->w, size = it->size;
		size_t j = i + 1, end = link_run_end(pg, i);
		for (; j < end; j++) {
			x1 = pg->items[j].x + pg->items[j].w;
			size = pg->items[j].size > size ? pg->items[j].size : size;
		}
		HPDF_Rect r = { (HPDF_REAL)ts_to_pt(x0), (HPDF_REAL)(hpt - ts_to_pt(it->y) - 0.25 * ts_to_pt(size)),
			(HPDF_REAL)ts_to_pt(x1), (HPDF_REAL)(hpt - ts_to_pt(it->y) + 0.85 * ts_to_pt(size)) };
		i = j;
		HPDF_Annotation an;
		if (it->link[0] == '#') {
			an = goto_annot(c, page, r, it->link);
			if (!an) {
				if (c->failed)
					return false;
				continue; /* vl_check refuses an unknown target first */
			}
		} else {
			an = HPDF_Page_CreateURILinkAnnot(page, r, it->link);
			if (!pdf_ok(c, an ? HPDF_OK : HPDF_FAILD_TO_ALLOC_MEM, "link annotation")
			    || !pdf_ok(c, HPDF_LinkAnnot_SetBorderStyle(an, 0, 0, 0), "link annotation")
			    || !pdf_add(c, an, "Contents", pdf_text_obj(c, pdf_fit_text(c->a, it->link))))
				return false;
		}
		if (!pdf_struct_annot(c, pgi, it->tag, an))
			return false;
	}
	return true;
}

/* ------------------------------------------------------------------------ */
/* The finished content, compressed at once */

/* The dictionary entry libharu writes for a stream it compresses, written
 * by the stream's own hook (libharu calls it after the entries, and /Length
 * is the content dictionary's only entry): the same bytes in the same
 * place. */
static HPDF_STATUS
write_flate_entry(HPDF_Dict dict, HPDF_Stream out)
{
	(void)dict;
	return HPDF_Stream_WriteStr(out, "/Filter [ /FlateDecode ]\012");
}

/* The page's content stream deflated now, as libharu would deflate it when
 * the file is saved (HPDF_Stream_WriteToStreamWithDeflate in 2.3.0: the
 * default level, the default window and memory level, the input in its
 * 4096-byte buffers without flushing, so the bytes are the same), and put
 * in its place with the filter set to none and the /Filter entry written
 * by write_flate_entry. A page's content then costs memory compressed, not
 * plain, until the file is written. Nothing is drawn on the page after. */
static bool
seal_content(pdf_ctx *c, HPDF_Page page)
{
	HPDF_PageAttr pattr = (HPDF_PageAttr)page->attr;
	HPDF_Dict dict = pattr->contents;
	HPDF_Stream plain = pattr->stream;
	if (!dict || dict->stream != plain || plain->type != HPDF_STREAM_MEMORY
	    || !(dict->filter & HPDF_STREAM_FILTER_FLATE_DECODE) || dict->write_fn
	    || plain->size == 0 || dict->list->count != 1)
		return true; /* not the shape this knows: libharu compresses it at save */
	z_stream z;
	memset(&z, 0, sizeof z);
	if (deflateInit(&z, Z_DEFAULT_COMPRESSION) != Z_OK)
		return pdf_ok(c, HPDF_ZLIB_ERROR, "compressing the page");
	size_t cap = deflateBound(&z, plain->size), len = 0;
	unsigned char *out = xmalloc(cap);
	HPDF_MemStreamAttr ma = plain->attr;
	int zr = Z_OK;
	for (HPDF_UINT k = 0; k < ma->buf->count && zr == Z_OK; k++) {
		HPDF_UINT n;
		HPDF_BYTE *p = HPDF_MemStream_GetBufPtr(plain, k, &n);
		z.next_in = p;
		z.avail_in = p ? n : 0;
		while (z.avail_in > 0 && zr == Z_OK) {
			z.next_out = out + len;
			z.avail_out = (uInt)(cap - len);
			zr = deflate(&z, Z_NO_FLUSH);
			len = cap - z.avail_out;
			if (zr == Z_OK && z.avail_out == 0) {
				cap *= 2;
				out = xrealloc(out, cap);
			}
		}
	}
	while (zr == Z_OK) {
		if (len == cap) {
			cap *= 2;
			out = xrealloc(out, cap);
		}
		z.next_out = out + len;
		z.avail_out = (uInt)(cap - len);
		zr = deflate(&z, Z_FINISH);
		len = cap - z.avail_out;
	}
	deflateEnd(&z);
	HPDF_Stream packed = NULL;
	if (zr == Z_STREAM_END)
		packed = HPDF_MemStream_New(plain->mmgr, (HPDF_UINT)(len ? len : 1));
	bool ok = packed && HPDF_Stream_Write(packed, out, (HPDF_UINT)len) == HPDF_OK;
	free(out);
	if (!ok) {
		if (packed)
			HPDF_Stream_Free(packed);
		return pdf_ok(c, zr == Z_STREAM_END ? HPDF_FAILD_TO_ALLOC_MEM : HPDF_ZLIB_ERROR,
		    "compressing the page");
	}
	HPDF_Stream_Free(plain);
	dict->stream = packed;
	pattr->stream = packed;
	dict->filter = HPDF_STREAM_FILTER_NONE;
	dict->write_fn = write_flate_entry;
	return true;
}

bool
pdf_page_draw(pdf_ctx *c, size_t pgi)
{
	HPDF_Page page = c->pages[pgi];
	const ts_page *pg = &c->doc->pages[pgi];
	return links_fit(c, pgi, pg) && draw_graphics(c, page, pgi, pg) &&
	    draw_text(c, page, pgi, pg) && draw_links(c, page, pgi, pg) && seal_content(c, page);
}
