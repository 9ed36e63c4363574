/* compose_int.h: what compose.c and compose_blocks.c share: the context of
 * a document's flow and the helpers that make its paragraphs and nodes. */
#ifndef VORLAGE_COMPOSE_INT_H
#define VORLAGE_COMPOSE_INT_H

#include "compose.h"

/* What the report's and the annexes' parts share: the laid-out document,
 * the source's language, the section the flow's blocks go into, and what
 * the blocks beyond paragraphs need: the source, the template, the
 * engine, the footnotes numbered so far in this output document. */
typedef struct part {
	ts_layout *out;
	const char *lang;
	int sect;
	const vl_doc *doc;
	const vl_template *t;
	int *notes;
	diag *d;       /* for an image that cannot be read; *failed is set then */
	bool *failed;
} part;

/* A new node of the document's structure. */
int node(ts_layout *out, enum ts_role role, int parent);
ts_run plain_run(const char *text, const tpl_style *st, int tag);
ts_para_style para_style(const tpl_style *s, ts_sp measure);
/* The paragraph's position in the source on its style (for the engine's
 * warnings). */
void para_at(ts_para_style *ps, const char *file, vl_pos pos);
/* A paragraph of the flow as a node of role under the section. */
void flow_para(ts_flow *f, const part *pt, const vl_para *p, const tpl_style *st,
    ts_sp measure, enum ts_role role);
/* An agreement as a heading (bookmark at level) and its paragraphs. */
void flow_agreement(ts_flow *f, const part *pt, const vl_doc *doc, const vl_agreement *ag,
    const vl_template *t, int level);
/* A group: its introduction and parts (bookmarks at level and level + 1). */
void flow_group(ts_flow *f, const part *pt, const vl_group *g, int level);

/* compose_blocks.c */

/* The runs of a paragraph (compose_runs) with its footnote marks (the notes
 * numbered from *pt->notes, set at the foot of the page) and its
 * references to sections, tables and figures printed as their numbers. */
size_t compose_para_runs(const part *pt, const vl_para *p, const tpl_style *st, int tag,
    ts_run **out);
/* The report's blocks in order (bookmarks of sections at level). */
void compose_items(ts_flow *f, const part *pt, const vl_item *items, size_t n, int level);
/* The letter's enclosures: "Anlagen" and their list, from y on page. */
void compose_enclosures(const part *pt, const ts_engine *e, size_t page, ts_sp y, int sect);
/* The report's agreements and groups, also those inside sections, in order. */
const vl_item **compose_domain_items(arena *a, const vl_doc *doc, size_t *n);

#endif
