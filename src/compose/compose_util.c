/* compose_util.c: the composer's shared helpers (prefix cu_): the styled runs
 * of a model paragraph (faces, quotation marks, spans in another language,
 * links, footnote marks and their notes, cross-references printed as
 * numbers), a template style as the engine's paragraph style, positions in
 * the source, structure nodes, and partners by name. It calls only the
 * engine, the model and the template, never compose_blocks.c or compose.c. */
#include "compose_util.h"

#include <string.h>

/* Quotation marks by language: German „…“, otherwise English “…”. */
static const char *
quote_mark(const char *lang, bool open)
{
	bool de = !lang || strncmp(lang, "de", 2) == 0;
	if (de)
		return open ? "\xE2\x80\x9E" : "\xE2\x80\x9C";
	return open ? "\xE2\x80\x9C" : "\xE2\x80\x9D";
}

enum ts_face
cu_face(enum ts_face base, bool bold, bool italic)
{
	bold = bold || base == TS_BOLD || base == TS_BOLD_ITALIC;
	italic = italic || base == TS_ITALIC || base == TS_BOLD_ITALIC;
	if (bold && italic)
		return TS_BOLD_ITALIC;
	if (bold)
		return TS_BOLD;
	return italic ? TS_ITALIC : TS_REGULAR;
}

const ts_srcpos *
cu_src(ts_layout *out, const char *file, vl_pos pos)
{
	if (!file || pos.line == 0)
		return NULL;
	ts_srcpos *sp = arena_alloc(out->arena, sizeof *sp);
	*sp = (ts_srcpos){ .file = file, .line = pos.line, .col = pos.col };
	return sp;
}

int
cu_node(ts_layout *out, enum ts_role role, int parent)
{
	return ts_layout_add_node(out, role, parent, NULL, NULL);
}

ts_run
cu_plain_run(const char *text, const tpl_style *st, int tag)
{
	return (ts_run){ .text = text, .len = strlen(text), .face = st->face,
		.size = st->size, .lang = "de", .tag = tag };
}

size_t
cu_runs(ts_layout *doc, const char *file, const char *lang, const vl_para *p,
    const tpl_style *st, int tag, ts_run **out)
{
	ts_run *runs = arena_array(doc->arena, p->nspans ? p->nspans : 1, sizeof *runs);
	size_t n = 0;
	const ts_srcpos *para_src = NULL, *src = NULL;
	vl_pos src_pos = { 0, 0 };
	for (size_t i = 0; i < p->nspans; i++) {
		const vl_span *s = &p->spans[i];
		ts_run r = { .face = st->face, .size = st->size, .lang = s->lang, .tag = tag };
		/* the span's position, shared by the spans in a row that have it */
		if (s->pos.line == 0) {
			if (!para_src)
				para_src = cu_src(doc, file, p->pos);
			r.src = para_src;
		} else {
			if (!src || s->pos.line != src_pos.line || s->pos.col != src_pos.col) {
				src = cu_src(doc, file, s->pos);
				src_pos = s->pos;
			}
			r.src = src;
		}
		/* text in another language than the document's: a Span with its
		 * language, one for the runs in a row that share it */
		if (s->lang && lang && strcmp(s->lang, lang) != 0) {
			if (n > 0 && runs[n - 1].tag != tag && runs[n - 1].lang &&
			    !strcmp(runs[n - 1].lang, s->lang))
				r.tag = runs[n - 1].tag;
			else
				r.tag = ts_layout_add_node(doc, TS_ROLE_SPAN, tag, s->lang, NULL);
		}
		if (s->flags & (VL_SPAN_QUOTE_OPEN | VL_SPAN_QUOTE_CLOSE)) {
			r.text = quote_mark(s->lang, s->flags & VL_SPAN_QUOTE_OPEN);
			r.len = strlen(r.text);
			/* a quote mark takes the weight of the text it encloses */
			const vl_span *inner = (s->flags & VL_SPAN_QUOTE_OPEN)
			    ? (i + 1 < p->nspans ? &p->spans[i + 1] : NULL)
			    : (i > 0 ? &p->spans[i - 1] : NULL);
			if (inner && (inner->flags & (VL_SPAN_PARTNER | VL_SPAN_STRONG)))
				r.face = cu_face(st->face, true, false);
		} else {
			if (s->len == 0)
				continue;
			r.text = s->text;
			r.len = s->len;
			r.link = s->flags & VL_SPAN_LINK ? s->link : NULL;
			r.face = cu_face(st->face,
			    (s->flags & (VL_SPAN_PARTNER | VL_SPAN_STRONG)) != 0,
			    (s->flags & VL_SPAN_EMPH) != 0);
		}
		runs[n++] = r;
	}
	/* the text of a link: a Link node, one per link in a row */
	for (size_t i = 0; i < n; i++)
		if (runs[i].link)
			runs[i].tag = i > 0 && runs[i - 1].link == runs[i].link ? runs[i - 1].tag
			    : ts_layout_add_node(doc, TS_ROLE_LINK, tag, NULL, NULL);
	*out = runs;
	return n;
}

ts_para_style
cu_para_style(const tpl_style *s, ts_sp measure)
{
	return (ts_para_style){
		.measure = measure, .leading = s->leading, .indent = s->indent,
		.align = s->align, .hyphenate = s->hyphenate,
		.space_before = s->space_before, .space_after = s->space_after,
		.keep_with_next = s->keep_with_next, .expand = s->expand,
	};
}

void
cu_para_at(ts_para_style *ps, const char *file, vl_pos pos)
{
	ps->file = pos.line ? file : NULL;
	ps->line = pos.line;
	ps->col = pos.col;
}

/* ---- a paragraph's notes and references ---------------------------------- */

const char *
cu_para_text(arena *a, const vl_para *p)
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
xref_text(const cu_part *pt, const char *id)
{
	const vl_item *it = vl_target_find(pt->doc, id);
	arena *a = pt->out->arena;
	if (!it)
		return "?"; /* vl_check refuses it first */
	if (it->kind == VL_ITEM_SECTION)
		return pt->t->number_sections ? it->u.section.number
		    : arena_printf(a, "\xE2\x80\x9E%s\xE2\x80\x9C", cu_para_text(a, &it->u.section.heading));
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
note_mark(const cu_part *pt, const vl_span *s, const tpl_style *st, int tag)
{
	arena *a = pt->out->arena;
	int no = ++*pt->notes;
	const char *num = arena_printf(a, "%d", no);
	tpl_style ns = note_style(pt->t);
	int note = cu_node(pt->out, TS_ROLE_NOTE, tag);
	ts_run *body;
	size_t nbody = cu_para_runs(pt, &pt->doc->notes[s->note].text, &ns, note, &body);
	ts_run *runs = arena_array(a, nbody + 1, sizeof *runs);
	runs[0] = cu_plain_run(arena_printf(a, "%s\xC2\xA0", num), &ns,
	    cu_node(pt->out, TS_ROLE_LBL, note));
	memcpy(runs + 1, body, nbody * sizeof *body);
	ts_para_style *ps = arena_zalloc(a, sizeof *ps);
	*ps = cu_para_style(&ns, pt->t->text_area.w);
	cu_para_at(ps, pt->doc->path, pt->doc->notes[s->note].text.pos);
	ts_note *nt = arena_zalloc(a, sizeof *nt);
	*nt = (ts_note){ .runs = runs, .nruns = nbody + 1, .style = ps };
	ts_run r = cu_plain_run(num, st, cu_node(pt->out, TS_ROLE_REFERENCE, tag));
	r.size = st->size * 2 / 3;
	r.rise = st->size / 3;
	r.lang = s->lang;
	r.note = nt;
	return r;
}

size_t
cu_para_runs(const cu_part *pt, const vl_para *p, const tpl_style *st, int tag, ts_run **out)
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
				r = cu_plain_run(xref_text(pt, s->ref), st,
				    cu_node(pt->out, TS_ROLE_LINK, tag));
				r.lang = s->lang;
				if (s->ref)
					r.link = arena_printf(a, "#%s", s->ref);
			}
			r.src = cu_src(pt->out, pt->doc->path, s->pos.line ? s->pos : p->pos);
			push_runs(a, &all, &n, &cap, &r, 1);
			i++;
			continue;
		}
		size_t j = i;
		while (j < p->nspans && !(p->spans[j].flags & (VL_SPAN_NOTE | VL_SPAN_XREF)))
			j++;
		vl_para seg = { p->spans + i, j - i, p->pos };
		ts_run *runs;
		size_t k = cu_runs(pt->out, pt->doc->path, pt->lang, &seg, st, tag, &runs);
		push_runs(a, &all, &n, &cap, runs, k);
		i = j;
	}
	*out = n ? all : arena_array(a, 1, sizeof *all);
	return n;
}

/* ---- partners by name ------------------------------------------------------ */

const char *
cu_parties_names(arena *a, const vl_doc *doc, const int *parties, size_t n)
{
	size_t len = 1;
	for (size_t i = 0; i < n; i++)
		len += strlen(doc->partners[parties[i]].name) + 2;
	char *s = arena_alloc(a, len), *q = s;
	for (size_t i = 0; i < n; i++) {
		const char *name = doc->partners[parties[i]].name;
		if (i) {
			memcpy(q, ", ", 2);
			q += 2;
		}
		memcpy(q, name, strlen(name));
		q += strlen(name);
	}
	*q = '\0';
	return s;
}

const char *
cu_group_title(arena *a, const vl_doc *doc, const vl_group *g)
{
	int *parts = arena_array(a, g->nparts ? g->nparts : 1, sizeof *parts);
	for (size_t i = 0; i < g->nparts; i++)
		parts[i] = g->parts[i].partner;
	return cu_parties_names(a, doc, parts, g->nparts);
}
