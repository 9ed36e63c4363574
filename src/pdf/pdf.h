/* pdf.h: back ends that draw a laid-out document. The PDF back end's
 * files (render_pdf.c, pdf_*.c, pdfa.c) are the only ones that include
 * hpdf.h. */
#ifndef VORLAGE_PDF_H
#define VORLAGE_PDF_H

#include <stdbool.h>

#include "base/base.h"
#include "engine/layout.h"

typedef struct render_opts {
	bool archival;          /* PDF/A-1b (default in the program) */
	const char *icc_path;   /* sRGB v2 ICC profile for the output intent */
	ts_info info;
	/* The document ID: the first 16 bytes of the SHA-256 of the inputs'
	 * hashes, the variant and the mode: the same inputs give the same ID. */
	unsigned char source_hash[32], template_hash[32];
	const char *variant;    /* which output of those inputs: "vorlage", "annex:ID" */
	/* Files never to be written over (compared by device and inode): every
	 * input of the run; the images a document draws are added. */
	const char *const *inputs;
	size_t ninputs;
	/* Each page's items freed as soon as the page is drawn (the fonts'
	 * codes are collected before the first): the document is then good
	 * for ts_layout_free only. Memory at the save holds no page's items. */
	bool drop_pages;
	/* Where the fonts' bytes and the images' pixels come from: the table
	 * the engine and the composer used (the same bytes they measured, each
	 * file read once, each image decoded once); NULL: a table of the
	 * render's own. */
	res_table *res;
} render_opts;

/* Writes the PDF to a temporary file beside path and renames it into place
 * only when complete (file_write_atomic): an existing file is never left
 * half-written. Returns an enum vl_exit. */
int render_pdf(ts_layout *doc, const render_opts *o, const char *path, diag *d);
/* The same PDF, byte for byte, into memory and no file: *out (from malloc,
 * the caller frees it; NULL on failure) holds *len bytes. Returns an enum
 * vl_exit. */
int render_pdf_mem(const ts_layout *doc, const render_opts *o, unsigned char **out, size_t *len,
    diag *d);

#endif
