/* flow_int.h: what the page breaker (flow.c) shares with the block types
 * kept in files of their own (flow_list.c, flow_table.c, flow_note.c,
 * flow_figure.c). Not for other modules.
 *
 * flow.c keeps the page-filling state; the block types see it through the
 * functions below and keep their own state in a flow_ext, which flow.c
 * holds and calls at the end and start of every page. */
#ifndef VORLAGE_FLOWINT_H
#define VORLAGE_FLOWINT_H

#include "engine.h"

/* Kinds of the blocks flow.c pours through flow_ext_pour. */
enum fx_kind { FX_TABLE, FX_FIGURE };

/* A block of a new type: its data starts with this (allocated in the
 * flow's work arena, or the document's when it must outlive the pour). */
typedef struct fx_blk {
	enum fx_kind kind;
} fx_blk;

/* flow.c: the state of page filling */
arena *flow_work(ts_flow *f);          /* the pending blocks' memory: freed when poured */
const ts_engine *flow_engine(const ts_flow *f);
ts_layout *flow_doc(const ts_flow *f);
ts_frame flow_frame(const ts_flow *f);
size_t flow_page(const ts_flow *f);    /* the page being filled */
bool flow_fresh(const ts_flow *f);     /* nothing on it yet: nothing can move further */
/* The top edge of a block that is no paragraph (a table, a figure): the
 * frame's top on an empty page (space dropped), else the last baseline +
 * the pending space + space_before. */
ts_sp flow_block_top(const ts_flow *f, ts_sp space_before);
/* The bottom of the current page's text area: the frame's bottom less the
 * notes placed on it. */
ts_sp flow_body_bottom(const ts_flow *f);
void flow_next_page(ts_flow *f);
/* A block ended with y as its last baseline (the bottom edge of a box) and
 * space_after below it. */
void flow_block_done(ts_flow *f, ts_sp y, ts_sp space_after);
/* Appends a block of a new type; pours unless keep_with_next. */
void flow_add_block(ts_flow *f, fx_blk *data, bool keep_with_next);
/* A paragraph broken as ts_flow_para breaks it, for a measure `inset`
 * narrower; the caller may move its lines' items (within the frame) before
 * flow_para_end pours it. */
ts_lines *flow_para_begin(ts_flow *f, const ts_run *runs, size_t nruns,
    const ts_para_style *st, ts_sp inset);
void flow_para_end(ts_flow *f);
/* Where the flow keeps the block types' state (NULL until first used). */
struct flow_ext **flow_ext_slot(ts_flow *f);
const struct flow_ext *flow_ext_peek(const ts_flow *f);
/* The first size among the runs (10 pt when none) and the ascender and
 * descender (positive) of its face at it. */
void flow_run_metrics(const ts_engine *e, const ts_run *runs, size_t nruns, ts_sp *size,
    ts_sp *asc, ts_sp *desc);

/* A note's lines, or the part of them still to be placed. */
typedef struct note_piece {
	ts_line *lines;
	size_t n;                /* lines in this piece */
	size_t first, total;     /* its first line's number in the note; the note's lines */
	ts_sp leading, desc;
} note_piece;

typedef struct fx_figure fx_figure;

/* The block types' state of one flow. */
struct flow_ext {
	ts_note_area area;       /* with the defaults filled in */
	note_piece *pg;          /* the notes on the current page, in order */
	size_t npg, pgcap;
	ts_sp notes_h;           /* their height with the gap (0: none) */
	note_piece *carry;       /* what continues on the next page: [carry0, ncarry) */
	size_t carry0, ncarry, carrycap;
	fx_figure **fl;          /* floats waiting for the next page: [fl0, nfl) */
	size_t fl0, nfl, flcap;
};
/* The state, created on first use. */
struct flow_ext *flow_ext(ts_flow *f);

/* flow_note.c, flow_figure.c, flow_table.c: called by flow.c */
typedef struct flow_notes flow_notes;   /* the notes of one paragraph */
/* The notes referenced by the runs (ts_run.note), broken into lines; NULL
 * when there are none. */
flow_notes *flow_notes_of(ts_flow *f, const ts_run *runs, size_t nruns, const ts_lines *lines);
/* Of the k lines from `from` of a paragraph whose first would stand at
 * baseline y0, how many fit with room for (the first two lines of) their
 * notes. */
size_t flow_notes_fit(ts_flow *f, const flow_notes *n, size_t from, size_t k, ts_sp y0,
    ts_sp leading, ts_sp desc);
/* Lines [from, from + m) were placed, the last with its baseline at y: their
 * notes go to the bottom of this page, as much of them as fits. */
void flow_notes_placed(ts_flow *f, const flow_notes *n, size_t from, size_t m, ts_sp y, ts_sp desc);
ts_sp flow_notes_height(const ts_flow *f); /* of the notes on the current page */
void flow_ext_pour(ts_flow *f, fx_blk *b);
/* The height a block needs at the bottom of a page below a heading kept
 * with it (space_before included): a table's caption, header and first
 * row; a figure whole. */
ts_sp flow_ext_head(const ts_flow *f, const fx_blk *b);
void flow_ext_page_end(ts_flow *f);   /* before a page is left for the next */
void flow_ext_page_start(ts_flow *f); /* on a new page */
void flow_ext_finish(ts_flow *f);     /* pending floats and notes out; frees the state */

void flow_notes_page_end(ts_flow *f);   /* the page's notes onto it */
void flow_notes_page_start(ts_flow *f); /* what continues from the last page */
void flow_table_pour(ts_flow *f, fx_blk *b);
ts_sp flow_table_head(const ts_flow *f, const fx_blk *b);
void flow_figure_pour(ts_flow *f, fx_blk *b);
ts_sp flow_figure_head(const ts_flow *f, const fx_blk *b);
void flow_figure_page_start(ts_flow *f); /* floats at the top */

#endif
