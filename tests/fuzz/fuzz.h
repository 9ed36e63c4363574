/* fuzz.h: what the fuzz harnesses share: the default template, the
 * hyphenation and the engine, set up once; the input bytes as a temporary
 * file for the loaders, which read files; and, without libFuzzer, a main()
 * that runs the harness over the files it is given (fuzz_main.c). */
#ifndef VORLAGE_FUZZ_H
#define VORLAGE_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "base/base.h"
#include "engine/engine.h"
#include "front/front.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct fuzz_env {
	diag d;              /* the engine's for good: counts, prints nothing */
	arena *a;
	vl_template *t;      /* templates/landtag-nrw.xml */
	hyph *h;
	ts_engine *e;
	const char *xsd;     /* xml/vorlage.xsd */
	const char *tpl_xsd; /* templates/template.xsd */
	char path[96];       /* the temporary input file */
	FILE *null;          /* /dev/null, for box dumps */
	void (*cleanup)(void); /* the harness's own, run by fuzz_env_free */
} fuzz_env;

extern fuzz_env FZ;

/* Loads the default template, its dictionaries and the engine (aborts when
 * it cannot: the harness is useless without them); ext names the temporary
 * file ("xml"). */
void fuzz_env_init(const char *ext);
void fuzz_env_free(void);

/* The harness's own set-up, which fuzz_env.c's LLVMFuzzerInitialize runs
 * after fuzz_env_init("xml"). */
void fuzz_setup(void);

/* The bytes as the temporary file, and d made to count messages without
 * printing them; the file's path, or NULL when it cannot be written. */
const char *fuzz_input(const uint8_t *data, size_t size, diag *d);

/* The bytes as a source document that loads and passes the semantic check,
 * or NULL (d as in fuzz_input). */
vl_doc *fuzz_source_doc(const uint8_t *data, size_t size, diag *d);

#endif
