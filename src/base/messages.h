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
	    "a line of table row %zu is taller than a page's room below the header: it runs " \
	    "over the bottom", DIAG_A1(size_t)) \
	X(TYPED_QUOTES, DIAG_WARNING, "typed quotation marks around \"%s\": write " \
	    "<zitat>...</zitat>, which sets the quotation marks of its language", \
	    DIAG_A1(const char *)) \
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
	X(NOT_UTF8, DIAG_ERROR, "the file is encoded in %s: save the file as UTF-8", \
	    DIAG_A1(const char *)) \
	X(NOT_UTF8_DECLARED, DIAG_ERROR, "the file declares the encoding %s: save the file as " \
	    "UTF-8 and declare encoding=\"UTF-8\"", DIAG_A1(const char *)) \
	X(NOT_UTF8_LATIN1, DIAG_ERROR, "the file is not saved as UTF-8 (the byte 0x%02X here is " \
	    "'%s' in Latin-1 or Windows-1252): save the file as UTF-8", DIAG_A2(unsigned, const char *)) \
	X(NOT_UTF8_BYTE, DIAG_ERROR, "the file is not saved as UTF-8 (byte 0x%02X here): save the " \
	    "file as UTF-8", DIAG_A1(unsigned)) \
	X(XML_ERROR, DIAG_ERROR, "%s", DIAG_A1(const char *)) \
	/* well-formedness, libxml2's messages retold (src/front/xmlmsg.c) */ \
	X(AMP_BARE, DIAG_ERROR, "a bare '&': write &amp; for an ampersand", DIAG_A0) \
	X(AMP_NO_SEMICOLON, DIAG_ERROR, "'&%s' is no complete reference (the ';' is missing): " \
	    "write &amp; for an ampersand", DIAG_A1(const char *)) \
	X(ENTITY_UNKNOWN, DIAG_ERROR, "unknown entity '&%s;': type the character itself, or write " \
	    "&amp; for an ampersand", DIAG_A1(const char *)) \
	X(ENTITY_HTML, DIAG_ERROR, "'&%s;' is an HTML entity, unknown here: type the character " \
	    "%s itself", DIAG_A2(const char *, const char *)) \
	X(ENTITY_NBSP, DIAG_ERROR, "'&nbsp;' is unknown here: write <festesLeerzeichen/> for a " \
	    "space that never breaks", DIAG_A0) \
	X(ENTITY_SHY, DIAG_ERROR, "'&shy;' is unknown here: write <trennstelle/> where the word " \
	    "may be hyphenated", DIAG_A0) \
	X(CHARREF_BAD, DIAG_ERROR, "this character reference names no character allowed in XML", \
	    DIAG_A0) \
	X(BAD_CHAR, DIAG_ERROR, "the control character U+%04X is not allowed in XML: delete it", \
	    DIAG_A1(unsigned)) \
	X(LT_IN_TEXT, DIAG_ERROR, "a '<' that begins no element: write &lt; for a less-than sign", \
	    DIAG_A0) \
	X(LT_IN_ATTRIBUTE, DIAG_ERROR, "a '<' in an attribute value: write &lt; instead", DIAG_A0) \
	X(TAG_MISMATCH, DIAG_ERROR, "the end tag </%s> does not match the open element <%s> of " \
	    "line %d: is a tag misspelt or missing?", DIAG_A3(const char *, const char *, int)) \
	X(TAG_UNCLOSED, DIAG_ERROR, "the start tag <%s> is not closed with '>'", \
	    DIAG_A1(const char *)) \
	X(ELEMENT_UNCLOSED, DIAG_ERROR, "the file ends before <%s> of line %d is closed: its end " \
	    "tag is missing", DIAG_A2(const char *, int)) \
	X(EXTRA_CONTENT, DIAG_ERROR, "something follows the end of the outermost element: the " \
	    "file must end after its end tag", DIAG_A0) \
	X(NOT_XML, DIAG_ERROR, "this is not an XML document: it does not begin with '<'", DIAG_A0) \
	X(ATTR_TWICE, DIAG_ERROR, "the attribute '%s' is given twice", DIAG_A1(const char *)) \
	X(ATTR_NO_QUOTES, DIAG_ERROR, "an attribute value must stand in quotes: name=\"value\"", \
	    DIAG_A0) \
	X(ATTR_NO_VALUE, DIAG_ERROR, "the attribute '%s' has no value: write %s=\"...\"", \
	    DIAG_A2(const char *, const char *)) \
	X(ATTR_UNCLOSED, DIAG_ERROR, "the quotes around an attribute value are not closed", \
	    DIAG_A0) \
	X(COMMENT_UNCLOSED, DIAG_ERROR, "a comment '<!--' is not closed with '-->'", DIAG_A0) \
	X(COMMENT_HYPHENS, DIAG_ERROR, "'--' is not allowed inside a comment", DIAG_A0) \
	X(XML_DECL_LATE, DIAG_ERROR, "the XML declaration '<?xml ...?>' must stand at the very " \
	    "beginning of the file", DIAG_A0) \
	X(NOT_WELL_FORMED, DIAG_ERROR, "not a well-formed XML document", DIAG_A0) \
	X(DOCTYPE, DIAG_ERROR, "DOCTYPE not allowed: the format has no DTD and no entities", DIAG_A0) \
	X(TOO_DEEP, DIAG_ERROR, "document nested too deeply (more than %d levels)", DIAG_A1(int)) \
	X(SCHEMA_INVALID, DIAG_ERROR, "%s", DIAG_A1(const char *)) \
	/* schema violations, libxml2's messages retold (src/front/xmlmsg.c) */ \
	X(ELEMENT_UNKNOWN_HINT, DIAG_ERROR, "unknown element <%s>: did you mean <%s>? (allowed " \
	    "here: %s)", DIAG_A3(const char *, const char *, const char *)) \
	X(ELEMENT_UNKNOWN, DIAG_ERROR, "unknown element <%s> (allowed here: %s)", \
	    DIAG_A2(const char *, const char *)) \
	X(ELEMENT_NOT_HERE, DIAG_ERROR, "<%s> is not allowed here (expected here: %s)", \
	    DIAG_A2(const char *, const char *)) \
	X(ELEMENT_EXTRA, DIAG_ERROR, "<%s> is not allowed here: nothing more may follow in <%s>", \
	    DIAG_A2(const char *, const char *)) \
	X(CHILD_MISSING, DIAG_ERROR, "<%s> is incomplete: %s is missing", \
	    DIAG_A2(const char *, const char *)) \
	X(CHILD_MISSING_ONE_OF, DIAG_ERROR, "<%s> is incomplete: one of %s is missing", \
	    DIAG_A2(const char *, const char *)) \
	X(ROOT_WRONG, DIAG_ERROR, "the outermost element is <%s>, but must be %s: is this the " \
	    "right file?", DIAG_A2(const char *, const char *)) \
	X(TEXT_NOT_ALLOWED, DIAG_ERROR, "text is not allowed directly inside <%s>, only elements: " \
	    "delete it or put it into the right element", DIAG_A1(const char *)) \
	X(ELEMENT_IN_TEXT, DIAG_ERROR, "<%s> holds plain text only: <%s> is not allowed inside it", \
	    DIAG_A2(const char *, const char *)) \
	X(MUST_BE_EMPTY, DIAG_ERROR, "<%s> must be empty: write <%s/>", \
	    DIAG_A2(const char *, const char *)) \
	X(ATTR_MISSING, DIAG_ERROR, "<%s> needs the attribute %s", \
	    DIAG_A2(const char *, const char *)) \
	X(ATTRS_MISSING, DIAG_ERROR, "<%s> needs the attributes %s", \
	    DIAG_A2(const char *, const char *)) \
	X(ATTR_UNKNOWN_HINT, DIAG_ERROR, "<%s> has no attribute '%s': did you mean '%s'?", \
	    DIAG_A3(const char *, const char *, const char *)) \
	X(ATTR_UNKNOWN, DIAG_ERROR, "<%s> has no attribute '%s' (allowed: %s)", \
	    DIAG_A3(const char *, const char *, const char *)) \
	X(ATTR_NONE, DIAG_ERROR, "<%s> takes no attributes: delete '%s'", \
	    DIAG_A2(const char *, const char *)) \
	X(ATTR_CHOICE, DIAG_ERROR, "%s=\"%s\" is not allowed: write one of %s", \
	    DIAG_A3(const char *, const char *, const char *)) \
	X(ATTR_CHOICE_HINT, DIAG_ERROR, "%s=\"%s\" is not allowed: did you mean '%s'? (one of %s)", \
	    DIAG_A4(const char *, const char *, const char *, const char *)) \
	X(TEXT_CHOICE, DIAG_ERROR, "'%s' is not allowed in <%s>: write one of %s", \
	    DIAG_A3(const char *, const char *, const char *)) \
	X(ATTR_FORM, DIAG_ERROR, "%s=\"%s\" is not in the right form: write it like %s=\"%s\"", \
	    DIAG_A4(const char *, const char *, const char *, const char *)) \
	X(TEXT_FORM, DIAG_ERROR, "'%s' in <%s> is not in the right form: write it like '%s'", \
	    DIAG_A3(const char *, const char *, const char *)) \
	X(ATTR_PATTERN, DIAG_ERROR, "%s=\"%s\" is not in the right form (the pattern is %s)", \
	    DIAG_A3(const char *, const char *, const char *)) \
	X(TEXT_PATTERN, DIAG_ERROR, "'%s' in <%s> is not in the right form (the pattern is %s)", \
	    DIAG_A3(const char *, const char *, const char *)) \
	X(ATTR_EMPTY, DIAG_ERROR, "the attribute %s of <%s> is empty: give it a value", \
	    DIAG_A2(const char *, const char *)) \
	X(TEXT_EMPTY, DIAG_ERROR, "<%s> is empty: write its text", DIAG_A1(const char *)) \
	X(ATTR_TOO_LARGE, DIAG_ERROR, "%s=\"%s\" is too large: at most %s", \
	    DIAG_A3(const char *, const char *, const char *)) \
	X(ATTR_TOO_SMALL, DIAG_ERROR, "%s=\"%s\" is too small: at least %s", \
	    DIAG_A3(const char *, const char *, const char *)) \
	X(ATTR_TOO_SMALL_EXCL, DIAG_ERROR, "%s=\"%s\" is too small: it must be more than %s", \
	    DIAG_A3(const char *, const char *, const char *)) \
	X(DATE_FORM, DIAG_ERROR, "'%s' is no date: write it as YYYY-MM-DD, e.g. 2023-11-02", \
	    DIAG_A1(const char *)) \
	X(MONTH_FORM, DIAG_ERROR, "'%s' is no month: write it as YYYY-MM, e.g. 2023-10", \
	    DIAG_A1(const char *)) \
	X(DAY_OR_MONTH_FORM, DIAG_ERROR, "'%s' is no date: write YYYY-MM-DD for a day " \
	    "(2023-11-02) or YYYY-MM for a month (2023-10)", DIAG_A1(const char *)) \
	X(DATE_GERMAN, DIAG_ERROR, "'%s' is written the German way: write %s (YYYY-MM-DD)", \
	    DIAG_A2(const char *, const char *)) \
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
	X(LETTER_BEFORE_PERIOD, DIAG_ERROR, "the letter's date %s is before the reporting " \
	    "period, which begins %s", DIAG_A2(const char *, const char *)) \
	X(PERIOD_REVERSED, DIAG_ERROR, "the reporting period ends (%s) before it begins (%s)", \
	    DIAG_A2(const char *, const char *)) \
	X(DISTRIBUTION_TWICE, DIAG_ERROR, "distribution code '%s' is listed twice", \
	    DIAG_A1(const char *)) \
	X(SIGNED_WITH_IMAGE, DIAG_ERROR, "vermerk=\"gez\" says the letter bears no handwritten " \
	    "signature, but the signature has an image", DIAG_A0) \
	X(INFO_BLOCK_EMPTY, DIAG_ERROR, "the information block has none of aktenzeichen, " \
	    "auskunft, telefon, email", DIAG_A0) \
	X(EMPTY_PARAGRAPH, DIAG_ERROR, "empty paragraph", DIAG_A0) \
	X(IMAGE_OUTSIDE, DIAG_ERROR, "signature image '%s' is outside the source's directory", \
	    DIAG_A1(const char *)) \
	X(IMAGE_NOT_PNG, DIAG_ERROR, "signature image '%s' is not a .png file", DIAG_A1(const char *)) \
	X(IMAGE_TRANSPARENT, DIAG_ERROR, "signature image '%s' has transparency, which PDF/A-1 " \
	    "forbids (remove its alpha channel, or build with --no-archival)", DIAG_A1(const char *)) \
	X(FIGURE_OUTSIDE, DIAG_ERROR, "image '%s' is outside the source's directory", \
	    DIAG_A1(const char *)) \
	X(FIGURE_MISSING, DIAG_ERROR, "image '%s' does not exist", DIAG_A1(const char *)) \
	X(FIGURE_NOT_PNG, DIAG_ERROR, "image '%s' is not a PNG file", DIAG_A1(const char *)) \
	X(FIGURE_TRANSPARENT, DIAG_ERROR, "image '%s' has transparency, which PDF/A-1 forbids " \
	    "(remove its alpha channel, or build with --no-archival)", DIAG_A1(const char *)) \
	X(CAPTION_TOO_TALL, DIAG_ERROR, "this caption is %.1f mm high: with its image (at least " \
	    "%.1f mm) it does not fit in the text area (%.1f mm)", DIAG_A3(double, double, double)) \
	X(TABLE_HEADER_TOO_TALL, DIAG_ERROR, "the table's header rows are %.1f mm high, more " \
	    "than half the text area's %.1f mm: they cannot be repeated on every page", \
	    DIAG_A2(double, double)) \
	X(EMPTY_TABLE, DIAG_ERROR, "a table with no text in any of its cells", DIAG_A0) \
	X(TABLE_TOO_WIDE, DIAG_ERROR, "the table's fixed column widths add up to %.1f mm, more " \
	    "than the text width (%.1f mm)", DIAG_A2(double, double)) \
	X(COLUMN_TOO_NARROW, DIAG_ERROR, "column %zu is %.2f mm wide, less than the %.1f mm the " \
	    "widest glyph with a hyphen and the cell padding need (%zu of the %zu columns are)", \
	    DIAG_A5(size_t, double, double, size_t, size_t)) \
	X(TABLE_COLUMNS, DIAG_ERROR, "this row fills %d of the table's %zu columns", \
	    DIAG_A2(int, size_t)) \
	X(SPAN_RIGHT, DIAG_ERROR, "this cell spans %d columns from column %d: the table has %zu", \
	    DIAG_A3(int, int, size_t)) \
	X(CELL_NO_COLUMN, DIAG_ERROR, "no column is left for this cell: the cells before it " \
	    "and those above spanning rows take all %zu", DIAG_A1(size_t)) \
	X(SPAN_HELD, DIAG_ERROR, "this cell spans %d columns from column %d: column %zu is " \
	    "held by a cell above spanning rows", DIAG_A3(int, int, size_t)) \
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
	X(TPL_INFO_LABELS, DIAG_ERROR, "the information block's labels (%g mm) leave no room " \
	    "for its values (%g mm wide)", DIAG_A2(double, double)) \
	X(TPL_SIGNATURE_IMAGE, DIAG_ERROR, "the signature image (%g mm) is higher than the room " \
	    "for the signature (%g mm)", DIAG_A2(double, double)) \
	X(TPL_FOLD_MARK, DIAG_ERROR, "'%s' lies outside the page", DIAG_A1(const char *)) \
	X(TPL_TITLE_BASELINE, DIAG_ERROR, "the title page's first baseline (%g mm) lies outside " \
	    "the text area (%g to %g mm)", DIAG_A3(double, double, double)) \
	X(TPL_LIST_INDENT, DIAG_ERROR, "'%s': three levels of the indent (%g mm each) leave less " \
	    "than half the width lists are set in (%g mm)", DIAG_A3(const char *, double, double)) \
	X(TPL_CELL_LINE, DIAG_ERROR, "a table cell's line with its padding (%g pt) is taller " \
	    "than half the text area (%g pt)", DIAG_A2(double, double)) \
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
	X(USAGE_COMMAND_HINT, DIAG_SYSERR, "unknown command '%s': did you mean '%s'?", \
	    DIAG_A2(const char *, const char *)) \
	X(USAGE_OPTION_HINT, DIAG_SYSERR, "unknown option '%s': did you mean '%s'?", \
	    DIAG_A2(const char *, const char *)) \
	X(USAGE_DIAGNOSTICS, DIAG_SYSERR, "--diagnostics takes plain, caret or json, not '%s'", \
	    DIAG_A1(const char *)) \
	X(STDIN_TWICE, DIAG_SYSERR, "standard input ('-') can be read only once", DIAG_A0) \
	X(STDOUT_TERMINAL, DIAG_SYSERR, "not writing a PDF to a terminal: redirect standard " \
	    "output, or write -o FILE", DIAG_A0) \
	X(NEW_EXISTS, DIAG_SYSERR, "not written: the file exists already (choose another name, " \
	    "or delete it first)", DIAG_A0) \
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
	X(IMAGE_ALPHA, DIAG_SYSERR, "cannot embed image: it has transparency, which PDF/A-1 " \
	    "forbids", DIAG_A0) \
	X(IMAGE_NO_FILE, DIAG_SYSERR, "cannot draw an image: the layout gave no file name", \
	    DIAG_A0) \
	X(IMAGE_NO_SIZE, DIAG_SYSERR, "cannot draw an image: the layout gave it no size", \
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
