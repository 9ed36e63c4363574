/* xmlmsg_int.h: libxml2's parser and schema messages retold as catalogue
 * messages with a hint (xmlmsg.c), for the XML reader (xmlsrc.c). No
 * libxml2 type in here: the reader hands over what libxml2's error, the
 * tree and the source say, and xmlmsg.c knows only strings. */
#ifndef VORLAGE_XMLMSG_INT_H
#define VORLAGE_XMLMSG_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "front.h"
#include "srcmap_int.h"

/* The names the schema declares, read from the XSD (by the reader, on the
 * first message that needs them): every element, the outermost ones, and
 * for each element name the attributes and the child elements any of its
 * declarations allows. */
typedef struct xm_names {
	char **names;
	size_t n, cap;
} xm_names;

typedef struct xm_decl {
	char *elem;
	xm_names attrs, children;
} xm_decl;

typedef struct xm_schema {
	bool read;          /* tried already (read or not: no second try) */
	xm_names elems;     /* every element name */
	xm_names roots;     /* the global elements */
	xm_decl *decls;     /* one per element name */
	size_t ndecls, capdecls;
} xm_schema;

/* Adds an element name (global: declared at the schema's top), an
 * attribute of the element elem (attr NULL: none, but elem is known), and
 * a child element of elem. */
void xm_schema_elem(xm_schema *s, const char *name, bool global);
void xm_schema_attr(xm_schema *s, const char *elem, const char *attr);
void xm_schema_child(xm_schema *s, const char *elem, const char *child);
/* Reads the names the XSD at path declares into s (xsdnames.c, the
 * reader's other part). */
void xsd_read_names(const char *path, xm_schema *s);
/* Whether the element elem may hold the element child. */
bool xm_schema_allows(const xm_schema *s, const char *elem, const char *child);
void xm_schema_free(xm_schema *s);

/* The state of the messages of one validation: required attributes missing
 * from one element wait to be printed as one message. */
typedef struct xm_state {
	diag *d;
	const char *file;
	xm_schema schema;
	const void *miss_node;   /* the element of the waiting missing attributes */
	vl_pos miss_pos;
	char miss_elem[128];
	xm_names miss;
	xm_names suggested;      /* attributes of miss_node named by a "did you mean" */
} xm_state;

/* The libxml2 error codes (xmlParserErrors of libxml/xmlerror.h) that have
 * a message of their own; xmlsrc.c checks that they are libxml2's values. */
enum xm_code {
	XM_DOCUMENT_EMPTY = 4,           /* Start tag expected, '<' not found */
	XM_DOCUMENT_END = 5,             /* Extra content at the end of the document */
	XM_INVALID_HEX_CHARREF = 6,
	XM_INVALID_DEC_CHARREF = 7,
	XM_INVALID_CHARREF = 8,
	XM_INVALID_CHAR = 9,             /* also: Input is not proper UTF-8 */
	XM_ENTITYREF_SEMICOL_MISSING = 23,
	XM_UNDECLARED_ENTITY = 26,
	XM_LT_IN_ATTRIBUTE = 38,
	XM_ATTRIBUTE_NOT_STARTED = 39,
	XM_ATTRIBUTE_NOT_FINISHED = 40,
	XM_ATTRIBUTE_WITHOUT_VALUE = 41,
	XM_ATTRIBUTE_REDEFINED = 42,
	XM_COMMENT_NOT_FINISHED = 45,
	XM_RESERVED_XML_NAME = 64,       /* also: XML declaration allowed only at the start */
	XM_NAME_REQUIRED = 68,           /* a bare '&', a '<' that starts no tag */
	XM_GT_REQUIRED = 73,
	XM_TAG_NAME_MISMATCH = 76,
	XM_TAG_NOT_FINISHED = 77,
	XM_HYPHEN_IN_COMMENT = 80,
	XM_DATATYPE_ATOMIC = 1824,       /* XML_SCHEMAV_CVC_DATATYPE_VALID_1_2_1 */
	XM_DATATYPE_LIST = 1825,         /* …_1_2_2 */
	XM_DATATYPE_UNION = 1826,        /* …_1_2_3 */
	XM_MINLENGTH = 1831,
	XM_MININCLUSIVE = 1833,
	XM_MAXINCLUSIVE = 1834,
	XM_MINEXCLUSIVE = 1835,
	XM_PATTERN = 1839,
	XM_ENUMERATION = 1840,
	XM_CONTENT_EMPTY = 1841,         /* XML_SCHEMAV_CVC_COMPLEX_TYPE_2_1 */
	XM_CONTENT_SIMPLE = 1842,        /* …_2_2: elements where text only is allowed */
	XM_CONTENT_ELEMENTS = 1843,      /* …_2_3: text where elements only are allowed */
	XM_NO_ROOT_DECL = 1845,          /* XML_SCHEMAV_CVC_ELT_1 */
	XM_ATTR_NOT_ALLOWED = 1866,      /* XML_SCHEMAV_CVC_COMPLEX_TYPE_3_2_1 */
	XM_ATTR_REQUIRED = 1868,         /* XML_SCHEMAV_CVC_COMPLEX_TYPE_4 */
	XM_ELEMENT_CONTENT = 1871        /* XML_SCHEMAV_ELEMENT_CONTENT */
};

/* One libxml2 message as the reader sees it. */
struct xm_err {
	int code;               /* libxml2's error code (xmlParserErrors) */
	const char *text;       /* libxml2's message, cleaned (xm_clean) */
	const char *s1, *s2;    /* libxml2's str1, str2 (may be NULL) */
	int i1;                 /* libxml2's int1 */
	vl_pos pos;             /* where libxml2 puts it (parse) or the reader (validation) */
	/* parse errors: the source line libxml2's position is on */
	const char *line;
	size_t linelen;
	/* validation errors: the element (its name as written), its parent, its
	 * first child element, and the node itself (to tell elements apart) */
	const char *elem, *parent, *child;
	const void *node;
};
typedef struct xm_err xm_err;

/* libxml2's text without its trailing newline, inner newlines as spaces,
 * and '{http://www.w3.org/XML/1998/namespace}lang' as xml:lang (malloc'd). */
char *xm_clean(const char *msg);

/* The attribute a schema message is about ("Element 'x', attribute 'y':
 * …") into name (n bytes); false when it is about an element. */
bool xm_message_attr(const char *text, char *name, size_t n);

/* Prints a well-formedness error as its catalogue message and returns true,
 * or returns false for one without a message of its own (the caller prints
 * libxml2's text). */
bool xm_parse_error(diag *d, const char *file, const xm_err *e);

/* The same for a schema violation. Missing required attributes wait in st
 * until a message about another element or xm_flush. */
bool xm_valid_error(xm_state *st, const xm_err *e);

/* A value as a message shows it (in buf): one line, at most 60 characters. */
const char *xm_shown(const char *v, char *buf, size_t size);

/* quotes.c: warns of each pair of typed quotation marks („…“, “…”, »…«, «…», "…")
 * in the bytes [from, to) of the source (markup skipped, the text of a
 * <zitat> left alone): <zitat> sets them. Returns how many. */
unsigned xm_typed_quotes(diag *d, const char *file, srcmap *m, size_t from, size_t to);
void xm_flush(xm_state *st);
void xm_state_free(xm_state *st);

#endif
