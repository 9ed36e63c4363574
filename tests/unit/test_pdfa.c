/* test_pdfa.c: SHA-256 against the FIPS 180-4 examples, the text, XMP and
 * Info helpers of pdf_meta.c, and the PDF/A parts (pdfa_apply) on a
 * document made with libharu. */
#include <stdlib.h>

#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include <hpdf_objects.h>

#include "pdf/pdf_int.h"
#include "base/base.h"
#include "unit.h"

static const char *
hexdigest(const void *data, size_t len)
{
	static char hex[65];
	unsigned char d[32];
	sha256(data, len, d);
	sha256_hex(d, hex);
	return hex;
}

static void
sha256_vectors(void)
{
	EXPECT_STR(hexdigest("", 0), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	EXPECT_STR(hexdigest("abc", 3), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	const char *m448 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	EXPECT_STR(hexdigest(m448, strlen(m448)),
	    "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	const char *m896 = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";
	EXPECT_STR(hexdigest(m896, strlen(m896)),
	    "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}

static void
sha256_incremental(void)
{
	/* one million 'a', fed in uneven pieces */
	static char buf[1000];
	memset(buf, 'a', sizeof buf);
	sha256_ctx c;
	sha256_init(&c);
	size_t left = 1000000, step = 1;
	while (left) {
		size_t n = step < left ? step : left;
		sha256_update(&c, buf, n);
		left -= n;
		step = step % 900 + 13; /* at most 912 < sizeof buf */
	}
	unsigned char d[32];
	char hex[65];
	sha256_final(&c, d);
	sha256_hex(d, hex);
	EXPECT_STR(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	/* lengths around the padding boundary: split or not, same digest */
	for (size_t n = 50; n < 70; n++) {
		unsigned char d1[32], d2[32];
		sha256(buf, n, d1);
		sha256_init(&c);
		sha256_update(&c, buf, n / 3);
		sha256_update(&c, buf, n - n / 3);
		sha256_final(&c, d2);
		EXPECTF(memcmp(d1, d2, 32) == 0, "length %zu", n);
	}
}

static void
xml_escaping(void)
{
	arena *a = arena_new();
	EXPECT_STR(pdf_xml_escape(a, "A & B <c> \"d\" 'e'"),
	    "A &amp; B &lt;c&gt; &quot;d&quot; &apos;e&apos;");
	EXPECT_STR(pdf_xml_escape(a, NULL), "");
	EXPECT_STR(pdf_xml_escape(a, "Gr\xC3\xBC\xC3\x9F" "e"), "Gr\xC3\xBC\xC3\x9F" "e");
	arena_free(a);
}

static void
xmp_packet(void)
{
	arena *a = arena_new();
	ts_info in = {
		.title = "T & <x>", .author = "A\"uthor", .subject = "S'ubject",
		.keywords = "k1; k2", .creator = "vorlage", .producer = "P&P",
		.year = 2023, .month = 11, .day = 2, .hour = 13, .minute = 5, .second = 9,
	};
	const char *x = pdf_xmp_packet(a, &in, pdfa_claim);
	const char *head = "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>";
	EXPECT(strncmp(x, head, strlen(head)) == 0);
	const char *tail = "<?xpacket end=\"w\"?>";
	EXPECT(strlen(x) > strlen(tail) && !strcmp(x + strlen(x) - strlen(tail), tail));
	EXPECT(strstr(x, "<pdfaid:part>1</pdfaid:part>"));
	EXPECT(strstr(x, "<pdfaid:conformance>A</pdfaid:conformance>"));
	EXPECT(strstr(x, "<rdf:li xml:lang=\"x-default\">T &amp; &lt;x&gt;</rdf:li>"));
	EXPECT(strstr(x, "<dc:creator><rdf:Seq><rdf:li>A&quot;uthor</rdf:li></rdf:Seq></dc:creator>"));
	EXPECT(strstr(x, "S&apos;ubject"));
	EXPECT(strstr(x, "<pdf:Producer>P&amp;P</pdf:Producer>"));
	EXPECT(strstr(x, "<xmp:CreateDate>2023-11-02T13:05:09Z</xmp:CreateDate>"));
	EXPECT(strstr(x, "<xmp:ModifyDate>2023-11-02T13:05:09Z</xmp:ModifyDate>"));
	EXPECT(!strstr(x, "bytes=") && !strstr(x, "encoding="));
	EXPECT(!strstr(x, "<x>") && !strstr(x, "P&P"));
	EXPECT_STR(pdf_pdf_date(a, &in), "D:20231102130509Z");
	/* absent values: no element at all; no claim without PDF/A */
	ts_info none = { .title = "only" };
	x = pdf_xmp_packet(a, &none, NULL);
	EXPECT(!strstr(x, "dc:creator") && !strstr(x, "CreateDate") && !strstr(x, "Producer"));
	EXPECT(!strstr(x, "pdfaid"));
	arena_free(a);
}

static void
text_strings(void)
{
	arena *a = arena_new();
	size_t n;
	unsigned char *t = pdf_text_string(a, "Plain (ASCII)", &n);
	EXPECT(t && n == 13 && !memcmp(t, "Plain (ASCII)", 13));
	t = pdf_text_string(a, "\xC3\xBC", &n);
	EXPECT(t && n == 4 && !memcmp(t, "\xFE\xFF\x00\xFC", 4));
	t = pdf_text_string(a, "\xF0\x9F\x98\x80", &n); /* U+1F600: a surrogate pair */
	EXPECT(t && n == 6 && !memcmp(t, "\xFE\xFF\xD8\x3D\xDE\x00", 6));
	/* the one strict decoder: a malformed sequence is U+FFFD */
	t = pdf_text_string(a, "\xC3", &n);
	EXPECT(t && n == 4 && !memcmp(t, "\xFE\xFF\xFF\xFD", 4));
	t = pdf_text_string(a, "\xC0\x80", &n); /* overlong: two bytes, two U+FFFD */
	EXPECT(t && n == 6 && !memcmp(t, "\xFE\xFF\xFF\xFD\xFF\xFD", 6));
	arena_free(a);
}

/* Titles too long for a PDF string are cut at a character with "…". */
static void
fit_text(void)
{
	arena *a = arena_new();
	EXPECT_STR(pdf_fit_text(a, "kurz"), "kurz");
	size_t big = 70000;
	char *s = malloc(big + 1);
	memset(s, 'a', big);
	s[big] = '\0';
	const char *f = pdf_fit_text(a, s);
	size_t n = strlen(f), len;
	EXPECT(n <= PDF_MAX_STRING && n > 30000 && !strcmp(f + n - 3, "\xE2\x80\xA6"));
	EXPECT(pdf_text_string(a, f, &len) && len <= PDF_MAX_STRING);
	/* ASCII that fits as bytes but not as UTF-16 once one umlaut is in */
	memset(s, 'a', 40000);
	memcpy(s + 10, "\xC3\xBC", 2);
	s[40000] = '\0';
	f = pdf_fit_text(a, s);
	EXPECT(f != s && pdf_text_string(a, f, &len) && len <= PDF_MAX_STRING && len > 60000);
	/* four-byte characters: never split */
	for (size_t i = 0; i + 4 <= big; i += 4)
		memcpy(s + i, "\xF0\x9F\x98\x80", 4);
	s[big - big % 4] = '\0';
	f = pdf_fit_text(a, s);
	n = strlen(f);
	EXPECT(n % 4 == 3 && utf8_valid(f, n) && pdf_text_string(a, f, &len) && len <= PDF_MAX_STRING);
	free(s);
	arena_free(a);
}

static const char *
tmpdir(void)
{
	const char *t = getenv("TMPDIR_TESTS");
	return t && *t ? t : "tests/scratch";
}

static const render_opts archival = {
	.archival = true, .icc_path = "/usr/share/color/icc/sRGB.icc",
	.info = { .title = "T\xC3\xBCtel & <x>", .author = "A", .producer = "p",
		.year = 2023, .month = 11, .day = 2 },
	.variant = "test",
};

/* A one-page document made directly with libharu, as render_pdf does. */
static bool
make_doc(pdf_ctx *c, const render_opts *o, diag *d)
{
	const char *fonts[TS_NFACES] = { "fonts/LiberationSans-Regular.ttf" };
	ts_layout *doc = ts_layout_new(ts_mm(210), ts_mm(297), fonts);
	if (!pdf_ctx_open(c, doc, o, d)) {
		ts_layout_free(doc);
		return false;
	}
	HPDF_Doc pdf = c->pdf;
	HPDF_UseUTFEncodings(pdf);
	HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
	const char *name = HPDF_LoadTTFontFromFile(pdf, fonts[0], HPDF_TRUE);
	HPDF_Font font = name ? HPDF_GetFont(pdf, name, "UTF-8") : NULL;
	HPDF_Page page = HPDF_AddPage(pdf);
	if (font) {
		HPDF_Page_BeginText(page);
		HPDF_Page_SetFontAndSize(page, font, 12);
		HPDF_Page_TextOut(page, 72, 700, "Gr\xC3\xBC\xC3\x9F" "e \xE2\x80\x93 Test");
		HPDF_Page_EndText(page);
	}
	HPDF_Rect r = { 72, 690, 200, 710 };
	HPDF_Destination dst = HPDF_Page_CreateDestination(page);
	HPDF_Page_CreateLinkAnnot(page, r, dst);
	return true;
}

static void
close_doc(pdf_ctx *c)
{
	ts_layout *doc = (ts_layout *)c->doc;
	pdf_ctx_close(c);
	ts_layout_free(doc);
}

static void
apply_archival(void)
{
	diag d;
	diag_init(&d, "test", stdout);
	pdf_ctx c;
	EXPECT(make_doc(&c, &archival, &d));
	if (!c.pdf)
		return;
	HPDF_Doc pdf = c.pdf;
	EXPECT(pdf_meta_info(&c) && pdf_meta_id(&c) && pdf_font_trim_maps(&c));
	EXPECT(pdfa_apply(&c));
	HPDF_Array id = HPDF_Dict_GetItem(pdf->trailer, "ID", HPDF_OCLASS_ARRAY);
	EXPECT(id && id->list->count == 2);
	EXPECT(HPDF_Dict_GetItem(pdf->catalog, "Metadata", HPDF_OCLASS_DICT) != NULL);
	EXPECT(HPDF_Dict_GetItem(pdf->catalog, "OutputIntents", HPDF_OCLASS_ARRAY) != NULL);
	HPDF_Page page = HPDF_GetCurrentPage(pdf);
	HPDF_Array annots = page ? HPDF_Dict_GetItem(page, "Annots", HPDF_OCLASS_ARRAY) : NULL;
	HPDF_Dict an = annots ? HPDF_Array_GetItem(annots, 0, HPDF_OCLASS_DICT) : NULL;
	HPDF_Number f = an ? HPDF_Dict_GetItem(an, "F", HPDF_OCLASS_NUMBER) : NULL;
	EXPECT(f && f->value == 4);
	HPDF_Font font = HPDF_List_ItemAt(pdf->font_mgr, 0);
	HPDF_FontDef def = font ? ((HPDF_FontAttr)font->attr)->fontdef : NULL;
	EXPECT(def && def->descriptor && HPDF_Dict_GetItem(def->descriptor, "CIDSet", HPDF_OCLASS_DICT));
	char path[512];
	snprintf(path, sizeof path, "%s/pdfa-unit.pdf", tmpdir());
	EXPECT(HPDF_SaveToFile(pdf, path) == HPDF_OK);
	EXPECT(d.nerrors == 0 && d.nsyserrs == 0);
	close_doc(&c);
}

static void
info_plain(void)
{
	diag d;
	diag_init(&d, "test", stdout);
	render_opts o = archival;
	o.archival = false;
	pdf_ctx c;
	EXPECT(make_doc(&c, &o, &d));
	if (!c.pdf)
		return;
	HPDF_Doc pdf = c.pdf;
	EXPECT(pdf_meta_info(&c) && pdf_meta_id(&c));
	EXPECT(HPDF_Dict_GetItem(pdf->trailer, "ID", HPDF_OCLASS_ARRAY) != NULL);
	EXPECT(HPDF_Dict_GetItem(pdf->catalog, "Metadata", HPDF_OCLASS_DICT) == NULL);
	HPDF_String prod = HPDF_Dict_GetItem(pdf->info, "Producer", HPDF_OCLASS_STRING);
	EXPECT(prod && !strcmp((const char *)prod->value, "p")); /* not "Haru Free PDF Library" */
	close_doc(&c);
}

/* An Info string over libharu's limit (65535 bytes, error 0x105B) is
 * shortened, never a failure. */
static void
info_too_long(void)
{
	diag d;
	diag_init(&d, "test", stdout);
	render_opts o = archival;
	char *title = malloc(100001);
	memset(title, 'x', 100000);
	title[100000] = '\0';
	o.info.title = title;
	o.info.subject = title;
	pdf_ctx c;
	EXPECT(make_doc(&c, &o, &d));
	if (c.pdf) {
		EXPECT(pdf_meta_info(&c) && pdf_meta_xmp(&c, NULL));
		EXPECT(!c.failed && c.err_no == 0);
		HPDF_Binary t = HPDF_Dict_GetItem(c.pdf->info, "Title", HPDF_OCLASS_BINARY);
		EXPECT(t && t->len <= 65535 && t->len > 60000);
		close_doc(&c);
	}
	free(title);
}

static void
apply_rejects_icc_v4(void)
{
	char path[512];
	snprintf(path, sizeof path, "%s/pdfa-v4.icc", tmpdir());
	FILE *in = fopen("/usr/share/color/icc/sRGB.icc", "rb"), *out = fopen(path, "wb");
	EXPECT(in && out);
	if (!in || !out) {
		if (in) fclose(in);
		if (out) fclose(out);
		return;
	}
	int ch;
	for (long i = 0; (ch = getc(in)) != EOF; i++)
		putc(i == 8 ? 4 : ch, out);
	fclose(in);
	fclose(out);
	FILE *sink = tmpfile();
	diag d;
	diag_init(&d, "test", sink ? sink : stdout);
	render_opts o = archival;
	o.icc_path = path;
	pdf_ctx c;
	EXPECT(make_doc(&c, &o, &d));
	if (c.pdf) {
		EXPECT(!pdfa_apply(&c));
		EXPECT(d.nsyserrs == 1);
		close_doc(&c);
	}
	if (sink)
		fclose(sink);
}

/* libharu's errors in words; never a bare code. */
static void
error_words(void)
{
	EXPECT_STR(pdf_error_text(HPDF_FAILD_TO_ALLOC_MEM), "out of memory");
	EXPECT_STR(pdf_error_text(HPDF_STRING_OUT_OF_RANGE), "string too long");
	EXPECT(!strstr(pdf_error_text(0), "0x") && *pdf_error_text(0));
	EXPECT(!strstr(pdf_error_text(0x1099), "0x"));
}

int
main(void)
{
	RUN(sha256_vectors);
	RUN(sha256_incremental);
	RUN(xml_escaping);
	RUN(xmp_packet);
	RUN(text_strings);
	RUN(fit_text);
	RUN(apply_archival);
	RUN(info_plain);
	RUN(info_too_long);
	RUN(apply_rejects_icc_v4);
	RUN(error_words);
	UNIT_EXIT();
}
