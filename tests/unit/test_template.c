/* test_template.c: the layout templates (templates/landtag-nrw.xml,
 * templates/din5008.xml) load with the values the layout needs, and every
 * broken template in tests/templates/bad-*.xml is refused with its exact
 * diagnostic and exit status. Runs from the repository root (res_root). */
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "base/base.h"
#include "front/front.h"
#include "unit.h"

#define XSD "templates/template.xsd"

static arena *A;
static const char *root;

/* Loads path; *msgs receives everything printed (arena copy), *status the exit status. */
static vl_template *
load(const char *path, const char **msgs, int *status)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	diag d;
	diag_init(&d, "vorlage", f);
	vl_template *t = tpl_load(path, XSD, &d);
	fclose(f);
	*msgs = arena_strdup(A, buf ? buf : "");
	free(buf);
	*status = diag_exit_status(&d);
	return t;
}

static bool
ends_with(const char *s, const char *suffix)
{
	size_t n = s ? strlen(s) : 0, m = strlen(suffix);
	return s && n >= m && strcmp(s + n - m, suffix) == 0;
}

static bool
readable(const char *path)
{
	return path && access(path, R_OK) == 0;
}

static void
check_common(const vl_template *t)
{
	EXPECT(t->page_w == ts_mm(210) && t->page_h == ts_mm(297));
	EXPECT(ends_with(t->fonts[TS_REGULAR], "/fonts/LiberationSans-Regular.ttf"));
	EXPECT(ends_with(t->fonts[TS_BOLD], "/fonts/LiberationSans-Bold.ttf"));
	EXPECT(ends_with(t->fonts[TS_ITALIC], "/fonts/LiberationSans-Italic.ttf"));
	EXPECT(ends_with(t->fonts[TS_BOLD_ITALIC], "/fonts/LiberationSans-BoldItalic.ttf"));
	for (int i = 0; i < TS_NFACES; i++)
		EXPECTF(readable(t->fonts[i]), "%s", t->fonts[i] ? t->fonts[i] : "(null)");
	EXPECT(t->nhyph == 2);
	if (t->nhyph == 2) {
		EXPECT_STR(t->hyph[0].lang, "de");
		EXPECT(ends_with(t->hyph[0].path, "/build/share/hyph_de_DE.dic"));
		EXPECT_STR(t->hyph[1].lang, "en");
		EXPECT(ends_with(t->hyph[1].path, "/build/share/hyph_en_US.dic"));
		EXPECT(readable(t->hyph[0].path) && readable(t->hyph[1].path));
	}
	EXPECT(ends_with(t->icc_path, "/build/share/sRGB.icc") && readable(t->icc_path));

	/* DIN 5008 form B */
	EXPECT(t->address.x == ts_mm(20) && t->address.y == ts_mm(45));
	EXPECT(t->address.w == ts_mm(85) && t->address.h == ts_mm(45));
	EXPECT(t->address_first_baseline == ts_mm(21.2));
	EXPECT(t->address_inset == ts_mm(5));
	EXPECT(t->address_style.size == TS_PT(11));
	EXPECT(t->letter_body.x == ts_mm(25) && t->letter_body.w == ts_mm(165));
	EXPECT(t->letter_body.y > t->date_y);
	EXPECT(t->date_align == TS_RIGHT);
	EXPECT(t->fold_marks);
	EXPECT(t->fold_y[0] == ts_mm(105) && t->fold_y[1] == ts_mm(148.5) && t->fold_y[2] == ts_mm(210));
	EXPECT(t->fold_len[0] == ts_mm(5) && t->fold_len[1] == ts_mm(7) && t->fold_len[2] == ts_mm(5));
	EXPECT(t->fold_x == ts_mm(5) && t->fold_rule == TS_PT(0.3));
	EXPECT(t->text_area.x == ts_mm(25) && t->text_area.w == ts_mm(165));
	EXPECT(t->signature_image_h <= t->signature_space);
	EXPECT_STR(t->annex_pagenum_format, "Seite {seite} von {seiten}");
	EXPECT(t->pagenum_first == 2);

	/* the blocks' measures and the words, written out as the defaults are */
	EXPECT(t->table_space_before == TS_PT(8) && t->table_space_after == TS_PT(8));
	EXPECT(t->table_header_rule == TS_PT(0.8) && t->table_row_rule == TS_PT(0.3));
	EXPECT(t->figure_space_before == TS_PT(8) && t->figure_space_after == TS_PT(8));
	EXPECT(t->figure_caption_gap == TS_PT(4));
	EXPECT_STR(t->words.letter, "Anschreiben");
	EXPECT_STR(t->words.signed_by, "gez.");
	EXPECT_STR(t->words.signature_alt, "Unterschrift von {name}");
	EXPECT_STR(t->words.enclosure, "Anlage");
	EXPECT_STR(t->words.enclosures, "Anlagen");
	EXPECT_STR(t->words.stamp_landtag, "LANDTAG");
	EXPECT_STR(t->words.stamp_state, "NORDRHEIN-WESTFALEN");
	EXPECT_STR(t->words.stamp_term, "{wahlperiode}. WAHLPERIODE");
	EXPECT_STR(t->words.stamp_vorlage, "VORLAGE");
	EXPECT_STR(t->words.report, "Bericht");
	EXPECT_STR(t->words.section, "Abschnitt");
	EXPECT_STR(t->words.table, "Tabelle");
	EXPECT_STR(t->words.figure, "Abbildung");
	EXPECT_STR(t->words.annex_title,
	    "Anlage zu Vorlage {nummer} \xE2\x80\x94 Partnerschaft mit {partner}");
	EXPECT_STR(t->words.annex_subtitle, "Vorlage {nummer} vom {datum}");
	EXPECT_STR(t->words.vorlage_subject, "Vorlage {nummer}");
	EXPECT_STR(t->words.annex_subject, "Anlage zu Vorlage {nummer}: {partner}");

	const tpl_style *all[] = {
		&t->letterhead_style, &t->address_style, &t->stamp_style, &t->salutation_style,
		&t->letter_body_style, &t->closing_style, &t->signer_style, &t->title_large_style,
		&t->title_style, &t->heading_style, &t->label_style, &t->agreement_style,
		&t->body_style, &t->annex_head_style, &t->pagenum_style,
	};
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
		EXPECTF(all[i]->size > 0 && all[i]->leading >= all[i]->size, "style %zu", i);
	EXPECT(t->body_style.size == TS_PT(11) && t->body_style.hyphenate);
	EXPECT(t->heading_style.face == TS_BOLD && t->heading_style.keep_with_next);
	EXPECT(t->label_style.face == TS_BOLD && t->label_style.keep_with_next);
	EXPECT(t->agreement_style.face == TS_REGULAR && t->agreement_style.keep_with_next);
	EXPECT(t->title_large_style.face == TS_BOLD);
}

static void
test_template_landtag(void)
{
	const char *msgs;
	int st;
	vl_template *t = load("templates/landtag-nrw.xml", &msgs, &st);
	EXPECTF(t != NULL && st == 0 && !*msgs, "%s", msgs);
	if (!t)
		return;
	EXPECT_STR(t->name, "Landtag NRW");
	EXPECT_STR(t->path, "templates/landtag-nrw.xml");
	check_common(t);
	EXPECT(t->letterhead.x == ts_mm(25) && t->letterhead.y == ts_mm(15));
	EXPECT(t->stamp);
	EXPECT(t->stamp_box.x == ts_mm(140) && t->stamp_box.y == ts_mm(15));
	EXPECT(t->stamp_box.w == ts_mm(50) && t->stamp_box.h == ts_mm(38));
	EXPECT(t->stamp_box.x + t->stamp_box.w == ts_mm(190));
	EXPECT(t->stamp_rule == TS_PT(0.8));
	EXPECT(t->stamp_padding == ts_mm(3));
	EXPECT(t->stamp_style.face == TS_BOLD && t->stamp_style.align == TS_CENTER);
	/* eight lines fit inside the padding */
	EXPECT(8 * t->stamp_style.leading <= t->stamp_box.h - 2 * t->stamp_padding);
	EXPECT(t->date_y == ts_mm(100));
	EXPECT(t->letter_body.y == ts_mm(110) && t->letter_body.h == ts_mm(167));
	EXPECT(t->letter_body_style.leading == TS_PT(14));
	EXPECT(t->text_area.y == ts_mm(25) && t->text_area.h == ts_mm(252));
	EXPECT(t->body_style.leading == TS_PT(16) && t->body_style.align == TS_JUSTIFY);
	EXPECT(t->body_style.space_after == ts_mm(3));
	EXPECT(t->label_style.space_before == ts_mm(6));
	EXPECT(t->annex_head_style.size == TS_PT(13));
	EXPECT_STR(t->pagenum_format, "- {seite} -");
	EXPECT(t->pagenum_pos == TPL_PAGENUM_TOP);
	EXPECT(t->pagenum_y == ts_mm(12.7) && t->pagenum_align == TS_CENTER);
	EXPECT(t->pagenum_style.size == TS_PT(11));
	tpl_free(t);
}

static void
test_template_din5008(void)
{
	const char *msgs;
	int st;
	vl_template *t = load("templates/din5008.xml", &msgs, &st);
	EXPECTF(t != NULL && st == 0 && !*msgs, "%s", msgs);
	if (!t)
		return;
	EXPECT_STR(t->name, "DIN 5008");
	check_common(t);
	EXPECT(!t->stamp);
	EXPECT(t->date_y == ts_mm(98.4));
	EXPECT(t->letter_body.y == ts_mm(107));
	EXPECT(t->body_style.align == TS_LEFT && t->body_style.leading == TS_PT(14));
	EXPECT_STR(t->pagenum_format, "Seite {seite} von {seiten}");
	EXPECT(t->pagenum_pos == TPL_PAGENUM_BOTTOM);
	EXPECT(t->pagenum_align == TS_RIGHT && t->pagenum_y == ts_mm(282));
	EXPECT(t->pagenum_y - t->pagenum_style.size >= t->text_area.y + t->text_area.h);
	tpl_free(t);
}

/* Each broken template: the exact messages and the exit status. */
static void
test_template_bad(void)
{
	const struct {
		const char *file;
		const char *msgs;   /* %s: the resource root, where needed */
		int status;
	} cases[] = {
		{ "bad-schema.xml",
		  "tests/templates/bad-schema.xml:37:9: error: ausrichtung=\"mittig\" is not allowed: "
		  "write one of blocksatz, links, zentriert, rechts\n", VL_EXIT_INVALID },
		{ "bad-outside.xml",
		  "tests/templates/bad-outside.xml:58:36: error: 'textbereich' reaches beyond the "
		  "page's right edge (215 mm > 210 mm)\n", VL_EXIT_INVALID },
		{ "bad-font.xml",
		  "tests/templates/bad-font.xml:7:11: error: font file not found: "
		  "%s/fonts/LiberationSans-Missing.ttf\n", VL_EXIT_TROUBLE },
		{ "bad-pagenum.xml",
		  "tests/templates/bad-pagenum.xml:61:15: error: 'format' lacks the placeholder "
		  "{seite}\n", VL_EXIT_INVALID },
		{ "bad-doctype.xml",
		  "tests/templates/bad-doctype.xml:3:1: error: DOCTYPE not allowed: the format has "
		  "no DTD and no entities\n", VL_EXIT_INVALID },
		{ "bad-overlap.xml",
		  "tests/templates/bad-overlap.xml:46:5: error: 'eingangsstempel' overlaps 'briefkopf' (line 43)\n"
		  "tests/templates/bad-overlap.xml:46:5: error: 'eingangsstempel' overlaps 'anschriftfeld' (line 44)\n"
		  /* the information block's zone by default (reported at its
		   * <anschreiben>) where the stamp now stands */
		  "tests/templates/bad-overlap.xml:42:3: error: 'informationsblock' overlaps 'eingangsstempel' (line 46)\n",
		  VL_EXIT_INVALID },
		{ "bad-infoblock.xml",
		  "tests/templates/bad-infoblock.xml:49:34: error: the information block's labels (70 mm) "
		  "leave no room for its values (65 mm wide)\n"
		  "tests/templates/bad-infoblock.xml:49:5: error: 'informationsblock' overlaps 'anschriftfeld' (line 44)\n", VL_EXIT_INVALID },
		{ "bad-leading.xml",
		  "tests/templates/bad-leading.xml:30:49: error: style 'ueberschrift': leading 10 pt "
		  "is less than the font size 12 pt\n", VL_EXIT_INVALID },
		{ "bad-stamp.xml",
		  "tests/templates/bad-stamp.xml:46:71: error: the stamp box holds 6 lines of the "
		  "stamp style (11 pt leading), 8 are needed\n", VL_EXIT_INVALID },
		{ "bad-datebody.xml",
		  "tests/templates/bad-datebody.xml:49:25: error: the letter body (from 95 mm) must "
		  "begin below the date line (baseline at 100 mm)\n", VL_EXIT_INVALID },
		{ "bad-fontsize-small.xml",
		  "tests/templates/bad-fontsize-small.xml:52:34: error: groessePt=\"3.5\" is too small: "
		  "at least 4\n", VL_EXIT_INVALID },
		{ "bad-fontsize-large.xml",
		  "tests/templates/bad-fontsize-large.xml:52:34: error: groessePt=\"601\" is too large: "
		  "at most 600\n", VL_EXIT_INVALID },
		/* UTF-16 with a byte order mark and no declaration: as for the source */
		{ "bad-utf16.xml",
		  "tests/templates/bad-utf16.xml:1:1: error: the file is encoded in UTF-16: save the "
		  "file as UTF-8\n", VL_EXIT_INVALID },
		{ "bad-wellformed.xml",
		  "tests/templates/bad-wellformed.xml:10:13: error: the end tag </schrift> does not "
		  "match the open element <schriften> of line 5: is a tag misspelt or missing?\n",
		  VL_EXIT_INVALID },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *path = arena_printf(A, "tests/templates/%s", cases[i].file);
		char *want = NULL;
		/* the case strings are format strings with at most one %s: the root */
		size_t n = strlen(cases[i].msgs) + strlen(root) + 1;
		want = arena_alloc(A, n);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
		snprintf(want, n, cases[i].msgs, root);
#pragma GCC diagnostic pop
		const char *msgs;
		int st;
		vl_template *t = load(path, &msgs, &st);
		EXPECTF(t == NULL, "%s loaded", cases[i].file);
		EXPECTF(st == cases[i].status, "%s: exit %d, expected %d", cases[i].file, st,
		    cases[i].status);
		EXPECTF(strcmp(msgs, want) == 0, "%s:\n   got: %s  want: %s", cases[i].file, msgs, want);
		tpl_free(t);
	}
}

/* The placeholders filled in, and nothing else: the rest of the format, a
 * placeholder without a value, an unclosed brace and the braces of a value
 * are copied as they stand. */
static void
test_template_expand(void)
{
	const tpl_arg args[] = { { "seite", "3" }, { "seiten", "12" }, { "partner", "{seite}" } };
	EXPECT_STR(tpl_expand(A, "Seite {seite} von {seiten}", args, 3), "Seite 3 von 12");
	EXPECT_STR(tpl_expand(A, "- {seite} -", args, 3), "- 3 -");
	EXPECT_STR(tpl_expand(A, "{seiten}{seite}", args, 3), "123");
	EXPECT_STR(tpl_expand(A, "{partner}", args, 3), "{seite}");
	EXPECT_STR(tpl_expand(A, "{nummer} {seite", args, 3), "{nummer} {seite");
	EXPECT_STR(tpl_expand(A, "100 % {seite}", args, 3), "100 % 3");
	EXPECT_STR(tpl_expand(A, "%s %n {}", args, 3), "%s %n {}");
	EXPECT_STR(tpl_expand(A, "", args, 3), "");
	EXPECT_STR(tpl_expand(A, "gez.", NULL, 0), "gez.");
}

static void
test_template_missing(void)
{
	const char *msgs;
	int st;
	vl_template *t = load("tests/templates/no-such-template.xml", &msgs, &st);
	EXPECT(t == NULL && st == VL_EXIT_TROUBLE);
	EXPECT_STR(msgs, "tests/templates/no-such-template.xml: error: cannot open: "
	    "No such file or directory\n");
	tpl_free(NULL);
}

/* A template above the limit of 1 MiB is an invalid input (exit 1), as a
 * source above its limit is. */
static void
test_template_too_large(void)
{
	char path[] = "tests/scratch/template-too-large-XXXXXX";
	mkdir("tests/scratch", 0777);
	int fd = mkstemp(path);
	EXPECT(fd >= 0);
	if (fd < 0)
		return;
	static char spaces[4096];
	memset(spaces, ' ', sizeof spaces);
	size_t n = 0;
	while (n <= (size_t)1 << 20) {
		ssize_t w = write(fd, spaces, sizeof spaces);
		if (w <= 0)
			break;
		n += (size_t)w;
	}
	close(fd);
	const char *msgs;
	int st;
	vl_template *t = load(path, &msgs, &st);
	unlink(path);
	EXPECT(t == NULL && st == VL_EXIT_INVALID);
	EXPECT_STR(msgs, arena_printf(A, "%s: error: document too large: %zu bytes (the limit is "
	    "1048576)\n", path, n));
	tpl_free(t);
}

int
main(void)
{
	A = arena_new();
	root = res_root(A);
	if (chdir(root) != 0) {
		printf("FAIL chdir %s\n", root);
		return 1;
	}
	RUN(test_template_landtag);
	RUN(test_template_din5008);
	RUN(test_template_bad);
	RUN(test_template_expand);
	RUN(test_template_missing);
	RUN(test_template_too_large);
	arena_free(A);
	xmlCleanupParser();
	UNIT_EXIT();
}
