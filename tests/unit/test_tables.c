/* test_tables.c: tables (src/engine/flow_table.c): breaking between rows with the
 * header repeated, decimal alignment, column and row spans, the caption
 * kept with the table, rows, row groups and captions taller than the page
 * split between lines, a header too tall to repeat, messages at their
 * cells, the grid's rule (base.h), linear time. */
#include "blocks.h"

#include <stdio.h>
#include <time.h>

#define SIZE TS_PT(10)
#define PAD TS_PT(3)

static ts_frame
frame(void)
{
	return (ts_frame){ TS_PT(40), TS_PT(50), TS_PT(400), TS_PT(300) };
}

/* A table of n body rows: "rK" | a date | an amount; one header row. */
typedef struct gen {
	ts_table_col cols[3];
	ts_table_row *rows;
	ts_table_cell *cells;
	ts_run *runs;
	char (*text)[3][32];
	ts_table t;
} gen;

static void
gen_table(gen *g, size_t n)
{
	memset(g, 0, sizeof *g);
	g->cols[0] = (ts_table_col){ .share = 2, .align = TS_COL_LEFT };
	g->cols[1] = (ts_table_col){ .width = TS_PT(80), .align = TS_COL_CENTER };
	g->cols[2] = (ts_table_col){ .share = 1, .align = TS_COL_DECIMAL };
	size_t nr = n + 1;
	g->rows = calloc(nr, sizeof *g->rows);
	g->cells = calloc(nr * 3, sizeof *g->cells);
	g->runs = calloc(nr * 3, sizeof *g->runs);
	g->text = calloc(nr, sizeof *g->text);
	for (size_t r = 0; r < nr; r++) {
		if (r == 0) {
			snprintf(g->text[r][0], 32, "Posten");
			snprintf(g->text[r][1], 32, "Datum");
			snprintf(g->text[r][2], 32, "Betrag");
		} else {
			snprintf(g->text[r][0], 32, "r%zu", r);
			snprintf(g->text[r][1], 32, "%02zu.%02zu.2024", r % 28 + 1, r / 28 % 12 + 1);
			snprintf(g->text[r][2], 32, "%zu,%02zu", r * 37, r % 100);
		}
		for (size_t c = 0; c < 3; c++) {
			g->runs[r * 3 + c] = run(g->text[r][c], SIZE);
			g->cells[r * 3 + c] = (ts_table_cell){ .runs = &g->runs[r * 3 + c], .nruns = 1 };
		}
		g->rows[r] = (ts_table_row){ .cells = &g->cells[r * 3], .ncells = 3 };
	}
	g->t = (ts_table){ .cols = g->cols, .ncols = 3, .rows = g->rows, .nrows = nr, .nheader = 1,
		.pad = PAD, .header_rule = TS_PT(0.5), .frame_rule = TS_PT(0.4) };
}

static void
gen_free(gen *g)
{
	free(g->rows);
	free(g->cells);
	free(g->runs);
	free(g->text);
}

static void
test_long_table(void)
{
	gen g;
	gen_table(&g, 60);
	ts_layout *doc = ts_layout_new(TS_PT(500), TS_PT(400), FONTS);
	ts_flow *f = ts_flow_new(E, doc, frame());
	ts_run intro = run("Die Tabelle:", SIZE);
	ts_para_style st = plain_style(TS_PT(12));
	ts_flow_para(f, &intro, 1, &st);
	ts_flow_table(f, &g.t);
	ts_flow_para(f, &intro, 1, &st);
	ts_flow_finish(f, NULL, NULL);
	EXPECTF(doc->npages >= 3, "%zu pages", doc->npages);
	/* the header on every page, the first text of its page after the intro */
	EXPECT(count_text(doc, "Betrag") == (int)doc->npages);
	const ts_item *in = find_word(doc, "Die", NULL);
	for (size_t p = 0; in && p < doc->npages; p++) {
		const ts_page *pg = &doc->pages[p];
		const ts_item *top = NULL;
		for (size_t i = 0; i < pg->nitems; i++) {
			const ts_item *it = &pg->items[i];
			if (it->kind == TS_ITEM_TEXT && (p > 0 || it->y > in->y) &&
			    (!top || it->y < top->y || (it->y == top->y && it->x < top->x)))
				top = it;
		}
		EXPECTF(top && top->len == 6 && memcmp(top->text, "Posten", 6) == 0, "page %zu", p);
		if (top && p > 0) /* at the frame's top: padding, ascender */
			EXPECT(top->y == frame().y + PAD + ascender(SIZE));
	}
	/* every row once, whole on one page, in order */
	size_t last_page = 0;
	ts_sp last_y = 0;
	for (size_t r = 1; r <= 60; r++) {
		size_t p0 = 99, p1 = 99, p2 = 99;
		const ts_item *a = find_word(doc, g.text[r][0], &p0);
		const ts_item *b = find_word(doc, g.text[r][1], &p1);
		const ts_item *c = find_word(doc, g.text[r][2], &p2);
		EXPECTF(a && b && c && p0 == p1 && p1 == p2, "row %zu", r);
		if (!a || !b || !c)
			continue;
		EXPECTF(a->y == b->y && b->y == c->y, "row %zu", r);
		EXPECTF(p0 > last_page || (p0 == last_page && a->y > last_y), "row %zu", r);
		last_page = p0;
		last_y = a->y;
	}
	expect_in_frame(doc, frame());
	ts_layout_free(doc);
	gen_free(&g);
}

/* x of the first ',' of an item, or its right end without one */
static ts_sp
comma_x(const ts_item *it)
{
	const char *c = memchr(it->text, ',', it->len);
	if (!c)
		return it->x + it->w;
	return it->x + ts_text_width(E, it->face, it->size, it->text, (size_t)(c - it->text));
}

static void
test_decimal(void)
{
	static const char *const v[] = { "1.234,56", "17", "0,5", "12.345.678,9", "-3,75 €" };
	ts_table_col cols[2] = { { .share = 1, .align = TS_COL_LEFT }, { .share = 1, .align = TS_COL_DECIMAL } };
	ts_run runs[5][2];
	ts_table_cell cells[5][2];
	ts_table_row rows[5];
	for (int r = 0; r < 5; r++) {
		runs[r][0] = run("Posten", SIZE);
		runs[r][1] = run(v[r], SIZE);
		for (int c = 0; c < 2; c++)
			cells[r][c] = (ts_table_cell){ .runs = &runs[r][c], .nruns = 1 };
		rows[r] = (ts_table_row){ .cells = cells[r], .ncells = 2 };
	}
	ts_table t = { .cols = cols, .ncols = 2, .rows = rows, .nrows = 5, .pad = PAD };
	ts_layout *doc = ts_layout_new(TS_PT(500), TS_PT(400), FONTS);
	ts_flow *f = ts_flow_new(E, doc, frame());
	ts_flow_table(f, &t);
	/* the same in a right-aligned column: numbers line up there too */
	cols[1].align = TS_COL_RIGHT;
	ts_flow_table(f, &t);
	ts_flow_finish(f, NULL, NULL);
	const ts_page *pg = &doc->pages[0];
	ts_sp x[2][5];
	int n[2] = { 0, 0 };
	for (size_t i = 0; i < pg->nitems; i++) {
		const ts_item *it = &pg->items[i];
		if (it->kind != TS_ITEM_TEXT || it->x < frame().x + frame().w / 2 || it->text[0] == '\xE2')
			continue;
		int tab = n[0] < 5 ? 0 : 1;
		x[tab][n[tab]++] = comma_x(it);
	}
	EXPECT(n[0] == 5 && n[1] == 5);
	for (int tab = 0; tab < 2; tab++)
		for (int i = 1; i < n[tab]; i++)
			EXPECTF(x[tab][i] == x[tab][0], "table %d row %d: %ld != %ld", tab, i, (long)x[tab][i],
			    (long)x[tab][0]);
	/* the widest tail ends at the cell's right edge less the padding */
	const ts_item *euro = find_text(doc, "€", NULL);
	EXPECT(euro && euro->x + euro->w == frame().x + frame().w - PAD);
	expect_in_frame(doc, frame());
	ts_layout_free(doc);
}

static void
test_spans(void)
{
	ts_table_col cols[3] = { { .width = TS_PT(100) }, { .width = TS_PT(120) }, { .share = 1 } };
	ts_run r[7] = { run("Zusammen", SIZE), run("C", SIZE),
		run("Eine lange Zelle über zwei Zeilen mit viel Text darin, der umbricht", SIZE),
		run("B1", SIZE), run("C1", SIZE), run("B2", SIZE), run("Danach", SIZE) };
	ts_table_cell c0[2] = { { .runs = &r[0], .nruns = 1, .colspan = 2 }, { .runs = &r[1], .nruns = 1 } };
	ts_table_cell c1[3] = { { .runs = &r[2], .nruns = 1, .rowspan = 2 }, { .runs = &r[3], .nruns = 1 },
		{ .runs = &r[4], .nruns = 1 } };
	ts_table_cell c2[1] = { { .runs = &r[5], .nruns = 1 } };  /* column 1: column 0 is taken */
	ts_table_cell c3[1] = { { .runs = &r[6], .nruns = 1 } };
	ts_table_row rows[4] = { { .cells = c0, .ncells = 2 }, { .cells = c1, .ncells = 3 },
		{ .cells = c2, .ncells = 1 }, { .cells = c3, .ncells = 1 } };
	ts_table t = { .cols = cols, .ncols = 3, .rows = rows, .nrows = 4, .pad = PAD,
		.row_rule = TS_PT(0.3) };
	ts_layout *doc = ts_layout_new(TS_PT(500), TS_PT(400), FONTS);
	ts_flow *f = ts_flow_new(E, doc, frame());
	ts_flow_table(f, &t);
	ts_flow_finish(f, NULL, NULL);
	/* the colspan cell is broken at both columns' width */
	EXPECT(doc->nstats > 0 && doc->stats[0].measure == TS_PT(220) - 2 * PAD);
	const ts_item *b2 = find_text(doc, "B2", NULL), *b1 = find_text(doc, "B1", NULL);
	const ts_item *c = find_text(doc, "C", NULL), *after = find_text(doc, "Danach", NULL);
	EXPECT(b2 && b1 && c && after);
	if (!b2 || !b1 || !c || !after) {
		ts_layout_free(doc);
		return;
	}
	EXPECT(c->x == frame().x + TS_PT(220) + PAD);
	/* row rules between body rows: not through the cell spanning rows 2
	 * and 3, not above the first */
	int nrules = 0;
	for (size_t i = 0; i < doc->pages[0].nitems; i++)
		nrules += doc->pages[0].items[i].kind == TS_ITEM_RULE;
	EXPECTF(nrules == 2, "%d rules", nrules);
	EXPECT(b2->x == frame().x + TS_PT(100) + PAD);  /* beside the rowspan */
	/* the spanning cell's lines: all above the row after the span */
	ts_sp last = 0;
	int lines = 0;
	for (size_t i = 0; i < doc->nstats; i++)
		if (doc->stats[i].measure == TS_PT(100) - 2 * PAD)
			lines++;
	for (size_t i = 0; i < doc->pages[0].nitems; i++) {
		const ts_item *it = &doc->pages[0].items[i];
		if (it->kind == TS_ITEM_TEXT && it->x == frame().x + PAD && it->y > last && it != after)
			last = it->y;
	}
	EXPECTF(lines >= 4, "%d lines", lines);
	EXPECT(after->y - ascender(SIZE) - PAD >= last + descender(SIZE) + PAD);
	/* the rows beside it are not stretched apart: B2 one row below B1 */
	EXPECT(b2->y - b1->y == SIZE * 6 / 5 + descender(SIZE) + ascender(SIZE) + 2 * PAD - SIZE * 6 / 5);
	expect_in_frame(doc, frame());
	ts_layout_free(doc);
}

static void
test_caption_and_tall_row(void)
{
	/* a caption moves with the table to the next page */
	gen g;
	gen_table(&g, 3);
	ts_run cap = run("Tabelle 1: Ausgaben", SIZE);
	g.t.caption = &cap;
	g.t.ncaption = 1;
	ts_layout *doc = ts_layout_new(TS_PT(500), TS_PT(400), FONTS);
	ts_flow *f = ts_flow_new(E, doc, frame());
	ts_run fill = run("x", SIZE);
	ts_para_style st = plain_style(TS_PT(12));
	for (int i = 0; i < 22; i++)
		ts_flow_para(f, &fill, 1, &st);
	ts_flow_table(f, &g.t);
	ts_flow_finish(f, NULL, NULL);
	size_t pc = 9, ph = 9, pr = 9;
	const ts_item *ci = find_word(doc, "Tabelle", &pc), *hi = find_word(doc, "Posten", &ph);
	find_word(doc, "r1", &pr);
	EXPECTF(ci && hi && pc == 1 && ph == 1 && pr == 1, "%zu %zu %zu", pc, ph, pr);
	if (ci && hi)
		EXPECT(ci->y < hi->y && ci->y == frame().y + ascender(SIZE));
	ts_layout_free(doc);
	gen_free(&g);

	/* a row taller than the page: split between its lines over the
	 * pages, no warning, nothing lost, nothing below the frame */
	static char big[6000];
	big[0] = '\0';
	for (int i = 0; i < 1000; i++)
		strcat(big, "nnnn ");
	ts_table_col cols[1] = { { .share = 1 } };
	ts_run r[2] = { run(big, SIZE), run("Ende", SIZE) };
	ts_table_cell cells[2] = { { .runs = &r[0], .nruns = 1 }, { .runs = &r[1], .nruns = 1 } };
	ts_table_row rows[2] = { { .cells = &cells[0], .ncells = 1 }, { .cells = &cells[1], .ncells = 1 } };
	ts_table t = { .cols = cols, .ncols = 1, .rows = rows, .nrows = 2, .pad = PAD };
	unsigned w0 = D.nwarnings;
	doc = ts_layout_new(TS_PT(500), TS_PT(400), FONTS);
	f = ts_flow_new(E, doc, frame());
	ts_flow_table(f, &t);
	ts_flow_finish(f, NULL, NULL);
	EXPECT(D.nwarnings == w0);
	EXPECT(count_text(doc, "nnnn") == 1000);
	size_t pe = 9;
	EXPECTF(find_text(doc, "Ende", &pe) && pe == doc->npages - 1 && doc->npages >= 3,
	    "Ende on page %zu of %zu", pe, doc->npages);
	expect_in_frame(doc, frame());
	/* the cell's lines go on below the padding at each page's top */
	for (size_t p = 1; p < doc->npages; p++) {
		ts_sp top = INT32_MAX;
		for (size_t i = 0; i < doc->pages[p].nitems; i++)
			if (doc->pages[p].items[i].kind == TS_ITEM_TEXT && doc->pages[p].items[i].y < top)
				top = doc->pages[p].items[i].y;
		EXPECTF(top == frame().y + PAD + ascender(SIZE), "page %zu", p);
	}
	ts_layout_free(doc);
}


/* No two text items of a page overlap (beyond a kerning's reach). */
static void
expect_apart(const ts_layout *doc)
{
	int bad = 0;
	for (size_t p = 0; p < doc->npages; p++) {
		const ts_page *pg = &doc->pages[p];
		for (size_t i = 0; i < pg->nitems; i++)
			for (size_t j = i + 1; j < pg->nitems; j++) {
				const ts_item *a = &pg->items[i], *b = &pg->items[j];
				if (a->kind != TS_ITEM_TEXT || b->kind != TS_ITEM_TEXT)
					continue;
				int64_t ox = (int64_t)(a->x + a->w < b->x + b->w ? a->x + a->w : b->x + b->w) -
				    (a->x > b->x ? a->x : b->x);
				int64_t oy = (int64_t)(a->y < b->y ? a->y : b->y) -
				    ((a->y > b->y ? a->y : b->y) - ascender(a->size));
				if (ox > TS_PT(1) && oy > 0 && bad++ < 3)
					printf("  overlap: page %zu \"%.*s\" and \"%.*s\"\n", p, (int)a->len, a->text,
					    (int)b->len, b->text);
			}
	}
	EXPECTF(bad == 0, "%d overlaps", bad);
}

/* The text of n words "wK" (K from k0), for cells. */
static char *
words_text(int k0, int n)
{
	char *s = malloc((size_t)n * 8 + 1), *o = s;
	for (int i = 0; i < n; i++)
		o += sprintf(o, "%sw%d", i ? " " : "", k0 + i);
	return s;
}

/* How many of the words "wK" (K from k0, n of them) the document sets
 * other than once: items that touch on a line (kerning splits words into
 * items) joined into words. */
static int
words_not_once(const ts_layout *doc, int k0, int n)
{
	int *seen = calloc((size_t)n, sizeof *seen);
	for (size_t p = 0; p < doc->npages; p++) {
		const ts_page *pg = &doc->pages[p];
		char w[64];
		size_t wl = 0;
		for (size_t i = 0; i <= pg->nitems; i++) {
			const ts_item *it = i < pg->nitems ? &pg->items[i] : NULL;
			const ts_item *prev = i ? &pg->items[i - 1] : NULL;
			bool joins = it && prev && it->kind == TS_ITEM_TEXT && prev->kind == TS_ITEM_TEXT &&
			    it->y == prev->y && llabs((long long)it->x - prev->x - prev->w) < TS_PT(1);
			if (!joins && wl) {
				w[wl] = '\0';
				int k;
				if (w[0] == 'w' && sscanf(w + 1, "%d", &k) == 1 && k >= k0 && k < k0 + n)
					seen[k - k0]++;
				wl = 0;
			}
			if (it && it->kind == TS_ITEM_TEXT && wl + it->len < sizeof w) {
				memcpy(w + wl, it->text, it->len);
				wl += it->len;
			}
		}
	}
	int bad = 0;
	for (int i = 0; i < n; i++)
		bad += seen[i] != 1;
	free(seen);
	return bad;
}

static void
test_group_split(void)
{
	/* a header, then a cell spanning three rows with 600 words beside
	 * short cells, the group taller than two pages: split between lines,
	 * the header on every page, every word once, nothing outside the
	 * frame, nothing over another */
	ts_table_col cols[2] = { { .share = 1 }, { .share = 1 } };
	char *long_text = words_text(0, 600);
	ts_run r[6] = { run("Kopf", SIZE), run("Spalte", SIZE), run(long_text, SIZE),
		run("neben eins", SIZE), run("neben zwei", SIZE), run("neben drei", SIZE) };
	ts_table_cell h[2] = { { .runs = &r[0], .nruns = 1 }, { .runs = &r[1], .nruns = 1 } };
	ts_table_cell b0[2] = { { .runs = &r[2], .nruns = 1, .rowspan = 3 }, { .runs = &r[3], .nruns = 1 } };
	ts_table_cell b1[1] = { { .runs = &r[4], .nruns = 1 } };
	ts_table_cell b2[1] = { { .runs = &r[5], .nruns = 1 } };
	ts_table_row rows[4] = { { .cells = h, .ncells = 2 }, { .cells = b0, .ncells = 2 },
		{ .cells = b1, .ncells = 1 }, { .cells = b2, .ncells = 1 } };
	ts_table t = { .cols = cols, .ncols = 2, .rows = rows, .nrows = 4, .nheader = 1, .pad = PAD,
		.header_rule = TS_PT(0.5), .row_rule = TS_PT(0.3), .frame_rule = TS_PT(0.4) };
	unsigned w0 = D.nwarnings, e0 = D.nerrors;
	ts_layout *doc = ts_layout_new(TS_PT(500), TS_PT(400), FONTS);
	ts_flow *f = ts_flow_new(E, doc, frame());
	ts_run intro = run("Davor", SIZE);
	ts_para_style st = plain_style(TS_PT(12));
	ts_flow_para(f, &intro, 1, &st);
	ts_flow_table(f, &t);
	ts_flow_para(f, &intro, 1, &st);
	ts_flow_finish(f, NULL, NULL);
	EXPECT(D.nwarnings == w0 && D.nerrors == e0);
	EXPECTF(doc->npages >= 3, "%zu pages", doc->npages);
	int missing = words_not_once(doc, 0, 600);
	EXPECTF(missing == 0, "%d words not set once", missing);
	EXPECT(count_text(doc, "Kopf") == (int)doc->npages);
	EXPECT(find_word(doc, "neben", NULL) != NULL && count_text(doc, "drei") == 1);
	/* the text starts on the first page, right below the header */
	size_t p0 = 9;
	EXPECT(find_text(doc, "w0", &p0) && p0 == 0);
	expect_in_frame(doc, frame());
	expect_apart(doc);
	ts_layout_free(doc);
	free(long_text);
}

static void
test_caption_split(void)
{
	/* a caption longer than the page: split between its lines, then the
	 * table */
	gen g;
	gen_table(&g, 3);
	char *cap_text = words_text(0, 700);
	ts_run cap = run(cap_text, SIZE);
	g.t.caption = &cap;
	g.t.ncaption = 1;
	unsigned w0 = D.nwarnings;
	ts_layout *doc = ts_layout_new(TS_PT(500), TS_PT(400), FONTS);
	ts_flow *f = ts_flow_new(E, doc, frame());
	ts_flow_table(f, &g.t);
	ts_flow_finish(f, NULL, NULL);
	EXPECT(D.nwarnings == w0);
	EXPECTF(doc->npages >= 2, "%zu pages", doc->npages);
	size_t pl = 0, ph = 0;
	EXPECT(find_text(doc, "w699", &pl) && find_text(doc, "Posten", &ph) && ph >= pl);
	EXPECT(words_not_once(doc, 0, 700) == 0 && find_word(doc, "r3", NULL));
	expect_in_frame(doc, frame());
	expect_apart(doc);
	ts_layout_free(doc);
	gen_free(&g);
	free(cap_text);
}

static void
test_header_too_tall(void)
{
	/* a header taller than half the frame: an error at its first row, set
	 * once and split like a body row; nothing lost */
	ts_table_col cols[1] = { { .share = 1 } };
	char *head_text = words_text(0, 300), *body_text = words_text(1000, 200);
	ts_run r[2] = { run(head_text, SIZE), run(body_text, SIZE) };
	ts_table_cell cells[2] = { { .runs = &r[0], .nruns = 1 }, { .runs = &r[1], .nruns = 1 } };
	ts_table_row rows[2] = {
		{ .cells = &cells[0], .ncells = 1, .src = { "t.xml", 7, 9 } },
		{ .cells = &cells[1], .ncells = 1 },
	};
	ts_table t = { .cols = cols, .ncols = 1, .rows = rows, .nrows = 2, .nheader = 1, .pad = PAD };
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len), *out = D.out;
	D.out = m;
	unsigned e0 = D.nerrors;
	ts_layout *doc = ts_layout_new(TS_PT(500), TS_PT(400), FONTS);
	ts_flow *f = ts_flow_new(E, doc, frame());
	ts_flow_table(f, &t);
	ts_flow_finish(f, NULL, NULL);
	D.out = out;
	fclose(m);
	EXPECT(D.nerrors == e0 + 1);
	EXPECTF(buf && strncmp(buf, "t.xml:7:9: error: the table's header rows are", 45) == 0, "%s", buf);
	EXPECT(words_not_once(doc, 0, 300) == 0 && words_not_once(doc, 1000, 200) == 0);
	expect_in_frame(doc, frame());
	ts_layout_free(doc);
	free(buf);
	free(head_text);
	free(body_text);
}

static void
test_located(void)
{
	/* an unchecked table's extra cell and a word too wide for its cell:
	 * their warnings name the cell */
	ts_table_col cols[2] = { { .width = TS_PT(20) }, { .share = 1 } };
	ts_run r[3] = { run("Donaudampfschifffahrt", SIZE), run("b", SIZE), run("c", SIZE) };
	ts_table_cell cells[3] = {
		{ .runs = &r[0], .nruns = 1, .src = { "t.xml", 3, 5 } },
		{ .runs = &r[1], .nruns = 1 },
		{ .runs = &r[2], .nruns = 1, .src = { "t.xml", 3, 40 } },
	};
	ts_table_row rows[1] = { { .cells = cells, .ncells = 3 } };
	ts_table t = { .cols = cols, .ncols = 2, .rows = rows, .nrows = 1, .pad = PAD };
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len), *out = D.out;
	D.out = m;
	ts_layout *doc = ts_layout_new(TS_PT(500), TS_PT(400), FONTS);
	ts_flow *f = ts_flow_new(E, doc, frame());
	ts_flow_table(f, &t);
	ts_flow_finish(f, NULL, NULL);
	D.out = out;
	fclose(m);
	EXPECTF(buf && strstr(buf, "t.xml:3:5: warning: the word \"Donaudampfschifffahrt\"") &&
	    strstr(buf, "t.xml:3:40: warning: table row 1 has more cells than columns: 1 left out"),
	    "%s", buf);
	ts_layout_free(doc);
	free(buf);
}

/* The grid's rule: a column span that meets a row span from above is cut
 * there (the check's error), a cell with no column left has no place. */
static void
test_grid(void)
{
	size_t ff[3];
	grid g;
	grid_cell c;
	grid_init(&g, 3, ff);
	grid_part(&g, 4);
	grid_row(&g, 0);
	EXPECT(grid_place(&g, 1, 1, &c) == 0 && c.col == 0);
	EXPECT(grid_place(&g, 1, 3, &c) == 0 && c.col == 1 && c.rowspan == 3);
	EXPECT(grid_place(&g, 1, 1, &c) == 0 && c.col == 2 && grid_row_filled(&g) == 3);
	grid_row(&g, 1);
	EXPECT(grid_place(&g, 2, 1, &c) == GRID_SPAN_HELD && c.col == 0 && c.colspan == 1 &&
	    c.want == 2 && c.held == 1);
	EXPECT(grid_place(&g, 1, 1, &c) == 0 && c.col == 2);
	EXPECT(grid_place(&g, 1, 1, &c) == GRID_NO_COLUMN && c.col == 3);
	grid_row(&g, 2);
	EXPECT(grid_place(&g, 1, 1, &c) == 0 && c.col == 0);
	EXPECT(grid_place(&g, 2, 9, &c) == (GRID_SPAN_RIGHT | GRID_SPAN_BELOW) && c.col == 2 &&
	    c.colspan == 1 && c.rowspan == 2);
	grid_row(&g, 3);
	EXPECT(grid_row_filled(&g) == 1);
	EXPECT(grid_place(&g, 1, 1, &c) == 0 && c.col == 0 && grid_row_filled(&g) == 2);
}

/* A cell taller than ts_sp's 32,767 pt (330 lines 100 pt apart) and lines
 * placed that far down: int64 inside, saturated at the end, no overflow
 * (UBSan watches). */
static void
test_far(void)
{
	enum { N = 16000 };
	char *text = malloc(N * 2 + 1);
	for (int i = 0; i < N; i++)
		memcpy(text + 2 * i, "n ", 2);
	text[2 * N - 1] = '\0';
	ts_table_col cols[1] = { { .share = 1 } };
	ts_run r = run(text, SIZE);
	ts_table_cell cell = { .runs = &r, .nruns = 1 };
	ts_table_row row = { .cells = &cell, .ncells = 1 };
	ts_table t = { .cols = cols, .ncols = 1, .rows = &row, .nrows = 1, .pad = PAD,
		.leading = TS_PT(100) };
	ts_layout *doc = ts_layout_new(TS_PT(500), TS_PT(400), FONTS);
	ts_flow *f = ts_flow_new(E, doc, frame());
	ts_flow_table(f, &t);
	ts_flow_finish(f, NULL, NULL);
	EXPECT(count_text(doc, "n") == N);
	EXPECTF(doc->npages > 100, "%zu pages", doc->npages);
	expect_in_frame(doc, frame());
	/* ts_layout_place_lines itself: a baseline beyond the range saturates */
	ts_item it = { .kind = TS_ITEM_TEXT, .text = "x", .len = 1, .size = SIZE };
	ts_line ln[3] = { { .items = &it, .nitems = 1 }, { .items = &it, .nitems = 1 },
		{ .items = &it, .nitems = 1 } };
	ts_lines ls = { .lines = ln, .nlines = 3 };
	size_t pg = ts_layout_add_page(doc);
	ts_sp last = ts_layout_place_lines(doc, pg, TS_PT(10), TS_PT(20000), &ls, TS_PT(20000));
	EXPECT(last == INT32_MAX && doc->pages[pg].items[2].y == INT32_MAX);
	EXPECT(doc->pages[pg].items[0].y == TS_PT(20000) && doc->pages[pg].items[1].y == INT32_MAX);
	ts_layout_free(doc);
	free(text);
}

static double
lay_out(size_t n)
{
	gen g;
	gen_table(&g, n);
	ts_layout *doc = ts_layout_new(TS_PT(500), TS_PT(400), FONTS);
	clock_t t0 = clock();
	ts_flow *f = ts_flow_new(E, doc, frame());
	ts_flow_table(f, &g.t);
	ts_flow_finish(f, NULL, NULL);
	double t = (double)(clock() - t0) / CLOCKS_PER_SEC;
	EXPECT(find_word(doc, g.text[n][0], NULL) != NULL);
	EXPECT(count_text(doc, "Betrag") == (int)doc->npages);
	ts_layout_free(doc);
	gen_free(&g);
	return t;
}

static void
test_linear(void)
{
	double small = lay_out(1000), large = lay_out(10000);
	/* ten times the rows: about ten times the time; quadratic would be 100 */
	EXPECTF(large < 30 * small + 0.05, "%.3f s for 1000 rows, %.3f s for 10000", small, large);
}

int
main(void)
{
	if (!blocks_init("test_tables"))
		return 1;
	RUN(test_long_table);
	RUN(test_decimal);
	RUN(test_spans);
	RUN(test_caption_and_tall_row);
	RUN(test_group_split);
	RUN(test_caption_split);
	RUN(test_header_too_tall);
	RUN(test_located);
	RUN(test_grid);
	RUN(test_far);
	RUN(test_linear);
	ts_engine_free(E);
	UNIT_EXIT();
}
