/* file.h: reading a whole file, bounded, with one set of messages. */
#ifndef VORLAGE_FILE_H
#define VORLAGE_FILE_H

#include <stddef.h>

#include "diag.h"

/* Reads the file path (a regular file, or a pipe or device read to its end;
 * not a directory) of at most max bytes into a malloc'd buffer with a NUL
 * after its *len bytes; returns NULL after one message otherwise: "cannot
 * open: …", "cannot open: is a directory", "cannot read: …" (trouble, exit
 * 2), and for a file above max: with what NULL the file is an input document
 * (the source, a template) and "document too large: …" makes it invalid
 * (exit 1); else what names the resource ("font") and "font too large: …" is
 * trouble (exit 2). */
char *file_read(const char *path, const char *what, size_t max, size_t *len, diag *d);

#endif
