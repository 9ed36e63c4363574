/* file.c: reading a whole file, bounded, with one set of messages. */
#include "file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void
too_large(diag *d, const char *path, const char *what, unsigned long long size, size_t max,
    int exact)
{
	if (what)
		MSG(FILE_TOO_LARGE, d, path, 0, 0, what, size, max);
	else if (exact)
		MSG(TOO_LARGE, d, path, 0, 0, size, max);
	else
		MSG(TOO_LARGE_STREAM, d, path, 0, 0, max);
}

char *
file_read(const char *path, const char *what, size_t max, size_t *len, diag *d)
{
	int fd = open(path, O_RDONLY);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) != 0) {
		MSG(CANNOT_OPEN, d, path, 0, 0, strerror(errno));
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	if (S_ISDIR(st.st_mode)) {
		MSG(IS_DIRECTORY, d, path, 0, 0);
		close(fd);
		return NULL;
	}
	int regular = S_ISREG(st.st_mode);
	if (regular && (unsigned long long)st.st_size > max) {
		too_large(d, path, what, (unsigned long long)st.st_size, max, 1);
		close(fd);
		return NULL;
	}
	/* a regular file may still grow while we read: read to its end, bounded */
	size_t cap = regular ? (size_t)st.st_size + 1 : 65536, n = 0;
	char *buf = xmalloc(cap);
	for (;;) {
		if (n == cap)
			buf = xgrow(buf, &cap, n + 1, 1);
		ssize_t r = read(fd, buf + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			MSG(CANNOT_READ, d, path, 0, 0, strerror(errno));
			close(fd);
			free(buf);
			return NULL;
		}
		if (r == 0)
			break;
		n += (size_t)r;
		if (n > max) {
			too_large(d, path, what, n, max, 0);
			close(fd);
			free(buf);
			return NULL;
		}
	}
	close(fd);
	if (n == cap)
		buf = xgrow(buf, &cap, n + 1, 1);
	buf[n] = '\0';
	*len = n;
	return buf;
}
