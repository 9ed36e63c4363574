/* grid.c: the one rule that places a table's cells in its columns (base.h,
 * grid_): the check refuses what breaks it, the layout cuts what an
 * unchecked table breaks it with, so that what the check accepts the
 * layout places cell for cell. Linear: each cell looks at the columns it
 * takes and at the held ones it skips. */
#include "base.h"

void
grid_init(grid *g, size_t ncols, size_t *free_from)
{
	g->ncols = ncols;
	g->free_from = free_from;
	for (size_t c = 0; c < ncols; c++)
		free_from[c] = 0;
	g->end = SIZE_MAX;
	g->row = 0;
	g->col = 0;
}

void
grid_part(grid *g, size_t end)
{
	g->end = end;
}

void
grid_row(grid *g, size_t r)
{
	g->row = r;
	g->col = 0;
}

unsigned
grid_place(grid *g, int colspan, int rowspan, grid_cell *out)
{
	size_t r = g->row, c = g->col;
	size_t cs = colspan > 1 ? (size_t)colspan : 1, rs = rowspan > 1 ? (size_t)rowspan : 1;
	unsigned faults = 0;
	*out = (grid_cell){ .col = 0, .colspan = 0, .rowspan = 0, .want = cs, .held = SIZE_MAX };
	while (c < g->ncols && g->free_from[c] > r)
		c++;
	if (c >= g->ncols) {
		g->col = g->ncols;
		out->col = g->ncols;
		return GRID_NO_COLUMN;
	}
	size_t k = 1;
	while (k < cs && c + k < g->ncols && g->free_from[c + k] <= r)
		k++;
	if (k < cs) {
		if (c + k < g->ncols) {
			faults |= GRID_SPAN_HELD;
			out->held = c + k;
		} else {
			faults |= GRID_SPAN_RIGHT;
		}
	}
	size_t end = g->end > r ? g->end : r + 1;
	if (rs > end - r) {
		faults |= GRID_SPAN_BELOW;
		rs = end - r;
	}
	for (size_t i = 0; i < k; i++)
		g->free_from[c + i] = r + rs;
	out->col = c;
	out->colspan = k;
	out->rowspan = rs;
	g->col = c + k;
	return faults;
}

size_t
grid_row_filled(const grid *g)
{
	size_t n = 0;
	for (size_t c = 0; c < g->ncols; c++)
		n += g->free_from[c] > g->row;
	return n;
}
