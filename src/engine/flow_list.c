/* flow_list.c: list items: a paragraph indented by its level, with a
 * hanging marker on the first line's baseline. The paragraph is broken and
 * page-broken as any other (flow.c); only its items move. A list's indent
 * is at least its widest marker and the gap, so that no marker ("100.",
 * "xviii.") runs into the item's first word. */
#include "flow_int.h"
#include "engine_int.h"

#include <string.h>

ts_sp
ts_flow_runs_width(const ts_flow *f, const ts_run *runs, size_t nruns)
{
	const ts_engine *e = flow_engine(f);
	int64_t w = 0;
	for (size_t i = 0; i < nruns; i++)
		if (runs[i].text)
			w += ts_text_width(e, runs[i].face, runs[i].size, runs[i].text, runs[i].len);
	return ts_clamp(w);
}

ts_sp
ts_flow_list_item(ts_flow *f, const ts_run *marker, size_t nmarker, const ts_run *text,
    size_t ntext, const ts_para_style *st, const ts_list_style *ls)
{
	int level = ls->level < 0 ? 0 : ls->level > 2 ? 2 : ls->level;
	ts_frame fr = flow_frame(f);
	int64_t step = ls->indent > 0 ? ls->indent : 0;
	if (step * 3 > fr.w / 2)  /* three levels leave the text half the frame */
		step = fr.w / 6;
	arena *a = flow_work(f);
	ts_lines ml = { 0 };
	if (nmarker) {
		ts_para_style ms;
		memset(&ms, 0, sizeof ms);
		ms.measure = fr.w;
		ms.align = TS_LEFT;
		ms.file = st->file;
		ms.line = st->line;
		ms.col = st->col;
		ts_break(flow_engine(f), a, flow_doc(f)->arena, marker, nmarker, &ms, false, &ml);
	}
	const ts_line *m = ml.nlines ? &ml.lines[0] : NULL;
	/* the marker's room: the list's widest marker (or this one) and the gap */
	int64_t widest = ls->marker_width > 0 ? ls->marker_width : 0;
	if (m && m->width > widest)
		widest = m->width;
	int64_t gap = ls->gap > 0 ? ls->gap : 0;
	if (nmarker && step < widest + gap)
		step = widest + gap;
	int64_t base = ls->outer > 0 ? ls->outer : step * level;
	ts_sp inset = ts_clamp(base + step);
	ts_lines *lines = flow_para_begin(f, text, ntext, st, inset);
	for (size_t i = 0; i < lines->nlines; i++)
		for (size_t k = 0; k < lines->lines[i].nitems; k++)
			lines->lines[i].items[k].x += inset;
	if (lines->nlines && m) {
		int64_t x = ls->marker_left ? base : (int64_t)inset - gap - m->width;
		if (x < 0)
			x = 0;
		ts_line *l0 = &lines->lines[0];
		ts_item *v = arena_array(a, l0->nitems + m->nitems, sizeof *v);
		/* the marker first: it is read first */
		for (size_t k = 0; k < m->nitems; k++) {
			v[k] = m->items[k];
			v[k].x = ts_clamp(v[k].x + x);
		}
		if (l0->nitems)
			memcpy(v + m->nitems, l0->items, l0->nitems * sizeof *v);
		l0->items = v;
		l0->nitems += m->nitems;
	}
	flow_para_end(f);
	return inset;
}
