/* linebreak.c: a paragraph of styled runs into lines: boxes, glue and
 * penalties, then Knuth-Plass total fit as in "Breaking Paragraphs into
 * Lines" (Knuth & Plass 1981) and TeX's §813-890, in integer arithmetic.
 *
 * The item list:
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
 *   its glyphs, and the glue takes the rest;
 * - a space that typo_ties() marks, or U+00A0, is the same glue preceded by
 *   an infinite penalty: it stretches like the others but never breaks;
 * - a hyphenation point (hyph_token) is a flagged penalty: HYPH_ADD with the
 *   width of a hyphen and \hyphenpenalty, HYPH_EXPLICIT (after '-', '/', '–')
 *   of width 0 with \exhyphenpenalty;
 * - the end: \penalty10000 \hskip 0pt plus 1fil (\parfillskip) \penalty-10000.
 * Ragged settings (TS_LEFT, TS_RIGHT, TS_CENTER) follow \raggedright: fixed
 * inter-word spaces, and stretch of RAGGED_STRETCH at the ragged side(s) of
 * every line, so total fit still evens out the line ends.
 *
 * Passes as TeX: 1: \pretolerance without pattern hyphenation (soft and
 * explicit hyphens count); 2: \tolerance with it; 3 (emergency): any
 * badness, \emergencystretch of background stretch, and an overfull line
 * only when nothing else is possible (TeX's "artificial demerits": an
 * unbreakable stretch wider than the measure), marked overfull. */
#include "typeset.h"
#include "tsint.h"
#include "typo.h"

#include <stdlib.h>
#include <string.h>

/* PARAMETERS (TeX names; values in TeX's units). Overridable with -D for
 * tuning runs of `make bench`; the defaults are what the bench chose. */
#ifndef PRETOLERANCE
#define PRETOLERANCE 100
#endif
#ifndef TOLERANCE
#define TOLERANCE 200
#endif
#ifndef LINE_PENALTY
#define LINE_PENALTY 10            /* \linepenalty */
#endif
#ifndef HYPHEN_PENALTY
#define HYPHEN_PENALTY 50          /* \hyphenpenalty */
#endif
#ifndef HYPHEN_PENALTY_RAGGED
#define HYPHEN_PENALTY_RAGGED 200
#endif
#ifndef EX_HYPHEN_PENALTY
#define EX_HYPHEN_PENALTY 50       /* \exhyphenpenalty */
#endif
#ifndef ADJ_DEMERITS
#define ADJ_DEMERITS 10000         /* \adjdemerits */
#endif
#ifndef DOUBLE_HYPHEN_DEMERITS
#define DOUBLE_HYPHEN_DEMERITS 10000
#endif
#ifndef FINAL_HYPHEN_DEMERITS
#define FINAL_HYPHEN_DEMERITS 5000
#endif
/* at most this many hyphenated lines in a row (a hard limit TeX lacks) */
#ifndef MAX_HYPHEN_RUN
#define MAX_HYPHEN_RUN 2
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

enum {
	INF_BAD = 10000,
	INF_PENALTY = 10000,
	EJECT_PENALTY = -10000
};
#define AWFUL_BAD INT64_MAX

enum fitness { VERY_LOOSE, LOOSE, DECENT, TIGHT };
enum node_type { N_BOX, N_GLUE, N_KERN, N_PENALTY };

typedef struct node {
	uint8_t type;
	uint8_t flagged;   /* penalty: a hyphen break */
	uint8_t hyphen;    /* penalty: adds a hyphen when broken */
	uint8_t pass;      /* penalty: first pass it is a legal break in (1, 2, or 3:
			      the emergency pass only) */
	uint8_t interword; /* glue: an inter-word space (not \parfillskip) */
	uint8_t face;
	ts_sp width;
	ts_sp stretch, shrink;
	int fil;           /* glue: infinite stretch (1fil units) */
	int penalty;
	uint32_t start, end; /* box: bytes of the text */
	ts_sp size;
} node;

typedef struct active {
	size_t pos;       /* node index of the break; SIZE_MAX: paragraph start */
	int fitness;
	bool hyphenated;
	int hrun;         /* hyphenated lines in a row ending here */
	int64_t total;
	size_t passive;   /* index into passives; SIZE_MAX: none */
	size_t next;      /* next active; SIZE_MAX: end */
} active;

typedef struct passive {
	size_t pos;
	size_t prev;
} passive;

typedef struct para {
	const ts_engine *e;
	const ts_para_style *st;
	const char *text;
	size_t len;
	node *nodes;
	size_t n, cap;
	int64_t *W, *Y, *Z, *F; /* prefix sums: width, stretch, shrink, fil */
	size_t *next_box;
	ts_sp size;             /* the paragraph's main size */
	ts_sp measure;
	bool ragged;
	int hyphen_penalty;
	int expand;             /* font expansion limit, per mille (0 when ragged) */
	/* background of every line: left/right skips */
	ts_sp bg_stretch;
	/* the breaking state */
	active *act;
	size_t nact, act_cap, act_head, act_free;
	passive *pas;
	size_t npas, pas_cap;
} para;

static node *
add_node(para *p, enum node_type type)
{
	p->nodes = xgrow(p->nodes, &p->cap, p->n + 1, sizeof *p->nodes);
	node *nd = &p->nodes[p->n++];
	memset(nd, 0, sizeof *nd);
	nd->type = (uint8_t)type;
	return nd;
}

static bool
is_space_byte(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Length of a U+00A0 at text[i] (2) or 0. */
static size_t
nbsp_at(const char *t, size_t len, size_t i)
{
	return i + 1 < len && (unsigned char)t[i] == 0xC2 && (unsigned char)t[i + 1] == 0xA0 ? 2 : 0;
}

static ts_sp
glyph_width(const ts_font *f, uint16_t g, ts_sp size)
{
	return ts_units(f, font_advance(f, g), size);
}

static ts_sp
char_width(const ts_engine *e, enum ts_face face, ts_sp size, uint32_t cp)
{
	const ts_font *f = ts_engine_font(e, face);
	return glyph_width(f, font_glyph(f, cp), size);
}

/* Break points of a token when there is no hyphenator: after soft hyphens,
 * and after a hyphen or dash between two letters. */
static size_t
fallback_points(const char *tok, size_t len, hyph_point *out, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < len && n < max;) {
		size_t k = i;
		uint32_t cp = ts_utf8_next(tok, len, &i);
		if (cp == 0xAD && k > 0 && i < len) {
			out[n++] = (hyph_point){ .offset = (uint32_t)i, .kind = HYPH_ADD };
		} else if ((cp == '-' || cp == 0x2010 || cp == 0x2013) && k > 0 && i < len) {
			unsigned char a = (unsigned char)tok[k - 1], b = (unsigned char)tok[i];
			bool la = a >= 0x80 || (unsigned)((a | 0x20) - 'a') < 26u;
			bool lb = b >= 0x80 || (unsigned)((b | 0x20) - 'a') < 26u;
			if (la && lb)
				out[n++] = (hyph_point){ .offset = (uint32_t)i, .kind = HYPH_EXPLICIT };
		}
	}
	return n;
}

/* Boxes, kerns and penalties of one token text[ts, te). */
/* A token wider than the measure (a word of thousands of letters, a long
 * URL) can never fit on a line. So that no line runs off the page, such a
 * token may break after any character in the emergency pass (pass 3),
 * with a hyphen; the other passes never see these breaks. */
static void
split_wide_token(para *p, size_t t0)
{
	int64_t w = 0;
	for (size_t i = t0; i < p->n; i++)
		if (p->nodes[i].type == N_BOX || p->nodes[i].type == N_KERN)
			w += p->nodes[i].width;
	if (w <= p->measure)
		return;
	size_t n = p->n - t0;
	node *old = xmalloc(n * sizeof *old);
	memcpy(old, p->nodes + t0, n * sizeof *old);
	p->n = t0;
	for (size_t i = 0; i < n; i++) {
		const node *o = &old[i];
		if (o->type != N_BOX || o->end <= o->start) {
			*add_node(p, (enum node_type)o->type) = *o;
			continue;
		}
		const ts_font *f = ts_engine_font(p->e, (enum ts_face)o->face);
		size_t k = o->start;
		while (k < o->end) {
			size_t c0 = k;
			uint32_t cp = ts_utf8_next(p->text, o->end, &k);
			node *b = add_node(p, N_BOX);
			*b = *o;
			b->start = (uint32_t)c0;
			b->end = (uint32_t)k;
			b->width = glyph_width(f, font_glyph(f, cp), o->size);
			if (k < o->end) {
				node *pn = add_node(p, N_PENALTY);
				pn->flagged = 1;
				pn->hyphen = 1;
				pn->pass = 3;
				pn->penalty = p->hyphen_penalty;
				pn->face = o->face;
				pn->size = o->size;
				pn->width = char_width(p->e, (enum ts_face)o->face, o->size, '-');
			}
		}
	}
	free(old);
}

static void
add_token(para *p, const ts_run *runs, const size_t *rstart, size_t nruns, size_t ts,
    size_t te, hyph_point *pts)
{
	size_t t0 = p->n;
	const ts_para_style *st = p->st;
	size_t r = 0;
	while (r + 1 < nruns && rstart[r + 1] <= ts)
		r++;
	const char *lang = runs[r].lang ? runs[r].lang : "de";
	const hyph *h = ts_engine_hyph(p->e);
	size_t npts = h ? hyph_token(h, lang, p->text + ts, te - ts, pts, te - ts + 1)
			: fallback_points(p->text + ts, te - ts, pts, te - ts + 1);
	size_t pi = 0;

	bool open = false, have_prev = false;
	uint16_t prev = 0;
	enum ts_face pface = TS_REGULAR;
	ts_sp psize = 0;
	node *box = NULL;
	for (size_t i = ts; i < te;) {
		while (r + 1 < nruns && rstart[r + 1] <= i)
			r++;
		enum ts_face face = runs[r].face;
		if ((int)face < 0 || face >= TS_NFACES)
			face = TS_REGULAR;
		ts_sp size = runs[r].size;
		while (pi < npts && ts + pts[pi].offset < i)
			pi++; /* not in increasing order: ignore */
		if (pi < npts && ts + pts[pi].offset == i) {
			bool soft = i >= ts + 2 && (unsigned char)p->text[i - 2] == 0xC2 &&
			    (unsigned char)p->text[i - 1] == 0xAD;
			bool add = pts[pi].kind == HYPH_ADD;
			if (!add || soft || st->hyphenate) {
				open = false;
				node *pn = add_node(p, N_PENALTY);
				pn->flagged = 1;
				pn->hyphen = add;
				pn->pass = add && !soft ? 2 : 1;
				pn->penalty = add ? p->hyphen_penalty : EX_HYPHEN_PENALTY;
				pn->face = (uint8_t)(have_prev ? pface : face);
				pn->size = have_prev ? psize : size;
				pn->width = add ? char_width(p->e, pn->face, pn->size, '-') : 0;
			}
			pi++;
		}
		size_t k = i;
		uint32_t cp = ts_utf8_next(p->text, p->len, &i);
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
				add_node(p, N_KERN)->width = kern;
			}
		}
		if (open && (box->face != face || box->size != size))
			open = false;
		if (!open) {
			box = add_node(p, N_BOX);
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

static bool legal_break(const para *p, size_t bi, int pass, int *pi, bool *flagged);

/* A stretch between two break points that is wider than the measure (many
 * words tied by no-break spaces) gives way at its ties in the emergency
 * pass, as split_wide_token does for a single word, so that no line runs
 * off the page. The other passes keep the ties. */
static void
loosen_wide_ties(para *p)
{
	size_t seg = 0;
	int64_t w = 0;
	for (size_t i = 0; i <= p->n; i++) {
		int pi;
		bool fl;
		if (i < p->n && !legal_break(p, i, 2, &pi, &fl)) {
			const node *nd = &p->nodes[i];
			if (nd->type != N_PENALTY)
				w += nd->width;
			continue;
		}
		if (w > p->measure)
			for (size_t k = seg; k < i; k++) {
				node *nd = &p->nodes[k];
				if (nd->type == N_PENALTY && nd->penalty >= INF_PENALTY &&
				    k + 1 < p->n && p->nodes[k + 1].type == N_GLUE &&
				    p->nodes[k + 1].interword) {
					nd->penalty = p->hyphen_penalty;
					nd->pass = 3;
				}
			}
		seg = i + 1;
		w = 0;
	}
}

/* The item list of the paragraph; false when it has no text at all. */
static bool
build(para *p, arena *text_arena, const ts_run *runs, size_t nruns)
{
	size_t len = 0;
	for (size_t r = 0; r < nruns; r++)
		len += runs[r].text ? runs[r].len : 0;
	size_t *rstart = xmalloc((nruns + 1) * sizeof *rstart);
	char *text = arena_alloc(text_arena, len + 1);
	len = 0;
	for (size_t r = 0; r < nruns; r++) {
		rstart[r] = len;
		if (runs[r].text && runs[r].len) {
			memcpy(text + len, runs[r].text, runs[r].len);
			len += runs[r].len;
		}
	}
	rstart[nruns] = len;
	text[len] = '\0';
	p->text = text;
	p->len = len;
	if (len > UINT32_MAX / 2)
		diag_oom();

	unsigned char *tie = xcalloc(len + 1, 1);
	typo_ties(text, len, runs[0].lang ? runs[0].lang : "de", tie);
	hyph_point *pts = xmalloc((len + 1) * sizeof *pts);

	if (p->st->indent)
		add_node(p, N_BOX)->width = p->st->indent;
	bool boxes = false, any = false;
	size_t r = 0;
	for (size_t i = 0; i < len;) {
		while (r + 1 < nruns && rstart[r + 1] <= i)
			r++;
		if (is_space_byte(text[i]) || nbsp_at(text, len, i)) {
			/* a run of spaces: one glue, tied if any of them is */
			size_t sr = r;
			bool tied = false;
			while (i < len) {
				size_t nb = nbsp_at(text, len, i);
				if (nb) {
					tied = true;
					i += nb;
				} else if (is_space_byte(text[i])) {
					tied |= tie[i] != 0;
					i++;
				} else {
					break;
				}
			}
			if (!boxes || i >= len)
				continue; /* leading and trailing spaces */
			enum ts_face face = runs[sr].face;
			if ((int)face < 0 || face >= TS_NFACES)
				face = TS_REGULAR;
			ts_sp w = char_width(p->e, face, runs[sr].size, ' ');
			if (tied)
				add_node(p, N_PENALTY)->penalty = INF_PENALTY;
			node *g = add_node(p, N_GLUE);
			g->width = w;
			g->interword = 1;
			g->face = (uint8_t)face;
			g->size = runs[sr].size;
			if (p->expand) {
				g->stretch = (ts_sp)((int64_t)w * XSTRETCH_NUM / XSTRETCH_DEN);
				g->shrink = (ts_sp)((int64_t)w * XSHRINK_NUM / XSHRINK_DEN);
			} else if (!p->ragged) {
				g->stretch = (ts_sp)((int64_t)w * STRETCH_NUM / STRETCH_DEN);
				g->shrink = (ts_sp)((int64_t)w * SHRINK_NUM / SHRINK_DEN);
			}
			continue;
		}
		size_t ts = i;
		while (i < len && !is_space_byte(text[i]) && !nbsp_at(text, len, i))
			i++;
		add_token(p, runs, rstart, nruns, ts, i, pts);
		boxes = any = true;
	}
	free(pts);
	free(tie);
	free(rstart);
	if (!any)
		return false;
	loosen_wide_ties(p);
	add_node(p, N_PENALTY)->penalty = INF_PENALTY;
	node *fill = add_node(p, N_GLUE);
	fill->fil = 1;
	add_node(p, N_PENALTY)->penalty = EJECT_PENALTY;

	size_t n = p->n;
	p->W = xmalloc((n + 1) * sizeof *p->W);
	p->Y = xmalloc((n + 1) * sizeof *p->Y);
	p->Z = xmalloc((n + 1) * sizeof *p->Z);
	p->F = xmalloc((n + 1) * sizeof *p->F);
	p->next_box = xmalloc((n + 1) * sizeof *p->next_box);
	p->W[0] = p->Y[0] = p->Z[0] = p->F[0] = 0;
	for (size_t i = 0; i < n; i++) {
		node *nd = &p->nodes[i];
		/* font expansion: glyphs (and the kerns between them) may be set
		 * up to p->expand per mille wider or narrower, as pdfTeX's
		 * \pdfadjustspacing; an indent is no glyph */
		if (p->expand && ((nd->type == N_BOX && nd->end > nd->start) || nd->type == N_KERN)) {
			/* signed: a negative kern grows more negative as the glyphs widen */
			int64_t e = (int64_t)nd->width * p->expand / 1000;
			nd->stretch = nd->shrink = (ts_sp)e;
		}
		bool pen = nd->type == N_PENALTY;
		p->W[i + 1] = p->W[i] + (pen ? 0 : nd->width);
		p->Y[i + 1] = p->Y[i] + nd->stretch;
		p->Z[i + 1] = p->Z[i] + nd->shrink;
		p->F[i + 1] = p->F[i] + nd->fil;
	}
	p->next_box[n] = n;
	for (size_t i = n; i-- > 0;)
		p->next_box[i] = p->nodes[i].type == N_BOX ? i : p->next_box[i + 1];
	return true;
}

/* First node of the line after a break at pos (discardables dropped). */
static size_t
line_start(const para *p, size_t pos)
{
	if (pos == SIZE_MAX)
		return 0;
	return p->next_box[pos + 1];
}

/* TeX's badness (§108): about 100 (t/s)^3, in integers. */
static int
badness(int64_t t, int64_t s)
{
	if (t == 0)
		return 0;
	if (s <= 0)
		return INF_BAD;
	int64_t r;
	if (t <= 7230584)
		r = t * 297 / s;
	else if (s >= 1663497)
		r = t / (s / 297);
	else
		r = t;
	if (r > 1290)
		return INF_BAD;
	return (int)((r * r * r + 0x20000) / 0x40000);
}

typedef struct linefit {
	int64_t natural, stretch, shrink, fil;
} linefit;

static linefit
measure_line(const para *p, size_t from, size_t to)
{
	size_t s = line_start(p, from);
	linefit lf = { 0, 0, 0, 0 };
	if (s > to)
		s = to;
	lf.natural = p->W[to] - p->W[s];
	lf.stretch = p->Y[to] - p->Y[s];
	lf.shrink = p->Z[to] - p->Z[s];
	lf.fil = p->F[to] - p->F[s];
	const node *b = &p->nodes[to];
	if (b->type == N_PENALTY)
		lf.natural += b->width;
	return lf;
}

/* Badness and fitness class of a line; INF_BAD + 1: overfull. */
static int
line_badness(const para *p, const linefit *lf, int64_t bg_stretch, int *fit)
{
	int64_t shortfall = (int64_t)p->measure - lf->natural;
	int b;
	if (shortfall > 0) {
		if (lf->fil > 0) {
			b = 0;
			*fit = DECENT;
		} else {
			int64_t s = lf->stretch + bg_stretch;
			if (shortfall > 7230584 && s < 1663497) {
				b = INF_BAD;
				*fit = VERY_LOOSE;
			} else {
				b = badness(shortfall, s);
				*fit = b > 99 ? VERY_LOOSE : b > 12 ? LOOSE : DECENT;
			}
		}
	} else {
		if (-shortfall > lf->shrink)
			b = INF_BAD + 1;
		else
			b = badness(-shortfall, lf->shrink);
		*fit = b > 12 ? TIGHT : DECENT;
	}
	return b;
}

static int64_t
demerits(int b, int pi, bool flagged, bool final, bool prev_flagged, int fit, int prev_fit)
{
	int64_t d = LINE_PENALTY + b;
	d = d >= 10000 || d <= -10000 ? 100000000 : d * d;
	if (pi != 0) {
		if (pi > 0)
			d += (int64_t)pi * pi;
		else if (pi > EJECT_PENALTY)
			d -= (int64_t)pi * pi;
	}
	if ((flagged || final) && prev_flagged)
		d += final ? FINAL_HYPHEN_DEMERITS : DOUBLE_HYPHEN_DEMERITS;
	if (abs(fit - prev_fit) > 1)
		d += ADJ_DEMERITS;
	return d;
}

static size_t
new_active(para *p)
{
	size_t i;
	if (p->act_free != SIZE_MAX) {
		i = p->act_free;
		p->act_free = p->act[i].next;
	} else {
		p->act = xgrow(p->act, &p->act_cap, p->nact + 1, sizeof *p->act);
		i = p->nact++;
	}
	return i;
}

static size_t
new_passive(para *p, size_t pos, size_t prev)
{
	p->pas = xgrow(p->pas, &p->pas_cap, p->npas + 1, sizeof *p->pas);
	p->pas[p->npas] = (passive){ .pos = pos, .prev = prev };
	return p->npas++;
}

/* One pass of total fit; returns the chosen last active node's passive
 * index (the final break) and its demerits, or false. */
static bool
total_fit(para *p, int pass, int threshold, bool final_pass, int64_t bg_stretch,
    size_t *last_passive, int64_t *total)
{
	p->nact = p->npas = 0;
	p->act_free = SIZE_MAX;
	size_t a0 = new_active(p);
	p->act[a0] = (active){ .pos = SIZE_MAX, .fitness = DECENT, .hyphenated = false,
		.hrun = 0, .total = 0, .passive = SIZE_MAX, .next = SIZE_MAX };
	p->act_head = a0;

	for (size_t bi = 0; bi < p->n && p->act_head != SIZE_MAX; bi++) {
		const node *nd = &p->nodes[bi];
		int pi;
		bool flagged = false;
		if (nd->type == N_GLUE) {
			if (bi == 0 || p->nodes[bi - 1].type != N_BOX)
				continue;
			pi = 0;
		} else if (nd->type == N_PENALTY) {
			if (nd->penalty >= INF_PENALTY || nd->pass > pass)
				continue;
			pi = nd->penalty;
			flagged = nd->flagged;
		} else {
			continue;
		}
		bool final = bi == p->n - 1;

		/* the best way to each fitness class and hyphen run */
		int64_t best[4][MAX_HYPHEN_RUN + 1];
		size_t bestp[4][MAX_HYPHEN_RUN + 1]; /* passives */
		for (int c = 0; c < 4; c++)
			for (int h = 0; h <= MAX_HYPHEN_RUN; h++) {
				best[c][h] = AWFUL_BAD;
				bestp[c][h] = SIZE_MAX;
			}
		int64_t min_d = AWFUL_BAD;
		size_t prev = SIZE_MAX;
		for (size_t r = p->act_head; r != SIZE_MAX;) {
			active *ar = &p->act[r];
			size_t nx = ar->next;
			linefit lf = measure_line(p, ar->pos, bi);
			int fit;
			int b = line_badness(p, &lf, bg_stretch, &fit);
			bool artificial = false, stays;
			if (b > INF_BAD || pi == EJECT_PENALTY) {
				if (final_pass && min_d == AWFUL_BAD && prev == SIZE_MAX && nx == SIZE_MAX)
					artificial = true;
				else if (b > threshold)
					goto deactivate;
				stays = false;
			} else {
				if (b > threshold) {
					prev = r;
					r = nx;
					continue;
				}
				stays = true;
			}
			{
				int64_t d = artificial ? 0 : demerits(b, pi, flagged, final,
				    ar->hyphenated, fit, ar->fitness);
				int h = flagged ? ar->hrun + 1 : 0;
				bool ok = true;
				if (h > MAX_HYPHEN_RUN) {
					/* a ladder too long: only as an emergency */
					h = MAX_HYPHEN_RUN;
					ok = final_pass;
					d += 100000000;
				}
				d += ar->total;
				if (ok && d <= best[fit][h]) {
					best[fit][h] = d;
					bestp[fit][h] = ar->passive;
					if (d < min_d)
						min_d = d;
				}
			}
			if (stays) {
				prev = r;
				r = nx;
				continue;
			}
deactivate:
			if (prev == SIZE_MAX)
				p->act_head = nx;
			else
				p->act[prev].next = nx;
			/* keep its passive reachable: recycle only the active record */
			p->act[r].next = p->act_free;
			p->act_free = r;
			r = nx;
		}
		if (min_d == AWFUL_BAD)
			continue;
		/* the new active nodes go at the end (all lines have one width) */
		size_t tail = SIZE_MAX;
		for (size_t r = p->act_head; r != SIZE_MAX; r = p->act[r].next)
			tail = r;
		int64_t limit = min_d > AWFUL_BAD - ADJ_DEMERITS ? AWFUL_BAD : min_d + ADJ_DEMERITS;
		for (int c = VERY_LOOSE; c <= TIGHT; c++)
			for (int h = 0; h <= MAX_HYPHEN_RUN; h++) {
				if (best[c][h] > limit)
					continue;
				size_t pv = new_passive(p, bi, bestp[c][h]);
				size_t na = new_active(p);
				p->act[na] = (active){ .pos = bi, .fitness = c, .hyphenated = flagged,
					.hrun = h, .total = best[c][h], .passive = pv, .next = SIZE_MAX };
				if (tail == SIZE_MAX)
					p->act_head = na;
				else
					p->act[tail].next = na;
				tail = na;
			}
	}
	/* every active node now ends at the final break */
	int64_t bd = AWFUL_BAD;
	size_t bp = SIZE_MAX;
	for (size_t r = p->act_head; r != SIZE_MAX; r = p->act[r].next)
		if (p->act[r].pos == p->n - 1 && p->act[r].total < bd) {
			bd = p->act[r].total;
			bp = p->act[r].passive;
		}
	if (bp == SIZE_MAX)
		return false;
	*last_passive = bp;
	*total = bd;
	return true;
}

/* Is node bi a legal break in this pass? Sets its penalty and flag. */
static bool
legal_break(const para *p, size_t bi, int pass, int *pi, bool *flagged)
{
	const node *nd = &p->nodes[bi];
	*flagged = false;
	*pi = 0;
	if (nd->type == N_GLUE)
		return bi > 0 && p->nodes[bi - 1].type == N_BOX;
	if (nd->type != N_PENALTY || nd->penalty >= INF_PENALTY || nd->pass > pass)
		return false;
	*pi = nd->penalty;
	*flagged = nd->flagged;
	return true;
}

/* First fit: each line takes as much as fits with its glue shrunk. */
static size_t
greedy_breaks(para *p, size_t *breaks, int64_t *total)
{
	size_t nb = 0, from = SIZE_MAX, cand = SIZE_MAX;
	int64_t sum = 0;
	int prev_fit = DECENT;
	bool prev_flag = false;
	for (size_t bi = 0; bi < p->n; bi++) {
		int pi;
		bool flagged;
		if (!legal_break(p, bi, 3, &pi, &flagged))
			continue;
		linefit lf = measure_line(p, from, bi);
		bool fits = lf.natural - lf.shrink <= p->measure;
		size_t brk = SIZE_MAX;
		if (fits) {
			cand = bi;
			if (bi == p->n - 1)
				brk = bi;
		} else if (cand != SIZE_MAX) {
			brk = cand;
			bi = cand; /* continue after the break */
		} else {
			brk = bi; /* nothing fits: an overfull line */
		}
		if (brk == SIZE_MAX)
			continue;
		linefit bl = measure_line(p, from, brk);
		int fit;
		int b = line_badness(p, &bl, 0, &fit);
		if (b > INF_BAD)
			b = INF_BAD;
		int bpi;
		bool bflag;
		legal_break(p, brk, 3, &bpi, &bflag);
		bool final = brk == p->n - 1;
		sum += demerits(b, bpi, bflag, final, prev_flag, fit, prev_fit);
		prev_fit = fit;
		prev_flag = bflag;
		breaks[nb++] = brk;
		from = brk;
		cand = SIZE_MAX;
		if (final)
			break;
	}
	*total = sum;
	return nb;
}

typedef struct itembuf {
	ts_item *v;
	size_t n, cap;
} itembuf;

static ts_item *
push_item(itembuf *ib)
{
	ib->v = xgrow(ib->v, &ib->cap, ib->n + 1, sizeof *ib->v);
	ts_item *it = &ib->v[ib->n++];
	memset(it, 0, sizeof *it);
	return it;
}

/* A width set with font expansion ex (per mille), rounded to nearest. */
static ts_sp
scale_width(ts_sp w, int ex)
{
	int64_t d = (int64_t)w * ex;
	return (ts_sp)(w + (d >= 0 ? d + 500 : d - 500) / 1000);
}

static ts_sp
expanded(const node *nd, int ex)
{
	return ex && !(nd->type == N_BOX && nd->end == nd->start) ? scale_width(nd->width, ex)
								   : nd->width;
}

/* Sets the line from the break `from` to the break `to`. */
static void
set_line(const para *p, arena *a, size_t from, size_t to, ts_line *ln, itembuf *ib)
{
	static const char hyphen[] = "-";
	linefit lf = measure_line(p, from, to);
	size_t s = line_start(p, from);
	if (s > to)
		s = to;
	int64_t shortfall = (int64_t)p->measure - lf.natural;
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
	const node *bn = &p->nodes[to];
	bool hyph_added = bn->type == N_PENALTY && bn->hyphen;
	if (p->expand && total > 0) {
		/* rounded to nearest when stretching; when shrinking rounded
		 * away from zero, so that the glue never has to shrink more
		 * than it can */
		int64_t e = amount * p->expand;
		e = (e >= 0 ? e + total / 2 : e - (total - 1)) / total;
		ex = (int)(e > p->expand ? p->expand : e < -p->expand ? -p->expand : e);
	}
	if (p->expand && total > 0) { /* also when ex rounded to 0: the glue takes it all */
		int64_t set = 0, gstretch = 0, gshrink = 0;
		for (size_t i = s; i < to; i++) {
			const node *nd = &p->nodes[i];
			if (nd->type == N_BOX || nd->type == N_KERN)
				set += expanded(nd, ex);
			else if (nd->type == N_GLUE) {
				set += nd->width;
				gstretch += nd->stretch;
				gshrink += nd->shrink;
			}
		}
		if (hyph_added)
			set += scale_width(bn->width, ex);
		/* rounding may turn a shrinking line into a stretching one */
		amount = (int64_t)p->measure - set;
		stretching = amount > 0;
		int64_t glue = total = stretching ? gstretch : gshrink;
		/* The glyphs' widths are rounded one by one: at full shrink the
		 * glue may have to take up to a scaled point per item more than
		 * its shrink; more than that it never takes. */
		int64_t fuzz = (int64_t)(to - s) + 1;
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
		const node *nd = &p->nodes[i];
		switch (nd->type) {
		case N_BOX:
			if (nd->end > nd->start) {
				const char *t = p->text + nd->start;
				ts_sp w = expanded(nd, ex);
				if (cur && cur->text + cur->len == t && cur->face == (enum ts_face)nd->face &&
				    cur->size == nd->size) {
					cur->len += nd->end - nd->start;
					cur->w += w;
				} else {
					cur = push_item(ib);
					cur->kind = TS_ITEM_TEXT;
					cur->x = (ts_sp)x;
					cur->face = (enum ts_face)nd->face;
					cur->size = nd->size;
					cur->text = t;
					cur->len = nd->end - nd->start;
					cur->w = w;
					cur->expand = ex;
				}
			} else {
				cur = NULL;
			}
			x += expanded(nd, ex);
			break;
		case N_KERN:
			cur = NULL;
			x += expanded(nd, ex);
			break;
		case N_GLUE: {
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
			}
			x += w;
			break;
		}
		default:
			break;
		}
	}
	if (hyph_added) {
		ts_item *it = push_item(ib);
		it->kind = TS_ITEM_TEXT;
		it->x = (ts_sp)x;
		it->face = (enum ts_face)bn->face;
		it->size = bn->size;
		it->text = hyphen;
		it->len = 1;
		it->w = scale_width(bn->width, ex);
		it->expand = ex;
		x += it->w;
	}
	ts_sp off = 0;
	if (x < p->measure) {
		if (p->st->align == TS_RIGHT)
			off = (ts_sp)(p->measure - x);
		else if (p->st->align == TS_CENTER)
			off = (ts_sp)((p->measure - x) / 2);
	}
	for (size_t k = 0; k < ib->n; k++)
		ib->v[k].x += off;
	ln->items = ib->n ? arena_array(a, ib->n, sizeof *ln->items) : NULL;
	if (ib->n)
		memcpy(ln->items, ib->v, ib->n * sizeof *ln->items);
	ln->nitems = ib->n;
	ln->natural = (ts_sp)lf.natural;
	ln->width = (ts_sp)x;
	ln->measure = p->measure;
	ln->space = nspaces ? (ts_sp)(spaces / nspaces) : 0;
	ln->size = p->size;
	ln->nspaces = nspaces;
	ln->expand = ex;
	ln->justified = !p->ragged && !last;
	ln->hyphenated = bn->type == N_PENALTY && bn->flagged;
	ln->overfull = x > p->measure;
}

void
ts_break(const ts_engine *e, arena *lines_arena, arena *text_arena, const ts_run *runs,
    size_t nruns, const ts_para_style *st, bool greedy, ts_lines *out)
{
	memset(out, 0, sizeof *out);
	out->pass = greedy ? 0 : 1;
	if (!runs || nruns == 0)
		return;
	para p;
	memset(&p, 0, sizeof p);
	p.e = e;
	p.st = st;
	p.measure = st->measure > 0 ? st->measure : 1;
	p.ragged = st->align != TS_JUSTIFY;
	p.hyphen_penalty = p.ragged ? HYPHEN_PENALTY_RAGGED : HYPHEN_PENALTY;
	p.expand = p.ragged || st->expand <= 0 ? 0 : st->expand > 100 ? 100 : st->expand;
	for (size_t r = 0; r < nruns && !p.size; r++)
		p.size = runs[r].size;
	int64_t em = p.size > 0 ? p.size : TS_UNIT * 10;
	if (!build(&p, text_arena, runs, nruns)) {
		free(p.nodes);
		return;
	}
	int64_t bg = p.ragged ? em * RAGGED_STRETCH_Q / 4 : 0;
	size_t *breaks = NULL, nb = 0;
	int64_t total = 0;
	size_t last = SIZE_MAX;
	if (!greedy) {
		if (PRETOLERANCE >= 0 && total_fit(&p, 1, PRETOLERANCE, false, bg, &last, &total))
			out->pass = 1;
		else if (total_fit(&p, 2, TOLERANCE, false, bg, &last, &total))
			out->pass = 2;
		else if (total_fit(&p, 3, INF_BAD, true, bg + em * EMERGENCY_STRETCH_Q / 4, &last, &total))
			out->pass = 3;
		else
			greedy = true; /* cannot happen: the final pass always finds breaks */
	}
	if (greedy) {
		breaks = xmalloc(p.n * sizeof *breaks);
		nb = greedy_breaks(&p, breaks, &total);
	} else {
		for (size_t q = last; q != SIZE_MAX; q = p.pas[q].prev)
			nb++;
		breaks = xmalloc(nb * sizeof *breaks);
		size_t k = nb;
		for (size_t q = last; q != SIZE_MAX; q = p.pas[q].prev)
			breaks[--k] = p.pas[q].pos;
	}
	out->lines = arena_array(lines_arena, nb, sizeof *out->lines);
	out->nlines = nb;
	out->demerits = (long)total;
	itembuf ib = { NULL, 0, 0 };
	size_t from = SIZE_MAX;
	for (size_t i = 0; i < nb; i++) {
		set_line(&p, lines_arena, from, breaks[i], &out->lines[i], &ib);
		from = breaks[i];
	}
	free(ib.v);
	free(breaks);
	free(p.nodes);
	free(p.W);
	free(p.Y);
	free(p.Z);
	free(p.F);
	free(p.next_box);
	free(p.act);
	free(p.pas);
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
