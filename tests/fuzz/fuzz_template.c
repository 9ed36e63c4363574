/* fuzz_template.c: arbitrary bytes as a layout template: parse, validate
 * against templates/template.xsd, load and check it (tpl_load, which also
 * opens and reads the fonts, dictionaries and profile it names). A template
 * that loads then lays out Vorlage 18/1828 (the letter's zones, the title
 * page, the report, an annex) with the default engine, dumped to /dev/null:
 * the template's measures drive the layout, the default fonts and
 * dictionaries the metrics, so that an input costs no font parsing. */
#include <stdlib.h>

#include "compose/compose.h"
#include "fuzz.h"
#include "front/front.h"
#include "base/base.h"

static vl_doc *doc; /* xml/vorlage-18-1828.xml, loaded once */

static void
free_doc(void)
{
	vl_doc_free(doc);
	doc = NULL;
}

void
fuzz_setup(void)
{
	diag d;
	diag_init(&d, "fuzz", stderr);
	doc = vl_load(res_path(FZ.a, "xml/vorlage-18-1828.xml"), FZ.xsd, &d);
	if (!doc || vl_check(doc, &d) != 0)
		abort();
	FZ.cleanup = free_doc;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	diag d;
	const char *path = fuzz_input(data, size, &d);
	vl_template *t = path ? tpl_load(path, FZ.tpl_xsd, &d) : NULL;
	if (!t)
		return 0;
	for (int annex = 0; annex < 2; annex++) {
		ts_layout *out = annex ? compose_annex(doc, t, FZ.e, 0, &d)
		    : compose_vorlage(doc, t, FZ.e, &d);
		if (out)
			ts_layout_dump(out, FZ.null);
		ts_layout_free(out);
	}
	tpl_free(t);
	return 0;
}
