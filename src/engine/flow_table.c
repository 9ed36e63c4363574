/* flow_table.c: tables (engine.h). Built when the table arrives:
 * 1. column widths: fixed ones as given, the rest of the table's width
 *    shared out in proportion to the shares (the last share column takes
 *    the rounding remainder, so that the columns fill the width exactly);
 * 2. the grid: each cell's columns and rows by the grid's rule (base.h,
 *    the check's): spans cut at the table's edges, at a held column and at
 *    the end of their part (the header, the body), a cell with no column
 *    left out with a warning at it;
 * 3. every cell broken into lines at its width less twice the padding,
 *    aligned as its first column, its source position on its style (the
 *    line breaker's warnings name it); decimal alignment shifts one-line
 *    cells of a decimal column (and numbers of a right-aligned one) left so
 *    that the width from their last ',' (their end without one) to their
 *    end is the column's largest;
 * 4. row heights: the tallest cell starting in the row; a cell spanning
 *    rows raises the last of them to what it lacks (cells listed by their
 *    last row, heights summed as prefix sums);
 * 5. groups: rows joined by rowspans, which go to a page together.
 * Poured group by group; at the top of every continuation page the header
 * rows are set again. A group that does not fit goes to the next page
 * when it fits on one, else it is split between lines: on each page every
 * cell sets its lines down to the first line (of any of the group's cells)
 * that would cross the bottom, the rest going on below the padding at the
 * top of the next page. Lengths inside the table are int64 (a cell of
 * many lines is taller than ts_sp's 32,767 pt). Everything is linear in
 * the cells and their lines. */
#include "flow_int.h"
#include "engine_int.h"

#include <stdlib.h>
#include <string.h>

static void table_pour(ts_flow *f, fx_blk *b);
static ts_sp table_head(const ts_flow *f, const fx_blk *b);
static const fx_ops table_ops = { .pour = table_pour, .head = table_head };

typedef struct tcell {
	ts_lines lines;
	size_t row, nrow;
	ts_sp x, w;                /* from the table's left edge */
	ts_sp asc, desc, lead;
	int64_t h;                 /* padding, first ascender to last descender */
	ts_sp shift;               /* decimal alignment: moved left by this */
	size_t next_end;           /* next cell of the same last row (SIZE_MAX: none) */
	size_t done;               /* pouring: its lines set so far */
} tcell;

typedef struct fx_table {
	fx_blk blk;
	tcell *cells;
	size_t ncells;
	size_t *row_c0;            /* cells of row r: [row_c0[r], row_c0[r + 1]) */
	int64_t *top;              /* top[r]: rows 0..r-1 summed; top[nrows]: the table */
	size_t *gend;              /* a group starting at r ends before gend[r] */
	size_t nrows, nheader;
	bool repeat;               /* the header on every page (not when too tall) */
	ts_srcpos *row_src;        /* per row: where it is, for the messages */
	ts_sp x, w, pad;
	ts_sp header_rule, row_rule, frame_rule;
	ts_sp before, after;
	ts_lines cap;
	ts_sp cap_asc, cap_desc, cap_lead, cap_space;
	int64_t cap_h;             /* with the space below it */
} fx_table;

void
ts_table_columns(const ts_table_col *cols, size_t ncols, ts_sp width, ts_sp *colx)
{
	int64_t fixed = 0, shares = 0;
	size_t last_share = SIZE_MAX;
	for (size_t c = 0; c < ncols; c++) {
		if (cols[c].width > 0) {
			fixed += cols[c].width;
		} else {
			shares += cols[c].share > 0 ? cols[c].share : 1;
			last_share = c;
		}
	}
	int64_t rest = width - fixed > 0 ? width - fixed : 0, given = 0, x = 0;
	for (size_t c = 0; c < ncols; c++) {
		colx[c] = ts_clamp(x);
		int64_t w;
		if (cols[c].width > 0) {
			w = cols[c].width;
		} else if (c == last_share) {
			w = rest - given;
		} else {
			w = rest * (cols[c].share > 0 ? cols[c].share : 1) / shares;
			given += w;
		}
		x += w;
	}
	colx[ncols] = ts_clamp(x);
}

/* A cell's text as a number: digits with separators, signs, spaces, %,
 * and non-ASCII (€, −, no-break spaces). */
static bool
numeric(const ts_run *runs, size_t nruns)
{
	bool digit = false;
	for (size_t r = 0; r < nruns; r++)
		for (size_t i = 0; runs[r].text && i < runs[r].len; i++) {
			unsigned char ch = (unsigned char)runs[r].text[i];
			if (ch >= '0' && ch <= '9')
				digit = true;
			else if (ch < 0x80 && !strchr(".,+-% ", ch))
				return false;
		}
	return digit;
}

/* Width of the runs' text from its last ',' to its end (trailing spaces
 * left out, as the line drops them); 0 without a ','. */
static ts_sp
tail_width(const ts_engine *e, const ts_run *runs, size_t nruns)
{
	size_t cr = SIZE_MAX, ci = 0, er = SIZE_MAX, ei = 0;
	for (size_t r = 0; r < nruns; r++)
		for (size_t i = 0; runs[r].text && i < runs[r].len; i++) {
			char ch = runs[r].text[i];
			if (ch == ',') {
				cr = r;
				ci = i;
			}
			if (ch != ' ') {
				er = r;
				ei = i + 1;
			}
		}
	if (cr == SIZE_MAX || er == SIZE_MAX || er < cr)
		return 0;
	int64_t w = 0;
	for (size_t r = cr; r <= er; r++) {
		size_t s = r == cr ? ci : 0, end = r == er ? ei : runs[r].len;
		if (end > s)
			w += ts_text_width(e, runs[r].face, runs[r].size, runs[r].text + s, end - s);
	}
	return ts_clamp(w);
}

static void
break_caption(ts_flow *f, fx_table *tb, const ts_table *t)
{
	ts_para_style st;
	memset(&st, 0, sizeof st);
	st.align = TS_LEFT;
	if (t->caption_style)
		st = *t->caption_style;
	if (st.measure <= 0 || st.measure > tb->w)
		st.measure = tb->w;
	const ts_engine *e = flow_engine(f);
	ts_break(e, flow_work(f), flow_doc(f)->arena, t->caption, t->ncaption, &st, false, &tb->cap);
	if (tb->cap.nlines == 0)
		return;
	ts_sp size;
	ts_run_metrics(e, t->caption, t->ncaption, &size, &tb->cap_asc, &tb->cap_desc);
	tb->cap_lead = st.leading > 0 ? st.leading : (ts_sp)((int64_t)size * 6 / 5);
	tb->cap_space = st.space_after;
	tb->cap_h = (int64_t)tb->cap_asc + (int64_t)(tb->cap.nlines - 1) * tb->cap_lead +
	    tb->cap_desc + st.space_after;
}

/* A cell's style: its column's alignment, the table's leading and
 * hyphenation, its source position. */
static ts_para_style
cell_style(const fx_table *tb, const ts_table *t, const tcell *cell, size_t c, size_t r,
    const ts_srcpos *src)
{
	enum ts_col_align al = t->cols[c].align;
	ts_para_style st;
	memset(&st, 0, sizeof st);
	st.measure = ts_clamp((int64_t)cell->w - 2 * (int64_t)tb->pad);
	if (st.measure <= 0)
		st.measure = 1;
	st.align = al == TS_COL_LEFT ? TS_LEFT : al == TS_COL_CENTER ? TS_CENTER : TS_RIGHT;
	if (r < tb->nheader && al == TS_COL_DECIMAL)
		st.align = TS_RIGHT;
	st.hyphenate = t->hyphenate;
	st.leading = t->leading;
	st.file = src->file;
	st.line = src->line;
	st.col = src->col;
	return st;
}

void
ts_flow_table(ts_flow *f, const ts_table *t)
{
	if (!t || t->ncols == 0 || t->nrows == 0)
		return;
	arena *a = flow_work(f);
	const ts_engine *e = flow_engine(f);
	ts_frame fr = flow_frame(f);
	fx_table *tb = arena_zalloc(a, sizeof *tb);
	tb->blk.ops = &table_ops;
	tb->w = t->width > 0 && t->width < fr.w ? t->width : fr.w;
	tb->x = fr.x;
	tb->pad = t->pad > 0 ? t->pad : 0;
	tb->header_rule = t->header_rule;
	tb->row_rule = t->row_rule;
	tb->frame_rule = t->frame_rule;
	tb->before = t->space_before;
	tb->after = t->space_after;
	size_t nr = t->nrows, nc = t->ncols;
	tb->nrows = nr;
	tb->nheader = t->nheader < nr ? t->nheader : nr;
	tb->repeat = tb->nheader > 0;
	if (t->ncaption)
		break_caption(f, tb, t);

	ts_sp *colx = arena_array(a, nc + 1, sizeof *colx);
	ts_table_columns(t->cols, nc, tb->w, colx);
	size_t total = 0;
	for (size_t r = 0; r < nr; r++)
		total += t->rows[r].ncells;
	tb->cells = arena_array(a, total ? total : 1, sizeof *tb->cells);
	tb->row_c0 = arena_array(a, nr + 1, sizeof *tb->row_c0);
	size_t *first_col = arena_array(a, total ? total : 1, sizeof *first_col);
	size_t *end_head = arena_array(a, nr, sizeof *end_head);
	size_t *span_end = arena_array(a, nr, sizeof *span_end);
	for (size_t r = 0; r < nr; r++) {
		end_head[r] = SIZE_MAX;
		span_end[r] = r;
	}

	/* 2. the grid, 3. the cells' lines */
	size_t *free_from = arena_array(a, nc, sizeof *free_from);
	grid gr;
	grid_init(&gr, nc, free_from);
	tb->row_src = arena_array(a, nr, sizeof *tb->row_src);
	for (size_t r = 0; r < nr; r++) {
		tb->row_c0[r] = tb->ncells;
		tb->row_src[r] = t->rows[r].src;
		if (r == 0)
			grid_part(&gr, tb->nheader ? tb->nheader : nr);
		else if (r == tb->nheader)
			grid_part(&gr, nr);
		grid_row(&gr, r);
		const ts_table_row *row = &t->rows[r];
		for (size_t i = 0; i < row->ncells; i++) {
			const ts_table_cell *in = &row->cells[i];
			grid_cell at;
			if (grid_place(&gr, in->colspan, in->rowspan, &at) & GRID_NO_COLUMN) {
				diag *d = ts_engine_diag(e);
				if (d)
					MSG(TABLE_EXTRA_CELLS, d, in->src.file, in->src.line, in->src.col,
					    r + 1, row->ncells - i);
				break;
			}
			size_t c = at.col, cs = at.colspan, rs = at.rowspan;
			tcell *cell = &tb->cells[tb->ncells];
			first_col[tb->ncells] = c;
			cell->row = r;
			cell->nrow = rs;
			cell->x = colx[c];
			cell->w = ts_clamp((int64_t)colx[c + cs] - colx[c]);
			enum ts_col_align al = t->cols[c].align;
			ts_para_style st = cell_style(tb, t, cell, c, r, &in->src);
			ts_break(e, a, flow_doc(f)->arena, in->runs, in->nruns, &st, false, &cell->lines);
			ts_sp size;
			ts_run_metrics(e, in->runs, in->nruns, &size, &cell->asc, &cell->desc);
			cell->lead = t->leading > 0 ? t->leading : (ts_sp)((int64_t)size * 6 / 5);
			int64_t h = 2 * (int64_t)tb->pad;
			if (cell->lines.nlines)
				h += cell->asc + (int64_t)(cell->lines.nlines - 1) * cell->lead + cell->desc;
			cell->h = h;
			/* decimal alignment: the width after the comma, for now */
			cell->shift = -1;
			if (r >= tb->nheader && cs == 1 && cell->lines.nlines == 1 &&
			    (al == TS_COL_DECIMAL || (al == TS_COL_RIGHT && numeric(in->runs, in->nruns))))
				cell->shift = tail_width(e, in->runs, in->nruns);
			size_t last = r + rs - 1;
			cell->next_end = end_head[last];
			end_head[last] = tb->ncells;
			if (last > span_end[r])
				span_end[r] = last;
			tb->ncells++;
		}
	}
	tb->row_c0[nr] = tb->ncells;

	/* decimal alignment: the largest tail of each column */
	ts_sp *maxtail = arena_array(a, nc, sizeof *maxtail);
	for (size_t i = 0; i < tb->ncells; i++)
		if (tb->cells[i].shift > maxtail[first_col[i]])
			maxtail[first_col[i]] = tb->cells[i].shift;
	for (size_t i = 0; i < tb->ncells; i++) {
		tcell *cell = &tb->cells[i];
		if (cell->shift < 0) {
			cell->shift = 0;
			continue;
		}
		int64_t s = (int64_t)maxtail[first_col[i]] - cell->shift;
		int64_t room = (int64_t)cell->lines.lines[0].measure - cell->lines.lines[0].width;
		cell->shift = ts_clamp(s < room ? s : room > 0 ? room : 0);
	}

	/* 4. row heights as prefix sums */
	tb->top = arena_array(a, nr + 1, sizeof *tb->top);
	for (size_t r = 0; r < nr; r++) {
		int64_t h = 0;
		for (size_t i = tb->row_c0[r]; i < tb->row_c0[r + 1]; i++)
			if (tb->cells[i].nrow == 1 && tb->cells[i].h > h)
				h = tb->cells[i].h;
		for (size_t i = end_head[r]; i != SIZE_MAX; i = tb->cells[i].next_end) {
			const tcell *cell = &tb->cells[i];
			int64_t need = cell->h - (tb->top[r] - tb->top[cell->row]);
			if (need > h)
				h = need;
		}
		tb->top[r + 1] = tb->top[r] + h;
	}

	/* 5. groups: the header is one */
	tb->gend = arena_array(a, nr + 1, sizeof *tb->gend);
	for (size_t r = 0; r < nr;) {
		size_t g = r, end = r < tb->nheader ? tb->nheader - 1 : r;
		for (; r <= end; r++)
			if (span_end[r] > end)
				end = span_end[r];
		tb->gend[g] = end + 1;
	}
	/* a header that would leave less than half of each page to the body is
	 * set once, as a body row that can split */
	if (tb->repeat && tb->top[tb->nheader] > fr.h / 2) {
		diag *d = ts_engine_diag(e);
		const ts_srcpos *at = &tb->row_src[0];
		if (d)
			MSG(TABLE_HEADER_TOO_TALL, d, at->file, at->line, at->col,
			    ts_to_mm(ts_clamp(tb->top[tb->nheader])), ts_to_mm(fr.h));
		tb->repeat = false;
	}
	flow_add_block(f, &tb->blk, false);
}

/* Heights of the header rows (when repeated), of a group and of the
 * least of a group a page must hold with the header: the whole group
 * when it fits on a page of its own, else the first line of each cell of
 * its first row. */
static int64_t
header_h(const fx_table *tb)
{
	return tb->repeat ? tb->top[tb->nheader] : 0;
}

static int64_t
group_h(const fx_table *tb, size_t g)
{
	return tb->top[tb->gend[g]] - tb->top[g];
}

static int64_t
group_start_h(const ts_flow *f, const fx_table *tb, size_t g)
{
	int64_t h = group_h(tb, g);
	if (h <= (int64_t)flow_frame(f).h - header_h(tb))
		return h;
	int64_t first = 0;
	for (size_t i = tb->row_c0[g]; i < tb->row_c0[g + 1]; i++) {
		const tcell *c = &tb->cells[i];
		int64_t one = 2 * (int64_t)tb->pad + (c->lines.nlines ? c->asc + c->desc : 0);
		if (one > first)
			first = one;
	}
	return first < h ? first : h;
}

/* The first group of the body (the header's when it is not repeated). */
static size_t
body_start(const fx_table *tb)
{
	return tb->repeat ? tb->nheader : 0;
}

/* What must go onto the table's first page: the caption, the header and
 * the start of the first body group; of a caption too long for a page
 * with them, its first two lines. */
static int64_t
start_h(const ts_flow *f, const fx_table *tb)
{
	int64_t h = header_h(tb);
	size_t g = body_start(tb);
	if (g < tb->nrows)
		h += group_start_h(f, tb, g);
	int64_t cap = tb->cap_h;
	if (cap + h > flow_frame(f).h && tb->cap.nlines > 2)
		cap = (int64_t)tb->cap_asc + tb->cap_lead + tb->cap_desc;
	return cap + h;
}

static ts_sp
table_head(const ts_flow *f, const fx_blk *b)
{
	const fx_table *tb = (const fx_table *)b;
	return ts_clamp((int64_t)tb->before + start_h(f, tb));
}

/* The top of a cell's line k, from the table's top. */
static int64_t
line_top(const fx_table *tb, const tcell *c, size_t k)
{
	return tb->top[c->row] + tb->pad + (int64_t)k * c->lead;
}

/* The first of a cell's lines from `from` whose top is at or below `off`
 * (from the table's top); nlines when none is. */
static size_t
lines_above(const fx_table *tb, const tcell *c, size_t from, int64_t off)
{
	int64_t t0 = line_top(tb, c, 0);
	if (off <= t0)
		return from;
	int64_t lead = c->lead > 0 ? c->lead : 1;
	int64_t k = (off - t0 + lead - 1) / lead;
	size_t n = c->lines.nlines;
	return k >= (int64_t)n ? n : (size_t)k < from ? from : (size_t)k;
}

/* The first of a cell's lines from `from` that crosses `limit` (its
 * bottom below it); nlines when none does. */
static size_t
first_crossing(const fx_table *tb, const tcell *c, size_t from, int64_t limit)
{
	int64_t b0 = line_top(tb, c, 0) + c->asc + c->desc;
	if (limit < b0)
		return from;
	int64_t lead = c->lead > 0 ? c->lead : 1;
	int64_t k = (limit - b0) / lead + 1;
	size_t n = c->lines.nlines;
	return k >= (int64_t)n ? n : (size_t)k < from ? from : (size_t)k;
}

/* Sets lines [from, to) of cell i, its offsets from the table's top moved
 * to the page by shift. */
static void
place_cell(ts_flow *f, const fx_table *tb, size_t i, size_t from, size_t to, int64_t shift)
{
	const tcell *c = &tb->cells[i];
	if (to <= from)
		return;
	ts_layout *doc = flow_doc(f);
	ts_lines part = c->lines;
	part.lines = c->lines.lines + from;
	part.nlines = to - from;
	int64_t x = (int64_t)tb->x + c->x + tb->pad - c->shift;
	ts_layout_place_lines(doc, flow_page(f), ts_clamp(x),
	    ts_clamp(shift + line_top(tb, c, from) + c->asc), &part, c->lead);
	for (size_t k = 0; k < part.nlines; k++) {
		ts_line_stat *st = &doc->stats[doc->nstats - part.nlines + k];
		st->line = (int)(from + k);
		st->nlines = (int)c->lines.nlines;
	}
}

/* The header rows, whole, with their top at y; the rule under them. */
static void
place_header(ts_flow *f, const fx_table *tb, int64_t y)
{
	for (size_t i = tb->row_c0[0]; i < tb->row_c0[tb->nheader]; i++)
		place_cell(f, tb, i, 0, tb->cells[i].lines.nlines, y);
	if (tb->header_rule)
		ts_page_add_rule(flow_doc(f), flow_page(f), tb->x,
		    ts_clamp(y + tb->top[tb->nheader] - tb->header_rule / 2), tb->w, tb->header_rule);
}

static void
frame_part(ts_flow *f, const fx_table *tb, int64_t top, int64_t bottom)
{
	ts_sp t = tb->frame_rule;
	if (!t || bottom <= top)
		return;
	ts_layout *doc = flow_doc(f);
	size_t page = flow_page(f);
	ts_sp h = ts_clamp(bottom - top);
	ts_page_add_rule(doc, page, tb->x, ts_clamp(top), tb->w, t);
	ts_page_add_rule(doc, page, tb->x, ts_clamp(bottom - t), tb->w, t);
	ts_page_add_rule(doc, page, tb->x, ts_clamp(top), t, h);
	ts_page_add_rule(doc, page, ts_clamp((int64_t)tb->x + tb->w - t), ts_clamp(top), t, h);
}

/* Pouring: the page's part of the table begins at part; y is where the
 * next group goes; rows: body rows on this page. */
typedef struct tpour {
	int64_t part, y;
	bool rows;
} tpour;

/* The table goes on at the top of the next page, below its header. */
static void
next_page(ts_flow *f, const fx_table *tb, tpour *p, int64_t bottom)
{
	frame_part(f, tb, p->part, bottom);
	flow_next_page(f);
	p->y = p->part = flow_block_top(f, 0);
	if (tb->repeat) {
		place_header(f, tb, p->y);
		p->y += header_h(tb);
	}
	flow_block_done(f, ts_clamp(p->y), 0);
	p->rows = false;
}

/* Group [g, e) from p->y: whole when it fits; else each page takes every
 * cell's lines down to the first line (of any cell) that would cross the
 * bottom less the padding, and the rest goes on at the next page's top
 * below the padding. A page that holds nothing of the group but the
 * header takes at least the next line of each cell, with a warning. */
static void
pour_group(ts_flow *f, fx_table *tb, size_t g, tpour *p)
{
	size_t e = tb->gend[g], c0 = tb->row_c0[g], c1 = tb->row_c0[e];
	int64_t shift = p->y - tb->top[g], done = tb->top[g];
	if (tb->row_rule && p->rows)
		ts_page_add_rule(flow_doc(f), flow_page(f), tb->x, ts_clamp(p->y - tb->row_rule / 2),
		    tb->w, tb->row_rule);
	for (;;) {
		int64_t bottom = flow_body_bottom(f);
		int64_t cut = INT64_MAX;
		if (tb->top[e] + shift > bottom) {
			int64_t limit = bottom - tb->pad - shift;
			for (size_t i = c0; i < c1; i++) {
				const tcell *c = &tb->cells[i];
				size_t k = first_crossing(tb, c, c->done, limit);
				if (k < c->lines.nlines && line_top(tb, c, k) < cut)
					cut = line_top(tb, c, k);
			}
		}
		if (cut != INT64_MAX && cut <= done) {
			/* not a line more fits here */
			if (p->rows || done > tb->top[g]) {
				next_page(f, tb, p, done + shift);
				shift = p->y + (done > tb->top[g] ? tb->pad : 0) - done;
				continue;
			}
			diag *d = ts_engine_diag(flow_engine(f));
			const ts_srcpos *at = &tb->row_src[g];
			if (d)
				MSG(TABLE_ROW_TOO_TALL, d, at->file, at->line, at->col, g + 1);
			cut = INT64_MAX;
			for (size_t i = c0; i < c1; i++) {
				const tcell *c = &tb->cells[i];
				if (c->done < c->lines.nlines) {
					int64_t t = line_top(tb, c, c->done) + 1;
					cut = t < cut ? t : cut;
				}
			}
		}
		for (size_t i = c0; i < c1; i++) {
			tcell *c = &tb->cells[i];
			size_t to = cut == INT64_MAX ? c->lines.nlines : lines_above(tb, c, c->done, cut);
			place_cell(f, tb, i, c->done, to, shift);
			c->done = to;
		}
		if (cut == INT64_MAX) {
			int64_t end = tb->top[e] + shift;
			p->y = end < bottom ? end : bottom;  /* (padding, empty cells) */
			p->rows = true;
			flow_block_done(f, ts_clamp(p->y), 0);
			return;
		}
		/* the rest of the group on the next page */
		p->rows = true;
		next_page(f, tb, p, cut + shift);
		done = cut;
		shift = p->y + tb->pad - cut;
	}
}

/* The caption from p->y, split between lines when it is longer than the
 * page's room. */
static void
pour_caption(ts_flow *f, const fx_table *tb, tpour *p)
{
	size_t n = tb->cap.nlines;
	ts_layout *doc = flow_doc(f);
	int64_t base = p->y + tb->cap_asc;
	for (size_t done = 0; done < n;) {
		int64_t room = (int64_t)flow_body_bottom(f) - tb->cap_desc - base;
		size_t k = room < 0 ? 0 : 1 + (size_t)(room / (tb->cap_lead > 0 ? tb->cap_lead : 1));
		if (k == 0 && !flow_fresh(f)) {
			flow_next_page(f);
			base = (int64_t)flow_block_top(f, 0) + tb->cap_asc;
			continue;
		}
		k = k < 1 ? 1 : k > n - done ? n - done : k;
		ts_lines part = tb->cap;
		part.lines = tb->cap.lines + done;
		part.nlines = k;
		ts_sp last = ts_layout_place_lines(doc, flow_page(f), tb->x, ts_clamp(base), &part,
		    tb->cap_lead);
		flow_block_done(f, last, 0);
		done += k;
		base = (int64_t)last + tb->cap_lead;
		if (done < n) {
			flow_next_page(f);
			base = (int64_t)flow_block_top(f, 0) + tb->cap_asc;
		}
		p->y = (int64_t)last + tb->cap_desc + tb->cap_space;
	}
}

static void
table_pour(ts_flow *f, fx_blk *b)
{
	fx_table *tb = (fx_table *)b;
	tpour p = { 0, flow_block_top(f, tb->before), false };
	if (p.y + start_h(f, tb) > flow_body_bottom(f) && !flow_fresh(f)) {
		flow_next_page(f);
		p.y = flow_block_top(f, tb->before);
	}
	if (tb->cap.nlines) {
		pour_caption(f, tb, &p);
		/* the header and the first row with the caption's end */
		int64_t rest = header_h(tb) +
		    (body_start(tb) < tb->nrows ? group_start_h(f, tb, body_start(tb)) : 0);
		if (p.y + rest > flow_body_bottom(f)) {
			flow_next_page(f);
			p.y = flow_block_top(f, 0);
		}
	}
	p.part = p.y;
	if (tb->repeat) {
		place_header(f, tb, p.y);
		p.y += header_h(tb);
		flow_block_done(f, ts_clamp(p.y), 0);
	}
	for (size_t g = body_start(tb); g < tb->nrows; g = tb->gend[g]) {
		int64_t h = group_h(tb, g), bottom = flow_body_bottom(f);
		/* a group that fits on a page goes there whole */
		if (p.y + h > bottom && p.rows && (h <= (int64_t)flow_frame(f).h - header_h(tb) ||
		    p.y + group_start_h(f, tb, g) > bottom))
			next_page(f, tb, &p, p.y);
		pour_group(f, tb, g, &p);
	}
	frame_part(f, tb, p.part, p.y);
	flow_block_done(f, ts_clamp(p.y), tb->after);
}

ts_sp
ts_table_min_column(const ts_engine *e, ts_sp size, ts_sp pad)
{
	int64_t widest = 0;
	for (int face = 0; face < TS_NFACES; face++) {
		const ts_font *fo = ts_engine_font(e, (enum ts_face)face);
		int64_t w = (int64_t)ts_units(fo, font_max_advance(fo), size) +
		    ts_text_width(e, (enum ts_face)face, size, "-", 1);
		if (w > widest)
			widest = w;
	}
	return ts_clamp(widest + 2 * (int64_t)pad);
}
