/* tcheck.c: the rules of a layout template that the XSD cannot say
 * (tpl_check), on the filled vl_template; the tree gives the positions. Also
 * the tables of the template's styles and texts (with each text's default
 * and placeholders), which the loader fills vl_template from. */
#include "front_int.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

const tpl_style_field tpl_styles[TPL_NSTYLES] = {
	{ "briefkopf", offsetof(vl_template, letterhead_style) },
	{ "anschrift", offsetof(vl_template, address_style) },
	{ "stempel", offsetof(vl_template, stamp_style) },
	{ "anrede", offsetof(vl_template, salutation_style) },
	{ "brieftext", offsetof(vl_template, letter_body_style) },
	{ "gruss", offsetof(vl_template, closing_style) },
	{ "unterzeichner", offsetof(vl_template, signer_style) },
	{ "titelblattGross", offsetof(vl_template, title_large_style) },
	{ "titelblatt", offsetof(vl_template, title_style) },
	{ "ueberschrift", offsetof(vl_template, heading_style) },
	{ "frageAntwort", offsetof(vl_template, label_style) },
	{ "vereinbarung", offsetof(vl_template, agreement_style) },
	{ "absatz", offsetof(vl_template, body_style) },
	{ "anlagenkopf", offsetof(vl_template, annex_head_style) },
	{ "seitenzahl", offsetof(vl_template, pagenum_style) },
};

const char *const tpl_fold_marks[3] = { "obereFalzmarke", "lochmarke", "untereFalzmarke" };

#define WORD(elem, attr, field, dflt) \
	{ "texte", elem, attr, offsetof(vl_template, words.field), dflt, { NULL, NULL }, { NULL } }

const tpl_text_field tpl_texts[TPL_NTEXTS] = {
	{ NULL, "seitenzahl", "format", offsetof(vl_template, pagenum_format), NULL,
	  { "seite", NULL }, { "seiten" } },
	{ NULL, "seitenzahl", "anlagenFormat", offsetof(vl_template, annex_pagenum_format), NULL,
	  { "seite", NULL }, { "seiten" } },
	WORD("anschreiben", "lesezeichen", letter, "Anschreiben"),
	WORD("anschreiben", "gezeichnet", signed_by, "gez."),
	WORD("anschreiben", "inVertretung", signed_deputy, "i. V."),
	WORD("anschreiben", "imAuftrag", signed_order, "i. A."),
	{ "texte", "anschreiben", "unterschriftBild", offsetof(vl_template, words.signature_alt),
	  "Unterschrift von {name}", { "name", NULL }, { NULL } },
	WORD("anschreiben", "anlage", enclosure, "Anlage"),
	WORD("anschreiben", "anlagen", enclosures, "Anlagen"),
	WORD("stempel", "landtag", stamp_landtag, "LANDTAG"),
	WORD("stempel", "land", stamp_state, "NORDRHEIN-WESTFALEN"),
	{ "texte", "stempel", "wahlperiode", offsetof(vl_template, words.stamp_term),
	  "{wahlperiode}. WAHLPERIODE", { "wahlperiode", NULL }, { NULL } },
	WORD("stempel", "vorlage", stamp_vorlage, "VORLAGE"),
	WORD("bericht", "lesezeichen", report, "Bericht"),
	WORD("bericht", "abschnitt", section, "Abschnitt"),
	WORD("bericht", "tabelle", table, "Tabelle"),
	WORD("bericht", "abbildung", figure, "Abbildung"),
	{ "texte", "anlage", "titel", offsetof(vl_template, words.annex_title),
	  "Anlage zu Vorlage {nummer} \xE2\x80\x94 Partnerschaft mit {partner}",
	  { "nummer", "partner" }, { NULL } },
	{ "texte", "anlage", "untertitel", offsetof(vl_template, words.annex_subtitle),
	  "Vorlage {nummer} vom {datum}", { "nummer", "datum" }, { NULL } },
	{ "texte", "betreff", "vorlage", offsetof(vl_template, words.vorlage_subject),
	  "Vorlage {nummer}", { "nummer", NULL }, { NULL } },
	{ "texte", "betreff", "anlage", offsetof(vl_template, words.annex_subject),
	  "Anlage zu Vorlage {nummer}: {partner}", { "nummer", "partner" }, { NULL } },
	WORD("informationsblock", "aktenzeichen", info[VL_INFO_FILE_NUMBER], "Aktenzeichen"),
	WORD("informationsblock", "auskunft", info[VL_INFO_CONTACT], "Auskunft"),
	WORD("informationsblock", "telefon", info[VL_INFO_PHONE], "Telefon"),
	WORD("informationsblock", "email", info[VL_INFO_EMAIL], "E-Mail"),
	WORD("informationsblock", "datum", info_date, "Datum"),
};

#undef WORD

typedef struct checker {
	const vl_template *t;
	xmlsrc *x;
	diag *d;
	unsigned n;
} checker;

/* A catalogue message at element node, or at its attribute attr. */
#define AT(name, c, node, attr, ...) do { \
	vl_pos p_ = xs_attr_pos((c)->x, (node), (attr)); \
	MSG(name, (c)->d, xs_path((c)->x), p_.line, p_.col, __VA_ARGS__); \
	(c)->n++; \
} while (0)

static const char *
name_of(const xmlNode *n)
{
	return (const char *)n->name;
}

static void
check_in_page(checker *c, const xmlNode *n, const tpl_box *b)
{
	const vl_template *t = c->t;
	if ((int64_t)b->x + b->w > t->page_w)
		AT(TPL_BEYOND_RIGHT, c, n, "breiteMm", name_of(n), ts_to_mm(b->x + b->w), ts_to_mm(t->page_w));
	if ((int64_t)b->y + b->h > t->page_h)
		AT(TPL_BEYOND_BOTTOM, c, n, "hoeheMm", name_of(n), ts_to_mm(b->y + b->h), ts_to_mm(t->page_h));
}

static int
overlap(const tpl_box *a, const tpl_box *b)
{
	return a->x < b->x + b->w && b->x < a->x + a->w &&
	    a->y < b->y + b->h && b->y < a->y + a->h;
}

/* The zones of page 1 must not overlap: reported at the later one, by the
 * name the zone's element has (names[i], for a zone whose element is left
 * out and nodes[i] the element its defaults belong to). */
static void
check_apart(checker *c, const xmlNode *const nodes[], const char *const names[],
    const tpl_box *const boxes[], size_t n)
{
	for (size_t j = 1; j < n; j++)
		for (size_t i = 0; i < j; i++)
			if (nodes[i] && nodes[j] && overlap(boxes[i], boxes[j])) {
				vl_pos first = xs_pos(c->x, nodes[i]);
				AT(TPL_OVERLAP, c, nodes[j], NULL, names[j], names[i], first.line);
			}
}

static void
check_styles(checker *c, const xmlNode *root)
{
	const xmlNode *st = xs_child(root, "stile");
	for (size_t i = 0; i < TPL_NSTYLES; i++) {
		const tpl_style *s = (const tpl_style *)((const char *)c->t + tpl_styles[i].off);
		if (s->leading < s->size)
			AT(TPL_LEADING, c, xs_child(st, tpl_styles[i].name), "zeilenabstandPt",
			    tpl_styles[i].name, ts_to_pt(s->leading), ts_to_pt(s->size));
	}
	/* the blocks set in a size of their own or the body's */
	const vl_template *t = c->t;
	const xmlNode *rep = xs_child(root, "bericht");
	if (t->note_leading < t->note_size)
		AT(TPL_LEADING, c, xs_child(rep, "fussnoten"), "zeilenabstandPt", "fussnoten",
		    ts_to_pt(t->note_leading), ts_to_pt(t->note_size));
	if (t->cell_leading < t->body_style.size)
		AT(TPL_LEADING, c, xs_child(rep, "tabellen"), "zeilenabstandPt", "tabellen",
		    ts_to_pt(t->cell_leading), ts_to_pt(t->body_style.size));
}

static void
check_letter(checker *c, const xmlNode *root)
{
	const vl_template *t = c->t;
	const xmlNode *letter = xs_child(root, "anschreiben");
	const xmlNode *head = xs_child(letter, "briefkopf");
	check_in_page(c, head, &t->letterhead);

	const xmlNode *addr = xs_child(letter, "anschriftfeld");
	check_in_page(c, addr, &t->address);
	if (t->address_first_baseline >= t->address.h)
		AT(TPL_ADDRESS_BASELINE, c, addr, "ersteGrundlinieMm",
		    ts_to_mm(t->address_first_baseline), ts_to_mm(t->address.h));
	if (t->address_inset >= t->address.w)
		AT(TPL_ADDRESS_INSET, c, addr, "innenabstandMm", ts_to_mm(t->address_inset),
		    ts_to_mm(t->address.w));

	const xmlNode *stamp = xs_child(letter, "eingangsstempel");
	if (t->stamp) {
		check_in_page(c, stamp, &t->stamp_box);
		/* the stamp's 8 lines: Landtag, state, Wahlperiode, blank, VORLAGE,
		 * number, blank, distribution */
		int64_t inner_h = (int64_t)t->stamp_box.h - 2 * (int64_t)t->stamp_padding;
		int64_t inner_w = (int64_t)t->stamp_box.w - 2 * (int64_t)t->stamp_padding;
		int64_t lines = t->stamp_style.leading > 0 && inner_h > 0 ?
		    inner_h / t->stamp_style.leading : 0;
		if (inner_w <= 0)
			AT(TPL_STAMP_PADDING, c, stamp, "innenabstandMm", ts_to_mm(t->stamp_padding),
			    ts_to_mm(t->stamp_box.w));
		else if (lines < 8)
			AT(TPL_STAMP_LINES, c, stamp, "hoeheMm", (int)lines,
			    ts_to_pt(t->stamp_style.leading));
	}

	const xmlNode *body = xs_child(letter, "brieftext");
	check_in_page(c, body, &t->letter_body);
	if (t->letter_body.y <= t->date_y)
		AT(TPL_BODY_ABOVE_DATE, c, body, "yMm", ts_to_mm(t->letter_body.y), ts_to_mm(t->date_y));

	/* the information block: its defaults belong to <anschreiben> */
	const xmlNode *info = xs_child(letter, "informationsblock");
	const xmlNode *info_at = info ? info : letter;
	check_in_page(c, info_at, &t->info_block);
	if (t->info_label_w >= t->info_block.w)
		AT(TPL_INFO_LABELS, c, info_at, info ? "beschriftungMm" : NULL,
		    ts_to_mm(t->info_label_w), ts_to_mm(t->info_block.w));

	const xmlNode *const zones[] = { head, addr, t->stamp ? stamp : NULL, info_at, body };
	const char *const names[] = { "briefkopf", "anschriftfeld", "eingangsstempel",
		"informationsblock", "brieftext" };
	const tpl_box *const zone_boxes[] = { &t->letterhead, &t->address, &t->stamp_box,
		&t->info_block, &t->letter_body };
	check_apart(c, zones, names, zone_boxes, sizeof zones / sizeof zones[0]);

	if (t->signature_image_h > t->signature_space)
		AT(TPL_SIGNATURE_IMAGE, c, xs_child(letter, "unterschrift"), "bildhoeheMm",
		    ts_to_mm(t->signature_image_h), ts_to_mm(t->signature_space));

	const xmlNode *fm = xs_child(letter, "falzmarken");
	for (int i = 0; i < 3; i++)
		if (t->fold_marks && ((int64_t)t->fold_x + t->fold_len[i] > t->page_w ||
		    t->fold_y[i] > t->page_h))
			AT(TPL_FOLD_MARK, c, xs_child(fm, tpl_fold_marks[i]), NULL, tpl_fold_marks[i]);
}

/* The element of text field f, NULL when the template leaves it out. */
static const xmlNode *
text_elem(const xmlNode *root, const tpl_text_field *f)
{
	return xs_child(f->parent ? xs_child(root, f->parent) : root, f->elem);
}

/* Whether name (n bytes) is one of the list's (up to k, NULL-ended). */
static int
in_list(const char *const *list, size_t k, const char *name, size_t n)
{
	for (size_t i = 0; i < k && list[i]; i++)
		if (strlen(list[i]) == n && memcmp(list[i], name, n) == 0)
			return (int)i;
	return -1;
}

/* Every text of the template takes the placeholders its field names: each
 * needed one exactly once, each optional one at most once, no other (and a
 * '{' always begins one). So nothing is left unfilled or printed twice, and
 * tpl_expand never meets a name it has no value for. */
static void
check_texts(checker *c, const xmlNode *root)
{
	enum { NEED = 2, MAY = 1 };
	for (size_t i = 0; i < TPL_NTEXTS; i++) {
		const tpl_text_field *f = &tpl_texts[i];
		const xmlNode *n = text_elem(root, f);
		const char *v = *(const char *const *)((const char *)c->t + f->off);
		if (!n || !v)
			continue; /* without the element: the default, which is right */
		/* what it takes, for the message: "{seite}, {seiten}", or none */
		char takes[64] = "none";
		size_t o = 0;
		for (size_t k = 0; k < NEED + MAY; k++) {
			const char *p = k < NEED ? f->need[k] : f->may[k - NEED];
			int w = p && o < sizeof takes ?
			    snprintf(takes + o, sizeof takes - o, "%s{%s}", o ? ", " : "", p) : 0;
			o += w > 0 ? (size_t)w : 0;
		}
		/* placeholders as tpl_expand reads them: from a '{' to the next
		 * '}', the scan going on after it */
		unsigned count[NEED + MAY] = { 0 };
		size_t len;
		for (const char *p = v; (p = strchr(p, '{')) != NULL; p += len ? len : strlen(p)) {
			len = tpl_placeholder_len(p);
			int k = len ? in_list(f->need, NEED, p + 1, len - 2) : -1;
			if (k < 0 && len && (k = in_list(f->may, MAY, p + 1, len - 2)) >= 0)
				k += NEED;
			if (k < 0) {
				AT(TPL_PLACEHOLDER_UNKNOWN, c, n, f->attr,
				    (int)(len ? len : strlen(p)), p, f->attr, takes);
				continue;
			}
			if (++count[k] == 2)
				AT(TPL_PLACEHOLDER_TWICE, c, n, f->attr, f->attr,
				    k < NEED ? f->need[k] : f->may[k - NEED]);
		}
		for (size_t k = 0; k < NEED; k++)
			if (f->need[k] && count[k] == 0)
				AT(TPL_PLACEHOLDER_MISSING, c, n, f->attr, f->attr, f->need[k]);
	}
}

static void
check_report(checker *c, const xmlNode *root)
{
	const vl_template *t = c->t;
	const xmlNode *rep = xs_child(root, "bericht");
	check_in_page(c, xs_child(rep, "textbereich"), &t->text_area);
	if (t->title_top <= t->text_area.y || t->title_top > t->text_area.y + t->text_area.h)
		AT(TPL_TITLE_BASELINE, c, xs_child(rep, "titelblatt"), "ersteGrundlinieMm",
		    ts_to_mm(t->title_top), ts_to_mm(t->text_area.y), ts_to_mm(t->text_area.y + t->text_area.h));

	/* page numbers (their formats: check_texts) */
	const xmlNode *pn = xs_child(root, "seitenzahl");
	ts_sp ta_bottom = t->text_area.y + t->text_area.h;
	if (t->pagenum_pos == TPL_PAGENUM_TOP && t->pagenum_y > t->text_area.y)
		AT(TPL_PAGENUM_ABOVE, c, pn, "grundlinieMm", ts_to_mm(t->pagenum_y),
		    ts_to_mm(t->text_area.y));
	if (t->pagenum_pos == TPL_PAGENUM_BOTTOM &&
	    (t->pagenum_y - t->pagenum_style.size < ta_bottom || t->pagenum_y > t->page_h))
		AT(TPL_PAGENUM_BELOW, c, pn, "grundlinieMm", ts_to_mm(t->pagenum_y), ts_to_mm(ta_bottom));
}

/* The blocks' measures against the page: three levels of a list's indent
 * leave at least half the width the list is set in (the engine would
 * reduce the indent silently); a table cell's line with its padding fits
 * in half the text area (what a repeated header may take), so that a
 * line always fits below the header. */
static void
check_blocks(checker *c, const xmlNode *root)
{
	const vl_template *t = c->t;
	const xmlNode *rep = xs_child(root, "bericht");
	if (3 * (int64_t)t->list_indent > t->text_area.w / 2)
		AT(TPL_LIST_INDENT, c, xs_child(rep, "listen"), "einzugMm", "listen",
		    ts_to_mm(t->list_indent), ts_to_mm(t->text_area.w));
	if (3 * (int64_t)t->enclosure_indent > t->letter_body.w / 2)
		AT(TPL_LIST_INDENT, c, xs_child(xs_child(root, "anschreiben"), "anlagen"), "einzugMm",
		    "anlagen", ts_to_mm(t->enclosure_indent), ts_to_mm(t->letter_body.w));
	int64_t line = (int64_t)t->cell_leading + 2 * (int64_t)t->cell_pad;
	if (line > t->text_area.h / 2)
		AT(TPL_CELL_LINE, c, xs_child(rep, "tabellen"), "innenabstandPt",
		    ts_to_pt(line > INT32_MAX ? INT32_MAX : (ts_sp)line), ts_to_pt(t->text_area.h));
}

unsigned
tpl_check(const vl_template *t, xmlsrc *x, diag *d)
{
	checker c = { t, x, d, 0 };
	const xmlNode *root = xs_root(x);
	check_styles(&c, root);
	check_letter(&c, root);
	check_report(&c, root);
	check_blocks(&c, root);
	check_texts(&c, root);
	return c.n;
}
