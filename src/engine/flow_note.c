/* flow_note.c: footnotes. A paragraph's runs may mark notes (ts_run.note);
 * each note is broken into lines when its paragraph arrives, in the
 * document's arena (a note may continue pages later). The notes of the
 * lines placed on a page are listed with it and set at its bottom when the
 * page is left:
 *
 *   frame bottom - notes_h          new bottom of the body's text area
 *     gap / 2                        rule (rule_width × rule) centred here
 *   frame bottom - notes_h + gap    top of the first note line's slot
 *   every note line takes one leading of its note; its baseline is the
 *   slot's bottom - the note's descender; the last slot ends at the
 *   frame's bottom.
 *
 * Placing a line with marks needs room below it for the first two lines
 * (or all, when fewer) of each of its notes and of the notes of the lines
 * above it (notes_fit); when the line is placed, each note takes as many
 * lines as fit beyond what the later marks of the same lines reserve, and
 * the rest continues at the top of the next page's notes
 * (notes_page_start), before its own. So a note starts on the page of its
 * mark whenever at least its first line fits there, also after a note
 * split on that page; notes keep their order: once one waits whole for a
 * next page (no line of it fits), every later one waits behind it. Work is
 * linear in the marks and note lines. The page builder (flow.c) holds the
 * notes' state and calls these; they call nothing of it. */
#include "flow_int.h"
#include "engine_int.h"

#include <stdlib.h>
#include <string.h>

struct flow_notes {
	size_t n;
	size_t *line;       /* the line of the paragraph each mark is on, rising */
	note_piece *note;   /* the note's lines, whole */
};

void
notes_init(note_state *x, const ts_engine *e, ts_layout *doc, ts_frame frame)
{
	memset(x, 0, sizeof *x);
	x->e = e;
	x->doc = doc;
	x->frame = frame;
	notes_set_area(x, NULL);
}

void
notes_set_area(note_state *x, const ts_note_area *a)
{
	ts_frame fr = x->frame;
	ts_note_area v = { 0 };
	if (a)
		v = *a;
	if (v.rule_width <= 0)
		v.rule_width = fr.w / 3;
	if (v.rule <= 0)
		v.rule = TS_PT(0.4);
	if (v.gap <= 0)
		v.gap = TS_PT(12);
	if (v.max_height <= 0)
		v.max_height = fr.h / 2;
	x->area = v;
}

static void
push_piece(note_piece **v, size_t *n, size_t *cap, note_piece p)
{
	*v = xgrow(*v, cap, *n + 1, sizeof **v);
	(*v)[(*n)++] = p;
}

static note_piece
break_note(const note_state *x, const ts_note *nt)
{
	const ts_engine *e = x->e;
	ts_layout *doc = x->doc;
	ts_para_style st;
	memset(&st, 0, sizeof st);
	st.align = TS_JUSTIFY;
	st.hyphenate = true;
	if (nt->style)
		st = *nt->style;
	ts_frame fr = x->frame;
	if (st.measure <= 0 || st.measure > fr.w)
		st.measure = fr.w;
	st.keep_with_next = st.keep_together = false;
	ts_lines ls;
	ts_break(e, doc->arena, doc->arena, nt->runs, nt->nruns, &st, false, &ls);
	ts_sp size, asc, desc;
	ts_run_metrics(e, nt->runs, nt->nruns, &size, &asc, &desc);
	ts_sp lead = st.leading > 0 ? st.leading : (ts_sp)((int64_t)size * 6 / 5);
	return (note_piece){ .lines = ls.lines, .n = ls.nlines, .first = 0, .total = ls.nlines,
		.leading = lead, .desc = desc };
}

flow_notes *
notes_of(const note_state *x, arena *a, const ts_run *runs, size_t nruns, const ts_lines *lines)
{
	size_t n = 0;
	for (size_t r = 0; r < nruns; r++)
		n += runs[r].note != NULL;
	if (n == 0)
		return NULL;
	flow_notes *fn = arena_zalloc(a, sizeof *fn);
	fn->line = arena_array(a, n, sizeof *fn->line);
	fn->note = arena_array(a, n, sizeof *fn->note);
	/* the mark's byte offset in the paragraph's text against each line's
	 * first item: both rise, so one walk finds every mark's line */
	size_t off = 0, ln = 0;
	for (size_t r = 0; r < nruns; r++) {
		if (runs[r].note) {
			while (lines->text && ln + 1 < lines->nlines) {
				const ts_line *next = &lines->lines[ln + 1];
				if (next->nitems == 0) {
					ln++;
					continue;
				}
				size_t s = (size_t)(next->items[0].text - lines->text);
				if (s > off)
					break;
				ln++;
			}
			note_piece p = break_note(x, runs[r].note);
			if (p.n && lines->nlines) {
				fn->line[fn->n] = ln;
				fn->note[fn->n++] = p;
			}
		}
		off += runs[r].text ? runs[r].len : 0;
	}
	return fn->n ? fn : NULL;
}

/* What a note must have below its mark's line: its first two lines. */
static ts_sp
reserve(const note_piece *p)
{
	return (ts_sp)((p->n < 2 ? p->n : 2) * (int64_t)p->leading);
}

static size_t
first_at(const flow_notes *n, size_t from)
{
	size_t lo = 0, hi = n->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (n->line[mid] < from)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static ts_sp
frame_bottom(const note_state *x)
{
	return x->frame.y + x->frame.h;
}

/* Lines from baseline y0 on that end above the notes of height h. */
static size_t
lines_above(const note_state *x, int64_t h, ts_sp y0, int64_t lead, ts_sp desc)
{
	int64_t room = frame_bottom(x) - h - desc - y0;
	return room < 0 ? 0 : 1 + (size_t)(room / lead);
}

size_t
notes_fit(const note_state *x, const flow_notes *n, size_t from, size_t k, ts_sp y0,
    ts_sp leading, ts_sp desc)
{
	if (x->waiting)
		return k;  /* the notes wait behind one that waits whole */
	int64_t b = frame_bottom(x), h = x->notes_h;
	int64_t lead = leading > 0 ? leading : 1;
	for (size_t i = first_at(n, from); i < n->n && n->line[i] < from + k; i++) {
		size_t l = n->line[i] - from;
		int64_t hn = h + (h == 0 ? x->area.gap : 0) + reserve(&n->note[i]);
		if (hn > x->area.max_height || y0 + (int64_t)l * lead + desc > b - hn) {
			/* not this mark's line: of the lines above it, those that
			 * leave room for the notes of the marks before it */
			size_t fit = lines_above(x, h, y0, lead, desc);
			return fit < l ? fit : l;
		}
		h = hn;
	}
	size_t fit = lines_above(x, h, y0, lead, desc);
	return fit < k ? fit : k;
}

void
notes_placed(note_state *x, const flow_notes *n, size_t from, size_t m, ts_sp y, ts_sp desc)
{
	size_t i0 = first_at(n, from), i1 = first_at(n, from + m);
	int64_t later = 0;
	for (size_t i = i0; i < i1; i++)
		later += reserve(&n->note[i]);
	int64_t used = (int64_t)y + desc;
	for (size_t i = i0; i < i1; i++) {
		note_piece p = n->note[i];
		later -= reserve(&p);
		if (x->waiting) { /* keep the notes' order */
			push_piece(&x->carry, &x->ncarry, &x->carrycap, p);
			continue;
		}
		int64_t gap = x->npg ? 0 : x->area.gap;
		int64_t room = frame_bottom(x) - used - x->notes_h - gap - later;
		/* the area's cap too leaves the later marks their reserve */
		int64_t cap = (int64_t)x->area.max_height - x->notes_h - gap - later;
		if (room > cap)
			room = cap;
		size_t t = room > 0 ? (size_t)(room / (p.leading > 0 ? p.leading : 1)) : 0;
		if (t > p.n)
			t = p.n;
		if (t == 0) {
			push_piece(&x->carry, &x->ncarry, &x->carrycap, p);
			x->waiting = true;
			continue;
		}
		note_piece here = p, rest = p;
		here.n = t;
		push_piece(&x->pg, &x->npg, &x->pgcap, here);
		x->notes_h = ts_clamp(x->notes_h + gap + (int64_t)t * p.leading);
		if (t < p.n) {
			rest.lines += t;
			rest.n -= t;
			rest.first += t;
			push_piece(&x->carry, &x->ncarry, &x->carrycap, rest);
		}
	}
}

ts_sp
notes_height(const note_state *x)
{
	return x->notes_h;
}

void
notes_page_start(note_state *x)
{
	x->waiting = false;
	while (x->carry0 < x->ncarry) {
		note_piece *p = &x->carry[x->carry0];
		int64_t gap = x->npg ? 0 : x->area.gap;
		int64_t room = (int64_t)x->area.max_height - x->notes_h - gap;
		size_t t = room > 0 ? (size_t)(room / (p->leading > 0 ? p->leading : 1)) : 0;
		if (t > p->n)
			t = p->n;
		if (t == 0 && x->npg == 0)
			t = 1;  /* a page too small for the notes' area: one line goes on */
		if (t == 0)
			break;
		note_piece here = *p;
		here.n = t;
		push_piece(&x->pg, &x->npg, &x->pgcap, here);
		x->notes_h = ts_clamp(x->notes_h + gap + (int64_t)t * p->leading);
		if (t < p->n) {
			p->lines += t;
			p->n -= t;
			p->first += t;
			break;
		}
		x->carry0++;
	}
	/* what is left did not fit: the page's notes are full */
	x->waiting = x->carry0 < x->ncarry;
	if (x->carry0 == x->ncarry)
		x->carry0 = x->ncarry = 0;
}

bool
notes_pending(const note_state *x)
{
	return x->carry0 < x->ncarry;
}

void
notes_free(note_state *x)
{
	free(x->pg);
	free(x->carry);
}

void
notes_page_end(note_state *x, size_t page)
{
	if (x->npg == 0)
		return;
	ts_layout *doc = x->doc;
	ts_frame fr = x->frame;
	int64_t top = frame_bottom(x) - (int64_t)x->notes_h;
	ts_page_add_rule(doc, page, fr.x, ts_clamp(top + x->area.gap / 2 - x->area.rule / 2),
	    x->area.rule_width, x->area.rule);
	int64_t y = top + x->area.gap;
	for (size_t i = 0; i < x->npg; i++) {
		const note_piece *p = &x->pg[i];
		ts_lines part = { .lines = p->lines, .nlines = p->n };
		ts_layout_place_lines(doc, page, fr.x, ts_clamp(y + p->leading - p->desc), &part, p->leading);
		for (size_t k = 0; k < p->n; k++) {
			ts_line_stat *st = &doc->stats[doc->nstats - p->n + k];
			st->line = (int)(p->first + k);
			st->nlines = (int)p->total;
		}
		y += (int64_t)p->n * p->leading;
	}
	x->npg = 0;
	x->notes_h = 0;
}
