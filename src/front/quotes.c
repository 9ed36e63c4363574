/* quotes.c: typed quotation marks („…“, “…”, »…«, «…», "…") in the text of
 * a source, where <zitat> belongs: it sets the quotation marks of its
 * language, and the PDF's structure knows it for a quotation. For check
 * (xmlsrc.c calls it on the outermost elements that may hold a <zitat>). */
#include "xmlmsg_int.h"

#include <string.h>

/* The quotation marks a clerk types, each with the marks that close it. */
static const struct {
	const char *open, *close1, *close2;
} quote_marks[] = {
	{ "\xE2\x80\x9E", "\xE2\x80\x9C", "\xE2\x80\x9D" }, /* „ … “ or ” */
	{ "\xE2\x80\x9C", "\xE2\x80\x9D", NULL },           /* “ … ” */
	{ "\xC2\xBB", "\xC2\xAB", NULL },                   /* » … « */
	{ "\xC2\xAB", "\xC2\xBB", NULL },                   /* « … » */
	{ "\"", "\"", NULL },
};

/* A quotation this long is no quotation but two stray marks. */
enum { QUOTE_MAX = 400 };

static size_t
mark_at(const char *b, size_t i, size_t to, const char *mark)
{
	size_t n = mark ? strlen(mark) : 0;
	return n && i + n <= to && memcmp(b + i, mark, n) == 0 ? n : 0;
}

/* The offset just past the markup that begins at i ('<'): past its '>',
 * or past the whole element when it is a <zitat>. */
static size_t
skip_markup(const srcmap *m, size_t i, size_t to)
{
	const char *b = m->buf;
	if (i + 6 < to && memcmp(b + i, "<zitat", 6) == 0 && strchr(" \t\r\n/>", b[i + 6])) {
		size_t lo = 0, hi = m->nelems; /* the elements are in document order */
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (m->elems[mid].start < i)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo < m->nelems && m->elems[lo].start == i && m->elems[lo].after > i)
			return m->elems[lo].after;
	}
	const char *gt = memchr(b + i, '>', to - i);
	return gt ? (size_t)(gt - b) + 1 : to;
}

unsigned
xm_typed_quotes(diag *d, const char *file, srcmap *m, size_t from, size_t to)
{
	const char *b = m->buf;
	unsigned found = 0;
	if (to > m->len)
		to = m->len;
	for (size_t i = from; i < to;) {
		unsigned char ch = (unsigned char)b[i];
		if (ch == '<') {
			i = skip_markup(m, i, to);
			continue;
		}
		if (ch != '"' && ch != 0xE2 && ch != 0xC2) { /* no mark begins here */
			i++;
			continue;
		}
		size_t k, n = 0;
		for (k = 0; k < sizeof quote_marks / sizeof quote_marks[0]; k++)
			if ((n = mark_at(b, i, to, quote_marks[k].open)) != 0)
				break;
		if (!n) {
			i++;
			continue;
		}
		/* the closing mark, in the same stretch of text and not far */
		size_t j = i + n, c = 0;
		for (; j < to && j - i < QUOTE_MAX && b[j] != '<'; j++)
			if ((c = mark_at(b, j, to, quote_marks[k].close1)) != 0 ||
			    (c = mark_at(b, j, to, quote_marks[k].close2)) != 0)
				break;
		if (!c || j == i + n) {
			i += n;
			continue;
		}
		char inner[80];
		size_t len = j - (i + n);
		char raw[QUOTE_MAX + 1];
		memcpy(raw, b + i + n, len);
		raw[len] = 0;
		vl_pos p = srcmap_pos(m, i);
		MSG(TYPED_QUOTES, d, file, p.line, p.col, xm_shown(raw, inner, sizeof inner));
		found++;
		i = j + c;
	}
	return found;
}
