/* load.c: building the model (front.h) of a Vorlage from its XML source,
 * read, parsed and validated by the XML front end (front_int.h).
 *
 * Nothing here recurses on the input's structure: trees are walked with
 * explicit stacks or parent pointers. Every position comes from xs_pos.
 */
#include "front.h"
#include "base/base.h"
#include "front_int.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct loader {
	xmlsrc *x;
	struct pidx { const char *id; int i; } *pidx; /* partners sorted by id */
	size_t npidx;
	arena *a;
	vl_doc *doc;
	vl_note *notes;      /* every <fussnote> so far (malloc'd; into the arena at the end) */
	size_t nnotes, capnotes;
	vl_target *targets;  /* sections, tables and figures with an id (malloc'd) */
	size_t ntargets, captargets;
	int section_no[3];   /* the numbers of the current sections, by level */
	int ntables, nfigures; /* captioned ones so far */
} loader;


static int
cmp_pidx(const void *x, const void *y)
{
	const struct pidx *a = x, *b = y;
	int r = strcmp(a->id, b->id);
	return r ? r : (a->i > b->i) - (a->i < b->i);
}

/* vl_partner_find in O(log n): the first partner of that id. */
static int
find_partner(const loader *ld, const char *id)
{
	size_t lo = 0, hi = ld->npidx;
	if (!id)
		return -1;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(ld->pidx[mid].id, id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < ld->npidx && strcmp(ld->pidx[lo].id, id) == 0 ? ld->pidx[lo].i : -1;
}

/* Raw inline content before whitespace collapsing. */
typedef struct rawspan {
	const char *text; /* not NUL-terminated */
	size_t len;
	unsigned flags;
	const char *lang, *ref, *link;
	int partner;
	vl_pos pos;
	size_t note;
} rawspan;

typedef struct frame {
	const xmlNode *n;
	unsigned flags;
	const char *lang, *ref, *link;
	int partner;
	vl_pos ppos; /* the partnerRef's position, for its text */
} frame;

static void
push_raw(rawspan **r, size_t *n, size_t *cap, rawspan s)
{
	if (*n == *cap)
		*r = xgrow(*r, cap, *n + 1, sizeof **r);
	(*r)[(*n)++] = s;
}

static int
is_marker_flags(unsigned flags)
{
	return (flags & (VL_SPAN_QUOTE_OPEN | VL_SPAN_QUOTE_CLOSE | VL_SPAN_XREF |
	    VL_SPAN_NOTE)) != 0;
}

static int
is_marker(const vl_span *s)
{
	return is_marker_flags(s->flags);
}

static int
same_style(const vl_span *a, const vl_span *b)
{
	return a->flags == b->flags && a->partner == b->partner && a->link == b->link &&
	    strcmp(a->lang, b->lang) == 0 &&
	    ((!a->ref && !b->ref) || (a->ref && b->ref && strcmp(a->ref, b->ref) == 0));
}

/* Whether element e holds any non-blank text. */
static int
has_text(const xmlNode *e)
{
	xmlChar *c = xmlNodeGetContent(e);
	int r = 0;
	for (const xmlChar *p = c; p && *p && !r; p++)
		r = !utf8_is_space(*p);
	xmlFree(c);
	return r;
}

/* A <verweis>: to an address (url: its text is a link, the address itself
 * when it has none) or to an id (ziel: an empty marker span the layout
 * prints as the target's number). What vl_check refuses is kept so that
 * it can say so: both or neither attribute (a marker with link and ref,
 * text linked to ""), text in a verweis with ziel (linked to "#id"). */
static void
link_frame(loader *ld, const xmlNode *n, frame *f, rawspan **raw, size_t *nraw, size_t *cap)
{
	const char *url = xs_attr_trim(ld->a, n, "url"), *ziel = xs_attr_trim(ld->a, n, "ziel");
	int text = has_text(n);
	if (ziel || (!url && !text)) {
		push_raw(raw, nraw, cap, (rawspan){ "", 0, f->flags | VL_SPAN_XREF, f->lang,
		    ziel, url, -1, xs_pos(ld->x, n), 0 });
		f->link = ziel ? arena_printf(ld->a, "#%s", ziel) : "";
	} else {
		f->link = url ? url : "";
		if (url && !text)
			push_raw(raw, nraw, cap, (rawspan){ url, strlen(url),
			    f->flags | VL_SPAN_LINK, f->lang, NULL, url, -1, xs_pos(ld->x, n), 0 });
	}
	f->flags |= VL_SPAN_LINK;
}

/* Flattens the inline content of element e into a paragraph (front.h). */
static vl_para
build_para(loader *ld, const xmlNode *e, const char *lang)
{
	vl_para para = { NULL, 0, xs_pos(ld->x, e) };
	rawspan *raw = NULL;
	size_t nraw = 0, capraw = 0;
	frame *st = NULL;
	size_t nst = 0, capst = 0;
	const xmlNode *n;

	if (!e)
		return para;
	st = xgrow(st, &capst, 1, sizeof *st);
	st[nst++] = (frame){ e, 0, xs_lang(ld->a, e, lang), NULL, NULL, -1, { 0, 0 } };
	n = e->children;
	for (;;) {
		while (!n) {
			frame f = st[--nst];
			if (nst == 0)
				goto done;
			if (f.flags & VL_SPAN_QUOTE && xs_is(f.n, "zitat"))
				push_raw(&raw, &nraw, &capraw, (rawspan){ "", 0,
				    st[nst - 1].flags | VL_SPAN_QUOTE_CLOSE, f.lang, NULL,
				    st[nst - 1].link, -1, xs_pos(ld->x, f.n), 0 });
			n = f.n->next;
		}
		const frame *top = &st[nst - 1];
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			const char *t = n->content ? (const char *)n->content : "";
			push_raw(&raw, &nraw, &capraw, (rawspan){ t, strlen(t), top->flags,
			    top->lang, top->ref, top->link, top->partner,
			    top->flags & VL_SPAN_PARTNER ? top->ppos : xs_pos(ld->x, n), 0 });
		} else if (n->type == XML_ELEMENT_NODE) {
			if (xs_is(n, "festesLeerzeichen") || xs_is(n, "trennstelle")) {
				push_raw(&raw, &nraw, &capraw, (rawspan){
				    xs_is(n, "festesLeerzeichen") ? "\xC2\xA0" : "\xC2\xAD", 2,
				    top->flags, xs_lang(ld->a, n, top->lang), top->ref, top->link,
				    top->partner, xs_pos(ld->x, n), 0 });
			} else if (xs_is(n, "fussnote")) {
				/* the note's text is built at once (the schema allows
				 * no note inside a note: one level deep) */
				size_t idx = ld->nnotes++;
				if (ld->nnotes > ld->capnotes)
					ld->notes = xgrow(ld->notes, &ld->capnotes, ld->nnotes,
					    sizeof *ld->notes);
				ld->notes[idx].pos = xs_pos(ld->x, n);
				push_raw(&raw, &nraw, &capraw, (rawspan){ "", 0,
				    top->flags | VL_SPAN_NOTE, top->lang, NULL, top->link, -1,
				    xs_pos(ld->x, n), idx });
				vl_para t = build_para(ld, n, top->lang);
				ld->notes[idx].text = t;
			} else {
				frame f = *top;
				f.n = n;
				f.lang = xs_lang(ld->a, n, top->lang);
				if (xs_is(n, "partnerRef")) {
					f.flags |= VL_SPAN_PARTNER;
					f.ref = xs_attr_trim(ld->a, n, "ref");
					f.partner = find_partner(ld, f.ref);
					f.ppos = xs_pos(ld->x, n);
				} else if (xs_is(n, "betont")) {
					f.flags |= VL_SPAN_EMPH;
				} else if (xs_is(n, "wichtig")) {
					f.flags |= VL_SPAN_STRONG;
				} else if (xs_is(n, "zitat")) {
					push_raw(&raw, &nraw, &capraw, (rawspan){ "", 0,
					    top->flags | VL_SPAN_QUOTE_OPEN, f.lang, NULL, top->link, -1,
					    xs_pos(ld->x, n), 0 });
					f.flags |= VL_SPAN_QUOTE;
				} else if (xs_is(n, "verweis")) {
					link_frame(ld, n, &f, &raw, &nraw, &capraw);
				}
				if (nst == capst)
					st = xgrow(st, &capst, nst + 1, sizeof *st);
				st[nst++] = f;
				n = n->children;
				continue;
			}
		}
		n = n->next;
	}
done:
	free(st);

	/* collapse whitespace across spans into one scratch buffer; trim at
	 * both ends. Only the final spans and their text go to the arena. */
	size_t rawlen = 0;
	for (size_t i = 0; i < nraw; i++)
		rawlen += raw[i].len;
	char *txt = xmalloc(rawlen + 1);
	vl_span *sp = xmalloc((nraw ? nraw : 1) * sizeof *sp);
	size_t nsp = 0, o = 0;
	int last_space = 1;
	for (size_t i = 0; i < nraw; i++) {
		const rawspan *r = &raw[i];
		size_t from = o;
		for (size_t j = 0; j < r->len; j++) {
			unsigned char c = (unsigned char)r->text[j];
			if (utf8_is_space(c)) {
				if (!last_space)
					txt[o++] = ' ';
				last_space = 1;
			} else {
				txt[o++] = (char)c;
				last_space = 0;
			}
		}
		if (r->flags & VL_SPAN_XREF)
			last_space = 0; /* it prints the target's number: a word, and the
					   space after it stays */
		if (o == from && !is_marker_flags(r->flags))
			continue;
		/* a reference or a note prints its number, a closing quote its
		 * mark: the space after it is one between words (the opening
		 * quote, like a bracket, takes none after it) */
		if (r->flags & (VL_SPAN_XREF | VL_SPAN_NOTE | VL_SPAN_QUOTE_CLOSE))
			last_space = 0;
		sp[nsp++] = (vl_span){ txt + from, o - from, r->flags,
		    r->lang ? r->lang : "de", r->partner, r->pos, r->ref, r->link, r->note };
	}
	free(raw);
	/* the trailing space, possibly in an earlier span */
	for (size_t i = nsp; i-- > 0;) {
		if (is_marker(&sp[i]))
			break; /* a space before a printed marker stays */
		if (sp[i].len == 0)
			continue;
		if (sp[i].text[sp[i].len - 1] == ' ')
			sp[i].len--;
		break;
	}
	/* drop emptied text spans, merge neighbours of the same style: each run
	 * is measured first and copied once (linear in the paragraph, however
	 * finely comments, PIs or empty elements split its text) */
	size_t k = 0;
	for (size_t i = 0; i < nsp;) {
		size_t j = i + 1, total = sp[i].len, pieces = 1;
		if (!is_marker(&sp[i])) {
			for (j = i, total = 0, pieces = 0; j < nsp && !is_marker(&sp[j]); j++) {
				if (sp[j].len == 0)
					continue;
				if (pieces && !same_style(&sp[i], &sp[j]))
					break;
				if (!pieces)
					i = j; /* the run begins at its first non-empty span */
				total += sp[j].len;
				pieces++;
			}
		}
		if (pieces) {
			char *m = arena_alloc(ld->a, total + 1), *out = m;
			for (size_t q = i; q < j; q++) {
				memcpy(out, sp[q].text, sp[q].len);
				out += sp[q].len;
			}
			*out = 0;
			sp[k] = sp[i];
			sp[k].text = m;
			sp[k++].len = total;
		}
		i = j;
	}
	free(txt);
	para.spans = arena_array(ld->a, k ? k : 1, sizeof *para.spans);
	memcpy(para.spans, sp, k * sizeof *sp);
	free(sp);
	para.nspans = k;
	return para;
}

/* The plain text of an element's content (collapsed), for metadata. */
static const char *
plain_text(loader *ld, const xmlNode *e, vl_pos *pos)
{
	if (!e)
		return NULL;
	vl_para p = build_para(ld, e, "de");
	size_t len = 0;
	for (size_t i = 0; i < p.nspans; i++)
		len += p.spans[i].len;
	char *s = arena_alloc(ld->a, len + 1), *o = s;
	for (size_t i = 0; i < p.nspans; i++) {
		memcpy(o, p.spans[i].text, p.spans[i].len);
		o += p.spans[i].len;
	}
	*o = 0;
	if (pos)
		*pos = p.pos;
	return s;
}

/* All <name> children of e as paragraphs. */
static vl_para *
build_paras(loader *ld, const xmlNode *e, const char *name, const char *lang, size_t *n)
{
	size_t k = xs_count(e, name);
	vl_para *ps = arena_array(ld->a, k ? k : 1, sizeof *ps);
	*n = 0;
	if (!e)
		return ps;
	for (xmlNode *c = e->children; c; c = c->next)
		if (xs_is(c, name))
			ps[(*n)++] = build_para(ld, c, lang);
	return ps;
}

/* The optional metadata: the request, the committee, the report's month
 * or period, the document information. What the source leaves out stays
 * NULL, or a date at position 0. */
static void
build_meta_optional(loader *ld, const xmlNode *md)
{
	vl_meta *m = &ld->doc->meta;
	const xmlNode *e = xs_child(md, "anfrage");
	m->requester = plain_text(ld, e, NULL);
	m->faction = xs_attr_trim(ld->a, e, "fraktion");
	e = xs_child(md, "ausschuss");
	m->committee = plain_text(ld, e, &m->meeting_pos);
	const char *sitzung = xs_attr_trim(ld->a, e, "sitzung");
	if (sitzung)
		m->meeting = vl_parse_date(sitzung, m->meeting_pos);
	e = xs_child(md, "berichtsmonat");
	m->report_month_text = plain_text(ld, e, &m->report_month_pos);
	if (e)
		m->report_month = vl_parse_date(xs_attr_trim(ld->a, e, "wert"), m->report_month_pos);
	e = xs_child(md, "berichtszeitraum");
	m->period_text = plain_text(ld, e, &m->period_pos);
	if (e) {
		m->period_from = vl_parse_date(xs_attr_trim(ld->a, e, "von"), xs_attr_pos(ld->x, e, "von"));
		m->period_to = vl_parse_date(xs_attr_trim(ld->a, e, "bis"), xs_attr_pos(ld->x, e, "bis"));
	}
	m->author = plain_text(ld, xs_child(md, "verfasser"), NULL);
	m->subject = plain_text(ld, xs_child(md, "thema"), NULL);
	e = xs_child(md, "stichwoerter");
	size_t n = xs_count(e, "stichwort");
	m->keywords = arena_array(ld->a, n ? n : 1, sizeof *m->keywords);
	for (const xmlNode *c = e ? e->children : NULL; c; c = c->next)
		if (xs_is(c, "stichwort"))
			m->keywords[m->nkeywords++] = plain_text(ld, c, NULL);
}

static void
build_meta(loader *ld, const xmlNode *root)
{
	vl_meta *m = &ld->doc->meta;
	const xmlNode *md = xs_child(root, "metadaten"), *e;
	const char *wp = xs_attr_trim(ld->a, root, "wahlperiode");

	unsigned wpn = 0;
	m->wahlperiode = xs_uint(wp, NULL, VL_WAHLPERIODE_MAX, &wpn) ? (int)wpn : 0;
	m->number = xs_attr_trim(ld->a, root, "nummer");
	vl_distribution_split(ld->a, xs_attr_trim(ld->a, root, "verteiler"), m);
	m->number_pos = xs_attr_pos(ld->x, root, "nummer");
	m->wahlperiode_pos = xs_attr_pos(ld->x, root, "wahlperiode");
	m->distribution_pos = xs_attr_pos(ld->x, root, "verteiler");

	e = xs_child(md, "datum");
	m->date_text = plain_text(ld, e, &m->date_pos);
	m->date = vl_parse_date(xs_attr_trim(ld->a, e, "wert"), m->date_pos);

	e = xs_child(md, "absender");
	/* letzteZeileFett="false": styled by the (absent) markup alone */
	const char *last_bold = xs_attr_trim(ld->a, e, "letzteZeileFett");
	m->sender_markup = last_bold && strcmp(last_bold, "false") == 0;
	m->nsender = xs_count(e, "zeile");
	m->sender = arena_array(ld->a, m->nsender ? m->nsender : 1, sizeof *m->sender);
	m->sender_pos = arena_array(ld->a, m->nsender ? m->nsender : 1, sizeof *m->sender_pos);
	m->sender_lines = arena_array(ld->a, m->nsender ? m->nsender : 1, sizeof *m->sender_lines);
	size_t k = 0;
	if (e)
		for (xmlNode *c = e->children; c; c = c->next)
			if (xs_is(c, "zeile")) {
				m->sender[k] = plain_text(ld, c, &m->sender_pos[k]);
				m->sender_lines[k] = build_para(ld, c, ld->doc->lang);
				for (size_t i = 0; i < m->sender_lines[k].nspans; i++)
					m->sender_markup = m->sender_markup ||
					    m->sender_lines[k].spans[i].flags != 0;
				k++;
			}

	m->minister = plain_text(ld, xs_child(md, "minister"), NULL);
	m->addressee = plain_text(ld, xs_child(md, "adressat"), NULL);
	m->title = plain_text(ld, xs_child(md, "titel"), NULL);
	build_meta_optional(ld, md);
}

static void
build_partners(loader *ld, const xmlNode *root)
{
	vl_doc *doc = ld->doc;
	const xmlNode *pv = xs_child(root, "partnerverzeichnis");
	size_t n = xs_count(pv, "partner");
	doc->partners = arena_array(ld->a, n ? n : 1, sizeof *doc->partners);
	if (!pv)
		return;
	for (xmlNode *c = pv->children; c; c = c->next) {
		if (!xs_is(c, "partner"))
			continue;
		vl_partner *p = &doc->partners[doc->npartners++];
		p->id = xs_attr_trim(ld->a, c, "id");
		p->name = plain_text(ld, c, &p->pos);
		const char *art = xs_attr_trim(ld->a, c, "art");
		p->kind = VL_PK_STAAT;
		for (int i = 0; i < VL_PK_COUNT; i++)
			if (art && strcmp(art, vl_partner_kind_names[i]) == 0)
				p->kind = (enum vl_partner_kind)i;
		p->countries = vl_split_list(ld->a, xs_attr(ld->a, c, "land"), &p->ncountries);
		const char *hk = xs_attr_trim(ld->a, c, "hauptkooperationspartner");
		p->main_partner = hk && (strcmp(hk, "true") == 0 || strcmp(hk, "1") == 0);
	}
	ld->pidx = arena_array(ld->a, doc->npartners ? doc->npartners : 1, sizeof *ld->pidx);
	for (size_t i = 0; i < doc->npartners; i++)
		if (doc->partners[i].id)
			ld->pidx[ld->npidx++] = (struct pidx){ doc->partners[i].id, (int)i };
	qsort(ld->pidx, ld->npidx, sizeof *ld->pidx, cmp_pidx);
}

/* The fields of <informationsblock>, each plain text. */
static void
build_info_block(loader *ld, const xmlNode *e, vl_info_block *info)
{
	if (!e)
		return;
	info->pos = xs_pos(ld->x, e);
	for (int i = 0; i < VL_INFO_NFIELDS; i++)
		info->field[i] = plain_text(ld, xs_child(e, vl_info_field_names[i]),
		    &info->field_pos[i]);
}

static void
build_letter(loader *ld, const xmlNode *root, const char *lang)
{
	vl_letter *l = &ld->doc->letter;
	const xmlNode *an = xs_child(root, "anschreiben"), *e;
	lang = an ? xs_lang(ld->a, an, lang) : lang;
	e = xs_child(an, "empfaenger");
	l->recipient = build_paras(ld, e, "zeile", e ? xs_lang(ld->a, e, lang) : lang,
	    &l->nrecipient);
	build_info_block(ld, xs_child(an, "informationsblock"), &l->info);
	if ((e = xs_child(an, "betreff")) != NULL)
		l->subject = build_para(ld, e, lang);
	l->salutation = build_para(ld, xs_child(an, "anrede"), lang);
	l->paras = build_paras(ld, an, "absatz", lang, &l->nparas);
	l->closing = build_para(ld, xs_child(an, "gruss"), lang);
	e = xs_child(an, "unterschrift");
	l->signature_image = xs_attr_trim(ld->a, e, "bild");
	l->signature_desc = plain_text(ld, xs_child(e, "beschreibung"), NULL);
	if (l->signature_desc)
		l->signature_desc_lang = xs_lang(ld->a, xs_child(e, "beschreibung"), lang);
	l->signer = plain_text(ld, xs_child(e, "name"), NULL);
	l->signer_function = plain_text(ld, xs_child(e, "funktion"), NULL);
	l->signature_pos = xs_pos(ld->x, e);
	const char *mark = xs_attr_trim(ld->a, e, "vermerk");
	l->signature_mark = l->signature_image ? VL_MARK_NONE : VL_MARK_SIGNED;
	for (int i = 0; mark && i < VL_MARK_NKINDS; i++)
		if (strcmp(mark, vl_sig_mark_names[i]) == 0) {
			l->signature_mark = (enum vl_sig_mark)i;
			l->signature_mark_given = true;
		}
	e = xs_child(an, "anlagen");
	l->enclosures = build_paras(ld, e, "anlage", e ? xs_lang(ld->a, e, lang) : lang,
	    &l->nenclosures);
	const char *num = xs_attr_trim(ld->a, e, "nummeriert");
	l->enclosures_numbered = num && strcmp(num, "true") == 0;
}

static void
build_agreement(loader *ld, const xmlNode *e, const char *lang, vl_agreement *g)
{
	const xmlNode *d;
	lang = xs_lang(ld->a, e, lang);
	g->pos = xs_pos(ld->x, e);
	g->id = xs_attr_trim(ld->a, e, "id");
	g->title = build_para(ld, xs_child(e, "titel"), lang);
	d = xs_child(e, "datum");
	g->date_text = plain_text(ld, d, &g->date.pos);
	g->date = vl_parse_date(xs_attr_trim(ld->a, d, "wert"), d ? xs_pos(ld->x, d) : g->pos);
	g->party_ids = vl_split_list(ld->a, xs_attr(ld->a, e, "parteien"), &g->nparties);
	g->parties = arena_array(ld->a, g->nparties ? g->nparties : 1, sizeof *g->parties);
	for (size_t i = 0; i < g->nparties; i++)
		g->parties[i] = find_partner(ld, g->party_ids[i]);
	g->paras = build_paras(ld, e, "absatz", lang, &g->nparas);
}

static void
build_group(loader *ld, const xmlNode *e, const char *lang, vl_group *g)
{
	const xmlNode *in;
	size_t k = 0;
	lang = xs_lang(ld->a, e, lang);
	g->pos = xs_pos(ld->x, e);
	g->id = xs_attr_trim(ld->a, e, "id");
	in = xs_child(e, "einleitung");
	g->intro = build_paras(ld, in, "absatz", in ? xs_lang(ld->a, in, lang) : lang, &g->nintro);
	g->nparts = xs_count(e, "teil");
	g->parts = arena_array(ld->a, g->nparts ? g->nparts : 1, sizeof *g->parts);
	for (xmlNode *c = e->children; c; c = c->next) {
		if (!xs_is(c, "teil"))
			continue;
		vl_group_part *p = &g->parts[k++];
		p->pos = xs_pos(ld->x, c);
		p->partner_id = xs_attr_trim(ld->a, c, "partner");
		p->partner = find_partner(ld, p->partner_id);
		p->paras = build_paras(ld, c, "absatz", xs_lang(ld->a, c, lang), &p->nparas);
	}
}

/* ---- blocks: sections, lists, tables, figures ---------------------------
 * The builders below call each other for sections in sections and lists in
 * list items; the schema bounds that to three levels each. */

static void
add_target(loader *ld, const char *id, const vl_item *it)
{
	if (!id)
		return;
	if (ld->ntargets == ld->captargets)
		ld->targets = xgrow(ld->targets, &ld->captargets, ld->ntargets + 1,
		    sizeof *ld->targets);
	ld->targets[ld->ntargets++] = (vl_target){ id, it };
}

typedef struct seq_target {
	vl_target t;
	size_t seq;
} seq_target;

static int
cmp_seq_target(const void *x, const void *y)
{
	const seq_target *a = x, *b = y;
	int r = strcmp(a->t.id, b->t.id);
	return r ? r : a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* The targets sorted by id, those of one id in document order, into out:
 * vl_target_find searches them by bisection (a linear search made 30 000
 * references to 3000 sections take seconds). */
static void
sort_targets(const vl_target *in, size_t n, vl_target *out)
{
	seq_target *s = xmalloc((n ? n : 1) * sizeof *s);
	for (size_t i = 0; i < n; i++)
		s[i] = (seq_target){ in[i], i };
	qsort(s, n, sizeof *s, cmp_seq_target);
	for (size_t i = 0; i < n; i++)
		out[i] = s[i].t;
	free(s);
}

static vl_item *build_items(loader *ld, const xmlNode *e, const char *lang, int level,
    size_t *n);

/* The number of element children of e (text, comments and PIs aside). */
static size_t
count_elements(const xmlNode *e)
{
	size_t k = 0;
	for (const xmlNode *c = e ? e->children : NULL; c; c = c->next)
		k += c->type == XML_ELEMENT_NODE;
	return k;
}

static void
build_list(loader *ld, const xmlNode *e, const char *lang, int level, vl_list *l)
{
	const char *art = xs_attr_trim(ld->a, e, "art");
	l->kind = VL_LIST_BULLET;
	for (int i = 0; i < VL_LIST_NKINDS; i++)
		if (art && strcmp(art, vl_list_kind_names[i]) == 0)
			l->kind = (enum vl_list_kind)i;
	l->level = level;
	l->entries = arena_array(ld->a, count_elements(e) + 1, sizeof *l->entries);
	for (const xmlNode *c = e->children; c; c = c->next) {
		if (!xs_is(c, "eintrag"))
			continue;
		vl_list_entry *en = &l->entries[l->nentries++];
		en->pos = xs_pos(ld->x, c);
		en->items = build_items(ld, c, xs_lang(ld->a, c, lang), level + 1, &en->nitems);
	}
}

/* "2*" a share, "25mm" or "12.5mm" a fixed width (the schema's forms). */
static void
column_width(const char *w, vl_column *col)
{
	size_t len = w ? strlen(w) : 0;
	col->share = 1;
	col->mm = 0;
	if (len > 2 && strcmp(w + len - 2, "mm") == 0) {
		/* digits, an optional point and up to two decimals: read as one
		 * integer over a power of ten, which rounds as strtod does and
		 * does not depend on the locale */
		const char *num_end = w + len - 2, *dot = memchr(w, '.', (size_t)(num_end - w));
		unsigned ip = 0, frac = 0, scale = 1;
		if (!xs_uint(w, dot ? dot : num_end, 999, &ip))
			return;
		if (dot) {
			size_t nfrac = (size_t)(num_end - dot - 1);
			if (nfrac > 2 || !xs_uint(dot + 1, num_end, 99, &frac))
				return;
			scale = nfrac == 2 ? 100 : 10;
		}
		col->share = 0;
		col->mm = (double)(ip * scale + frac) / scale;
	} else if (len > 1 && w[len - 1] == '*') {
		unsigned k;
		if (xs_uint(w, w + len - 1, 999, &k) && k > 0)
			col->share = (int)k;
	}
}

static int
span_attr(loader *ld, const xmlNode *c, const char *name)
{
	const char *v = xs_attr_trim(ld->a, c, name);
	unsigned k;
	return xs_uint(v, NULL, 99, &k) && k > 0 ? (int)k : 1;
}

static void
build_rows(loader *ld, const xmlNode *e, const char *lang, vl_table *t)
{
	for (const xmlNode *r = e ? e->children : NULL; r; r = r->next) {
		if (!xs_is(r, "zeile"))
			continue;
		vl_row *row = &t->rows[t->nrows++];
		row->pos = xs_pos(ld->x, r);
		row->cells = arena_array(ld->a, count_elements(r) + 1, sizeof *row->cells);
		for (const xmlNode *c = r->children; c; c = c->next) {
			if (!xs_is(c, "zelle"))
				continue;
			vl_cell *cell = &row->cells[row->ncells++];
			cell->text = build_para(ld, c, lang);
			cell->colspan = span_attr(ld, c, "spalten");
			cell->rowspan = span_attr(ld, c, "zeilen");
		}
	}
}

static void
build_table(loader *ld, const xmlNode *e, const char *lang, vl_table *t)
{
	const xmlNode *cols = xs_child(e, "spalten"), *head = xs_child(e, "kopf"),
	    *body = xs_child(e, "rumpf"), *cap = xs_child(e, "beschriftung");
	t->id = xs_attr_trim(ld->a, e, "id");
	if (cap) {
		t->caption = build_para(ld, cap, lang);
		t->number = ++ld->ntables;
	}
	t->cols = arena_array(ld->a, count_elements(cols) + 1, sizeof *t->cols);
	for (const xmlNode *c = cols ? cols->children : NULL; c; c = c->next) {
		if (!xs_is(c, "spalte"))
			continue;
		vl_column *col = &t->cols[t->ncols++];
		col->pos = xs_pos(ld->x, c);
		column_width(xs_attr_trim(ld->a, c, "breite"), col);
		const char *al = xs_attr_trim(ld->a, c, "ausrichtung");
		col->align = VL_COL_LEFT;
		for (int i = 0; i < VL_COL_NALIGNS; i++)
			if (al && strcmp(al, vl_col_align_names[i]) == 0)
				col->align = (enum vl_col_align)i;
	}
	t->rows = arena_array(ld->a, count_elements(head) + count_elements(body) + 1,
	    sizeof *t->rows);
	build_rows(ld, head, lang, t);
	t->nheader = t->nrows;
	build_rows(ld, body, lang, t);
}

static void
build_figure(loader *ld, const xmlNode *e, const char *lang, vl_figure *fig)
{
	const xmlNode *alt = xs_child(e, "alternativtext"), *cap = xs_child(e, "beschriftung");
	fig->id = xs_attr_trim(ld->a, e, "id");
	fig->image = xs_attr_trim(ld->a, e, "bild");
	fig->alt = plain_text(ld, alt, NULL);
	fig->alt_lang = alt ? xs_lang(ld->a, alt, lang) : lang;
	if (cap) {
		fig->caption = build_para(ld, cap, lang);
		fig->number = ++ld->nfigures;
	}
}

static void
build_section(loader *ld, const xmlNode *e, const char *lang, int level, vl_section *sec)
{
	int *no = ld->section_no;
	no[level]++;
	for (int i = level + 1; i < 3; i++)
		no[i] = 0;
	sec->level = level + 1;
	sec->number = level == 0 ? arena_printf(ld->a, "%d", no[0])
	    : level == 1 ? arena_printf(ld->a, "%d.%d", no[0], no[1])
	    : arena_printf(ld->a, "%d.%d.%d", no[0], no[1], no[2]);
	sec->id = xs_attr_trim(ld->a, e, "id");
	sec->heading = build_para(ld, xs_child(e, "ueberschrift"), lang);
	sec->items = build_items(ld, e, lang, level + 1, &sec->nitems);
}

/* The blocks among the children of e, in document order. level: of the
 * sections inside (0 for the report's body) or of the lists inside (list
 * entries: the entry's level + 1). */
static vl_item *
build_items(loader *ld, const xmlNode *e, const char *lang, int level, size_t *n)
{
	vl_item *items = arena_array(ld->a, count_elements(e) + 1, sizeof *items);
	int in_list = xs_is(e, "eintrag");
	*n = 0;
	for (const xmlNode *c = e ? e->children : NULL; c; c = c->next) {
		vl_item *it = &items[*n];
		const char *clang = c->type == XML_ELEMENT_NODE ? xs_lang(ld->a, c, lang) : lang;
		if (xs_is(c, "absatz")) {
			it->kind = VL_ITEM_PARA;
			it->u.para = build_para(ld, c, lang);
		} else if (xs_is(c, "vereinbarung")) {
			it->kind = VL_ITEM_AGREEMENT;
			build_agreement(ld, c, lang, &it->u.agreement);
		} else if (xs_is(c, "gruppe")) {
			it->kind = VL_ITEM_GROUP;
			build_group(ld, c, lang, &it->u.group);
		} else if (xs_is(c, "seitenumbruch")) {
			it->kind = VL_ITEM_PAGEBREAK;
		} else if (xs_is(c, "abschnitt")) {
			it->kind = VL_ITEM_SECTION;
			build_section(ld, c, clang, level < 3 ? level : 2, &it->u.section);
			add_target(ld, it->u.section.id, it);
		} else if (xs_is(c, "liste")) {
			it->kind = VL_ITEM_LIST;
			build_list(ld, c, clang, in_list ? level : 0, &it->u.list);
		} else if (xs_is(c, "tabelle")) {
			it->kind = VL_ITEM_TABLE;
			build_table(ld, c, clang, &it->u.table);
			add_target(ld, it->u.table.id, it);
		} else if (xs_is(c, "abbildung")) {
			it->kind = VL_ITEM_FIGURE;
			build_figure(ld, c, clang, &it->u.figure);
			add_target(ld, it->u.figure.id, it);
		} else {
			continue;
		}
		it->pos = xs_pos(ld->x, c);
		(*n)++;
	}
	return items;
}

static void
build_report(loader *ld, const xmlNode *root, const char *lang)
{
	vl_report *r = &ld->doc->report;
	const xmlNode *b = xs_child(root, "bericht"), *e;
	size_t k = 0;
	lang = b ? xs_lang(ld->a, b, lang) : lang;
	r->present = b != NULL;

	e = xs_child(b, "titelblatt");
	const char *tlang = e ? xs_lang(ld->a, e, lang) : lang;
	r->ntitle_page = xs_count(e, "zeile");
	r->title_page = arena_array(ld->a, r->ntitle_page ? r->ntitle_page : 1, sizeof *r->title_page);
	if (e)
		for (xmlNode *c = e->children; c; c = c->next) {
			if (!xs_is(c, "zeile"))
				continue;
			vl_title_line *t = &r->title_page[k++];
			t->text = build_para(ld, c, tlang);
			const char *g = xs_attr_trim(ld->a, c, "groesse"), *ab = xs_attr_trim(ld->a, c, "abstand");
			t->size = g && strcmp(g, "gross") == 0 ? VL_TITLE_LARGE : VL_TITLE_NORMAL;
			t->space_before = ab && strcmp(ab, "vor") == 0;
		}
	r->heading = build_para(ld, xs_child(b, "ueberschrift"), lang);
	e = xs_child(b, "einleitung");
	r->intro = build_paras(ld, e, "absatz", e ? xs_lang(ld->a, e, lang) : lang, &r->nintro);
	e = xs_child(b, "frage");
	r->question_label = xs_attr(ld->a, e, "titel");
	r->question = build_paras(ld, e, "absatz", e ? xs_lang(ld->a, e, lang) : lang, &r->nquestion);
	e = xs_child(b, "antwort");
	if (e) {
		r->answer_label = xs_attr(ld->a, e, "titel");
		r->answer = build_items(ld, e, xs_lang(ld->a, e, lang), 0, &r->nanswer);
	} else { /* a body of sections and blocks */
		r->answer = build_items(ld, b, lang, 0, &r->nanswer);
	}
}

static vl_doc *
build_doc(loader *ld, const xmlNode *root, const char *path)
{
	ld->a = arena_new();
	ld->doc = arena_zalloc(ld->a, sizeof *ld->doc);
	ld->doc->arena = ld->a;
	ld->doc->path = arena_strdup(ld->a, path);
	const char *lang = xs_lang(ld->a, root, "de");
	ld->doc->lang = lang;
	build_partners(ld, root);
	build_meta(ld, root);
	build_letter(ld, root, lang);
	build_report(ld, root, lang);
	vl_doc *doc = ld->doc;
	doc->nnotes = ld->nnotes;
	doc->notes = arena_array(ld->a, ld->nnotes ? ld->nnotes : 1, sizeof *doc->notes);
	if (ld->nnotes)
		memcpy(doc->notes, ld->notes, ld->nnotes * sizeof *doc->notes);
	doc->ntargets = ld->ntargets;
	doc->targets = arena_array(ld->a, ld->ntargets ? ld->ntargets : 1, sizeof *doc->targets);
	sort_targets(ld->targets, ld->ntargets, doc->targets);
	return doc;
}

vl_doc *
vl_load(const char *path, const char *xsd_path, diag *d)
{
	loader ld = { 0 };
	vl_doc *doc = NULL;
	ld.x = xs_open(path, VL_MAX_INPUT_BYTES, d);
	if (ld.x && xs_validate(ld.x, xsd_path) == 1)
		doc = build_doc(&ld, xs_root(ld.x), path);
	if (doc)
		memcpy(doc->sha256, xs_sha256(ld.x), sizeof doc->sha256);
	xs_free(ld.x);
	free(ld.notes);
	free(ld.targets);
	return doc;
}
