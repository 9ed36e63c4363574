/* load.c: reading, parsing and validating the XML source of a Vorlage and
 * building the model (model.h).
 *
 * Safety: the file is read by us (size-limited), parsed from memory with
 * XML_PARSE_NONET and never with NOENT, DTDLOAD, XINCLUDE or HUGE; any
 * DOCTYPE stops the parser at once (no entity is ever declared, so none can be
 * expanded or fetched); nesting deeper than VL_MAX_DEPTH stops the parser.
 * Nothing here recurses on the input's structure: trees are walked with
 * explicit stacks or parent pointers.
 *
 * Positions: libxml2 2.9.14 keeps no columns on nodes (and keeps the line of a
 * start tag's end), so we scan the source text once for the markup (start and
 * end tags, comments, processing instructions) and map the k-th start tag to
 * the k-th element in document order. Every position we print comes from that
 * scan (src_*), the same for schema errors and for the model.
 */
#include "model.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>

/* Where a markup node lies in the source: start of '<', end of the start tag
 * (just past '>'), end of the whole element (past its end tag). Comments and
 * PIs use start and after only. */
typedef struct srcnode {
	size_t start, in, after;
} srcnode;

enum load_phase { PH_PARSE, PH_SCHEMA, PH_VALIDATE };

typedef struct loader {
	const char *path, *xsd_path;
	diag *d;
	char *buf;
	size_t len;
	size_t *lines; /* offsets of line starts; lines[0] is line 1 */
	size_t nlines, caplines;
	srcnode *elems, *comments, *pis;
	size_t nelems, capelems, ncomments, capcomments, npis, cappis;
	size_t doctype_off; /* offset of "<!" of a DOCTYPE, or SIZE_MAX */
	size_t cache_off, cache_line; /* the last position computed, to count */
	unsigned cache_col;           /* columns on from it on long lines */
	struct pidx { const char *id; int i; } *pidx; /* partners sorted by id */
	size_t npidx;
	/* parse state */
	enum load_phase phase;
	unsigned depth;
	size_t nstarted;
	int stopped;  /* we stopped the parser (DOCTYPE, depth): no more messages */
	int fatal;    /* a fatal error was printed: no more parser messages */
	unsigned nerrors;
	char lastmsg[1024];
	vl_pos last_valid; /* position of the last schema error printed */
	startElementNsSAX2Func start_ns;
	endElementNsSAX2Func end_ns;
	internalSubsetSAXFunc int_subset;
	/* model building */
	arena *a;
	vl_doc *doc;
} loader;

/* ---- the source text ---------------------------------------------------- */

static int
is_ws(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

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
scan_source(loader *ld)
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
			if (!(i + 5 < n && memcmp(b + i, "<?xml", 5) == 0 && is_ws((unsigned char)b[i + 5])))
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

/* Line and column (1-based, columns in characters) of a byte offset. */
static vl_pos
src_pos(loader *ld, size_t off)
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
	unsigned col = 1;
	size_t from = ld->lines[lo];
	if (ld->cache_line == lo + 1 && ld->cache_off <= off && ld->cache_off >= from) {
		from = ld->cache_off; /* positions mostly come in document order */
		col = ld->cache_col;
	}
	for (size_t i = from; i < off; i++)
		if (((unsigned char)ld->buf[i] & 0xC0) != 0x80)
			col++;
	ld->cache_off = off;
	ld->cache_line = lo + 1;
	ld->cache_col = col;
	return (vl_pos){ (unsigned)(lo + 1), col };
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
attach_positions(loader *ld, xmlDoc *doc)
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
node_pos(loader *ld, const xmlNode *n)
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
				if (is_ws((unsigned char)c) && memcmp(ld->buf + i + 1, qn, ql) == 0) {
					size_t j = i + 1 + ql;
					while (j < s->in && is_ws((unsigned char)ld->buf[j]))
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
			while (off < ld->len && is_ws((unsigned char)ld->buf[off]))
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

static void
report(loader *ld, enum diag_level lvl, const char *file, vl_pos p, const char *msg)
{
	/* libxml2 repeats itself now and then: print each message once
	 * (compared on its first 1 KiB, which is plenty) */
	char key[sizeof ld->lastmsg];
	snprintf(key, sizeof key, "%s:%u:%u:%s", file, p.line, p.col, msg);
	if (strcmp(ld->lastmsg, key) == 0)
		return;
	memcpy(ld->lastmsg, key, sizeof key);
	diag_at(ld->d, lvl, file, p.line, p.col, "%s", msg);
	if (lvl != DIAG_WARNING)
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
attr_pos_from_message(loader *ld, const xmlNode *n, const char *msg)
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
	loader *ld = ud;
	enum diag_level lvl;
	vl_pos p;
	const char *file;

	if (!e || !ld)
		return;
	if (e->code == XML_ERR_USER_STOP)
		return;
	char *msg = clean_message(e->message);
	switch (ld->phase) {
	case PH_PARSE:
		if (ld->stopped || ld->fatal)
			break;
		lvl = e->level == XML_ERR_WARNING ? DIAG_WARNING : DIAG_ERROR;
		if (e->level == XML_ERR_FATAL)
			ld->fatal = 1;
		p = (vl_pos){ e->line > 0 ? (unsigned)e->line : 1, e->int2 > 0 ? (unsigned)e->int2 : 1 };
		if (e->domain == XML_FROM_IO) /* cannot happen: we parse from memory */
			lvl = DIAG_SYSERR;
		report(ld, lvl, ld->path, p, msg);
		break;
	case PH_SCHEMA:
		lvl = e->level == XML_ERR_WARNING ? DIAG_WARNING : DIAG_SYSERR;
		file = e->file ? e->file : ld->xsd_path;
		p = (vl_pos){ e->line > 0 ? (unsigned)e->line : 0, e->int2 > 0 ? (unsigned)e->int2 : 0 };
		report(ld, lvl, file, p, msg);
		break;
	case PH_VALIDATE:
		lvl = e->level == XML_ERR_WARNING ? DIAG_WARNING : DIAG_ERROR;
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
			lvl = DIAG_SYSERR;
		report(ld, lvl, ld->path, p, msg);
		break;
	}
	free(msg);
}

/* ---- SAX hooks: no DOCTYPE, bounded depth ------------------------------- */

static void
sax_internal_subset(void *ctx, const xmlChar *name, const xmlChar *eid, const xmlChar *sid)
{
	xmlParserCtxtPtr ctxt = ctx;
	loader *ld = ctxt->_private;
	(void)name;
	(void)eid;
	(void)sid;
	if (!ld->stopped && !ld->fatal) {
		vl_pos p = ld->doctype_off != SIZE_MAX ? src_pos(ld, ld->doctype_off)
		    : (vl_pos){ (unsigned)ctxt->input->line, (unsigned)ctxt->input->col };
		report(ld, DIAG_ERROR, ld->path, p,
		    "DOCTYPE not allowed: the format has no DTD and no entities");
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
	loader *ld = ctxt->_private;
	size_t k = ld->nstarted++;
	if (ld->stopped)
		return;
	if (++ld->depth > VL_MAX_DEPTH) {
		vl_pos p = k < ld->nelems ? src_pos(ld, ld->elems[k].start)
		    : (vl_pos){ (unsigned)ctxt->input->line, (unsigned)ctxt->input->col };
		char msg[128];
		snprintf(msg, sizeof msg, "document nested too deeply (more than %d levels)",
		    VL_MAX_DEPTH);
		if (!ld->fatal)
			report(ld, DIAG_ERROR, ld->path, p, msg);
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
	loader *ld = ctxt->_private;
	if (ld->stopped)
		return;
	if (ld->depth)
		ld->depth--;
	ld->end_ns(ctx, localname, prefix, URI);
}

/* ---- reading the file --------------------------------------------------- */

/* Returns 0 on success; prints and returns -1 otherwise.
 * A file larger than VL_MAX_INPUT_BYTES is an invalid document (exit 1): the
 * limit is part of the format's documented limits, the file was readable. */
static int
read_file(loader *ld)
{
	int fd = open(ld->path, O_RDONLY);
	struct stat st;
	if (fd < 0) {
		diag_at(ld->d, DIAG_SYSERR, ld->path, 0, 0, "cannot open: %s", strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) != 0) {
		diag_at(ld->d, DIAG_SYSERR, ld->path, 0, 0, "cannot open: %s", strerror(errno));
		close(fd);
		return -1;
	}
	if (S_ISDIR(st.st_mode)) {
		diag_at(ld->d, DIAG_SYSERR, ld->path, 0, 0, "cannot open: is a directory");
		close(fd);
		return -1;
	}
	if (S_ISREG(st.st_mode) && st.st_size > VL_MAX_INPUT_BYTES) {
		diag_at(ld->d, DIAG_ERROR, ld->path, 0, 0,
		    "document too large: %lld bytes (the limit is %d)",
		    (long long)st.st_size, VL_MAX_INPUT_BYTES);
		close(fd);
		return -1;
	}
	size_t cap = S_ISREG(st.st_mode) ? (size_t)st.st_size + 1 : 65536, len = 0;
	char *buf = xmalloc(cap);
	for (;;) {
		if (len == cap)
			buf = xgrow(buf, &cap, len + 1, 1);
		ssize_t r = read(fd, buf + len, cap - len);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			diag_at(ld->d, DIAG_SYSERR, ld->path, 0, 0, "cannot read: %s", strerror(errno));
			free(buf);
			close(fd);
			return -1;
		}
		if (r == 0)
			break;
		len += (size_t)r;
		if (len > VL_MAX_INPUT_BYTES) {
			diag_at(ld->d, DIAG_ERROR, ld->path, 0, 0,
			    "document too large: more than %d bytes", VL_MAX_INPUT_BYTES);
			free(buf);
			close(fd);
			return -1;
		}
	}
	close(fd);
	ld->buf = buf;
	ld->len = len;
	size_t i = 0;
	while (i < len && is_ws((unsigned char)buf[i]))
		i++;
	if (i == len) {
		diag_at(ld->d, DIAG_ERROR, ld->path, 1, 1, "empty document");
		return -1;
	}
	return 0;
}

/* ---- building the model ------------------------------------------------- */

static int
is_el(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && n->ns == NULL &&
	    strcmp((const char *)n->name, name) == 0;
}

static xmlNode *
child(const xmlNode *n, const char *name)
{
	if (!n)
		return NULL;
	for (xmlNode *c = n->children; c; c = c->next)
		if (is_el(c, name))
			return c;
	return NULL;
}

static size_t
count_children(const xmlNode *n, const char *name)
{
	size_t k = 0;
	if (n)
		for (xmlNode *c = n->children; c; c = c->next)
			k += is_el(c, name);
	return k;
}

/* An attribute's value in the arena, or NULL. */
static const char *
attr(loader *ld, const xmlNode *n, const char *name)
{
	if (!n)
		return NULL;
	xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)name);
	if (!v)
		return NULL;
	char *s = arena_strdup(ld->a, (const char *)v);
	xmlFree(v);
	return s;
}

static const char *
attr_lang(loader *ld, const xmlNode *n, const char *inherited)
{
	xmlChar *v = xmlGetNsProp(n, (const xmlChar *)"lang", XML_XML_NAMESPACE);
	if (!v)
		return inherited;
	char *s = arena_strdup(ld->a, (const char *)v);
	xmlFree(v);
	return s;
}

/* Trimmed copy of an attribute (ids, dates). */
static const char *
attr_trim(loader *ld, const xmlNode *n, const char *name)
{
	const char *v = attr(ld, n, name);
	if (!v)
		return NULL;
	while (is_ws((unsigned char)*v))
		v++;
	size_t l = strlen(v);
	while (l && is_ws((unsigned char)v[l - 1]))
		l--;
	return arena_strndup(ld->a, v, l);
}

static int
cmp_pidx(const void *x, const void *y)
{
	const struct pidx *a = x, *b = y;
	int r = strcmp(a->id, b->id);
	return r ? r : (a->i > b->i) - (a->i < b->i);
}

/* vl_partner_find in O(log n): the first partner of that id. */
static int
find_partner(const loader *ld, const char *id)
{
	size_t lo = 0, hi = ld->npidx;
	if (!id)
		return -1;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(ld->pidx[mid].id, id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < ld->npidx && strcmp(ld->pidx[lo].id, id) == 0 ? ld->pidx[lo].i : -1;
}

/* Splits a whitespace-separated list into the arena. */
static const char **
split_list(loader *ld, const char *s, size_t *n)
{
	size_t k = 0;
	const char **out;
	*n = 0;
	if (!s)
		return NULL;
	for (const char *p = s; *p;) {
		while (*p && is_ws((unsigned char)*p))
			p++;
		if (!*p)
			break;
		k++;
		while (*p && !is_ws((unsigned char)*p))
			p++;
	}
	out = arena_array(ld->a, k ? k : 1, sizeof *out);
	for (const char *p = s; *p;) {
		while (*p && is_ws((unsigned char)*p))
			p++;
		if (!*p)
			break;
		const char *q = p;
		while (*p && !is_ws((unsigned char)*p))
			p++;
		out[(*n)++] = arena_strndup(ld->a, q, (size_t)(p - q));
	}
	return out;
}

static int
digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 1;
}

/* "YYYY-MM-DD" or "YYYY-MM"; anything else leaves year 0 (vl_check reports it). */
static vl_date
parse_date(const char *s, vl_pos pos)
{
	vl_date d = { 0, 0, 0, pos };
	int y, m, dd;
	size_t l = s ? strlen(s) : 0;
	if (l == 7 && digits(s, 4, &y) && s[4] == '-' && digits(s + 5, 2, &m)) {
		d.year = y;
		d.month = m;
	} else if (l == 10 && digits(s, 4, &y) && s[4] == '-' && digits(s + 5, 2, &m) &&
	    s[7] == '-' && digits(s + 8, 2, &dd)) {
		d.year = y;
		d.month = m;
		d.day = dd;
	}
	return d;
}

/* Raw inline content before whitespace collapsing. */
typedef struct rawspan {
	const char *text; /* not NUL-terminated */
	size_t len;
	unsigned flags;
	const char *lang, *ref;
	int partner;
	vl_pos pos;
} rawspan;

typedef struct frame {
	const xmlNode *n;
	unsigned flags;
	const char *lang, *ref;
	int partner;
	vl_pos ppos; /* the partnerRef's position, for its text */
} frame;

static void
push_raw(rawspan **r, size_t *n, size_t *cap, rawspan s)
{
	if (*n == *cap)
		*r = xgrow(*r, cap, *n + 1, sizeof **r);
	(*r)[(*n)++] = s;
}

static int
same_style(const vl_span *a, const vl_span *b)
{
	return a->flags == b->flags && a->partner == b->partner &&
	    strcmp(a->lang, b->lang) == 0 &&
	    ((!a->ref && !b->ref) || (a->ref && b->ref && strcmp(a->ref, b->ref) == 0));
}

/* Flattens the inline content of element e into a paragraph (model.h). */
static vl_para
build_para(loader *ld, const xmlNode *e, const char *lang)
{
	vl_para para = { NULL, 0, node_pos(ld, e) };
	rawspan *raw = NULL;
	size_t nraw = 0, capraw = 0;
	frame *st = NULL;
	size_t nst = 0, capst = 0;
	const xmlNode *n;

	if (!e)
		return para;
	st = xgrow(st, &capst, 1, sizeof *st);
	st[nst++] = (frame){ e, 0, attr_lang(ld, e, lang), NULL, -1, { 0, 0 } };
	n = e->children;
	for (;;) {
		while (!n) {
			frame f = st[--nst];
			if (nst == 0)
				goto done;
			if (f.flags & VL_SPAN_QUOTE && is_el(f.n, "zitat"))
				push_raw(&raw, &nraw, &capraw, (rawspan){ "", 0,
				    st[nst - 1].flags | VL_SPAN_QUOTE_CLOSE, f.lang, NULL, -1,
				    node_pos(ld, f.n) });
			n = f.n->next;
		}
		const frame *top = &st[nst - 1];
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			const char *t = n->content ? (const char *)n->content : "";
			push_raw(&raw, &nraw, &capraw, (rawspan){ t, strlen(t), top->flags,
			    top->lang, top->ref, top->partner,
			    top->flags & VL_SPAN_PARTNER ? top->ppos : node_pos(ld, n) });
		} else if (n->type == XML_ELEMENT_NODE) {
			if (is_el(n, "festesLeerzeichen") || is_el(n, "trennstelle")) {
				push_raw(&raw, &nraw, &capraw, (rawspan){
				    is_el(n, "festesLeerzeichen") ? "\xC2\xA0" : "\xC2\xAD", 2,
				    top->flags, attr_lang(ld, n, top->lang), top->ref,
				    top->partner, node_pos(ld, n) });
			} else {
				frame f = *top;
				f.n = n;
				f.lang = attr_lang(ld, n, top->lang);
				if (is_el(n, "partnerRef")) {
					f.flags |= VL_SPAN_PARTNER;
					f.ref = attr_trim(ld, n, "ref");
					f.partner = find_partner(ld, f.ref);
					f.ppos = node_pos(ld, n);
				} else if (is_el(n, "betont")) {
					f.flags |= VL_SPAN_EMPH;
				} else if (is_el(n, "wichtig")) {
					f.flags |= VL_SPAN_STRONG;
				} else if (is_el(n, "zitat")) {
					push_raw(&raw, &nraw, &capraw, (rawspan){ "", 0,
					    top->flags | VL_SPAN_QUOTE_OPEN, f.lang, NULL, -1,
					    node_pos(ld, n) });
					f.flags |= VL_SPAN_QUOTE;
				}
				if (nst == capst)
					st = xgrow(st, &capst, nst + 1, sizeof *st);
				st[nst++] = f;
				n = n->children;
				continue;
			}
		}
		n = n->next;
	}
done:
	free(st);

	/* collapse whitespace across spans; trim at both ends */
	vl_span *sp = arena_array(ld->a, nraw ? nraw : 1, sizeof *sp);
	size_t nsp = 0;
	int last_space = 1;
	char *tmp = NULL;
	size_t captmp = 0;
	for (size_t i = 0; i < nraw; i++) {
		const rawspan *r = &raw[i];
		size_t o = 0;
		tmp = xgrow(tmp, &captmp, r->len + 1, 1);
		for (size_t j = 0; j < r->len; j++) {
			unsigned char c = (unsigned char)r->text[j];
			if (is_ws(c)) {
				if (!last_space)
					tmp[o++] = ' ';
				last_space = 1;
			} else {
				tmp[o++] = (char)c;
				last_space = 0;
			}
		}
		int marker = (r->flags & (VL_SPAN_QUOTE_OPEN | VL_SPAN_QUOTE_CLOSE)) != 0;
		if (o == 0 && !marker)
			continue;
		sp[nsp++] = (vl_span){ arena_strndup(ld->a, tmp, o), o, r->flags,
		    r->lang ? r->lang : "de", r->partner, r->pos, r->ref };
	}
	free(tmp);
	free(raw);
	/* the trailing space, possibly in an earlier span */
	for (size_t i = nsp; i-- > 0;) {
		if (sp[i].len == 0)
			continue;
		if (sp[i].text[sp[i].len - 1] == ' ')
			((char *)sp[i].text)[--sp[i].len] = 0;
		break;
	}
	/* drop emptied text spans, merge neighbours of the same style */
	size_t k = 0;
	for (size_t i = 0; i < nsp; i++) {
		int marker = (sp[i].flags & (VL_SPAN_QUOTE_OPEN | VL_SPAN_QUOTE_CLOSE)) != 0;
		if (!marker && sp[i].len == 0)
			continue;
		if (!marker && k > 0 && !(sp[k - 1].flags & (VL_SPAN_QUOTE_OPEN | VL_SPAN_QUOTE_CLOSE)) &&
		    same_style(&sp[k - 1], &sp[i])) {
			char *m = arena_alloc(ld->a, sp[k - 1].len + sp[i].len + 1);
			memcpy(m, sp[k - 1].text, sp[k - 1].len);
			memcpy(m + sp[k - 1].len, sp[i].text, sp[i].len + 1);
			sp[k - 1].text = m;
			sp[k - 1].len += sp[i].len;
			continue;
		}
		sp[k++] = sp[i];
	}
	para.spans = sp;
	para.nspans = k;
	return para;
}

/* The plain text of an element's content (collapsed), for metadata. */
static const char *
plain_text(loader *ld, const xmlNode *e, vl_pos *pos)
{
	if (!e)
		return NULL;
	vl_para p = build_para(ld, e, "de");
	size_t len = 0;
	for (size_t i = 0; i < p.nspans; i++)
		len += p.spans[i].len;
	char *s = arena_alloc(ld->a, len + 1), *o = s;
	for (size_t i = 0; i < p.nspans; i++) {
		memcpy(o, p.spans[i].text, p.spans[i].len);
		o += p.spans[i].len;
	}
	*o = 0;
	if (pos)
		*pos = p.pos;
	return s;
}

/* All <name> children of e as paragraphs. */
static vl_para *
build_paras(loader *ld, const xmlNode *e, const char *name, const char *lang, size_t *n)
{
	size_t k = count_children(e, name);
	vl_para *ps = arena_array(ld->a, k ? k : 1, sizeof *ps);
	*n = 0;
	if (!e)
		return ps;
	for (xmlNode *c = e->children; c; c = c->next)
		if (is_el(c, name))
			ps[(*n)++] = build_para(ld, c, lang);
	return ps;
}

static void
build_meta(loader *ld, const xmlNode *root)
{
	vl_meta *m = &ld->doc->meta;
	const xmlNode *md = child(root, "metadaten"), *e;
	const char *wp = attr_trim(ld, root, "wahlperiode");

	m->wahlperiode = wp ? atoi(wp) : 0;
	m->number = attr_trim(ld, root, "nummer");
	m->distribution = attr_trim(ld, root, "verteiler");
	xmlAttr *na = xmlHasProp(root, (const xmlChar *)"nummer");
	m->number_pos = node_pos(ld, na ? (const xmlNode *)na : root);

	e = child(md, "datum");
	m->date_text = plain_text(ld, e, &m->date_pos);
	m->date = parse_date(attr_trim(ld, e, "wert"), m->date_pos);

	e = child(md, "absender");
	m->nsender = count_children(e, "zeile");
	m->sender = arena_array(ld->a, m->nsender ? m->nsender : 1, sizeof *m->sender);
	size_t k = 0;
	if (e)
		for (xmlNode *c = e->children; c; c = c->next)
			if (is_el(c, "zeile"))
				m->sender[k++] = plain_text(ld, c, NULL);

	m->minister = plain_text(ld, child(md, "minister"), NULL);
	m->addressee = plain_text(ld, child(md, "adressat"), NULL);
	e = child(md, "anfrage");
	m->requester = plain_text(ld, e, NULL);
	m->faction = attr_trim(ld, e, "fraktion");
	e = child(md, "ausschuss");
	m->committee = plain_text(ld, e, &m->meeting_pos);
	m->meeting = parse_date(attr_trim(ld, e, "sitzung"), m->meeting_pos);
	m->title = plain_text(ld, child(md, "titel"), NULL);
	e = child(md, "berichtsmonat");
	m->report_month_text = plain_text(ld, e, &m->report_month_pos);
	m->report_month = parse_date(attr_trim(ld, e, "wert"), m->report_month_pos);
}

static void
build_partners(loader *ld, const xmlNode *root)
{
	vl_doc *doc = ld->doc;
	const xmlNode *pv = child(root, "partnerverzeichnis");
	size_t n = count_children(pv, "partner");
	doc->partners = arena_array(ld->a, n ? n : 1, sizeof *doc->partners);
	if (!pv)
		return;
	for (xmlNode *c = pv->children; c; c = c->next) {
		if (!is_el(c, "partner"))
			continue;
		vl_partner *p = &doc->partners[doc->npartners++];
		p->id = attr_trim(ld, c, "id");
		p->name = plain_text(ld, c, &p->pos);
		const char *art = attr_trim(ld, c, "art");
		p->kind = VL_PK_STAAT;
		for (int i = 0; i < VL_PK_COUNT; i++)
			if (art && strcmp(art, vl_partner_kind_names[i]) == 0)
				p->kind = (enum vl_partner_kind)i;
		p->countries = split_list(ld, attr(ld, c, "land"), &p->ncountries);
		const char *hk = attr_trim(ld, c, "hauptkooperationspartner");
		p->main_partner = hk && (strcmp(hk, "true") == 0 || strcmp(hk, "1") == 0);
	}
	ld->pidx = arena_array(ld->a, doc->npartners ? doc->npartners : 1, sizeof *ld->pidx);
	for (size_t i = 0; i < doc->npartners; i++)
		if (doc->partners[i].id)
			ld->pidx[ld->npidx++] = (struct pidx){ doc->partners[i].id, (int)i };
	qsort(ld->pidx, ld->npidx, sizeof *ld->pidx, cmp_pidx);
}

static void
build_letter(loader *ld, const xmlNode *root, const char *lang)
{
	vl_letter *l = &ld->doc->letter;
	const xmlNode *an = child(root, "anschreiben"), *e;
	lang = an ? attr_lang(ld, an, lang) : lang;
	e = child(an, "empfaenger");
	l->recipient = build_paras(ld, e, "zeile", e ? attr_lang(ld, e, lang) : lang,
	    &l->nrecipient);
	l->salutation = build_para(ld, child(an, "anrede"), lang);
	l->paras = build_paras(ld, an, "absatz", lang, &l->nparas);
	l->closing = build_para(ld, child(an, "gruss"), lang);
	e = child(an, "unterschrift");
	l->signature_image = attr_trim(ld, e, "bild");
	l->signature_desc = plain_text(ld, child(e, "beschreibung"), NULL);
	l->signer = plain_text(ld, child(e, "name"), NULL);
	l->signature_pos = node_pos(ld, e);
}

static void
build_agreement(loader *ld, const xmlNode *e, const char *lang, vl_agreement *g)
{
	const xmlNode *d;
	lang = attr_lang(ld, e, lang);
	g->pos = node_pos(ld, e);
	g->id = attr_trim(ld, e, "id");
	g->title = build_para(ld, child(e, "titel"), lang);
	d = child(e, "datum");
	g->date_text = plain_text(ld, d, &g->date.pos);
	g->date = parse_date(attr_trim(ld, d, "wert"), d ? node_pos(ld, d) : g->pos);
	g->party_ids = split_list(ld, attr(ld, e, "parteien"), &g->nparties);
	g->parties = arena_array(ld->a, g->nparties ? g->nparties : 1, sizeof *g->parties);
	for (size_t i = 0; i < g->nparties; i++)
		g->parties[i] = find_partner(ld, g->party_ids[i]);
	g->paras = build_paras(ld, e, "absatz", lang, &g->nparas);
}

static void
build_group(loader *ld, const xmlNode *e, const char *lang, vl_group *g)
{
	const xmlNode *in;
	size_t k = 0;
	lang = attr_lang(ld, e, lang);
	g->pos = node_pos(ld, e);
	g->id = attr_trim(ld, e, "id");
	in = child(e, "einleitung");
	g->intro = build_paras(ld, in, "absatz", in ? attr_lang(ld, in, lang) : lang, &g->nintro);
	g->nparts = count_children(e, "teil");
	g->parts = arena_array(ld->a, g->nparts ? g->nparts : 1, sizeof *g->parts);
	for (xmlNode *c = e->children; c; c = c->next) {
		if (!is_el(c, "teil"))
			continue;
		vl_group_part *p = &g->parts[k++];
		p->pos = node_pos(ld, c);
		p->partner_id = attr_trim(ld, c, "partner");
		p->partner = find_partner(ld, p->partner_id);
		p->paras = build_paras(ld, c, "absatz", attr_lang(ld, c, lang), &p->nparas);
	}
}

static void
build_report(loader *ld, const xmlNode *root, const char *lang)
{
	vl_report *r = &ld->doc->report;
	const xmlNode *b = child(root, "bericht"), *e;
	size_t k = 0;
	lang = b ? attr_lang(ld, b, lang) : lang;

	e = child(b, "titelblatt");
	const char *tlang = e ? attr_lang(ld, e, lang) : lang;
	r->ntitle_page = count_children(e, "zeile");
	r->title_page = arena_array(ld->a, r->ntitle_page ? r->ntitle_page : 1, sizeof *r->title_page);
	if (e)
		for (xmlNode *c = e->children; c; c = c->next) {
			if (!is_el(c, "zeile"))
				continue;
			vl_title_line *t = &r->title_page[k++];
			t->text = build_para(ld, c, tlang);
			const char *g = attr_trim(ld, c, "groesse"), *ab = attr_trim(ld, c, "abstand");
			t->size = g && strcmp(g, "gross") == 0 ? VL_TITLE_LARGE : VL_TITLE_NORMAL;
			t->space_before = ab && strcmp(ab, "vor") == 0;
		}
	r->heading = build_para(ld, child(b, "ueberschrift"), lang);
	e = child(b, "einleitung");
	r->intro = build_paras(ld, e, "absatz", e ? attr_lang(ld, e, lang) : lang, &r->nintro);
	e = child(b, "frage");
	r->question_label = attr(ld, e, "titel");
	r->question = build_paras(ld, e, "absatz", e ? attr_lang(ld, e, lang) : lang, &r->nquestion);
	e = child(b, "antwort");
	r->answer_label = attr(ld, e, "titel");
	const char *alang = e ? attr_lang(ld, e, lang) : lang;
	size_t n = count_children(e, "absatz") + count_children(e, "vereinbarung") +
	    count_children(e, "gruppe") + count_children(e, "seitenumbruch");
	r->answer = arena_array(ld->a, n ? n : 1, sizeof *r->answer);
	if (e)
		for (xmlNode *c = e->children; c; c = c->next) {
			vl_item *it = &r->answer[r->nanswer];
			if (is_el(c, "absatz")) {
				it->kind = VL_ITEM_PARA;
				it->u.para = build_para(ld, c, alang);
			} else if (is_el(c, "vereinbarung")) {
				it->kind = VL_ITEM_AGREEMENT;
				build_agreement(ld, c, alang, &it->u.agreement);
			} else if (is_el(c, "gruppe")) {
				it->kind = VL_ITEM_GROUP;
				build_group(ld, c, alang, &it->u.group);
			} else if (is_el(c, "seitenumbruch")) {
				it->kind = VL_ITEM_PAGEBREAK;
			} else {
				continue;
			}
			it->pos = node_pos(ld, c);
			r->nanswer++;
		}
}

static vl_doc *
build_doc(loader *ld, xmlDoc *xdoc)
{
	xmlNode *root = xmlDocGetRootElement(xdoc);
	ld->a = arena_new();
	ld->doc = arena_zalloc(ld->a, sizeof *ld->doc);
	ld->doc->arena = ld->a;
	ld->doc->path = arena_strdup(ld->a, ld->path);
	const char *lang = attr_lang(ld, root, "de");
	ld->doc->lang = lang;
	build_partners(ld, root);
	build_meta(ld, root);
	build_letter(ld, root, lang);
	build_report(ld, root, lang);
	return ld->doc;
}

/* ---- the schema --------------------------------------------------------- */

/* Returns 1 valid, 0 invalid, -1 trouble (printed). */
static int
validate(loader *ld, xmlDoc *xdoc)
{
	int ret = -1;
	FILE *f = fopen(ld->xsd_path, "rb");
	if (!f) {
		diag_at(ld->d, DIAG_SYSERR, ld->xsd_path, 0, 0, "cannot open schema: %s",
		    strerror(errno));
		return -1;
	}
	fclose(f);

	/* the schema and its imports are ours and local: never the network */
	xmlExternalEntityLoader prev_loader = xmlGetExternalEntityLoader();
	xmlSetExternalEntityLoader(xmlNoNetExternalEntityLoader);
	ld->phase = PH_SCHEMA;
	unsigned before = ld->d->nsyserrs;
	xmlSchemaParserCtxtPtr pc = xmlSchemaNewParserCtxt(ld->xsd_path);
	xmlSchemaPtr schema = NULL;
	if (pc) {
		xmlSchemaSetParserStructuredErrors(pc, on_xml_error, ld);
		schema = xmlSchemaParse(pc);
		xmlSchemaFreeParserCtxt(pc);
	}
	xmlSetExternalEntityLoader(prev_loader);
	if (!schema) {
		if (ld->d->nsyserrs == before)
			diag_at(ld->d, DIAG_SYSERR, ld->xsd_path, 0, 0, "cannot load the schema");
		return -1;
	}

	ld->phase = PH_VALIDATE;
	xmlSchemaValidCtxtPtr vc = xmlSchemaNewValidCtxt(schema);
	if (vc) {
		unsigned nerr = ld->nerrors;
		xmlSchemaSetValidStructuredErrors(vc, on_xml_error, ld);
		int r = xmlSchemaValidateDoc(vc, xdoc);
		if (r == 0 && ld->nerrors == nerr)
			ret = 1;
		else if (r > 0 || ld->nerrors > nerr)
			ret = 0;
		else
			diag_at(ld->d, DIAG_SYSERR, ld->path, 0, 0, "schema validation failed (internal error %d)", r);
		xmlSchemaFreeValidCtxt(vc);
	}
	xmlSchemaFree(schema);
	return ret;
}

/* ---- vl_load ------------------------------------------------------------ */

static void
loader_free(loader *ld)
{
	free(ld->buf);
	free(ld->lines);
	free(ld->elems);
	free(ld->comments);
	free(ld->pis);
}

vl_doc *
vl_load(const char *path, const char *xsd_path, diag *d)
{
	loader ld;
	vl_doc *doc = NULL;
	xmlDoc *xdoc = NULL;
	xmlParserCtxtPtr ctxt = NULL;
	int hooked = 0;

	memset(&ld, 0, sizeof ld);
	ld.path = path;
	ld.xsd_path = xsd_path;
	ld.d = d;
	if (read_file(&ld) != 0)
		goto out;
	scan_source(&ld);

	/* every stray libxml2 message comes to us, never straight to stderr */
	xmlSetStructuredErrorFunc(&ld, on_xml_error);
	hooked = 1;
	if (ld.len > INT32_MAX)
		goto out;
	ctxt = xmlCreateMemoryParserCtxt(ld.buf, (int)ld.len);
	if (!ctxt)
		diag_oom();
	ctxt->_private = &ld;
	ld.start_ns = ctxt->sax->startElementNs;
	ld.end_ns = ctxt->sax->endElementNs;
	ld.int_subset = ctxt->sax->internalSubset;
	ctxt->sax->startElementNs = sax_start;
	ctxt->sax->endElementNs = sax_end;
	ctxt->sax->internalSubset = sax_internal_subset;
	ctxt->sax->externalSubset = NULL;
	ld.phase = PH_PARSE;
	xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_NOCDATA);
	xmlParseDocument(ctxt);
	xdoc = ctxt->myDoc;
	ctxt->myDoc = NULL;
	if (!xdoc || ld.nerrors || ld.stopped || !ctxt->wellFormed) {
		if (!ld.nerrors)
			diag_at(d, DIAG_ERROR, path, 1, 1, "not a well-formed XML document");
		goto out;
	}
	if (xdoc->intSubset || xdoc->extSubset) { /* cannot happen: the hook stops first */
		diag_at(d, DIAG_ERROR, path, 1, 1, "DOCTYPE not allowed: the format has no DTD and no entities");
		goto out;
	}
	if (xdoc->encoding && xmlStrcasecmp(xdoc->encoding, (const xmlChar *)"UTF-8") != 0) {
		diag_at(d, DIAG_ERROR, path, 1, 1, "the document must be encoded in UTF-8, not %s",
		    (const char *)xdoc->encoding);
		goto out;
	}
	attach_positions(&ld, xdoc);
	if (validate(&ld, xdoc) != 1)
		goto out;
	doc = build_doc(&ld, xdoc);
out:
	if (hooked)
		xmlSetStructuredErrorFunc(NULL, NULL);
	if (xdoc)
		xmlFreeDoc(xdoc);
	if (ctxt)
		xmlFreeParserCtxt(ctxt);
	loader_free(&ld);
	return doc;
}
