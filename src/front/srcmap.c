/* srcmap.c: one pass over a source text for its line starts and the
 * positions of its markup (start and end tags, comments, processing
 * instructions), and the line and column of an offset. */
#include "srcmap_int.h"
#include "base/base.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>


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

enum { SRCMAP_COL_STEP = 256 };

/* The checkpoints of ld->chars, built once after the scan. */
static void
index_chars(srcmap *ld)
{
	size_t n = ld->len / SRCMAP_COL_STEP + 1, c = 0;
	ld->chars = xmalloc(n * sizeof *ld->chars);
	for (size_t i = 0; i < ld->len; i++) {
		if (i % SRCMAP_COL_STEP == 0)
			ld->chars[i / SRCMAP_COL_STEP] = c;
		c += ((unsigned char)ld->buf[i] & 0xC0) != 0x80;
	}
	if (ld->len % SRCMAP_COL_STEP == 0)
		ld->chars[ld->len / SRCMAP_COL_STEP] = c;
}

/* The number of characters before byte offset off (off <= len). */
static size_t
chars_before(const srcmap *ld, size_t off)
{
	size_t c = ld->chars[off / SRCMAP_COL_STEP];
	for (size_t i = off - off % SRCMAP_COL_STEP; i < off; i++)
		c += ((unsigned char)ld->buf[i] & 0xC0) != 0x80;
	return c;
}

void
srcmap_scan(srcmap *ld, const char *buf, size_t len)
{
	const char *b = buf;
	size_t n = len, i = 0;
	ld->buf = buf;
	ld->len = len;
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
	index_chars(ld);
}

vl_pos
srcmap_pos(srcmap *ld, size_t off)
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

void
srcmap_free(srcmap *m)
{
	free(m->chars);
	free(m->lines);
	free(m->elems);
	free(m->comments);
	free(m->pis);
	memset(m, 0, sizeof *m);
}
