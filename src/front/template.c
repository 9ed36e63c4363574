/* template.c: loading a layout template (templates/NAME.xml): read, parse and
 * validate it against templates/template.xsd with the XML front end
 * (front_int.h), fill vl_template from the tree (measures, and the words the
 * layout prints, each left out one its default), check that its resource
 * files exist, then run the layout checks the schema cannot say (tcheck.c).
 * Also fills in a template text's placeholders (tpl_expand).
 *
 * Diagnostics: a template that is not well-formed, violates the schema or
 * fails a layout check is invalid (exit 1); a missing or unreadable
 * template, schema, font, dictionary or ICC profile is trouble (exit 2).
 *
 * The loader walks the tree at a fixed depth that the schema prescribes: no
 * recursion on anything the input controls. */
#include "front.h"
#include "base/base.h"
#include "front_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define TPL_MAX_BYTES (1 << 20)

typedef struct loader {
	vl_template *t;
	xmlsrc *x;
	diag *d;
} loader;

/* ---------------------------------------------------------------- */
/* Values (valid by the schema when these run)                       */
/* ---------------------------------------------------------------- */

/* The attribute's value with XSD whitespace collapsing at both ends (the
 * schema's types are tokens, decimals, booleans), in the arena; NULL if absent. */
static const char *
attr(loader *L, const xmlNode *n, const char *name)
{
	return xs_attr_trim(L->t->arena, n, name);
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


/* The value of a keyword attribute: the index of v in names (n of them, the
 * schema's enumeration), dflt when absent or unknown. */
static int
keyword(loader *L, const xmlNode *n, const char *name, const char *const *names, int count,
    int dflt)
{
	const char *v = attr(L, n, name);
	for (int i = 0; v && i < count; i++)
		if (names[i] && !strcmp(v, names[i]))
			return i;
	return dflt;
}

static enum ts_align
align(loader *L, const xmlNode *n, const char *name)
{
	static const char *const names[] = {
		[TS_JUSTIFY] = "blocksatz", [TS_LEFT] = "links", [TS_CENTER] = "zentriert",
		[TS_RIGHT] = "rechts",
	};
	return (enum ts_align)keyword(L, n, name, names, 4, TS_LEFT);
}

static const char *const face_elems[TS_NFACES] = {
	[TS_REGULAR] = "normal", [TS_BOLD] = "fett", [TS_ITALIC] = "kursiv",
	[TS_BOLD_ITALIC] = "fettKursiv",
};

static enum ts_face
face(loader *L, const xmlNode *n)
{
	return (enum ts_face)keyword(L, n, "schnitt", face_elems, TS_NFACES, TS_REGULAR);
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
	vl_pos p = xs_attr_pos(L->x, n, "datei");
	int rc = file_probe(path); /* a FIFO does not block */
	if (rc == ENOENT || rc == ENOTDIR)
		MSG(RES_NOT_FOUND, L->d, xs_path(L->x), p.line, p.col, what, path);
	else if (rc == FILE_NOT_REGULAR)
		MSG(RES_NOT_REGULAR, L->d, xs_path(L->x), p.line, p.col, what, path);
	else if (rc)
		MSG(RES_UNREADABLE, L->d, xs_path(L->x), p.line, p.col, what, path, strerror(rc));
	return path;
}


static void
fill(loader *L, const xmlNode *root)
{
	vl_template *t = L->t;
	t->name = attr(L, root, "name");
	t->number_sections = !attr(L, root, "abschnittsnummern") ||
	    boolean(L, root, "abschnittsnummern");

	const xmlNode *n = xs_child(root, "seite");
	t->page_w = mm(L, n, "breiteMm");
	t->page_h = mm(L, n, "hoeheMm");

	const xmlNode *fonts = xs_child(root, "schriften");
	for (int i = 0; i < TS_NFACES; i++)
		t->fonts[i] = resource(L, xs_child(fonts, face_elems[i]), "font file");

	const xmlNode *hy = xs_child(root, "silbentrennung");
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

	t->icc_path = resource(L, xs_child(root, "farbprofil"), "ICC profile");

	const xmlNode *st = xs_child(root, "stile");
	for (size_t i = 0; i < TPL_NSTYLES; i++)
		style(L, xs_child(st, tpl_styles[i].name),
		    (tpl_style *)((char *)t + tpl_styles[i].off));

	/* the cover letter */
	const xmlNode *letter = xs_child(root, "anschreiben");
	box(L, xs_child(letter, "briefkopf"), &t->letterhead);

	const xmlNode *addr = xs_child(letter, "anschriftfeld");
	box(L, addr, &t->address);
	t->address_first_baseline = mm(L, addr, "ersteGrundlinieMm");
	t->address_inset = mm(L, addr, "innenabstandMm");

	const xmlNode *stamp = xs_child(letter, "eingangsstempel");
	t->stamp = boolean(L, stamp, "anzeigen");
	box(L, stamp, &t->stamp_box);
	t->stamp_rule = pt(L, stamp, "linienstaerkePt");
	t->stamp_padding = mm(L, stamp, "innenabstandMm");

	const xmlNode *date = xs_child(letter, "datum");
	t->date_y = mm(L, date, "grundlinieMm");
	t->date_align = align(L, date, "ausrichtung");

	const xmlNode *info = xs_child(letter, "informationsblock");
	t->info_block = (tpl_box){ ts_mm(num(L, info, "xMm", 125)), ts_mm(num(L, info, "yMm", 55)),
		ts_mm(num(L, info, "breiteMm", 65)), ts_mm(num(L, info, "hoeheMm", 35)) };
	t->info_label_w = ts_mm(num(L, info, "beschriftungMm", 25));

	box(L, xs_child(letter, "brieftext"), &t->letter_body);
	const xmlNode *encl = xs_child(letter, "anlagen");
	t->enclosure_indent = ts_mm(num(L, encl, "einzugMm", 5));
	t->enclosure_gap = ts_mm(num(L, encl, "abstandMm", 2));

	const xmlNode *sig = xs_child(letter, "unterschrift");
	t->signature_space = mm(L, sig, "abstandMm");
	t->signature_image_h = mm(L, sig, "bildhoeheMm");

	const xmlNode *fm = xs_child(letter, "falzmarken");
	t->fold_marks = boolean(L, fm, "anzeigen");
	t->fold_x = mm(L, fm, "xMm");
	t->fold_rule = pt(L, fm, "linienstaerkePt");
	for (int i = 0; i < 3; i++) {
		const xmlNode *m = xs_child(fm, tpl_fold_marks[i]);
		t->fold_y[i] = mm(L, m, "yMm");
		t->fold_len[i] = mm(L, m, "laengeMm");
	}

	/* the report */
	const xmlNode *rep = xs_child(root, "bericht");
	box(L, xs_child(rep, "textbereich"), &t->text_area);
	t->title_top = mm(L, xs_child(rep, "titelblatt"), "ersteGrundlinieMm");
	const xmlNode *notes = xs_child(rep, "fussnoten"), *cells = xs_child(rep, "tabellen");
	const xmlNode *lists = xs_child(rep, "listen");
	t->note_size = pt_sp(num(L, notes, "groessePt", 9));
	t->note_leading = pt_sp(num(L, notes, "zeilenabstandPt", 11));
	t->cell_leading = pt_sp(num(L, cells, "zeilenabstandPt", 14));
	t->cell_pad = pt_sp(num(L, cells, "innenabstandPt", 3));
	t->table_space_before = pt_sp(num(L, cells, "abstandVorPt", 8));
	t->table_space_after = pt_sp(num(L, cells, "abstandNachPt", 8));
	t->table_header_rule = pt_sp(num(L, cells, "kopflinienstaerkePt", 0.8));
	t->table_row_rule = pt_sp(num(L, cells, "zeilenlinienstaerkePt", 0.3));
	const xmlNode *figs = xs_child(rep, "abbildungen");
	t->figure_ppi = num(L, figs, "aufloesungPpi", 150);
	t->figure_space_before = pt_sp(num(L, figs, "abstandVorPt", 8));
	t->figure_space_after = pt_sp(num(L, figs, "abstandNachPt", 8));
	t->figure_caption_gap = pt_sp(num(L, figs, "beschriftungsabstandPt", 4));
	t->list_indent = ts_mm(num(L, lists, "einzugMm", 6));
	t->list_gap = ts_mm(num(L, lists, "abstandMm", 2));
	t->list_space = pt_sp(num(L, lists, "eintragAbstandPt", 2));

	/* page numbers */
	const xmlNode *pn = xs_child(root, "seitenzahl");
	const char *pos = attr(L, pn, "position");
	t->pagenum_pos = pos && !strcmp(pos, "unten") ? TPL_PAGENUM_BOTTOM : TPL_PAGENUM_TOP;
	t->pagenum_y = mm(L, pn, "grundlinieMm");
	t->pagenum_align = align(L, pn, "ausrichtung");
	t->pagenum_first = (int)num(L, pn, "ersteSeite", 1);

	/* the texts: page number formats and the words of <texte> */
	for (size_t i = 0; i < TPL_NTEXTS; i++) {
		const tpl_text_field *f = &tpl_texts[i];
		const xmlNode *el = xs_child(f->parent ? xs_child(root, f->parent) : root, f->elem);
		const char *v = attr(L, el, f->attr);
		*(const char **)((char *)t + f->off) = v ? v : f->dflt;
	}
}

size_t
tpl_placeholder_len(const char *s)
{
	const char *end = strchr(s + 1, '}');
	return end ? (size_t)(end - s) + 1 : 0;
}

const char *
tpl_expand(arena *a, const char *fmt, const tpl_arg *args, size_t nargs)
{
	/* twice: the length, then the text */
	char *out = NULL;
	for (int pass = 0; pass < 2; pass++) {
		size_t o = 0;
		for (const char *p = fmt; *p;) {
			size_t k = *p == '{' ? tpl_placeholder_len(p) : 0;
			const char *piece = p;
			size_t n = k ? k : 1;
			for (size_t i = 0; k && i < nargs; i++)
				if (strlen(args[i].name) == k - 2 && !memcmp(args[i].name, p + 1, k - 2)) {
					piece = args[i].value;
					n = strlen(piece);
					break;
				}
			if (out)
				memcpy(out + o, piece, n);
			o += n;
			p += k ? k : 1;
		}
		if (out)
			out[o] = '\0';
		else
			out = arena_alloc(a, o + 1);
	}
	return out;
}

vl_template *
tpl_load(const char *path, const char *xsd_path, diag *d)
{
	xmlInitParser();
	arena *a = arena_new();
	vl_template *t = arena_zalloc(a, sizeof *t);
	t->arena = a;
	t->path = arena_strdup(a, path);
	loader L = { .t = t, .d = d };
	unsigned before = d->nerrors + d->nsyserrs;

	L.x = xs_open(t->path, TPL_MAX_BYTES, d);
	bool ok = L.x && xs_validate(L.x, xsd_path) == 1;
	if (ok) {
		memcpy(t->sha256, xs_sha256(L.x), sizeof t->sha256);
		fill(&L, xs_root(L.x));
		tpl_check(t, L.x, d);
	}
	xs_free(L.x);
	if (!ok || d->nerrors + d->nsyserrs != before) {
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
