/* engine_int.h: what the engine's own files share beyond engine.h. Not for
 * other folders. */
#ifndef VORLAGE_ENGINE_INT_H
#define VORLAGE_ENGINE_INT_H

#include <stddef.h>

#include "engine.h"

/* engine_int.h: what the engine's own files (typeset.c, itemlist.c, lineset.c,
 * flow.c) share beyond engine.h. Not for other modules. */


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

/* typo.h: typographic rules on the text of a paragraph that decide where a
 * space must not break: "z. B.", "Dr. Name", "18. Oktober", "18. Wahlperiode",
 * "16.–18. April", "5 %". The source's text is never changed. */


/* text: a paragraph's whole text (UTF-8). Sets tie[i] = 1 for every byte i
 * that is an ASCII space which must not become a line break, 0 elsewhere. */
void typo_ties(const char *text, size_t len, const char *lang, unsigned char *tie);

/* The first size among the runs (10 pt when none) and the ascender and
 * descender (positive) of its face at it. */
void ts_run_metrics(const ts_engine *e, const ts_run *runs, size_t nruns, ts_sp *size,
    ts_sp *asc, ts_sp *desc);

#endif
