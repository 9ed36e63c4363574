/* model.c: the model's small helpers and its text dump (`vorlage dump`). */
#include "front.h"

#include <stdlib.h>
#include <string.h>

const char *const vl_partner_kind_names[VL_PK_COUNT] = {
	[VL_PK_STAAT] = "staat",
	[VL_PK_REGION] = "region",
	[VL_PK_PROVINZ] = "provinz",
	[VL_PK_BUNDESSTAAT] = "bundesstaat",
	[VL_PK_WOIWODSCHAFT] = "woiwodschaft",
	[VL_PK_OBLAST] = "oblast",
	[VL_PK_GEMEINSCHAFT] = "gemeinschaft",
	[VL_PK_UNION] = "union",
};

const char *const vl_list_kind_names[VL_LIST_NKINDS] = {
	[VL_LIST_BULLET] = "punkte",
	[VL_LIST_ARABIC] = "zahlen",
	[VL_LIST_ALPHA] = "buchstaben",
	[VL_LIST_ROMAN] = "roemisch",
};

const char *const vl_col_align_names[VL_COL_NALIGNS] = {
	[VL_COL_LEFT] = "links",
	[VL_COL_RIGHT] = "rechts",
	[VL_COL_CENTER] = "zentriert",
	[VL_COL_DECIMAL] = "dezimal",
};

const char *const vl_sig_mark_names[VL_MARK_NKINDS] = {
	[VL_MARK_SIGNED] = "gez",
	[VL_MARK_DEPUTY] = "iV",
	[VL_MARK_ORDER] = "iA",
	[VL_MARK_NONE] = "keiner",
};

const char *const vl_info_field_names[VL_INFO_NFIELDS] = {
	[VL_INFO_FILE_NUMBER] = "aktenzeichen",
	[VL_INFO_CONTACT] = "auskunft",
	[VL_INFO_PHONE] = "telefon",
	[VL_INFO_EMAIL] = "email",
};

static const char *const month_names[12] = {
	"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli",
	"August", "September", "Oktober", "November", "Dezember",
};

void
vl_doc_free(vl_doc *doc)
{
	if (doc)
		arena_free(doc->arena); /* the doc itself lives in its arena */
}

int
vl_partner_find(const vl_doc *doc, const char *id)
{
	if (!doc || !id)
		return -1;
	for (size_t i = 0; i < doc->npartners; i++)
		if (doc->partners[i].id && strcmp(doc->partners[i].id, id) == 0)
			return (int)i;
	return -1;
}

void
vl_items_walk(const vl_item *items, size_t n, void (*fn)(const vl_item *it, void *ctx),
    void *ctx)
{
	for (size_t i = 0; i < n; i++) {
		const vl_item *it = &items[i];
		fn(it, ctx);
		if (it->kind == VL_ITEM_SECTION)
			vl_items_walk(it->u.section.items, it->u.section.nitems, fn, ctx);
		else if (it->kind == VL_ITEM_LIST)
			for (size_t k = 0; k < it->u.list.nentries; k++)
				vl_items_walk(it->u.list.entries[k].items,
				    it->u.list.entries[k].nitems, fn, ctx);
	}
}

const vl_item *
vl_target_find(const vl_doc *doc, const char *id)
{
	size_t lo = 0, hi = doc->ntargets; /* sorted by id: the first not below id */
	if (!id)
		return NULL;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(doc->targets[mid].id, id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < doc->ntargets && strcmp(doc->targets[lo].id, id) == 0
	    ? doc->targets[lo].item : NULL;
}

const char *
vl_date_format(arena *a, vl_date d, bool zero_pad)
{
	if (d.month < 1 || d.month > 12)
		return arena_printf(a, "%d", d.year);
	if (d.day == 0)
		return arena_printf(a, "%s %d", month_names[d.month - 1], d.year);
	return arena_printf(a, zero_pad ? "%02d. %s %d" : "%d. %s %d", d.day,
	    month_names[d.month - 1], d.year);
}

/* ---- dump --------------------------------------------------------------- */

/* A string in double quotes, with \ " and control characters escaped;
 * NBSP and SHY are shown as \u00a0 and \u00ad so that they can be seen. */
static void
put_str(FILE *out, const char *s)
{
	if (!s) {
		fputs("(none)", out);
		return;
	}
	fputc('"', out);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(out, "\\%c", *p);
		else if (*p < 0x20 || *p == 0x7f)
			fprintf(out, "\\x%02x", *p);
		else if (p[0] == 0xC2 && (p[1] == 0xA0 || p[1] == 0xAD))
			fprintf(out, "\\u00%02x", *++p);
		else
			fputc(*p, out);
	}
	fputc('"', out);
}

static void
put_pos(FILE *out, vl_pos p)
{
	fprintf(out, "@%u:%u", p.line, p.col);
}

static void
put_date(FILE *out, vl_date d)
{
	if (d.day)
		fprintf(out, "%04d-%02d-%02d", d.year, d.month, d.day);
	else if (d.month)
		fprintf(out, "%04d-%02d", d.year, d.month);
	else
		fprintf(out, "%04d", d.year);
	fputc(' ', out);
	put_pos(out, d.pos);
}

static void
indent(FILE *out, int n)
{
	for (int i = 0; i < n; i++)
		fputs("  ", out);
}

static void
dump_para(FILE *out, const vl_doc *doc, int ind, const char *label, const vl_para *p)
{
	static const char *const fl[] = { "partner", "emph", "strong", "quote",
		"quote-open", "quote-close", "link", "xref", "note" };
	indent(out, ind);
	fprintf(out, "%s ", label);
	put_pos(out, p->pos);
	fprintf(out, " (%zu spans)\n", p->nspans);
	for (size_t i = 0; i < p->nspans; i++) {
		const vl_span *s = &p->spans[i];
		indent(out, ind + 1);
		fputs("span ", out);
		put_pos(out, s->pos);
		fprintf(out, " lang=%s", s->lang ? s->lang : "(none)");
		if (s->flags) {
			const char *sep = " [";
			for (size_t f = 0; f < sizeof fl / sizeof fl[0]; f++)
				if (s->flags & (1u << f)) {
					fprintf(out, "%s%s", sep, fl[f]);
					sep = ",";
				}
			fputc(']', out);
		}
		if (s->flags & VL_SPAN_PARTNER) {
			fprintf(out, " partner=%s", s->ref ? s->ref : "(none)");
			if (s->partner < 0 || (size_t)s->partner >= doc->npartners)
				fputs("(unresolved)", out);
		}
		if (s->flags & VL_SPAN_XREF)
			fprintf(out, " target=%s", s->ref ? s->ref : "(none)");
		if (s->link) {
			fputs(" url=", out);
			put_str(out, s->link);
		}
		if (s->flags & VL_SPAN_NOTE)
			fprintf(out, " note=%zu", s->note + 1);
		fputc(' ', out);
		put_str(out, s->text);
		fputc('\n', out);
	}
}

static void
dump_paras(FILE *out, const vl_doc *doc, int ind, const char *label, const vl_para *p, size_t n)
{
	indent(out, ind);
	fprintf(out, "%s (%zu)\n", label, n);
	for (size_t i = 0; i < n; i++)
		dump_para(out, doc, ind + 1, "para", &p[i]);
}

static const char *
partner_id(const vl_doc *doc, int i, const char *written)
{
	if (i >= 0 && (size_t)i < doc->npartners)
		return doc->partners[i].id;
	return written ? written : "(none)";
}

static void dump_items(FILE *out, const vl_doc *doc, int ind, const vl_item *items, size_t n);

static void
dump_table(FILE *out, const vl_doc *doc, int ind, const vl_table *t)
{
	indent(out, ind);
	fprintf(out, "table id=%s number=%d cols=%zu rows=%zu header=%zu\n",
	    t->id ? t->id : "(none)", t->number, t->ncols, t->nrows, t->nheader);
	if (t->caption.pos.line)
		dump_para(out, doc, ind + 1, "caption", &t->caption);
	for (size_t c = 0; c < t->ncols; c++) {
		indent(out, ind + 1);
		if (t->cols[c].share)
			fprintf(out, "col share=%d", t->cols[c].share);
		else
			fprintf(out, "col mm=%g", t->cols[c].mm);
		fprintf(out, " align=%s\n", vl_col_align_names[t->cols[c].align]);
	}
	for (size_t r = 0; r < t->nrows; r++) {
		indent(out, ind + 1);
		fprintf(out, "row%s ", r < t->nheader ? " header" : "");
		put_pos(out, t->rows[r].pos);
		fputc('\n', out);
		for (size_t c = 0; c < t->rows[r].ncells; c++) {
			const vl_cell *cell = &t->rows[r].cells[c];
			char label[48];
			snprintf(label, sizeof label, "cell span=%dx%d", cell->colspan, cell->rowspan);
			dump_para(out, doc, ind + 2, label, &cell->text);
		}
	}
}

static void
dump_item(FILE *out, const vl_doc *doc, int ind, const vl_item *it)
{
	if (it->kind == VL_ITEM_PARA) {
		dump_para(out, doc, ind, "para", &it->u.para);
	} else if (it->kind == VL_ITEM_AGREEMENT) {
		const vl_agreement *g = &it->u.agreement;
		indent(out, ind);
		fprintf(out, "agreement id=%s ", g->id ? g->id : "(none)");
		put_pos(out, g->pos);
		fputs(" parties=", out);
		for (size_t k = 0; k < g->nparties; k++)
			fprintf(out, "%s%s", k ? "," : "",
			    partner_id(doc, g->parties[k], g->party_ids ? g->party_ids[k] : NULL));
		fputc('\n', out);
		indent(out, ind + 1);
		fputs("date ", out);
		put_date(out, g->date);
		fputc(' ', out);
		put_str(out, g->date_text);
		fputc('\n', out);
		dump_para(out, doc, ind + 1, "title", &g->title);
		dump_paras(out, doc, ind + 1, "paras", g->paras, g->nparas);
	} else if (it->kind == VL_ITEM_PAGEBREAK) {
		indent(out, ind);
		fputs("pagebreak ", out);
		put_pos(out, it->pos);
		fputc('\n', out);
	} else if (it->kind == VL_ITEM_GROUP) {
		const vl_group *g = &it->u.group;
		indent(out, ind);
		fprintf(out, "group id=%s ", g->id ? g->id : "(none)");
		put_pos(out, g->pos);
		fputc('\n', out);
		dump_paras(out, doc, ind + 1, "intro", g->intro, g->nintro);
		for (size_t k = 0; k < g->nparts; k++) {
			const vl_group_part *p = &g->parts[k];
			indent(out, ind + 1);
			fprintf(out, "part partner=%s ", partner_id(doc, p->partner, p->partner_id));
			put_pos(out, p->pos);
			fputc('\n', out);
			dump_paras(out, doc, ind + 2, "paras", p->paras, p->nparas);
		}
	} else if (it->kind == VL_ITEM_SECTION) {
		const vl_section *sec = &it->u.section;
		indent(out, ind);
		fprintf(out, "section %s level=%d id=%s ", sec->number, sec->level,
		    sec->id ? sec->id : "(none)");
		put_pos(out, it->pos);
		fputc('\n', out);
		dump_para(out, doc, ind + 1, "heading", &sec->heading);
		dump_items(out, doc, ind + 1, sec->items, sec->nitems);
	} else if (it->kind == VL_ITEM_LIST) {
		const vl_list *l = &it->u.list;
		indent(out, ind);
		fprintf(out, "list %s level=%d (%zu) ", vl_list_kind_names[l->kind], l->level,
		    l->nentries);
		put_pos(out, it->pos);
		fputc('\n', out);
		for (size_t k = 0; k < l->nentries; k++) {
			indent(out, ind + 1);
			fputs("entry ", out);
			put_pos(out, l->entries[k].pos);
			fputc('\n', out);
			dump_items(out, doc, ind + 2, l->entries[k].items, l->entries[k].nitems);
		}
	} else if (it->kind == VL_ITEM_TABLE) {
		dump_table(out, doc, ind, &it->u.table);
	} else {
		const vl_figure *fig = &it->u.figure;
		indent(out, ind);
		fprintf(out, "figure id=%s number=%d image=", fig->id ? fig->id : "(none)",
		    fig->number);
		put_str(out, fig->image);
		fprintf(out, " lang=%s alt=", fig->alt_lang);
		put_str(out, fig->alt);
		fputc('\n', out);
		if (fig->caption.pos.line)
			dump_para(out, doc, ind + 1, "caption", &fig->caption);
	}
}

static void
dump_items(FILE *out, const vl_doc *doc, int ind, const vl_item *items, size_t n)
{
	for (size_t i = 0; i < n; i++)
		dump_item(out, doc, ind, &items[i]);
}

static void
dump_notes(FILE *out, const vl_doc *doc)
{
	if (!doc->nnotes)
		return;
	fprintf(out, "notes (%zu)\n", doc->nnotes);
	for (size_t i = 0; i < doc->nnotes; i++) {
		char label[32];
		snprintf(label, sizeof label, "note %zu", i + 1);
		dump_para(out, doc, 1, label, &doc->notes[i].text);
	}
}

/* What only some Vorlagen have, printed only when the source has it (so
 * that the dump of a source without it stays as it was). */
static void
dump_meta_more(FILE *out, const vl_doc *doc)
{
	const vl_meta *m = &doc->meta;
	if (m->ndistribution > 1) {
		fprintf(out, "  distribution-codes (%zu)", m->ndistribution);
		for (size_t i = 0; i < m->ndistribution; i++)
			fprintf(out, " %s", m->distribution_codes[i]);
		fputc('\n', out);
	}
	if (m->sender_markup)
		dump_paras(out, doc, 1, "sender-lines", m->sender_lines, m->nsender);
	if (m->period_pos.line) {
		fputs("  report-period ", out);
		put_date(out, m->period_from);
		fputs(" to ", out);
		put_date(out, m->period_to);
		fputc(' ', out);
		put_str(out, m->period_text);
		fputc('\n', out);
	}
	if (m->author) {
		fputs("  author ", out);
		put_str(out, m->author);
		fputc('\n', out);
	}
	if (m->subject) {
		fputs("  subject ", out);
		put_str(out, m->subject);
		fputc('\n', out);
	}
	if (m->nkeywords) {
		fprintf(out, "  keywords (%zu)\n", m->nkeywords);
		for (size_t i = 0; i < m->nkeywords; i++) {
			fputs("    ", out);
			put_str(out, m->keywords[i]);
			fputc('\n', out);
		}
	}
}

/* The letter's information block and subject line, when it has them. */
static void
dump_letter_more(FILE *out, const vl_doc *doc)
{
	const vl_letter *l = &doc->letter;
	if (l->info.pos.line) {
		fputs("  info-block ", out);
		put_pos(out, l->info.pos);
		fputc('\n', out);
		for (int i = 0; i < VL_INFO_NFIELDS; i++)
			if (l->info.field[i]) {
				fprintf(out, "    %s ", vl_info_field_names[i]);
				put_pos(out, l->info.field_pos[i]);
				fputc(' ', out);
				put_str(out, l->info.field[i]);
				fputc('\n', out);
			}
	}
	if (l->subject.pos.line)
		dump_para(out, doc, 1, "subject", &l->subject);
}

void
vl_dump(const vl_doc *doc, FILE *out)
{
	const vl_meta *m = &doc->meta;
	fputs("vorlage ", out);
	put_str(out, doc->path);
	fputc('\n', out);

	fputs("meta\n", out);
	fprintf(out, "  wahlperiode %d\n", m->wahlperiode);
	fputs("  number ", out);
	put_str(out, m->number);
	fputc(' ', out);
	put_pos(out, m->number_pos);
	fputs("\n  distribution ", out);
	put_str(out, m->distribution);
	fputs("\n  date ", out);
	put_date(out, m->date);
	fputc(' ', out);
	put_str(out, m->date_text);
	fprintf(out, "\n  sender (%zu)\n", m->nsender);
	for (size_t i = 0; i < m->nsender; i++) {
		fputs("    ", out);
		put_str(out, m->sender[i]);
		fputc('\n', out);
	}
	fputs("  minister ", out);
	put_str(out, m->minister);
	fputs("\n  addressee ", out);
	put_str(out, m->addressee);
	fputs("\n  requester ", out);
	put_str(out, m->requester);
	fputs("\n  faction ", out);
	put_str(out, m->faction);
	fputs("\n  committee ", out);
	put_str(out, m->committee);
	fputs("\n  meeting ", out);
	if (m->meeting.pos.line)
		put_date(out, m->meeting);
	else
		fputs("(none)", out);
	fputs("\n  title ", out);
	put_str(out, m->title);
	fputs("\n  report-month ", out);
	if (m->report_month.pos.line) {
		put_date(out, m->report_month);
		fputc(' ', out);
	}
	put_str(out, m->report_month_text);
	fputc('\n', out);
	dump_meta_more(out, doc);

	fprintf(out, "partners (%zu)\n", doc->npartners);
	for (size_t i = 0; i < doc->npartners; i++) {
		const vl_partner *p = &doc->partners[i];
		fprintf(out, "  partner %zu id=%s kind=%s", i, p->id ? p->id : "(none)",
		    (unsigned)p->kind < VL_PK_COUNT ? vl_partner_kind_names[p->kind] : "?");
		fputs(" countries=", out);
		for (size_t c = 0; c < p->ncountries; c++)
			fprintf(out, "%s%s", c ? "," : "", p->countries[c]);
		if (p->main_partner)
			fputs(" main", out);
		fputc(' ', out);
		put_pos(out, p->pos);
		fputc(' ', out);
		put_str(out, p->name);
		fputc('\n', out);
	}

	const vl_letter *l = &doc->letter;
	fputs("letter\n", out);
	dump_paras(out, doc, 1, "recipient", l->recipient, l->nrecipient);
	dump_letter_more(out, doc);
	dump_para(out, doc, 1, "salutation", &l->salutation);
	dump_paras(out, doc, 1, "paras", l->paras, l->nparas);
	dump_para(out, doc, 1, "closing", &l->closing);
	fputs("  signature ", out);
	put_pos(out, l->signature_pos);
	fputs(" image=", out);
	put_str(out, l->signature_image);
	fputs(" signer=", out);
	put_str(out, l->signer);
	if (l->signer_function) {
		fputs(" function=", out);
		put_str(out, l->signer_function);
	}
	if (l->signature_mark_given)
		fprintf(out, " mark=%s", vl_sig_mark_names[l->signature_mark]);
	fputs("\n    description ", out);
	put_str(out, l->signature_desc);
	/* its language where it is not the document's */
	if (l->signature_desc_lang && doc->lang && strcmp(l->signature_desc_lang, doc->lang) != 0)
		fprintf(out, " lang=%s", l->signature_desc_lang);
	fputc('\n', out);
	if (l->nenclosures)
		dump_paras(out, doc, 1, l->enclosures_numbered ? "enclosures numbered" : "enclosures",
		    l->enclosures, l->nenclosures);

	const vl_report *r = &doc->report;
	if (!r->present) {
		fputs("report (none)\n", out);
		dump_notes(out, doc);
		return;
	}
	fputs("report\n", out);
	fprintf(out, "  title-page (%zu)\n", r->ntitle_page);
	for (size_t i = 0; i < r->ntitle_page; i++) {
		const vl_title_line *t = &r->title_page[i];
		char label[64];
		snprintf(label, sizeof label, "line%s%s",
		    t->size == VL_TITLE_LARGE ? " large" : "",
		    t->space_before ? " space-before" : "");
		dump_para(out, doc, 2, label, &t->text);
	}
	dump_para(out, doc, 1, "heading", &r->heading);
	dump_paras(out, doc, 1, "intro", r->intro, r->nintro);
	fputs("  question-label ", out);
	put_str(out, r->question_label);
	fputc('\n', out);
	dump_paras(out, doc, 1, "question", r->question, r->nquestion);
	fputs("  answer-label ", out);
	put_str(out, r->answer_label);
	fprintf(out, "\n  answer (%zu)\n", r->nanswer);
	dump_items(out, doc, 2, r->answer, r->nanswer);
	dump_notes(out, doc);
}
