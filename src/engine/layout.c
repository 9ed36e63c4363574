/* layout.c: the laid-out document (ts_layout): pages of positioned items, outline,
 * page labels, line statistics. Shared by the engine and the back ends. */
#include "engine.h"
#include "engine_int.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

ts_sp
ts_mm(double mm)
{
	double v = mm * 72.0 / 25.4 * TS_UNIT;
	return (ts_sp)(v < 0 ? v - 0.5 : v + 0.5);
}

double
ts_to_pt(ts_sp v)
{
	return (double)v / TS_UNIT;
}

double
ts_to_mm(ts_sp v)
{
	return (double)v / TS_UNIT * 25.4 / 72.0;
}

ts_layout *
ts_layout_new(ts_sp width, ts_sp height, const char *const font_paths[TS_NFACES])
{
	ts_layout *doc = xcalloc(1, sizeof *doc);
	doc->arena = arena_new();
	doc->width = width;
	doc->height = height;
	for (int i = 0; i < TS_NFACES; i++) {
		const char *p = font_paths[i] ? font_paths[i] : font_paths[TS_REGULAR];
		doc->font_paths[i] = p ? arena_strdup(doc->arena, p) : NULL;
	}
	ts_layout_add_node(doc, TS_ROLE_DOCUMENT, -1, NULL, NULL);
	return doc;
}

void
ts_layout_free(ts_layout *doc)
{
	if (!doc)
		return;
	for (size_t i = 0; i < doc->npages; i++)
		free(doc->pages[i].items);
	free(doc->pages);
	free(doc->outline);
	free(doc->stats);
	free(doc->labels);
	free(doc->nodes);
	free(doc->dests);
	free(doc->dest_of);
	free(doc->dest_sorted);
	arena_free(doc->arena);
	free(doc);
}

/* Room a page keeps beyond its items when the next page is begun: what is
 * added to a page afterwards is its page number's line. */
enum { PAGE_SLACK = 8 };

size_t
ts_layout_add_page(ts_layout *doc)
{
	/* the page before is (nearly) done: its items' array is cut down from
	 * its last doubling, which would leave a quarter of a long document's
	 * items memory unused on average */
	if (doc->npages) {
		ts_page *last = &doc->pages[doc->npages - 1];
		if (last->nitems && last->cap > last->nitems + PAGE_SLACK) {
			last->cap = last->nitems + PAGE_SLACK;
			last->items = xrealloc(last->items, last->cap * sizeof *last->items);
		}
	}
	doc->pages = xgrow(doc->pages, &doc->cap, doc->npages + 1, sizeof *doc->pages);
	memset(&doc->pages[doc->npages], 0, sizeof doc->pages[0]);
	return doc->npages++;
}

void
ts_layout_drop_page(ts_layout *doc, size_t page)
{
	ts_page *p = &doc->pages[page];
	free(p->items);
	memset(p, 0, sizeof *p);
}

ts_item *
ts_page_add(ts_layout *doc, size_t page)
{
	ts_page *p = &doc->pages[page];
	p->items = xgrow(p->items, &p->cap, p->nitems + 1, sizeof *p->items);
	ts_item *it = &p->items[p->nitems++];
	memset(it, 0, sizeof *it);
	return it;
}

void
ts_page_add_rule(ts_layout *doc, size_t page, ts_sp x, ts_sp y, ts_sp w, ts_sp h)
{
	ts_item *it = ts_page_add(doc, page);
	it->kind = TS_ITEM_RULE;
	it->x = x;
	it->y = y;
	it->w = w;
	it->h = h;
	it->tag = TS_TAG_LAYOUT;
}

int
ts_layout_add_node(ts_layout *doc, enum ts_role role, int parent, const char *lang, const char *alt)
{
	doc->nodes = xgrow(doc->nodes, &doc->nodes_cap, doc->nnodes + 1, sizeof *doc->nodes);
	doc->nodes[doc->nnodes] = (ts_node){
		.role = role, .parent = doc->nnodes ? parent : -1,
		.lang = lang ? arena_strdup(doc->arena, lang) : NULL,
		.alt = alt ? arena_strdup(doc->arena, alt) : NULL,
	};
	doc->dest_of = xgrow(doc->dest_of, &doc->dest_of_cap, doc->nnodes + 1, sizeof *doc->dest_of);
	doc->dest_of[doc->nnodes] = -1;
	return (int)doc->nnodes++;
}

void
ts_layout_add_outline(ts_layout *doc, const char *title, int level, size_t page, ts_sp y)
{
	doc->outline = xgrow(doc->outline, &doc->outline_cap, doc->noutline + 1, sizeof *doc->outline);
	doc->outline[doc->noutline++] = (ts_outline){
		.title = arena_strdup(doc->arena, title), .level = level, .page = page, .y = y,
	};
}

void
ts_layout_add_dest(ts_layout *doc, const char *name, const char *title, int node)
{
	doc->dests = xgrow(doc->dests, &doc->dests_cap, doc->ndests + 1, sizeof *doc->dests);
	doc->dests[doc->ndests++] = (ts_dest){
		.name = arena_strdup(doc->arena, name),
		.title = arena_strdup(doc->arena, title ? title : ""), .node = node,
		.page = SIZE_MAX,
	};
	if (node >= 0 && (size_t)node < doc->nnodes && doc->dest_of[node] < 0)
		doc->dest_of[node] = (long)(doc->ndests - 1);
}

long
ts_layout_dest_find(const ts_layout *doc, const char *name)
{
	if (doc->dest_sorted && doc->ndest_sorted == doc->ndests) {
		size_t lo = 0, hi = doc->ndests; /* the first not below name */
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (strcmp(doc->dests[doc->dest_sorted[mid]].name, name) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		return lo < doc->ndests && strcmp(doc->dests[doc->dest_sorted[lo]].name, name) == 0
		    ? (long)doc->dest_sorted[lo] : -1;
	}
	for (size_t i = 0; i < doc->ndests; i++)
		if (strcmp(doc->dests[i].name, name) == 0)
			return (long)i;
	return -1;
}

/* for qsort: destinations by name, then in the order they were named */
static const ts_dest *sort_dests;

static int
cmp_dest(const void *x, const void *y)
{
	size_t a = *(const size_t *)x, b = *(const size_t *)y;
	int r = strcmp(sort_dests[a].name, sort_dests[b].name);
	return r ? r : a < b ? -1 : a > b;
}

void
ts_layout_drop_dangling_links(ts_layout *doc)
{
	/* every link is looked up here and again by the back end: by bisection
	 * (a linear search made 30 000 references take seconds) */
	free(doc->dest_sorted);
	doc->dest_sorted = xmalloc((doc->ndests ? doc->ndests : 1) * sizeof *doc->dest_sorted);
	for (size_t i = 0; i < doc->ndests; i++)
		doc->dest_sorted[i] = i;
	sort_dests = doc->dests;
	qsort(doc->dest_sorted, doc->ndests, sizeof *doc->dest_sorted, cmp_dest);
	sort_dests = NULL;
	doc->ndest_sorted = doc->ndests;
	for (size_t p = 0; p < doc->npages; p++)
		for (size_t k = 0; k < doc->pages[p].nitems; k++) {
			ts_item *it = &doc->pages[p].items[k];
			if (!it->link || it->link[0] != '#' || ts_layout_dest_find(doc, it->link + 1) >= 0)
				continue;
			it->link = NULL;
			if (it->tag >= 0 && (size_t)it->tag < doc->nnodes &&
			    doc->nodes[it->tag].role == TS_ROLE_LINK)
				doc->nodes[it->tag].role = TS_ROLE_SPAN;
		}
}

void
ts_layout_placed(ts_layout *doc, size_t page, const ts_item *it)
{
	if (!doc->ndests)
		return;
	for (int n = it->tag; n >= 0 && (size_t)n < doc->nnodes; n = doc->nodes[n].parent) {
		long d = doc->dest_of[n];
		if (d < 0 || doc->dests[d].page != SIZE_MAX)
			continue;
		doc->dests[d].page = page;
		doc->dests[d].top = it->kind == TS_ITEM_TEXT ? it->y - it->size : it->y;
	}
}

void
ts_layout_add_label(ts_layout *doc, size_t first_page, const char *prefix,
    enum ts_label_style style, int start)
{
	doc->labels = xgrow(doc->labels, &doc->labels_cap, doc->nlabels + 1, sizeof *doc->labels);
	doc->labels[doc->nlabels++] = (ts_page_label){
		.first_page = first_page, .prefix = arena_strdup(doc->arena, prefix ? prefix : ""),
		.style = style, .start = start,
	};
}

ts_sp
ts_layout_place_lines(ts_layout *doc, size_t page, ts_sp x, ts_sp y,
    const ts_lines *lines, ts_sp leading)
{
	ts_sp base = y;
	for (size_t i = 0; i < lines->nlines; i++) {
		const ts_line *ln = &lines->lines[i];
		/* in int64, saturated: the lines of a cell thousands of points
		 * tall would overflow ts_sp's 32,767 pt (their placement moves
		 * them back onto the page) */
		base = ts_clamp((int64_t)y + (int64_t)i * leading);
		for (size_t k = 0; k < ln->nitems; k++) {
			ts_item *it = ts_page_add(doc, page);
			*it = ln->items[k];
			it->x = ts_clamp((int64_t)it->x + x);
			it->y = ts_clamp((int64_t)it->y + base);
			ts_layout_placed(doc, page, it);
		}
		doc->stats = xgrow(doc->stats, &doc->stats_cap, doc->nstats + 1, sizeof *doc->stats);
		doc->stats[doc->nstats++] = (ts_line_stat){
			.page = page, .size = ln->size, .space = ln->space, .width = ln->width,
			.measure = ln->measure, .nspaces = ln->nspaces, .expand = ln->expand, .justified = ln->justified,
			.hyphenated = ln->hyphenated, .overfull = ln->overfull,
		};
	}
	return base;
}
