/* front.h: the front end: the document model (read from the source XML,
 * validated and checked) and the template (read, validated and checked). */
#ifndef VORLAGE_FRONT_H
#define VORLAGE_FRONT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "base/base.h"
#include "engine/engine.h"

/* front.h: the document model of a Vorlage, built from the validated XML. */



/* Where a node came from in the source: kept on every node so that late
 * checks (and the layout) can still point at the XML. */
typedef struct vl_pos {
	unsigned line, col;
} vl_pos;

/* A calendar date at the precision the source gives: day == 0 means the
 * source names only the month ("Februar 2021"), month == 0 only the year. */
/* The largest Wahlperiode the schema admits (wahlperiodeType). */
#define VL_WAHLPERIODE_MAX 99u

typedef struct vl_date {
	int year, month, day;
	vl_pos pos;
} vl_date;

/* Inline content is kept flat: a paragraph is a sequence of spans, each a
 * piece of text with the markup that encloses it. */
enum vl_span_flag {
	VL_SPAN_PARTNER = 1u << 0, /* inside <partnerRef>: the layout sets it bold */
	VL_SPAN_EMPH = 1u << 1,    /* inside <betont>: titles, foreign phrases: italic */
	VL_SPAN_STRONG = 1u << 2,  /* inside <wichtig>: bold */
	VL_SPAN_QUOTE = 1u << 3,   /* inside <zitat> */
	VL_SPAN_QUOTE_OPEN = 1u << 4,  /* an empty span marking where a <zitat> opens */
	VL_SPAN_QUOTE_CLOSE = 1u << 5, /* an empty span marking where a <zitat> closes */
	VL_SPAN_LINK = 1u << 6,    /* inside <verweis url>: link is the address */
	VL_SPAN_XREF = 1u << 7,    /* an empty span: <verweis ziel>, printed as the number of
				      the target (ref is its id) */
	VL_SPAN_NOTE = 1u << 8     /* an empty span: the reference mark of vl_doc.notes[note] */
};

typedef struct vl_span {
	const char *text; /* UTF-8, NUL-terminated; whitespace collapsed to single
			     spaces; <festesLeerzeichen/> is U+00A0, <trennstelle/> U+00AD */
	size_t len;       /* bytes in text */
	unsigned flags;   /* enum vl_span_flag */
	const char *lang; /* BCP 47 language in force (xml:lang, inherited; "de" by default) */
	int partner;      /* index into vl_doc.partners for VL_SPAN_PARTNER, else -1 */
	vl_pos pos;
	const char *ref;  /* the partnerRef's ref as written (also when unresolved), or the
			     <verweis ziel> (VL_SPAN_XREF), else NULL */
	const char *link; /* the <verweis url> for VL_SPAN_LINK, else NULL */
	size_t note;      /* for VL_SPAN_NOTE: index into vl_doc.notes */
} vl_span;

typedef struct vl_para {
	vl_span *spans;
	size_t nspans;
	vl_pos pos;
} vl_para;

enum vl_partner_kind {
	VL_PK_STAAT, VL_PK_REGION, VL_PK_PROVINZ, VL_PK_BUNDESSTAAT,
	VL_PK_WOIWODSCHAFT, VL_PK_OBLAST, VL_PK_GEMEINSCHAFT, VL_PK_UNION,
	VL_PK_COUNT
};
extern const char *const vl_partner_kind_names[VL_PK_COUNT]; /* the XML values */

typedef struct vl_partner {
	const char *id;        /* stable id, e.g. "hauts-de-france" */
	const char *name;      /* name in the nominative, e.g. "Deutschsprachige Gemeinschaft Belgiens" */
	enum vl_partner_kind kind;
	const char **countries; /* ISO 3166-1 alpha-2 codes */
	size_t ncountries;
	bool main_partner;     /* Hauptkooperationspartner without a formal agreement */
	vl_pos pos;
} vl_partner;

typedef struct vl_agreement {
	const char *id;
	vl_para title;     /* the agreement's title, with partnerRef spans */
	vl_date date;      /* day or month precision */
	const char *date_text; /* as the source writes it, e.g. "4. März 2004" */
	int *parties;      /* indices into vl_doc.partners (-1: unknown, see party_ids) */
	const char **party_ids; /* the parteien as written, nparties of them */
	size_t nparties;
	vl_para *paras;
	size_t nparas;
	vl_pos pos;
} vl_agreement;

typedef struct vl_group_part {
	int partner;       /* index into vl_doc.partners (-1: unknown, see partner_id) */
	const char *partner_id; /* the partner as written */
	vl_para *paras;
	size_t nparas;
	vl_pos pos;
} vl_group_part;

/* A group of partners reported together (the Chinese provinces): a shared
 * introduction, then one part per partner. */
typedef struct vl_group {
	const char *id;
	vl_para *intro;
	size_t nintro;
	vl_group_part *parts;
	size_t nparts;
	vl_pos pos;
} vl_group;

enum vl_item_kind {
	VL_ITEM_PARA, VL_ITEM_AGREEMENT, VL_ITEM_GROUP,
	VL_ITEM_PAGEBREAK,  /* <seitenumbruch/>: no payload */
	VL_ITEM_SECTION, VL_ITEM_LIST, VL_ITEM_TABLE, VL_ITEM_FIGURE
};

typedef struct vl_item vl_item;

/* A section (<abschnitt>): level 1 to 3 (the schema allows no deeper one);
 * number "2.1" counts the sections of the report in document order (the
 * template decides whether it is printed). */
typedef struct vl_section {
	const char *id;       /* or NULL */
	const char *number;   /* "1", "1.2", "1.2.3" */
	int level;
	vl_para heading;
	vl_item *items;
	size_t nitems;
} vl_section;

/* A footnote: its text, numbered by its index in vl_doc.notes. */
typedef struct vl_note {
	vl_para text;
	vl_pos pos;
} vl_note;

enum vl_list_kind { VL_LIST_BULLET, VL_LIST_ARABIC, VL_LIST_ALPHA, VL_LIST_ROMAN,
	VL_LIST_NKINDS };
extern const char *const vl_list_kind_names[VL_LIST_NKINDS]; /* the XML values */

/* A list item: paragraphs (VL_ITEM_PARA) and nested lists (VL_ITEM_LIST),
 * the first a paragraph. */
typedef struct vl_list_entry {
	vl_item *items;
	size_t nitems;
	vl_pos pos;
} vl_list_entry;

typedef struct vl_list {
	enum vl_list_kind kind;
	int level;            /* 0 to 2 (the schema allows no deeper list) */
	vl_list_entry *entries;
	size_t nentries;
} vl_list;

enum vl_col_align { VL_COL_LEFT, VL_COL_RIGHT, VL_COL_CENTER, VL_COL_DECIMAL, VL_COL_NALIGNS };
extern const char *const vl_col_align_names[VL_COL_NALIGNS]; /* the XML values */

typedef struct vl_column {
	int share;            /* > 0: a share of the width the fixed columns leave */
	double mm;            /* share 0: fixed width in millimetres */
	enum vl_col_align align;
	vl_pos pos;
} vl_column;

typedef struct vl_cell {
	vl_para text;
	int colspan, rowspan; /* at least 1 */
} vl_cell;

typedef struct vl_row {
	vl_cell *cells;
	size_t ncells;
	vl_pos pos;
} vl_row;

typedef struct vl_table {
	const char *id;       /* or NULL */
	int number;           /* tables with a caption count 1, 2, …; 0 without one */
	vl_para caption;      /* pos.line 0: none */
	vl_column *cols;
	size_t ncols;
	vl_row *rows;         /* the header rows first */
	size_t nrows, nheader;
} vl_table;

typedef struct vl_figure {
	const char *id;       /* or NULL */
	int number;           /* figures with a caption count 1, 2, …; 0 without one */
	const char *image;    /* path relative to the source file */
	const char *alt;      /* the alternative text */
	const char *alt_lang;
	vl_para caption;      /* pos.line 0: none */
} vl_figure;

struct vl_item {
	enum vl_item_kind kind;
	vl_pos pos;
	union {
		vl_para para;
		vl_agreement agreement;
		vl_group group;
		vl_section section;
		vl_list list;
		vl_table table;
		vl_figure figure;
	} u;
};

/* Calls fn on every item of items and, depth first in document order, on
 * the items inside sections and list entries (the schema bounds the depth:
 * three levels of sections, three of lists). */
void vl_items_walk(const vl_item *items, size_t n,
    void (*fn)(const vl_item *it, void *ctx), void *ctx);

/* An id a <verweis ziel> can name: a section, a table or a figure. */
typedef struct vl_target {
	const char *id;
	const vl_item *item;
} vl_target;

enum vl_title_size { VL_TITLE_NORMAL, VL_TITLE_LARGE };

typedef struct vl_title_line {
	vl_para text;
	enum vl_title_size size;
	bool space_before;  /* the original leaves an empty line above it */
} vl_title_line;

/* The mark printed where the signature stands (unterschrift/@vermerk). */
enum vl_sig_mark {
	VL_MARK_SIGNED,  /* gez: "gez.", the copy bears no handwritten signature */
	VL_MARK_DEPUTY,  /* iV: "i. V." */
	VL_MARK_ORDER,   /* iA: "i. A." */
	VL_MARK_NONE,    /* keiner */
	VL_MARK_NKINDS
};
extern const char *const vl_sig_mark_names[VL_MARK_NKINDS]; /* the XML values */

/* The fields of the letter's information block (DIN 5008), in the order
 * printed; the letter's date follows them. */
enum vl_info_field { VL_INFO_FILE_NUMBER, VL_INFO_CONTACT, VL_INFO_PHONE, VL_INFO_EMAIL,
	VL_INFO_NFIELDS };
extern const char *const vl_info_field_names[VL_INFO_NFIELDS]; /* the XML elements */

typedef struct vl_info_block {
	const char *field[VL_INFO_NFIELDS]; /* plain text, NULL where the source has none */
	vl_pos field_pos[VL_INFO_NFIELDS];
	vl_pos pos;                         /* line 0: no <informationsblock> */
} vl_info_block;

typedef struct vl_letter {
	vl_para *recipient;     /* address lines */
	size_t nrecipient;
	vl_info_block info;     /* <informationsblock> */
	vl_para subject;        /* <betreff>; pos.line 0: none */
	vl_para salutation;
	vl_para *paras;
	size_t nparas;
	vl_para closing;
	const char *signature_image; /* path relative to the source file, or NULL */
	const char *signature_desc;  /* description of the signature image, or NULL */
	const char *signature_desc_lang; /* its language (xml:lang, inherited), with it */
	const char *signer;          /* the signer's name */
	const char *signer_function; /* <funktion> under the name, or NULL */
	enum vl_sig_mark signature_mark; /* @vermerk, else gez without an image, keiner with one */
	bool signature_mark_given;   /* @vermerk is written */
	vl_pos signature_pos;
	vl_para *enclosures;         /* <anlagen>: printed after the signature */
	size_t nenclosures;
	bool enclosures_numbered;    /* anlagen/@nummeriert */
} vl_letter;

typedef struct vl_report {
	bool present;          /* false: no <bericht>, a letter that sends enclosures only */
	vl_title_line *title_page; /* ntitle_page 0: no title page */
	size_t ntitle_page;
	vl_para heading;       /* heading of the report's body */
	vl_para *intro;        /* paragraphs before the question */
	size_t nintro;
	const char *question_label; /* "Frage" */
	vl_para *question;
	size_t nquestion;
	const char *answer_label;   /* "Antwort"; NULL: a report without question and
				       answer, whose body is `answer` */
	vl_item *answer;
	size_t nanswer;
} vl_report;

typedef struct vl_meta {
	int wahlperiode;          /* 18 */
	const char *number;       /* "18/1828" */
	const char *distribution; /* "A06", "A15, A12": the codes as printed */
	const char **distribution_codes; /* "A15", "A12" */
	size_t ndistribution;
	vl_date date;             /* date of the letter */
	const char *date_text;    /* "02. November 2023" */
	const char **sender;      /* the sending office as letterhead lines (plain text) */
	vl_pos *sender_pos;       /* where each of them is written */
	vl_para *sender_lines;    /* the same lines with their markup */
	size_t nsender;
	bool sender_markup;       /* a line has markup (or letzteZeileFett="false"): the
				     markup alone styles the lines; else the last of
				     several lines is bold */
	const char *minister;     /* "Nathanael Liminski" */
	const char *addressee;    /* "Präsident des Landtags Nordrhein-Westfalen" */
	const char *requester;    /* "Frau Blask MdL", or NULL: nobody asked */
	const char *faction;      /* "SPD", or NULL */
	const char *committee;    /* "Ausschuss für Europa und Internationales", or NULL */
	vl_date meeting;          /* 2023-11-03; pos.line 0: no meeting */
	const char *title;        /* the Vorlage's title */
	vl_date report_month;     /* 2023-10 (day 0); pos.line 0: none */
	const char *report_month_text; /* "Oktober 2023", or NULL */
	vl_date period_from, period_to; /* <berichtszeitraum>; period_pos.line 0: none */
	const char *period_text;  /* "2023" */
	vl_pos period_pos;
	const char *author;       /* <verfasser>, or NULL: the first sender line */
	const char *subject;      /* <thema>, or NULL: the template's */
	const char **keywords;    /* <stichwoerter>; nkeywords 0: the partners' names */
	size_t nkeywords;
	vl_pos number_pos, date_pos, meeting_pos, report_month_pos;
	vl_pos wahlperiode_pos, distribution_pos;
} vl_meta;

typedef struct vl_doc {
	arena *arena;         /* owns everything below */
	const char *path;     /* the source file as given */
	unsigned char sha256[32]; /* of the bytes parsed, for the PDF's ID */
	const char *lang;     /* the root's xml:lang ("de" when absent) */
	vl_meta meta;
	vl_partner *partners;
	size_t npartners;
	vl_letter letter;
	vl_report report;
	vl_note *notes;       /* every <fussnote>, in document order */
	size_t nnotes;
	vl_target *targets;   /* sections, tables and figures with an id, sorted by id
	                       * (those of one id in document order): vl_target_find */
	size_t ntargets;
} vl_doc;

/* Limits on input, documented in README.md. */
enum {
	VL_MAX_INPUT_BYTES = 8 * 1024 * 1024, /* a Vorlage is ~50 KiB; bounds memory and time */
	VL_MAX_DEPTH = 64,                    /* nesting depth of elements; bounds recursion in libxml2 and us */
	VL_MAX_LINK_BYTES = 65535             /* a link's address: a PDF string (PDF/A-1's and
	                                         libharu's limit) holds at most that */
};

/* Parse (no network, no DTD, no entities, no XInclude), validate against the
 * XSD and build the model. Returns NULL after printing every problem through
 * d (exit status 1 for an invalid document, 2 for an unreadable one). */
vl_doc *vl_load(const char *path, const char *xsd_path, diag *d);

/* The rules the XSD cannot say; prints each problem, returns their number. */
unsigned vl_check(const vl_doc *doc, diag *d);
/* The images a document that passed vl_check draws (its signature, its
 * figures), decoded through the resource table as the layout and the back
 * end will take them: each a PNG that decodes whole (else the reader's
 * message on the file) and, when archival (PDF/A-1 forbids soft masks),
 * without transparency: an error at the element naming the image. Returns
 * the number of problems. */
unsigned vl_check_images(const vl_doc *doc, res_table *res, bool archival, diag *d);

void vl_doc_free(vl_doc *doc);

/* A text dump of the model for golden tests (`vorlage dump`). */
void vl_dump(const vl_doc *doc, FILE *out);

/* The file the source names by the relative path rel (joined to the
 * source's directory, in a); *inside: it stays in that directory once
 * symbolic links are resolved (realpath), *exists: it does. */
const char *vl_source_file(arena *a, const char *source, const char *rel, bool *inside,
    bool *exists);

/* Every file the source names (its signature image, its figures' images),
 * as vl_source_file joins them, into *out (in a); returns how many. */
size_t vl_source_files(const vl_doc *doc, arena *a, const char ***out);

/* The section, table or figure of that id (the first in the document when
 * several share it); NULL when none. */
const vl_item *vl_target_find(const vl_doc *doc, const char *id);

/* Lookup of a partner by id; -1 when absent. */
int vl_partner_find(const vl_doc *doc, const char *id);

/* "4. März 2004", "Februar 2021", "02. November 2023" (two-digit day when zero_pad). */
const char *vl_date_format(arena *a, vl_date d, bool zero_pad);

/* front.h: a layout template (templates/NAME.xml, schema templates/template.xsd):
 * every measure of the layout and every word it prints of its own, so that a
 * layout change needs no recompile. */



/* A rectangle on the page, from the top-left corner (template: millimetres). */
typedef ts_frame tpl_box;

/* A paragraph style (template: points for sizes, millimetres for spaces). */
typedef struct tpl_style {
	enum ts_face face;
	ts_sp size, leading;
	ts_sp space_before, space_after;
	ts_sp indent;
	enum ts_align align;
	bool hyphenate;
	bool keep_with_next;
	int expand;          /* font expansion limit of justified lines, per mille */
} tpl_style;

typedef struct tpl_hyph {
	const char *lang;   /* "de", "en" */
	const char *path;   /* resolved against the resource root */
} tpl_hyph;

enum tpl_pagenum_pos { TPL_PAGENUM_TOP, TPL_PAGENUM_BOTTOM };

/* The words the layout prints (the template's <texte>; an attribute left out
 * gives the word after the name). A format holds placeholders such as
 * {nummer}, which the loader checks (each the format takes exactly once, no
 * other) and tpl_expand fills in: no template text is ever a printf format. */
typedef struct tpl_words {
	const char *letter;          /* "Anschreiben": the letter's bookmark and page label */
	const char *signed_by;       /* "gez.": where no signature image is */
	const char *signed_deputy;   /* "i. V.": before the signature (vermerk iV) */
	const char *signed_order;    /* "i. A.": before the signature (vermerk iA) */
	const char *signature_alt;   /* "Unterschrift von {name}": a signature image's text */
	const char *enclosure;       /* "Anlage": the label of one enclosure */
	const char *enclosures;      /* "Anlagen": of more */
	const char *stamp_landtag;   /* "LANDTAG": the stamp's lines */
	const char *stamp_state;     /* "NORDRHEIN-WESTFALEN" */
	const char *stamp_term;      /* "{wahlperiode}. WAHLPERIODE" */
	const char *stamp_vorlage;   /* "VORLAGE" */
	const char *report;          /* "Bericht": the report's bookmark */
	const char *section;         /* "Abschnitt": a section as a link's target */
	const char *table;           /* "Tabelle": before a table's number */
	const char *figure;          /* "Abbildung": before a figure's number */
	const char *annex_title;     /* "Anlage zu Vorlage {nummer} — Partnerschaft mit {partner}" */
	const char *annex_subtitle;  /* "Vorlage {nummer} vom {datum}" */
	const char *vorlage_subject; /* "Vorlage {nummer}": the Vorlage's document information */
	const char *annex_subject;   /* "Anlage zu Vorlage {nummer}: {partner}": an annex's */
	const char *info[VL_INFO_NFIELDS]; /* the information block's labels: "Aktenzeichen",
					      "Auskunft", "Telefon", "E-Mail" */
	const char *info_date;       /* "Datum": its last line's */
} tpl_words;

/* A placeholder's value for tpl_expand: {name} becomes value. */
typedef struct tpl_arg {
	const char *name;
	const char *value;
} tpl_arg;

typedef struct vl_template {
	arena *arena;
	const char *path;
	unsigned char sha256[32];         /* of the bytes parsed, for the PDF's ID */
	const char *name;                 /* e.g. "Landtag NRW" */
	ts_sp page_w, page_h;
	const char *fonts[TS_NFACES];     /* resolved paths */
	tpl_hyph *hyph;
	size_t nhyph;
	const char *icc_path;             /* resolved path of the sRGB v2 profile */

	/* the cover letter, page 1 (DIN 5008 form B) */
	tpl_box letterhead;               /* the sending office */
	tpl_style letterhead_style;
	tpl_box address;                  /* address field 85 × 45 mm at (20, 45) */
	ts_sp address_first_baseline;     /* from the field's top */
	ts_sp address_inset;              /* text from the field's left edge (DIN 5008: 5 mm) */
	tpl_style address_style;
	bool stamp;                       /* the Landtag's registration stamp */
	tpl_box stamp_box;
	tpl_style stamp_style;
	ts_sp stamp_rule;                 /* line width of the box */
	ts_sp stamp_padding;
	ts_sp date_y;                     /* baseline of the date line */
	tpl_box info_block;               /* the information block (DIN 5008), beside the
					     address field: 125, 55, 65 × 35 mm by default */
	ts_sp info_label_w;               /* its labels' column: 25 mm */
	enum ts_align date_align;         /* TS_RIGHT: flush with the text area's right edge */
	tpl_box letter_body;              /* frame of salutation, body, closing, signature */
	tpl_style salutation_style, letter_body_style, closing_style, signer_style;
	ts_sp signature_space;            /* room for the signature between closing and name */
	ts_sp signature_image_h;          /* height of a signature image */
	bool fold_marks;
	ts_sp fold_y[3];                  /* 105, 148.5 (hole), 210 mm */
	ts_sp fold_len[3];
	ts_sp fold_x, fold_rule;

	/* the report */
	tpl_box text_area;                /* frame of the report pages */
	tpl_style title_large_style, title_style;
	ts_sp title_top;                  /* first baseline of the title page */
	tpl_style heading_style;          /* the report body's heading */
	tpl_style label_style;            /* "Frage", "Antwort" */
	tpl_style agreement_style;        /* an agreement's title and date */
	tpl_style body_style;             /* paragraphs */
	tpl_style annex_head_style;       /* the head of an annex */
	bool number_sections;             /* sections numbered "1", "1.1", "1.1.1" */
	/* the report's blocks without a style of their own (bericht/fussnoten,
	 * tabellen, abbildungen, listen; absent: the values after the names) */
	ts_sp note_size, note_leading;    /* footnotes: 9 pt on 11 pt */
	ts_sp cell_leading, cell_pad;     /* table cells in the body's size: 14 pt, 3 pt */
	ts_sp table_space_before, table_space_after; /* around a table: 8 pt, 8 pt */
	ts_sp table_header_rule;          /* under the header rows: 0.8 pt (0: none) */
	ts_sp table_row_rule;             /* between the body rows: 0.3 pt (0: none) */
	double figure_ppi;                /* pixels an inch of a figure's image: 150 */
	ts_sp figure_space_before, figure_space_after; /* around a figure: 8 pt, 8 pt */
	ts_sp figure_caption_gap;         /* image to caption: 4 pt */
	ts_sp list_indent, list_gap;      /* a list entry's text, its mark's gap: 6 mm, 2 mm */
	ts_sp list_space;                 /* after each paragraph of an entry: 2 pt */
	ts_sp enclosure_indent, enclosure_gap; /* anschreiben/anlagen: 5 mm, 2 mm */

	/* page numbers */
	const char *pagenum_format;       /* "- {seite} -" or "Seite {seite} von {seiten}" */
	enum tpl_pagenum_pos pagenum_pos;
	ts_sp pagenum_y;                  /* baseline from the page's top */
	enum ts_align pagenum_align;
	tpl_style pagenum_style;
	int pagenum_first;                /* first numbered page of the report (2: the title page is 1) */
	const char *annex_pagenum_format; /* annexes: "Seite {seite} von {seiten}", from their first page */

	tpl_words words;                  /* what the layout prints of its own */
} vl_template;

/* Parse (no network, no DTD), validate against templates/template.xsd (xsd_path)
 * and load; paths inside the template are resolved with res_path. Problems
 * print as FILE:LINE:COL: error: …; returns NULL then. */
vl_template *tpl_load(const char *path, const char *xsd_path, diag *d);
void tpl_free(vl_template *t);

/* The rules of a document that depend on the template it is set with
 * (check.c): every table's columns fit the text width, the fixed ones
 * refused at the table when they add up to more (TABLE_TOO_WIDE), and
 * each is wide enough for the widest glyph of e's fonts with a hyphen and
 * the cell padding (ts_table_min_column; COLUMN_TOO_NARROW at the column;
 * e NULL: not checked). The composer calls it before it lays a document
 * out, `vorlage check` after vl_check. Prints each problem in document
 * order, returns their number. */
unsigned vl_check_layout(const vl_doc *doc, const vl_template *t, const ts_engine *e, diag *d);

/* The format fmt (a text of a loaded template) with each placeholder {name}
 * replaced by the value of the argument of that name; the rest copied as it
 * stands (also a placeholder no argument names, which the loader refuses
 * first). The values are not read for placeholders. In a. */
const char *tpl_expand(arena *a, const char *fmt, const tpl_arg *args, size_t nargs);

#endif
