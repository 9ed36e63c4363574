/* fuzz_source.c: every stage on arbitrary bytes as a source document: load
 * (parse, XSD, model), semantic check, composition of the Vorlage and of
 * every annex, line and page breaking, box dump (to /dev/null). The PDF
 * back end is left out: it is libharu's code and slow per input.
 *
 * With libFuzzer (make fuzz): clang -fsanitize=fuzzer,address,undefined.
 * Without it, a small main() runs the function over the files it is given,
 * which `make test` does on the seed corpus and the invalid documents. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "compose.h"
#include "hyph.h"
#include "model.h"
#include "res.h"
#include "template.h"
#include "typeset.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct {
	arena *a;
	vl_template *t;
	hyph *h;
	ts_engine *e;
	const char *xsd;
	char path[64];
	FILE *null;
} F;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	diag d;
	diag_init(&d, "fuzz", stderr);
	F.a = arena_new();
	F.xsd = res_path(F.a, "xml/vorlage.xsd");
	F.t = tpl_load(res_path(F.a, "templates/landtag-nrw.xml"),
	    res_path(F.a, "templates/template.xsd"), &d);
	if (!F.t)
		abort();
	F.h = hyph_new();
	for (size_t i = 0; i < F.t->nhyph; i++)
		hyph_add_language(F.h, F.t->hyph[i].lang, F.t->hyph[i].path, &d);
	F.e = ts_engine_new(F.t->fonts, F.h, &d);
	if (!F.e)
		abort();
	/* relative to the repository, where make runs it */
	snprintf(F.path, sizeof F.path, "build/fuzz-input-%ld.xml", (long)getpid());
	F.null = fopen("/dev/null", "w");
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FILE *f = fopen(F.path, "wb");
	if (!f)
		return 0;
	fwrite(data, 1, size, f);
	fclose(f);
	diag d;
	diag_init(&d, "fuzz", NULL); /* count, do not print */
	vl_doc *doc = vl_load(F.path, F.xsd, &d);
	if (doc && vl_check(doc, &d) == 0) {
		ts_doc *out = compose_vorlage(doc, F.t, F.e, &d);
		if (out)
			ts_doc_dump(out, F.null);
		ts_doc_free(out);
		for (size_t i = 0; i < doc->npartners; i++) {
			out = compose_annex(doc, F.t, F.e, (int)i, &d);
			ts_doc_free(out);
		}
	}
	vl_doc_free(doc);
	return 0;
}

#ifndef VORLAGE_LIBFUZZER
/* The stand-alone driver: each file once; prints "ok fuzz-NAME" per file. */
int
main(int argc, char **argv)
{
	LLVMFuzzerInitialize(&argc, &argv);
	for (int i = 1; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");
		if (!f) {
			printf("FAIL fuzz-%s: cannot open\n", argv[i]);
			continue;
		}
		size_t cap = 1 << 16, n = 0, got;
		uint8_t *buf = malloc(cap);
		while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
			n += got;
			if (n == cap) {
				uint8_t *nb = realloc(buf, cap *= 2);
				if (!nb)
					break;
				buf = nb;
			}
		}
		fclose(f);
		LLVMFuzzerTestOneInput(buf, n);
		free(buf);
		printf("ok fuzz-%s\n", argv[i]);
	}
	remove(F.path);
	ts_engine_free(F.e);
	hyph_free(F.h);
	tpl_free(F.t);
	arena_free(F.a);
	fclose(F.null);
	return 0;
}
#endif
