/* hyphcache.c: `hyphcache DIC CACHE` writes the cache of a libhyphen
 * dictionary (see src/engine/hyphcache.c); run by make. */
#include <stdio.h>

#include "base/base.h"
#include "engine/engine.h"

int
main(int argc, char **argv)
{
	diag d;
	diag_init(&d, "hyphcache", stderr);
	if (argc != 3) {
		fputs("usage: hyphcache DICTIONARY.dic CACHE\n", stderr);
		return VL_EXIT_TROUBLE;
	}
	hyph_cache_build(argv[1], argv[2], &d);
	return diag_exit_status(&d);
}
