/* flow_list.c: list items: a paragraph indented by its level, with a
 * hanging marker on the first line's baseline. The paragraph is broken and
 * page-broken as any other (flow.c); only its items move. */
#include "flow_int.h"
#include "engine_int.h"

#include <string.h>

void
ts_flow_list_item(ts_flow *f, const ts_run *marker, size_t nmarker, const ts_run *text,
    size_t ntext, const ts_para_style *st, const ts_list_style *ls)
{
	int level = ls->level < 0 ? 0 : ls->level > 2 ? 2 : ls->level;
	ts_frame fr = flow_frame(f);
	int64_t step = ls->indent > 0 ? ls->indent : 0;
	if (step * 3 > fr.w / 2)  /* three levels leave the text half the frame */
		step = fr.w / 6;
	ts_sp inset = (ts_sp)(step * (level + 1));
	ts_lines *lines = flow_para_begin(f, text, ntext, st, inset);
	for (size_t i = 0; i < lines->nlines; i++)
		for (size_t k = 0; k < lines->lines[i].nitems; k++)
			lines->lines[i].items[k].x += inset;
	if (lines->nlines && nmarker) {
		ts_para_style ms;
		memset(&ms, 0, sizeof ms);
		ms.measure = fr.w;
		ms.align = TS_LEFT;
		ts_lines ml;
		arena *a = flow_work(f);
		ts_break(flow_engine(f), a, flow_doc(f)->arena, marker, nmarker, &ms, false, &ml);
		if (ml.nlines) {
			const ts_line *m = &ml.lines[0];
			int64_t x = ls->marker_left ? step * level : (int64_t)inset - ls->gap - m->width;
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
	}
	flow_para_end(f);
}
