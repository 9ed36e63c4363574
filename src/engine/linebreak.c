/* linebreak.c: the line breaker over an item list (lb_int.h): Knuth-Plass
 * total fit as in "Breaking Paragraphs into Lines" (Knuth & Plass 1981) and
 * TeX's §813-890, in integer arithmetic, and first fit for comparison.
 *
 * Passes as TeX: 1: \pretolerance (pattern hyphenation points, legal from
 * pass 2, are not seen; soft and explicit hyphens count); 2: \tolerance
 * with them; 3 (emergency): any badness, \emergencystretch of background
 * stretch, the emergency breaks of over-wide words and tied groups, and an
 * overfull line only when nothing else is possible (TeX's "artificial
 * demerits": an unbreakable stretch wider than the measure). */
#include "lb_int.h"

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

#define AWFUL_BAD INT64_MAX

enum fitness { VERY_LOOSE, LOOSE, DECENT, TIGHT };

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

/* The breaking state of one pass. */
typedef struct kp {
	const lb_list *l;
	active *act;
	size_t nact, act_cap, act_head, act_free;
	passive *pas;
	size_t npas, pas_cap;
} kp;

bool
lb_legal_break(const lb_list *l, size_t i, int pass, int *pi, bool *flagged)
{
	const lb_node *nd = &l->nodes[i];
	*flagged = false;
	*pi = 0;
	if (nd->type == LB_GLUE)
		return i > 0 && l->nodes[i - 1].type == LB_BOX;
	if (nd->type != LB_PENALTY || nd->penalty >= LB_INF_PENALTY || nd->pass > pass)
		return false;
	*pi = nd->penalty;
	*flagged = nd->flagged;
	return true;
}

size_t
lb_line_start(const lb_list *l, size_t pos)
{
	if (pos == SIZE_MAX)
		return 0;
	return l->next_box[pos + 1];
}

lb_fit
lb_measure(const lb_list *l, size_t from, size_t to)
{
	size_t s = lb_line_start(l, from);
	lb_fit lf = { 0, 0, 0, 0 };
	if (s > to)
		s = to;
	lf.natural = l->W[to] - l->W[s];
	lf.stretch = l->Y[to] - l->Y[s];
	lf.shrink = l->Z[to] - l->Z[s];
	lf.fil = l->F[to] - l->F[s];
	const lb_node *b = &l->nodes[to];
	if (b->type == LB_PENALTY)
		lf.natural += b->width;
	return lf;
}

/* TeX's badness (§108): about 100 (t/s)^3, in integers. */
static int
badness(int64_t t, int64_t s)
{
	if (t == 0)
		return 0;
	if (s <= 0)
		return LB_INF_BAD;
	int64_t r;
	if (t <= 7230584)
		r = t * 297 / s;
	else if (s >= 1663497)
		r = t / (s / 297);
	else
		r = t;
	if (r > 1290)
		return LB_INF_BAD;
	return (int)((r * r * r + 0x20000) / 0x40000);
}

/* Badness and fitness class of a line; LB_INF_BAD + 1: overfull. */
static int
line_badness(const lb_list *l, const lb_fit *lf, int64_t bg_stretch, int *fit)
{
	int64_t shortfall = l->measure - lf->natural;
	int b;
	if (shortfall > 0) {
		if (lf->fil > 0) {
			b = 0;
			*fit = DECENT;
		} else {
			int64_t s = lf->stretch + bg_stretch;
			if (shortfall > 7230584 && s < 1663497) {
				b = LB_INF_BAD;
				*fit = VERY_LOOSE;
			} else {
				b = badness(shortfall, s);
				*fit = b > 99 ? VERY_LOOSE : b > 12 ? LOOSE : DECENT;
			}
		}
	} else {
		if (-shortfall > lf->shrink)
			b = LB_INF_BAD + 1;
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
		else if (pi > LB_EJECT_PENALTY)
			d -= (int64_t)pi * pi;
	}
	if ((flagged || final) && prev_flagged)
		d += final ? FINAL_HYPHEN_DEMERITS : DOUBLE_HYPHEN_DEMERITS;
	if (abs(fit - prev_fit) > 1)
		d += ADJ_DEMERITS;
	return d;
}

static size_t
new_active(kp *k)
{
	size_t i;
	if (k->act_free != SIZE_MAX) {
		i = k->act_free;
		k->act_free = k->act[i].next;
	} else {
		k->act = xgrow(k->act, &k->act_cap, k->nact + 1, sizeof *k->act);
		i = k->nact++;
	}
	return i;
}

static size_t
new_passive(kp *k, size_t pos, size_t prev)
{
	k->pas = xgrow(k->pas, &k->pas_cap, k->npas + 1, sizeof *k->pas);
	k->pas[k->npas] = (passive){ .pos = pos, .prev = prev };
	return k->npas++;
}

/* One pass of total fit; returns the chosen last active node's passive
 * index (the final break) and its demerits, or false. */
static bool
total_fit(kp *k, int pass, int threshold, bool final_pass, int64_t bg_stretch,
    size_t *last_passive, int64_t *total)
{
	const lb_list *l = k->l;
	k->nact = k->npas = 0;
	k->act_free = SIZE_MAX;
	size_t a0 = new_active(k);
	k->act[a0] = (active){ .pos = SIZE_MAX, .fitness = DECENT, .hyphenated = false,
		.hrun = 0, .total = 0, .passive = SIZE_MAX, .next = SIZE_MAX };
	k->act_head = a0;

	for (size_t bi = 0; bi < l->n && k->act_head != SIZE_MAX; bi++) {
		int pi;
		bool flagged;
		if (!lb_legal_break(l, bi, pass, &pi, &flagged))
			continue;
		bool final = bi == l->n - 1;

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
		for (size_t r = k->act_head; r != SIZE_MAX;) {
			active *ar = &k->act[r];
			size_t nx = ar->next;
			lb_fit lf = lb_measure(l, ar->pos, bi);
			int fit;
			int b = line_badness(l, &lf, bg_stretch, &fit);
			bool artificial = false, stays;
			if (b > LB_INF_BAD || pi == LB_EJECT_PENALTY) {
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
				k->act_head = nx;
			else
				k->act[prev].next = nx;
			/* keep its passive reachable: recycle only the active record */
			k->act[r].next = k->act_free;
			k->act_free = r;
			r = nx;
		}
		if (min_d == AWFUL_BAD)
			continue;
		/* the new active nodes go at the end (all lines have one width) */
		size_t tail = SIZE_MAX;
		for (size_t r = k->act_head; r != SIZE_MAX; r = k->act[r].next)
			tail = r;
		int64_t limit = min_d > AWFUL_BAD - ADJ_DEMERITS ? AWFUL_BAD : min_d + ADJ_DEMERITS;
		for (int c = VERY_LOOSE; c <= TIGHT; c++)
			for (int h = 0; h <= MAX_HYPHEN_RUN; h++) {
				if (best[c][h] > limit)
					continue;
				size_t pv = new_passive(k, bi, bestp[c][h]);
				size_t na = new_active(k);
				k->act[na] = (active){ .pos = bi, .fitness = c, .hyphenated = flagged,
					.hrun = h, .total = best[c][h], .passive = pv, .next = SIZE_MAX };
				if (tail == SIZE_MAX)
					k->act_head = na;
				else
					k->act[tail].next = na;
				tail = na;
			}
	}
	/* every active node now ends at the final break */
	int64_t bd = AWFUL_BAD;
	size_t bp = SIZE_MAX;
	for (size_t r = k->act_head; r != SIZE_MAX; r = k->act[r].next)
		if (k->act[r].pos == l->n - 1 && k->act[r].total < bd) {
			bd = k->act[r].total;
			bp = k->act[r].passive;
		}
	if (bp == SIZE_MAX)
		return false;
	*last_passive = bp;
	*total = bd;
	return true;
}

bool
lb_total_fit(const lb_list *l, int pass, lb_breaks *out)
{
	memset(out, 0, sizeof *out);
	if (l->n == 0 || pass < 1 || pass > 3 || (pass == 1 && PRETOLERANCE < 0))
		return false;
	kp k = { .l = l };
	size_t last;
	int64_t total;
	bool ok = pass == 3
	    ? total_fit(&k, 3, LB_INF_BAD, true, l->bg_stretch + l->emergency_stretch, &last, &total)
	    : total_fit(&k, pass, pass == 1 ? PRETOLERANCE : TOLERANCE, false, l->bg_stretch,
		  &last, &total);
	if (ok) {
		size_t nb = 0;
		for (size_t q = last; q != SIZE_MAX; q = k.pas[q].prev)
			nb++;
		out->pos = xmalloc(nb * sizeof *out->pos);
		out->n = nb;
		for (size_t q = last; q != SIZE_MAX; q = k.pas[q].prev)
			out->pos[--nb] = k.pas[q].pos;
		out->demerits = total;
		out->pass = pass;
	}
	free(k.act);
	free(k.pas);
	return ok;
}

void
lb_first_fit(const lb_list *l, lb_breaks *out)
{
	memset(out, 0, sizeof *out);
	out->pos = xmalloc((l->n ? l->n : 1) * sizeof *out->pos);
	size_t nb = 0, from = SIZE_MAX, cand = SIZE_MAX;
	int64_t sum = 0;
	int prev_fit = DECENT;
	bool prev_flag = false;
	for (size_t bi = 0; bi < l->n; bi++) {
		int pi;
		bool flagged;
		if (!lb_legal_break(l, bi, 3, &pi, &flagged))
			continue;
		lb_fit lf = lb_measure(l, from, bi);
		bool fits = lf.natural - lf.shrink <= l->measure;
		size_t brk = SIZE_MAX;
		if (fits) {
			cand = bi;
			if (bi == l->n - 1)
				brk = bi;
		} else if (cand != SIZE_MAX) {
			brk = cand;
			bi = cand; /* continue after the break */
		} else {
			brk = bi; /* nothing fits: an overfull line */
		}
		if (brk == SIZE_MAX)
			continue;
		lb_fit bl = lb_measure(l, from, brk);
		int fit;
		int b = line_badness(l, &bl, 0, &fit);
		if (b > LB_INF_BAD)
			b = LB_INF_BAD;
		int bpi;
		bool bflag;
		lb_legal_break(l, brk, 3, &bpi, &bflag);
		bool final = brk == l->n - 1;
		sum += demerits(b, bpi, bflag, final, prev_flag, fit, prev_fit);
		prev_fit = fit;
		prev_flag = bflag;
		out->pos[nb++] = brk;
		from = brk;
		cand = SIZE_MAX;
		if (final)
			break;
	}
	out->n = nb;
	out->demerits = sum;
	out->pass = 0;
}

void
lb_break(const lb_list *l, int first_pass, lb_breaks *out)
{
	for (int pass = first_pass; pass <= 3; pass++)
		if (lb_total_fit(l, pass, out))
			return;
	lb_first_fit(l, out); /* cannot happen: the emergency pass always finds breaks */
}

void
lb_breaks_free(lb_breaks *b)
{
	free(b->pos);
	b->pos = NULL;
	b->n = 0;
}
