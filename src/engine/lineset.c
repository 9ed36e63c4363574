/* lineset.c: lines from the breaks the breaker chose: the glue of each line
 * stretched or shrunk to the measure, font expansion, positioned text items;
 * and ts_break, which runs the item-list builder, the breaker and this.
 *
 * Hyphenation is asked for only when it is needed: the item list is first
 * built without pattern points, which pass 1 never uses; only when pass 1
 * finds no breaks is it built again with them for passes 2 and 3. */
#include "lb_int.h"
#include "engine_int.h"
#include "base/base.h"

#include <stdlib.h>
#include <string.h>

static ts_item *
push_item(lb_itembuf *ib)
{
	ib->v = xgrow(ib->v, &ib->cap, ib->n + 1, sizeof *ib->v);
	ts_item *it = &ib->v[ib->n++];
	memset(it, 0, sizeof *it);
	return it;
}

/* The run that the byte at offset off of the paragraph's text belongs to:
 * the last one starting at or before off (the paragraph has runs). */
static const ts_run *
run_at(const lb_para *p, size_t off)
{
	size_t lo = 0, hi = p->nruns;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (p->rstart[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	return &p->runs[lo];
}

/* The tag of the run holding byte `at` of the paragraph's text. */
static int
run_tag(const lb_para *p, size_t at)
{
	return p->nruns ? run_at(p, at)->tag : 0;
}

/* A width set with font expansion ex (per mille), rounded to nearest. */
static int64_t
scale_width(int64_t w, int ex)
{
	int64_t d = w * ex;
	return w + (d >= 0 ? d + 500 : d - 500) / 1000;
}

static int64_t
expanded(const lb_node *nd, int ex)
{
	return ex && !(nd->type == LB_BOX && nd->end == nd->start) ? scale_width(nd->width, ex)
								    : nd->width;
}

void
lb_set_line(const lb_para *p, arena *a, size_t from, size_t to, ts_line *ln, lb_itembuf *ib)
{
	static const char hyphen[] = "-";
	const lb_list *l = &p->l;
	lb_fit lf = lb_measure(l, from, to);
	size_t s = lb_line_start(l, from);
	if (s > to)
		s = to;
	int64_t shortfall = l->measure - lf.natural;
	bool last = lf.fil > 0;
	int64_t amount = 0, total = 0;
	bool stretching = false;
	if (shortfall > 0 && !last && !p->ragged && lf.stretch > 0) {
		amount = shortfall;
		total = lf.stretch;
		stretching = true;
	} else if (shortfall < 0 && lf.shrink > 0) {
		amount = shortfall < -lf.shrink ? -lf.shrink : shortfall;
		total = lf.shrink;
	}
	/* Font expansion first: the line's adjustment ratio amount/total
	 * applied to the glyphs' share of the stretch (shrink), rounded to
	 * whole per mille; the glue then takes exactly what is left, so that
	 * a justified line fills the measure to the scaled point. */
	int ex = 0;
	const lb_node *bn = &l->nodes[to];
	bool hyph_added = bn->type == LB_PENALTY && bn->hyphen;
	if (p->expand && total > 0) {
		/* rounded to nearest when stretching; when shrinking rounded
		 * away from zero, so that the glue never has to shrink more
		 * than it can */
		int64_t e = amount * p->expand;
		e = (e >= 0 ? e + total / 2 : e - (total - 1)) / total;
		ex = (int)(e > p->expand ? p->expand : e < -p->expand ? -p->expand : e);
	}
	if (p->expand && total > 0) { /* also when ex rounded to 0: the glue takes it all */
		/* The glyphs' widths are rounded one by one: at full shrink the
		 * glue may have to take up to a scaled point per item more than
		 * its shrink; more than that it never takes. */
		int64_t fuzz = (int64_t)(to - s) + 1, glue;
		for (;;) {
			int64_t set = 0, gstretch = 0, gshrink = 0;
			for (size_t i = s; i < to; i++) {
				const lb_node *nd = &l->nodes[i];
				if (nd->type == LB_BOX || nd->type == LB_KERN)
					set += expanded(nd, ex);
				else if (nd->type == LB_GLUE) {
					set += nd->width;
					gstretch += nd->stretch;
					gshrink += nd->shrink;
				}
			}
			if (hyph_added)
				set += scale_width(bn->width, ex);
			/* rounding may turn a shrinking line into a stretching one */
			amount = l->measure - set;
			stretching = amount > 0;
			glue = stretching ? gstretch : gshrink;
			/* ex rounded up may widen the glyphs past the measure by
			 * up to half a per mille; where the glue cannot shrink
			 * that away (a line of letters only: a word broken by
			 * force), the expansion steps back */
			if (amount >= 0 || ex <= 0 || (glue > 0 && -amount <= glue + fuzz) ||
			    lf.natural > l->measure)
				break;
			ex--;
		}
		total = glue;
		if (glue == 0)
			amount = 0;
		else if (!stretching && -amount > glue + fuzz)
			amount = -glue;
	}
	ib->n = 0;
	int64_t x = 0, cum = 0, spaces = 0;
	int nspaces = 0;
	ts_item *cur = NULL;
	for (size_t i = s; i < to; i++) {
		const lb_node *nd = &l->nodes[i];
		switch (nd->type) {
		case LB_BOX:
			if (nd->end > nd->start) {
				const char *t = p->text + nd->start;
				int64_t w = expanded(nd, ex);
				const ts_run *run = run_at(p, nd->start);
				int tag = run->tag;
				if (cur && cur->text + cur->len == t && cur->face == (enum ts_face)nd->face &&
				    cur->size == nd->size && cur->link == run->link &&
				    cur->y == -run->rise && cur->tag == tag) {
					cur->len += nd->end - nd->start;
					cur->w = ts_clamp(cur->w + w);
				} else {
					cur = push_item(ib);
					cur->kind = TS_ITEM_TEXT;
					cur->x = ts_clamp(x);
					cur->face = (enum ts_face)nd->face;
					cur->size = nd->size;
					cur->text = t;
					cur->len = nd->end - nd->start;
					cur->w = ts_clamp(w);
					cur->expand = ex;
					cur->link = run->link;
					cur->y = -run->rise;
					cur->tag = tag;
					cur->src = run->src;
				}
			} else {
				cur = NULL;
			}
			x += expanded(nd, ex);
			break;
		case LB_KERN:
			cur = NULL;
			x += expanded(nd, ex);
			break;
		case LB_GLUE: {
			cur = NULL;
			int64_t w = nd->width;
			int64_t part = stretching ? nd->stretch : nd->shrink;
			if (total > 0 && part > 0) {
				int64_t before = amount * cum / total;
				cum += part;
				w += amount * cum / total - before;
			}
			if (nd->interword) {
				spaces += w;
				nspaces++;
				if (ib->n)
					ib->v[ib->n - 1].flags |= TS_ITEM_SPACE_AFTER;
			}
			x += w;
			break;
		}
		default:
			break;
		}
	}
	if (hyph_added) {
		const char *link = ib->n ? ib->v[ib->n - 1].link : NULL;
		const ts_srcpos *src = ib->n ? ib->v[ib->n - 1].src : NULL;
		ts_item *it = push_item(ib);
		it->link = link;
		it->src = src;
		it->kind = TS_ITEM_TEXT;
		it->x = ts_clamp(x);
		it->face = (enum ts_face)bn->face;
		it->size = bn->size;
		it->text = hyphen;
		it->len = 1;
		it->w = ts_clamp(scale_width(bn->width, ex));
		it->expand = ex;
		it->tag = ib->n > 1 ? ib->v[ib->n - 2].tag : run_tag(p, s < to ? l->nodes[s].start : 0);
		it->flags = TS_ITEM_ADDED_HYPHEN;
		x += it->w;
	}
	/* the end of a line is a word space, unless a word goes on in the next */
	bool hyphen_break = bn->type == LB_PENALTY && bn->flagged;
	if (ib->n && !hyphen_break)
		ib->v[ib->n - 1].flags |= TS_ITEM_SPACE_AFTER;
	ts_sp off = 0;
	if (x < l->measure) {
		if (p->st->align == TS_RIGHT)
			off = (ts_sp)(l->measure - x);
		else if (p->st->align == TS_CENTER)
			off = (ts_sp)((l->measure - x) / 2);
	}
	for (size_t k = 0; k < ib->n; k++)
		ib->v[k].x += off;
	ln->items = ib->n ? arena_array(a, ib->n, sizeof *ln->items) : NULL;
	if (ib->n)
		memcpy(ln->items, ib->v, ib->n * sizeof *ln->items);
	ln->nitems = ib->n;
	ln->natural = ts_clamp(lf.natural);
	ln->width = ts_clamp(x);
	ln->measure = (ts_sp)l->measure;
	ln->space = nspaces ? ts_clamp(spaces / nspaces) : 0;
	ln->size = p->size;
	ln->nspaces = nspaces;
	ln->expand = ex;
	ln->justified = !p->ragged && !last;
	ln->hyphenated = bn->type == LB_PENALTY && bn->flagged;
	ln->overfull = x > l->measure;
}

/* A word wider than the line broken by force in the emergency pass: said
 * once per paragraph, at the paragraph's source position when the caller
 * gave one, else at its run's. */
static void
warn_forced(const lb_para *p, const lb_breaks *br)
{
	diag *d = ts_engine_diag(p->e);
	const lb_list *l = &p->l;
	for (size_t i = 0; d && i < br->n; i++) {
		size_t b = br->pos[i];
		const lb_node *nd = &l->nodes[b];
		if (nd->type != LB_PENALTY || nd->pass != 3 || !nd->flagged || b == 0)
			continue;
		size_t at = l->nodes[b - 1].end, s = at, e = at;
		while (s > 0 && !utf8_is_space((unsigned char)p->text[s - 1]))
			s--;
		while (e < p->len && !utf8_is_space((unsigned char)p->text[e]))
			e++;
		int shown = 0; /* at most 24 bytes of the word, whole characters */
		for (size_t k = s; k < e && k - s < 24;) {
			utf8_next(p->text, e, &k);
			if (k - s <= 24)
				shown = (int)(k - s);
		}
		const ts_para_style *st = p->st;
		const char *more = e - s > (size_t)shown ? "…" : "";
		/* the paragraph's place, else the word's run's */
		const ts_srcpos *src = p->nruns ? run_at(p, s)->src : NULL;
		const char *file = st->file;
		unsigned line = st->line, col = st->col;
		if (!file && src) {
			file = src->file;
			line = src->line;
			col = src->col;
		}
		MSG(WORD_TOO_WIDE, d, file, line, col, shown, p->text + s, more);
		return;
	}
}

void
ts_break(const ts_engine *e, arena *lines_arena, arena *text_arena, const ts_run *runs,
    size_t nruns, const ts_para_style *st, bool greedy, ts_lines *out)
{
	memset(out, 0, sizeof *out);
	out->pass = greedy ? 0 : 1;
	lb_para p;
	if (!lb_para_init(&p, e, text_arena, runs, nruns, st))
		return;
	/* Pass 1 never breaks at pattern points, and without font expansion
	 * they change nothing else (with it, each box's expansion is rounded
	 * on its own, and pattern points split boxes): such a paragraph is
	 * first built without asking libhyphen, and again with its points
	 * only when pass 1 fails. */
	bool lazy = !greedy && p.expand == 0;
	if (!lb_para_items(&p, !lazy)) {
		lb_para_free(&p);
		return;
	}
	lb_breaks br;
	if (greedy) {
		lb_first_fit(&p.l, &br);
	} else if (!lazy || !lb_total_fit(&p.l, 1, &br)) {
		if (lazy && st->hyphenate)
			lb_para_items(&p, true);
		lb_break(&p.l, lazy ? 2 : 1, &br);
	}
	out->pass = br.pass ? br.pass : out->pass;
	if (br.pass == 3)
		warn_forced(&p, &br);
	out->lines = arena_array(lines_arena, br.n, sizeof *out->lines);
	out->nlines = br.n;
	out->demerits = (long)br.demerits;
	out->text = p.text;
	lb_itembuf ib = { NULL, 0, 0 };
	size_t from = SIZE_MAX;
	for (size_t i = 0; i < br.n; i++) {
		lb_set_line(&p, lines_arena, from, br.pos[i], &out->lines[i], &ib);
		from = br.pos[i];
	}
	free(ib.v);
	lb_breaks_free(&br);
	lb_para_free(&p);
}

void
ts_para_break(const ts_engine *e, arena *a, const ts_run *runs, size_t nruns,
    const ts_para_style *st, ts_lines *out)
{
	ts_break(e, a, a, runs, nruns, st, false, out);
}

void
ts_para_break_greedy(const ts_engine *e, arena *a, const ts_run *runs, size_t nruns,
    const ts_para_style *st, ts_lines *out)
{
	ts_break(e, a, a, runs, nruns, st, true, out);
}
