/* compose_blocks.h: the report's blocks as the engine's flow blocks
 * (compose_blocks.c, prefix block_): the middle of the composer. compose.c
 * calls it; it calls only the helpers (compose_util.h). */
#ifndef VORLAGE_COMPOSE_BLOCKS_H
#define VORLAGE_COMPOSE_BLOCKS_H

#include "compose_util.h"

/* A paragraph of the flow as a node of role under the part's section. */
void block_para(ts_flow *f, const cu_part *pt, const vl_para *p, const tpl_style *st,
    ts_sp measure, enum ts_role role);
/* n paragraphs of the flow, each a P. */
void block_paras(ts_flow *f, const cu_part *pt, const vl_para *p, size_t n,
    const tpl_style *st, ts_sp measure);
/* A line of plain text as a block of the flow, a node of role. */
void block_text(ts_flow *f, const cu_part *pt, const char *text, const tpl_style *st,
    ts_sp measure, enum ts_role role);
/* An agreement as a heading (bookmark at level) and its paragraphs. */
void block_agreement(ts_flow *f, const cu_part *pt, const vl_agreement *ag, int level);
/* A group: its introduction and parts (bookmarks at level and level + 1). */
void block_group(ts_flow *f, const cu_part *pt, const vl_group *g, int level);
/* The report's blocks in order (bookmarks of sections at level). */
void block_items(ts_flow *f, const cu_part *pt, const vl_item *items, size_t n, int level);
/* The letter's enclosures: "Anlagen" and their list, from y on page. */
void block_enclosures(const cu_part *pt, const ts_engine *e, size_t page, ts_sp y, int sect);

#endif
