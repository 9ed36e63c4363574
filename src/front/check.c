/* check.c: the rules of a Vorlage that the XSD cannot say (vl_check).
 * Problems are held by diag and printed in document order. Then the
 * images, decoded (vl_check_images). */
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
	if (k) /* no partners and no ids: ids is NULL */
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

/* Rows [from, to) of a table (its header or its body) fill its columns by
 * the grid's rule (base.h), the one the layout follows: each row's cells,
 * in the columns the rowspans above leave free, cover every column; no
 * span runs into a column held from above, past the last column or out of
 * its part. One span error a row: after it the row is not counted. */
static void
check_rows(checker *c, const vl_table *t, grid *g, size_t from, size_t to)
{
	grid_part(g, to);
	for (size_t r = from; r < to; r++) {
		const vl_row *row = &t->rows[r];
		bool bad = false;
		grid_row(g, r);
		for (size_t k = 0; k < row->ncells && !bad; k++) {
			const vl_cell *cell = &row->cells[k];
			grid_cell at;
			unsigned f = grid_place(g, cell->colspan, cell->rowspan, &at);
			if (f & GRID_NO_COLUMN) {
				PROBLEM(CELL_NO_COLUMN, c, cell->text.pos, t->ncols);
				bad = true;
			} else if (f & GRID_SPAN_RIGHT) {
				PROBLEM(SPAN_RIGHT, c, cell->text.pos, cell->colspan, (int)at.col + 1, t->ncols);
				bad = true;
			} else if (f & GRID_SPAN_HELD) {
				PROBLEM(SPAN_HELD, c, cell->text.pos, cell->colspan, (int)at.col + 1,
				    at.held + 1);
				bad = true;
			}
			if (f & GRID_SPAN_BELOW)
				PROBLEM(SPAN_BELOW, c, cell->text.pos, cell->rowspan, to - r - 1);
		}
		size_t filled = grid_row_filled(g);
		if (!bad && filled != t->ncols)
			PROBLEM(TABLE_COLUMNS, c, row->pos, (int)filled, t->ncols);
	}
}

static void
check_table(checker *c, const vl_table *t, vl_pos pos)
{
	if (t->caption.pos.line)
		check_para(c, &t->caption);
	int text = 0;
	for (size_t r = 0; r < t->nrows; r++)
		for (size_t k = 0; k < t->rows[r].ncells; k++)
			text |= check_spans(c, &t->rows[r].cells[k].text); /* a cell may be empty */
	if (!text) /* ... but not all: a table of nothing has no rows to tag */
		PROBLEM0(EMPTY_TABLE, c, pos);
	size_t *free_from = xcalloc(t->ncols ? t->ncols : 1, sizeof *free_from);
	grid g;
	grid_init(&g, t->ncols, free_from);
	check_rows(c, t, &g, 0, t->nheader);
	check_rows(c, t, &g, t->nheader, t->nrows);
	free(free_from);
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
		check_table(c, &it->u.table, it->pos);
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

/* ---- what only some Vorlagen have ------------------------------------- */

/* d as a day to compare: a month's first day (last: its last day). */
static long
day_key(vl_date d, bool last)
{
	int day = d.day ? d.day : last ? days_in_month(d.year, d.month) : 1;
	return ((long)d.year * 12 + d.month) * 32 + day;
}

/* The report's month or period: real dates, a period in order, and the
 * letter not dated before it (letter_ok: the letter's date is real). */
static void
check_report_time(checker *c, int letter_ok)
{
	const vl_meta *m = &c->doc->meta;
	if (m->report_month.pos.line) {
		int month_ok = check_date(c, m->report_month, m->report_month_text);
		if (letter_ok && month_ok &&
		    (m->date.year < m->report_month.year ||
		    (m->date.year == m->report_month.year && m->date.month < m->report_month.month)))
			PROBLEM(LETTER_BEFORE_MONTH, c, m->date_pos, iso(c, m->date),
			    iso(c, m->report_month));
	}
	if (!m->period_pos.line)
		return;
	int from_ok = check_date(c, m->period_from, NULL);
	int to_ok = check_date(c, m->period_to, NULL);
	if (from_ok && to_ok && day_key(m->period_to, true) < day_key(m->period_from, false))
		PROBLEM(PERIOD_REVERSED, c, m->period_to.pos, iso(c, m->period_to),
		    iso(c, m->period_from));
	else if (letter_ok && from_ok && day_key(m->date, false) < day_key(m->period_from, false))
		PROBLEM(LETTER_BEFORE_PERIOD, c, m->date_pos, iso(c, m->date), iso(c, m->period_from));
}

/* The distribution codes: each once (a handful: pairwise). */
static void
check_distribution(checker *c)
{
	const vl_meta *m = &c->doc->meta;
	for (size_t i = 1; i < m->ndistribution; i++)
		for (size_t k = 0; k < i; k++)
			if (strcmp(m->distribution_codes[i], m->distribution_codes[k]) == 0) {
				PROBLEM(DISTRIBUTION_TWICE, c, m->distribution_pos,
				    m->distribution_codes[i]);
				break;
			}
}

/* The letter's sender lines, information block, subject and signature. */
static void
check_letter_more(checker *c)
{
	const vl_doc *doc = c->doc;
	const vl_letter *l = &doc->letter;
	check_paras(c, doc->meta.sender_lines, doc->meta.nsender);
	if (l->info.pos.line) {
		int any = 0;
		for (int i = 0; i < VL_INFO_NFIELDS; i++)
			any = any || l->info.field[i];
		if (!any)
			PROBLEM0(INFO_BLOCK_EMPTY, c, l->info.pos);
	}
	check_para(c, &l->subject);
	if (l->signature_image && l->signature_mark_given && l->signature_mark == VL_MARK_SIGNED)
		PROBLEM0(SIGNED_WITH_IMAGE, c, l->signature_pos);
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
	check_distribution(&c);
	int letter_ok = check_date(&c, m->date, m->date_text);
	if (m->meeting.pos.line)
		check_date(&c, m->meeting, NULL);
	check_report_time(&c, letter_ok);

	check_ids(&c);

	const vl_letter *l = &doc->letter;
	check_paras(&c, l->recipient, l->nrecipient);
	check_letter_more(&c);
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

/* ---- the images, decoded ------------------------------------------------ */

typedef struct image_checker {
	const vl_doc *doc;
	res_table *res;
	bool archival;
	diag *d;
	arena *a;
	unsigned problems;
	const char **failed;   /* the paths that did not decode, said once each */
	size_t nfailed, capfailed;
} image_checker;

/* One image at pos: decoded, and opaque when archival. */
static void
check_decoded(image_checker *c, const char *path, const char *rel, bool signature, vl_pos pos)
{
	for (size_t i = 0; i < c->nfailed; i++)
		if (!strcmp(c->failed[i], path))
			return;
	const image_png *img = res_image(c->res, path, signature ? "signature image" : "image", c->d);
	if (!img) {
		c->problems++;
		c->failed = xgrow(c->failed, &c->capfailed, c->nfailed + 1, sizeof *c->failed);
		c->failed[c->nfailed++] = path;
	} else if (c->archival && img->alpha) {
		c->problems++;
		if (signature)
			MSG(IMAGE_TRANSPARENT, c->d, c->doc->path, pos.line, pos.col, rel);
		else
			MSG(FIGURE_TRANSPARENT, c->d, c->doc->path, pos.line, pos.col, rel);
	}
}

static void
check_figure_image(const vl_item *it, void *ctx)
{
	image_checker *c = ctx;
	if (it->kind != VL_ITEM_FIGURE)
		return;
	bool inside, exists;
	const char *path = vl_source_file(c->a, c->doc->path, it->u.figure.image, &inside, &exists);
	if (inside && exists) /* else vl_check has said so */
		check_decoded(c, path, it->u.figure.image, false, it->pos);
}

unsigned
vl_check_images(const vl_doc *doc, res_table *res, bool archival, diag *d)
{
	image_checker c = { .doc = doc, .res = res, .archival = archival, .d = d, .a = arena_new() };
	const vl_letter *l = &doc->letter;
	if (l->signature_image) {
		bool inside, exists;
		const char *path = vl_source_file(c.a, doc->path, l->signature_image, &inside, &exists);
		if (!inside) {
			/* never read: the file is outside the source's directory */
			MSG(IMAGE_LEADS_OUTSIDE, d, doc->path, l->signature_pos.line, l->signature_pos.col,
			    l->signature_image);
			c.problems++;
		} else {
			check_decoded(&c, path, l->signature_image, true, l->signature_pos);
		}
	}
	vl_items_walk(doc->report.answer, doc->report.nanswer, check_figure_image, &c);
	free(c.failed);
	arena_free(c.a);
	return c.problems;
}

/* ---- what depends on the template: tables' widths ------------------------ */

typedef struct fitter {
	checker c;
	const vl_template *t;
	const ts_engine *e;
} fitter;

/* A table's columns fit the text width (the width tables are set in) and
 * each is wide enough for any glyph with a hyphen after it and the
 * padding (ts_table_min_column), so that no cell's line crosses into the
 * next: the fixed widths, the author's, are not scaled down but refused
 * at the table with their sum; a column too narrow is refused at its
 * definition. The widths are the engine's (ts_table_columns). */
static void
fit_table(fitter *ft, const vl_table *vt, vl_pos pos)
{
	checker *c = &ft->c;
	const vl_template *t = ft->t;
	if (vt->ncols == 0)
		return;
	ts_table_col *cols = xcalloc(vt->ncols, sizeof *cols);
	ts_sp *colx = xcalloc(vt->ncols + 1, sizeof *colx);
	int64_t fixed = 0;
	for (size_t k = 0; k < vt->ncols; k++) {
		if (vt->cols[k].share)
			cols[k].share = vt->cols[k].share;
		else
			cols[k].width = ts_mm(vt->cols[k].mm);
		fixed += cols[k].width;
	}
	ts_sp w = t->text_area.w;
	if (fixed > w) {
		PROBLEM(TABLE_TOO_WIDE, c, pos, ts_to_mm(fixed > INT32_MAX ? INT32_MAX : (ts_sp)fixed), ts_to_mm(w));
	} else {
		ts_table_columns(cols, vt->ncols, w, colx);
		ts_sp least = ft->e ? ts_table_min_column(ft->e, t->body_style.size, t->cell_pad) : 0;
		/* once a table, at its first narrow column (1,000 columns of
		 * 0.16 mm are one mistake) */
		size_t first = SIZE_MAX, narrow = 0;
		int64_t first_w = 0;
		for (size_t k = 0; k < vt->ncols; k++) {
			int64_t cw = (int64_t)colx[k + 1] - colx[k];
			if (!vt->cols[k].share && cols[k].width <= 0)
				cw = 0; /* "0mm": no width (the engine would take it for a share) */
			if (cw >= least)
				continue;
			if (narrow++ == 0) {
				first = k;
				first_w = cw;
			}
		}
		if (narrow)
			PROBLEM(COLUMN_TOO_NARROW, c, vt->cols[first].pos, first + 1,
			    ts_to_mm((ts_sp)first_w), ts_to_mm(least), narrow, vt->ncols);
	}
	free(cols);
	free(colx);
}

static void
fit_item(const vl_item *it, void *ctx)
{
	if (it->kind == VL_ITEM_TABLE)
		fit_table(ctx, &it->u.table, it->pos);
}

unsigned
vl_check_layout(const vl_doc *doc, const vl_template *t, const ts_engine *e, diag *d)
{
	fitter ft = { { doc, d, NULL }, t, e };
	unsigned before = d->nerrors;
	diag_hold(d);
	vl_items_walk(doc->report.answer, doc->report.nanswer, fit_item, &ft);
	diag_release(d);
	return d->nerrors - before;
}
