/* test_res.c: the resource table (src/base/res.c) and the PNG reader it
 * decodes with (src/base/image.c): one entry per file however it is
 * spelled, each file read once and each image decoded once, what the layout
 * measured still there when the file changes, failures said on every
 * request but decoded once; the fonts the engine and the back end share;
 * the reader's 8-bit rows of every colour type and depth. The PNGs are
 * written here with zlib. Run from the repository root. */
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zlib.h>

#include "engine/engine.h"
#include "pdf/pdf.h"
#include "unit.h"

#define TMP "tests/scratch"

static const char *const faces[TS_NFACES] = {
	"fonts/LiberationSans-Regular.ttf", "fonts/LiberationSans-Bold.ttf",
	"fonts/LiberationSans-Italic.ttf", "fonts/LiberationSans-BoldItalic.ttf",
};

static diag d;
static char *msgs;
static size_t msgs_len;
static FILE *sink;

static void
diag_start(void)
{
	if (sink)
		fclose(sink);
	free(msgs);
	msgs = NULL;
	sink = open_memstream(&msgs, &msgs_len);
	diag_init(&d, "test_res", sink);
}

static const char *
diag_text(void)
{
	fflush(sink);
	return msgs ? msgs : "";
}

/* How often s occurs in the messages. */
static int
count_text(const char *s)
{
	int n = 0;
	for (const char *p = diag_text(); (p = strstr(p, s)) != NULL; p += strlen(s))
		n++;
	return n;
}

/* ---- writing PNGs ------------------------------------------------------- */

typedef struct buf {
	unsigned char *p;
	size_t n, cap;
} buf;

static void
put(buf *b, const void *p, size_t n)
{
	b->p = xgrow(b->p, &b->cap, b->n + n, 1);
	memcpy(b->p + b->n, p, n);
	b->n += n;
}

static void
put32(buf *b, uint32_t v)
{
	unsigned char x[4] = { (unsigned char)(v >> 24), (unsigned char)(v >> 16),
		(unsigned char)(v >> 8), (unsigned char)v };
	put(b, x, 4);
}

static void
chunk(buf *b, const char *type, const void *data, size_t n)
{
	put32(b, (uint32_t)n);
	size_t at = b->n;
	put(b, type, 4);
	put(b, data, n);
	put32(b, (uint32_t)crc32(0, b->p + at, (uInt)(n + 4)));
}

/* A PNG of w x h, depth and colour type, its filtered rows raw (filter
 * bytes included), with optional PLTE and tRNS data; written to path. */
static bool
write_png(const char *path, uint32_t w, uint32_t h, int depth, int ctype, const void *raw,
    size_t nraw, const void *plte, size_t nplte, const void *trns, size_t ntrns)
{
	buf b = { 0 };
	put(&b, "\x89PNG\r\n\x1a\n", 8);
	unsigned char ih[13];
	for (int i = 0; i < 4; i++) {
		ih[i] = (unsigned char)(w >> (24 - 8 * i));
		ih[4 + i] = (unsigned char)(h >> (24 - 8 * i));
	}
	ih[8] = (unsigned char)depth;
	ih[9] = (unsigned char)ctype;
	ih[10] = ih[11] = ih[12] = 0;
	chunk(&b, "IHDR", ih, sizeof ih);
	if (plte)
		chunk(&b, "PLTE", plte, nplte);
	if (trns)
		chunk(&b, "tRNS", trns, ntrns);
	uLongf zn = compressBound((uLong)nraw);
	unsigned char *z = xmalloc(zn);
	compress2(z, &zn, raw, (uLong)nraw, 9);
	chunk(&b, "IDAT", z, zn);
	free(z);
	chunk(&b, "IEND", "", 0);
	FILE *f = fopen(path, "wb");
	bool ok = f && fwrite(b.p, 1, b.n, f) == b.n;
	if (f)
		ok = fclose(f) == 0 && ok;
	free(b.p);
	return ok;
}

/* A 3 x 2 RGB image, every pixel its own colour: (10 * i, 20 * i, 30 * i)
 * plus a base. */
static bool
write_rgb(const char *path, unsigned char base)
{
	unsigned char raw[2 * (1 + 9)];
	for (int y = 0, k = 0; y < 2; y++) {
		raw[k++] = 0;
		for (int x = 0; x < 3; x++)
			for (int c = 0; c < 3; c++)
				raw[k++] = (unsigned char)(base + 10 * (c + 1) * (y * 3 + x));
	}
	return write_png(path, 3, 2, 8, 2, raw, sizeof raw, NULL, 0, NULL, 0);
}

/* ---- the table ---------------------------------------------------------- */

static void
test_spellings_one_entry(void)
{
	/* one file under five names: one read, one decode, one image */
	EXPECT(write_rgb(TMP "/one.png", 0));
	unlink(TMP "/one-link.png");
	EXPECT(symlink("one.png", TMP "/one-link.png") == 0);
	static const char *const names[] = {
		TMP "/one.png", TMP "/./one.png", TMP "/././one.png", TMP "//one.png", TMP "/one-link.png",
	};
	res_table *t = res_table_new();
	diag_start();
	const image_png *first = NULL;
	for (int round = 0; round < 3; round++)
		for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
			const image_png *img = res_image(t, names[i], "image", &d);
			EXPECTF(img, "%s: %s", names[i], diag_text());
			if (!first)
				first = img;
			EXPECT(img == first);
		}
	res_counts n = res_table_counts(t);
	EXPECTF(n.reads == 1 && n.decodes == 1, "reads %zu, decodes %zu", n.reads, n.decodes);
	EXPECT(first && first->width == 3 && first->height == 2 && first->channels == 3 && !first->alpha);
	if (first)
		EXPECT(first->pixels[3 * 4 + 1] == 20 * 4 && first->pixels[3 * 5 + 2] == 30 * 5);
	EXPECT(d.nwarnings == 0 && d.nerrors == 0 && d.nsyserrs == 0);
	res_table_free(t);
}

static void
test_file_changes_between(void)
{
	/* what the layout measured is what the back end gets: the spelling once
	 * resolved is not read again, even when the file is replaced or goes */
	EXPECT(write_rgb(TMP "/moving.png", 0));
	res_table *t = res_table_new();
	diag_start();
	const image_png *a = res_image(t, TMP "/moving.png", "image", &d);
	EXPECT(write_png(TMP "/moving.new", 1, 1, 8, 0, "\0\x80", 2, NULL, 0, NULL, 0));
	EXPECT(rename(TMP "/moving.new", TMP "/moving.png") == 0);
	const image_png *b = res_image(t, TMP "/moving.png", "image", &d);
	EXPECT(a && a == b && b->width == 3);
	unlink(TMP "/moving.png");
	EXPECT(res_image(t, TMP "/moving.png", "image", &d) == a);
	EXPECT(res_table_counts(t).reads == 1);
	/* a new spelling opens the file: gone now */
	EXPECT(!res_image(t, TMP "/./moving.png", "image", &d));
	EXPECTF(strstr(diag_text(), TMP "/./moving.png: error: cannot open: "), "%s", diag_text());
	res_table_free(t);
}

static void
test_failure_said_each_time(void)
{
	/* a broken PNG: decoded once, refused on every request, the message
	 * naming what the caller says it is */
	EXPECT(write_rgb(TMP "/broken.png", 0));
	FILE *f = fopen(TMP "/broken.png", "r+b");
	if (f) {
		fseek(f, 45, SEEK_SET);
		fputc(0x55, f);
		fclose(f);
	}
	res_table *t = res_table_new();
	diag_start();
	EXPECT(!res_image(t, TMP "/broken.png", "image", &d));
	EXPECT(!res_image(t, TMP "/./broken.png", "signature image", &d));
	EXPECT(!res_image(t, TMP "/broken.png", "image", &d));
	res_counts n = res_table_counts(t);
	EXPECTF(n.reads == 1 && n.decodes == 1, "reads %zu, decodes %zu", n.reads, n.decodes);
	EXPECTF(count_text("broken.png: error: cannot load image: broken PNG: ") == 2 &&
	    count_text("broken.png: error: cannot load signature image: broken PNG: ") == 1,
	    "%s", diag_text());
	EXPECT(d.nsyserrs == 3);
	/* a missing file is looked for again: once it is there, it is read */
	unlink(TMP "/later.png");
	EXPECT(!res_image(t, TMP "/later.png", "image", &d));
	EXPECT(write_rgb(TMP "/later.png", 5));
	const image_png *img = res_image(t, TMP "/later.png", "image", &d);
	EXPECT(img && img->pixels[0] == 5);
	res_table_free(t);
}

static void
test_trim(void)
{
	/* images over the budget let go between documents, files kept */
	EXPECT(write_rgb(TMP "/t1.png", 0));
	res_table *t = res_table_new();
	diag_start();
	size_t n;
	EXPECT(res_image(t, TMP "/t1.png", "image", &d) && res_file(t, faces[0], "font", 32u << 20, &n, &d));
	res_table_trim(t, 1000); /* 18 bytes of pixels: kept */
	EXPECT(res_image(t, TMP "/t1.png", "image", &d));
	EXPECT(res_table_counts(t).decodes == 1);
	res_table_trim(t, 10);
	const image_png *img = res_image(t, TMP "/./t1.png", "image", &d);
	EXPECT(img && img->width == 3 && res_image(t, TMP "/t1.png", "image", &d) == img);
	EXPECT(res_file(t, faces[0], "font", 32u << 20, &n, &d));
	res_counts c = res_table_counts(t);
	EXPECTF(c.decodes == 2 && c.reads == 3, "reads %zu, decodes %zu", c.reads, c.decodes);
	res_table_free(t);
}

static void
test_files(void)
{
	/* a file's bytes: read once, the same bytes to every caller and
	 * spelling; over the caller's limit refused; images and files of one
	 * path are entries of their own */
	res_table *t = res_table_new();
	diag_start();
	size_t n1 = 0, n2 = 0, n3 = 0;
	const unsigned char *a = res_file(t, faces[0], "font", 32u << 20, &n1, &d);
	const unsigned char *b = res_file(t, "fonts/./LiberationSans-Regular.ttf", "font", 32u << 20, &n2, &d);
	EXPECT(a && a == b && n1 == n2 && n1 > 1000);
	EXPECT(!res_file(t, faces[0], "font", 100, &n3, &d));
	EXPECTF(strstr(diag_text(), "error: font too large: "), "%s", diag_text());
	EXPECT(res_table_counts(t).reads == 1);
	EXPECT(!res_image(t, faces[0], "image", &d)); /* a font is no PNG */
	EXPECTF(strstr(diag_text(), "cannot load image: not a PNG file"), "%s", diag_text());
	EXPECT(res_file(t, faces[0], "font", 32u << 20, &n3, &d) == a);
	res_table_free(t);
}

static void
test_fonts_read_once(void)
{
	/* two engines and a PDF of one table: each font file read once */
	res_table *t = res_table_new();
	diag_start();
	ts_engine *e1 = ts_engine_new(faces, t, NULL, &d);
	ts_engine *e2 = ts_engine_new(faces, t, NULL, &d);
	EXPECT(e1 && e2 && ts_engine_res(e1) == t);
	EXPECTF(res_table_counts(t).reads == TS_NFACES, "%zu reads", res_table_counts(t).reads);
	ts_layout *doc = ts_layout_new(TS_PT(400), TS_PT(600), faces);
	size_t p = ts_layout_add_page(doc);
	ts_item *it = ts_page_add(doc, p);
	it->kind = TS_ITEM_TEXT;
	it->x = TS_PT(50);
	it->y = TS_PT(100);
	it->text = "Größe";
	it->len = strlen(it->text);
	it->size = TS_PT(12);
	it->w = ts_text_width(e1, TS_REGULAR, it->size, it->text, it->len);
	it->face = TS_BOLD;
	render_opts o = { .archival = false, .variant = "test", .res = t };
	unsigned char *pdf = NULL;
	size_t len = 0;
	EXPECTF(render_pdf_mem(doc, &o, &pdf, &len, &d) == VL_EXIT_OK, "%s", diag_text());
	EXPECTF(res_table_counts(t).reads == TS_NFACES, "%zu reads", res_table_counts(t).reads);
	/* without a table the engine and the render have their own: the same PDF */
	ts_engine *e3 = ts_engine_new(faces, NULL, NULL, &d);
	EXPECT(e3 && ts_engine_res(e3) != t);
	render_opts own = o;
	own.res = NULL;
	unsigned char *pdf2 = NULL;
	size_t len2 = 0;
	EXPECT(render_pdf_mem(doc, &own, &pdf2, &len2, &d) == VL_EXIT_OK);
	EXPECT(pdf && pdf2 && len == len2 && memcmp(pdf, pdf2, len) == 0);
	free(pdf);
	free(pdf2);
	ts_layout_free(doc);
	ts_engine_free(e1);
	ts_engine_free(e2);
	ts_engine_free(e3);
	res_table_free(t);
}

/* ---- the reader's rows -------------------------------------------------- */

static const image_png *
decoded(res_table *t, const char *path)
{
	const image_png *img = res_image(t, path, "image", &d);
	EXPECTF(img, "%s: %s", path, diag_text());
	return img;
}

static void
test_rows_of_every_kind(void)
{
	res_table *t = res_table_new();
	diag_start();
	/* 1-bit gray 4 x 1: 1 0 1 1 -> 255 0 255 255 */
	EXPECT(write_png(TMP "/g1.png", 4, 1, 1, 0, "\0\xb0", 2, NULL, 0, NULL, 0));
	const image_png *g1 = decoded(t, TMP "/g1.png");
	EXPECT(g1 && g1->channels == 1 && !g1->alpha && !memcmp(g1->pixels, "\xff\0\xff\xff", 4));
	/* 16-bit gray 2 x 1: 0x1234 0xABCD -> rounded to 8 bits (v * 255 / 65535) */
	EXPECT(write_png(TMP "/g16.png", 2, 1, 16, 0, "\0\x12\x34\xab\xcd", 5, NULL, 0, NULL, 0));
	const image_png *g16 = decoded(t, TMP "/g16.png");
	EXPECT(g16 && g16->channels == 1 && g16->pixels[0] == 0x12 && g16->pixels[1] == 0xab);
	/* a palette of two, 2-bit indices 3 x 1: 1 0 1 -> RGB */
	static const unsigned char plte[] = { 10, 20, 30, 200, 150, 100 };
	EXPECT(write_png(TMP "/pal.png", 3, 1, 2, 3, "\0\x44", 2, plte, sizeof plte, NULL, 0));
	const image_png *pal = decoded(t, TMP "/pal.png");
	EXPECT(pal && pal->channels == 3 && !pal->alpha &&
	    !memcmp(pal->pixels, "\xc8\x96\x64\x0a\x14\x1e\xc8\x96\x64", 9));
	/* the palette with entry 0 transparent: an opacity plane */
	EXPECT(write_png(TMP "/palt.png", 3, 1, 2, 3, "\0\x44", 2, plte, sizeof plte, "\0", 1));
	const image_png *palt = decoded(t, TMP "/palt.png");
	EXPECT(palt && palt->channels == 3 && palt->alpha && !memcmp(palt->alpha, "\xff\0\xff", 3));
	/* RGBA with every pixel opaque: no plane, the colours packed */
	EXPECT(write_png(TMP "/opaque.png", 2, 1, 8, 6, "\0\1\2\3\xff\4\5\6\xff", 9, NULL, 0, NULL, 0));
	const image_png *op = decoded(t, TMP "/opaque.png");
	EXPECT(op && op->channels == 3 && !op->alpha && !memcmp(op->pixels, "\1\2\3\4\5\6", 6));
	/* gray + alpha, half transparent */
	EXPECT(write_png(TMP "/ga.png", 2, 1, 8, 4, "\0\x10\x80\x20\xff", 5, NULL, 0, NULL, 0));
	const image_png *ga = decoded(t, TMP "/ga.png");
	EXPECT(ga && ga->channels == 1 && ga->alpha && !memcmp(ga->pixels, "\x10\x20", 2) &&
	    !memcmp(ga->alpha, "\x80\xff", 2));
	/* libpng's own limit of a million pixels a row does not apply: ours is the count */
	size_t w = 2000000;
	unsigned char *raw = xcalloc(w + 1, 1);
	EXPECT(write_png(TMP "/long.png", (uint32_t)w, 1, 8, 0, raw, w + 1, NULL, 0, NULL, 0));
	free(raw);
	const image_png *lg = decoded(t, TMP "/long.png");
	EXPECT(lg && lg->width == w && lg->height == 1);
	EXPECT(d.nsyserrs == 0);
	res_table_free(t);
}

int
main(void)
{
	mkdir(TMP, 0777);
	RUN(test_spellings_one_entry);
	RUN(test_file_changes_between);
	RUN(test_failure_said_each_time);
	RUN(test_trim);
	RUN(test_files);
	RUN(test_fonts_read_once);
	RUN(test_rows_of_every_kind);
	if (sink)
		fclose(sink);
	free(msgs);
	UNIT_EXIT();
}
