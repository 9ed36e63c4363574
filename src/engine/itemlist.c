/* itemlist.c: a paragraph of styled runs into the item list of the line
 * breaker (lb_int.h): boxes, glue, kerns and penalties, as in "Breaking
 * Paragraphs into Lines" (Knuth & Plass 1981) and TeX's §813-890.
 *
 * - every word is one or more boxes (a new box at a change of face or size,
 *   around a soft hyphen, and at every nonzero kerning pair: the pair's
 *   kern is a kern item between the two boxes, so that each output text
 *   item is drawn without kerning at its own x);
 * - an inter-word space is glue of the space glyph's advance w in the face
 *   and size of the run it is in, stretch w/2, shrink w/2, or w * 2/5 and
 *   w/4 with font expansion (chosen by `make bench` on the report's
 *   paragraphs; see PARAMETERS below); no extra
 *   space after a full stop (\frenchspacing);
 * - with font expansion (ts_para_style.expand, pdfTeX's \pdfadjustspacing)
 *   every glyph box and kern of a justified line also stretches and shrinks
 *   by up to expand per mille of its width; a line's expansion is its
 *   adjustment ratio times the limit, in whole per mille, the same for all
 *   its glyphs, and the glue takes the rest (lineset.c);
 * - a space that typo_ties() marks, or U+00A0, is the same glue preceded by
 *   an infinite penalty: it stretches like the others but never breaks;
 * - a hyphenation point (hyph_token) is a flagged penalty: HYPH_ADD with the
 *   width of a hyphen and \hyphenpenalty, HYPH_EXPLICIT (after '-', '/', '–')
 *   of width 0 with \exhyphenpenalty; pattern points are legal from pass 2;
 * - the end: \penalty10000 \hskip 0pt plus 1fil (\parfillskip) \penalty-10000.
 * Ragged settings (TS_LEFT, TS_RIGHT, TS_CENTER) follow \raggedright: fixed
 * inter-word spaces, and stretch of RAGGED_STRETCH at the ragged side(s) of
 * every line, so total fit still evens out the line ends.
 *
 * A word wider than the measure, and a group of tied words wider than it,
 * get extra breaks legal in the emergency pass only (after every character
 * of the word; at the ties of the group), so that no line runs off the
 * page. */
#include "lb_int.h"
#include "engine_int.h"
#include "base/base.h"

#include <stdlib.h>
#include <string.h>

/* PARAMETERS (TeX names; values in TeX's units). Overridable with -D for
 * tuning runs of `make bench`; the defaults are what the bench chose. */
#ifndef HYPHEN_PENALTY
#define HYPHEN_PENALTY 50          /* \hyphenpenalty */
#endif
#ifndef HYPHEN_PENALTY_RAGGED
#define HYPHEN_PENALTY_RAGGED 200
#endif
#ifndef EX_HYPHEN_PENALTY
#define EX_HYPHEN_PENALTY 50       /* \exhyphenpenalty */
#endif
/* Inter-word glue as fractions of the space glyph's advance. Without font
 * expansion: stretch 1/2, shrink 1/2 (TeX's cmr has 1/2 and 1/3; 1/3
 * pushed the widest space past 0.45 em). With font expansion the glyphs
 * take part of every adjustment, so the spaces can be stiffer: on the
 * report's paragraphs at 165 mm and 2 % expansion (the templates'), 2/5
 * and 1/4 give a standard deviation of the spaces of 0.040 em (TeX: 0.062)
 * with 48 hyphenated lines of 262; without expansion 1/2 and 1/2 give
 * 0.066 em with 64 (`make bench`). */
#ifndef STRETCH_NUM
#define STRETCH_NUM 1
#define STRETCH_DEN 2
#endif
#ifndef SHRINK_NUM
#define SHRINK_NUM 1
#define SHRINK_DEN 2
#endif
#ifndef XSTRETCH_NUM
#define XSTRETCH_NUM 2
#define XSTRETCH_DEN 5
#endif
#ifndef XSHRINK_NUM
#define XSHRINK_NUM 1
#define XSHRINK_DEN 4
#endif
/* in quarter ems of the paragraph's first size */
/* Ragged settings: the stretch at the ragged side. TeX's ragged2e uses
 * 2 em; with German compounds longer than that, lines then cannot end short
 * without hyphenation and every other line is hyphenated (51 of 296 in the
 * DIN 5008 template's report). At 6 em total fit still evens out the rag
 * and hyphenates 7 of 300. */
#ifndef RAGGED_STRETCH_Q
#define RAGGED_STRETCH_Q 24        /* 6 em */
#endif
#ifndef EMERGENCY_STRETCH_Q
#define EMERGENCY_STRETCH_Q 12     /* 3 em */
#endif

lb_node *
lb_add(lb_list *l, enum lb_type type)
{
	l->nodes = xgrow(l->nodes, &l->cap, l->n + 1, sizeof *l->nodes);
	lb_node *nd = &l->nodes[l->n++];
	memset(nd, 0, sizeof *nd);
	nd->type = (uint8_t)type;
	return nd;
}

static void
free_index(lb_list *l)
{
	free(l->W);
	free(l->Y);
	free(l->Z);
	free(l->F);
	free(l->next_box);
	l->W = l->Y = l->Z = l->F = NULL;
	l->next_box = NULL;
}

void
lb_index(lb_list *l)
{
	size_t n = l->n;
	free_index(l);
	l->W = xmalloc((n + 1) * sizeof *l->W);
	l->Y = xmalloc((n + 1) * sizeof *l->Y);
	l->Z = xmalloc((n + 1) * sizeof *l->Z);
	l->F = xmalloc((n + 1) * sizeof *l->F);
	l->next_box = xmalloc((n + 1) * sizeof *l->next_box);
	l->W[0] = l->Y[0] = l->Z[0] = l->F[0] = 0;
	for (size_t i = 0; i < n; i++) {
		const lb_node *nd = &l->nodes[i];
		l->W[i + 1] = l->W[i] + (nd->type == LB_PENALTY ? 0 : nd->width);
		l->Y[i + 1] = l->Y[i] + nd->stretch;
		l->Z[i + 1] = l->Z[i] + nd->shrink;
		l->F[i + 1] = l->F[i] + nd->fil;
	}
	l->next_box[n] = n;
	for (size_t i = n; i-- > 0;)
		l->next_box[i] = l->nodes[i].type == LB_BOX ? i : l->next_box[i + 1];
}

void
lb_finish(lb_list *l)
{
	lb_add(l, LB_PENALTY)->penalty = LB_INF_PENALTY;
	lb_add(l, LB_GLUE)->fil = 1;
	lb_add(l, LB_PENALTY)->penalty = LB_EJECT_PENALTY;
	lb_index(l);
}

void
lb_list_free(lb_list *l)
{
	free(l->nodes);
	free_index(l);
	l->nodes = NULL;
	l->n = l->cap = 0;
}

/* Length of a U+00A0 at text[i] (2) or 0. */
static size_t
nbsp_at(const char *t, size_t len, size_t i)
{
	return i + 1 < len && (unsigned char)t[i] == 0xC2 && (unsigned char)t[i + 1] == 0xA0 ? 2 : 0;
}

static int64_t
glyph_width(const ts_font *f, uint16_t g, ts_sp size)
{
	return ts_units(f, font_advance(f, g), size);
}

static int64_t
char_width(const ts_engine *e, enum ts_face face, ts_sp size, uint32_t cp)
{
	const ts_font *f = ts_engine_font(e, face);
	return glyph_width(f, font_glyph(f, cp), size);
}

static enum ts_face
run_face(const ts_run *r)
{
	return (int)r->face < 0 || r->face >= TS_NFACES ? TS_REGULAR : r->face;
}

/* Break points of a token when there is no hyphenator: after soft hyphens,
 * and after a hyphen or dash between two letters. */
static size_t
fallback_points(const char *tok, size_t len, hyph_point *out, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < len && n < max;) {
		size_t k = i;
		uint32_t cp = utf8_next(tok, len, &i);
		if (cp == 0xAD && k > 0 && i < len) {
			out[n++] = (hyph_point){ .offset = (uint32_t)i, .kind = HYPH_ADD };
		} else if ((cp == '-' || cp == 0x2010 || cp == 0x2013) && k > 0 && i < len) {
			size_t p = k - 1, j = i;
			while (p > 0 && ((unsigned char)tok[p] & 0xC0) == 0x80)
				p--;
			uint32_t before = utf8_next(tok, k, &p), after = utf8_next(tok, len, &j);
			if (utf8_is_letter(before) && utf8_is_letter(after))
				out[n++] = (hyph_point){ .offset = (uint32_t)i, .kind = HYPH_EXPLICIT };
		}
	}
	return n;
}

/* A flagged penalty that adds a hyphen in face and size, legal from pass. */
static void
add_hyphen(lb_para *p, int pass, int penalty, bool add, uint8_t face, ts_sp size)
{
	lb_node *pn = lb_add(&p->l, LB_PENALTY);
	pn->flagged = 1;
	pn->hyphen = add;
	pn->pass = (uint8_t)pass;
	pn->penalty = penalty;
	pn->face = face;
	pn->size = size;
	pn->width = add ? char_width(p->e, (enum ts_face)face, size, '-') : 0;
}

/* A token wider than the measure (a word of thousands of letters, a long
 * URL) can never fit on a line. So that no line runs off the page, such a
 * token may break after any character in the emergency pass (pass 3),
 * with a hyphen; the other passes never see these breaks. */
static void
split_wide_token(lb_para *p, size_t t0)
{
	lb_list *l = &p->l;
	int64_t w = 0;
	for (size_t i = t0; i < l->n; i++)
		if (l->nodes[i].type == LB_BOX || l->nodes[i].type == LB_KERN)
			w += l->nodes[i].width;
	if (w <= l->measure)
		return;
	size_t n = l->n - t0;
	lb_node *old = xmalloc(n * sizeof *old);
	memcpy(old, l->nodes + t0, n * sizeof *old);
	l->n = t0;
	for (size_t i = 0; i < n; i++) {
		const lb_node *o = &old[i];
		if (o->type != LB_BOX || o->end <= o->start) {
			*lb_add(l, (enum lb_type)o->type) = *o;
			continue;
		}
		const ts_font *f = ts_engine_font(p->e, (enum ts_face)o->face);
		size_t k = o->start;
		while (k < o->end) {
			size_t c0 = k;
			uint32_t cp = utf8_next(p->text, o->end, &k);
			lb_node *b = lb_add(l, LB_BOX);
			*b = *o;
			b->start = (uint32_t)c0;
			b->end = (uint32_t)k;
			b->width = glyph_width(f, font_glyph(f, cp), o->size);
			if (k < o->end)
				add_hyphen(p, 3, l->hyphen_penalty, true, o->face, o->size);
		}
	}
	free(old);
}

/* Boxes, kerns and penalties of one token text[ts, te). */
static void
add_token(lb_para *p, size_t ts, size_t te, hyph_point *pts)
{
	lb_list *l = &p->l;
	size_t t0 = l->n;
	const ts_run *runs = p->runs;
	/* the run holding ts: the last starting at or before it, by bisection
	 * (counted from the first run, 20 000 notes in one paragraph took
	 * seconds) */
	size_t r = 0, hi = p->nruns;
	while (hi - r > 1) {
		size_t mid = r + (hi - r) / 2;
		if (p->rstart[mid] <= ts)
			r = mid;
		else
			hi = mid;
	}
	const char *lang = runs[r].lang ? runs[r].lang : "de";
	const hyph *h = ts_engine_hyph(p->e);
	/* pattern points become breaks only when the style hyphenates */
	size_t npts = !h ? fallback_points(p->text + ts, te - ts, pts, te - ts + 1)
	    : p->patterns ? hyph_token(h, lang, p->text + ts, te - ts, pts, te - ts + 1)
			  : hyph_token_explicit(h, lang, p->text + ts, te - ts, pts, te - ts + 1);
	size_t pi = 0;

	bool open = false, have_prev = false;
	uint16_t prev = 0;
	enum ts_face pface = TS_REGULAR;
	ts_sp psize = 0;
	lb_node *box = NULL;
	for (size_t i = ts; i < te;) {
		while (r + 1 < p->nruns && p->rstart[r + 1] <= i)
			r++;
		enum ts_face face = run_face(&runs[r]);
		ts_sp size = runs[r].size;
		while (pi < npts && ts + pts[pi].offset < i)
			pi++; /* not in increasing order: ignore */
		if (pi < npts && ts + pts[pi].offset == i) {
			bool soft = i >= ts + 2 && (unsigned char)p->text[i - 2] == 0xC2 &&
			    (unsigned char)p->text[i - 1] == 0xAD;
			bool add = pts[pi].kind == HYPH_ADD;
			if (!add || soft || p->st->hyphenate) {
				open = false;
				add_hyphen(p, add && !soft ? 2 : 1,
				    add ? l->hyphen_penalty : EX_HYPHEN_PENALTY, add,
				    (uint8_t)(have_prev ? pface : face), have_prev ? psize : size);
			}
			pi++;
		}
		size_t k = i;
		uint32_t cp = utf8_next(p->text, p->len, &i);
		if (i > te)
			i = te;
		if (cp == 0xAD) { /* invisible: not in any box */
			open = false;
			continue;
		}
		const ts_font *f = ts_engine_font(p->e, face);
		uint16_t g = font_glyph(f, cp);
		if (have_prev && pface == face && psize == size) {
			ts_sp kern = ts_units(f, font_kern(f, prev, g), size);
			if (kern != 0) {
				open = false;
				lb_add(l, LB_KERN)->width = kern;
			}
		}
		if (open && (box->face != face || box->size != size))
			open = false;
		/* a link, a raised mark, a note reference: items of their own */
		if (open && r > 0 && p->rstart[r] == k &&
		    (runs[r].link != runs[r - 1].link || runs[r].rise != runs[r - 1].rise ||
			runs[r].note || runs[r - 1].note))
			open = false;
		if (!open) {
			box = lb_add(l, LB_BOX);
			box->start = (uint32_t)k;
			box->face = (uint8_t)face;
			box->size = size;
			open = true;
		}
		box->end = (uint32_t)i;
		box->width += glyph_width(f, g, size);
		prev = g;
		pface = face;
		psize = size;
		have_prev = true;
	}
	split_wide_token(p, t0);
}

/* A stretch between two break points that is wider than the measure (many
 * words tied by no-break spaces) gives way at its ties in the emergency
 * pass, as split_wide_token does for a single word, so that no line runs
 * off the page. The other passes keep the ties. */
static void
loosen_wide_ties(lb_list *l)
{
	size_t seg = 0;
	int64_t w = 0;
	for (size_t i = 0; i <= l->n; i++) {
		int pi;
		bool fl;
		if (i < l->n && !lb_legal_break(l, i, 2, &pi, &fl)) {
			const lb_node *nd = &l->nodes[i];
			if (nd->type != LB_PENALTY)
				w += nd->width;
			continue;
		}
		if (w > l->measure)
			for (size_t k = seg; k < i; k++) {
				lb_node *nd = &l->nodes[k];
				if (nd->type == LB_PENALTY && nd->penalty >= LB_INF_PENALTY &&
				    k + 1 < l->n && l->nodes[k + 1].type == LB_GLUE &&
				    l->nodes[k + 1].interword) {
					nd->penalty = l->hyphen_penalty;
					nd->pass = 3;
				}
			}
		seg = i + 1;
		w = 0;
	}
}

/* Inter-word glue in the face and size of run r, after a tie when tied. */
static void
add_space(lb_para *p, const ts_run *run, bool tied)
{
	enum ts_face face = run_face(run);
	int64_t w = char_width(p->e, face, run->size, ' ');
	if (tied)
		lb_add(&p->l, LB_PENALTY)->penalty = LB_INF_PENALTY;
	lb_node *g = lb_add(&p->l, LB_GLUE);
	g->width = w;
	g->interword = 1;
	g->face = (uint8_t)face;
	g->size = run->size;
	if (p->expand) {
		g->stretch = w * XSTRETCH_NUM / XSTRETCH_DEN;
		g->shrink = w * XSHRINK_NUM / XSHRINK_DEN;
	} else if (!p->ragged) {
		g->stretch = w * STRETCH_NUM / STRETCH_DEN;
		g->shrink = w * SHRINK_NUM / SHRINK_DEN;
	}
}

bool
lb_para_init(lb_para *p, const ts_engine *e, arena *text_arena, const ts_run *runs,
    size_t nruns, const ts_para_style *st)
{
	memset(p, 0, sizeof *p);
	if (!runs || nruns == 0)
		return false;
	p->e = e;
	p->st = st;
	p->runs = runs;
	p->nruns = nruns;
	p->l.measure = st->measure > 0 ? st->measure : 1;
	p->ragged = st->align != TS_JUSTIFY;
	p->l.hyphen_penalty = p->ragged ? HYPHEN_PENALTY_RAGGED : HYPHEN_PENALTY;
	p->expand = p->ragged || st->expand <= 0 ? 0 : st->expand > 100 ? 100 : st->expand;
	for (size_t r = 0; r < nruns && !p->size; r++)
		p->size = runs[r].size;
	int64_t em = p->size > 0 ? p->size : TS_UNIT * 10;
	p->l.bg_stretch = p->ragged ? em * RAGGED_STRETCH_Q / 4 : 0;
	p->l.emergency_stretch = em * EMERGENCY_STRETCH_Q / 4;

	size_t len = 0;
	for (size_t r = 0; r < nruns; r++)
		len += runs[r].text ? runs[r].len : 0;
	if (len > UINT32_MAX / 2)
		diag_oom();
	p->rstart = xmalloc((nruns + 1) * sizeof *p->rstart);
	char *text = arena_alloc(text_arena, len + 1);
	len = 0;
	for (size_t r = 0; r < nruns; r++) {
		p->rstart[r] = len;
		if (runs[r].text && runs[r].len) {
			memcpy(text + len, runs[r].text, runs[r].len);
			len += runs[r].len;
		}
	}
	p->rstart[nruns] = len;
	text[len] = '\0';
	p->text = text;
	p->len = len;
	return true;
}

bool
lb_para_items(lb_para *p, bool patterns)
{
	lb_list *l = &p->l;
	const char *text = p->text;
	size_t len = p->len;
	l->n = 0;
	p->patterns = patterns && p->st->hyphenate;
	unsigned char *tie = xcalloc(len + 1, 1);
	typo_ties(text, len, p->runs[0].lang ? p->runs[0].lang : "de", tie);
	hyph_point *pts = xmalloc((len + 1) * sizeof *pts);

	if (p->st->indent)
		lb_add(l, LB_BOX)->width = p->st->indent;
	bool boxes = false;
	size_t r = 0;
	for (size_t i = 0; i < len;) {
		while (r + 1 < p->nruns && p->rstart[r + 1] <= i)
			r++;
		if (utf8_is_space((unsigned char)text[i]) || nbsp_at(text, len, i)) {
			/* a run of spaces: one glue, tied if any of them is */
			size_t sr = r;
			bool tied = false;
			while (i < len) {
				size_t nb = nbsp_at(text, len, i);
				if (nb) {
					tied = true;
					i += nb;
				} else if (utf8_is_space((unsigned char)text[i])) {
					tied |= tie[i] != 0;
					i++;
				} else {
					break;
				}
			}
			if (boxes && i < len) /* not leading and trailing spaces */
				add_space(p, &p->runs[sr], tied);
			continue;
		}
		size_t ts = i;
		while (i < len && !utf8_is_space((unsigned char)text[i]) && !nbsp_at(text, len, i))
			i++;
		add_token(p, ts, i, pts);
		boxes = true;
	}
	free(pts);
	free(tie);
	if (!boxes)
		return false;
	loosen_wide_ties(l);
	/* font expansion: glyphs (and the kerns between them) may be set up
	 * to p->expand per mille wider or narrower, as pdfTeX's
	 * \pdfadjustspacing; an indent is no glyph */
	for (size_t i = 0; p->expand && i < l->n; i++) {
		lb_node *nd = &l->nodes[i];
		if ((nd->type == LB_BOX && nd->end > nd->start) || nd->type == LB_KERN)
			/* signed: a negative kern grows more negative as the glyphs widen */
			nd->stretch = nd->shrink = nd->width * p->expand / 1000;
	}
	lb_finish(l);
	return true;
}

void
lb_para_free(lb_para *p)
{
	lb_list_free(&p->l);
	free(p->rstart);
	p->rstart = NULL;
}
