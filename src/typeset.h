/* typeset.h: the typesetting engine's interface: styled runs in, positioned
 * lines and pages out. Knows nothing of XML or PDF. */
#ifndef VORLAGE_TYPESET_H
#define VORLAGE_TYPESET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "arena.h"
#include "diag.h"
#include "font.h"
#include "hyph.h"

/* Scaled points: 65536 per PostScript point. All breaking arithmetic is in
 * integers so that results are identical on every machine; floating point
 * is used only at the edges (template millimetres in, PDF coordinates out). */
typedef int32_t ts_sp;
#define TS_UNIT 65536
#define TS_PT(pt) ((ts_sp)((pt) * TS_UNIT))
/* 1 mm = 72 / 25.4 pt */
ts_sp ts_mm(double mm);
double ts_to_pt(ts_sp v);
double ts_to_mm(ts_sp v);  /* for messages */

enum ts_face { TS_REGULAR, TS_BOLD, TS_ITALIC, TS_BOLD_ITALIC, TS_NFACES };

typedef struct ts_engine ts_engine;

/* Loads the four faces (NULL entries fall back to the regular face) and keeps
 * the hyphenator (borrowed, may be NULL: no hyphenation). */
ts_engine *ts_engine_new(const char *const font_paths[TS_NFACES], const hyph *h, diag *d);
void ts_engine_free(ts_engine *e);
const ts_font *ts_engine_font(const ts_engine *e, enum ts_face face);

/* Width of UTF-8 text in one face and size, kerning included (saturated at
 * the range of ts_sp). */
ts_sp ts_text_width(const ts_engine *e, enum ts_face face, ts_sp size, const char *s, size_t len);

/* Where something comes from in a source document (for messages). */
typedef struct ts_srcpos {
	const char *file;
	unsigned line, col;
} ts_srcpos;

/* A piece of text with one style. A paragraph is an array of runs; spaces
 * inside runs are the inter-word glue; U+00A0 is an unbreakable space, U+00AD
 * a soft hyphen. */
typedef struct ts_run {
	const char *text;
	size_t len;
	enum ts_face face;
	ts_sp size;
	const char *lang;  /* "de", "en", …: chooses the hyphenation patterns */
	/* optional, all zero for plain text: */
	const char *link;  /* a link target (URI or "#name"): carried onto the run's
			      text items, whose rectangles a back end makes clickable */
	ts_sp rise;        /* baseline shift upwards (a superscript footnote mark) */
	const struct ts_note *note; /* this run is the reference mark of that note
			      (ts_flow_para sets the note at the bottom of the
			      page the run's line lands on) */
	int tag;           /* what its items belong to (ts_item.tag) */
	const ts_srcpos *src; /* where the text is in the source (carried onto its
			      items), or NULL */
} ts_run;

enum ts_align { TS_JUSTIFY, TS_LEFT, TS_CENTER, TS_RIGHT };

typedef struct ts_para_style {
	ts_sp measure;       /* line width */
	ts_sp leading;       /* baseline to baseline */
	ts_sp indent;        /* first-line indent */
	enum ts_align align; /* TS_JUSTIFY sets the last line ragged */
	bool hyphenate;
	ts_sp space_before;  /* dropped at the top of a page */
	ts_sp space_after;
	bool keep_with_next; /* a heading: kept with at least 2 lines of what follows */
	bool keep_together;  /* never split over pages (address blocks, short titles) */
	int expand;          /* font expansion limit of justified lines in per mille of a
				glyph's width (pdfTeX's \pdfadjustspacing): 0 off, 20: up to ±2 % */
	/* optional: where the paragraph begins in the source (file NULL:
	 * unknown), named by the engine's warnings */
	const char *file;
	unsigned line, col;
} ts_para_style;

/* The logical structure a back end can offer (a tagged PDF's structure
 * tree): nodes with a role, made by the caller in reading order. Node 0 is
 * the document itself (ts_doc_new makes it). Every item names the node it
 * belongs to, or is an artifact: drawn, but not content (page numbers,
 * running heads, rules, marks). */
enum ts_role {
	TS_ROLE_DOCUMENT, TS_ROLE_SECT, TS_ROLE_DIV, TS_ROLE_P,
	TS_ROLE_H1, TS_ROLE_H2, TS_ROLE_H3, TS_ROLE_H4, TS_ROLE_H5, TS_ROLE_H6,
	TS_ROLE_SPAN, TS_ROLE_FIGURE,
	TS_ROLE_L, TS_ROLE_LI, TS_ROLE_LBL, TS_ROLE_LBODY,
	TS_ROLE_TABLE, TS_ROLE_TR, TS_ROLE_TH, TS_ROLE_TD, TS_ROLE_CAPTION,
	TS_ROLE_NOTE, TS_ROLE_REFERENCE, TS_ROLE_LINK,
	TS_NROLES
};

typedef struct ts_node {
	enum ts_role role;
	int parent;        /* index of the parent node; -1 for node 0 */
	const char *lang;  /* language when it differs from the parent's, else NULL */
	const char *alt;   /* alternative text (a figure's), else NULL */
} ts_node;

/* ts_item.tag: >= 0 a node; below 0 an artifact of a kind. */
enum { TS_TAG_PAGINATION = -1, TS_TAG_LAYOUT = -2 };

/* ts_item.flags */
enum {
	TS_ITEM_SPACE_AFTER = 1,  /* a word space (or the end of a line) follows */
	TS_ITEM_ADDED_HYPHEN = 2  /* the hyphen of a hyphenated word at a line end:
				     not part of the text */
};

/* What the engine puts on a page. Coordinates are from the page's top-left
 * corner, y growing downwards: the baseline for text, the top edge for rules
 * and images. */
enum ts_item_kind { TS_ITEM_TEXT, TS_ITEM_RULE, TS_ITEM_IMAGE };

typedef struct ts_item {
	enum ts_item_kind kind;
	ts_sp x, y;
	ts_sp w, h;            /* text: advance width; rule: filled rectangle; image: box */
	enum ts_face face;     /* text */
	ts_sp size;            /* text */
	int tag;               /* the node it belongs to, or TS_TAG_* (rules: TS_TAG_LAYOUT) */
	int expand;            /* text: horizontal scaling in per mille above (below) 100 %:
				  the font expansion of its line; w includes it */
	unsigned flags;        /* text: TS_ITEM_* */
	const char *text;      /* text: UTF-8 drawn as is (no kerning inside: the
				  engine splits words at kern pairs); image: file path */
	size_t len;
	const char *link;      /* text: the run's link target, or NULL */
	const ts_srcpos *src;  /* text: the source position of its run, or NULL */
} ts_item;                     /* (the members ordered so that no padding is
				  needed: 72 bytes, a document holds many) */

/* One broken line of a paragraph: items with x relative to the line's start
 * and y == 0, plus what the quality figures need. */
typedef struct ts_line {
	ts_item *items;
	size_t nitems;
	ts_sp natural;      /* natural width */
	ts_sp width;        /* set width (the measure for justified lines) */
	ts_sp measure;      /* the width the line was broken for */
	ts_sp space;        /* width of each inter-word space as set (size-relative figures: space / size) */
	ts_sp size;         /* the paragraph's main font size */
	int nspaces;
	int expand;         /* font expansion of the line in per mille (0: none) */
	bool justified;     /* stretched or shrunk to the measure (all but a justified paragraph's last line) */
	bool hyphenated;    /* ends at a hyphen break: an added hyphen, or after an
			       explicit '-', '/' or '–' inside a word */
	bool overfull;      /* wider than the measure: must never happen */
} ts_line;

typedef struct ts_lines {
	ts_line *lines;
	size_t nlines;
	long demerits;      /* total demerits of the chosen breaks */
	int pass;           /* 1 without hyphenation, 2 with, 3 emergency */
	const char *text;   /* the paragraph's runs as one string, which the text
			       items point into (NULL: no text) */
} ts_lines;

/* Total-fit (Knuth-Plass) line breaking of one paragraph. Memory from a. */
void ts_para_break(const ts_engine *e, arena *a, const ts_run *runs, size_t nruns,
    const ts_para_style *st, ts_lines *out);
/* First-fit breaking of the same paragraph, for tests and comparison. */
void ts_para_break_greedy(const ts_engine *e, arena *a, const ts_run *runs, size_t nruns,
    const ts_para_style *st, ts_lines *out);

typedef struct ts_page {
	ts_item *items;
	size_t nitems, cap;
} ts_page;

/* A heading of the document and where it starts: the structure a back end
 * can offer for navigation (the PDF's bookmarks). */
typedef struct ts_outline {
	const char *title;  /* UTF-8 */
	int level;          /* 0 top */
	size_t page;        /* index into ts_doc.pages */
	ts_sp y;            /* top of the target on that page */
} ts_outline;

/* A place inside the document a link can go to (a run's link "#name"): the
 * first item laid out of node or of a node under it. */
typedef struct ts_dest {
	const char *name;   /* the link's target without the '#' */
	const char *title;  /* what it is ("Abschnitt 2.1", "Tabelle 3"): a link's description */
	int node;
} ts_dest;

/* Statistics of every line set into the document (for `make bench` and tests). */
typedef struct ts_line_stat {
	size_t page;
	size_t para;        /* the paragraph of a flow, counted in the document from 1; 0 outside flows */
	int line, nlines;   /* this line's number in its paragraph (from 0) and their number */
	ts_sp size, space, width, measure;
	int nspaces, expand;
	bool justified, hyphenated, overfull;
} ts_line_stat;

enum ts_label_style { TS_LABEL_DECIMAL, TS_LABEL_NONE };
typedef struct ts_page_label {
	size_t first_page;  /* index of the first page of this range */
	const char *prefix; /* "Anschreiben", "Bericht " … or "" */
	enum ts_label_style style;
	int start;          /* number of the range's first page */
} ts_page_label;

/* A laid-out document: what a back end draws. */
typedef struct ts_doc {
	arena *arena;                       /* owns everything below */
	ts_sp width, height;                /* page size */
	const char *font_paths[TS_NFACES];  /* the faces the items use */
	ts_page *pages;
	size_t npages, cap;
	ts_outline *outline;
	size_t noutline, outline_cap;
	ts_line_stat *stats;
	size_t nstats, stats_cap;
	ts_page_label *labels;
	size_t nlabels, labels_cap;
	size_t nparas;                      /* paragraphs set by flows so far */
	ts_node *nodes;                     /* the structure; nodes[0] the document */
	size_t nnodes, nodes_cap;
	ts_dest *dests;                     /* in the order they were named */
	size_t ndests, dests_cap;
} ts_doc;

ts_doc *ts_doc_new(ts_sp width, ts_sp height, const char *const font_paths[TS_NFACES]);
void ts_doc_free(ts_doc *doc);
size_t ts_doc_add_page(ts_doc *doc);          /* returns its index */
/* Frees the items of a page a back end has drawn (it stays, empty). */
void ts_doc_drop_page(ts_doc *doc, size_t page);
ts_item *ts_page_add(ts_doc *doc, size_t page); /* a zeroed item on that page */
/* A structure node under parent (lang, alt copied; NULL: none); returns its
 * index. Nodes are read in the order they are made. */
int ts_doc_add_node(ts_doc *doc, enum ts_role role, int parent, const char *lang,
    const char *alt);
/* A filled rectangle (x, y: its top-left corner) on that page, a layout
 * artifact. */
void ts_page_add_rule(ts_doc *doc, size_t page, ts_sp x, ts_sp y, ts_sp w, ts_sp h);
void ts_doc_add_outline(ts_doc *doc, const char *title, int level, size_t page, ts_sp y);
/* Names node as a link target (name, title copied). */
void ts_doc_add_dest(ts_doc *doc, const char *name, const char *title, int node);
/* The index of the destination name (without '#'), or -1. */
long ts_doc_dest_find(const ts_doc *doc, const char *name);
/* A link "#name" to no destination of this document (an annex's agreement
 * referring to a section of the report) is dropped: its items lose the
 * link, its Link node becomes a Span. Call when the document is laid out. */
void ts_doc_drop_dangling_links(ts_doc *doc);
/* Where each destination begins: page[i] (SIZE_MAX when none of its items
 * was placed) and top[i], the top of its first item (a text item's baseline
 * less its size); arrays of ndests, one pass over the pages' items. */
void ts_doc_dest_places(const ts_doc *doc, size_t *page, ts_sp *top);
void ts_doc_add_label(ts_doc *doc, size_t first_page, const char *prefix,
    enum ts_label_style style, int start);
/* Copies the lines of a paragraph onto a page, first baseline at y, left edge
 * x, one line every leading; records their statistics. Returns the y of the
 * last baseline. */
ts_sp ts_doc_place_lines(ts_doc *doc, size_t page, ts_sp x, ts_sp y,
    const ts_lines *lines, ts_sp leading);

/* The text area of the pages a flow fills. */
typedef struct ts_frame {
	ts_sp x, y, w, h;   /* y: top of the area from the page's top */
} ts_frame;

/* A flow: blocks poured onto pages with page breaking (no widow, no orphan,
 * headings kept with what follows, space dropped at the top of a page). */
typedef struct ts_flow ts_flow;

/* The flow's first page is a new page. Placement (see flow.c): the first
 * baseline at the top of a frame is the frame's top + the ascender of the
 * paragraph's first face at its size; a line fits while its baseline +
 * descender stays within the frame; no page has a single line of a
 * paragraph at its bottom or top. */
ts_flow *ts_flow_new(const ts_engine *e, ts_doc *doc, ts_frame frame);
/* A flow whose first block starts at y on the existing page `page` (the
 * cover letter's body below the date); following pages are new, in frame.
 * y acts as that page's frame top: the first block's first baseline is
 * y + its ascender, its space_before is dropped; the bottom is the frame's. */
ts_flow *ts_flow_new_at(const ts_engine *e, ts_doc *doc, ts_frame frame, size_t page, ts_sp y);
void ts_flow_para(ts_flow *f, const ts_run *runs, size_t nruns, const ts_para_style *st);
void ts_flow_space(ts_flow *f, ts_sp space);
void ts_flow_page_break(ts_flow *f);
/* A bookmark at the top of the next block. */
void ts_flow_outline(ts_flow *f, const char *title, int level);
/* Breaks the blocks into pages appended to the document; returns the index
 * of the first page it added (doc->npages when none); the last line's page
 * and baseline go to last_page and last_y when they are not NULL (the start
 * y when nothing was placed). Frees the flow. */
size_t ts_flow_finish(ts_flow *f, size_t *last_page, ts_sp *last_y);

/* Block types beyond paragraphs (flow_list.c, flow_table.c, flow_note.c,
 * flow_figure.c). Their runs and structs are read during the call only. */

/* Footnotes. A run with .note set is the reference mark in its paragraph
 * (the composer gives it a smaller size and a rise, and numbers the
 * notes). The note is set at the bottom of the page on which the mark's
 * line is placed, under a short rule, in the order of the marks; a line
 * with marks is placed only where at least the first two lines of each of
 * its notes fit below it (else it moves to the next page); what does not
 * fit of a long note continues at the bottom of the next page, under the
 * rule again. The body's text area shrinks by the notes of its page. */
typedef struct ts_note {
	const ts_run *runs;          /* the note's text, its number included */
	size_t nruns;
	const ts_para_style *style;  /* measure (at most the frame's), leading,
					align, hyphenate; NULL: justified,
					hyphenated, 1.2 × the first run's size */
} ts_note;

/* The notes' area at the bottom of a flow's pages. */
typedef struct ts_note_area {
	ts_sp rule_width;  /* length of the rule above the notes; 0: a third of the frame's width */
	ts_sp rule;        /* its thickness; 0: 0.4 pt */
	ts_sp gap;         /* from the text area's new bottom to the first note's top,
			      the rule in the middle; 0: 12 pt */
	ts_sp max_height;  /* at most this of a page for notes; 0: half the frame */
} ts_note_area;
void ts_flow_note_area(ts_flow *f, const ts_note_area *a);

/* Lists. A list item is a paragraph whose text is indented by
 * (level + 1) × indent from the frame's left (level 0 to 2: three levels of
 * nesting) with a marker ("–", "1.", "a)", "iv.") on its first line's
 * baseline, in the margin that leaves: right-aligned to end `gap` before the
 * text (numbers of different widths end together), or left-aligned at
 * level × indent. The text's measure is the frame's width less its indent
 * (or the style's measure when that is smaller); an indent per level wider
 * than a sixth of the frame is reduced to that. */
typedef struct ts_list_style {
	int level;          /* 0, 1, 2 */
	ts_sp indent;       /* per level */
	ts_sp gap;          /* between a right-aligned marker and the text */
	bool marker_left;   /* left-aligned marker */
} ts_list_style;
void ts_flow_list_item(ts_flow *f, const ts_run *marker, size_t nmarker,
    const ts_run *text, size_t ntext, const ts_para_style *st, const ts_list_style *ls);

/* Tables. Columns are fixed (width > 0) or take shares of what the fixed
 * ones leave of the table's width (the frame's, or width when smaller).
 * Cells are placed in their rows left to right into the columns that
 * cells above with a rowspan leave free; a cell's lines are broken at its
 * columns' width (spans summed) less the padding; a row is as high as its
 * tallest cell, and a cell spanning rows makes the last of them higher
 * when it needs to. A table breaks between rows only (rows joined by a
 * rowspan stay together), repeating its header rows at the top of every
 * continuation page; a row (group) taller than the page is placed anyway,
 * with a warning. Decimal columns, and numbers in right-aligned columns,
 * line up on their last decimal comma (or the end of the number without
 * one): "1.234,56" over "17" over "0,5". The caption above is kept with the
 * header and the first row. */
enum ts_col_align { TS_COL_LEFT, TS_COL_RIGHT, TS_COL_CENTER, TS_COL_DECIMAL };

typedef struct ts_table_col {
	ts_sp width;              /* fixed width, or 0: a share */
	int share;                /* of the remaining width (0 counts as 1) */
	enum ts_col_align align;
} ts_table_col;

typedef struct ts_table_cell {
	const ts_run *runs;
	size_t nruns;
	int colspan, rowspan;     /* 0 counts as 1 */
} ts_table_cell;

typedef struct ts_table_row {
	const ts_table_cell *cells;
	size_t ncells;
} ts_table_row;

typedef struct ts_table {
	const ts_table_col *cols;
	size_t ncols;
	const ts_table_row *rows; /* the header rows first */
	size_t nrows, nheader;
	ts_sp width;              /* 0: the frame's */
	ts_sp pad;                /* cell padding on every side */
	ts_sp leading;            /* baseline to baseline in cells; 0: 1.2 × size */
	bool hyphenate;           /* in cells */
	ts_sp header_rule;        /* thickness of the rule under the header rows (0: none) */
	ts_sp row_rule;           /* between body rows (0: none) */
	ts_sp frame_rule;         /* a frame around the table's part on each page (0: none) */
	ts_sp space_before, space_after;
	const ts_run *caption;    /* above the table, nruns 0: none */
	size_t ncaption;
	const ts_para_style *caption_style; /* NULL: left-aligned */
} ts_table;
void ts_flow_table(ts_flow *f, const ts_table *t);

/* Figures: an image (the back end draws the file) scaled down, aspect kept,
 * to the frame's width and to what leaves its caption room on a page; with
 * its caption below it never splits. A figure that does not fit on the
 * page floats to the top of the next while the text after it goes on
 * filling this page; figures keep their order, and text before a figure
 * in the source stays before it. */
typedef struct ts_figure {
	const char *path;
	ts_sp width, height;      /* natural size */
	const ts_run *caption;    /* nruns 0: none */
	size_t ncaption;
	const ts_para_style *caption_style; /* NULL: left-aligned */
	ts_sp caption_gap;        /* from the image's bottom to the caption's first line's top */
	int tag;                  /* the node the image belongs to (ts_item.tag) */
	ts_sp space_before, space_after;
} ts_figure;
void ts_flow_figure(ts_flow *f, const ts_figure *fig);

/* The box dump: every page, item and line statistic as text, for golden tests. */
void ts_doc_dump(const ts_doc *doc, FILE *out);

#endif
