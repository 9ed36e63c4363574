/* fuzz_source.c: every stage but the PDF on arbitrary bytes as a source
 * document: load (parse, XSD, model), semantic check, composition of the
 * Vorlage and of every annex, line and page breaking, box dump (to
 * /dev/null). fuzz_pdf.c goes on to the PDF.
 *
 * With libFuzzer (make fuzz): clang -fsanitize=fuzzer,address,undefined.
 * Without it, fuzz_env.c's main() runs the function over the files it is
 * given, which `make test` does on the corpus and the invalid documents. */
#include "compose.h"
#include "fuzz.h"
#include "model.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_env_init("xml");
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_write(data, size);
	if (!path)
		return 0;
	diag d;
	diag_init(&d, "fuzz", NULL); /* count, do not print */
	vl_doc *doc = vl_load(path, FZ.xsd, &d);
	if (doc && vl_check(doc, &d) == 0) {
		ts_doc *out = compose_vorlage(doc, FZ.t, FZ.e, &d);
		if (out)
			ts_doc_dump(out, FZ.null);
		ts_doc_free(out);
		for (size_t i = 0; i < doc->npartners; i++) {
			out = compose_annex(doc, FZ.t, FZ.e, (int)i, &d);
			ts_doc_free(out);
		}
	}
	vl_doc_free(doc);
	return 0;
}
