/* flow_ext.c: the state the block types beyond paragraphs keep in a flow
 * (flow_int.h), and flow.c's calls into them: pouring a block, the height a
 * heading needs below it, the start and end of every page, the end of the
 * flow. */
#include "flow_int.h"

#include <stdlib.h>

struct flow_ext *
flow_ext(ts_flow *f)
{
	struct flow_ext **slot = flow_ext_slot(f);
	if (!*slot) {
		*slot = xcalloc(1, sizeof **slot);
		ts_flow_note_area(f, NULL);
	}
	return *slot;
}

void
flow_ext_pour(ts_flow *f, fx_blk *b)
{
	switch (b->kind) {
	case FX_TABLE:
		flow_table_pour(f, b);
		break;
	case FX_FIGURE:
		flow_figure_pour(f, b);
		break;
	}
}

ts_sp
flow_ext_head(const ts_flow *f, const fx_blk *b)
{
	switch (b->kind) {
	case FX_TABLE:
		return flow_table_head(f, b);
	case FX_FIGURE:
		return flow_figure_head(f, b);
	}
	return 0;
}

void
flow_ext_page_end(ts_flow *f)
{
	if (flow_ext_peek(f))
		flow_notes_page_end(f);
}

void
flow_ext_page_start(ts_flow *f)
{
	if (!flow_ext_peek(f))
		return;
	flow_notes_page_start(f);  /* first: they set the text area's bottom */
	flow_figure_page_start(f);
}

void
flow_ext_finish(ts_flow *f)
{
	struct flow_ext *x = *flow_ext_slot(f);
	if (!x)
		return;
	/* each new page takes at least one float or one line of a note */
	while (x->fl0 < x->nfl || x->carry0 < x->ncarry)
		flow_next_page(f);
	flow_notes_page_end(f);
	free(x->pg);
	free(x->carry);
	free(x->fl);
	free(x);
	*flow_ext_slot(f) = NULL;
}
