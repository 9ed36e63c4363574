/* diag.c: the message catalogue, printing diagnostics, the exit status, and
 * allocation that fails cleanly. */
#include "base.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define DIAG_ENTRY_(name, lvl, fmt, args) { #name, lvl, fmt },
const diag_entry diag_catalogue[] = {
	DIAG_MESSAGES(DIAG_ENTRY_)
};
#undef DIAG_ENTRY_
_Static_assert(sizeof diag_catalogue / sizeof diag_catalogue[0] == DIAG_NMSGS,
    "one catalogue entry for every code");

static const char *const level_names[] = {
	[DIAG_WARNING] = "warning",
	[DIAG_ERROR] = "error",
	[DIAG_SYSERR] = "error",
};
_Static_assert(sizeof level_names / sizeof level_names[0] == DIAG_SYSERR + 1,
    "a name for every level");

/* A message waiting for diag_release. */
struct diag_held {
	const char *file;
	unsigned line, col;
	size_t seq;
	enum diag_level level;
	char *text;
};

void
diag_init(diag *d, const char *prog, FILE *out)
{
	memset(d, 0, sizeof *d);
	d->prog = prog;
	d->out = out;
	d->worst = -1;
}

static void
print(const diag *d, enum diag_level lvl, const char *file, unsigned line, unsigned col,
    const char *text)
{
	if (file && line)
		fprintf(d->out, "%s:%u:%u: %s: %s\n", file, line, col ? col : 1, level_names[lvl], text);
	else
		fprintf(d->out, "%s: %s: %s\n", file ? file : d->prog ? d->prog : "vorlage",
		    level_names[lvl], text);
}

/* Text with its control characters (C0, DEL and C1, which a source may
 * hold as character references) written as \uXXXX, so that a message is
 * one line of printable text whatever its arguments hold. Takes text. */
static char *
escape_controls(char *text)
{
	size_t extra = 0;
	const unsigned char *t = (const unsigned char *)text;
	for (size_t i = 0; t[i]; i++) {
		if (t[i] < 0x20 || t[i] == 0x7F)
			extra += 5;
		else if (t[i] == 0xC2 && t[i + 1] >= 0x80 && t[i + 1] <= 0x9F)
			extra += 4, i++;
	}
	if (!extra)
		return text;
	char *out = xmalloc(strlen(text) + extra + 1), *o = out;
	for (size_t i = 0; t[i]; i++) {
		unsigned c = t[i];
		if (c == 0xC2 && t[i + 1] >= 0x80 && t[i + 1] <= 0x9F)
			c = t[++i];
		else if (c >= 0x20 && c != 0x7F) {
			*o++ = (char)c;
			continue;
		}
		o += sprintf(o, "\\u%04X", c);
	}
	*o = 0;
	free(text);
	return out;
}

static void
vemit(diag *d, enum diag_code code, const char *file, unsigned line, unsigned col,
    const char *fmt, va_list ap)
{
	enum diag_level lvl = diag_catalogue[code].level;
	switch (lvl) {
	case DIAG_WARNING: d->nwarnings++; break;
	case DIAG_ERROR: d->nerrors++; break;
	case DIAG_SYSERR: d->nsyserrs++; break;
	}
	if ((int)lvl > d->worst)
		d->worst = (int)lvl;
	if (!d->out)
		return;
	va_list aq;
	va_copy(aq, ap);
	int n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	char *text = xmalloc(n > 0 ? (size_t)n + 1 : 1);
	vsnprintf(text, n > 0 ? (size_t)n + 1 : 1, fmt, ap);
	text = escape_controls(text);
	if (d->holding) {
		d->held = xgrow(d->held, &d->capheld, d->nheld + 1, sizeof *d->held);
		d->held[d->nheld] = (diag_held){ file, line, col, d->nheld, lvl, text };
		d->nheld++;
		return;
	}
	print(d, lvl, file, line, col, text);
	free(text);
}

void
diag_emit(diag *d, enum diag_code code, const char *file, unsigned line,
    unsigned col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vemit(d, code, file, line, col, fmt, ap);
	va_end(ap);
}

void
diag_hold(diag *d)
{
	d->holding = 1;
}

static int
cmp_held(const void *x, const void *y)
{
	const diag_held *a = x, *b = y;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->col != b->col)
		return a->col < b->col ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

void
diag_release(diag *d)
{
	d->holding = 0;
	if (d->nheld)
		qsort(d->held, d->nheld, sizeof *d->held, cmp_held);
	for (size_t i = 0; i < d->nheld; i++) {
		print(d, d->held[i].level, d->held[i].file, d->held[i].line, d->held[i].col,
		    d->held[i].text);
		free(d->held[i].text);
	}
	free(d->held);
	d->held = NULL;
	d->nheld = d->capheld = 0;
}

int
diag_exit_status(const diag *d)
{
	if (d->worst == DIAG_SYSERR)
		return VL_EXIT_TROUBLE;
	if (d->worst == DIAG_ERROR)
		return VL_EXIT_INVALID;
	return VL_EXIT_OK;
}

_Noreturn void
diag_oom(void)
{
	fprintf(stderr, "vorlage: error: %s\n", diag_catalogue[MSG_NO_MEMORY].format);
	exit(VL_EXIT_TROUBLE);
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		diag_oom();
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		diag_oom();
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		diag_oom();
	return p;
}

void *
xgrow(void *p, size_t *cap, size_t need, size_t size)
{
	size_t c = *cap;
	if (need <= c)
		return p;
	if (c < 8)
		c = 8;
	while (c < need) {
		if (c > SIZE_MAX / 2 / size)
			diag_oom();
		c *= 2;
	}
	*cap = c;
	return xrealloc(p, c * size);
}
