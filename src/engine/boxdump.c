/* boxdump.c: the laid-out document as deterministic text, for golden tests.
 * Lengths are integers in scaled points (65536 per point), or with the
 * option points, points with two decimals. Format:
 *   doc W H pages N [pt] [from F]
 *   page I items N
 *     text X Y W H face F size S "TEXT" [link "URI"]
 *     rule X Y W H
 *     image X Y W H "PATH"
 *   outline LEVEL page P y Y "TITLE"
 *   label FIRST "PREFIX" STYLE START
 *   line PAGE para P L/N size S space SP width W measure M spaces N expand E
 *        [justified] [hyphenated] [overfull]
 *     (P: the flow paragraph, from 1, 0 for lines set outside flows and
 *     for the lines of table cells, footnotes and captions; L/N:
 *     the line's number in it and the paragraph's number of lines; E: the
 *     line's font expansion in per mille)
 * "pt" on the first line says the lengths are points; "from F" that the
 * pages before page F (counted from 0, as the page lines count) are left
 * out: their page, item, outline and line lines, not the labels. Text is
 * written as is except that '"' and '\' are escaped and control bytes are
 * written as \xHH. */
#include "layout.h"

static void
quote(FILE *out, const char *s, size_t len)
{
	fputc('"', out);
	for (size_t i = 0; s && i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\')
			fprintf(out, "\\%c", c);
		else if (c < 0x20 || c == 0x7f)
			fprintf(out, "\\x%02X", c);
		else
			fputc(c, out);
	}
	fputc('"', out);
}

static size_t
cstrlen(const char *s)
{
	size_t n = 0;
	while (s && s[n])
		n++;
	return n;
}

/* A length: " V" in scaled points, or in points rounded to two decimals
 * (half away from zero, in integers: the same text on every machine). */
static void
len(FILE *out, const ts_dump_opts *o, ts_sp v)
{
	if (!o->points) {
		fprintf(out, " %ld", (long)v);
		return;
	}
	long long a = v < 0 ? -(long long)v : (long long)v;
	long long c = (a * 100 + TS_UNIT / 2) / TS_UNIT;
	fprintf(out, " %s%lld.%02lld", v < 0 && c ? "-" : "", c / 100, c % 100);
}

/* " X Y W H" */
static void
box(FILE *out, const ts_dump_opts *o, const ts_item *it)
{
	len(out, o, it->x);
	len(out, o, it->y);
	len(out, o, it->w);
	len(out, o, it->h);
}

void
ts_layout_dump_opts(const ts_layout *doc, const ts_dump_opts *o, FILE *out)
{
	static const char *const faces[TS_NFACES] = { "regular", "bold", "italic", "bolditalic" };
	fputs("doc", out);
	len(out, o, doc->width);
	len(out, o, doc->height);
	fprintf(out, " pages %zu%s", doc->npages, o->points ? " pt" : "");
	if (o->first_page)
		fprintf(out, " from %zu", o->first_page);
	fputc('\n', out);
	for (size_t p = o->first_page; p < doc->npages; p++) {
		const ts_page *pg = &doc->pages[p];
		fprintf(out, "page %zu items %zu\n", p, pg->nitems);
		for (size_t i = 0; i < pg->nitems; i++) {
			const ts_item *it = &pg->items[i];
			switch (it->kind) {
			case TS_ITEM_TEXT:
				fputs("  text", out);
				box(out, o, it);
				fprintf(out, " face %s size",
				    (unsigned)it->face < TS_NFACES ? faces[it->face] : "?");
				len(out, o, it->size);
				fputc(' ', out);
				quote(out, it->text, it->len);
				if (it->link) {
					fputs(" link ", out);
					quote(out, it->link, cstrlen(it->link));
				}
				fputc('\n', out);
				break;
			case TS_ITEM_RULE:
				fputs("  rule", out);
				box(out, o, it);
				fputc('\n', out);
				break;
			case TS_ITEM_IMAGE:
				fputs("  image", out);
				box(out, o, it);
				fputc(' ', out);
				quote(out, it->text, it->text ? (it->len ? it->len : cstrlen(it->text)) : 0);
				fputc('\n', out);
				break;
			}
		}
	}
	for (size_t i = 0; i < doc->noutline; i++) {
		const ts_outline *ol = &doc->outline[i];
		if (ol->page < o->first_page)
			continue;
		fprintf(out, "outline %d page %zu y", ol->level, ol->page);
		len(out, o, ol->y);
		fputc(' ', out);
		quote(out, ol->title, cstrlen(ol->title));
		fputc('\n', out);
	}
	for (size_t i = 0; i < doc->nlabels; i++) {
		const ts_page_label *l = &doc->labels[i];
		fprintf(out, "label %zu ", l->first_page);
		quote(out, l->prefix, cstrlen(l->prefix));
		fprintf(out, " %s %d\n", l->style == TS_LABEL_DECIMAL ? "decimal" : "none", l->start);
	}
	for (size_t i = 0; i < doc->nstats; i++) {
		const ts_line_stat *s = &doc->stats[i];
		if (s->page < o->first_page)
			continue;
		fprintf(out, "line %zu para %zu %d/%d size", s->page, s->para, s->line + 1, s->nlines);
		len(out, o, s->size);
		fputs(" space", out);
		len(out, o, s->space);
		fputs(" width", out);
		len(out, o, s->width);
		fputs(" measure", out);
		len(out, o, s->measure);
		fprintf(out, " spaces %d expand %d%s%s%s\n", s->nspaces, s->expand,
		    s->justified ? " justified" : "", s->hyphenated ? " hyphenated" : "",
		    s->overfull ? " overfull" : "");
	}
}

void
ts_layout_dump(const ts_layout *doc, FILE *out)
{
	static const ts_dump_opts plain = { 0, false };
	ts_layout_dump_opts(doc, &plain, out);
}
