/* messages.h: the catalogue of every message the program prints, one
 * X(NAME, LEVEL, FORMAT, ARGS) entry each (base.h explains the entries
 * and makes the codes, the table and the printing functions from it).
 * Included by base.h only. */
#ifndef VORLAGE_MESSAGES_H
#define VORLAGE_MESSAGES_H

/* The catalogue: X(NAME, LEVEL, FORMAT, ARGS). Warnings, then errors in the
 * input (exit 1), then trouble (exit 2). */
#define DIAG_MESSAGES(X) \
	/* warnings */ \
	X(LETTER_TOO_LONG, DIAG_WARNING, "the cover letter does not fit on one page", DIAG_A0) \
	X(XML_WARNING, DIAG_WARNING, "%s", DIAG_A1(const char *)) \
	X(WORD_TOO_WIDE, DIAG_WARNING, "the word \"%.*s%s\" is wider than the line: broken by force", \
	    DIAG_A3(int, const char *, const char *)) \
	X(TABLE_EXTRA_CELLS, DIAG_WARNING, "table row %zu has more cells than columns: %zu left out", \
	    DIAG_A2(size_t, size_t)) \
	X(TABLE_ROW_TOO_TALL, DIAG_WARNING, \
	    "table row %zu is taller than the page: it runs over the bottom", DIAG_A1(size_t)) \
	/* the input (source or template) is invalid: exit 1 */ \
	X(IMAGE_LEADS_OUTSIDE, DIAG_ERROR, "signature image '%s' leads outside the source's directory", \
	    DIAG_A1(const char *)) \
	X(PARTNER_NO_AGREEMENT, DIAG_ERROR, \
	    "partner '%s' (%s) has no agreement in the report: no annex written%s", \
	    DIAG_A3(const char *, const char *, const char *)) \
	X(TOO_LARGE, DIAG_ERROR, "document too large: %llu bytes (the limit is %zu)", \
	    DIAG_A2(unsigned long long, size_t)) \
	X(TOO_LARGE_STREAM, DIAG_ERROR, "document too large: more than %zu bytes", DIAG_A1(size_t)) \
	X(EMPTY_DOCUMENT, DIAG_ERROR, "empty document", DIAG_A0) \
	X(NOT_UTF8, DIAG_ERROR, "the document must be encoded in UTF-8, not %s", DIAG_A1(const char *)) \
	X(XML_ERROR, DIAG_ERROR, "%s", DIAG_A1(const char *)) \
	X(NOT_WELL_FORMED, DIAG_ERROR, "not a well-formed XML document", DIAG_A0) \
	X(DOCTYPE, DIAG_ERROR, "DOCTYPE not allowed: the format has no DTD and no entities", DIAG_A0) \
	X(TOO_DEEP, DIAG_ERROR, "document nested too deeply (more than %d levels)", DIAG_A1(int)) \
	X(SCHEMA_INVALID, DIAG_ERROR, "%s", DIAG_A1(const char *)) \
	X(UNKNOWN_PARTNER, DIAG_ERROR, "unknown partner '%s'", DIAG_A1(const char *)) \
	X(DUPLICATE_ID, DIAG_ERROR, "duplicate id '%s' (first defined at %u:%u)", \
	    DIAG_A3(const char *, unsigned, unsigned)) \
	X(PARTY_TWICE, DIAG_ERROR, "partner '%s' is listed twice as a party of agreement '%s'", \
	    DIAG_A2(const char *, const char *)) \
	X(MAIN_PARTNER_PARTY, DIAG_ERROR, \
	    "main cooperation partner '%s' cannot be a party of agreement '%s'", \
	    DIAG_A2(const char *, const char *)) \
	X(PARTY_NOT_IN_TITLE, DIAG_ERROR, "party '%s' of agreement '%s' is not named in its title", \
	    DIAG_A2(const char *, const char *)) \
	X(TITLE_NOT_PARTY, DIAG_ERROR, \
	    "partner '%s' is named in the title but is not a party of agreement '%s'", \
	    DIAG_A2(const char *, const char *)) \
	X(PART_NOT_IN_INTRO, DIAG_ERROR, \
	    "partner '%s' of this part is not named in the introduction of group '%s'", \
	    DIAG_A2(const char *, const char *)) \
	X(WRONG_WAHLPERIODE, DIAG_ERROR, "Vorlage number '%s' does not belong to Wahlperiode %d", \
	    DIAG_A2(const char *, int)) \
	X(INVALID_DATE, DIAG_ERROR, "invalid date", DIAG_A0) \
	X(NO_SUCH_DATE, DIAG_ERROR, "no such date '%s'", DIAG_A1(const char *)) \
	X(DATE_TEXT, DIAG_ERROR, "date text '%s' does not match its value %s (expected '%s')", \
	    DIAG_A3(const char *, const char *, const char *)) \
	X(LETTER_BEFORE_MONTH, DIAG_ERROR, "the letter's date %s is before the report month %s", \
	    DIAG_A2(const char *, const char *)) \
	X(EMPTY_PARAGRAPH, DIAG_ERROR, "empty paragraph", DIAG_A0) \
	X(IMAGE_OUTSIDE, DIAG_ERROR, "signature image '%s' is outside the source's directory", \
	    DIAG_A1(const char *)) \
	X(IMAGE_NOT_PNG, DIAG_ERROR, "signature image '%s' is not a .png file", DIAG_A1(const char *)) \
	X(FIGURE_OUTSIDE, DIAG_ERROR, "image '%s' is outside the source's directory", \
	    DIAG_A1(const char *)) \
	X(FIGURE_MISSING, DIAG_ERROR, "image '%s' does not exist", DIAG_A1(const char *)) \
	X(FIGURE_NOT_PNG, DIAG_ERROR, "image '%s' is not a PNG file", DIAG_A1(const char *)) \
	X(TABLE_COLUMNS, DIAG_ERROR, "this row fills %d of the table's %zu columns", \
	    DIAG_A2(int, size_t)) \
	X(SPAN_RIGHT, DIAG_ERROR, "this cell spans %d columns from column %d: the table has %zu", \
	    DIAG_A3(int, int, size_t)) \
	X(SPAN_BELOW, DIAG_ERROR, "this cell spans %d rows: only %zu rows follow in its part " \
	    "of the table", DIAG_A2(int, size_t)) \
	X(UNKNOWN_TARGET, DIAG_ERROR, "reference to unknown id '%s' (not a section, table " \
	    "or figure)", DIAG_A1(const char *)) \
	X(TARGET_UNNUMBERED, DIAG_ERROR, "reference to '%s', which has no number (a table " \
	    "or figure is numbered when it has a caption)", DIAG_A1(const char *)) \
	X(LINK_SCHEME, DIAG_ERROR, "link '%s' is not an http, https or mailto address", \
	    DIAG_A1(const char *)) \
	X(LINK_TOO_LONG, DIAG_ERROR, "link address of %zu bytes: a PDF string holds at most %d", \
	    DIAG_A2(size_t, int)) \
	X(LINK_TARGET, DIAG_ERROR, "a verweis needs exactly one of url and ziel", DIAG_A0) \
	X(XREF_TEXT, DIAG_ERROR, "a verweis with ziel prints the target's number and takes " \
	    "no text", DIAG_A0) \
	X(UNKNOWN_PARTNER_ID, DIAG_ERROR, "unknown partner '%s'; valid ids:", DIAG_A1(const char *)) \
	X(ZONE_OVERFLOW, DIAG_ERROR, "this line runs out of the %s (down to %.1f mm; the zone " \
	    "ends at %.1f mm)", DIAG_A3(const char *, double, double)) \
	X(ZONE_LINE_WIDTH, DIAG_ERROR, "this text does not fit on one line of the %s " \
	    "(%.1f mm wide)", DIAG_A2(const char *, double)) \
	X(TPL_BEYOND_RIGHT, DIAG_ERROR, "'%s' reaches beyond the page's right edge (%g mm > %g mm)", \
	    DIAG_A3(const char *, double, double)) \
	X(TPL_BEYOND_BOTTOM, DIAG_ERROR, "'%s' reaches beyond the page's bottom edge (%g mm > %g mm)", \
	    DIAG_A3(const char *, double, double)) \
	X(TPL_OVERLAP, DIAG_ERROR, "'%s' overlaps '%s' (line %u)", \
	    DIAG_A3(const char *, const char *, unsigned)) \
	X(TPL_LEADING, DIAG_ERROR, "style '%s': leading %g pt is less than the font size %g pt", \
	    DIAG_A3(const char *, double, double)) \
	X(TPL_ADDRESS_BASELINE, DIAG_ERROR, "the first address line's baseline (%g mm) lies " \
	    "below the address field (%g mm high)", DIAG_A2(double, double)) \
	X(TPL_ADDRESS_INSET, DIAG_ERROR, "the address inset (%g mm) leaves no room in the field " \
	    "(%g mm wide)", DIAG_A2(double, double)) \
	X(TPL_STAMP_PADDING, DIAG_ERROR, "the stamp's padding (%g mm) leaves no room in its box " \
	    "(%g mm wide)", DIAG_A2(double, double)) \
	X(TPL_STAMP_LINES, DIAG_ERROR, "the stamp box holds %d lines of the stamp style " \
	    "(%g pt leading), 8 are needed", DIAG_A2(int, double)) \
	X(TPL_BODY_ABOVE_DATE, DIAG_ERROR, "the letter body (from %g mm) must begin below the " \
	    "date line (baseline at %g mm)", DIAG_A2(double, double)) \
	X(TPL_SIGNATURE_IMAGE, DIAG_ERROR, "the signature image (%g mm) is higher than the room " \
	    "for the signature (%g mm)", DIAG_A2(double, double)) \
	X(TPL_FOLD_MARK, DIAG_ERROR, "'%s' lies outside the page", DIAG_A1(const char *)) \
	X(TPL_TITLE_BASELINE, DIAG_ERROR, "the title page's first baseline (%g mm) lies outside " \
	    "the text area (%g to %g mm)", DIAG_A3(double, double, double)) \
	X(TPL_PLACEHOLDER_UNKNOWN, DIAG_ERROR, "unknown placeholder '%.*s' in '%s' (it takes %s)", \
	    DIAG_A4(int, const char *, const char *, const char *)) \
	X(TPL_PLACEHOLDER_MISSING, DIAG_ERROR, "'%s' lacks the placeholder {%s}", \
	    DIAG_A2(const char *, const char *)) \
	X(TPL_PLACEHOLDER_TWICE, DIAG_ERROR, "'%s' has the placeholder {%s} more than once", \
	    DIAG_A2(const char *, const char *)) \
	X(TPL_PAGENUM_ABOVE, DIAG_ERROR, "the page number (baseline at %g mm) must stand above " \
	    "the text area (from %g mm)", DIAG_A2(double, double)) \
	X(TPL_PAGENUM_BELOW, DIAG_ERROR, "the page number (baseline at %g mm) must stand below " \
	    "the text area (to %g mm) on the page", DIAG_A2(double, double)) \
	X(PAGE_TOO_MANY_LINKS, DIAG_ERROR, "page %zu would hold more than %u links: a PDF/A-1 " \
	    "array (the page's annotations) holds at most that many", DIAG_A2(size_t, unsigned)) \
	X(PAGE_TOO_MANY_TAGS, DIAG_ERROR, "page %zu would hold more than %u pieces of tagged " \
	    "text (links, changes of language): a PDF/A-1 array (the page's in the parent tree) " \
	    "holds at most that many", DIAG_A2(size_t, unsigned)) \
	X(NO_GLYPH, DIAG_ERROR, "U+%04X (%s) has no glyph in this font", \
	    DIAG_A2(unsigned, const char *)) \
	X(NO_GLYPH_IN, DIAG_ERROR, "U+%04X (%s) has no glyph in the font %s", \
	    DIAG_A3(unsigned, const char *, const char *)) \
	X(NO_GLYPH_CODE, DIAG_ERROR, "U+%04X (%s) cannot be drawn: the font encoding ends at U+FFFF", \
	    DIAG_A2(unsigned, const char *)) \
	/* trouble outside the input: exit 2 */ \
	X(NO_MEMORY, DIAG_SYSERR, "out of memory", DIAG_A0) \
	X(CANNOT_OPEN, DIAG_SYSERR, "cannot open: %s", DIAG_A1(const char *)) \
	X(IS_DIRECTORY, DIAG_SYSERR, "cannot open: is a directory", DIAG_A0) \
	X(CANNOT_READ, DIAG_SYSERR, "cannot read: %s", DIAG_A1(const char *)) \
	X(NOT_REGULAR, DIAG_SYSERR, "cannot read: not a regular file", DIAG_A0) \
	X(CANNOT_WRITE, DIAG_SYSERR, "cannot write: %s", DIAG_A1(const char *)) \
	X(CANNOT_WRITE_STEP, DIAG_SYSERR, "cannot write: %s: %s", DIAG_A2(const char *, const char *)) \
	X(CANNOT_CREATE_TEMP, DIAG_SYSERR, "cannot write: cannot create a file in %.*s: %s", \
	    DIAG_A3(int, const char *, const char *)) \
	X(FILE_TOO_LARGE, DIAG_SYSERR, "%s too large: %llu bytes (the limit is %zu)", \
	    DIAG_A3(const char *, unsigned long long, size_t)) \
	X(XML_TROUBLE, DIAG_SYSERR, "%s", DIAG_A1(const char *)) \
	X(SCHEMA_OPEN, DIAG_SYSERR, "cannot open schema: %s", DIAG_A1(const char *)) \
	X(SCHEMA_BROKEN, DIAG_SYSERR, "%s", DIAG_A1(const char *)) \
	X(SCHEMA_LOAD, DIAG_SYSERR, "cannot load the schema", DIAG_A0) \
	X(SCHEMA_INTERNAL, DIAG_SYSERR, "schema validation failed (internal error %d)", DIAG_A1(int)) \
	X(RES_NOT_FOUND, DIAG_SYSERR, "%s not found: %s", DIAG_A2(const char *, const char *)) \
	X(RES_UNREADABLE, DIAG_SYSERR, "cannot read %s %s: %s", \
	    DIAG_A3(const char *, const char *, const char *)) \
	X(RES_NOT_REGULAR, DIAG_SYSERR, "%s %s is not a regular file", \
	    DIAG_A2(const char *, const char *)) \
	X(USAGE_OPTION, DIAG_SYSERR, "unknown option '%s'", DIAG_A1(const char *)) \
	X(USAGE_ARGUMENT, DIAG_SYSERR, "unexpected argument '%s'", DIAG_A1(const char *)) \
	X(USAGE_VALUE, DIAG_SYSERR, "option '%s' needs a value", DIAG_A1(const char *)) \
	X(USAGE_NUMBER, DIAG_SYSERR, "option '%s' needs a number, not '%s'", \
	    DIAG_A2(const char *, const char *)) \
	X(USAGE_NO_COMMAND, DIAG_SYSERR, "no command given", DIAG_A0) \
	X(USAGE_NO_SOURCE, DIAG_SYSERR, "command '%s' needs a SOURCE.xml", DIAG_A1(const char *)) \
	X(USAGE_COMMAND, DIAG_SYSERR, "unknown command '%s'", DIAG_A1(const char *)) \
	X(USAGE_ANNEX, DIAG_SYSERR, "annex needs exactly one of --partner ID and --all", DIAG_A0) \
	X(USAGE_OUTPUT_MANY, DIAG_SYSERR, "-o names one PDF, not one for each of %zu sources: use -d DIR", \
	    DIAG_A1(size_t)) \
	X(BAD_EPOCH, DIAG_SYSERR, "SOURCE_DATE_EPOCH is not a valid time: '%s'", DIAG_A1(const char *)) \
	X(PATH_TOO_LONG, DIAG_SYSERR, "path too long", DIAG_A0) \
	X(CANNOT_MKDIR, DIAG_SYSERR, "cannot create directory: %s", DIAG_A1(const char *)) \
	X(OVER_INPUT, DIAG_SYSERR, "refusing to write the PDF over an input file", DIAG_A0) \
	X(SAME_OUTPUT, DIAG_SYSERR, "not written: %s is the PDF of '%s' of this batch", \
	    DIAG_A2(const char *, const char *)) \
	X(STDOUT_WRITE, DIAG_SYSERR, "cannot write to standard output", DIAG_A0) \
	X(FONT_BROKEN, DIAG_SYSERR, "bad font: %s", DIAG_A1(const char *)) \
	X(NO_REGULAR_FONT, DIAG_SYSERR, "no regular font given", DIAG_A0) \
	X(HYPH_LANG_TAG, DIAG_SYSERR, "bad language tag \"%s\"", DIAG_A1(const char *)) \
	X(HYPH_TOO_MANY, DIAG_SYSERR, "too many hyphenation languages (at most %d)", DIAG_A1(int)) \
	X(HYPH_BROKEN, DIAG_SYSERR, "cannot load hyphenation dictionary", DIAG_A0) \
	X(HYPH_CHARSET, DIAG_SYSERR, "hyphenation dictionary in charset \"%s\" (only UTF-8 and " \
	    "ISO8859-1 are supported)", DIAG_A1(const char *)) \
	X(HYPH_UNCACHEABLE, DIAG_SYSERR, "hyphenation dictionary with patterns too long or too " \
	    "many levels to cache", DIAG_A0) \
	X(IMAGE_BROKEN, DIAG_SYSERR, "cannot load %s: %s", DIAG_A2(const char *, const char *)) \
	X(IMAGE_ALPHA, DIAG_SYSERR, "cannot load signature image: it has transparency, which " \
	    "PDF/A-1 forbids", DIAG_A0) \
	X(IMAGE_NO_FILE, DIAG_SYSERR, "cannot load signature image: the layout gave no file name", \
	    DIAG_A0) \
	X(IMAGE_NO_SIZE, DIAG_SYSERR, "cannot load signature image: the layout gave it no size", \
	    DIAG_A0) \
	X(ICC_MISSING, DIAG_SYSERR, "PDF/A: no ICC profile for the output intent", DIAG_A0) \
	X(ICC_BROKEN, DIAG_SYSERR, "unusable ICC profile: %s", DIAG_A1(const char *)) \
	X(PDF_FONT_LOAD, DIAG_SYSERR, "cannot load font: %s", DIAG_A1(const char *)) \
	X(PDF_FONT_USE, DIAG_SYSERR, "cannot use font: %s", DIAG_A1(const char *)) \
	X(PDF_FONT_NOT_EMBEDDED, DIAG_SYSERR, "PDF/A: font %s is not embedded", DIAG_A1(const char *)) \
	X(PDF_NO_FONT, DIAG_SYSERR, "cannot make the PDF: text but no font", DIAG_A0) \
	X(PDF_NO_PAGES, DIAG_SYSERR, "cannot make the PDF: the document has no pages", DIAG_A0) \
	X(PDF_NO_MEMORY, DIAG_SYSERR, "cannot make the PDF: out of memory", DIAG_A0) \
	X(PDF_FAILED, DIAG_SYSERR, "cannot make the PDF: %s: %s", DIAG_A2(const char *, const char *))

#endif
