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
 * end tags, comments, processing instructions) and map the k-th start tag to
 * the k-th element in document order. Every position we print comes from that
 * scan, the same for parse and schema errors and for the builders.
 */
#include "front_int.h"
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

/* Where a markup node lies in the source: start of '<', end of the start tag
 * (just past '>'), end of the whole element (past its end tag). Comments and
 * PIs use start and after only. */
typedef struct srcnode {
	size_t start, in, after;
} srcnode;

enum xs_phase { PH_PARSE, PH_SCHEMA, PH_VALIDATE };

struct xmlsrc {
	const char *path, *xsd_path;
	diag *d;
	char *buf;
	size_t len;
	xmlDoc *doc;
	size_t *lines; /* offsets of line starts; lines[0] is line 1 */
	size_t nlines, caplines;
	srcnode *elems, *comments, *pis;
	size_t nelems, capelems, ncomments, capcomments, npis, cappis;
	size_t doctype_off; /* offset of "<!" of a DOCTYPE, or SIZE_MAX */
	/* characters (UTF-8 lead bytes) before every COL_STEP-th byte, so that a
	 * column is counted from the nearest checkpoint: a source on one line
	 * (generated XML) costs O(COL_STEP) per position, whatever the order
	 * positions are asked in, instead of a rescan of the line */
	size_t *chars;
	/* parse state */
	enum xs_phase phase;
	unsigned depth;
	size_t nstarted;
	int stopped;  /* we stopped the parser (DOCTYPE, depth): no more messages */
	int fatal;    /* a fatal error was printed: no more parser messages */
	unsigned nerrors;
	char lastmsg[1024];
	vl_pos last_valid; /* position of the last schema error printed */
	startElementNsSAX2Func start_ns;
	endElementNsSAX2Func end_ns;
};

/* ---- the source text ---------------------------------------------------- */


static void
push_src(srcnode **arr, size_t *n, size_t *cap, srcnode s)
{
	if (*n == *cap)
		*arr = xgrow(*arr, cap, *n + 1, sizeof **arr);
	(*arr)[(*n)++] = s;
}

static size_t
find_str(const char *buf, size_t len, size_t from, const char *s)
{
	size_t sl = strlen(s);
	for (size_t i = from; i + sl <= len; i++)
		if (buf[i] == s[0] && memcmp(buf + i, s, sl) == 0)
			return i;
	return SIZE_MAX;
}

/* One pass over the raw bytes: line starts and the markup in document order.
 * Only meaningful for a well-formed UTF-8 document; for anything else the
 * tables are merely incomplete, and every use checks its bounds. */
static void
scan_source(xmlsrc *ld)
{
	const char *b = ld->buf;
	size_t n = ld->len, i = 0;
	size_t *stack = NULL, nstack = 0, capstack = 0;

	ld->doctype_off = SIZE_MAX;
	if (n >= 3 && memcmp(b, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	ld->lines = xgrow(NULL, &ld->caplines, 1, sizeof *ld->lines);
	ld->lines[0] = i;
	ld->nlines = 1;
	for (size_t j = i; j < n; j++)
		if (b[j] == '\n') {
			if (ld->nlines == ld->caplines)
				ld->lines = xgrow(ld->lines, &ld->caplines, ld->nlines + 1,
				    sizeof *ld->lines);
			ld->lines[ld->nlines++] = j + 1;
		}

	while (i < n) {
		if (b[i] != '<') {
			i++;
			continue;
		}
		size_t e;
		if (i + 4 <= n && memcmp(b + i, "<!--", 4) == 0) {
			e = find_str(b, n, i + 4, "-->");
			if (e == SIZE_MAX)
				break;
			push_src(&ld->comments, &ld->ncomments, &ld->capcomments,
			    (srcnode){ i, i, e + 3 });
			i = e + 3;
		} else if (i + 9 <= n && memcmp(b + i, "<![CDATA[", 9) == 0) {
			e = find_str(b, n, i + 9, "]]>");
			if (e == SIZE_MAX)
				break;
			i = e + 3;
		} else if (i + 1 < n && b[i + 1] == '?') {
			e = find_str(b, n, i + 2, "?>");
			if (e == SIZE_MAX)
				break;
			/* the XML declaration is no node */
			if (!(i + 5 < n && memcmp(b + i, "<?xml", 5) == 0 && utf8_is_space((unsigned char)b[i + 5])))
				push_src(&ld->pis, &ld->npis, &ld->cappis, (srcnode){ i, i, e + 2 });
			i = e + 2;
		} else if (i + 1 < n && b[i + 1] == '!') {
			ld->doctype_off = i; /* a DOCTYPE: the parse stops there anyway */
			break;
		} else if (i + 1 < n && b[i + 1] == '/') {
			e = find_str(b, n, i, ">");
			if (e == SIZE_MAX)
				break;
			if (nstack)
				ld->elems[stack[--nstack]].after = e + 1;
			i = e + 1;
		} else {
			char q = 0;
			for (e = i + 1; e < n; e++) {
				if (q) {
					if (b[e] == q)
						q = 0;
				} else if (b[e] == '"' || b[e] == '\'') {
					q = b[e];
				} else if (b[e] == '>' || b[e] == '<') {
					break;
				}
			}
			if (e >= n || b[e] != '>')
				break;
			push_src(&ld->elems, &ld->nelems, &ld->capelems,
			    (srcnode){ i, e + 1, e + 1 });
			if (b[e - 1] != '/') {
				if (nstack == capstack)
					stack = xgrow(stack, &capstack, nstack + 1, sizeof *stack);
				stack[nstack++] = ld->nelems - 1;
			}
			i = e + 1;
		}
	}
	free(stack);
}

enum { COL_STEP = 256 };

/* The checkpoints of ld->chars, built once after the scan. */
static void
index_chars(xmlsrc *ld)
{
	size_t n = ld->len / COL_STEP + 1, c = 0;
	ld->chars = xmalloc(n * sizeof *ld->chars);
	for (size_t i = 0; i < ld->len; i++) {
		if (i % COL_STEP == 0)
			ld->chars[i / COL_STEP] = c;
		c += ((unsigned char)ld->buf[i] & 0xC0) != 0x80;
	}
	if (ld->len % COL_STEP == 0)
		ld->chars[ld->len / COL_STEP] = c;
}

/* The number of characters before byte offset off (off <= len). */
static size_t
chars_before(const xmlsrc *ld, size_t off)
{
	size_t c = ld->chars[off / COL_STEP];
	for (size_t i = off - off % COL_STEP; i < off; i++)
		c += ((unsigned char)ld->buf[i] & 0xC0) != 0x80;
	return c;
}

/* Line and column (1-based, columns in characters) of a byte offset: the
 * line by binary search of the line starts, the column from the character
 * checkpoints, both independent of earlier calls. */
static vl_pos
src_pos(xmlsrc *ld, size_t off)
{
	size_t lo = 0, hi = ld->nlines;
	if (off > ld->len)
		off = ld->len;
	while (hi - lo > 1) { /* last line start <= off */
		size_t mid = lo + (hi - lo) / 2;
		if (ld->lines[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	size_t from = ld->lines[lo];
	size_t col = from <= off ? chars_before(ld, off) - chars_before(ld, from) + 1 : 1;
	return (vl_pos){ (unsigned)(lo + 1), col > UINT_MAX ? UINT_MAX : (unsigned)col };
}

static const srcnode *
node_src(const xmlNode *n)
{
	if (!n || (n->type != XML_ELEMENT_NODE && n->type != XML_COMMENT_NODE &&
	    n->type != XML_PI_NODE))
		return NULL;
	return n->_private;
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
		if (n->type == XML_ELEMENT_NODE) {
			if (ie < ld->nelems)
				n->_private = &ld->elems[ie];
			else
				okay = 0;
			ie++;
		} else if (n->type == XML_COMMENT_NODE) {
			if (ic < ld->ncomments)
				n->_private = &ld->comments[ic];
			else
				okay = 0;
			ic++;
		} else if (n->type == XML_PI_NODE) {
			if (ip < ld->npis)
				n->_private = &ld->pis[ip];
			else
				okay = 0;
			ip++;
		}
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
	return okay && ie == ld->nelems;
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

/* libxml2's text without trailing newline, inner newlines as spaces. */
static char *
clean_message(const char *m)
{
	char *s = xmalloc(strlen(m ? m : "") + 1), *o = s;
	for (const char *p = m ? m : ""; *p; p++)
		*o++ = *p == '\n' ? ' ' : *p;
	*o = 0;
	while (o > s && o[-1] == ' ')
		*--o = 0;
	return s;
}

/* Prints libxml2's message text msg as catalogue entry `code`, one whose
 * format is "%s" (XML_WARNING, XML_ERROR, XML_TROUBLE, SCHEMA_BROKEN,
 * SCHEMA_INVALID). */
static void
report(xmlsrc *ld, enum diag_code code, const char *file, vl_pos p, const char *msg)
{
	/* libxml2 repeats itself now and then: print each message once
	 * (compared on its first 1 KiB, which is plenty) */
	char key[sizeof ld->lastmsg];
	snprintf(key, sizeof key, "%s:%u:%u:%s", file, p.line, p.col, msg);
	if (strcmp(ld->lastmsg, key) == 0)
		return;
	memcpy(ld->lastmsg, key, sizeof key);
	diag_emit(ld->d, code, file, p.line, p.col, "%s", msg);
	if (diag_catalogue[code].level != DIAG_WARNING)
		ld->nerrors++;
}

/* libxml2 names xml:lang '{http://www.w3.org/XML/1998/namespace}lang':
 * rewrite it in place as xml:lang (the result is shorter). */
static void
xml_lang_readable(char *msg)
{
	static const char ns[] = "{http://www.w3.org/XML/1998/namespace}";
	char *p;
	while ((p = strstr(msg, ns)) != NULL) {
		memcpy(p, "xml:", 4);
		memmove(p + 4, p + sizeof ns - 1, strlen(p + sizeof ns - 1) + 1);
	}
}

/* Schema messages about an attribute ("Element 'x', attribute 'y': ...")
 * point at the element; find the attribute in its start tag instead. */
static vl_pos
attr_pos_from_message(xmlsrc *ld, const xmlNode *n, const char *msg)
{
	static const char key[] = "', attribute '";
	const char *a = strncmp(msg, "Element '", 9) == 0 ? strstr(msg, key) : NULL;
	if (a && n->type == XML_ELEMENT_NODE) {
		char name[128];
		const char *b = a + sizeof key - 1, *e = strchr(b, '\'');
		if (e && (size_t)(e - b) < sizeof name) {
			memcpy(name, b, (size_t)(e - b));
			name[e - b] = 0;
			const char *local = strchr(name, ':') ? strchr(name, ':') + 1 : name;
			for (xmlAttr *at = n->properties; at; at = at->next) {
				int is_xml = at->ns && at->ns->prefix && strcmp((const char *)at->ns->prefix, "xml") == 0;
				if (strcmp((const char *)at->name, local) == 0 &&
				    (is_xml == (strncmp(name, "xml:", 4) == 0)))
					return node_pos(ld, (const xmlNode *)at);
			}
		}
	}
	return node_pos(ld, n);
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
	if (e->code == XML_ERR_USER_STOP)
		return;
	char *msg = clean_message(e->message);
	int warning = e->level == XML_ERR_WARNING;
	switch (ld->phase) {
	case PH_PARSE:
		if (ld->stopped || ld->fatal)
			break;
		code = warning ? MSG_XML_WARNING : MSG_XML_ERROR;
		if (e->level == XML_ERR_FATAL)
			ld->fatal = 1;
		p = (vl_pos){ e->line > 0 ? (unsigned)e->line : 1, e->int2 > 0 ? (unsigned)e->int2 : 1 };
		if (e->domain == XML_FROM_IO) /* cannot happen: we parse from memory */
			code = MSG_XML_TROUBLE;
		report(ld, code, ld->path, p, msg);
		break;
	case PH_SCHEMA:
		code = warning ? MSG_XML_WARNING : MSG_SCHEMA_BROKEN;
		file = e->file ? e->file : ld->xsd_path;
		p = (vl_pos){ e->line > 0 ? (unsigned)e->line : 0, e->int2 > 0 ? (unsigned)e->int2 : 0 };
		report(ld, code, file, p, msg);
		break;
	case PH_VALIDATE:
		code = warning ? MSG_XML_WARNING : MSG_SCHEMA_INVALID;
		xml_lang_readable(msg);
		if (e->node)
			p = attr_pos_from_message(ld, e->node, msg);
		else
			p = (vl_pos){ e->line > 0 ? (unsigned)e->line : 1, 1 };
		/* one message per place: libxml2 adds facet errors after a content error */
		if (ld->last_valid.line == p.line && ld->last_valid.col == p.col)
			break;
		ld->last_valid = p;
		if (e->domain != XML_FROM_SCHEMASV && e->domain != XML_FROM_SCHEMASP &&
		    e->domain != XML_FROM_VALID && e->domain != XML_FROM_DATATYPE)
			code = MSG_XML_TROUBLE;
		report(ld, code, ld->path, p, msg);
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
		vl_pos p = ld->doctype_off != SIZE_MAX ? src_pos(ld, ld->doctype_off)
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
		vl_pos p = k < ld->nelems ? src_pos(ld, ld->elems[k].start)
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
	int r = xmlSchemaValidateDoc(vc, ld->doc);
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
		MSG(NOT_UTF8, ld->d, ld->path, 1, 1, (const char *)xdoc->encoding);
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
	ld->buf = file_read(path, NULL, max, &ld->len, d);
	if (!ld->buf)
		goto fail;
	size_t i = 0;
	while (i < ld->len && utf8_is_space((unsigned char)ld->buf[i]))
		i++;
	if (i == ld->len) {
		MSG(EMPTY_DOCUMENT, d, path, 1, 1);
		goto fail;
	}
	if (ld->len > INT32_MAX || !utf8_only(ld))
		goto fail;
	scan_source(ld);
	index_chars(ld);
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
	free(ld->lines);
	free(ld->chars);
	free(ld->elems);
	free(ld->comments);
	free(ld->pis);
	free(ld);
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
