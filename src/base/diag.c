/* diag.c: the message catalogue, printing diagnostics (as lines, with the
 * source line and a caret, or as JSON; in English or German), the exit
 * status, and allocation that fails cleanly. */
#include "base.h"

#include <libintl.h>
#include <locale.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The gettext domain of the program's messages. */
#define DIAG_DOMAIN "vorlage"

/* N_: a string the .pot collects (tools/mkpot.py), translated where used. */
#define N_(s) s

#define DIAG_ENTRY_(name, lvl, fmt, args) { #name, lvl, fmt },
const diag_entry diag_catalogue[] = {
	DIAG_MESSAGES(DIAG_ENTRY_)
};
#undef DIAG_ENTRY_
_Static_assert(sizeof diag_catalogue / sizeof diag_catalogue[0] == DIAG_NMSGS,
    "one catalogue entry for every code");

static const char *const level_names[] = {
	[DIAG_WARNING] = N_("warning"),
	[DIAG_ERROR] = N_("error"),
	[DIAG_SYSERR] = N_("error"),
};
_Static_assert(sizeof level_names / sizeof level_names[0] == DIAG_SYSERR + 1,
    "a name for every level");

/* A message waiting for diag_release. */
struct diag_held {
	const char *file;
	unsigned line, col;
	size_t seq;
	enum diag_level level;
	enum diag_code code;
	char *text;
};

/* A source text kept for the caret lines. */
struct diag_source {
	char *file;
	char *text;
	size_t len;
};
/* Sources kept at once: messages come while a source is read and checked,
 * and a batch must not keep all of its sources. */
#define DIAG_NSOURCES 4

/* diag_locale was called: the one piece of global state, as the locale is. */
static bool translating;

void
diag_init(diag *d, const char *prog, FILE *out)
{
	memset(d, 0, sizeof *d);
	d->prog = prog;
	d->out = out;
	d->worst = -1;
}

void
diag_set_style(diag *d, enum diag_style style, bool colour)
{
	d->style = style;
	d->colour = style == DIAG_CARET && colour;
}

/* ---- the language ------------------------------------------------------- */

/* The locale the environment names for messages (POSIX: LC_ALL, then
 * LC_MESSAGES, then LANG). */
static const char *
env_locale(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
		const char *v = getenv(vars[i]);
		if (v && *v)
			return v;
	}
	return NULL;
}

void
diag_locale(const char *localedir)
{
	const char *got = setlocale(LC_MESSAGES, "");
	const char *want = env_locale();
	if ((!got || !strcmp(got, "C") || !strcmp(got, "POSIX")) && want && want[0] == 'd' &&
	    want[1] == 'e' && (!want[2] || strchr("_.@", want[2]))) {
		/* de_DE.UTF-8 asked for but not installed (a container, a fresh
		 * system): glibc would print English. Under C.UTF-8 it reads
		 * LANGUAGE, and the German catalogue serves all the same. */
		if (setlocale(LC_MESSAGES, "C.UTF-8"))
			setenv("LANGUAGE", "de", 0);
	}
	bindtextdomain(DIAG_DOMAIN, localedir);
	bind_textdomain_codeset(DIAG_DOMAIN, "UTF-8");
	translating = true;
}

const char *
diag_tr(const char *msgid)
{
	return translating ? dgettext(DIAG_DOMAIN, msgid) : msgid;
}

const char *
diag_trn(const char *msgid, const char *plural, unsigned long n)
{
	return translating ? dngettext(DIAG_DOMAIN, msgid, plural, n) : n == 1 ? msgid : plural;
}

/* ---- printing ----------------------------------------------------------- */

void
diag_source_text(diag *d, const char *file, const char *text, size_t len)
{
	if (d->style != DIAG_CARET || !file)
		return;
	if (!d->sources)
		d->sources = xcalloc(DIAG_NSOURCES, sizeof *d->sources);
	/* a file read again loses its older text; else, when all are taken,
	 * the oldest goes */
	size_t drop = d->nsources == DIAG_NSOURCES ? 0 : SIZE_MAX;
	for (size_t i = 0; i < d->nsources; i++)
		if (d->sources[i].file && !strcmp(d->sources[i].file, file))
			drop = i;
	if (drop != SIZE_MAX) {
		free(d->sources[drop].file);
		free(d->sources[drop].text);
		memmove(d->sources + drop, d->sources + drop + 1,
		    (d->nsources - drop - 1) * sizeof *d->sources);
		d->nsources--;
	}
	diag_source *s = &d->sources[d->nsources++];
	s->file = xmalloc(strlen(file) + 1);
	memcpy(s->file, file, strlen(file) + 1);
	s->text = xmalloc(len + 1);
	memcpy(s->text, text, len);
	s->text[len] = 0;
	s->len = len;
}

/* The name a message gives a file: standard input is "<stdin>". */
static const char *
shown_file(const char *file)
{
	return file && !strcmp(file, "-") ? "<stdin>" : file;
}

static const char *
colour(const diag *d, const char *c)
{
	return d->colour ? c : "";
}

#define BOLD "\033[1m"
#define RED "\033[1;31m"
#define MAGENTA "\033[1;35m"
#define GREEN "\033[1;32m"
#define RESET "\033[0m"

/* How much of a long line is shown around the column, in characters. */
enum { CARET_BEFORE = 60, CARET_AFTER = 60 };

/* Under the message: line `line` of file, and a caret under column col
 * (characters; a tab stays a tab above and below). */
static void
print_caret(const diag *d, const char *file, unsigned line, unsigned col)
{
	const diag_source *s = NULL;
	for (size_t i = 0; i < d->nsources && file; i++)
		if (!strcmp(d->sources[i].file, file))
			s = &d->sources[i];
	if (!s || !line)
		return;
	const char *p = s->text, *end = s->text + s->len;
	if (end - p >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3))
		p += 3;
	for (unsigned k = 1; k < line && p < end; k++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		p = nl ? nl + 1 : end;
	}
	if (p >= end)
		return;
	const char *eol = memchr(p, '\n', (size_t)(end - p));
	if (!eol)
		eol = end;
	if (eol > p && eol[-1] == '\r')
		eol--;
	/* the characters shown: from `from` to `to`, counted in characters */
	unsigned from = col > CARET_BEFORE ? col - CARET_BEFORE : 1, to = col + CARET_AFTER;
	char num[16];
	int w = snprintf(num, sizeof num, "%u", line);
	fprintf(d->out, " %*s | ", w < 4 ? 4 : w, num);
	if (from > 1)
		fputs("...", d->out);
	unsigned k = 1;
	const char *q = p;
	for (; q < eol; q++) {
		unsigned char c = (unsigned char)*q;
		if ((c & 0xC0) != 0x80 && q != p)
			k++;
		if (k > to) {
			fputs("...", d->out);
			break;
		}
		if (k >= from)
			fputc(c < 0x20 && c != '\t' ? ' ' : c, d->out);
	}
	fputc('\n', d->out);
	fprintf(d->out, " %*s | %s", w < 4 ? 4 : w, "", from > 1 ? "   " : "");
	k = 1;
	for (q = p; q < eol && k < col; q++) {
		unsigned char c = (unsigned char)*q;
		if ((c & 0xC0) == 0x80)
			continue;
		if (k >= from)
			fputc(c == '\t' ? '\t' : ' ', d->out);
		k++;
	}
	fprintf(d->out, "%s^%s\n", colour(d, GREEN), colour(d, RESET));
}

/* s as a JSON string. */
static void
json_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(f, "\\%c", *p);
		else if (*p == '\n')
			fputs("\\n", f);
		else if (*p == '\t')
			fputs("\\t", f);
		else if (*p < 0x20 || *p == 0x7F)
			fprintf(f, "\\u%04x", *p);
		else
			fputc(*p, f);
	}
	fputc('"', f);
}

static void
print_json(diag *d, enum diag_level lvl, enum diag_code code, const char *file, unsigned line,
    unsigned col, const char *text)
{
	fputs(d->nprinted ? ",\n  {" : "[\n  {", d->out);
	fputs("\"file\": ", d->out);
	if (file)
		json_string(d->out, shown_file(file));
	else
		fputs("null", d->out);
	if (file && line)
		fprintf(d->out, ", \"line\": %u, \"column\": %u", line, col ? col : 1);
	else
		fputs(", \"line\": null, \"column\": null", d->out);
	fprintf(d->out, ", \"severity\": \"%s\", \"code\": \"%s\", \"message\": ",
	    lvl == DIAG_WARNING ? "warning" : "error", diag_catalogue[code].name);
	json_string(d->out, text);
	fputc('}', d->out);
}

static void
print(diag *d, enum diag_level lvl, enum diag_code code, const char *file, unsigned line,
    unsigned col, const char *text)
{
	if (d->style == DIAG_JSON) {
		print_json(d, lvl, code, file, line, col, text);
		d->nprinted++;
		return;
	}
	const char *lc = colour(d, lvl == DIAG_WARNING ? MAGENTA : RED);
	const char *level = diag_tr(level_names[lvl]);
	if (file && line)
		fprintf(d->out, "%s%s:%u:%u:%s %s%s:%s %s\n", colour(d, BOLD), shown_file(file), line,
		    col ? col : 1, colour(d, RESET), lc, level, colour(d, RESET), text);
	else
		fprintf(d->out, "%s%s:%s %s%s:%s %s\n", colour(d, BOLD),
		    file ? shown_file(file) : d->prog ? d->prog : "vorlage", colour(d, RESET), lc,
		    level, colour(d, RESET), text);
	if (d->style == DIAG_CARET && file && line)
		print_caret(d, file, line, col ? col : 1);
	d->nprinted++;
}

void
diag_finish(diag *d)
{
	if (d->style == DIAG_JSON && d->out)
		fputs(d->nprinted ? "\n]\n" : "[]\n", d->out);
	for (size_t i = 0; i < d->nsources; i++) {
		free(d->sources[i].file);
		free(d->sources[i].text);
	}
	free(d->sources);
	d->sources = NULL;
	d->nsources = 0;
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
	/* the translation has the catalogue's conversions in the same order
	 * (msgfmt --check-format checks po/de.po) */
	if (strcmp(fmt, diag_catalogue[code].format) == 0)
		fmt = diag_tr(fmt);
	va_list aq;
	va_copy(aq, ap);
	/* the compiler checked the catalogue's format against the arguments
	 * (msg_NAME); its translation is a string from the .mo */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	int n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	char *text = xmalloc(n > 0 ? (size_t)n + 1 : 1);
	vsnprintf(text, n > 0 ? (size_t)n + 1 : 1, fmt, ap);
#pragma GCC diagnostic pop
	/* lines of printable text; JSON escapes the controls itself */
	if (d->style != DIAG_JSON)
		text = escape_controls(text);
	if (d->holding) {
		d->held = xgrow(d->held, &d->capheld, d->nheld + 1, sizeof *d->held);
		d->held[d->nheld] = (diag_held){ file, line, col, d->nheld, lvl, code, text };
		d->nheld++;
		return;
	}
	print(d, lvl, code, file, line, col, text);
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
		print(d, d->held[i].level, d->held[i].code, d->held[i].file, d->held[i].line,
		    d->held[i].col, d->held[i].text);
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
