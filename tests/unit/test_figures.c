/* test_figures.c: figures (src/engine/flow_figure.c): placed where they fit,
 * else floated to the top of the next page while the text after them
 * fills this one; scaled to the frame; the caption kept with the image. */
#include "blocks.h"

#define SIZE TS_PT(11)
#define LEAD TS_PT(14)
#define NL 20

static ts_frame
frame(void)
{
	return (ts_frame){ TS_PT(50), TS_PT(60), TS_PT(300), ascender(SIZE) + descender(SIZE) + (NL - 1) * LEAD };
}

static void
plain(ts_flow *f, const char *text)
{
	ts_run r = run(text, SIZE);
	ts_para_style st = plain_style(LEAD);
	ts_flow_para(f, &r, 1, &st);
}

static const ts_item *
image(const ts_layout *doc, const char *path, size_t *page)
{
	for (size_t p = 0; p < doc->npages; p++)
		for (size_t i = 0; i < doc->pages[p].nitems; i++) {
			const ts_item *it = &doc->pages[p].items[i];
			if (it->kind == TS_ITEM_IMAGE && strcmp(it->text, path) == 0) {
				*page = p;
				return it;
			}
		}
	return NULL;
}

static ts_run CAP;

static void
figure(ts_flow *f, const char *path, ts_sp w, ts_sp h)
{
	ts_figure fig = { .path = path, .width = w, .height = h, .caption = &CAP, .ncaption = 1,
		.caption_gap = TS_PT(4), .space_before = TS_PT(6), .space_after = TS_PT(6) };
	ts_flow_figure(f, &fig);
}

static void
test_inline(void)
{
	ts_layout *doc = ts_layout_new(TS_PT(400), TS_PT(700), FONTS);
	ts_flow *f = ts_flow_new(E, doc, frame());
	plain(f, "Vorher");
	figure(f, "a.png", TS_PT(100), TS_PT(50));
	plain(f, "Nachher");
	ts_flow_finish(f, NULL, NULL);
	size_t p = 9;
	const ts_item *img = image(doc, "a.png", &p);
	const ts_item *before = find_word(doc, "Vorher", NULL), *after = find_word(doc, "Nachher", NULL);
	const ts_item *cap = find_word(doc, "Abbildung", NULL);
	EXPECT(img && before && after && cap && p == 0);
	if (img && before && after && cap) {
		EXPECT(img->y == before->y + TS_PT(6));
		EXPECT(img->w == TS_PT(100) && img->h == TS_PT(50));
		EXPECT(img->x == frame().x + (frame().w - TS_PT(100)) / 2);
		EXPECT(cap->y == img->y + img->h + TS_PT(4) + ascender(SIZE));
		EXPECT(after->y == cap->y + TS_PT(6) + LEAD);
	}
	expect_in_frame(doc, frame());
	ts_layout_free(doc);
}

static void
test_float(void)
{
	/* 12 lines, then a figure of 200 pt that does not fit below them:
	 * the 4 lines after it fill the page, the figure opens the next */
	ts_layout *doc = ts_layout_new(TS_PT(400), TS_PT(700), FONTS);
	ts_flow *f = ts_flow_new(E, doc, frame());
	for (int i = 0; i < 12; i++)
		plain(f, "Zeile");
	figure(f, "big.png", TS_PT(200), TS_PT(200));
	figure(f, "second.png", TS_PT(100), TS_PT(20));  /* waits behind the first */
	for (int i = 0; i < 4; i++)
		plain(f, "Danach");
	plain(f, "Ende");
	ts_flow_finish(f, NULL, NULL);
	size_t pb = 9, ps = 9, pd = 9, pe = 9;
	const ts_item *big = image(doc, "big.png", &pb), *sec = image(doc, "second.png", &ps);
	const ts_item *d = find_word(doc, "Danach", &pd), *e = find_word(doc, "Ende", &pe);
	EXPECT(big && sec && d && e);
	EXPECTF(pb == 1 && ps == 1 && pd == 0, "big %zu second %zu text %zu", pb, ps, pd);
	EXPECT(count_text(doc, "Zeile") == 12);
	if (big && sec && e) {
		EXPECT(big->y == frame().y);          /* at the top: its space dropped */
		EXPECT(sec->y > big->y + big->h);     /* figures in order */
		EXPECT(pe == 0 || e->y > sec->y + sec->h);
	}
	/* text before the figure stays before it: every "Zeile" on page 0 */
	for (size_t i = 0; i < doc->pages[1].nitems; i++) {
		const ts_item *it = &doc->pages[1].items[i];
		EXPECT(!(it->kind == TS_ITEM_TEXT && it->len == 5 && memcmp(it->text, "Zeile", 5) == 0));
	}
	expect_in_frame(doc, frame());
	ts_layout_free(doc);
}

static void
test_scaled_and_last(void)
{
	/* wider than the frame: scaled to its width, aspect kept; a figure
	 * still waiting at the end gets a page of its own */
	ts_layout *doc = ts_layout_new(TS_PT(400), TS_PT(700), FONTS);
	ts_flow *f = ts_flow_new(E, doc, frame());
	for (int i = 0; i < 18; i++)
		plain(f, "Text");
	figure(f, "wide.png", TS_PT(600), TS_PT(150));
	ts_flow_finish(f, NULL, NULL);
	size_t p = 9;
	const ts_item *img = image(doc, "wide.png", &p);
	EXPECT(img && p == 1 && doc->npages == 2);
	if (img) {
		EXPECT(img->w == frame().w);
		EXPECT(img->h == TS_PT(75));
	}
	/* taller than the frame: scaled to leave its caption room */
	figure(f = ts_flow_new(E, doc, frame()), "tall.png", TS_PT(100), TS_PT(2000));
	ts_flow_finish(f, NULL, NULL);
	img = image(doc, "tall.png", &p);
	EXPECT(img && p == 2 && img->h < frame().h);
	expect_in_frame(doc, frame());
	ts_layout_free(doc);
}

/* A caption of n words, with a place in the source; its items go into
 * the frame's bottom region when the figure fits. */
static char CAPTEXT[8192];
static const ts_srcpos CAPSRC = { "caption.xml", 7, 9 };

static ts_run
long_caption(int words)
{
	size_t k = 0;
	for (int i = 0; i < words && k + 8 < sizeof CAPTEXT; i++)
		k += (size_t)snprintf(CAPTEXT + k, sizeof CAPTEXT - k, "%sWort", i ? " " : "");
	ts_run r = run(CAPTEXT, SIZE);
	r.src = &CAPSRC;
	return r;
}

/* The lowest text bottom (baseline + descender) on page p. */
static int64_t
text_bottom(const ts_layout *doc, size_t p)
{
	int64_t b = 0;
	for (size_t i = 0; i < doc->pages[p].nitems; i++) {
		const ts_item *it = &doc->pages[p].items[i];
		if (it->kind == TS_ITEM_TEXT && it->y + descender(it->size) > b)
			b = it->y + descender(it->size);
	}
	return b;
}

static void
test_long_caption(void)
{
	/* a caption of 16 of the frame's 20 lines under a 200 pt image:
	 * the image scaled down (aspect kept) so that image and caption fill
	 * the frame, nothing below it (it ran off the page before) */
	ts_layout *doc = ts_layout_new(TS_PT(400), TS_PT(700), FONTS);
	ts_flow *f = ts_flow_new(E, doc, frame());
	ts_run cap = long_caption(180);
	ts_figure fig = { .path = "long.png", .width = TS_PT(200), .height = TS_PT(200),
		.caption = &cap, .ncaption = 1, .caption_gap = TS_PT(4) };
	unsigned errors = D.nerrors;
	ts_flow_figure(f, &fig);
	ts_flow_finish(f, NULL, NULL);
	size_t p = 9;
	const ts_item *img = image(doc, "long.png", &p);
	EXPECT(img && p == 0 && doc->npages == 1 && D.nerrors == errors);
	if (img) {
		EXPECTF(img->h < frame().h / 4 && img->h > frame().h / 8 && img->w == img->h,
		    "image %ld x %ld", (long)img->w, (long)img->h);
		int64_t bottom = text_bottom(doc, 0), end = (int64_t)frame().y + frame().h;
		EXPECTF(bottom <= end && bottom > end - TS_PT(1), "caption ends at %ld, frame at %ld",
		    (long)bottom, (long)end);
	}
	expect_in_frame(doc, frame());
	ts_layout_free(doc);
}

static void
test_caption_too_tall(void)
{
	/* a caption that leaves its image less than an eighth of the frame:
	 * an error at the caption's place in the source */
	char *text = NULL;
	size_t len = 0;
	FILE *sink = open_memstream(&text, &len);
	FILE *was = D.out;
	D.out = sink;
	ts_layout *doc = ts_layout_new(TS_PT(400), TS_PT(700), FONTS);
	ts_flow *f = ts_flow_new(E, doc, frame());
	ts_run cap = long_caption(230);
	ts_figure fig = { .path = "tall.png", .width = TS_PT(200), .height = TS_PT(200),
		.caption = &cap, .ncaption = 1, .caption_gap = TS_PT(4) };
	unsigned errors = D.nerrors;
	ts_flow_figure(f, &fig);
	ts_flow_finish(f, NULL, NULL);
	fclose(sink);
	D.out = was;
	EXPECT(D.nerrors == errors + 1);
	EXPECTF(text && strstr(text, "caption.xml:7:9: error: this caption is ") &&
	    strstr(text, "it does not fit in the text area"), "%s", text ? text : "");
	ts_layout_free(doc);
	free(text);
}

int
main(void)
{
	if (!blocks_init("test_figures"))
		return 1;
	CAP = run("Abbildung 1: Ein Bild", SIZE);
	RUN(test_inline);
	RUN(test_float);
	RUN(test_scaled_and_last);
	RUN(test_long_caption);
	RUN(test_caption_too_tall);
	ts_engine_free(E);
	UNIT_EXIT();
}
