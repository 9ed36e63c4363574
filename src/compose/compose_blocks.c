/* compose_blocks.c: the report's blocks beyond paragraphs, agreements and
 * groups: sections (numbered when the template says so), lists, tables,
 * figures, footnotes, links and references, and the letter's enclosures;
 * each with its node of the document's structure. */
#include "compose_int.h"

#include <stdio.h>
#include <string.h>

#include "base/base.h"

/* The space around tables and figures. */
#define BLOCK_SPACE TS_PT(8)

/* The plain text of a paragraph (a section's heading for bookmarks and
 * references). */
static const char *
para_text(arena *a, const vl_para *p)
{
	size_t len = 0;
	for (size_t i = 0; i < p->nspans; i++)
		len += p->spans[i].len;
	char *s = arena_alloc(a, len + 1), *o = s;
	for (size_t i = 0; i < p->nspans; i++) {
		memcpy(o, p->spans[i].text, p->spans[i].len);
		o += p->spans[i].len;
	}
	*o = '\0';
	return s;
}

/* What a <verweis ziel> prints: the section's number (its heading in
 * quotation marks when sections are not numbered), the table's or the
 * figure's number. */
static const char *
xref_text(const part *pt, const char *id)
{
	const vl_item *it = vl_target_find(pt->doc, id);
	arena *a = pt->out->arena;
	if (!it)
		return "?"; /* vl_check refuses it first */
	if (it->kind == VL_ITEM_SECTION)
		return pt->t->number_sections ? it->u.section.number
		    : arena_printf(a, "\xE2\x80\x9E%s\xE2\x80\x9C", para_text(a, &it->u.section.heading));
	return arena_printf(a, "%d", it->kind == VL_ITEM_TABLE ? it->u.table.number
	    : it->u.figure.number);
}

static tpl_style
note_style(const vl_template *t)
{
	tpl_style s = t->body_style;
	s.size = t->note_size;
	s.leading = t->note_leading;
	s.space_before = s.space_after = s.indent = 0;
	s.keep_with_next = false;
	return s;
}

static void
push_runs(arena *a, ts_run **all, size_t *n, size_t *cap, const ts_run *r, size_t k)
{
	if (*n + k > *cap) {
		size_t c = (*n + k) * 2;
		ts_run *m = arena_array(a, c, sizeof *m);
		if (*n)
			memcpy(m, *all, *n * sizeof *m);
		*all = m;
		*cap = c;
	}
	if (k)
		memcpy(*all + *n, r, k * sizeof *r);
	*n += k;
}

/* A footnote's mark in the text and the note it refers to. */
static ts_run
note_mark(const part *pt, const vl_span *s, const tpl_style *st, int tag)
{
	arena *a = pt->out->arena;
	int no = ++*pt->notes;
	const char *num = arena_printf(a, "%d", no);
	tpl_style ns = note_style(pt->t);
	int note = node(pt->out, TS_ROLE_NOTE, tag);
	ts_run *body;
	size_t nbody = compose_para_runs(pt, &pt->doc->notes[s->note].text, &ns, note, &body);
	ts_run *runs = arena_array(a, nbody + 1, sizeof *runs);
	runs[0] = plain_run(arena_printf(a, "%s\xC2\xA0", num), &ns, node(pt->out, TS_ROLE_LBL, note));
	memcpy(runs + 1, body, nbody * sizeof *body);
	ts_para_style *ps = arena_zalloc(a, sizeof *ps);
	*ps = para_style(&ns, pt->t->text_area.w);
	para_at(ps, pt->doc->path, pt->doc->notes[s->note].text.pos);
	ts_note *nt = arena_zalloc(a, sizeof *nt);
	*nt = (ts_note){ .runs = runs, .nruns = nbody + 1, .style = ps };
	ts_run r = plain_run(num, st, node(pt->out, TS_ROLE_REFERENCE, tag));
	r.size = st->size * 2 / 3;
	r.rise = st->size / 3;
	r.lang = s->lang;
	r.note = nt;
	return r;
}

size_t
compose_para_runs(const part *pt, const vl_para *p, const tpl_style *st, int tag, ts_run **out)
{
	arena *a = pt->out->arena;
	ts_run *all = NULL;
	size_t n = 0, cap = 0;
	for (size_t i = 0; i < p->nspans;) {
		const vl_span *s = &p->spans[i];
		if (s->flags & (VL_SPAN_NOTE | VL_SPAN_XREF)) {
			ts_run r;
			if (s->flags & VL_SPAN_NOTE) {
				r = note_mark(pt, s, st, tag);
			} else {
				/* the number, a Link to where the target begins */
				r = plain_run(xref_text(pt, s->ref), st,
				    node(pt->out, TS_ROLE_LINK, tag));
				r.lang = s->lang;
				if (s->ref)
					r.link = arena_printf(a, "#%s", s->ref);
			}
			r.src = compose_src(pt->out, pt->doc->path, s->pos.line ? s->pos : p->pos);
			push_runs(a, &all, &n, &cap, &r, 1);
			i++;
			continue;
		}
		size_t j = i;
		while (j < p->nspans && !(p->spans[j].flags & (VL_SPAN_NOTE | VL_SPAN_XREF)))
			j++;
		vl_para seg = { p->spans + i, j - i, p->pos };
		ts_run *runs;
		size_t k = compose_runs(pt->out, pt->doc->path, pt->lang, &seg, st, tag, &runs);
		push_runs(a, &all, &n, &cap, runs, k);
		i = j;
	}
	*out = n ? all : arena_array(a, 1, sizeof *all);
	return n;
}

/* ---- lists -------------------------------------------------------------- */

static const char *
roman(arena *a, int n)
{
	static const struct { int v; const char *s; } digits[] = {
		{ 1000, "m" }, { 900, "cm" }, { 500, "d" }, { 400, "cd" }, { 100, "c" },
		{ 90, "xc" }, { 50, "l" }, { 40, "xl" }, { 10, "x" }, { 9, "ix" },
		{ 5, "v" }, { 4, "iv" }, { 1, "i" },
	};
	char buf[64];
	size_t o = 0;
	for (size_t i = 0; i < sizeof digits / sizeof digits[0] && n > 0; i++)
		while (n >= digits[i].v && o + 3 < sizeof buf) {
			size_t l = strlen(digits[i].s);
			memcpy(buf + o, digits[i].s, l);
			o += l;
			n -= digits[i].v;
		}
	buf[o] = '\0';
	return arena_strdup(a, buf);
}

/* "a", …, "z", "aa", "ab", … */
static const char *
letters(arena *a, int n)
{
	char buf[16];
	size_t o = sizeof buf - 1;
	buf[o] = '\0';
	for (; n > 0 && o > 0; n = (n - 1) / 26)
		buf[--o] = (char)('a' + (n - 1) % 26);
	return arena_strdup(a, buf + o);
}

static const char *
list_marker(arena *a, enum vl_list_kind kind, int n)
{
	switch (kind) {
	case VL_LIST_ARABIC:
		return arena_printf(a, "%d.", n);
	case VL_LIST_ALPHA:
		return arena_printf(a, "%s)", letters(a, n));
	case VL_LIST_ROMAN:
		return arena_printf(a, "%s.", roman(a, n));
	case VL_LIST_BULLET:
	case VL_LIST_NKINDS:
		break;
	}
	return "\xE2\x80\x93"; /* – */
}

static void
flow_list(ts_flow *f, const part *pt, const vl_list *l, int parent)
{
	const vl_template *t = pt->t;
	int list = node(pt->out, TS_ROLE_L, parent);
	ts_list_style ls = { .level = l->level, .indent = t->list_indent, .gap = t->list_gap };
	tpl_style st = t->body_style;
	st.space_after = t->list_space;
	for (size_t k = 0; k < l->nentries; k++) {
		const vl_list_entry *en = &l->entries[k];
		int li = node(pt->out, TS_ROLE_LI, list);
		ts_run mark = plain_run(list_marker(pt->out->arena, l->kind, (int)k + 1), &st,
		    node(pt->out, TS_ROLE_LBL, li));
		int body = node(pt->out, TS_ROLE_LBODY, li);
		for (size_t i = 0; i < en->nitems; i++) {
			const vl_item *it = &en->items[i];
			if (it->kind == VL_ITEM_LIST) {
				flow_list(f, pt, &it->u.list, body);
				continue;
			}
			ts_run *runs;
			size_t n = compose_para_runs(pt, &it->u.para, &st,
			    node(pt->out, TS_ROLE_P, body), &runs);
			ts_para_style ps = para_style(&st, t->text_area.w);
			para_at(&ps, pt->doc->path, it->u.para.pos);
			ts_flow_list_item(f, &mark, i == 0, runs, n, &ps, &ls);
		}
	}
}

/* ---- tables ------------------------------------------------------------- */

static enum ts_col_align
col_align(enum vl_col_align a)
{
	return a == VL_COL_RIGHT ? TS_COL_RIGHT : a == VL_COL_CENTER ? TS_COL_CENTER
	    : a == VL_COL_DECIMAL ? TS_COL_DECIMAL : TS_COL_LEFT;
}

/* "Tabelle 3: " or "Abbildung 2: " before a caption, in the caption's node. */
static size_t
caption_runs(const part *pt, const char *word, int number, const vl_para *cap, int tag,
    ts_run **out)
{
	arena *a = pt->out->arena;
	tpl_style st = pt->t->body_style;
	ts_run *runs;
	size_t n = compose_para_runs(pt, cap, &st, tag, &runs);
	ts_run *all = arena_array(a, n + 1, sizeof *all);
	all[0] = plain_run(arena_printf(a, "%s %d: ", word, number), &st, tag);
	all[0].face = TS_BOLD;
	memcpy(all + 1, runs, n * sizeof *runs);
	*out = all;
	return n + 1;
}

static void
flow_table(ts_flow *f, const part *pt, const vl_table *vt)
{
	arena *a = pt->out->arena;
	const vl_template *t = pt->t;
	int table = node(pt->out, TS_ROLE_TABLE, pt->sect);
	ts_table_col *cols = arena_array(a, vt->ncols + 1, sizeof *cols);
	for (size_t c = 0; c < vt->ncols; c++)
		cols[c] = (ts_table_col){ .width = vt->cols[c].share ? 0 : ts_mm(vt->cols[c].mm),
			.share = vt->cols[c].share, .align = col_align(vt->cols[c].align) };
	ts_table_row *rows = arena_array(a, vt->nrows + 1, sizeof *rows);
	tpl_style body = t->body_style;
	body.align = TS_LEFT;
	tpl_style head = body;
	head.face = TS_BOLD;
	for (size_t r = 0; r < vt->nrows; r++) {
		const vl_row *vr = &vt->rows[r];
		bool is_head = r < vt->nheader;
		int tr = node(pt->out, TS_ROLE_TR, table);
		ts_table_cell *cells = arena_array(a, vr->ncells + 1, sizeof *cells);
		for (size_t c = 0; c < vr->ncells; c++) {
			ts_run *runs;
			int cell = node(pt->out, is_head ? TS_ROLE_TH : TS_ROLE_TD, tr);
			size_t n = compose_para_runs(pt, &vr->cells[c].text, is_head ? &head : &body,
			    cell, &runs);
			cells[c] = (ts_table_cell){ .runs = runs, .nruns = n,
				.colspan = vr->cells[c].colspan, .rowspan = vr->cells[c].rowspan };
		}
		rows[r] = (ts_table_row){ .cells = cells, .ncells = vr->ncells };
	}
	ts_table tb = {
		.cols = cols, .ncols = vt->ncols, .rows = rows, .nrows = vt->nrows,
		.nheader = vt->nheader, .pad = t->cell_pad, .leading = t->cell_leading,
		.hyphenate = true, .header_rule = TS_PT(0.8), .row_rule = TS_PT(0.3),
		.space_before = BLOCK_SPACE, .space_after = BLOCK_SPACE,
	};
	if (vt->id)
		ts_layout_add_dest(pt->out, vt->id, arena_printf(a, "Tabelle %d", vt->number), table);
	if (vt->number) {
		tb.ncaption = caption_runs(pt, "Tabelle", vt->number, &vt->caption,
		    node(pt->out, TS_ROLE_CAPTION, table), (ts_run **)&tb.caption);
	}
	ts_flow_table(f, &tb);
}

/* ---- figures ------------------------------------------------------------ */

static void
flow_figure(ts_flow *f, const part *pt, const vl_figure *vf)
{
	arena *a = pt->out->arena;
	bool inside, exists;
	const char *path = vl_source_file(a, pt->doc->path, vf->image, &inside, &exists);
	image_png img;
	if (!image_png_load(path, "image", false, &img, pt->d)) {
		*pt->failed = true;
		return;
	}
	int fig = ts_layout_add_node(pt->out, TS_ROLE_FIGURE, pt->sect,
	    vf->alt_lang && strcmp(vf->alt_lang, pt->lang) != 0 ? vf->alt_lang : NULL, vf->alt);
	/* the template's pixels an inch; the engine scales it down to the frame */
	double ppi = pt->t->figure_ppi;
	ts_figure fg = { .path = path, .width = TS_PT(img.width * 72.0 / ppi),
		.height = TS_PT(img.height * 72.0 / ppi), .caption_gap = TS_PT(4),
		.space_before = BLOCK_SPACE, .space_after = BLOCK_SPACE, .tag = fig };
	if (vf->id)
		ts_layout_add_dest(pt->out, vf->id, arena_printf(a, "Abbildung %d", vf->number), fig);
	if (vf->number)
		fg.ncaption = caption_runs(pt, "Abbildung", vf->number, &vf->caption,
		    node(pt->out, TS_ROLE_CAPTION, pt->sect), (ts_run **)&fg.caption);
	ts_flow_figure(f, &fg);
}

/* ---- sections ----------------------------------------------------------- */

static void
flow_section(ts_flow *f, const part *pt, const vl_section *sec, int level)
{
	arena *a = pt->out->arena;
	const vl_template *t = pt->t;
	const tpl_style *st = sec->level == 1 ? &t->heading_style : &t->label_style;
	part sub = *pt;
	sub.sect = node(pt->out, TS_ROLE_SECT, pt->sect);
	int role = TS_ROLE_H1 + (level < 5 ? level : 5);
	int h = node(pt->out, (enum ts_role)role, sub.sect);
	const char *title = para_text(a, &sec->heading);
	ts_run *runs;
	size_t n = compose_para_runs(pt, &sec->heading, st, h, &runs);
	if (t->number_sections) {
		ts_run *all = arena_array(a, n + 1, sizeof *all);
		all[0] = plain_run(arena_printf(a, "%s\xC2\xA0\xC2\xA0", sec->number), st, h);
		memcpy(all + 1, runs, n * sizeof *runs);
		runs = all;
		n++;
		title = arena_printf(a, "%s %s", sec->number, title);
	}
	ts_flow_outline(f, title, level);
	if (sec->id)
		ts_layout_add_dest(pt->out, sec->id, arena_printf(a, "Abschnitt %s", title), h);
	ts_para_style ps = para_style(st, t->text_area.w);
	para_at(&ps, pt->doc->path, sec->heading.pos);
	ps.keep_with_next = true;
	ts_flow_para(f, runs, n, &ps);
	compose_items(f, &sub, sec->items, sec->nitems, level + 1);
}

void
compose_items(ts_flow *f, const part *pt, const vl_item *items, size_t n, int level)
{
	const vl_template *t = pt->t;
	for (size_t i = 0; i < n; i++) {
		const vl_item *it = &items[i];
		switch (it->kind) {
		case VL_ITEM_PARA:
			flow_para(f, pt, &it->u.para, &t->body_style, t->text_area.w, TS_ROLE_P);
			break;
		case VL_ITEM_AGREEMENT:
			flow_agreement(f, pt, pt->doc, &it->u.agreement, t, level);
			break;
		case VL_ITEM_GROUP:
			flow_group(f, pt, &it->u.group, level);
			break;
		case VL_ITEM_PAGEBREAK:
			ts_flow_page_break(f);
			break;
		case VL_ITEM_SECTION:
			flow_section(f, pt, &it->u.section, level);
			break;
		case VL_ITEM_LIST:
			flow_list(f, pt, &it->u.list, pt->sect);
			break;
		case VL_ITEM_TABLE:
			flow_table(f, pt, &it->u.table);
			break;
		case VL_ITEM_FIGURE:
			flow_figure(f, pt, &it->u.figure);
			break;
		}
	}
}

/* ---- the letter's enclosures -------------------------------------------- */

void
compose_enclosures(const part *pt, const ts_engine *e, size_t page, ts_sp y, int sect)
{
	const vl_template *t = pt->t;
	const vl_letter *l = &pt->doc->letter;
	ts_frame body = t->letter_body;
	ts_flow *f = ts_flow_new_at(e, pt->out, body, page, y + t->letter_body_style.leading);
	tpl_style st = t->letter_body_style;
	st.align = TS_LEFT;
	st.space_before = st.space_after = 0;
	ts_run label = plain_run(l->nenclosures > 1 ? "Anlagen" : "Anlage", &t->closing_style,
	    node(pt->out, TS_ROLE_P, sect));
	ts_para_style ps = para_style(&t->closing_style, body.w);
	ps.keep_with_next = true;
	ps.space_before = st.leading;
	ts_flow_para(f, &label, 1, &ps);
	int list = node(pt->out, TS_ROLE_L, sect);
	ts_list_style ls = { .level = 0, .indent = t->enclosure_indent, .gap = t->enclosure_gap };
	for (size_t i = 0; i < l->nenclosures; i++) {
		int li = node(pt->out, TS_ROLE_LI, list);
		ts_run mark = plain_run("\xE2\x80\x93", &st, node(pt->out, TS_ROLE_LBL, li));
		ts_run *runs;
		size_t n = compose_para_runs(pt, &l->enclosures[i], &st,
		    node(pt->out, TS_ROLE_LBODY, li), &runs);
		ps = para_style(&st, body.w);
		para_at(&ps, pt->doc->path, l->enclosures[i].pos);
		ts_flow_list_item(f, &mark, 1, runs, n, &ps, &ls);
	}
	ts_flow_finish(f, NULL, NULL);
}

/* ---- the domain blocks wherever they are -------------------------------- */

typedef struct domain_list {
	arena *a;
	const vl_item **v;
	size_t n, cap;
} domain_list;

static void
collect_domain(const vl_item *it, void *ctx)
{
	domain_list *l = ctx;
	if (it->kind != VL_ITEM_AGREEMENT && it->kind != VL_ITEM_GROUP)
		return;
	if (l->n == l->cap) {
		size_t c = l->cap ? l->cap * 2 : 16;
		const vl_item **m = arena_array(l->a, c, sizeof *m);
		if (l->n)
			memcpy(m, l->v, l->n * sizeof *m);
		l->v = m;
		l->cap = c;
	}
	l->v[l->n++] = it;
}

const vl_item **
compose_domain_items(arena *a, const vl_doc *doc, size_t *n)
{
	domain_list l = { a, NULL, 0, 0 };
	vl_items_walk(doc->report.answer, doc->report.nanswer, collect_domain, &l);
	*n = l.n;
	return l.v;
}
