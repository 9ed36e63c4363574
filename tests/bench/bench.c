/* bench.c: `make bench`: speed and quality of the typesetting engine.
 * Speed: a long synthetic report (the real source's paragraphs from
 * tests/data/paras.txt, repeated) at the report's settings (Liberation Sans
 * 11 pt on 14 pt, 165 mm measure, justified, hyphenated, German) set through
 * ts_flow into a ts_layout (no PDF), at least 500 pages, and the same input ten
 * times over. Quality: the real paragraphs set once at 165 mm, and the
 * report pages of Vorlage 18/1828 as the program lays them out (source,
 * template, composer: the same box dump as `vorlage layout`). Figures are
 * printed, not asserted. */
#include "compose/compose.h"
#include "front/front.h"
#include "base/base.h"
#include "engine/engine.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

static const char *const FONTS[TS_NFACES] = {
	"fonts/LiberationSans-Regular.ttf", "fonts/LiberationSans-Bold.ttf",
	"fonts/LiberationSans-Italic.ttf", "fonts/LiberationSans-BoldItalic.ttf",
};

static char **paras;
static size_t nparas;

static double
now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static ts_para_style
body_style(void)
{
	ts_para_style st;
	memset(&st, 0, sizeof st);
	st.measure = ts_mm(165);
	st.leading = TS_PT(14);
	st.align = TS_JUSTIFY;
	st.hyphenate = true;
	st.expand = 20; /* the templates' font expansion: 2 % */
	st.space_after = TS_PT(6);
	return st;
}

/* Sets reps copies of the paragraphs; returns pages, lines in *lines. */
static size_t
report(const ts_engine *e, size_t reps, size_t *lines)
{
	ts_layout *doc = ts_layout_new(ts_mm(210), ts_mm(297), FONTS);
	ts_frame fr = { ts_mm(25), ts_mm(27), ts_mm(165), ts_mm(240) };
	ts_flow *f = ts_flow_new(e, doc, fr);
	ts_para_style st = body_style();
	for (size_t r = 0; r < reps; r++)
		for (size_t p = 0; p < nparas; p++) {
			if (p % 8 == 0) {
				ts_para_style hs = st;
				hs.keep_with_next = true;
				hs.space_before = TS_PT(12);
				hs.align = TS_LEFT;
				hs.hyphenate = false;
				ts_run h = { .text = "Gemeinsame Erklärung", .len = 21, .face = TS_BOLD, .size = TS_PT(11), .lang = "de" };
				ts_flow_outline(f, "Gemeinsame Erklärung", 1);
				ts_flow_para(f, &h, 1, &hs);
			}
			ts_run run = { .text = paras[p], .len = strlen(paras[p]), .face = TS_REGULAR, .size = TS_PT(11), .lang = "de" };
			ts_flow_para(f, &run, 1, &st);
		}
	ts_flow_finish(f, NULL, NULL);
	size_t pages = doc->npages;
	*lines = doc->nstats;
	ts_layout_free(doc);
	return pages;
}

static void
quality(const ts_engine *e)
{
	arena *a = arena_new();
	ts_para_style st = body_style();
	double s1 = 0, s2 = 0, mx = 0;
	long n = 0;
	int run = 0, maxrun = 0, nhyph = 0, over = 0, total = 0, passes[4] = { 0, 0, 0, 0 };
	for (size_t p = 0; p < nparas; p++) {
		ts_run r = { .text = paras[p], .len = strlen(paras[p]), .face = TS_REGULAR, .size = TS_PT(11), .lang = "de" };
		ts_lines L;
		ts_para_break(e, a, &r, 1, &st, &L);
		passes[L.pass & 3]++;
		run = 0;
		for (size_t i = 0; i < L.nlines; i++) {
			const ts_line *ln = &L.lines[i];
			total++;
			if (ln->hyphenated) {
				nhyph++;
				if (++run > maxrun)
					maxrun = run;
			} else {
				run = 0;
			}
			over += ln->overfull;
			if (ln->justified && ln->nspaces > 0) {
				double em = (double)ln->space / ln->size;
				s1 += em;
				s2 += em * em;
				n++;
				if (em > mx)
					mx = em;
			}
		}
	}
	double mean = n ? s1 / n : 0, sd = n ? sqrt(s2 / n - mean * mean) : 0;
	printf("quality (%zu paragraphs at 165 mm, 11 pt, %d lines, %ld justified):\n", nparas, total, n);
	printf("  inter-word space: mean %.4f em, std dev %.4f em (target <= 0.05; TeX 0.062), max %.4f em (target <= 0.45)\n",
	    mean, sd, mx);
	printf("  hyphenated lines: %d, longest run %d (target <= 2); overfull lines: %d (target 0)\n",
	    nhyph, maxrun, over);
	printf("  paragraphs by pass: 1: %d, 2: %d, 3 (emergency): %d\n", passes[1], passes[2], passes[3]);
	arena_free(a);
}

/* The figures of the real document's report pages (page 2 on), read off
 * the laid-out document's line records. */
static void
document_quality(void)
{
	diag d;
	diag_init(&d, "bench", stderr);
	arena *a = arena_new();
	vl_doc *doc = vl_load("xml/vorlage-18-1828.xml", res_path(a, "xml/vorlage.xsd"), &d);
	vl_template *t = tpl_load(res_path(a, "templates/landtag-nrw.xml"),
	    res_path(a, "templates/template.xsd"), &d);
	hyph *h = hyph_new();
	ts_engine *e = NULL;
	if (doc && t) {
		for (size_t i = 0; i < t->nhyph; i++)
			hyph_add_language(h, t->hyph[i].lang, t->hyph[i].path, &d);
		e = ts_engine_new(t->fonts, NULL, h, &d);
	}
	ts_layout *out = e ? compose_vorlage(doc, t, e, &d) : NULL;
	if (out) {
		double s1 = 0, s2 = 0, mx = 0;
		long n = 0;
		int run = 0, maxrun = 0, over = 0, hyph_lines = 0, lines = 0;
		for (size_t i = 0; i < out->nstats; i++) {
			const ts_line_stat *st = &out->stats[i];
			if (st->page < 1)
				continue; /* the cover letter */
			lines++;
			run = st->hyphenated ? run + 1 : 0;
			maxrun = run > maxrun ? run : maxrun;
			hyph_lines += st->hyphenated;
			over += st->overfull;
			if (st->justified && st->nspaces > 0) {
				double em = (double)st->space / st->size;
				s1 += em;
				s2 += em * em;
				mx = em > mx ? em : mx;
				n++;
			}
		}
		double mean = n ? s1 / n : 0, sd = n ? sqrt(s2 / n - mean * mean) : 0;
		printf("quality of Vorlage 18/1828's report pages (templates/landtag-nrw.xml: %zu pages, %d lines, %ld justified):\n",
		    out->npages - 1, lines, n);
		printf("  inter-word space: mean %.4f em, std dev %.4f em (target <= 0.05; TeX 0.062), max %.4f em (target <= 0.45)\n",
		    mean, sd, mx);
		printf("  hyphenated lines: %d, longest run %d (target <= 2); overfull lines: %d (target 0)\n",
		    hyph_lines, maxrun, over);
	} else {
		printf("quality of Vorlage 18/1828: cannot lay it out (see the messages)\n");
	}
	ts_layout_free(out);
	ts_engine_free(e);
	hyph_free(h);
	tpl_free(t);
	vl_doc_free(doc);
	arena_free(a);
}

int
main(void)
{
	FILE *fp = fopen("tests/data/paras.txt", "r");
	if (!fp) {
		perror("tests/data/paras.txt");
		return 2;
	}
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	while ((len = getline(&line, &cap, fp)) > 0) {
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (len == 0)
			continue;
		paras = realloc(paras, (nparas + 1) * sizeof *paras);
		paras[nparas++] = strdup(line);
	}
	free(line);
	fclose(fp);

	diag d;
	diag_init(&d, "bench", stderr);
	hyph *h = hyph_new();
	if (hyph_add_language(h, "de", "build/share/hyph_de_DE.dic", &d) != 0)
		return 2;
	ts_engine *e = ts_engine_new(FONTS, NULL, h, &d);
	if (!e)
		return 2;

	document_quality();
	quality(e);

	size_t lines1;
	size_t pages1 = report(e, 10, &lines1); /* pages of 10 copies */
	size_t reps = (5000 + pages1 - 1) / pages1 + 1;
	double t0 = now();
	size_t lines, pages = report(e, reps, &lines);
	double t1 = now();
	size_t lines10, pages10 = report(e, 10 * reps, &lines10);
	double t2 = now();
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	printf("speed: %zu copies of the paragraphs: %zu pages, %zu lines in %.3f s: %.0f lines/s, %.1f pages/s\n",
	    reps, pages, lines, t1 - t0, (double)lines / (t1 - t0), (double)pages / (t1 - t0));
	printf("  10x input: %zu pages, %zu lines in %.3f s; time(10x)/time(1x) = %.2f (linear: 10)\n",
	    pages10, lines10, t2 - t1, (t2 - t1) / (t1 - t0));
	printf("  peak memory (ru_maxrss): %ld KiB\n", ru.ru_maxrss);

	ts_engine_free(e);
	hyph_free(h);
	for (size_t i = 0; i < nparas; i++)
		free(paras[i]);
	free(paras);
	return 0;
}
