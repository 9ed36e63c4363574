/* flow_table.c: tables (engine.h). Built when the table arrives:
 * 1. column widths: fixed ones as given, the rest of the table's width
 *    shared out in proportion to the shares (the last share column takes
 *    the rounding remainder, so that the columns fill the width exactly);
 * 2. the grid: each row's cells go left to right into the columns not
 *    covered by a rowspan from above (busy[c]: the first row column c is
 *    free again); spans are cut at the table's edges, at a busy column and,
 *    for header rows, at the header's end;
 * 3. every cell broken into lines at its width less twice the padding,
 *    aligned as its first column; decimal alignment shifts one-line cells
 *    of a decimal column (and numbers of a right-aligned one) left so that
 *    the width from their last ',' (their end without one) to their end is
 *    the column's largest;
 * 4. row heights: the tallest cell starting in the row; a cell spanning
 *    rows raises the last of them to what it lacks (cells listed by their
 *    last row, heights summed as prefix sums);
 * 5. groups: rows joined by rowspans, which never split.
 * Poured row group by row group; at the top of every continuation page the
 * header rows are set again. Everything is linear in the cells. */
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
	ts_sp asc, lead, h;        /* h: padding, first ascender to last descender */
	ts_sp shift;               /* decimal alignment: moved left by this */
	size_t next_end;           /* next cell of the same last row (SIZE_MAX: none) */
} tcell;

typedef struct fx_table {
	fx_blk blk;
	tcell *cells;
	size_t ncells;
	size_t *row_c0;            /* cells of row r: [row_c0[r], row_c0[r + 1]) */
	int64_t *top;              /* top[r]: rows 0..r-1 summed; top[nrows]: the table */
	size_t *gend;              /* a group starting at r ends before gend[r] */
	size_t nrows, nheader;
	ts_sp x, w, pad;
	ts_sp header_rule, row_rule, frame_rule;
	ts_sp before, after;
	ts_lines cap;
	ts_sp cap_asc, cap_lead, cap_h;   /* cap_h: with the space below it */
} fx_table;

static void
col_widths(const ts_table *t, int64_t width, ts_sp *colx)
{
	int64_t fixed = 0, shares = 0;
	size_t last_share = SIZE_MAX;
	for (size_t c = 0; c < t->ncols; c++) {
		if (t->cols[c].width > 0) {
			fixed += t->cols[c].width;
		} else {
			shares += t->cols[c].share > 0 ? t->cols[c].share : 1;
			last_share = c;
		}
	}
	int64_t rest = width - fixed > 0 ? width - fixed : 0, given = 0, x = 0;
	for (size_t c = 0; c < t->ncols; c++) {
		colx[c] = ts_clamp(x);
		int64_t w;
		if (t->cols[c].width > 0) {
			w = t->cols[c].width;
		} else if (c == last_share) {
			w = rest - given;
		} else {
			w = rest * (t->cols[c].share > 0 ? t->cols[c].share : 1) / shares;
			given += w;
		}
		x += w;
	}
	colx[t->ncols] = ts_clamp(x);
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
	ts_sp size, desc;
	ts_run_metrics(e, t->caption, t->ncaption, &size, &tb->cap_asc, &desc);
	tb->cap_lead = st.leading > 0 ? st.leading : (ts_sp)((int64_t)size * 6 / 5);
	tb->cap_h = ts_clamp((int64_t)tb->cap_asc + (int64_t)(tb->cap.nlines - 1) * tb->cap_lead +
	    desc + st.space_after);
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
	if (t->ncaption)
		break_caption(f, tb, t);

	ts_sp *colx = arena_array(a, nc + 1, sizeof *colx);
	col_widths(t, tb->w, colx);
	size_t total = 0;
	for (size_t r = 0; r < nr; r++)
		total += t->rows[r].ncells;
	tb->cells = arena_array(a, total ? total : 1, sizeof *tb->cells);
	tb->row_c0 = arena_array(a, nr + 1, sizeof *tb->row_c0);
	size_t *busy = arena_array(a, nc, sizeof *busy);
	size_t *first_col = arena_array(a, total ? total : 1, sizeof *first_col);
	size_t *end_head = arena_array(a, nr, sizeof *end_head);
	size_t *span_end = arena_array(a, nr, sizeof *span_end);
	for (size_t r = 0; r < nr; r++) {
		end_head[r] = SIZE_MAX;
		span_end[r] = r;
	}

	/* 2. the grid, 3. the cells' lines */
	for (size_t r = 0; r < nr; r++) {
		tb->row_c0[r] = tb->ncells;
		size_t limit = r < tb->nheader ? tb->nheader : nr; /* rowspans end here */
		size_t c = 0;
		const ts_table_row *row = &t->rows[r];
		for (size_t i = 0; i < row->ncells; i++) {
			while (c < nc && busy[c] > r)
				c++;
			if (c >= nc) {
				diag *d = ts_engine_diag(e);
				if (d)
					MSG(TABLE_EXTRA_CELLS, d, NULL, 0, 0, r + 1, row->ncells - i);
				break;
			}
			const ts_table_cell *in = &row->cells[i];
			size_t cs = in->colspan > 1 ? (size_t)in->colspan : 1;
			size_t rs = in->rowspan > 1 ? (size_t)in->rowspan : 1;
			size_t k = 1;
			while (k < cs && c + k < nc && busy[c + k] <= r)
				k++;
			cs = k;
			if (rs > limit - r)
				rs = limit - r;
			for (k = 0; k < cs; k++)
				busy[c + k] = r + rs;
			tcell *cell = &tb->cells[tb->ncells];
			first_col[tb->ncells] = c;
			cell->row = r;
			cell->nrow = rs;
			cell->x = colx[c];
			cell->w = ts_clamp((int64_t)colx[c + cs] - colx[c]);
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
			ts_break(e, a, flow_doc(f)->arena, in->runs, in->nruns, &st, false, &cell->lines);
			ts_sp size, desc;
			ts_run_metrics(e, in->runs, in->nruns, &size, &cell->asc, &desc);
			cell->lead = t->leading > 0 ? t->leading : (ts_sp)((int64_t)size * 6 / 5);
			int64_t h = 2 * (int64_t)tb->pad;
			if (cell->lines.nlines)
				h += cell->asc + (int64_t)(cell->lines.nlines - 1) * cell->lead + desc;
			cell->h = ts_clamp(h);
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
			c += cs;
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
	flow_add_block(f, &tb->blk, false);
}

/* Heights of the header rows and of the first group after them. */
static int64_t
header_h(const fx_table *tb)
{
	return tb->top[tb->nheader];
}

static int64_t
group_h(const fx_table *tb, size_t g)
{
	return tb->top[tb->gend[g]] - tb->top[g];
}

static ts_sp
table_head(const ts_flow *f, const fx_blk *b)
{
	(void)f;
	const fx_table *tb = (const fx_table *)b;
	int64_t h = (int64_t)tb->before + tb->cap_h + header_h(tb);
	if (tb->nheader < tb->nrows)
		h += group_h(tb, tb->nheader);
	return ts_clamp(h);
}

/* Sets rows [r0, r1) with row r0's top edge at y; rule: a row rule above
 * r0 (a body group below another on the page; never inside a group, where
 * it would cross a cell spanning rows). */
static void
place_rows(ts_flow *f, const fx_table *tb, size_t r0, size_t r1, int64_t y, bool rule)
{
	ts_layout *doc = flow_doc(f);
	size_t page = flow_page(f);
	for (size_t r = r0; r < r1; r++) {
		int64_t ry = y + tb->top[r] - tb->top[r0];
		if (tb->row_rule && r == r0 && rule)
			ts_page_add_rule(doc, page, tb->x, ts_clamp(ry - tb->row_rule / 2), tb->w, tb->row_rule);
		for (size_t i = tb->row_c0[r]; i < tb->row_c0[r + 1]; i++) {
			const tcell *c = &tb->cells[i];
			if (!c->lines.nlines)
				continue;
			int64_t x = (int64_t)tb->x + c->x + tb->pad - c->shift;
			ts_layout_place_lines(doc, page, ts_clamp(x), ts_clamp(ry + tb->pad + c->asc),
			    &c->lines, c->lead);
			for (size_t k = 0; k < c->lines.nlines; k++) {
				ts_line_stat *st = &doc->stats[doc->nstats - c->lines.nlines + k];
				st->line = (int)k;
				st->nlines = (int)c->lines.nlines;
			}
		}
	}
	if (tb->header_rule && r0 == 0 && r1 >= tb->nheader && tb->nheader)
		ts_page_add_rule(doc, page, tb->x, ts_clamp(y + tb->top[tb->nheader] - tb->header_rule / 2),
		    tb->w, tb->header_rule);
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

static void
table_pour(ts_flow *f, fx_blk *b)
{
	const fx_table *tb = (const fx_table *)b;
	diag *d = ts_engine_diag(flow_engine(f));
	int64_t y = flow_block_top(f, tb->before);
	int64_t first = (int64_t)tb->cap_h + header_h(tb) +
	    (tb->nheader < tb->nrows ? group_h(tb, tb->nheader) : 0);
	if (y + first > flow_body_bottom(f) && !flow_fresh(f)) {
		flow_next_page(f);
		y = flow_block_top(f, tb->before);
	}
	if (tb->cap.nlines) {
		flow_block_done(f, ts_layout_place_lines(flow_doc(f), flow_page(f), tb->x,
		    ts_clamp(y + tb->cap_asc), &tb->cap, tb->cap_lead), 0);
		y += tb->cap_h;
	}
	int64_t part = y;
	if (tb->nheader) {
		place_rows(f, tb, 0, tb->nheader, y, false);
		y += header_h(tb);
	}
	bool rows_here = false;  /* body rows on this page */
	for (size_t g = tb->nheader; g < tb->nrows; g = tb->gend[g]) {
		int64_t h = group_h(tb, g);
		if (y + h > flow_body_bottom(f) && rows_here) {
			frame_part(f, tb, part, y);
			flow_next_page(f);
			y = part = flow_block_top(f, 0);
			if (tb->nheader) {
				place_rows(f, tb, 0, tb->nheader, y, false);
				y += header_h(tb);
			}
			rows_here = false;
		}
		if (y + h > flow_body_bottom(f) && d)
			MSG(TABLE_ROW_TOO_TALL, d, NULL, 0, 0, g + 1);
		place_rows(f, tb, g, tb->gend[g], y, rows_here);
		y += h;
		rows_here = true;
		flow_block_done(f, ts_clamp(y), 0);
	}
	frame_part(f, tb, part, y);
	flow_block_done(f, ts_clamp(y), tb->after);
}
