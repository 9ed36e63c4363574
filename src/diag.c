/* diag.c: printing diagnostics, exit status, and allocation that fails cleanly. */
#include "diag.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char *const level_names[] = {
	[DIAG_WARNING] = "warning",
	[DIAG_ERROR] = "error",
	[DIAG_SYSERR] = "error",
};
_Static_assert(sizeof level_names / sizeof level_names[0] == DIAG_SYSERR + 1,
    "a name for every level");

void
diag_init(diag *d, const char *prog, FILE *out)
{
	memset(d, 0, sizeof *d);
	d->prog = prog;
	d->out = out;
}

static int
diag_count(diag *d, enum diag_level lvl)
{
	switch (lvl) {
	case DIAG_WARNING: d->nwarnings++; break;
	case DIAG_ERROR: d->nerrors++; break;
	case DIAG_SYSERR: d->nsyserrs++; break;
	}
	if (d->limit && d->nerrors + d->nsyserrs > d->limit)
		return 0;
	return d->out != NULL;
}

void
diag_vat(diag *d, enum diag_level lvl, const char *file, unsigned line,
    unsigned col, const char *fmt, va_list ap)
{
	if (!diag_count(d, lvl))
		return;
	if (file && line)
		fprintf(d->out, "%s:%u:%u: %s: ", file, line, col ? col : 1, level_names[lvl]);
	else if (file)
		fprintf(d->out, "%s: %s: ", file, level_names[lvl]);
	else
		fprintf(d->out, "%s: %s: ", d->prog ? d->prog : "vorlage", level_names[lvl]);
	vfprintf(d->out, fmt, ap);
	fputc('\n', d->out);
}

void
diag_at(diag *d, enum diag_level lvl, const char *file, unsigned line,
    unsigned col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_vat(d, lvl, file, line, col, fmt, ap);
	va_end(ap);
}

void
diag_msg(diag *d, enum diag_level lvl, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_vat(d, lvl, NULL, 0, 0, fmt, ap);
	va_end(ap);
}

int
diag_exit_status(const diag *d)
{
	if (d->nsyserrs)
		return VL_EXIT_TROUBLE;
	if (d->nerrors)
		return VL_EXIT_INVALID;
	return VL_EXIT_OK;
}

_Noreturn void
diag_oom(void)
{
	fputs("vorlage: error: out of memory\n", stderr);
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
