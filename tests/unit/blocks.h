/* blocks.h: what the unit tests of the block types (test_lists.c,
 * test_tables.c, test_notes.c, test_figures.c) share: the engine with the
 * real fonts, runs, and checks over a laid-out document. */
#ifndef VORLAGE_TEST_BLOCKS_H
#define VORLAGE_TEST_BLOCKS_H

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

static inline int
blocks_init(const char *name)
{
	diag_init(&D, name, stderr);
	E = ts_engine_new(FONTS, NULL, NULL, &D);
	if (!E) {
		printf("FAIL engine: fonts missing\n");
		return 0;
	}
	return 1;
}

static inline ts_run
run(const char *text, ts_sp size)
{
	return (ts_run){ .text = text, .len = strlen(text), .face = TS_REGULAR, .size = size, .lang = "de" };
}

static inline ts_sp
ascender(ts_sp size)
{
	const ts_font *fo = ts_engine_font(E, TS_REGULAR);
	return (ts_sp)((int64_t)font_ascender(fo) * size / font_units_per_em(fo));
}

static inline ts_sp
descender(ts_sp size)
{
	const ts_font *fo = ts_engine_font(E, TS_REGULAR);
	return (ts_sp)((int64_t)-font_descender(fo) * size / font_units_per_em(fo));
}

/* The first text item that is exactly s, on any page; its page to *page. */
static inline const ts_item *
find_text(const ts_layout *doc, const char *s, size_t *page)
{
	size_t n = strlen(s);
	for (size_t p = 0; p < doc->npages; p++)
		for (size_t i = 0; i < doc->pages[p].nitems; i++) {
			const ts_item *it = &doc->pages[p].items[i];
			if (it->kind == TS_ITEM_TEXT && it->len == n && memcmp(it->text, s, n) == 0) {
				if (page)
					*page = p;
				return it;
			}
		}
	return NULL;
}

/* Items next to each other on a line (kerning splits words into items)
 * joined: the first item of the word that is exactly s, and its page. */
static inline const ts_item *
find_word(const ts_layout *doc, const char *s, size_t *page)
{
	size_t n = strlen(s);
	for (size_t p = 0; p < doc->npages; p++) {
		const ts_page *pg = &doc->pages[p];
		for (size_t i = 0; i < pg->nitems; i++) {
			const ts_item *it = &pg->items[i];
			if (it->kind != TS_ITEM_TEXT)
				continue;
			if (i > 0 && pg->items[i - 1].kind == TS_ITEM_TEXT && pg->items[i - 1].y == it->y &&
			    llabs((long long)it->x - pg->items[i - 1].x - pg->items[i - 1].w) < TS_PT(1.5))
				continue; /* not a word's start */
			size_t k = 0, j = i;
			for (; j < pg->nitems && k <= n; j++) {
				const ts_item *q = &pg->items[j];
				if (j > i && (q->kind != TS_ITEM_TEXT || q->y != it->y ||
					llabs((long long)q->x - pg->items[j - 1].x - pg->items[j - 1].w) >= TS_PT(1.5)))
					break;
				if (k + q->len > n || memcmp(s + k, q->text, q->len) != 0) {
					k = n + 1;
					break;
				}
				k += q->len;
			}
			if (k == n) {
				if (page)
					*page = p;
				return it;
			}
		}
	}
	return NULL;
}

static inline int
count_text(const ts_layout *doc, const char *s)
{
	int c = 0;
	size_t n = strlen(s);
	for (size_t p = 0; p < doc->npages; p++)
		for (size_t i = 0; i < doc->pages[p].nitems; i++) {
			const ts_item *it = &doc->pages[p].items[i];
			c += it->kind == TS_ITEM_TEXT && it->len == n && memcmp(it->text, s, n) == 0;
		}
	return c;
}

/* Every item within the frame (text: its advance and its baseline with
 * ascender and descender of its size), no overfull line. */
static inline void
expect_in_frame(const ts_layout *doc, ts_frame fr)
{
	int bad = 0;
	for (size_t p = 0; p < doc->npages; p++)
		for (size_t i = 0; i < doc->pages[p].nitems; i++) {
			const ts_item *it = &doc->pages[p].items[i];
			int64_t top = it->y, bot = (int64_t)it->y + it->h;
			if (it->kind == TS_ITEM_TEXT) {
				top = it->y - ascender(it->size);
				bot = it->y + descender(it->size);
			}
			if (it->x < fr.x || (int64_t)it->x + it->w > (int64_t)fr.x + fr.w ||
			    top < fr.y - 1 || bot > (int64_t)fr.y + fr.h) {
				if (bad++ < 3)
					printf("  outside: page %zu item %zu at %ld,%ld w %ld \"%.*s\"\n", p, i,
					    (long)it->x, (long)it->y, (long)it->w,
					    it->kind == TS_ITEM_TEXT ? (int)it->len : 0, it->text ? it->text : "");
			}
		}
	EXPECTF(bad == 0, "%d items outside the frame", bad);
	for (size_t i = 0; i < doc->nstats; i++)
		EXPECTF(!doc->stats[i].overfull, "line %zu overfull", i);
}

static inline ts_para_style
plain_style(ts_sp leading)
{
	ts_para_style st;
	memset(&st, 0, sizeof st);
	st.leading = leading;
	st.align = TS_LEFT;
	return st;
}

#endif
