/* lb_int.h: the item list of a paragraph (boxes, glue, kerns, penalties) and
 * the line breaker over it, shared by the builder (itemlist.c), the breaker
 * (linebreak.c), the line setter (lineset.c) and the unit tests, which build
 * item lists by hand. Not for other modules.
 *
 * Widths, stretch and shrink are int64 scaled points: a paragraph of the
 * longest source (8 MiB) in the widest glyphs stays far inside the range,
 * while an int32 overflows at 32 768 pt (a word of 5 000 × "W" at 11 pt). */
#ifndef VORLAGE_LBINT_H
#define VORLAGE_LBINT_H

#include "engine.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum {
	LB_INF_BAD = 10000,
	LB_INF_PENALTY = 10000,
	LB_EJECT_PENALTY = -10000
};

enum lb_type { LB_BOX, LB_GLUE, LB_KERN, LB_PENALTY };

typedef struct lb_node {
	uint8_t type;      /* enum lb_type */
	uint8_t flagged;   /* penalty: a hyphen break */
	uint8_t hyphen;    /* penalty: adds a hyphen when broken */
	uint8_t pass;      /* penalty: first pass it is a legal break in (1, 2, or 3:
			      the emergency pass only); 0 counts as 1 */
	uint8_t interword; /* glue: an inter-word space (not \parfillskip) */
	uint8_t face;
	int64_t width;
	int64_t stretch, shrink;
	int fil;           /* glue: infinite stretch (1fil units) */
	int penalty;
	uint32_t start, end; /* box: bytes of the text (start == end: no glyphs) */
	ts_sp size;
} lb_node;

/* What the breaker needs of a paragraph. */
typedef struct lb_list {
	lb_node *nodes;
	size_t n, cap;
	int64_t *W, *Y, *Z, *F;  /* prefix sums: width, stretch, shrink, fil (lb_index) */
	size_t *next_box;        /* first box at or after each node (lb_index) */
	int64_t measure;         /* line width, > 0 */
	int64_t bg_stretch;      /* stretch every line has beside its glue (ragged sides) */
	int64_t emergency_stretch; /* added to it in the emergency pass */
	int hyphen_penalty;      /* of the emergency breaks the builder adds */
} lb_list;

/* A zeroed node appended to the list. */
lb_node *lb_add(lb_list *l, enum lb_type type);
/* Appends the end of a paragraph (\penalty10000 \hskip 0pt plus 1fil
 * \penalty-10000) and computes the prefix sums: the list is then ready to
 * be broken. */
void lb_finish(lb_list *l);
/* The prefix sums and next_box of the nodes as they are. */
void lb_index(lb_list *l);
void lb_list_free(lb_list *l);

/* The one legal-break test: is node i a legal break in this pass (glue
 * after a box; a penalty below LB_INF_PENALTY whose pass has come)? Sets
 * its penalty and flag. */
bool lb_legal_break(const lb_list *l, size_t i, int pass, int *pi, bool *flagged);

/* Natural width, stretch, shrink and fil of the line after the break
 * `from` (SIZE_MAX: the paragraph's start) up to the break `to`, with the
 * discardable items after `from` dropped and the hyphen of a penalty at
 * `to` added. */
typedef struct lb_fit {
	int64_t natural, stretch, shrink, fil;
} lb_fit;
lb_fit lb_measure(const lb_list *l, size_t from, size_t to);
/* First node of the line after a break at pos (discardables dropped). */
size_t lb_line_start(const lb_list *l, size_t pos);

/* Chosen breaks: node indices, the last one the paragraph's end. */
typedef struct lb_breaks {
	size_t *pos;         /* malloc'd */
	size_t n;
	int64_t demerits;
	int pass;            /* 1, 2, 3 (emergency), 0: first fit */
} lb_breaks;

/* One pass of total fit (1: \pretolerance, 2: \tolerance, 3: emergency:
 * any badness and the emergency stretch); false when it finds no breaks
 * (pass 3 always finds some). */
bool lb_total_fit(const lb_list *l, int pass, lb_breaks *out);
/* Passes first_pass, ..., 3 until one succeeds. */
void lb_break(const lb_list *l, int first_pass, lb_breaks *out);
/* First fit: each line takes as much as fits with its glue shrunk. */
void lb_first_fit(const lb_list *l, lb_breaks *out);
void lb_breaks_free(lb_breaks *b);

/* A paragraph's text and the item list built from it (itemlist.c). */
typedef struct lb_para {
	lb_list l;
	const ts_engine *e;
	const ts_para_style *st;
	const ts_run *runs;
	size_t nruns;
	size_t *rstart;         /* byte offset of each run in text; rstart[nruns] = len */
	const char *text;       /* the runs' text, one string */
	size_t len;
	ts_sp size;             /* the paragraph's main size */
	bool ragged;
	int expand;             /* font expansion limit, per mille (0 when ragged) */
	bool patterns;          /* pattern hyphenation points are in the list */
} lb_para;

/* Copies the runs' text into text_arena and sets the paragraph's
 * parameters; false when the paragraph has no runs. */
bool lb_para_init(lb_para *p, const ts_engine *e, arena *text_arena, const ts_run *runs,
    size_t nruns, const ts_para_style *st);
/* (Re)builds the item list, with pattern hyphenation points when
 * `patterns` and the style hyphenates; false when there is no text at all. */
bool lb_para_items(lb_para *p, bool patterns);
void lb_para_free(lb_para *p);

/* Sets the line from the break `from` to the break `to` (lineset.c). */
typedef struct lb_itembuf {
	ts_item *v;
	size_t n, cap;
} lb_itembuf;
void lb_set_line(const lb_para *p, arena *a, size_t from, size_t to, ts_line *ln,
    lb_itembuf *ib);

#endif
