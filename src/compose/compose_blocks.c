/* compose_blocks.c: the report's blocks as the engine's flow blocks (prefix
 * block_): paragraphs, agreements and groups, sections (numbered when the
 * template says so), lists, tables, figures, and the letter's enclosures;
 * each with its node of the document's structure. The middle of the
 * composer: compose.c calls it, and it calls only the helpers of
 * compose_util.c (runs with their footnotes and references, styles, nodes). */
#include "compose_blocks.h"

#include <string.h>

/* ---- paragraphs, agreements, groups ------------------------------------ */

void
block_para(ts_flow *f, const cu_part *pt, const vl_para *p, const tpl_style *st,
    ts_sp measure, enum ts_role role)
{
	ts_run *runs;
	size_t n = cu_para_runs(pt, p, st, cu_node(pt->out, role, pt->sect), &runs);
	ts_para_style ps = cu_para_style(st, measure);
	cu_para_at(&ps, pt->doc->path, p->pos);
	ts_flow_para(f, runs, n, &ps);
}

void
block_paras(ts_flow *f, const cu_part *pt, const vl_para *p, size_t n, const tpl_style *st,
    ts_sp measure)
{
	for (size_t i = 0; i < n; i++)
		block_para(f, pt, &p[i], st, measure, TS_ROLE_P);
}

void
block_text(ts_flow *f, const cu_part *pt, const char *text, const tpl_style *st,
    ts_sp measure, enum ts_role role)
{
	ts_run r = cu_plain_run(text, st, cu_node(pt->out, role, pt->sect));
	ts_para_style ps = cu_para_style(st, measure);
	ts_flow_para(f, &r, 1, &ps);
}

/* An agreement's title followed by its date in brackets, as the original:
 * a heading one level below its bookmark's (level 0 is H1). */
void
block_agreement(ts_flow *f, const cu_part *pt, const vl_agreement *ag, int level)
{
	arena *a = pt->out->arena;
	const vl_template *t = pt->t;
	const ts_sp w = t->text_area.w;
	ts_flow_outline(f, cu_parties_names(a, pt->doc, ag->parties, ag->nparties), level);
	ts_run *runs;
	int h = cu_node(pt->out, (enum ts_role)(TS_ROLE_H1 + level), pt->sect);
	size_t n = cu_runs(pt->out, pt->doc->path, pt->lang, &ag->title, &t->agreement_style, h,
	    &runs);
	ts_run *all = arena_array(a, n + 1, sizeof *all);
	memcpy(all, runs, n * sizeof *runs);
	all[n] = cu_plain_run(arena_printf(a, " (%s)", ag->date_text), &t->agreement_style, h);
	ts_para_style ps = cu_para_style(&t->agreement_style, w);
	ps.keep_with_next = true;
	ts_flow_para(f, all, n + 1, &ps);
	block_paras(f, pt, ag->paras, ag->nparas, &t->body_style, w);
}

void
block_group(ts_flow *f, const cu_part *pt, const vl_group *g, int level)
{
	const ts_sp w = pt->t->text_area.w;
	ts_flow_outline(f, cu_group_title(pt->out->arena, pt->doc, g), level);
	block_paras(f, pt, g->intro, g->nintro, &pt->t->body_style, w);
	for (size_t k = 0; k < g->nparts; k++) {
		ts_flow_outline(f, pt->doc->partners[g->parts[k].partner].name, level + 1);
		block_paras(f, pt, g->parts[k].paras, g->parts[k].nparas, &pt->t->body_style, w);
	}
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

/* A list, nested in the item whose text is indented by outer (0: none):
 * its markers made first, so that the engine widens the list's indent to
 * the widest of them and the gap. */
static void
block_list(ts_flow *f, const cu_part *pt, const vl_list *l, int parent, ts_sp outer)
{
	const vl_template *t = pt->t;
	arena *a = pt->out->arena;
	int list = cu_node(pt->out, TS_ROLE_L, parent);
	tpl_style st = t->body_style;
	st.space_after = t->list_space;
	ts_run *marks = arena_array(a, l->nentries + 1, sizeof *marks);
	ts_list_style ls = { .level = l->level, .indent = t->list_indent, .gap = t->list_gap,
		.outer = outer };
	for (size_t k = 0; k < l->nentries; k++) {
		marks[k] = cu_plain_run(list_marker(a, l->kind, (int)k + 1), &st, -1);
		ts_sp w = ts_flow_runs_width(f, &marks[k], 1);
		if (w > ls.marker_width)
			ls.marker_width = w;
	}
	for (size_t k = 0; k < l->nentries; k++) {
		const vl_list_entry *en = &l->entries[k];
		int li = cu_node(pt->out, TS_ROLE_LI, list);
		ts_run mark = marks[k];
		mark.tag = cu_node(pt->out, TS_ROLE_LBL, li);
		int body = cu_node(pt->out, TS_ROLE_LBODY, li);
		ts_sp inset = 0;
		for (size_t i = 0; i < en->nitems; i++) {
			const vl_item *it = &en->items[i];
			if (it->kind == VL_ITEM_LIST) {
				block_list(f, pt, &it->u.list, body, inset);
				continue;
			}
			ts_run *runs;
			size_t n = cu_para_runs(pt, &it->u.para, &st,
			    cu_node(pt->out, TS_ROLE_P, body), &runs);
			ts_para_style ps = cu_para_style(&st, t->text_area.w);
			cu_para_at(&ps, pt->doc->path, it->u.para.pos);
			inset = ts_flow_list_item(f, &mark, i == 0, runs, n, &ps, &ls);
		}
	}
}

/* ---- tables ------------------------------------------------------------- */

/* A place in the source for the engine's messages (file NULL: none). */
static ts_srcpos
at(const cu_part *pt, vl_pos pos)
{
	return (ts_srcpos){ .file = pos.line ? pt->doc->path : NULL, .line = pos.line,
		.col = pos.col };
}

static enum ts_col_align
col_align(enum vl_col_align a)
{
	return a == VL_COL_RIGHT ? TS_COL_RIGHT : a == VL_COL_CENTER ? TS_COL_CENTER
	    : a == VL_COL_DECIMAL ? TS_COL_DECIMAL : TS_COL_LEFT;
}

/* "Tabelle 3: " or "Abbildung 2: " (the template's word) before a caption,
 * in the caption's node. */
static size_t
caption_runs(const cu_part *pt, const char *word, int number, const vl_para *cap, int tag,
    ts_run **out)
{
	arena *a = pt->out->arena;
	tpl_style st = pt->t->body_style;
	ts_run *runs;
	size_t n = cu_para_runs(pt, cap, &st, tag, &runs);
	ts_run *all = arena_array(a, n + 1, sizeof *all);
	all[0] = cu_plain_run(arena_printf(a, "%s %d: ", word, number), &st, tag);
	all[0].face = TS_BOLD;
	memcpy(all + 1, runs, n * sizeof *runs);
	*out = all;
	return n + 1;
}

static void
block_table(ts_flow *f, const cu_part *pt, const vl_table *vt)
{
	arena *a = pt->out->arena;
	const vl_template *t = pt->t;
	int table = cu_node(pt->out, TS_ROLE_TABLE, pt->sect);
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
		int tr = cu_node(pt->out, TS_ROLE_TR, table);
		ts_table_cell *cells = arena_array(a, vr->ncells + 1, sizeof *cells);
		for (size_t c = 0; c < vr->ncells; c++) {
			ts_run *runs;
			int cell = cu_node(pt->out, is_head ? TS_ROLE_TH : TS_ROLE_TD, tr);
			size_t n = cu_para_runs(pt, &vr->cells[c].text, is_head ? &head : &body,
			    cell, &runs);
			cells[c] = (ts_table_cell){ .runs = runs, .nruns = n,
				.colspan = vr->cells[c].colspan, .rowspan = vr->cells[c].rowspan,
				.src = at(pt, vr->cells[c].text.pos) };
		}
		rows[r] = (ts_table_row){ .cells = cells, .ncells = vr->ncells, .src = at(pt, vr->pos) };
	}
	ts_table tb = {
		.cols = cols, .ncols = vt->ncols, .rows = rows, .nrows = vt->nrows,
		.nheader = vt->nheader, .pad = t->cell_pad, .leading = t->cell_leading,
		.hyphenate = true, .header_rule = t->table_header_rule, .row_rule = t->table_row_rule,
		.space_before = t->table_space_before, .space_after = t->table_space_after,
	};
	if (vt->id)
		ts_layout_add_dest(pt->out, vt->id, arena_printf(a, "%s %d", t->words.table, vt->number),
		    table);
	if (vt->number) {
		tb.ncaption = caption_runs(pt, t->words.table, vt->number, &vt->caption,
		    cu_node(pt->out, TS_ROLE_CAPTION, table), (ts_run **)&tb.caption);
		ts_para_style *cs = arena_zalloc(a, sizeof *cs);
		cs->align = TS_LEFT;
		cu_para_at(cs, pt->doc->path, vt->caption.pos);
		tb.caption_style = cs;
	}
	ts_flow_table(f, &tb);
}

/* ---- figures ------------------------------------------------------------ */

static void
block_figure(ts_flow *f, const cu_part *pt, const vl_figure *vf)
{
	arena *a = pt->out->arena;
	bool inside, exists;
	const char *path = vl_source_file(a, pt->doc->path, vf->image, &inside, &exists);
	const image_png *img = res_image(pt->res, path, "image", pt->d);
	if (!img) {
		*pt->failed = true;
		return;
	}
	int fig = ts_layout_add_node(pt->out, TS_ROLE_FIGURE, pt->sect,
	    vf->alt_lang && strcmp(vf->alt_lang, pt->lang) != 0 ? vf->alt_lang : NULL, vf->alt);
	/* the template's pixels an inch; the engine scales it down to the frame */
	const vl_template *t = pt->t;
	double ppi = t->figure_ppi;
	ts_figure fg = { .path = path, .width = TS_PT(img->width * 72.0 / ppi),
		.height = TS_PT(img->height * 72.0 / ppi), .caption_gap = t->figure_caption_gap,
		.space_before = t->figure_space_before, .space_after = t->figure_space_after,
		.tag = fig };
	if (vf->id)
		ts_layout_add_dest(pt->out, vf->id, arena_printf(a, "%s %d", t->words.figure, vf->number),
		    fig);
	if (vf->number)
		fg.ncaption = caption_runs(pt, t->words.figure, vf->number, &vf->caption,
		    cu_node(pt->out, TS_ROLE_CAPTION, pt->sect), (ts_run **)&fg.caption);
	ts_flow_figure(f, &fg);
}

/* ---- sections ----------------------------------------------------------- */

static void
block_section(ts_flow *f, const cu_part *pt, const vl_section *sec, int level)
{
	arena *a = pt->out->arena;
	const vl_template *t = pt->t;
	const tpl_style *st = sec->level == 1 ? &t->heading_style : &t->label_style;
	cu_part sub = *pt;
	sub.sect = cu_node(pt->out, TS_ROLE_SECT, pt->sect);
	int role = TS_ROLE_H1 + (level < 5 ? level : 5);
	int h = cu_node(pt->out, (enum ts_role)role, sub.sect);
	const char *title = cu_para_text(a, &sec->heading);
	ts_run *runs;
	size_t n = cu_para_runs(pt, &sec->heading, st, h, &runs);
	if (t->number_sections) {
		ts_run *all = arena_array(a, n + 1, sizeof *all);
		all[0] = cu_plain_run(arena_printf(a, "%s\xC2\xA0\xC2\xA0", sec->number), st, h);
		memcpy(all + 1, runs, n * sizeof *runs);
		runs = all;
		n++;
		title = arena_printf(a, "%s %s", sec->number, title);
	}
	ts_flow_outline(f, title, level);
	if (sec->id)
		ts_layout_add_dest(pt->out, sec->id, arena_printf(a, "%s %s", t->words.section, title),
		    h);
	ts_para_style ps = cu_para_style(st, t->text_area.w);
	cu_para_at(&ps, pt->doc->path, sec->heading.pos);
	ps.keep_with_next = true;
	ts_flow_para(f, runs, n, &ps);
	block_items(f, &sub, sec->items, sec->nitems, level + 1);
}

void
block_items(ts_flow *f, const cu_part *pt, const vl_item *items, size_t n, int level)
{
	const vl_template *t = pt->t;
	for (size_t i = 0; i < n; i++) {
		const vl_item *it = &items[i];
		switch (it->kind) {
		case VL_ITEM_PARA:
			block_para(f, pt, &it->u.para, &t->body_style, t->text_area.w, TS_ROLE_P);
			break;
		case VL_ITEM_AGREEMENT:
			block_agreement(f, pt, &it->u.agreement, level);
			break;
		case VL_ITEM_GROUP:
			block_group(f, pt, &it->u.group, level);
			break;
		case VL_ITEM_PAGEBREAK:
			ts_flow_page_break(f);
			break;
		case VL_ITEM_SECTION:
			block_section(f, pt, &it->u.section, level);
			break;
		case VL_ITEM_LIST:
			block_list(f, pt, &it->u.list, pt->sect, 0);
			break;
		case VL_ITEM_TABLE:
			block_table(f, pt, &it->u.table);
			break;
		case VL_ITEM_FIGURE:
			block_figure(f, pt, &it->u.figure);
			break;
		}
	}
}

/* ---- the letter's enclosures -------------------------------------------- */

void
block_enclosures(const cu_part *pt, const ts_engine *e, size_t page, ts_sp y, int sect)
{
	const vl_template *t = pt->t;
	const vl_letter *l = &pt->doc->letter;
	ts_frame body = t->letter_body;
	ts_flow *f = ts_flow_new_at(e, pt->out, body, page, y + t->letter_body_style.leading);
	tpl_style st = t->letter_body_style;
	st.align = TS_LEFT;
	st.space_before = st.space_after = 0;
	ts_run label = cu_plain_run(l->nenclosures > 1 ? t->words.enclosures : t->words.enclosure,
	    &t->closing_style, cu_node(pt->out, TS_ROLE_P, sect));
	ts_para_style ps = cu_para_style(&t->closing_style, body.w);
	ps.keep_with_next = true;
	ps.space_before = st.leading;
	ts_flow_para(f, &label, 1, &ps);
	int list = cu_node(pt->out, TS_ROLE_L, sect);
	ts_list_style ls = { .level = 0, .indent = t->enclosure_indent, .gap = t->enclosure_gap };
	for (size_t i = 0; i < l->nenclosures; i++) {
		int li = cu_node(pt->out, TS_ROLE_LI, list);
		/* a dash, or the enclosure's number (anlagen/@nummeriert) */
		const char *m = l->enclosures_numbered ? arena_printf(pt->out->arena, "%zu.", i + 1)
		    : "\xE2\x80\x93";
		ts_run mark = cu_plain_run(m, &st, cu_node(pt->out, TS_ROLE_LBL, li));
		ts_run *runs;
		size_t n = cu_para_runs(pt, &l->enclosures[i], &st,
		    cu_node(pt->out, TS_ROLE_LBODY, li), &runs);
		ps = cu_para_style(&st, body.w);
		cu_para_at(&ps, pt->doc->path, l->enclosures[i].pos);
		ts_flow_list_item(f, &mark, 1, runs, n, &ps, &ls);
	}
	ts_flow_finish(f, NULL, NULL);
}
