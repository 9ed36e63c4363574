/* test_flow.c: page breaking (src/engine/flow.c): orphans, widows, headings kept
 * with what follows, space dropped at the top, forced breaks, bookmarks. */
#include "engine/engine.h"
#include "unit.h"

#include <stdlib.h>
#include <string.h>

static const char *const FONTS[TS_NFACES] = {
	"fonts/LiberationSans-Regular.ttf", "fonts/LiberationSans-Bold.ttf",
	"fonts/LiberationSans-Italic.ttf", "fonts/LiberationSans-BoldItalic.ttf",
};

static diag D;
static ts_engine *E;
static ts_sp ASC, DESC;
#define SIZE TS_PT(11)
#define LEAD TS_PT(14)
#define NLINES 10 /* lines per page */

/* A frame that holds exactly NLINES lines. */
static ts_frame
frame(void)
{
	ts_frame fr = { TS_PT(50), TS_PT(100), TS_PT(50), ASC + DESC + (NLINES - 1) * LEAD };
	return fr;
}

/* A paragraph of k lines: words of 6 n (36.7 pt) in a 50 pt measure. */
static void
para(ts_flow *f, int k, bool keep_next, ts_sp before)
{
	char buf[1024] = "";
	for (int i = 0; i < k; i++)
		strcat(buf, i ? " nnnnnn" : "nnnnnn");
	ts_run r = { .text = buf, .len = strlen(buf), .face = TS_REGULAR, .size = SIZE, .lang = "de" };
	ts_para_style st;
	memset(&st, 0, sizeof st);
	st.leading = LEAD;
	st.align = TS_LEFT;
	st.keep_with_next = keep_next;
	st.space_before = before;
	ts_flow_para(f, &r, 1, &st);
}

/* Number of lines on each page, as "9 5". */
static void
pages(const ts_layout *doc, char *out, size_t cap)
{
	size_t n = 0;
	out[0] = '\0';
	for (size_t p = 0; p < doc->npages; p++) {
		int c = 0;
		for (size_t i = 0; i < doc->nstats; i++)
			c += doc->stats[i].page == p;
		n += (size_t)snprintf(out + n, cap - n, "%s%d", p ? " " : "", c);
	}
}

static ts_layout *
newdoc(void)
{
	return ts_layout_new(TS_PT(200), TS_PT(400), FONTS);
}

static void
test_sanity(void)
{
	ts_layout *doc = newdoc();
	ts_flow *f = ts_flow_new(E, doc, frame());
	para(f, NLINES, false, 0);
	EXPECT(ts_flow_finish(f, NULL, NULL) == 0);
	char s[64];
	pages(doc, s, sizeof s);
	EXPECT_STR(s, "10");
	/* first baseline: frame top + ascender; then one every leading */
	EXPECT(doc->pages[0].items[0].y == frame().y + ASC);
	EXPECT(doc->pages[0].items[1].y == frame().y + ASC + LEAD);
	ts_layout_free(doc);
}

static void
test_orphan(void)
{
	/* 9 lines, then 5: only 1 would fit at the bottom: all 5 move */
	ts_layout *doc = newdoc();
	ts_flow *f = ts_flow_new(E, doc, frame());
	para(f, 9, false, 0);
	ts_flow_outline(f, "second", 1);
	para(f, 5, false, 0);
	size_t lp;
	ts_sp ly;
	ts_flow_finish(f, &lp, &ly);
	char s[64];
	pages(doc, s, sizeof s);
	EXPECT_STR(s, "9 5");
	/* the bookmark points at the paragraph's new page, top of the frame */
	EXPECT(doc->noutline == 1 && doc->outline[0].page == 1 && doc->outline[0].y == frame().y);
	EXPECT(doc->noutline == 1 && doc->outline[0].level == 1);
	EXPECT(lp == 1 && ly == frame().y + ASC + 4 * LEAD);
	ts_layout_free(doc);
}

static void
test_widow(void)
{
	/* 7 lines, then 4: 3 fit but would leave 1 alone: 2 and 2 */
	ts_layout *doc = newdoc();
	ts_flow *f = ts_flow_new(E, doc, frame());
	para(f, 7, false, 0);
	para(f, 4, false, 0);
	ts_flow_finish(f, NULL, NULL);
	char s[64];
	pages(doc, s, sizeof s);
	EXPECT_STR(s, "9 2");
	ts_layout_free(doc);
	/* 8, then 3: a 3-line paragraph moves whole */
	doc = newdoc();
	f = ts_flow_new(E, doc, frame());
	para(f, 8, false, 0);
	para(f, 3, false, 0);
	ts_flow_finish(f, NULL, NULL);
	pages(doc, s, sizeof s);
	EXPECT_STR(s, "8 3");
	ts_layout_free(doc);
	/* a long paragraph over three pages: never 1 line on a page */
	doc = newdoc();
	f = ts_flow_new(E, doc, frame());
	para(f, 21, false, 0);
	ts_flow_finish(f, NULL, NULL);
	pages(doc, s, sizeof s);
	EXPECT_STR(s, "10 9 2");
	ts_layout_free(doc);
}

static void
test_keep_with_next(void)
{
	/* 8 lines, a heading, 5 lines: heading + 2 lines do not fit */
	ts_layout *doc = newdoc();
	ts_flow *f = ts_flow_new(E, doc, frame());
	para(f, 8, false, 0);
	para(f, 1, true, 0);
	para(f, 5, false, 0);
	ts_flow_finish(f, NULL, NULL);
	char s[64];
	pages(doc, s, sizeof s);
	EXPECT_STR(s, "8 6");
	ts_layout_free(doc);
	/* 7 lines: heading + 2 fit */
	doc = newdoc();
	f = ts_flow_new(E, doc, frame());
	para(f, 7, false, 0);
	para(f, 1, true, 0);
	para(f, 5, false, 0);
	ts_flow_finish(f, NULL, NULL);
	pages(doc, s, sizeof s);
	EXPECT_STR(s, "10 3");
	ts_layout_free(doc);
}

static void
test_space_at_top(void)
{
	ts_layout *doc = newdoc();
	ts_flow *f = ts_flow_new(E, doc, frame());
	para(f, 10, false, 0);
	ts_flow_space(f, TS_PT(30));
	para(f, 2, false, TS_PT(20));
	para(f, 2, false, TS_PT(20));
	ts_flow_finish(f, NULL, NULL);
	char s[64];
	pages(doc, s, sizeof s);
	EXPECT_STR(s, "10 4");
	if (doc->npages == 2) {
		const ts_page *p = &doc->pages[1];
		EXPECT(p->items[0].y == frame().y + ASC);
		/* between paragraphs: space_before + leading */
		EXPECT(p->items[2].y == frame().y + ASC + LEAD + TS_PT(20) + LEAD);
	}
	ts_layout_free(doc);
}

static void
test_page_break(void)
{
	ts_layout *doc = newdoc();
	ts_flow *f = ts_flow_new(E, doc, frame());
	ts_flow_page_break(f); /* at the top of a page: nothing */
	para(f, 2, false, 0);
	ts_flow_page_break(f);
	ts_flow_outline(f, "B", 0);
	para(f, 2, false, 0);
	ts_flow_page_break(f);
	ts_flow_page_break(f);
	size_t first = ts_flow_finish(f, NULL, NULL);
	char s[64];
	pages(doc, s, sizeof s);
	EXPECT_STR(s, "2 2 0");
	EXPECT(first == 0);
	EXPECT(doc->noutline == 1 && doc->outline[0].page == 1);
	ts_layout_free(doc);
}

static void
test_flow_at(void)
{
	/* a flow that starts at y = 300 pt on an existing page: 2 lines there
	 * (the frame's bottom is 100 + ASC + DESC + 9 LEAD), then new pages */
	ts_layout *doc = newdoc();
	size_t p0 = ts_layout_add_page(doc);
	ts_frame fr = frame();
	ts_sp y = fr.y + fr.h - ASC - DESC - LEAD;
	ts_flow *f = ts_flow_new_at(E, doc, fr, p0, y);
	para(f, 4, false, TS_PT(5));
	para(f, 5, false, 0);
	size_t lp;
	ts_sp ly;
	size_t first = ts_flow_finish(f, &lp, &ly);
	char s[64];
	pages(doc, s, sizeof s);
	EXPECT_STR(s, "2 7");
	EXPECT(first == 1);
	EXPECT(doc->pages[0].items[0].y == y + ASC);
	EXPECT(lp == 1 && ly == fr.y + ASC + 6 * LEAD);
	ts_layout_free(doc);
}

static void
test_keep_together(void)
{
	ts_layout *doc = newdoc();
	ts_flow *f = ts_flow_new(E, doc, frame());
	para(f, 5, false, 0);
	char buf[] = "nnnnnn nnnnnn nnnnnn nnnnnn nnnnnn nnnnnn";
	ts_run r = { .text = buf, .len = strlen(buf), .face = TS_REGULAR, .size = SIZE, .lang = "de" };
	ts_para_style st;
	memset(&st, 0, sizeof st);
	st.leading = LEAD;
	st.align = TS_LEFT;
	st.keep_together = true;
	ts_flow_para(f, &r, 1, &st);
	ts_flow_finish(f, NULL, NULL);
	char s[64];
	pages(doc, s, sizeof s);
	EXPECT_STR(s, "5 6");
	ts_layout_free(doc);
}

static void
test_dump(void)
{
	ts_layout *doc = newdoc();
	ts_flow *f = ts_flow_new(E, doc, frame());
	ts_flow_outline(f, "T\"x", 0);
	para(f, 2, false, 0);
	ts_flow_finish(f, NULL, NULL);
	ts_layout_add_label(doc, 0, "Bericht ", TS_LABEL_DECIMAL, 1);
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);
	ts_layout_dump(doc, m);
	fclose(m);
	EXPECT(strstr(buf, "doc 13107200 26214400 pages 1\npage 0 items 2\n  text ") == buf);
	EXPECT(strstr(buf, "face regular size 720896 \"nnnnnn\"\n") != NULL);
	EXPECT(strstr(buf, "outline 0 page 0 y 6553600 \"T\\\"x\"\n") != NULL);
	EXPECT(strstr(buf, "label 0 \"Bericht \" decimal 1\n") != NULL);
	/* the flow's one paragraph, its two lines */
	EXPECT(strstr(buf, "line 0 para 1 1/2 size 720896 space 0 width ") != NULL);
	EXPECT(strstr(buf, "line 0 para 1 2/2 size 720896 space 0 width ") != NULL);
	free(buf);
	ts_layout_free(doc);
}

/* The dump's options: the pages from first_page on, lengths in points
 * with two decimals (half away from zero); the labels stay. */
static void
test_dump_opts(void)
{
	ts_layout *doc = newdoc();
	ts_layout_add_page(doc);
	ts_layout_add_page(doc);
	ts_page_add_rule(doc, 0, TS_PT(1), TS_PT(1), TS_PT(1), TS_PT(1));
	/* 328 sp are 0.005005 pt, 327 sp 0.00499 pt: "0.01", "0.00" (no sign), "-0.01" */
	ts_page_add_rule(doc, 1, 328, -327, -328, TS_UNIT * 3 / 2);
	ts_layout_add_outline(doc, "Null", 0, 0, TS_PT(2));
	ts_layout_add_outline(doc, "Eins", 0, 1, TS_PT(10.25));
	ts_layout_add_label(doc, 0, "", TS_LABEL_DECIMAL, 1);
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);
	ts_dump_opts o = { 1, true };
	ts_layout_dump_opts(doc, &o, m);
	fclose(m);
	EXPECT_STR(buf, "doc 200.00 400.00 pages 2 pt from 1\n"
	    "page 1 items 1\n"
	    "  rule 0.01 0.00 -0.01 1.50\n"
	    "outline 0 page 1 y 10.25 \"Eins\"\n"
	    "label 0 \"\" decimal 1\n");
	free(buf);
	ts_layout_free(doc);
}

int
main(void)
{
	diag_init(&D, "test_flow", stderr);
	E = ts_engine_new(FONTS, NULL, NULL, &D);
	if (!E) {
		printf("FAIL engine: fonts missing\n");
		return 1;
	}
	const ts_font *fo = ts_engine_font(E, TS_REGULAR);
	ASC = (ts_sp)((int64_t)font_ascender(fo) * SIZE / font_units_per_em(fo));
	DESC = (ts_sp)((int64_t)-font_descender(fo) * SIZE / font_units_per_em(fo));
	RUN(test_sanity);
	RUN(test_orphan);
	RUN(test_widow);
	RUN(test_keep_with_next);
	RUN(test_space_at_top);
	RUN(test_page_break);
	RUN(test_flow_at);
	RUN(test_keep_together);
	RUN(test_dump);
	RUN(test_dump_opts);
	ts_engine_free(E);
	UNIT_EXIT();
}
