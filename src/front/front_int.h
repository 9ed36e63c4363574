/* front_int.h: what the front end's own files share: the XML reader
 * (xmlsrc.c, the one user of libxml2) and the template's checks. Not for
 * other folders. */
#ifndef VORLAGE_FRONT_INT_H
#define VORLAGE_FRONT_INT_H

#include <stddef.h>

#include <libxml/tree.h>

#include "front.h"

/* front_int.h: the one XML front end, for the source of a Vorlage and for the
 * layout templates: bounded read (file_read), parse with libxml2 from memory
 * (XML_PARSE_NONET; never NOENT, DTDLOAD, XINCLUDE or HUGE), no DOCTYPE,
 * bounded depth, UTF-8 only, XSD validation with no network, every message
 * with its line and column through the catalogue (base.h), and the helpers
 * the builders read the tree with. */



typedef struct xmlsrc xmlsrc;

/* Reads path (at most max bytes) and parses it; returns NULL after printing
 * the problem: unreadable (exit 2), too large, empty, not UTF-8, not
 * well-formed, a DOCTYPE, nested deeper than VL_MAX_DEPTH (exit 1). */
xmlsrc *xs_open(const char *path, size_t max, diag *d);

/* Validates against the XSD at xsd_path (read with no network): 1 valid,
 * 0 invalid (each violation printed at its element or attribute), -1 the
 * schema cannot be read (exit 2). */
int xs_validate(xmlsrc *x, const char *xsd_path);

void xs_free(xmlsrc *x);

xmlNode *xs_root(const xmlsrc *x);
/* The SHA-256 of the bytes read (and parsed): the file is read once. */
const unsigned char *xs_sha256(const xmlsrc *x);
const char *xs_path(const xmlsrc *x);
/* The bytes read (for the hash of the input). */
const char *xs_bytes(const xmlsrc *x, size_t *len);

/* Where a node is in the source (1-based line, column in characters):
 * elements, comments and PIs at their '<', attributes at their name, text
 * at its first non-blank character. */
vl_pos xs_pos(xmlsrc *x, const xmlNode *n);
/* The attribute `name` (no namespace) of element el, or el when it has none
 * or name is NULL. */
vl_pos xs_attr_pos(xmlsrc *x, const xmlNode *el, const char *name);

/* ---- reading the tree ---- */

/* Whether n is the element `name` in no namespace. */
int xs_is(const xmlNode *n, const char *name);
/* The first child element `name` of n (NULL for n NULL). */
xmlNode *xs_child(const xmlNode *n, const char *name);
/* The number of child elements `name` of n. */
size_t xs_count(const xmlNode *n, const char *name);
/* An attribute's value (no namespace) in the arena, or NULL. */
const char *xs_attr(arena *a, const xmlNode *n, const char *name);
/* The same with XML white space trimmed at both ends (ids, numbers, tokens). */
const char *xs_attr_trim(arena *a, const xmlNode *n, const char *name);
/* A decimal number of digits only (no sign, no space) from s up to end (NULL:
 * to the NUL) into *out when it is at most max; 0 (and *out untouched) when s
 * is empty, has another character, or the value exceeds max. The schema bounds
 * what it lets through, but a checked read keeps a bound the schema forgot
 * from wrapping around ("4294967314" is not 18). */
int xs_uint(const char *s, const char *end, unsigned max, unsigned *out);
/* xml:lang of n, else inherited. */
const char *xs_lang(arena *a, const xmlNode *n, const char *inherited);

/* front_int.h: the loader's readers of values (values.c). */

/* Splits a whitespace-separated list into a (NULL for s NULL). */
const char **vl_split_list(arena *a, const char *s, size_t *n);
/* "YYYY-MM-DD" or "YYYY-MM" at pos; anything else leaves year 0 (vl_check
 * reports it). */
vl_date vl_parse_date(const char *s, vl_pos pos);
/* The distribution codes of the root's verteiler v ("A15, A12": codes
 * separated by a comma and at most one space, as the schema's pattern
 * says) into m's distribution_codes, and m->distribution the codes as
 * printed, joined by ", " (one code: v as written). */
void vl_distribution_split(arena *a, const char *v, vl_meta *m);

/* front_int.h: the layout checks of a template that the schema cannot say
 * (tcheck.c), and the tables of the template's elements that the loader
 * (template.c) and the checks share. */



/* The paragraph styles: element under <stile> and field of vl_template. */
typedef struct tpl_style_field {
	const char *name;
	size_t off;
} tpl_style_field;
enum { TPL_NSTYLES = 15 };
extern const tpl_style_field tpl_styles[TPL_NSTYLES];

/* The three fold marks under <falzmarken>, in the order of fold_y. */
extern const char *const tpl_fold_marks[3];

/* The texts: the attribute attr of elem (under <texte>, or of the root for
 * parent NULL), the field of vl_template, the text without the attribute
 * (NULL: the schema requires it), the placeholders it takes: each of need
 * exactly once, each of may at most once, no other. */
typedef struct tpl_text_field {
	const char *parent, *elem, *attr;
	size_t off;
	const char *dflt;
	const char *need[2];
	const char *may[1];
} tpl_text_field;
enum { TPL_NTEXTS = 26 };
extern const tpl_text_field tpl_texts[TPL_NTEXTS];

/* The length of the placeholder that begins at s (a '{'), braces included;
 * 0 when no '}' closes it. */
size_t tpl_placeholder_len(const char *s);

/* Checks t, loaded from the template x, and prints each problem at its
 * element or attribute: boxes outside the page, overlapping zones of page
 * 1, a letter body above the date line, leading below the font size, a
 * stamp too small for its eight lines, a text with a placeholder it does not
 * take, without one it needs or with one twice, ….
 * Returns the number of problems. */
unsigned tpl_check(const vl_template *t, xmlsrc *x, diag *d);

#endif
