/* model.h: the document model of a Vorlage, built from the validated XML. */
#ifndef VORLAGE_MODEL_H
#define VORLAGE_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "arena.h"
#include "diag.h"

/* Where a node came from in the source: kept on every node so that late
 * checks (and the layout) can still point at the XML. */
typedef struct vl_pos {
	unsigned line, col;
} vl_pos;

/* A calendar date at the precision the source gives: day == 0 means the
 * source names only the month ("Februar 2021"), month == 0 only the year. */
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
	VL_SPAN_QUOTE_CLOSE = 1u << 5  /* an empty span marking where a <zitat> closes */
};

typedef struct vl_span {
	const char *text; /* UTF-8, NUL-terminated; whitespace collapsed to single
			     spaces; <festesLeerzeichen/> is U+00A0, <trennstelle/> U+00AD */
	size_t len;       /* bytes in text */
	unsigned flags;   /* enum vl_span_flag */
	const char *lang; /* BCP 47 language in force (xml:lang, inherited; "de" by default) */
	int partner;      /* index into vl_doc.partners for VL_SPAN_PARTNER, else -1 */
	vl_pos pos;
	const char *ref;  /* the partnerRef's ref as written (also when unresolved), else NULL */
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
	VL_ITEM_PAGEBREAK   /* <seitenumbruch/>: no payload */
};

typedef struct vl_item {
	enum vl_item_kind kind;
	vl_pos pos;
	union {
		vl_para para;
		vl_agreement agreement;
		vl_group group;
	} u;
} vl_item;

enum vl_title_size { VL_TITLE_NORMAL, VL_TITLE_LARGE };

typedef struct vl_title_line {
	vl_para text;
	enum vl_title_size size;
	bool space_before;  /* the original leaves an empty line above it */
} vl_title_line;

typedef struct vl_letter {
	vl_para *recipient;     /* address lines */
	size_t nrecipient;
	vl_para salutation;
	vl_para *paras;
	size_t nparas;
	vl_para closing;
	const char *signature_image; /* path relative to the source file, or NULL */
	const char *signature_desc;  /* description of the signature image, or NULL */
	const char *signer;          /* the signer's name */
	vl_pos signature_pos;
} vl_letter;

typedef struct vl_report {
	vl_title_line *title_page;
	size_t ntitle_page;
	vl_para heading;       /* heading of the report's body */
	vl_para *intro;        /* paragraphs before the question */
	size_t nintro;
	const char *question_label; /* "Frage" */
	vl_para *question;
	size_t nquestion;
	const char *answer_label;   /* "Antwort" */
	vl_item *answer;
	size_t nanswer;
} vl_report;

typedef struct vl_meta {
	int wahlperiode;          /* 18 */
	const char *number;       /* "18/1828" */
	const char *distribution; /* "A06" */
	vl_date date;             /* date of the letter */
	const char *date_text;    /* "02. November 2023" */
	const char **sender;      /* the sending office as letterhead lines */
	vl_pos *sender_pos;       /* where each of them is written */
	size_t nsender;
	const char *minister;     /* "Nathanael Liminski" */
	const char *addressee;    /* "Präsident des Landtags Nordrhein-Westfalen" */
	const char *requester;    /* "Frau Blask MdL" */
	const char *faction;      /* "SPD" */
	const char *committee;    /* "Ausschuss für Europa und Internationales" */
	vl_date meeting;          /* 2023-11-03 */
	const char *title;        /* the Vorlage's title */
	vl_date report_month;     /* 2023-10 (day 0) */
	const char *report_month_text; /* "Oktober 2023" */
	vl_pos number_pos, date_pos, meeting_pos, report_month_pos;
	vl_pos wahlperiode_pos, distribution_pos;
} vl_meta;

typedef struct vl_doc {
	arena *arena;         /* owns everything below */
	const char *path;     /* the source file as given */
	const char *lang;     /* the root's xml:lang ("de" when absent) */
	vl_meta meta;
	vl_partner *partners;
	size_t npartners;
	vl_letter letter;
	vl_report report;
} vl_doc;

/* Limits on input, documented in README.md. */
enum {
	VL_MAX_INPUT_BYTES = 8 * 1024 * 1024, /* a Vorlage is ~50 KiB; bounds memory and time */
	VL_MAX_DEPTH = 64                     /* nesting depth of elements; bounds recursion in libxml2 and us */
};

/* Parse (no network, no DTD, no entities, no XInclude), validate against the
 * XSD and build the model. Returns NULL after printing every problem through
 * d (exit status 1 for an invalid document, 2 for an unreadable one). */
vl_doc *vl_load(const char *path, const char *xsd_path, diag *d);

/* The rules the XSD cannot say; prints each problem, returns their number. */
unsigned vl_check(const vl_doc *doc, diag *d);

void vl_doc_free(vl_doc *doc);

/* A text dump of the model for golden tests (`vorlage dump`). */
void vl_dump(const vl_doc *doc, FILE *out);

/* Lookup of a partner by id; -1 when absent. */
int vl_partner_find(const vl_doc *doc, const char *id);

/* "4. März 2004", "Februar 2021", "02. November 2023" (two-digit day when zero_pad). */
const char *vl_date_format(arena *a, vl_date d, bool zero_pad);

#endif
