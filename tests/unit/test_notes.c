/* test_notes.c: footnotes (src/engine/flow_note.c): set at the bottom of the
 * page of their mark's line under a short rule, in order across pages,
 * room reserved for their first lines, a long note continued on the next
 * page. */
#include "blocks.h"

#include <stdio.h>

#define SIZE TS_PT(11)
#define LEAD TS_PT(14)
#define NSIZE TS_PT(8)
#define NLEAD TS_PT(10)
#define NL 20 /* body lines per page */

static ts_frame
frame(void)
{
	return (ts_frame){ TS_PT(50), TS_PT(60), TS_PT(300), ascender(SIZE) + descender(SIZE) + (NL - 1) * LEAD };
}

static ts_sp
bottom(void)
{
	return frame().y + frame().h;
}

static ts_para_style NST;

/* A paragraph: text, then a raised mark of note text nt. */
static void
para_note(ts_flow *f, const char *text, const char *mark, const char *nt)
{
	ts_run r[2] = { run(text, SIZE), run(mark, TS_PT(7)) };
	ts_run nr = run(nt, NSIZE);
	ts_note n = { .runs = &nr, .nruns = 1, .style = &NST };
	r[1].rise = TS_PT(3);
	r[1].note = &n;
	ts_para_style st = plain_style(LEAD);
	ts_flow_para(f, r, 2, &st);
}

static void
plain(ts_flow *f, const char *text)
{
	ts_run r = run(text, SIZE);
	ts_para_style st = plain_style(LEAD);
	ts_flow_para(f, &r, 1, &st);
}

/* The rules on a page (the rule over its notes), as count; the last one's y. */
static int
rules(const ts_layout *doc, size_t p, ts_sp *y, ts_sp *w)
{
	int n = 0;
	for (size_t i = 0; i < doc->pages[p].nitems; i++) {
		const ts_item *it = &doc->pages[p].items[i];
		if (it->kind == TS_ITEM_RULE) {
			n++;
			*y = it->y;
			*w = it->w;
		}
	}
	return n;
}

static void
test_note_bottom(void)
{
	ts_layout *doc = ts_layout_new(TS_PT(400), TS_PT(700), FONTS);
	ts_flow *f = ts_flow_new(E, doc, frame());
	plain(f, "Vorher");
	para_note(f, "Ein Satz", "1", "Anmerkung eins.");
	plain(f, "Nachher");
	ts_flow_finish(f, NULL, NULL);
	EXPECT(doc->npages == 1);
	size_t pm = 9, pn = 9;
	const ts_item *mark = find_word(doc, "1", &pm), *note = find_word(doc, "eins.", &pn);
	const ts_item *after = find_word(doc, "Nachher", NULL), *satz = find_word(doc, "Satz", NULL);
	EXPECT(mark && note && after && satz && pm == 0 && pn == 0);
	if (!mark || !note || !after || !satz) {
		ts_layout_free(doc);
		return;
	}
	EXPECT(mark->y == satz->y - TS_PT(3));
	/* one line of note: its baseline + descender at the frame's bottom */
	EXPECT(note->y == bottom() - descender(NSIZE));
	EXPECT(note->size == NSIZE);
	ts_sp ry = 0, rw = 0;
	EXPECT(rules(doc, 0, &ry, &rw) == 1);
	EXPECT(rw == frame().w / 3);
	EXPECT(ry > after->y + descender(SIZE) && ry < note->y - ascender(NSIZE));
	expect_in_frame(doc, frame());
	ts_layout_free(doc);
}

static void
test_note_order(void)
{
	ts_layout *doc = ts_layout_new(TS_PT(400), TS_PT(700), FONTS);
	ts_flow *f = ts_flow_new(E, doc, frame());
	char marks[40][16], notes[40][24];
	for (int k = 1; k <= 40; k++) {
		snprintf(marks[k - 1], sizeof marks[0], "%d", k);
		snprintf(notes[k - 1], sizeof notes[0], "Note%d", k);
		para_note(f, "Absatz mit einer Fußnote am Ende, der in einer zweiten Zeile weitergeht und endet",
		    marks[k - 1], notes[k - 1]);
	}
	ts_flow_finish(f, NULL, NULL);
	EXPECTF(doc->npages >= 4, "%zu pages", doc->npages);
	size_t last_page = 0;
	ts_sp last_y = 0;
	for (int k = 1; k <= 40; k++) {
		size_t pm = 99, pn = 99;
		const ts_item *m = find_word(doc, marks[k - 1], &pm), *n = find_word(doc, notes[k - 1], &pn);
		EXPECTF(m && n && pm == pn, "note %d: mark on page %zu, note on %zu", k, pm, pn);
		if (!n)
			continue;
		EXPECTF(pn > last_page || (pn == last_page && n->y > last_y), "note %d", k);
		last_page = pn;
		last_y = n->y;
	}
	/* the body ends above each page's rule; the notes end at the bottom */
	for (size_t p = 0; p < doc->npages; p++) {
		ts_sp ry = 0, rw = 0, body = 0, low = 0;
		EXPECT(rules(doc, p, &ry, &rw) == 1);
		for (size_t i = 0; i < doc->pages[p].nitems; i++) {
			const ts_item *it = &doc->pages[p].items[i];
			if (it->kind != TS_ITEM_TEXT)
				continue;
			if (it->size == SIZE && it->y > body)
				body = it->y;
			if (it->size == NSIZE && it->y > low)
				low = it->y;
		}
		EXPECTF(body + descender(SIZE) < ry, "page %zu", p);
		EXPECTF(low == bottom() - descender(NSIZE), "page %zu", p);
	}
	expect_in_frame(doc, frame());
	ts_layout_free(doc);
}

static void
test_note_reserve(void)
{
	/* 19 lines, then a line with a mark: without its note it would be the
	 * page's 20th line; the note's room sends it to the next page */
	ts_layout *doc = ts_layout_new(TS_PT(400), TS_PT(700), FONTS);
	ts_flow *f = ts_flow_new(E, doc, frame());
	for (int i = 0; i < NL - 1; i++)
		plain(f, "Zeile");
	para_note(f, "Letzte", "1", "Die Anmerkung zur letzten Zeile, die zwei Zeilen lang ist, weil sie "
				    "so viel zu sagen hat über diesen Satz");
	ts_flow_finish(f, NULL, NULL);
	size_t pm = 9, pn = 9;
	EXPECT(find_word(doc, "1", &pm) && find_word(doc, "Anmerkung", &pn));
	EXPECTF(pm == 1 && pn == 1, "mark on %zu, note on %zu", pm, pn);
	EXPECT(count_text(doc, "Zeile") == NL - 1);
	ts_sp ry = 0, rw = 0;
	EXPECT(rules(doc, 0, &ry, &rw) == 0 && rules(doc, 1, &ry, &rw) == 1);
	/* without the note, the same line stays on the first page */
	ts_layout *d2 = ts_layout_new(TS_PT(400), TS_PT(700), FONTS);
	f = ts_flow_new(E, d2, frame());
	for (int i = 0; i < NL - 1; i++)
		plain(f, "Zeile");
	plain(f, "Letzte 1");
	ts_flow_finish(f, NULL, NULL);
	EXPECT(d2->npages == 1);
	expect_in_frame(doc, frame());
	ts_layout_free(d2);
	ts_layout_free(doc);
}

static void
test_note_continued(void)
{
	/* a note of many lines near the page's end: its first lines on this
	 * page, the rest on the next, under a rule again */
	static char longnote[4000];
	longnote[0] = '\0';
	for (int i = 0; i < 120; i++)
		strcat(longnote, i ? " lang" : "Anfang");
	strcat(longnote, " Schluss");
	ts_layout *doc = ts_layout_new(TS_PT(400), TS_PT(700), FONTS);
	ts_flow *f = ts_flow_new(E, doc, frame());
	for (int i = 0; i < 14; i++)
		plain(f, "Zeile");
	para_note(f, "Mit", "1", longnote);
	for (int i = 0; i < 10; i++)
		plain(f, "Danach");
	ts_flow_finish(f, NULL, NULL);
	size_t pm = 9, pa = 9, ps = 9;
	EXPECT(find_word(doc, "1", &pm) && find_word(doc, "Anfang", &pa) && find_word(doc, "Schluss", &ps));
	EXPECTF(pm == 0 && pa == 0 && ps == 1, "mark %zu, start %zu, end %zu", pm, pa, ps);
	EXPECT(count_text(doc, "lang") == 119);
	int on0 = 0, on1 = 0, total = 0;
	int next = 0;
	bool ordered = true;
	for (size_t i = 0; i < doc->nstats; i++) {
		const ts_line_stat *s = &doc->stats[i];
		if (s->size != NSIZE)
			continue;
		on0 += s->page == 0;
		on1 += s->page == 1;
		total = s->nlines;
		ordered &= s->line == next++;
	}
	EXPECTF(on0 >= 2 && on1 >= 1 && on0 + on1 == total, "%d + %d of %d", on0, on1, total);
	EXPECT(ordered);
	ts_sp ry = 0, rw = 0;
	EXPECT(rules(doc, 0, &ry, &rw) == 1 && rules(doc, 1, &ry, &rw) == 1);
	/* the text after the mark goes on under the continued note's room */
	EXPECT(count_text(doc, "Danach") == 10);
	expect_in_frame(doc, frame());
	ts_layout_free(doc);
}

int
main(void)
{
	if (!blocks_init("test_notes"))
		return 1;
	NST = plain_style(NLEAD);
	NST.align = TS_JUSTIFY;
	RUN(test_note_bottom);
	RUN(test_note_order);
	RUN(test_note_reserve);
	RUN(test_note_continued);
	ts_engine_free(E);
	UNIT_EXIT();
}
