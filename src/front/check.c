/* check.c: the rules of a Vorlage that the XSD cannot say (vl_check).
 * Problems are held by diag and printed in document order. */
#include "base/base.h"
#include "front.h"
#include "front_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct checker {
	const vl_doc *doc;
	diag *d;  /* holding: the messages print in document order */
	arena *a; /* scratch: formatted dates */
} checker;

/* A catalogue message at pos in the source. */
#define PROBLEM(name, c, pos, ...) MSG(name, (c)->d, (c)->doc->path, (pos).line, (pos).col, __VA_ARGS__)
#define PROBLEM0(name, c, pos) MSG(name, (c)->d, (c)->doc->path, (pos).line, (pos).col)

/* ---- paragraphs --------------------------------------------------------- */

/* A link's address: http, https or mailto, and something after it. */
static int
good_url(const char *u)
{
	static const char *const schemes[] = { "http://", "https://", "mailto:" };
	for (size_t i = 0; i < sizeof schemes / sizeof schemes[0]; i++) {
		size_t n = strlen(schemes[i]);
		if (strncasecmp(u, schemes[i], n) == 0 && u[n])
			return 1;
	}
	return 0;
}

/* A <verweis ziel>: the id names a section, or a table or figure with a number. */
static void
check_xref(checker *c, const vl_span *s)
{
	if (!s->ref || s->link) {
		PROBLEM0(LINK_TARGET, c, s->pos);
		return;
	}
	const vl_item *it = vl_target_find(c->doc, s->ref);
	if (!it)
		PROBLEM(UNKNOWN_TARGET, c, s->pos, s->ref);
	else if ((it->kind == VL_ITEM_TABLE && !it->u.table.number) ||
	    (it->kind == VL_ITEM_FIGURE && !it->u.figure.number))
		PROBLEM(TARGET_UNNUMBERED, c, s->pos, s->ref);
}

/* The spans of a paragraph: partners and links resolve. Returns whether it
 * has text. */
static int
check_spans(checker *c, const vl_para *p)
{
	int empty = 1;
	const char *last_link = NULL;
	for (size_t i = 0; i < p->nspans; i++) {
		const vl_span *s = &p->spans[i];
		if (s->len)
			empty = 0;
		if ((s->flags & VL_SPAN_PARTNER) &&
		    (s->partner < 0 || (size_t)s->partner >= c->doc->npartners))
			PROBLEM(UNKNOWN_PARTNER, c, s->pos, s->ref ? s->ref : "");
		if (s->flags & VL_SPAN_XREF) {
			empty = 0;
			check_xref(c, s);
		} else if (s->flags & VL_SPAN_NOTE) {
			empty = 0;
		} else if ((s->flags & VL_SPAN_LINK) && s->link && s->link != last_link) {
			/* once per verweis, at its first piece of text */
			if (s->link[0] == '#')
				PROBLEM0(XREF_TEXT, c, s->pos);
			else if (!s->link[0])
				PROBLEM0(LINK_TARGET, c, s->pos);
			else if (!good_url(s->link))
				PROBLEM(LINK_SCHEME, c, s->pos, s->link);
			else if (strlen(s->link) > VL_MAX_LINK_BYTES)
				PROBLEM(LINK_TOO_LONG, c, s->pos, strlen(s->link),
				    (int)VL_MAX_LINK_BYTES);
		}
		last_link = s->link;
	}
	return !empty;
}

static void
check_para(checker *c, const vl_para *p)
{
	if (p->pos.line == 0) /* no such element */
		return;
	if (!check_spans(c, p))
		PROBLEM0(EMPTY_PARAGRAPH, c, p->pos);
}

static void
check_paras(checker *c, const vl_para *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		check_para(c, &p[i]);
}

/* ---- dates -------------------------------------------------------------- */

static int
days_in_month(int y, int m)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

static const char *
iso(checker *c, vl_date d)
{
	if (d.day)
		return arena_printf(c->a, "%04d-%02d-%02d", d.year, d.month, d.day);
	return arena_printf(c->a, "%04d-%02d", d.year, d.month);
}

/* Returns 1 when d is a real date (then its text, if any, is checked too). */
static int
check_date(checker *c, vl_date d, const char *text)
{
	if (d.year == 0) {
		PROBLEM0(INVALID_DATE, c, d.pos);
		return 0;
	}
	if (d.month < 1 || d.month > 12 || (d.day && d.day > days_in_month(d.year, d.month))) {
		PROBLEM(NO_SUCH_DATE, c, d.pos, iso(c, d));
		return 0;
	}
	if (text) {
		const char *plain = vl_date_format(c->a, d, false);
		const char *padded = vl_date_format(c->a, d, true);
		if (strcmp(text, plain) != 0 && strcmp(text, padded) != 0)
			PROBLEM(DATE_TEXT, c, d.pos, text, iso(c, d), plain);
	}
	return 1;
}

/* ---- ids ---------------------------------------------------------------- */

typedef struct idref {
	const char *id;
	vl_pos pos;
	size_t seq;
} idref;

static int
cmp_idref(const void *x, const void *y)
{
	const idref *a = x, *b = y;
	int r = strcmp(a->id, b->id);
	if (r)
		return r;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

typedef struct idlist {
	idref *ids;
	size_t n, cap;
} idlist;

static void
add_id(idlist *l, const char *id, vl_pos pos)
{
	if (!id)
		return;
	if (l->n == l->cap)
		l->ids = xgrow(l->ids, &l->cap, l->n + 1, sizeof *l->ids);
	l->ids[l->n] = (idref){ id, pos, l->n };
	l->n++;
}

/* The ids of the report's blocks: agreements, groups, sections, tables, figures. */
static void
item_id(const vl_item *it, void *ctx)
{
	const char *id = it->kind == VL_ITEM_AGREEMENT ? it->u.agreement.id
	    : it->kind == VL_ITEM_GROUP ? it->u.group.id
	    : it->kind == VL_ITEM_SECTION ? it->u.section.id
	    : it->kind == VL_ITEM_TABLE ? it->u.table.id
	    : it->kind == VL_ITEM_FIGURE ? it->u.figure.id : NULL;
	add_id(ctx, id, it->pos);
}

static void
check_ids(checker *c)
{
	const vl_doc *doc = c->doc;
	idlist l = { 0 };
	for (size_t i = 0; i < doc->npartners; i++)
		add_id(&l, doc->partners[i].id, doc->partners[i].pos);
	vl_items_walk(doc->report.answer, doc->report.nanswer, item_id, &l);
	idref *ids = l.ids;
	size_t k = l.n;
	qsort(ids, k, sizeof *ids, cmp_idref);
	for (size_t i = 1; i < k; i++) {
		size_t first = i - 1;
		while (i < k && strcmp(ids[i].id, ids[first].id) == 0) {
			PROBLEM(DUPLICATE_ID, c, ids[i].pos, ids[i].id, ids[first].pos.line,
			    ids[first].pos.col);
			i++;
		}
	}
	free(ids);
}

/* ---- the answer --------------------------------------------------------- */

/* Marks in `mark` (one per partner) the partners that paragraphs name. */
static void
mark_named(const vl_doc *doc, const vl_para *p, size_t n, unsigned char *mark)
{
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < p[i].nspans; k++) {
			const vl_span *s = &p[i].spans[k];
			if ((s->flags & VL_SPAN_PARTNER) && s->partner >= 0 &&
			    (size_t)s->partner < doc->npartners)
				mark[s->partner] = 1;
		}
}

/* Linear in the size of the agreement: no pairwise comparisons. */
static void
check_agreement(checker *c, const vl_agreement *g)
{
	const vl_doc *doc = c->doc;
	const char *id = g->id ? g->id : "";
	size_t np = doc->npartners ? doc->npartners : 1;
	unsigned char *party = xcalloc(np, 1), *named = xcalloc(np, 1);

	check_para(c, &g->title);
	check_paras(c, g->paras, g->nparas);
	check_date(c, g->date, g->date_text);
	mark_named(doc, &g->title, 1, named);
	for (size_t i = 0; i < g->nparties; i++) {
		int p = g->parties[i];
		const char *pid = g->party_ids ? g->party_ids[i] : "";
		if (p < 0 || (size_t)p >= doc->npartners) {
			PROBLEM(UNKNOWN_PARTNER, c, g->pos, pid);
			continue;
		}
		if (party[p]) {
			PROBLEM(PARTY_TWICE, c, g->pos, pid, id);
			continue;
		}
		party[p] = 1;
		if (doc->partners[p].main_partner)
			PROBLEM(MAIN_PARTNER_PARTY, c, g->pos, pid, id);
		else if (!named[p])
			PROBLEM(PARTY_NOT_IN_TITLE, c, g->title.pos, pid, id);
	}
	for (size_t i = 0; i < g->title.nspans; i++) {
		const vl_span *s = &g->title.spans[i];
		if (!(s->flags & VL_SPAN_PARTNER) || s->partner < 0 ||
		    (size_t)s->partner >= doc->npartners)
			continue;
		if (!party[s->partner])
			PROBLEM(TITLE_NOT_PARTY, c, s->pos, s->ref ? s->ref : "", id);
		party[s->partner] = 1; /* once per partner */
	}
	free(party);
	free(named);
}

static void
check_group(checker *c, const vl_group *g)
{
	const vl_doc *doc = c->doc;
	unsigned char *named = xcalloc(doc->npartners ? doc->npartners : 1, 1);
	check_paras(c, g->intro, g->nintro);
	mark_named(doc, g->intro, g->nintro, named);
	for (size_t i = 0; i < g->nparts; i++) {
		const vl_group_part *p = &g->parts[i];
		check_paras(c, p->paras, p->nparas);
		if (p->partner < 0 || (size_t)p->partner >= doc->npartners)
			PROBLEM(UNKNOWN_PARTNER, c, p->pos, p->partner_id ? p->partner_id : "");
		else if (!named[p->partner])
			PROBLEM(PART_NOT_IN_INTRO, c, p->pos, p->partner_id ? p->partner_id : "",
			    g->id ? g->id : "");
	}
	free(named);
}

/* ---- tables and figures ------------------------------------------------ */

/* Whether a relative path has a ".." step. */
static int
has_parent_step(const char *path)
{
	for (const char *p = path; *p;) {
		size_t n = strcspn(p, "/");
		if (n == 2 && p[0] == '.' && p[1] == '.')
			return 1;
		p += n;
		p += *p == '/';
	}
	return 0;
}

/* Rows [from, to) of a table (its header or its body) fill its columns:
 * each row's cells, in the columns the rowspans above leave free, cover
 * every column; no span leaves the table or its part. */
static void
check_rows(checker *c, const vl_table *t, size_t from, size_t to)
{
	size_t nc = t->ncols ? t->ncols : 1;
	int *busy = xcalloc(nc, sizeof *busy); /* rows still taken by a rowspan, per column */
	for (size_t r = from; r < to; r++) {
		const vl_row *row = &t->rows[r];
		size_t col = 0;
		int filled = 0;
		for (size_t k = 0; k < row->ncells; k++) {
			const vl_cell *cell = &row->cells[k];
			while (col < t->ncols && busy[col])
				col++;
			if (col + (size_t)cell->colspan > t->ncols) {
				PROBLEM(SPAN_RIGHT, c, cell->text.pos, cell->colspan, (int)col + 1, t->ncols);
				col = t->ncols;
				filled = -1;
				break;
			}
			if ((size_t)cell->rowspan > to - r)
				PROBLEM(SPAN_BELOW, c, cell->text.pos, cell->rowspan, to - r - 1);
			for (int s = 0; s < cell->colspan; s++)
				busy[col + (size_t)s] = cell->rowspan;
			col += (size_t)cell->colspan;
		}
		if (filled == 0) {
			for (size_t k = 0; k < t->ncols; k++)
				filled += busy[k] > 0;
			if ((size_t)filled != t->ncols)
				PROBLEM(TABLE_COLUMNS, c, row->pos, filled, t->ncols);
		}
		for (size_t k = 0; k < t->ncols; k++)
			busy[k] -= busy[k] > 0;
	}
	free(busy);
}

static void
check_table(checker *c, const vl_table *t)
{
	if (t->caption.pos.line)
		check_para(c, &t->caption);
	for (size_t r = 0; r < t->nrows; r++)
		for (size_t k = 0; k < t->rows[r].ncells; k++)
			check_spans(c, &t->rows[r].cells[k].text); /* a cell may be empty */
	check_rows(c, t, 0, t->nheader);
	check_rows(c, t, t->nheader, t->nrows);
}

/* A figure's image: inside the source's directory (symbolic links
 * resolved), present, and a PNG by its signature bytes. */
static void
check_figure(checker *c, const vl_figure *fig, vl_pos pos)
{
	static const unsigned char png[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
	bool inside, exists;
	const char *path = vl_source_file(c->a, c->doc->path, fig->image, &inside, &exists);
	if (fig->caption.pos.line)
		check_para(c, &fig->caption);
	if (has_parent_step(fig->image) || (exists && !inside)) {
		PROBLEM(FIGURE_OUTSIDE, c, pos, fig->image);
		return;
	}
	if (!exists) {
		PROBLEM(FIGURE_MISSING, c, pos, fig->image);
		return;
	}
	unsigned char head[8] = { 0 };
	size_t got = file_head(path, head, sizeof head);
	if (got != sizeof head || memcmp(head, png, sizeof png) != 0)
		PROBLEM(FIGURE_NOT_PNG, c, pos, fig->image);
}

/* The blocks the schema added beyond agreements and groups, and theirs. */
static void
check_item(const vl_item *it, void *ctx)
{
	checker *c = ctx;
	switch (it->kind) {
	case VL_ITEM_PARA:
		check_para(c, &it->u.para);
		break;
	case VL_ITEM_AGREEMENT:
		check_agreement(c, &it->u.agreement);
		break;
	case VL_ITEM_GROUP:
		check_group(c, &it->u.group);
		break;
	case VL_ITEM_SECTION:
		check_para(c, &it->u.section.heading);
		break;
	case VL_ITEM_TABLE:
		check_table(c, &it->u.table);
		break;
	case VL_ITEM_FIGURE:
		check_figure(c, &it->u.figure, it->pos);
		break;
	case VL_ITEM_LIST:
	case VL_ITEM_PAGEBREAK:
		break;
	}
}

/* The signature image is read relative to the source file; its path must
 * stay in the source's directory or below it (the schema already refuses
 * absolute paths), so that a document cannot make the program read a file
 * elsewhere, and it must name a PNG. */
static void
check_image_path(checker *c, const char *path, vl_pos pos)
{
	if (has_parent_step(path)) {
		PROBLEM(IMAGE_OUTSIDE, c, pos, path);
		return;
	}
	size_t len = strlen(path);
	if (len < 5 || strcasecmp(path + len - 4, ".png") != 0)
		PROBLEM(IMAGE_NOT_PNG, c, pos, path);
}

unsigned
vl_check(const vl_doc *doc, diag *d)
{
	checker c = { doc, d, arena_new() };
	unsigned before = d->nerrors;
	diag_hold(d);
	const vl_meta *m = &doc->meta;

	/* the Vorlage number belongs to the Wahlperiode */
	if (m->number) {
		const char *slash = strchr(m->number, '/');
		unsigned wp;
		if (!slash || !xs_uint(m->number, slash, VL_WAHLPERIODE_MAX, &wp) ||
		    (int)wp != m->wahlperiode)
			PROBLEM(WRONG_WAHLPERIODE, &c, m->number_pos, m->number, m->wahlperiode);
	}
	int letter_ok = check_date(&c, m->date, m->date_text);
	check_date(&c, m->meeting, NULL);
	int month_ok = check_date(&c, m->report_month, m->report_month_text);
	if (letter_ok && month_ok &&
	    (m->date.year < m->report_month.year ||
	    (m->date.year == m->report_month.year && m->date.month < m->report_month.month)))
		PROBLEM(LETTER_BEFORE_MONTH, &c, m->date_pos, iso(&c, m->date), iso(&c, m->report_month));

	check_ids(&c);

	const vl_letter *l = &doc->letter;
	check_paras(&c, l->recipient, l->nrecipient);
	check_para(&c, &l->salutation);
	check_paras(&c, l->paras, l->nparas);
	check_para(&c, &l->closing);
	if (l->signature_image)
		check_image_path(&c, l->signature_image, l->signature_pos);

	const vl_report *r = &doc->report;
	for (size_t i = 0; i < r->ntitle_page; i++)
		check_para(&c, &r->title_page[i].text);
	check_para(&c, &r->heading);
	check_paras(&c, r->intro, r->nintro);
	check_paras(&c, r->question, r->nquestion);
	vl_items_walk(r->answer, r->nanswer, check_item, &c);
	check_paras(&c, l->enclosures, l->nenclosures);
	for (size_t i = 0; i < doc->nnotes; i++)
		check_para(&c, &doc->notes[i].text);

	diag_release(d);
	arena_free(c.a);
	return d->nerrors - before;
}
