/* xmlsrc.c: the one XML front end (front_int.h).
 *
 * Safety: the file is read by file_read (size-limited), parsed from memory
 * with XML_PARSE_NONET and never with NOENT, DTDLOAD, XINCLUDE or HUGE; any
 * DOCTYPE stops the parser at once (no entity is ever declared, so none can be
 * expanded or fetched); nesting deeper than VL_MAX_DEPTH stops the parser.
 * Anything but UTF-8 (a UTF-16 or UCS-4 byte order mark or declaration) is
 * refused before parsing. The schema and its imports are read with libxml2's
 * no-network entity loader. Nothing here recurses on the input's structure.
 *
 * Positions: libxml2 2.9.14 keeps no columns on nodes (and keeps the line of a
 * start tag's end), so we scan the source text once for the markup (start and
 * end tags, comments, processing instructions: srcmap.c) and map the k-th
 * start tag to the k-th element in document order. Every position we print
 * comes from that scan, the same for parse and schema errors and for the
 * builders.
 *
 * Messages: libxml2's common parser and schema errors are retold as
 * catalogue messages with a hint (xmlmsg.c); for those about names, the
 * schema is read once more for the names it declares.
 */
#include "front_int.h"
#include "srcmap_int.h"
#include "xmlmsg_int.h"
#include "base/base.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/encoding.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>

/* xmlmsg_int.h names libxml2's codes without including libxml2 */
#define SAME_(ours, theirs) ((int)XM_##ours == (int)XML_##theirs)
_Static_assert(SAME_(DOCUMENT_EMPTY, ERR_DOCUMENT_EMPTY) && SAME_(DOCUMENT_END, ERR_DOCUMENT_END) &&
    SAME_(INVALID_HEX_CHARREF, ERR_INVALID_HEX_CHARREF) &&
    SAME_(INVALID_DEC_CHARREF, ERR_INVALID_DEC_CHARREF) &&
    SAME_(INVALID_CHARREF, ERR_INVALID_CHARREF) && SAME_(INVALID_CHAR, ERR_INVALID_CHAR) &&
    SAME_(ENTITYREF_SEMICOL_MISSING, ERR_ENTITYREF_SEMICOL_MISSING) &&
    SAME_(UNDECLARED_ENTITY, ERR_UNDECLARED_ENTITY) && SAME_(LT_IN_ATTRIBUTE, ERR_LT_IN_ATTRIBUTE) &&
    SAME_(ATTRIBUTE_NOT_STARTED, ERR_ATTRIBUTE_NOT_STARTED) &&
    SAME_(ATTRIBUTE_NOT_FINISHED, ERR_ATTRIBUTE_NOT_FINISHED) &&
    SAME_(ATTRIBUTE_WITHOUT_VALUE, ERR_ATTRIBUTE_WITHOUT_VALUE) &&
    SAME_(ATTRIBUTE_REDEFINED, ERR_ATTRIBUTE_REDEFINED) &&
    SAME_(COMMENT_NOT_FINISHED, ERR_COMMENT_NOT_FINISHED) &&
    SAME_(RESERVED_XML_NAME, ERR_RESERVED_XML_NAME) && SAME_(NAME_REQUIRED, ERR_NAME_REQUIRED) &&
    SAME_(GT_REQUIRED, ERR_GT_REQUIRED) && SAME_(TAG_NAME_MISMATCH, ERR_TAG_NAME_MISMATCH) &&
    SAME_(TAG_NOT_FINISHED, ERR_TAG_NOT_FINISHED) && SAME_(HYPHEN_IN_COMMENT, ERR_HYPHEN_IN_COMMENT) &&
    SAME_(DATATYPE_ATOMIC, SCHEMAV_CVC_DATATYPE_VALID_1_2_1) &&
    SAME_(DATATYPE_LIST, SCHEMAV_CVC_DATATYPE_VALID_1_2_2) &&
    SAME_(DATATYPE_UNION, SCHEMAV_CVC_DATATYPE_VALID_1_2_3) &&
    SAME_(MINLENGTH, SCHEMAV_CVC_MINLENGTH_VALID) && SAME_(MININCLUSIVE, SCHEMAV_CVC_MININCLUSIVE_VALID) &&
    SAME_(MAXINCLUSIVE, SCHEMAV_CVC_MAXINCLUSIVE_VALID) &&
    SAME_(MINEXCLUSIVE, SCHEMAV_CVC_MINEXCLUSIVE_VALID) && SAME_(PATTERN, SCHEMAV_CVC_PATTERN_VALID) &&
    SAME_(ENUMERATION, SCHEMAV_CVC_ENUMERATION_VALID) && SAME_(CONTENT_EMPTY, SCHEMAV_CVC_COMPLEX_TYPE_2_1) &&
    SAME_(CONTENT_SIMPLE, SCHEMAV_CVC_COMPLEX_TYPE_2_2) &&
    SAME_(CONTENT_ELEMENTS, SCHEMAV_CVC_COMPLEX_TYPE_2_3) && SAME_(NO_ROOT_DECL, SCHEMAV_CVC_ELT_1) &&
    SAME_(ATTR_NOT_ALLOWED, SCHEMAV_CVC_COMPLEX_TYPE_3_2_1) &&
    SAME_(ATTR_REQUIRED, SCHEMAV_CVC_COMPLEX_TYPE_4) && SAME_(ELEMENT_CONTENT, SCHEMAV_ELEMENT_CONTENT),
    "xmlmsg_int.h: libxml2's error codes");
#undef SAME_

/* PH_NAMES: the schema read again for its names (xmlmsg_int.h); its
 * messages, if any, are not the user's business. */
enum xs_phase { PH_PARSE, PH_SCHEMA, PH_VALIDATE, PH_NAMES };

struct xmlsrc {
	const char *path, *xsd_path;
	diag *d;
	char *buf;
	size_t len;
	unsigned char sha256[32]; /* of the bytes read: what is parsed is what is hashed */
	xmlDoc *doc;
	srcmap map;   /* where the lines and the markup lie (srcmap.c) */
	/* parse state */
	enum xs_phase phase;
	unsigned depth;
	size_t nstarted;
	int stopped;  /* we stopped the parser (DOCTYPE, depth): no more messages */
	int fatal;    /* a fatal error was printed: no more parser messages */
	unsigned nerrors;
	char lastmsg[1024];
	vl_pos last_valid; /* the place of the last schema error printed: */
	const void *last_node; /* its node and attribute */
	char last_attr[128];
	xm_state xm;       /* the messages' state (xmlmsg.c) */
	startElementNsSAX2Func start_ns;
	endElementNsSAX2Func end_ns;
};

/* The position (line, column) of a byte offset of the source. */
static vl_pos
src_pos(xmlsrc *ld, size_t off)
{
	return srcmap_pos(&ld->map, off);
}

static const srcnode *
node_src(const xmlNode *n)
{
	if (!n || (n->type != XML_ELEMENT_NODE && n->type != XML_COMMENT_NODE &&
	    n->type != XML_PI_NODE))
		return NULL;
	return n->_private;
}

/* Gives n the next (*i) of the count scanned places of its kind; 0 when
 * they ran out. */
static int
attach_next(xmlNode *n, srcnode *places, size_t count, size_t *i)
{
	int ok = *i < count;
	if (ok)
		n->_private = &places[*i];
	(*i)++;
	return ok;
}

/* Attach the scanned positions to the tree (node->_private), walking it in
 * document order without recursion. Returns 0 when the scan and the tree
 * disagree (then positions fall back to libxml2's lines). */
static int
attach_positions(xmlsrc *ld, xmlDoc *doc)
{
	size_t ie = 0, ic = 0, ip = 0;
	int okay = 1;
	xmlNode *n = doc->children;
	while (n) {
		if (n->type == XML_ELEMENT_NODE)
			okay &= attach_next(n, ld->map.elems, ld->map.nelems, &ie);
		else if (n->type == XML_COMMENT_NODE)
			okay &= attach_next(n, ld->map.comments, ld->map.ncomments, &ic);
		else if (n->type == XML_PI_NODE)
			okay &= attach_next(n, ld->map.pis, ld->map.npis, &ip);
		if (n->type == XML_ELEMENT_NODE && n->children) {
			n = n->children;
			continue;
		}
		while (n && !n->next) {
			n = n->parent;
			if (n && n->type == XML_DOCUMENT_NODE)
				n = NULL;
		}
		if (n)
			n = n->next;
	}
	return okay && ie == ld->map.nelems;
}

/* The position of a node: elements at their '<', text at its first
 * non-blank character, attributes at their name. */
static vl_pos
node_pos(xmlsrc *ld, const xmlNode *n)
{
	const srcnode *s;
	if (!n)
		return (vl_pos){ 0, 0 };
	if (n->type == XML_ATTRIBUTE_NODE) {
		const xmlAttr *at = (const xmlAttr *)n;
		const xmlNode *el = at->parent;
		s = node_src(el);
		if (s) {
			char qn[256];
			if (at->ns && at->ns->prefix)
				snprintf(qn, sizeof qn, "%s:%s", (const char *)at->ns->prefix,
				    (const char *)at->name);
			else
				snprintf(qn, sizeof qn, "%s", (const char *)at->name);
			size_t ql = strlen(qn);
			char q = 0;
			for (size_t i = s->start + 1; i + ql < s->in; i++) {
				char c = ld->buf[i];
				if (q) {
					if (c == q)
						q = 0;
					continue;
				}
				if (c == '"' || c == '\'') {
					q = c;
					continue;
				}
				if (utf8_is_space((unsigned char)c) && memcmp(ld->buf + i + 1, qn, ql) == 0) {
					size_t j = i + 1 + ql;
					while (j < s->in && utf8_is_space((unsigned char)ld->buf[j]))
						j++;
					if (j < s->in && ld->buf[j] == '=')
						return src_pos(ld, i + 1);
				}
			}
		}
		return node_pos(ld, el);
	}
	s = node_src(n);
	if (s)
		return src_pos(ld, s->start);
	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
		const srcnode *p = n->prev ? node_src(n->prev) : NULL;
		size_t off = SIZE_MAX;
		if (p)
			off = p->after;
		else if (!n->prev && node_src(n->parent))
			off = node_src(n->parent)->in;
		if (off != SIZE_MAX) {
			while (off < ld->len && utf8_is_space((unsigned char)ld->buf[off]))
				off++;
			return src_pos(ld, off);
		}
	}
	long line = xmlGetLineNo(n); /* the scan and the tree disagree: libxml2's line */
	return (vl_pos){ line > 0 ? (unsigned)line : 0, 1 };
}

/* ---- libxml2's messages ------------------------------------------------- */

/* Prints libxml2's message text msg as catalogue entry `code`, one whose
 * format is "%s" (XML_WARNING, XML_ERROR, XML_TROUBLE, SCHEMA_BROKEN,
 * SCHEMA_INVALID). */
/* libxml2 repeats itself now and then: each message is printed once
 * (compared on its first 1 KiB, which is plenty). */
static bool
repeated(xmlsrc *ld, const char *file, vl_pos p, const char *msg)
{
	char key[sizeof ld->lastmsg];
	snprintf(key, sizeof key, "%s:%u:%u:%s", file, p.line, p.col, msg);
	if (strcmp(ld->lastmsg, key) == 0)
		return true;
	memcpy(ld->lastmsg, key, sizeof key);
	return false;
}

static void
report(xmlsrc *ld, enum diag_code code, const char *file, vl_pos p, const char *msg)
{
	if (repeated(ld, file, p, msg))
		return;
	diag_emit(ld->d, code, file, p.line, p.col, "%s", msg);
	if (diag_catalogue[code].level != DIAG_WARNING)
		ld->nerrors++;
}

/* Schema messages about an attribute ("Element 'x', attribute 'y': ...")
 * point at the element; find the attribute in its start tag instead. */
static vl_pos
attr_pos_from_message(xmlsrc *ld, const xmlNode *n, const char *msg)
{
	char name[128];
	if (n->type == XML_ELEMENT_NODE && xm_message_attr(msg, name, sizeof name)) {
		const char *local = strchr(name, ':') ? strchr(name, ':') + 1 : name;
		for (xmlAttr *at = n->properties; at; at = at->next) {
			int is_xml = at->ns && at->ns->prefix && strcmp((const char *)at->ns->prefix, "xml") == 0;
			if (strcmp((const char *)at->name, local) == 0 &&
			    (is_xml == (strncmp(name, "xml:", 4) == 0)))
				return node_pos(ld, (const xmlNode *)at);
		}
	}
	return node_pos(ld, n);
}

/* ---- the schema's names, for the messages ------------------------------ */

/* Reads the schema's element names and their attributes (the messages
 * suggest the nearest); once, and only when a message needs them. Its
 * messages, if any, are not the user's business (PH_NAMES). */
static void
read_schema_names(xmlsrc *ld)
{
	ld->xm.schema.read = true;
	enum xs_phase phase = ld->phase;
	ld->phase = PH_NAMES;
	if (ld->xsd_path)
		xsd_read_names(ld->xsd_path, &ld->xm.schema);
	ld->phase = phase;
}

/* Typed quotation marks in the text of a Vorlage: in each outermost
 * element that may hold a <zitat> (the walk does not enter it: the inner
 * ones are part of its text). Whether an element may is asked once per
 * name: the parser's names are interned, so a name is one pointer. */
static void
lint_quotes(xmlsrc *ld)
{
	xmlNode *n = xmlDocGetRootElement(ld->doc);
	if (!xs_is(n, "vorlage"))
		return;
	if (!ld->xm.schema.read)
		read_schema_names(ld);
	const xm_schema *s = &ld->xm.schema;
	struct seen_name { const xmlChar *name; bool allows; } seen[64];
	size_t nseen = 0;
	while (n) {
		const srcnode *src = node_src(n);
		bool outer = false;
		if (n->type == XML_ELEMENT_NODE && !n->ns && src) {
			size_t k = 0;
			while (k < nseen && seen[k].name != n->name)
				k++;
			if (k < nseen) {
				outer = seen[k].allows;
			} else {
				outer = xm_schema_allows(s, (const char *)n->name, "zitat");
				if (nseen < sizeof seen / sizeof seen[0])
					seen[nseen++] = (struct seen_name){ n->name, outer };
			}
		}
		if (outer)
			xm_typed_quotes(ld->d, ld->path, &ld->map, src->in, src->after);
		else if (n->type == XML_ELEMENT_NODE && n->children) {
			n = n->children;
			continue;
		}
		while (n && !n->next) {
			n = n->parent;
			if (n && n->type == XML_DOCUMENT_NODE)
				n = NULL;
		}
		if (n)
			n = n->next;
	}
}

/* ---- libxml2's messages ------------------------------------------------- */

/* An element's name as written (with its prefix) into buf, or NULL. */
static const char *
elem_name(const xmlNode *n, char *buf, size_t size)
{
	if (!n || n->type != XML_ELEMENT_NODE)
		return NULL;
	if (n->ns && n->ns->prefix)
		snprintf(buf, size, "%s:%s", (const char *)n->ns->prefix, (const char *)n->name);
	else
		snprintf(buf, size, "%s", (const char *)n->name);
	return buf;
}

static bool
blank(const xmlChar *s)
{
	for (; s && *s; s++)
		if (!utf8_is_space(*s))
			return false;
	return true;
}

/* A well-formedness error: its own message (xmlmsg.c) or libxml2's text. */
static void
parse_error(xmlsrc *ld, xmlErrorPtr e, const char *msg, enum diag_code code)
{
	vl_pos p = { e->line > 0 ? (unsigned)e->line : 1, e->int2 > 0 ? (unsigned)e->int2 : 1 };
	if (code != MSG_XML_ERROR) {
		report(ld, code, ld->path, p, msg);
		return;
	}
	if (repeated(ld, ld->path, p, msg))
		return;
	xm_err x = { .code = e->code, .text = msg, .s1 = e->str1, .s2 = e->str2, .i1 = e->int1,
		.pos = p };
	if (p.line <= ld->map.nlines) {
		size_t b = ld->map.lines[p.line - 1], end = p.line < ld->map.nlines ? ld->map.lines[p.line] : ld->len;
		x.line = ld->buf + b;
		x.linelen = end - b;
	}
	if (!xm_parse_error(ld->d, ld->path, &x))
		diag_emit(ld->d, code, ld->path, p.line, p.col, "%s", msg);
	ld->nerrors++;
}

/* A schema violation: its own message (xmlmsg.c) or libxml2's text, at the
 * attribute, the element, the text or the child it is about. */
static void
valid_error(xmlsrc *ld, xmlErrorPtr e, char *msg, enum diag_code code)
{
	const xmlNode *n = e->node, *child = NULL, *text = NULL;
	vl_pos p = n ? attr_pos_from_message(ld, n, msg)
	    : (vl_pos){ e->line > 0 ? (unsigned)e->line : 1, 1 };
	for (const xmlNode *c = n && n->type == XML_ELEMENT_NODE ? n->children : NULL; c; c = c->next) {
		if (!child && c->type == XML_ELEMENT_NODE)
			child = c;
		if (!text && (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) &&
		    !blank(c->content))
			text = c;
	}
	if (e->code == XM_CONTENT_ELEMENTS && text)
		p = node_pos(ld, text);
	else if (e->code == XM_CONTENT_SIMPLE && child)
		p = node_pos(ld, child);
	/* one message per place (an element, or one of its attributes):
	 * libxml2 adds facet errors after a content error (the missing
	 * attributes of one element are gathered instead) */
	if (e->code != XM_ATTR_REQUIRED) {
		char attr[sizeof ld->last_attr] = "";
		xm_message_attr(msg, attr, sizeof attr);
		if (n ? n == ld->last_node && strcmp(attr, ld->last_attr) == 0
		    : ld->last_valid.line == p.line && ld->last_valid.col == p.col)
			return;
		ld->last_valid = p;
		ld->last_node = n;
		memcpy(ld->last_attr, attr, sizeof attr);
	}
	if (e->domain != XML_FROM_SCHEMASV && e->domain != XML_FROM_SCHEMASP &&
	    e->domain != XML_FROM_VALID && e->domain != XML_FROM_DATATYPE)
		code = MSG_XML_TROUBLE;
	if (code != MSG_SCHEMA_INVALID) {
		report(ld, code, ld->path, p, msg);
		return;
	}
	if (repeated(ld, ld->path, p, msg))
		return;
	if (!ld->xm.schema.read && (e->code == XM_ATTR_NOT_ALLOWED ||
	    e->code == XM_ELEMENT_CONTENT || e->code == XM_NO_ROOT_DECL))
		read_schema_names(ld);
	char en[128], pn[128], cn[128];
	xm_err x = { .code = e->code, .text = msg, .s1 = e->str1, .s2 = e->str2, .i1 = e->int1,
		.pos = p, .elem = elem_name(n, en, sizeof en),
		.parent = elem_name(n ? n->parent : NULL, pn, sizeof pn),
		.child = elem_name(child, cn, sizeof cn), .node = n };
	if (!xm_valid_error(&ld->xm, &x))
		diag_emit(ld->d, code, ld->path, p.line, p.col, "%s", msg);
	ld->nerrors++;
}

static void
on_xml_error(void *ud, xmlErrorPtr e)
{
	xmlsrc *ld = ud;
	enum diag_code code;
	vl_pos p;
	const char *file;

	if (!e || !ld)
		return;
	if (e->code == XML_ERR_USER_STOP || ld->phase == PH_NAMES)
		return;
	char *msg = xm_clean(e->message);
	int warning = e->level == XML_ERR_WARNING;
	switch (ld->phase) {
	case PH_PARSE:
		if (ld->stopped || ld->fatal)
			break;
		code = warning ? MSG_XML_WARNING : MSG_XML_ERROR;
		if (e->level == XML_ERR_FATAL)
			ld->fatal = 1;
		if (e->domain == XML_FROM_IO) /* cannot happen: we parse from memory */
			code = MSG_XML_TROUBLE;
		parse_error(ld, e, msg, code);
		break;
	case PH_SCHEMA:
		code = warning ? MSG_XML_WARNING : MSG_SCHEMA_BROKEN;
		file = e->file ? e->file : ld->xsd_path;
		p = (vl_pos){ e->line > 0 ? (unsigned)e->line : 0, e->int2 > 0 ? (unsigned)e->int2 : 0 };
		report(ld, code, file, p, msg);
		break;
	case PH_VALIDATE:
		valid_error(ld, e, msg, warning ? MSG_XML_WARNING : MSG_SCHEMA_INVALID);
		break;
	case PH_NAMES:
		break;
	}
	free(msg);
}

/* ---- SAX hooks: no DOCTYPE, bounded depth ------------------------------- */

static void
sax_internal_subset(void *ctx, const xmlChar *name, const xmlChar *eid, const xmlChar *sid)
{
	xmlParserCtxtPtr ctxt = ctx;
	xmlsrc *ld = ctxt->_private;
	(void)name;
	(void)eid;
	(void)sid;
	if (!ld->stopped && !ld->fatal) {
		vl_pos p = ld->map.doctype_off != SIZE_MAX ? src_pos(ld, ld->map.doctype_off)
		    : (vl_pos){ (unsigned)ctxt->input->line, (unsigned)ctxt->input->col };
		MSG(DOCTYPE, ld->d, ld->path, p.line, p.col);
		ld->nerrors++;
	}
	ld->stopped = 1;
	xmlStopParser(ctxt);
}

static void
sax_start(void *ctx, const xmlChar *localname, const xmlChar *prefix,
    const xmlChar *URI, int nb_namespaces, const xmlChar **namespaces,
    int nb_attributes, int nb_defaulted, const xmlChar **attributes)
{
	xmlParserCtxtPtr ctxt = ctx;
	xmlsrc *ld = ctxt->_private;
	size_t k = ld->nstarted++;
	if (ld->stopped)
		return;
	if (++ld->depth > VL_MAX_DEPTH) {
		vl_pos p = k < ld->map.nelems ? src_pos(ld, ld->map.elems[k].start)
		    : (vl_pos){ (unsigned)ctxt->input->line, (unsigned)ctxt->input->col };
		if (!ld->fatal) {
			MSG(TOO_DEEP, ld->d, ld->path, p.line, p.col, VL_MAX_DEPTH);
			ld->nerrors++;
		}
		ld->stopped = 1;
		xmlStopParser(ctxt);
		return;
	}
	ld->start_ns(ctx, localname, prefix, URI, nb_namespaces, namespaces,
	    nb_attributes, nb_defaulted, attributes);
}

static void
sax_end(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *URI)
{
	xmlParserCtxtPtr ctxt = ctx;
	xmlsrc *ld = ctxt->_private;
	if (ld->stopped)
		return;
	if (ld->depth)
		ld->depth--;
	ld->end_ns(ctx, localname, prefix, URI);
}


/* ---- the schema --------------------------------------------------------- */

int
xs_validate(xmlsrc *ld, const char *xsd_path)
{
	int ret = -1;
	FILE *f = fopen(xsd_path, "rb");
	if (!f) {
		MSG(SCHEMA_OPEN, ld->d, xsd_path, 0, 0, strerror(errno));
		return -1;
	}
	fclose(f);

	/* the schema and its imports are ours and local: never the network */
	ld->xsd_path = xsd_path;
	xmlSetStructuredErrorFunc(ld, on_xml_error);
	xmlExternalEntityLoader prev_loader = xmlGetExternalEntityLoader();
	xmlSetExternalEntityLoader(xmlNoNetExternalEntityLoader);
	ld->phase = PH_SCHEMA;
	unsigned before = ld->d->nsyserrs;
	xmlSchemaParserCtxtPtr pc = xmlSchemaNewParserCtxt(xsd_path);
	xmlSchemaPtr schema = NULL;
	if (pc) {
		xmlSchemaSetParserStructuredErrors(pc, on_xml_error, ld);
		schema = xmlSchemaParse(pc);
		xmlSchemaFreeParserCtxt(pc);
	}
	xmlSetExternalEntityLoader(prev_loader);
	if (!schema) {
		if (ld->d->nsyserrs == before)
			MSG(SCHEMA_LOAD, ld->d, xsd_path, 0, 0);
		xmlSetStructuredErrorFunc(NULL, NULL);
		return -1;
	}

	ld->phase = PH_VALIDATE;
	xmlSchemaValidCtxtPtr vc = xmlSchemaNewValidCtxt(schema);
	if (!vc)
		diag_oom();
	unsigned nerr = ld->nerrors;
	xmlSchemaSetValidStructuredErrors(vc, on_xml_error, ld);
	/* the violations print in the order of the source (an unknown
	 * attribute comes before the element's missing ones otherwise) */
	bool hold = !ld->d->holding;
	if (hold)
		diag_hold(ld->d);
	int r = xmlSchemaValidateDoc(vc, ld->doc);
	xm_flush(&ld->xm);
	if (r == 0 && ld->nerrors == nerr && ld->d->lint)
		lint_quotes(ld);
	if (hold)
		diag_release(ld->d);
	if (r == 0 && ld->nerrors == nerr)
		ret = 1;
	else if (r > 0 || ld->nerrors > nerr)
		ret = 0;
	else
		MSG(SCHEMA_INTERNAL, ld->d, ld->path, 0, 0, r);
	xmlSchemaFreeValidCtxt(vc);
	xmlSchemaFree(schema);
	xmlSetStructuredErrorFunc(NULL, NULL);
	return ret;
}

/* ---- reading and parsing ------------------------------------------------ */

/* Anything but UTF-8 is refused before libxml2 sees it: a byte order mark
 * or the first bytes of UTF-16 or UCS-4 (libxml2 would convert them), and a
 * declared encoding other than UTF-8 (checked after parsing). */
static int
utf8_only(xmlsrc *ld)
{
	if (ld->len < 2)
		return 1;
	xmlCharEncoding enc = xmlDetectCharEncoding((const unsigned char *)ld->buf,
	    ld->len < 4 ? (int)ld->len : 4);
	if (enc == XML_CHAR_ENCODING_NONE || enc == XML_CHAR_ENCODING_UTF8)
		return 1;
	const char *name = xmlGetCharEncodingName(enc);
	MSG(NOT_UTF8, ld->d, ld->path, 1, 1, name ? name : "an unknown encoding");
	return 0;
}

static int
parse(xmlsrc *ld)
{
	xmlParserCtxtPtr ctxt = xmlCreateMemoryParserCtxt(ld->buf, (int)ld->len);
	if (!ctxt)
		diag_oom();
	ctxt->_private = ld;
	ld->start_ns = ctxt->sax->startElementNs;
	ld->end_ns = ctxt->sax->endElementNs;
	ctxt->sax->startElementNs = sax_start;
	ctxt->sax->endElementNs = sax_end;
	ctxt->sax->internalSubset = sax_internal_subset;
	ctxt->sax->externalSubset = NULL;
	ld->phase = PH_PARSE;
	xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_NOCDATA);
	xmlParseDocument(ctxt);
	xmlDoc *xdoc = ctxt->myDoc;
	ctxt->myDoc = NULL;
	int ok = xdoc && !ld->nerrors && !ld->stopped && ctxt->wellFormed;
	xmlFreeParserCtxt(ctxt);
	if (!ok) {
		if (!ld->nerrors)
			MSG(NOT_WELL_FORMED, ld->d, ld->path, 1, 1);
	} else if (xdoc->intSubset || xdoc->extSubset) { /* cannot happen: the hook stops first */
		MSG(DOCTYPE, ld->d, ld->path, 1, 1);
		ok = 0;
	} else if (xdoc->encoding && xmlStrcasecmp(xdoc->encoding, (const xmlChar *)"UTF-8") != 0) {
		MSG(NOT_UTF8_DECLARED, ld->d, ld->path, 1, 1, (const char *)xdoc->encoding);
		ok = 0;
	}
	if (!ok) {
		xmlFreeDoc(xdoc);
		return 0;
	}
	ld->doc = xdoc;
	return 1;
}

xmlsrc *
xs_open(const char *path, size_t max, diag *d)
{
	xmlsrc *ld = xcalloc(1, sizeof *ld);
	ld->path = path;
	ld->d = d;
	ld->xm.d = d;
	ld->xm.file = path;
	if (strcmp(path, "-") == 0) { /* standard input (stdin.c keeps it) */
		const char *in = stdin_bytes(max, &ld->len, d);
		if (!in)
			goto fail;
		ld->buf = xmalloc(ld->len + 1);
		memcpy(ld->buf, in, ld->len + 1);
	} else {
		ld->buf = file_read(path, NULL, max, &ld->len, d);
	}
	if (!ld->buf)
		goto fail;
	sha256(ld->buf, ld->len, ld->sha256);
	diag_source_text(d, path, ld->buf, ld->len);
	size_t i = 0;
	while (i < ld->len && utf8_is_space((unsigned char)ld->buf[i]))
		i++;
	if (i == ld->len) {
		MSG(EMPTY_DOCUMENT, d, path, 1, 1);
		goto fail;
	}
	if (ld->len > INT32_MAX || !utf8_only(ld))
		goto fail;
	srcmap_scan(&ld->map, ld->buf, ld->len);
	/* every stray libxml2 message comes to us, never straight to stderr */
	xmlSetStructuredErrorFunc(ld, on_xml_error);
	int ok = parse(ld);
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (!ok)
		goto fail;
	attach_positions(ld, ld->doc);
	return ld;
fail:
	xs_free(ld);
	return NULL;
}

void
xs_free(xmlsrc *ld)
{
	if (!ld)
		return;
	if (ld->doc)
		xmlFreeDoc(ld->doc);
	free(ld->buf);
	srcmap_free(&ld->map);
	xm_state_free(&ld->xm);
	free(ld);
}

const unsigned char *
xs_sha256(const xmlsrc *x)
{
	return x->sha256;
}

xmlNode *
xs_root(const xmlsrc *x)
{
	return xmlDocGetRootElement(x->doc);
}

const char *
xs_path(const xmlsrc *x)
{
	return x->path;
}

const char *
xs_bytes(const xmlsrc *x, size_t *len)
{
	*len = x->len;
	return x->buf;
}

vl_pos
xs_pos(xmlsrc *x, const xmlNode *n)
{
	return node_pos(x, n);
}

vl_pos
xs_attr_pos(xmlsrc *x, const xmlNode *el, const char *name)
{
	xmlAttr *at = el && name ? xmlHasNsProp(el, (const xmlChar *)name, NULL) : NULL;
	return node_pos(x, at ? (const xmlNode *)at : el);
}

/* ---- reading the tree --------------------------------------------------- */

int
xs_is(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && n->ns == NULL &&
	    strcmp((const char *)n->name, name) == 0;
}

xmlNode *
xs_child(const xmlNode *n, const char *name)
{
	for (xmlNode *c = n ? n->children : NULL; c; c = c->next)
		if (xs_is(c, name))
			return c;
	return NULL;
}

size_t
xs_count(const xmlNode *n, const char *name)
{
	size_t k = 0;
	for (xmlNode *c = n ? n->children : NULL; c; c = c->next)
		k += (size_t)xs_is(c, name);
	return k;
}

/* A libxml2 string (freed here) into the arena, trimmed or not. */
static const char *
to_arena(arena *a, xmlChar *v, int trim)
{
	if (!v)
		return NULL;
	const char *s = (const char *)v;
	size_t len = strlen(s);
	if (trim) {
		while (utf8_is_space((unsigned char)*s)) {
			s++;
			len--;
		}
		while (len && utf8_is_space((unsigned char)s[len - 1]))
			len--;
	}
	char *r = arena_strndup(a, s, len);
	xmlFree(v);
	return r;
}

const char *
xs_attr(arena *a, const xmlNode *n, const char *name)
{
	return n ? to_arena(a, xmlGetNoNsProp(n, (const xmlChar *)name), 0) : NULL;
}

int
xs_uint(const char *s, const char *end, unsigned max, unsigned *out)
{
	if (!s)
		return 0;
	if (!end)
		end = s + strlen(s);
	if (s == end)
		return 0;
	unsigned v = 0;
	for (; s < end; s++) {
		if (*s < '0' || *s > '9')
			return 0;
		unsigned d = (unsigned)(*s - '0');
		if (d > max || v > (max - d) / 10)
			return 0;
		v = v * 10 + d;
	}
	*out = v;
	return 1;
}

const char *
xs_attr_trim(arena *a, const xmlNode *n, const char *name)
{
	return n ? to_arena(a, xmlGetNoNsProp(n, (const xmlChar *)name), 1) : NULL;
}

const char *
xs_lang(arena *a, const xmlNode *n, const char *inherited)
{
	const char *v = n ? to_arena(a, xmlGetNsProp(n, (const xmlChar *)"lang", XML_XML_NAMESPACE), 0)
	    : NULL;
	return v ? v : inherited;
}
