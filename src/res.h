/* res.h: finding the project's resources (schema, templates, fonts,
 * dictionaries, ICC profile) relative to the program, never by a compiled-in
 * absolute path. */
#ifndef VORLAGE_RES_H
#define VORLAGE_RES_H

#include "arena.h"

/* The resource root: $VORLAGE_HOME if set, else the parent of the directory
 * holding the executable (build/vorlage → the repository), else ".". */
const char *res_root(arena *a);
/* root + "/" + rel; an absolute rel is returned as is. */
const char *res_path(arena *a, const char *rel);

#endif
