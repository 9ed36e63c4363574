/* template.c: loading a layout template (templates/NAME.xml): parse with libxml2
 * (no network, no DTD: a DOCTYPE is rejected), validate against
 * templates/template.xsd, fill vl_template, then check the resource files
 * and what the schema cannot say (boxes inside the page, zones apart, …).
 *
 * Diagnostics: a template that is not well-formed, violates the schema or
 * fails a semantic check is invalid (DIAG_ERROR, exit 1); a missing or
 * unreadable template, schema, font, dictionary or ICC profile is trouble
 * (DIAG_SYSERR, exit 2). Every message about the template carries
 * FILE:LINE:COL of the start tag (or the attribute) concerned: libxml2 gives
 * schema errors a line only, so the parser records each element's byte
 * offset (record_info) and the column is computed from the source text.
 *
 * The loader walks the tree at a fixed depth that the schema prescribes: no
 * recursion on anything the input controls. */
#include "template.h"
#include "file.h"

#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
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

#include "res.h"

#define TPL_MAX_BYTES (1 << 20)
#define TPL_MAX_ERRORS 50  /* schema errors printed at most */

typedef struct loader {
	vl_template *t;
	diag *d;
	const char *path;         /* the template, as given (for messages) */
	char *src;                /* its bytes (for columns) */
	size_t len;
	xmlParserCtxtPtr ctxt;    /* kept for the node positions */
	bool doctype;             /* a DOCTYPE was seen (parsing stopped there) */
	bool parse_reported;      /* the first parse error has been printed */
	const char *xsd_path;     /* the schema, as given (for messages) */
	bool xsd_reported;        /* the schema's first parse error has been printed */
	unsigned errors;          /* DIAG_ERROR + DIAG_SYSERR printed by the loader */
} loader;

/* ---------------------------------------------------------------- */
/* Positions                                                         */
/* ---------------------------------------------------------------- */

/* Line and column (1-based, counted in characters) of byte offset off. */
static void
pos_of(const loader *L, size_t off, unsigned *line, unsigned *col)
{
	unsigned ln = 1, c = 1;
	if (off > L->len)
		off = L->len;
	for (size_t i = 0; i < off; i++) {
		unsigned char ch = (unsigned char)L->src[i];
		if (ch == '\n') {
			ln++;
			c = 1;
		} else if ((ch & 0xC0) != 0x80) {
			c++;
		}
	}
	*line = ln;
	*col = c;
}

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Byte offset of the start tag of an element, or (size_t)-1 when unknown. */
static size_t
node_offset(const loader *L, const xmlNode *n)
{
	if (!L->ctxt || !n)
		return (size_t)-1;
	const xmlParserNodeInfo *ni = xmlParserFindNodeInfo(L->ctxt, (xmlNodePtr)n);
	if (!ni || ni->begin_pos >= L->len || L->src[ni->begin_pos] != '<')
		return (size_t)-1;
	return ni->begin_pos;
}

/* Offset of attribute `attr` inside the start tag at `tag`, or (size_t)-1. */
static size_t
attr_offset(const loader *L, size_t tag, const char *attr)
{
	size_t i = tag + 1, alen = strlen(attr);
	while (i < L->len && !is_space(L->src[i]) && L->src[i] != '>' && L->src[i] != '/')
		i++;  /* the element's name */
	for (;;) {
		while (i < L->len && is_space(L->src[i]))
			i++;
		if (i >= L->len || L->src[i] == '>' || L->src[i] == '/')
			return (size_t)-1;
		size_t name = i;
		while (i < L->len && L->src[i] != '=' && !is_space(L->src[i]) && L->src[i] != '>')
			i++;
		if (i - name == alen && memcmp(L->src + name, attr, alen) == 0)
			return name;
		while (i < L->len && L->src[i] != '"' && L->src[i] != '\'')
			i++;  /* to the value */
		if (i >= L->len)
			return (size_t)-1;
		char q = L->src[i++];
		while (i < L->len && L->src[i] != q)
			i++;
		i++;
	}
}

/* Where to point for node n (an element or an attribute) and, optionally, an
 * attribute of an element. */
static void
locate(const loader *L, const xmlNode *n, const char *attr, unsigned *line, unsigned *col)
{
	*line = 0;
	*col = 0;
	if (!n)
		return;
	if (n->type == XML_ATTRIBUTE_NODE) {
		attr = (const char *)n->name;
		n = n->parent;
		if (!n)
			return;
	}
	size_t off = node_offset(L, n);
	if (off == (size_t)-1) {
		long l = xmlGetLineNo(n);
		*line = l > 0 ? (unsigned)l : 0;
		return;
	}
	if (attr) {
		size_t a = attr_offset(L, off, attr);
		if (a != (size_t)-1)
			off = a;
	}
	pos_of(L, off, line, col);
}

/* An error about node n (and attribute attr of it, or NULL). */
static void
err_at(loader *L, const xmlNode *n, const char *attr, enum diag_level lvl,
    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static void
err_at(loader *L, const xmlNode *n, const char *attr, enum diag_level lvl,
    const char *fmt, ...)
{
	unsigned line, col;
	locate(L, n, attr, &line, &col);
	va_list ap;
	va_start(ap, fmt);
	diag_vat(L->d, lvl, L->path, line, col, fmt, ap);
	va_end(ap);
	if (lvl != DIAG_WARNING)
		L->errors++;
}

/* libxml2's messages end in a newline. */
static const char *
trim_message(arena *a, const char *msg)
{
	if (!msg)
		return "unknown error";
	size_t n = strlen(msg);
	while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		n--;
	return arena_strndup(a, msg, n);
}

/* ---------------------------------------------------------------- */
/* libxml2 callbacks                                                 */
/* ---------------------------------------------------------------- */

static void
on_parse_error(void *ctx, xmlErrorPtr e)
{
	xmlParserCtxtPtr c = ctx;
	loader *L = c->_private;
	if (!L || !e)
		return;
	if (e->level == XML_ERR_WARNING) {
		diag_at(L->d, DIAG_WARNING, L->path, (unsigned)e->line, (unsigned)e->int2, "%s",
		    trim_message(L->t->arena, e->message));
		return;
	}
	if (L->parse_reported || L->doctype)
		return;  /* the first error is the one that counts */
	L->parse_reported = true;
	L->errors++;
	diag_at(L->d, DIAG_ERROR, L->path, (unsigned)e->line,
	    e->int2 > 0 ? (unsigned)e->int2 : 1, "%s", trim_message(L->t->arena, e->message));
}

/* Called at <!DOCTYPE …> before its internal subset is read: stop there, so
 * that no entity or other declaration is ever processed. */
static void
on_doctype(void *ctx, const xmlChar *name, const xmlChar *ext, const xmlChar *sys)
{
	(void)name;
	(void)ext;
	(void)sys;
	xmlParserCtxtPtr c = ctx;
	loader *L = c->_private;
	L->doctype = true;
	xmlStopParser(c);
}

static void
on_schema_error(void *ctx, xmlErrorPtr e)
{
	loader *L = ctx;
	if (!e)
		return;
	if (L->errors >= TPL_MAX_ERRORS) {
		L->errors++;  /* enough said; spare the column search */
		return;
	}
	const char *msg = trim_message(L->t->arena, e->message);
	if (e->domain == XML_FROM_SCHEMASV) {
		enum diag_level lvl = e->level == XML_ERR_WARNING ? DIAG_WARNING : DIAG_ERROR;
		if (e->node) {
			/* "Element 'x', attribute 'y': …": point at the attribute */
			const char *a = strstr(msg, "', attribute '");
			const char *attr_name = NULL;
			if (a && strncmp(msg, "Element '", 9) == 0) {
				a += strlen("', attribute '");
				const char *end = strchr(a, '\'');
				if (end)
					attr_name = arena_strndup(L->t->arena, a, (size_t)(end - a));
			}
			err_at(L, e->node, attr_name, lvl, "%s", msg);
		} else {
			diag_at(L->d, lvl, L->path, (unsigned)e->line, 1, "%s", msg);
			if (lvl != DIAG_WARNING)
				L->errors++;
		}
		return;
	}
	/* the schema itself is broken: not the template's fault */
	diag_at(L->d, e->level == XML_ERR_WARNING ? DIAG_WARNING : DIAG_SYSERR,
	    L->xsd_path, (unsigned)e->line, (unsigned)e->int2, "%s", msg);
	if (e->level != XML_ERR_WARNING)
		L->errors++;
}

/* ---------------------------------------------------------------- */
/* Reading                                                           */
/* ---------------------------------------------------------------- */

/* Reads a whole regular file (at most TPL_MAX_BYTES) into the arena. */
static char *
read_file(loader *L, const char *path, const char *what, size_t *len)
{
	char *buf = file_read(path, what, TPL_MAX_BYTES, len, L->d);
	if (!buf) {
		L->errors++;
		return NULL;
	}
	char *copy = arena_strndup(L->t->arena, buf, *len);
	free(buf);
	return copy;
}

static xmlDocPtr
parse(loader *L)
{
	L->src = read_file(L, L->path, "template", &L->len);
	if (!L->src)
		return NULL;
	if (L->len == 0) {
		diag_at(L->d, DIAG_ERROR, L->path, 1, 1, "empty template");
		L->errors++;
		return NULL;
	}
	xmlParserCtxtPtr c = xmlCreateMemoryParserCtxt(L->src, (int)L->len);
	if (!c)
		diag_oom();
	L->ctxt = c;
	xmlCtxtUseOptions(c, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	c->_private = L;
	c->record_info = 1;
	c->sax->serror = on_parse_error;
	c->sax->internalSubset = on_doctype;
	c->sax->externalSubset = NULL;
	if (!c->input->filename)
		c->input->filename = (char *)xmlStrdup((const xmlChar *)L->path);
	xmlParseDocument(c);
	xmlDocPtr doc = c->myDoc;
	c->myDoc = NULL;
	if (L->doctype) {
		/* point at "<!DOCTYPE" (the parser stopped right after it) */
		const char *p = strstr(L->src, "<!DOCTYPE");
		unsigned line = 1, col = 1;
		if (p)
			pos_of(L, (size_t)(p - L->src), &line, &col);
		diag_at(L->d, DIAG_ERROR, L->path, line, col,
		    "DOCTYPE not allowed in a template (no DTD is ever read)");
		L->errors++;
	} else if (!c->wellFormed && !L->parse_reported) {
		diag_at(L->d, DIAG_ERROR, L->path, 1, 1, "not well-formed XML");
		L->errors++;
	}
	if (L->doctype || !c->wellFormed || !doc) {
		xmlFreeDoc(doc);
		return NULL;
	}
	return doc;
}

/* The schema's own parse errors: the installation's trouble, not the template's. */
static void
on_xsd_parse_error(void *ctx, xmlErrorPtr e)
{
	xmlParserCtxtPtr c = ctx;
	loader *L = c->_private;
	if (!L || !e || e->level == XML_ERR_WARNING || L->xsd_reported)
		return;
	L->xsd_reported = true;
	L->errors++;
	diag_at(L->d, DIAG_SYSERR, L->xsd_path, (unsigned)e->line,
	    e->int2 > 0 ? (unsigned)e->int2 : 1, "%s", trim_message(L->t->arena, e->message));
}

/* Parses the schema document itself, without network, with errors through diag. */
static xmlDocPtr
parse_xsd(loader *L, const char *buf, size_t n)
{
	if (n == 0) {
		diag_at(L->d, DIAG_SYSERR, L->xsd_path, 0, 0, "empty template schema");
		L->errors++;
		return NULL;
	}
	xmlParserCtxtPtr c = xmlCreateMemoryParserCtxt(buf, (int)n);
	if (!c)
		diag_oom();
	xmlCtxtUseOptions(c, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	c->_private = L;
	c->sax->serror = on_xsd_parse_error;
	xmlParseDocument(c);
	xmlDocPtr doc = c->myDoc;
	c->myDoc = NULL;
	bool ok = c->wellFormed && doc;
	c->_private = NULL;
	xmlFreeParserCtxt(c);
	if (!ok) {
		if (!L->xsd_reported) {
			diag_at(L->d, DIAG_SYSERR, L->xsd_path, 0, 0, "template schema not well-formed");
			L->errors++;
		}
		xmlFreeDoc(doc);
		return NULL;
	}
	if (!doc->URL)  /* the base of any xs:include */
		doc->URL = xmlStrdup((const xmlChar *)L->xsd_path);
	return doc;
}

static bool
validate(loader *L, xmlDocPtr doc, const char *xsd_path)
{
	size_t n;
	L->xsd_path = xsd_path;
	const char *buf = read_file(L, xsd_path, "template schema", &n);
	if (!buf)
		return false;
	xmlDocPtr xsd = parse_xsd(L, buf, n);
	if (!xsd)
		return false;
	xmlSchemaParserCtxtPtr pc = xmlSchemaNewDocParserCtxt(xsd);
	if (!pc)
		diag_oom();
	xmlSchemaSetParserStructuredErrors(pc, on_schema_error, L);
	xmlSchemaPtr schema = xmlSchemaParse(pc);
	xmlSchemaFreeParserCtxt(pc);
	if (!schema) {
		xmlFreeDoc(xsd);
		if (!L->errors) {
			diag_at(L->d, DIAG_SYSERR, xsd_path, 0, 0, "cannot load the template schema");
			L->errors++;
		}
		return false;
	}
	xmlSchemaValidCtxtPtr vc = xmlSchemaNewValidCtxt(schema);
	if (!vc)
		diag_oom();
	xmlSchemaSetValidStructuredErrors(vc, on_schema_error, L);
	unsigned before = L->errors;
	int rc = xmlSchemaValidateDoc(vc, doc);
	xmlSchemaFreeValidCtxt(vc);
	xmlSchemaFree(schema);
	xmlFreeDoc(xsd);  /* after the schema, which may point into it */
	if (rc != 0 && L->errors == before) {
		diag_at(L->d, DIAG_ERROR, L->path, 0, 0, "does not match the template schema");
		L->errors++;
	}
	return rc == 0 && L->errors == before;
}

/* ---------------------------------------------------------------- */
/* Values (valid by the schema when these run)                       */
/* ---------------------------------------------------------------- */

static xmlNode *
child(const xmlNode *n, const char *name)
{
	for (xmlNode *c = n ? n->children : NULL; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name, name) == 0)
			return c;
	return NULL;
}

/* The attribute's value with XSD whitespace collapsing at both ends (the
 * schema's types are tokens, decimals, booleans), in the arena; NULL if absent. */
static const char *
attr(loader *L, const xmlNode *n, const char *name)
{
	if (!n)
		return NULL;
	xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)name);
	if (!v)
		return NULL;
	const char *s = (const char *)v;
	while (is_space(*s))
		s++;
	size_t len = strlen(s);
	while (len && is_space(s[len - 1]))
		len--;
	char *r = arena_strndup(L->t->arena, s, len);
	xmlFree(v);
	return r;
}

/* An xs:decimal, independent of the locale (strtod would read "17.7" as 17
 * under a German LC_NUMERIC). */
static double
decimal(const char *s)
{
	double sign = 1, v = 0, scale = 1;
	if (*s == '+' || *s == '-')
		sign = *s++ == '-' ? -1 : 1;
	for (; *s >= '0' && *s <= '9'; s++)
		v = v * 10 + (*s - '0');
	if (*s == '.')
		for (s++; *s >= '0' && *s <= '9'; s++) {
			v = v * 10 + (*s - '0');
			scale *= 10;
		}
	return sign * v / scale;
}

static double
num(loader *L, const xmlNode *n, const char *name, double dflt)
{
	const char *v = attr(L, n, name);
	return v ? decimal(v) : dflt;
}

static ts_sp
mm(loader *L, const xmlNode *n, const char *name)
{
	return ts_mm(num(L, n, name, 0));
}

/* Points as TS_PT does it, so that a template's 0.8 equals TS_PT(0.8). */
static ts_sp
pt_sp(double pt)
{
	return TS_PT(pt);
}

static ts_sp
pt(loader *L, const xmlNode *n, const char *name)
{
	return pt_sp(num(L, n, name, 0));
}

static bool
boolean(loader *L, const xmlNode *n, const char *name)
{
	const char *v = attr(L, n, name);
	return v && (strcmp(v, "true") == 0 || strcmp(v, "1") == 0);
}

/* For messages: sp back to millimetres and points. */
static double
to_mm(ts_sp v)
{
	return (double)v / TS_UNIT * 25.4 / 72.0;
}

static enum ts_align
align(loader *L, const xmlNode *n, const char *name)
{
	const char *v = attr(L, n, name);
	if (!v)
		return TS_LEFT;
	if (!strcmp(v, "blocksatz"))
		return TS_JUSTIFY;
	if (!strcmp(v, "zentriert"))
		return TS_CENTER;
	if (!strcmp(v, "rechts"))
		return TS_RIGHT;
	return TS_LEFT;
}

static enum ts_face
face(loader *L, const xmlNode *n)
{
	const char *v = attr(L, n, "schnitt");
	if (!v)
		return TS_REGULAR;
	if (!strcmp(v, "fett"))
		return TS_BOLD;
	if (!strcmp(v, "kursiv"))
		return TS_ITALIC;
	if (!strcmp(v, "fettKursiv"))
		return TS_BOLD_ITALIC;
	return TS_REGULAR;
}

static void
box(loader *L, const xmlNode *n, tpl_box *b)
{
	b->x = mm(L, n, "xMm");
	b->y = mm(L, n, "yMm");
	b->w = mm(L, n, "breiteMm");
	b->h = mm(L, n, "hoeheMm");
}

static void
style(loader *L, const xmlNode *n, tpl_style *s)
{
	s->face = face(L, n);
	s->size = pt(L, n, "groessePt");
	s->leading = pt(L, n, "zeilenabstandPt");
	s->space_before = mm(L, n, "abstandVorMm");
	s->space_after = mm(L, n, "abstandNachMm");
	s->indent = mm(L, n, "einzugMm");
	s->align = align(L, n, "ausrichtung");
	s->hyphenate = boolean(L, n, "silbentrennung");
	s->keep_with_next = boolean(L, n, "mitNaechstem");
	s->expand = (int)num(L, n, "dehnungPromille", 0);
	if (s->leading < s->size)
		err_at(L, n, "zeilenabstandPt", DIAG_ERROR,
		    "style '%s': leading %g pt is less than the font size %g pt",
		    (const char *)n->name, ts_to_pt(s->leading), ts_to_pt(s->size));
}

/* Resolves the datei attribute of n and checks that it names a readable
 * regular file; `what` names it in the message ("font file"). */
static const char *
resource(loader *L, const xmlNode *n, const char *what)
{
	const char *rel = attr(L, n, "datei");
	if (!rel)
		return NULL;
	const char *path = res_path(L->t->arena, rel);
	int fd = open(path, O_RDONLY | O_NONBLOCK); /* a FIFO must not block */
	if (fd < 0) {
		if (errno == ENOENT || errno == ENOTDIR)
			err_at(L, n, "datei", DIAG_SYSERR, "%s not found: %s", what, path);
		else
			err_at(L, n, "datei", DIAG_SYSERR, "cannot read %s %s: %s", what, path,
			    strerror(errno));
		return path;
	}
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
		err_at(L, n, "datei", DIAG_SYSERR, "%s %s is not a regular file", what, path);
	close(fd);
	return path;
}

/* ---------------------------------------------------------------- */
/* Semantic checks                                                   */
/* ---------------------------------------------------------------- */

static void
check_in_page(loader *L, const xmlNode *n, const tpl_box *b)
{
	const vl_template *t = L->t;
	if ((int64_t)b->x + b->w > t->page_w)
		err_at(L, n, "breiteMm", DIAG_ERROR,
		    "'%s' reaches beyond the page's right edge (%g mm > %g mm)",
		    (const char *)n->name, to_mm(b->x + b->w), to_mm(t->page_w));
	if ((int64_t)b->y + b->h > t->page_h)
		err_at(L, n, "hoeheMm", DIAG_ERROR,
		    "'%s' reaches beyond the page's bottom edge (%g mm > %g mm)",
		    (const char *)n->name, to_mm(b->y + b->h), to_mm(t->page_h));
}

static bool
overlap(const tpl_box *a, const tpl_box *b)
{
	return a->x < b->x + b->w && b->x < a->x + a->w &&
	    a->y < b->y + b->h && b->y < a->y + a->h;
}

/* The zones of page 1 must not overlap: reported at the later one. */
static void
check_apart(loader *L, const xmlNode *const nodes[], const tpl_box *const boxes[], size_t n)
{
	for (size_t j = 1; j < n; j++)
		for (size_t i = 0; i < j; i++)
			if (nodes[i] && nodes[j] && overlap(boxes[i], boxes[j]))
				err_at(L, nodes[j], NULL, DIAG_ERROR, "'%s' overlaps '%s' (line %ld)",
				    (const char *)nodes[j]->name, (const char *)nodes[i]->name,
				    xmlGetLineNo(nodes[i]));
}

/* ---------------------------------------------------------------- */
/* Filling the template                                              */
/* ---------------------------------------------------------------- */

static const char *const face_elems[TS_NFACES] = {
	[TS_REGULAR] = "normal", [TS_BOLD] = "fett", [TS_ITALIC] = "kursiv",
	[TS_BOLD_ITALIC] = "fettKursiv",
};

static void
fill(loader *L, const xmlNode *root)
{
	vl_template *t = L->t;
	t->name = attr(L, root, "name");

	const xmlNode *n = child(root, "seite");
	t->page_w = mm(L, n, "breiteMm");
	t->page_h = mm(L, n, "hoeheMm");

	const xmlNode *fonts = child(root, "schriften");
	for (int i = 0; i < TS_NFACES; i++)
		t->fonts[i] = resource(L, child(fonts, face_elems[i]), "font file");

	const xmlNode *hy = child(root, "silbentrennung");
	for (const xmlNode *c = hy ? hy->children : NULL; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			t->nhyph++;
	t->hyph = arena_array(t->arena, t->nhyph ? t->nhyph : 1, sizeof *t->hyph);
	size_t k = 0;
	for (const xmlNode *c = hy ? hy->children : NULL; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE) {
			t->hyph[k].lang = attr(L, c, "sprache");
			t->hyph[k].path = resource(L, c, "hyphenation dictionary");
			k++;
		}

	t->icc_path = resource(L, child(root, "farbprofil"), "ICC profile");

	const xmlNode *st = child(root, "stile");
	static const struct { const char *name; size_t off; } styles[] = {
		{ "briefkopf", offsetof(vl_template, letterhead_style) },
		{ "anschrift", offsetof(vl_template, address_style) },
		{ "stempel", offsetof(vl_template, stamp_style) },
		{ "anrede", offsetof(vl_template, salutation_style) },
		{ "brieftext", offsetof(vl_template, letter_body_style) },
		{ "gruss", offsetof(vl_template, closing_style) },
		{ "unterzeichner", offsetof(vl_template, signer_style) },
		{ "titelblattGross", offsetof(vl_template, title_large_style) },
		{ "titelblatt", offsetof(vl_template, title_style) },
		{ "ueberschrift", offsetof(vl_template, heading_style) },
		{ "frageAntwort", offsetof(vl_template, label_style) },
		{ "vereinbarung", offsetof(vl_template, agreement_style) },
		{ "absatz", offsetof(vl_template, body_style) },
		{ "anlagenkopf", offsetof(vl_template, annex_head_style) },
		{ "seitenzahl", offsetof(vl_template, pagenum_style) },
	};
	for (size_t i = 0; i < sizeof styles / sizeof styles[0]; i++)
		style(L, child(st, styles[i].name), (tpl_style *)((char *)t + styles[i].off));

	/* the cover letter */
	const xmlNode *letter = child(root, "anschreiben");
	const xmlNode *head = child(letter, "briefkopf");
	box(L, head, &t->letterhead);
	check_in_page(L, head, &t->letterhead);

	const xmlNode *addr = child(letter, "anschriftfeld");
	box(L, addr, &t->address);
	t->address_first_baseline = mm(L, addr, "ersteGrundlinieMm");
	t->address_inset = mm(L, addr, "innenabstandMm");
	check_in_page(L, addr, &t->address);
	if (t->address_first_baseline >= t->address.h)
		err_at(L, addr, "ersteGrundlinieMm", DIAG_ERROR,
		    "the first address line's baseline (%g mm) lies below the address field (%g mm high)",
		    to_mm(t->address_first_baseline), to_mm(t->address.h));
	if (t->address_inset >= t->address.w)
		err_at(L, addr, "innenabstandMm", DIAG_ERROR,
		    "the address inset (%g mm) leaves no room in the field (%g mm wide)",
		    to_mm(t->address_inset), to_mm(t->address.w));

	const xmlNode *stamp = child(letter, "eingangsstempel");
	t->stamp = boolean(L, stamp, "anzeigen");
	box(L, stamp, &t->stamp_box);
	t->stamp_rule = pt(L, stamp, "linienstaerkePt");
	t->stamp_padding = mm(L, stamp, "innenabstandMm");
	if (t->stamp) {
		check_in_page(L, stamp, &t->stamp_box);
		/* the stamp's 8 lines: Landtag, state, Wahlperiode, blank, VORLAGE,
		 * number, blank, distribution */
		int64_t inner_h = (int64_t)t->stamp_box.h - 2 * (int64_t)t->stamp_padding;
		int64_t inner_w = (int64_t)t->stamp_box.w - 2 * (int64_t)t->stamp_padding;
		int64_t lines = t->stamp_style.leading > 0 && inner_h > 0 ?
		    inner_h / t->stamp_style.leading : 0;
		if (inner_w <= 0)
			err_at(L, stamp, "innenabstandMm", DIAG_ERROR,
			    "the stamp's padding (%g mm) leaves no room in its box (%g mm wide)",
			    to_mm(t->stamp_padding), to_mm(t->stamp_box.w));
		else if (lines < 8)
			err_at(L, stamp, "hoeheMm", DIAG_ERROR,
			    "the stamp box holds %d lines of the stamp style (%g pt leading), 8 are needed",
			    (int)lines, ts_to_pt(t->stamp_style.leading));
	}

	const xmlNode *date = child(letter, "datum");
	t->date_y = mm(L, date, "grundlinieMm");
	t->date_align = align(L, date, "ausrichtung");

	const xmlNode *body = child(letter, "brieftext");
	box(L, body, &t->letter_body);
	check_in_page(L, body, &t->letter_body);
	if (t->letter_body.y <= t->date_y)
		err_at(L, body, "yMm", DIAG_ERROR,
		    "the letter body (from %g mm) must begin below the date line (baseline at %g mm)",
		    to_mm(t->letter_body.y), to_mm(t->date_y));

	const xmlNode *const zones[] = { head, addr, t->stamp ? stamp : NULL, body };
	const tpl_box *const zone_boxes[] = { &t->letterhead, &t->address, &t->stamp_box,
		&t->letter_body };
	check_apart(L, zones, zone_boxes, sizeof zones / sizeof zones[0]);

	const xmlNode *sig = child(letter, "unterschrift");
	t->signature_space = mm(L, sig, "abstandMm");
	t->signature_image_h = mm(L, sig, "bildhoeheMm");
	if (t->signature_image_h > t->signature_space)
		err_at(L, sig, "bildhoeheMm", DIAG_ERROR,
		    "the signature image (%g mm) is higher than the room for the signature (%g mm)",
		    to_mm(t->signature_image_h), to_mm(t->signature_space));

	const xmlNode *fm = child(letter, "falzmarken");
	t->fold_marks = boolean(L, fm, "anzeigen");
	t->fold_x = mm(L, fm, "xMm");
	t->fold_rule = pt(L, fm, "linienstaerkePt");
	static const char *const marks[3] = { "obereFalzmarke", "lochmarke", "untereFalzmarke" };
	for (int i = 0; i < 3; i++) {
		const xmlNode *m = child(fm, marks[i]);
		t->fold_y[i] = mm(L, m, "yMm");
		t->fold_len[i] = mm(L, m, "laengeMm");
		if (t->fold_marks && ((int64_t)t->fold_x + t->fold_len[i] > t->page_w ||
		    t->fold_y[i] > t->page_h))
			err_at(L, m, NULL, DIAG_ERROR, "'%s' lies outside the page", marks[i]);
	}

	/* the report */
	const xmlNode *rep = child(root, "bericht");
	const xmlNode *ta = child(rep, "textbereich");
	box(L, ta, &t->text_area);
	check_in_page(L, ta, &t->text_area);
	const xmlNode *tp = child(rep, "titelblatt");
	t->title_top = mm(L, tp, "ersteGrundlinieMm");
	if (t->title_top <= t->text_area.y || t->title_top > t->text_area.y + t->text_area.h)
		err_at(L, tp, "ersteGrundlinieMm", DIAG_ERROR,
		    "the title page's first baseline (%g mm) lies outside the text area (%g to %g mm)",
		    to_mm(t->title_top), to_mm(t->text_area.y), to_mm(t->text_area.y + t->text_area.h));

	/* page numbers */
	const xmlNode *pn = child(root, "seitenzahl");
	t->pagenum_format = attr(L, pn, "format");
	t->annex_pagenum_format = attr(L, pn, "anlagenFormat");
	const char *fmts[2] = { "format", "anlagenFormat" };
	const char *vals[2] = { t->pagenum_format, t->annex_pagenum_format };
	for (int i = 0; i < 2; i++)
		if (vals[i] && !strstr(vals[i], "%n"))
			err_at(L, pn, fmts[i], DIAG_ERROR,
			    "page number format \"%s\" lacks %%n (the page number)", vals[i]);
	const char *pos = attr(L, pn, "position");
	t->pagenum_pos = pos && !strcmp(pos, "unten") ? TPL_PAGENUM_BOTTOM : TPL_PAGENUM_TOP;
	t->pagenum_y = mm(L, pn, "grundlinieMm");
	t->pagenum_align = align(L, pn, "ausrichtung");
	t->pagenum_first = (int)num(L, pn, "ersteSeite", 1);
	ts_sp ta_bottom = t->text_area.y + t->text_area.h;
	if (t->pagenum_pos == TPL_PAGENUM_TOP && t->pagenum_y > t->text_area.y)
		err_at(L, pn, "grundlinieMm", DIAG_ERROR,
		    "the page number (baseline at %g mm) must stand above the text area (from %g mm)",
		    to_mm(t->pagenum_y), to_mm(t->text_area.y));
	if (t->pagenum_pos == TPL_PAGENUM_BOTTOM &&
	    (t->pagenum_y - t->pagenum_style.size < ta_bottom || t->pagenum_y > t->page_h))
		err_at(L, pn, "grundlinieMm", DIAG_ERROR,
		    "the page number (baseline at %g mm) must stand below the text area (to %g mm) "
		    "on the page", to_mm(t->pagenum_y), to_mm(ta_bottom));
}

vl_template *
tpl_load(const char *path, const char *xsd_path, diag *d)
{
	xmlInitParser();
	arena *a = arena_new();
	vl_template *t = arena_zalloc(a, sizeof *t);
	t->arena = a;
	t->path = arena_strdup(a, path);
	loader L = { .t = t, .d = d, .path = t->path };

	xmlDocPtr doc = parse(&L);
	bool ok = doc != NULL;
	if (ok && validate(&L, doc, xsd_path))
		fill(&L, xmlDocGetRootElement(doc));
	xmlFreeDoc(doc);
	if (L.ctxt) {
		L.ctxt->_private = NULL;
		xmlClearNodeInfoSeq(&L.ctxt->node_seq);  /* xmlFreeParserCtxt leaves it */
		xmlFreeParserCtxt(L.ctxt);
	}
	if (L.errors || !ok) {
		arena_free(a);
		return NULL;
	}
	return t;
}

void
tpl_free(vl_template *t)
{
	if (t)
		arena_free(t->arena);
}
