/* flow_figure.c: figures, and floating them. A figure is its image and its
 * caption below, never split, and never taller than the frame (the image
 * scaled down; a caption that leaves it no room is an error). Where it fits on the current page it is
 * placed at once; else it waits, and the text after it goes on filling the
 * page, until the next page starts: then the waiting figures are set at
 * its top, in order, as many as fit above the notes continued onto it (at
 * least one on an empty page without notes). A
 * figure arriving while others wait waits behind them. The figure's
 * memory is the document's arena: it may outlive the pour of its block. */
#include "flow_int.h"
#include "engine_int.h"

#include <stdlib.h>
#include <string.h>

typedef struct fx_figure fx_figure;

/* The figures of a flow waiting for the next page: [fl0, nfl). */
typedef struct fig_floats {
	fx_figure **fl;
	size_t fl0, nfl, flcap;
} fig_floats;

static void figure_pour(ts_flow *f, fx_blk *b);
static ts_sp figure_head(const ts_flow *f, const fx_blk *b);
static void floats_page_start(ts_flow *f, void *state);
static bool floats_pending(const void *state);
static void floats_free(void *state);
static const fx_ops figure_ops = {
	.pour = figure_pour, .head = figure_head,
	.page_start = floats_page_start, .pending = floats_pending, .finish = floats_free,
};

struct fx_figure {
	fx_blk blk;
	const char *path;
	int tag;                   /* the image's node */
	ts_sp w, h;                /* as set */
	ts_lines cap;              /* the caption's lines */
	ts_sp cap_lead, cap_asc, cap_desc, cap_gap;
	ts_sp before, after;
};

/* The figure's height: image, gap, caption to its last descender. */
static ts_sp
fig_height(const fx_figure *g)
{
	int64_t h = g->h;
	if (g->cap.nlines)
		h += g->cap_gap + g->cap_asc + (int64_t)(g->cap.nlines - 1) * g->cap_lead + g->cap_desc;
	return ts_clamp(h);
}

/* The smallest share of the frame's height a figure's image is scaled down
 * to, to leave its caption room: an eighth (3 cm of the Landtag's text
 * area), or the image's own height when that is less. */
enum { FIG_MIN_SHARE = 8 };

/* CAPTION_TOO_TALL at the caption's first run with a place in the source. */
static void
caption_too_tall(const ts_engine *e, const ts_figure *fig, int64_t cap, int64_t least, ts_sp frame_h)
{
	diag *d = ts_engine_diag(e);
	if (!d)
		return;
	const ts_srcpos *at = NULL;
	for (size_t i = 0; i < fig->ncaption && !at; i++)
		if (fig->caption[i].src && fig->caption[i].src->file)
			at = fig->caption[i].src;
	MSG(CAPTION_TOO_TALL, d, at ? at->file : NULL, at ? at->line : 0, at ? at->col : 0,
	    ts_to_mm(ts_clamp(cap)), ts_to_mm(ts_clamp(least)), ts_to_mm(frame_h));
}

void
ts_flow_figure(ts_flow *f, const ts_figure *fig)
{
	ts_layout *doc = flow_doc(f);
	const ts_engine *e = flow_engine(f);
	ts_frame fr = flow_frame(f);
	fx_figure *g = arena_zalloc(doc->arena, sizeof *g);
	g->blk.ops = &figure_ops;
	g->path = arena_strdup(doc->arena, fig->path ? fig->path : "");
	g->tag = fig->tag;
	g->before = fig->space_before;
	g->after = fig->space_after;
	if (fig->ncaption) {
		ts_para_style st;
		memset(&st, 0, sizeof st);
		st.align = TS_LEFT;
		if (fig->caption_style)
			st = *fig->caption_style;
		if (st.measure <= 0 || st.measure > fr.w)
			st.measure = fr.w;
		ts_break(e, doc->arena, doc->arena, fig->caption, fig->ncaption, &st, false, &g->cap);
		ts_sp size;
		ts_run_metrics(e, fig->caption, fig->ncaption, &size, &g->cap_asc, &g->cap_desc);
		g->cap_lead = st.leading > 0 ? st.leading : (ts_sp)((int64_t)size * 6 / 5);
		g->cap_gap = fig->caption_gap;
		if (g->cap.nlines == 0)
			g->cap_gap = 0;
	}
	/* scaled down, aspect kept, to the frame's width and to the height
	 * its caption leaves of the frame: image and caption always fit on a
	 * page. A caption so tall that the image would have to shrink below
	 * 1/FIG_MIN_SHARE of the frame (or below its own height, when smaller)
	 * is an error: the figure would run off the page. */
	int64_t w = fig->width > 0 ? fig->width : 1, h = fig->height > 0 ? fig->height : 1;
	if (w > fr.w) {
		h = h * fr.w / w;
		w = fr.w;
	}
	int64_t cap = fig_height(g) - g->h; /* g->h is 0 yet */
	int64_t maxh = (int64_t)fr.h - cap;
	int64_t least = h < fr.h / FIG_MIN_SHARE ? h : fr.h / FIG_MIN_SHARE;
	if (least < 1)
		least = 1;
	if (maxh < least) {
		caption_too_tall(e, fig, cap, least, fr.h);
		maxh = least; /* laid out all the same: the layout is refused */
	}
	if (h > maxh) {
		w = w * maxh / h;
		h = maxh;
	}
	g->w = ts_clamp(w > 0 ? w : 1);
	g->h = ts_clamp(h > 0 ? h : 1);
	flow_add_block(f, &g->blk, false);
}

static ts_sp
figure_head(const ts_flow *f, const fx_blk *b)
{
	(void)f;
	const fx_figure *g = (const fx_figure *)b;
	return ts_clamp((int64_t)g->before + fig_height(g));
}

/* Sets the figure with its top edge at top, centred in the frame. */
static void
place_figure(ts_flow *f, const fx_figure *g, ts_sp top)
{
	ts_layout *doc = flow_doc(f);
	ts_frame fr = flow_frame(f);
	size_t page = flow_page(f);
	ts_item *it = ts_page_add(doc, page);
	it->kind = TS_ITEM_IMAGE;
	it->x = ts_clamp(fr.x + ((int64_t)fr.w - g->w) / 2);
	it->y = top;
	it->w = g->w;
	it->h = g->h;
	it->text = g->path;
	it->len = strlen(g->path);
	it->tag = g->tag;
	ts_layout_placed(doc, page, it);
	ts_sp end = ts_clamp((int64_t)top + g->h);
	if (g->cap.nlines) {
		ts_sp base = ts_clamp((int64_t)end + g->cap_gap + g->cap_asc);
		end = ts_layout_place_lines(doc, page, fr.x, base, &g->cap, g->cap_lead);
		for (size_t k = 0; k < g->cap.nlines; k++) {
			ts_line_stat *st = &doc->stats[doc->nstats - g->cap.nlines + k];
			st->line = (int)k;
			st->nlines = (int)g->cap.nlines;
		}
	}
	flow_block_done(f, end, g->after);
}

/* Whether the figure goes here with its top edge at top: above the page's
 * notes (those continued onto it are set first, notes_page_start); on an
 * empty page without notes whole, however tall. An empty page with
 * notes is no exception: the figure would be drawn over them, so it waits
 * for the next page. */
static bool
figure_fits(const ts_flow *f, const fx_figure *g, ts_sp top)
{
	ts_frame fr = flow_frame(f);
	ts_sp body = flow_body_bottom(f);
	if ((int64_t)top + fig_height(g) <= body)
		return true;
	return flow_fresh(f) && (int64_t)body == (int64_t)fr.y + fr.h;
}

/* The floats of f, made when the first figure waits. */
static fig_floats *
floats_of(ts_flow *f)
{
	void **slot = flow_state(f, &figure_ops);
	if (!*slot)
		*slot = xcalloc(1, sizeof(fig_floats));
	return *slot;
}

static void
figure_pour(ts_flow *f, fx_blk *b)
{
	fx_figure *g = (fx_figure *)b;
	fig_floats *x = *flow_state(f, &figure_ops);
	if (!x || x->fl0 == x->nfl) {
		ts_sp top = flow_block_top(f, g->before);
		if (figure_fits(f, g, top)) {
			place_figure(f, g, top);
			return;
		}
	}
	x = floats_of(f);
	x->fl = xgrow(x->fl, &x->flcap, x->nfl + 1, sizeof(fx_figure *));
	x->fl[x->nfl++] = g;
}

/* On a new page: the waiting figures at its top, as many as fit. */
static void
floats_page_start(ts_flow *f, void *state)
{
	fig_floats *x = state;
	while (x->fl0 < x->nfl) {
		const fx_figure *g = x->fl[x->fl0];
		ts_sp top = flow_block_top(f, g->before);
		if (!figure_fits(f, g, top))
			break;
		place_figure(f, g, top);
		x->fl0++;
	}
	if (x->fl0 == x->nfl)
		x->fl0 = x->nfl = 0;
}

static bool
floats_pending(const void *state)
{
	const fig_floats *x = state;
	return x->fl0 < x->nfl;
}

static void
floats_free(void *state)
{
	fig_floats *x = state;
	free(x->fl);
	free(x);
}
