/* engine.h: the typesetting engine's interface: font metrics, hyphenation,
 * styled runs in, broken lines and pages of the laid-out document (layout.h)
 * out, through the page flow and its blocks (lists, tables, footnotes,
 * figures). Knows nothing of XML or PDF. */
#ifndef VORLAGE_ENGINE_H
#define VORLAGE_ENGINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/base.h"
#include "layout.h"

/* font.h: TrueType metrics read from the font file: advance widths, the
 * character map and the `kern` table's pairs. Independent of libharu. */



typedef struct ts_font ts_font;

/* Reads head, hhea, hmtx, maxp, OS/2, cmap (formats 4 and 12) and kern
 * (format 0). On failure prints "PATH: error: …" as DIAG_SYSERR, returns NULL. */
ts_font *font_load(const char *path, diag *d);
/* The same from the bytes of the file in the resource table (read there
 * once: the PDF back end embeds the same bytes). */
ts_font *font_load_res(res_table *t, const char *path, diag *d);
void font_free(ts_font *f);

int font_units_per_em(const ts_font *f);
int font_ascender(const ts_font *f);   /* font units, positive */
int font_descender(const ts_font *f);  /* font units, negative */
int font_cap_height(const ts_font *f);

/* Glyph for a code point; 0 (.notdef) when the font lacks it. */
uint16_t font_glyph(const ts_font *f, uint32_t cp);
/* Advance width of a glyph in font units. */
int font_advance(const ts_font *f, uint16_t gid);
/* The widest advance of any glyph in font units (hhea's advanceWidthMax,
 * read off the metrics). */
int font_max_advance(const ts_font *f);
/* Kerning between two glyphs in font units (0 when none). */
int font_kern(const ts_font *f, uint16_t left, uint16_t right);
/* Number of distinct kerning pairs read from `kern` (tests, diagnostics). */
size_t font_kern_count(const ts_font *f);

/* hyph.h: hyphenation points of words, by language, through libhyphen. */



typedef struct hyph hyph;

enum hyph_kind {
	HYPH_ADD,     /* a break that adds a hyphen: pattern point or soft hyphen */
	HYPH_EXPLICIT /* after an existing hyphen or dash in the word: nothing added */
};

typedef struct hyph_point {
	uint32_t offset;   /* byte offset in the token where the second part begins */
	uint8_t kind;      /* enum hyph_kind */
} hyph_point;

enum { HYPH_LEFTMIN = 2, HYPH_RIGHTMIN = 3, HYPH_MINWORD = 6 };

hyph *hyph_new(void);
void hyph_free(hyph *h);
/* Load the dictionary for a language ("de", "en"); the file's own charset
 * line (ISO8859-1, UTF-8) decides how words are converted. */
int hyph_add_language(hyph *h, const char *lang, const char *dic_path, diag *d);

/* The dictionary cache (hyphcache.c): hyph_add_language uses DIC.cache when
 * it belongs to DIC, else loads DIC with libhyphen. hyph_cache_build writes
 * the cache of a dictionary (`make` does, through build/hyphcache). */
int hyph_cache_build(const char *dic_path, const char *cache_path, diag *d);
/* The cache of DIC is the file DIC followed by this. */
#define HYPH_CACHE_SUFFIX ".cache"

/* Break points of one token (the text between two spaces, UTF-8, possibly
 * with punctuation, quotes, brackets, soft hyphens, digits). Languages other
 * than the loaded ones give no pattern points ("de-DE" matches "de").
 * Rules: leading/trailing punctuation stripped; at least HYPH_LEFTMIN letters
 * before and HYPH_RIGHTMIN after a break; words of fewer than HYPH_MINWORD
 * letters are not broken; no breaks in tokens with digits, in abbreviations
 * (a dot inside or at the end of a short token, all-capital tokens such as
 * "MdL" patterns: see hyph.c), in URLs or e-mail addresses; an existing '-'
 * gives an HYPH_EXPLICIT point and each part is hyphenated on its own; a token
 * with soft hyphens (U+00AD) breaks only there.
 * Writes at most max points in increasing order, returns their number. */
size_t hyph_token(const hyph *h, const char *lang, const char *tok, size_t len,
    hyph_point *out, size_t max);
/* The same without the pattern points (soft hyphens and existing hyphens
 * only): what hyph_token gives less its pattern points, without asking
 * libhyphen. */
size_t hyph_token_explicit(const hyph *h, const char *lang, const char *tok, size_t len,
    hyph_point *out, size_t max);

typedef struct ts_engine ts_engine;

/* Loads the four faces (NULL entries fall back to the regular face) from
 * the resource table res, and keeps the table and the hyphenator (both
 * borrowed; res NULL: a table of the engine's own, freed with it; h NULL:
 * no hyphenation). */
ts_engine *ts_engine_new(const char *const font_paths[TS_NFACES], res_table *res, const hyph *h,
    diag *d);
void ts_engine_free(ts_engine *e);
const ts_font *ts_engine_font(const ts_engine *e, enum ts_face face);
/* The resource table the engine was made with (its own when it was given
 * none): where the composer takes the sizes of the images it lays out. */
res_table *ts_engine_res(const ts_engine *e);

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

/* Copies the lines of a paragraph onto a page, first baseline at y, left edge
 * x, one line every leading; records their statistics. Returns the y of the
 * last baseline. */
ts_sp ts_layout_place_lines(ts_layout *doc, size_t page, ts_sp x, ts_sp y,
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
ts_flow *ts_flow_new(const ts_engine *e, ts_layout *doc, ts_frame frame);
/* A flow whose first block starts at y on the existing page `page` (the
 * cover letter's body below the date); following pages are new, in frame.
 * y acts as that page's frame top: the first block's first baseline is
 * y + its ascender, its space_before is dropped; the bottom is the frame's. */
ts_flow *ts_flow_new_at(const ts_engine *e, ts_layout *doc, ts_frame frame, size_t page, ts_sp y);
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

/* Lists. A list item is a paragraph whose text is indented from the
 * frame's left by its list's indent beyond the text of the item the list
 * is in (outer; 0: level × indent, level 0 to 2: three levels of nesting)
 * with a marker ("–", "1.", "a)", "iv.") on its first line's baseline, in
 * the margin that leaves: right-aligned to end `gap` before the text
 * (numbers of different widths end together), or left-aligned at the
 * margin's left. The text's measure is the frame's width less its indent
 * (or the style's measure when that is smaller); an indent per level
 * wider than a sixth of the frame is reduced to that; an indent narrower
 * than the list's widest marker (marker_width, or this item's marker) and
 * the gap is widened to that, so that no marker runs into the text.
 * Returns the text's indent from the frame's left: a nested list's outer. */
typedef struct ts_list_style {
	int level;          /* 0, 1, 2 */
	ts_sp indent;       /* per level */
	ts_sp gap;          /* between a right-aligned marker and the text */
	bool marker_left;   /* left-aligned marker */
	ts_sp marker_width; /* the widest marker of the list (ts_flow_runs_width); 0: this item's */
	ts_sp outer;        /* the text indent of the item the list is nested in (0: level × indent) */
} ts_list_style;
ts_sp ts_flow_list_item(ts_flow *f, const ts_run *marker, size_t nmarker,
    const ts_run *text, size_t ntext, const ts_para_style *st, const ts_list_style *ls);
/* The width of runs as the flow's engine sets them on one line, kerning
 * included (a list's markers, to find the widest). */
ts_sp ts_flow_runs_width(const ts_flow *f, const ts_run *runs, size_t nruns);

/* Tables. Columns are fixed (width > 0) or take shares of what the fixed
 * ones leave of the table's width (the frame's, or width when smaller).
 * Cells are placed by the grid's rule (base.h: the one the check follows):
 * in their rows left to right into the columns that cells above with a
 * rowspan leave free, a span cut where it runs into a held column, past
 * the last or out of its part (the header, the body), a cell with no
 * column left left out with a warning at it. A cell's lines are broken at
 * its columns' width (spans summed) less the padding; a row is as high as
 * its tallest cell, and a cell spanning rows makes the last of them higher
 * when it needs to. A table breaks between rows (rows joined by a rowspan
 * go together), repeating its header rows at the top of every
 * continuation page; a row (group) taller than a page's room is split
 * between the lines of its cells, each cell's lines going on at the top of
 * the next page below its padding; a caption longer than the page is
 * split between its lines. A header taller than half the text area is an
 * error at its first row: it is set once, not repeated, and split as a
 * body row. Decimal columns, and numbers in right-aligned columns, line up
 * on their last decimal comma (or the end of the number without one):
 * "1.234,56" over "17" over "0,5". The caption above is kept with the
 * header and the first row (the first lines of a row too tall to keep). */
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
	ts_srcpos src;            /* where it is in the source (file NULL: unknown),
				     named by its warnings and its lines' */
} ts_table_cell;

typedef struct ts_table_row {
	const ts_table_cell *cells;
	size_t ncells;
	ts_srcpos src;            /* where it is in the source, for its messages */
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
	const ts_para_style *caption_style; /* NULL: left-aligned (its file, line
				     and col name the caption in messages) */
} ts_table;
void ts_flow_table(ts_flow *f, const ts_table *t);
/* The columns' left edges for a table width wide (colx: ncols + 1 entries,
 * the last the table's right edge): fixed ones as given, what they leave
 * shared out by the shares (the last share column takes the rounding
 * remainder). What ts_flow_table sets, for the check. */
void ts_table_columns(const ts_table_col *cols, size_t ncols, ts_sp width, ts_sp *colx);
/* The least width of a table column: the widest glyph of the engine's
 * faces at size with a hyphen after it (what a word broken by force puts
 * on a line of its own), and the padding on both sides. */
ts_sp ts_table_min_column(const ts_engine *e, ts_sp size, ts_sp pad);

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

#endif
