/* test_lists.c: list items (src/engine/flow_list.c): hanging markers on the
 * first line's baseline, right- and left-aligned, three levels of
 * indentation, the indent widened to the widest marker; and links and raised runs carried onto items (lineset.c). */
#include "blocks.h"

#define SIZE TS_PT(11)
#define LEAD TS_PT(14)
#define IND TS_PT(20)
#define GAP TS_PT(4)

static ts_frame
frame(void)
{
	return (ts_frame){ TS_PT(50), TS_PT(60), TS_PT(300), TS_PT(500) };
}

static void
item(ts_flow *f, const char *marker, const char *text, int level, bool left)
{
	ts_run m = run(marker, SIZE), t = run(text, SIZE);
	ts_para_style st = plain_style(LEAD);
	ts_list_style ls = { .level = level, .indent = IND, .gap = GAP, .marker_left = left };
	ts_flow_list_item(f, &m, 1, &t, 1, &st, &ls);
}

static void
test_marker_right(void)
{
	ts_layout *doc = ts_layout_new(TS_PT(400), TS_PT(600), FONTS);
	ts_flow *f = ts_flow_new(E, doc, frame());
	item(f, "9.", "Neun", 0, false);
	item(f, "10.", "Zehn", 0, false);
	ts_flow_finish(f, NULL, NULL);
	const ts_item *m9 = find_text(doc, "9.", NULL), *m10 = find_text(doc, "10.", NULL);
	const ts_item *t9 = find_text(doc, "Neun", NULL), *t10 = find_text(doc, "Zehn", NULL);
	EXPECT(m9 && m10 && t9 && t10);
	if (m9 && m10 && t9 && t10) {
		/* markers of different widths end together, gap before the text */
		EXPECT(m9->x + m9->w == frame().x + IND - GAP);
		EXPECT(m10->x + m10->w == frame().x + IND - GAP);
		EXPECT(m10->w > m9->w);
		EXPECT(t9->x == frame().x + IND && t10->x == frame().x + IND);
		/* the marker on the text's baseline */
		EXPECT(m9->y == t9->y && m10->y == t10->y);
		EXPECT(t10->y == t9->y + LEAD);
	}
	expect_in_frame(doc, frame());
	ts_layout_free(doc);
}

static void
test_marker_left_nested(void)
{
	ts_layout *doc = ts_layout_new(TS_PT(400), TS_PT(600), FONTS);
	ts_flow *f = ts_flow_new(E, doc, frame());
	item(f, "a)", "Erste Ebene", 0, true);
	item(f, "–", "Zweite Ebene mit einem Text, der über mehrere Zeilen läuft, weil er "
		     "viel länger ist als die schmale Zeile der dritten Ebene und dann noch mehr",
	    2, true);
	ts_flow_finish(f, NULL, NULL);
	const ts_item *ma = find_text(doc, "a)", NULL), *dash = find_text(doc, "–", NULL);
	EXPECT(ma && dash);
	if (ma && dash) {
		EXPECT(ma->x == frame().x);
		EXPECT(dash->x == frame().x + 2 * IND);
	}
	/* every line of the level-2 item starts at 3 indents */
	size_t lines = 0;
	const ts_page *pg = &doc->pages[0];
	for (size_t i = 0; i < pg->nitems; i++) {
		const ts_item *it = &pg->items[i];
		if (it == dash || it->y <= (ma ? ma->y : 0))
			continue;
		bool first = i == 0 || pg->items[i - 1].y != it->y || &pg->items[i - 1] == dash;
		if (first) {
			lines++;
			EXPECTF(it->x == frame().x + 3 * IND, "line at %ld", (long)it->x);
		}
	}
	EXPECTF(lines >= 2, "%zu lines", lines);
	/* the text's measure is the frame's less the indent */
	EXPECT(doc->nstats >= 3 && doc->stats[1].measure == frame().w - 3 * IND);
	expect_in_frame(doc, frame());
	ts_layout_free(doc);
}

static void
test_links_and_rise(void)
{
	ts_layout *doc = ts_layout_new(TS_PT(400), TS_PT(600), FONTS);
	ts_flow *f = ts_flow_new(E, doc, frame());
	ts_run r[4] = { run("Siehe ", SIZE), run("Drucksache", SIZE), run(" hier", SIZE),
		run("3", TS_PT(7)) };
	r[1].link = "https://example.org/d";
	r[3].rise = TS_PT(4);
	ts_para_style st = plain_style(LEAD);
	ts_flow_para(f, r, 4, &st);
	ts_flow_finish(f, NULL, NULL);
	const ts_item *l = find_text(doc, "Drucksache", NULL), *h = find_text(doc, "hier", NULL),
		      *s = find_text(doc, "Siehe", NULL), *sup = find_text(doc, "3", NULL);
	EXPECT(l && h && s && sup);
	if (l && h && s && sup) {
		EXPECT_STR(l->link, "https://example.org/d");
		EXPECT(h->link == NULL && s->link == NULL);
		EXPECT(sup->y == h->y - TS_PT(4));
	}
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);
	ts_layout_dump(doc, m);
	fclose(m);
	EXPECT(strstr(buf, "\"Drucksache\" link \"https://example.org/d\"\n") != NULL);
	EXPECT(strstr(buf, "\"hier\"\n") != NULL);
	free(buf);
	ts_layout_free(doc);
}

/* Markers wider than the indent ("100.", "xviii.", an indent of 0): the
 * indent is widened to the list's widest marker and the gap, for every
 * item of the list; a list nested in it starts at its item's text. */
static void
test_wide_markers(void)
{
	ts_layout *doc = ts_layout_new(TS_PT(400), TS_PT(600), FONTS);
	ts_flow *f = ts_flow_new(E, doc, frame());
	ts_run widest = run("100.", SIZE);
	ts_sp w100 = ts_flow_runs_width(f, &widest, 1);
	EXPECT(w100 == ts_text_width(E, TS_REGULAR, SIZE, "100.", 4));
	ts_para_style st = plain_style(LEAD);
	ts_list_style ls = { .level = 0, .indent = TS_PT(10), .gap = GAP, .marker_width = w100 };
	ts_run m9 = run("9.", SIZE), t9 = run("Neun", SIZE), m100 = run("100.", SIZE),
	       t100 = run("Hundert", SIZE), mx = run("xviii.", SIZE), tx = run("Innen", SIZE);
	ts_sp in9 = ts_flow_list_item(f, &m9, 1, &t9, 1, &st, &ls);
	ts_sp in100 = ts_flow_list_item(f, &m100, 1, &t100, 1, &st, &ls);
	ts_list_style inner = { .level = 1, .indent = 0, .gap = GAP, .outer = in100 };
	ts_sp inx = ts_flow_list_item(f, &mx, 1, &tx, 1, &st, &inner);
	ts_flow_finish(f, NULL, NULL);
	EXPECT(in9 == w100 + GAP && in100 == in9);
	ts_sp wx = ts_text_width(E, TS_REGULAR, SIZE, "xviii.", 6);
	EXPECT(inx == in100 + wx + GAP);
	const ts_item *a = find_text(doc, "9.", NULL), *b = find_text(doc, "100.", NULL),
		      *c = find_text(doc, "xviii.", NULL), *ta = find_text(doc, "Neun", NULL),
		      *tb = find_text(doc, "Hundert", NULL), *tc = find_text(doc, "Innen", NULL);
	EXPECT(a && b && c && ta && tb && tc);
	if (a && b && c && ta && tb && tc) {
		EXPECT(ta->x == frame().x + in9 && tb->x == ta->x && tc->x == frame().x + inx);
		EXPECT(b->x == frame().x && b->x + b->w == tb->x - GAP);
		EXPECT(a->x + a->w == ta->x - GAP);
		EXPECT(c->x == tb->x && c->x + c->w == tc->x - GAP);
	}
	expect_in_frame(doc, frame());
	ts_layout_free(doc);
}

int
main(void)
{
	if (!blocks_init("test_lists"))
		return 1;
	RUN(test_marker_right);
	RUN(test_marker_left_nested);
	RUN(test_links_and_rise);
	RUN(test_wide_markers);
	ts_engine_free(E);
	UNIT_EXIT();
}
