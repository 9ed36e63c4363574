/* check.c: the rules of a Vorlage that the XSD cannot say (vl_check).
 * Problems are held by diag and printed in document order. */
#include "model.h"

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

static void
check_para(checker *c, const vl_para *p)
{
	int empty = 1;
	if (p->pos.line == 0) /* no such element */
		return;
	for (size_t i = 0; i < p->nspans; i++) {
		const vl_span *s = &p->spans[i];
		if (s->len)
			empty = 0;
		if ((s->flags & VL_SPAN_PARTNER) &&
		    (s->partner < 0 || (size_t)s->partner >= c->doc->npartners))
			PROBLEM(UNKNOWN_PARTNER, c, s->pos, s->ref ? s->ref : "");
	}
	if (empty)
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

static void
check_ids(checker *c)
{
	const vl_doc *doc = c->doc;
	size_t n = doc->npartners + doc->report.nanswer, k = 0;
	idref *ids = xcalloc(n ? n : 1, sizeof *ids);
	for (size_t i = 0; i < doc->npartners; i++)
		if (doc->partners[i].id) {
			ids[k] = (idref){ doc->partners[i].id, doc->partners[i].pos, k };
			k++;
		}
	for (size_t i = 0; i < doc->report.nanswer; i++) {
		const vl_item *it = &doc->report.answer[i];
		if (it->kind == VL_ITEM_AGREEMENT && it->u.agreement.id) {
			ids[k] = (idref){ it->u.agreement.id, it->u.agreement.pos, k };
			k++;
		} else if (it->kind == VL_ITEM_GROUP && it->u.group.id) {
			ids[k] = (idref){ it->u.group.id, it->u.group.pos, k };
			k++;
		}
	}
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

/* The signature image is read relative to the source file; its path must
 * stay in the source's directory or below it (the schema already refuses
 * absolute paths), so that a document cannot make the program read a file
 * elsewhere, and it must name a PNG. */
static void
check_image_path(checker *c, const char *path, vl_pos pos)
{
	for (const char *p = path; *p;) {
		size_t n = strcspn(p, "/");
		if (n == 2 && p[0] == '.' && p[1] == '.') {
			PROBLEM(IMAGE_OUTSIDE, c, pos, path);
			return;
		}
		p += n;
		p += *p == '/';
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
		int wp = slash ? atoi(m->number) : -1;
		if (wp != m->wahlperiode)
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
	for (size_t i = 0; i < r->nanswer; i++) {
		const vl_item *it = &r->answer[i];
		if (it->kind == VL_ITEM_PARA)
			check_para(&c, &it->u.para);
		else if (it->kind == VL_ITEM_AGREEMENT)
			check_agreement(&c, &it->u.agreement);
		else if (it->kind == VL_ITEM_GROUP)
			check_group(&c, &it->u.group);
	}

	diag_release(d);
	arena_free(c.a);
	return d->nerrors - before;
}
