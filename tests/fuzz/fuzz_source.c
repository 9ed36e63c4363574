/* fuzz_source.c: every stage but the PDF on arbitrary bytes as a source
 * document: load (parse, XSD, model), semantic check, composition of the
 * Vorlage and of every annex, line and page breaking, box dump (to
 * /dev/null). fuzz_pdf.c goes on to the PDF.
 *
 * With libFuzzer (make fuzz): clang -fsanitize=fuzzer,address,undefined.
 * Without it, fuzz_env.c's main() runs the function over the files it is
 * given, which `make test` does on the corpus and the invalid documents. */
#include "compose/compose.h"
#include "fuzz.h"
#include "front/front.h"

void
fuzz_setup(void)
{
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	diag d;
	vl_doc *doc = fuzz_source_doc(data, size, &d);
	if (!doc)
		return 0;
	ts_layout *out = compose_vorlage(doc, FZ.t, FZ.e, &d);
	if (out)
		ts_layout_dump(out, FZ.null);
	ts_layout_free(out);
	for (size_t i = 0; i < doc->npartners; i++) {
		out = compose_annex(doc, FZ.t, FZ.e, (int)i, &d);
		ts_layout_free(out);
	}
	vl_doc_free(doc);
	return 0;
}
