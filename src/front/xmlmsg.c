/* xmlmsg.c: libxml2's parser and schema messages retold for the clerk who
 * writes a Vorlage: each common one becomes a catalogue message that says
 * what to write instead (&amp; for a bare ampersand, the nearest allowed
 * name for a misspelt element or attribute, an example of a valid value
 * instead of the pattern's regular expression, the form of a date). The
 * rest keep libxml2's text. Strings only: the reader (xmlsrc.c) hands over
 * what libxml2 and the tree say (xmlmsg_int.h). */
#include "xmlmsg_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- names -------------------------------------------------------------- */

static bool
names_has(const xm_names *l, const char *name)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->names[i], name) == 0)
			return true;
	return false;
}

static void
names_add(xm_names *l, const char *name)
{
	if (names_has(l, name))
		return;
	l->names = xgrow(l->names, &l->cap, l->n + 1, sizeof *l->names);
	size_t len = strlen(name);
	l->names[l->n] = xmalloc(len + 1);
	memcpy(l->names[l->n], name, len + 1);
	l->n++;
}

static void
names_free(xm_names *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->names[i]);
	free(l->names);
	memset(l, 0, sizeof *l);
}

/* l as "a, b, c" (with "<a>" for elements) into buf. */
static const char *
names_join(const char *const *names, size_t n, bool tags, char *buf, size_t size)
{
	size_t k = 0;
	buf[0] = 0;
	for (size_t i = 0; i < n && k + 1 < size; i++) {
		int w = snprintf(buf + k, size - k, "%s%s%s%s", i ? ", " : "", tags ? "<" : "",
		    names[i], tags ? ">" : "");
		if (w < 0 || (size_t)w >= size - k) {
			/* cut at the last whole name */
			buf[k] = 0;
			if (k + 6 < size)
				memcpy(buf + k, ", ...", 6);
			break;
		}
		k += (size_t)w;
	}
	return buf;
}

void
xm_schema_elem(xm_schema *s, const char *name, bool global)
{
	names_add(&s->elems, name);
	if (global)
		names_add(&s->roots, name);
}

static xm_decl *
schema_decl(const xm_schema *s, const char *elem)
{
	for (size_t i = 0; i < s->ndecls; i++)
		if (strcmp(s->decls[i].elem, elem) == 0)
			return &s->decls[i];
	return NULL;
}

static xm_decl *
schema_decl_add(xm_schema *s, const char *elem)
{
	xm_decl *d = schema_decl(s, elem);
	if (d)
		return d;
	s->decls = xgrow(s->decls, &s->capdecls, s->ndecls + 1, sizeof *s->decls);
	d = &s->decls[s->ndecls++];
	memset(d, 0, sizeof *d);
	d->elem = xmalloc(strlen(elem) + 1);
	memcpy(d->elem, elem, strlen(elem) + 1);
	return d;
}

static const xm_names *
schema_attrs(const xm_schema *s, const char *elem)
{
	const xm_decl *d = schema_decl(s, elem);
	return d ? &d->attrs : NULL;
}

void
xm_schema_attr(xm_schema *s, const char *elem, const char *attr)
{
	xm_decl *d = schema_decl_add(s, elem);
	if (attr)
		names_add(&d->attrs, attr);
}

void
xm_schema_child(xm_schema *s, const char *elem, const char *child)
{
	names_add(&schema_decl_add(s, elem)->children, child);
}

bool
xm_schema_allows(const xm_schema *s, const char *elem, const char *child)
{
	const xm_decl *d = schema_decl(s, elem);
	return d && names_has(&d->children, child);
}

void
xm_schema_free(xm_schema *s)
{
	names_free(&s->elems);
	names_free(&s->roots);
	for (size_t i = 0; i < s->ndecls; i++) {
		free(s->decls[i].elem);
		names_free(&s->decls[i].attrs);
		names_free(&s->decls[i].children);
	}
	free(s->decls);
	memset(s, 0, sizeof *s);
}

/* ---- libxml2's text ----------------------------------------------------- */

char *
xm_clean(const char *m)
{
	static const char ns[] = "{http://www.w3.org/XML/1998/namespace}";
	char *s = xmalloc(strlen(m ? m : "") + 1), *o = s;
	for (const char *p = m ? m : ""; *p; p++)
		*o++ = *p == '\n' ? ' ' : *p;
	*o = 0;
	while (o > s && o[-1] == ' ')
		*--o = 0;
	char *p;
	while ((p = strstr(s, ns)) != NULL) { /* shorter: rewritten in place */
		memcpy(p, "xml:", 4);
		memmove(p + 4, p + sizeof ns - 1, strlen(p + sizeof ns - 1) + 1);
	}
	return s;
}

bool
xm_message_attr(const char *text, char *name, size_t n)
{
	static const char key[] = "', attribute '";
	const char *a = strncmp(text, "Element '", 9) == 0 ? strstr(text, key) : NULL;
	if (!a)
		return false;
	const char *b = a + sizeof key - 1, *e = strchr(b, '\'');
	if (!e || (size_t)(e - b) >= n)
		return false;
	memcpy(name, b, (size_t)(e - b));
	name[e - b] = 0;
	return true;
}

/* The text after "Element 'x': " or "Element 'x', attribute 'y': ". */
static const char *
message_body(const char *text)
{
	if (strncmp(text, "Element '", 9) != 0)
		return text;
	const char *p = strstr(text, "': ");
	return p ? p + 3 : text;
}

const char *
xm_shown(const char *v, char *buf, size_t size)
{
	size_t k = 0, chars = 0;
	for (const char *p = v ? v : ""; *p && k + 4 < size; p++) {
		unsigned char c = (unsigned char)*p;
		if ((c & 0xC0) != 0x80 && ++chars > 60) {
			memcpy(buf + k, "...", 3);
			k += 3;
			break;
		}
		buf[k++] = c < 0x20 ? ' ' : (char)c;
	}
	buf[k] = 0;
	return buf;
}

/* The names of a list libxml2 prints as "( a, b )" or "{'a', 'b'}" (quotes
 * dropped) into buf, pointed to by names; returns how many. */
static size_t
split_list(const char *s, char *buf, size_t size, const char **names, size_t max)
{
	size_t n = 0, k = 0;
	if (!s)
		return 0;
	while (*s && n < max) {
		while (*s == ' ' || *s == ',' || *s == '(' || *s == '{' || *s == '\'')
			s++;
		if (!*s || *s == ')' || *s == '}')
			break;
		const char *e = s;
		while (*e && *e != ',' && *e != ' ' && *e != '\'' && *e != ')' && *e != '}')
			e++;
		if (k + (size_t)(e - s) + 1 > size)
			break;
		names[n++] = buf + k;
		memcpy(buf + k, s, (size_t)(e - s));
		k += (size_t)(e - s);
		buf[k++] = 0;
		s = e;
	}
	return n;
}

/* ---- well-formedness ---------------------------------------------------- */

/* The common HTML entities a clerk might type, and the character meant. */
static const struct {
	const char *name, *text;
} html_entities[] = {
	{ "auml", "ä" }, { "ouml", "ö" }, { "uuml", "ü" }, { "Auml", "Ä" }, { "Ouml", "Ö" },
	{ "Uuml", "Ü" }, { "szlig", "ß" }, { "eacute", "é" }, { "egrave", "è" },
	{ "ndash", "–" }, { "mdash", "—" }, { "euro", "€" }, { "sect", "§" },
	{ "bdquo", "„" }, { "ldquo", "“" }, { "rdquo", "”" }, { "sbquo", "‚" },
	{ "lsquo", "‘" }, { "rsquo", "’" }, { "laquo", "«" }, { "raquo", "»" },
	{ "hellip", "…" }, { "copy", "©" }, { "deg", "°" }, { "middot", "·" },
	{ "times", "×" }, { "bull", "•" }, { "para", "¶" }, { "shy", NULL }, { "nbsp", NULL },
};

/* Windows-1252's characters at 0x80 to 0x9F (Latin-1 has control codes there). */
static const char *const cp1252[32] = {
	"€", NULL, "‚", "ƒ", "„", "…", "†", "‡", "ˆ", "‰", "Š", "‹", "Œ", NULL, "Ž", NULL,
	NULL, "‘", "’", "“", "”", "•", "–", "—", "˜", "™", "š", "›", "œ", NULL, "ž", "Ÿ",
};

/* The column (1-based, in characters) of the last c at or before col on
 * the line, or col when there is none within a few characters. */
static unsigned
back_to(const xm_err *e, char c, unsigned col, size_t *off)
{
	size_t i = 0, at = SIZE_MAX;
	unsigned k = 1, at_col = col;
	for (; i < e->linelen && k <= col; i++) {
		if (((unsigned char)e->line[i] & 0xC0) == 0x80)
			continue;
		if (e->line[i] == c && k + 40 >= col) {
			at = i;
			at_col = k;
		}
		k++;
	}
	if (off)
		*off = at;
	return at_col;
}

bool
xm_parse_error(diag *d, const char *file, const xm_err *e)
{
	vl_pos p = e->pos;
	const char *t = e->text;
	char name[48];
	size_t off;
	switch (e->code) {
	case XM_NAME_REQUIRED:
		if (strncmp(t, "xmlParseEntityRef", 17) == 0) {
			p.col = back_to(e, '&', p.col, NULL);
			MSG(AMP_BARE, d, file, p.line, p.col);
			return true;
		}
		if (strncmp(t, "StartTag: invalid element name", 30) == 0) {
			p.col = back_to(e, '<', p.col, NULL);
			MSG(LT_IN_TEXT, d, file, p.line, p.col);
			return true;
		}
		return false;
	case XM_ENTITYREF_SEMICOL_MISSING: {
		p.col = back_to(e, '&', p.col, &off);
		size_t n = 0;
		if (off != SIZE_MAX)
			for (size_t i = off + 1; i < e->linelen && n + 1 < sizeof name; i++) {
				char c = e->line[i];
				if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
				    (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.' || c == '#'))
					break;
				name[n++] = c;
			}
		name[n] = 0;
		MSG(AMP_NO_SEMICOLON, d, file, p.line, p.col, name);
		return true;
	}
	case XM_UNDECLARED_ENTITY:
		if (!e->s1)
			return false;
		p.col = back_to(e, '&', p.col, NULL);
		for (size_t i = 0; i < sizeof html_entities / sizeof html_entities[0]; i++)
			if (strcmp(e->s1, html_entities[i].name) == 0) {
				if (!strcmp(e->s1, "nbsp"))
					MSG(ENTITY_NBSP, d, file, p.line, p.col);
				else if (!strcmp(e->s1, "shy"))
					MSG(ENTITY_SHY, d, file, p.line, p.col);
				else
					MSG(ENTITY_HTML, d, file, p.line, p.col, e->s1, html_entities[i].text);
				return true;
			}
		MSG(ENTITY_UNKNOWN, d, file, p.line, p.col, xm_shown(e->s1, name, sizeof name));
		return true;
	case XM_INVALID_CHAR: {
		const char *b = strstr(t, "Bytes: 0x");
		unsigned v;
		if (strncmp(t, "Input is not proper UTF-8", 25) == 0 && b &&
		    sscanf(b + 7, "%x", &v) == 1 && v <= 0xFF) {
			char ch[8] = "";
			if (v >= 0xA0)
				ch[utf8_encode(v, ch)] = 0;
			else if (v >= 0x80 && cp1252[v - 0x80])
				snprintf(ch, sizeof ch, "%s", cp1252[v - 0x80]);
			if (ch[0])
				MSG(NOT_UTF8_LATIN1, d, file, p.line, p.col, v, ch);
			else
				MSG(NOT_UTF8_BYTE, d, file, p.line, p.col, v);
			return true;
		}
		const char *c = strstr(t, "Char value ");
		if (c && sscanf(c + 11, "%u", &v) == 1) {
			MSG(BAD_CHAR, d, file, p.line, p.col, v);
			return true;
		}
		c = strstr(t, "Char 0x");
		if (c && sscanf(c + 5, "%x", &v) == 1) {
			MSG(BAD_CHAR, d, file, p.line, p.col, v);
			return true;
		}
		return false;
	}
	case XM_INVALID_HEX_CHARREF:
	case XM_INVALID_DEC_CHARREF:
	case XM_INVALID_CHARREF:
		MSG(CHARREF_BAD, d, file, p.line, p.col);
		return true;
	case XM_LT_IN_ATTRIBUTE:
		MSG(LT_IN_ATTRIBUTE, d, file, p.line, p.col);
		return true;
	case XM_TAG_NAME_MISMATCH:
		if (!e->s1 || !e->s2)
			return false;
		MSG(TAG_MISMATCH, d, file, p.line, p.col, e->s2, e->s1, e->i1);
		return true;
	case XM_GT_REQUIRED:
		if (!e->s1 || strncmp(t, "Couldn't find end of Start Tag", 30) != 0)
			return false;
		MSG(TAG_UNCLOSED, d, file, p.line, p.col, e->s1);
		return true;
	case XM_TAG_NOT_FINISHED:
		if (!e->s1)
			return false;
		MSG(ELEMENT_UNCLOSED, d, file, p.line, p.col, e->s1, e->i1);
		return true;
	case XM_DOCUMENT_END:
		MSG(EXTRA_CONTENT, d, file, p.line, p.col);
		return true;
	case XM_DOCUMENT_EMPTY:
		if (strncmp(t, "Start tag expected", 18) != 0)
			return false;
		MSG(NOT_XML, d, file, p.line, p.col);
		return true;
	case XM_ATTRIBUTE_REDEFINED:
		if (!e->s1)
			return false;
		MSG(ATTR_TWICE, d, file, p.line, p.col, e->s1);
		return true;
	case XM_ATTRIBUTE_NOT_STARTED:
		MSG(ATTR_NO_QUOTES, d, file, p.line, p.col);
		return true;
	case XM_ATTRIBUTE_WITHOUT_VALUE:
		if (!e->s1)
			return false;
		MSG(ATTR_NO_VALUE, d, file, p.line, p.col, e->s1, e->s1);
		return true;
	case XM_ATTRIBUTE_NOT_FINISHED:
		MSG(ATTR_UNCLOSED, d, file, p.line, p.col);
		return true;
	case XM_COMMENT_NOT_FINISHED:
		MSG(COMMENT_UNCLOSED, d, file, p.line, p.col);
		return true;
	case XM_HYPHEN_IN_COMMENT:
		MSG(COMMENT_HYPHENS, d, file, p.line, p.col);
		return true;
	case XM_RESERVED_XML_NAME:
		if (!strstr(t, "XML declaration allowed only at the start"))
			return false;
		MSG(XML_DECL_LATE, d, file, p.line, p.col);
		return true;
	default:
		return false;
	}
}

/* ---- values: examples instead of patterns -------------------------------- */

enum example_kind { EX_VALUE, EX_NONBLANK, EX_DAY, EX_MONTH, EX_DAY_OR_MONTH };

/* Every pattern of xml/vorlage.xsd and templates/template.xsd, with a value
 * it accepts (tests/t_author.sh checks that none is missing here). */
static const struct {
	const char *pattern, *example;
	enum example_kind kind;
} patterns[] = {
	/* xml/vorlage.xsd */
	{ ".*\\S.*", NULL, EX_NONBLANK },
	{ "[a-z0-9]+(-[a-z0-9]+)*", "hauts-de-france", EX_VALUE },
	{ "[1-9][0-9]*", "18", EX_VALUE },
	{ "[1-9][0-9]*/[1-9][0-9]*", "18/1828", EX_VALUE },
	{ "[A-Z][0-9]{2}(, ?[A-Z][0-9]{2})*", "A15, A12", EX_VALUE },
	{ "[0-9+\\-/() ]*[0-9][0-9+\\-/() ]*", "0211 837-01", EX_VALUE },
	{ "[^@\\s]+@[^@\\s]+\\.[^@\\s]+", "poststelle@example.org", EX_VALUE },
	{ "[0-9]{4}-[0-9]{2}-[0-9]{2}", NULL, EX_DAY },
	{ "[0-9]{4}-[0-9]{2}", NULL, EX_MONTH },
	{ "[A-Z]{2}", "FR", EX_VALUE },
	{ "true|false", "true", EX_VALUE },
	{ "[^/\\s]\\S*", "bilder/karte.png", EX_VALUE },
	{ "\\S+", "https://www.landtag.nrw.de", EX_VALUE },
	{ "[1-9][0-9]{0,2}\\*|[0-9]{1,3}(\\.[0-9]{1,2})?mm", "25mm", EX_VALUE },
	{ "[1-9][0-9]?", "2", EX_VALUE },
	/* templates/template.xsd */
	{ "[^\\s].*", "fonts/LiberationSans-Regular.ttf", EX_VALUE },
	{ "[a-z]{2,3}", "de", EX_VALUE },
};

/* The simple types whose values libxml2 refuses before any facet, by the
 * name its message gives them. */
static const struct {
	const char *type, *example;
	enum example_kind kind;
} types[] = {
	{ "calendarDate", NULL, EX_DAY }, { "xs:date", NULL, EX_DAY },
	{ "calendarMonth", NULL, EX_MONTH }, { "xs:gYearMonth", NULL, EX_MONTH },
	{ "dayOrMonth", NULL, EX_DAY_OR_MONTH },
	{ "nonEmptyString", NULL, EX_NONBLANK },
	{ "idType", "hauts-de-france", EX_VALUE }, { "xs:NCName", "hauts-de-france", EX_VALUE },
	{ "idList", "schlesien hauts-de-france", EX_VALUE },
	{ "wahlperiodeType", "18", EX_VALUE }, { "nummerType", "18/1828", EX_VALUE },
	{ "verteilerType", "A06", EX_VALUE }, { "countryCode", "FR", EX_VALUE },
	{ "countryList", "BE NL LU", EX_VALUE }, { "booleanWord", "true", EX_VALUE },
	{ "xs:boolean", "true", EX_VALUE }, { "xs:language", "de", EX_VALUE },
	{ "relativePath", "bilder/karte.png", EX_VALUE },
	{ "linkTarget", "https://www.landtag.nrw.de", EX_VALUE },
	{ "columnWidth", "25mm", EX_VALUE }, { "spanCount", "2", EX_VALUE },
	{ "xs:positiveInteger", "1", EX_VALUE }, { "xs:nonNegativeInteger", "0", EX_VALUE },
	{ "xs:integer", "1", EX_VALUE }, { "xs:decimal", "2.5", EX_VALUE },
	/* templates/template.xsd */
	{ "mm", "25", EX_VALUE }, { "mmPositiv", "25", EX_VALUE },
	{ "schriftgroessePt", "11", EX_VALUE }, { "ptPositiv", "11", EX_VALUE },
	{ "pt", "11", EX_VALUE }, { "datei", "fonts/LiberationSans-Regular.ttf", EX_VALUE },
	{ "seitenzahlFormat", "Seite {seite}", EX_VALUE },
};

static bool
digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

static int
num(const char *s, size_t n)
{
	int v = 0;
	for (size_t i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

static bool
real_date(int y, int m, int dd)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (y < 1 || m < 1 || m > 12)
		return false;
	if (dd == 0)
		return true;
	int max = days[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
	return dd >= 1 && dd <= max;
}

/* A date the schema refused: no such date, the German way of writing it,
 * or not a date at all. */
static void
date_message(diag *d, const char *file, vl_pos p, const char *v, enum example_kind kind)
{
	size_t n = strlen(v);
	char buf[80];
	const char *sv = xm_shown(v, buf, sizeof buf);
	bool day = n == 10 && digits(v, 4) && v[4] == '-' && digits(v + 5, 2) && v[7] == '-' &&
	    digits(v + 8, 2);
	bool month = n == 7 && digits(v, 4) && v[4] == '-' && digits(v + 5, 2);
	if ((day && kind != EX_MONTH) || (month && kind != EX_DAY)) {
		MSG(NO_SUCH_DATE, d, file, p.line, p.col, sv);
		return;
	}
	/* D.M.YYYY, DD.MM.YYYY, with or without a space after the dots */
	size_t i = 0, a, b, c;
	for (a = i; i < n && i - a < 3 && v[i] >= '0' && v[i] <= '9'; i++)
		;
	size_t la = i - a;
	if (kind != EX_MONTH && la >= 1 && la <= 2 && i < n && v[i] == '.') {
		for (i++; i < n && v[i] == ' '; i++)
			;
		for (b = i; i < n && i - b < 3 && v[i] >= '0' && v[i] <= '9'; i++)
			;
		size_t lb = i - b;
		if (lb >= 1 && lb <= 2 && i < n && v[i] == '.') {
			for (i++; i < n && v[i] == ' '; i++)
				;
			c = i;
			if (n - c == 4 && digits(v + c, 4)) {
				int dd = num(v + a, la), mm = num(v + b, lb), yy = num(v + c, 4);
				if (real_date(yy, mm, dd)) {
					char iso[40];
					snprintf(iso, sizeof iso, "%04d-%02d-%02d", yy, mm, dd);
					MSG(DATE_GERMAN, d, file, p.line, p.col, sv, iso);
					return;
				}
			}
		}
	}
	if (kind == EX_DAY)
		MSG(DATE_FORM, d, file, p.line, p.col, sv);
	else if (kind == EX_MONTH)
		MSG(MONTH_FORM, d, file, p.line, p.col, sv);
	else
		MSG(DAY_OR_MONTH_FORM, d, file, p.line, p.col, sv);
}

/* A value that is not of its form: by kind, with the example. */
static void
value_message(diag *d, const char *file, const xm_err *e, const char *attr, const char *v,
    enum example_kind kind, const char *example)
{
	vl_pos p = e->pos;
	char buf[80];
	if (kind == EX_NONBLANK) {
		if (attr)
			MSG(ATTR_EMPTY, d, file, p.line, p.col, attr, e->elem);
		else
			MSG(TEXT_EMPTY, d, file, p.line, p.col, e->elem);
	} else if (kind != EX_VALUE) {
		date_message(d, file, p, v, kind);
	} else if (attr) {
		MSG(ATTR_FORM, d, file, p.line, p.col, attr, xm_shown(v, buf, sizeof buf), attr, example);
	} else {
		MSG(TEXT_FORM, d, file, p.line, p.col, xm_shown(v, buf, sizeof buf), e->elem, example);
	}
}

/* ---- schema violations -------------------------------------------------- */

void
xm_flush(xm_state *st)
{
	if (st->miss.n) {
		char list[512];
		names_join((const char *const *)st->miss.names, st->miss.n, false, list, sizeof list);
		if (st->miss.n == 1)
			MSG(ATTR_MISSING, st->d, st->file, st->miss_pos.line, st->miss_pos.col,
			    st->miss_elem, list);
		else
			MSG(ATTRS_MISSING, st->d, st->file, st->miss_pos.line, st->miss_pos.col,
			    st->miss_elem, list);
	}
	names_free(&st->miss);
}

void
xm_state_free(xm_state *st)
{
	xm_flush(st);
	names_free(&st->suggested);
	xm_schema_free(&st->schema);
}

/* The messages about the children of an element (XML_SCHEMAV_ELEMENT_CONTENT). */
static bool
content_message(xm_state *st, const xm_err *e)
{
	const char *body = message_body(e->text);
	const char *list = strstr(body, "Expected is ");
	char buf[1024], joined[1024];
	const char *names[32];
	size_t n = 0;
	if (list) {
		list += 12;
		if (strncmp(list, "one of ", 7) == 0)
			list += 7;
		n = split_list(list, buf, sizeof buf, names, sizeof names / sizeof names[0]);
		for (size_t i = 0; i < n; i++)
			if (names[i][0] == '#' || names[i][0] == '{')
				return false; /* a wildcard or another namespace: libxml2's words */
		names_join(names, n, true, joined, sizeof joined);
	}
	vl_pos p = e->pos;
	if (strncmp(body, "Missing child element(s).", 25) == 0 && n) {
		if (n == 1)
			MSG(CHILD_MISSING, st->d, st->file, p.line, p.col, e->elem, joined);
		else
			MSG(CHILD_MISSING_ONE_OF, st->d, st->file, p.line, p.col, e->elem, joined);
		return true;
	}
	if (strncmp(body, "This element is not expected.", 29) != 0)
		return false;
	if (!n) {
		MSG(ELEMENT_EXTRA, st->d, st->file, p.line, p.col, e->elem,
		    e->parent ? e->parent : "?");
		return true;
	}
	if (names_has(&st->schema.elems, e->elem)) {
		MSG(ELEMENT_NOT_HERE, st->d, st->file, p.line, p.col, e->elem, joined);
		return true;
	}
	const char *near = suggest_nearest(e->elem, names, n);
	if (near)
		MSG(ELEMENT_UNKNOWN_HINT, st->d, st->file, p.line, p.col, e->elem, near, joined);
	else
		MSG(ELEMENT_UNKNOWN, st->d, st->file, p.line, p.col, e->elem, joined);
	return true;
}

/* An attribute the element does not take: the nearest it does. */
static bool
attr_message(xm_state *st, const xm_err *e)
{
	const xm_names *allowed = schema_attrs(&st->schema, e->elem);
	vl_pos p = e->pos;
	if (!allowed)
		return false; /* the schema was not read: libxml2's words */
	if (!allowed->n) {
		MSG(ATTR_NONE, st->d, st->file, p.line, p.col, e->elem, e->s1);
		return true;
	}
	const char *near = suggest_nearest(e->s1, (const char *const *)allowed->names, allowed->n);
	if (near) {
		MSG(ATTR_UNKNOWN_HINT, st->d, st->file, p.line, p.col, e->elem, e->s1, near);
		names_add(&st->suggested, near);
	} else {
		char list[512];
		names_join((const char *const *)allowed->names, allowed->n, false, list, sizeof list);
		MSG(ATTR_UNKNOWN, st->d, st->file, p.line, p.col, e->elem, e->s1, list);
	}
	return true;
}

/* The type a datatype message names: "… of the atomic type 'x'." */
static bool
message_type(const char *text, char *type, size_t n)
{
	const char *t = strstr(text, " type '");
	if (!t)
		return false;
	t += 7;
	const char *end = strchr(t, '\'');
	if (!end || (size_t)(end - t) >= n)
		return false;
	memcpy(type, t, (size_t)(end - t));
	type[end - t] = 0;
	return true;
}

bool
xm_valid_error(xm_state *st, const xm_err *e)
{
	char attr[128];
	bool is_attr = xm_message_attr(e->text, attr, sizeof attr);
	const char *a = is_attr ? attr : NULL;
	diag *d = st->d;
	vl_pos p = e->pos;
	char buf[80], buf2[80];

	if (e->node != st->miss_node) {
		xm_flush(st);
		names_free(&st->suggested);
		st->miss_node = e->node;
	}
	if (!e->elem)
		return false;
	switch (e->code) {
	case XM_ATTR_REQUIRED:
		if (!e->s1)
			return false;
		if (!st->miss.n) {
			st->miss_pos = p;
			snprintf(st->miss_elem, sizeof st->miss_elem, "%s", e->elem);
		}
		/* the attribute a "did you mean" named is not reported missing too */
		if (!names_has(&st->suggested, e->s1))
			names_add(&st->miss, e->s1);
		return true;
	case XM_ATTR_NOT_ALLOWED:
		return e->s1 && attr_message(st, e);
	case XM_ELEMENT_CONTENT:
		return content_message(st, e);
	case XM_CONTENT_ELEMENTS:
		MSG(TEXT_NOT_ALLOWED, d, st->file, p.line, p.col, e->elem);
		return true;
	case XM_CONTENT_SIMPLE:
		if (!e->child)
			return false;
		MSG(ELEMENT_IN_TEXT, d, st->file, p.line, p.col, e->elem, e->child);
		return true;
	case XM_CONTENT_EMPTY:
		MSG(MUST_BE_EMPTY, d, st->file, p.line, p.col, e->elem, e->elem);
		return true;
	case XM_NO_ROOT_DECL: {
		char list[256];
		if (!st->schema.roots.n)
			return false;
		names_join((const char *const *)st->schema.roots.names, st->schema.roots.n, true,
		    list, sizeof list);
		MSG(ROOT_WRONG, d, st->file, p.line, p.col, e->elem, list);
		return true;
	}
	case XM_ENUMERATION: {
		char lbuf[1024], joined[1024];
		const char *names[64];
		size_t n = split_list(e->s2, lbuf, sizeof lbuf, names, sizeof names / sizeof names[0]);
		if (!e->s1 || !n)
			return false;
		names_join(names, n, false, joined, sizeof joined);
		const char *v = xm_shown(e->s1, buf, sizeof buf);
		const char *near = suggest_nearest(e->s1, names, n);
		if (!a)
			MSG(TEXT_CHOICE, d, st->file, p.line, p.col, v, e->elem, joined);
		else if (near)
			MSG(ATTR_CHOICE_HINT, d, st->file, p.line, p.col, a, v, near, joined);
		else
			MSG(ATTR_CHOICE, d, st->file, p.line, p.col, a, v, joined);
		return true;
	}
	case XM_PATTERN:
		if (!e->s1 || !e->s2)
			return false;
		for (size_t i = 0; i < sizeof patterns / sizeof patterns[0]; i++)
			if (strcmp(e->s2, patterns[i].pattern) == 0) {
				value_message(d, st->file, e, a, e->s1, patterns[i].kind,
				    patterns[i].example);
				return true;
			}
		if (a)
			MSG(ATTR_PATTERN, d, st->file, p.line, p.col, a, xm_shown(e->s1, buf, sizeof buf),
			    xm_shown(e->s2, buf2, sizeof buf2));
		else
			MSG(TEXT_PATTERN, d, st->file, p.line, p.col, xm_shown(e->s1, buf, sizeof buf),
			    e->elem, xm_shown(e->s2, buf2, sizeof buf2));
		return true;
	case XM_MINLENGTH:
		if (!strstr(e->text, "has a length of '0'"))
			return false;
		value_message(d, st->file, e, a, "", EX_NONBLANK, NULL);
		return true;
	case XM_MAXINCLUSIVE:
	case XM_MININCLUSIVE:
	case XM_MINEXCLUSIVE:
		if (!a || !e->s1 || !e->s2)
			return false;
		xm_shown(e->s1, buf, sizeof buf);
		xm_shown(e->s2, buf2, sizeof buf2);
		if (e->code == XM_MAXINCLUSIVE)
			MSG(ATTR_TOO_LARGE, d, st->file, p.line, p.col, a, buf, buf2);
		else if (e->code == XM_MININCLUSIVE)
			MSG(ATTR_TOO_SMALL, d, st->file, p.line, p.col, a, buf, buf2);
		else
			MSG(ATTR_TOO_SMALL_EXCL, d, st->file, p.line, p.col, a, buf, buf2);
		return true;
	case XM_DATATYPE_ATOMIC:
	case XM_DATATYPE_LIST:
	case XM_DATATYPE_UNION: {
		char type[64];
		if (!e->s1 || !message_type(e->text, type, sizeof type))
			return false;
		for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
			if (strcmp(type, types[i].type) == 0) {
				value_message(d, st->file, e, a, e->s1, types[i].kind, types[i].example);
				return true;
			}
		return false;
	}
	default:
		return false;
	}
}
