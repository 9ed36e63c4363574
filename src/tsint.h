/* tsint.h: what the engine's own files (typeset.c, itemlist.c, lineset.c,
 * flow.c) share beyond typeset.h. Not for other modules. */
#ifndef VORLAGE_TSINT_H
#define VORLAGE_TSINT_H

#include "typeset.h"

/* v saturated at the range of ts_sp. */
static inline ts_sp
ts_clamp(int64_t v)
{
	return v > INT32_MAX ? INT32_MAX : v < INT32_MIN ? INT32_MIN : (ts_sp)v;
}

const hyph *ts_engine_hyph(const ts_engine *e);
diag *ts_engine_diag(const ts_engine *e); /* may be NULL */
/* units * size / upm in int64, truncated: the one width formula (saturated
 * at the range of ts_sp: a hostile font's advance at 1000 pt exceeds it). */
ts_sp ts_units(const ts_font *f, int units, ts_sp size);

/* Line breaking with two arenas: line and item arrays from lines_arena, the
 * paragraph's text (which the items point into) from text_arena. */
void ts_break(const ts_engine *e, arena *lines_arena, arena *text_arena,
    const ts_run *runs, size_t nruns, const ts_para_style *st, bool greedy,
    ts_lines *out);

#endif
