/* image.h: the one PNG reader (libpng). Layout reads a signature image's
 * size through it, the PDF back end the bytes it embeds; neither trusts a
 * PNG that libpng cannot decode from end to end. */
#ifndef VORLAGE_IMAGE_H
#define VORLAGE_IMAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"

/* Larger images are refused before they are decoded: a signature needs a
 * few hundred thousand pixels; 20000 x 20000 would take 1.2 GB and most of a
 * minute. */
#define IMAGE_MAX_PIXELS (4u << 20)
#define IMAGE_MAX_BYTES (32u << 20)

typedef struct image_png {
	uint32_t width, height;  /* pixels */
	bool alpha;              /* an alpha channel or a tRNS chunk */
	unsigned char *data;     /* the file's bytes (malloc'd), when asked for */
	size_t len;
} image_png;

/* Reads the PNG file path (a regular file, opened without blocking),
 * decodes every row and fills *img; keeps the file's bytes in img->data
 * when keep (the caller frees them), else frees them. what names the image
 * in messages ("signature image"). On failure one DIAG_SYSERR message on
 * path ("cannot open WHAT: …", "cannot load WHAT: broken PNG: …"); false. */
bool image_png_load(const char *path, const char *what, bool keep, image_png *img, diag *d);

#endif
