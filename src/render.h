/* render.h: back ends that draw a laid-out document. Only render_pdf.c
 * includes hpdf.h. */
#ifndef VORLAGE_RENDER_H
#define VORLAGE_RENDER_H

#include <stdbool.h>

#include "diag.h"
#include "typeset.h"

typedef struct render_opts {
	bool archival;          /* PDF/A-1b (default in the program) */
	const char *icc_path;   /* sRGB v2 ICC profile for the output intent */
} render_opts;

/* Writes the PDF to a temporary file beside path and renames it into place
 * only when complete: an existing file is never left half-written.
 * Returns an enum vl_exit. */
int render_pdf(const ts_doc *doc, const render_opts *o, const char *path, diag *d);

#endif
