/* image.c: the one PNG reader, over libpng, from the file's bytes in
 * memory: each image decoded once into the 8-bit rows that the layout
 * measures and the back end embeds (res.c keeps them). */
#include "base.h"

#include <inttypes.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <png.h>

/* libpng keeps at most this many ancillary chunks it does not skip (none
 * should reach it: every chunk but the image's own is skipped unread), and
 * allocates at most this much for one chunk's data: a palette is 768
 * bytes, a tRNS chunk 256. Both bound what a hostile file makes libpng
 * allocate; libpng's defaults are 1000 chunks and 8 MB. */
enum { CHUNK_CACHE_MAX = 16, CHUNK_MALLOC_MAX = 1 << 20 };

/* With its last row, libpng inflates what is left of the image data to
 * its end, however much that makes: 4 MB of compressed zeros after a
 * one-pixel image inflated to 4 GB and took 12 to 25 s. Deflate makes no
 * more than about 9/8 of its input (fixed codes for bytes above 143), plus
 * headers: image data (IDAT) beyond that for the image's filtered rows,
 * plus IDAT_SLACK, is refused before it is inflated. */
enum { IDAT_SLACK = 64 << 10 };

typedef struct reader {
	jmp_buf jmp;
	char *why;
	const unsigned char *data, *p;
	size_t left;
	size_t idat0, idat1;  /* where the image data (the IDAT chunks) begins and ends */
	size_t idat_read;     /* of the image data, read so far */
	size_t idat_max;      /* the most the image's rows can take */
	png_structp png;
	png_infop info;
	unsigned char *buf;   /* the rows as libpng gives them, alpha interleaved */
} reader;

static void
on_error(png_structp png, png_const_charp msg)
{
	reader *r = png_get_error_ptr(png);
	snprintf(r->why, IMAGE_WHY_MAX, "broken PNG: %s", msg);
	longjmp(r->jmp, 1);
}

static void
on_warning(png_structp png, png_const_charp msg)
{
	(void)png;
	(void)msg;
}

static void
on_read(png_structp png, png_bytep out, png_size_t n)
{
	reader *r = png_get_io_ptr(png);
	if (n > r->left)
		png_error(png, "file ends early");
	size_t off = (size_t)(r->p - r->data), a = off > r->idat0 ? off : r->idat0;
	size_t b = off + n < r->idat1 ? off + n : r->idat1;
	if (a < b && (r->idat_read += b - a) > r->idat_max)
		png_error(png, "more compressed image data than the image holds");
	memcpy(out, r->p, n);
	r->p += n;
	r->left -= n;
}

/* The opacity of the interleaved rows in buf (n pixels of c + 1 bytes)
 * moved out into img->alpha, the colours packed to c bytes a pixel in
 * place; no alpha plane when every pixel is opaque. */
static void
split_alpha(unsigned char *buf, size_t n, unsigned c, image_png *img)
{
	bool opaque = true;
	for (size_t i = 0; i < n && opaque; i++)
		opaque = buf[i * (c + 1) + c] == 0xFF;
	if (!opaque)
		img->alpha = xmalloc(n ? n : 1);
	for (size_t i = 0; i < n; i++) {
		const unsigned char *s = buf + i * (c + 1);
		if (img->alpha)
			img->alpha[i] = s[c];
		memmove(buf + i * c, s, c); /* moves down: the destination never passes the source */
	}
}

/* The size of the filtered rows of a w x h image of bpp bits a pixel, as
 * its IDAT chunks hold them inflated (Adam7: the passes' rows). */
static uint64_t
filtered_size(uint64_t w, uint64_t h, unsigned bpp, bool interlaced)
{
	static const unsigned char adam7[7][4] = {
		{ 0, 0, 8, 8 }, { 4, 0, 8, 8 }, { 0, 4, 4, 8 }, { 2, 0, 4, 4 }, { 0, 2, 2, 4 },
		{ 1, 0, 2, 2 }, { 0, 1, 1, 2 },
	};
	if (!interlaced)
		return h * (1 + (w * bpp + 7) / 8);
	uint64_t n = 0;
	for (int p = 0; p < 7; p++) {
		const unsigned char *a = adam7[p];
		uint64_t pw = w > a[0] ? (w - a[0] + a[2] - 1) / a[2] : 0;
		uint64_t ph = h > a[1] ? (h - a[1] + a[3] - 1) / a[3] : 0;
		if (pw && ph)
			n += ph * (1 + (pw * bpp + 7) / 8);
	}
	return n;
}

/* Decodes every row into r->buf; false with r->why when libpng fails or the
 * image is too large. Everything that must survive the longjmp lives in *r. */
static bool
decode(reader *r, image_png *img)
{
	if (setjmp(r->jmp))
		return false;
	/* the pixel count is ours: libpng's own limits of width and height
	 * (a million each by default) would refuse 1 x 4000000 */
	png_set_user_limits(r->png, IMAGE_MAX_PIXELS, IMAGE_MAX_PIXELS);
	png_set_chunk_cache_max(r->png, CHUNK_CACHE_MAX);
	png_set_chunk_malloc_max(r->png, CHUNK_MALLOC_MAX);
	/* every chunk but IHDR, PLTE, tRNS, IDAT and IEND skipped unread: no
	 * text or colour profile is inflated (150 zTXt chunks of 8 MB each
	 * took 15 s), an unknown critical chunk is an error */
	png_set_keep_unknown_chunks(r->png, PNG_HANDLE_CHUNK_NEVER, NULL, -1);
	png_set_read_fn(r->png, r, on_read);
	png_read_info(r->png, r->info);
	img->width = png_get_image_width(r->png, r->info);
	img->height = png_get_image_height(r->png, r->info);
	if ((uint64_t)img->width * img->height > IMAGE_MAX_PIXELS) {
		snprintf(r->why, IMAGE_WHY_MAX, "%" PRIu32 " x %" PRIu32 " pixels, more than the %u allowed",
		    img->width, img->height, IMAGE_MAX_PIXELS);
		return false;
	}
	uint64_t rows = filtered_size(img->width, img->height,
	    png_get_channels(r->png, r->info) * png_get_bit_depth(r->png, r->info),
	    png_get_interlace_type(r->png, r->info) != PNG_INTERLACE_NONE);
	r->idat_max = (size_t)(rows + rows / 8 + IDAT_SLACK);
	/* 8 bits a sample, gray or RGB, with or without alpha: a palette
	 * expanded, fewer bits scaled up, a tRNS chunk made an alpha channel,
	 * 16 bits rounded (PDF/A-1 is PDF 1.4, which has no 16-bit images) */
	png_set_expand(r->png);
	png_set_scale_16(r->png);
	int passes = png_set_interlace_handling(r->png);
	png_read_update_info(r->png, r->info);
	unsigned ch = png_get_channels(r->png, r->info);
	size_t n = (size_t)img->width * img->height;
	size_t rowbytes = png_get_rowbytes(r->png, r->info);
	if (ch < 1 || ch > 4 || png_get_bit_depth(r->png, r->info) != 8 ||
	    rowbytes != (size_t)img->width * ch) {
		snprintf(r->why, IMAGE_WHY_MAX, "broken PNG: unexpected row layout");
		return false;
	}
	r->buf = xmalloc(n > 0 ? n * ch : 1);
	/* each pass fills in its pixels of the rows already there */
	for (int p = 0; p < passes; p++)
		for (png_uint_32 y = 0; y < img->height; y++)
			png_read_row(r->png, r->buf + (size_t)y * rowbytes, NULL);
	png_read_end(r->png, NULL);
	img->channels = ch == 2 || ch == 4 ? ch - 1 : ch;
	if (ch == 2 || ch == 4)
		split_alpha(r->buf, n, img->channels, img);
	img->pixels = r->buf;
	r->buf = NULL;
	return true;
}

/* Where the file's first run of IDAT chunks begins and ends (libpng takes
 * no IDAT after another chunk has followed them): [*start, *end), empty
 * when there is none, to the end of the file when the chunks run past it. */
static void
idat_span(const unsigned char *data, size_t len, size_t *start, size_t *end)
{
	size_t off = 8;
	*start = *end = 0;
	while (len - off >= 12) {
		uint32_t n = (uint32_t)data[off] << 24 | (uint32_t)data[off + 1] << 16 |
		    (uint32_t)data[off + 2] << 8 | data[off + 3];
		bool idat = memcmp(data + off + 4, "IDAT", 4) == 0;
		if (idat && *end == 0)
			*start = off;
		if (idat)
			*end = n > len - off - 12 ? len : off + 12 + n;
		else if (*end)
			return;
		if (n > len - off - 12)
			return;
		off += 12 + (size_t)n;
	}
}

bool
image_png_decode(const unsigned char *data, size_t len, image_png *img, char why[IMAGE_WHY_MAX])
{
	memset(img, 0, sizeof *img);
	why[0] = '\0';
	if (len < 8 || png_sig_cmp(data, 0, 8) != 0) {
		snprintf(why, IMAGE_WHY_MAX, "not a PNG file");
		return false;
	}
	reader r = { .why = why, .data = data, .p = data, .left = len, .idat_max = SIZE_MAX };
	idat_span(data, len, &r.idat0, &r.idat1);
	r.png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &r, on_error, on_warning);
	r.info = r.png ? png_create_info_struct(r.png) : NULL;
	bool ok = r.png && r.info && decode(&r, img);
	if (r.png)
		png_destroy_read_struct(&r.png, r.info ? &r.info : NULL, NULL);
	free(r.buf);
	if (!ok) {
		if (!why[0])
			snprintf(why, IMAGE_WHY_MAX, "out of memory");
		image_png_free(img);
	}
	return ok;
}

void
image_png_free(image_png *img)
{
	free(img->pixels);
	free(img->alpha);
	memset(img, 0, sizeof *img);
}
