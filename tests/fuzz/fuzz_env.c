/* fuzz_env.c: the harnesses' shared set-up (fuzz.h) and, without libFuzzer,
 * the stand-alone driver: each file once, "ok fuzz-NAME" per file, which
 * `make test` runs over the corpora (tests/t_fuzz_corpus.sh). */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/base.h"

fuzz_env FZ;

void
fuzz_env_init(const char *ext)
{
	/* the engine keeps its diag: it must outlive this function */
	diag *d = &FZ.d;
	diag_init(d, "fuzz", stderr);
	FZ.a = arena_new();
	FZ.xsd = res_path(FZ.a, "xml/vorlage.xsd");
	FZ.tpl_xsd = res_path(FZ.a, "templates/template.xsd");
	FZ.t = tpl_load(res_path(FZ.a, "templates/landtag-nrw.xml"), FZ.tpl_xsd, d);
	if (!FZ.t)
		abort();
	FZ.h = hyph_new();
	for (size_t i = 0; i < FZ.t->nhyph; i++)
		hyph_add_language(FZ.h, FZ.t->hyph[i].lang, FZ.t->hyph[i].path, d);
	FZ.e = ts_engine_new(FZ.t->fonts, NULL, FZ.h, d);
	if (!FZ.e)
		abort();
	d->out = NULL; /* from here on the inputs' warnings are only counted */
	/* in the temporary directory: the harness writes nothing into the tree */
	const char *tmp = getenv("TMPDIR");
	snprintf(FZ.path, sizeof FZ.path, "%s/vorlage-fuzz-%ld.%s",
	    tmp && *tmp && strlen(tmp) < 48 ? tmp : "/tmp", (long)getpid(), ext);
	FZ.null = fopen("/dev/null", "w");
	if (!FZ.null)
		abort();
}

void
fuzz_env_free(void)
{
	if (FZ.cleanup)
		FZ.cleanup();
	remove(FZ.path);
	ts_engine_free(FZ.e);
	hyph_free(FZ.h);
	tpl_free(FZ.t);
	arena_free(FZ.a);
	fclose(FZ.null);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_env_init("xml");
	fuzz_setup();
	return 0;
}

const char *
fuzz_input(const uint8_t *data, size_t size, diag *d)
{
	diag_init(d, "fuzz", NULL);
	FILE *f = fopen(FZ.path, "wb");
	if (!f)
		return NULL;
	size_t n = fwrite(data, 1, size, f);
	if (fclose(f) != 0 || n != size)
		return NULL;
	return FZ.path;
}

vl_doc *
fuzz_source_doc(const uint8_t *data, size_t size, diag *d)
{
	const char *path = fuzz_input(data, size, d);
	if (!path)
		return NULL;
	vl_doc *doc = vl_load(path, FZ.xsd, d);
	if (doc && vl_check(doc, d) != 0) {
		vl_doc_free(doc);
		doc = NULL;
	}
	return doc;
}

#ifndef VORLAGE_LIBFUZZER
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
		if (!buf) {
			printf("FAIL fuzz-%s: out of memory\n", argv[i]);
			continue;
		}
		LLVMFuzzerTestOneInput(buf, n);
		free(buf);
		printf("ok fuzz-%s\n", argv[i]);
	}
	fuzz_env_free();
	return 0;
}
#endif
