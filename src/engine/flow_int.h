/* flow_int.h: what the page builder (flow.c) shares with the block types
 * kept in files of their own (flow_list.c, flow_table.c, flow_figure.c)
 * and with its footnotes (flow_note.c). Not for other modules.
 *
 * flow.c keeps the page-filling state, the footnotes' among it (as TeX's
 * page builder keeps its inserts): the notes of a page shrink its text
 * area. A block type beyond paragraphs is a table of operations (fx_ops)
 * that flow.c calls: pour a block, the height it needs below a heading,
 * and, for a type with state of its own in the flow (floats waiting for a
 * page), the start of every page and the end of the flow. */
#ifndef VORLAGE_FLOWINT_H
#define VORLAGE_FLOWINT_H

#include "engine.h"

typedef struct fx_blk fx_blk;

/* What flow.c asks of a block type. The last three may be NULL: they are
 * for a type that keeps state in the flow (flow_state). */
typedef struct fx_ops {
	void (*pour)(ts_flow *f, fx_blk *b);               /* onto the pages */
	/* The height a block needs at the bottom of a page below a heading
	 * kept with it (space_before included): a table's caption, header and
	 * first row; a figure whole. */
	ts_sp (*head)(const ts_flow *f, const fx_blk *b);
	void (*page_start)(ts_flow *f, void *state);       /* on a new page */
	bool (*pending)(const void *state);                /* waits for a next page */
	void (*finish)(void *state);                       /* frees the state */
} fx_ops;

/* A block of a new type: its data starts with this (allocated in the
 * flow's work arena, or the document's when it must outlive the pour). */
struct fx_blk {
	const fx_ops *ops;
};

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
/* Where the flow keeps the state of the block type ops (NULL until the
 * type sets it); its page_start, pending and finish are called from then
 * on. At most FLOW_MAX_TYPES types with state in one flow. */
enum { FLOW_MAX_TYPES = 4 };
void **flow_state(ts_flow *f, const fx_ops *ops);

/* A note's lines, or the part of them still to be placed. */
typedef struct note_piece {
	ts_line *lines;
	size_t n;                /* lines in this piece */
	size_t first, total;     /* its first line's number in the note; the note's lines */
	ts_sp leading, desc;
} note_piece;

/* The footnotes of one flow (flow_note.c), kept by the page builder. */
typedef struct note_state {
	const ts_engine *e;
	ts_layout *doc;
	ts_frame frame;
	ts_note_area area;       /* with the defaults filled in */
	note_piece *pg;          /* the notes on the current page, in order */
	size_t npg, pgcap;
	ts_sp notes_h;           /* their height with the gap (0: none) */
	note_piece *carry;       /* what continues on the next page: [carry0, ncarry) */
	size_t carry0, ncarry, carrycap;
	bool waiting;            /* a piece of the carry got no line of this page:
				    every later note waits behind it */
} note_state;

/* flow_note.c: the footnotes, called by flow.c (and calling nothing of it) */
void notes_init(note_state *x, const ts_engine *e, ts_layout *doc, ts_frame frame);
void notes_set_area(note_state *x, const ts_note_area *a); /* NULL: the defaults */
typedef struct flow_notes flow_notes;   /* the notes of one paragraph */
/* The notes referenced by the runs (ts_run.note), broken into lines (the
 * per-paragraph lists from a); NULL when there are none. */
flow_notes *notes_of(const note_state *x, arena *a, const ts_run *runs, size_t nruns,
    const ts_lines *lines);
/* Of the k lines from `from` of a paragraph whose first would stand at
 * baseline y0, how many fit with room for (the first two lines of) their
 * notes. */
size_t notes_fit(const note_state *x, const flow_notes *n, size_t from, size_t k, ts_sp y0,
    ts_sp leading, ts_sp desc);
/* Lines [from, from + m) were placed, the last with its baseline at y: their
 * notes go to the bottom of this page, as much of them as fits. */
void notes_placed(note_state *x, const flow_notes *n, size_t from, size_t m, ts_sp y, ts_sp desc);
ts_sp notes_height(const note_state *x);     /* of the notes on the current page */
void notes_page_end(note_state *x, size_t page); /* the page's notes onto it */
void notes_page_start(note_state *x);        /* what continues from the last page */
bool notes_pending(const note_state *x);     /* a note continues on the next page */
void notes_free(note_state *x);

#endif
