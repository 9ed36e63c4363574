/* flow.c: page breaking. Paragraphs are broken into lines as they arrive
 * (measure: the style's, or the frame's width when that is smaller or the
 * style gives none); ts_flow_finish pours the lines onto pages.
 *
 * Vertical placement (all in scaled points):
 * - the first line at the top of a frame has its baseline at the frame's
 *   top + the ascender of the paragraph's first face at its size (hhea
 *   ascender, 0.905 em for Liberation Sans): no ink above the frame;
 * - every further line of a paragraph: previous baseline + leading;
 * - between blocks: previous baseline + space_after of the previous block +
 *   the explicit spaces (ts_flow_space) + space_before + the new leading;
 *   at the top of a page all of that space is dropped;
 * - a line fits when its baseline + the descender (0.212 em) is within the
 *   frame's bottom.
 * Rules: a paragraph of 2 or 3 lines, and a keep_together one, moves to the
 * next page whole; a longer one leaves at least 2 lines at the bottom of a
 * page (no orphan) and carries at least 2 to the top of the next (no
 * widow); a keep_with_next block goes to the next page unless the first
 * lines of what follows (as many as that block would need at the bottom of
 * a page, through chains of keep_with_next blocks) fit behind it. On a page
 * that already is empty nothing can move further: lines are placed as they
 * fit, at least one.
 * Lists, tables and figures are in flow_list.c, flow_table.c and
 * flow_figure.c, each a table of operations (fx_ops) this file calls;
 * footnotes are in flow_note.c, their state here: the notes of a page
 * shrink its text area (bottom()). They see this file's state through
 * flow_int.h. */
#include "engine.h"
#include "flow_int.h"
#include "engine_int.h"

#include <stdlib.h>
#include <string.h>

enum blk_kind { B_PARA, B_SPACE, B_BREAK, B_EXT };

typedef struct blk {
	enum blk_kind kind;
	ts_lines lines;
	ts_sp leading, asc, desc;
	ts_sp space_before, space_after, space;
	bool keep_with_next, keep_together;
	const flow_notes *notes;  /* B_PARA: the notes its runs refer to, or NULL */
	fx_blk *ext;              /* B_EXT: a table, a figure (flow_int.h) */
} blk;

typedef struct pend_outline {
	const char *title;
	int level;
	size_t block;   /* attached to the first paragraph at or after this block */
} pend_outline;

/* The page-filling state. */
typedef struct pstate {
	struct ts_flow *f;
	size_t page, first_added;
	bool top;          /* nothing of this flow on the page yet: drop spaces */
	bool fresh;        /* a whole empty frame: nothing can move further */
	ts_sp top_y, last_base, gap;
	size_t next_ol;
} pstate;

struct ts_flow {
	const ts_engine *e;
	ts_layout *doc;
	ts_frame frame;
	bool at;
	size_t start_page;
	ts_sp start_y;
	arena *work;            /* the pending blocks' lines */
	blk *b;                 /* the blocks not yet poured onto pages */
	size_t nb, cap;
	size_t base;            /* blocks poured and dropped before b[0] */
	pend_outline *ol;       /* block: absolute index (base + local) */
	size_t nol, olcap;
	pstate s;
	bool started;
	note_state notes;       /* the footnotes (flow_note.c) */
	struct {                /* the block types with state of their own */
		const fx_ops *ops;
		void *state;
	} fx[FLOW_MAX_TYPES];
	size_t nfx;
};

static ts_flow *
flow_alloc(const ts_engine *e, ts_layout *doc, ts_frame frame)
{
	ts_flow *f = xcalloc(1, sizeof *f);
	f->e = e;
	f->doc = doc;
	f->frame = frame;
	f->work = arena_new();
	notes_init(&f->notes, e, doc, frame);
	return f;
}

ts_flow *
ts_flow_new(const ts_engine *e, ts_layout *doc, ts_frame frame)
{
	return flow_alloc(e, doc, frame);
}

ts_flow *
ts_flow_new_at(const ts_engine *e, ts_layout *doc, ts_frame frame, size_t page, ts_sp y)
{
	ts_flow *f = flow_alloc(e, doc, frame);
	f->at = page < doc->npages;
	f->start_page = page;
	f->start_y = y;
	return f;
}

static void flow_pour(ts_flow *f);

/* Does a block type or a note wait for a next page? */
static bool
waiting(const ts_flow *f)
{
	if (notes_pending(&f->notes))
		return true;
	for (size_t i = 0; i < f->nfx; i++)
		if (f->fx[i].state && f->fx[i].ops->pending && f->fx[i].ops->pending(f->fx[i].state))
			return true;
	return false;
}

static void new_page(pstate *s);

/* The end of the flow: what waits goes onto new pages (each takes at
 * least one float or one line of a note), the last page's notes onto it;
 * the block types' state freed. */
static void
flow_finish_pending(ts_flow *f)
{
	while (waiting(f))
		new_page(&f->s);
	notes_page_end(&f->notes, f->s.page);
	notes_free(&f->notes);
	for (size_t i = 0; i < f->nfx; i++)
		if (f->fx[i].state && f->fx[i].ops->finish)
			f->fx[i].ops->finish(f->fx[i].state);
	f->nfx = 0;
}

static blk *
add_blk(ts_flow *f, enum blk_kind kind)
{
	f->b = xgrow(f->b, &f->cap, f->nb + 1, sizeof *f->b);
	blk *b = &f->b[f->nb++];
	memset(b, 0, sizeof *b);
	b->kind = kind;
	return b;
}

static blk *
para_blk(ts_flow *f, const ts_run *runs, size_t nruns, const ts_para_style *st, ts_sp inset)
{
	ts_para_style s = *st;
	if (s.measure <= 0 || s.measure > f->frame.w - inset)
		s.measure = f->frame.w - inset;
	if (s.measure <= 0)
		s.measure = 1;
	blk *b = add_blk(f, B_PARA);
	ts_break(f->e, f->work, f->doc->arena, runs, nruns, &s, false, &b->lines);
	ts_sp size;
	ts_run_metrics(f->e, runs, nruns, &size, &b->asc, &b->desc);
	b->leading = s.leading > 0 ? s.leading : (ts_sp)((int64_t)size * 6 / 5);
	b->space_before = s.space_before;
	b->space_after = s.space_after;
	b->keep_with_next = s.keep_with_next;
	b->keep_together = s.keep_together;
	b->notes = notes_of(&f->notes, f->work, runs, nruns, &b->lines);
	return b;
}

void
ts_flow_para(ts_flow *f, const ts_run *runs, size_t nruns, const ts_para_style *st)
{
	if (!para_blk(f, runs, nruns, st, 0)->keep_with_next)
		flow_pour(f);
}

void
ts_flow_space(ts_flow *f, ts_sp space)
{
	add_blk(f, B_SPACE)->space = space;
}

void
ts_flow_page_break(ts_flow *f)
{
	add_blk(f, B_BREAK);
	flow_pour(f);
}

void
ts_flow_outline(ts_flow *f, const char *title, int level)
{
	f->ol = xgrow(f->ol, &f->olcap, f->nol + 1, sizeof *f->ol);
	f->ol[f->nol++] = (pend_outline){
		.title = arena_strdup(f->doc->arena, title ? title : ""), .level = level,
		.block = f->base + f->nb,
	};
}

static void
new_page(pstate *s)
{
	notes_page_end(&s->f->notes, s->page);
	s->page = ts_layout_add_page(s->f->doc);
	if (s->first_added == SIZE_MAX)
		s->first_added = s->page;
	s->top = s->fresh = true;
	s->top_y = s->f->frame.y;
	s->gap = 0;
	ts_flow *f = s->f;
	notes_page_start(&f->notes);  /* first: they set the text area's bottom */
	for (size_t i = 0; i < f->nfx; i++)
		if (f->fx[i].state && f->fx[i].ops->page_start)
			f->fx[i].ops->page_start(f, f->fx[i].state);
}

static ts_sp
bottom(const ts_flow *f)
{
	return f->frame.y + f->frame.h - notes_height(&f->notes);
}

/* How many lines of b fit with the first baseline at y0. */
static size_t
lines_fitting(const ts_flow *f, const blk *b, ts_sp y0)
{
	int64_t room = (int64_t)bottom(f) - b->desc - y0;
	if (room < 0)
		return 0;
	return 1 + (size_t)(room / (b->leading > 0 ? b->leading : 1));
}

/* Lines of b that must go together at the bottom of a page. */
static size_t
min_chunk(const blk *b)
{
	size_t n = b->lines.nlines;
	if (b->keep_together || b->keep_with_next || n <= 3)
		return n;
	return 2;
}

/* Do the blocks after i (a keep_with_next block whose last baseline would
 * be at y) fit as far as they must? */
static bool
chain_fits(const ts_flow *f, size_t i, ts_sp y)
{
	ts_sp gap = f->b[i].space_after;
	for (size_t j = i + 1; j < f->nb; j++) {
		const blk *p = &f->b[j];
		if (p->kind == B_SPACE) {
			gap += p->space;
			continue;
		}
		if (p->kind == B_BREAK)
			return true;
		if (p->kind == B_EXT) /* a table, a figure: its first row, the image */
			return (int64_t)y + gap + p->ext->ops->head(f, p->ext) <= bottom(f);
		if (p->lines.nlines == 0)
			continue;
		ts_sp y0 = y + gap + p->space_before + p->leading;
		size_t need = min_chunk(p);
		if (lines_fitting(f, p, y0) < need)
			return false;
		if (!p->keep_with_next)
			return true;
		y = y0 + (ts_sp)(p->lines.nlines - 1) * p->leading;
		gap = p->space_after;
	}
	return true;
}

static void
place(pstate *s, size_t bi, size_t from, size_t m, ts_sp y0)
{
	ts_flow *f = s->f;
	const blk *b = &f->b[bi];
	if (from == 0) {
		while (s->next_ol < f->nol && f->ol[s->next_ol].block <= f->base + bi) {
			const pend_outline *o = &f->ol[s->next_ol++];
			ts_layout_add_outline(f->doc, o->title, o->level, s->page, y0 - b->asc);
		}
	}
	ts_lines part = { .lines = b->lines.lines + from, .nlines = m,
		.demerits = 0, .pass = b->lines.pass };
	ts_layout *doc = f->doc;
	if (from == 0)
		doc->nparas++;
	s->last_base = ts_layout_place_lines(doc, s->page, f->frame.x, y0, &part, b->leading);
	/* which paragraph and which of its lines: widows and orphans can be
	 * checked on the box dump */
	for (size_t k = 0; k < m; k++) {
		ts_line_stat *st = &doc->stats[doc->nstats - m + k];
		st->para = doc->nparas;
		st->line = (int)(from + k);
		st->nlines = (int)b->lines.nlines;
	}
	s->top = s->fresh = false;
	s->gap = 0;
	if (b->notes)
		notes_placed(&f->notes, b->notes, from, m, s->last_base, b->desc);
}

static void
pour_para(pstate *s, size_t bi)
{
	ts_flow *f = s->f;
	const blk *b = &f->b[bi];
	size_t n = b->lines.nlines, done = 0;
	for (;;) {
		ts_sp y0 = s->top ? s->top_y + b->asc
				  : s->last_base + s->gap + b->space_before + b->leading;
		size_t k = lines_fitting(f, b, y0);
		if (b->notes)
			k = notes_fit(&f->notes, b->notes, done, k, y0, b->leading, b->desc);
		size_t rest = n - done;
		size_t m;
		if (done == 0) {
			size_t need = min_chunk(b);
			bool ok = k >= need;
			if (ok && b->keep_with_next && k >= n)
				ok = chain_fits(f, bi, y0 + (ts_sp)(n - 1) * b->leading);
			if (!ok && !s->fresh) {
				new_page(s);
				continue;
			}
			if (k >= n)
				m = n;
			else if (k >= need && !b->keep_together && n >= 4)
				m = k < n - 2 ? k : n - 2;  /* keep 2 for the next page */
			else
				m = k;                      /* an empty page: as it fits */
		} else if (k == 0 && !s->fresh) {
			/* the floats set at the new page's top took it whole:
			 * no line is forced below them into the notes */
			new_page(s);
			continue;
		} else {
			if (k >= rest)
				m = rest;
			else
				m = k < rest - 2 ? k : rest - 2;
		}
		if (m < 1)
			m = 1;
		if (m > rest)
			m = rest;
		place(s, bi, done, m, y0);
		done += m;
		if (done >= n)
			break;
		new_page(s);
	}
	s->gap = b->space_after;
}

static void
flow_start(ts_flow *f)
{
	pstate *s = &f->s;
	if (f->started)
		return;
	f->started = true;
	memset(s, 0, sizeof *s);
	s->f = f;
	s->first_added = SIZE_MAX;
	if (f->at) {
		s->page = f->start_page;
		s->top = true;
		s->fresh = false;
		s->top_y = f->start_y;
		s->last_base = f->start_y;
	} else {
		new_page(s);
		s->last_base = f->frame.y;
	}
}

/* Pours the pending blocks onto pages and drops them with their lines.
 * Called when no chain of keep_with_next blocks is open: page breaking
 * then needs nothing that comes later, and memory stays that of one chain
 * of blocks, not of the whole flow. */
static void
flow_pour(ts_flow *f)
{
	flow_start(f);
	pstate *s = &f->s;
	for (size_t i = 0; i < f->nb; i++) {
		const blk *b = &f->b[i];
		switch (b->kind) {
		case B_SPACE:
			if (!s->top)
				s->gap += b->space;
			break;
		case B_BREAK:
			if (!s->top)
				new_page(s);
			break;
		case B_PARA:
			if (b->lines.nlines)
				pour_para(s, i);
			break;
		case B_EXT:
			b->ext->ops->pour(f, b->ext);
			break;
		}
	}
	f->base += f->nb;
	f->nb = 0;
	arena_free(f->work);
	f->work = arena_new();
}

size_t
ts_flow_finish(ts_flow *f, size_t *last_page, ts_sp *last_y)
{
	flow_pour(f);
	flow_finish_pending(f);
	pstate *s = &f->s;
	/* bookmarks after the last paragraph point at where the flow ended */
	while (s->next_ol < f->nol) {
		const pend_outline *o = &f->ol[s->next_ol++];
		ts_layout_add_outline(f->doc, o->title, o->level, s->page, s->top ? s->top_y : s->last_base);
	}
	if (last_page)
		*last_page = s->page;
	if (last_y)
		*last_y = s->top ? s->top_y : s->last_base;
	size_t first = s->first_added == SIZE_MAX ? f->doc->npages : s->first_added;
	arena_free(f->work);
	free(f->b);
	free(f->ol);
	free(f);
	return first;
}

/* What the block types in flow_*.c see (flow_int.h). */

arena *
flow_work(ts_flow *f)
{
	return f->work;
}

const ts_engine *
flow_engine(const ts_flow *f)
{
	return f->e;
}

ts_layout *
flow_doc(const ts_flow *f)
{
	return f->doc;
}

ts_frame
flow_frame(const ts_flow *f)
{
	return f->frame;
}

size_t
flow_page(const ts_flow *f)
{
	return f->s.page;
}

bool
flow_fresh(const ts_flow *f)
{
	return f->s.fresh;
}

ts_sp
flow_block_top(const ts_flow *f, ts_sp space_before)
{
	const pstate *s = &f->s;
	return s->top ? s->top_y : ts_clamp((int64_t)s->last_base + s->gap + space_before);
}

ts_sp
flow_body_bottom(const ts_flow *f)
{
	return bottom(f);
}

void
flow_next_page(ts_flow *f)
{
	new_page(&f->s);
}

void
flow_block_done(ts_flow *f, ts_sp y, ts_sp space_after)
{
	pstate *s = &f->s;
	s->last_base = y;
	s->gap = space_after;
	s->top = s->fresh = false;
}

void
flow_add_block(ts_flow *f, fx_blk *data, bool keep_with_next)
{
	blk *b = add_blk(f, B_EXT);
	b->ext = data;
	b->keep_with_next = keep_with_next;
	if (!keep_with_next)
		flow_pour(f);
}

ts_lines *
flow_para_begin(ts_flow *f, const ts_run *runs, size_t nruns, const ts_para_style *st,
    ts_sp inset)
{
	return &para_blk(f, runs, nruns, st, inset)->lines;
}

void
flow_para_end(ts_flow *f)
{
	if (f->nb && !f->b[f->nb - 1].keep_with_next)
		flow_pour(f);
}

void **
flow_state(ts_flow *f, const fx_ops *ops)
{
	for (size_t i = 0; i < f->nfx; i++)
		if (f->fx[i].ops == ops)
			return &f->fx[i].state;
	if (f->nfx == FLOW_MAX_TYPES)
		abort();  /* more block types with state than the engine has */
	f->fx[f->nfx].ops = ops;
	f->fx[f->nfx].state = NULL;
	return &f->fx[f->nfx++].state;
}

void
ts_flow_note_area(ts_flow *f, const ts_note_area *a)
{
	notes_set_area(&f->notes, a);
}

