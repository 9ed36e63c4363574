/* fuzz_pdf.c: the whole way to the PDF on arbitrary bytes as a source:
 * load, check, compose the Vorlage with the default template, lay it out
 * and render it (PDF/A-1a, tagged) into memory with render_pdf_mem; no file
 * is written but the harness's temporary input. A PDF that comes out must
 * look like one (header and trailer), else the harness aborts: libFuzzer
 * keeps the input.
 *
 * The back end is the slowest stage (libharu, zlib, the font subsets), so
 * this harness runs fewer inputs a second than fuzz_source.c. */
#include <stdlib.h>
#include <string.h>

#include "compose/compose.h"
#include "fuzz.h"
#include "front/front.h"
#include "pdf/pdf.h"

void
fuzz_setup(void)
{
}

static void
expect_pdf(const unsigned char *pdf, size_t len)
{
	static const char head[] = "%PDF-1.4", tail[] = "%%EOF";
	if (len < sizeof head + sizeof tail || memcmp(pdf, head, sizeof head - 1) != 0)
		abort();
	size_t end = len;
	while (end > 0 && (pdf[end - 1] == '\n' || pdf[end - 1] == '\r'))
		end--;
	if (end < sizeof tail - 1 || memcmp(pdf + end - (sizeof tail - 1), tail, sizeof tail - 1) != 0)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	diag d;
	vl_doc *doc = fuzz_source_doc(data, size, &d);
	if (!doc)
		return 0;
	ts_layout *out = compose_vorlage(doc, FZ.t, FZ.e, &d);
	if (out) {
		arena *a = arena_new();
		render_opts o = { .archival = true, .icc_path = FZ.t->icc_path, .variant = "vorlage" };
		compose_vorlage_info(doc, FZ.t, a, &o.info);
		unsigned char *pdf;
		size_t len;
		if (render_pdf_mem(out, &o, &pdf, &len, &d) == VL_EXIT_OK)
			expect_pdf(pdf, len);
		free(pdf);
		arena_free(a);
	}
	ts_layout_free(out);
	vl_doc_free(doc);
	return 0;
}
