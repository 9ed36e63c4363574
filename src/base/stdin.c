/* stdin.c: standard input as a source ("-"): read once, bounded as a file
 * is, and kept, since the source is parsed, then hashed for the PDF's ID,
 * and may be shown in messages. Standard input is the process's, so its
 * bytes are too: the one buffer lives until stdin_free. */
#include "base.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char *bytes;
static size_t nbytes;
static int state; /* 0 not read, 1 read, -1 failed (the message printed once) */

const char *
stdin_bytes(size_t max, size_t *len, diag *d)
{
	if (state == 0) {
		size_t cap = 65536, n = 0;
		char *buf = xmalloc(cap + 1);
		for (;;) {
			if (n == cap)
				buf = xgrow(buf, &cap, n + 65536, 1);
			ssize_t r = read(STDIN_FILENO, buf + n, cap - n);
			if (r < 0 && errno == EINTR)
				continue;
			if (r < 0) {
				MSG(CANNOT_READ, d, "-", 0, 0, strerror(errno));
				break;
			}
			if (r == 0) {
				state = 1;
				break;
			}
			n += (size_t)r;
			if (n > max) {
				MSG(TOO_LARGE_STREAM, d, "-", 0, 0, max);
				break;
			}
		}
		if (state != 1) {
			free(buf);
			state = -1;
			return NULL;
		}
		buf = xrealloc(buf, n + 1);
		buf[n] = 0;
		bytes = buf;
		nbytes = n;
	}
	if (state < 0)
		return NULL;
	*len = nbytes;
	return bytes;
}

void
stdin_free(void)
{
	free(bytes);
	bytes = NULL;
	nbytes = 0;
}
