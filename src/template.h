/* template.h: a layout template (templates/NAME.xml, schema templates/template.xsd):
 * every measure of the layout, so that a layout change needs no recompile. */
#ifndef VORLAGE_TEMPLATE_H
#define VORLAGE_TEMPLATE_H

#include <stdbool.h>

#include "arena.h"
#include "diag.h"
#include "typeset.h"

/* A rectangle on the page, from the top-left corner (template: millimetres). */
typedef ts_frame tpl_box;

/* A paragraph style (template: points for sizes, millimetres for spaces). */
typedef struct tpl_style {
	enum ts_face face;
	ts_sp size, leading;
	ts_sp space_before, space_after;
	ts_sp indent;
	enum ts_align align;
	bool hyphenate;
	bool keep_with_next;
	int expand;          /* font expansion limit of justified lines, per mille */
} tpl_style;

typedef struct tpl_hyph {
	const char *lang;   /* "de", "en" */
	const char *path;   /* resolved against the resource root */
} tpl_hyph;

enum tpl_pagenum_pos { TPL_PAGENUM_TOP, TPL_PAGENUM_BOTTOM };

typedef struct vl_template {
	arena *arena;
	const char *path;
	const char *name;                 /* e.g. "Landtag NRW" */
	ts_sp page_w, page_h;
	const char *fonts[TS_NFACES];     /* resolved paths */
	tpl_hyph *hyph;
	size_t nhyph;
	const char *icc_path;             /* resolved path of the sRGB v2 profile */

	/* the cover letter, page 1 (DIN 5008 form B) */
	tpl_box letterhead;               /* the sending office */
	tpl_style letterhead_style;
	tpl_box address;                  /* address field 85 × 45 mm at (20, 45) */
	ts_sp address_first_baseline;     /* from the field's top */
	ts_sp address_inset;              /* text from the field's left edge (DIN 5008: 5 mm) */
	tpl_style address_style;
	bool stamp;                       /* the Landtag's registration stamp */
	tpl_box stamp_box;
	tpl_style stamp_style;
	ts_sp stamp_rule;                 /* line width of the box */
	ts_sp stamp_padding;
	ts_sp date_y;                     /* baseline of the date line */
	enum ts_align date_align;         /* TS_RIGHT: flush with the text area's right edge */
	tpl_box letter_body;              /* frame of salutation, body, closing, signature */
	tpl_style salutation_style, letter_body_style, closing_style, signer_style;
	ts_sp signature_space;            /* room for the signature between closing and name */
	ts_sp signature_image_h;          /* height of a signature image */
	bool fold_marks;
	ts_sp fold_y[3];                  /* 105, 148.5 (hole), 210 mm */
	ts_sp fold_len[3];
	ts_sp fold_x, fold_rule;

	/* the report */
	tpl_box text_area;                /* frame of the report pages */
	tpl_style title_large_style, title_style;
	ts_sp title_top;                  /* first baseline of the title page */
	tpl_style heading_style;          /* the report body's heading */
	tpl_style label_style;            /* "Frage", "Antwort" */
	tpl_style agreement_style;        /* an agreement's title and date */
	tpl_style body_style;             /* paragraphs */
	tpl_style annex_head_style;       /* the head of an annex */
	bool number_sections;             /* sections numbered "1", "1.1", "1.1.1" */
	/* the report's blocks without a style of their own (bericht/fussnoten,
	 * tabellen, abbildungen, listen; absent: the values after the names) */
	ts_sp note_size, note_leading;    /* footnotes: 9 pt on 11 pt */
	ts_sp cell_leading, cell_pad;     /* table cells in the body's size: 14 pt, 3 pt */
	double figure_ppi;                /* pixels an inch of a figure's image: 150 */
	ts_sp list_indent, list_gap;      /* a list entry's text, its mark's gap: 6 mm, 2 mm */
	ts_sp list_space;                 /* after each paragraph of an entry: 2 pt */
	ts_sp enclosure_indent, enclosure_gap; /* anschreiben/anlagen: 5 mm, 2 mm */

	/* page numbers */
	const char *pagenum_format;       /* "- %n -" or "Seite %n von %N" */
	enum tpl_pagenum_pos pagenum_pos;
	ts_sp pagenum_y;                  /* baseline from the page's top */
	enum ts_align pagenum_align;
	tpl_style pagenum_style;
	int pagenum_first;                /* first numbered page of the report (2: the title page is 1) */
	const char *annex_pagenum_format; /* annexes: "Seite %n von %N", from their first page */
} vl_template;

/* Parse (no network, no DTD), validate against templates/template.xsd (xsd_path)
 * and load; paths inside the template are resolved with res_path. Problems
 * print as FILE:LINE:COL: error: …; returns NULL then. */
vl_template *tpl_load(const char *path, const char *xsd_path, diag *d);
void tpl_free(vl_template *t);

#endif
