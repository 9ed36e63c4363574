/* diag.h: the one place that prints diagnostics and keeps the exit status. */
#ifndef VORLAGE_DIAG_H
#define VORLAGE_DIAG_H

#include <stdarg.h>
#include <stdio.h>

/* Exit codes of the program, documented in README.md. */
enum vl_exit {
	VL_EXIT_OK = 0,      /* success */
	VL_EXIT_INVALID = 1, /* the document or template is invalid */
	VL_EXIT_TROUBLE = 2  /* usage, unreadable file, missing resource, unwritable output, no memory */
};

enum diag_level {
	DIAG_WARNING, /* printed; exit status unchanged */
	DIAG_ERROR,   /* the input is invalid: exit status 1 */
	DIAG_SYSERR   /* trouble outside the input: exit status 2 */
};

/* A diagnostics sink. Passed explicitly; no global state. */
typedef struct diag {
	FILE *out;          /* where messages go (stderr in the program) */
	const char *prog;   /* program name for messages without a location */
	unsigned nwarnings;
	unsigned nerrors;   /* DIAG_ERROR messages */
	unsigned nsyserrs;  /* DIAG_SYSERR messages */
	unsigned limit;     /* stop printing after this many errors (0: no limit) */
} diag;

void diag_init(diag *d, const char *prog, FILE *out);

/* FILE:LINE:COL: level: message. line/col 0 print as FILE: level: message. */
void diag_at(diag *d, enum diag_level lvl, const char *file, unsigned line,
    unsigned col, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
void diag_vat(diag *d, enum diag_level lvl, const char *file, unsigned line,
    unsigned col, const char *fmt, va_list ap)
    __attribute__((format(printf, 6, 0)));

/* prog: error: message (no location). */
void diag_msg(diag *d, enum diag_level lvl, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The exit status the messages so far call for (enum vl_exit). */
int diag_exit_status(const diag *d);

/* Out of memory: print and exit with VL_EXIT_TROUBLE. Used by the allocators. */
_Noreturn void diag_oom(void);

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/* Grow an array of `size`-byte elements to hold at least `need`; returns new capacity. */
void *xgrow(void *p, size_t *cap, size_t need, size_t size);

#endif
