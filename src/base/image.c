/* image.c: the one PNG reader, over libpng, from the file's bytes in
 * memory (so that what is checked is what gets embedded). */
#include "base.h"

#include <inttypes.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <png.h>


typedef struct reader {
	jmp_buf jmp;
	char msg[200];
	const unsigned char *p;
	size_t left;
	png_structp png;
	png_infop info;
	unsigned char *row;
} reader;

static void
on_error(png_structp png, png_const_charp msg)
{
	reader *r = png_get_error_ptr(png);
	snprintf(r->msg, sizeof r->msg, "broken PNG: %s", msg);
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
	memcpy(out, r->p, n);
	r->p += n;
	r->left -= n;
}

/* Decodes every row; false with r->msg when libpng fails or the image is
 * too large. Everything that must survive the longjmp lives in *r. */
static bool
decode(reader *r, image_png *img)
{
	if (setjmp(r->jmp))
		return false;
	png_set_read_fn(r->png, r, on_read);
	png_read_info(r->png, r->info);
	img->width = png_get_image_width(r->png, r->info);
	img->height = png_get_image_height(r->png, r->info);
	if ((uint64_t)img->width * img->height > IMAGE_MAX_PIXELS) {
		snprintf(r->msg, sizeof r->msg, "%" PRIu32 " x %" PRIu32 " pixels, more than the %u allowed",
		    img->width, img->height, IMAGE_MAX_PIXELS);
		return false;
	}
	png_byte ct = png_get_color_type(r->png, r->info);
	img->alpha = (ct & PNG_COLOR_MASK_ALPHA) || png_get_valid(r->png, r->info, PNG_INFO_tRNS);
	int passes = png_set_interlace_handling(r->png);
	png_read_update_info(r->png, r->info);
	size_t rowbytes = png_get_rowbytes(r->png, r->info);
	r->row = xmalloc(rowbytes ? rowbytes : 1);
	for (int p = 0; p < passes; p++)
		for (png_uint_32 y = 0; y < img->height; y++)
			png_read_row(r->png, r->row, NULL);
	png_read_end(r->png, NULL);
	return true;
}

bool
image_png_load(const char *path, const char *what, bool keep, image_png *img, diag *d)
{
	memset(img, 0, sizeof *img);
	size_t len;
	unsigned char *data = (unsigned char *)file_read(path, what, IMAGE_MAX_BYTES, &len, d);
	if (!data)
		return false;
	reader r = { .msg = "", .p = data, .left = len };
	bool ok = false;
	if (len < 8 || png_sig_cmp(data, 0, 8) != 0) {
		snprintf(r.msg, sizeof r.msg, "not a PNG file");
	} else {
		r.png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &r, on_error, on_warning);
		r.info = r.png ? png_create_info_struct(r.png) : NULL;
		ok = r.png && r.info && decode(&r, img);
		if (r.png)
			png_destroy_read_struct(&r.png, r.info ? &r.info : NULL, NULL);
		free(r.row);
		if (!ok && !r.msg[0])
			snprintf(r.msg, sizeof r.msg, "out of memory");
	}
	if (!ok) {
		MSG(IMAGE_BROKEN, d, path, 0, 0, what, r.msg);
		free(data);
		memset(img, 0, sizeof *img);
		return false;
	}
	if (keep) {
		img->data = data;
		img->len = len;
	} else {
		free(data);
	}
	return true;
}
