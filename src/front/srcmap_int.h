/* srcmap_int.h: where the lines and the markup of a source text lie
 * (srcmap.c), for the XML reader (xmlsrc.c): libxml2 2.9.14 keeps no
 * columns on nodes, so the reader maps the k-th start tag of this scan to
 * the k-th element of the tree. */
#ifndef VORLAGE_SRCMAP_INT_H
#define VORLAGE_SRCMAP_INT_H

#include <stddef.h>

#include "front.h"

/* Where a markup node lies in the source: start of '<', end of the start tag
 * (just past '>'), end of the whole element (past its end tag). Comments and
 * PIs use start and after only. */
typedef struct srcnode {
	size_t start, in, after;
} srcnode;

typedef struct srcmap {
	const char *buf;
	size_t len;
	size_t *lines; /* offsets of line starts; lines[0] is line 1 */
	size_t nlines, caplines;
	srcnode *elems, *comments, *pis; /* in document order */
	size_t nelems, capelems, ncomments, capcomments, npis, cappis;
	size_t doctype_off; /* offset of "<!" of a DOCTYPE, or SIZE_MAX */
	/* characters (UTF-8 lead bytes) before every SRCMAP_COL_STEP-th byte,
	 * so that a column is counted from the nearest checkpoint: a source on
	 * one line (generated XML) costs O(SRCMAP_COL_STEP) per position,
	 * whatever the order positions are asked in, not a rescan of the line */
	size_t *chars;
} srcmap;

/* One pass over the len bytes at buf (kept, not copied): line starts and
 * the markup in document order. Only meaningful for a well-formed UTF-8
 * document; for anything else the tables are merely incomplete, and every
 * use checks its bounds. */
void srcmap_scan(srcmap *m, const char *buf, size_t len);

/* Line and column (1-based, columns in characters) of a byte offset. */
vl_pos srcmap_pos(srcmap *m, size_t off);

void srcmap_free(srcmap *m);

#endif
