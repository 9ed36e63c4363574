/* typeset.c: the engine: the four faces (read through the resource table
 * it borrows or owns), the hyphenator, and text widths.
 *
 * Widths are integers everywhere: a glyph of advance a font units set at
 * size s (scaled points) is a * s / upm scaled points, computed in int64 and
 * truncated per glyph; a kerning pair k is k * s / upm the same way; a text's
 * width is the sum of those. itemlist.c uses the same functions, so the
 * width of an item always equals the sum of the widths it was built from. */
#include "engine.h"
#include "engine_int.h"
#include "base/base.h"

#include <stdlib.h>

struct ts_engine {
	ts_font *fonts[TS_NFACES];
	bool owned[TS_NFACES];
	const hyph *h;
	diag *d;
	res_table *res;
	res_table *own_res;   /* res, when the engine made it */
};

ts_engine *
ts_engine_new(const char *const font_paths[TS_NFACES], res_table *res, const hyph *h, diag *d)
{
	if (!font_paths || !font_paths[TS_REGULAR]) {
		if (d)
			MSG(NO_REGULAR_FONT, d, NULL, 0, 0);
		return NULL;
	}
	ts_engine *e = xcalloc(1, sizeof *e);
	e->h = h;
	e->d = d;
	e->res = res ? res : (e->own_res = res_table_new());
	for (int i = 0; i < TS_NFACES; i++) {
		if (i != TS_REGULAR && !font_paths[i]) {
			e->fonts[i] = NULL; /* filled below with the regular face */
			continue;
		}
		e->fonts[i] = font_load_res(e->res, font_paths[i], d);
		if (!e->fonts[i]) {
			ts_engine_free(e);
			return NULL;
		}
		e->owned[i] = true;
	}
	for (int i = 0; i < TS_NFACES; i++)
		if (!e->fonts[i])
			e->fonts[i] = e->fonts[TS_REGULAR];
	return e;
}

void
ts_engine_free(ts_engine *e)
{
	if (!e)
		return;
	for (int i = 0; i < TS_NFACES; i++)
		if (e->owned[i])
			font_free(e->fonts[i]);
	res_table_free(e->own_res);
	free(e);
}

res_table *
ts_engine_res(const ts_engine *e)
{
	return e->res;
}

const ts_font *
ts_engine_font(const ts_engine *e, enum ts_face face)
{
	if ((int)face < 0 || face >= TS_NFACES)
		face = TS_REGULAR;
	return e->fonts[face];
}

const hyph *
ts_engine_hyph(const ts_engine *e)
{
	return e->h;
}

diag *
ts_engine_diag(const ts_engine *e)
{
	return e->d;
}

ts_sp
ts_units(const ts_font *f, int units, ts_sp size)
{
	int upm = font_units_per_em(f);
	if (upm <= 0)
		upm = 1000;
	int64_t v = (int64_t)units * size / upm; /* at most 2^16 * 2^31 / 16 */
	return ts_clamp(v);
}

ts_sp
ts_text_width(const ts_engine *e, enum ts_face face, ts_sp size, const char *s, size_t len)
{
	const ts_font *f = ts_engine_font(e, face);
	int64_t w = 0;
	uint16_t prev = 0;
	bool have_prev = false;
	for (size_t i = 0; i < len;) {
		uint32_t cp = utf8_next(s, len, &i);
		if (cp == 0xAD) /* a soft hyphen is invisible */
			continue;
		uint16_t g = font_glyph(f, cp);
		if (have_prev)
			w += ts_units(f, font_kern(f, prev, g), size);
		w += ts_units(f, font_advance(f, g), size);
		prev = g;
		have_prev = true;
	}
	return ts_clamp(w);
}

void
ts_run_metrics(const ts_engine *e, const ts_run *runs, size_t nruns, ts_sp *size,
    ts_sp *asc, ts_sp *desc)
{
	*size = TS_PT(10);
	enum ts_face face = TS_REGULAR;
	for (size_t i = 0; i < nruns; i++)
		if (runs[i].size > 0) {
			*size = runs[i].size;
			face = runs[i].face;
			break;
		}
	const ts_font *fo = ts_engine_font(e, face);
	*asc = ts_units(fo, font_ascender(fo), *size);
	*desc = -ts_units(fo, font_descender(fo), *size);
	if (*desc < 0)
		*desc = -*desc;
}
