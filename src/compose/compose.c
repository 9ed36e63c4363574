/* compose.c: the composer's drivers, the Vorlage and its annexes as blocks
 * for the engine: the cover letter placed in its DIN 5008 zones, the title
 * page, the report and each annex as a flow, page numbers, bookmarks, page
 * labels; and the document information (title, author, …) a back end
 * writes. The top of the composer: it calls compose_blocks.c for the flow's
 * blocks and compose_util.c for runs, styles and nodes; neither calls it. */
#include "compose.h"
#include "compose_blocks.h"
#include "compose_util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"

/* Sets runs at a fixed place (not in a flow): broken at width w, aligned as
 * the style says, first baseline at y. Returns the last baseline. */
static ts_sp
place_runs(ts_layout *out, const ts_engine *e, size_t page, ts_sp x, ts_sp y, ts_sp w,
    const ts_run *runs, size_t nruns, const tpl_style *st)
{
	ts_lines lines;
	ts_para_style ps = cu_para_style(st, w);
	ts_para_break(e, out->arena, runs, nruns, &ps, &lines);
	return ts_layout_place_lines(out, page, x, y, &lines, st->leading);
}

/* One line of text, aligned within [x, x + w], belonging to tag. */
static void
add_line(ts_layout *out, const ts_engine *e, size_t page, ts_sp x, ts_sp w, ts_sp y,
    const char *text, const tpl_style *st, enum ts_align align, int tag)
{
	ts_run r = cu_plain_run(text, st, tag);
	tpl_style s = *st;
	s.align = align;
	s.hyphenate = false;
	place_runs(out, e, page, x, y, w, &r, 1, &s);
}

/* A fixed zone of page 1 (letterhead, address field, stamp, date line):
 * what the source puts there must stay inside, or it is an error at the
 * source's element. Nothing is moved or shrunk to make it fit. */
typedef struct zone {
	const char *name;   /* in messages: "letterhead", "address field", … */
	ts_sp bottom;       /* no descender below it */
	bool one_line;      /* each text is one line (the stamp's, the date) */
	bool full;          /* an overflow has been reported */
	const char *file;   /* where the zone's texts come from */
	diag *d;
} zone;

/* The descender of a style's face at its size, positive. */
static ts_sp
style_descent(const ts_engine *e, const tpl_style *st)
{
	const ts_font *fo = ts_engine_font(e, st->face);
	int upm = font_units_per_em(fo);
	int64_t v = -(int64_t)font_descender(fo) * st->size / (upm > 0 ? upm : 1000);
	return (ts_sp)(v < 0 ? -v : v);
}

/* place_runs inside zone z, for the text at pos in z->file: reports (once
 * per zone) a text that breaks where the zone wants one line, a line wider
 * than w, and a last line whose descender passes the zone's bottom. */
static ts_sp
zone_place(ts_layout *out, const ts_engine *e, size_t page, ts_sp x, ts_sp y, ts_sp w,
    const ts_run *runs, size_t nruns, const tpl_style *st, zone *z, vl_pos pos)
{
	ts_lines lines;
	ts_para_style ps = cu_para_style(st, w);
	ts_para_break(e, out->arena, runs, nruns, &ps, &lines);
	bool wide = false;
	for (size_t i = 0; i < lines.nlines; i++)
		wide = wide || lines.lines[i].overfull;
	ts_sp last = ts_layout_place_lines(out, page, x, y, &lines, st->leading);
	if (z->full)
		return last;
	if (wide || (z->one_line && lines.nlines > 1)) {
		MSG(ZONE_LINE_WIDTH, z->d, z->file, pos.line, pos.col, z->name, ts_to_mm(w));
		z->full = true;
	} else if ((int64_t)last + style_descent(e, st) > z->bottom) {
		MSG(ZONE_OVERFLOW, z->d, z->file, pos.line, pos.col, z->name,
		    ts_to_mm(last + style_descent(e, st)), ts_to_mm(z->bottom));
		z->full = true;
	}
	return last;
}

/* add_line inside zone z. */
static void
zone_line(ts_layout *out, const ts_engine *e, size_t page, ts_sp x, ts_sp w, ts_sp y,
    const char *text, const tpl_style *st, enum ts_align align, int tag, zone *z, vl_pos pos)
{
	ts_run r = cu_plain_run(text, st, tag);
	tpl_style s = *st;
	s.align = align;
	s.hyphenate = false;
	zone_place(out, e, page, x, y, w, &r, 1, &s, z, pos);
}

/* The signature image: its file and its width at the template's height. */
typedef struct signature {
	const char *path;
	ts_sp w;
} signature;

/* The signature image the source names (before anything is laid out),
 * from the resource table, where the back end takes it from: it must stay
 * inside the source's directory also through symbolic links, and be a PNG
 * the reader decodes whole. False after a message. */
static bool
signature_image(arena *a, const vl_doc *doc, const vl_template *t, res_table *res, signature *sig,
    diag *d)
{
	const vl_letter *l = &doc->letter;
	bool inside, exists;
	sig->path = vl_source_file(a, doc->path, l->signature_image, &inside, &exists);
	if (!inside) {
		MSG(IMAGE_LEADS_OUTSIDE, d, doc->path, l->signature_pos.line, l->signature_pos.col,
		    l->signature_image);
		return false;
	}
	const image_png *img = res_image(res, sig->path, "signature image", d);
	if (!img)
		return false;
	/* as wide as the image's aspect ratio makes it at the template's height */
	sig->w = (ts_sp)llround((double)t->signature_image_h * img->width / img->height);
	return true;
}

/* The letterhead's lines in zone z: styled by their markup when a line has
 * any, one paragraph of lines (a block read as one); else (as sources
 * written before markup was allowed) plain, the last of several lines
 * bold, a paragraph each. */
static void
letter_sender(ts_layout *out, const vl_doc *doc, const vl_template *t, const ts_engine *e,
    size_t pg, int sect, zone *z)
{
	const vl_meta *m = &doc->meta;
	ts_sp y = t->letterhead.y + t->letterhead_style.size;
	int block = m->sender_markup ? cu_node(out, TS_ROLE_P, sect) : -1;
	for (size_t i = 0; i < m->nsender; i++) {
		ts_run *runs, r;
		size_t n = 1;
		if (m->sender_markup) {
			n = cu_runs(out, doc->path, doc->lang, &m->sender_lines[i], &t->letterhead_style,
			    block, &runs);
		} else {
			r = cu_plain_run(m->sender[i], &t->letterhead_style,
			    cu_node(out, TS_ROLE_P, sect));
			if (i + 1 == m->nsender && m->nsender > 1)
				r.face = cu_face(t->letterhead_style.face, true, false);
			runs = &r;
		}
		y = zone_place(out, e, pg, t->letterhead.x, y, t->letterhead.w, runs, n,
		    &t->letterhead_style, z, m->sender_pos[i]) + t->letterhead_style.leading;
	}
}

/* The information block (DIN 5008) in its zone z: a line for each field
 * the source gives, its label in the template's column, the letter's date
 * last; the letterhead's style. Tagged as a list: each line an item, its
 * label the item's Lbl, the value its LBody. */
static void
letter_info_block(ts_layout *out, const vl_doc *doc, const vl_template *t, const ts_engine *e,
    size_t pg, int sect, zone *z)
{
	const vl_info_block *info = &doc->letter.info;
	const tpl_box *b = &t->info_block;
	const tpl_style *st = &t->letterhead_style;
	z->bottom = b->y + b->h;
	int list = cu_node(out, TS_ROLE_L, sect);
	ts_sp y = b->y + st->size;
	for (int i = 0; i <= VL_INFO_NFIELDS; i++) {
		const char *label = i < VL_INFO_NFIELDS ? t->words.info[i] : t->words.info_date;
		const char *value = i < VL_INFO_NFIELDS ? info->field[i] : doc->meta.date_text;
		vl_pos pos = i < VL_INFO_NFIELDS ? info->field_pos[i] : doc->meta.date_pos;
		if (!value)
			continue;
		int li = cu_node(out, TS_ROLE_LI, list);
		/* the label is the template's: a message about it names the template */
		const vl_pos none = { 0, 0 };
		z->file = t->path;
		zone_line(out, e, pg, b->x, t->info_label_w, y, label, st, TS_LEFT,
		    cu_node(out, TS_ROLE_LBL, li), z, none);
		z->file = doc->path;
		zone_line(out, e, pg, b->x + t->info_label_w, b->w - t->info_label_w, y, value, st,
		    TS_LEFT, cu_node(out, TS_ROLE_LBODY, li), z, pos);
		y += st->leading;
	}
}

/* The subject line, bold in the salutation's style, two blank lines above
 * the salutation: the letter's heading. */
static void
letter_subject(ts_flow *f, ts_layout *out, const vl_doc *doc, const vl_template *t, int sect)
{
	const vl_letter *l = &doc->letter;
	tpl_style st = t->salutation_style;
	st.face = cu_face(st.face, true, false);
	ts_run *runs;
	size_t n = cu_runs(out, doc->path, doc->lang, &l->subject, &st,
	    cu_node(out, TS_ROLE_H1, sect), &runs);
	ts_para_style ps = cu_para_style(&st, t->letter_body.w);
	cu_para_at(&ps, doc->path, l->subject.pos);
	ps.space_after = 2 * st.leading;
	ps.keep_with_next = true;
	ps.hyphenate = false;
	ts_flow_para(f, runs, n, &ps);
}

/* The template's word for a signature mark; NULL for none. */
static const char *
mark_word(const vl_template *t, enum vl_sig_mark mark)
{
	switch (mark) {
	case VL_MARK_SIGNED:
		return t->words.signed_by;
	case VL_MARK_DEPUTY:
		return t->words.signed_deputy;
	case VL_MARK_ORDER:
		return t->words.signed_order;
	case VL_MARK_NONE:
	case VL_MARK_NKINDS:
		break;
	}
	return NULL;
}

/* The signature block, the letter flow f's last paragraphs: the room for
 * the signature, the signer's name (in the flow, so that the closing and
 * the name stay together), then on the name's page the mark ("gez.",
 * "i. V.", "i. A.") and the image beside it, one line above the name; the
 * function under the name, in its paragraph. The last line's page and baseline into
 * *last_page and *last_y. Finishes f. */
static void
letter_signature(ts_flow *f, ts_layout *out, const vl_doc *doc, const vl_template *t,
    const ts_engine *e, const signature *sig, int sect, size_t *last_page, ts_sp *last_y)
{
	const vl_letter *l = &doc->letter;
	arena *a = out->arena;
	const tpl_box *body = &t->letter_body;
	const char *mark = mark_word(t, l->signature_mark);
	/* beside an image the mark is a paragraph of its own, read before it */
	int mark_node = sig && mark ? cu_node(out, TS_ROLE_P, sect) : -1;
	/* the signature (the image, or "gez.") is read before the name
	 * (a description in another language than the document's: the
	 * Figure's /Lang, which its /Alt is read in) */
	const char *sig_lang = l->signature_desc && l->signature_desc_lang && doc->lang &&
	    strcmp(l->signature_desc_lang, doc->lang) != 0 ? l->signature_desc_lang : NULL;
	const tpl_arg signer = { "name", l->signer };
	int sig_node = sig ? ts_layout_add_node(out, TS_ROLE_FIGURE, sect, sig_lang, l->signature_desc
	    ? l->signature_desc : tpl_expand(a, t->words.signature_alt, &signer, 1))
	    : mark ? cu_node(out, TS_ROLE_P, sect) : -1;
	int name_node = cu_node(out, TS_ROLE_P, sect);
	ts_run name = cu_plain_run(l->signer, &t->signer_style, name_node);
	ts_para_style ps = cu_para_style(&t->signer_style, body->w);
	ps.space_before = t->signature_space - t->signer_style.leading;
	ps.hyphenate = false;
	ts_flow_para(f, &name, 1, &ps);
	size_t name_page;
	ts_sp name_y;
	ts_flow_finish(f, &name_page, &name_y);

	/* the mark (the template's word), where the signature stands */
	ts_sp mark_w = 0;
	if (mark) {
		add_line(out, e, name_page, body->x, body->w, name_y - t->signer_style.leading,
		    mark, &t->signer_style, TS_LEFT, sig ? mark_node : sig_node);
		/* the image after the mark and a space */
		mark_w = ts_text_width(e, t->signer_style.face, t->signer_style.size, mark, strlen(mark))
		    + ts_text_width(e, t->signer_style.face, t->signer_style.size, " ", 1);
	}
	if (sig) {
		ts_item *it = ts_page_add(out, name_page);
		it->kind = TS_ITEM_IMAGE;
		it->x = body->x + (sig && mark ? mark_w : 0);
		it->y = name_y - t->signer_style.size - t->signature_image_h;
		it->h = t->signature_image_h;
		it->w = sig->w;
		it->text = sig->path;
		it->len = strlen(it->text);
		it->tag = sig_node;
	}
	*last_page = name_page;
	*last_y = name_y;
	if (l->signer_function) {
		/* under the name, in the name's paragraph (the signer is one block):
		 * its first baseline one line below the name's */
		const ts_font *fo = ts_engine_font(e, t->signer_style.face);
		int upm = font_units_per_em(fo);
		ts_sp ascent = (ts_sp)((int64_t)font_ascender(fo) * t->signer_style.size /
		    (upm > 0 ? upm : 1000));
		ts_flow *ff = ts_flow_new_at(e, out, *body, name_page,
		    name_y + t->signer_style.leading - ascent);
		ts_run fn = cu_plain_run(l->signer_function, &t->signer_style, name_node);
		ps = cu_para_style(&t->signer_style, body->w);
		ps.hyphenate = false;
		ts_flow_para(ff, &fn, 1, &ps);
		ts_flow_finish(ff, last_page, last_y);
	}
}

/* The cover letter: page 1 in the zones of DIN 5008 form B. False after a
 * message when a fixed zone overflows. */
static bool
compose_letter(ts_layout *out, const vl_doc *doc, const vl_template *t, const ts_engine *e,
    const signature *sig, diag *d)
{
	const vl_meta *m = &doc->meta;
	const vl_letter *l = &doc->letter;
	arena *a = out->arena;
	size_t pg = ts_layout_add_page(out);
	int sect = cu_node(out, TS_ROLE_SECT, 0);

	/* letterhead: the sending office */
	zone head = { .name = "letterhead", .bottom = t->letterhead.y + t->letterhead.h,
		.file = doc->path, .d = d };
	letter_sender(out, doc, t, e, pg, sect, &head);

	/* address field */
	zone addr = { .name = "address field", .bottom = t->address.y + t->address.h,
		.file = doc->path, .d = d };
	ts_sp y = t->address.y + t->address_first_baseline;
	int address = cu_node(out, TS_ROLE_DIV, sect);
	for (size_t i = 0; i < l->nrecipient; i++) {
		ts_run *runs;
		size_t n = cu_runs(out, doc->path, doc->lang, &l->recipient[i], &t->address_style,
		    cu_node(out, TS_ROLE_P, address), &runs);
		tpl_style s = t->address_style;
		s.align = TS_LEFT;
		s.hyphenate = false;
		y = zone_place(out, e, pg, t->address.x + t->address_inset, y,
		    t->address.w - t->address_inset, runs, n, &s, &addr, l->recipient[i].pos) +
		    t->address_style.leading;
	}
	bool fits = !head.full && !addr.full;

	/* the Landtag's registration stamp, every value from the metadata */
	if (t->stamp) {
		const tpl_box *b = &t->stamp_box;
		ts_sp r = t->stamp_rule;
		ts_page_add_rule(out, pg, b->x, b->y, b->w, r);
		ts_page_add_rule(out, pg, b->x, b->y + b->h - r, b->w, r);
		ts_page_add_rule(out, pg, b->x, b->y, r, b->h);
		ts_page_add_rule(out, pg, b->x + b->w - r, b->y, r, b->h);
		const tpl_arg term = { "wahlperiode", arena_printf(a, "%d", m->wahlperiode) };
		const char *lines[] = {
			t->words.stamp_landtag, t->words.stamp_state,
			tpl_expand(a, t->words.stamp_term, &term, 1), "",
			t->words.stamp_vorlage, m->number, "", m->distribution,
		};
		/* where each line comes from: the source's attributes, else the
		 * template (which tcheck.c checks) */
		const vl_pos none = { 0, 0 };
		const vl_pos from[] = {
			none, none, m->wahlperiode_pos, none, none, m->number_pos, none,
			m->distribution_pos,
		};
		const size_t nlines = sizeof lines / sizeof lines[0];
		const tpl_style *st = &t->stamp_style;
		ts_sp block = (ts_sp)(nlines - 1) * st->leading + st->size;
		ts_sp top = b->y + (b->h - block) / 2 + st->size * 3 / 4;
		int stamp = cu_node(out, TS_ROLE_DIV, sect);
		zone stz = { .name = "stamp", .bottom = b->y + b->h, .one_line = true,
			.file = doc->path, .d = d };
		for (size_t i = 0; i < nlines; i++) {
			if (!lines[i][0])
				continue;
			stz.file = from[i].line ? doc->path : t->path;
			zone_line(out, e, pg, b->x + t->stamp_padding, b->w - 2 * t->stamp_padding,
			    top + (ts_sp)i * st->leading, lines[i], st, TS_CENTER,
			    cu_node(out, TS_ROLE_P, stamp), &stz, from[i]);
		}
		fits = fits && !stz.full;
	}

	/* fold marks and the hole mark */
	if (t->fold_marks)
		for (int i = 0; i < 3; i++)
			ts_page_add_rule(out, pg, t->fold_x, t->fold_y[i] - t->fold_rule / 2,
			    t->fold_len[i], t->fold_rule);

	/* the information block with the date, or the date line */
	const tpl_box *body = &t->letter_body;
	zone info = { .name = "info block", .bottom = body->y, .one_line = true,
		.file = doc->path, .d = d };
	if (l->info.pos.line)
		letter_info_block(out, doc, t, e, pg, sect, &info);
	else
		zone_line(out, e, pg, body->x, body->w, t->date_y, m->date_text,
		    &t->letter_body_style, t->date_align, cu_node(out, TS_ROLE_P, sect), &info,
		    m->date_pos);
	fits = fits && !info.full;

	/* salutation, body, closing, signature, name: a flow on page 1 */
	ts_flow *f = ts_flow_new_at(e, out, *body, pg, body->y);
	ts_flow_outline(f, t->words.letter, 0);
	ts_run *runs;
	size_t n;
	ts_para_style ps;
	if (l->subject.pos.line)
		letter_subject(f, out, doc, t, sect);
	n = cu_runs(out, doc->path, doc->lang, &l->salutation, &t->salutation_style,
	    cu_node(out, TS_ROLE_P, sect), &runs);
	ps = cu_para_style(&t->salutation_style, body->w);
	cu_para_at(&ps, doc->path, l->salutation.pos);
	ts_flow_para(f, runs, n, &ps);
	for (size_t i = 0; i < l->nparas; i++) {
		n = cu_runs(out, doc->path, doc->lang, &l->paras[i], &t->letter_body_style,
		    cu_node(out, TS_ROLE_P, sect), &runs);
		ps = cu_para_style(&t->letter_body_style, body->w);
		cu_para_at(&ps, doc->path, l->paras[i].pos);
		ts_flow_para(f, runs, n, &ps);
	}
	n = cu_runs(out, doc->path, doc->lang, &l->closing, &t->closing_style,
	    cu_node(out, TS_ROLE_P, sect), &runs);
	ps = cu_para_style(&t->closing_style, body->w);
	cu_para_at(&ps, doc->path, l->closing.pos);
	ps.keep_with_next = true;
	ts_flow_para(f, runs, n, &ps);
	/* the signer's name, the room for the signature above it: in the flow,
	 * so that the closing and the name stay together */
	size_t last_page;
	ts_sp last_y;
	letter_signature(f, out, doc, t, e, sig, sect, &last_page, &last_y);
	if (last_page != pg)
		MSG(LETTER_TOO_LONG, d, doc->path, l->signature_pos.line, l->signature_pos.col);
	if (l->nenclosures) {
		int notes = 0;
		cu_part lp = { .out = out, .lang = doc->lang, .sect = sect, .doc = doc, .t = t,
			.notes = &notes };
		block_enclosures(&lp, e, last_page, last_y, sect);
	}
	return fits;
}

/* Centred lines of the report's title page. */
static size_t
compose_title_page(ts_layout *out, const vl_doc *doc, const vl_template *t, const ts_engine *e,
    int sect)
{
	const vl_report *r = &doc->report;
	size_t pg = ts_layout_add_page(out);
	ts_layout_add_outline(out, t->words.report, 0, pg, t->text_area.y);
	ts_sp y = t->title_top;
	for (size_t i = 0; i < r->ntitle_page; i++) {
		const vl_title_line *tl = &r->title_page[i];
		const tpl_style *st = tl->size == VL_TITLE_LARGE ? &t->title_large_style : &t->title_style;
		if (i > 0)
			y += tl->space_before ? st->leading * 2 : st->leading;
		ts_run *runs;
		size_t n = cu_runs(out, doc->path, doc->lang, &tl->text, st,
		    cu_node(out, TS_ROLE_P, sect), &runs);
		tpl_style s = *st;
		s.align = TS_CENTER;
		s.hyphenate = false;
		y = place_runs(out, e, pg, t->text_area.x, y, t->text_area.w, runs, n, &s);
	}
	return pg;
}

/* A page number format filled in: {seite} the number, {seiten} the total. */
static const char *
pagenum_text(arena *a, const char *fmt, int n, int total)
{
	const tpl_arg args[] = {
		{ "seite", arena_printf(a, "%d", n) }, { "seiten", arena_printf(a, "%d", total) },
	};
	return tpl_expand(a, fmt, args, sizeof args / sizeof args[0]);
}

/* Page numbers on pages [first, last] numbered from 1; printed from number
 * from_n on. */
static void
add_page_numbers(ts_layout *out, const vl_template *t, const ts_engine *e, size_t first,
    size_t last, const char *fmt, int from_n)
{
	/* artifacts: a reader announces pages by itself */
	int total = (int)(last - first + 1);
	for (size_t pg = first; pg <= last; pg++) {
		int n = (int)(pg - first + 1);
		if (n < from_n)
			continue;
		add_line(out, e, pg, t->text_area.x, t->text_area.w, t->pagenum_y,
		    pagenum_text(out->arena, fmt, n, total), &t->pagenum_style, t->pagenum_align,
		    TS_TAG_PAGINATION);
	}
}

static const char *
keywords(arena *a, const vl_doc *doc, bool with_agreements_only)
{
	int *idx = arena_array(a, doc->npartners ? doc->npartners : 1, sizeof *idx);
	size_t n = 0;
	for (size_t i = 0; i < doc->npartners; i++)
		if (!with_agreements_only || compose_partner_has_agreements(doc, (int)i))
			idx[n++] = (int)i;
	return cu_parties_names(a, doc, idx, n);
}

/* The source's keywords (metadaten/stichwoerter), separated by commas;
 * NULL when it has none. */
static const char *
source_keywords(arena *a, const vl_meta *m)
{
	const char *kw = NULL;
	for (size_t i = 0; i < m->nkeywords; i++)
		kw = kw ? arena_printf(a, "%s, %s", kw, m->keywords[i]) : m->keywords[i];
	return kw;
}

/* The author is the source's verfasser, else the first line of the sender
 * (as before the source could say), else the minister. No empty string:
 * what is empty is left out. */
static void
set_info(ts_info *out, const vl_doc *doc, const char *title, const char *subject,
    const char *kw)
{
	const vl_meta *m = &doc->meta;
	*out = (ts_info){
		.title = title,
		.author = m->author ? m->author : m->nsender ? m->sender[0] : m->minister,
		.subject = subject, .keywords = kw && *kw ? kw : NULL, .lang = doc->lang,
		.year = m->date.year, .month = m->date.month, .day = m->date.day,
	};
}

void
compose_vorlage_info(const vl_doc *doc, const vl_template *t, arena *a, ts_info *out)
{
	const vl_meta *m = &doc->meta;
	const tpl_arg number = { "nummer", m->number };
	set_info(out, doc, m->title,
	    m->subject ? m->subject : tpl_expand(a, t->words.vorlage_subject, &number, 1),
	    m->nkeywords ? source_keywords(a, m) : keywords(a, doc, true));
}

ts_layout *
compose_vorlage(const vl_doc *doc, const vl_template *t, const ts_engine *e, diag *d)
{
	if (vl_check_layout(doc, t, e, d) != 0) /* tables that do not fit the text width */
		return NULL;
	/* an error the engine reports while it lays out the report (a table's
	 * header too tall, a caption that leaves its figure no room) refuses
	 * the layout */
	unsigned errors = d ? d->nerrors : 0;
	ts_layout *out = ts_layout_new(t->page_w, t->page_h, t->fonts);
	arena *a = out->arena;
	const vl_report *r = &doc->report;
	const ts_sp w = t->text_area.w;

	signature sig;
	if (doc->letter.signature_image && !signature_image(a, doc, t, ts_engine_res(e), &sig, d)) {
		ts_layout_free(out);
		return NULL;
	}
	if (!compose_letter(out, doc, t, e, doc->letter.signature_image ? &sig : NULL, d)) {
		ts_layout_free(out);
		return NULL;
	}
	if (!r->present) { /* a letter that sends its enclosures only */
		ts_layout_add_label(out, 0, t->words.letter, TS_LABEL_NONE, 0);
		out->front_pages = out->npages;
		ts_layout_drop_dangling_links(out);
		return out;
	}
	int notes = 0;
	bool failed = false;
	cu_part pt = { .out = out, .lang = doc->lang, .sect = cu_node(out, TS_ROLE_SECT, 0),
		.doc = doc, .t = t, .notes = &notes, .d = d, .failed = &failed,
		.res = ts_engine_res(e) };
	/* without a title page the report's bookmark leads to its heading */
	size_t title_pg = r->ntitle_page ? compose_title_page(out, doc, t, e, pt.sect) : 0;

	ts_flow *f = ts_flow_new(e, out, t->text_area);
	if (!r->ntitle_page)
		ts_flow_outline(f, t->words.report, 0);
	block_para(f, &pt, &r->heading, &t->heading_style, w, TS_ROLE_H1);
	block_paras(f, &pt, r->intro, r->nintro, &t->body_style, w);
	if (doc->nnotes)
		ts_flow_note_area(f, NULL);
	if (r->answer_label) {
		ts_flow_outline(f, r->question_label, 1);
		block_text(f, &pt, r->question_label, &t->label_style, w, TS_ROLE_H2);
		block_paras(f, &pt, r->question, r->nquestion, &t->body_style, w);
		ts_flow_outline(f, r->answer_label, 1);
		block_text(f, &pt, r->answer_label, &t->label_style, w, TS_ROLE_H2);
	}
	block_items(f, &pt, r->answer, r->nanswer, r->answer_label ? 2 : 1);
	size_t last_page;
	size_t first_pg = ts_flow_finish(f, &last_page, NULL);
	if (failed || (d && d->nerrors > errors)) {
		ts_layout_free(out);
		return NULL;
	}

	/* the report's pages count from the title page, else from its first */
	size_t report_pg = r->ntitle_page ? title_pg : first_pg;
	add_page_numbers(out, t, e, report_pg, out->npages - 1, t->pagenum_format, t->pagenum_first);
	ts_layout_add_label(out, 0, t->words.letter, TS_LABEL_NONE, 0);
	ts_layout_add_label(out, report_pg, "", TS_LABEL_DECIMAL, 1);
	out->front_pages = r->ntitle_page ? title_pg + 1 : report_pg;
	ts_layout_drop_dangling_links(out);
	return out;
}

/* The report's agreements and groups, also those inside sections, in order. */
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
		const vl_item **m = arena_array(l->a, c, sizeof(const vl_item *));
		if (l->n)
			memcpy(m, l->v, l->n * sizeof(const vl_item *));
		l->v = m;
		l->cap = c;
	}
	l->v[l->n++] = it;
}

static const vl_item **
domain_items(arena *a, const vl_doc *doc, size_t *n)
{
	domain_list l = { a, NULL, 0, 0 };
	vl_items_walk(doc->report.answer, doc->report.nanswer, collect_domain, &l);
	*n = l.n;
	return l.v;
}

bool
compose_partner_has_agreements(const vl_doc *doc, int partner)
{
	arena *a = arena_new();
	size_t n;
	const vl_item **items = domain_items(a, doc, &n);
	bool found = false;
	for (size_t i = 0; i < n && !found; i++) {
		const vl_item *it = items[i];
		if (it->kind == VL_ITEM_AGREEMENT) {
			for (size_t k = 0; k < it->u.agreement.nparties; k++)
				found = found || it->u.agreement.parties[k] == partner;
		} else if (it->kind == VL_ITEM_GROUP) {
			for (size_t k = 0; k < it->u.group.nparts; k++)
				found = found || it->u.group.parts[k].partner == partner;
		}
	}
	arena_free(a);
	return found;
}

/* The heading of a partner's annex, also its title. */
static const char *
annex_head(arena *a, const vl_doc *doc, const vl_template *t, int partner)
{
	const tpl_arg args[] = {
		{ "nummer", doc->meta.number }, { "partner", doc->partners[partner].name },
	};
	return tpl_expand(a, t->words.annex_title, args, sizeof args / sizeof args[0]);
}

ts_layout *
compose_annex(const vl_doc *doc, const vl_template *t, const ts_engine *e,
    int partner, diag *d)
{
	const vl_partner *p = &doc->partners[partner];
	if (!compose_partner_has_agreements(doc, partner)) {
		MSG(PARTNER_NO_AGREEMENT, d, doc->path, p->pos.line, p->pos.col, p->id, p->name,
		    p->main_partner ? " (a main cooperation partner)" : "");
		return NULL;
	}
	ts_layout *out = ts_layout_new(t->page_w, t->page_h, t->fonts);
	arena *a = out->arena;
	const ts_sp w = t->text_area.w;
	const vl_meta *m = &doc->meta;
	const char *head = annex_head(a, doc, t, partner);
	const tpl_arg sub[] = { { "nummer", m->number }, { "datum", m->date_text } };

	int notes = 0;
	cu_part pt = { .out = out, .lang = doc->lang, .sect = cu_node(out, TS_ROLE_SECT, 0),
		.doc = doc, .t = t, .notes = &notes };
	ts_flow *f = ts_flow_new(e, out, t->text_area);
	if (doc->nnotes)
		ts_flow_note_area(f, NULL);
	ts_flow_outline(f, head, 0);
	block_text(f, &pt, head, &t->annex_head_style, w, TS_ROLE_H1);
	block_text(f, &pt, tpl_expand(a, t->words.annex_subtitle, sub, sizeof sub / sizeof sub[0]),
	    &t->body_style, w, TS_ROLE_P);
	block_text(f, &pt, m->title, &t->heading_style, w, TS_ROLE_P);

	size_t nitems;
	const vl_item **items = domain_items(a, doc, &nitems);
	for (size_t i = 0; i < nitems; i++) {
		const vl_item *it = items[i];
		if (it->kind == VL_ITEM_AGREEMENT) {
			const vl_agreement *ag = &it->u.agreement;
			for (size_t k = 0; k < ag->nparties; k++)
				if (ag->parties[k] == partner) {
					block_agreement(f, &pt, ag, 1);
					break;
				}
		} else if (it->kind == VL_ITEM_GROUP) {
			const vl_group *g = &it->u.group;
			for (size_t k = 0; k < g->nparts; k++) {
				if (g->parts[k].partner != partner)
					continue;
				ts_flow_outline(f, cu_group_title(a, doc, g), 1);
				block_paras(f, &pt, g->intro, g->nintro, &t->body_style, w);
				ts_flow_outline(f, p->name, 2);
				block_paras(f, &pt, g->parts[k].paras, g->parts[k].nparas, &t->body_style, w);
			}
		}
	}
	ts_flow_finish(f, NULL, NULL);

	/* annexes are numbered from their first page ("Seite x von y") */
	add_page_numbers(out, t, e, 0, out->npages - 1, t->annex_pagenum_format, 1);
	ts_layout_add_label(out, 0, "", TS_LABEL_DECIMAL, 1);
	ts_layout_drop_dangling_links(out);
	return out;
}

void
compose_annex_info(const vl_doc *doc, const vl_template *t, int partner, arena *a,
    ts_info *out)
{
	const vl_partner *p = &doc->partners[partner];
	const tpl_arg args[] = { { "nummer", doc->meta.number }, { "partner", p->name } };
	set_info(out, doc, annex_head(a, doc, t, partner),
	    tpl_expand(a, t->words.annex_subject, args, sizeof args / sizeof args[0]), p->name);
}
