/* test_diag.c: the message catalogue (src/base/messages.h): one entry per code,
 * ordered by severity, every format non-empty; the exit status is the worst
 * level seen; held messages print in document order; the free-text call
 * the composer still uses works; control characters in arguments print as
 * \uXXXX. */
#include <stdlib.h>

#include "base/base.h"
#include "unit.h"

static void
test_diag_catalogue(void)
{
	for (int i = 0; i < DIAG_NMSGS; i++) {
		EXPECTF(diag_catalogue[i].name && *diag_catalogue[i].name, "entry %d", i);
		EXPECTF(diag_catalogue[i].format && *diag_catalogue[i].format, "%s",
		    diag_catalogue[i].name);
		if (i > 0)
			EXPECTF(diag_catalogue[i - 1].level <= diag_catalogue[i].level,
			    "%s after %s", diag_catalogue[i].name, diag_catalogue[i - 1].name);
	}
	EXPECT_STR(diag_catalogue[MSG_EMPTY_DOCUMENT].name, "EMPTY_DOCUMENT");
	EXPECT(diag_catalogue[MSG_DOCTYPE].level == DIAG_ERROR);
	EXPECT(diag_catalogue[MSG_CANNOT_OPEN].level == DIAG_SYSERR);
}

static char *buf;
static size_t len;

static FILE *
sink(diag *d)
{
	FILE *f = open_memstream(&buf, &len);
	diag_init(d, "test", f);
	return f;
}

static void
test_diag_worst(void)
{
	diag d;
	FILE *f = sink(&d);
	EXPECT(diag_exit_status(&d) == VL_EXIT_OK);
	MSG(XML_WARNING, &d, "a.xml", 1, 2, "careful");
	EXPECT(diag_exit_status(&d) == VL_EXIT_OK);
	MSG(CANNOT_OPEN, &d, "b.xml", 0, 0, "No such file or directory");
	MSG(EMPTY_DOCUMENT, &d, "a.xml", 1, 1);
	EXPECT(diag_exit_status(&d) == VL_EXIT_TROUBLE);
	MSG(LETTER_TOO_LONG, &d, NULL, 0, 0);
	fclose(f);
	EXPECT_STR(buf, "a.xml:1:2: warning: careful\n"
	    "b.xml: error: cannot open: No such file or directory\n"
	    "a.xml:1:1: error: empty document\n"
	    "test: warning: the cover letter does not fit on one page\n");
	EXPECT(d.nwarnings == 2 && d.nerrors == 1 && d.nsyserrs == 1);
	free(buf);
}

static void
test_diag_controls(void)
{
	diag d;
	FILE *f = sink(&d);
	/* NEL and CSI (C1, two bytes in UTF-8), ESC, a tab, a newline and DEL;
	 * U+00A0 and U+00E4 (also C2/C3 lead bytes) stay as they are */
	MSG(UNKNOWN_PARTNER, &d, "a.xml", 1, 2,
	    "a\xC2\x85" "b\xC2\x9B" "2J\x1B[0m\t\n\x7F\xC2\xA0\xC3\xA4");
	MSG(UNKNOWN_PARTNER, &d, "a.xml", 1, 3, "\xC2");
	fclose(f);
	EXPECT_STR(buf, "a.xml:1:2: error: unknown partner 'a\\u0085b\\u009B2J\\u001B[0m"
	    "\\u0009\\u000A\\u007F\xC2\xA0\xC3\xA4'\n"
	    "a.xml:1:3: error: unknown partner '\xC2'\n");
	free(buf);
}

static void
test_diag_hold(void)
{
	diag d;
	FILE *f = sink(&d);
	diag_hold(&d);
	MSG(EMPTY_PARAGRAPH, &d, "a.xml", 9, 1);
	MSG(UNKNOWN_PARTNER, &d, "a.xml", 3, 5, "x");
	MSG(INVALID_DATE, &d, "a.xml", 3, 5);
	EXPECT(diag_exit_status(&d) == VL_EXIT_INVALID && d.nerrors == 3);
	fflush(f);
	EXPECT(len == 0);
	diag_release(&d);
	fclose(f);
	EXPECT_STR(buf, "a.xml:3:5: error: unknown partner 'x'\n"
	    "a.xml:3:5: error: invalid date\n"
	    "a.xml:9:1: error: empty paragraph\n");
	free(buf);
}

/* The engine's and the back end's messages are entries too: a position
 * without a file prints as the program's message, %.*s cuts the word. */
static void
test_diag_engine(void)
{
	diag d;
	FILE *f = sink(&d);
	MSG(WORD_TOO_WIDE, &d, NULL, 3, 1, 5, "Donaudampfschiff", "…");
	MSG(NO_GLYPH_CODE, &d, "f.ttf", 0, 0, 0x1F600u, "x");
	MSG(PDF_FAILED, &d, NULL, 0, 0, "page", "out of memory");
	fclose(f);
	EXPECT_STR(buf, "test: warning: the word \"Donau…\" is wider than the line: broken by force\n"
	    "f.ttf: error: U+1F600 (x) cannot be drawn: the font encoding ends at U+FFFF\n"
	    "test: error: cannot make the PDF: page: out of memory\n");
	EXPECT(diag_exit_status(&d) == VL_EXIT_TROUBLE && d.nwarnings == 1 && d.nerrors == 1);
	free(buf);
}

int
main(void)
{
	RUN(test_diag_catalogue);
	RUN(test_diag_worst);
	RUN(test_diag_hold);
	RUN(test_diag_controls);
	RUN(test_diag_engine);
	UNIT_EXIT();
}
