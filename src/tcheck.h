/* tcheck.h: the layout checks of a template that the schema cannot say
 * (tcheck.c), and the tables of the template's elements that the loader
 * (template.c) and the checks share. */
#ifndef VORLAGE_TCHECK_H
#define VORLAGE_TCHECK_H

#include <stddef.h>

#include "diag.h"
#include "template.h"
#include "xmlsrc.h"

/* The paragraph styles: element under <stile> and field of vl_template. */
typedef struct tpl_style_field {
	const char *name;
	size_t off;
} tpl_style_field;
enum { TPL_NSTYLES = 15 };
extern const tpl_style_field tpl_styles[TPL_NSTYLES];

/* The three fold marks under <falzmarken>, in the order of fold_y. */
extern const char *const tpl_fold_marks[3];

/* Checks t, loaded from the template x, and prints each problem at its
 * element or attribute: boxes outside the page, overlapping zones of page
 * 1, a letter body above the date line, leading below the font size, a
 * stamp too small for its eight lines, a page number format without %n, ….
 * Returns the number of problems. */
unsigned tpl_check(const vl_template *t, xmlsrc *x, diag *d);

#endif
