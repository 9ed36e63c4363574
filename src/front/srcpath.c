/* srcpath.c: files a source names by a path relative to itself (the
 * signature image, figures), and whether they stay inside the source's
 * directory once symbolic links are resolved. */
#define _XOPEN_SOURCE 700 /* realpath */
#include "front.h"

#include <stdlib.h>
#include <string.h>

const char *
vl_source_file(arena *a, const char *source, const char *rel, bool *inside, bool *exists)
{
	const char *slash = strrchr(source, '/');
	const char *path = rel[0] == '/' || !slash ? rel
	    : arena_printf(a, "%.*s/%s", (int)(slash - source), source, rel);
	const char *dir = slash ? (slash == source ? "/" : arena_strndup(a, source,
	    (size_t)(slash - source))) : ".";
	char *rdir = realpath(dir, NULL), *rfile = realpath(path, NULL);
	*inside = true;
	*exists = rfile != NULL;
	if (rdir && rfile) {
		size_t n = strlen(rdir);
		*inside = strncmp(rfile, rdir, n) == 0 &&
		    (rfile[n] == '/' || (n == 1 && rdir[0] == '/'));
	}
	free(rdir);
	free(rfile);
	return path;
}
