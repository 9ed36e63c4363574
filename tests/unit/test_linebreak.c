/* test_linebreak.c: Knuth-Plass line breaking (src/engine/linebreak.c). */
#include "engine/engine.h"
#include "unit.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *const FONTS[TS_NFACES] = {
	"fonts/LiberationSans-Regular.ttf", "fonts/LiberationSans-Bold.ttf",
	"fonts/LiberationSans-Italic.ttf", "fonts/LiberationSans-BoldItalic.ttf",
};

static diag D;
static hyph *H;
static ts_engine *E;
static char **paras;
static size_t nparas;

static void
load_paras(void)
{
	FILE *f = fopen("tests/data/paras.txt", "r");
	if (!f) {
		perror("tests/data/paras.txt");
		exit(1);
	}
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	while ((n = getline(&line, &cap, f)) > 0) {
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if (n == 0)
			continue;
		paras = realloc(paras, (nparas + 1) * sizeof *paras);
		paras[nparas++] = strdup(line);
	}
	free(line);
	fclose(f);
	if (nparas == 0) {
		fprintf(stderr, "tests/data/paras.txt: no paragraphs\n");
		exit(1);
	}
}

static ts_para_style
style(ts_sp measure, enum ts_align al, bool hy)
{
	ts_para_style st;
	memset(&st, 0, sizeof st);
	st.measure = measure;
	st.leading = TS_PT(14);
	st.align = al;
	st.hyphenate = hy;
	return st;
}

static void
brk(arena *a, const char *text, ts_sp size, const ts_para_style *st, ts_lines *out)
{
	ts_run r = { .text = text, .len = strlen(text), .face = TS_REGULAR, .size = size, .lang = "de" };
	ts_para_break(E, a, &r, 1, st, out);
}

/* The breaks of a paragraph, as the number of items per line. */
static void
test_total_fit_by_hand(void)
{
	/* At size 2048 sp (= the font's units per em) every width in sp is the
	 * width in font units: n = 1139, i = 455, space = 569, so the glue is
	 * 569 stretch 284 shrink 284 (1/2 and 1/2, truncated). Measure 7869. */
	arena *a = arena_new();
	const char *text = "n iinn iin i nniii nini n";
	ts_para_style st = style(7869, TS_JUSTIFY, false);
	ts_lines kp, gr;
	brk(a, text, 2048, &st, &kp);
	ts_run r = { .text = text, .len = strlen(text), .face = TS_REGULAR, .size = 2048, .lang = "de" };
	ts_para_break_greedy(E, a, &r, 1, &st, &gr);
	/* Total fit: "n iinn iin" / "i nniii nini" / "n".
	 * Line 1: 1139 + 3188 + 2049 + 2*569 = 7514, shortfall 355, stretch 568:
	 *   r = 355*297/568 = 185, b = (185^3 + 2^17) / 2^18 = 6462697/262144 = 24
	 *   loose (b > 12); d = (10 + 24)^2 = 1156; from decent: no adj.
	 * Line 2: 455 + 3643 + 3188 + 2*569 = 8424, shortfall -555, shrink 568:
	 *   r = 555*297/568 = 290, b = (290^3 + 2^17) / 2^18 = 24520072/262144 = 93
	 *   tight; d = (10 + 93)^2 = 10609, + 10000 (tight after loose) = 20609.
	 * Line 3: the last, \parfillskip: b = 0, decent; d = 10^2 = 100.
	 * Total 1156 + 20609 + 100 = 21865. */
	EXPECT(kp.pass == 1);
	EXPECTF(kp.nlines == 3, "%zu lines", kp.nlines);
	EXPECTF(kp.demerits == 21865, "%ld", kp.demerits);
	if (kp.nlines == 3) {
		EXPECT(kp.lines[0].natural == 7514 && kp.lines[0].nitems == 3);
		EXPECT(kp.lines[1].natural == 8424 && kp.lines[1].nitems == 3);
		EXPECT(kp.lines[0].width == 7869 && kp.lines[1].width == 7869);
		EXPECT(kp.lines[2].nitems == 1 && !kp.lines[2].justified);
	}
	/* First fit takes "n iinn iin i" (8538, shrink 852: r = 233, b = 48, tight,
	 * d = 58^2 = 3364), then "nniii nini" (7400, stretch 284: r = 490,
	 * b = 449, very loose, d = 459^2 + 10000 = 220681), then "n" (d = 100 +
	 * 10000 after very loose) = 234145: ten times worse. */
	EXPECTF(gr.nlines == 3, "%zu", gr.nlines);
	EXPECTF(gr.demerits == 234145, "%ld", gr.demerits);
	if (gr.nlines == 3)
		EXPECT(gr.lines[0].nitems == 4 && gr.lines[0].natural == 8538);
	arena_free(a);
}

static void
test_measures(void)
{
	if (!nparas) {
		EXPECTF(0, "tests/data/paras.txt missing");
		return;
	}
	arena *a = arena_new();
	size_t bad = 0, overfull = 0, lines = 0;
	for (int mm = 20; mm <= 180; mm += 5) {
		ts_sp m = ts_mm(mm);
		for (size_t p = 0; p < nparas; p++) {
			ts_para_style st = style(m, TS_JUSTIFY, true);
			ts_lines L;
			brk(a, paras[p], TS_PT(11), &st, &L);
			EXPECT(L.nlines > 0);
			for (size_t i = 0; i < L.nlines; i++) {
				const ts_line *ln = &L.lines[i];
				lines++;
				if (ln->overfull) {
					/* never: long words and tied groups give way in
					 * the emergency pass */
					overfull++;
					printf("  %d mm: overfull line %zu of paragraph %zu\n", mm, i, p);
					continue;
				}
				bool b0 = ln->width > m;
				/* justified lines fill the measure exactly */
				b0 |= ln->justified && ln->nspaces > 0 && ln->width != m;
				b0 |= i + 1 == L.nlines && ln->justified; /* the last line is ragged */
				if (b0) {
					bad++;
					printf("  %d mm: line %zu of paragraph %zu: width %d\n", mm, i, p, ln->width);
				}
				/* items lie within the line, in order */
				for (size_t k = 0; k < ln->nitems; k++)
					if (ln->items[k].x < 0 || ln->items[k].x + ln->items[k].w > m ||
					    (k && ln->items[k].x < ln->items[k - 1].x))
						bad++;
			}
		}
		arena_free(a);
		a = arena_new();
	}
	EXPECTF(bad == 0, "%zu bad lines of %zu", bad, lines);
	EXPECTF(overfull == 0, "%zu overfull of %zu", overfull, lines);
	arena_free(a);
}

/* Recomputes the demerits of a paragraph set in one face and size from its
 * lines, with the documented parameters: the hyphen penalty must be in. */
static long
recompute(const ts_lines *L, ts_sp measure, ts_sp space)
{
	long total = 0;
	int prev_fit = 2;
	bool prev_h = false;
	for (size_t i = 0; i < L->nlines; i++) {
		const ts_line *ln = &L->lines[i];
		long st = (long)ln->nspaces * (space / 2), sh = st;
		long t = (long)measure - ln->natural;
		int b, fit;
		bool last = i + 1 == L->nlines;
		if (last && t >= 0) {
			b = 0;
			fit = 2;
		} else {
			long s = t > 0 ? st : sh, u = t > 0 ? t : -t;
			long r = s <= 0 ? 100000 : u * 297 / s;
			b = t == 0 ? 0 : r > 1290 ? 10000 : (int)((r * r * r + 0x20000) / 0x40000);
			fit = t > 0 ? (b > 99 ? 0 : b > 12 ? 1 : 2) : (b > 12 ? 3 : 2);
		}
		long d = (10 + b) * (long)(10 + b);
		if (ln->hyphenated)
			d += 50 * 50;
		if (prev_h && (ln->hyphenated || last))
			d += last ? 5000 : 10000;
		if (abs(fit - prev_fit) > 1)
			d += 10000;
		total += d;
		prev_fit = fit;
		prev_h = ln->hyphenated;
	}
	return total;
}

static void
test_hyphens(void)
{
	arena *a = arena_new();
	const ts_font *f = ts_engine_font(E, TS_REGULAR);
	ts_sp size = TS_PT(11);
	ts_sp space = (ts_sp)((int64_t)font_advance(f, font_glyph(f, ' ')) * size / font_units_per_em(f));
	size_t hyphenated = 0, checked = 0;
	for (size_t p = 0; p < nparas; p++) {
		ts_para_style st = style(ts_mm(80), TS_JUSTIFY, true);
		ts_lines L;
		brk(a, paras[p], size, &st, &L);
		for (size_t i = 0; i < L.nlines; i++) {
			const ts_line *ln = &L.lines[i];
			if (!ln->hyphenated || !ln->nitems)
				continue;
			hyphenated++;
			const ts_item *it = &ln->items[ln->nitems - 1];
			char c = it->len ? it->text[it->len - 1] : 0;
			/* an added hyphen, or the word's own '-', '/', '–' */
			EXPECTF(c == '-' || c == '/' || (unsigned char)c == 0x93,
			    "line ends with %.*s", (int)it->len, it->text);
		}
		if (L.pass == 2) {
			checked++;
			EXPECTF(recompute(&L, st.measure, space) == L.demerits,
			    "paragraph %zu: %ld != %ld", p, recompute(&L, st.measure, space), L.demerits);
		}
	}
	EXPECT(hyphenated > 10);
	EXPECT(checked > 3);
	/* no hyphenation when the style says no (at 60 mm every word fits: a
	 * word wider than the line would still be broken, see test_edges) */
	ts_para_style st = style(ts_mm(60), TS_JUSTIFY, false);
	ts_lines L;
	brk(a, "Partnerschaftserklärungen Regierungskonsultation Landesregierung", TS_PT(11), &st, &L);
	for (size_t i = 0; i < L.nlines; i++)
		EXPECT(!L.lines[i].hyphenated);
	arena_free(a);
}

static void
test_ties(void)
{
	arena *a = arena_new();
	char text[4000] = "";
	for (int i = 0; i < 40; i++)
		strcat(text, i % 2 ? "Das gilt z. B. hier. " : "Am 18. Oktober z. B. dort und\xc2\xa0so. ");
	for (int mm = 20; mm <= 100; mm += 5) {
		ts_para_style st = style(ts_mm(mm), TS_JUSTIFY, true);
		ts_lines L;
		brk(a, text, TS_PT(11), &st, &L);
		for (size_t i = 0; i < L.nlines; i++) {
			const ts_line *ln = &L.lines[i];
			const ts_item *it = ln->nitems ? &ln->items[ln->nitems - 1] : NULL;
			if (!it)
				continue;
			EXPECTF(!(it->len == 2 && !memcmp(it->text, "z.", 2)), "z. B. split at %d mm", mm);
			EXPECTF(!(it->len == 3 && !memcmp(it->text, "18.", 3)), "18. Oktober split");
			EXPECTF(!(it->len == 3 && !memcmp(it->text, "und", 3)), "U+00A0 broken");
		}
	}
	arena_free(a);
}

static void
test_kerning(void)
{
	arena *a = arena_new();
	const ts_font *f = ts_engine_font(E, TS_REGULAR);
	int k = font_kern(f, font_glyph(f, 'T'), font_glyph(f, 'o'));
	ts_para_style st = style(ts_mm(100), TS_LEFT, false);
	ts_lines L;
	brk(a, "Tor", TS_PT(10), &st, &L);
	EXPECT(L.nlines == 1);
	if (k != 0 && L.nlines == 1) {
		const ts_line *ln = &L.lines[0];
		EXPECTF(ln->nitems == 2, "%zu items", ln->nitems);
		if (ln->nitems == 2) {
			EXPECT(ln->items[0].len == 1 && ln->items[1].len == 2);
			ts_sp kern = (ts_sp)((int64_t)k * TS_PT(10) / font_units_per_em(f));
			EXPECT(ln->items[1].x == ln->items[0].w + kern);
			EXPECT(ts_text_width(E, TS_REGULAR, TS_PT(10), "Tor", 3) ==
			    ln->items[1].x + ln->items[1].w);
		}
	}
	/* a word over two runs is one word: kerned, one token, no space */
	ts_run r2[2] = { { .text = "T", .len = 1, .face = TS_REGULAR, .size = TS_PT(10), .lang = "de" },
		{ .text = "or.", .len = 3, .face = TS_REGULAR, .size = TS_PT(10), .lang = "de" } };
	ts_para_break(E, a, r2, 2, &st, &L);
	EXPECT(L.nlines == 1 && L.lines[0].nspaces == 0);
	arena_free(a);
}

static void
test_edges(void)
{
	arena *a = arena_new();
	ts_lines L;
	ts_para_style st = style(ts_mm(20), TS_JUSTIFY, true);
	brk(a, "", TS_PT(11), &st, &L);
	EXPECT(L.nlines == 0);
	brk(a, "   ", TS_PT(11), &st, &L);
	EXPECT(L.nlines == 0);
	ts_para_break(E, a, NULL, 0, &st, &L);
	EXPECT(L.nlines == 0);
	/* one enormous word without break points: wider than the line, so the
	 * emergency pass breaks it after any letter, with a hyphen; no line
	 * sticks out */
	char big[400];
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	brk(a, big, TS_PT(11), &st, &L);
	EXPECT(L.nlines > 10 && L.pass == 3);
	for (size_t i = 0; i < L.nlines; i++) {
		const ts_line *ln = &L.lines[i];
		EXPECT(!ln->overfull);
		if (i + 1 < L.nlines)
			EXPECT(ln->hyphenated && ln->nitems &&
			    ln->items[ln->nitems - 1].text[0] == '-');
	}
	/* ... and in the middle of text: the words around it stay whole */
	char text[600];
	snprintf(text, sizeof text, "ein Wort %s und noch mehr Worte danach hier", big);
	brk(a, text, TS_PT(11), &st, &L);
	size_t over = 0;
	for (size_t i = 0; i < L.nlines; i++)
		over += L.lines[i].overfull;
	EXPECT(over == 0 && L.nlines > 10);
	/* a group of words tied together and wider than the line gives way at
	 * its ties in the emergency pass; at a measure where it fits, it stays
	 * together */
	ts_para_style narrow = style(ts_mm(12), TS_JUSTIFY, true);
	brk(a, "am 25. - 27. September", TS_PT(11), &narrow, &L);
	over = 0;
	for (size_t i = 0; i < L.nlines; i++)
		over += L.lines[i].overfull;
	EXPECT(over == 0 && L.nlines >= 3 && L.pass == 3);
	ts_para_style wide = style(ts_mm(45), TS_JUSTIFY, true);
	brk(a, "Vom 25. - 27. September tagte er dort", TS_PT(11), &wide, &L);
	bool split = false;
	for (size_t i = 0; i + 1 < L.nlines; i++) {
		const ts_line *ln = &L.lines[i];
		const ts_item *last = ln->nitems ? &ln->items[ln->nitems - 1] : NULL;
		split |= last && ((last->len == 3 && !memcmp(last->text, "25.", 3)) ||
		    (last->len == 1 && last->text[0] == '-') || (last->len == 3 && !memcmp(last->text, "27.", 3)));
	}
	EXPECT(!split);
	/* a long word with hyphenation points fits at 20 mm */
	brk(a, "Donaudampfschifffahrtsgesellschaftskapitänsmützenabzeichen", TS_PT(11), &st, &L);
	for (size_t i = 0; i < L.nlines; i++)
		EXPECT(!L.lines[i].overfull);
	EXPECT(L.nlines > 2);
	/* ragged right: natural spaces, lines start at 0 */
	st = style(ts_mm(60), TS_LEFT, true);
	brk(a, paras[0], TS_PT(11), &st, &L);
	for (size_t i = 0; i < L.nlines; i++) {
		EXPECT(!L.lines[i].justified && L.lines[i].width <= st.measure);
		EXPECT(L.lines[i].nitems && L.lines[i].items[0].x == 0);
	}
	st.align = TS_RIGHT;
	brk(a, paras[0], TS_PT(11), &st, &L);
	for (size_t i = 0; i < L.nlines; i++) {
		const ts_line *ln = &L.lines[i];
		const ts_item *it = &ln->items[ln->nitems - 1];
		EXPECT(it->x + it->w == st.measure);
	}
	arena_free(a);
}

static void
test_long(void)
{
	arena *a = arena_new();
	size_t cap = 5000 * 16, len = 0;
	char *text = malloc(cap);
	size_t words = 0;
	for (size_t p = 0; words < 5000; p = (p + 1) % nparas) {
		const char *s = paras[p];
		for (const char *q = s; *q; q++)
			words += *q == ' ';
		size_t n = strlen(s);
		if (len + n + 2 > cap)
			text = realloc(text, cap = 2 * (len + n + 2));
		memcpy(text + len, s, n);
		len += n;
		text[len++] = ' ';
	}
	text[len] = '\0';
	ts_para_style st = style(ts_mm(165), TS_JUSTIFY, true);
	ts_lines L;
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	brk(a, text, TS_PT(11), &st, &L);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	EXPECT(L.nlines > 300);
	EXPECTF(s < 10, "%.2f s", s);
	for (size_t i = 0; i < L.nlines; i++)
		EXPECT(!L.lines[i].overfull);
	free(text);
	arena_free(a);
}

/* Font expansion: every justified line still fills the measure to the
 * scaled point, its glyphs are expanded by at most the limit and all by the
 * same amount, and the spaces vary less than without expansion. */
static void
test_expansion(void)
{
	if (!nparas) {
		EXPECTF(0, "tests/data/paras.txt missing");
		return;
	}
	arena *a = arena_new();
	double var[2] = { 0, 0 };
	for (int ex = 0; ex <= 20; ex += 20) {
		double s1 = 0, s2 = 0;
		size_t n = 0, bad = 0, expanded = 0;
		for (size_t p = 0; p < nparas; p++) {
			ts_para_style st = style(ts_mm(165), TS_JUSTIFY, true);
			st.expand = ex;
			ts_lines L;
			brk(a, paras[p], TS_PT(11), &st, &L);
			for (size_t i = 0; i < L.nlines; i++) {
				const ts_line *ln = &L.lines[i];
				if (ln->expand < -ex || ln->expand > ex || ln->overfull)
					bad++;
				for (size_t k = 0; k < ln->nitems; k++)
					if (ln->items[k].expand != ln->expand)
						bad++;
				if (!ln->justified || ln->nitems == 0)
					continue;
				const ts_item *last = &ln->items[ln->nitems - 1];
				if (last->x + last->w != st.measure)
					bad++;
				expanded += ln->expand != 0;
				double em = (double)ln->space / ln->size;
				s1 += em;
				s2 += em * em;
				n++;
			}
		}
		EXPECTF(bad == 0, "expand %d: %zu bad lines", ex, bad);
		EXPECT(n > 100);
		if (ex)
			EXPECTF(expanded > n / 2, "%zu of %zu lines expanded", expanded, n);
		else
			EXPECT(expanded == 0);
		var[ex != 0] = s2 / (double)n - (s1 / (double)n) * (s1 / (double)n);
	}
	EXPECTF(var[1] < var[0] * 0.6, "variance %g with expansion, %g without", var[1], var[0]);
	arena_free(a);
}

/* Widths beyond the range of int32 (2^31 sp = 32 768 pt): a word of 5 000
 * "W" at 11 pt is 52 000 pt wide, 6 000 digits 36 700 pt. Each is broken by
 * force over many full lines, none overfull, no letter lost; with font
 * expansion too (the templates'), and at 100 pt. */
static void
test_overflow(void)
{
	static const struct { char c; size_t n; ts_sp size; int expand; } cases[] = {
		{ 'W', 5000, TS_PT(11), 0 }, { 'W', 5000, TS_PT(11), 20 },
		{ '7', 6000, TS_PT(11), 20 }, { 'M', 3000, TS_PT(100), 20 },
	};
	arena *a = arena_new();
	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		size_t n = cases[c].n;
		char *text = malloc(n + 16);
		memcpy(text, "Ein ", 4);
		memset(text + 4, cases[c].c, n);
		memcpy(text + 4 + n, " Ende.", 7);
		ts_para_style st = style(ts_mm(165), TS_JUSTIFY, true);
		st.expand = cases[c].expand;
		ts_lines L;
		brk(a, text, cases[c].size, &st, &L);
		size_t letters = 0, over = 0;
		for (size_t i = 0; i < L.nlines; i++) {
			const ts_line *ln = &L.lines[i];
			over += ln->overfull || ln->width > st.measure;
			for (size_t k = 0; k < ln->nitems; k++) {
				const ts_item *it = &ln->items[k];
				over += it->x < 0 || it->x + it->w > st.measure;
				for (size_t j = 0; j < it->len; j++)
					letters += it->text[j] == cases[c].c;
			}
		}
		EXPECTF(over == 0 && letters == n && L.pass == 3 && L.nlines > 10,
		    "%zu × '%c' at %d pt, expansion %d: %zu lines, %zu overfull, %zu letters set",
		    n, cases[c].c, cases[c].size / TS_UNIT, cases[c].expand, L.nlines, over, letters);
		free(text);
	}
	char w[5001];
	memset(w, 'W', 5000);
	EXPECT(ts_text_width(E, TS_REGULAR, TS_PT(11), w, 5000) == INT32_MAX);
	arena_free(a);
}

int
main(void)
{
	diag_init(&D, "test_linebreak", NULL); /* the forced-break warnings are expected */
	H = hyph_new();
	hyph_add_language(H, "de", "build/share/hyph_de_DE.dic", &D);
	hyph_add_language(H, "en", "build/share/hyph_en_US.dic", &D);
	E = ts_engine_new(FONTS, NULL, H, &D);
	if (!E) {
		printf("FAIL engine: fonts missing\n");
		return 1;
	}
	load_paras();
	RUN(test_total_fit_by_hand);
	RUN(test_measures);
	RUN(test_hyphens);
	RUN(test_ties);
	RUN(test_kerning);
	RUN(test_edges);
	RUN(test_long);
	RUN(test_expansion);
	RUN(test_overflow);
	for (size_t i = 0; i < nparas; i++)
		free(paras[i]);
	free(paras);
	ts_engine_free(E);
	hyph_free(H);
	UNIT_EXIT();
}
