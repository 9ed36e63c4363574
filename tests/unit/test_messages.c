/* test_messages.c: the parts of issue 21 that print messages: the
 * suggestions' edit distance, the three styles of diag.c (plain, the caret
 * under the source line, JSON with its escapes), standard input named
 * <stdin>, and the held messages in JSON. */
#include <stdlib.h>

#include "base/base.h"
#include "unit.h"

static char *buf;
static size_t len;

static FILE *
sink(diag *d, enum diag_style style)
{
	FILE *f = open_memstream(&buf, &len);
	diag_init(d, "test", f);
	diag_set_style(d, style, false);
	return f;
}

static void
test_suggest(void)
{
	EXPECT(suggest_distance("absatz", "absatz") == 0);
	EXPECT(suggest_distance("absaz", "absatz") == 1);
	EXPECT(suggest_distance("asbatz", "absatz") == 1); /* a swap */
	EXPECT(suggest_distance("Absatz", "absatz") == 0); /* case: free */
	EXPECT(suggest_distance("gruesse", "gruss") == 2);
	EXPECT(suggest_distance("", "abc") == 3);
	static const char *const names[] = { "absatz", "gruss", "liste" };
	EXPECT_STR(suggest_nearest("gruesse", names, 3), "gruss");
	EXPECT_STR(suggest_nearest("absaz", names, 3), "absatz");
	EXPECT(suggest_nearest("tabelle", names, 3) == NULL);  /* too far */
	EXPECT(suggest_nearest("gruss", names, 3) == NULL);    /* itself */
	EXPECT(suggest_nearest("x", names, 3) == NULL);
	static const char *const cmds[] = { "check", "build", "new" };
	EXPECT_STR(suggest_nearest("biuld", cmds, 3), "build");
	EXPECT(suggest_nearest("ne", cmds, 3) == NULL || !strcmp(suggest_nearest("ne", cmds, 3), "new"));
	/* a long word: compared on its first bytes, no overflow */
	char longw[200];
	memset(longw, 'a', sizeof longw - 1);
	longw[sizeof longw - 1] = 0;
	EXPECT(suggest_distance(longw, "a") == 62);
}

static void
test_caret(void)
{
	diag d;
	FILE *f = sink(&d, DIAG_CARET);
	const char src[] = "<a>\n\t<b>x & y</b>\n</a>\n";
	diag_source_text(&d, "s.xml", src, sizeof src - 1);
	MSG(AMP_BARE, &d, "s.xml", 2, 7);
	MSG(EMPTY_DOCUMENT, &d, "other.xml", 1, 1); /* no text kept: no caret */
	MSG(NO_MEMORY, &d, NULL, 0, 0);
	diag_finish(&d);
	fclose(f);
	EXPECT_STR(buf, "s.xml:2:7: error: a bare '&': write &amp; for an ampersand\n"
	    "    2 | \t<b>x & y</b>\n"
	    "      | \t     ^\n"
	    "other.xml:1:1: error: empty document\n"
	    "test: error: out of memory\n");
	free(buf);
}

static void
test_json(void)
{
	diag d;
	FILE *f = sink(&d, DIAG_JSON);
	diag_hold(&d);
	MSG(UNKNOWN_PARTNER, &d, "a\"b.xml", 3, 4, "x\"y\\z\t\x01");
	MSG(TYPED_QUOTES, &d, "-", 1, 2, "q");
	diag_release(&d);
	MSG(USAGE_NO_COMMAND, &d, NULL, 0, 0);
	diag_finish(&d);
	fclose(f);
	EXPECT_STR(buf, "[\n"
	    "  {\"file\": \"<stdin>\", \"line\": 1, \"column\": 2, \"severity\": \"warning\", "
	    "\"code\": \"TYPED_QUOTES\", \"message\": \"typed quotation marks around \\\"q\\\": "
	    "write <zitat>...</zitat>, which sets the quotation marks of its language\"},\n"
	    "  {\"file\": \"a\\\"b.xml\", \"line\": 3, \"column\": 4, \"severity\": \"error\", "
	    "\"code\": \"UNKNOWN_PARTNER\", \"message\": \"unknown partner 'x\\\"y\\\\z\\t\\u0001'\"},\n"
	    "  {\"file\": null, \"line\": null, \"column\": null, \"severity\": \"error\", "
	    "\"code\": \"USAGE_NO_COMMAND\", \"message\": \"no command given\"}\n"
	    "]\n");
	free(buf);
	f = sink(&d, DIAG_JSON);
	diag_finish(&d);
	fclose(f);
	EXPECT_STR(buf, "[]\n");
	free(buf);
}

static void
test_plain_stdin(void)
{
	diag d;
	FILE *f = sink(&d, DIAG_PLAIN);
	diag_source_text(&d, "-", "x", 1); /* kept for the caret style only */
	MSG(EMPTY_DOCUMENT, &d, "-", 1, 1);
	diag_finish(&d);
	fclose(f);
	EXPECT_STR(buf, "<stdin>:1:1: error: empty document\n");
	EXPECT(d.sources == NULL);
	free(buf);
}

int
main(void)
{
	RUN(test_suggest);
	RUN(test_caret);
	RUN(test_json);
	RUN(test_plain_stdin);
	UNIT_EXIT();
}
