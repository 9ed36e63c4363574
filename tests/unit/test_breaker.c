/* test_breaker.c: the line breaker (src/engine/linebreak.c) on item lists built by
 * hand: boxes, glue and penalties with known widths, so that every badness
 * and demerit can be worked out on paper. */
#include "engine/lb_int.h"
#include "unit.h"

#include <stdint.h>
#include <stdlib.h>

static void
box(lb_list *l, int64_t w)
{
	lb_add(l, LB_BOX)->width = w;
}

static void
glue(lb_list *l, int64_t w, int64_t stretch, int64_t shrink)
{
	lb_node *g = lb_add(l, LB_GLUE);
	g->width = w;
	g->stretch = stretch;
	g->shrink = shrink;
	g->interword = 1;
}

static void
penalty(lb_list *l, int64_t w, int pen, bool flagged, int pass)
{
	lb_node *p = lb_add(l, LB_PENALTY);
	p->width = w;
	p->penalty = pen;
	p->flagged = flagged;
	p->hyphen = flagged;
	p->pass = (uint8_t)pass;
}

static bool
breaks_are(const lb_breaks *b, const size_t *want, size_t n)
{
	if (b->n != n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (b->pos[i] != want[i])
			return false;
	return true;
}

/* "n iinn iin i nniii nini n" in Liberation Sans at 1 sp per font unit:
 * n = 1139, i = 455, the space 569 stretch 284 shrink 284, measure 7869
 * (the same paragraph test_linebreak sets from text). Total fit:
 * "n iinn iin" (b 24, loose, 1156) / "i nniii nini" (b 93, tight, 10609 +
 * 10000 adjacent classes) / "n" (100) = 21865. First fit: 234145. */
static void
test_known_optimum(void)
{
	static const int64_t words[] = { 1139, 3188, 2049, 455, 3643, 3188, 1139 };
	lb_list l = { .measure = 7869 };
	for (size_t i = 0; i < 7; i++) {
		if (i)
			glue(&l, 569, 284, 284);
		box(&l, words[i]);
	}
	lb_finish(&l);
	EXPECT(l.n == 16);
	lb_breaks b;
	EXPECT(lb_total_fit(&l, 1, &b));
	static const size_t want[] = { 5, 11, 15 };
	EXPECT(breaks_are(&b, want, 3));
	EXPECTF(b.demerits == 21865, "%lld", (long long)b.demerits);
	EXPECT(b.pass == 1);
	lb_breaks_free(&b);

	lb_first_fit(&l, &b);
	static const size_t greedy[] = { 7, 11, 15 };
	EXPECT(breaks_are(&b, greedy, 3));
	EXPECTF(b.demerits == 234145, "%lld", (long long)b.demerits);
	lb_breaks_free(&b);

	/* the line measures the breaker works with */
	lb_fit f = lb_measure(&l, SIZE_MAX, 5);
	EXPECT(f.natural == 7514 && f.stretch == 568 && f.shrink == 568 && f.fil == 0);
	f = lb_measure(&l, 5, 11); /* the glue at 5 is dropped */
	EXPECT(f.natural == 8424 && lb_line_start(&l, 5) == 6);
	f = lb_measure(&l, 11, 15);
	EXPECT(f.natural == 1139 && f.fil == 1);
	lb_list_free(&l);
}

/* A penalty of -10000 breaks the line whatever it costs. */
static void
test_forced_break(void)
{
	lb_list l = { .measure = 10000 };
	box(&l, 1000);
	glue(&l, 500, 10000, 250);
	box(&l, 1000);
	penalty(&l, 0, LB_EJECT_PENALTY, false, 0);
	glue(&l, 500, 10000, 250);
	box(&l, 1000);
	lb_finish(&l);
	lb_breaks b;
	lb_break(&l, 1, &b);
	/* line 1: shortfall 7500, stretch 10000: r = 222, b = 42, loose:
	 * (10 + 42)^2 = 2704, no penalty term for -10000; line 2 (the glue
	 * after the break dropped): 100 */
	static const size_t want[] = { 3, 8 };
	EXPECT(breaks_are(&b, want, 2));
	EXPECTF(b.demerits == 2804, "%lld", (long long)b.demerits);
	EXPECT(b.pass == 1);
	lb_breaks_free(&b);
	lb_list_free(&l);
}

/* A flagged penalty: its penalty squared, and the final-hyphen demerits
 * on the last line after it; legal from its pass only. */
static void
test_hyphen_demerits(void)
{
	for (int pass = 1; pass <= 2; pass++) {
		lb_list l = { .measure = 8000 };
		box(&l, 4000);
		glue(&l, 500, 500, 500);
		box(&l, 3000);
		penalty(&l, 300, 50, true, pass);
		box(&l, 3000);
		glue(&l, 500, 500, 500);
		box(&l, 2000);
		lb_finish(&l);
		int pi;
		bool fl;
		EXPECT(lb_legal_break(&l, 3, pass, &pi, &fl) && pi == 50 && fl);
		EXPECT(!lb_legal_break(&l, 3, pass - 1, &pi, &fl));
		EXPECT(!lb_legal_break(&l, 2, 3, &pi, &fl));        /* a box */
		EXPECT(lb_legal_break(&l, 1, 1, &pi, &fl) && !fl);  /* glue after a box */
		EXPECT(!lb_legal_break(&l, 7, 3, &pi, &fl));        /* \penalty10000 */
		EXPECT(!lb_legal_break(&l, 8, 3, &pi, &fl));        /* glue after a penalty */
		lb_breaks b;
		EXPECT(lb_total_fit(&l, 1, &b) == (pass == 1));
		lb_breaks_free(&b);
		lb_break(&l, 1, &b);
		/* line 1: 7800 with the hyphen, shortfall 200, stretch 500:
		 * r = 118, b = 6: (10 + 6)^2 + 50^2 = 2756; line 2: 100 + 5000 */
		static const size_t want[] = { 3, 9 };
		EXPECT(breaks_are(&b, want, 2));
		EXPECTF(b.demerits == 7856, "%lld", (long long)b.demerits);
		EXPECT(b.pass == pass);
		lb_breaks_free(&b);
		lb_list_free(&l);
	}
}

/* Two hyphenated lines in a row cost the double-hyphen demerits; a third
 * is allowed in the emergency pass only. */
static void
test_hyphen_ladder(void)
{
	lb_list l = { .measure = 1000 };
	for (int i = 0; i < 4; i++) {
		if (i)
			penalty(&l, 0, 50, true, 1);
		box(&l, 1000);
	}
	lb_finish(&l);
	lb_breaks b;
	EXPECT(!lb_total_fit(&l, 2, &b));
	EXPECT(lb_total_fit(&l, 3, &b));
	/* each line exactly full: b = 0; 100 + 2500 per hyphenated line,
	 * + 10000 for the second, + 10000 + 10^8 for the third (too long a
	 * ladder); the last line costs nothing: in the emergency pass the
	 * only active node's way to the end takes TeX's artificial demerits
	 * (§851), feasible or not */
	static const size_t want[] = { 1, 3, 5, 9 };
	EXPECT(breaks_are(&b, want, 4));
	EXPECTF(b.demerits == 3 * 2600 + 10000 + 10000 + 100000000, "%lld",
	    (long long)b.demerits);
	EXPECT(b.pass == 3);
	lb_breaks_free(&b);
	lb_list_free(&l);
}

/* Nothing fits: the emergency pass still ends the paragraph, with an
 * overfull line (artificial demerits) rather than none. Its emergency
 * stretch makes a loose line acceptable that pass 2 refused. */
static void
test_emergency(void)
{
	lb_list l = { .measure = 8000 };
	box(&l, 12000);
	lb_finish(&l);
	lb_breaks b;
	EXPECT(!lb_total_fit(&l, 1, &b) && !lb_total_fit(&l, 2, &b));
	lb_break(&l, 1, &b);
	static const size_t one[] = { 3 };
	EXPECT(b.pass == 3 && breaks_are(&b, one, 1) && b.demerits == 0);
	lb_breaks_free(&b);
	lb_list_free(&l);

	lb_list m = { .measure = 10000, .emergency_stretch = 30000 };
	box(&m, 3000);
	glue(&m, 500, 100, 100);
	box(&m, 3000);
	glue(&m, 500, 100, 100);
	box(&m, 8000);
	lb_finish(&m);
	lb_break(&m, 1, &b);
	/* "3000 3000" is 6500 wide with 100 of stretch: only with the 30000
	 * of emergency stretch (r = 3500 * 297 / 30100 = 34, b = 0): 100; the
	 * last line, the only way to the end, artificial: 0 */
	static const size_t two[] = { 3, 7 };
	EXPECT(b.pass == 3 && breaks_are(&b, two, 2));
	EXPECTF(b.demerits == 100, "%lld", (long long)b.demerits);
	lb_breaks_free(&b);
	lb_list_free(&m);
}

/* Widths beyond int32: a box of 2^40 sp and lines far wider than 2^31
 * are measured exactly. */
static void
test_wide_items(void)
{
	lb_list l = { .measure = ((int64_t)1 << 32) + ((int64_t)1 << 28) }; /* two boxes and a glue */
	for (int i = 0; i < 8; i++) {
		if (i)
			glue(&l, (int64_t)1 << 28, (int64_t)1 << 27, (int64_t)1 << 27);
		box(&l, (int64_t)1 << 31);
	}
	lb_finish(&l);
	lb_fit f = lb_measure(&l, SIZE_MAX, l.n - 1);
	EXPECT(f.natural == 8 * ((int64_t)1 << 31) + 7 * ((int64_t)1 << 28));
	lb_breaks b;
	lb_break(&l, 1, &b);
	EXPECTF(b.n == 4 && b.pass <= 2, "%zu lines, pass %d", b.n, b.pass);
	lb_breaks_free(&b);
	lb_list_free(&l);
}

int
main(void)
{
	RUN(test_known_optimum);
	RUN(test_forced_break);
	RUN(test_hyphen_demerits);
	RUN(test_hyphen_ladder);
	RUN(test_emergency);
	RUN(test_wide_items);
	UNIT_EXIT();
}
