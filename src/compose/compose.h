/* compose.h: from the document model and a template to a laid-out document:
 * the Vorlage (cover letter + report) and the per-partner annexes. */
#ifndef VORLAGE_COMPOSE_H
#define VORLAGE_COMPOSE_H

#include "base/base.h"
#include "front/front.h"
#include "engine/engine.h"

/* The whole Vorlage: letter on page 1, title page, report. The signature
 * image the source names is read first (its size goes into the layout); NULL
 * after a message when it cannot be. */
ts_layout *compose_vorlage(const vl_doc *doc, const vl_template *t, const ts_engine *e, diag *d);
/* Its document information (title, author, subject, keywords, language, the
 * letter's date); strings from a. */
void compose_vorlage_info(const vl_doc *doc, const vl_template *t, arena *a, ts_info *out);

/* The annex of one partner (index into doc->partners); NULL with a message
 * when the partner has no agreement. */
ts_layout *compose_annex(const vl_doc *doc, const vl_template *t, const ts_engine *e,
    int partner, diag *d);

/* The annex's document information. */
void compose_annex_info(const vl_doc *doc, const vl_template *t, int partner, arena *a,
    ts_info *out);

/* Does the partner appear as a party of an agreement or a part of a group? */
bool compose_partner_has_agreements(const vl_doc *doc, int partner);

#endif
