/* file.h: reading a whole file and writing one atomically, bounded, with one
 * set of messages. */
#ifndef VORLAGE_FILE_H
#define VORLAGE_FILE_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

/* Reads the regular file path (opened without blocking: a FIFO or a device
 * is refused, never waited on) of at most max bytes into a malloc'd buffer with a NUL
 * after its *len bytes; returns NULL after one message otherwise: "cannot
 * open: …", "cannot open: is a directory", "cannot read: …" (trouble, exit
 * 2), and for a file above max: with what NULL the file is an input document
 * (the source, a template) and "document too large: …" makes it invalid
 * (exit 1); else what names the resource ("font") and "font too large: …" is
 * trouble (exit 2). */
char *file_read(const char *path, const char *what, size_t max, size_t *len, diag *d);

/* Reads up to n bytes from the start of the regular file path (opened as
 * file_read does: a FIFO or a device is never waited on) into buf; returns
 * how many, 0 when path is no readable regular file. Prints nothing. */
size_t file_head(const char *path, void *buf, size_t n);

/* SHA-256 of the regular file path (opened as file_read does) into out;
 * false after a message. */
bool file_sha256(const char *path, unsigned char out[32], diag *d);

/* Writes len bytes to a temporary file beside path and renames it into
 * place only when complete: path is never left half-written. Writes only
 * over a regular file or a missing path, and never over one of the ninputs
 * files of inputs (compared by device and inode, so another name of an input
 * is refused too). SIGINT, SIGTERM and SIGHUP during the write remove the
 * temporary file. Returns an enum vl_exit, after one DIAG_SYSERR message on
 * failure. */
int file_write_atomic(const char *path, const void *data, size_t len,
    const char *const *inputs, size_t ninputs, diag *d);

#endif
