/* compose_util.h: the composer's shared helpers (compose_util.c, prefix
 * cu_): the context of a part of the output document, styled runs, styles,
 * positions in the source, structure nodes and names. The bottom of the
 * composer: compose_blocks.c and compose.c call it, it calls neither. */
#ifndef VORLAGE_COMPOSE_UTIL_H
#define VORLAGE_COMPOSE_UTIL_H

#include "base/base.h"
#include "front/front.h"
#include "engine/engine.h"

/* What the report's and the annexes' parts share: the laid-out document,
 * the source's language, the section the flow's blocks go into, and what
 * the blocks beyond paragraphs need: the source, the template, the
 * footnotes numbered so far in this output document. */
typedef struct cu_part {
	ts_layout *out;
	const char *lang;
	int sect;
	const vl_doc *doc;
	const vl_template *t;
	int *notes;
	diag *d;       /* for an image that cannot be read; *failed is set then */
	bool *failed;
	res_table *res; /* where the images' sizes come from (the engine's table) */
} cu_part;

/* A new node of the document's structure. */
int cu_node(ts_layout *out, enum ts_role role, int parent);
/* base set bold and/or italic as well (bold italic for both). */
enum ts_face cu_face(enum ts_face base, bool bold, bool italic);
/* pos in file as the engine carries it (out's arena); NULL for file NULL or
 * an unknown position. */
const ts_srcpos *cu_src(ts_layout *out, const char *file, vl_pos pos);

/* A single run of plain text in a style, belonging to node tag. */
ts_run cu_plain_run(const char *text, const tpl_style *st, int tag);
/* The runs of a model paragraph in a style: a partner reference and <wichtig>
 * are set bold, <betont> italic (bold italic inside bold), <zitat> gets
 * „…“ (German) or “…” (English) around it. The runs belong to node tag;
 * text in another language than lang (the document's) to a Span node under
 * it made here. Each run carries its span's position in the source file
 * (the paragraph's where the span has none; none for file NULL). Returns
 * the number of runs (memory from doc's arena). */
size_t cu_runs(ts_layout *doc, const char *file, const char *lang, const vl_para *p,
    const tpl_style *st, int tag, ts_run **out);
/* The runs of a paragraph (cu_runs) with its footnote marks (the notes
 * numbered from *pt->notes, set at the foot of the page) and its
 * references to sections, tables and figures printed as their numbers. */
size_t cu_para_runs(const cu_part *pt, const vl_para *p, const tpl_style *st, int tag,
    ts_run **out);
/* The plain text of a paragraph (a section's heading for bookmarks and
 * references). */
const char *cu_para_text(arena *a, const vl_para *p);

/* A template style as the engine's paragraph style at a measure. */
ts_para_style cu_para_style(const tpl_style *s, ts_sp measure);
/* The paragraph's position in the source on its style (for the engine's
 * warnings). */
void cu_para_at(ts_para_style *ps, const char *file, vl_pos pos);

/* The partners by name, separated by commas (an agreement's bookmark, the
 * keywords). */
const char *cu_parties_names(arena *a, const vl_doc *doc, const int *parties, size_t n);
/* A group's partners by name (its bookmark). */
const char *cu_group_title(arena *a, const vl_doc *doc, const vl_group *g);

#endif
