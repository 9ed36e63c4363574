/* file.h: reading a whole file, bounded, with one set of messages. */
#ifndef VORLAGE_FILE_H
#define VORLAGE_FILE_H

#include <stddef.h>

#include "diag.h"

/* Reads the regular file path, of at most max bytes, into a malloc'd
 * buffer with a NUL after its *len bytes. On failure prints one DIAG_SYSERR
 * message naming what it is ("font", "template"): "cannot open WHAT: …",
 * "cannot read WHAT: not a regular file", "WHAT larger than N bytes",
 * "cannot read WHAT: …"; returns NULL. */
char *file_read(const char *path, const char *what, size_t max, size_t *len, diag *d);

#endif
