/* compose.h: from the document model and a template to a laid-out document:
 * the Vorlage (cover letter + report) and the per-partner annexes. */
#ifndef VORLAGE_COMPOSE_H
#define VORLAGE_COMPOSE_H

#include "base/base.h"
#include "front/front.h"
#include "engine/engine.h"

/* The runs of a model paragraph in a style: a partner reference and <wichtig>
 * are set bold, <betont> italic (bold italic inside bold), <zitat> gets
 * „…“ (German) or “…” (English) around it. The runs belong to node tag;
 * text in another language than lang (the document's) to a Span node under
 * it made here. Each run carries its span's position in the source file
 * (the paragraph's where the span has none; none for file NULL). Returns
 * the number of runs (memory from doc's arena). */
size_t compose_runs(ts_layout *doc, const char *file, const char *lang, const vl_para *p,
    const tpl_style *st, int tag, ts_run **out);
/* pos in file as the engine carries it (doc's arena); NULL for file NULL or
 * an unknown position. */
const ts_srcpos *compose_src(ts_layout *doc, const char *file, vl_pos pos);

/* The whole Vorlage: letter on page 1, title page, report. The signature
 * image the source names is read first (its size goes into the layout); NULL
 * after a message when it cannot be. */
ts_layout *compose_vorlage(const vl_doc *doc, const vl_template *t, const ts_engine *e, diag *d);
/* Its document information (title, author, subject, keywords, language, the
 * letter's date); strings from a. */
void compose_vorlage_info(const vl_doc *doc, arena *a, ts_info *out);

/* The annex of one partner (index into doc->partners); NULL with a message
 * when the partner has no agreement. */
ts_layout *compose_annex(const vl_doc *doc, const vl_template *t, const ts_engine *e,
    int partner, diag *d);

/* The annex's document information. */
void compose_annex_info(const vl_doc *doc, int partner, arena *a, ts_info *out);

/* Does the partner appear as a party of an agreement or a part of a group? */
bool compose_partner_has_agreements(const vl_doc *doc, int partner);

#endif
