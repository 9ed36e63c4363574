/* test_render.c: the PDF back end on a small hand-made document. Writes
 * tests/scratch/render1.pdf (and render_img.pdf), which tests/t_render.sh then
 * checks with qpdf, poppler, mupdf and Ghostscript. Run from the repository
 * root. */
#include <dirent.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "engine/engine.h"
#include "pdf/pdf.h"
#include "unit.h"

#define TMP "tests/scratch"

static const char *const faces[TS_NFACES] = {
	"fonts/LiberationSans-Regular.ttf", "fonts/LiberationSans-Bold.ttf",
	"fonts/LiberationSans-Italic.ttf", "fonts/LiberationSans-BoldItalic.ttf",
};

/* An 8x4 RGB PNG. */
static const unsigned char png_rgb[] =
	"\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52"
	"\x00\x00\x00\x08\x00\x00\x00\x04\x08\x02\x00\x00\x00\x3c\xaf\xe9"
	"\xa7\x00\x00\x00\x44\x49\x44\x41\x54\x78\xda\x0d\xc9\x31\x01\xc0"
	"\x40\x0c\x03\x31\x23\x09\x12\x23\x09\x12\x23\x79\x24\x06\x71\x73"
	"\x10\xb5\x5a\x25\x89\x11\x16\x2b\x22\x9e\xa8\x38\x21\x99\x31\x36"
	"\x6b\x62\x9e\xa9\x39\xff\x11\x26\x38\x6c\x48\x78\xa1\xe1\xf2\x47"
	"\x99\xe2\xb2\x25\xe5\x95\x96\x2b\x1f\x74\x4c\x31\x61\x59\x3b\x70"
	"\x0b\x00\x00\x00\x00\x49\x45\x4e\x44\xae\x42\x60\x82";

static diag d;
static char *msgs;
static size_t msgs_len;
static FILE *sink;
static ts_font *metrics[TS_NFACES];

static void
diag_start(void)
{
	if (sink)
		fclose(sink);
	free(msgs);
	msgs = NULL;
	sink = open_memstream(&msgs, &msgs_len);
	diag_init(&d, "test_render", sink);
}

static const char *
diag_text(void)
{
	fflush(sink);
	return msgs ? msgs : "";
}

static bool
exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

static bool
write_file(const char *path, const void *data, size_t n)
{
	FILE *f = fopen(path, "wb");
	if (!f)
		return false;
	bool ok = fwrite(data, 1, n, f) == n;
	return fclose(f) == 0 && ok;
}

static char *
read_file(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *buf = NULL;
	size_t cap = 0, len = 0;
	for (;;) {
		buf = xgrow(buf, &cap, len + 4097, 1);
		size_t k = fread(buf + len, 1, 4096, f);
		len += k;
		if (k < 4096)
			break;
	}
	fclose(f);
	buf[len] = 0;
	*n = len;
	return buf;
}

/* Temporary files ".NAME.pdf.XXXXXX" left in dir. */
static int
leftovers(const char *dir)
{
	DIR *dp = opendir(dir);
	if (!dp)
		return 0;
	int n = 0;
	struct dirent *e;
	while ((e = readdir(dp)))
		if (e->d_name[0] == '.' && strstr(e->d_name, ".pdf."))
			n++;
	closedir(dp);
	return n;
}

static ts_sp
width_of(enum ts_face face, ts_sp size, const char *s)
{
	const ts_font *f = metrics[face];
	long units = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p;) {
		uint32_t cp = *p++;
		if (cp >= 0xC0) {
			int n = cp >= 0xF0 ? 3 : cp >= 0xE0 ? 2 : 1;
			cp &= 0x3Fu >> n;
			while (n-- && *p)
				cp = (cp << 6) | (*p++ & 0x3Fu);
		}
		units += font_advance(f, font_glyph(f, cp));
	}
	return (ts_sp)((int64_t)units * size / font_units_per_em(f));
}

/* One item; returns its advance. */
static ts_sp
word(ts_layout *doc, size_t page, ts_sp x, ts_sp y, enum ts_face face, ts_sp size, const char *s)
{
	ts_item *it = ts_page_add(doc, page);
	it->kind = TS_ITEM_TEXT;
	it->x = x;
	it->y = y;
	it->face = face;
	it->size = size;
	it->text = arena_strdup(doc->arena, s);
	it->len = strlen(s);
	it->w = width_of(face, size, s);
	it->h = size;
	return it->w;
}

/* Words set on one baseline, a quarter em apart. */
static void
line(ts_layout *doc, size_t page, ts_sp x, ts_sp y, enum ts_face face, ts_sp size,
    const char *const *words, size_t n)
{
	for (size_t i = 0; i < n; i++)
		x += word(doc, page, x, y, face, size, words[i]) + size / 4;
}

static void
image(ts_layout *doc, size_t page, const char *path)
{
	ts_item *it = ts_page_add(doc, page);
	it->kind = TS_ITEM_IMAGE;
	it->x = ts_mm(25);
	it->y = ts_mm(200);
	it->w = ts_mm(40);
	it->h = ts_mm(20);
	it->text = arena_strdup(doc->arena, path);
	it->len = strlen(path);
}

static ts_layout *
sample(void)
{
	ts_layout *doc = ts_layout_new(ts_mm(210), ts_mm(297), faces);
	size_t p0 = ts_layout_add_page(doc), p1 = ts_layout_add_page(doc);
	ts_sp x = ts_mm(25), size = TS_PT(11), lead = TS_PT(14);
	static const char *const l1[] = { "Łukasz", "Pôlénergie", "Grüßen", "„Zitat“", "–", "ß" };
	static const char *const l2[] = { "ä", "ö", "ü", "ß", "Ärger", "Öl", "Übel" };
	static const char *const l3[] = { "Kursiv", "gesetzte", "Wörter" };
	static const char *const l4[] = { "Fett", "und", "kursiv" };
	static const char *const l5[] = { "Anlage", "zur", "Vorlage" };
	line(doc, p0, x, ts_mm(40), TS_BOLD, TS_PT(14), (const char *const[]){ "Mitteilung", "des", "Senats" }, 3);
	ts_page_add_rule(doc, p0, x, ts_mm(43), ts_mm(160), TS_PT(0.5));
	line(doc, p0, x, ts_mm(55), TS_REGULAR, size, l1, 6);
	line(doc, p0, x, ts_mm(55) + lead, TS_REGULAR, size, l2, 7);
	/* A word split at a kerning pair, as the engine sets it: "Wa" + "sser". */
	ts_sp w = word(doc, p0, x, ts_mm(55) + 2 * lead, TS_REGULAR, size, "Wa");
	word(doc, p0, x + w - TS_PT(0.3), ts_mm(55) + 2 * lead, TS_REGULAR, size, "sser");
	line(doc, p0, x, ts_mm(55) + 3 * lead, TS_ITALIC, size, l3, 3);
	line(doc, p0, x, ts_mm(55) + 4 * lead, TS_BOLD_ITALIC, size, l4, 3);
	/* Two sizes on one line. */
	ts_sp a = word(doc, p0, x, ts_mm(55) + 5 * lead, TS_REGULAR, size, "Fußnote");
	word(doc, p0, x + a + TS_PT(1), ts_mm(55) + 5 * lead - TS_PT(3), TS_REGULAR, TS_PT(7), "1");
	ts_page_add_rule(doc, p1, x, ts_mm(30), ts_mm(60), TS_PT(1));
	line(doc, p1, x, ts_mm(40), TS_REGULAR, size, l5, 3);
	word(doc, p1, ts_mm(100), ts_mm(280), TS_REGULAR, TS_PT(9), "2");

	ts_layout_add_outline(doc, "Mitteilung des Senats", 0, p0, ts_mm(40) - TS_PT(14));
	ts_layout_add_outline(doc, "Begründung – Größe", 1, p0, ts_mm(55) - size);
	ts_layout_add_outline(doc, "Anlage „Übersicht“", 0, p1, ts_mm(40) - size);
	ts_layout_add_label(doc, p0, "Anschreiben", TS_LABEL_NONE, 1);
	ts_layout_add_label(doc, p1, "Anlage ", TS_LABEL_DECIMAL, 1);
	return doc;
}

static const render_opts plain = {
	.archival = false, .icc_path = NULL,
	.info = {
		.title = "Mitteilung über Größen", .author = "Senat der Freien Hansestadt",
		.subject = "Prüfung", .keywords = "Vorlage, Bürgerschaft", .creator = "vorlage",
		.producer = "vorlage (libharu 2.3.0)", .lang = "de-DE",
		.year = 2024, .month = 3, .day = 5, .hour = 10, .minute = 20, .second = 30,
	},
	.variant = "test",
};

static void
test_render_sample(void)
{
	ts_layout *doc = sample();
	diag_start();
	unlink(TMP "/render1.pdf");
	int rc = render_pdf(doc, &plain, TMP "/render1.pdf", &d);
	EXPECTF(rc == VL_EXIT_OK, "rc %d: %s", rc, diag_text());
	EXPECTF(d.nwarnings == 0 && d.nerrors == 0 && d.nsyserrs == 0, "%s", diag_text());
	size_t n = 0;
	char *pdf = read_file(TMP "/render1.pdf", &n);
	EXPECT(pdf && n > 1000 && !memcmp(pdf, "%PDF-", 5));
	EXPECT(leftovers(TMP) == 0);
	free(pdf);
	ts_layout_free(doc);
}

static void
test_render_image(void)
{
	EXPECT(write_file(TMP "/sig.png", png_rgb, sizeof png_rgb - 1));
	ts_layout *doc = sample();
	image(doc, 1, TMP "/sig.png");
	image(doc, 1, TMP "/sig.png"); /* loaded once, drawn twice */
	diag_start();
	int rc = render_pdf(doc, &plain, TMP "/render_img.pdf", &d);
	EXPECTF(rc == VL_EXIT_OK, "rc %d: %s", rc, diag_text());
	EXPECT(exists(TMP "/render_img.pdf"));
	ts_layout_free(doc);
}

static void
test_render_missing_png(void)
{
	ts_layout *doc = sample();
	image(doc, 1, TMP "/no-such-signature.png");
	diag_start();
	unlink(TMP "/render_nopng.pdf");
	int rc = render_pdf(doc, &plain, TMP "/render_nopng.pdf", &d);
	EXPECT(rc == VL_EXIT_TROUBLE);
	EXPECT(d.nsyserrs > 0);
	EXPECTF(strstr(diag_text(), TMP "/no-such-signature.png: error: cannot open: "),
	    "%s", diag_text());
	EXPECT(!exists(TMP "/render_nopng.pdf"));
	EXPECT(leftovers(TMP) == 0);
	ts_layout_free(doc);
}

static void
test_render_broken_png(void)
{
	unsigned char bad[sizeof png_rgb];
	memcpy(bad, png_rgb, sizeof bad);
	bad[50] ^= 0xFF; /* inside the compressed data (and its CRC no longer fits) */
	EXPECT(write_file(TMP "/broken.png", bad, sizeof bad - 1));
	EXPECT(write_file(TMP "/short.png", png_rgb, 60));
	EXPECT(write_file(TMP "/text.png", "not a picture\n", 14));
	static const char *const files[] = { TMP "/broken.png", TMP "/short.png", TMP "/text.png" };
	for (size_t i = 0; i < 3; i++) {
		ts_layout *doc = sample();
		image(doc, 0, files[i]);
		diag_start();
		int rc = render_pdf(doc, &plain, TMP "/render_badpng.pdf", &d);
		EXPECTF(rc == VL_EXIT_TROUBLE, "%s: rc %d", files[i], rc);
		/* the back end does not know what the image is for: "image" (it
		 * said "signature image" of every image before) */
		EXPECTF(strstr(diag_text(), "error: cannot load image: "), "%s", diag_text());
		EXPECT(!exists(TMP "/render_badpng.pdf"));
		ts_layout_free(doc);
	}
	EXPECT(leftovers(TMP) == 0);
}

static void
test_render_missing_dir(void)
{
	ts_layout *doc = sample();
	diag_start();
	int rc = render_pdf(doc, &plain, TMP "/no-such-dir/out.pdf", &d);
	EXPECT(rc == VL_EXIT_TROUBLE);
	EXPECTF(strstr(diag_text(), TMP "/no-such-dir/out.pdf: error: cannot write: "), "%s", diag_text());
	EXPECT(!exists(TMP "/no-such-dir"));
	EXPECT(leftovers(TMP) == 0);
	ts_layout_free(doc);
}

/* Root writes anywhere: as root, the body runs in a child that has become
 * the unprivileged user nobody (65534). */
static void
unwritable_dir_body(void)
{
	ts_layout *doc = sample();
	diag_start();
	int rc = render_pdf(doc, &plain, TMP "/ro/out.pdf", &d);
	EXPECT(rc == VL_EXIT_TROUBLE);
	EXPECTF(strstr(diag_text(), "cannot write: ") && strstr(diag_text(), "Permission denied"), "%s", diag_text());
	EXPECT(leftovers(TMP "/ro") == 0);
	ts_layout_free(doc);
}

static void
test_render_unwritable_dir(void)
{
	mkdir(TMP "/ro", 0755);
	chmod(TMP "/ro", 0555);
	if (geteuid() != 0) {
		unwritable_dir_body();
	} else {
		fflush(stdout);
		pid_t pid = fork();
		if (pid == 0) {
			if (setgid(65534) != 0 || setuid(65534) != 0)
				_exit(3);
			unwritable_dir_body();
			fflush(stdout);
			_exit(unit_failed_now ? 1 : 0);
		}
		int st = 0;
		EXPECT(pid > 0 && waitpid(pid, &st, 0) == pid);
		EXPECTF(WIFEXITED(st) && WEXITSTATUS(st) == 0, "the unprivileged child: status %d", st);
	}
	chmod(TMP "/ro", 0755);
}

static void
test_render_replace(void)
{
	const char *path = TMP "/render_keep.pdf";
	EXPECT(write_file(path, "old contents\n", 13));
	ts_layout *doc = sample();
	image(doc, 0, TMP "/no-such-signature.png");
	diag_start();
	EXPECT(render_pdf(doc, &plain, path, &d) == VL_EXIT_TROUBLE);
	size_t n = 0;
	char *s = read_file(path, &n);
	EXPECT(s && n == 13 && !memcmp(s, "old contents\n", 13));
	free(s);
	ts_layout_free(doc);

	doc = sample();
	diag_start();
	EXPECT(render_pdf(doc, &plain, path, &d) == VL_EXIT_OK);
	s = read_file(path, &n);
	EXPECT(s && n > 1000 && !memcmp(s, "%PDF-", 5));
	free(s);
	struct stat st;
	EXPECT(stat(path, &st) == 0 && (st.st_mode & 0444) == 0444); /* not mkstemp's 0600 */
	EXPECT(leftovers(TMP) == 0);
	ts_layout_free(doc);
}

static void
test_render_missing_glyph(void)
{
	ts_layout *doc = sample();
	word(doc, 0, ts_mm(25), ts_mm(150), TS_REGULAR, TS_PT(11), "中文中");
	word(doc, 1, ts_mm(25), ts_mm(150), TS_REGULAR, TS_PT(11), "中");
	diag_start();
	unlink(TMP "/render_glyph.pdf");
	/* PDF/UA forbids drawing .notdef: an error naming the character and
	 * the font, once per character, and no file */
	int rc = render_pdf(doc, &plain, TMP "/render_glyph.pdf", &d);
	EXPECTF(rc == VL_EXIT_INVALID, "rc %d: %s", rc, diag_text());
	EXPECTF(strstr(diag_text(), "fonts/LiberationSans-Regular.ttf: error: U+4E2D (中) has no glyph in this font"),
	    "%s", diag_text());
	EXPECTF(strstr(diag_text(), "U+6587 (文)") && !strstr(strstr(diag_text(), "U+4E2D") + 1, "U+4E2D"),
	    "%s", diag_text());
	EXPECT(access(TMP "/render_glyph.pdf", F_OK) != 0);
	ts_layout_free(doc);
}

static void
test_render_missing_font(void)
{
	const char *bad[TS_NFACES] = { "fonts/No-Such-Font.ttf", NULL, NULL, NULL };
	ts_layout *doc = ts_layout_new(ts_mm(210), ts_mm(297), bad);
	size_t p = ts_layout_add_page(doc);
	word(doc, p, ts_mm(25), ts_mm(40), TS_REGULAR, TS_PT(11), "Text");
	diag_start();
	unlink(TMP "/render_nofont.pdf");
	EXPECT(render_pdf(doc, &plain, TMP "/render_nofont.pdf", &d) == VL_EXIT_TROUBLE);
	EXPECTF(strstr(diag_text(), "fonts/No-Such-Font.ttf: error: cannot load font: No such file or directory"),
	    "%s", diag_text());
	EXPECT(!exists(TMP "/render_nofont.pdf"));
	ts_layout_free(doc);
}

static void
test_render_deterministic(void)
{
	ts_layout *doc = sample();
	diag_start();
	EXPECT(render_pdf(doc, &plain, TMP "/render_again.pdf", &d) == VL_EXIT_OK);
	size_t n1 = 0, n2 = 0;
	char *a = read_file(TMP "/render1.pdf", &n1), *b = read_file(TMP "/render_again.pdf", &n2);
	EXPECT(a && b && n1 == n2 && !memcmp(a, b, n1));
	free(a);
	free(b);
	unlink(TMP "/render_again.pdf");
	ts_layout_free(doc);
}

/* Into memory: the same bytes as the file, and no file written; a failure
 * leaves no buffer. */
static void
test_render_mem(void)
{
	ts_layout *doc = sample();
	diag_start();
	unsigned char *pdf = NULL;
	size_t len = 0;
	EXPECT(render_pdf_mem(doc, &plain, &pdf, &len, &d) == VL_EXIT_OK);
	size_t n = 0;
	char *file = read_file(TMP "/render1.pdf", &n);
	EXPECTF(pdf && file && len == n && !memcmp(pdf, file, n), "%zu bytes, the file %zu", len, n);
	free(pdf);
	free(file);
	ts_layout_free(doc);

	/* a document without pages cannot be a PDF */
	doc = ts_layout_new(ts_mm(210), ts_mm(297), faces);
	diag_start();
	pdf = (unsigned char *)"";
	EXPECT(render_pdf_mem(doc, &plain, &pdf, &len, &d) == VL_EXIT_TROUBLE);
	EXPECT(pdf == NULL && len == 0);
	EXPECTF(strstr(diag_text(), "no pages") != NULL, "%s", diag_text());
	ts_layout_free(doc);
}

/* Bookmark titles and Info strings longer than a PDF string may be
 * (libharu's HPDF_LIMIT_MAX_STRING_LEN, error 0x105B) are shortened with an
 * ellipsis; the PDF is written. */
static void
test_render_long_strings(void)
{
	ts_layout *doc = sample();
	size_t n = 100000;
	char *title = malloc(n + 1);
	for (size_t i = 0; i + 2 <= n; i += 2)
		memcpy(title + i, "\xC3\xBC", 2);
	title[n] = '\0';
	ts_layout_add_outline(doc, title, 1, 0, ts_mm(60));
	ts_layout_add_label(doc, 1, title, TS_LABEL_DECIMAL, 1);
	render_opts o = plain;
	o.info.title = title;
	o.info.keywords = title + 2;
	diag_start();
	unlink(TMP "/render_long.pdf");
	int rc = render_pdf(doc, &o, TMP "/render_long.pdf", &d);
	EXPECTF(rc == VL_EXIT_OK, "rc %d: %s", rc, diag_text());
	EXPECTF(d.nsyserrs == 0 && !strstr(diag_text(), "0x"), "%s", diag_text());
	EXPECT(exists(TMP "/render_long.pdf"));
	free(title);
	ts_layout_free(doc);
}

int
main(void)
{
	mkdir(TMP, 0777);
	diag d0;
	diag_init(&d0, "test_render", stderr);
	for (int f = 0; f < TS_NFACES; f++) {
		metrics[f] = font_load(faces[f], &d0);
		if (!metrics[f]) {
			printf("FAIL test_render: cannot load %s (run `make fonts/…`)\n", faces[f]);
			return 1;
		}
	}
	RUN(test_render_sample);
	RUN(test_render_image);
	RUN(test_render_long_strings);
	RUN(test_render_mem);
	RUN(test_render_missing_png);
	RUN(test_render_broken_png);
	RUN(test_render_missing_dir);
	RUN(test_render_unwritable_dir);
	RUN(test_render_replace);
	RUN(test_render_missing_glyph);
	RUN(test_render_missing_font);
	RUN(test_render_deterministic);
	for (int f = 0; f < TS_NFACES; f++)
		font_free(metrics[f]);
	if (sink)
		fclose(sink);
	free(msgs);
	UNIT_EXIT();
}
