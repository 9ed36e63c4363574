/* boxdump.c: the laid-out document as deterministic text, for golden tests.
 * Lengths are integers in scaled points (65536 per point). Format:
 *   doc W H pages N
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
 * Text is written as is except that '"' and '\' are escaped and control
 * bytes are written as \xHH. */
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

void
ts_layout_dump(const ts_layout *doc, FILE *out)
{
	static const char *const faces[TS_NFACES] = { "regular", "bold", "italic", "bolditalic" };
	fprintf(out, "doc %ld %ld pages %zu\n", (long)doc->width, (long)doc->height, doc->npages);
	for (size_t p = 0; p < doc->npages; p++) {
		const ts_page *pg = &doc->pages[p];
		fprintf(out, "page %zu items %zu\n", p, pg->nitems);
		for (size_t i = 0; i < pg->nitems; i++) {
			const ts_item *it = &pg->items[i];
			switch (it->kind) {
			case TS_ITEM_TEXT:
				fprintf(out, "  text %ld %ld %ld %ld face %s size %ld ", (long)it->x,
				    (long)it->y, (long)it->w, (long)it->h,
				    (unsigned)it->face < TS_NFACES ? faces[it->face] : "?",
				    (long)it->size);
				quote(out, it->text, it->len);
				if (it->link) {
					fputs(" link ", out);
					quote(out, it->link, cstrlen(it->link));
				}
				fputc('\n', out);
				break;
			case TS_ITEM_RULE:
				fprintf(out, "  rule %ld %ld %ld %ld\n", (long)it->x, (long)it->y,
				    (long)it->w, (long)it->h);
				break;
			case TS_ITEM_IMAGE:
				fprintf(out, "  image %ld %ld %ld %ld ", (long)it->x, (long)it->y,
				    (long)it->w, (long)it->h);
				quote(out, it->text, it->text ? (it->len ? it->len : cstrlen(it->text)) : 0);
				fputc('\n', out);
				break;
			}
		}
	}
	for (size_t i = 0; i < doc->noutline; i++) {
		const ts_outline *o = &doc->outline[i];
		fprintf(out, "outline %d page %zu y %ld ", o->level, o->page, (long)o->y);
		quote(out, o->title, cstrlen(o->title));
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
		fprintf(out, "line %zu para %zu %d/%d size %ld space %ld width %ld measure %ld spaces %d expand %d%s%s%s\n",
		    s->page, s->para, s->line + 1, s->nlines, (long)s->size, (long)s->space,
		    (long)s->width, (long)s->measure, s->nspaces, s->expand,
		    s->justified ? " justified" : "", s->hyphenated ? " hyphenated" : "",
		    s->overfull ? " overfull" : "");
	}
}
