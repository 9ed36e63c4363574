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

/* A piece of text with one style. A paragraph is an array of runs; spaces
 * inside runs are the inter-word glue; U+00A0 is an unbreakable space, U+00AD
 * a soft hyphen. */
typedef struct ts_run {
	const char *text;
	size_t len;
	enum ts_face face;
	ts_sp size;
	const char *lang;  /* "de", "en", …: chooses the hyphenation patterns */
	int tag;           /* what its items belong to (ts_item.tag) */
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
	TS_ROLE_SPAN, TS_ROLE_FIGURE, TS_NROLES
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
	const char *text;      /* text: UTF-8 drawn as is (no kerning inside: the
				  engine splits words at kern pairs); image: file path */
	size_t len;
	int expand;            /* text: horizontal scaling in per mille above (below) 100 %:
				  the font expansion of its line; w includes it */
	unsigned flags;        /* text: TS_ITEM_* */
} ts_item;

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
} ts_doc;

ts_doc *ts_doc_new(ts_sp width, ts_sp height, const char *const font_paths[TS_NFACES]);
void ts_doc_free(ts_doc *doc);
size_t ts_doc_add_page(ts_doc *doc);          /* returns its index */
ts_item *ts_page_add(ts_doc *doc, size_t page); /* a zeroed item on that page */
/* A structure node under parent (lang, alt copied; NULL: none); returns its
 * index. Nodes are read in the order they are made. */
int ts_doc_add_node(ts_doc *doc, enum ts_role role, int parent, const char *lang,
    const char *alt);
/* A filled rectangle (x, y: its top-left corner) on that page, a layout
 * artifact. */
void ts_page_add_rule(ts_doc *doc, size_t page, ts_sp x, ts_sp y, ts_sp w, ts_sp h);
void ts_doc_add_outline(ts_doc *doc, const char *title, int level, size_t page, ts_sp y);
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

/* The box dump: every page, item and line statistic as text, for golden tests. */
void ts_doc_dump(const ts_doc *doc, FILE *out);

#endif
