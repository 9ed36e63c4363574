/* test_notes.c: footnotes (src/engine/flow_note.c): set at the bottom of the
 * page of their mark's line under a short rule, in order across pages,
 * room reserved for their first lines, a long note continued on the next
 * page; every note of a paragraph crossing a page on its mark's page, a
 * note after a split one on its mark's page too; a figure never over the
 * notes continued onto its page. */
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

/* The top of the rule over page p's notes, or the frame's bottom. */
static ts_sp
notes_top(const ts_layout *doc, size_t p)
{
	ts_sp ry = bottom(), rw = 0;
	rules(doc, p, &ry, &rw);
	return ry;
}

/* Nothing of the body (text of SIZE, images) reaches below the notes' rule. */
static void
expect_clear_of_notes(const ts_layout *doc)
{
	for (size_t p = 0; p < doc->npages; p++) {
		ts_sp top = notes_top(doc, p);
		for (size_t i = 0; i < doc->pages[p].nitems; i++) {
			const ts_item *it = &doc->pages[p].items[i];
			int64_t bot = it->kind == TS_ITEM_IMAGE ? (int64_t)it->y + it->h
			    : it->kind == TS_ITEM_TEXT && it->size == SIZE ? (int64_t)it->y + descender(SIZE)
			    : 0;
			EXPECTF(bot <= top, "page %zu item %zu ends at %lld, the notes begin at %ld", p, i,
			    (long long)bot, (long)top);
		}
	}
}

/* A paragraph of n sentences, each a line and a half long and ending in
 * the mark K of the note "NoteK". */
static void
para_marks(ts_flow *f, int n, const char *words, char (*marks)[16], char (*notes)[24],
    char (*texts)[80])
{
	ts_run r[64];
	ts_note nt[32];
	ts_run nr[32];
	for (int k = 0; k < n; k++) {
		snprintf(texts[k], sizeof texts[0], "%sSatz %d, %s", k ? " " : "", k + 1, words);
		snprintf(marks[k], sizeof marks[0], "%d", k + 1);
		snprintf(notes[k], sizeof notes[0], "Note%d", k + 1);
		r[2 * k] = run(texts[k], SIZE);
		r[2 * k + 1] = run(marks[k], TS_PT(7));
		r[2 * k + 1].rise = TS_PT(3);
		nr[k] = run(notes[k], NSIZE);
		nt[k] = (ts_note){ .runs = &nr[k], .nruns = 1, .style = &NST };
		r[2 * k + 1].note = &nt[k];
	}
	ts_para_style st = plain_style(LEAD);
	ts_flow_para(f, r, (size_t)(2 * n), &st);
}

static void
test_note_marks_across_page(void)
{
	/* lines, then one paragraph with a mark on most of its lines, across
	 * the page: the lines above the first mark whose note does not fit
	 * once used up the room of the notes before it, and those went to the
	 * next page */
	static const char *const words[] = {
		"der mit seiner Marke über eine Zeile geht",
		"der mit seiner Marke über eine ganze Zeile hinaus geht",
		"der kurz ist",
	};
	char marks[12][16], notes[12][24], texts[12][80];
	for (int pre = 4; pre < 4 * NL; pre++) {
		ts_layout *doc = ts_layout_new(TS_PT(400), TS_PT(700), FONTS);
		ts_flow *f = ts_flow_new(E, doc, frame());
		for (int i = 0; i < pre % NL; i++)
			plain(f, "Zeile");
		para_marks(f, 12, words[pre / NL % 3], marks, notes, texts);
		ts_flow_finish(f, NULL, NULL);
		for (int k = 0; k < 12; k++) {
			size_t pm = 9, pn = 9;
			const ts_item *m = find_word(doc, marks[k], &pm), *n = find_word(doc, notes[k], &pn);
			EXPECTF(m && n && pm == pn, "%d lines before, sentences %d; note %d: mark on "
			    "page %zu, note on %zu", pre % NL, pre / NL % 3, k + 1, pm, pn);
		}
		expect_clear_of_notes(doc);
		expect_in_frame(doc, frame());
		ts_layout_free(doc);
	}
}

static void
test_note_after_split(void)
{
	/* a long note split at the page's end, then a short one whose mark is
	 * two lines further on the same page: room was reserved for it, so it
	 * follows the long note's first part there */
	static char longnote[4000];
	longnote[0] = '\0';
	for (int i = 0; i < 400; i++)
		strcat(longnote, i ? " lang" : "Anfang");
	strcat(longnote, " Schluss");
	ts_layout *doc = ts_layout_new(TS_PT(400), TS_PT(700), FONTS);
	ts_flow *f = ts_flow_new(E, doc, frame());
	for (int i = 0; i < 10; i++)
		plain(f, "Zeile");
	ts_run r[5] = { run("Mit der langen", SIZE), run("1", TS_PT(7)),
		run(" Anmerkung und mit einem Satz, der weiter geht bis in die dritte Zeile, wo", SIZE),
		run("2", TS_PT(7)), run(" steht", SIZE) };
	ts_run n1 = run(longnote, NSIZE), n2 = run("Kurz.", NSIZE);
	ts_note nt1 = { .runs = &n1, .nruns = 1, .style = &NST }, nt2 = { .runs = &n2, .nruns = 1, .style = &NST };
	r[1].rise = r[3].rise = TS_PT(3);
	r[1].note = &nt1;
	r[3].note = &nt2;
	ts_para_style st = plain_style(LEAD);
	ts_flow_para(f, r, 5, &st);
	for (int i = 0; i < 4; i++)
		plain(f, "Danach");
	ts_flow_finish(f, NULL, NULL);
	size_t pm1 = 9, pm2 = 9, pa = 9, ps = 9, pk = 9;
	const ts_item *kurz = find_word(doc, "Kurz.", &pk), *anf = find_word(doc, "Anfang", &pa);
	EXPECT(find_word(doc, "1", &pm1) && find_word(doc, "2", &pm2) && kurz && anf &&
	    find_word(doc, "Schluss", &ps));
	EXPECTF(pm1 == 0 && pm2 == 0 && pa == 0 && ps >= 1, "marks %zu %zu, long note %zu to %zu",
	    pm1, pm2, pa, ps);
	EXPECTF(pk == 0, "the short note on page %zu", pk);
	if (kurz && anf && pk == pa)
		EXPECT(kurz->y > anf->y); /* after the long note's first part */
	expect_clear_of_notes(doc);
	expect_in_frame(doc, frame());
	ts_layout_free(doc);
}

static void
test_note_float(void)
{
	/* a long note continued onto the next page, and a figure nearly as
	 * tall as the frame floated there: it was set at the page's top over
	 * the continued note; it waits for a page without notes */
	static char longnote[8000];
	longnote[0] = '\0';
	for (int i = 0; i < 300; i++)
		strcat(longnote, i ? " lang" : "Anfang");
	ts_layout *doc = ts_layout_new(TS_PT(400), TS_PT(700), FONTS);
	ts_flow *f = ts_flow_new(E, doc, frame());
	for (int i = 0; i < 12; i++)
		plain(f, "Zeile");
	para_note(f, "Mit", "1", longnote);
	ts_figure fig = { .path = "hoch.png", .width = TS_PT(100), .height = frame().h - TS_PT(20) };
	ts_flow_figure(f, &fig);
	for (int i = 0; i < 10; i++)
		plain(f, "Danach");
	ts_flow_finish(f, NULL, NULL);
	size_t pi = 99;
	const ts_item *img = NULL;
	for (size_t p = 0; p < doc->npages && !img; p++)
		for (size_t i = 0; i < doc->pages[p].nitems; i++)
			if (doc->pages[p].items[i].kind == TS_ITEM_IMAGE) {
				img = &doc->pages[p].items[i];
				pi = p;
			}
	ts_sp ry = 0, rw = 0;
	EXPECT(img != NULL);
	EXPECTF(pi < doc->npages && rules(doc, pi, &ry, &rw) == 0, "the figure on page %zu with notes", pi);
	EXPECT(rules(doc, 1, &ry, &rw) == 1); /* the note did continue */
	EXPECT(count_text(doc, "Danach") == 10);
	expect_clear_of_notes(doc);
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
	RUN(test_note_marks_across_page);
	RUN(test_note_after_split);
	RUN(test_note_float);
	ts_engine_free(E);
	UNIT_EXIT();
}
