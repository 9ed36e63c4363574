/* layout.h: the laid-out document, what the engine makes and a back end
 * draws (the PDF back end, the box dump): pages of positioned items, the
 * structure tree their items belong to, outlines, link destinations, page
 * labels and the statistics of every line. Knows nothing of XML or PDF. */
#ifndef VORLAGE_LAYOUT_H
#define VORLAGE_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "base/base.h"

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

/* Where something comes from in a source document (for messages). */
typedef struct ts_srcpos {
	const char *file;
	unsigned line, col;
} ts_srcpos;

/* The logical structure a back end can offer (a tagged PDF's structure
 * tree): nodes with a role, made by the caller in reading order. Node 0 is
 * the document itself (ts_layout_new makes it). Every item names the node it
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

typedef struct ts_page {
	ts_item *items;
	size_t nitems, cap;
} ts_page;

/* A heading of the document and where it starts: the structure a back end
 * can offer for navigation (the PDF's bookmarks). */
typedef struct ts_outline {
	const char *title;  /* UTF-8 */
	int level;          /* 0 top */
	size_t page;        /* index into ts_layout.pages */
	ts_sp y;            /* top of the target on that page */
} ts_outline;

/* A place inside the document a link can go to (a run's link "#name"): the
 * first item laid out of node or of a node under it, recorded by the engine
 * when it places that item (ts_layout_placed). */
typedef struct ts_dest {
	const char *name;   /* the link's target without the '#' */
	const char *title;  /* what it is ("Abschnitt 2.1", "Tabelle 3"): a link's description */
	int node;
	size_t page;        /* where it begins: SIZE_MAX while none of its items is placed */
	ts_sp top;          /* the top of its first item (a text item's baseline less its size) */
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

/* What a back end says of the document (a PDF's Info and XMP): from the
 * composer, which knows the source. */
typedef struct ts_info {
	const char *title, *author, *subject, *keywords, *creator, *producer, *lang;
	int year, month, day, hour, minute, second; /* UTC; creation = modification;
						       year 0: no date */
} ts_info;

/* A laid-out document: what a back end draws. */
typedef struct ts_layout {
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
	long *dest_of;                      /* per node: the destination it is, or -1 */
	size_t dest_of_cap;
	size_t *dest_sorted;                /* the destinations' indexes by name (of one
					       name in order), for ts_layout_dest_find
					       once ts_layout_drop_dangling_links made it */
	size_t ndest_sorted;
	size_t front_pages;                 /* pages before the body: the cover letter
					       and the report's title page (0: none) */
} ts_layout;

ts_layout *ts_layout_new(ts_sp width, ts_sp height, const char *const font_paths[TS_NFACES]);
void ts_layout_free(ts_layout *doc);
size_t ts_layout_add_page(ts_layout *doc);          /* returns its index */
/* Frees the items of a page a back end has drawn (it stays, empty). */
void ts_layout_drop_page(ts_layout *doc, size_t page);
ts_item *ts_page_add(ts_layout *doc, size_t page); /* a zeroed item on that page */
/* A structure node under parent (lang, alt copied; NULL: none); returns its
 * index. Nodes are read in the order they are made. */
int ts_layout_add_node(ts_layout *doc, enum ts_role role, int parent, const char *lang,
    const char *alt);
/* A filled rectangle (x, y: its top-left corner) on that page, a layout
 * artifact. */
void ts_page_add_rule(ts_layout *doc, size_t page, ts_sp x, ts_sp y, ts_sp w, ts_sp h);
void ts_layout_add_outline(ts_layout *doc, const char *title, int level, size_t page, ts_sp y);
/* Names node as a link target (name, title copied). */
void ts_layout_add_dest(ts_layout *doc, const char *name, const char *title, int node);
/* The index of the destination name (without '#'), the first of that name,
 * or -1: by bisection when the document is laid out, else by a search. */
long ts_layout_dest_find(const ts_layout *doc, const char *name);
/* A link "#name" to no destination of this document (an annex's agreement
 * referring to a section of the report) is dropped: its items lose the
 * link, its Link node becomes a Span. Call when the document is laid out
 * (it indexes the destinations by name first; none is added later). */
void ts_layout_drop_dangling_links(ts_layout *doc);
/* The item it, complete on page, is placed: the destinations of its node
 * and the nodes above it that have none yet begin there. Every engine call
 * that places a node's items calls it; so must a caller that fills an item
 * of ts_page_add itself. */
void ts_layout_placed(ts_layout *doc, size_t page, const ts_item *it);
void ts_layout_add_label(ts_layout *doc, size_t first_page, const char *prefix,
    enum ts_label_style style, int start);

/* The box dump: every page, item and line statistic as text, for golden tests. */
void ts_layout_dump(const ts_layout *doc, FILE *out);
/* The same with options: the pages from first_page on only (the others'
 * items, outlines and lines left out), lengths in points with two decimals
 * instead of scaled points. */
typedef struct ts_dump_opts {
	size_t first_page;
	bool points;
} ts_dump_opts;
void ts_layout_dump_opts(const ts_layout *doc, const ts_dump_opts *o, FILE *out);

#endif
